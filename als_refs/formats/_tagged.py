"""What the tagged-line formats (RIS, PubMed MEDLINE) share: records as (tag, value, line)
lines, names written ``Family, Given[, Suffix]``, slash dates and the ``custom`` block that keeps
the tags the hub model has no variable for.

A tag that has no CSL variable is not dropped: its lines are kept, in order, under
``custom[<format>]`` (``{"L1": ["file.pdf"], "MH": [...]}``), which every other writer carries
along and the same format's writer writes back.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import ValidationError

from als_refs.formats import ReadResult
from als_refs.formats._validate import validate_leniently
from als_refs.models import DateParts, Issue, Name, Reference

T = TypeVar("T")


@dataclass(frozen=True)
class TaggedLine:
    """One field of a record: its tag, its value (continuation lines joined) and its line."""

    tag: str
    value: str
    line: int


@dataclass(frozen=True)
class TaggedRecord:
    """One record of a tagged file: its fields in order and the line it starts on."""

    fields: tuple[TaggedLine, ...]
    line: int

    def values(self, tag: str) -> list[str]:
        return [f.value for f in self.fields if f.tag == tag and f.value]

    def first(self, *tags: str) -> str | None:
        for tag in tags:
            found = self.values(tag)
            if found:
                return found[0]
        return None

    def line_of(self, tag: str) -> int:
        return next((f.line for f in self.fields if f.tag == tag), self.line)


class Extras:
    """Tags of one record with no CSL variable, kept in order for ``custom[<format>]``."""

    def __init__(self) -> None:
        self.tags: dict[str, list[Any]] = {}

    def add(self, tag: str, value: Any) -> None:
        self.tags.setdefault(tag, []).append(value)

    def extend(self, tag: str, values: Iterable[Any]) -> None:
        for value in values:
            self.add(tag, value)


def kept_tags(reference: Reference, key: str) -> dict[str, list[Any]]:
    """The tags a reader of format ``key`` kept in ``custom[key]`` (an empty dict if none)."""
    block = reference.custom.get(key)
    if not isinstance(block, dict):
        return {}
    return {str(tag): list(v) for tag, v in block.items() if isinstance(v, list)}


def other_custom(reference: Reference, key: str) -> dict[str, Any]:
    return {k: v for k, v in reference.custom.items() if k != key}


# Names ---------------------------------------------------------------------------------------


def split_name(text: str) -> Name:
    """``"Casbon, James A"`` -> family/given; ``"Casbon, J, Jr"`` keeps the suffix; a name with
    no comma is a single family name, or (several words) a group written as a literal."""
    text = " ".join(text.split())
    parts = [p.strip() for p in text.split(",")]
    if len(parts) == 1:
        return Name(family=text) if " " not in text else Name(literal=text)
    family, given = parts[0], parts[1]
    suffix = ", ".join(p for p in parts[2:] if p) or None
    if not family:
        return Name(literal=text)
    return Name(family=family, given=given or None, suffix=suffix)


def join_name(name: Name) -> str:
    """The inverse of :func:`split_name`: ``Family, Given[, Suffix]`` (particles with the
    family name), or the literal as it is."""
    if name.literal:
        return name.literal
    family = " ".join(p for p in (name.non_dropping_particle, name.family) if p)
    given = " ".join(p for p in (name.given, name.dropping_particle) if p)
    if not given and not name.suffix:
        # "van der Berg," : a family name of several words keeps its comma, or it would read
        # back as a group's literal name.
        return f"{family}," if " " in family.strip() else family
    if not family:
        return " ".join(p for p in (given, name.suffix) if p)
    return ", ".join(p for p in (family, given, name.suffix) if p is not None)


# Dates ---------------------------------------------------------------------------------------

_SLASH_DATE = re.compile(r"^(\d{4})?(?:[/-](\d{0,2}))?(?:[/-](\d{0,2}))?(?:/(.*))?$")


def slash_date(text: str) -> DateParts | None:
    """RIS's ``YYYY/MM/DD/other`` (any part empty: ``2016///``, ``2016/04/19/``) or an ISO date
    as a CSL date; the fourth part, when given, is the season. ``None`` if it is neither."""
    match = _SLASH_DATE.match(text.strip())
    if not match or not match.group(1):
        return None
    year, month, day, other = match.groups()
    parts: list[int] = [int(year)]
    if month:
        if not 1 <= int(month) <= 12:
            return None
        parts.append(int(month))
        if day:
            if not 1 <= int(day) <= 31:
                return None
            parts.append(int(day))
    elif day:
        return None
    season = other.strip() if other and other.strip() else None
    return DateParts(date_parts=(tuple(parts),), season=season)


def write_slash_date(date: DateParts) -> str | None:
    """A CSL date as ``YYYY/MM/DD/`` (RIS), or its literal/raw text when it has no parts."""
    if not date.date_parts:
        return date.literal or date.raw
    first = [str(p) for p in date.date_parts[0]]
    if not first[0].lstrip("-").isdigit():
        return date.literal or date.raw
    year = first[0]
    month = first[1].zfill(2) if len(first) > 1 else ""
    day = first[2].zfill(2) if len(first) > 2 else ""
    season = "" if date.season is None else str(date.season)
    return f"{year}/{month}/{day}/{season}"


# Records -------------------------------------------------------------------------------------


def build_reference(
    data: dict[str, Any], *, label: str, source: str | None, line: int
) -> tuple[Reference | None, list[Issue]]:
    """The record ``data`` describes; a bad field is reported and dropped, the rest kept."""
    data = {k: v for k, v in data.items() if v not in (None, (), [], "", {})}
    try:
        return Reference.model_validate(data), []
    except ValidationError:
        return validate_leniently(data, label=label, source=source, line=line)


def issue(severity: str, code: str, message: str, source: str | None, line: int | None) -> Issue:
    return Issue.model_validate(
        {"severity": severity, "code": code, "message": message, "source": source, "line": line}
    )


def join_keywords(words: Sequence[str], extras: Extras, tag: str) -> str | None:
    """Keyword lines as CSL's one ``keyword`` string (``"a, b"``); when a keyword holds a comma
    the lines are also kept as they were, to be written back the same."""
    if not words:
        return None
    joined = ", ".join(words)
    if joined.split(", ") != list(words):
        extras.extend(tag, words)
    return joined


def keyword_lines(reference: Reference, kept: dict[str, list[Any]], tag: str) -> list[str]:
    """The keyword lines to write: the kept ones while they still make ``keyword``."""
    lines = [str(v) for v in kept.pop(tag, [])]
    if lines and ", ".join(lines) == reference.keyword:
        return lines
    return reference.keyword.split(", ") if reference.keyword else []


def unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def text_lines(text: str) -> list[str]:
    """The lines of ``text`` whatever its line ends (CRLF, CR), a byte-order mark dropped."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def read_records(
    units: Iterable[T],
    read_one: Callable[[T, dict[str, int]], tuple[Reference | None, list[Issue]]],
    issues: list[Issue],
) -> ReadResult:
    """Every unit read into a record (ids kept unique within the file), issues in order.

    ``read_one`` gets the ids taken so far (lower case), to give a record without one a free id."""
    references: list[Reference] = []
    used: dict[str, int] = {}
    for unit in units:
        reference, problems = read_one(unit, used)
        issues += problems
        if reference is not None:
            used.setdefault(reference.id.lower(), 0)
            references.append(reference)
    return ReadResult(references=tuple(references), issues=tuple(issues))


def fresh_id(values: Mapping[str, Any], used: dict[str, int]) -> str:
    """An id for a record the file gives none: ``chio2012``, then ``chio2012a``, ``b``...
    (``used`` also remembers, per base, where the last search stopped)."""
    base = first_author_key(values)
    hint = "\x00" + base.lower()
    start = used.get(hint, 0)
    for index, suffix in enumerate(itertools.islice(_suffixes(), start, None), start=start):
        if (base + suffix).lower() not in used:
            used[hint] = index + 1
            return base + suffix
    raise AssertionError("unreachable")  # pragma: no cover - the suffixes never run out


def _suffixes() -> Iterator[str]:
    yield ""
    letters = "abcdefghijklmnopqrstuvwxyz"
    yield from letters
    yield from (first + second for first in letters for second in letters)
    yield from (str(number) for number in itertools.count(1))


def first_author_key(values: Mapping[str, Any]) -> str:
    """A readable id for a record with none: first family name (or ``anon``) and year."""
    names: Sequence[Name] = values.get("author") or values.get("editor") or ()
    who = "anon"
    if names:
        word = re.findall(r"\w+", names[0].family or names[0].literal or "")
        who = word[0].lower() if word else "anon"
    issued = values.get("issued")
    year = issued.year if isinstance(issued, DateParts) and issued.year is not None else "nd"
    return f"{who}{year}"
