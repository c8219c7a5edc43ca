"""Crossref ``work`` messages -> :class:`Reference`, and the parts of a work als-refs keeps.

Crossref titles may carry HTML, JATS (``<jats:italic>``) and MathML markup with layout
newlines: :func:`clean_markup` reduces them to text, keeping italics, bold, superscript and
subscript as the ``<i> <b> <sup> <sub>`` tags CSL-JSON rich text understands.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from als_refs.errors import InputError
from als_refs.models import CSLType, DateParts, Name, Reference

TYPE_MAP: dict[str, CSLType] = {
    "journal-article": "article-journal",
    "book-chapter": "chapter",
    "book-part": "chapter",
    "book-section": "chapter",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "book-set": "book",
    "proceedings-article": "paper-conference",
    "posted-content": "article",
    "dataset": "dataset",
    "report": "report",
    "report-component": "report",
    "dissertation": "thesis",
    "reference-entry": "entry",
    "peer-review": "review",
    "standard": "standard",
    "component": "article",
    "journal-issue": "periodical",
    "journal": "periodical",
}

KEPT_KEYS = (
    "DOI",
    "ISSN",
    "URL",
    "article-number",
    "author",
    "container-title",
    "editor",
    "issn-type",
    "issue",
    "issued",
    "page",
    "published-online",
    "published-print",
    "publisher",
    "relation",
    "short-container-title",
    "subtitle",
    "title",
    "type",
    "update-to",
    "updated-by",
    "volume",
)
"""The keys of a work als-refs uses (the lockfile stores works trimmed to these)."""

_KEPT_NAME_KEYS = ("given", "family", "name", "suffix", "sequence", "ORCID")
_KEPT_TAGS = {
    "i": "i",
    "italic": "i",
    "em": "i",
    "b": "b",
    "bold": "b",
    "strong": "b",
    "sup": "sup",
    "sub": "sub",
}
_TAG = re.compile(r"<(/?)\s*([A-Za-z][\w.-]*:)?([A-Za-z][\w.-]*)[^>]*?(/?)>")
_SPACE = re.compile(r"\s+")
_LAYOUT = re.compile(r"[ \t]*\n\s*")
_BEFORE_PUNCT = re.compile(r"\x00(?=(?:</?\w+>)*[/)\],.;:])")
_AFTER_OPENING = re.compile(r"([/(\[](?:</?\w+>)*)\x00")


def clean_markup(text: str, *, keep_formatting: bool = True) -> str:
    """Text without markup: ``"<jats:italic>KRAS</jats:italic>\\n  mutations"`` ->
    ``"<i>KRAS</i> mutations"`` (or ``"KRAS mutations"`` with ``keep_formatting=False``)."""

    def replace(match: re.Match[str]) -> str:
        closing, _, name, _ = match.groups()
        kept = _KEPT_TAGS.get(name.lower())
        if kept is None or not keep_formatting:
            return ""
        return f"<{closing}{kept}>"

    tagged = _TAG.sub(replace, text)
    while (again := _TAG.sub(replace, tagged)) != tagged:
        tagged = again  # "<<a>b>": taking out one tag can leave another behind
    without_tags = html.unescape(_LAYOUT.sub("\x00", tagged))
    # Newlines that only lay out markup ("KRAS</i>\n   /\n   <i>NRAS") are no word breaks
    # next to a slash, bracket or punctuation; elsewhere they are one space.
    joined = _BEFORE_PUNCT.sub("", without_tags)
    joined = _AFTER_OPENING.sub(r"\1", joined).replace("\x00", " ")
    collapsed = _SPACE.sub(" ", joined).strip()
    return re.sub(r"\s+([,.;:])", r"\1", collapsed)


def plain(text: str | None) -> str:
    """Text without any markup (for comparing)."""
    return clean_markup(text, keep_formatting=False) if text else ""


def trim_work(message: dict[str, Any]) -> dict[str, Any]:
    """A work reduced to :data:`KEPT_KEYS` (authors to their names), for the lockfile."""
    trimmed: dict[str, Any] = {}
    for key in KEPT_KEYS:
        if key not in message or message[key] in (None, [], {}, ""):
            continue
        value = message[key]
        if key in ("author", "editor") and isinstance(value, list):
            value = [
                {k: person[k] for k in _KEPT_NAME_KEYS if k in person}
                for person in value
                if isinstance(person, dict)
            ]
        trimmed[key] = value
    return trimmed


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        for item in value:
            if isinstance(item, str) and item.strip():
                return item
        return None
    return value if isinstance(value, str) and value.strip() else None


def _date(value: Any) -> DateParts | None:
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if not isinstance(parts, list) or not parts or not isinstance(parts[0], list):
        return None
    first = tuple(int(p) for p in parts[0][:3] if isinstance(p, int | str) and str(p).isdigit())
    if not first:
        return None
    return DateParts(date_parts=(first,))


def _names(value: Any) -> tuple[Name, ...]:
    if not isinstance(value, list):
        return ()
    names: list[Name] = []
    for person in value:
        if not isinstance(person, dict):
            continue
        # A registry's record can be malformed ({"family": 5}): only text is read as a name.
        family, given, suffix = (_text(person.get(k)) for k in ("family", "given", "suffix"))
        if family or given:
            names.append(Name(family=family, given=given, suffix=suffix))
        elif isinstance(person.get("name"), str):
            names.append(Name(literal=person["name"]))
    return tuple(names)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _issn(message: dict[str, Any]) -> str | None:
    """The print ISSN when typed, else the first one."""
    typed = message.get("issn-type")
    if isinstance(typed, list):
        for kind in ("print", "electronic"):
            for item in typed:
                if isinstance(item, dict) and item.get("type") == kind:
                    value = item.get("value")
                    if isinstance(value, str):
                        return value
    return _first(message.get("ISSN"))


def _title(message: dict[str, Any]) -> str | None:
    title = _first(message.get("title"))
    if title is None:
        return None
    subtitle = _first(message.get("subtitle"))
    text = clean_markup(title)
    if subtitle and plain(subtitle).lower() not in plain(title).lower():
        text = f"{text}: {clean_markup(subtitle)}"
    return text


def csl_key(field_name: str) -> str:
    """The CSL variable of a model field (``container_title`` -> ``container-title``), the key
    provenance uses, as the parser does."""
    info = Reference.model_fields.get(field_name)
    return info.alias if info is not None and info.alias else field_name


def work_to_reference(message: dict[str, Any], *, id: str | None = None) -> Reference:
    """The registered metadata of one work as a :class:`Reference` (fields marked 'registry')."""
    doi = message.get("DOI")
    if not isinstance(doi, str):
        raise InputError(f"a Crossref work without a DOI: {sorted(message)!r}")
    crossref_type = message.get("type")
    page = _first(message.get("page"))
    values: dict[str, Any] = {
        "id": id or doi.lower(),
        "type": TYPE_MAP.get(crossref_type, "document")
        if isinstance(crossref_type, str)
        else "document",
        "title": _title(message),
        "author": _names(message.get("author")),
        "editor": _names(message.get("editor")),
        "container_title": _first(message.get("container-title")),
        "container_title_short": _first(message.get("short-container-title")),
        "volume": _first(message.get("volume")),
        "issue": _first(message.get("issue")),
        "page": page,
        "number": _first(message.get("article-number")),
        "issued": _date(message.get("issued")),
        "published_print": _date(message.get("published-print")),
        "published_online": _date(message.get("published-online")),
        "publisher": _first(message.get("publisher")),
        "doi": doi,
        "issn": _issn(message),
        "url": _first(message.get("URL")),
    }
    values = {k: v for k, v in values.items() if v not in (None, ())}
    try:
        reference = Reference.model_validate(values)
    except ValidationError as exc:
        fields = ", ".join(sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]}))
        raise InputError(f"cannot read the Crossref work {doi!r}: invalid {fields}") from None
    origins = {csl_key(name): "registry" for name in values if name != "id"}
    return reference.model_copy(
        update={"provenance": reference.provenance.model_copy(update={"fields": origins})}
    )


@dataclass(frozen=True)
class Notice:
    """An update registered for a work: ``kind`` as Crossref names it (retraction,
    partial_retraction, correction, new_version, expression_of_concern...), ``direction``
    'updated-by' (this work was updated) or 'update-to' (this work updates another), ``other``
    the notice's DOI (None when a source such as Retraction Watch gives none), ``sources`` who
    registered it (publisher, retraction-watch)."""

    kind: str
    direction: str
    other: str | None
    label: str
    date: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class VersionLink:
    """Another version of the same work: ``relation`` as Crossref names it, ``direction``
    'older', 'newer' or 'any' relative to this work."""

    relation: str
    doi: str
    direction: str
    year: int | None = None
    """For a newer version: the year it was registered."""


_RELATION_KINDS = {
    "is-replaced-by": "new_version",
    "has-version": "has_version",
    "is-retracted-by": "retraction",
    "is-corrected-by": "correction",
}
_VERSION_RELATIONS = {
    "is-preprint-of": "newer",
    "has-preprint": "older",
    "is-replaced-by": "newer",
    "replaces": "older",
    "has-version": "any",
    "is-version-of": "any",
}
_VERSION_KINDS = frozenset({"new_version", "new_edition"})


def _kind(entry: dict[str, Any]) -> str:
    return str(entry.get("type") or "update").lower().replace("-", "_")


def _update_entries(message: dict[str, Any], direction: str) -> list[dict[str, Any]]:
    entries = message.get(direction)
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def notices(message: dict[str, Any]) -> list[Notice]:
    """Every registered update, once: ``updated-by``/``update-to`` entries and ``relation``
    retractions and corrections. The same notice from the publisher and from Retraction Watch
    is one notice naming both sources; an entry without a notice DOI is kept."""
    own = str(message.get("DOI") or "").lower()
    found: dict[tuple[str, str, str | None], Notice] = {}
    for direction in ("updated-by", "update-to"):
        for entry in _update_entries(message, direction):
            kind = _kind(entry)
            if direction == "update-to" and kind in _VERSION_KINDS:
                continue  # a newer version pointing back: a version link, not a notice
            doi = entry.get("DOI")
            other = doi.lower() if isinstance(doi, str) and doi.lower() != own else None
            date = _date(entry.get("updated"))
            source = str(entry.get("source") or "publisher")
            notice = Notice(
                kind=kind,
                direction=direction,
                other=other,
                label=str(entry.get("label") or kind.replace("_", " ")),
                date=str(date.year) if date and date.year else None,
                sources=(source,),
            )
            _add_notice(found, notice)
    relation = message.get("relation")
    if isinstance(relation, dict):
        for name, kind in _RELATION_KINDS.items():
            for entry in relation.get(name) or []:
                if isinstance(entry, dict) and entry.get("id-type") == "doi":
                    other = str(entry.get("id", "")).lower() or None
                    label = name.replace("-", " ")
                    notice = Notice(kind, "updated-by", other, label, None, ("relation",))
                    _add_notice(found, notice)
    return list(found.values())


def _add_notice(found: dict[tuple[str, str, str | None], Notice], notice: Notice) -> None:
    """Merge a notice into ``found``: same kind and direction and the same notice DOI (or one
    side without a DOI) is the same notice."""
    for key, known in list(found.items()):
        if key[:2] != (notice.kind, notice.direction):
            continue
        if known.other == notice.other or None in (known.other, notice.other):
            sources = tuple(dict.fromkeys((*known.sources, *notice.sources)))
            merged = Notice(
                kind=known.kind,
                direction=known.direction,
                other=known.other or notice.other,
                label=known.label,
                date=known.date or notice.date,
                sources=sources,
            )
            del found[key]
            found[(merged.kind, merged.direction, merged.other)] = merged
            return
    found[(notice.kind, notice.direction, notice.other)] = notice


def version_links(message: dict[str, Any]) -> list[VersionLink]:
    """Other versions of this work: preprint/published ``relation`` links, replaced versions,
    and new versions in ``updated-by`` (newer) and ``update-to`` (older)."""
    links: list[VersionLink] = []
    relation = message.get("relation")
    if isinstance(relation, dict):
        for name, direction in _VERSION_RELATIONS.items():
            for entry in relation.get(name) or []:
                if isinstance(entry, dict) and entry.get("id-type") == "doi" and entry.get("id"):
                    links.append(VersionLink(name, str(entry["id"]).lower(), direction))
    for key, direction in (("updated-by", "newer"), ("update-to", "older")):
        for entry in _update_entries(message, key):
            if _kind(entry) in _VERSION_KINDS and isinstance(entry.get("DOI"), str):
                date = _date(entry.get("updated")) if direction == "newer" else None
                year = date.year if date else None
                links.append(VersionLink(_kind(entry), entry["DOI"].lower(), direction, year))
    return links
