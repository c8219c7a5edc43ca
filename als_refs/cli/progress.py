"""A progress bar on stderr for work that takes more than a moment (rich).

Shown only when stderr is a terminal and the report is for people: silent when stderr is
redirected (CI logs) and with ``--format json`` or ``--format github``, whose output machines
read. Rich draws it only after a short delay passes without the work finishing."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

ProgressCallback = Callable[[int, int], None]
MACHINE_FORMATS = frozenset({"json", "github"})


def wanted(report_format: str | None = None, stream: TextIO | None = None) -> bool:
    out = stream or sys.stderr
    return report_format not in MACHINE_FORMATS and out.isatty()


@contextmanager
def progress(
    description: str, *, report_format: str | None = None, stream: TextIO | None = None
) -> Iterator[ProgressCallback | None]:
    """``with progress("verifying DOIs") as update: work(progress=update)``; ``update(done,
    total)``, or None when no bar is wanted."""
    if not wanted(report_format, stream):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(file=stream or sys.stderr)
    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update
