"""A progress bar for long runs: redrawn in place on a terminal, every tenth in logs."""

from __future__ import annotations

import sys
from typing import TextIO

MIN_TOTAL = 5  # shorter runs finish before a bar helps


class Progress:
    def __init__(self, total: int, label: str, stream: TextIO | None = None, enabled: bool = True):
        self.total, self.label, self.done = total, label, 0
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.enabled = enabled and total >= MIN_TOTAL

    def step(self, item: str = "") -> None:
        self.done += 1
        if not self.enabled:
            return
        if self.tty:
            width = 30
            filled = width * self.done // self.total
            line = f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {item[:30]:<30}"
            self.stream.write(line)
            if self.done == self.total:
                self.stream.write("\n")
        elif self.done == self.total or self.done * 10 // self.total != (self.done - 1) * 10 // self.total:
            self.stream.write(f"{self.label}: {self.done}/{self.total}\n")
        self.stream.flush()
