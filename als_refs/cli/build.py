"""``als-refs build [DIR] [--check]``: regenerate a library's outputs, offline and deterministic."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from als_refs.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, add_encoding_option, report
from als_refs.cli.progress import progress
from als_refs.fileio import folder_lock
from als_refs.library import build_outputs, load_library, stale_outputs, write_outputs

HELP = "regenerate a library's BibTeX, CSL-JSON and bibliographies from its sources"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "build",
        help=HELP,
        description=HELP + ". Offline: registered metadata comes from the lockfile "
        "(see 'als-refs resolve'). Same inputs give byte-identical outputs.",
    )
    parser.add_argument(
        "directory", nargs="?", default="references", help="library directory (default: references)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and name the outputs that are stale (for CI)",
    )
    add_encoding_option(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    root = Path(args.directory)
    with folder_lock(root, on_wait=lambda: _waiting(root)):
        return _build(root, args)


def _waiting(root: Path) -> None:
    print(f"als-refs: waiting for another als-refs run on {root}", file=sys.stderr)


def _build(root: Path, args: argparse.Namespace) -> int:
    with progress(f"building {root}") as update:
        library = load_library(root, encoding=args.encoding)
        if update:
            update(1, 2)
        result = build_outputs(library)
        if update:
            update(2, 2)
    errors = report(library.issues)
    errors += report(result.issues)
    if errors:
        print(f"als-refs: {errors} error(s) in the inputs; nothing written", file=sys.stderr)
        return EXIT_USAGE
    if args.check:
        stale = stale_outputs(library, result)
        for relative in stale:
            print(
                f"{library.root / relative}: stale: run 'als-refs build {args.directory}'",
                file=sys.stderr,
            )
        return EXIT_PROBLEMS if stale else EXIT_OK
    written = write_outputs(library, result)
    for relative in written:
        print(f"wrote {library.root / relative}")
    print(
        f"{len(result.references)} references, {len(result.files)} outputs "
        f"({len(written)} changed) in {library.root}"
    )
    return EXIT_OK
