"""``als-refs format FILE --style STYLE``: print a formatted bibliography of a library file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from als_refs.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    add_encoding_option,
    read_text,
    report,
)
from als_refs.cli.progress import progress
from als_refs.errors import StyleNotFoundError
from als_refs.formats import get_format

HELP = "print the bibliography of a CSL-JSON, BibTeX, RIS or MEDLINE file in a CSL style"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "format",
        help=HELP,
        description=HELP
        + ". Styles by id (apa, american-medical-association, nlm-citation-sequence, ...; "
        "see `als-refs styles`) or path to a .csl file.",
    )
    parser.add_argument(
        "input", help="CSL-JSON (.json), JSON Lines, BibTeX (.bib), RIS (.ris) or MEDLINE (.nbib)"
    )
    parser.add_argument("--style", default="apa", help="style id or .csl path (default: apa)")
    parser.add_argument(
        "--locale", help="locale such as en-US, en-GB, de-DE (default: the style's)"
    )
    parser.add_argument(
        "--to",
        dest="output",
        choices=("text", "html", "markdown"),
        default="text",
        help="output: text (default), html or markdown",
    )
    parser.add_argument("--from", dest="from_format", help="input format when it has no suffix")
    add_encoding_option(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from als_refs.styles import format_bibliography

    reader = (
        get_format(name=args.from_format) if args.from_format else get_format(filename=args.input)
    )
    source = "<stdin>" if args.input == "-" else args.input
    result = reader.parse_string(read_text(args.input, args.encoding), source=source)
    if Path(args.style).is_file():
        read_text(args.style)  # a style file that is not UTF-8: an input error naming the byte
    errors = report(result.issues)
    if errors and not result.references:
        print("als-refs: no entry could be read", file=sys.stderr)
        return EXIT_USAGE
    try:
        with progress(f"formatting {len(result.references)} references"):
            text = format_bibliography(
                result.references, style=args.style, locale=args.locale, output=args.output
            )
    except StyleNotFoundError as exc:
        print(f"als-refs: {exc}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(text)
    return EXIT_PROBLEMS if errors else EXIT_OK
