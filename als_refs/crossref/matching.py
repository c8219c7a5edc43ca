"""Matching a reference without a DOI to a registered work, only when certain.

Modelled on Crossref's search-based matching with validation: the candidates come from a
``query.bibliographic`` search, then each is validated field by field against the cited
reference (first author's family name, title similarity, year within one for online-first
versus print, volume, issue, first page or article number, container including abbreviations).
A candidate is accepted only when its validation score clears :data:`THRESHOLD` *and* beats the
runner-up by :data:`MARGIN`; otherwise there is no confident match, and every candidate with its
score is kept for the report.

Prose candidates ("published in the journal Neurology in 2016") carry weaker evidence: container,
year and topic words. They must match container and year, and the topic words decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from als_refs.comparison import (
    container_agreement,
    family,
    first_page,
    fold,
    registered_years,
    title_similarity,
    titles_contradict,
    year_agreement,
)
from als_refs.crossref.mapping import notices, plain, trim_work, work_to_reference
from als_refs.errors import InputError
from als_refs.models import Reference

THRESHOLD = 0.75
"""Lowest validation score accepted (calibrated in tests/crossref/test_matching.py)."""
MARGIN = 0.15
"""How far ahead of the runner-up an accepted candidate must be."""
CANDIDATE_THRESHOLD = 0.8
"""Prose candidates: container and year must match, topic words give the rest."""

WEIGHTS = {
    "author": 2.0,
    "title": 3.0,
    "year": 1.5,
    "volume": 1.0,
    "issue": 0.5,
    "page": 1.0,
    "container": 1.0,
}
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "in",
        "on",
        "for",
        "to",
        "with",
        "by",
        "at",
        "from",
        "or",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "our",
        "it",
        "they",
        "we",
        "journal",
        "published",
        "recent",
        "recently",
        "suggest",
        "suggests",
        "may",
        "also",
        "can",
        "could",
        "which",
        "who",
        "has",
        "have",
        "had",
        "not",
        "but",
        "than",
        "then",
        "there",
        "into",
        "about",
    ]
)


@dataclass(frozen=True)
class FieldCheck:
    field: str
    cited: str
    registered: str
    agreement: float


@dataclass(frozen=True)
class Candidate:
    doi: str
    score: float
    crossref_score: float
    checks: tuple[FieldCheck, ...]
    work: dict[str, Any] = field(repr=False, compare=False)
    veto: str | None = None
    """Why this candidate cannot be the cited work, whatever its score."""

    def evidence(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "doi": self.doi,
            "score": round(self.score, 3),
            "crossref-score": self.crossref_score,
            "checks": {c.field: round(c.agreement, 3) for c in self.checks},
        }
        if self.veto:
            data["veto"] = self.veto
        return data


@dataclass(frozen=True)
class MatchResult:
    accepted: Candidate | None
    candidates: tuple[Candidate, ...]
    reason: str
    method: str = "search"


def _check(name: str, cited: Any, registered: Any, agreement: float) -> FieldCheck:
    return FieldCheck(name, str(cited or ""), str(registered or ""), agreement)


def validate(cited: Reference, registered: Reference) -> tuple[float, tuple[FieldCheck, ...]]:
    """Field-by-field agreement of a cited reference with a registered work: score 0..1."""
    checks: list[FieldCheck] = []
    if cited.author:
        same = family(cited) == family(registered) and bool(family(cited))
        near = fuzz.ratio(family(cited) or "", family(registered) or "") >= 85
        checks.append(
            _check("author", family(cited), family(registered), 1.0 if same else 0.7 * near)
        )
    if cited.title:
        similarity = title_similarity(cited.title, registered.title)
        checks.append(
            _check("title", cited.title, registered.title, max(0.0, (similarity - 0.5) / 0.45))
        )
    if cited.year is not None:
        checks.append(
            _check("year", cited.year, registered.year, year_agreement(cited.year, registered))
        )
    for name in ("volume", "issue"):
        value = getattr(cited, name)
        if value:
            other = getattr(registered, name)
            checks.append(_check(name, value, other, float(fold(value) == fold(other))))
    if first_page(cited):
        pages = {first_page(registered), fold(registered.number) or None}
        checks.append(
            _check(
                "page", first_page(cited), first_page(registered), float(first_page(cited) in pages)
            )
        )
    if cited.container_title:
        checks.append(
            _check(
                "container",
                cited.container_title,
                registered.container_title,
                container_agreement(cited.container_title, registered),
            )
        )
    weight = sum(WEIGHTS[c.field] for c in checks)
    if weight == 0:
        return 0.0, tuple(checks)
    score = sum(WEIGHTS[c.field] * min(max(c.agreement, 0.0), 1.0) for c in checks) / weight
    return min(score, 1.0), tuple(checks)


_NOTICE_TITLE = re.compile(
    r"^(?:erratum|errata|corrigendum|correction|retraction|retracted|expression of concern|"
    r"notice of retraction|addendum|reply|response|comment on|in reply)\b",
    re.IGNORECASE,
)
_ABSTRACT_PAGE = re.compile(r"^(?!e\d)[a-z]{1,3}\d", re.IGNORECASE)
"""An abstract number as a page (P123, S45, AB12); not an eLocator (e0033693)."""
_SUPPLEMENT = re.compile(r"supp|abstract|meeting|congress|symposium", re.IGNORECASE)


def _is_supplement(reference: Reference) -> bool:
    return bool(reference.issue and _SUPPLEMENT.search(reference.issue)) or bool(
        reference.volume and _SUPPLEMENT.search(reference.volume)
    )


def _is_meeting_abstract(cited: Reference, registered: Reference, work: dict[str, Any]) -> bool:
    """A conference abstract: in a supplement or abstract book, or a lettered abstract number
    (P123, S45) where the cited work is a regular article."""
    if _is_supplement(cited) or cited.type == "paper-conference":
        return False
    if _is_supplement(registered) or work.get("type") == "proceedings-article":
        return True
    page, cited_page = (registered.page or "").strip(), (cited.page or "").strip()
    return bool(_ABSTRACT_PAGE.match(page)) and not _ABSTRACT_PAGE.match(cited_page)


def _first_author_contradicts(cited: Reference, registered: Reference) -> bool:
    if not cited.author or not registered.author or cited.author[0].literal:
        return False
    mine = family(cited) or ""
    return all(fuzz.ratio(mine, fold(n.family or n.literal)) < 85 for n in registered.author)


def veto(cited: Reference, registered: Reference, work: dict[str, Any]) -> str | None:
    """A reason the candidate is not the cited work, however well it scores: contradicting
    volume, issue or first page, a year off by more than one, a notice (erratum, retraction),
    a preprint or a meeting abstract when the text cites an article."""
    for name in ("volume", "issue"):
        mine, theirs = getattr(cited, name), getattr(registered, name)
        if mine and theirs and fold(mine) != fold(theirs):
            return f"{name} cited {mine!r}, registered {theirs!r}"
    mine_page = first_page(cited)
    theirs_pages = {first_page(registered), fold(registered.number) or None} - {None}
    if mine_page and theirs_pages and mine_page not in theirs_pages:
        registered_page = registered.page or registered.number
        return f"first page cited {mine_page!r}, registered {registered_page!r}"
    if titles_contradict(cited.title, registered.title):
        return "the titles name two different works"
    if _first_author_contradicts(cited, registered):
        return f"first author cited {family(cited)!r}, registered {family(registered)!r}"
    years = registered_years(registered)
    if cited.year is not None and years and min(abs(cited.year - y) for y in years) > 1:
        return f"year cited {cited.year}, registered {registered.year}"
    is_notice = any(n.direction == "update-to" for n in notices(work))
    if is_notice or _NOTICE_TITLE.match(plain(registered.title)):
        return "an update notice (erratum, correction, retraction), not the work"
    if work.get("type") == "posted-content" and cited.type != "article":
        return "a preprint, where the text cites a published work"
    if _is_meeting_abstract(cited, registered, work):
        return "a meeting abstract, where the text cites an article"
    return None


def topic_words(reference: Reference) -> set[str]:
    """Content words of what a prose citation says about the work (title, note, the sentence)."""
    texts = [reference.title, reference.note, reference.abstract]
    first = reference.provenance.first
    if first is not None:
        texts.append(first.raw)
    words = {w.rstrip("s") for t in texts if t for w in fold(t).split()}
    years = {str(reference.year)} if reference.year else set()
    container = {w.rstrip("s") for w in fold(reference.container_title).split()}
    content = {w for w in words if len(w) > 1 and not w.isdigit() and w not in _STOPWORDS}
    return content - years - container


def validate_candidate(
    cited: Reference, registered: Reference
) -> tuple[float, tuple[FieldCheck, ...]]:
    """Prose candidates: container and year must agree; the topic words weigh the rest."""
    container = container_agreement(cited.container_title, registered)
    year = year_agreement(cited.year, registered)
    topic = topic_words(cited)
    title_words = {w.rstrip("s") for w in fold(registered.title).split()}
    coverage = len(topic & title_words) / min(len(topic), 4) if topic else 0.0
    checks = (
        _check("container", cited.container_title, registered.container_title, container),
        _check("year", cited.year, registered.year, year),
        _check("topic", " ".join(sorted(topic)), registered.title, min(coverage, 1.0)),
    )
    if container < 1.0 or year < 1.0:
        return 0.0, checks
    return 0.5 + 0.5 * min(coverage, 1.0), checks


def query_text(reference: Reference) -> str:
    """The reference written out for ``query.bibliographic``."""
    if reference.provenance.candidate:
        parts = [reference.container_title, str(reference.year or "")]
        parts.extend(sorted(topic_words(reference)))
        return " ".join(p for p in parts if p)
    first = reference.provenance.first
    if first is not None and first.raw and not first.raw.isspace():
        return first.raw
    authors = ", ".join(n.display() for n in reference.author[:3])
    parts = [
        authors,
        f"({reference.year})" if reference.year else "",
        plain(reference.title),
        reference.container_title or "",
        reference.volume or "",
        f"({reference.issue})" if reference.issue else "",
        reference.page or reference.number or "",
    ]
    return " ".join(p for p in parts if p)


def choose(cited: Reference, items: list[dict[str, Any]]) -> MatchResult:
    """Validate every search result and accept the best one only if it is certain."""
    candidates: list[Candidate] = []
    weak = cited.provenance.candidate
    for item in items:
        try:
            registered = work_to_reference(item)
        except InputError:
            continue
        scorer = validate_candidate if weak else validate
        score, checks = scorer(cited, registered)
        reason = veto(cited, registered, item)
        raw_score = item.get("score")
        candidates.append(
            Candidate(
                doi=str(item["DOI"]).lower(),
                score=score,
                crossref_score=float(raw_score) if isinstance(raw_score, int | float) else 0.0,
                checks=checks,
                work=trim_work(item),
                veto=reason,
            )
        )
    candidates.sort(key=lambda c: (c.veto is not None, -c.score, c.doi))
    ranked = tuple(candidates)
    if not ranked:
        return MatchResult(None, ranked, "no candidates")
    eligible = [c for c in ranked if c.veto is None]
    if not eligible:
        return MatchResult(None, ranked, f"every candidate vetoed; the first: {ranked[0].veto}")
    best = eligible[0]
    runner_up = eligible[1].score if len(eligible) > 1 else 0.0
    threshold = CANDIDATE_THRESHOLD if weak else THRESHOLD
    if best.score < threshold:
        return MatchResult(None, ranked, f"best score {best.score:.2f} below {threshold}")
    if best.score - runner_up < MARGIN:
        return MatchResult(
            None, ranked, f"best score {best.score:.2f} too close to runner-up {runner_up:.2f}"
        )
    if not weak and cited.title and _check_of(best, "title") < 0.6:
        return MatchResult(None, ranked, "titles differ too much")
    return MatchResult(best, ranked, "accepted")


def _check_of(candidate: Candidate, name: str) -> float:
    return next((c.agreement for c in candidate.checks if c.field == name), 0.0)
