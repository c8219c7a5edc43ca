"""What every subcommand shares: exit codes, reading inputs, writing records, reporting problems."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from als_refs.errors import FileAccessError
from als_refs.fileio import decode_text, read_file_text
from als_refs.models import Issue, Reference

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_NETWORK = 3
EXIT_INTERNAL = 4

OUTPUT_FORMATS = ("csl-json", "bibtex", "jsonl")


def read_text(path: str | Path) -> str:
    """A file's text as UTF-8 (``-`` is stdin), without a byte-order mark; a clear
    :class:`FileAccessError` naming the line and byte otherwise (never a silent replacement)."""
    if str(path) == "-":
        return read_stdin()
    return read_file_text(Path(path))


def read_stdin() -> str:
    """Standard input as UTF-8 whatever the locale (its bytes, decoded strictly)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text stream put in place of stdin (tests, embedding)
        text = sys.stdin.read()
        return text.removeprefix("\ufeff")
    return decode_text(buffer.read(), "<stdin>")


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
