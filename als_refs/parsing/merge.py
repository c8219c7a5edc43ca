"""The same work cited by several documents (or twice in one) becomes one record."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from als_refs.models import Provenance, Reference


def merge_duplicates(references: Iterable[Reference]) -> list[Reference]:
    """One record per work, in first-seen order, listing every location it is cited at.

    Two records are the same work when they share a DOI, or, lacking one, the same first author,
    year and title (compared without case, accents and punctuation). Prose candidates are merged
    only with each other: a vague mention is never folded into a real reference. Fields missing
    from the first record are filled from the later ones.
    """
    merged: dict[str, Reference] = {}
    for reference in references:
        key = _key(reference)
        if key is None or key not in merged:
            merged[key or f"#{len(merged)}:{reference.id}"] = reference
            continue
        merged[key] = _combine(merged[key], reference)
    return list(merged.values())


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
