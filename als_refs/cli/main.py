"""``als-refs``: entry point and subcommand registry.

Each subcommand lives in its own module of this package with ``register(subparsers)``, which adds
its parser and sets ``handler``: a function ``(args) -> int`` returning the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Callable, Sequence

from als_refs import __version__
from als_refs.cli.common import EXIT_INTERNAL, EXIT_NETWORK, EXIT_PROBLEMS, EXIT_USAGE
from als_refs.errors import (
    AlsRefsError,
    FileAccessError,
    InputError,
    InternalError,
    ResolveError,
    StyleNotFoundError,
)

COMMANDS = ("parse", "extract", "convert", "build", "resolve", "check", "format", "styles")

DESCRIPTION = """\
Parse, verify and format the references of medical and scientific articles.

  als-refs parse "Rivera I, ... (2013) Prevalence ..."   reference strings -> records
  als-refs extract article.txt                           every citation a document makes
  als-refs convert library.bib library.json              BibTeX <-> CSL-JSON
  als-refs build                                         regenerate references/ outputs
  als-refs check references/                             validate DOIs (for CI)

Exit codes: 0 ok, 1 problems found, 2 usage or input error, 3 network or service failure,
4 internal error (a bug in als-refs: please report it with the input named).
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="als-refs",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"als-refs {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"als_refs.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"als_refs.cli.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    undecodable = _undecodable_argument(arguments)
    if undecodable:
        print(f"als-refs: {undecodable}", file=sys.stderr)
        return EXIT_USAGE
    parser = build_parser()
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return _run(handler, args)
    except KeyboardInterrupt:
        print("als-refs: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the last guard: a bug becomes one line and exit 4, not a traceback
        if os.environ.get("ALS_REFS_TRACEBACK"):
            traceback.print_exc()
        error = InternalError(exc, source=_inputs(args))
        print(f"als-refs: {error}; this is a bug in als-refs, please report it", file=sys.stderr)
        return EXIT_INTERNAL


def _run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return handler(args)
    except (FileAccessError, InputError, StyleNotFoundError) as exc:
        print(f"als-refs: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ResolveError as exc:
        print(f"als-refs: {exc.code}: {exc}", file=sys.stderr)
        return EXIT_NETWORK
    except AlsRefsError as exc:
        print(f"als-refs: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except BrokenPipeError:
        return EXIT_PROBLEMS


def _undecodable_argument(arguments: Sequence[str]) -> str | None:
    """Arguments the OS gave as bytes that are not UTF-8 (Python keeps them as surrogates)."""
    for number, argument in enumerate(arguments, start=1):
        bad = next((c for c in argument if "\udc80" <= c <= "\udcff"), None)
        if bad is not None:
            return f"argument {number} is not UTF-8 (byte 0x{ord(bad) - 0xDC00:02x})"
    return None


def _inputs(args: argparse.Namespace) -> str:
    """What the command was run on, to name in an internal-error line."""
    for name in ("directory", "input", "documents", "paths", "strings"):
        value = getattr(args, name, None)
        if value:
            values = value if isinstance(value, list) else [value]
            shown = ", ".join(str(v)[:80] for v in values[:3])
            more = f" (+{len(values) - 3} more)" if len(values) > 3 else ""
            return f"{args.command} {shown}{more}"
    return f"{args.command} <stdin>" if args.command in ("parse",) else str(args.command)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
