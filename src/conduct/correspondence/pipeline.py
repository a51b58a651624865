"""Running a source through ``store_items`` in chunks (the CLI, upload page, API and tasks)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings

from conduct.correspondence.models import ImportRun
from conduct.correspondence.parsing.items import Item, ParseResult, Rejected
from conduct.correspondence.parsing.sources import Limits, read_path
from conduct.correspondence.services.ingest import StoreResult, store_items

CHUNK = 200
Progress = Callable[[int, StoreResult], None]


def limits() -> Limits:
    return Limits(max_message_bytes=int(settings.CORRESPONDENCE_MAX_MESSAGE_BYTES))


def ingest_results(
    results: Iterable[ParseResult],
    *,
    actor: Any,
    run: ImportRun | None,
    chunk_size: int = CHUNK,
    progress: Progress | None = None,
) -> StoreResult:
    """Store parser output a chunk at a time; each chunk is committed on its own."""
    total = StoreResult()
    items: list[Item] = []
    rejected: list[Rejected] = []
    seen = 0

    def flush() -> None:
        if not items and not rejected:
            return
        chunk = store_items(items, rejected, actor=actor, run=run)
        total.merge(chunk)
        items.clear()
        rejected.clear()
        if progress is not None:
            progress(seen, chunk)

    for result in results:
        seen += 1
        (rejected if isinstance(result, Rejected) else items).append(result)  # type: ignore[arg-type]
        if len(items) + len(rejected) >= chunk_size:
            flush()
    flush()
    return total


def ingest_path(
    path: Path, *, actor: Any, run: ImportRun | None, progress: Progress | None = None
) -> StoreResult:
    return ingest_results(read_path(path, limits()), actor=actor, run=run, progress=progress)
