"""Citations that are not reference-list entries: trial listings and works named in prose.

Design choices (other parts of the project rely on them):

* A **trial** record is CSL type ``report`` with ``genre = "Clinical trial registration"``: the
  listing names a registered study, which CSL has no type for; ``report`` is what Zotero and
  citeproc use for registry entries. ``trial_ids`` holds the NCT numbers; ``publisher`` holds
  the registry only when the text names one (ClinicalTrials.gov, ISRCTN, EudraCT...): link
  labels such as "Contact | ALS TDI | Website" are navigation, not a sponsor, and are dropped.
* A **prose** candidate has ``provenance.candidate = True`` and a low confidence. What the
  sentence says goes in the fields that hold it (``container_title``, ``issued``); the topic words
  of the sentence go in ``note``, which is never a claim about the title: Crossref resolution
  builds ``query.bibliographic`` for a candidate from ``note`` + container + year.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from als_refs.models import DateParts, Issue, Location, ParseResult, Provenance, Reference
from als_refs.parsing.cleaning import clean, normalise_text

TRIAL_GENRE = "Clinical trial registration"
PROSE_CONFIDENCE = 0.3

_REGISTRIES = re.compile(
    r"\b(ClinicalTrials\.gov|ISRCTN(?: registry)?|EudraCT|EU Clinical Trials Register|ANZCTR|"
    r"WHO ICTRP|UMIN-CTR|ChiCTR|CTRI|DRKS)\b",
    re.IGNORECASE,
)
_NAV = re.compile(
    r"\s*\bContact\s*\|[^|\n]{0,60}\|\s*Website\b.*$|\s*(?:\|\s*)?\bWebsite\s*$", re.I
)
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_TRIGGER = re.compile(
    r"\b(?:published|reported|appeared|appearing|described|presented|printed|reviewed)"
    r"(?:\s(?:online|recently|last year))?\sin\b|\bin the journals?\b",
    re.IGNORECASE,
)
_CONTAINER = r"[A-Z][\w'’&.-]*(?:\s(?:(?:and|of|&|for|the|in|de)\s)?[A-Z][\w'’&.-]*){0,7}"
_VENUE_YEAR = re.compile(
    rf"\s?,?\s?(?:and\s|&\s)?(?:in\s)?(?:the\s)?(?:journals?\s)?(?P<container>{_CONTAINER})"
    rf"(?:\s(?:in|on)\s(?:(?:early|late|mid)-?\s?)?(?P<year>{_YEAR})|\s?\((?P<pyear>{_YEAR})\))"
)
_TRIAL_MENTION = re.compile(
    r"(?P<text>\b(?:[Aa]n?|[Tt]he)\s(?:[\w,’'-]+\s){0,10}?[Pp]hase\s(?:[IV]{1,3}|[1-4])[ab]?\b"
    r"[^.;]{0,160}?\b(?:trial|study)\s(?:of|on|with|for|to)\s[^.;]{3,160}?)"
    r"(?=\s(?:was|is|were|has|had|will|showed|shows|found|demonstrated)\b|[.;]|$)"
)
_SPONSOR = re.compile(r"\b([A-Z][A-Za-z0-9&]{1,20})-(?:sponsored|funded|led)\b")
_PHASE = re.compile(r"\b[Pp]hase\s([IV]{1,3}|[1-4])([ab]?)\b")
_NCT = re.compile(r"\bNCT\s?\d{8}\b")
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "there",
        "here",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "also",
        "may",
        "might",
        "can",
        "could",
        "should",
        "would",
        "will",
        "shall",
        "must",
        "do",
        "does",
        "did",
        "not",
        "no",
        "nor",
        "but",
        "if",
        "than",
        "then",
        "so",
        "such",
        "into",
        "about",
        "over",
        "under",
        "after",
        "before",
        "between",
        "during",
        "through",
        "recent",
        "recently",
        "published",
        "journal",
        "journals",
        "suggest",
        "suggests",
        "suggested",
        "show",
        "shows",
        "showed",
        "found",
        "find",
        "finds",
        "reported",
        "report",
        "appeared",
        "appear",
        "described",
        "presented",
        "printed",
        "online",
        "year",
        "years",
        "one",
        "two",
        "three",
        "more",
        "most",
        "less",
        "very",
        "much",
        "many",
        "some",
        "any",
        "each",
        "other",
        "both",
        "all",
        "have",
        "has",
        "had",
        "new",
        "effective",
        "effect",
        "effects",
        "reducing",
        "reduce",
        "including",
        "include",
        "includes",
        "based",
        "use",
        "used",
        "using",
        "well",
    ]
)


@dataclass(frozen=True)
class ProseMention:
    """One work a sentence refers to: where it is in the sentence and what is said about it."""

    start: int
    end: int
    container: str | None
    year: int | None
    keywords: str
    trial: bool = False
    sponsor: str | None = None
    phase: str | None = None


def parse_trial(
    text: str, *, location: Location | None = None, id: str | None = None
) -> ParseResult:
    """A trial listing ("Title.  Contact | ... | Website", "... NCT01234567") -> report record."""
    cleaned = clean(text)
    nav_free = _NAV.sub("", normalise_text(text))
    title = clean(nav_free).text.strip(" .|")
    registry = _REGISTRIES.search(text)
    values: dict[str, object] = {"type": "report", "genre": TRIAL_GENRE}
    if title:
        values["title"] = title
    if cleaned.trial_ids:
        values["trial_ids"] = tuple(dict.fromkeys(cleaned.trial_ids))
    if registry:
        values["publisher"] = registry.group(1)
    if cleaned.url:
        values["url"] = cleaned.url
    issues: list[Issue] = []
    if not title:
        issues.append(_warning("no-title", "no trial title found", location, "title"))
    if not cleaned.trial_ids:
        issues.append(
            _warning("no-trial-id", "no registration number (NCT...) given", location, "trial-ids")
        )
    fields = [k if k != "trial_ids" else "trial-ids" for k in values if k != "type"]
    provenance = Provenance(
        locations=_locations(location, text),
        fields=dict.fromkeys(fields, "document"),
        confidence=0.9 if cleaned.trial_ids else (0.7 if title else 0.1),
    )
    reference = Reference(id=id or _make_id(text), provenance=provenance, **values)
    return ParseResult(reference=reference, issues=tuple(issues))


def find_prose_mentions(sentence: str) -> list[ProseMention]:
    """Works a sentence cites without a reference: "published in Neurology in 2016", trials."""
    mentions: list[ProseMention] = []
    venues = [m for t in _TRIGGER.finditer(sentence) for m in _venues_after(sentence, t.end())]
    named = {w for m in venues for w in m.group("container").split()}
    keywords = " ".join(w for w in topic_words(sentence).split() if w not in named)
    for trigger in _TRIGGER.finditer(sentence):
        pos = trigger.end()
        while True:
            match = _VENUE_YEAR.match(sentence, pos)
            if match is None:
                break
            year = match.group("year") or match.group("pyear")
            container = match.group("container").strip()
            mentions.append(
                ProseMention(match.start("container"), match.end(), container, int(year), keywords)
            )
            pos = match.end()
    for trial in _TRIAL_MENTION.finditer(sentence):
        if any(m.start <= trial.start() < m.end for m in mentions):
            continue
        text = trial.group("text")
        sponsor = _SPONSOR.search(text)
        phase = _PHASE.search(text)
        mentions.append(
            ProseMention(
                trial.start(),
                trial.end(),
                None,
                None,
                topic_words(text),
                trial=True,
                sponsor=sponsor.group(1) if sponsor else None,
                phase=(phase.group(1) + phase.group(2)) if phase else None,
            )
        )
    return mentions


def _venues_after(sentence: str, pos: int) -> list[re.Match[str]]:
    found = []
    while (match := _VENUE_YEAR.match(sentence, pos)) is not None:
        found.append(match)
        pos = match.end()
    return found


def topic_words(sentence: str) -> str:
    """Content words of a sentence, in order, without repeats: the subject for a search."""
    words: dict[str, None] = {}
    for word in re.findall(r"[A-Za-zÀ-ÿ][\w’'-]*", sentence):
        if word.lower() in _STOPWORDS or (len(word) < 3 and not word.isupper()):
            continue
        words.setdefault(word, None)
    return " ".join(words)


def parse_prose(
    text: str,
    *,
    location: Location | None = None,
    id: str | None = None,
    mention: int | None = None,
) -> ParseResult:
    """A work the sentence cites (the first, or the ``mention``-th when it names several), as a
    low-confidence candidate (see module docstring)."""
    mentions = find_prose_mentions(normalise_text(text))
    if not mentions:
        reference = Reference(
            id=id or _make_id(text),
            type="article-journal",
            note=topic_words(text) or None,
            provenance=Provenance(
                locations=_locations(location, text), confidence=0.05, candidate=True
            ),
        )
        issue = _warning("no-citation", "no cited work found in the sentence", location)
        return ParseResult(reference=reference, issues=(issue,))
    if mention is not None and not 0 <= mention < len(mentions):
        issue = _warning(
            "no-such-mention",
            f"the sentence names {len(mentions)} work(s), not a work number {mention + 1}",
            location,
        )
        return ParseResult(reference=None, issues=(issue,))
    return prose_result(mentions[mention or 0], text, location=location, id=id)


def prose_result(
    mention: ProseMention, text: str, *, location: Location | None = None, id: str | None = None
) -> ParseResult:
    values: dict[str, object] = {"type": "article-journal"}
    if mention.trial:
        values["genre"] = (
            f"Phase {mention.phase} clinical trial" if mention.phase else "Clinical trial"
        )
    if mention.container:
        values["container_title"] = mention.container
    if mention.year is not None:
        values["issued"] = DateParts.from_ymd(mention.year)
    note = mention.keywords
    if mention.sponsor and mention.sponsor not in note.split():
        note = f"{mention.sponsor} {note}"
    if note:
        values["note"] = note
    trial_ids = tuple(dict.fromkeys(m.replace(" ", "") for m in _NCT.findall(text)))
    if trial_ids:
        values["trial_ids"] = trial_ids
    fields = [k for k in values if k != "type"]
    names = {"container_title": "container-title", "trial_ids": "trial-ids"}
    provenance = Provenance(
        locations=_locations(location, text),
        fields=dict.fromkeys((names.get(k, k) for k in fields), "document"),
        confidence=PROSE_CONFIDENCE if mention.container else PROSE_CONFIDENCE - 0.1,
        candidate=True,
    )
    reference = Reference(
        id=id or _make_id(f"{text}|{mention.start}"), provenance=provenance, **values
    )
    issue = Issue(
        severity="info",
        code="prose-candidate",
        message="a work named in prose: a candidate to resolve, not a verified reference",
        source=location.document if location else None,
        line=location.line if location else None,
    )
    return ParseResult(reference=reference, issues=(issue,))


def _warning(code: str, message: str, location: Location | None, field: str | None = None) -> Issue:
    return Issue(
        severity="warning",
        code=code,
        message=message,
        source=location.document if location else None,
        line=location.line if location else None,
        field=field,
    )


def _locations(location: Location | None, text: str) -> tuple[Location, ...]:
    if location is None:
        return ()
    return (location if location.raw is not None else location.model_copy(update={"raw": text}),)


def _make_id(text: str) -> str:
    return "ref-" + hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:10]
