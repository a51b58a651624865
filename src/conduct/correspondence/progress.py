"""A plain progress bar for the terminal (written only when stderr is a TTY)."""

from __future__ import annotations

from typing import TextIO


class ProgressBar:
    def __init__(self, stream: TextIO, label: str, total: int | None, width: int = 30) -> None:
        self.stream = stream
        self.label = label[:40]
        self.total = total
        self.width = width
        self.enabled = stream.isatty()

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        if self.total:
            frac = min(done / self.total, 1.0)
            filled = int(frac * self.width)
            bar = "#" * filled + "-" * (self.width - filled)
            self.stream.write(f"\r{self.label} [{bar}] {done}/{self.total}")
        else:
            self.stream.write(f"\r{self.label} {done} items")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
