"""``als-refs convert IN OUT``: between BibTeX, CSL-JSON and CSL-JSON Lines, by file suffix."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from als_refs.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, read_text, report, write_text
from als_refs.formats import get_format

HELP = "convert between BibTeX (.bib), CSL-JSON (.json) and JSON Lines (.jsonl) by suffix"


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
    result = reader.parse_string(read_text(args.input), source=source)
    errors = report(result.issues)
    if errors and (args.strict or not result.references):
        reason = "--strict" if args.strict else "no entry could be read"
        print(f"als-refs: {errors} error(s); nothing written ({reason})", file=sys.stderr)
        return EXIT_USAGE
    if args.unicode and writer.NAME == "bibtex":
        from als_refs.formats import bibtex

        text = bibtex.write_string(result.references, unicode=True)
    else:
        text = writer.write_string(result.references)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        write_text(args.output, text)
        print(f"{len(result.references)} references written to {args.output}", file=sys.stderr)
    return EXIT_PROBLEMS if errors else EXIT_OK
