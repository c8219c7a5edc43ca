"""Dates in a reference string, for the rule parser: years, months and seasons, the date after
the names ("(2001)", "2001, May"), a year written first, years inside a title, and the date
among the volume and pages ("2012 Mar 14;(3)")."""

from __future__ import annotations

import re

from als_refs.parsing.parsed import Parsed

YEAR = r"(?:1[5-9]\d\d|20\d\d)"
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12, "janv": 1, "févr": 2, "mars": 3, "avr": 4,
    "mai": 5, "juin": 6, "juil": 7, "août": 8, "déc": 12, "mär": 3, "okt": 10, "dez": 12,
    "ene": 1, "abr": 4, "ago": 8, "dic": 12, "fév": 2, "aoû": 8,
}  # fmt: skip
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|"
    r"[Jj]anvier|[Ff]évrier|[Mm]ars|[Aa]vril|[Mm]ai|[Jj]uin|[Jj]uillet|[Aa]oût|[Ss]eptembre|"
    r"[Oo]ctobre|[Nn]ovembre|[Dd]écembre|Januar|Februar|März|Juni|Juli|Oktober|Dezember|"
    r"[Ee]nero|[Ff]ebrero|[Mm]arzo|[Aa]bril|[Mm]ayo|[Jj]unio|[Jj]ulio|[Aa]gosto|[Ss]eptiembre|"
    r"[Oo]ctubre|[Nn]oviembre|[Dd]iciembre)"
)
SEASON = r"(?:Spring|Summer|Autumn|Fall|Winter)"
PAREN_DATE = re.compile(
    rf"\s?[.,]?\s?\(\s?(?P<year>{YEAR})(?P<suffix>[a-z])?(?:\s?\[{YEAR}\])?\s?(?:[,/]\s?(?P<rest>[^()]{{1,30}}?))?\s?\)"
    r"\s?[.:,]?\s?"
)
_PAREN_NODATE = re.compile(
    r"\s?[.,]?\s?\((?:n\.\s?d\.|nd|in press|forthcoming|s\.d\.)\)\s?[.:,]?\s?", re.I
)
_BARE_DATE = re.compile(
    rf"\s?\.?,?\s(?P<year>{YEAR})(?P<suffix>[a-z])?(?:\s?\[{YEAR}\])?"
    rf"(?:,?\s(?P<rest>{MONTH}\.?(?:\s\d{{1,2}})?|{SEASON}))?(?:\s?[.:,]\s|\s(?=[A-Z“\"]))"
)


def date_after_authors(text: str, pos: int, result: Parsed) -> int:
    """The date right after the names ("(2001a)", "2001, May.", "(n.d.)"): read it and return
    where the text resumes (``pos`` when there is none)."""
    if pos == 0 and not result.authors:
        return 0
    if result.ditto:
        pos -= 1  # the date patterns start with the space after the mark
    for pattern in (PAREN_DATE, _BARE_DATE):
        match = pattern.match(text, pos)
        if match:
            _set_date(result, match.group("year"), match.group("rest"))
            result.date_text = match.group(0).strip(" .,:()")
            return match.end()
    nodate = _PAREN_NODATE.match(text, pos)
    if nodate:
        return nodate.end()
    return pos


def leading_year(text: str, result: Parsed) -> int:
    """For example "2011 Plasma Phys. Control. Fusion 53 082001": the year written first."""
    match = re.match(rf"\(?({YEAR})[a-z]?\)?[.,:]?\s", text)
    if match:
        result.year = int(match.group(1))
        return match.end()
    return 0


def _set_date(result: Parsed, year: str, rest: str | None) -> None:
    result.year = int(year)
    if not rest:
        return
    month = re.search(r"[A-Za-zé]{3,}", rest)
    if month and month.group(0)[:3].lower() in MONTHS:
        result.month = MONTHS[month.group(0)[:3].lower()]
        day = re.search(r"\b(\d{1,2})\b", rest)
        if day and 1 <= int(day.group(1)) <= 31:
            result.day = int(day.group(1))


_PREFIX_YEAR = re.compile(rf"\(?\b({YEAR})[a-z]?\)?")


def without_prefix_year(prefix: str, result: Parsed) -> str:
    """The names before a quoted title may hold the year ("NRC, 2010, “Title”"): read it."""
    year = _PREFIX_YEAR.search(prefix)
    if year is None:
        return prefix
    if result.year is None:
        result.year = int(year.group(1))
    return prefix[: year.start()] + " " + prefix[year.end() :]


# "Topology preservation in feature maps 1997 IEEE Transactions on Neural Networks 8 256--266"
YEAR_BETWEEN = re.compile(rf"(?<!\bthe)(?<!\bof)(?<!\bin)\s({YEAR})\s([A-Z][^\d]{{2,120}})$")
_YEAR_AT_END = re.compile(rf"[\s,]\(?({YEAR})[a-z]?\)?$")


def year_after_title(result: Parsed) -> None:
    """ACM/Elsevier exports: "Finding structure in time 1990 Cognitive Sci 14 179--211"."""
    if not result.title:
        return
    match = _YEAR_AT_END.search(result.title)
    if match is None:
        return
    result.title = result.title[: match.start()].strip(" ,.;:")
    if result.year is None:
        result.year = int(match.group(1))


_TAIL_DATES = tuple(
    re.compile(p)
    for p in (
        rf"(?P<year>{YEAR})[a-z]?\s(?P<month>{MONTH})\.?(?:\s(?P<day>\d{{1,2}})(?!\d))?"
        rf"(?:\s?[-–]\s?(?:{MONTH}\.?\s?)?\d{{0,2}})?",
        rf"(?P<month>{MONTH})\.?\s(?:(?P<day>\d{{1,2}}),?\s)?(?P<year>{YEAR})",
        rf"(?P<day>\d{{1,2}})\s(?P<month>{MONTH})\.?\s(?P<year>{YEAR})",
        rf"{SEASON}\s(?P<year>{YEAR})",
        rf"\(\s?(?P<year>{YEAR})[a-z]?\s?\)",
        rf"(?<![\w:\-–./])(?P<year>{YEAR})[a-z]?(?![\d\-–])",
    )
)
_YEAR_AS_VOLUME = re.compile(r"\s?[,:;]\s?(?:e\d{3,}|\d{5,})\b")


def take_tail_date(tail: str, result: Parsed) -> str:
    """Read the date from the numbers part and cut it out (the volume and pages remain)."""
    known = result.year is not None
    for pattern in _TAIL_DATES:
        match = pattern.search(tail)
        if not match:
            continue
        year = int(match.group("year"))
        if known and year != result.year:
            if "(" in match.group(0):
                return tail[: match.start()] + " " + tail[match.end() :]
            continue
        if known and match.group(0)[:1].isdigit() and _YEAR_AS_VOLUME.match(tail, match.end()):
            # "(2011) ... Neurology Research International 2011, 403808": Hindawi's volume.
            return tail
        result.year = year
        groups = match.groupdict()
        if groups.get("month"):
            result.month = MONTHS.get(groups["month"][:3].lower())
            day = groups.get("day")
            if day and 1 <= int(day) <= 31:
                result.day = int(day)
        return tail[: match.start()] + " " + tail[match.end() :]
    return tail
