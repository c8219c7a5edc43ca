"""``als-refs``: entry point and subcommand registry.

Each subcommand lives in its own module of this package with ``register(subparsers)``, which adds
its parser and sets ``handler``: a function ``(args) -> int`` returning the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from als_refs import __version__
from als_refs.cli.common import EXIT_NETWORK, EXIT_PROBLEMS, EXIT_USAGE
from als_refs.errors import AlsRefsError, FileAccessError, InputError, ResolveError

COMMANDS = ("parse", "extract", "convert", "build", "resolve", "check", "format", "styles")

DESCRIPTION = """\
Parse, verify and format the references of medical and scientific articles.

  als-refs parse "Rivera I, ... (2013) Prevalence ..."   reference strings -> records
  als-refs extract article.txt                           every citation a document makes
  als-refs convert library.bib library.json              BibTeX <-> CSL-JSON
  als-refs build                                         regenerate references/ outputs
  als-refs check references/                             validate DOIs (for CI)

Exit codes: 0 ok, 1 problems found, 2 usage or input error, 3 network or service failure.
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
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return handler(args)
    except (FileAccessError, InputError) as exc:
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


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
