"""DOIs: find them in prose, URLs and markup; normalise them; check them with Crossref's patterns.

The standard form of a DOI has no ``doi:`` label and no resolver (``https://doi.org/``), is
percent-decoded and lower case: DOIs compare case-insensitively, so ``10.1212/WNL.0000000000002507``
and ``10.1212/wnl.0000000000002507`` are one DOI. What was written is kept in ``Identifier.input``.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, unquote

from als_refs.errors import InvalidDOIError
from als_refs.identifiers._model import Identifier, IdentifierCheck, unique_standards

SCHEME = "doi"
LABEL = "DOI"
EXPECTED = "'10.<4-9 digits>/<suffix>', e.g. '10.1212/WNL.0000000000002507'"

# Crossref, "DOIs and matching regular expressions" (A. Gilmartin, 2015): the modern pattern
# matches 99.3% of Crossref DOIs; the others catch most of the early ones. Two repairs of the
# post's text: the dots after "10" are escaped, and the SICI pattern's "(\d+)" is meant as literal
# parentheses (as in 10.1175/1520-0469(1999)056<2245:TQBOIA>2.0.CO;2), so they are escaped too.
MODERN_PATTERN = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Z0-9]+$", re.IGNORECASE | re.ASCII)
LEGACY_PATTERNS: dict[str, re.Pattern[str]] = {
    "wiley": re.compile(r"^10\.1002/[^\s]+$", re.IGNORECASE),
    "sici": re.compile(
        r"^10\.\d{4}/\d+-\d+X?\(\d+\)\d+<[\d\w]+:[\d\w]*>\d+.\d+.\w+;\d$", re.IGNORECASE
    ),
    "acs": re.compile(r"^10\.1021/\w\w\d+$", re.IGNORECASE),
    "erlbaum": re.compile(r"^10\.1207/[\w\d]+&\d+_\d+$", re.IGNORECASE),
}

# The DOI Handbook's syntax: directory "10", a registrant code (possibly with sub-elements), a
# slash and a suffix of any printable characters; or a shortDOI, the handle "10/<code>" that
# shortdoi.org registers as an alias of a DOI (doi.org resolves it like the DOI).
_SYNTAX = re.compile(r"^(?:10\.[0-9]{4,9}(?:\.[0-9]+)*/\S+|10/[0-9a-z]+)$", re.IGNORECASE)
SHORT_DOI = re.compile(r"^10/[0-9a-z]+$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_PREFIX = re.compile(
    r"^\s*(?:(?:https?://)?(?:dx\.|www\.)?doi\.org/|(?:https?://)?hdl\.handle\.net/"
    r"|info:doi/|urn:doi:|doi\s*[:=]?\s*)",
    re.IGNORECASE,
)
# Each round strips one prefix or one level of percent-encoding; beyond this it is not a DOI.
_MAX_ROUNDS = 6

# In text: a DOI runs until whitespace, a quote, a comma (Crossref's patterns have none), markup,
# or a semicolon that glues on the next DOI ("10.1/a;10.1/b"). "<...:...>" groups are allowed
# whole because SICI DOIs contain them (a "<" without ":" before ">" is markup, such as "</a>").
# No two alternatives can match the same character, which keeps the scan linear.
_STOP = "\\s\"'<>\\[\\]{}|\\\\^`“”‘’«»,;"
_DOI_START = r"10\.[0-9]{4,9}(?:\.[0-9]+)*(?:/|%2F)"
_IN_TEXT = re.compile(
    rf"(?:(?<!\w)|(?<=%2F)){_DOI_START}"
    rf"(?:[^{_STOP}]|;(?!{_DOI_START})|<[\w.-]+:[\w:.-]*>)+",
    re.IGNORECASE,
)
# Text extracted from PDFs glues the next word on: "10.1103/PhysRevD.11.395.URL".
_GLUED_WORD = re.compile(r"\.(?:URL|Available|Accessed|Retrieved|Epub|PMID|PMCID|arXiv)\W*$")
# A DOI inside a URL's query string ends where the next parameter begins ("&x=1", "%26x%3D1").
_NEXT_PARAMETER = re.compile(r"(?:[?&]|%26|%3F)[a-z_][\w.-]*(?:=|%3D)", re.IGNORECASE)
_TRAILING = frozenset(".,;:!?*")
_TRAILING_ENTITIES = ("&quot;", "&apos;", "&#39;", "&#34;", "&nbsp;", "&rsquo;", "&rdquo;")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.IGNORECASE)
_MARKER = re.compile(
    r"(?:(?:https?(?::|%3A)(?://|%2F%2F))?(?:dx\.|www\.)?doi\.org(?:/|%2F)"
    r"|(?:https?://)?hdl\.handle\.net/|info:doi/|urn:doi:|\bdoi\s*[:=]?\s*)$",
    re.IGNORECASE,
)
_MARKER_WINDOW = 48


def normalize_doi(value: str) -> str:
    """The standard form of a DOI: no ``doi:``/resolver prefix, percent-decoded, lower case.

    >>> normalize_doi("https://doi.org/10.1212/WNL.0000000000002507")
    '10.1212/wnl.0000000000002507'
    >>> normalize_doi("doi: 10.1002%2Fmus.26117")
    '10.1002/mus.26117'
    """
    return display_doi(value).lower()


def display_doi(value: str) -> str:
    """A DOI as its source wrote it, for display: the ``doi:``/resolver prefix and any
    percent-encoding removed, the case kept (``10.1002/14651858.CD004157.pub2``); compare DOIs
    with :func:`normalize_doi`.

    >>> display_doi("https://doi.org/10.1212/WNL.0000000000002507")
    '10.1212/WNL.0000000000002507'
    """
    text = value.strip()
    for _ in range(_MAX_ROUNDS):
        stripped = unquote(_PREFIX.sub("", text, count=1)).strip()
        if stripped == text:
            break
        text = stripped
    else:
        raise InvalidDOIError(LABEL, value, EXPECTED, reason="too many prefixes or encodings")
    if _CONTROL.search(text):
        raise InvalidDOIError(LABEL, value, EXPECTED, reason="contains a control character")
    if not _SYNTAX.match(text):
        raise InvalidDOIError(LABEL, value, EXPECTED, reason=_syntax_reason(text))
    return text


def _syntax_reason(text: str) -> str:
    if not text:
        return "empty"
    if not text.startswith("10."):
        return "a DOI starts with '10.'"
    if "/" not in text:
        return "no '/' between prefix and suffix"
    prefix, _, suffix = text.partition("/")
    if not re.fullmatch(r"10\.[0-9]{4,9}(?:\.[0-9]+)*", prefix):
        return f"prefix {prefix!r} is not '10.' and a 4-9 digit registrant code"
    if not suffix:
        return "empty suffix"
    return "suffix contains whitespace"


def is_short_doi(doi: str) -> bool:
    """Whether ``doi`` (standard or as written) is a shortDOI such as ``10/b6vnmd``.

    >>> is_short_doi("https://doi.org/10/b6vnmd"), is_short_doi("10.1016/S0933-3657(96)00367-3")
    (True, False)
    """
    try:
        return bool(SHORT_DOI.match(normalize_doi(doi)))
    except InvalidDOIError:
        return False


def is_modern_doi(doi: str) -> bool:
    """Whether ``doi`` (standard or as written) matches Crossref's modern DOI pattern."""
    try:
        return bool(MODERN_PATTERN.match(normalize_doi(doi)))
    except InvalidDOIError:
        return False


def check_doi(value: str) -> IdentifierCheck:
    """Check a DOI's syntax: invalid forms fail; legacy forms pass with a warning.

    Legacy forms are those only Crossref's older patterns match (early Wiley, SICI, ACS,
    Erlbaum DOIs); a DOI that only the DOI Handbook's general syntax accepts passes with a
    warning too, since it may still be registered; a shortDOI passes with a note that only a
    lookup tells which DOI it names.
    """
    try:
        standard = normalize_doi(value)
    except InvalidDOIError as error:
        return IdentifierCheck(SCHEME, value, None, valid=False, message=error.message)
    if MODERN_PATTERN.match(standard):
        return IdentifierCheck(SCHEME, value, standard, valid=True, pattern="modern")
    if SHORT_DOI.match(standard):
        message = f"{standard!r} is a shortDOI: it names a DOI, which `--online` looks up"
        return IdentifierCheck(
            SCHEME, value, standard, valid=True, legacy=True, message=message, pattern="short"
        )
    for name, pattern in LEGACY_PATTERNS.items():
        if pattern.match(standard):
            message = (
                f"DOI {standard!r} has a legacy {name} form that Crossref's modern pattern "
                "does not match; it is accepted, but check it resolves"
            )
            return IdentifierCheck(
                SCHEME, value, standard, valid=True, legacy=True, message=message, pattern=name
            )
    message = (
        f"DOI {standard!r} matches none of Crossref's published patterns; "
        "it is accepted, but check it resolves"
    )
    return IdentifierCheck(SCHEME, value, standard, valid=True, legacy=True, message=message)


def doi_url(doi: str) -> str:
    """The https://doi.org/ URL of ``doi``, its suffix percent-encoded where URLs require it."""
    return "https://doi.org/" + quote(normalize_doi(doi), safe="/:@!$&'()*+,;=")


def find_dois(text: str) -> list[Identifier]:
    """Every DOI written in ``text``, in order, repeats included, with where it was written."""
    found: list[Identifier] = []
    for match in _IN_TEXT.finditer(text):
        raw = _trim(match.group(0))
        start = match.start()
        try:
            standard = normalize_doi(_unescape_entities(raw))
        except InvalidDOIError:
            continue
        end = start + len(raw)
        found.append(Identifier(SCHEME, raw, standard, start, end, _mention_start(text, start)))
    return found


def extract_dois(text: str) -> list[str]:
    """Every DOI in ``text``, in order of appearance, in standard form, without repeats."""
    return unique_standards(find_dois(text))


def _trim(raw: str) -> str:
    """Cut what follows a DOI in running text: punctuation, unbalanced closing brackets."""
    for ending in (_NEXT_PARAMETER, _GLUED_WORD):
        cut = ending.search(raw)
        if cut:
            raw = raw[: cut.start()]
    opens, closes = raw.count("("), raw.count(")")
    lts, gts = raw.count("&lt;"), raw.count("&gt;")
    end = len(raw)
    while end:
        last = raw[end - 1]
        entity = None
        if last == ";":
            entity = next((e for e in _TRAILING_ENTITIES if raw.endswith(e, 0, end)), None)
        if entity:
            end -= len(entity)
        elif last == ";" and raw.endswith("&gt;", 0, end) and gts > lts:
            gts -= 1
            end -= len("&gt;")
        elif last in _TRAILING:
            end -= 1
        elif last == ")" and closes > opens:
            closes -= 1
            end -= 1
        else:
            break
    return raw[:end]


def _unescape_entities(raw: str) -> str:
    """Decode HTML entities (``&lt;`` in a SICI DOI copied from a web page), and only those."""
    if "&" not in raw:
        return raw
    return _ENTITY.sub(lambda entity: html.unescape(entity.group(0)), raw)


def _mention_start(text: str, start: int) -> int:
    window_start = max(0, start - _MARKER_WINDOW)
    marker = _MARKER.search(text, window_start, start)
    return marker.start() if marker else start
