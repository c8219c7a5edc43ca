"""Resolution beyond Crossref: trials to ClinicalTrials.gov, PMIDs/PMCIDs to PubMed, and agreement.

For each reference, after Crossref has been asked (:mod:`als_refs.resolve`):

- a trial listing, a cited NCT id or a sentence about a trial goes to the registry; a listing or a
  sentence is matched to a study only when certain (:mod:`als_refs.clinicaltrials.matching`), and
  the study's RESULT publications are offered by PMID (and DOI, from PubMed);
- a cited PMID or PMCID is verified on PubMed (PMCIDs through the PMC ID Converter) and compared
  with the citation: a PMID whose record carries another DOI than the cited one, or another title,
  is an error;
- a reference without identifiers but with journal, year, volume and first page goes to PubMed's
  citation matcher;
- retractions, errata and updates PubMed knows are reported, also for works without a DOI.

A failure of one service for one reference is an issue on that reference; the run continues.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from als_refs.clinicaltrials.client import ClinicalTrialsClient, StudyNotFoundError
from als_refs.clinicaltrials.matching import choose_trial
from als_refs.comparison import first_page, title_similarity
from als_refs.errors import InputError, ResolveError
from als_refs.models import Issue, Reference
from als_refs.pubmed.client import PubMedClient
from als_refs.pubmed.mapping import PubMedRecord

Severity = Literal["error", "warning", "info"]
_NOTICE_SEVERITY: dict[str, Severity] = {
    "retraction": "error",
    "expression_of_concern": "warning",
    "correction": "warning",
    "new_version": "warning",
}


@dataclass(frozen=True)
class SourceResult:
    """What the other registries said about one reference."""

    reference: Reference
    nct_id: str | None = None
    pmid: str | None = None
    doi: str | None = None
    sources: tuple[str, ...] = ()
    results_pmids: tuple[str, ...] = ()
    issues: tuple[Issue, ...] = field(default=())
    service_failed: bool = False


def _issue(reference: Reference, severity: Severity, code: str, message: str, at: str) -> Issue:
    first = reference.provenance.first
    return Issue(
        severity=severity,
        code=code,
        message=f"{reference.id}: {message}",
        source=first.document if first else None,
        line=first.line if first else None,
        field=at,
    )


def _is_trial_text(reference: Reference) -> bool:
    first = reference.provenance.first
    return bool(reference.trial_ids) or (first is not None and first.kind in ("trial", "prose"))


def _text(reference: Reference) -> str:
    first = reference.provenance.first
    return (first.raw if first and first.raw else None) or reference.title or ""


class SourceResolver:
    def __init__(self, *, pubmed: PubMedClient | None, trials: ClinicalTrialsClient | None) -> None:
        self.pubmed = pubmed
        self.trials = trials

    def resolve(
        self, references: Sequence[Reference], found: Mapping[str, str] | None = None
    ) -> list[SourceResult]:
        """``found``: DOIs a Crossref search found, by reference id (looked up on PubMed too)."""
        return [self.resolve_one(r, (found or {}).get(r.id)) for r in references]

    def resolve_one(self, reference: Reference, found_doi: str | None = None) -> SourceResult:
        result = SourceResult(reference, doi=found_doi)
        try:
            if self.trials is not None and _is_trial_text(reference):
                result = self._trial(result)
            if self.pubmed is not None:
                result = self._pubmed(result)
        except InputError as exc:  # a malformed record: an issue on this reference only
            issue = _issue(reference, "error", "record-malformed", exc.message, "pmid")
            return _with(result, issues=(issue,))
        except ResolveError as exc:
            issue = _issue(reference, "error", exc.code, exc.message, "pmid")
            return SourceResult(
                reference,
                result.nct_id,
                result.pmid,
                result.doi,
                result.sources,
                result.results_pmids,
                (*result.issues, issue),
                service_failed=True,
            )
        return result

    # Trials -----------------------------------------------------------------------------------

    def _trial(self, result: SourceResult) -> SourceResult:
        assert self.trials is not None
        reference = result.reference
        for nct in reference.trial_ids:
            try:
                study = self.trials.get_study(nct)
            except StudyNotFoundError as exc:
                issue = _issue(reference, "error", "nct-not-found", exc.message, "trial_ids")
                return _with(result, issues=(issue,))
            return _with(
                result,
                nct_id=study.nct_id,
                results_pmids=study.results_pmids,
                sources=("clinicaltrials.gov",),
            )
        first = reference.provenance.first
        listing = first is not None and first.kind == "trial"
        title = reference.title or _text(reference) if listing else None
        text = _text(reference)
        studies = self.trials.search(title=title, term=None if title else text)
        match = choose_trial(text, studies, title=title)
        if match.accepted is None:
            if listing:
                message = f"no certain ClinicalTrials.gov match ({match.reason})"
                issue = _issue(reference, "info", "trial-no-confident-match", message, "title")
                return _with(result, issues=(issue,))
            return result
        study = match.accepted.study
        message = f"the trial registered as {study.nct_id}"
        if study.results_pmids:
            message += f"; results published as PMID {', '.join(study.results_pmids)}"
        issue = _issue(reference, "info", "trial-found", message, "trial_ids")
        return _with(
            result,
            nct_id=study.nct_id,
            results_pmids=study.results_pmids,
            sources=("clinicaltrials.gov",),
            issues=(issue,),
        )

    # PubMed -----------------------------------------------------------------------------------

    def _pubmed(self, result: SourceResult) -> SourceResult:
        assert self.pubmed is not None
        reference = result.reference
        pmid = reference.pmid
        if pmid is None and reference.pmcid:
            records = self.pubmed.convert_ids([reference.pmcid])
            if not records or "pmid" not in records[0]:
                issue = _issue(
                    reference,
                    "error",
                    "pmcid-not-found",
                    f"PMCID {reference.pmcid} is not known to PMC",
                    "pmcid",
                )
                return _with(result, issues=(issue,))
            pmid = records[0]["pmid"]
        if pmid is None and not reference.doi and result.doi:
            converted = self.pubmed.convert_ids([result.doi])
            pmid = converted[0].get("pmid") if converted else None
            reference = reference.model_copy(update={"doi": result.doi})
        if pmid is None and not reference.doi:
            pmid = self._citation_match(reference)
        if pmid is None:
            if result.results_pmids:
                return self._results(result)
            return result
        record = self.pubmed.fetch([pmid]).get(pmid)
        if record is None:
            issue = _issue(
                reference, "error", "pmid-not-found", f"PMID {pmid} does not exist", "pmid"
            )
            return _with(result, issues=(issue,))
        if isinstance(record, InputError):
            issue = _issue(reference, "error", "pubmed-malformed", record.message, "pmid")
            return _with(result, issues=(issue,))
        issues = [*self._agreement(reference, record), *self._notices(reference, record)]
        if result.reference.pmid is None:
            doi = f", DOI {record.reference.doi}" if record.reference.doi else ""
            message = f"PubMed: the cited work is PMID {record.pmid}{doi}"
            issues.append(_issue(result.reference, "info", "pmid-found", message, "pmid"))
        return _with(
            result,
            pmid=record.pmid,
            doi=record.reference.doi,
            sources=("pubmed",),
            issues=tuple(issues),
        )

    def _results(self, result: SourceResult) -> SourceResult:
        assert self.pubmed is not None
        found = self.pubmed.fetch(result.results_pmids[:1])
        record = found.get(result.results_pmids[0])
        if not isinstance(record, PubMedRecord):
            return result
        message = f"the results publication of {result.nct_id}: PMID {record.pmid}" + (
            f", DOI {record.reference.doi}" if record.reference.doi else ""
        )
        issue = _issue(result.reference, "info", "trial-results-publication", message, "pmid")
        return _with(
            result, pmid=record.pmid, doi=record.reference.doi, sources=("pubmed",), issues=(issue,)
        )

    def _citation_match(self, reference: Reference) -> str | None:
        assert self.pubmed is not None
        journal = reference.container_title_short or reference.container_title
        page = first_page(reference)
        if not (journal and reference.year and reference.volume and page):
            return None
        author = reference.author[0].family if reference.author else None
        citation = {
            "journal": journal,
            "year": str(reference.year),
            "volume": reference.volume,
            "first_page": page,
            "author": (author or "").lower(),
        }
        return self.pubmed.citmatch({"ref": citation}).get("ref")

    def _agreement(self, reference: Reference, record: PubMedRecord) -> list[Issue]:
        registered = record.reference
        issues: list[Issue] = []
        if reference.doi and registered.doi and reference.doi.lower() != registered.doi.lower():
            issues.append(
                _issue(
                    reference,
                    "error",
                    "pmid-doi-disagree",
                    f"PMID {record.pmid} is the work with DOI {registered.doi}, "
                    f"not {reference.doi}",
                    "pmid",
                )
            )
        titles = reference.title and registered.title
        if titles and title_similarity(reference.title, registered.title) < 0.6:
            issues.append(
                _issue(
                    reference,
                    "error",
                    "pmid-different-work",
                    f"PMID {record.pmid} is {registered.title!r}, not the cited work",
                    "pmid",
                )
            )
        if reference.pmcid and registered.pmcid and reference.pmcid.upper() != registered.pmcid:
            issues.append(
                _issue(
                    reference,
                    "error",
                    "pmcid-disagree",
                    f"PMID {record.pmid} is {registered.pmcid}, not {reference.pmcid}",
                    "pmcid",
                )
            )
        return issues

    def _notices(self, reference: Reference, record: PubMedRecord) -> list[Issue]:
        issues: list[Issue] = []
        for notice in record.notices:
            if notice.direction != "updated-by":
                continue
            other = f" ({notice.other.replace('pmid:', 'PMID ')})" if notice.other else ""
            issues.append(
                _issue(
                    reference,
                    _NOTICE_SEVERITY.get(notice.kind, "warning"),
                    f"pubmed-{notice.kind.replace('_', '-')}",
                    f"PubMed: {notice.kind.replace('_', ' ')}{other}: {notice.label}",
                    "pmid",
                )
            )
        return issues


def _with(
    result: SourceResult, *, issues: tuple[Issue, ...] = (), **changes: object
) -> SourceResult:
    from dataclasses import replace

    sources = tuple(dict.fromkeys([*result.sources, *changes.pop("sources", ())]))  # type: ignore[misc]
    return replace(result, issues=(*result.issues, *issues), sources=sources, **changes)  # type: ignore[arg-type]
