"""Where the title ends, for the rule parser: a quoted title, comma-separated styles, a
journal with no title, sentence boundaries, and a journal written after the title without a
stop; what follows goes to the container and the numbers."""

from __future__ import annotations

import re

from als_refs.parsing.names import looks_like_names, scan_authors, split_name_list
from als_refs.parsing.parsed import Parsed
from als_refs.parsing.structure_dates import (
    YEAR,
    YEAR_BETWEEN,
    without_prefix_year,
    year_after_title,
)
from als_refs.parsing.structure_imprint import (
    ORDINAL_EDITION_BEFORE,
    container_and_tail,
    paren_publisher,
    title_without_edition,
)
from als_refs.parsing.structure_numbers import NUMBER_TOKEN, parse_tail, tail_start
from als_refs.parsing.structure_words import (
    BOUNDARY,
    CITIES,
    CITY_LIST,
    JOURNAL_WORDS,
    NOT_SENTENCE_END,
    PUBLISHER_WORDS,
    ends_with_place,
    looks_like_journal,
)

# A quoted title: each kind of quote closes with its own partner, and what follows the closing
# quote is punctuation, the end, or a capitalised word (not "“Bad Future Things” and ...").
_AFTER_QUOTE = r"(?:(?<=[,.][”\"»’])|(?=\s?[.,:;]|\s*$|\s?[A-Z0-9(\[]))\s?[.,:;]?\s?"
_QUOTED = re.compile(
    r"\s?(?:“(?P<curly>[^“”]{2,500}?)”|\"(?P<straight>[^\"]{2,500}?)\""
    r"|«\s?(?P<guillemet>[^«»]{2,500}?)\s?»|„(?P<low>[^„“”]{2,500}?)[“”]"
    r"|‘(?P<single_curly>(?:[^‘’]|’(?=[A-Za-z]))+?)’(?![A-Za-z]))"
    + _AFTER_QUOTE
    + r"|(?:(?<=^)|(?<=,\s)|(?<=,))'(?P<single>[^']{2,500}?)[,.]?'(?=[\s,.;:]|$)\s?[.,:;]?\s?"
)
_QUOTE_GROUPS = ("curly", "straight", "guillemet", "low", "single_curly", "single")
_RUNNING_WORD = re.compile(r"[a-z]{4,}")


def split_body(body: str, result: Parsed, comma_style: bool = False) -> None:
    """The text after names and date: the title, then what follows it (container and numbers)."""
    if not body:
        return
    quoted = _QUOTED.match(body) or _QUOTED.search(body, 0, 400)
    if quoted and (quoted.start() == 0 or _only_names(body[: quoted.start()], result)):
        title = next((quoted.group(g) for g in _QUOTE_GROUPS if quoted.group(g)), "")
        result.title = title.strip(" ,.")
        container_and_tail(body[quoted.end() :], result)
        return
    tail0 = tail_start(body, 0)
    head0 = body[:tail0].strip(" ,.;:")
    if head0 and tail0 < len(body) and journal_only(head0, body[tail0:]):
        result.container = head0
        parse_tail(body[tail0:], result)
        return
    if paren_publisher(body, result):
        return
    if comma_style and _comma_split(body[:tail0], body[tail0:], result):
        return
    title_end = _title_end(body)
    if title_end is None:
        _no_sentence_boundary(body, tail0, result)
        return
    end, resume = title_end
    result.title = title_without_edition(body[:end].strip(" ,;:"), result)
    container_and_tail(body[resume:], result)


_COMMA = re.compile(r",\s?(?![^()]*\))")
_IN_ANYWHERE = re.compile(r"(?:^|[.,])\s?(?:In|in)\s?:?\s[A-Z]")


def _comma_split(head: str, tail: str, result: Parsed) -> bool:
    """Comma-separated styles: "A. Author, Title of the work, J. Abbrev. 12, 34 (2001)"."""
    head = head.strip(" ,.;:")
    if _IN_ANYWHERE.search(head):
        return False
    pieces = [p.strip(" .") for p in _COMMA.split(head) if p.strip(" .")]
    if len(pieces) < 2:
        return False
    if all(c in CITIES for c in CITY_LIST.split(pieces[-1])):
        # "Poetry as Performance: Homer and Beyond, Cambridge 1996": a book and its place
        result.place = pieces[-1]
        result.title = ", ".join(pieces[:-1])
        parse_tail(tail, result)
        return True
    publisher_at = next(
        (i for i, p in enumerate(pieces) if i > 0 and PUBLISHER_WORDS.search(p)), None
    )
    if publisher_at is None and len(pieces) >= 3 and pieces[-2] in CITIES:
        # "Les relations ..., Paris, Les Indes Savantes, 2001": place, then publisher
        result.place, result.publisher = pieces[-2], pieces[-1]
        result.title = ", ".join(pieces[:-2])
        parse_tail(tail, result)
        return True
    if publisher_at is not None:
        result.publisher = pieces[publisher_at]
        if publisher_at + 1 < len(pieces):
            result.place = ", ".join(pieces[publisher_at + 1 :])
        pieces = pieces[:publisher_at]
        result.title = ", ".join(pieces)
        parse_tail(tail, result)
        return bool(pieces)
    last = pieces[-1]
    sentence = next(
        (
            m
            for m in BOUNDARY.finditer(last)
            if _is_sentence_end(last, m) and _full_word_before(last, m.start())
        ),
        None,
    )
    if sentence and (not looks_like_journal(last) or ends_with_place(last[: sentence.start()])):
        # "..., Quebec, Canada. Meteoritics": the journal is after the last full stop
        # (but "..., Cosmet. Toilet. 118" is one abbreviated name)
        pieces[-1:] = [last[: sentence.start()], last[sentence.end() :]]
        last = pieces[-1]
    words = last.split()
    if not (
        looks_like_journal(last)
        or JOURNAL_WORDS.search(last)
        or (len(words) <= 6 and all(w[:1].isupper() or w in _SMALL_WORDS for w in words))
    ):
        return False
    result.title, result.container = ", ".join(pieces[:-1]), last
    parse_tail(tail, result)
    return True


def _full_word_before(text: str, end: int) -> bool:
    word = text[:end].rsplit(" ", 1)[-1]
    return word.islower() or (len(word) >= 6 and word.isalpha())


_SMALL_WORDS = frozenset({"of", "and", "&", "the", "in", "for", "on", "de", "des", "der", "und"})


def journal_only(head: str, tail: str) -> bool:
    """No title: "J. Mol. Spectrosc. 33, 84 (1970)", "Tetrahedron, 31, 2999 (1975)"."""
    if looks_like_journal(head):
        return True
    words = head.split()
    if (
        2 <= len(words) <= 10
        and head.isupper()
        and not _RUNNING_WORD.search(NUMBER_TOKEN.sub(" ", tail))
    ):
        return True  # a running header: "ANTISENSE & NUCLEIC ACID DRUG DEVELOPMENT 11:199-207"
    numeric_tail = not _RUNNING_WORD.search(NUMBER_TOKEN.sub(" ", tail))
    if (
        numeric_tail
        and len(words) <= 8
        and JOURNAL_WORDS.search(head)
        and not PUBLISHER_WORDS.search(head)
        and not BOUNDARY.search(head)
        and words[0][:1].isupper()
        and not _title_before_journal(head)
    ):
        return True  # "SIAM Journal on Numerical Analysis 23, 485 (1986)"
    if len(words) > 6 or not all(w[:1].isupper() or w in _TITLE_CONNECTORS for w in words):
        return False
    if len(words) > 3:
        # "Progress in Aerospace Sciences 46 (2010) 1–27": a longer name needs volume and pages
        return numeric_tail and not BOUNDARY.search(head) and len(NUMBER_TOKEN.findall(tail)) >= 2
    return numeric_tail


def _title_before_journal(head: str) -> bool:
    """A sentence-case title, then a capitalised journal name without a stop between them
    ("Apoptosis induced by anticancer drugs Cancer Metastasis Rev")."""
    run = _trailing_capitalised(head)
    if run is None:
        return False
    lead = head[: -len(run)].split()
    return sum(1 for w in lead if w[:1].islower() and w not in _TITLE_CONNECTORS) >= 2


_TITLE_CONNECTORS = frozenset(
    {"of", "and", "&", "in", "on", "for", "the", "und", "für", "de", "des", "et"}
)


def _only_names(prefix: str, result: Parsed) -> bool:
    """Text before a quoted title is acceptable when it is empty or a name list we missed."""
    prefix = prefix.strip(" ,.:")
    if not prefix:
        return True
    if result.authors:
        return _more_names(prefix, result)
    names = scan_authors(prefix).names
    if names:
        result.authors = names
        return True
    return _short_lead(prefix, result)


def _short_lead(prefix: str, result: Parsed) -> bool:
    """A short lead no name pattern reads ("Mark Srednicki, “Entropy and area,” ...", "3GPP TS
    25.430: “UTRAN Iub interface”"): the quoted text is still the title."""
    lead = prefix.strip()
    if len(lead) > 100 or len(lead.split()) > 12 or BOUNDARY.search(lead):
        return False
    lead = " ".join(without_prefix_year(lead, result).split()).strip(" ,.;:")
    if lead and not any(c.isdigit() for c in lead) and looks_like_names(lead):
        result.authors = split_name_list(lead)
    return True


_NAME_LIST_WORDS = frozenset(
    {
        "and", "et", "al", "van", "von", "v", "der", "den", "de", "del", "della", "da", "dos",
        "du", "und", "y",
    }
)  # fmt: skip


def _more_names(prefix: str, result: Parsed) -> bool:
    """The author scan stopped early ("Morton, Michael S. Scott. “Title”", "Eldar, Eran, and Ori
    Ganor, Roee Admon, ... “Title”"): the rest before the quoted title is names and a year."""
    words = [w.strip(",.;:()") for w in prefix.split()]
    if len(words) > 40 or any(w in {"In", "in", "In:"} for w in words):
        return False
    if any(w[:1].islower() and w not in _NAME_LIST_WORDS for w in words if w):
        return False
    prefix = without_prefix_year(prefix, result)
    names = scan_authors(prefix.strip(" ,.;:")).names
    if names and not result.et_al:
        result.authors = (*result.authors, *names)
    return True


def _title_end(body: str) -> tuple[int, int] | None:
    """Where the title ends (its last character) and where the text after it resumes."""
    limit = _strong_tail(body)
    boundaries = [
        m for m in BOUNDARY.finditer(body, 0, min(limit, 600)) if _is_sentence_end(body, m)
    ]
    for index, match in enumerate(boundaries):
        mark = match.group(1)
        if mark in "?!" and index + 1 < len(boundaries):
            # "Is X safe? A trial in Y. Journal..." : the question is part of a longer title.
            following = boundaries[index + 1]
            if tail_start(body, match.end()) > following.end() + 1:
                continue
        end = match.start() + (1 if mark in "?!" else 0)
        return end, match.end()
    return None


def _is_sentence_end(body: str, match: re.Match[str]) -> bool:
    if match.group(1) != ".":
        return True
    if ORDINAL_EDITION_BEFORE.search(body, 0, match.start()):
        return True  # "Basic Business Finance, 3rd ed. Homewood, Illinois: ..."
    word = body[: match.start()].rsplit(" ", 1)[-1].lstrip('("“')
    return len(word) > 1 and "." not in word and not NOT_SENTENCE_END.match(word)


_STRONG_TAIL = re.compile(
    r"\b(?:[Vv]ol(?:ume)?|VOL)\s?\.?\s?\d"
    r"|(?<![\w\-/])\d+\s?\(\s?[\w/-]{1,10}\s?\)\s?[:,]\s?[A-Za-z]?\d"
    r"|(?<![\w\-/])\d+\s?:\s?[A-Za-z]?\d+\s?[-–]"
    r"|(?<![\w\-/])" + YEAR + r"\s?;\s?\d"
)


def _strong_tail(body: str) -> int:
    match = _STRONG_TAIL.search(body)
    return match.start() if match else len(body)


def _no_sentence_boundary(body: str, tail0: int, result: Parsed) -> None:
    head = body[:tail0].strip(" ,;:.")
    tail = body[tail0:]
    year = YEAR_BETWEEN.search(head) if tail.strip() else None
    if year and len(head[: year.start()].split()) >= 3:
        result.title, result.container = head[: year.start()].strip(" ,.;:"), year.group(2)
        if result.year is None:
            result.year = int(year.group(1))
        parse_tail(tail, result)
        return
    if "," in head:
        title, _, container = head.rpartition(",")
        title, container = title.strip(" ,"), container.strip(" ,.")
        if container and title and (looks_like_journal(container) or tail.strip()):
            result.title, result.container = title, container
            parse_tail(tail, result)
            return
    if head:
        run = _trailing_capitalised(head) if tail.strip() else None
        if run:
            result.title, result.container = head[: -len(run)].strip(" ,.;:"), run
            year_after_title(result)
        elif tail.strip() and (looks_like_journal(head) or JOURNAL_WORDS.search(head)):
            result.container = head
        else:
            result.title = head
    parse_tail(tail, result)


_CAPITALISED_RUN = re.compile(r"(?:\s(?:[A-Z][\w.&-]*|of|and|&|the|in|for))+$")


def _trailing_capitalised(head: str) -> str | None:
    """For example
    "... in mismatch correction EMBO J": a journal written after the title without a stop.
    """
    match = _CAPITALISED_RUN.search(head)
    if not match:
        return None
    run = match.group(0).strip()
    words = run.split()
    if words[0][:1].islower():
        return None
    if not 1 <= len(words) <= 7 or len(head.split()) - len(words) < 3:
        return None
    return run
