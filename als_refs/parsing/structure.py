"""The structural parser: a cleaned reference string split into bibliographic fields.

The order follows how references are written in every common style: names first, then (often)
the date, then the title, then the container and its numbers (volume, issue, pages), publisher
and place for books. Each step takes the longest confident match and leaves the rest to the
next one; what no step reads is reported, never guessed into a field.

This module reads the names (group authors, editors first, a journal the name scan took) and
makes the fixes and the type decision that look at all fields; the title and what follows it
are in :mod:`~als_refs.parsing.structure_title` and :mod:`~als_refs.parsing.structure_imprint`,
the volume, issue and pages in :mod:`~als_refs.parsing.structure_numbers`, the dates in
:mod:`~als_refs.parsing.structure_dates` and the shared vocabulary in
:mod:`~als_refs.parsing.structure_words`.
"""

from __future__ import annotations

import re

from als_refs.models import Name
from als_refs.parsing.names import GROUP_WORDS, looks_like_names, scan_authors, split_name_list
from als_refs.parsing.parsed import Parsed
from als_refs.parsing.structure_dates import MONTHS, PAREN_DATE, date_after_authors, leading_year
from als_refs.parsing.structure_imprint import (
    publisher_and_place,
    take_editors,
    title_without_edition,
)
from als_refs.parsing.structure_numbers import LOWER_WORD, NUMBER_TOKEN, parse_tail, tail_start
from als_refs.parsing.structure_title import journal_only, split_body
from als_refs.parsing.structure_words import (
    BOUNDARY,
    JOURNAL_WORDS,
    NOT_SENTENCE_END,
    PUBLISHER_WORDS,
    ends_with_place,
    looks_like_journal,
)

_THESIS = re.compile(
    r"\b(?:thesis|dissertation|Ph\.?\s?D\.?|Doctoral|Master['’]?s|MSc|M\.Sc|Diss\.)\b",
    re.IGNORECASE,
)
_CONFERENCE = re.compile(
    r"\b(?:Proc\.?|Proceedings|Conference|Conf\.?|Symposium|Symp\.?|Workshop|Congress|Meeting|"
    r"Colloquium|Summit)\b"
)
_REPORT = re.compile(r"\b(?:Technical Report|Tech\. Rep\.|Report|Working Paper|White Paper)\b")


def parse_structure(text: str, *, numbered: bool = False) -> Parsed:
    """The fields of one cleaned reference string, read by the rules in writing order:
    names, date, title, container and numbers, then the fixes that look at them together."""
    result = Parsed()
    scan = scan_authors(text, numbered=numbered)
    pos = scan.end
    result.authors, result.et_al = scan.names, scan.et_al
    if not scan.names:
        pos = _group_author(text, result)
    pos = _editors_mark(text, pos, result)
    _journal_read_as_names(text, pos, result)
    if result.container is None:
        pos = _journal_start_read_as_name(text, pos, result)
    comma_style = bool(result.authors) and text[pos : pos + 2].lstrip(".")[:1] == ","
    pos = date_after_authors(text, pos, result)
    if pos == 0:
        pos = leading_year(text, result)
    body = text[pos:].strip(" .,;:")
    split_body(body, result, comma_style)
    _journal_start_in_title(result)
    _publisher_in_title(result)
    _series_letter(result)
    _title_contributors(result)
    _in_inside_title(result)
    if result.publisher and result.place is None and "," in result.publisher:
        publisher_and_place(result.publisher, result)
    _decide_type(text, result)
    return result


_JOURNAL_START_WORDS = frozenset(
    {"J", "Class", "Rom", "Amer", "Astro-phys", "Europhys", "Dokl", "Publ", "Zool", "Ann", "Nuovo"}
)
_TITLE_END_ABBREVIATION = re.compile(
    r"(?:(?<=[\s.?!:;)(])|(?<=[a-z]))(?P<abbr>(?:J|[A-Z][a-z-]{1,9})(?:\.\s?[A-Z][a-z]{0,9}){0,2})$"
)
_INITIAL_BEFORE = re.compile(r"\b[A-Z]\.\s?$")


def _journal_start_in_title(result: Parsed) -> None:
    """The title took the first word of an abbreviated journal ("... wave detector Class" +
    "Quantum Grav", "... or solitons?Phys" + "Rev. Lett."): give it back to the journal."""
    if not (result.title and result.container):
        return
    match = _TITLE_END_ABBREVIATION.search(result.title)
    if match is None or len(result.title[: match.start()].split()) < 3:
        return
    if _INITIAL_BEFORE.search(result.title, 0, match.start()):
        return  # "F. J.Jiang": initials, not a journal
    first = match.group("abbr").split(".")[0]
    if first not in _JOURNAL_START_WORDS and not NOT_SENTENCE_END.match(first):
        return
    journal = f"{match.group('abbr')}. {result.container}"
    if not looks_like_journal(journal):
        return
    result.title = result.title[: match.start()].strip(" ,.;:")
    result.container = journal


_PUBLISHER_AT_END = re.compile(
    r"(?:[,;]|\.(?=\s))\s?(?P<publisher>[^,;.]{2,60}(?:\.\s?[^,;.]{1,30})?)$"
)


def _publisher_in_title(result: Parsed) -> None:
    """A book's publisher read into its title ("Turbulent Flows, Cambridge Univ. Press",
    "Problems in Electrodynamics; Academic Press" + "London")."""
    if not result.title or result.publisher or result.volume or result.page:
        return
    if result.container and not ends_with_place(result.container):
        return
    title, place = result.title, result.container
    pieces = title.rsplit(", ", 1)
    if len(pieces) == 2 and ends_with_place(pieces[1]) and place is None:
        title, place = pieces
    match = _PUBLISHER_AT_END.search(title)
    if match is None or not PUBLISHER_WORDS.search(match.group("publisher")):
        return
    if len(title[: match.start()].split()) < 2 or len(match.group("publisher").split()) > 6:
        return
    result.title = title[: match.start()].strip(" ,.;:")
    result.publisher = match.group("publisher").strip()
    result.place, result.container = place, None


_TITLE_CONTRIBUTORS = re.compile(
    r"[,.]\s\(?(?P<role>trans|Trans|tr|Tr|ed|Ed|eds|Eds)\.\)?\s(?P<names>[^,;:()]{3,80})$"
    r"|[,.]\s(?P<role2>[Tt]ranslated|[Ee]dited)\sby\s(?P<names2>[^,;:()]{3,80})$"
)
_IN_INSIDE = re.compile(r",\s(?:In|in)\s?:?\s(?=[A-Z])")


def _in_inside_title(result: Parsed) -> None:
    """ "An Introduction to ChPT, in Nuclear, subnuclear and astroparticle physics": a chapter's
    title, then the book or proceedings it is in, read as one title."""
    title = result.title or ""
    match = _IN_INSIDE.search(title)
    if not match or len(title[: match.start()].split()) < 3 or result.in_prefix:
        return
    book = take_editors(title[match.end() :], result).strip(" ,.")
    if len(book.split()) < 2:
        return
    result.title, result.container, result.in_prefix = title[: match.start()], book, True


_TITLE_ROLE_END = re.compile(r",\s\(?(?:trans|Trans|tr|Tr|ed|Ed|eds|Eds)\.?$")


def _title_contributors(result: Parsed) -> None:
    """ "A Biblical Miscellany, trans. Trent Foley and Arthur G. Holder": the translator or
    editor written after a book's title is not part of it."""
    role_end = _TITLE_ROLE_END.search(result.title or "")
    if role_end and result.container and looks_like_names(result.container):
        # the role's dot was read as the end of the title: "..., trans. | William Weaver"
        result.title = f"{result.title}. {result.container}"
        result.container = None
    if result.title:
        result.title = title_without_edition(result.title, result) or None
    match = _TITLE_CONTRIBUTORS.search(result.title or "")
    if not match or not result.title:
        return
    names = match.group("names") or match.group("names2")
    if not looks_like_names(names):
        return
    role = (match.group("role") or match.group("role2")).lower()
    if role.startswith("ed") and not result.editors and result.authors:
        result.editors = split_name_list(names)
    result.title = result.title[: match.start()].strip(" ,.")


_SERIES_VOLUME = re.compile(r"^(?P<series>[A-EGX])\s?(?P<volume>\d{1,4})$")


def _series_letter(result: Parsed) -> None:
    """Physics journals write the series letter against the volume ("Phys. Rev. D80",
    "Nucl. Instrum. Meth. A506"): the letter names the journal, the number is the volume."""
    match = _SERIES_VOLUME.match(result.volume or "")
    container = (result.container or "").rstrip(" .,")
    if not match or not container or not looks_like_journal(container):
        return
    result.container = f"{container}. {match.group('series')}"
    result.volume = match.group("volume")


def _journal_read_as_names(text: str, pos: int, result: Parsed) -> None:
    """Only numbers after the "names" ("Cell, Vol. 109, 29-37", "Grøn Ø., Am. J. Phys., 50 (1982)
    1144"): the last of them was the journal, and the names before it, if any, the authors."""
    if not result.authors or result.et_al or result.editors:
        return
    if _sentence_after(text, pos):
        return
    label = _TRAILING_LABEL.search(text, 0, pos)
    head = text[: label.start() if label else pos].rstrip(" ,.;:")
    rest = text[len(head) :]
    if tail_start(rest, 0) != len(rest) - len(rest.lstrip(" ,.;:")):
        return
    if len(NUMBER_TOKEN.findall(rest)) < 2:
        return  # "Smith J, Jones K. 2001.": names and a year, nothing to say a journal is there
    words = _WORD_RUN.findall(NUMBER_TOKEN.sub(" ", rest))
    if any(w[:3].lower() not in MONTHS and w.lower() not in _LABEL_WORDS for w in words):
        return  # "Cox, D. P. 1972, ApJ, 178, 143": the journal is after the names
    # the shortest journal first: "Mehran Bagheri, Journal of Applied Physics 107, 114305"
    for cut in (*(m.end() for m in reversed(list(re.finditer(r",\s?", head)))), 0):
        journal = head[cut:].strip(" ,")
        if (
            not journal_only(journal, rest)
            or not _names_cannot_be_journal(journal)
            or _NAME_JOINER.search(journal)
        ):
            continue
        authors = scan_authors(head[:cut]).names if cut else ()
        if cut and not authors:
            continue
        result.authors, result.container = authors, journal
        return


def _sentence_after(text: str, pos: int) -> bool:
    """A running lower-case word after the names: a title follows, not a journal and numbers
    (checked first because it is cheap)."""
    return any(w[:3] not in MONTHS and w not in _LABEL_WORDS for w in LOWER_WORD.findall(text, pos))


_SOCIETY_ACRONYMS = frozenset({"IEEE", "ACM", "SIAM", "AIAA", "ASME", "IET", "IEE", "AIP", "APS"})
_NAME_SUFFIX_WORDS = frozenset({"Jr", "JR", "Sr", "SR", "Jr.", "JR.", "Sr.", "SR."})


def _journal_start_read_as_name(text: str, pos: int, result: Parsed) -> int:
    """ "J. Cell. Biochem. 90:339", "Downward, Curr. Opin. Cell Biol. 10: 262": the scan took the
    journal's first word for a name; the journal then runs on to the numbers."""
    if not result.authors or result.et_al or result.editors:
        return pos
    if _sentence_after(text, pos):
        return pos
    rest = text[pos:]
    at = tail_start(rest, 0)
    rest_head, tail = rest[:at].strip(" ,;:"), rest[at:]
    if not _WORD_RUN.search(rest_head) or rest[:1] not in ". ":
        return pos
    words = _WORD_RUN.findall(NUMBER_TOKEN.sub(" ", tail))
    if any(w[:3].lower() not in MONTHS and w.lower() not in _LABEL_WORDS for w in words):
        return pos  # more words after the numbers: not a journal's volume and pages
    segment_start = max(text.rfind(",", 0, pos) + 1, 0)
    for token in re.finditer(r"\S+", text[segment_start:pos]):
        if token.group(0) in _NAME_SUFFIX_WORDS:
            continue
        start = segment_start + token.start()
        piece = text[start:pos]
        before = text[:start].split()
        if len(token.group(0).strip(".")) == 1 and before and before[-1][-1:].isalpha():
            continue  # "Bahcall J. Phys. Rev.": the initial of the name before it
        journal = text[start : pos + at].strip(" ,;:")
        words = piece.replace(".", " ").split()
        journal_words = all(
            len(w) == 1
            or w in _SOCIETY_ACRONYMS
            or JOURNAL_WORDS.fullmatch(w)
            or NOT_SENTENCE_END.fullmatch(w)
            for w in words
        )
        if not journal_words or not looks_like_journal(journal):
            continue
        result.authors = _names_before(text[:start])
        result.container = journal
        parse_tail(tail, result)
        return len(text)
    return pos


def _names_before(prefix: str) -> tuple[Name, ...]:
    """The names left before a journal: a list, or one surname alone ("Downward, ")."""
    prefix = prefix.strip(" ,.;:")
    if not prefix:
        return ()
    names = scan_authors(prefix).names
    if not names and re.fullmatch(r"[A-Z][\w'’-]+", prefix):
        names = (Name(family=prefix),)
    return names


_WORD_RUN = re.compile(r"[^\W\d_]{2,}")
_LABEL_WORDS = frozenset({"vol", "volume", "no", "nos", "pp", "issue", "suppl", "art"})
_NAME_JOINER = re.compile(r"\s(?:and|et|&|et\sal)\s")
_TRAILING_LABEL = re.compile(r",?\s?\b(?:Vol|VOL|No|pp?)\.?\s?$")


def _names_cannot_be_journal(journal: str) -> bool:
    """Text written like names ("Smith J, Jones K") is names, unless a journal word says not."""
    # a lone "J" is as likely an initial as "Journal"
    if any(word.group(0) != "J" for word in JOURNAL_WORDS.finditer(journal)):
        return True
    return scan_authors(journal).end < len(journal) - 1


_EDITORS_MARK = re.compile(
    # "(Eds.)", ", Ed.", ", editors.", "eds.": a capitalised mark needs its comma or bracket,
    # so that a title such as "Editors and peer review" is not read as one
    r"(?:\.?\s?[(\[]|,\s?[(\[]?)(?:eds?|Eds?|editors?|Editors?|éds?|Éds?|Hrsg|Hg)\.?[)\]]?(?=[\s.,:;]|$)"
    r"|[,.]?\s?(?:eds?|editors?|éds?)\.?(?=[\s.,:;]|$)"
)


def _editors_mark(text: str, pos: int, result: Parsed) -> int:
    """An edited book names its editors first ("Disch, Thomas M., ed. The Ruins of Earth"):
    the names are the editors, and the mark is not the start of the title."""
    match = _EDITORS_MARK.match(text, pos) if result.authors else None
    if not match:
        return pos
    result.editors, result.authors = result.authors, ()
    return match.end()


_DITTO = re.compile(r"^(?:[—–_-]{2,}|―|—)\.?,?\s?")
_ACRONYM_AUTHOR = re.compile(r"^(?P<name>[A-Z][A-Z&]{2,9})[.,]\s(?=[A-Z0-9])")


def _group_author(text: str, result: Parsed) -> int:
    """A group author ("World Health Organization. ...", "ALS TDI (2013) ...", "AASHTO. ..."),
    or the ditto mark of a list by one author ("———. 1788. Title."): no name, the text follows."""
    ditto = _DITTO.match(text)
    if ditto:
        result.ditto = True
        return ditto.end()
    acronym = _ACRONYM_AUTHOR.match(text)
    if acronym:
        result.authors = (Name(literal=acronym.group("name")),)
        return acronym.end()
    date = PAREN_DATE.search(text, 0, 160)
    if date and date.start() > 2:
        head = text[: date.start()].strip(" .,")
        if (
            head
            and len(head.split()) <= 12
            and not BOUNDARY.search(head)
            and not any(c.isdigit() for c in head)
            and (GROUP_WORDS.search(head) or not JOURNAL_WORDS.search(head))
        ):
            result.authors = (Name(literal=head),)
            return date.start()
    boundary = BOUNDARY.search(text, 0, 120)
    if boundary:
        head = text[: boundary.start()].strip()
        if GROUP_WORDS.search(head) and len(head.split()) <= 10 and not JOURNAL_WORDS.search(head):
            result.authors = (Name(literal=head),)
            return boundary.end()
    return 0


def _decide_type(text: str, result: Parsed) -> None:
    if result.kind == "report" and result.genre:
        return
    result.kind = _kind(text, result)
    if result.kind == "article" and result.genre is None:
        result.genre = "preprint"


def _kind(text: str, result: Parsed) -> str:
    container = result.container or ""
    if result.volume is None:
        lower = text.lower()
        if any(
            h in lower for h in ("thes", "dissert", "ph", "doctor", "master", "msc", "m.sc")
        ) and (_THESIS.search(text)):
            return "thesis"
        if any(h in lower for h in ("rxiv", "preprint", "ssrn", "research square")):
            return "article"
    if result.editors and not container and not result.in_prefix:
        return "book"  # an edited book, or a book with its editor named after the title
    if result.in_prefix or result.editors:
        return "paper-conference" if _CONFERENCE.search(container) else "chapter"
    if container and result.volume is None and _CONFERENCE.search(container):
        return "paper-conference"
    if (
        result.volume is None
        and ("Rep" in text or "Paper" in text)
        and _REPORT.search(text)
        and not JOURNAL_WORDS.search(container)
    ):
        return "report"
    if not container and (result.publisher or result.edition):
        return "book"
    return "article-journal"
