"""The same work cited by several documents (or twice in one) becomes one record."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from als_refs.models import Issue, Provenance, Reference


def merge_duplicates(references: Iterable[Reference]) -> list[Reference]:
    """:func:`merge_references` without its issues."""
    return merge_references(references)[0]


def merge_references(references: Iterable[Reference]) -> tuple[list[Reference], list[Issue]]:
    """One record per work, in first-seen order, listing every location it is cited at.

    Two records are the same work when they share a DOI and agree beyond it (first author,
    title, volume and pages), or, lacking a DOI, the same first author, year and title (compared
    without case, accents and punctuation). Two records that give one DOI to two different works
    are both kept, each with an error (``doi-shared-by-different-works``). Prose candidates are
    merged only with each other: a vague mention is never folded into a real reference. Fields
    missing from the first record are filled from the later ones.
    """
    merged: dict[str, Reference] = {}
    issues: list[Issue] = []
    for reference in references:
        key = _key(reference)
        if key is None or key not in merged:
            merged[key or f"#{len(merged)}:{reference.id}"] = reference
            continue
        if not agree(merged[key], reference):
            issues += [_shared_doi(merged[key], reference), _shared_doi(reference, merged[key])]
            merged[f"#{len(merged)}:{reference.id}"] = reference
            continue
        merged[key] = _combine(merged[key], reference)
    return list(merged.values()), issues


def agree(first: Reference, other: Reference) -> bool:
    """Two records of one DOI describe one work: no contradiction in first author, title, or
    volume and first page together."""
    from als_refs.comparison import family, first_page, titles_contradict

    if family(first) and family(other) and family(first) != family(other):
        return False
    if titles_contradict(first.title, other.title):
        return False
    volumes = first.volume and other.volume and _fold(first.volume) != _fold(other.volume)
    pages = first_page(first) and first_page(other) and first_page(first) != first_page(other)
    return not (volumes and pages)


def _shared_doi(reference: Reference, other: Reference) -> Issue:
    first = reference.provenance.first
    where = (
        f"{other.provenance.first.document}:{other.provenance.first.line}"
        if other.provenance.first
        else other.id
    )
    return Issue(
        severity="error",
        code="doi-shared-by-different-works",
        message=f"DOI {reference.doi} is also given to a different work at {where} "
        f"({(other.title or other.id)[:60]!r}): at most one of them has the right DOI",
        source=first.document if first else None,
        line=first.line if first else None,
        field="doi",
    )


def _key(reference: Reference) -> str | None:
    kind = "candidate" if reference.provenance.candidate else "record"
    if reference.doi:
        return f"{kind}|doi|{reference.doi}"
    title = _fold(reference.title or "")
    if not title:
        if reference.trial_ids:
            return f"{kind}|trial|{'|'.join(sorted(reference.trial_ids))}"
        if reference.provenance.candidate and reference.container_title:
            return f"{kind}|venue|{_fold(reference.container_title)}|{reference.year}"
        return None
    first = reference.author[0] if reference.author else None
    family = _fold((first.family or first.literal or "") if first else "")
    return f"{kind}|{family}|{reference.year}|{title[:80]}"


def _combine(first: Reference, other: Reference) -> Reference:
    locations = list(first.provenance.locations)
    for location in other.provenance.locations:
        if location not in locations:
            locations.append(location)
    data = first.model_dump(by_alias=False, exclude_none=True)
    fields = dict(first.provenance.fields)
    for name, value in other.model_dump(by_alias=False, exclude_none=True).items():
        if name in {"id", "provenance", "custom"} or data.get(name):
            continue
        if value:
            data[name] = value
            fields.update({k: v for k, v in other.provenance.fields.items() if k not in fields})
    confidence = max(first.provenance.confidence or 0.0, other.provenance.confidence or 0.0)
    as_written = {**other.provenance.as_written, **first.provenance.as_written}
    data["provenance"] = Provenance(
        locations=tuple(locations),
        fields=fields,
        as_written=as_written,
        confidence=confidence,
        candidate=first.provenance.candidate and other.provenance.candidate,
    )
    return Reference.model_validate(data)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\W_]+", "", text)
