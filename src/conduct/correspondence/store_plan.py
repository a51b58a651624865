"""What storing a chunk of parsed items writes, worked out from plain values. No Django imports.

``services.ingest.store_items`` gathers the facts (the dedup keys, which are
already held, how screening and matching went, each client's single point of
contact), asks these functions what to write, and writes it in one transaction.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Intake:
    """Which of the items offered to store are new."""

    fresh: tuple[int, ...]  # positions of the items to store, in the order offered
    duplicates: int  # items skipped: repeated in the chunk or already held


def first_of_each(keys: Sequence[str]) -> dict[str, int]:
    """Each dedup key with the position of the first item that has it."""
    firsts: dict[str, int] = {}
    for n, key in enumerate(keys):
        firsts.setdefault(key, n)
    return firsts


def plan_intake(keys: Sequence[str], held: Collection[str]) -> Intake:
    """Store the first item of each key that is not already held; count the rest."""
    firsts = first_of_each(keys)
    fresh = tuple(n for key, n in firsts.items() if key not in held)
    return Intake(fresh=fresh, duplicates=len(keys) - len(fresh))


@dataclass(frozen=True)
class Arrival:
    """One new item as matched and screened, before it is written."""

    key: str
    ref: str  # where it came from, for the import's problems
    client_id: int | None
    flagged: bool  # screening flagged it
    notes: tuple[str, ...] = ()  # what parsing noticed (stored anyway)


@dataclass(frozen=True)
class StorePlan:
    """What to write for one chunk, by dedup key."""

    hold: frozenset[str]  # flagged: held for review, and "do not reply"
    routes: Mapping[str, int]  # to the user id of the client's single point of contact
    problems: tuple[dict[str, str], ...]
    rejected: int
    duplicates: int  # known before writing; rows another worker wrote first add to it


def plan_store(
    intake: Intake,
    arrivals: Sequence[Arrival],
    *,
    rejected: Sequence[tuple[str, str]] = (),
    refused_attachments: Sequence[tuple[str, str]] = (),
    single_contacts: Mapping[int, int],
) -> StorePlan:
    """Hold flagged items, route each client's to their single point of contact, list problems.

    ``rejected`` and ``refused_attachments`` are (item ref, reason) pairs;
    ``single_contacts`` maps a client id to the user id of their single point
    of contact under a restriction in force.
    """
    problems = [{"item": ref, "reason": reason} for ref, reason in rejected]
    problems += [
        {"item": ref, "reason": f"stored, but {reason}"} for ref, reason in refused_attachments
    ]
    problems += [
        {"item": a.ref, "reason": f"stored, but {note}"} for a in arrivals for note in a.notes
    ]
    return StorePlan(
        hold=frozenset(a.key for a in arrivals if a.flagged),
        routes={
            a.key: single_contacts[a.client_id]
            for a in arrivals
            if a.client_id is not None and a.client_id in single_contacts
        },
        problems=tuple(problems),
        rejected=len(rejected),
        duplicates=intake.duplicates,
    )


@dataclass(frozen=True)
class Notice:
    """A notification to one single point of contact."""

    user_id: int
    key: str
    text: str
    url: str


def plan_notices(
    order: Iterable[str], routes: Mapping[str, int], stored: Mapping[str, int]
) -> list[Notice]:
    """One notice per single point of contact for the items this chunk stored.

    ``order`` is the chunk's dedup keys in the order written; ``stored`` maps
    the keys this call inserted to the new communications' ids.
    """
    by_user: dict[int, list[int]] = {}
    for key in order:
        if key in routes and key in stored:
            by_user.setdefault(routes[key], []).append(stored[key])
    return [
        Notice(
            user_id=user_id,
            key=f"correspondence-routed-{ids[0]}",
            text=f"{len(ids)} new communication(s) from a client you are the single point of contact for.",
            url=f"/correspondence/{ids[0]}/",
        )
        for user_id, ids in by_user.items()
    ]
