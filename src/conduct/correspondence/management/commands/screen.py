"""`conduct screen PATH...`: screen messages in files and print one verdict per message."""

from __future__ import annotations

import os
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError

from conduct.correspondence.screen_files import screen_paths
from conduct.screening.engine.api import default_screener

CHANNELS = ["phone", "video", "in_person", "email", "letter", "social_media", "web_form", "other"]


class Command(BaseCommand):
    help = (
        "Screen messages for unacceptable behaviour. Reads .txt, .pdf, .eml, .mbox, a Maildir "
        "folder, or .csv, and writes JSON Lines: exactly one object per message or row, in input "
        "order. Mail and PDFs are read as `conduct ingest` reads them. An input, or a message in "
        "one, that cannot be read (binary data, a PDF without extractable text) is reported on "
        "stderr (a JSON line with its reason), the others are still "
        "screened, and the exit status is 1; a message read despite a problem (an unknown "
        "charset, malformed MIME) gets a note on stderr."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "paths", nargs="+", type=Path, metavar="PATH", help="files or Maildir folders"
        )
        parser.add_argument(
            "--text-column", default="text", help="CSV column holding the text (default: text)"
        )
        parser.add_argument("--output", type=Path, help="write to this file instead of stdout")
        parser.add_argument(
            "--format",
            choices=["jsonl", "table"],
            default="jsonl",
            help="jsonl (default) or table, for people",
        )
        parser.add_argument(
            "--channel", choices=CHANNELS, help="policy channel of the messages (e.g. social_media)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        progress = sys.stderr.isatty()
        out_path: Path | None = options["output"]
        out = out_path.open("w", encoding="utf-8") if out_path else self.stdout
        # The engine writes whole lines itself (and "\r" progress updates).
        self.stdout.ending = self.stderr.ending = ""
        try:
            failed = screen_paths(
                options["paths"],
                default_screener(),
                # Django's OutputWrapper hands write() and flush() to the real stream.
                cast(TextIO, out),
                cast(TextIO, self.stderr),
                text_column=options["text_column"],
                channel=options["channel"],
                table=options["format"] == "table",
                progress=progress,
            )
        except BrokenPipeError:  # e.g. `conduct screen x.csv | head`: stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return
        finally:
            self.stdout.ending = self.stderr.ending = "\n"
            if out_path:
                out.close()
        if failed:
            raise CommandError(f"{failed} input(s) or message(s) could not be read", returncode=1)
