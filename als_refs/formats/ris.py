"""RIS (``.ris``): what EndNote, Mendeley, Zotero and every publisher's "download citation" give.

Lines are read and written through rispy; this module maps its tags to the hub model and back.
Every tag of a record is read: the ones with a CSL variable fill it (types, the six author tags,
titles, dates such as ``2016/04/19/``, numbers, ISSN or ISBN from ``SN``, DOI, URL, abstract,
keywords, notes...), the others (``L1``-``L4``, ``C1``-``C8``, ``AD``, a second URL...) are kept
in ``custom["ris"]`` and written back. A record the reader cannot follow (text outside a record,
a missing ``ER``, an unknown type, a date it cannot read) gives an issue naming its line; the
other records are read all the same.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import rispy

from als_refs.formats import ReadResult
from als_refs.formats._ris_map import (
    BOOK_TYPES,
    CHAPTER_TYPES,
    CONFERENCE_TYPES,
    CSL_TO_RIS,
    NAME_TAGS,
    RIS_TO_CSL,
    name_tag,
    roles,
)
from als_refs.formats._tagged import (
    Extras,
    build_reference,
    fresh_id,
    issue,
    join_keywords,
    join_name,
    kept_tags,
    keyword_lines,
    read_records,
    slash_date,
    split_name,
    text_lines,
    unique,
    write_slash_date,
)
from als_refs.identifiers.doi import normalize_doi
from als_refs.models import DateParts, Issue, Reference

NAME = "ris"
SUFFIXES = (".ris",)
CUSTOM_KEY = "ris"

_MULTILINE_NEWLINE = frozenset({"N1"})
"""Tags whose continuation lines are new lines of the same value (notes)."""
_MULTILINE_NEW_VALUE = frozenset({"KW"})
"""Tags whose continuation lines are further values (a keyword per line)."""


class _Parser(rispy.RisParser):  # type: ignore[misc]
    """rispy's line reader, keeping every tag (repeated ones in order) by its own name."""

    def __init__(self) -> None:
        super().__init__(mapping={"TY": "TY"}, list_tags=[], delimiter_tags_mapping={})

    def _add_tag(
        self, record: dict[str, Any], tag: str | None, content: str, extend_multiline: bool = False
    ) -> None:
        if tag is None or (tag == "TY" and extend_multiline):
            return  # continuation of the type line: nothing to keep
        values: list[str] = record.setdefault(tag, []) if tag != "TY" else []
        if not extend_multiline or not values or tag in _MULTILINE_NEW_VALUE:
            values.append(content)
        elif content:
            joiner = "\n" if tag in _MULTILINE_NEWLINE else " "
            values[-1] = f"{values[-1]}{joiner}{content}" if values[-1] else content


_PARSER = _Parser()


@dataclass
class _Block:
    line: int
    lines: list[str]
    closed: bool


# Reading -------------------------------------------------------------------------------------


def parse_string(text: str, source: str | None = None) -> ReadResult:
    """Read every record of a RIS file; a problem is reported with its line, never fatal."""
    blocks, issues = _split(text, source)
    return read_records(blocks, lambda block, used: _read_block(block, source, used), issues)


def _tag(line: str) -> str | None:
    tag, _ = _PARSER.parse_line(line)
    return tag if isinstance(tag, str) else None


def _split(text: str, source: str | None) -> tuple[list[_Block], list[Issue]]:
    """The records of a file, from ``TY`` to ``ER``, each with the line it starts on."""
    blocks: list[_Block] = []
    issues: list[Issue] = []
    current: _Block | None = None
    stray: int | None = None
    for number, line in enumerate(text_lines(text), start=1):
        tag = _tag(line)
        if tag == "TY":
            if current is not None:
                issues.append(_unclosed(current, source, before=number))
                blocks.append(current)
            current = _Block(number, [line], closed=False)
        elif current is not None:
            current.lines.append(line)
            if tag == "ER":
                current.closed = True
                blocks.append(current)
                current = None
        elif line.strip() and not re.fullmatch(r"\s*\d+\.\s*", line) and stray is None:
            stray = number
            issues.append(
                issue(
                    "warning",
                    "ris-outside-record",
                    f"text outside a record (before any 'TY  - ' line), ignored: {line[:60]!r}",
                    source,
                    number,
                )
            )
    if current is not None:
        issues.append(_unclosed(current, source, before=None))
        blocks.append(current)
    return blocks, issues


def _unclosed(block: _Block, source: str | None, before: int | None) -> Issue:
    where = f"before the next record at line {before}" if before else "before the end of the file"
    return issue(
        "warning",
        "ris-missing-end",
        f"the record starting here has no 'ER  - ' line {where}: read up to there",
        source,
        block.line,
    )


def _read_block(
    block: _Block, source: str | None, used: dict[str, int]
) -> tuple[Reference | None, list[Issue]]:
    lines = block.lines if block.closed else [*block.lines, "ER  - "]
    parsed = _Parser().parse_lines(iter(lines))
    tags: dict[str, list[str]] = parsed[0] if parsed else {}
    ris_type = str(tags.pop("TY", "")).strip().upper() or "GEN"
    fields = _Fields(tags, _tag_lines(block), block.line)
    issues: list[Issue] = []
    csl_type = RIS_TO_CSL.get(ris_type)
    if csl_type is None:
        near = ris_type[:4] if ris_type[:4] in RIS_TO_CSL else None
        csl_type = RIS_TO_CSL[near] if near else "document"
        read_as = f"read as {near} ({csl_type})" if near else "read as a generic document"
        issues.append(
            issue(
                "warning",
                "ris-unknown-type",
                f"unknown RIS type {ris_type!r}: {read_as}, kept to write back",
                source,
                block.line,
            )
        )
    if CSL_TO_RIS.get(csl_type) != ris_type:
        fields.extras.add("TY", ris_type)
    values = _values(fields, _known(ris_type), source, issues)
    values["type"] = csl_type
    values["id"] = _identifier(fields.take_first("ID"), values, used)
    custom = {CUSTOM_KEY: fields.leftovers()} if fields.leftovers() else {}
    values["custom"] = custom
    label = f"record {values['id']!r}"
    reference, problems = build_reference(values, label=label, source=source, line=block.line)
    return reference, issues + problems


def _known(ris_type: str) -> str:
    return ris_type if ris_type in RIS_TO_CSL or ris_type[:4] not in RIS_TO_CSL else ris_type[:4]


def _tag_lines(block: _Block) -> dict[str, int]:
    lines: dict[str, int] = {}
    for offset, line in enumerate(block.lines):
        tag = _tag(line)
        if tag is not None:
            lines.setdefault(tag, block.line + offset)
    return lines


class _Fields:
    """A record's tags; what the mapping takes is gone, the rest is kept for ``custom``."""

    def __init__(self, tags: dict[str, list[str]], lines: dict[str, int], start: int) -> None:
        self.tags = {tag: [v.strip() for v in values] for tag, values in tags.items()}
        self.lines = lines
        self.start = start
        self.extras = Extras()

    def line(self, tag: str) -> int:
        return self.lines.get(tag, self.start)

    def take(self, *tags: str) -> list[str]:
        found: list[str] = []
        for tag in tags:
            found += [v for v in self.tags.pop(tag, []) if v]
        return found

    def take_first(self, *tags: str) -> str | None:
        """The first value of the first of ``tags`` given; other different values are kept."""
        chosen: str | None = None
        for tag in tags:
            for value in self.take(tag):
                if chosen is None:
                    chosen = value
                elif value != chosen:
                    self.extras.add(tag, value)
        return chosen

    def leftovers(self) -> dict[str, list[Any]]:
        for tag, values in self.tags.items():
            self.extras.extend(tag, (v for v in values if v))
        self.tags = {}
        return self.extras.tags


def _values(
    fields: _Fields, ris_type: str, source: str | None, issues: list[Issue]
) -> dict[str, Any]:
    book = ris_type in BOOK_TYPES
    values: dict[str, Any] = {}
    for tag in NAME_TAGS:
        role = roles(ris_type)[tag]
        names = [split_name(v) for v in fields.take(tag)]
        values[role] = (*values.get(role, ()), *names)
    values["title"] = fields.take_first("TI", "T1")
    values["title-short"] = fields.take_first("ST")
    if book:
        values["collection-title"] = fields.take_first("T2", "T3")
    else:
        values["container-title"] = fields.take_first("T2", "JF", "JO", "BT")
        values["collection-title"] = fields.take_first("T3")
    values["container-title-short"] = fields.take_first("J2", "JA")
    values.update(_dates(fields, source, issues))
    values.update(_numbers(fields, ris_type))
    values.update(_identifiers(fields, book))
    values["abstract"] = fields.take_first("AB", "N2")
    values["keyword"] = join_keywords(fields.take("KW"), fields.extras, "KW")
    values["note"] = "\n".join(fields.take("N1")) or None
    values["publisher"] = fields.take_first("PB")
    place = "event-place" if ris_type in CONFERENCE_TYPES else "publisher-place"
    values[place] = fields.take_first("CY")
    simple = {
        "ET": "version" if ris_type == "COMP" else "edition",
        "LA": "language",
        "AN": "archive_location",
        "CN": "call-number",
        "DB": "archive",
        "DP": "source",
        "LB": "citation-label",
        "M3": "genre",
    }
    for tag, variable in simple.items():
        values[variable] = fields.take_first(tag)
    return values


def _dates(fields: _Fields, source: str | None, issues: list[Issue]) -> dict[str, Any]:
    dates: dict[str, DateParts] = {}
    for tag in ("PY", "DA", "Y1", "Y2"):
        value = fields.take_first(tag)
        if value is None:
            continue
        parsed = slash_date(value)
        if parsed is None:
            issues.append(
                issue(
                    "warning",
                    "ris-date",
                    f"{tag}: cannot read the date {value!r} (expected YYYY/MM/DD/): kept as "
                    "written",
                    source,
                    fields.line(tag),
                )
            )
            parsed = DateParts(raw=value)
        dates[tag] = parsed
    issued = _issued(dates, fields)
    return {"issued": issued, "accessed": dates.get("Y2")}


def _issued(dates: dict[str, DateParts], fields: _Fields) -> DateParts | None:
    """The fullest of ``DA``, ``Y1`` and ``PY`` that agrees with the year ``PY`` gives; a date
    that disagrees is kept as written (``custom``)."""
    year = dates.get("PY")
    chosen: DateParts | None = None
    for tag in ("DA", "Y1", "PY"):
        date = dates.get(tag)
        if date is None:
            continue
        agrees = year is None or year.year is None or date.year == year.year
        if chosen is None and agrees:
            chosen = date
        elif tag != "PY" and not (agrees and _coarser(date, chosen)):
            fields.extras.add(tag, write_slash_date(date) or date.raw or "")
    return chosen


def _coarser(date: DateParts, than: DateParts | None) -> bool:
    if than is None or not date.date_parts or not than.date_parts:
        return False
    mine, theirs = date.date_parts[0], than.date_parts[0]
    return len(mine) <= len(theirs) and tuple(theirs[: len(mine)]) == tuple(mine)


def _numbers(fields: _Fields, ris_type: str) -> dict[str, Any]:
    values: dict[str, Any] = {"volume": fields.take_first("VL"), "issue": fields.take_first("IS")}
    start, end = fields.take_first("SP"), fields.take_first("EP")
    if ris_type in BOOK_TYPES and end is None:
        values["number-of-pages"] = start
    elif start and end and end != start:
        values["page"] = f"{start}-{end}"
    else:
        values["page"] = start or end
    values["number"] = fields.take_first("M1")
    section = "chapter-number" if ris_type in CHAPTER_TYPES else "section"
    values[section] = fields.take_first("SE")
    values["number-of-volumes"] = fields.take_first("NV")
    values["collection-number"] = fields.take_first("SV")
    return values


_ISBN_SHAPE = re.compile(r"^(?:ISBN[:\s]*)?(?:97[89][-\s]?)?\d(?:[-\s]?\d){8}[-\s]?[\dX]\b", re.I)
_ISSN_SHAPE = re.compile(r"^(?:e?ISSN[:\s]*)?\d{4}-?\d{3}[\dX]\b", re.I)


def _identifiers(fields: _Fields, book: bool) -> dict[str, Any]:
    isbn: list[str] = []
    issn: list[str] = []
    for value in fields.take("SN"):
        for part in (p.strip() for p in re.split(r"[;\n]+", value)):
            if _ISSN_SHAPE.match(part) and not _ISBN_SHAPE.match(part):
                issn.append(part)
            elif _ISBN_SHAPE.match(part) or book:
                isbn.append(part)
            elif part:
                issn.append(part)
    urls = unique(u for value in fields.take("UR") for u in re.split(r"\s*;\s*", value) if u)
    fields.extras.extend("UR", urls[1:])
    doi = fields.take_first("DO")
    kind = fields.tags.get("M3", [""])[0]
    if re.match(r"^doi:\s*10\.", kind, re.I):  # a DOI written as the "type of work"
        mention = fields.take_first("M3") or ""
        if doi is None:
            doi = mention
        elif _same_doi(doi, mention) is False:
            fields.extras.add("M3", mention)
    return {
        "ISSN": ", ".join(unique(issn)) or None,
        "ISBN": ", ".join(unique(isbn)) or None,
        "URL": urls[0] if urls else None,
        "DOI": doi,
    }


def _same_doi(first: str, second: str) -> bool:
    try:
        return normalize_doi(first) == normalize_doi(second)
    except ValueError:
        return False


def _identifier(given: str | None, values: dict[str, Any], used: dict[str, int]) -> str:
    return given or fresh_id(values, used)


# Writing -------------------------------------------------------------------------------------


class _Writer(rispy.RisWriter):  # type: ignore[misc]
    """rispy's writer, told every tag by its own name and without a number before each record."""

    REFERENCE_TYPE_KEY = "TY"

    def set_header(self, count: int) -> str:
        return ""


def write_string(references: Sequence[Reference]) -> str:
    """RIS for ``references``: one ``TY`` ... ``ER`` record each, blank line between."""
    records = [_record(reference) for reference in references]
    tags = sorted({tag for record in records for tag in record if tag != "TY"})
    mapping = {tag: tag.lower() for tag in {*tags, "TY", "ER", "UK"}}
    writer = _Writer(mapping=mapping, list_tags=tags, delimiter_tags_mapping={})
    text: str = writer.formats(records)
    return text


def _record(reference: Reference) -> dict[str, Any]:
    kept = kept_tags(reference, CUSTOM_KEY)
    ris_type = _ris_type(reference, kept)
    lines: dict[str, Any] = {"TY": ris_type}
    ris_type = _known(ris_type)

    def put(tag: str, *values: str | None) -> None:
        for value in values:
            collapsed = " ".join((value or "").split())
            if collapsed:  # a blank value would be a line with nothing on it
                lines.setdefault(tag, []).append(collapsed)

    put("ID", reference.id)
    for variable, names in reference.names().items():
        tag = name_tag(ris_type, variable)
        if tag is not None:
            put(tag, *(join_name(n) for n in names))
    put("TI", reference.title)
    put("ST", reference.title_short)
    book = ris_type in BOOK_TYPES
    put("T2", reference.collection_title if book else reference.container_title)
    put("J2", reference.container_title_short or reference.journal_abbreviation)
    if not book:
        put("T3", reference.collection_title)
    _put_dates(reference, put)
    _put_numbers(reference, ris_type, put)
    put("SN", reference.issn, reference.isbn)
    put("DO", reference.display_doi if reference.doi else None)
    if reference.doi is None and isinstance(reference.forms.get("DOI"), str):
        put("DO", reference.forms["DOI"])
    put("UR", reference.url)
    put("AB", reference.abstract)
    put("KW", *keyword_lines(reference, kept, "KW"))
    put("N1", *(reference.note or "").split("\n"))
    put("PB", reference.publisher)
    put("CY", reference.event_place if ris_type in CONFERENCE_TYPES else reference.publisher_place)
    put("ET", reference.version if ris_type == "COMP" else reference.edition)
    put("LA", reference.language)
    put("AN", reference.archive_location)
    put("CN", reference.call_number)
    put("DB", reference.archive)
    put("DP", reference.source)
    put("LB", reference.citation_label)
    put("M3", reference.genre)
    for tag, values in kept.items():
        if tag != "TY":
            put(tag, *(str(v) for v in values))
    return lines


def _ris_type(reference: Reference, kept: dict[str, list[Any]]) -> str:
    written = kept.get("TY")
    if written and isinstance(written[0], str):
        own = written[0]
        if RIS_TO_CSL.get(_known(own), "document") == reference.type:
            return own
    return CSL_TO_RIS.get(reference.type, "GEN")


def _put_dates(reference: Reference, put: Any) -> None:
    issued = reference.issued
    if issued is not None:
        if issued.year is not None:
            put("PY", str(issued.year))
            parts = issued.date_parts[0] if issued.date_parts else ()
            if len(parts) > 1 or issued.season is not None:
                put("DA", write_slash_date(issued))
        else:
            put("PY", write_slash_date(issued))
    if reference.accessed is not None:
        put("Y2", write_slash_date(reference.accessed))


def _put_numbers(reference: Reference, ris_type: str, put: Any) -> None:
    put("VL", reference.volume)
    put("IS", reference.issue)
    page = reference.page
    if page and re.fullmatch(r"[^-–,\s]+\s*[-–]\s*[^-–,\s]+", page):
        start, end = re.split(r"\s*[-–]\s*", page, maxsplit=1)
        put("SP", start)
        put("EP", end)
    elif page:
        put("SP", page)
    elif ris_type in BOOK_TYPES:
        put("SP", reference.number_of_pages)
    put("M1", reference.number)
    put("SE", reference.chapter_number if ris_type in CHAPTER_TYPES else reference.section)
    put("NV", reference.number_of_volumes)
    put("SV", reference.collection_number)
