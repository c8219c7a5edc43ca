"""Match a trial listing or a sentence about a trial to one registered study, or abstain.

Evidence is read from the study (its intervention names, conditions and keywords, sponsors and
investigators, phase, enrollment, dates) and looked for in the cited text, so no list of drugs
or diseases is built in. A study is accepted only when the text names one of its interventions
*and* one of its conditions, nothing the text states contradicts it (another phase, an enrollment
far from the registered one, a year outside the study's years), and a third, independent piece
of evidence agrees: the title (for a listing), or a sponsor or investigator, or phase and
enrollment together. Two studies passing is ambiguity: no match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from als_refs.clinicaltrials.mapping import Study
from als_refs.comparison import fold

_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
_PHASE = re.compile(r"\bphase\s+(iv|iii|ii|i|[1-4])\b")
_COUNT = re.compile(r"\b(\d{2,5})\s*[- ]?\s*(?:patients?|participants?|subjects?|people|persons)\b")
_YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")
TITLE_THRESHOLD = 0.9
_GENERIC = frozenset({"placebo", "sham", "control", "standard of care", "drug", "other"})


@dataclass(frozen=True)
class TrialEvidence:
    study: Study
    intervention: str | None
    condition: str | None
    title: float
    sponsor: str | None
    phase_and_size: bool
    contradictions: tuple[str, ...]

    @property
    def accepted(self) -> bool:
        third = self.title >= TITLE_THRESHOLD or self.sponsor is not None or self.phase_and_size
        return bool(self.intervention and self.condition and third and not self.contradictions)


@dataclass(frozen=True)
class TrialMatch:
    accepted: TrialEvidence | None
    candidates: tuple[TrialEvidence, ...]
    reason: str


def _mentions(text: str, phrase: str) -> bool:
    folded = fold(phrase)
    return bool(folded) and re.search(rf"\b{re.escape(folded)}\b", text) is not None


def _first_mentioned(text: str, phrases: tuple[str, ...]) -> str | None:
    return next((p for p in phrases if fold(p) not in _GENERIC and _mentions(text, p)), None)


def _acronyms(names: tuple[str, ...]) -> tuple[str, ...]:
    """``Northeast ALS Consortium (NEALS)`` -> also ``NEALS``; a name's family part too."""
    found: list[str] = []
    for name in names:
        found.append(name)
        found += re.findall(r"\(([A-Za-z][A-Za-z0-9-]{1,15})\)", name)
        plain = re.sub(r",.*$", "", name)  # "Michael Weiss, MD" -> "Michael Weiss"
        words = plain.split()
        if len(words) >= 2 and words[-1][:1].isupper():
            found.append(words[-1])
    return tuple(found)


def _condition_acronyms(study: Study) -> tuple[str, ...]:
    """Keywords that are abbreviations (``ALS``, ``DM1``): the names texts use for a disease;
    other keywords name symptoms or methods, which many studies share."""
    return tuple(k for k in study.keywords if re.fullmatch(r"[A-Z][A-Z0-9-]{1,7}", k))


def _contradictions(text: str, study: Study) -> list[str]:
    problems: list[str] = []
    phases = {_ROMAN.get(p, p) for p in _PHASE.findall(text)}
    if phases and study.phases and not phases & set(study.phases):
        problems.append(
            f"phase {'/'.join(sorted(phases))} cited, {'/'.join(study.phases)} registered"
        )
    counts = [int(c) for c in _COUNT.findall(text)]
    if counts and study.enrollment and not any(_near(c, study.enrollment) for c in counts):
        problems.append(f"{counts[0]} participants cited, {study.enrollment} registered")
    years = [int(y) for y in _YEAR.findall(text)]
    if years and study.start_year and any(not _within(y, study) for y in years):
        problems.append(f"year {years[0]} outside the study's {study.start_year}-{study.end_year}")
    return problems


def _near(cited: int, registered: int) -> bool:
    return abs(cited - registered) <= max(2, 0.25 * registered)


def _within(year: int, study: Study) -> bool:
    start = study.start_year or year
    end = (study.end_year or start) + 5  # results are published years after the trial
    return start - 2 <= year <= end


def evidence(text: str, study: Study, *, title: str | None = None) -> TrialEvidence:
    folded = fold(text)
    title_score = max(
        (fuzz.token_sort_ratio(fold(title), fold(t)) / 100 for t in study.titles if title),
        default=0.0,
    )
    phases = {_ROMAN.get(p, p) for p in _PHASE.findall(folded)}
    counts = [int(c) for c in _COUNT.findall(folded)]
    sized = bool(
        phases & set(study.phases)
        and study.enrollment
        and any(_near(c, study.enrollment) for c in counts)
    )
    return TrialEvidence(
        study=study,
        intervention=_first_mentioned(folded, study.interventions),
        condition=_first_mentioned(folded, (*study.conditions, *_condition_acronyms(study))),
        title=title_score,
        sponsor=_first_mentioned(folded, _acronyms((*study.sponsors, *study.officials))),
        phase_and_size=sized,
        contradictions=tuple(_contradictions(folded, study)),
    )


def choose_trial(text: str, studies: list[Study], *, title: str | None = None) -> TrialMatch:
    """The one study the text certainly means, or none (with the reason)."""
    scored = [evidence(text, s, title=title) for s in studies]
    passing = [e for e in scored if e.accepted]
    ranked = tuple(sorted(scored, key=lambda e: (-e.accepted, -e.title, e.study.nct_id)))
    if len(passing) == 1:
        return TrialMatch(passing[0], ranked, "certain")
    if passing:
        ids = ", ".join(e.study.nct_id for e in passing)
        return TrialMatch(None, ranked, f"ambiguous: {ids} all agree")
    return TrialMatch(None, ranked, "no registered study agrees on drug, disease and a third fact")
