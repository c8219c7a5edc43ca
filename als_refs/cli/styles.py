"""``als-refs styles [QUERY]``: list the installed CSL styles by id and title."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from als_refs.cli.common import EXIT_OK, EXIT_PROBLEMS

HELP = "list installed CSL styles (id and title), filtered by words of QUERY"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("styles", help=HELP, description=HELP + ".")
    parser.add_argument("query", nargs="*", help="words that the id or title must contain")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from als_refs.styles import list_styles

    found = list_styles(" ".join(args.query))
    if not found:
        print(f"als-refs: no style matches {' '.join(args.query)!r}", file=sys.stderr)
        return EXIT_PROBLEMS
    width = max(len(style_id) for style_id, _ in found)
    for style_id, title in found:
        print(f"{style_id:<{width}}  {title}")
    return EXIT_OK
