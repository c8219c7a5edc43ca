"""What follows a title in the rule parser: the container ("In: Editors (eds) Book"), a
book's edition, extent, series, contributors and imprint (place and publisher), theses and
reports."""

from __future__ import annotations

import re

from als_refs.parsing.names import looks_like_names, split_name_list
from als_refs.parsing.parsed import Parsed
from als_refs.parsing.structure_dates import YEAR
from als_refs.parsing.structure_numbers import parse_tail, tail_start
from als_refs.parsing.structure_words import (
    BOUNDARY,
    CITIES,
    CITY_LIST,
    JOURNAL_WORDS,
    NOT_SENTENCE_END,
    PUBLISHER_WORDS,
    looks_like_journal,
)

_PLACE_PUBLISHER = re.compile(
    r"^(?P<place>[A-Z][^\W\d_.'’ -]{0,2}[^\W\d_.'’ -]*(?:[.'’ -]{1,2}[^\W\d_]+){0,3}"
    r"(?:,\s?[A-Z][^\W\d_.’' ]*(?:[.’' ]{1,2}[^\W\d_]+){0,3}\.?){0,2})\s?:\s?"
    r"(?P<publisher>(?=[^:;]*[^\W\d_])[^:;]{2,100}?)\s?[;,.]?\s?(?P<year>" + YEAR + r")?[.;,]?$"
)
_EDITION = re.compile(
    r"(?:^|\s|\()(?P<ed>\d{1,2})(?:st|nd|rd|th|e|\.)?\s?(?:ed(?:n)?\.?|edition|Aufl\.?)(?=\W|$)"
    r"|(?P<word>First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Revised|Rev\.)"
    r"\s?(?:edition|ed(?:n)?\.?)(?=\W|$)",
    re.IGNORECASE,
)
_ORDINALS = {
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6",
    "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10", "revised": "revised",
    "rev.": "revised",
}  # fmt: skip
_IN_MARKER = re.compile(r"(?<=[.,])\s(?:In|in)\s?:?\s(?=[A-Z0-9])")
_IN_PREFIX = re.compile(r"^(?:In|in|IN|En|Dans)\s?:?\s")
_EDITORS = re.compile(
    r"^(?P<names>.{2,300}?),?\s?[(\[]?(?:eds?|editors?|Eds?|Editors?|Hrsg|Hg|dir|coords?)\.?[)\]]?"
    r"\s?[.,:]?\s"
)
_EDITORS_AFTER = re.compile(
    r"(?:,|\.)?\s?(?:ed(?:ited)?\.?\s?by|Ed(?:ited)?\.?\s?by|eds?\.)\s"
    r"(?P<names>(?:[A-Z]\.\s?|[^.]){2,200}?)(?<!\b[A-Z])(?:\.|,|$)"
)
_REGION = re.compile(r"^(?:[A-Z]\.?(?:[A-Z]\.?){1,2}|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)$")


def publisher_and_place(imprint: str, result: Parsed) -> bool:
    """ "Prentice Hall, Upper Saddle River, N.J.", "Paris, Grasset", "Forestry Commission,
    Edinburgh, Scotland": a publisher and a known city (with its state or country)."""
    pieces = [p.strip(" .") for p in imprint.split(",") if p.strip(" .")]
    at = next((i for i, piece in enumerate(pieces) if piece in CITIES), None)
    if at is None or len(pieces) < 2:
        return False
    if at > 0:
        if not all(_REGION.match(p) for p in pieces[at + 1 :]):
            return False
        result.publisher, result.place = ", ".join(pieces[:at]), ", ".join(pieces[at:])
        return True
    region = 1 if len(pieces) > 2 and _REGION.match(pieces[1]) and len(pieces[1]) <= 4 else 0
    result.place = ", ".join(pieces[: 1 + region])
    result.publisher = ", ".join(pieces[1 + region :])
    return True


ORDINAL_EDITION_BEFORE = re.compile(r"\d(?:st|nd|rd|th)\s(?:ed|edn)$", re.IGNORECASE)
_EDITION_AT_END = re.compile(
    r"[,.]?\s\(?(?:(?P<ed>\d{1,2})(?:st|nd|rd|th)|(?P<word>Second|Third|Fourth|Fifth|Sixth|Revised))"
    r"\s?(?:ed|edn|edition)\.?\)?$",
    re.IGNORECASE,
)


def title_without_edition(title: str, result: Parsed) -> str:
    """ "Basic Business Finance, 3rd ed.": the edition is not part of the title."""
    match = _EDITION_AT_END.search(title)
    if not match:
        return title
    word = match.group("word")
    result.edition = match.group("ed") or _ORDINALS.get(word.lower(), word)
    return title[: match.start()].strip(" ,.")


def container_and_tail(rest: str, result: Parsed) -> None:
    """Everything after the title: the container (or book, with its editors, edition and
    imprint), then the numbers."""
    rest = rest.strip(" ,.;:")
    if not rest:
        return
    in_marker = _IN_MARKER.search(rest)
    if in_marker and result.title:
        # "Title. Subtitle. In: Editors (eds) Book" : what precedes "In" still belongs to the title.
        result.title = f"{result.title}. {rest[: in_marker.start()].strip(' .,')}"
        rest = rest[in_marker.start() :].lstrip(" .,")
    if _IN_PREFIX.match(rest):
        result.in_prefix = True
        rest = _IN_PREFIX.sub("", rest, count=1)
        rest = take_editors(rest, result)
        rest = _take_editors_after(rest, result)
    rest = _take_edition(rest, result)
    rest = _take_book_extent(rest, result)
    rest = _take_contributors(rest, result)
    rest = _take_paren_imprint(rest, result)
    if _take_thesis(rest, result):
        return
    if _abbreviated_journal_first(rest, result):
        return
    segments = _segments(rest)
    container_parts: list[str] = []
    tail_parts: list[str] = []
    for index, segment in enumerate(segments):
        if tail_parts:
            tail_parts.append(segment)
            continue
        publisher = _PLACE_PUBLISHER.match(segment.strip())
        if publisher and (index > 0 or not (result.in_prefix or looks_like_journal(segment))):
            result.place = publisher.group("place").strip()
            result.publisher = publisher.group("publisher").strip(" ,.;")
            if publisher.group("year") and result.year is None:
                result.year = int(publisher.group("year"))
            continue
        start = tail_start(segment, 0)
        if start < len(segment):
            head = segment[:start].strip(" ,.;:([")
            if head:
                _container_piece(head, container_parts, result)
            tail_parts.append(segment[start:])
        else:
            _container_piece(segment.strip(" ,.;:"), container_parts, result)
    if len(container_parts) > 1 and result.title and not result.in_prefix:
        # "Title. Second sentence of the title. Journal 1998; 47:838-43": the journal is the
        # last sentence before the numbers; the sentences before it belong to the title.
        result.title = ". ".join([result.title.rstrip("."), *container_parts[:-1]])
        container_parts = container_parts[-1:]
    if container_parts:
        result.container = ". ".join(p for p in container_parts if p)
    parse_tail(" ".join(tail_parts), result)
    _book_imprint(result)


_PUBLISHER_ABBREVIATION = re.compile(r"\b(?:Pub|Publ|Pubs|Co|Ltd|Inc|Verlag|Division|House)\b")
_PREPRINT_WORDS = re.compile(r"^(?:preprint|e-?print|submitted|in press|forthcoming)\b", re.I)


def _book_imprint(result: Parsed) -> None:
    """A "container" with no numbers after a title is a book's imprint: "London, 1708",
    "Garland Pub., 1993"; "Preprint" is a status, not a journal."""
    container = result.container
    if not container or not result.title or result.in_prefix or result.editors:
        return
    if _PREPRINT_WORDS.match(container):
        result.container, result.genre = None, container
        return
    if result.volume or result.issue or result.page or result.number:
        return
    if all(city in CITIES for city in CITY_LIST.split(container)):
        # "London", "London and New York", "Lanham-Boulder-New York"
        result.container, result.place = None, result.place or container
    elif (
        result.publisher is None and result.place is None and publisher_and_place(container, result)
    ):
        result.container = None
    elif (
        result.publisher is None
        and len(container.split()) <= 6
        and (PUBLISHER_WORDS.search(container) or _PUBLISHER_ABBREVIATION.search(container))
        and not JOURNAL_WORDS.search(container)
    ):
        result.container, result.publisher = None, container


_CONTRIBUTORS = re.compile(
    r"(?:^|(?<=[.,]\s))(?P<role>Translated|Edited|Introduced|Illustrated|Trans\.|trans\.|Ed\.|ed\.|"
    r"Eds\.|eds\.|\([Tt]rans\.\)|tr\.|Tr\.|Foreword)(?:\s(?:and\s\w+\s)?by)?\s(?P<names>(?:[A-Z]\.\s?|[^.;()]){2,120}?)"
    r"(?<!\b[A-Z])(?:\.\s|,\s|\.$|$)"
)
_REPORT_PHRASE = re.compile(
    r"^(?P<genre>(?:Technical|Tech\.|Research|Working|Internal|Final|Annual)\s(?:report|rep\.|paper|"
    r"Report|Paper)|White paper|White Paper)[.,]?\s?(?P<rest>.*)$"
)
_THESIS_PHRASE = re.compile(
    r"(?P<genre>(?:Unpublished\s)?(?:Ph\.?\s?D\.?|Doctoral|Master['’]?s|MSc|M\.Sc\.|MD|PhD|MA|M\.A\.)\s"
    r"(?:dissertation|thesis|Thesis|Dissertation)|Th[eè]se(?: de doctorat)?|Dissertation|Thesis)"
    r"[.,]?\s?(?P<rest>.*)$"
)


def _take_contributors(rest: str, result: Parsed) -> str:
    """For example
    "Translated by Brian Massumi." / "ed. Bernardin Klumper": not part of any title.
    """
    for _ in range(3):  # "Edited by Hannah Arendt. Translated by Harry Zohn."
        match = _CONTRIBUTORS.search(rest)
        if not match:
            break
        if match.group("role").lower().startswith("ed") and not result.editors:
            result.editors = split_name_list(match.group("names"))
        rest = (rest[: match.start()] + " " + rest[match.end() :]).strip(" ,")
    return rest


def _take_paren_imprint(rest: str, result: Parsed) -> str:
    """For example
    "The Messiaen Companion (London: Faber, 1995), pp. 488-509": the imprint in brackets.
    """
    match = _paren_imprint(rest)
    if not match:
        return rest
    _set_imprint(match, result)
    return (rest[: match.start()] + " " + rest[match.end() :]).strip()


def _take_thesis(rest: str, result: Parsed) -> bool:
    """A thesis and its university: "Ph.D. dissertation, Stanford University, 2004"."""
    report = _REPORT_PHRASE.match(rest)
    if report:
        result.genre = report.group("genre")
        result.kind = "report"
        tail_at = tail_start(report.group("rest"), 0)
        institution = report.group("rest")[:tail_at].strip(" ,.;:()")
        if institution:
            result.publisher = institution
        parse_tail(report.group("rest")[tail_at:], result)
        return True
    match = _THESIS_PHRASE.search(rest)
    if not match or (match.start() > 0 and rest[match.start() - 1] not in " ,.("):
        return False
    result.genre = match.group("genre")
    tail_at = tail_start(match.group("rest"), 0)
    university = match.group("rest")[:tail_at].strip(" ,.;:()")
    if university:
        result.publisher = university
    before = rest[: match.start()].strip(" ,.;:(")
    if before:
        result.container = before
    parse_tail(match.group("rest")[tail_at:], result)
    return True


def _abbreviated_journal_first(rest: str, result: Parsed) -> bool:
    """For example
    "Philos. Trans. R. Soc. B Biol. Sci. 370:20140330": the whole head is one abbreviated
    journal name; its stops are abbreviations, not sentence ends."""
    start = tail_start(rest, 0)
    head = rest[:start].strip(" ,.;:")
    if not head or start >= len(rest) or "." not in head or not looks_like_journal(head):
        return False
    result.container = head
    parse_tail(rest[start:], result)
    return True


_PAREN_PUBLISHER = re.compile(
    r"\s?\((?:(?P<place1>[^():;]{2,40}):\s?(?P<publisher1>[^():;]{2,80}?)"
    r"(?:,?\s?(?P<year1>" + YEAR + r"))?"
    r"|(?P<publisher2>[^():;,]{2,60}),\s?(?P<place2>[^():;]{2,60}?),?\s?(?P<year2>" + YEAR + r")"
    r"|(?P<publisher3>[^():;,]{2,60}),\s?(?P<year3>" + YEAR + r"))"
    r"\)[.,]?"
)
_SERIES_AFTER_TITLE = re.compile(
    r",\s?(?P<series>(?:Lecture Notes|Graduate Texts|Texts|Springer Series|Studies|Monographs|"
    r"Progress|Advances|Solid Mechanics|Fundamental Theories|Undergraduate|Cambridge Monographs|"
    r"Contemporary Mathematics|Theoretical and Mathematical Physics|Methods|Series)\b[^,]{0,100})$"
)


def _without_series(title: str, result: Parsed) -> str:
    """ "Introduction to X, Texts in Applied Mathematics (Springer, 2015)": the book's series."""
    title = title.strip(" ,.;:")
    series = _SERIES_AFTER_TITLE.search(title)
    if series is None:
        return title
    result.collection = series.group("series").strip()
    return title[: series.start()].strip(" ,.;:")


def _paren_imprint(text: str) -> re.Match[str] | None:
    """An imprint in brackets; "(Name, 2000)" only when the name is a publisher's."""
    for match in _PAREN_PUBLISHER.finditer(text):
        publisher3 = match.group("publisher3")
        if publisher3 is None or PUBLISHER_WORDS.search(publisher3):
            return match
    return None


def _set_imprint(match: re.Match[str], result: Parsed) -> None:
    """Publisher, place and year from a :data:`_PAREN_PUBLISHER` match."""
    publisher = match.group("publisher1") or match.group("publisher2") or match.group("publisher3")
    result.publisher = (publisher or "").strip()
    result.place = (match.group("place1") or match.group("place2") or "").strip() or None
    year = match.group("year1") or match.group("year2") or match.group("year3")
    if result.year is None and year:
        result.year = int(year)


def paren_publisher(body: str, result: Parsed) -> bool:
    """Books cited with their imprint in brackets: "Title (London: Routledge, 1992)",
    "Quantum Physics in One Dimension (Clarendon Press, Oxford, 2003)"."""
    match = _paren_imprint(body)
    if not match or match.start() < 3 or tail_start(body[: match.start()], 0) < match.start() - 1:
        return False
    result.title = title_without_edition(_without_series(body[: match.start()], result), result)
    _set_imprint(match, result)
    rest = body[match.end() :].strip(" ,.;:")
    if rest:
        parse_tail(rest, result)
    return True


def _container_piece(piece: str, parts: list[str], result: Parsed) -> None:
    piece = piece.strip(" ,.;:([")
    if not piece:
        return
    if parts and result.publisher is None and PUBLISHER_WORDS.search(piece) and len(piece) < 80:
        publisher, _, place = piece.partition(",")
        result.publisher = publisher.strip()
        if place.strip():
            result.place = place.strip()
        return
    if (
        not parts
        and result.publisher is None
        and PUBLISHER_WORDS.search(piece)
        and (result.title and not JOURNAL_WORDS.search(piece) and len(piece) < 60)
    ):
        result.publisher = piece
        return
    parts.append(piece)


def _segments(text: str) -> list[str]:
    """Split at sentence boundaries that are not inside abbreviations ("J. Am. Chem. Soc.")."""
    pieces: list[str] = []
    start = 0
    for match in BOUNDARY.finditer(text):
        before = text[start : match.start()]
        word = before.rsplit(" ", 1)[-1].lstrip('("“')
        if match.group(1) == "." and (
            NOT_SENTENCE_END.match(word) or len(word) <= 2 or "." in word
        ):
            continue
        if looks_like_journal(before):
            continue
        pieces.append(text[start : match.start() + 1])
        start = match.end()
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


def take_editors(rest: str, result: Parsed) -> str:
    """Editors written first after "In:" ("In: J. Smith (ed.) Book"): read them, return the rest."""
    after = _EDITORS_AFTER.search(rest)
    if after and looks_like_names(after.group("names")):
        return rest
    match = _EDITORS.match(rest)
    if match and looks_like_names(match.group("names")):
        result.editors = split_name_list(match.group("names"))
        return rest[match.end() :]
    return rest


def _take_editors_after(rest: str, result: Parsed) -> str:
    """For example
    "Theorizing Documentary, ed. Michael Renov, 1-11": editors named after the book title.
    """
    match = _EDITORS_AFTER.search(rest)
    if match and not result.editors:
        result.editors = split_name_list(match.group("names"))
        return (rest[: match.start()] + ". " + rest[match.end() :]).strip()
    return rest


_EXTENT_AND_SERIES = re.compile(
    r"(?:^|[.,]\s?)\d{1,4}\s?(?:p|S|s)\.?(?:\s?\((?P<series>[^()]{2,80})\)\.?)?\s*$"
)


def _take_book_extent(rest: str, result: Parsed) -> str:
    """A book's extent is not a container: "Paris : Masson, 2007. 702 p. (Collection)"; the
    series in brackets is the collection."""
    extent = _EXTENT_AND_SERIES.search(rest)
    if extent is None or extent.start() == 0:
        return rest
    result.leftover.append(extent.group(0).strip(" .,"))
    if extent.group("series"):
        result.collection = extent.group("series").strip()
    return rest[: extent.start()]


def _take_edition(rest: str, result: Parsed) -> str:
    match = _EDITION.search(rest)
    if not match:
        return rest
    if match.group("ed"):
        result.edition = match.group("ed")
    else:
        result.edition = _ORDINALS.get(match.group("word").lower(), match.group("word"))
    return (rest[: match.start()] + " " + rest[match.end() :]).strip(" .,;:")
