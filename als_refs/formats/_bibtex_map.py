"""The two-way mapping between :class:`Reference` and BibTeX entries (one table, both directions).

``TYPE_RULES`` pairs CSL types with entry types and lists what each entry type needs for
``bibtex`` (plain/unsrt) to format it without a warning; a record that lacks a required field is
written as ``@misc``. ``FIELD_RULES`` pairs model attributes with BibTeX fields and a codec; the
same rule, looked up by the entry type, serves the writer and the reader.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Literal

from bibtexparser.middlewares.names import (
    InvalidNameError,
    NameParts,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)

from als_refs.formats import _latex
from als_refs.models import DateParts, Name

Codec = Literal["text", "title", "verbatim", "pages"]

BOOKTITLE_TYPES = frozenset({"incollection", "inproceedings"})
_REPORT_TYPES = frozenset({"techreport"})
_THESIS_TYPES = frozenset({"phdthesis", "mastersthesis"})


@dataclass(frozen=True)
class TypeRule:
    csl: str
    bibtex: str
    requires: tuple[str, ...] = ()
    """Model attributes plain.bst needs; ``"author|editor"`` means either one."""
    exclusive: tuple[tuple[str, str], ...] = ()
    """BibTeX field pairs plain.bst refuses together: the second is left to ``x-als-refs``."""
    companions: tuple[tuple[str, str], ...] = ()
    """``(field, needed)``: plain.bst warns about ``field`` without ``needed``, so it is dropped."""


_BOOKISH = (("volume", "number"),)
_ARTICLE = ("author", "title", "container_title", "issued")
_ARTICLE_COMPANIONS = (("number", "volume"),)
TYPE_RULES: tuple[TypeRule, ...] = (
    TypeRule("article-journal", "article", _ARTICLE, companions=_ARTICLE_COMPANIONS),
    TypeRule("article-magazine", "article", _ARTICLE, companions=_ARTICLE_COMPANIONS),
    TypeRule("article-newspaper", "article", _ARTICLE, companions=_ARTICLE_COMPANIONS),
    TypeRule(
        "book",
        "book",
        ("author|editor", "title", "publisher", "issued"),
        (("author", "editor"), *_BOOKISH),
    ),
    TypeRule(
        "chapter",
        "incollection",
        ("author", "title", "container_title", "publisher", "issued"),
        _BOOKISH,
    ),
    TypeRule(
        "paper-conference",
        "inproceedings",
        ("author", "title", "container_title", "issued"),
        _BOOKISH,
    ),
    TypeRule("report", "techreport", ("author", "title", "publisher", "issued")),
    TypeRule("thesis", "phdthesis", ("author", "title", "publisher", "issued")),
    TypeRule("pamphlet", "booklet", ("title",)),
    TypeRule("manuscript", "unpublished", ("author", "title", "note")),
)
FALLBACK_TYPE = "misc"

# Reading: entry types (lower-case) to CSL types; BibTeX and biblatex names both.
BIBTEX_TO_CSL: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "collection": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "techreport": "report",
    "report": "report",
    "manual": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "booklet": "pamphlet",
    "unpublished": "manuscript",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "dataset": "dataset",
    "software": "software",
    "patent": "patent",
    "misc": "document",
}


@dataclass(frozen=True)
class FieldRule:
    attr: str
    field: str
    codec: Codec = "text"
    types: frozenset[str] | None = None
    """Entry types the rule applies to (``None``: all of them)."""
    excluded: frozenset[str] = frozenset()
    """Entry types the rule does not apply to."""
    aliases: tuple[str, ...] = ()
    """Other fields read into ``attr`` (biblatex names...), never written."""

    def applies(self, entry_type: str) -> bool:
        if entry_type in self.excluded:
            return False
        return self.types is None or entry_type in self.types


FIELD_RULES: tuple[FieldRule, ...] = (
    FieldRule("title", "title", "title"),
    FieldRule("title_short", "shorttitle"),
    FieldRule("container_title", "booktitle", types=BOOKTITLE_TYPES),
    FieldRule(
        "container_title",
        "journal",
        excluded=BOOKTITLE_TYPES,
        aliases=("journaltitle", "booktitle"),
    ),
    FieldRule("container_title_short", "shortjournal", aliases=("journalabbrev",)),
    FieldRule("collection_title", "series"),
    FieldRule("volume", "volume"),
    FieldRule("number", "number", types=_REPORT_TYPES),
    FieldRule("issue", "number", excluded=_REPORT_TYPES, aliases=("issue",)),
    FieldRule("number", "eid", excluded=_REPORT_TYPES),
    FieldRule("page", "pages", "pages"),
    FieldRule("edition", "edition"),
    FieldRule("publisher", "institution", types=_REPORT_TYPES, aliases=("publisher",)),
    FieldRule("publisher", "school", types=_THESIS_TYPES, aliases=("publisher", "institution")),
    FieldRule(
        "publisher",
        "publisher",
        excluded=_REPORT_TYPES | _THESIS_TYPES,
        aliases=("institution", "school", "organization"),
    ),
    FieldRule("publisher_place", "address", aliases=("location",)),
    FieldRule("genre", "type"),
    FieldRule("note", "note"),
    FieldRule("abstract", "abstract"),
    FieldRule("doi", "doi", "verbatim"),
    FieldRule("pmid", "pmid", "verbatim"),
    FieldRule("pmcid", "pmcid", "verbatim"),
    FieldRule("issn", "issn"),
    FieldRule("isbn", "isbn"),
    FieldRule("url", "url", "verbatim"),
)

NAME_FIELDS = (("author", "author"), ("editor", "editor"))

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def type_rule(csl_type: str) -> TypeRule | None:
    return next((rule for rule in TYPE_RULES if rule.csl == csl_type), None)


# --- codecs ---------------------------------------------------------------------------------


def encode_value(value: str, codec: Codec, *, unicode: bool) -> str:
    if codec == "title":
        return encode_title(value, unicode=unicode)
    if codec == "pages":
        return "--".join(_latex.encode(part, unicode=unicode) for part in value.split("-"))
    if codec == "verbatim":
        return encode_verbatim(value)
    return _latex.encode(value, unicode=unicode)


def decode_value(raw: str, codec: Codec) -> str:
    if codec == "verbatim":
        return raw
    if codec == "pages":
        # ``--`` and an en dash both separate a range: read back as the hyphen CSL uses.
        return "-".join(_latex.decode(part).replace("\u2013", "-") for part in raw.split("--"))
    return _latex.decode(raw)


_VERBATIM_UNSAFE = {"{": "%7B", "}": "%7D", "\\": "%5C"}


def encode_verbatim(value: str) -> str:
    """URLs and DOIs are verbatim for biber; only what breaks the .bib syntax is %-encoded."""
    return "".join(_VERBATIM_UNSAFE.get(char, char) for char in value)


def encode_title(title: str, *, unicode: bool) -> str:
    """Escape a title and brace the words whose case must survive a style's case change."""
    words = title.split(" ")
    out: list[str] = []
    for index, word in enumerate(words):
        escaped = _latex.encode(word, unicode=unicode)
        out.append(_protect(escaped) if _keeps_case(word, first=index == 0) else escaped)
    return " ".join(out)


def _keeps_case(word: str, *, first: bool) -> bool:
    capitals = [i for i, char in enumerate(word) if char.isupper()]
    if not capitals:
        return False
    # The first word of a sentence-case title keeps its capital anyway ("Prevalence").
    return not (first and capitals == [0])


def _protect(escaped: str) -> str:
    # A group starting with a backslash is a BibTeX "special character" whose letters styles
    # still re-case; a second pair of braces makes it a real protection.
    return "{{" + escaped + "}}" if escaped.startswith("\\") else "{" + escaped + "}"


# --- names ----------------------------------------------------------------------------------


def name_parts(name: Name, *, unicode: bool) -> NameParts:
    """A name as bibtexparser ``NameParts``; ``MergeNameParts`` writes ``von Last, Jr, First``.

    A name BibTeX cannot split back (stray commas, empty parts...) is written as one braced
    group; ``x-als-refs`` then keeps its parts.
    """

    def enc(text: str) -> str:
        return _latex.encode(text, unicode=unicode, grouped=True)

    if name.literal == "others":  # "et al.": BibTeX's own mark of a list cut short
        return NameParts(last=["others"])
    if name.literal is not None:
        return NameParts(last=["{" + enc(name.literal) + "}"])
    particle = " ".join(p for p in (name.dropping_particle, name.non_dropping_particle) if p)
    parts = NameParts()
    if name.family:
        family = enc(name.family)
        parts.last = [_brace_if(family, _family_needs_braces(name.family, family))]
    if particle:
        parts.von = [_brace_if(enc(particle), _has_comma_or_and(particle))]
    if name.given:
        parts.first = [_brace_if(enc(name.given), _has_comma_or_and(name.given))]
    if name.suffix:
        parts.jr = [_brace_if(enc(name.suffix), _has_comma_or_and(name.suffix))]
    if _splits_back(parts):
        return parts
    return NameParts(last=["{" + enc(name.display()) + "}"])


def _splits_back(parts: NameParts) -> bool:
    words = [*parts.first, *parts.von, *parts.last, *parts.jr]
    if not parts.last or any(not word.strip() for word in words):
        return False
    merged = parts.merge_last_name_first
    try:
        return split_multiple_persons_names(merged) == [merged] and bool(
            parse_single_name_into_parts(merged).last
        )
    except InvalidNameError:
        return False


def _brace_if(escaped: str, needed: bool) -> str:
    return "{" + escaped + "}" if needed else escaped


def _has_comma_or_and(text: str) -> bool:
    return "," in text or bool(re.search(r"(?i)(^|\s)and(\s|$)", text))


def _family_needs_braces(text: str, escaped: str) -> bool:
    # BibTeX reads lower-case words before the last one as the "von" part; a word starting with
    # an escape (``{\TH}a``) has a case only some readers agree on.
    words = text.split()
    if _has_comma_or_and(text) or any(not word[:1].isupper() for word in words):
        return True
    return len(words) > 1 and any(word[:1] in "{\\" for word in escaped.split())


def decode_names(raw: str) -> tuple[list[Name], list[str]]:
    """Parse a BibTeX name list; returns the names and a message for each name read as-is."""
    names: list[Name] = []
    problems: list[str] = []
    for item in split_multiple_persons_names(raw):
        item = item.strip()
        if not item:
            continue
        try:
            names.append(_decode_name(item))
        except (InvalidNameError, ValueError) as exc:
            problems.append(f"name {item!r} kept as written: {exc}")
            names.append(Name(literal=_latex.decode(item) or item))
    return names, problems


def _decode_name(item: str) -> Name:
    if item == "others":
        return Name(literal="others")
    if _is_one_group(item):
        return Name(literal=_latex.decode(item[1:-1]))
    parts = parse_single_name_into_parts(item)
    return Name(
        family=_joined(parts.last),
        given=_joined(parts.first),
        non_dropping_particle=_joined(parts.von),
        suffix=_joined(parts.jr),
    )


def _joined(words: list[str]) -> str | None:
    # A tie (``~``) in a name is only a space that must not break.
    return _latex.decode(" ".join(words)).replace("\u00a0", " ") if words else None


def _is_one_group(text: str) -> bool:
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(text):
        if char == "{" and text[index - 1 : index] != "\\":
            depth += 1
        elif char == "}" and text[index - 1 : index] != "\\":
            depth -= 1
            if depth == 0 and index != len(text) - 1:
                return False
    return depth == 0


# --- dates ----------------------------------------------------------------------------------


def year_month(date: DateParts | None) -> tuple[int | None, int | None]:
    """The year and month BibTeX can hold natively (one date, integer parts), else Nones."""
    if date is None or not date.date_parts:
        return None, None
    first = date.date_parts[0]
    year = first[0]
    if not isinstance(year, int) or not 0 < year < 10000:
        return None, None
    month = first[1] if len(first) > 1 else None
    return year, month if isinstance(month, int) and 1 <= month <= 12 else None


def iso_date(date: DateParts | None) -> str | None:
    """``2013-05-12`` or ``2013-05-12/2014-01`` (biblatex ``date``, ``urldate``) when every
    part is a valid integer, else None."""
    if date is None or not date.date_parts or date.literal:
        return None
    pieces = [_iso_part(parts) for parts in date.date_parts]
    return "/".join(p for p in pieces if p) if all(pieces) else None


def _iso_part(parts: tuple[int | str, ...]) -> str | None:
    if not all(isinstance(p, int) for p in parts):
        return None
    ints = [int(p) for p in parts]
    try:
        datetime.date(ints[0], *(ints[1:2] or [1]), *(ints[2:3] or [1]))
    except ValueError:
        return None
    return "-".join([f"{ints[0]:04d}", *(f"{p:02d}" for p in ints[1:])])


_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_iso_date(text: str) -> DateParts | None:
    """A biblatex date (``2013``, ``2013-05-12``, ``2013-05/2013-06``) as DateParts."""
    ranges: list[tuple[int, ...]] = []
    for piece in text.strip().split("/"):
        match = _ISO.fullmatch(piece.strip())
        if match is None:
            return None
        ranges.append(tuple(int(g) for g in match.groups() if g is not None))
    return DateParts(date_parts=tuple(ranges)) if 1 <= len(ranges) <= 2 else None


def parse_month(text: str) -> int | None:
    value = text.strip().lower()
    if value.isdigit():
        number = int(value)
        return number if 1 <= number <= 12 else None
    return MONTHS.index(value[:3]) + 1 if value[:3] in MONTHS and len(value) >= 3 else None
