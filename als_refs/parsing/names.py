"""Author lists at the start of a reference string: find where they end and split them into names.

A list is a run of *name units* joined by separators. The unit shapes cover the styles medical
and scientific references use::

    Rivera, I.            family, dotted initials   (APA, Harvard, the seeds' web style)
    Handy CR              family, bare initials      (Vancouver/NLM, AMA)
    J. P. Collman         initials, family           (IEEE, physics, chemistry)
    Smith, John A.        family, given              (MLA, Chicago: first author)
    Jane Doe              given, family              (Chicago/MLA: later authors, after "and")

Every pattern is anchored and has bounded repetition, so scanning stays linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from als_refs.models import Name

_UP = "A-ZÀ-ÖØ-ÞĀ-ſ"
_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
_LOW = "a-zß-öø-ÿĀ-ſ"
_WORD = rf"[{_UP}{_LOW}'’]"
_PARTICLE = (
    r"(?:(?:van|von|der|den|de|del|della|dei|di|da|das|dos|du|le|la|ter|ten|op|zu|af|bin|al|el|y|"
    r"Van|Von|Der|Den|De|Del|Della|Di|Da|Das|Dos|Du|La|Le|Ter|Ten|El|Al|Ben|Abu|Bin)"
    r"\s+){1,3}"
)
# A family name: capitalised, may be hyphenated or compound ("Ajroud-Driss", "Martin- Facklam",
# "O'Brien", "McDonald", "COLLMAN").
_FAMILY_CORE = rf"(?:[{_UP}]{_WORD}*(?:\s?-\s?[{_UP}]{_WORD}*|-\s[{_LOW}]{_WORD}*){{0,2}})"
_FAMILY = rf"(?:{_PARTICLE})?(?:(?:Mc|Mac|O'|O’|D'|D’|St\.\s?){_FAMILY_CORE}|{_FAMILY_CORE})"
_INITIAL = rf"(?:[{_UP}]-[{_UP}]\.|[{_UP}](?:[a-z]|h)?\.(?:\s?-\s?[{_UP}][a-z]?\.)?)"
_DOTTED = rf"(?:{_INITIAL}(?:\s?{_INITIAL}){{0,3}}|[{_UP}]{{2,3}}\.)"
_BARE = (
    rf"(?:[{_UP}](?:\s[{_UP}]){{1,2}}(?=[,.]|\s(?:1[5-9]|20)\d\d|\s(?:and|&|et al)\s)"
    rf"|[{_UP}]{{1,4}}(?:-[{_UP}])?(?![\w'’-]))"
)
_GIVEN = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
_SUFFIX = r"(?:,?\s(?P<suffix>Jr\.?|Sr\.?|II|III|IV|2nd|3rd))?"

_BARE_INITIAL = rf"[{_UP}]{{1,2}}(?=[\s,])"
_GIVEN_PART = (
    rf"(?:{_GIVEN}(?:\s(?:{_INITIAL}|{_BARE_INITIAL})){{1,2}}|{_GIVEN}(?:\s{_GIVEN}){{1,2}}"
    rf"|(?:{_INITIAL}|{_BARE_INITIAL})\s{_GIVEN}|{_GIVEN})"
)
_TRAILING_PARTICLE = r"(?:\s(?:de|van|von|da|di|del|du|der|den|ter|la|le|van der|van den))?"

_UNIT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # family, dotted initials: "Rivera, I." / "Katzberg, H.D." / "Tupper, B.O.J."
    # ("Taylor, J. Paul, ..." / "Pate, C. Marvin. Title": an initial and a given name)
    (
        "fam_dotted",
        re.compile(
            rf"(?P<family>{_FAMILY}),\s?(?P<given>{_DOTTED}"
            rf"(?:\s{_GIVEN}(?=[,;]\s(?![{_UP}]{{1,3}}\.)|\.\s[{_UP}“\"]))?)"
            rf"{_SUFFIX}"
        ),
    ),
    # family then full given name: "Smith, John A.", "Certeau, Michel de", "Blest Gana, Alberto"
    (
        "fam_given",
        re.compile(
            rf"(?P<family>{_FAMILY}(?:\s[{_UP}][{_LOW}]{{2,}})?),\s(?P<given>{_GIVEN_PART}"
            rf"{_TRAILING_PARTICLE}){_SUFFIX}"
        ),
    ),
    # family, one bare initial: "Calvo, A (2012)"
    ("fam_bare_comma", re.compile(rf"(?P<family>{_FAMILY}),\s(?P<given>[{_UP}])(?![\w.'’])")),
    # Vancouver: "Handy CR", "Weber M", "van den Berg JH"
    (
        "fam_bare",
        re.compile(
            rf"(?P<family>{_FAMILY})\s(?P<given>{_BARE}){_SUFFIX}(?![\w'’-]|\.[\w-]|\.\s?[{_UP}]\.)"
            # not "Walter D. Neumann and ...": that is a given name, an initial, a family name
            rf"(?!\.\s[{_UP}][{_LOW}]+(?:,|\s(?:and|&)\s|:))"
        ),
    ),
    # Vancouver with a two-word family name: "Muller Kobold AC", "Hyltoft Petersen P"; only
    # inside a Vancouver list (see _match_unit), where nothing else reads the two words
    (
        "fam2_bare",
        re.compile(
            rf"(?P<family>{_FAMILY_CORE}\s[{_UP}][{_LOW}]{{2,}}(?:-[{_UP}][{_LOW}]+)?)"
            rf"\s(?P<given>[{_UP}]{{1,3}})(?=[,.:;]\s)"
        ),
    ),
    # initials first: "J. P. Collman", "S.H. Mazharimousavi", "W.-P. de Roever"
    ("dotted_fam", re.compile(rf"(?P<given>{_DOTTED})\s?(?P<family>{_FAMILY}){_SUFFIX}(?![\w'’])")),
    # "Smith J.A." (family then dotted initials without a comma)
    ("fam_dotted_nocomma", re.compile(rf"(?P<family>{_FAMILY})\s(?P<given>{_DOTTED}){_SUFFIX}")),
    # bare initials first: "AM Trinkoff", "JA Lipscomb" (two or three letters, or in a list)
    (
        "bare_fam",
        re.compile(rf"(?P<given>[{_UP}]{{1,3}})\s(?P<family>{_FAMILY}){_SUFFIX}(?![\w'’])"),
    ),
    # family name in capitals, then the given name: "KAHAN Marcel et ROCK Edward"
    (
        "caps_given",
        re.compile(
            rf"(?P<family>[{_UP}]{{2,}}(?:[-\s][{_UP}]{{2,}})?)\s(?P<given>{_GIVEN})"
            r"(?=[,.]|\s(?:et|and|&)\s)"
        ),
    ),
    # a collaboration named among the authors: "R. Diener, LCTPC Collaboration, ..."
    (
        "group",
        re.compile(
            r"(?P<family>(?:[\w-]{1,30}\s){1,3}(?:[Cc]ollaboration|[Cc]ollab\.|Consortium|"
            r"Study Group|Investigators))(?P<given>)(?=[,.;]|\s(?:and|&)\s|$)"
        ),
    ),
    # Chinese, Japanese, Korean names written as one word: "이영희", "周兵", "岡村秀典"
    ("cjk", re.compile(rf"(?P<family>[{_CJK}]{{2,6}})(?:\s?\([^()]{{1,20}}\))?(?P<given>)")),
    # given name first: "Jane Doe", "John A. Smith", "C Lawrence Zitnick", "Yee Whye Teh"
    (
        "given_fam",
        re.compile(
            rf"(?P<given>{_GIVEN_PART})\s(?=(?:{_PARTICLE})?[{_UP}][{_LOW}'’])"
            rf"(?P<family>{_FAMILY}){_SUFFIX}"
            r"(?=[,.;:)]|\s(?:and|&|et|und)\s|\s[(\[\d]|\s?$)"
        ),
    ),
)
_GIVEN_FAM_UNIT = dict(_UNIT_PATTERNS)["given_fam"]
_GROUP_UNIT = dict(_UNIT_PATTERNS)["group"]
_FAM_GIVEN_UNIT = dict(_UNIT_PATTERNS)["fam_given"]
_FIRST_ONLY = {"fam_given"}
_LATER_ONLY: set[str] = set()
_GIVEN_FAM = rf"{_GIVEN_PART}\s(?=(?:{_PARTICLE})?[{_UP}][{_LOW}'’])(?:{_FAMILY})"
# Two or more "Given Family" names in a row: a list, not a title in title case.
_GIVEN_LIST = re.compile(
    rf"{_GIVEN_FAM}(?:,\s(?:and\s)?|\s(?:and|&)\s)(?:{_GIVEN_FAM}|{_DOTTED}\s{_FAMILY})"
    r"(?=[,.:]|\s(?:and|&)\s)"
)

_SEPARATOR = re.compile(
    r"\.?\s?(?:,|;)\s?(?:(?:and|&|et|und|y)\s)?|\.?\s(?:and|&|et|und|y|e)\s|\s?&\s?"
    rf"|(?<=\.)\s(?=[{_UP}][\w'’-]+,\s?[{_UP}]{{1,3}}\.)"
    rf"|(?<=[{_LOW}])\.\s(?=[{_UP}]{{2,}}[{_UP}'’-]*,\s[{_UP}][{_LOW}]+\.)"
)
_LEADING_GROUP = re.compile(
    rf"(?P<group>(?:[\w-]{{1,30}}\s){{1,3}}(?:[Cc]ollaboration|[Cc]ollab\.|[Gg]roup|Consortium)"
    rf"(?:\sand\s(?:[\w-]{{1,30}}\s){{1,3}}[Cc]ollaboration)?|[{_UP}][{_LOW}]{{2,}}(?=,?\s?et\.?\s?al\b))"
    r"(?:\s?\([^()]{1,80}\))?(?P<after>(?P<etal>,?\s?et\.?\s?al\.?)|,\s?|\.\s(?=\d))"
)
# "Steven C. Pieper, Phys. Rev. Lett. ...": one given-first name, with a middle initial.
# "Stephen Hawking, A Brief History of Time (New York: Bantam Books, 1988)": the same in notes.
_SINGLE_GIVEN_FIRST = re.compile(
    rf"{_GIVEN}\s{_INITIAL}\s{_FAMILY},\s"
    rf"|{_GIVEN}\s{_FAMILY},\s(?=[^()]{{3,300}}\([^()]{{2,80}}:[^()]{{2,80}}\d{{4}}\))"
)
# "[16] Brandon Carter. Global structure of ...": numbered lists write names given-first.
_NUMBERED_SINGLE_GIVEN_FIRST = re.compile(
    rf"{_GIVEN}(?:\s{_INITIAL}|\s{_GIVEN})?\s{_FAMILY}\.\s(?=[A-Z0-9“\"])"
)
# "Russell A. Berman. Fiction Sets You Free": a middle initial makes a given-first name certain.
_INITIAL_IN_MIDDLE = re.compile(rf"{_GIVEN}\s{_INITIAL}\s{_FAMILY}\.\s(?=[A-Z0-9“\"])")
# Chicago: "Ward, Geoffrey C., Ken Burns, and Kevin Baker": later names given first, the last
# after "and"; without that "and", "Mahler, Alma, Gustav Mahler: Memories" is a name and a title.
_CHAIN_NAME = rf"(?:{_GIVEN_FAM}|{_DOTTED}\s{_FAMILY})"
_GIVEN_FIRST_CHAIN = re.compile(
    rf"(?:{_CHAIN_NAME},\s)+(?:and|&)\s|(?:{_CHAIN_NAME},\s)*{_CHAIN_NAME},?\s\(?(?:1[5-9]|20)\d\d\b"
)
_AFTER_AND = re.compile(r"\s(?:and|&)\s$")
_AND = re.compile(r"\b(?:and|et|und|y|e)\b|&")
_ET_AL = re.compile(
    r"\.?[,;]?\s?(?:et\.?\s?al\.?|and others|et al|외\s?\d+\s?인|外\s?\d+\s?人|等)"
    r"|,?\s?\.\.\.\s?(?=[A-Z])"
)
_FOR_GROUP = re.compile(
    r",?\s?(?:for|on behalf of) (?:the )?(?P<group>[^.;:()]{3,120}?(?:Study Group|Trial Group|"
    r"Group|Consortium|Investigators|Committee|Collaboration|Network|Society|Team|Study))\b"
)
_END_OK = re.compile(
    r"\s?(?:[.:,;]|\(|\)|$|\s?\d{4}|\s[\"“‘'])"
    r"|\s(?=[A-Z][a-z]{1,11}\.\s?[A-Z])"  # "K. Mannheim Astropart. Phys.": a journal follows
)
_LOWER_WORDS = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "dei",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "le",
        "la",
        "ter",
        "ten",
        "op",
        "zu",
        "af",
        "bin",
        "al",
        "el",
        "y",
    ]
)
GROUP_WORDS = re.compile(
    r"\b(?:Organi[sz]ation|Association|Society|Group|Committee|Institute|Consortium|Foundation|"
    r"Agency|Council|Department|Ministry|Centers?|Centres?|Collaboration|Collaborative|Network|"
    r"Federation|Academy|College|Board|Commission|Administration|Service|Office|Alliance|"
    r"Investigators|University|Hospital|Trust|Coalition|Working Party|Task Force|Project|"
    r"ALS TDI|NICE|WHO|FDA|EMA|CDC|NIH)\b"
)
# Words that start titles far more often than they are a family name before bare initials.
_NOT_FAMILY = frozenset(
    [
        "A",
        "An",
        "The",
        "In",
        "On",
        "Of",
        "For",
        "And",
        "With",
        "To",
        "At",
        "By",
        "From",
        "Is",
        "Are",
        "Was",
        "Do",
        "Does",
        "Vitamin",
        "Type",
        "Phase",
        "Class",
        "Group",
        "Part",
        "Section",
        "Chapter",
        "Volume",
        "Appendix",
        "Table",
        "Figure",
        "Study",
        "Trial",
        "Report",
    ]
)


@dataclass(frozen=True)
class AuthorScan:
    """What was found at the start of a reference: names, where the list ends, ``et al.``."""

    names: tuple[Name, ...]
    end: int
    et_al: bool = False


_LOWER_PAIR = re.compile("[a-z]{2}")
_YEAR_NEXT = re.compile(r"\s\(?(?:1[5-9]|20)\d\d")
_SPACED_HYPHEN = re.compile(r"\s?-\s?")


def scan_authors(text: str, start: int = 0, *, numbered: bool = False) -> AuthorScan:
    """The author list starting at ``start`` (empty when the text does not start with names)."""
    found: list[tuple[Name, int, bool]] = []
    pos = start
    group = _LEADING_GROUP.match(text, pos)
    if group:
        # "LHCb collaboration, R. Aaij et al., ..." / "Verghese, et al., ..."
        pos = group.end()
        name_end = group.end() if group.group("etal") else group.start("after")
        found.append((Name(literal=group.group("group")), name_end, bool(group.group("etal"))))
        if group.group("etal"):
            return AuthorScan((found[0][0],), pos, True)
    previous_kind = ""
    last_author_next = False
    while pos < len(text) and len(found) < 300:
        unit = _match_unit(
            text, pos, first=not found, previous_kind=previous_kind, numbered=numbered
        )
        if unit is None:
            break
        kind, match = unit
        if kind == "fam_dotted" and _LOWER_PAIR.search(match.group("given")):
            kind = "fam_given"  # "Taylor, J. Paul": later names are written given-name first
        previous_kind = kind
        pos = match.end()
        found.append((_name_from(match), pos, False))
        group = _FOR_GROUP.match(text, pos)
        if group:
            pos = group.end()
            found.append((Name(literal=group.group("group").strip()), pos, False))
        etal = _ET_AL.match(text, pos)
        if etal:
            found[-1] = (found[-1][0], etal.end(), True)
            break
        if last_author_next:
            break
        separator = _SEPARATOR.match(text, pos)
        if separator is None:
            break
        last_author_next = bool(_AND.search(separator.group(0)))
        pos = separator.end()
    for count in range(len(found), 0, -1):
        _, end, et_al = found[count - 1]
        if text[end - 1] == "." or _END_OK.match(text, end):
            names = tuple(n for n, _, _ in found[:count])
            if previous_kind in {"fam_bare", "fam2_bare"} and not et_al and count == len(found):
                return _vancouver_rest(text, AuthorScan(names, end))
            return AuthorScan(names, end, et_al)
    return AuthorScan((), start)


_LOOSE_VANCOUVER = re.compile(
    rf"(?:,\s?[^\s,.;:()\d][^,.;:()\d]{{0,38}}?\s[{_UP}]{{1,3}}(?:-[{_UP}]{{1,2}})?){{1,60}}"
    r"(?=\.\s|,?\s?et\.?\s?al\b)"
)


def _vancouver_rest(text: str, scan: AuthorScan) -> AuthorScan:
    """A Vancouver list goes on past a name no unit pattern reads ("Fein-gold KR", "van EM",
    "BrÃ¤uer R"): every comma-separated piece up to the full stop is still family + initials."""
    rest = _LOOSE_VANCOUVER.match(text, scan.end)
    if rest is None:
        return scan
    names = [_loose_vancouver_name(piece) for piece in rest.group(0).split(",") if piece.strip()]
    end = rest.end()
    etal = _ET_AL.match(text, end)
    return AuthorScan((*scan.names, *names), etal.end() if etal else end, bool(etal))


def _loose_vancouver_name(piece: str) -> Name:
    family, _, initials = piece.strip().rpartition(" ")
    particle, family = _split_particle(family)
    return Name(family=family, given=dotted_initials(initials), non_dropping_particle=particle)


def _split_particle(family: str) -> tuple[str | None, str]:
    """``"van den Berg"`` -> ``("van den", "Berg")``: lower-case particles before the name."""
    words = family.split(" ")
    lead = [w for w in words[:-1] if w.lower() in _LOWER_WORDS and w[:1].islower()]
    if lead and len(lead) == len(words) - 1:
        return " ".join(lead), words[-1]
    return None, family


def _match_unit(
    text: str, pos: int, *, first: bool, previous_kind: str, numbered: bool = False
) -> tuple[str, re.Match[str]] | None:
    given_first_ok = _given_first_follows(text, pos, previous_kind)
    if (
        first
        and (
            _GIVEN_LIST.match(text, pos)
            or _SINGLE_GIVEN_FIRST.match(text, pos)
            or (numbered and _NUMBERED_SINGLE_GIVEN_FIRST.match(text, pos))
            or _INITIAL_IN_MIDDLE.match(text, pos)
        )
    ) or (previous_kind in {"fam_given", "given_fam"} and given_first_ok):
        match = _GIVEN_FAM_UNIT.match(text, pos)
        if match:
            return "given_fam", match
    for kind, pattern in _UNIT_PATTERNS:
        if first and kind in _LATER_ONLY:
            continue
        if not first and kind in _FIRST_ONLY and not _inverted_again(text, pos, previous_kind):
            continue
        if (
            kind == "given_fam"
            and previous_kind not in {"fam_given", "given_fam"}
            and not (first and _GIVEN_LIST.match(text, pos))
            and not (previous_kind and _AFTER_AND.search(text, max(0, pos - 5), pos))
        ):
            continue
        if kind == "given_fam" and not given_first_ok:
            continue
        if kind == "bare_fam" and previous_kind != "bare_fam" and not _bare_fam_first(text, pos):
            continue
        if kind == "fam2_bare" and not _vancouver_list(text, pos, previous_kind):
            continue
        match = pattern.match(text, pos)
        if match is None:
            continue
        if kind in {"fam_bare", "fam_dotted_nocomma"} and match.group("family") in _NOT_FAMILY:
            continue
        if kind == "fam_given" and not _fam_given_ok(text, match.end()):
            continue
        if kind != "group" and GROUP_WORDS.search(match.group(0)):
            continue  # "ALS Association", "Mayo Clinic Study Group": an organisation
        return kind, match
    return None


_VANCOUVER_NEXT = re.compile(rf"[^,.]{{3,40}}?\s[{_UP}]{{1,3}},\s{_FAMILY}\s[{_UP}]{{1,3}}[,.]")


def _given_first_follows(text: str, pos: int, previous_kind: str) -> bool:
    if previous_kind != "fam_given":
        return True
    before = text[max(0, pos - 6) : pos]
    return bool(_AND.search(before)) or ";" in before or bool(_GIVEN_FIRST_CHAIN.match(text, pos))


def _vancouver_list(text: str, pos: int, previous_kind: str) -> bool:
    """A list already in Vancouver form, or one that goes on in it ("Muller Kobold AC,
    Kallenberg CGM, ...")."""
    return previous_kind in {"fam_bare", "fam2_bare"} or bool(_VANCOUVER_NEXT.match(text, pos))


def _inverted_again(text: str, pos: int, previous_kind: str) -> bool:
    """Later names inverted too: "Goodman, Judith C.; McDonough, Laraine; & Brown, Natasha B."
    or "Cartmill, Erica A., & Byrne, Richard W." (given-first names were tried before)."""
    if previous_kind != "fam_given":
        return False
    before = text[max(0, pos - 3) : pos]
    return ";" in before or "&" in before or _FAM_GIVEN_UNIT.match(text, pos) is not None


def _bare_fam_first(text: str, pos: int) -> bool:
    """``AM Trinkoff, JA Lipscomb``: two-letter initials, or a second such name must follow."""
    match = _BARE_FAM_PAIR.match(text, pos)
    return match is not None


_BARE_FAM_PAIR = re.compile(
    rf"(?:[{_UP}]{{2,3}}\s{_FAMILY}(?=[,:.;]|\s(?:and|&)\s)|[{_UP}]\s{_FAMILY},\s[{_UP}]{{1,3}}\s[{_UP}])"
)


def _fam_given_ok(text: str, end: int) -> bool:
    """``Smith, John`` is a name only when a list separator or the list's end follows."""
    rest = text[end : end + 6]
    if _YEAR_NEXT.match(rest) or text[end - 1] == ".":
        return True
    return (
        rest.startswith((", and ", ", & ", " and ", " & ", ". ", ".", ", ", ":", ";")) or rest == ""
    )


def _name_from(match: re.Match[str]) -> Name:
    if match.re is _GROUP_UNIT:
        return Name(literal=" ".join(match.group("family").split()))
    family = " ".join(match.group("family").split())
    family = _SPACED_HYPHEN.sub("-", family)
    given = " ".join(match.group("given").split()) or None
    suffix = match.groupdict().get("suffix")
    particle, family = _split_particle(family)
    return Name(
        family=family,
        given=dotted_initials(given.rstrip()) if given else None,
        suffix=suffix.rstrip(".") + "." if suffix and suffix.startswith(("Jr", "Sr")) else suffix,
        non_dropping_particle=particle,
    )


_RUN_OF_INITIALS = re.compile(r"(?:[^\W\d_]\.?\s?){1,3}")


def dotted_initials(given: str) -> str:
    """Initials as CSL processors and BibTeX read them: "CR", "C R", "H.D." -> "C. R.", "H. D.".

    Vancouver writes initials run together ("Handy CR"); citeproc-js and BibTeX would read "CR"
    as one given name and print "C". Full names ("Michael D.") are left as they are.
    """
    if not _RUN_OF_INITIALS.fullmatch(given):
        return given
    letters = given.replace(".", "").replace(" ", "")
    if not letters.isupper() or len(letters) > 3:
        return given
    return " ".join(f"{letter}." for letter in letters)


def split_name_list(text: str) -> tuple[Name, ...]:
    """Names from a string that is only a name list (editors: "Doe A, Roe B", "Jane Doe and X")."""
    text = text.strip(" .,;:")
    scan = scan_authors(text)
    if scan.names and scan.end >= len(text) - 1:
        return scan.names
    names: list[Name] = []
    for piece in _NAME_PIECES.split(text):
        piece = piece.strip(" .,;")
        if not piece:
            continue
        words = piece.split()
        if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            names.append(Name(given=" ".join(words[:-1]), family=words[-1]))
        else:
            names.append(Name(literal=piece))
    return tuple(names)


def looks_like_names(text: str) -> bool:
    """True when ``text`` is nothing but a list of personal names."""
    text = text.strip(" .,;:")
    if not text:
        return False
    scan = scan_authors(text)
    if scan.names and scan.end >= len(text) - 1:
        return True
    pieces = [p.strip(" .") for p in _NAME_PIECES.split(text) if p.strip(" .")]
    return all(2 <= len(p.split()) <= 4 and all(w[:1].isupper() for w in p.split()) for p in pieces)


_NAME_PIECES = re.compile(r",\s(?:and\s|&\s)?|\s(?:and|&)\s|;\s?")
