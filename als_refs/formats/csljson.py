"""CSL-JSON: a JSON array of CSL items (the interchange format of Zotero, citeproc-js, pandoc)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from als_refs.formats import ReadResult
from als_refs.formats._validate import validate_leniently
from als_refs.models import Issue, Reference

NAME = "csl-json"
SUFFIXES = (".json", ".csl.json", ".csljson")


def parse_string(text: str, source: str | None = None) -> ReadResult:
    """Read a CSL-JSON array (or a single item); a bad item is reported, the others are kept."""
    text = text.removeprefix("\ufeff")
    try:
        data = load_json(text)
    except json.JSONDecodeError as exc:
        issue = Issue(
            severity="error",
            code="invalid-json",
            message=f"invalid JSON: {exc.msg} (column {exc.colno})",
            source=source,
            line=exc.lineno,
        )
        return ReadResult(issues=(issue,))
    except RecursionError:
        issue = Issue(
            severity="error",
            code="invalid-json",
            message="invalid JSON: nested too deep to read (no CSL item nests like this)",
            source=source,
        )
        return ReadResult(issues=(issue,))
    items = data if isinstance(data, list) else [data]
    lines = _item_lines(text, len(items))
    return read_items(items, source, lines)


def load_json(text: str) -> Any:
    """``json.loads``, keeping an integer too long for Python's int conversion as its digits
    (CSL numbers may be strings, so nothing is lost)."""
    return json.loads(text, parse_int=_integer)


def _integer(digits: str) -> int | str:
    return int(digits) if len(digits) <= _MAX_INT_DIGITS else digits


_MAX_INT_DIGITS = 4000


def read_items(
    items: Iterable[Any], source: str | None, lines: Sequence[int | None] = ()
) -> ReadResult:
    references: list[Reference] = []
    issues: list[Issue] = []
    for index, item in enumerate(items):
        line = lines[index] if index < len(lines) else None
        reference, item_issues = read_item(item, index, source, line)
        issues += item_issues
        if reference is not None:
            references.append(reference)
    return ReadResult(references=tuple(references), issues=tuple(issues))


def read_item(
    item: Any, index: int, source: str | None, line: int | None
) -> tuple[Reference | None, list[Issue]]:
    """One CSL item; a bad field is dropped and reported, a hopeless item only reported."""
    if not isinstance(item, dict):
        issue = Issue(
            severity="error",
            code="invalid-item",
            message=f"item {index + 1}: expected a JSON object, got {type(item).__name__}",
            source=source,
            line=line,
        )
        return None, [issue]
    label = f"item {item.get('id', index + 1)!r}"
    return validate_leniently(item, label=label, source=source, line=line)


def write_string(references: Sequence[Reference]) -> str:
    return join_items([item_text(ref) for ref in references])


def item_text(reference: Reference) -> str:
    """One record as :func:`write_string` writes it inside the array (indented one level), so
    records rendered apart (in worker processes) join into the same text."""
    text = json.dumps(reference.to_csl(), ensure_ascii=False, indent=2, sort_keys=True)
    return "  " + text.replace("\n", "\n  ")  # JSON strings hold no raw newline


def join_items(texts: Sequence[str]) -> str:
    """The array of :func:`item_text` records: ``json.dumps(items, indent=2)``'s layout."""
    return "[\n" + ",\n".join(texts) + "\n]\n" if texts else "[]\n"


def _item_lines(text: str, count: int) -> list[int | None]:
    """Best-effort line of each top-level item of a JSON array, for error messages."""
    lines: list[int | None] = []
    depth = 0
    in_string = escaped = False
    line = 1
    for char in text:
        if char == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth == 2 and char == "{":
                lines.append(line)
        elif char in "]}":
            depth -= 1
    return lines if len(lines) == count else []
