"""Cited versus registered metadata: the differences, graded.

* error: the DOI belongs to a different work; the work was retracted or has an expression of
  concern;
* warning: the year differs beyond online/print, authors, pages, volume or issue differ, the
  container differs beyond an abbreviation; a correction or a newer version exists;
* info: formatting only (title case and punctuation, page ranges written short, online-first
  year).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from als_refs.crossref.mapping import Notice, notices
from als_refs.crossref.matching import (
    container_agreement,
    family,
    first_page,
    fold,
    registered_years,
    title_similarity,
)
from als_refs.models import Issue, Reference, Severity

_NOTICE_SEVERITY: dict[str, Severity] = {
    "retraction": "error",
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
}


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


def is_different_work(cited: Reference, registered: Reference) -> bool:
    """The cited title and first author both disagree with the registered work."""
    if not cited.title:
        return False
    titles_differ = title_similarity(cited.title, registered.title) < 0.6
    authors_differ = bool(cited.author) and family(cited) != family(registered)
    return titles_differ and (authors_differ or not cited.author)


def compare(
    cited: Reference, registered: Reference, work: dict[str, Any] | None = None
) -> list[Issue]:
    """Every difference between what the text cites and what the DOI registers."""
    doi = registered.doi or cited.doi or "?"
    if is_different_work(cited, registered):
        return [
            _issue(
                cited,
                "error",
                "doi-different-work",
                f"DOI {doi} belongs to a different work: cited {cited.title!r}, "
                f"registered {registered.title!r}",
                "doi",
            )
        ]
    issues = [
        *_compare_title(cited, registered, doi),
        *_compare_year(cited, registered, doi),
        *_compare_authors(cited, registered, doi),
        *_compare_numbers(cited, registered, doi),
        *_compare_container(cited, registered, doi),
    ]
    if work is not None:
        issues.extend(notice_issues(cited, doi, notices(work)))
    return issues


def notice_issues(cited: Reference, doi: str, found: Iterable[Notice]) -> list[Issue]:
    issues: list[Issue] = []
    for notice in found:
        severity = _NOTICE_SEVERITY.get(notice.kind, "warning")
        when = f" ({notice.date})" if notice.date else ""
        if notice.direction == "updated-by":
            if notice.kind == "new_version":
                message = f"DOI {doi} has a newer version: {notice.other}{when}"
            else:
                message = f"DOI {doi}: {notice.label.lower()} registered{when}: {notice.other}"
            issues.append(
                _issue(
                    cited, severity, f"registered-{notice.kind.replace('_', '-')}", message, "doi"
                )
            )
        else:
            message = (
                f"DOI {doi} is itself a {notice.label.lower()} of {notice.other}, not the work"
            )
            issues.append(_issue(cited, "warning", "doi-is-update-notice", message, "doi"))
    return issues


def _compare_title(cited: Reference, registered: Reference, doi: str) -> list[Issue]:
    if not cited.title or not registered.title:
        return []
    if fold(cited.title) == fold(registered.title):
        return []
    similarity = title_similarity(cited.title, registered.title)
    if similarity >= 0.9:
        return [
            _issue(
                cited,
                "info",
                "title-formatting",
                f"DOI {doi}: title written differently: "
                f"cited {cited.title!r}, registered {registered.title!r}",
                "title",
            )
        ]
    return [
        _issue(
            cited,
            "warning",
            "title-differs",
            f"DOI {doi}: title differs: cited {cited.title!r}, registered {registered.title!r}",
            "title",
        )
    ]


def _compare_year(cited: Reference, registered: Reference, doi: str) -> list[Issue]:
    years = registered_years(registered)
    if cited.year is None or not years or cited.year in years:
        if cited.year is not None and registered.year is not None and cited.year != registered.year:
            return [
                _issue(
                    cited,
                    "info",
                    "year-online-print",
                    f"DOI {doi}: cited {cited.year}, "
                    f"registered {registered.year} (online and print years differ)",
                    "issued",
                )
            ]
        return []
    nearest = min(years, key=lambda y: abs(y - cited.year))  # type: ignore[operator]
    if abs(nearest - cited.year) <= 1:
        return [
            _issue(
                cited,
                "info",
                "year-online-print",
                f"DOI {doi}: cited {cited.year}, "
                f"registered {registered.year} (online-first versus print)",
                "issued",
            )
        ]
    return [
        _issue(
            cited,
            "warning",
            "year-differs",
            f"DOI {doi}: cited {cited.year} but registered {registered.year}",
            "issued",
        )
    ]


def _compare_authors(cited: Reference, registered: Reference, doi: str) -> list[Issue]:
    if not cited.author or not registered.author:
        return []
    if family(cited) != family(registered):
        return [
            _issue(
                cited,
                "warning",
                "author-differs",
                f"DOI {doi}: first author cited as "
                f"{cited.author[0].display()!r}, registered "
                f"{registered.author[0].display()!r}",
                "author",
            )
        ]
    cited_families = [fold(n.family or n.literal) for n in cited.author]
    registered_families = [fold(n.family or n.literal) for n in registered.author]
    if cited_families != registered_families[: len(cited_families)]:
        return [
            _issue(
                cited,
                "warning",
                "authors-differ",
                f"DOI {doi}: authors differ: cited "
                f"{', '.join(cited_families)}; registered "
                f"{', '.join(registered_families)}",
                "author",
            )
        ]
    return []


def _compare_numbers(cited: Reference, registered: Reference, doi: str) -> list[Issue]:
    issues: list[Issue] = []
    for name in ("volume", "issue"):
        mine, theirs = getattr(cited, name), getattr(registered, name)
        if mine and theirs and fold(mine) != fold(theirs):
            issues.append(
                _issue(
                    cited,
                    "warning",
                    f"{name}-differs",
                    f"DOI {doi}: {name} cited {mine!r}, registered {theirs!r}",
                    name,
                )
            )
    mine_page = first_page(cited)
    if mine_page:
        theirs_pages = {first_page(registered), fold(registered.number) or None}
        if mine_page not in theirs_pages and any(theirs_pages):
            issues.append(
                _issue(
                    cited,
                    "warning",
                    "page-differs",
                    f"DOI {doi}: pages cited "
                    f"{cited.page or cited.number!r}, registered "
                    f"{registered.page or registered.number!r}",
                    "page",
                )
            )
        elif cited.page and registered.page and cited.page != registered.page:
            issues.append(
                _issue(
                    cited,
                    "info",
                    "page-formatting",
                    f"DOI {doi}: pages written {cited.page!r}, registered {registered.page!r}",
                    "page",
                )
            )
    return issues


def _compare_container(cited: Reference, registered: Reference, doi: str) -> list[Issue]:
    if not cited.container_title or not registered.container_title:
        return []
    agreement = container_agreement(cited.container_title, registered)
    if agreement >= 1.0:
        return []
    if agreement > 0:
        return [
            _issue(
                cited,
                "info",
                "container-formatting",
                f"DOI {doi}: journal written "
                f"{cited.container_title!r}, registered {registered.container_title!r}",
                "container-title",
            )
        ]
    return [
        _issue(
            cited,
            "warning",
            "container-differs",
            f"DOI {doi}: journal cited "
            f"{cited.container_title!r}, registered {registered.container_title!r}",
            "container-title",
        )
    ]
