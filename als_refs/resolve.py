"""Resolve references against Crossref: one result per reference, never raising part way.

A reference with a DOI from the text is *verified*: its work is fetched (in batches) and compared
with what the text cites; the DOI is kept even when Crossref disagrees. A DOI Crossref does not
have is *not-found*, or *not-crossref* when another agency (DataCite, mEDRA) registered it. A
reference without a DOI is searched (``query.bibliographic``) and *found-by-search* only when the
match is certain; otherwise it is *no-confident-match* with its candidates kept. A failure of the
service for one reference is *error* for that reference, and the run continues.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, Literal, get_args

from als_refs.crossref.client import BATCH_SIZE, CrossrefClient, FetchInfo
from als_refs.crossref.compare import assess
from als_refs.crossref.mapping import trim_work, work_to_reference
from als_refs.crossref.matching import MatchResult, choose, query_text
from als_refs.crossref.shape import unreadable_fields
from als_refs.doiproxy import DoiProxyClient
from als_refs.errors import DOINotFoundError, InputError, ResolveError
from als_refs.identifiers.doi import is_short_doi
from als_refs.models import Issue, Reference

Status = Literal[
    "verified",
    "mismatch",
    "found-by-search",
    "no-confident-match",
    "not-found",
    "not-crossref",
    "error",
]
STATUSES: tuple[Status, ...] = get_args(Status)
SERVICE_ERRORS = frozenset(
    {"network", "rate-limited", "crossref-http", "service-http", "resolve-failed"}
)


@dataclass(frozen=True)
class Resolution:
    """What resolving one reference gave."""

    reference: Reference
    status: Status
    doi: str | None = None
    work: dict[str, Any] | None = field(default=None, repr=False)
    fetch: FetchInfo | None = None
    match: MatchResult | None = None
    issues: tuple[Issue, ...] = ()
    error_code: str | None = None
    suggestion: str | None = None
    """For a wrong or missing DOI: the DOI a confident search finds for the cited work."""
    disagreements: tuple[str, ...] = ()
    """The fields (CSL keys) where the cited record and the registered work disagree."""

    @property
    def registered(self) -> Reference | None:
        return work_to_reference(self.work, id=self.reference.id) if self.work else None


ProgressCallback = Callable[[int, int], None]


def _place(reference: Reference) -> tuple[str | None, int | None]:
    first = reference.provenance.first
    return (first.document, first.line) if first else (None, None)


def _issue(
    reference: Reference, severity: Literal["error", "warning", "info"], code: str, message: str
) -> Issue:
    source, line = _place(reference)
    return Issue(
        severity=severity, code=code, message=message, source=source, line=line, field="doi"
    )


def _failed(reference: Reference, error: ResolveError) -> Resolution:
    return Resolution(
        reference,
        "error",
        doi=reference.doi,
        issues=(
            _issue(
                reference, "error", error.code, f"{reference.doi or reference.id}: {error.message}"
            ),
        ),
        error_code=error.code,
    )


def resolve_references(
    references: Sequence[Reference],
    client: CrossrefClient,
    *,
    search: bool = True,
    suggest: bool = True,
    progress: ProgressCallback | None = None,
    proxy: DoiProxyClient | None = None,
) -> list[Resolution]:
    """One :class:`Resolution` per reference, in the same order.

    A shortDOI is first expanded through doi.org (``proxy``, by default on the Crossref client's
    transport) and the DOI it names is verified. DOIs are fetched in batches; verification and
    searches run in parallel up to the concurrency Crossref advertises (the client's limiter
    holds every request to it)."""
    proxy = proxy or DoiProxyClient.beside(client)
    shorts = expand_short_dois(references, proxy)
    resolved = _resolve_expanded(
        [shorts[i].expanded if i in shorts else r for i, r in enumerate(references)],
        client,
        search=search,
        suggest=suggest,
        progress=progress,
        failed={i: short.failure for i, short in shorts.items() if short.failure},
    )
    return [
        shorts[i].restore(resolution) if i in shorts else resolution
        for i, resolution in enumerate(resolved)
    ]


@dataclass(frozen=True)
class ShortDOI:
    """A reference citing a shortDOI: the copy citing the DOI it names, or why there is none."""

    original: Reference
    expanded: Reference
    failure: Resolution | None = None

    def restore(self, resolution: Resolution) -> Resolution:
        """``resolution`` of the expanded copy, told of the original and its shortDOI."""
        if self.failure is not None:
            return resolution  # already the original's (a suggestion may have been added)
        note = _issue(
            self.original,
            "info",
            "short-doi",
            f"{self.original.id}: shortDOI {self.original.doi} names DOI {self.expanded.doi}",
        )
        return replace(resolution, reference=self.original, issues=(note, *resolution.issues))


def expand_short_dois(
    references: Sequence[Reference], proxy: DoiProxyClient
) -> dict[int, ShortDOI]:
    """For each reference (by index) citing a shortDOI, the DOI doi.org says it names."""
    found: dict[int, ShortDOI] = {}
    for index, reference in enumerate(references):
        if not reference.doi or not is_short_doi(reference.doi):
            continue
        try:
            doi = proxy.expand_short_doi(reference.doi)
        except DOINotFoundError as exc:
            failure = _not_found(reference, exc.message)
        except ResolveError as exc:
            failure = _failed(reference, exc)
        else:
            expanded = reference.model_copy(update={"doi": doi})
            found[index] = ShortDOI(reference, expanded)
            continue
        found[index] = ShortDOI(reference, reference, failure)
    return found


def _resolve_expanded(
    references: Sequence[Reference],
    client: CrossrefClient,
    *,
    search: bool,
    suggest: bool,
    progress: ProgressCallback | None,
    failed: dict[int, Resolution],
) -> list[Resolution]:
    total = len(references)
    counter = _Counter(total, progress)
    results: dict[int, Resolution] = {i: counter.tick(r) for i, r in failed.items()}
    with_doi = [(i, r) for i, r in enumerate(references) if r.doi and i not in failed]
    chunks = [with_doi[i : i + BATCH_SIZE] for i in range(0, len(with_doi), BATCH_SIZE)]
    workers = max(client.limiter.limits.concurrency, 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        fetched = list(pool.map(lambda chunk: _fetch_chunk(chunk, client), chunks))
        jobs: dict[int, Future[Resolution]] = {}
        for chunk, (works, error) in zip(chunks, fetched, strict=True):
            for index, reference in chunk:
                if error is not None:
                    results[index] = counter.tick(_failed(reference, error))
                else:
                    work = works.get(reference.doi or "")
                    jobs[index] = pool.submit(_verify, reference, work, client)
        for index, reference in enumerate(references):
            if index in results or index in jobs:
                continue
            if search:
                jobs[index] = pool.submit(_search, reference, client)
            else:
                results[index] = counter.tick(Resolution(reference, "no-confident-match"))
        for index, job in jobs.items():
            results[index] = counter.tick(job.result())
    ordered = [results[i] for i in range(total)]
    if suggest:
        ordered = [_with_suggestion(r, client) for r in ordered]
    return ordered


def _with_suggestion(resolution: Resolution, client: CrossrefClient) -> Resolution:
    """For a DOI that does not exist or names another work: the DOI a confident search finds."""
    if resolution.status not in ("mismatch", "not-found") or not resolution.reference.title:
        return resolution
    searched = _search(resolution.reference.model_copy(update={"doi": None}), client)
    found = searched.doi if searched.status == "found-by-search" else None
    if found is None or found == resolution.reference.doi:
        return resolution
    issues = tuple(
        issue.model_copy(
            update={"message": f"{issue.message}; Crossref finds DOI {found} for the cited work"}
        )
        if issue.severity == "error" and issue.field == "doi"
        else issue
        for issue in resolution.issues
    )
    return replace(resolution, issues=issues, suggestion=found)


class _Counter:
    def __init__(self, total: int, progress: ProgressCallback | None) -> None:
        self.total = total
        self.done = 0
        self.progress = progress

    def tick(self, resolution: Resolution) -> Resolution:
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)
        return resolution


def _fetch_chunk(
    chunk: Sequence[tuple[int, Reference]], client: CrossrefClient
) -> tuple[dict[str, dict[str, Any]], ResolveError | None]:
    try:
        return client.get_works([r.doi for _, r in chunk if r.doi]), None
    except ResolveError as exc:
        return {}, exc


def _verify(
    reference: Reference, work: dict[str, Any] | None, client: CrossrefClient
) -> Resolution:
    doi = reference.doi or ""
    if work is None:
        return _missing(reference, client)
    try:
        registered = work_to_reference(work, id=reference.id)
    except InputError as exc:
        return Resolution(
            reference,
            "error",
            doi=doi,
            issues=(_issue(reference, "error", exc.code, str(exc)),),
            error_code=exc.code,
        )
    assessment = assess(reference, registered, work)
    status: Status = "mismatch" if assessment.verdict == "different-work" else "verified"
    return Resolution(
        reference,
        status,
        doi=doi,
        work=trim_work(work),
        fetch=client.fetch_info(doi),
        issues=(*_malformed(reference, doi, work), *assessment.issues),
        disagreements=assessment.disagreeing,
    )


def _malformed(reference: Reference, doi: str, work: dict[str, Any]) -> tuple[Issue, ...]:
    """A warning when the registered record has fields of the wrong shape (ignored in it)."""
    fields = unreadable_fields(work)
    if not fields:
        return ()
    message = (
        f"DOI {doi}: Crossref's record has {', '.join(fields)} in a form it does not document; "
        "ignored (compared without them)"
    )
    return (_issue(reference, "warning", "registered-malformed", message),)


def _not_found(reference: Reference, message: str) -> Resolution:
    issue = _issue(reference, "error", "doi-not-found", message)
    return Resolution(reference, "not-found", doi=reference.doi or "", issues=(issue,))


def _missing(reference: Reference, client: CrossrefClient) -> Resolution:
    doi = reference.doi or ""
    try:
        agency = client.get_agency(doi)
    except DOINotFoundError:
        return _not_found(reference, f"DOI {doi} does not exist (not registered with any agency)")
    except ResolveError as exc:
        return _failed(reference, exc)
    if agency == "crossref":
        # Registered with Crossref but missing from the batch answer: ask for it alone.
        try:
            return _verify(reference, client.get_work(doi), client)
        except DOINotFoundError:
            return _not_found(reference, f"DOI {doi} is not in Crossref")
        except ResolveError as exc:
            return _failed(reference, exc)
    return Resolution(
        reference,
        "not-crossref",
        doi=doi,
        issues=(
            _issue(
                reference,
                "info",
                "doi-not-crossref",
                f"DOI {doi} is registered with {agency}, not Crossref: not verified",
            ),
        ),
    )


def _is_trial_listing(reference: Reference) -> bool:
    """A trial registration listing: registries (ClinicalTrials.gov), not Crossref, hold it."""
    first = reference.provenance.first
    return bool(reference.trial_ids) or (first is not None and first.kind == "trial")


def _search(reference: Reference, client: CrossrefClient) -> Resolution:
    if _is_trial_listing(reference):
        message = f"{reference.id}: a trial listing: not searched on Crossref"
        return Resolution(
            reference,
            "no-confident-match",
            match=MatchResult(None, (), "trial listing"),
            issues=(_issue(reference, "info", "trial-not-searched", message),),
        )
    text = query_text(reference)
    if not text.strip():
        return Resolution(
            reference, "no-confident-match", match=MatchResult(None, (), "nothing to search with")
        )
    try:
        items = client.search(text, rows=5)
    except ResolveError as exc:
        return _failed(reference, exc)
    match = choose(reference, items)
    if match.accepted is None:
        return Resolution(
            reference,
            "no-confident-match",
            match=match,
            issues=(
                _issue(
                    reference,
                    "info" if reference.provenance.candidate else "warning",
                    "no-confident-match",
                    f"{reference.id}: no confident Crossref match ({match.reason})"
                    + _best_candidates(match),
                ),
            ),
        )
    accepted = match.accepted
    registered = work_to_reference(accepted.work, id=reference.id)
    # A found work keeps its disagreements: the report and the lockfile show them.
    assessment = assess(reference, registered, accepted.work)
    issues = tuple(
        i.model_copy(update={"message": f"found by search: {i.message}"})
        for i in assessment.issues
        if i.severity != "info"
    )
    fetch = client.search_info(text, rows=5)
    return Resolution(
        reference,
        "found-by-search",
        doi=accepted.doi,
        work=accepted.work,
        fetch=fetch,
        match=match,
        issues=issues,
        disagreements=assessment.disagreeing,
    )


def _best_candidates(match: MatchResult, count: int = 2) -> str:
    best = [f"{c.doi} ({c.score:.2f})" for c in match.candidates[:count]]
    return f"; candidates: {', '.join(best)}" if best else ""


def summary(results: Sequence[Resolution]) -> dict[str, int]:
    """How many references ended in each status."""
    counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for result in results:
        counts[result.status] += 1
    return counts


def service_failed(results: Sequence[Resolution]) -> bool:
    """True when some reference failed because Crossref could not be reached or answered badly."""
    return any(r.status == "error" and r.error_code in SERVICE_ERRORS for r in results)
