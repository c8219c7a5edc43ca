"""``als-refs parse`` of a long input over worker processes (CSL-JSON and JSON Lines output).

Each worker parses a chunk of lines and renders each record as the format's writer does, so
the parent only joins texts. The parent keeps the input order, makes ids unique as the serial
path does and prints the same issues: the output is the serial run's, byte for byte.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from als_refs.cli.progress import ProgressCallback
from als_refs.formats import csljson, jsonl
from als_refs.models import Reference

MIN_LINES = 1_000
"""Shorter inputs are parsed in this process (starting workers costs more than it saves)."""
CHUNK = 250
MAX_WORKERS = 8

Render = tuple[Callable[[Reference], str], Callable[[Sequence[str]], str]]
RENDER: dict[str, Render] = {
    "csl-json": (csljson.item_text, csljson.join_items),
    "jsonl": (jsonl.item_text, jsonl.join_items),
}


@dataclass(frozen=True)
class Rendered:
    """One input line's record, rendered; its issues as ``(severity, printed line)``."""

    id: str
    text: str
    issues: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class _Job:
    lines: list[str]
    first: int  # the line number of lines[0]
    kind: str
    source: str
    output_format: str


def workers_for(count: int, output_format: str, jobs: int | None) -> int:
    """How many processes parse ``count`` lines: ``jobs`` if given, else one per idle core for
    a long input in a format rendered record by record, else 1 (this process).

    Only idle cores: on cores other work keeps busy, workers were measured to cost more wall
    time than they save (``benchmarks/parser_speed.py``)."""
    if output_format not in RENDER:
        return 1
    if jobs is not None:
        return max(1, jobs)
    if count < MIN_LINES:
        return 1
    return max(1, min(idle_cores(), MAX_WORKERS))


def idle_cores() -> int:
    """The cores this process may use, less the one-minute load average (rounded)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except OSError:  # pragma: no cover - no load average on this system
        load = 0.0
    return max(1, round(cores - load))


def parse_in_pool(
    inputs: list[str],
    kind: str,
    source: str,
    output_format: str,
    workers: int,
    progress: ProgressCallback | None = None,
) -> tuple[str, list[tuple[str, str]]]:
    """The rendered output of every input line, and the issues ``(severity, line)`` in order."""
    render, join = RENDER[output_format]
    texts: list[str] = []
    issues: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    jobs = [
        _Job(inputs[start : start + CHUNK], start + 1, kind, source, output_format)
        for start in range(0, len(inputs), CHUNK)
    ]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for chunk in pool.map(render_chunk, jobs):
            for item in chunk:
                number = len(texts) + 1
                count = seen.get(item.id, 0) + 1
                seen[item.id] = count
                text = item.text
                if count > 1:  # rare (the same string twice): rendered again under its new id
                    text = render(_renamed(inputs[number - 1], number, kind, source, count))
                texts.append(text)
                issues.extend(item.issues)
            if progress:
                progress(len(texts), len(inputs))
    return join(texts), issues


def render_chunk(job: _Job) -> list[Rendered]:
    """Worker: parse and render one chunk of lines."""
    from als_refs.cli.parse import parse_line

    render = RENDER[job.output_format][0]
    out: list[Rendered] = []
    for number, text in enumerate(job.lines, start=job.first):
        reference, issues = parse_line(text, number, job.kind, job.source)
        printed = tuple((issue.severity, str(issue)) for issue in issues)
        out.append(Rendered(reference.id, render(reference), printed))
    return out


def _renamed(text: str, number: int, kind: str, source: str, count: int) -> Reference:
    from als_refs.cli.parse import parse_line

    reference, _ = parse_line(text, number, kind, source)
    return reference.model_copy(update={"id": f"{reference.id}-{count}"})


POOL_FAILURES = (OSError, NotImplementedError, BrokenProcessPool)
"""No worker processes here (a sandbox without semaphores, a killed worker): parse serially."""
