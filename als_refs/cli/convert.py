"""``als-refs convert IN OUT``: between BibTeX, CSL-JSON, JSON Lines, RIS and MEDLINE, by suffix."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from als_refs.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    add_encoding_option,
    read_text,
    report,
    write_text,
)
from als_refs.cli.progress import progress
from als_refs.formats import bibtex, get_format
from als_refs.models import Reference

HELP = (
    "convert between BibTeX (.bib), CSL-JSON (.json), JSON Lines (.jsonl), RIS (.ris) and "
    "PubMed MEDLINE (.nbib) by suffix"
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "convert",
        help=HELP,
        description=HELP + ". A broken entry is reported with its line; the others are converted.",
    )
    parser.add_argument("input", help="file to read ('-' for stdin, then give --from)")
    parser.add_argument("output", help="file to write ('-' for stdout, then give --to)")
    parser.add_argument("--from", dest="from_format", help="input format when it has no suffix")
    parser.add_argument("--to", dest="to_format", help="output format when it has no suffix")
    add_encoding_option(parser)
    parser.add_argument(
        "--strict", action="store_true", help="write nothing if any entry is broken"
    )
    parser.add_argument(
        "--unicode",
        action="store_true",
        help="BibTeX output: write non-ASCII characters as UTF-8 instead of LaTeX commands",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    reader = (
        get_format(name=args.from_format) if args.from_format else get_format(filename=args.input)
    )
    writer = get_format(name=args.to_format) if args.to_format else get_format(filename=args.output)
    source = "<stdin>" if args.input == "-" else args.input
    with progress(f"reading {source}") as update:
        result = reader.parse_string(read_text(args.input, args.encoding), source=source)
        if update:
            update(1, 1)
    errors = report(result.issues)
    if errors and (args.strict or not result.references):
        reason = "--strict" if args.strict else "no entry could be read"
        print(f"als-refs: {errors} error(s); nothing written ({reason})", file=sys.stderr)
        return EXIT_USAGE
    with progress(f"writing {len(result.references)} references"):
        text = _write(writer, result.references, unicode=args.unicode)
    if writer.NAME == "bibtex":
        report(bibtex.control_character_warnings(result.references, source))
    if args.output == "-":
        sys.stdout.write(text)
    else:
        write_text(args.output, text)
        print(f"{len(result.references)} references written to {args.output}", file=sys.stderr)
    return EXIT_PROBLEMS if errors else EXIT_OK


def _write(writer: Any, references: Sequence[Reference], *, unicode: bool) -> str:
    if unicode and writer.NAME == "bibtex":
        return bibtex.write_string(references, unicode=True)
    return str(writer.write_string(references))
