"""BibTeX / biblatex ``.bib`` files, read and written through bibtexparser 2.

Writing: every record becomes one entry whose native fields the consumers use (``bibtex`` with
plain/unsrt, ``biber`` with biblatex). Whatever those fields cannot carry exactly (provenance,
trial ids, print/online dates, a day of the month, a character LaTeX cannot spell...) goes in one
extra field, ``x-als-refs``, holding the difference as %-encoded JSON; both ``bibtex`` and
``biber`` ignore fields they do not know. The writer finds that difference by reading its own
entry back, so ``parse_string(write_string(refs)).references == refs`` for any valid records.

Reading: any ``.bib``; a malformed entry, a duplicate key or a duplicate field becomes an
:class:`Issue` with its line and the other entries are still read (``strict=True`` raises
:class:`ParseError` instead).
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import unquote

from bibtexparser.entrypoint import parse_string as bibtexparser_parse
from bibtexparser.entrypoint import write_string as bibtexparser_write
from bibtexparser.library import Library
from bibtexparser.middlewares import default_unparse_stack
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    Field,
    ParsingFailedBlock,
)
from bibtexparser.writer import BibtexFormat

from als_refs.errors import ParseError
from als_refs.formats import ReadResult, _latex
from als_refs.formats import _biblatex as biblatex
from als_refs.formats import _bibtex_map as bmap
from als_refs.formats import _bibtex_values as values
from als_refs.formats._validate import validate_leniently
from als_refs.models import CSL_TYPES, DateParts, Issue, Reference

NAME = "bibtex"
SUFFIXES = (".bib", ".bibtex")
EXTRA_FIELD = "x-als-refs"
"""The field holding, as %-encoded JSON, what the native fields do not carry exactly."""

_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_:.+-]*")
# Printable ASCII that may stay readable inside a braced .bib value.
_JSON_SAFE = "".join(
    c for c in map(chr, range(32, 127)) if c not in "%{}\\@" and not c.isalnum() and c != "_"
)
_FIELD_ORDER = (
    "author",
    "editor",
    "bookauthor",
    "translator",
    "editora",
    "editoratype",
    "editorb",
    "editorbtype",
    "editorc",
    "editorctype",
    "title",
    "shorttitle",
    "maintitle",
    "journal",
    "booktitle",
    "shortjournal",
    "series",
    "year",
    "month",
    "date",
    "origdate",
    "eventdate",
    "eventtitle",
    "venue",
    "volume",
    "volumes",
    "number",
    "eid",
    "chapter",
    "pages",
    "pagetotal",
    "edition",
    "version",
    "publisher",
    "institution",
    "school",
    "address",
    "origtitle",
    "origpublisher",
    "origlocation",
    "type",
    "entrysubtype",
    "howpublished",
    "pubstate",
    "note",
    "doi",
    "eprint",
    "eprinttype",
    "issn",
    "isbn",
    "url",
    "urldate",
    "langid",
    "keywords",
    "annotation",
    "abstract",
    "key",
)

CUSTOM_BIBTEX = "bibtex"
"""Key in ``Reference.custom`` of the fields a .bib entry had that no model attribute holds
(``keywords``, ``file``...): kept as written, and written back as they were."""
_UNDERSTOOD = frozenset(
    {field for _, field in bmap.NAME_FIELDS}
    | {name for rule in bmap.FIELD_RULES for name in (rule.field, *rule.aliases)}
    | {field for _, field in bmap.DATE_FIELDS}
    | set(bmap.ROLE_SLOTS)
    | {"entrysubtype"}
    | {slot + "type" for slot in bmap.ROLE_SLOTS}
    | {
        name
        for group in (("subtitle", "titleaddon"), ("booksubtitle", "booktitleaddon"))
        for name in group
    }
    | {"journalsubtitle", "journaltitleaddon", "mainsubtitle", "maintitleaddon"}
    | {"year", "month", "date", "key", "crossref", "xdata", EXTRA_FIELD}
)
_FIELD_NAME = re.compile(r"[a-z][a-z0-9_:.+-]*")
_NAME_TO_ALIAS = {name: info.alias or name for name, info in Reference.model_fields.items()}
_ALIAS_TO_NAME = {alias: name for name, alias in _NAME_TO_ALIAS.items()}


# --- reading --------------------------------------------------------------------------------


def parse_string(text: str, source: str | None = None, *, strict: bool = False) -> ReadResult:
    """Read every entry of a ``.bib`` text; problems become issues (or ``ParseError`` if strict).

    ``crossref`` and ``xdata`` parents are inherited from (biblatex's rules), ``@xdata`` and
    ``@set`` entries give no record of their own."""
    library = _quiet_parse(_without_control_characters(text))
    strings = {block.key.lower(): str(block.value) for block in library.strings}
    issues = [
        _failed_block_issue(block, source)
        for block in library.failed_blocks
        if not isinstance(block, DuplicateFieldKeyBlock)
    ]
    twice = _entries_with_a_field_twice(library)
    read = [(entry, *values.raw_fields(entry, strings)) for entry in library.entries]
    read += [(entry, *values.raw_fields(entry, strings, delimited=True)) for entry in twice]
    read.sort(key=lambda item: item[0].start_line or 0)
    parents = {entry.key.lower(): (entry.entry_type.lower(), fields) for entry, fields, _ in read}
    references: list[Reference] = []
    for entry, fields, problems in read:
        if entry.entry_type.lower() in _NOT_RECORDS:
            continue
        problems += values.inherit(entry.entry_type.lower(), fields, parents)
        reference, entry_issues = _read_entry(entry, fields, problems, source)
        issues.extend(entry_issues)
        if reference is not None:
            references.append(reference)
    issues.sort(key=lambda issue: issue.line or 0)
    if strict:
        _raise_first_error(issues)
    return ReadResult(references=tuple(references), issues=tuple(issues))


_NOT_RECORDS = frozenset({"xdata", "set"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _without_control_characters(text: str) -> str:
    # NUL, form feed, escape... have no meaning in a .bib and make bibtex fail: read as spaces.
    return _CONTROL.sub(" ", text) if _CONTROL.search(text) else text


def _entries_with_a_field_twice(library: Library) -> list[Entry]:
    return [
        block.ignore_error_block
        for block in library.failed_blocks
        if isinstance(block, DuplicateFieldKeyBlock) and isinstance(block.ignore_error_block, Entry)
    ]


def _quiet_parse(text: str) -> Library:
    # bibtexparser logs every failed block; we report them as issues instead.
    loggers = [logging.getLogger(name) for name in ("bibtexparser", "bibtexparser.splitter")]
    previous = [logger.disabled for logger in loggers]
    for logger in loggers:
        logger.disabled = True
    try:
        return bibtexparser_parse(text)
    finally:
        for logger, was_disabled in zip(loggers, previous, strict=True):
            logger.disabled = was_disabled


def _raise_first_error(issues: Sequence[Issue]) -> None:
    for issue in issues:
        if issue.severity == "error":
            raise ParseError(issue.message, source=issue.source, line=issue.line)


def _failed_block_issue(block: ParsingFailedBlock, source: str | None) -> Issue:
    line = block.start_line + 1 if block.start_line is not None else None
    if isinstance(block, DuplicateBlockKeyBlock):
        code, message = "duplicate-key", f"duplicate entry key {block.key!r}: entry skipped"
    elif isinstance(block, DuplicateFieldKeyBlock):
        fields = ", ".join(sorted(block.duplicate_keys))
        code, message = "duplicate-field", f"field(s) {fields} given twice: entry skipped"
    else:
        reason = getattr(block.error, "abort_reason", None) or str(block.error)
        head = (block.raw or "").strip().splitlines()[:1]
        start = f" in {head[0][:60]!r}" if head else ""
        code, message = "bibtex-syntax", f"malformed entry{start}: {reason.strip()}"
    return Issue(severity="error", code=code, message=message, source=source, line=line)


def _read_entry(
    entry: Entry, fields: dict[str, str], problems: list[str], source: str | None
) -> tuple[Reference | None, list[Issue]]:
    line = entry.start_line + 1 if entry.start_line is not None else None
    label = f"entry {entry.key!r}"
    problems = [f"{label}: {message}" for message in problems]
    native = _native_data(entry.entry_type.lower(), entry.key, fields, problems)
    data = dict(native)
    issues = [
        Issue(severity="warning", code="bibtex-field", message=m, source=source, line=line)
        for m in problems
    ]
    extra = fields.get(EXTRA_FIELD)
    if extra is not None:
        # Files written by als-refs before 0.2 carried JSON in this field.
        try:
            data.update(
                (_ALIAS_TO_NAME.get(key, key), value) for key, value in _decode_extra(extra).items()
            )
        except ValueError as exc:
            issues.append(
                Issue(
                    severity="warning",
                    code="bibtex-field",
                    message=f"{label}: ignored unreadable {EXTRA_FIELD}: {exc}",
                    source=source,
                    line=line,
                )
            )
    reference, field_issues = validate_leniently(
        data, label=label, source=source, line=line, fallback=native
    )
    issues += field_issues
    return reference, issues


def _native_data(
    entry_type: str, key: str, fields: dict[str, str], problems: list[str]
) -> dict[str, Any]:
    data: dict[str, Any] = {"id": key, "type": _csl_type(entry_type, fields)}
    fields = dict(fields)  # a parent's fields are read again by its children
    # The title before the reader joins its subtitle to it: biblatex's short title.
    main_title = fields.get("title", "").strip() if fields.get("subtitle", "").strip() else ""
    _join_subtitles(fields)
    for attr, field in bmap.NAME_FIELDS:
        _read_names(data, attr, field, fields, problems)
    for slot in bmap.ROLE_SLOTS:
        role = bmap.EDITOR_ROLES.get(fields.get(slot + "type", "").strip().lower())
        if role is not None and role not in data:
            _read_names(data, role, slot, fields, problems)
    for rule in bmap.FIELD_RULES:
        if rule.attr in data or not rule.applies(entry_type):
            continue
        for name in (rule.field, *rule.aliases):
            raw = fields.get(name, "").strip()
            if raw:
                data[rule.attr] = bmap.decode_value(raw, rule.codec)
                break
    if data.get("page") is not None and data.get("page") == data.get("number"):
        del data["page"]  # an article number the writer copied into pages for plain.bst
    if "pmid" not in data and fields.get("eprinttype", "").strip().lower() in {"pubmed", "pmid"}:
        data["pmid"] = fields.get("eprint", "").strip() or None
    issued = _read_issued(fields, key, problems)
    if issued is not None:
        data["issued"] = issued
    for attr, field in bmap.DATE_FIELDS:
        date = bmap.parse_iso_date(fields[field]) if fields.get(field) else None
        if date is not None:
            data[attr] = date
    biblatex.derive(entry_type, fields, data, main_title=main_title)
    understood = _UNDERSTOOD | ({"eprint", "eprinttype"} if "pmid" in data else set())
    others = {name: value for name, value in fields.items() if name not in understood}
    if others:
        data["custom"] = {CUSTOM_BIBTEX: others}
    return data


def _csl_type(entry_type: str, fields: dict[str, str]) -> str:
    subtype = fields.get("entrysubtype", "").strip()
    if entry_type == bmap.FALLBACK_TYPE and subtype in CSL_TYPES:
        return subtype
    return bmap.BIBTEX_TO_CSL.get(entry_type, "document")


def _read_names(
    data: dict[str, Any], attr: str, field: str, fields: dict[str, str], problems: list[str]
) -> None:
    raw = fields.get(field, "").strip()
    if raw:
        names, name_problems = bmap.decode_names(raw)
        data[attr] = tuple(names)
        problems.extend(f"{field}: {p}" for p in name_problems)


_SUBTITLED = (
    *tuple(
        (title, prefix + "subtitle", title + "addon")
        for title, prefix in (("title", ""), ("booktitle", "book"), ("journaltitle", "journal"))
    ),
    ("maintitle", "mainsubtitle", "maintitleaddon"),
)


def _join_subtitles(fields: dict[str, str]) -> None:
    """``title: subtitle. addon``, as biblatex prints it and pandoc reads it."""
    for title, subtitle, addon in _SUBTITLED:
        if fields.get(title, "").strip() and fields.get(subtitle, "").strip():
            fields[title] = f"{fields[title].strip()}: {fields[subtitle].strip()}"
        if fields.get(title, "").strip() and fields.get(addon, "").strip():
            fields[title] = f"{fields[title].strip()}. {fields[addon].strip()}"


def _read_issued(fields: dict[str, str], key: str, problems: list[str]) -> DateParts | None:
    if fields.get("date", "").strip().upper() == bmap.UNKNOWN_YEAR:
        return None
    if fields.get("date", "").strip():
        parsed = bmap.parse_iso_date(fields["date"])
        if parsed is not None:
            return parsed
        problems.append(f"entry {key!r}: date {fields['date']!r} is not an ISO date")
    year = fields.get("year", "").strip()
    if "noopsort" in year:  # {\noopsort{1973b}}1973: a sort key, then the year
        year = bmap.decode_value(year, "text")
    if not year:
        return None
    if not year.isdigit():
        return DateParts(literal=bmap.decode_value(year, "text"))
    month_text = fields.get("month", "").strip()
    month, day = bmap.parse_month_day(month_text) if month_text else (None, None)
    if month_text and month is None:
        problems.append(f"entry {key!r}: month {month_text!r} not understood")
    return DateParts.from_ymd(int(year), month, day)


def _decode_extra(raw: str) -> dict[str, Any]:
    value = json.loads(unquote(raw))
    if not isinstance(value, dict):
        raise ValueError("expected a JSON object")
    return value


# --- writing --------------------------------------------------------------------------------


def write_string(
    references: Sequence[Reference], *, unicode: bool = False, provenance: bool = False
) -> str:
    """The records as a ``.bib`` text: LaTeX escapes (default) or raw UTF-8 (``unicode=True``).

    Only fields biber's data model knows are written; what a .bib cannot say stays in the
    CSL-JSON (and the lockfile). ``provenance`` adds readable ``%`` comment lines."""
    used: set[str] = set()
    chunks: list[str] = []
    for reference in references:
        key = _unique_key(reference.id, used)
        chunks.append(_write_entry(reference, key, unicode=unicode, provenance=provenance))
    return "\n".join(chunks)


def control_character_warnings(
    references: Sequence[Reference], source: str | None = None
) -> list[Issue]:
    """A warning for each record holding control characters, which the .bib drops (no TeX
    engine or biber takes them)."""
    return [
        Issue(
            severity="warning",
            code="control-character",
            message=f"entry {reference.id!r}: control characters dropped from the .bib",
            source=source,
        )
        for reference in references
        if any(map(_latex.has_control, _strings(reference.to_csl())))
    ]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _write_entry(reference: Reference, key: str, *, unicode: bool, provenance: bool) -> str:
    fields = _native_fields(reference, key, unicode=unicode)
    fields += _other_fields(reference, {field.key for field in fields}, unicode=unicode)
    text = _render(reference, key, fields)
    return _provenance_comment(reference) + text if provenance else text


def _provenance_comment(reference: Reference) -> str:
    """Readable lines before the entry (``--provenance``): BibTeX and biber skip text outside
    entries, so nothing of it reaches a formatted bibliography."""
    lines = [
        f"% {reference.id}: cited at {place.label()}" for place in reference.provenance.locations
    ]
    origins = ", ".join(f"{k} from {v}" for k, v in sorted(reference.provenance.fields.items()))
    if origins:
        lines.append(f"% {reference.id}: {origins}")
    return "".join(_comment_safe(line) + "\n" for line in lines)


def _comment_safe(line: str) -> str:
    # An @ would start an entry for bibtex even in a comment line.
    return line.replace("@", "(at)").replace("\n", " ")


def _render(reference: Reference, key: str, fields: list[Field]) -> str:
    # The fields are this call's own (built fresh by _native_fields/_other_fields).
    entry = Entry(_entry_type(reference), key, fields)
    fmt = BibtexFormat()  # type: ignore[no-untyped-call]
    fmt.indent = "  "
    # Name lists are merged by name_parts already: bibtexparser's name middleware crashes on
    # any list it was not given as NameParts.
    # The entry is ours (its fields are copies): the stack may work in place, not deep-copy it.
    stack = default_unparse_stack(allow_inplace_modification=True)
    text: str = bibtexparser_write(Library([entry]), unparse_stack=stack, bibtex_format=fmt)
    return text


def _other_fields(reference: Reference, taken: set[str], *, unicode: bool) -> list[Field]:
    """The fields kept in ``custom["bibtex"]`` that biber's data model knows and that can be
    written back as they were read (never one the native fields already wrote)."""
    others = reference.custom.get(CUSTOM_BIBTEX)
    if not isinstance(others, dict):
        return []
    return [
        Field(name, value)
        for name, value in others.items()
        if isinstance(value, str)
        and name in bmap.BIBLATEX_FIELDS
        and name not in _UNDERSTOOD | taken | _NAME_LISTS
        and _verbatim_safe(value)
        and (unicode or value.isascii())
    ]


_NAME_LISTS = frozenset({"author", "editor", "translator", *bmap.ROLE_SLOTS, "bookauthor"})
"""Name fields bibtexparser's name middleware splits: written only from name lists."""


def _verbatim_safe(value: str) -> bool:
    # Written raw inside braces: balanced braces, nothing a reader could take for an escaped
    # brace or the start of a new entry, no surrounding blanks (readers strip them).
    if not value.isprintable() or value != value.strip():
        return False
    if "@" in value or "\\{" in value or "\\}" in value:
        return False
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0 and not value.endswith("\\")


def _entry_type(reference: Reference) -> str:
    rule = bmap.type_rule(reference.type)
    if rule is None or not all(_has(reference, need) for need in rule.requires):
        return bmap.FALLBACK_TYPE
    return rule.bibtex


def _has(reference: Reference, need: str) -> bool:
    for attr in need.split("|"):
        if attr == "issued":
            if bmap.year_month(reference.issued)[0] is not None:
                return True
        elif getattr(reference, attr):
            return True
    return False


def _native_fields(reference: Reference, key: str, *, unicode: bool) -> list[Field]:
    entry_type = _entry_type(reference)
    values: dict[str, Field] = {}
    _add_names(reference, values, unicode=unicode)
    written: set[str] = set()
    for rule in bmap.FIELD_RULES:
        value = _doi_as_written(reference) if rule.attr == "doi" else getattr(reference, rule.attr)
        if value is None or rule.attr in written or not rule.applies(entry_type):
            continue
        if rule.field in values or not bmap.writable(rule, value):
            continue
        written.add(rule.attr)
        if value.strip():
            values[rule.field] = Field(
                rule.field, bmap.encode_value(value, rule.codec, unicode=unicode)
            )
    _add_article_number(reference, values, unicode=unicode)
    _add_volume_title(reference, values, unicode=unicode)
    if entry_type == bmap.FALLBACK_TYPE and reference.type != "document":
        # @misc reads back as "document": biblatex's entrysubtype keeps the CSL type.
        values["entrysubtype"] = Field("entrysubtype", reference.type)
    _add_pubmed(reference, values)
    _add_dates(reference, values)
    _drop_exclusive(entry_type, values)
    if "author" not in values and "editor" not in values:
        # plain.bst sorts by author or editor, else by ``key``: without one it warns.
        label = reference.title or reference.container_title or key
        values["key"] = Field("key", bmap.encode_value(label, "text", unicode=unicode))
    return [values[name] for name in _FIELD_ORDER if name in values]


def _doi_as_written(reference: Reference) -> str | None:
    """The DOI to print; one the reader kept as written (not a DOI) goes back as it came."""
    written = reference.forms.get("DOI")
    if reference.doi is None and isinstance(written, str):
        return written
    return reference.display_doi


def _add_names(reference: Reference, values: dict[str, Field], *, unicode: bool) -> None:
    lists = [(field, getattr(reference, attr)) for attr, field in bmap.NAME_FIELDS]
    slots = iter(bmap.ROLE_SLOTS)
    for role, attr in bmap.EDITOR_ROLES.items():
        names = getattr(reference, attr)
        if names and attr not in {a for a, _ in bmap.NAME_FIELDS}:
            slot = next(slots, None)
            if slot is None:
                break
            lists.append((slot, names))
            values[slot + "type"] = Field(slot + "type", role)
    for field, names in lists:
        if names and field not in values:
            parts = [bmap.name_parts(name, unicode=unicode) for name in names]
            merged = " and ".join(p.merge_last_name_first for p in parts)
            values[field] = Field(field, merged)


def _add_article_number(reference: Reference, values: dict[str, Field], *, unicode: bool) -> None:
    """plain.bst and unsrt.bst never print ``eid``: an article number with no page range is
    copied into ``pages`` (printed by every style); beside a page range it stays ``eid`` only."""
    if reference.number and "pages" not in values and "eid" in values:
        # eid stays too: the reader knows pages == eid for an article number, not a page.
        values["pages"] = Field("pages", values["eid"].value)


def _add_volume_title(reference: Reference, values: dict[str, Field], *, unicode: bool) -> None:
    """biblatex's ``maintitle``: a volume's own title is the entry's title (or booktitle)."""
    if not reference.volume_title:
        return
    volume = bmap.encode_title(reference.volume_title, unicode=unicode)
    if "booktitle" in values:
        values["maintitle"] = Field("maintitle", values["booktitle"].value)
        values["booktitle"] = Field("booktitle", volume)
    elif "title" in values and "journal" not in values:
        values["maintitle"] = Field("maintitle", values["title"].value)
        values["title"] = Field("title", volume)


def _add_pubmed(reference: Reference, values: dict[str, Field]) -> None:
    # biblatex has no pmid field: its eprint fields hold it (biblatex prints a PubMed link).
    if reference.pmid and "eprint" not in values:
        values["eprint"] = Field("eprint", bmap.encode_verbatim(reference.pmid))
        values["eprinttype"] = Field("eprinttype", "pubmed")


def _add_dates(reference: Reference, values: dict[str, Field]) -> None:
    for attr, field in bmap.DATE_FIELDS[1:]:
        date = bmap.iso_date(getattr(reference, attr))
        if date is not None:
            values[field] = Field(field, date)
    year, month = bmap.year_month(reference.issued)
    if year is None and "date" not in values:
        # biblatex's data model wants a date on nearly every entry type: EDTF's unknown year
        # says there is none (biber validates it, biblatex prints no year, bibtex ignores it).
        values["date"] = Field("date", bmap.UNKNOWN_YEAR)
    if year is not None:
        values["year"] = Field("year", str(year))
        if month is not None:
            values["month"] = Field("month", bmap.MONTHS[month - 1], enclosing="no-enclosing")
        # biblatex's ``date`` carries what year/month cannot: the day, a range.
        issued = bmap.iso_date(reference.issued)
        if issued is not None and not re.fullmatch(r"\d{4}(-\d{2})?", issued):
            values["date"] = Field("date", issued)
    accessed = bmap.iso_date(reference.accessed)
    if accessed is not None:
        values["urldate"] = Field("urldate", accessed)


def _drop_exclusive(entry_type: str, values: dict[str, Field]) -> None:
    rule = next((r for r in bmap.TYPE_RULES if r.bibtex == entry_type), None)
    if rule is None:
        return
    for keep, drop in rule.exclusive:
        if keep in values and drop in values:
            _move_to_role_slot(values, values.pop(drop))
    for field, needed in rule.companions:
        if needed not in values:
            values.pop(field, None)


def _move_to_role_slot(values: dict[str, Field], field: Field) -> None:
    """A book's editor beside its author, which plain.bst refuses, as biblatex's ``editora``
    with ``editoratype = {editor}`` (plain.bst ignores it, biblatex prints it)."""
    if field.key != "editor":
        return
    slot = next((s for s in bmap.ROLE_SLOTS if s not in values), None)
    if slot is not None:
        values[slot] = Field(slot, field.value)
        values[slot + "type"] = Field(slot + "type", "editor")


def _unique_key(wanted: str, used: set[str]) -> str:
    """``wanted`` if it is a usable, unused BibTeX key; otherwise an ASCII variant of it."""
    key = wanted if _KEY.fullmatch(wanted) else _ascii_key(wanted)
    candidate, counter = key, 1
    # BibTeX compares keys without regard to case.
    while candidate.lower() in used:
        counter += 1
        candidate = f"{key}-{counter}"
    used.add(candidate.lower())
    return candidate


def _ascii_key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^A-Za-z0-9_:.+-]+", "-", folded).strip("-_:.+")
    return cleaned if cleaned and cleaned[0].isalnum() else f"ref-{cleaned}".rstrip("-")
