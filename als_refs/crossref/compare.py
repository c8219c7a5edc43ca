"""Cited versus registered metadata: field by field, then one verdict.

Each field (authors as a list, title, container with its abbreviations, year, volume, issue,
first page or article number, type) is compared into a :class:`Difference` graded *formatting*
(info), *differs* (warning) or *contradicts*. The verdict on the whole record:

* **different work** (error ``doi-different-work``, listing every field that disagrees): the
  first author's family name or the title contradicts, or volume and first page both differ;
* **other version** (warning ``doi-is-preprint`` or ``doi-other-version``, naming both
  versions): the DOI is a preprint of the cited article, or another version of it (Crossref
  ``relation``, ``update-to``/``updated-by`` new versions, a Cochrane review's ``.pubN``)
  and the cited year or numbers fit that other version;
* **same work**: the remaining differences are warnings or info lines.

Registered notices come on top: a retraction, removal, withdrawal, partial retraction or
expression of concern is an error, a correction or a newer version a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rapidfuzz import fuzz

from als_refs.comparison import (
    TITLE_FORMATTING,
    container_agreement,
    first_page,
    fold,
    registered_years,
    title_similarity,
    titles_contradict,
)
from als_refs.crossref.mapping import Notice, notices, version_links
from als_refs.models import Issue, Reference, Severity

Level = Literal["formatting", "differs", "contradicts"]
Verdict = Literal["same-work", "other-version", "different-work"]

NAME_NEAR = 85
"""rapidfuzz ratio from which two family names are one name spelt differently."""

_NOTICE_SEVERITY: dict[str, Severity] = {
    "retraction": "error",
    "partial_retraction": "error",
    "removal": "error",
    "withdrawal": "error",
    "expression_of_concern": "error",
    "correction": "warning",
    "erratum": "warning",
    "corrigendum": "warning",
    "addendum": "warning",
    "clarification": "warning",
    "new_version": "warning",
    "new_edition": "warning",
    "has_version": "info",
}
_COCHRANE = re.compile(r"^10\.1002/14651858\.(cd\d+)(?:\.pub(\d+))?$")
_PREPRINT_TYPES = frozenset({"article"})


@dataclass(frozen=True)
class Difference:
    """One field where the cited record and the registered one disagree."""

    field: str
    cited: str
    registered: str
    level: Level
    label: str

    def describe(self) -> str:
        return f"{self.label} cited {self.cited!r}, registered {self.registered!r}"


@dataclass(frozen=True)
class Assessment:
    verdict: Verdict
    differences: tuple[Difference, ...]
    issues: tuple[Issue, ...]

    @property
    def disagreeing(self) -> tuple[str, ...]:
        """The CSL keys of the fields that differ beyond formatting."""
        return tuple(dict.fromkeys(d.field for d in self.differences if d.level != "formatting"))


def _issue(
    cited: Reference, severity: Severity, code: str, message: str, field: str | None
) -> Issue:
    first = cited.provenance.first
    return Issue(
        severity=severity,
        code=code,
        message=message,
        source=first.document if first else None,
        line=first.line if first else None,
        field=field,
    )


# Field comparisons ---------------------------------------------------------------------------


def _title(cited: Reference, registered: Reference) -> list[Difference]:
    if not cited.title or not registered.title or fold(cited.title) == fold(registered.title):
        return []
    similarity = title_similarity(cited.title, registered.title)
    level: Level = "formatting" if similarity >= TITLE_FORMATTING else "differs"
    if titles_contradict(cited.title, registered.title):
        level = "contradicts"
    return [Difference("title", cited.title, registered.title or "", level, "title")]


def _family(name: Any) -> str:
    return fold(name.family or name.literal)


def _authors(cited: Reference, registered: Reference) -> list[Difference]:
    if not cited.author or not registered.author:
        return []
    mine = [_family(n) for n in cited.author]
    theirs = [_family(n) for n in registered.author]
    first_cited, first_registered = cited.author[0].display(), registered.author[0].display()
    if mine[0] != theirs[0]:
        if fuzz.ratio(mine[0], theirs[0]) >= NAME_NEAR:
            level: Level = "formatting"
        elif cited.author[0].literal or any(
            fuzz.ratio(mine[0], other) >= NAME_NEAR for other in theirs
        ):
            level = "differs"  # an organisation, or the authors in another order
        else:
            level = "contradicts"
        return [Difference("author", first_cited, first_registered, level, "first author")]
    if mine != theirs[: len(mine)]:
        return [Difference("author", ", ".join(mine), ", ".join(theirs), "differs", "authors")]
    return []


def _year(cited: Reference, registered: Reference) -> list[Difference]:
    years = registered_years(registered)
    if cited.year is None or not years or registered.year is None:
        return []
    if cited.year in years:
        if cited.year == registered.year:
            return []
        level: Level = "formatting"
    else:
        level = "formatting" if min(abs(y - cited.year) for y in years) <= 1 else "differs"
    return [Difference("issued", str(cited.year), str(registered.year), level, "year")]


def _numbers(cited: Reference, registered: Reference) -> list[Difference]:
    found: list[Difference] = []
    for name in ("volume", "issue"):
        mine, theirs = getattr(cited, name), getattr(registered, name)
        if mine and theirs and fold(mine) != fold(theirs):
            found.append(Difference(name, mine, theirs, "differs", name))
    mine_page = first_page(cited)
    theirs_pages = {first_page(registered), fold(registered.number) or None} - {None}
    if mine_page and theirs_pages:
        written = cited.page or cited.number or ""
        registered_text = registered.page or registered.number or ""
        if mine_page not in theirs_pages:
            found.append(Difference("page", written, registered_text, "differs", "pages"))
        elif cited.page and registered.page and cited.page != registered.page:
            found.append(Difference("page", written, registered_text, "formatting", "pages"))
    return found


def _container(cited: Reference, registered: Reference) -> list[Difference]:
    if not cited.container_title or not registered.container_title:
        return []
    agreement = container_agreement(cited.container_title, registered)
    if agreement >= 1.0:
        return []
    level: Level = "formatting" if agreement > 0 else "differs"
    return [
        Difference(
            "container-title", cited.container_title, registered.container_title, level, "journal"
        )
    ]


def _type(cited: Reference, registered: Reference) -> list[Difference]:
    if "type" not in cited.provenance.fields and cited.type in ("article-journal", "document"):
        return []  # the parser's default, not something the text says
    if cited.type == registered.type or "document" in (cited.type, registered.type):
        return []
    return [Difference("type", cited.type, registered.type, "differs", "type")]


def differences(cited: Reference, registered: Reference) -> list[Difference]:
    return [
        *_authors(cited, registered),
        *_title(cited, registered),
        *_container(cited, registered),
        *_year(cited, registered),
        *_numbers(cited, registered),
        *_type(cited, registered),
    ]


def strong_contradictions(found: Sequence[Difference]) -> list[str]:
    """First author, title, or volume and page together: what only another work explains."""
    strong = [d.label for d in found if d.level == "contradicts"]
    fields = {d.field for d in found if d.level == "differs"}
    if {"volume", "page"} <= fields:
        strong.append("volume and pages")
    return strong


# Versions ------------------------------------------------------------------------------------


def _is_preprint(registered: Reference, work: dict[str, Any] | None) -> bool:
    if work is not None and work.get("type") == "posted-content":
        return True
    return any(link.relation == "is-preprint-of" for link in version_links(work or {}))


def _cited_as_preprint(cited: Reference) -> bool:
    return cited.type in _PREPRINT_TYPES and "type" in cited.provenance.fields


def _other_version(
    cited: Reference, registered: Reference, work: dict[str, Any] | None, found: list[Difference]
) -> Issue | None:
    """The DOI names another version of the cited work: the preprint of a cited article, an
    earlier or later version of a review, the published version of a cited preprint."""
    doi = registered.doi or cited.doi or "?"
    links = version_links(work or {})
    if _is_preprint(registered, work) and not _cited_as_preprint(cited):
        published = [link.doi for link in links if link.relation == "is-preprint-of"]
        other = (
            f"the published version is {published[0]}"
            if published
            else "no published version is linked"
        )
        message = (
            f"DOI {doi} is a preprint ({_registered_label(registered)}) of the cited article; "
            f"{other}: cite the published version's DOI"
        )
        return _issue(cited, "warning", "doi-is-preprint", message, "doi")
    year_differs = any(d.field == "issued" and d.level == "differs" for d in found)
    numbers_differ = any(d.field in ("volume", "page") and d.level == "differs" for d in found)
    if not (year_differs or numbers_differ or _cited_as_preprint(cited)):
        return None
    older = cited.year is not None and registered.year is not None and cited.year < registered.year
    candidates = [
        link
        for link in links
        if (
            link.direction in ("any", "older" if older else "newer")
            and (link.year is None or cited.year is None or cited.year >= link.year - 1)
        )
        or (_cited_as_preprint(cited) and link.relation == "has-preprint")
    ]
    cochrane = _COCHRANE.match(doi.lower())
    if not candidates and (links or not cochrane):
        return None  # the known versions do not fit; a Cochrane DOI alone says nothing more
    if candidates:
        other = candidates[0].doi
    else:
        assert cochrane is not None
        other = f"another version of review {cochrane.group(1).upper()} (a different .pubN DOI)"
    cited_as = f"cited as {cited.year}" if cited.year is not None else "cited"
    message = (
        f"DOI {doi} is another version of the cited work: {doi} is the "
        f"{_registered_label(registered)} version, {cited_as}; the other version: {other}"
    )
    return _issue(cited, "warning", "doi-other-version", message, "doi")


def _registered_label(registered: Reference) -> str:
    parts = [registered.container_title or "", str(registered.year or "")]
    return " ".join(p for p in parts if p) or "registered"


# Verdict -------------------------------------------------------------------------------------

_FIELD_ISSUES: dict[tuple[str, Level], tuple[Severity, str]] = {
    ("title", "formatting"): ("info", "title-formatting"),
    ("title", "differs"): ("warning", "title-differs"),
    ("author", "formatting"): ("info", "author-formatting"),
    ("author", "differs"): ("warning", "author-differs"),
    ("issued", "formatting"): ("info", "year-online-print"),
    ("issued", "differs"): ("warning", "year-differs"),
    ("volume", "differs"): ("warning", "volume-differs"),
    ("issue", "differs"): ("warning", "issue-differs"),
    ("page", "differs"): ("warning", "page-differs"),
    ("page", "formatting"): ("info", "page-formatting"),
    ("container-title", "formatting"): ("info", "container-formatting"),
    ("container-title", "differs"): ("warning", "container-differs"),
    ("type", "differs"): ("info", "type-differs"),
}
_EXPLAINED_BY_VERSION = frozenset({"issued", "volume", "issue", "page", "container-title", "type"})


def _field_issue(cited: Reference, doi: str, difference: Difference) -> Issue | None:
    graded = _FIELD_ISSUES.get((difference.field, difference.level))
    if graded is None:
        return None
    severity, code = graded
    if code == "authors-differ" or difference.label == "authors":
        code = "authors-differ"
    if code == "year-online-print":
        message = (
            f"DOI {doi}: cited {difference.cited}, registered {difference.registered} "
            "(online-first versus print)"
        )
    elif code == "year-differs":
        message = f"DOI {doi}: cited {difference.cited} but registered {difference.registered}"
    else:
        message = f"DOI {doi}: {difference.describe()}"
    return _issue(cited, severity, code, message, difference.field)


def assess(
    cited: Reference, registered: Reference, work: dict[str, Any] | None = None
) -> Assessment:
    """The verdict on a cited record and the work its DOI registers, with its issues."""
    doi = registered.doi or cited.doi or "?"
    found = differences(cited, registered)
    notes = notice_issues(cited, doi, notices(work)) if work is not None else []
    strong = strong_contradictions(found)
    title_or_author = any(d.level == "contradicts" for d in found)
    version = None if title_or_author else _other_version(cited, registered, work, found)
    if version is not None:
        kept = [
            issue
            for d in found
            if d.field not in _EXPLAINED_BY_VERSION
            and (issue := _field_issue(cited, doi, d)) is not None
        ]
        return Assessment("other-version", tuple(found), (version, *kept, *notes))
    if strong:
        listed = "; ".join(d.describe() for d in found if d.level != "formatting")
        message = f"DOI {doi} belongs to a different work ({', '.join(strong)} disagree): {listed}"
        error = _issue(cited, "error", "doi-different-work", message, "doi")
        return Assessment("different-work", tuple(found), (error, *notes))
    issues = [i for d in found if (i := _field_issue(cited, doi, d)) is not None]
    return Assessment("same-work", tuple(found), (*issues, *notes))


def compare(
    cited: Reference, registered: Reference, work: dict[str, Any] | None = None
) -> list[Issue]:
    """Every difference between what the text cites and what the DOI registers."""
    return list(assess(cited, registered, work).issues)


def is_different_work(cited: Reference, registered: Reference) -> bool:
    return assess(cited, registered).verdict == "different-work"


# Notices -------------------------------------------------------------------------------------


def notice_issues(cited: Reference, doi: str, found: Iterable[Notice]) -> list[Issue]:
    """One issue per registered update (notices are deduplicated by :func:`notices`)."""
    issues: list[Issue] = []
    for notice in found:
        severity = _NOTICE_SEVERITY.get(notice.kind, "warning")
        when = f" ({notice.date})" if notice.date else ""
        by = f" [{', '.join(notice.sources)}]" if notice.sources else ""
        other = notice.other or "no notice DOI given"
        code = f"registered-{notice.kind.replace('_', '-')}"
        if notice.direction == "updated-by":
            if notice.kind == "new_version":
                message = f"DOI {doi} has a newer version: {other}{when}"
            elif notice.kind == "has_version":
                message = f"DOI {doi} has another version registered: {other}"
            else:
                message = f"DOI {doi}: {notice.label.lower()} registered{when}{by}: {other}"
            issues.append(_issue(cited, severity, code, message, "doi"))
        else:
            message = f"DOI {doi} is itself a {notice.label.lower()} of {other}, not the work"
            issues.append(_issue(cited, "warning", "doi-is-update-notice", message, "doi"))
    return issues
