"""``als-refs parse [STRING...]``: reference strings -> records (stdin, one per line, if none)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from als_refs.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    OUTPUT_FORMATS,
    read_stdin,
    render_records,
    report,
)
from als_refs.cli.parse_pool import POOL_FAILURES, parse_in_pool, workers_for
from als_refs.cli.progress import ProgressCallback, progress
from als_refs.models import Issue, Location, Reference
from als_refs.parsing import parse_citation

HELP = "parse free-text reference strings into records"
DESCRIPTION = """\
Parse reference strings (as arguments, or one per line on stdin) into records.

The output has exactly one record per input, in order, even for a blank or unreadable line
(it comes back almost empty, with a warning). Warnings go to stderr with --verbose.
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "parse",
        help=HELP,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("strings", nargs="*", metavar="STRING", help="reference strings")
    parser.add_argument(
        "--format", "-f", dest="output_format", choices=OUTPUT_FORMATS, default="csl-json"
    )
    parser.add_argument(
        "--kind",
        choices=("reference", "trial", "prose"),
        default="reference",
        help="what each string is (default: a reference-list entry)",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="print warnings too")
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="worker processes (default: one per idle core for 1,000+ lines written as csl-json "
        "or jsonl; 1 parses in this process); the output is the same either way",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    if args.strings:
        inputs: list[str] = list(args.strings)
        source = "<args>"
    else:
        inputs = read_stdin().split("\n")
        if inputs and inputs[-1] == "":
            inputs.pop()
        source = "<stdin>"
    workers = workers_for(len(inputs), args.output_format, args.jobs)
    if workers > 1:
        try:
            return _handle_in_pool(args, inputs, source, workers)
        except POOL_FAILURES:
            pass  # no worker processes here: parse in this process
    with progress(f"parsing {len(inputs)} references") as update:
        references, issues = parse_lines(inputs, args.kind, source, progress=update)
    shown = [i for i in issues if args.verbose or i.severity == "error"]
    errors = report(shown)
    sys.stdout.write(render_records(references, args.output_format))
    return EXIT_PROBLEMS if errors else EXIT_OK


def _handle_in_pool(args: argparse.Namespace, inputs: list[str], source: str, workers: int) -> int:
    with progress(f"parsing {len(inputs)} references") as update:
        text, issues = parse_in_pool(
            inputs, args.kind, source, args.output_format, workers, progress=update
        )
    errors = 0
    for severity, line in issues:
        if args.verbose or severity == "error":
            print(line, file=sys.stderr)
            errors += severity == "error"
    sys.stdout.write(text)
    return EXIT_PROBLEMS if errors else EXIT_OK


def parse_lines(
    inputs: list[str], kind: str, source: str, *, progress: ProgressCallback | None = None
) -> tuple[list[Reference], list[Issue]]:
    """One record per input string, ids unique within the run."""
    references: list[Reference] = []
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for number, text in enumerate(inputs, start=1):
        reference, found = parse_line(text, number, kind, source)
        count = seen.get(reference.id, 0) + 1
        seen[reference.id] = count
        if count > 1:
            reference = reference.model_copy(update={"id": f"{reference.id}-{count}"})
        references.append(reference)
        issues.extend(found)
        if progress and number % 100 == 0:
            progress(number, len(inputs))
    return references, issues


def parse_line(
    text: str, number: int, kind: str, source: str
) -> tuple[Reference, tuple[Issue, ...]]:
    """Input line ``number`` -> its record (never None) and issues."""
    location = Location(document=source, line=number, kind=kind, raw=text)
    result = parse_citation(text.rstrip("\r"), kind, location=location)  # type: ignore[arg-type]
    return result.reference or Reference(id=f"ref-{number}"), result.issues
