"""Readers validate records leniently: a bad field is dropped (or replaced by a fallback) and
reported, the rest of the record is kept. A dropped value is not lost: it is kept under
``custom["rejected"]`` (CSL key -> value as written), which every writer carries along."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from als_refs.models import CSL_TYPES, Issue, Reference, csl_key

REJECTED_KEY = "rejected"
_UNDROPPABLE = frozenset({"id", "type"})
"""Without these a record would change meaning (CSL requires both): the item is rejected."""


def validate_leniently(
    data: dict[str, Any],
    *,
    label: str,
    source: str | None,
    line: int | None,
    fallback: Mapping[str, Any] | None = None,
) -> tuple[Reference | None, list[Issue]]:
    """The record ``data`` describes, with an issue for each field that had to go.

    A field with a ``fallback`` value (e.g. BibTeX's native field behind an unreadable
    ``x-als-refs`` value) is replaced by it, with a warning; any other bad field is an error."""
    fallback = fallback or {}
    data = dict(data)
    issues: list[Issue] = []
    for _ in range(2 * len(data) + 1):
        try:
            return Reference.model_validate(data), issues
        except ValidationError as exc:
            errors = exc.errors()
            bad = {str(err["loc"][0]) for err in errors if err["loc"]}
            if "type" in bad and _unknown_type(data.get("type")):
                issues.append(_keep_unknown_type(data, label, source, line))
                continue
            fatal = {n for n in bad & _UNDROPPABLE if n not in fallback or data[n] is fallback[n]}
            if not bad or fatal or not bad <= set(data):
                return None, [*issues, _entry_error(exc, label, source, line)]
            # custom first: the other rejected values are kept in it, so it must be an object
            for name in sorted(bad, key=lambda n: (n != "custom", n)):
                if name in {"doi", "DOI"}:
                    issues.append(_keep_bad_doi(data, name, label, source, line))
                    continue
                replaceable = name in fallback and data[name] is not fallback[name]
                message = "; ".join(e["msg"] for e in errors if e["loc"] and e["loc"][0] == name)
                issues.append(_field_issue(name, message, replaceable, label, source, line))
                if replaceable:
                    data[name] = fallback[name]
                else:
                    _reject(data, name)
    return None, issues


def _unknown_type(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip()) and value not in CSL_TYPES


def _keep_unknown_type(
    data: dict[str, Any], label: str, source: str | None, line: int | None
) -> Issue:
    """A type CSL 1.0.2 does not define (``video``, a CSL-M or newer type) formats as a generic
    ``document``, as citeproc-js does, and is written back as given."""
    written = data["type"]
    data["type"] = "document"
    data["forms"] = {**(data.get("forms") or {}), "type": written}
    return Issue(
        severity="warning",
        code="unknown-type",
        message=f"{label}: type {written!r} is not a CSL 1.0.2 type: formatted as 'document'",
        source=source,
        line=line,
        field="type",
    )


def _keep_bad_doi(
    data: dict[str, Any], name: str, label: str, source: str | None, line: int | None
) -> Issue:
    """CSL does not constrain a DOI's syntax: one that is not a DOI is kept as written (and
    written back), with a warning, but never used as a DOI."""
    written = data.pop(name)
    data["forms"] = {**(data.get("forms") or {}), "DOI": written}
    return Issue(
        severity="error",
        code="doi-syntax",
        message=f"{label}: DOI: invalid DOI {written!r}: kept as written, not used as a DOI",
        source=source,
        line=line,
        field="DOI",
    )


def _reject(data: dict[str, Any], name: str) -> None:
    if name == "custom":
        data["custom"] = {REJECTED_KEY: {"custom": data.pop(name)}}
        return
    custom = dict(data.get("custom") or {})
    rejected = dict(custom.get(REJECTED_KEY) or {})
    rejected[csl_key(name)] = data.pop(name)
    custom[REJECTED_KEY] = rejected
    data["custom"] = custom


def _field_issue(
    name: str, message: str, replaced: bool, label: str, source: str | None, line: int | None
) -> Issue:
    key = csl_key(name)
    action = "native value used" if replaced else f"kept in custom.{REJECTED_KEY} only"
    return Issue(
        severity="warning" if replaced else "error",
        code="invalid-field",
        message=f"{label}: {key}: {message.removeprefix('Value error, ')} ({action})",
        source=source,
        line=line,
        field=key,
    )


def _entry_error(exc: ValidationError, label: str, source: str | None, line: int | None) -> Issue:
    detail = "; ".join(
        f"{'.'.join(str(p) for p in err['loc']) or 'entry'}: {err['msg']}" for err in exc.errors()
    )
    return Issue(
        severity="error",
        code="invalid-item",
        message=f"{label}: {detail}",
        source=source,
        line=line,
    )
