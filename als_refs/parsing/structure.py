"""The structural parser: a cleaned reference string split into bibliographic fields.

The order follows how references are written in every common style: names first, then (often)
the date, then the title, then the container and its numbers (volume, issue, pages), publisher
and place for books. Each step takes the longest confident match and leaves the rest to the
next one; what no step reads is reported, never guessed into a field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from als_refs.models import Name
from als_refs.parsing.names import GROUP_WORDS, looks_like_names, scan_authors, split_name_list

_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12, "janv": 1, "févr": 2, "mars": 3, "avr": 4,
    "mai": 5, "juin": 6, "juil": 7, "août": 8, "déc": 12, "mär": 3, "okt": 10, "dez": 12,
    "ene": 1, "abr": 4, "ago": 8, "dic": 12, "fév": 2, "aoû": 8,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|"
    r"[Jj]anvier|[Ff]évrier|[Mm]ars|[Aa]vril|[Mm]ai|[Jj]uin|[Jj]uillet|[Aa]oût|[Ss]eptembre|"
    r"[Oo]ctobre|[Nn]ovembre|[Dd]écembre|Januar|Februar|März|Juni|Juli|Oktober|Dezember|"
    r"[Ee]nero|[Ff]ebrero|[Mm]arzo|[Aa]bril|[Mm]ayo|[Jj]unio|[Jj]ulio|[Aa]gosto|[Ss]eptiembre|"
    r"[Oo]ctubre|[Nn]oviembre|[Dd]iciembre)"
)
_SEASON = r"(?:Spring|Summer|Autumn|Fall|Winter)"

_PAREN_DATE = re.compile(
    rf"\s?[.,]?\s?\(\s?(?P<year>{_YEAR})(?P<suffix>[a-z])?(?:\s?\[{_YEAR}\])?\s?(?:[,/]\s?(?P<rest>[^()]{{1,30}}?))?\s?\)"
    r"\s?[.:,]?\s?"
)
_PAREN_NODATE = re.compile(
    r"\s?[.,]?\s?\((?:n\.\s?d\.|nd|in press|forthcoming|s\.d\.)\)\s?[.:,]?\s?", re.I
)
_BARE_DATE = re.compile(
    rf"\s?\.?,?\s(?P<year>{_YEAR})(?P<suffix>[a-z])?(?:\s?\[{_YEAR}\])?"
    rf"(?:,?\s(?P<rest>{_MONTH}\.?(?:\s\d{{1,2}})?|{_SEASON}))?(?:\s?[.:,]\s|\s(?=[A-Z“\"]))"
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
_BOUNDARY = re.compile(r"(?<=[^\s])([.?!])[\"”’]?\s+(?=[^\s,;:)\]])")
_NOT_SENTENCE_END = re.compile(
    r"(?:[A-Z]|e\.g|i\.e|vs|al|Dr|St|Mr|Mrs|Ms|Prof|no|No|Vol|vol|pp|ed|eds|Ed|Eds|Jn|Sc|Ph|"
    r"Inc|Ltd|Co|Jr|Sr|Nos|approx|ca|cf|Fig|Suppl|Dept|Univ|Int|Nat|Natl|Am|Eur|Br|Jpn|Chem|"
    r"Phys|Soc|Rev|Lett|Res|Med|Sci|Proc|Trans|Acad|Biol|Clin|Neurol|Psychiatry|Ann|Arch|Assoc|"
    r"Inst|Mol|Biochem|Pharmacol|Engl|Nucl|Appl|Math|Astron|Astrophys|Geophys|Mech|Eng|Comput|"
    r"Opt|Mater|Struct|Exp|Theor|Stat|Neurosci|Physiol|Immunol|Microbiol|Genet|Ecol|Environ|"
    r"Polym|Surf|Cryst|Electron|Instrum|Lect|Adv|Curr|Opin|Bull|Chin|Commun|Comm|Zh|Syst|Anal|"
    r"Sov|Mon|Roy|Philos|Sect|Ser|Quant|Geol|Mineral|Petrol|Oncol|Cardiol|Dermatol|Endocrinol|"
    r"Gastroenterol|Hepatol|Nephrol|Ophthalmol|Pediatr|Psychol|Radiol|Surg|Urol|Epidemiol)$"
)
_TAIL = re.compile(
    r"\b(?:[Vv]ol(?:ume)?|VOL|[Vv]|[Nn]o|[Ii]ss(?:ue)?|[Nn]r|[Pp]p?|[Pp]ages?|[Aa]rt(?:icle)?(?:\s?no)?"
    r"|[Ss]uppl?)\s?\.?\s?(?:[A-Za-z]?\d|[IVXLC]+\b)"
    r"|(?<![\w\-/])[A-Z]?\d+(?:[A-Za-z](?=\W|$))?(?:\s?[-–—]\s?[A-Z]?\d+)?(?![\w\-/])"
    # "Proceedings of the 1989 ACM Conference": a number inside a name is not the tail
    r"(?!\s(?!" + _MONTH + r")(?:[A-Z][a-z]{2,}|ACM|IEEE|SIAM|USENIX|AAAI|IFIP|SPIE|ICRC)\b)"
    r"|\(\s?" + _YEAR + r"\s?\)"
    r"|\b" + _MONTH + r"\.?\s\d"
    r"|\b" + _SEASON + r"\s\d"
    r"|(?<=,\s)[IVXLC]{2,7}\b(?=\s?[,(])"
)
_ABBREV_WORD = re.compile(r"^(?:[A-Z][A-Za-z]{0,11}[.:]?|[A-Z]+|of|and|&|the|de|der|für|et)$")
_JOURNAL_WORDS = re.compile(
    r"\b(?:Journal|J|Rev|Review|Reviews|Annals|Ann|Proceedings|Proc|Letters|Lett|Bulletin|Bull|"
    r"Transactions|Trans|Archives|Arch|Acta|Research|Res|Medicine|Med|Science|Sci|Nature|Lancet|"
    r"Neurology|Neurol|Cell|Reports|Rep|Database|Quarterly|Magazine|Physics|Phys|Chem|Chemistry|"
    r"International|Int|American|Am|European|Eur|British|Br|Systematic|Clinical|Clin|BMJ|JAMA|"
    r"PLoS|PLOS|ONE|Brain|Muscle|Nerve)\b"
)
_PLACE_PUBLISHER = re.compile(
    r"^(?P<place>[A-Z][^\W\d_.'’ -]{0,2}[^\W\d_.'’ -]*(?:[.'’ -]{1,2}[^\W\d_]+){0,3}"
    r"(?:,\s?[A-Z][^\W\d_.’' ]*(?:[.’' ]{1,2}[^\W\d_]+){0,3}\.?){0,2})\s?:\s?"
    r"(?P<publisher>(?=[^:;]*[^\W\d_])[^:;]{2,100}?)\s?[;,.]?\s?(?P<year>" + _YEAR + r")?[.;,]?$"
)
_PUBLISHER_WORDS = re.compile(
    r"\b(?:Press|Publish\w*|Publications?|Verlag|Springer|Elsevier|Wiley|Blackwell|Academic|"
    r"Lippincott|Saunders|Mosby|Churchill|Thieme|Karger|Routledge|Sage|SAGE|Books|Oxford|"
    r"Cambridge University|McGraw|Prentice|Addison|Pearson|Norton|Penguin|CRC|Humana|Inc\.?|"
    r"Ltd\.?|Co\.|Company|Editions?|Éditions|Verlag|Media|Health)\b"
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
_THESIS = re.compile(
    r"\b(?:thesis|dissertation|Ph\.?\s?D\.?|Doctoral|Master['’]?s|MSc|M\.Sc|Diss\.)\b",
    re.IGNORECASE,
)
_CONFERENCE = re.compile(
    r"\b(?:Proc\.?|Proceedings|Conference|Conf\.?|Symposium|Symp\.?|Workshop|Congress|Meeting|"
    r"Colloquium|Summit)\b"
)
_REPORT = re.compile(r"\b(?:Technical Report|Tech\. Rep\.|Report|Working Paper|White Paper)\b")
_PREPRINT = re.compile(r"\b(?:arXiv|bioRxiv|medRxiv|preprint|SSRN|Research Square)\b", re.I)
_NUMBER_TOKEN = re.compile(
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


@dataclass
class Parsed:
    """Fields read from one reference string, as written, plus what could not be read."""

    authors: tuple[Name, ...] = ()
    editors: tuple[Name, ...] = ()
    et_al: bool = False
    title: str | None = None
    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    number: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    date_text: str | None = None
    publisher: str | None = None
    place: str | None = None
    edition: str | None = None
    genre: str | None = None
    collection: str | None = None
    kind: str = "article-journal"
    in_prefix: bool = False
    ditto: bool = False
    leftover: list[str] = field(default_factory=list)


_RUNNING_WORD = re.compile(r"[a-z]{4,}")
_PUNCTUATION_RUN = re.compile(r"[\s.,;:()\[\]\-–]+")
_RANGE_DASH = re.compile(r"\d\s?[-–—‐‑−]")


def parse_structure(text: str, *, numbered: bool = False) -> Parsed:
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
    pos = _date_after_authors(text, pos, result)
    if pos == 0:
        pos = _leading_year(text, result)
    body = text[pos:].strip(" .,;:")
    _split_body(body, result, comma_style)
    _journal_start_in_title(result)
    _publisher_in_title(result)
    _series_letter(result)
    _title_contributors(result)
    _in_inside_title(result)
    if result.publisher and result.place is None and "," in result.publisher:
        _publisher_and_place(result.publisher, result)
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
    if first not in _JOURNAL_START_WORDS and not _NOT_SENTENCE_END.match(first):
        return
    journal = f"{match.group('abbr')}. {result.container}"
    if not _looks_like_journal(journal):
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
    if result.container and not _ends_with_place(result.container):
        return
    title, place = result.title, result.container
    pieces = title.rsplit(", ", 1)
    if len(pieces) == 2 and _ends_with_place(pieces[1]) and place is None:
        title, place = pieces
    match = _PUBLISHER_AT_END.search(title)
    if match is None or not _PUBLISHER_WORDS.search(match.group("publisher")):
        return
    if len(title[: match.start()].split()) < 2 or len(match.group("publisher").split()) > 6:
        return
    result.title = title[: match.start()].strip(" ,.;:")
    result.publisher = match.group("publisher").strip()
    result.place, result.container = place, None


_REGION = re.compile(r"^(?:[A-Z]\.?(?:[A-Z]\.?){1,2}|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)$")


def _publisher_and_place(imprint: str, result: Parsed) -> bool:
    """ "Prentice Hall, Upper Saddle River, N.J.", "Paris, Grasset", "Forestry Commission,
    Edinburgh, Scotland": a publisher and a known city (with its state or country)."""
    pieces = [p.strip(" .") for p in imprint.split(",") if p.strip(" .")]
    at = next((i for i, piece in enumerate(pieces) if piece in _CITIES), None)
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
    book = _take_editors(title[match.end() :], result).strip(" ,.")
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
        result.title = _title_without_edition(result.title, result) or None
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
    if not match or not container or not _looks_like_journal(container):
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
    if _tail_start(rest, 0) != len(rest) - len(rest.lstrip(" ,.;:")):
        return
    if len(_NUMBER_TOKEN.findall(rest)) < 2:
        return  # "Smith J, Jones K. 2001.": names and a year, nothing to say a journal is there
    words = _WORD_RUN.findall(_NUMBER_TOKEN.sub(" ", rest))
    if any(w[:3].lower() not in MONTHS and w.lower() not in _LABEL_WORDS for w in words):
        return  # "Cox, D. P. 1972, ApJ, 178, 143": the journal is after the names
    # the shortest journal first: "Mehran Bagheri, Journal of Applied Physics 107, 114305"
    for cut in (*(m.end() for m in reversed(list(re.finditer(r",\s?", head)))), 0):
        journal = head[cut:].strip(" ,")
        if (
            not _journal_only(journal, rest)
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
    return any(
        w[:3] not in MONTHS and w not in _LABEL_WORDS for w in _LOWER_WORD.findall(text, pos)
    )


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
    at = _tail_start(rest, 0)
    rest_head, tail = rest[:at].strip(" ,;:"), rest[at:]
    if not _WORD_RUN.search(rest_head) or rest[:1] not in ". ":
        return pos
    words = _WORD_RUN.findall(_NUMBER_TOKEN.sub(" ", tail))
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
            or _JOURNAL_WORDS.fullmatch(w)
            or _NOT_SENTENCE_END.fullmatch(w)
            for w in words
        )
        if not journal_words or not _looks_like_journal(journal):
            continue
        result.authors = _names_before(text[:start])
        result.container = journal
        _parse_tail(tail, result)
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
    if any(word.group(0) != "J" for word in _JOURNAL_WORDS.finditer(journal)):
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
    date = _PAREN_DATE.search(text, 0, 160)
    if date and date.start() > 2:
        head = text[: date.start()].strip(" .,")
        if (
            head
            and len(head.split()) <= 12
            and not _BOUNDARY.search(head)
            and not any(c.isdigit() for c in head)
            and (GROUP_WORDS.search(head) or not _JOURNAL_WORDS.search(head))
        ):
            result.authors = (Name(literal=head),)
            return date.start()
    boundary = _BOUNDARY.search(text, 0, 120)
    if boundary:
        head = text[: boundary.start()].strip()
        if GROUP_WORDS.search(head) and len(head.split()) <= 10 and not _JOURNAL_WORDS.search(head):
            result.authors = (Name(literal=head),)
            return boundary.end()
    return 0


def _date_after_authors(text: str, pos: int, result: Parsed) -> int:
    if pos == 0 and not result.authors:
        return 0
    if result.ditto:
        pos -= 1  # the date patterns start with the space after the mark
    for pattern in (_PAREN_DATE, _BARE_DATE):
        match = pattern.match(text, pos)
        if match:
            _set_date(result, match.group("year"), match.group("rest"))
            result.date_text = match.group(0).strip(" .,:()")
            return match.end()
    nodate = _PAREN_NODATE.match(text, pos)
    if nodate:
        return nodate.end()
    return pos


def _leading_year(text: str, result: Parsed) -> int:
    """For example "2011 Plasma Phys. Control. Fusion 53 082001": the year written first."""
    match = re.match(rf"\(?({_YEAR})[a-z]?\)?[.,:]?\s", text)
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


def _split_body(body: str, result: Parsed, comma_style: bool = False) -> None:
    if not body:
        return
    quoted = _QUOTED.match(body) or _QUOTED.search(body, 0, 400)
    if quoted and (quoted.start() == 0 or _only_names(body[: quoted.start()], result)):
        title = next((quoted.group(g) for g in _QUOTE_GROUPS if quoted.group(g)), "")
        result.title = title.strip(" ,.")
        _container_and_tail(body[quoted.end() :], result)
        return
    tail0 = _tail_start(body, 0)
    head0 = body[:tail0].strip(" ,.;:")
    if head0 and tail0 < len(body) and _journal_only(head0, body[tail0:]):
        result.container = head0
        _parse_tail(body[tail0:], result)
        return
    if _paren_publisher(body, result):
        return
    if comma_style and _comma_split(body[:tail0], body[tail0:], result):
        return
    title_end = _title_end(body)
    if title_end is None:
        _no_sentence_boundary(body, tail0, result)
        return
    end, resume = title_end
    result.title = _title_without_edition(body[:end].strip(" ,;:"), result)
    _container_and_tail(body[resume:], result)


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
    if all(c in _CITIES for c in _CITY_LIST.split(pieces[-1])):
        # "Poetry as Performance: Homer and Beyond, Cambridge 1996": a book and its place
        result.place = pieces[-1]
        result.title = ", ".join(pieces[:-1])
        _parse_tail(tail, result)
        return True
    publisher_at = next(
        (i for i, p in enumerate(pieces) if i > 0 and _PUBLISHER_WORDS.search(p)), None
    )
    if publisher_at is None and len(pieces) >= 3 and pieces[-2] in _CITIES:
        # "Les relations ..., Paris, Les Indes Savantes, 2001": place, then publisher
        result.place, result.publisher = pieces[-2], pieces[-1]
        result.title = ", ".join(pieces[:-2])
        _parse_tail(tail, result)
        return True
    if publisher_at is not None:
        result.publisher = pieces[publisher_at]
        if publisher_at + 1 < len(pieces):
            result.place = ", ".join(pieces[publisher_at + 1 :])
        pieces = pieces[:publisher_at]
        result.title = ", ".join(pieces)
        _parse_tail(tail, result)
        return bool(pieces)
    last = pieces[-1]
    sentence = next(
        (
            m
            for m in _BOUNDARY.finditer(last)
            if _is_sentence_end(last, m) and _full_word_before(last, m.start())
        ),
        None,
    )
    if sentence and (not _looks_like_journal(last) or _ends_with_place(last[: sentence.start()])):
        # "..., Quebec, Canada. Meteoritics": the journal is after the last full stop
        # (but "..., Cosmet. Toilet. 118" is one abbreviated name)
        pieces[-1:] = [last[: sentence.start()], last[sentence.end() :]]
        last = pieces[-1]
    words = last.split()
    if not (
        _looks_like_journal(last)
        or _JOURNAL_WORDS.search(last)
        or (len(words) <= 6 and all(w[:1].isupper() or w in _SMALL_WORDS for w in words))
    ):
        return False
    result.title, result.container = ", ".join(pieces[:-1]), last
    _parse_tail(tail, result)
    return True


_COUNTRIES = frozenset(
    {
        "Canada", "USA", "U.S.A", "UK", "U.K", "England", "Scotland", "Ireland", "France",
        "Germany", "Italy", "Spain", "Portugal", "Netherlands", "Belgium", "Switzerland",
        "Austria", "Sweden", "Norway", "Denmark", "Finland", "Poland", "Russia", "China",
        "Japan", "Korea", "India", "Australia", "Brazil", "Mexico", "Argentina", "Israel",
        "Greece", "Turkey", "Egypt", "Africa", "Chile", "Hungary", "Czechia", "Quebec",
        "Ontario", "California", "Texas", "Colorado", "Arizona", "Alberta",
    }
)  # fmt: skip


def _ends_with_place(text: str) -> bool:
    text = text.strip(" ,.")
    word = text.rsplit(" ", 1)[-1]
    return any(w in _COUNTRIES or w in _CITIES for w in (word, text))


_CITY_LIST = re.compile(r"\s(?:and|&|–|-)\s|\s?[–/-]\s?")


def _full_word_before(text: str, end: int) -> bool:
    word = text[:end].rsplit(" ", 1)[-1]
    return word.islower() or (len(word) >= 6 and word.isalpha())


_SMALL_WORDS = frozenset({"of", "and", "&", "the", "in", "for", "on", "de", "des", "der", "und"})


def _journal_only(head: str, tail: str) -> bool:
    """No title: "J. Mol. Spectrosc. 33, 84 (1970)", "Tetrahedron, 31, 2999 (1975)"."""
    if _looks_like_journal(head):
        return True
    words = head.split()
    if (
        2 <= len(words) <= 10
        and head.isupper()
        and not _RUNNING_WORD.search(_NUMBER_TOKEN.sub(" ", tail))
    ):
        return True  # a running header: "ANTISENSE & NUCLEIC ACID DRUG DEVELOPMENT 11:199-207"
    numeric_tail = not _RUNNING_WORD.search(_NUMBER_TOKEN.sub(" ", tail))
    if (
        numeric_tail
        and len(words) <= 8
        and _JOURNAL_WORDS.search(head)
        and not _PUBLISHER_WORDS.search(head)
        and not _BOUNDARY.search(head)
        and words[0][:1].isupper()
        and not _title_before_journal(head)
    ):
        return True  # "SIAM Journal on Numerical Analysis 23, 485 (1986)"
    if len(words) > 6 or not all(w[:1].isupper() or w in _TITLE_CONNECTORS for w in words):
        return False
    if len(words) > 3:
        # "Progress in Aerospace Sciences 46 (2010) 1–27": a longer name needs volume and pages
        return numeric_tail and not _BOUNDARY.search(head) and len(_NUMBER_TOKEN.findall(tail)) >= 2
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
    if len(lead) > 100 or len(lead.split()) > 12 or _BOUNDARY.search(lead):
        return False
    lead = " ".join(_without_prefix_year(lead, result).split()).strip(" ,.;:")
    if lead and not any(c.isdigit() for c in lead) and looks_like_names(lead):
        result.authors = split_name_list(lead)
    return True


_NAME_LIST_WORDS = frozenset(
    {
        "and", "et", "al", "van", "von", "v", "der", "den", "de", "del", "della", "da", "dos",
        "du", "und", "y",
    }
)  # fmt: skip
_PREFIX_YEAR = re.compile(rf"\(?\b({_YEAR})[a-z]?\)?")


def _without_prefix_year(prefix: str, result: Parsed) -> str:
    """The names before a quoted title may hold the year ("NRC, 2010, “Title”"): read it."""
    year = _PREFIX_YEAR.search(prefix)
    if year is None:
        return prefix
    if result.year is None:
        result.year = int(year.group(1))
    return prefix[: year.start()] + " " + prefix[year.end() :]


def _more_names(prefix: str, result: Parsed) -> bool:
    """The author scan stopped early ("Morton, Michael S. Scott. “Title”", "Eldar, Eran, and Ori
    Ganor, Roee Admon, ... “Title”"): the rest before the quoted title is names and a year."""
    words = [w.strip(",.;:()") for w in prefix.split()]
    if len(words) > 40 or any(w in {"In", "in", "In:"} for w in words):
        return False
    if any(w[:1].islower() and w not in _NAME_LIST_WORDS for w in words if w):
        return False
    prefix = _without_prefix_year(prefix, result)
    names = scan_authors(prefix.strip(" ,.;:")).names
    if names and not result.et_al:
        result.authors = (*result.authors, *names)
    return True


def _title_end(body: str) -> tuple[int, int] | None:
    """Where the title ends (its last character) and where the text after it resumes."""
    limit = _strong_tail(body)
    boundaries = [
        m for m in _BOUNDARY.finditer(body, 0, min(limit, 600)) if _is_sentence_end(body, m)
    ]
    for index, match in enumerate(boundaries):
        mark = match.group(1)
        if mark in "?!" and index + 1 < len(boundaries):
            # "Is X safe? A trial in Y. Journal..." : the question is part of a longer title.
            following = boundaries[index + 1]
            if _tail_start(body, match.end()) > following.end() + 1:
                continue
        end = match.start() + (1 if mark in "?!" else 0)
        return end, match.end()
    return None


_ORDINAL_EDITION_BEFORE = re.compile(r"\d(?:st|nd|rd|th)\s(?:ed|edn)$", re.IGNORECASE)
_EDITION_AT_END = re.compile(
    r"[,.]?\s\(?(?:(?P<ed>\d{1,2})(?:st|nd|rd|th)|(?P<word>Second|Third|Fourth|Fifth|Sixth|Revised))"
    r"\s?(?:ed|edn|edition)\.?\)?$",
    re.IGNORECASE,
)


def _title_without_edition(title: str, result: Parsed) -> str:
    """ "Basic Business Finance, 3rd ed.": the edition is not part of the title."""
    match = _EDITION_AT_END.search(title)
    if not match:
        return title
    word = match.group("word")
    result.edition = match.group("ed") or _ORDINALS.get(word.lower(), word)
    return title[: match.start()].strip(" ,.")


def _is_sentence_end(body: str, match: re.Match[str]) -> bool:
    if match.group(1) != ".":
        return True
    if _ORDINAL_EDITION_BEFORE.search(body, 0, match.start()):
        return True  # "Basic Business Finance, 3rd ed. Homewood, Illinois: ..."
    word = body[: match.start()].rsplit(" ", 1)[-1].lstrip('("“')
    return len(word) > 1 and "." not in word and not _NOT_SENTENCE_END.match(word)


_STRONG_TAIL = re.compile(
    r"\b(?:[Vv]ol(?:ume)?|VOL)\s?\.?\s?\d"
    r"|(?<![\w\-/])\d+\s?\(\s?[\w/-]{1,10}\s?\)\s?[:,]\s?[A-Za-z]?\d"
    r"|(?<![\w\-/])\d+\s?:\s?[A-Za-z]?\d+\s?[-–]"
    r"|(?<![\w\-/])" + _YEAR + r"\s?;\s?\d"
)


def _strong_tail(body: str) -> int:
    match = _STRONG_TAIL.search(body)
    return match.start() if match else len(body)


def _no_sentence_boundary(body: str, tail0: int, result: Parsed) -> None:
    head = body[:tail0].strip(" ,;:.")
    tail = body[tail0:]
    year = _YEAR_BETWEEN.search(head) if tail.strip() else None
    if year and len(head[: year.start()].split()) >= 3:
        result.title, result.container = head[: year.start()].strip(" ,.;:"), year.group(2)
        if result.year is None:
            result.year = int(year.group(1))
        _parse_tail(tail, result)
        return
    if "," in head:
        title, _, container = head.rpartition(",")
        title, container = title.strip(" ,"), container.strip(" ,.")
        if container and title and (_looks_like_journal(container) or tail.strip()):
            result.title, result.container = title, container
            _parse_tail(tail, result)
            return
    if head:
        run = _trailing_capitalised(head) if tail.strip() else None
        if run:
            result.title, result.container = head[: -len(run)].strip(" ,.;:"), run
            _year_after_title(result)
        elif tail.strip() and (_looks_like_journal(head) or _JOURNAL_WORDS.search(head)):
            result.container = head
        else:
            result.title = head
    _parse_tail(tail, result)


# "Topology preservation in feature maps 1997 IEEE Transactions on Neural Networks 8 256--266"
_YEAR_BETWEEN = re.compile(rf"(?<!\bthe)(?<!\bof)(?<!\bin)\s({_YEAR})\s([A-Z][^\d]{{2,120}})$")
_YEAR_AT_END = re.compile(rf"[\s,]\(?({_YEAR})[a-z]?\)?$")


def _year_after_title(result: Parsed) -> None:
    """ACM/Elsevier exports: "Finding structure in time 1990 Cognitive Sci 14 179--211"."""
    if not result.title:
        return
    match = _YEAR_AT_END.search(result.title)
    if match is None:
        return
    result.title = result.title[: match.start()].strip(" ,.;:")
    if result.year is None:
        result.year = int(match.group(1))


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


def _container_and_tail(rest: str, result: Parsed) -> None:
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
        rest = _take_editors(rest, result)
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
        if publisher and (index > 0 or not (result.in_prefix or _looks_like_journal(segment))):
            result.place = publisher.group("place").strip()
            result.publisher = publisher.group("publisher").strip(" ,.;")
            if publisher.group("year") and result.year is None:
                result.year = int(publisher.group("year"))
            continue
        start = _tail_start(segment, 0)
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
    _parse_tail(" ".join(tail_parts), result)
    _book_imprint(result)


_CITIES = frozenset(
    {
        "Abingdon",
        "Amsterdam",
        "Ann Arbor",
        "Antwerp",
        "Athens",
        "Atlanta",
        "Austin",
        "Baltimore",
        "Barcelona",
        "Basel",
        "Basingstoke",
        "Beijing",
        "Berkeley",
        "Berlin",
        "Bern",
        "Beverly Hills",
        "Bloomington",
        "Bogotá",
        "Bologna",
        "Bordeaux",
        "Boston",
        "Bruges",
        "Brussels",
        "Bruxelles",
        "Buenos Aires",
        "Cambridge",
        "Chapel Hill",
        "Chicago",
        "Cleveland",
        "Columbus",
        "Copenhagen",
        "Dallas",
        "Denver",
        "Detroit",
        "Dijon",
        "Dordrecht",
        "Dublin",
        "Durham",
        "Edinburgh",
        "Englewood Cliffs",
        "Firenze",
        "Florence",
        "Frankfurt",
        "Geneva",
        "Gent",
        "Genève",
        "Ghent",
        "Grenoble",
        "Göttingen",
        "Hamburg",
        "Harmondsworth",
        "Heidelberg",
        "Helsinki",
        "Hillsdale",
        "Hoboken",
        "Houston",
        "Ithaca",
        "Kraków",
        "Köln",
        "Lausanne",
        "Leiden",
        "Leipzig",
        "Leuven",
        "Lille",
        "Lima",
        "Lisboa",
        "Lisbon",
        "London",
        "Los Angeles",
        "Louvain",
        "Lyon",
        "Madison",
        "Madrid",
        "Mahwah",
        "Marseille",
        "Melbourne",
        "Milan",
        "Milano",
        "Minneapolis",
        "Montpellier",
        "Montreal",
        "Montréal",
        "Moscow",
        "Munich",
        "México",
        "München",
        "Nancy",
        "Nantes",
        "Naples",
        "Napoli",
        "New Haven",
        "New York",
        "Newbury Park",
        "Norwood",
        "Oslo",
        "Oxford",
        "Paris",
        "Philadelphia",
        "Pittsburgh",
        "Prague",
        "Praha",
        "Princeton",
        "Québec",
        "Rennes",
        "Rio de Janeiro",
        "Roma",
        "Rome",
        "San Francisco",
        "Santiago",
        "Seattle",
        "Seoul",
        "Sevilla",
        "Shanghai",
        "Singapore",
        "Stanford",
        "Stockholm",
        "Strasbourg",
        "Stuttgart",
        "Sydney",
        "São Paulo",
        "Thousand Oaks",
        "Tokyo",
        "Torino",
        "Toronto",
        "Toulouse",
        "Turin",
        "Tübingen",
        "Upper Saddle River",
        "Urbana",
        "Utrecht",
        "Venezia",
        "Venice",
        "Vienna",
        "Warsaw",
        "Warszawa",
        "Washington",
        "Wien",
        "Zurich",
        "Zürich",
        "Aarhus",
        "Aberdeen",
        "Albany",
        "Aldershot",
        "Baton Rouge",
        "Belfast",
        "Bergen",
        "Bombay",
        "Bonn",
        "Boulder",
        "Brighton",
        "Bristol",
        "Bucharest",
        "Budapest",
        "Burlington",
        "Cairo",
        "Calcutta",
        "Cape Town",
        "Cardiff",
        "Coimbra",
        "Delhi",
        "Dresden",
        "Farnham",
        "Freiburg",
        "Glasgow",
        "Granada",
        "Hong Kong",
        "Hove",
        "Istanbul",
        "Jerusalem",
        "Johannesburg",
        "Kiev",
        "Kolkata",
        "Kyiv",
        "Kyoto",
        "Lanham",
        "Leeds",
        "Leningrad",
        "Liverpool",
        "Lund",
        "Malden",
        "Manchester",
        "Marburg",
        "Mexico City",
        "Mumbai",
        "Münster",
        "Nairobi",
        "New Brunswick",
        "New Delhi",
        "Notre Dame",
        "Osaka",
        "Ottawa",
        "Padova",
        "Padua",
        "Pisa",
        "Porto",
        "Poznań",
        "Saint Petersburg",
        "Salamanca",
        "Siena",
        "Sofia",
        "St. Petersburg",
        "Taipei",
        "Tel Aviv",
        "Uppsala",
        "Valencia",
        "Vancouver",
        "Westport",
        "Wrocław",
    }
)
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
    if all(city in _CITIES for city in _CITY_LIST.split(container)):
        # "London", "London and New York", "Lanham-Boulder-New York"
        result.container, result.place = None, result.place or container
    elif (
        result.publisher is None
        and result.place is None
        and _publisher_and_place(container, result)
    ):
        result.container = None
    elif (
        result.publisher is None
        and len(container.split()) <= 6
        and (_PUBLISHER_WORDS.search(container) or _PUBLISHER_ABBREVIATION.search(container))
        and not _JOURNAL_WORDS.search(container)
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
        tail_at = _tail_start(report.group("rest"), 0)
        institution = report.group("rest")[:tail_at].strip(" ,.;:()")
        if institution:
            result.publisher = institution
        _parse_tail(report.group("rest")[tail_at:], result)
        return True
    match = _THESIS_PHRASE.search(rest)
    if not match or (match.start() > 0 and rest[match.start() - 1] not in " ,.("):
        return False
    result.genre = match.group("genre")
    tail_at = _tail_start(match.group("rest"), 0)
    university = match.group("rest")[:tail_at].strip(" ,.;:()")
    if university:
        result.publisher = university
    before = rest[: match.start()].strip(" ,.;:(")
    if before:
        result.container = before
    _parse_tail(match.group("rest")[tail_at:], result)
    return True


def _abbreviated_journal_first(rest: str, result: Parsed) -> bool:
    """For example
    "Philos. Trans. R. Soc. B Biol. Sci. 370:20140330": the whole head is one abbreviated
    journal name; its stops are abbreviations, not sentence ends."""
    start = _tail_start(rest, 0)
    head = rest[:start].strip(" ,.;:")
    if not head or start >= len(rest) or "." not in head or not _looks_like_journal(head):
        return False
    result.container = head
    _parse_tail(rest[start:], result)
    return True


_PAREN_PUBLISHER = re.compile(
    r"\s?\((?:(?P<place1>[^():;]{2,40}):\s?(?P<publisher1>[^():;]{2,80}?)"
    r"(?:,?\s?(?P<year1>" + _YEAR + r"))?"
    r"|(?P<publisher2>[^():;,]{2,60}),\s?(?P<place2>[^():;]{2,60}?),?\s?(?P<year2>" + _YEAR + r")"
    r"|(?P<publisher3>[^():;,]{2,60}),\s?(?P<year3>" + _YEAR + r"))"
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
        if publisher3 is None or _PUBLISHER_WORDS.search(publisher3):
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


def _paren_publisher(body: str, result: Parsed) -> bool:
    """Books cited with their imprint in brackets: "Title (London: Routledge, 1992)",
    "Quantum Physics in One Dimension (Clarendon Press, Oxford, 2003)"."""
    match = _paren_imprint(body)
    if not match or match.start() < 3 or _tail_start(body[: match.start()], 0) < match.start() - 1:
        return False
    result.title = _title_without_edition(_without_series(body[: match.start()], result), result)
    _set_imprint(match, result)
    rest = body[match.end() :].strip(" ,.;:")
    if rest:
        _parse_tail(rest, result)
    return True


def _container_piece(piece: str, parts: list[str], result: Parsed) -> None:
    piece = piece.strip(" ,.;:([")
    if not piece:
        return
    if parts and result.publisher is None and _PUBLISHER_WORDS.search(piece) and len(piece) < 80:
        publisher, _, place = piece.partition(",")
        result.publisher = publisher.strip()
        if place.strip():
            result.place = place.strip()
        return
    if (
        not parts
        and result.publisher is None
        and _PUBLISHER_WORDS.search(piece)
        and (result.title and not _JOURNAL_WORDS.search(piece) and len(piece) < 60)
    ):
        result.publisher = piece
        return
    parts.append(piece)


def _segments(text: str) -> list[str]:
    """Split at sentence boundaries that are not inside abbreviations ("J. Am. Chem. Soc.")."""
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start()]
        word = before.rsplit(" ", 1)[-1].lstrip('("“')
        if match.group(1) == "." and (
            _NOT_SENTENCE_END.match(word) or len(word) <= 2 or "." in word
        ):
            continue
        if _looks_like_journal(before):
            continue
        pieces.append(text[start : match.start() + 1])
        start = match.end()
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


def _take_editors(rest: str, result: Parsed) -> str:
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


def _tail_start(text: str, start: int) -> int:
    """Where the numbers (volume, pages, date) start: the first candidate after which the
    text has no more running words ("in N = 1, D = 4 superconformal theories" is title)."""
    for match in _TAIL.finditer(text, start):
        words = [w for w in _LOWER_WORD.findall(text, match.end()) if w not in _TAIL_WORDS]
        if len(words) < 2:
            return match.start()
    return len(text)


_LOWER_WORD = re.compile(r"(?<![\w.])[a-z]{4,}\b")
_TAIL_WORDS = frozenset(
    {
        "pages", "page", "volume", "issue", "number", "suppl", "supplement", "press",
        "abstract", "online", "print", "epub", "edition", "editor", "editors", "eds",
        "available", "from", "accessed", "cited", "retrieved",
    }
)  # fmt: skip


def _looks_like_journal(text: str) -> bool:
    """Abbreviated journal names: "J. Am. Chem. Soc.", "Br J Anaesth", "Phys.Rev .Lett ."."""
    words = text.replace(".", ". ").split()
    if not words or len(words) > 9:
        return False
    abbreviated = sum(1 for w in words if _ABBREV_WORD.match(w))
    if abbreviated < len(words):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    dotted = sum(1 for w in words[:-1] if w.endswith(".") and len(w) <= 12)
    if dotted and dotted * 2 >= capitalised - 1:
        return True
    return len(words) <= 3 and bool(_JOURNAL_WORDS.search(text))


def _parse_tail(tail: str, result: Parsed) -> None:
    tail = tail.strip(" .,;:")
    if not tail:
        return
    tail = _take_tail_date(tail, result)
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
    for match in _NUMBER_TOKEN.finditer(tail):
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
    rest = _NUMBER_TOKEN.sub(" ", tail)
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


_TAIL_DATES = tuple(
    re.compile(p)
    for p in (
        rf"(?P<year>{_YEAR})[a-z]?\s(?P<month>{_MONTH})\.?(?:\s(?P<day>\d{{1,2}})(?!\d))?"
        rf"(?:\s?[-–]\s?(?:{_MONTH}\.?\s?)?\d{{0,2}})?",
        rf"(?P<month>{_MONTH})\.?\s(?:(?P<day>\d{{1,2}}),?\s)?(?P<year>{_YEAR})",
        rf"(?P<day>\d{{1,2}})\s(?P<month>{_MONTH})\.?\s(?P<year>{_YEAR})",
        rf"{_SEASON}\s(?P<year>{_YEAR})",
        rf"\(\s?(?P<year>{_YEAR})[a-z]?\s?\)",
        rf"(?<![\w:\-–./])(?P<year>{_YEAR})[a-z]?(?![\d\-–])",
    )
)
_YEAR_AS_VOLUME = re.compile(r"\s?[,:;]\s?(?:e\d{3,}|\d{5,})\b")


def _take_tail_date(tail: str, result: Parsed) -> str:
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


def _tail_words(rest: str, result: Parsed) -> None:
    if result.publisher is None and _PUBLISHER_WORDS.search(rest):
        result.publisher = rest
        return
    if result.container is None and result.title and len(rest) > 2 and not rest.isdigit():
        result.container = rest
        return
    result.leftover.append(rest)


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
        and not _JOURNAL_WORDS.search(container)
    ):
        return "report"
    if not container and (result.publisher or result.edition):
        return "book"
    return "article-journal"
