"""What a batch tells its user while it runs: a rich progress bar on a terminal, log lines otherwise.

Failures are always printed, one line each naming the file and the cause; ``--quiet`` keeps only
those, the warnings and the summary. File names are printed with their control characters
escaped (``convert.archive.escape``), so a crafted name cannot drive the terminal.
The bar (https://rich.readthedocs.io/en/stable/progress.html) shows files,
pages, errors, the rate and the time left.
"""

from __future__ import annotations

import sys

from convert.archive.escape import printable
from convert.archive.manifest import CONVERTED, FAILED, UNCHANGED, Entry


class Reporter:
    """Plain lines on stderr: one per failure, one per converted input unless quiet."""

    def __init__(self, quiet: bool = False, stream=None):
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.done = self.pages = self.errors = 0

    def __enter__(self) -> Reporter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self, total: int) -> None:
        self.total = total

    def line(self, text: str) -> None:
        print(printable(text), file=self.stream, flush=True)

    def notice(self, text: str) -> None:
        if not self.quiet:
            self.line(f"notice: {text}")

    def advance(self, entry: Entry) -> None:
        self.done += 1
        self.pages += entry.pages
        if entry.status == FAILED:
            self.errors += 1
            self.line(f"error: {entry.error}")
        if entry.status == CONVERTED:  # an unchanged input's warnings were printed when it was converted
            for warning in entry.warnings:
                self.line(f"warning: {warning}")
        self.show(entry)

    def show(self, entry: Entry) -> None:
        if not self.quiet and entry.status not in (FAILED, UNCHANGED):
            self.line(f"[{self.done}/{self.total}] {entry.path} -> {', '.join(entry.outputs)}")

    def close(self) -> None:
        pass


class BarReporter(Reporter):
    """A live bar on a terminal; failures still appear above it as lines."""

    def __init__(self, quiet: bool = False, stream=None):
        super().__init__(quiet, stream)
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.console = Console(file=self.stream)
        self.progress = Progress(
            TextColumn("[bold]converting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files · {task.fields[pages]} pages · [red]{task.fields[errors]} errors[/red]"),
            TextColumn("· {task.fields[rate]} files/s"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )

    def start(self, total: int) -> None:
        super().start(total)
        self.progress.start()
        self.task = self.progress.add_task("convert", total=total, pages=0, errors=0, rate="–")

    def line(self, text: str) -> None:
        self.console.print(printable(text), markup=False, highlight=False)

    def show(self, entry: Entry) -> None:
        task = self.progress.tasks[0]
        rate = f"{task.speed:.1f}" if task.speed else "–"
        self.progress.update(self.task, advance=1, pages=self.pages, errors=self.errors, rate=rate)

    def close(self) -> None:
        if hasattr(self, "task"):
            self.progress.stop()


def reporter(quiet: bool, stream=None) -> Reporter:
    stream = stream or sys.stderr
    if not quiet and hasattr(stream, "isatty") and stream.isatty():
        return BarReporter(quiet, stream)
    return Reporter(quiet, stream)
