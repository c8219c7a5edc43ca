"""CSL-JSON Lines: one CSL item per line, for streaming large libraries."""

from __future__ import annotations

import json
from collections.abc import Sequence

from als_refs.formats import ReadResult
from als_refs.formats.csljson import load_json, read_item
from als_refs.models import Issue, Reference

NAME = "jsonl"
SUFFIXES = (".jsonl", ".ndjson")


def parse_string(text: str, source: str | None = None) -> ReadResult:
    references: list[Reference] = []
    issues: list[Issue] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = load_json(line.removeprefix("\ufeff"))
        except RecursionError:
            issues.append(
                Issue(
                    severity="error",
                    code="invalid-json",
                    message="invalid JSON: nested too deep to read",
                    source=source,
                    line=number,
                )
            )
            continue
        except json.JSONDecodeError as exc:
            issues.append(
                Issue(
                    severity="error",
                    code="invalid-json",
                    message=f"invalid JSON: {exc.msg} (column {exc.colno})",
                    source=source,
                    line=number,
                )
            )
            continue
        reference, item_issues = read_item(item, number - 1, source, number)
        issues += item_issues
        if reference is not None:
            references.append(reference)
    return ReadResult(references=tuple(references), issues=tuple(issues))


def write_string(references: Sequence[Reference]) -> str:
    return join_items([item_text(ref) for ref in references])


def item_text(reference: Reference) -> str:
    """One record's line (its newline included)."""
    return json.dumps(reference.to_csl(), ensure_ascii=False, sort_keys=True) + "\n"


def join_items(texts: Sequence[str]) -> str:
    return "".join(texts)
