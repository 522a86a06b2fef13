"""`brm import`'s progress bar (rich): phase (validating, comparing, writing, switching), rows done of
all, rows and elements per second; drawn on stderr so `--json`/stdout stays the report."""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class ImportProgress:
    """An `on_phase` hook for import_bundle that moves one bar per phase."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task = progress.add_task("validating", total=None, rates="")
        self.phase = "validating"
        self.phase_started = time.monotonic()

    def __call__(self, phase: str, done: int, total: int, elements: int) -> None:
        if phase != self.phase:
            self.phase, self.phase_started = phase, time.monotonic()
        elapsed = max(time.monotonic() - self.phase_started, 1e-6)
        rates = f"{done / elapsed:,.0f} rows/s" + (f", {elements / elapsed:,.0f} elements/s" if elements else "")
        self.progress.update(self.task, description=phase, completed=done, total=total or None, rates=rates)


@contextmanager
def import_progress(console: Console) -> Iterator[ImportProgress]:
    columns = (TextColumn("[bold]{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rates]}"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        yield ImportProgress(progress)
