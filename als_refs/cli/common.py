"""What every subcommand shares: exit codes, reading inputs, writing records, reporting problems."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from als_refs.errors import FileAccessError
from als_refs.models import Issue, Reference

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_NETWORK = 3

OUTPUT_FORMATS = ("csl-json", "bibtex", "jsonl")


def read_text(path: str | Path) -> str:
    """A file's text as UTF-8 (``-`` is stdin); a clear :class:`FileAccessError` otherwise."""
    if str(path) == "-":
        return sys.stdin.read()
    file = Path(path)
    try:
        return file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileAccessError("no such file", source=str(path)) from None
    except IsADirectoryError:
        raise FileAccessError("is a directory, expected a file", source=str(path)) from None
    except UnicodeDecodeError as exc:
        raise FileAccessError(
            f"not UTF-8 text (byte {exc.start}: {exc.object[exc.start : exc.start + 1]!r})",
            source=str(path),
        ) from None
    except OSError as exc:
        raise FileAccessError(exc.strerror or str(exc), source=str(path)) from None


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
