"""The numbers part of a reference (volume, issue, pages, article number) for the rule
parser: where it starts and how its labelled and bare numbers become fields."""

from __future__ import annotations

import re

from als_refs.parsing.parsed import Parsed
from als_refs.parsing.structure_dates import MONTH, SEASON, YEAR, take_tail_date
from als_refs.parsing.structure_words import PUBLISHER_WORDS

_TAIL = re.compile(
    r"\b(?:[Vv]ol(?:ume)?|VOL|[Vv]|[Nn]o|[Ii]ss(?:ue)?|[Nn]r|[Pp]p?|[Pp]ages?|[Aa]rt(?:icle)?(?:\s?no)?"
    r"|[Ss]uppl?)\s?\.?\s?(?:[A-Za-z]?\d|[IVXLC]+\b)"
    r"|(?<![\w\-/])[A-Z]?\d+(?:[A-Za-z](?=\W|$))?(?:\s?[-–—]\s?[A-Z]?\d+)?(?![\w\-/])"
    # "Proceedings of the 1989 ACM Conference": a number inside a name is not the tail
    r"(?!\s(?!" + MONTH + r")(?:[A-Z][a-z]{2,}|ACM|IEEE|SIAM|USENIX|AAAI|IFIP|SPIE|ICRC)\b)"
    r"|\(\s?" + YEAR + r"\s?\)"
    r"|\b" + MONTH + r"\.?\s\d"
    r"|\b" + SEASON + r"\s\d"
    r"|(?<=,\s)[IVXLC]{2,7}\b(?=\s?[,(])"
)
NUMBER_TOKEN = re.compile(
    r"(?P<label>\b(?:[Vv]ol(?:ume)?|VOL|[Vv]|[Nn]o|n\.(?=\s?\d)|[Nn]um(?:ber)?|[Ii]ss(?:ue)?|[Nn]r|n°|[Pp]p|[Pp]|"
    r"[Pp]ages?|[Aa]rt(?:icle)?(?:\s?(?:no|number))?|[Ee]location|[Ss]uppl?|S)\s?\.?\s?)?"
    r"(?P<value>[A-Za-z]{0,3}\d+[A-Za-z]?(?:\.\d+)?"
    r"(?:\s?[-–—‐‑−]{1,2}\s?[A-Za-z]{0,3}\d+[A-Za-z]?)?)"
    r"(?P<paren>\s?\(\s?(?P<inner>[^()]{1,25}?)\s?\))?"
)
_BARE_ISSUE = re.compile(r"(?:^|(?<=[;:,]))\s?\((\d{1,4}(?:\s?Suppl\.?\s?\d*)?)\)(?=\s?[:;,])")
_LEADING_ROMAN = re.compile(r"(?P<roman>[IVXLC]{2,7})\b(?=\s?[,(])")
_ROMAN_VOLUME = re.compile(r"\b(?:[Vv]ol(?:ume)?|VOL)\s?\.?\s?(?P<roman>[IVXLC]{1,6})\b")
_ARTICLE_NUMBER = re.compile(r"^(?:e\d{3,}|CD\d{6}|[A-Z]{1,3}\d{4,}|\d{5,})$")
_PUNCTUATION_RUN = re.compile(r"[\s.,;:()\[\]\-–]+")
_RANGE_DASH = re.compile(r"\d\s?[-–—‐‑−]")


def tail_start(text: str, start: int) -> int:
    """Where the numbers (volume, pages, date) start: the first candidate after which the
    text has no more running words ("in N = 1, D = 4 superconformal theories" is title)."""
    for match in _TAIL.finditer(text, start):
        words = [w for w in LOWER_WORD.findall(text, match.end()) if w not in _TAIL_WORDS]
        if len(words) < 2:
            return match.start()
    return len(text)


LOWER_WORD = re.compile(r"(?<![\w.])[a-z]{4,}\b")
_TAIL_WORDS = frozenset(
    {
        "pages", "page", "volume", "issue", "number", "suppl", "supplement", "press",
        "abstract", "online", "print", "epub", "edition", "editor", "editors", "eds",
        "available", "from", "accessed", "cited", "retrieved",
    }
)  # fmt: skip


def parse_tail(tail: str, result: Parsed) -> None:
    """The numbers part: its date, then labelled and bare volume, issue, pages and article
    number; words left over go to the publisher, the container or the leftovers."""
    tail = tail.strip(" .,;:")
    if not tail:
        return
    tail = take_tail_date(tail, result)
    labelled: dict[str, str] = {}
    bare_issue = _BARE_ISSUE.search(tail)
    if bare_issue:
        # "2012 Mar 14;(3):CD001447": an issue without a volume
        labelled["issue"] = bare_issue.group(1)
        tail = tail[: bare_issue.start()] + " " + tail[bare_issue.end() :]
    roman = _ROMAN_VOLUME.search(tail) or _LEADING_ROMAN.match(tail)
    if roman:
        labelled["volume"] = roman.group("roman")
        tail = tail[: roman.start()] + " " + tail[roman.end() :]
    plain: list[tuple[str, str | None]] = []
    for match in NUMBER_TOKEN.finditer(tail):
        label = (match.group("label") or "").strip(" .").lower()
        value = match.group("value")
        inner = match.group("inner")
        if label:
            key = _label_key(label)
            if key == "volume" and inner:
                labelled.setdefault("issue", inner)
            labelled.setdefault(key, value)
        else:
            plain.append((value, inner))
    _assign_numbers(labelled, plain, result)
    rest = NUMBER_TOKEN.sub(" ", tail)
    rest = _PUNCTUATION_RUN.sub(" ", rest).strip()
    if rest:
        _tail_words(rest, result)


def _label_key(label: str) -> str:
    if label.startswith("v"):
        return "volume"
    if label.startswith(("no", "num", "iss", "nr", "n°")):
        return "issue"
    if label.startswith(("art", "eloc")):
        return "number"
    if label.startswith(("supp", "s")) and label not in {"s"}:
        return "supplement"
    return "page"


def _assign_numbers(
    labelled: dict[str, str], plain: list[tuple[str, str | None]], result: Parsed
) -> None:
    result.volume = labelled.get("volume")
    result.issue = labelled.get("issue")
    result.page = labelled.get("page")
    result.number = labelled.get("number")
    for value, inner in plain:
        article_number = bool(_ARTICLE_NUMBER.match(value)) and not _is_range(value)
        if (
            result.volume is None
            and not _is_range(value)
            and not (article_number and len(plain) == 1)
        ):
            result.volume = value
            if inner and result.issue is None:
                result.issue = inner
            continue
        if inner and result.issue is None and result.page is None:
            result.issue = inner
        if result.page is None and result.number is None:
            if article_number:
                result.number = value
            else:
                result.page = value


def _is_range(value: str) -> bool:
    return bool(_RANGE_DASH.search(value))


def _tail_words(rest: str, result: Parsed) -> None:
    if result.publisher is None and PUBLISHER_WORDS.search(rest):
        result.publisher = rest
        return
    if result.container is None and result.title and len(rest) > 2 and not rest.isdigit():
        result.container = rest
        return
    result.leftover.append(rest)
