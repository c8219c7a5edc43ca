"""What every subcommand shares: exit codes, reading inputs, writing records, reporting problems."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from als_refs.errors import FileAccessError
from als_refs.fileio import decode_text, read_file_text
from als_refs.models import Issue, Reference

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_NETWORK = 3
EXIT_INTERNAL = 4

OUTPUT_FORMATS = ("csl-json", "bibtex", "jsonl", "ris", "medline")


def read_text(path: str | Path, encoding: str | None = None) -> str:
    """A file's text (``-`` is stdin) as UTF-8, or in ``encoding`` when given, without a
    byte-order mark; a clear :class:`FileAccessError` naming the line and byte otherwise (never
    a silent replacement)."""
    if str(path) == "-":
        return read_stdin(encoding)
    return read_file_text(Path(path), encoding)


def read_stdin(encoding: str | None = None) -> str:
    """Standard input as UTF-8 (or ``encoding``) whatever the locale (its bytes, decoded
    strictly)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text stream put in place of stdin (tests, embedding)
        text = sys.stdin.read()
        return text.removeprefix("\ufeff")
    return decode_text(buffer.read(), "<stdin>", encoding)


def add_encoding_option(parser: Any) -> None:
    parser.add_argument(
        "--encoding",
        metavar="CODEC",
        help="the input's text encoding, for legacy files (latin-1, cp1252, ...; default UTF-8)",
    )


def write_text(path: str | Path, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise FileAccessError(f"cannot write: {exc.strerror or exc}", source=str(path)) from None


def render_records(references: Sequence[Reference], output_format: str) -> str:
    from als_refs.formats import get_format

    return get_format(output_format).write_string(references)


def report(issues: Iterable[Issue], stream: TextIO | None = None) -> int:
    """Print issues as ``file:line: severity: code: message``; returns how many were errors."""
    out = stream or sys.stderr
    errors = 0
    for issue in issues:
        print(str(issue), file=out)
        errors += issue.severity == "error"
    return errors
