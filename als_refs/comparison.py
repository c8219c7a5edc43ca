"""Comparing a cited field with a registered one, for every registry client and the checks.

Text is folded one way everywhere (:func:`fold`: lower case, accents and markup removed, ``&`` as
``and``, punctuation as spaces); titles, containers (with ISO 4 abbreviations), years (issued,
print and online), first pages or article numbers and first authors are compared here.
:mod:`als_refs.crossref.matching` (DOI search), :mod:`als_refs.crossref.compare` (a DOI's work
against the citation), :mod:`als_refs.clinicaltrials.matching` (trials), PubMed's agreement
checks and ``check``'s duplicate finder all use these functions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rapidfuzz import fuzz

from als_refs.crossref.mapping import plain
from als_refs.models import DateParts, Reference

_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str | None) -> str:
    """Lower case, accents removed, ``&`` as ``and``, punctuation as spaces."""
    if not text:
        return ""
    ascii_text = unicodedata.normalize("NFKD", plain(text)).encode("ascii", "ignore").decode()
    return " ".join(_WORD.findall(ascii_text.lower().replace("&", " and ")))


def title_similarity(cited: str | None, registered: str | None) -> float:
    """0..1: how alike two titles are, ignoring case, accents, markup and a missing subtitle."""
    a, b = fold(cited), fold(registered)
    if not a or not b:
        return 0.0
    whole = fuzz.ratio(a, b)
    shorter, longer = sorted((a, b), key=len)
    head = fuzz.ratio(shorter, longer[: len(shorter)]) if len(shorter) >= 20 else 0.0
    return max(whole, 0.97 * head, 0.95 * fuzz.token_sort_ratio(a, b)) / 100


TITLE_FORMATTING = 0.9
"""Title similarity from which two titles are the same title written differently."""
TITLE_WORDS_AGREE = 0.85
"""Share of content words (Dice) under which two titles that each have words of their own
name two different works (neighbouring titles share most words, so characters are no guide)."""
_SMALL_WORDS = frozenset(
    {"a", "an", "and", "the", "of", "in", "on", "for", "to", "with", "by", "at", "from", "or"}
    | {"as", "is", "are", "its", "vs", "versus"}
)


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _content_words(title: str | None) -> list[str]:
    return [_stem(w) for w in fold(title).split() if w not in _SMALL_WORDS]


def _expansions(words: Sequence[str], acronyms: set[str]) -> tuple[set[str], set[str]]:
    """The acronyms spelt out by a run of 2-5 ``words`` ('als' by 'amyotrophic lateral
    sclerosis'), and the words of those runs."""
    used: set[str] = set()
    found: set[str] = set()
    for n in range(2, 6):
        for i in range(len(words) - n + 1):
            run = words[i : i + n]
            initials = "".join(w[0] for w in run)
            if initials in acronyms:
                used.add(initials)
                found.update(run)
    return used, found


def _unmatched(mine: set[str], theirs: set[str]) -> set[str]:
    return {w for w in mine if all(fuzz.ratio(w, other) < 85 for other in theirs)}


def titles_contradict(cited: str | None, registered: str | None) -> bool:
    """Two titles of two works: each has content words the other lacks (beyond spelling,
    acronyms and a missing subtitle), and they share too few of their words."""
    if not cited or not registered:
        return False
    if title_similarity(cited, registered) >= TITLE_FORMATTING:
        return False
    a, b = _content_words(cited), _content_words(registered)
    if not a or not b:
        return False
    only_a, only_b = _unmatched(set(a), set(b)), _unmatched(set(b), set(a))
    short_a, short_b = {w for w in only_a if len(w) <= 5}, {w for w in only_b if len(w) <= 5}
    acronyms_a, expanded_b = _expansions(b, short_a)
    acronyms_b, expanded_a = _expansions(a, short_b)
    only_a -= expanded_a | acronyms_a
    only_b -= expanded_b | acronyms_b
    if not only_a or not only_b:
        # One title holds the other: a missing subtitle, unless the extra words are spread
        # through the longer title ("Prevalence and characteristics of pain in early ...").
        extra = only_a or only_b
        longer = a if only_a else b
        kept = [w for w in longer if w not in extra]
        return len(extra) >= 3 and longer[: len(kept)] != kept
    if len(only_a) + len(only_b) < 3:
        return False
    kept_a, kept_b = set(a) - expanded_a, set(b) - expanded_b
    shared = len(kept_a) - len(only_a & kept_a)
    dice = 2 * shared / (len(kept_a) + len(kept_b))
    return dice < TITLE_WORDS_AGREE


def _words(text: str) -> list[str]:
    return [w for w in fold(text).split() if w not in ("of", "and", "the", "for", "in", "on")]


def is_abbreviation(short: str, full: str) -> bool:
    """``Eur J Neurol`` abbreviates ``European Journal of Neurology``: word for word, each word a
    prefix of the full one (small words such as "of" and "and" are dropped, as ISO 4 does)."""
    a, b = _words(short), _words(full)
    return bool(a) and len(a) == len(b) and all(y.startswith(x) for x, y in zip(a, b, strict=True))


def container_agreement(cited: str | None, registered: Reference) -> float:
    """1 for the same container or an abbreviation of it, 0.8 for a near-identical name."""
    if not cited:
        return 0.0
    names = [n for n in (registered.container_title, registered.container_title_short) if n]
    best = 0.0
    for name in names:
        if (
            fold(cited) == fold(name)
            or is_abbreviation(cited, name)
            or is_abbreviation(name, cited)
        ):
            return 1.0
        if fuzz.token_sort_ratio(fold(cited), fold(name)) >= 90:
            best = 0.8
    return best


def registered_years(registered: Reference) -> set[int]:
    """Every year the work can be cited with: issued, print and online."""
    dates: list[DateParts | None] = [
        registered.issued,
        registered.published_print,
        registered.published_online,
    ]
    return {d.year for d in dates if d is not None and d.year is not None}


def year_agreement(cited: int | None, registered: Reference) -> float:
    years = registered_years(registered)
    if cited is None or not years:
        return 0.0
    if cited in years:
        return 1.0
    return 0.8 if min(abs(cited - y) for y in years) <= 1 else 0.0


def first_page(reference: Reference) -> str | None:
    """The first page (``551`` of ``551-555``) or, failing that, the article number."""
    if reference.page:
        return re.split(r"[-–—,]", reference.page.strip())[0].strip().lower().lstrip("e") or None
    if reference.number:
        return reference.number.strip().lower().lstrip("e")
    return None


def family(reference: Reference) -> str | None:
    if not reference.author:
        return None
    first = reference.author[0]
    return fold(first.family or first.literal)
