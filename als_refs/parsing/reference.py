"""``parse_reference``: one free-text reference string -> a :class:`Reference` with provenance.

It never raises: whatever the input, the result holds a record (possibly almost empty), a
confidence between 0 and 1, and one warning for each part that could not be read.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Literal

from als_refs.models import DateParts, Issue, Location, Name, ParseResult, Provenance, Reference
from als_refs.parsing.cleaning import MAX_CHARS, Cleaned, clean
from als_refs.parsing.labeller import Labelled, label_text
from als_refs.parsing.parsed import Parsed
from als_refs.parsing.structure import parse_structure

_RANGE = re.compile(
    r"^(?P<prefix>[A-Za-z]*)(?P<first>\d+)\s?[-–—‐‑−]{1,2}\s?(?P=prefix)?(?P<last>\d+)$"
)
# Each word starts after a space or a stop, so there is one way to split: no backtracking.
_ABBREVIATED_CONTAINER = re.compile(
    r"^[A-Z][A-Za-z]{0,7}\.?(?:(?<=[.\s])\s?|\s)(?:[A-Z][A-Za-z]{0,7}\.?(?:\s|(?<=\.)|$))*$"
)
_CONTAINER_WITH_SHORT = re.compile(r"^(?P<full>.{6,}?)\s\((?P<short>[A-Z][\w. ]{1,30})\)$")


_ENDS_ABBREVIATED = re.compile(r"\b[A-Z][a-z]{0,5}\.$")
_DASH = re.compile(r"\s?([-–—‐‑−]{1,2})\s?")


def expand_page_range(page: str) -> str:
    """``"1474-81"`` -> ``"1474-1481"``; anything else comes back as given (dash unified)."""
    match = _RANGE.match(page.strip())
    if not match:
        return page
    prefix, first, last = match.group("prefix"), match.group("first"), match.group("last")
    if len(last) < len(first):
        candidate = first[: len(first) - len(last)] + last
        if int(candidate) >= int(first):
            last = candidate
    return f"{prefix}{first}-{prefix}{last}"


def parse_reference(
    text: str,
    *,
    location: Location | None = None,
    id: str | None = None,
    engine: Literal["crf", "rules"] = "crf",
) -> ParseResult:
    """Parse one reference string. Never raises; problems are returned as ``issues``.

    ``engine="rules"`` runs the previous hand-written parser instead of the learned labeller
    (kept to measure the labeller against it)."""
    try:
        return _parse(text, location, id, engine)
    except Exception as exc:  # pragma: no cover - last line of defence, see tests/parsing/fuzz
        source = location.document if location else None
        line = location.line if location else None
        issue = Issue(
            severity="error",
            code="parse-failed",
            message=f"could not parse: {type(exc).__name__}: {exc}",
            source=source,
            line=line,
        )
        reference = Reference(
            id=id or _make_id(str(text)),
            provenance=Provenance(locations=_locations(location, str(text)), confidence=0.0),
        )
        return ParseResult(reference=reference, issues=(issue,))


def _parse(text: str, location: Location | None, id: str | None, engine: str) -> ParseResult:
    if not isinstance(text, str):
        text = str(text)
    cleaned = clean(text)
    if not cleaned.text:
        labelled = Labelled(Parsed())
    elif engine == "rules":
        labelled = _rules(cleaned)
    else:
        labelled = label_text(cleaned.text)
    parsed = labelled.parsed
    values = _values(parsed, cleaned)
    issues = _issues(parsed, cleaned, values, location)
    issues.extend(_doubtful(labelled, values, location))
    confidence = min(_confidence(parsed, cleaned, values), record_confidence(labelled, values))
    as_written = _as_written(parsed, cleaned)
    fields: dict[str, Any] = dict.fromkeys(_field_names(values), "document")
    _derive(values, fields)
    provenance = Provenance(
        locations=_locations(location, text),
        fields=fields,
        as_written=as_written,
        confidence=confidence,
    )
    reference = Reference(id=id or _make_id(text), provenance=provenance, **values)
    return ParseResult(reference=reference, issues=tuple(issues))


def _values(parsed: Parsed, cleaned: Cleaned) -> dict[str, Any]:
    values: dict[str, Any] = {"type": parsed.kind}
    if parsed.authors:
        values["author"] = parsed.authors + ((OTHERS,) if parsed.et_al else ())
    if parsed.editors:
        values["editor"] = parsed.editors
    if parsed.title:
        values["title"] = _tidy(parsed.title)
    if parsed.container:
        _set_container(values, _abbreviation_stop(_tidy(parsed.container), cleaned.text))
    for key in ("volume", "issue", "page", "number", "edition", "publisher", "genre"):
        value = getattr(parsed, key)
        if value:
            values[key] = _tidy_number(value) if key in {"volume", "issue", "page"} else value
    if parsed.place:
        values["publisher_place"] = parsed.place
    if parsed.collection:
        values["collection_title"] = parsed.collection
    if parsed.year is not None:
        values["issued"] = DateParts.from_ymd(
            parsed.year, parsed.month, parsed.day if parsed.month else None
        )
    if cleaned.doi:
        values["doi"] = cleaned.doi
    if cleaned.pmid:
        values["pmid"] = cleaned.pmid
    if cleaned.pmcid:
        values["pmcid"] = cleaned.pmcid
    if cleaned.isbn:
        values["isbn"] = cleaned.isbn
    if cleaned.url:
        values["url"] = cleaned.url
        if parsed.kind == "article-journal" and not parsed.container and not parsed.volume:
            values["type"] = "webpage"
    if cleaned.arxiv:
        values["number"] = values.get("number") or f"arXiv:{cleaned.arxiv}"
        if not parsed.container:
            values["type"] = "article"
    if cleaned.trial_ids:
        values["trial_ids"] = tuple(dict.fromkeys(cleaned.trial_ids))
    return values


_COCHRANE_DOI = re.compile(r"^10\.1002/14651858\.(cd\d{6})")


def _derive(values: dict[str, Any], fields: dict[str, Any]) -> None:
    """Fields the text implies without writing them: a Cochrane DOI holds the review number."""
    cochrane = _COCHRANE_DOI.match(values.get("doi") or "")
    if cochrane and not values.get("number"):
        values["number"] = cochrane.group(1).upper()
        fields["number"] = "derived"


_ABBREVIATED_LAST_WORD = re.compile(r"\.\s(?:\S+\s){0,3}[A-Z][a-z]{0,5}$")


def _abbreviation_stop(container: str, text: str) -> str:
    """The full stop of an abbreviated journal name, when the text writes it ("Int. J. Theor.
    Phys."): the splitter cuts at it like at any other stop."""
    if _ABBREVIATED_LAST_WORD.search(container) and f"{container}." in text:
        return f"{container}."
    return container


def _set_container(values: dict[str, Any], container: str) -> None:
    with_short = _CONTAINER_WITH_SHORT.match(container)
    if with_short:
        values["container_title"] = container  # as written, the abbreviation included
        values["container_title_short"] = with_short.group("short")
        return
    values["container_title"] = container
    if _ABBREVIATED_CONTAINER.match(container) and (
        "." in container
        or (len(container.split()) > 1 and all(len(w) <= 8 for w in container.split()))
    ):
        values["container_title_short"] = container


def _tidy(value: str) -> str:
    value = " ".join(value.split())
    value = value.strip(" ,;:")
    if value.endswith(".") and not _ENDS_ABBREVIATED.search(value):
        value = value[:-1]
    return value.strip()


def _tidy_number(value: str) -> str:
    value = _DASH.sub("-", value.strip())
    return value


def _field_names(values: dict[str, Any]) -> list[str]:
    names = {
        "container_title": "container-title",
        "container_title_short": "container-title-short",
        "publisher_place": "publisher-place",
        "doi": "DOI",
        "pmid": "PMID",
        "pmcid": "PMCID",
        "isbn": "ISBN",
        "url": "URL",
        "trial_ids": "trial-ids",
    }
    return [names.get(key, key) for key in values if key != "type"]


def _as_written(parsed: Parsed, cleaned: Cleaned) -> dict[str, str]:
    written: dict[str, str] = {}
    if cleaned.doi_as_written and cleaned.doi_as_written != cleaned.doi:
        written["DOI"] = cleaned.doi_as_written
    if parsed.date_text and not parsed.date_text.isdigit():
        written["issued"] = parsed.date_text
    return written


def _issues(
    parsed: Parsed, cleaned: Cleaned, values: dict[str, Any], location: Location | None
) -> list[Issue]:
    source = location.document if location else None
    line = location.line if location else None
    found: list[Issue] = []

    def warn(code: str, message: str, field: str | None = None) -> None:
        found.append(
            Issue(
                severity="warning",
                code=code,
                message=message,
                source=source,
                line=line,
                field=field,
            )
        )

    if not cleaned.text and not any(
        [cleaned.doi, cleaned.pmid, cleaned.url, cleaned.trial_ids, cleaned.pmcid]
    ):
        warn("empty-reference", "no reference text to parse")
        return found
    if cleaned.truncated:
        warn("too-long", f"longer than {MAX_CHARS} characters: only the start was parsed")
    if cleaned.bad_doi:
        warn("doi-unreadable", f"not a valid DOI: {cleaned.bad_doi!r}", "DOI")
    if not parsed.authors:
        warn("no-author", "no author or editor names found", "author")
    if not values.get("title"):
        warn("no-title", "no title found", "title")
    if parsed.year is None:
        warn("no-date", "no year found", "issued")
    if values.get("type") == "article-journal" and not values.get("container_title"):
        warn("no-container", "no journal or book title found", "container-title")
    for rest in parsed.leftover:
        warn("unparsed-text", f"text not read into any field: {rest[:80]!r}")
    return found


def _confidence(parsed: Parsed, cleaned: Cleaned, values: dict[str, Any]) -> float:
    score = 1.0
    if not parsed.authors:
        score -= 0.2
    if not values.get("title"):
        score -= 0.2
    if parsed.year is None:
        score -= 0.15
    if not values.get("container_title") and not values.get("publisher"):
        score -= 0.15
    if not any(values.get(k) for k in ("volume", "page", "number", "doi", "publisher", "url")):
        score -= 0.1
    score -= 0.1 * min(len(parsed.leftover), 3)
    if cleaned.truncated:
        score -= 0.3
    if values.get("doi"):
        score = max(score, 0.5)
    return round(min(1.0, max(0.0, score)), 2)


def _rules(cleaned: Cleaned) -> Labelled:
    """The hand-written parser, every field it finds at full confidence (it has no other)."""
    parsed = parse_structure(cleaned.text, numbered=cleaned.numbered)
    parsed.et_al = False  # the rules never printed it; kept as they were
    return Labelled(parsed, {})


OTHERS = Name(literal="others")
"""Stands for "et al.": the list as written was cut short (BibTeX's ``and others``)."""
DOUBTFUL = 0.5
"""Fields the labeller is less sure of than this carry a warning."""
_NEEDED = {
    "article-journal": ("author", "title", "container-title", "issued"),
    "chapter": ("author", "title", "container-title", "issued"),
    "paper-conference": ("author", "title", "container-title", "issued"),
    "book": ("author", "title", "issued"),
}


def record_confidence(labelled: Labelled, values: dict[str, Any]) -> float:
    """The weakest of the fields a record of its type needs (those it has), and no more than
    the model's probability of its whole labelling: a field can look sure token by token
    while its neighbour's boundary, and so the field itself, is in doubt."""
    needed = _NEEDED.get(values.get("type", ""), ("author", "title", "issued"))
    if not labelled.confidence:
        return 1.0
    scores = [labelled.confidence[key] for key in needed if key in labelled.confidence]
    return round(min(min(scores, default=0.5), labelled.sequence), 3)


def _doubtful(labelled: Labelled, values: dict[str, Any], location: Location | None) -> list[Issue]:
    return [
        Issue(
            severity="warning",
            code="low-confidence",
            message=f"{key}: the parser is unsure of this field (confidence {score:.2f})",
            source=location.document if location else None,
            line=location.line if location else None,
            field=key,
        )
        for key, score in labelled.confidence.items()
        if score < DOUBTFUL
    ]


def _locations(location: Location | None, text: str) -> tuple[Location, ...]:
    if location is None:
        return ()
    if location.raw is None:
        return (location.model_copy(update={"raw": text}),)
    return (location,)


def _make_id(text: str) -> str:
    digest = hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:10]
    return f"ref-{digest}"


def first_author_key(names: tuple[Name, ...]) -> str:
    if not names:
        return ""
    first = names[0]
    return (first.family or first.literal or "").lower()
