"""PubMed's MEDLINE format (``.nbib``, PubMed's "Save > PubMed format" and ``efetch
rettype=medline``): ``TAG - value`` lines, values continued on lines indented six spaces.

Tags with a CSL variable fill it (PMID, TI, AB, FAU/AU and CN, TA, JT, IS, VI, IP, PG, DP, LA,
AID/LID ``[doi]``, PMC, DEP, OT, PHST ``[received]``); every other line (MeSH terms, publication
types, affiliations, comments and corrections, history dates, ...) is kept in
``custom["medline"]``, affiliations with their author, and written back, so a file read and
written again keeps every line.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from typing import Any

from als_refs.formats import ReadResult
from als_refs.formats._medline_map import (
    ORDER,
    compact_date,
    language,
    language_code,
    name_from_short,
    publication_date,
    short_name,
    write_compact_date,
    write_publication_date,
)
from als_refs.formats._tagged import (
    Extras,
    TaggedLine,
    TaggedRecord,
    build_reference,
    fresh_id,
    issue,
    join_keywords,
    join_name,
    kept_tags,
    keyword_lines,
    read_records,
    split_name,
    text_lines,
    unique,
)
from als_refs.identifiers.issn import split_issn_field
from als_refs.models import DateParts, Issue, Name, Reference

NAME = "medline"
SUFFIXES = (".nbib", ".medline")
CUSTOM_KEY = "medline"
AUTHORS_KEY = "authors"
"""``custom["medline"]["authors"]``: per author, the lines that follow its name (AU, AD, AUID)."""

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9]{0,3}) {0,3}- ?(.*)$")
_PER_AUTHOR = frozenset({"AU", "AD", "AUID", "EQ"})
_WIDTH = 82


# Reading -------------------------------------------------------------------------------------


def records(text: str, source: str | None) -> tuple[list[TaggedRecord], list[Issue]]:
    """The records of a MEDLINE file (blank lines between them) and what could not be read."""
    found: list[TaggedRecord] = []
    issues: list[Issue] = []
    fields: list[TaggedLine] = []
    start = 0

    def close() -> None:
        if fields:
            found.append(TaggedRecord(tuple(fields), start))
        fields.clear()

    for number, line in enumerate(text_lines(text), start=1):
        match = _TAG_LINE.match(line)
        if not line.strip():
            close()
        elif line.startswith(" ") and fields:
            last = fields[-1]
            fields[-1] = TaggedLine(last.tag, f"{last.value} {line.strip()}".strip(), last.line)
        elif match:
            if match[1] == "PMID":
                close()
            if not fields:
                start = number
            fields.append(TaggedLine(match[1], match[2].strip(), number))
        else:
            issues.append(
                issue(
                    "error",
                    "medline-line",
                    f"not a MEDLINE line ('TAG - value' or a continuation indented six "
                    f"spaces), skipped: {line[:60]!r}",
                    source,
                    number,
                )
            )
    close()
    return found, issues


def parse_string(text: str, source: str | None = None) -> ReadResult:
    """Read every record of a MEDLINE file; a bad line or value is reported, never fatal."""
    found, issues = records(text, source)
    return read_records(found, lambda record, used: _read(record, source, used), issues)


def _read(
    record: TaggedRecord, source: str | None, used: dict[str, int]
) -> tuple[Reference | None, list[Issue]]:
    extras = Extras()
    issues: list[Issue] = []
    values: dict[str, Any] = {"type": "article-journal"}
    authors: list[Name] = []
    per_author: list[dict[str, list[str]]] = []
    fields = [f for f in record.fields if f.value]
    if not fields:
        message = "a record with no value on any line: nothing to read"
        return None, [issue("warning", "medline-empty", message, source, record.line)]
    for field in fields:
        tag, value = field.tag, field.value
        if tag in ("FAU", "CN") or (tag == "AU" and _new_author(per_author, authors)):
            authors.append(split_name(value) if tag == "FAU" else _short(tag, value))
            per_author.append({"AU": [value], "FAU": []} if tag == "AU" else {})
        elif tag in _PER_AUTHOR and per_author:
            per_author[-1].setdefault(tag, []).append(value)
        elif not _map(field, values, extras, source, issues):
            extras.add(tag, value)
    for name, extra in zip(authors, per_author, strict=True):
        if "FAU" not in extra and extra.get("AU") == [short_name(name)]:
            del extra["AU"]  # the short form PubMed derives: nothing to keep
    values["author"] = tuple(authors)
    values["keyword"] = join_keywords(values.pop("OT", []), extras, "OT")
    if any(per_author):
        extras.tags[AUTHORS_KEY] = per_author
    pmid = values.get("PMID")
    values["id"] = f"pmid{pmid}" if pmid else fresh_id(values, used)
    values["custom"] = {CUSTOM_KEY: extras.tags} if extras.tags else {}
    label = f"record {values['id']!r}"
    reference, problems = build_reference(values, label=label, source=source, line=record.line)
    return reference, issues + problems


def _new_author(per_author: list[dict[str, list[str]]], authors: list[Name]) -> bool:
    """An ``AU`` line names a new author unless it is the short form of the last ``FAU``."""
    return not per_author or "AU" in per_author[-1] or "CN" in per_author[-1]


def _short(tag: str, value: str) -> Name:
    return Name(literal=value) if tag == "CN" else name_from_short(value)


def _map(
    field: TaggedLine,
    values: dict[str, Any],
    extras: Extras,
    source: str | None,
    issues: list[Issue],
) -> bool:
    """Put one line into ``values``; ``False`` when it has no CSL variable (kept as written)."""
    tag, value = field.tag, field.value
    simple = {
        "PMID": "PMID",
        "AB": "abstract",
        "JT": "container-title",
        "TA": "container-title-short",
        "VI": "volume",
        "IP": "issue",
        "PG": "page",
        "PMC": "PMCID",
    }
    if tag in simple and simple[tag] not in values:
        values[simple[tag]] = value
    elif tag == "TI" and "title" not in values:
        values["title"] = value[:-1] if value.endswith(".") else value
        if not value.endswith("."):
            extras.add("TI-form", "no-period")
    elif tag == "LA" and "language" not in values:
        values["language"] = language(value)
    elif tag == "DP" and "issued" not in values:
        values["issued"] = _date(value, publication_date, field, source, issues)
    elif tag == "DEP" and "published_online" not in values:
        values["published_online"] = _date(value, compact_date, field, source, issues)
    elif tag == "OT":
        values.setdefault("OT", []).append(value)
    else:
        return _map_kept(field, values, extras)
    return True


def _map_kept(field: TaggedLine, values: dict[str, Any], extras: Extras) -> bool:
    """Lines kept as written whose content also fills a variable (ISSN, DOI, received date)."""
    tag, value = field.tag, field.value
    if tag == "IS":
        extras.add(tag, value)
        if not value.endswith("(Linking)") or "ISSN" not in values:
            issn = split_issn_field(value)[0] if value else value
            values["ISSN"] = ", ".join(unique([*filter(None, [values.get("ISSN")]), issn]))
        return True
    if tag in ("AID", "LID") and value.endswith("[doi]"):
        if "DOI" not in values:
            values["DOI"] = value.removesuffix("[doi]").strip()
        if tag == "LID":
            extras.add(tag, value)
        return True
    if tag == "PHST" and value.endswith("[received]"):
        extras.add(tag, value)
        date = publication_date_slash(value.removesuffix("[received]"))
        if date is not None:
            values.setdefault("submitted", date)
        return True
    return False


def publication_date_slash(text: str) -> DateParts | None:
    match = re.match(r"^\s*(\d{4})/(\d{2})/(\d{2})", text)
    if not match:
        return None
    return DateParts(date_parts=(tuple(int(g) for g in match.groups()),))


def _date(
    value: str,
    reader: Any,
    field: TaggedLine,
    source: str | None,
    issues: list[Issue],
) -> DateParts:
    parsed: DateParts | None = reader(value)
    if parsed is not None:
        return parsed
    issues.append(
        issue(
            "warning",
            "medline-date",
            f"{field.tag}: cannot read the date {value!r}: kept as written",
            source,
            field.line,
        )
    )
    return DateParts(raw=value)


# Writing -------------------------------------------------------------------------------------


def write_string(references: Sequence[Reference]) -> str:
    """MEDLINE for ``references``: a blank line before each record, as PubMed writes it."""
    return "".join("\n" + _write_record(reference) for reference in references)


def _write_record(reference: Reference) -> str:
    kept = kept_tags(reference, CUSTOM_KEY)
    lines: dict[str, list[str]] = {}

    def put(tag: str, *values: str | None) -> None:
        for value in values:
            collapsed = " ".join((value or "").split())
            if collapsed:  # a blank value would be a line with nothing on it
                lines.setdefault(tag, []).append(collapsed)

    put("PMID", reference.pmid)
    _put_issns(reference, kept, put)
    put("VI", reference.volume)
    put("IP", reference.issue)
    put("DP", write_publication_date(reference.issued) if reference.issued else None)
    put("TI", _title(reference, kept))
    put("PG", reference.page)
    put("LID", *_doi_lines(reference, kept.pop("LID", []), "LID"))
    put("AB", reference.abstract)
    put("LA", language_code(reference.language) if reference.language else None)
    dep = reference.published_online
    put("DEP", (write_compact_date(dep) or dep.raw) if dep is not None else None)
    put("TA", reference.container_title_short or reference.journal_abbreviation)
    put("JT", reference.container_title)
    put("OT", *keyword_lines(reference, kept, "OT"))
    _put_history(reference, kept, put)
    put("AID", *(str(v) for v in kept.pop("AID", [])))
    if reference.doi:
        put("AID", f"{reference.display_doi} [doi]")
    put("PMC", reference.pmcid)
    for tag, values in kept.items():
        if tag.isupper() and tag not in lines:
            put(tag, *(str(v) for v in values))
    authors = _author_lines(reference, kept)
    return "".join(_format(tag, value) for tag, value in _ordered(lines, authors))


def _ordered(lines: dict[str, list[str]], authors: list[tuple[str, str]]) -> list[tuple[str, str]]:
    order = [t for t in ORDER if t in lines or t == "FAU"] + [t for t in lines if t not in ORDER]
    result: list[tuple[str, str]] = []
    for tag in order:
        if tag == "FAU":
            result += authors
        else:
            result += [(tag, value) for value in lines.get(tag, [])]
    return result


def _title(reference: Reference, kept: dict[str, list[Any]]) -> str | None:
    title = reference.title
    if not title:
        return None
    if kept.pop("TI-form", None) or title.endswith((".", "?", "!")):
        return title
    return f"{title}."


def _put_issns(reference: Reference, kept: dict[str, list[Any]], put: Any) -> None:
    written = [str(v) for v in kept.pop("IS", [])]
    issns = split_issn_field(reference.issn) if reference.issn else []
    from_kept = unique(split_issn_field(v)[0] for v in written if v)
    if written and set(from_kept) == set(issns):
        put("IS", *written)
    else:
        put("IS", *issns)


def _doi_lines(reference: Reference, kept: list[Any], tag: str) -> list[str]:
    """Kept ``LID`` lines: an e-location id as it was, a DOI only if it is still this one."""
    lines = []
    for value in (str(v) for v in kept):
        written = value.removesuffix("[doi]").strip().lower()
        if not value.endswith("[doi]") or (reference.doi and written == reference.doi):
            lines.append(value)
    return lines


def _put_history(reference: Reference, kept: dict[str, list[Any]], put: Any) -> None:
    history = [str(v) for v in kept.pop("PHST", [])]
    received = [h for h in history if h.endswith("[received]")]
    submitted = reference.submitted
    day = write_compact_date(submitted) if submitted is not None else None
    if day is not None and not received:
        day = (day + "0101")[:8]
        history.insert(0, f"{day[:4]}/{day[4:6]}/{day[6:8]} 00:00 [received]")
    put("PHST", *history)


def _author_lines(reference: Reference, kept: dict[str, list[Any]]) -> list[tuple[str, str]]:
    per_author = kept.pop(AUTHORS_KEY, [])
    if len(per_author) != len(reference.author):
        per_author = [{} for _ in reference.author]
    lines: list[tuple[str, str]] = []
    for name, extra in zip(reference.author, per_author, strict=True):
        extra = extra if isinstance(extra, dict) else {}
        if name.literal and "AU" not in extra:
            lines.append(("CN", name.literal))
        elif extra.get("FAU") == [] and extra.get("AU") and _read_from_short(extra, name):
            lines.append(("AU", str(extra["AU"][0])))
        else:
            lines.append(("FAU", join_name(name)))
            lines.append(("AU", str((extra.get("AU") or [short_name(name)])[0])))
        for tag in ("AUID", "AD", "EQ"):
            lines += [(tag, str(v)) for v in extra.get(tag, [])]
    return [(tag, value) for tag, value in lines if value]


def _read_from_short(extra: dict[str, Any], name: Name) -> bool:
    """An author read from a bare ``AU`` line is written back as one (no ``FAU`` made up)."""
    return name_from_short(str(extra["AU"][0])) == name


def _format(tag: str, value: str) -> str:
    # A line break in a value would start a line (and maybe a record) of its own.
    value = value.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    head = f"{tag:<4}- "
    if len(head) + len(value) <= _WIDTH:
        return f"{head}{value}\n" if value else f"{head.rstrip()}\n"
    wrapped = textwrap.wrap(
        value, width=_WIDTH, initial_indent=head, subsequent_indent=" " * 6,
        break_long_words=False, break_on_hyphens=False,
    )  # fmt: skip
    return "\n".join(wrapped or [head.rstrip()]) + "\n"
