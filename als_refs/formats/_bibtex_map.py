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

Codec = Literal["text", "title", "rich", "verbatim", "pages"]

BOOKTITLE_TYPES = frozenset({"incollection", "inproceedings", "inbook"})
SERIES_NUMBER_TYPES = frozenset(
    {"book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings"}
    | {"incollection", "inproceedings", "inbook"}
)
"""Entry types whose ``number`` is the number in a series (CSL ``collection-number``)."""
_REPORT_TYPES = frozenset({"techreport", "report", "patent"})
_THESIS_TYPES = frozenset({"phdthesis", "mastersthesis"})
_HOWPUBLISHED_TYPES = frozenset({"misc", "booklet"})


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
    "periodical": "article-journal",
    "suppperiodical": "article-journal",
    "bookinbook": "chapter",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "mvcollection": "book",
    "mvproceedings": "book",
    "reference": "book",
    "mvreference": "book",
    "inreference": "entry-encyclopedia",
    "artwork": "graphic",
    "image": "graphic",
    "audio": "song",
    "music": "song",
    "video": "motion_picture",
    "movie": "motion_picture",
    "letter": "personal_communication",
    "legislation": "legislation",
    "jurisdiction": "legal_case",
    "legal": "treaty",
    "review": "review",
    "standard": "standard",
    "performance": "performance",
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
    FieldRule("container_title", "booktitle", "rich", types=BOOKTITLE_TYPES),
    FieldRule(
        "container_title",
        "journal",
        "rich",
        excluded=BOOKTITLE_TYPES,
        aliases=("journaltitle", "booktitle", "maintitle"),
    ),
    FieldRule("container_title_short", "shortjournal", aliases=("journalabbrev",)),
    FieldRule("collection_title", "series", "rich"),
    FieldRule("volume", "volume"),
    FieldRule("number", "number", types=_REPORT_TYPES),
    FieldRule("collection_number", "number", types=SERIES_NUMBER_TYPES),
    FieldRule("issue", "number", excluded=_REPORT_TYPES | SERIES_NUMBER_TYPES, aliases=("issue",)),
    FieldRule("number", "eid", excluded=_REPORT_TYPES),
    FieldRule("page", "pages", "pages"),
    FieldRule("edition", "edition"),
    FieldRule("publisher", "institution", types=_REPORT_TYPES, aliases=("publisher",)),
    FieldRule("publisher", "school", types=_THESIS_TYPES, aliases=("publisher", "institution")),
    # pandoc reads an unusual publication's howpublished as its publisher; plain.bst prints it.
    FieldRule("publisher", "howpublished", types=_HOWPUBLISHED_TYPES, aliases=("publisher",)),
    FieldRule(
        "publisher",
        "publisher",
        excluded=_REPORT_TYPES | _THESIS_TYPES | _HOWPUBLISHED_TYPES,
        aliases=("institution", "school", "organization"),
    ),
    FieldRule("publisher_place", "address", aliases=("location",)),
    FieldRule("genre", "type"),
    FieldRule("note", "note", "rich", aliases=("addendum",)),
    FieldRule("abstract", "abstract", "rich"),
    FieldRule("keyword", "keywords"),
    FieldRule("annote", "annotation", aliases=("annote",)),
    FieldRule("language", "langid", aliases=("language",)),
    FieldRule("original_title", "origtitle", "rich"),
    FieldRule("original_publisher", "origpublisher"),
    FieldRule("original_publisher_place", "origlocation"),
    FieldRule("event_title", "eventtitle", "rich"),
    FieldRule("event_place", "venue"),
    FieldRule("number_of_pages", "pagetotal"),
    FieldRule("number_of_volumes", "volumes"),
    FieldRule("chapter_number", "chapter"),
    FieldRule("version", "version"),
    FieldRule("status", "pubstate"),
    FieldRule("doi", "doi", "verbatim"),
    FieldRule("pmid", "pmid", "verbatim"),
    FieldRule("pmcid", "pmcid", "verbatim"),
    FieldRule("issn", "issn"),
    FieldRule("isbn", "isbn"),
    FieldRule("url", "url", "verbatim"),
)

NAME_FIELDS = (
    ("author", "author"),
    ("editor", "editor"),
    ("translator", "translator"),
    ("container_author", "bookauthor"),
)
EDITOR_ROLES = {
    "editor": "editor",
    "compiler": "compiler",
    "director": "director",
    "organizer": "organizer",
    "collaborator": "contributor",
    "founder": "original_author",
    "reviser": "contributor",
}
"""biblatex ``editoratype`` values -> the CSL name variable (``editora = {...}, editoratype =
{compiler}``); written back through ``editora``/``editorb``/``editorc``."""
ROLE_SLOTS = ("editora", "editorb", "editorc")
DATE_FIELDS = (
    ("accessed", "urldate"),
    ("original_date", "origdate"),
    ("event_date", "eventdate"),
)

UNKNOWN_YEAR = "XXXX"
"""EDTF's date with an unknown year, as biblatex reads it."""

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


BIBLATEX_FIELDS = frozenset(
    [
        "abstract",
        "addendum",
        "afterword",
        "annotation",
        "annotator",
        "author",
        "authortype",
        "bookauthor",
        "bookpagination",
        "booksubtitle",
        "booktitle",
        "booktitleaddon",
        "chapter",
        "commentator",
        "date",
        "doi",
        "edition",
        "editor",
        "editora",
        "editorb",
        "editorc",
        "editortype",
        "editoratype",
        "editorbtype",
        "editorctype",
        "eid",
        "entrysubtype",
        "eprint",
        "eprintclass",
        "eprinttype",
        "eventdate",
        "eventtitle",
        "eventtitleaddon",
        "file",
        "foreword",
        "holder",
        "howpublished",
        "indextitle",
        "institution",
        "introduction",
        "isan",
        "isbn",
        "ismn",
        "isrn",
        "issn",
        "issue",
        "issuesubtitle",
        "issuetitle",
        "iswc",
        "journalsubtitle",
        "journaltitle",
        "label",
        "language",
        "library",
        "location",
        "mainsubtitle",
        "maintitle",
        "maintitleaddon",
        "month",
        "nameaddon",
        "note",
        "number",
        "organization",
        "origdate",
        "origlanguage",
        "origlocation",
        "origpublisher",
        "origtitle",
        "pages",
        "pagetotal",
        "pagination",
        "part",
        "publisher",
        "pubstate",
        "reprinttitle",
        "series",
        "shortauthor",
        "shorteditor",
        "shorthand",
        "shorthandintro",
        "shortjournal",
        "shortseries",
        "shorttitle",
        "subtitle",
        "title",
        "titleaddon",
        "translator",
        "type",
        "url",
        "urldate",
        "venue",
        "version",
        "volume",
        "volumes",
        "year",
        "keywords",
        "langid",
        "langidopts",
        "sortkey",
        "sortname",
        "sorttitle",
        "sortyear",
        "presort",
        "indexsorttitle",
        "options",
        "related",
        "relatedtype",
        "relatedstring",
        "ids",
        "crossref",
        "xref",
        "xdata",
        "entryset",
        "execute",
        "gender",
        "keywords",
        "userb",
        "userc",
        "userd",
        "usere",
        "userf",
        "usera",
        "verba",
        "verbb",
        "verbc",
        "address",
        "annote",
        "archiveprefix",
        "journal",
        "key",
        "pdf",
        "primaryclass",
        "school",
    ]
)
"""Fields biber's default data model knows (biblatex.def, and the BibTeX aliases it maps);
a .bib field kept from the input is written back only if it is one of these."""


def writable(rule: FieldRule, value: str) -> bool:
    """``langid`` takes a babel language name (``english``), never a BCP 47 tag (``en-US``)."""
    return rule.field != "langid" or bool(re.fullmatch(r"[a-z]+", value))


def type_rule(csl_type: str) -> TypeRule | None:
    return next((rule for rule in TYPE_RULES if rule.csl == csl_type), None)


# --- codecs ---------------------------------------------------------------------------------


def encode_value(value: str, codec: Codec, *, unicode: bool) -> str:
    if codec in {"title", "rich"}:
        return encode_title(value, unicode=unicode, protect=codec == "title")
    if codec == "pages":
        return "--".join(_latex.encode(part, unicode=unicode) for part in value.split("-"))
    if codec == "verbatim":
        return encode_verbatim(value)
    return _latex.encode(value, unicode=unicode)


def decode_value(raw: str, codec: Codec) -> str:
    if codec == "verbatim":
        return raw
    if codec in {"title", "rich"}:
        return _latex.decode_rich(raw)
    if codec == "pages":
        # ``--`` and an en dash both separate a range: read back as the hyphen CSL uses.
        return "-".join(_latex.decode(part).replace("\u2013", "-") for part in raw.split("--"))
    return _latex.decode(raw)


_VERBATIM_UNSAFE = {"{": "%7B", "}": "%7D", "\\": "%5C"}


def encode_verbatim(value: str) -> str:
    """URLs and DOIs are verbatim for biber; only what breaks the .bib syntax is %-encoded."""
    # Control characters break every TeX engine and biber: dropped, as in other fields.
    return "".join(_VERBATIM_UNSAFE.get(char, char) for char in _latex.without_control(value))


_RICH_TAG = re.compile(
    r'<(/?)(i|b|sup|sub)>|<span style="font-variant:\s*small-caps;?">|</span>|'
    r'<span class="nocase">'
)
_TAG_MACROS = {"i": "\\textit{", "b": "\\textbf{", "sup": "\\textsuperscript{"}
_TAG_MACROS |= {"sub": "\\textsubscript{"}


def encode_title(title: str, *, unicode: bool, protect: bool = True) -> str:
    """Escape a title, brace the words whose case must survive a style's case change, and write
    CSL rich text (``<i>``, ``<sup>``, ``<span class="nocase">``...) as LaTeX macros."""
    pieces = _RICH_TAG.split(title)
    if len(pieces) == 1 or not _balanced_tags(title):
        return _encode_plain_title(title, unicode=unicode, protect=protect)
    out: list[str] = []
    for match, text in zip(
        [None, *_RICH_TAG.finditer(title)], _RICH_TAG.split(title)[::3], strict=False
    ):
        if match is not None:
            out.append(_tag_latex(match))
        out.append(_encode_plain_title(text, unicode=unicode, protect=protect) if text else "")
    return "".join(out)


def _tag_latex(match: re.Match[str]) -> str:
    tag = match.group(0)
    if tag.startswith("</"):
        return "}"
    if "small-caps" in tag:
        return "\\textsc{"
    if "nocase" in tag:
        return "{"
    return _TAG_MACROS[match.group(2)]


def _balanced_tags(title: str) -> bool:
    depth = 0
    for match in _RICH_TAG.finditer(title):
        depth += -1 if match.group(0).startswith("</") else 1
        if depth < 0:
            return False
    return depth == 0


def _encode_plain_title(title: str, *, unicode: bool, protect: bool = True) -> str:
    if not protect:  # containers, notes: styles do not change their case
        return _latex.encode(title, unicode=unicode)
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


_TEX_SPECIALS = frozenset("\\{}&%$#_~^")


def name_parts(name: Name, *, unicode: bool) -> NameParts:
    """A name as bibtexparser ``NameParts``; ``MergeNameParts`` writes ``von Last, Jr, First``.

    A name BibTeX cannot split back (stray commas, empty parts...) is written as one braced
    group; ``x-als-refs`` then keeps its parts.
    """

    def enc(text: str) -> str:
        return _latex.encode(text, unicode=unicode, grouped=True)

    def braced(text: str) -> str:
        # Inside a group nothing is split, so escapes need no braces of their own; biber takes
        # a name's initial from a leading ``{\textbackslash}`` as a lone brace (.bbl broken).
        return "{" + _latex.encode(text, unicode=unicode) + "}"

    def part(text: str, needed: bool) -> str:
        # A part starting with a TeX special (``\relax``, ``{x}``) is braced whole as well.
        return braced(text) if needed or text[:1] in _TEX_SPECIALS else enc(text)

    if name.literal == "others":  # "et al.": BibTeX's own mark of a list cut short
        return NameParts(last=["others"])
    if name.literal is not None:
        return NameParts(last=[braced(name.literal)])
    particle = " ".join(p for p in (name.dropping_particle, name.non_dropping_particle) if p)
    parts = NameParts()
    if name.family:
        parts.last = [part(name.family, _family_needs_braces(name.family, enc(name.family)))]
    if particle:
        parts.von = [part(particle, _has_comma_or_and(particle))]
    if name.given:
        parts.first = [part(name.given, _has_comma_or_and(name.given))]
    if name.suffix:
        parts.jr = [part(name.suffix, _has_comma_or_and(name.suffix))]
        # ``Last, Jr`` reads back as ``Last, First``: an empty First keeps the three parts.
        parts.first = parts.first or ["{}"]
    if _splits_back(parts):
        return parts
    return NameParts(last=[braced(name.display())])


def _splits_back(parts: NameParts) -> bool:
    every_word = [*parts.first, *parts.von, *parts.last, *parts.jr]
    if not parts.last or any(not word.strip() for word in every_word):
        return False
    merged = parts.merge_last_name_first
    try:
        if split_multiple_persons_names(merged) != [merged]:
            return False
        back = _read_parts(merged)
    except InvalidNameError:
        return False
    return _part_texts(back) == _part_texts(parts)


def _part_texts(parts: NameParts) -> tuple[str, ...]:
    return tuple(" ".join(part) for part in (parts.first, parts.von, parts.last, parts.jr))


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
    parts = _read_parts(item)
    return Name(
        family=_joined(parts.last),
        given=_joined(parts.first),
        non_dropping_particle=_joined(parts.von),
        suffix=_joined(parts.jr),
    )


def _read_parts(item: str) -> NameParts:
    parts = parse_single_name_into_parts(item)
    if (
        "," not in item
        and not parts.von
        and parts.first
        and all(_starts_lower(word) for word in parts.first)
    ):
        # BibTeX reads ``van Ab`` as von + Last; bibtexparser makes a lone "van" the First.
        parts.von, parts.first = parts.first, []
    return parts


def _starts_lower(word: str) -> bool:
    letter = _latex.decode(word).lstrip("{}")[:1]
    return letter.islower()


def _joined(words: list[str]) -> str | None:
    # A tie (``~``) in a name is only a space that must not break.
    text = _latex.decode(" ".join(words)).replace("\u00a0", " ") if words else ""
    return text or None


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


def _iso_part(parts: tuple[int | float | str, ...]) -> str | None:
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


_DAY_MONTH = re.compile(r"(\d{1,2})\s*~?\s*([a-z]{3,})\.?|([a-z]{3,})\.?\s*~?\s*(\d{1,2})")


def parse_month_day(text: str) -> tuple[int | None, int | None]:
    """``jan``, ``1``, ``January``, and a day with it as xampl.bib writes one (``10~jan``)."""
    month = parse_month(text)
    if month is not None:
        return month, None
    match = _DAY_MONTH.fullmatch(text.strip().lower())
    if match is None:
        return None, None
    day, name = (match[1], match[2]) if match[1] else (match[4], match[3])
    month = parse_month(name)
    return (month, int(day)) if month is not None and 1 <= int(day) <= 31 else (None, None)
