"""``conduct ingest SOURCE...``: import communications from files and folders."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from conduct.correspondence.parsing.sources import estimate, read_path
from conduct.correspondence.pipeline import ImportStopped, limits, run_import
from conduct.correspondence.progress import ProgressBar
from conduct.correspondence.queueing import CHUNK, chunks, raw_messages
from conduct.correspondence.services.ingest import StoreResult, start_import


class Command(BaseCommand):
    help = (
        "Import communications: .eml files, .mbox files, Maildir folders, phone-call CSVs, "
        "social-media exports (CSV or JSON) and letters (.txt or .pdf), or folders of them. "
        "Each item is stored once (re-running adds nothing), screened on arrival, and matched "
        "to a client. Items that cannot be read are listed with the reason, and the command "
        "exits with status 1 if any were."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sources", nargs="+", metavar="SOURCE", help="Files or folders.")
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the work for background workers instead of importing now. E-mail "
            "sources are sent to the workers a chunk of messages per task (no shared disk "
            "needed); other files are queued by path (the worker must be able to read it). "
            "Queueing the same source again is safe.",
        )
        parser.add_argument(
            "--chunk",
            type=int,
            default=CHUNK,
            help=f"Messages per background task (default {CHUNK}).",
        )

    def _queue(self, path: Path, size: int) -> None:
        from conduct.correspondence.tasks import ingest_messages_task, ingest_path_task

        if not path.exists():
            raise CommandError(f"{path}: no such file or folder")
        messages = raw_messages(path)
        if messages is None:
            result = ingest_path_task.enqueue(str(path))
            self.stdout.write(f"{path.name}: queued as task {result.id}")
            return
        run = start_import(f"queued: {path.name}", actor=None)
        tasks = 0
        for chunk in chunks(messages, max(size, 1)):
            ingest_messages_task.enqueue(chunk, run.pk)
            tasks += 1
        self.stdout.write(f"{path.name}: queued in {tasks} task(s) (import {run.pk})")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["background"]:
            for source in options["sources"]:
                self._queue(Path(source).resolve(), options["chunk"])
            return
        failed = 0
        for source in options["sources"]:
            failed += self._one(Path(source))
        if failed:
            raise CommandError(f"{failed} item(s) could not be imported; see the reasons above.")

    def _one(self, path: Path) -> int:
        if not path.exists():
            self.stderr.write(f"{path}: no such file or folder")
            return 1
        run = start_import(str(path.name or path), actor=None)
        bar = ProgressBar(sys.stderr, str(path.name), estimate(path))

        def progress(seen: int, chunk: StoreResult) -> None:
            for problem in chunk.problems:
                if bar.enabled:
                    bar.stream.write("\r\033[K")
                self.stderr.write(f"{problem['item']}: {problem['reason']}")
            bar.update(seen)

        try:
            run, _ = run_import(run, [read_path(path, limits())], actor=None, progress=progress)
        except ImportStopped as stopped:
            bar.close()
            run = stopped.run
            self.stderr.write(
                f"{path.name}: import {run.pk} stopped before its end ({stopped.reason}); "
                f"{run.added} added, {run.rejected} rejected before it stopped"
            )
            return max(run.rejected, 1)
        bar.close()
        self.stdout.write(
            f"{path.name}: {run.added} added, {run.duplicates} already held, "
            f"{run.rejected} rejected, {run.flagged} flagged for review (import {run.pk})"
        )
        return run.rejected
