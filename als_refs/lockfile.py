"""The lockfile ``references/als-refs.lock.json``: what Crossref registered for each reference.

One JSON file with sorted keys and a stable order, so a change shows as a small diff. For each
reference (keyed by the DOI its text gives, else by where it is cited) it holds the DOI, the
status, the registered metadata as received (trimmed to the fields als-refs uses), when and from
which URL it was fetched, and the match evidence (for a search: every candidate and its scores).

``als-refs resolve`` writes it (online); ``als-refs build`` merges it into the outputs offline with
:func:`apply_lock`, a pure function: the text's identifiers win, Crossref fills the gaps, and
conflicts are kept as issues.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from als_refs import __version__
from als_refs.clinicaltrials.mapping import GENRE, REGISTRY, is_nct, study_url
from als_refs.crossref.compare import Assessment, assess
from als_refs.crossref.mapping import csl_key, work_to_reference
from als_refs.errors import InputError
from als_refs.fileio import atomic_write, read_file_text
from als_refs.models import Issue, Reference
from als_refs.resolve import Resolution
from als_refs.sources_resolve import SourceResult

LOCK_VERSION = 1
MERGED_STATUSES = frozenset({"verified", "found-by-search"})
DOI_STATUSES = frozenset({"verified", "mismatch"})
NUMBER_FIELDS = ("volume", "issue", "page", "number")
DATE_FIELDS = ("issued", "published_print", "published_online")
FILLED_FIELDS = (
    "title",
    "author",
    "container_title",
    "container_title_short",
    "volume",
    "issue",
    "page",
    "number",
    "issued",
    "published_print",
    "published_online",
    "publisher",
    "issn",
)


@dataclass(frozen=True)
class LockEntry:
    reference_id: str
    status: str
    doi: str | None = None
    registered: dict[str, Any] | None = None
    url: str | None = None
    fetched_at: str | None = None
    match: dict[str, Any] | None = None
    sources: dict[str, Any] | None = None
    """What PubMed and ClinicalTrials.gov said, by source: ``{"pubmed": {"pmid", "doi"},
    "clinicaltrials.gov": {"nct", "results-pmids"}}``."""

    def to_json(self) -> dict[str, Any]:
        data = {
            "id": self.reference_id,
            "status": self.status,
            "doi": self.doi,
            "registered": self.registered,
            "url": self.url,
            "fetched-at": self.fetched_at,
            "match": self.match,
            "sources": self.sources,
        }
        return {k: v for k, v in data.items() if v is not None}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LockEntry:
        registered = data.get("registered")
        match = data.get("match")
        sources = data.get("sources")
        return cls(
            reference_id=str(data.get("id", "")),
            status=str(data.get("status", "")),
            doi=data.get("doi") if isinstance(data.get("doi"), str) else None,
            registered=registered if isinstance(registered, dict) else None,
            url=data.get("url") if isinstance(data.get("url"), str) else None,
            fetched_at=data.get("fetched-at") if isinstance(data.get("fetched-at"), str) else None,
            match=match if isinstance(match, dict) else None,
            sources=sources if isinstance(sources, dict) else None,
        )


@dataclass(frozen=True)
class Lock:
    entries: Mapping[str, LockEntry] = field(default_factory=dict)

    def get(self, reference: Reference) -> LockEntry | None:
        return self.entries.get(lock_key(reference))


@dataclass(frozen=True)
class MergeResult:
    references: tuple[Reference, ...]
    issues: tuple[Issue, ...]


def lock_key(reference: Reference) -> str:
    """``doi:<doi>`` when the text gives the DOI, else ``cited:<document>:<line>``, else the id."""
    if reference.doi and reference.provenance.fields.get("doi") != "registry":
        return f"doi:{reference.doi}"
    first = reference.provenance.first
    if first is not None and first.document and first.line is not None:
        kind = "candidate" if reference.provenance.candidate else "cited"
        suffix = (
            f":{reference.container_title or ''}:{reference.year or ''}"
            if kind == "candidate"
            else ""
        )
        return f"{kind}:{first.document}:{first.line}{suffix}"
    return f"id:{reference.id}"


def _timestamp(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def entry_for(resolution: Resolution) -> LockEntry:
    match: dict[str, Any] | None
    if resolution.match is not None:
        match = {
            "method": "search",
            "reason": resolution.match.reason,
            "candidates": [c.evidence() for c in resolution.match.candidates],
        }
        if resolution.match.accepted is not None:
            match["score"] = round(resolution.match.accepted.score, 3)
            if resolution.disagreements:
                match["disagreements"] = list(resolution.disagreements)
    elif resolution.status in ("verified", "mismatch"):
        match = {"method": "doi"}
    else:
        match = None
    fetch = resolution.fetch
    return LockEntry(
        reference_id=resolution.reference.id,
        status=resolution.status,
        doi=resolution.doi,
        registered=resolution.work,
        url=fetch.url if fetch else None,
        fetched_at=_timestamp(fetch.fetched_at) if fetch else None,
        match=match,
    )


def sources_for(result: SourceResult) -> dict[str, Any] | None:
    """The lockfile's ``sources`` block for what PubMed and the trial registry found."""
    found: dict[str, Any] = {}
    if result.nct_id:
        trial: dict[str, Any] = {"nct": result.nct_id}
        if result.results_pmids:
            trial["results-pmids"] = list(result.results_pmids)
        found["clinicaltrials.gov"] = trial
    if result.pmid:
        found["pubmed"] = {"pmid": result.pmid, **({"doi": result.doi} if result.doi else {})}
    return found or None


def build_lock(
    resolutions: Iterable[Resolution],
    previous: Lock | None = None,
    sourced: Iterable[SourceResult] = (),
) -> Lock:
    """The lock for these results; a reference that failed this time keeps its previous entry.
    ``sourced``: what PubMed and ClinicalTrials.gov gave, written beside Crossref's answer."""
    entries: dict[str, LockEntry] = {}
    for resolution in resolutions:
        key = lock_key(resolution.reference)
        old = previous.entries.get(key) if previous else None
        if resolution.status == "error" and old is not None:
            entries[key] = old
        else:
            entries[key] = entry_for(resolution)
    for result in sourced:
        key = lock_key(result.reference)
        old = previous.entries.get(key) if previous else None
        found = sources_for(result)
        if result.service_failed and old is not None:
            found = old.sources
        if key in entries and found:
            entries[key] = replace(entries[key], sources=found)
    return Lock(entries)


def dumps_lock(lock: Lock) -> str:
    data = {
        "als-refs-lock": LOCK_VERSION,
        "generator": f"als-refs {__version__}",
        "references": {key: lock.entries[key].to_json() for key in sorted(lock.entries)},
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def loads_lock(text: str, source: str | None = None) -> Lock:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InputError(f"invalid lockfile JSON: {exc}", source=source) from None
    except RecursionError:
        raise InputError("invalid lockfile JSON: nested too deeply", source=source) from None
    if not isinstance(data, dict) or data.get("als-refs-lock") != LOCK_VERSION:
        raise InputError(
            f'not an als-refs lockfile (expected "als-refs-lock": {LOCK_VERSION})', source=source
        )
    references = data.get("references")
    if not isinstance(references, dict):
        raise InputError('lockfile without a "references" object', source=source)
    return Lock(
        {str(k): LockEntry.from_json(v) for k, v in references.items() if isinstance(v, dict)}
    )


def load_lock(path: str | Path) -> Lock:
    """The lock at ``path``; an empty lock when there is no file yet."""
    file = Path(path)
    if not file.exists():
        return Lock()
    return loads_lock(read_file_text(file), source=str(path))


def write_lock(path: str | Path, lock: Lock) -> bool:
    """Write atomically; returns False (and leaves the file alone) when nothing changed."""
    file = Path(path)
    data = dumps_lock(lock).encode("utf-8")
    if file.is_file() and file.read_bytes() == data:
        return False
    atomic_write(file, data)
    return True


def apply_lock(references: Sequence[Reference], lock: Lock) -> MergeResult:
    """Cited records merged with their registered metadata, field by field, with provenance.

    Pure: the same references and lock give the same result. What the text gives wins (its DOI
    above all); Crossref fills what the text leaves out (origin ``registry``); where both give a
    value and they disagree, the cited value stays and the difference becomes an issue."""
    merged: list[Reference] = []
    issues: list[Issue] = []
    for reference in references:
        entry = lock.get(reference)
        if entry is not None and entry.sources:
            reference = _from_sources(reference, entry.sources)
        known = MERGED_STATUSES | DOI_STATUSES
        if entry is None or entry.status not in known or entry.registered is None:
            merged.append(reference)
            continue
        registered = work_to_reference(entry.registered, id=reference.id)
        # Judged again for each reference: two citations may give one DOI to two works.
        assessment = assess(reference, registered, entry.registered)
        if entry.status in DOI_STATUSES:
            issues.extend(i for i in assessment.issues if i.severity != "info")
            if assessment.verdict == "different-work":
                merged.append(reference)
                continue
        merged.append(_merge(reference, registered, entry, assessment))
    return MergeResult(tuple(merged), tuple(issues))


def _from_sources(reference: Reference, sources: Mapping[str, Any]) -> Reference:
    """A PMID PubMed found, and a trial listing's registration (NCT id, registry, URL), filled
    where the text gives none (origin ``registry``)."""
    fills: dict[str, Any] = {}
    pubmed = sources.get("pubmed")
    pmid = pubmed.get("pmid") if isinstance(pubmed, dict) else None
    trial = sources.get("clinicaltrials.gov")
    nct = trial.get("nct") if isinstance(trial, dict) else None
    results = trial.get("results-pmids") if isinstance(trial, dict) else None
    # A trial's results publication is offered, not taken for the cited work itself.
    offered = isinstance(results, list) and pmid in results
    if isinstance(pmid, str) and pmid.isdigit() and not reference.pmid and not offered:
        fills["pmid"] = pmid
    if isinstance(nct, str) and is_nct(nct) and not reference.trial_ids:
        fills["trial_ids"] = (nct,)
        first = reference.provenance.first
        if first is not None and first.kind == "trial":  # the listing is the registration
            fills.update(type="report", number=nct, publisher=REGISTRY, genre=GENRE)
            if not reference.url:
                fills["url"] = study_url(nct)
    return reference.with_fields("registry", **fills) if fills else reference


def _empty(value: Any) -> bool:
    return value is None or value == () or value == ""


def _withheld(assessment: Assessment) -> set[str]:
    """Fields the registered record may not fill: where numbers disagree, none of the numbers
    (the registered volume and pages belong with the registered issue); where years disagree,
    no dates; for another version, neither."""
    disagreeing = set(assessment.disagreeing)
    withheld: set[str] = set()
    if assessment.verdict == "other-version" or disagreeing & {"volume", "issue", "page"}:
        withheld.update(NUMBER_FIELDS)
    if assessment.verdict == "other-version" or "issued" in disagreeing:
        withheld.update(DATE_FIELDS)
    return withheld


def _merge(
    cited: Reference, registered: Reference, entry: LockEntry, assessment: Assessment
) -> Reference:
    withheld = _withheld(assessment)
    fills = {
        name: getattr(registered, name)
        for name in FILLED_FIELDS
        if name not in withheld
        and _empty(getattr(cited, name))
        and not _empty(getattr(registered, name))
    }
    if entry.status == "found-by-search" and entry.doi:
        fills["doi"] = entry.doi
        if cited.provenance.candidate:
            fills["type"] = registered.type
    result = cited.with_fields(None, **fills) if fills else cited
    origins = dict(result.provenance.fields)
    origins.update({csl_key(name): "registry" for name in fills})
    update: dict[str, Any] = {"fields": origins}
    if entry.status == "found-by-search":
        score = entry.match.get("score") if entry.match else None
        update["candidate"] = False
        update["confidence"] = float(score) if isinstance(score, int | float) else None
    return result.model_copy(update={"provenance": result.provenance.model_copy(update=update)})


def check_lock(
    references: Sequence[Reference], lock: Lock, source: str | None = None
) -> list[Issue]:
    """Offline consistency: every reference with a DOI is locked, to the same DOI, and every
    entry belongs to a reference."""
    issues: list[Issue] = []
    keys = set()
    for reference in references:
        key = lock_key(reference)
        keys.add(key)
        entry = lock.entries.get(key)
        first = reference.provenance.first
        where = {
            "source": first.document if first else source,
            "line": first.line if first else None,
        }
        if entry is None:
            if reference.doi:
                issues.append(
                    Issue(
                        severity="warning",
                        code="lock-missing",
                        message=f"DOI {reference.doi} is not in the lockfile: run als-refs resolve",
                        field="doi",
                        **where,
                    )
                )
            continue
        if (
            reference.doi
            and entry.doi
            and entry.doi != reference.doi
            and entry.status != "found-by-search"
        ):
            issues.append(
                Issue(
                    severity="error",
                    code="lock-doi-differs",
                    message=f"DOI {reference.doi} is locked as {entry.doi}: run als-refs resolve",
                    field="doi",
                    **where,
                )
            )
    for key in sorted(set(lock.entries) - keys):
        issues.append(
            Issue(
                severity="warning",
                code="lock-orphan",
                message=f"lockfile entry {key!r} matches no reference: run als-refs resolve",
                source=source,
            )
        )
    return issues
