"""What is in force for a client (a warning, a restriction), as one sentence.

The client's API representation shows it, but warnings and restrictions belong to
casework, which sits above clients in ``conduct.layers``: casework hands its query
over at start-up (``provide``), so clients imports no app above it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

MarkerTexts = Callable[[Iterable[int]], dict[int, "str | None"]]

_source: list[MarkerTexts] = []


def provide(source: MarkerTexts) -> None:
    """Set the query that finds the markers of many clients at once."""
    _source[:] = [source]


def marker_texts(client_ids: Iterable[int]) -> dict[int, str | None]:
    """Each client's marker sentence, or None (all None when no app provides markers)."""
    ids = list(client_ids)
    if not _source:
        return dict.fromkeys(ids)
    return _source[0](ids)


def marker_text(client_id: int) -> str | None:
    return marker_texts([client_id])[client_id]
