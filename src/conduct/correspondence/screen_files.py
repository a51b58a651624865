"""Screen files in bulk: what `conduct screen PATH...` does, with no Django in it."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from conduct.correspondence.parsing.readers import InputError, Item, Unreadable, read
from conduct.screening.engine.api import Screener

BATCH = 256


def verdict_record(item: Item, verdict_dict: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {"source": item.source, "index": item.index}
    record.update(verdict_dict)
    if item.meta:
        record["meta"] = item.meta
    return record


def _batches(items: Sequence[Item]) -> Iterator[Sequence[Item]]:
    for i in range(0, len(items), BATCH):
        yield items[i : i + BATCH]


def table_row(record: dict[str, Any]) -> str:
    evidence = record["evidence"][0]["text"] if record["evidence"] else ""
    evidence = evidence.replace("\n", " ")
    if len(evidence) > 40:
        evidence = evidence[:37] + "..."
    flag = "FLAG" if record["flagged"] else "ok"
    source = f"{record['source']}#{record['index']}"
    cats = ",".join(record["categories"]) or "-"
    return f"{source:<40.40} {flag:<4} {record['score']:>5.2f}  {cats:<45.45} {evidence}"


def screen_paths(
    paths: Sequence[Path],
    screener: Screener,
    out: TextIO,
    err: TextIO,
    *,
    text_column: str = "text",
    channel: str | None = None,
    table: bool = False,
    progress: bool = False,
) -> int:
    """Screen every message in `paths`, writing one line per message to `out`.

    Returns the number of inputs (or messages in them) that could not be read; each gets a
    JSON error line on `err` and the others are still screened. A message read despite a
    problem (an unknown charset, a malformed header) gets a JSON note line on `err`.
    """
    failed = 0
    loaded: list[Item] = []
    for path in paths:
        try:
            messages = list(read(path, text_column=text_column))
        except InputError as exc:
            failed += 1
            err.write(json.dumps({"source": str(path), "error": str(exc)}) + "\n")
            continue
        for message in messages:
            if isinstance(message, Unreadable):
                failed += 1
                report = {"source": message.source, "index": message.index}
                err.write(json.dumps({**report, "error": message.reason}) + "\n")
                continue
            if message.problems:
                report = {"source": message.source, "index": message.index}
                err.write(json.dumps({**report, "note": "; ".join(message.problems)}) + "\n")
            loaded.append(message)
    if table:
        header = f"{'source':<40} {'flag':<4} {'score':>5}  {'categories':<45} evidence"
        out.write(header + "\n")
    done = 0
    for batch in _batches(loaded):
        verdicts = screener.screen_many([item.text for item in batch], channel=channel)
        for item, verdict in zip(batch, verdicts, strict=True):
            record = verdict_record(item, verdict.to_dict())
            out.write(
                (table_row(record) if table else json.dumps(record, ensure_ascii=False)) + "\n"
            )
        done += len(batch)
        if progress:
            err.write(f"\rscreened {done}/{len(loaded)}")
            err.flush()
    if progress and loaded:
        err.write("\n")
    return failed
