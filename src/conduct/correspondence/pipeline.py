"""Running a source through ``store_items`` in chunks (the CLI, upload page, API and tasks)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings

from conduct.core.storage import is_storage_full
from conduct.correspondence.models import ImportRun
from conduct.correspondence.parsing.items import Item, ParseResult, Rejected
from conduct.correspondence.parsing.sources import Limits, read_path
from conduct.correspondence.services.ingest import (
    StoreResult,
    finish_import,
    stop_import,
    store_items,
)

logger = logging.getLogger(__name__)
CHUNK = 200
Progress = Callable[[int, StoreResult], None]


def limits() -> Limits:
    return Limits(max_message_bytes=int(settings.CORRESPONDENCE_MAX_MESSAGE_BYTES))


def ingest_results(
    results: Iterable[ParseResult],
    *,
    actor: Any,
    run: ImportRun | None,
    chunk_size: int | None = None,
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
        if isinstance(result, Rejected):
            rejected.append(result)
        else:
            items.append(result)
        if len(items) + len(rejected) >= (chunk_size or CHUNK):
            flush()
    flush()
    return total


def ingest_path(
    path: Path, *, actor: Any, run: ImportRun | None, progress: Progress | None = None
) -> StoreResult:
    return ingest_results(read_path(path, limits()), actor=actor, run=run, progress=progress)


class ImportStopped(Exception):
    """An import that could not reach its end; ``run`` records it as stopped."""

    def __init__(self, run: ImportRun, reason: str) -> None:
        super().__init__(reason)
        self.run = run
        self.reason = reason


def run_import(
    run: ImportRun,
    sources: Iterable[Iterable[ParseResult]],
    *,
    actor: Any,
    progress: Progress | None = None,
) -> tuple[ImportRun, StoreResult]:
    """Store every source into ``run`` and finish it (the CLI, the Imports page, the API).

    A file that cannot be read is a rejected item, never a failure. If storing
    itself fails (the database or the file store), the chunks already committed
    are kept, ``run`` is recorded as stopped with the reason, and ImportStopped
    is raised for the caller to report.
    """
    total = StoreResult()
    try:
        for results in sources:
            total.merge(ingest_results(results, actor=actor, run=run, progress=progress))
    except Exception as exc:
        full = is_storage_full(exc)
        if full:
            reason = "the file store is full; re-run it when there is room: nothing is stored twice"
        else:
            reason = f"{exc.__class__.__name__} while storing; re-run it: nothing is stored twice"
        logger.error("import %s stopped: %s", run.pk, exc.__class__.__name__)
        stopped = stop_import(run, reason, actor=actor)
        if full:
            # Pages and the API answer a full store with the same 507 everywhere.
            raise
        raise ImportStopped(stopped, reason) from exc
    return finish_import(run, actor=actor), total
