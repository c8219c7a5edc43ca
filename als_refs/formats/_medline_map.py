"""MEDLINE tables and small conversions: the tag order PubMed writes, languages (MEDLINE's
ISO 639-2 codes to the BCP 47 tags CSL uses), ``DP`` publication dates, author initials."""

from __future__ import annotations

import re

from als_refs.models import DateParts, Name

ORDER = (
    "PMID", "OWN", "STAT", "DA", "DCOM", "LR", "PUBM", "IS", "VI", "IP", "DP", "TI", "PG", "LID",
    "AB", "CI", "AD", "FAU", "LA", "GR", "PT", "DEP", "PL", "TA", "JT", "JID", "RN",
    "SB", "CIN", "CON", "EIN", "EFR", "RIN", "ROF", "RPI", "RPF", "UIN", "UOF", "ECI", "ECF",
    "CRI", "CRF", "SPIN", "ORI", "MH", "OTO", "OT", "COIS", "EDAT", "MHDA", "CRDT", "PHST",
    "AID", "PMC", "PMCR", "MID", "PST", "SO",
)  # fmt: skip
"""Tags in the order PubMed writes them; others follow in the order they were read. ``AD``
here is an affiliation given before any author (older records); ``FAU`` stands for the
authors, each with its own ``AU``, ``AUID`` and ``AD`` lines, or a group's ``CN``."""

COMMENTS_CORRECTIONS = frozenset(
    {"CIN", "CON", "EIN", "EFR", "RIN", "ROF", "RPI", "RPF", "UIN", "UOF", "ECI", "ECF",
     "CRI", "CRF", "SPIN", "ORI", "DDIN", "DRIN"}
)  # fmt: skip
"""Comments, errata, retractions, republications and updates: CSL has no variable for the
links between works, so they are kept (``custom["medline"]``) and written back."""

LANGUAGES = {
    "eng": "en", "fre": "fr", "ger": "de", "spa": "es", "ita": "it", "jpn": "ja", "chi": "zh",
    "rus": "ru", "por": "pt", "dut": "nl", "pol": "pl", "swe": "sv", "dan": "da", "nor": "no",
    "fin": "fi", "kor": "ko", "tur": "tr", "heb": "he", "ara": "ar", "gre": "el", "hun": "hu",
    "cze": "cs", "slo": "sk", "rum": "ro", "bul": "bg", "hrv": "hr", "srp": "sr", "slv": "sl",
    "ukr": "uk", "per": "fa", "hin": "hi", "tha": "th", "vie": "vi", "ice": "is", "lit": "lt",
    "lav": "lv", "est": "et", "cat": "ca", "glg": "gl", "baq": "eu", "wel": "cy", "gle": "ga",
}  # fmt: skip
_CODES = {tag: code for code, tag in LANGUAGES.items()}

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH = {m.lower(): i for i, m in enumerate(MONTHS, 1)}
_SEASONS = frozenset({"spring", "summer", "fall", "autumn", "winter"})


def language(code: str) -> str:
    return LANGUAGES.get(code.lower(), code)


def language_code(tag: str) -> str:
    return _CODES.get(tag.lower(), tag)


_DP = re.compile(
    r"^(?P<y>\d{4})(?:\s+(?P<m>[A-Za-z]+)(?:\s+(?P<d>\d{1,2}))?)?"
    r"(?:\s*-\s*(?:(?P<y2>\d{4})\s+)?(?P<m2>[A-Za-z]{3})?(?:\s*(?P<d2>\d{1,2}))?)?$"
)


def publication_date(text: str) -> DateParts | None:
    """``2006 Mar 1``, ``2012 Oct``, ``2006``, ``2005 Spring``, ``2000 Jan-Feb``,
    ``2000 Dec-2001 Jan`` as a CSL date; ``None`` when it is none of these."""
    match = _DP.match(" ".join(text.split()))
    if not match:
        return None
    year, month_text, day = int(match["y"]), match["m"], match["d"]
    if month_text and month_text.lower() in _SEASONS and not day and not match["m2"]:
        return DateParts(date_parts=((year,),), season=month_text)
    first = _parts(year, month_text, day)
    if first is None:
        return None
    if not (match["y2"] or match["m2"] or match["d2"]):
        return DateParts(date_parts=(first,))
    second = _parts(
        int(match["y2"] or year), match["m2"] or month_text, match["d2"] if match["d2"] else None
    )
    if second is None or (match["d2"] and not day):
        return None
    return DateParts(date_parts=(first, second))


def _parts(year: int, month_text: str | None, day: str | None) -> tuple[int, ...] | None:
    if not month_text:
        return (year,)
    month = _MONTH.get(month_text.lower()[:3])
    if month is None or (len(month_text) > 3 and month_text.lower() not in _FULL_MONTHS):
        return None
    return (year, month) if not day else (year, month, int(day))


_FULL_MONTHS = frozenset(
    {"january", "february", "march", "april", "june", "july", "august", "september", "october",
     "november", "december"}
)  # fmt: skip


def write_publication_date(date: DateParts) -> str | None:
    if not date.date_parts:
        return date.literal or date.raw
    first = date.date_parts[0]
    text = _date_text(first)
    if text is None:
        return date.literal or date.raw
    if date.season is not None and len(first) == 1:
        return f"{text} {date.season}"
    if len(date.date_parts) == 2:
        second = date.date_parts[1]
        end = _date_text(second)
        if end is None:
            return text
        return f"{text}-{_range_end(first, second, end)}"
    return text


def _range_end(
    first: tuple[int | float | str, ...], second: tuple[int | float | str, ...], end: str
) -> str:
    """The end of a range less what it shares with the start ("2016 Apr-May", not "-2016 May");
    a word is dropped only where the end wrote it (a month 0 is not written)."""
    words = end.split(" ")
    if second[0] == first[0] and len(words) > 1:
        words = words[1:]
        if len(second) == 3 and len(first) == 3 and second[1] == first[1] and len(words) > 1:
            words = words[1:]
    return " ".join(words)


def _date_text(parts: tuple[int | float | str, ...]) -> str | None:
    try:
        numbers = [int(p) for p in parts]
    except (TypeError, ValueError):
        return None
    words = [str(numbers[0])]
    if len(numbers) > 1 and 1 <= numbers[1] <= 12:
        words.append(MONTHS[numbers[1] - 1])
        if len(numbers) > 2:
            words.append(str(numbers[2]))
    return " ".join(words)


def compact_date(text: str) -> DateParts | None:
    """``20060110`` (``DEP``) as a CSL date."""
    match = re.fullmatch(r"(\d{4})(\d{2})?(\d{2})?", text.strip())
    if not match:
        return None
    parts = [int(g) for g in match.groups() if g]
    if (len(parts) > 1 and not 1 <= parts[1] <= 12) or (len(parts) > 2 and not 1 <= parts[2] <= 31):
        return None
    return DateParts(date_parts=(tuple(parts),))


def write_compact_date(date: DateParts) -> str | None:
    if not date.date_parts:
        return None
    try:
        parts = [int(p) for p in date.date_parts[0]]
    except (TypeError, ValueError):
        return None
    return str(parts[0]) + "".join(f"{p:02d}" for p in parts[1:])


def short_name(name: Name) -> str:
    """MEDLINE's ``AU`` form of a name: ``Casbon JA`` (family name and initials)."""
    if name.literal:
        return name.literal
    family = " ".join(p for p in (name.non_dropping_particle, name.family) if p)
    initials = "".join(w[0] for w in re.split(r"[\s.\-]+", name.given or "") if w)
    text = f"{family} {initials}".strip()
    return f"{text} {name.suffix}" if name.suffix else text


def name_from_short(text: str) -> Name:
    """``Casbon JA`` -> family ``Casbon``, given ``JA`` (an ``AU`` line with no ``FAU``)."""
    words = text.split()
    if len(words) > 1 and words[-1].isupper() and len(words[-1]) <= 4:
        return Name(family=" ".join(words[:-1]), given=words[-1])
    return Name(family=text) if len(words) == 1 else Name(literal=text)
