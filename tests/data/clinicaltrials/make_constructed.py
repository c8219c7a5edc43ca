"""Writes ``constructed/*.json``: API v2 study records **constructed** for the tests.

Shape: the modules and keys of the recorded ``recorded/ctgov_v2_study_NCT02552212.json``
(identification, status, sponsorCollaborators, conditions, design, armsInterventions,
contactsLocations, references; ``hasResults``). Two records stand for the mexiletine-in-ALS trials
the seeds list (NCT01811355, NCT01849770: real ids; the titles, dates, sponsors and numbers are
taken from what the seed articles say, the rest constructed). The decoys (NCT9xxxxxxx, invented)
are look-alikes: the same drug in other diseases, other drugs in ALS, other phases of mexiletine
in ALS. Run ``python tests/data/clinicaltrials/make_constructed.py`` to rewrite them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("constructed")
ALS = (["Amyotrophic Lateral Sclerosis"], ["ALS", "motor neuron disease"])


def study(
    nct: str,
    brief: str,
    official: str,
    *,
    drug: str,
    others: list[str] | None = None,
    conditions: tuple[list[str], list[str]] = ALS,
    sponsor: str,
    collaborators: list[str] | None = None,
    official_name: str,
    phase: str,
    enrollment: int,
    start: str,
    end: str,
    results: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    return {
        "protocolSection": {
            "identificationModule": {
                "nctId": nct,
                "organization": {"fullName": sponsor, "class": "OTHER"},
                "briefTitle": brief,
                "officialTitle": official,
            },
            "statusModule": {
                "statusVerifiedDate": end[:7],
                "overallStatus": "COMPLETED",
                "startDateStruct": {"date": start, "type": "ACTUAL"},
                "completionDateStruct": {"date": end, "type": "ACTUAL"},
                "studyFirstSubmitDate": f"{start[:4]}-01-15",
                "studyFirstPostDateStruct": {"date": f"{start[:4]}-01-18", "type": "ESTIMATED"},
                "lastUpdatePostDateStruct": {"date": f"{end[:4]}-12-01", "type": "ACTUAL"},
            },
            "sponsorCollaboratorsModule": {
                "responsibleParty": {"type": "SPONSOR"},
                "leadSponsor": {"name": sponsor, "class": "OTHER"},
                "collaborators": [{"name": c, "class": "OTHER"} for c in collaborators or []],
            },
            "conditionsModule": {"conditions": conditions[0], "keywords": conditions[1]},
            "designModule": {
                "studyType": "INTERVENTIONAL",
                "phases": [phase],
                "designInfo": {"allocation": "RANDOMIZED", "primaryPurpose": "TREATMENT"},
                "enrollmentInfo": {"count": enrollment, "type": "ACTUAL"},
            },
            "armsInterventionsModule": {
                "interventions": [
                    {"type": "DRUG", "name": drug, "otherNames": others or []},
                    {"type": "DRUG", "name": "Placebo"},
                ]
            },
            "contactsLocationsModule": {
                "overallOfficials": [
                    {
                        "name": official_name,
                        "affiliation": sponsor,
                        "role": "PRINCIPAL_INVESTIGATOR",
                    }
                ]
            },
            "referencesModule": {"references": results or []},
        },
        "hasResults": False,
    }


TRIALS = [
    study(
        "NCT01811355",
        "Mexiletine for the Treatment of Muscle Cramps in ALS",
        "A Phase IV Randomized, Placebo-Controlled Crossover Study of Mexiletine for Muscle Cramps "
        "in Amyotrophic Lateral Sclerosis",
        drug="Mexiletine",
        others=["Mexitil"],
        sponsor="University of California, Davis",
        collaborators=["Pacific ALS Consortium (PAC-10)"],
        official_name="Bjorn Oskarsson, MD",
        phase="PHASE4",
        enrollment=30,
        start="2013-04",
        end="2016-06",
    ),
    study(
        "NCT01849770",
        "A Safety and Tolerability Study of Mexiletine in Patients With Sporadic ALS",
        "A Phase II, Randomized, Double-Blind, Placebo-Controlled Study of the Safety and "
        "Tolerability of Mexiletine in Sporadic Amyotrophic Lateral Sclerosis",
        drug="Mexiletine",
        others=["Mexiletine hydrochloride"],
        sponsor="Massachusetts General Hospital",
        collaborators=["Northeast ALS Consortium (NEALS)"],
        official_name="Michael Weiss, MD",
        phase="PHASE2",
        enrollment=60,
        start="2013-05",
        end="2014-12",
        results=[
            {
                "pmid": "26911633",
                "type": "RESULT",
                "citation": "Weiss MD, Macklin EA, Simmons Z, et al. A randomized trial of "
                "mexiletine in ALS: Safety and effects on muscle cramps and progression. "
                "Neurology. 2016;86(16):1474-81. doi: 10.1212/WNL.0000000000002507.",
            }
        ],
    ),
]


def _decoy(number: int, brief: str, **kw: Any) -> dict[str, Any]:
    defaults: dict[str, Any] = {
        "official": brief,
        "drug": "Mexiletine",
        "sponsor": "Constructed University Hospital",
        "official_name": "Alex Doe, MD",
        "phase": "PHASE2",
        "enrollment": 40,
        "start": "2014-01",
        "end": "2016-12",
    }
    defaults.update(kw)
    official = defaults.pop("official")
    return study(f"NCT9{number:07d}", brief, official, **defaults)


def _disease(name: str, *keywords: str) -> tuple[list[str], list[str]]:
    return ([name], list(keywords))


DECOYS = [
    # The same drug, another disease.
    _decoy(
        1,
        "Mexiletine for Muscle Cramps in Charcot-Marie-Tooth Disease",
        conditions=_disease("Charcot-Marie-Tooth Disease", "CMT", "muscle cramps"),
    ),
    _decoy(
        2,
        "Mexiletine in Non-Dystrophic Myotonia",
        conditions=_disease("Myotonia Congenita", "myotonia"),
    ),
    _decoy(
        3,
        "Safety and Tolerability of Mexiletine in Myotonic Dystrophy Type 1",
        conditions=_disease("Myotonic Dystrophy", "DM1"),
    ),
    _decoy(
        4,
        "Mexiletine for Painful Diabetic Neuropathy",
        conditions=_disease("Diabetic Neuropathy, Painful", "neuropathic pain"),
    ),
    _decoy(
        5,
        "Mexiletine for the Treatment of Muscle Cramps in Spinal and Bulbar Muscular Atrophy",
        conditions=_disease("Spinal and Bulbar Muscular Atrophy", "Kennedy disease", "cramps"),
        phase="PHASE2",
        enrollment=60,
    ),
    _decoy(6, "Mexiletine in Long QT Syndrome Type 3", conditions=_disease("Long QT Syndrome")),
    _decoy(
        7,
        "Mexiletine for Neuropathic Pain After Spinal Cord Injury",
        conditions=_disease("Spinal Cord Injuries", "neuropathic pain"),
    ),
    _decoy(
        8,
        "Mexiletine for Muscle Cramps in Cirrhosis",
        conditions=_disease("Liver Cirrhosis", "muscle cramps"),
        phase="PHASE4",
        enrollment=30,
    ),
    # Another drug, the same disease (ALS).
    _decoy(9, "Quinine Sulfate for the Treatment of Muscle Cramps in ALS", drug="Quinine"),
    _decoy(10, "Baclofen for Spasticity in ALS", drug="Baclofen"),
    _decoy(
        11,
        "Levetiracetam for the Treatment of Muscle Cramps in ALS",
        drug="Levetiracetam",
        phase="PHASE4",
        enrollment=30,
    ),
    _decoy(
        12,
        "Tetrahydrocannabinol for Cramps in ALS",
        drug="Tetrahydrocannabinol",
        others=["THC", "dronabinol"],
    ),
    _decoy(
        13,
        "A Safety and Tolerability Study of Ranolazine in Patients With ALS",
        drug="Ranolazine",
        collaborators=["Northeast ALS Consortium (NEALS)"],
        enrollment=60,
    ),
    _decoy(14, "Memantine in Sporadic ALS", drug="Memantine", phase="PHASE2", enrollment=60),
    _decoy(15, "Flecainide for Muscle Cramps in ALS", drug="Flecainide"),
    _decoy(
        16, "Edaravone in ALS: A Phase 3 Trial", drug="Edaravone", phase="PHASE3", enrollment=200
    ),
    # Mexiletine in ALS, another phase or another study.
    _decoy(
        17,
        "A Phase 3 Trial of Mexiletine for Disease Progression in ALS",
        phase="PHASE3",
        enrollment=300,
        start="2017-03",
        end="2020-06",
    ),
    _decoy(
        18,
        "Pharmacokinetics of Mexiletine in ALS (Phase 1)",
        phase="PHASE1",
        enrollment=12,
        start="2012-02",
        end="2012-12",
    ),
    _decoy(
        19,
        "Open-Label Extension of Mexiletine in ALS",
        phase="PHASE2",
        enrollment=20,
        start="2016-01",
        end="2017-12",
    ),
    _decoy(
        20,
        "Mexiletine for Cramps in ALS: A Phase 4 Study in Japan",
        phase="PHASE4",
        enrollment=90,
        start="2019-04",
        end="2021-03",
        sponsor="Constructed Medical Center",
    ),
    _decoy(
        21,
        "High-Dose Mexiletine for Fasciculations in ALS",
        phase="PHASE3",
        enrollment=120,
        start="2018-01",
        end="2019-12",
    ),
    _decoy(
        22,
        "Mexiletine and Riluzole Combination in Familial ALS",
        phase="PHASE1",
        enrollment=16,
        start="2020-01",
        end="2021-06",
    ),
]


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for record in [*TRIALS, *DECOYS]:
        nct = record["protocolSection"]["identificationModule"]["nctId"]
        text = json.dumps(record, indent=2, ensure_ascii=False) + "\n"
        (OUT / f"{nct}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
