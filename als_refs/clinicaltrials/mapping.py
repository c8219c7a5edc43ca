"""A ClinicalTrials.gov API v2 study as a :class:`Reference` (a registration) and its facts.

A registration is a CSL ``report`` with ``number`` = the NCT id and ``publisher`` = the registry,
the shape citeproc-js gives Zotero's records of registry entries; the lead sponsor is the author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from als_refs.errors import InputError
from als_refs.models import DateParts, Name, Reference

REGISTRY = "ClinicalTrials.gov"
GENRE = "Clinical trial registration"
_NCT = re.compile(r"^NCT\d{8}$")
_PHASES = {"EARLY_PHASE1": "1", "PHASE1": "1", "PHASE2": "2", "PHASE3": "3", "PHASE4": "4"}


@dataclass(frozen=True)
class Study:
    """What the matcher and the resolver read from a study."""

    nct_id: str
    titles: tuple[str, ...]
    acronym: str | None
    conditions: tuple[str, ...]
    keywords: tuple[str, ...]
    interventions: tuple[str, ...]
    sponsors: tuple[str, ...]
    officials: tuple[str, ...]
    phases: tuple[str, ...]
    enrollment: int | None
    start_year: int | None
    end_year: int | None
    results_pmids: tuple[str, ...]
    first_posted: str | None
    last_updated: str | None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str) and v.strip())


def _year(struct: Any) -> int | None:
    date = _dict(struct).get("date")
    if isinstance(date, str) and date[:4].isdigit():
        return int(date[:4])
    return None


def read_study(data: Any) -> Study:
    """The facts of one study (:class:`InputError` when it has no valid NCT id)."""
    protocol = _dict(_dict(data).get("protocolSection"))
    ident = _dict(protocol.get("identificationModule"))
    nct = ident.get("nctId")
    if not isinstance(nct, str) or not _NCT.match(nct):
        raise InputError(f"a ClinicalTrials.gov study without a valid NCT id: {nct!r}")
    status = _dict(protocol.get("statusModule"))
    sponsor_module = _dict(protocol.get("sponsorCollaboratorsModule"))
    sponsors = [_dict(sponsor_module.get("leadSponsor")).get("name")]
    sponsors += [_dict(c).get("name") for c in sponsor_module.get("collaborators") or []]
    officials = [
        _dict(o).get("name")
        for o in _dict(protocol.get("contactsLocationsModule")).get("overallOfficials") or []
    ]
    interventions: list[Any] = []
    arms = _dict(protocol.get("armsInterventionsModule"))
    for item in arms.get("interventions") or []:
        interventions += [_dict(item).get("name"), *_strings(_dict(item).get("otherNames"))]
    design = _dict(protocol.get("designModule"))
    enrollment = _dict(design.get("enrollmentInfo")).get("count")
    references = _dict(protocol.get("referencesModule")).get("references") or []
    results = tuple(
        str(r["pmid"])
        for r in references
        if isinstance(r, dict) and r.get("type") == "RESULT" and str(r.get("pmid", "")).isdigit()
    )
    conditions = _dict(protocol.get("conditionsModule"))
    return Study(
        nct_id=nct,
        titles=_strings([ident.get("briefTitle"), ident.get("officialTitle")]),
        acronym=ident.get("acronym") if isinstance(ident.get("acronym"), str) else None,
        conditions=_strings(conditions.get("conditions")),
        keywords=_strings(conditions.get("keywords")),
        interventions=_strings(interventions),
        sponsors=_strings(sponsors),
        officials=_strings(officials),
        phases=tuple(_PHASES[p] for p in _strings(design.get("phases")) if p in _PHASES),
        enrollment=enrollment if isinstance(enrollment, int) else None,
        start_year=_year(status.get("startDateStruct")),
        end_year=_year(status.get("completionDateStruct"))
        or _year(status.get("primaryCompletionDateStruct")),
        results_pmids=results,
        first_posted=_dict(status.get("studyFirstPostDateStruct")).get("date"),
        last_updated=_dict(status.get("lastUpdatePostDateStruct")).get("date"),
    )


def is_nct(value: str) -> bool:
    return _NCT.match(value) is not None


def study_url(nct_id: str) -> str:
    return f"https://clinicaltrials.gov/study/{nct_id}"


def _date_parts(text: str | None) -> DateParts | None:
    if not text:
        return None
    parts = tuple(int(p) for p in text.split("-") if p.isdigit())
    return DateParts(date_parts=(parts,)) if parts else None


def study_to_reference(study: Study, *, id: str | None = None) -> Reference:
    """The registration as the medical styles cite it: title, registry, identifier, dates, URL."""
    values: dict[str, Any] = {
        "id": id or study.nct_id.lower(),
        "type": "report",
        "genre": GENRE,
        "title": study.titles[0] if study.titles else study.nct_id,
        "author": (Name(literal=study.sponsors[0]),) if study.sponsors else (),
        "publisher": REGISTRY,
        "number": study.nct_id,
        "trial_ids": (study.nct_id,),
        "issued": _date_parts(study.first_posted),
        "url": study_url(study.nct_id),
    }
    values = {k: v for k, v in values.items() if v not in (None, ())}
    try:
        return Reference.model_validate(values)
    except ValidationError as exc:
        fields = ", ".join(sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]}))
        raise InputError(f"cannot read study {study.nct_id}: invalid {fields}") from None
