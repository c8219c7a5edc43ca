"""The shape Crossref documents for the fields of a work als-refs reads, and which fields of an
answer do not have it.

:func:`~als_refs.crossref.mapping.work_to_reference` reads only values of the documented shape
(an author ``{"family": 5}`` is not a name), so a malformed record never crashes a run; this
module says what was ignored, so that it is an issue on that reference rather than a silent loss.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_NAME_KEYS = ("given", "family", "name", "suffix", "sequence", "ORCID")


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _people(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(person, dict) and all(_text(person[k]) for k in _NAME_KEYS if k in person)
        for person in value
    )


def _date(value: Any) -> bool:
    """``{"date-parts": [[2013, 5]]}``; Crossref writes ``[[null]]`` for an unknown date."""
    if not isinstance(value, dict):
        return False
    parts = value.get("date-parts")
    return (
        isinstance(parts, list)
        and bool(parts)
        and all(
            isinstance(part, list)
            and all(p is None or (isinstance(p, int) and not isinstance(p, bool)) for p in part)
            for part in parts
        )
    )


def _objects(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _object(value: Any) -> bool:
    return isinstance(value, dict)


SHAPES: dict[str, Callable[[Any], bool]] = {
    "DOI": _text,
    "ISSN": _texts,
    "URL": _text,
    "article-number": _text,
    "author": _people,
    "container-title": _texts,
    "editor": _people,
    "issn-type": _objects,
    "issue": _text,
    "issued": _date,
    "page": _text,
    "published-online": _date,
    "published-print": _date,
    "publisher": _text,
    "relation": _object,
    "short-container-title": _texts,
    "subtitle": _texts,
    "title": _texts,
    "type": _text,
    "update-to": _objects,
    "updated-by": _objects,
    "volume": _text,
}
"""Each key als-refs reads (:data:`~als_refs.crossref.mapping.KEPT_KEYS`) and its check."""


def unreadable_fields(message: dict[str, Any]) -> tuple[str, ...]:
    """The keys of a work whose value is not of the documented shape (sorted); () when none."""
    return tuple(
        sorted(
            key
            for key, check in SHAPES.items()
            if message.get(key) is not None and not check(message[key])
        )
    )
