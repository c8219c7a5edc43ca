"""Text clean-up before parsing: navigation noise, citation labels, identifiers taken out.

Identifiers are unambiguous, so they are read first and cut out of the text; what is left is
the descriptive part (names, title, container, numbers) that the structural parser splits.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from als_refs.errors import InvalidIdentifierError
from als_refs.identifiers.doi import normalize_doi

MAX_CHARS = 4000
"""Longer strings are cut: no reference is that long, and it bounds the work per string."""

_NOISE = re.compile(
    r"\bAbstract\s*\|\s*Full\s*Text(?:\s*\((?:[^()]{0,40})\))?"
    r"|\|\s*Full\s*Text(?:\s*\((?:[^()]{0,40})\))?"
    r"|\bFull\s*Text\s*\((?:Subscription Required|Free|PDF)[^()]{0,20}\)"
    r"|\bContact\s*\|[^|]{0,60}\|\s*Website\b"
    r"|\[\s*(?:PubMed|PMC free article|Google Scholar|CrossRef|Cross Ref|Free Full Text|Abstract|"
    r"Full Text|Ref list|DOI|Article|PubMed Central|Medline|Web of Science|Scopus)[^\]]{0,30}\]"
    r"|\b(?:PubMed Abstract|Google Scholar|CrossRef Full Text|CrossRef|Cross Ref|"
    r"Web of Science|PMC free article|View Article|View at Publisher|View at Google Scholar|"
    r"Medline|Scopus|Publisher Full Text|Free Full Text|PubMed)\b(?!\s*(?:ID|Central))"
    r"|(?<=\s)(?:Abstract|Full Text|Article|PDF|Link|Website)\s*(?:\||$)"
    r"|\[?\bEpub ahead of print\]?\.?",
    re.IGNORECASE,
)
_TRAILING_NAV = re.compile(r"(?:\s*(?:\||\bAbstract\b|\bFull Text\b|\bPDF\b)\s*)+$", re.IGNORECASE)
_LABEL = re.compile(
    r"^\s*(?:\[\s*[A-Za-z]{0,4}\d{1,4}[a-z]?\s*\]|\(\s*\d{1,4}\s*\)|\d{1,4}\s*[.)]\s|"
    r"\d{1,3}\s(?=\D)|[•*·▪–-]\s|\d{1,3}\.(?=[A-Z])|\d{1,3}-(?=[A-Z][a-z]))\s*"
)
_NUMERIC_LABEL = re.compile(r"\s*(?:\[\s*\d|\(\s*\d|\d)")
_URL = re.compile(
    r"(?:<\s*)?(?:(?:URL|Available(?: (?:from|at|online))?|Retrieved from|Retirado de|Disponible en"
    r"|Consultado en|Abgerufen von|Verfügbar unter|Accessed at)\s*:?\s*)?"
    r"(?P<url>(?:https?:\s?//|www\.)[^\s<>\"]{2,500})(?:\s*>)?",
    re.IGNORECASE,
)
_DOI = re.compile(
    r"(?:\b(?:doi|DOI)\s*:?\s*|https?://(?:dx\.)?doi\.org/\s?)?"
    r"(10\.\d{4,9}\s?/\s?[^\s\"<>]{1,300})"
)
_PMID = re.compile(r"\b(?:PMID|PubMed ID|PUBMED)\s*:?\s*(\d{1,9})\b\.?", re.IGNORECASE)
_PMCID = re.compile(r"\b(?:PMCID\s*:?\s*)?(PMC\s?\d{3,9})\b\.?")
_NCT = re.compile(r"\b(NCT\s?\d{8})\b")
_ISBN = re.compile(r"\bISBN(?:-1[03])?\s*:?\s*([\dXx][\d\-\sXx]{8,20}[\dXx])\b\.?")
_ARXIV = re.compile(
    r"\b(?:arXiv(?:\.org)?\s*:\s*|arXiv\s+)([\w./-]{4,40})(?:\s*\[[\w.\-]{1,20}\])?"
    r"|\b((?:hep-(?:ph|th|ex|lat)|astro-ph|gr-qc|nucl-(?:th|ex)|quant-ph|cond-mat|math-ph|"
    r"math|physics)(?:\.[A-Za-z-]{2,6})?\s?/\s?\d{7})\b",
    re.I,
)
_ACCESSED = re.compile(
    r"\(?\b(?:accessed|retrieved|cited|last accessed|viewed)(?: on)?\s*:?\s*"
    r"(?:\d{1,2}\s)?[A-Za-z]{0,10}\.?\s?\d{0,2},?\s?\d{4}[^.;)\]]{0,20}\)?\]?\.?",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")


@dataclass
class Cleaned:
    """The text left to parse, and the identifiers and noise taken out of it."""

    text: str
    doi: str | None = None
    doi_as_written: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    url: str | None = None
    isbn: str | None = None
    trial_ids: list[str] = field(default_factory=list)
    arxiv: str | None = None
    truncated: bool = False
    removed_noise: bool = False
    bad_doi: str | None = None
    numbered: bool = False


_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
_FULLWIDTH = str.maketrans({"，": ", ", "。": ". ", "：": ": ", "；": "; ", "（": " (", "）": ") "})
_CJK_DOC_CODE = re.compile(r"\[(?:J|M|D|C|N|R|S|P|Z|A|EB/OL|J/OL)\]\.?")
_CJK_NUMBERS = (
    (re.compile(r"제\s?(\d+)\s?권|第\s?(\d+)\s?卷|(?<![\d.])(\d+)\s?권"), "vol. "),
    (re.compile(r"제\s?(\d+)\s?호|第\s?(\d+)\s?[期号號]|(?<![\d.])(\d+)\s?호"), "no. "),
    (re.compile(r"第\s?(\d+)\s?[页頁]"), "p. "),
)
_CJK_GLUE = re.compile(rf"(?<=[{_CJK}])(?=(?:1[5-9]|20)\d\d\s?[;,])|(?<=[{_CJK}])\.(?=[{_CJK}])")


def _cjk(text: str) -> str:
    """Chinese, Japanese and Korean conventions written the Western way the parser reads."""
    text = text.translate(_FULLWIDTH)
    text = _CJK_DOC_CODE.sub(". ", text)
    for pattern, label in _CJK_NUMBERS:
        text = pattern.sub(_labelled(label), text)
    return _CJK_GLUE.sub(lambda m: ". " if m.group(0) == "." else " ", text)


def _labelled(label: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        return label + next(g for g in match.groups() if g)

    return replace


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00ad", "").replace("\ufb01", "fi").replace("\ufb02", "fl")
    return _SPACE.sub(" ", text).strip()


_HAS_CJK = re.compile(f"[{_CJK}]")
_NOISE_HINTS = (
    "abstract", "full text", "pubmed", "scholar", "crossref", "cross ref", "|", "contact",
    "epub", "medline", "scopus", "web of science", "view at", "pmc", "article", "pdf",
    "publisher", "[",
)  # fmt: skip
_ACCESSED_HINTS = ("accessed", "retrieved", "cited", "viewed")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,;])")
_SPACE_BEFORE_DOT = re.compile(r"\s\.(?=[A-Za-z0-9])")
_SPACE_BEFORE_STOP = re.compile(r"(?<=\w)\s+([.;:])(?=[;,]|\s|$)")
# PDF extraction drops spaces: "Räumen.Math .Z .,65 :175", "M.,2013 ,MNRAS ,431"
_GLUED_SENTENCE = re.compile(r"(?<=[a-zß-öø-ÿ]{3})\.(?=[A-Z][a-z]|[A-Z]\s[A-Z])")
_GLUED_COMMA = re.compile(r"(?<=[A-Za-z.)]),(?=[A-Za-z(]|\d)(?!\d{3}\b)|(?<=\d),(?=[A-Za-z(])")
_GLUED_AND = re.compile(r"(?<=[\s,])(and|&)(?=[A-Z])")
# "Nature Photonics3, 211" / "Phys. Rev. Lett1988, 61": a volume or year written against the name
_GLUED_VOLUME = re.compile(r"(?<=[a-z]{3})(?=\d{1,4}\s?[,(](?!\d{3}\b))")
# "KlessenR. S., 2012, MNRAS": an initial written against the family name
_GLUED_INITIAL = re.compile(r"(?<=[a-z]{2})(?=[A-Z]\.(?:\s?[A-Z]\.){0,2}\s?,)")
_GLUED_YEAR = re.compile(r"([a-z])((?:19|20)\d\d\s?;)")
_PAREN_SPACE = re.compile(r"\(\s+|\s+\)")
_REPEATED_PUNCT = re.compile(r"([.,;:])(?:\s+[.,;:](?![\w]))+")


def clean(text: str) -> Cleaned:
    truncated = len(text) > MAX_CHARS
    if truncated:
        text = text[:MAX_CHARS]
    if not text.isprintable():
        text = "".join(c if c.isprintable() else " " for c in text)
    text = normalise_text(text)
    if _HAS_CJK.search(text):
        text = normalise_text(_cjk(text))
    result = Cleaned(text=text, truncated=truncated)
    if "10." in text:
        # before the noise: a bracketed "[DOI: 10.1212/...]" is not link text
        text = _take_dois(text, result)
    lower = text.lower()
    if any(hint in lower for hint in _NOISE_HINTS):
        noise_free = _NOISE.sub(" ", text)
        noise_free = _TRAILING_NAV.sub("", noise_free)
        result.removed_noise = noise_free != text
        text = noise_free
    if "http" in lower or "www." in lower:
        text = _take_urls(text, result)
    if "pmid" in lower or "pubmed" in lower:
        text = _take(_PMID, text, lambda m: setattr(result, "pmid", result.pmid or m.group(1)))
    if "PMC" in text:
        text = _take(
            _PMCID,
            text,
            lambda m: setattr(result, "pmcid", result.pmcid or m.group(1).replace(" ", "")),
        )
    if "NCT" in text:
        text = _take(_NCT, text, lambda m: result.trial_ids.append(m.group(1).replace(" ", "")))
    if "ISBN" in text:
        text = _take(_ISBN, text, lambda m: setattr(result, "isbn", result.isbn or m.group(1)))
    if "arxiv" in lower or "/" in text:
        text = _take(
            _ARXIV,
            text,
            lambda m: setattr(result, "arxiv", result.arxiv or m.group(1) or m.group(2)),
        )
    if any(hint in lower for hint in _ACCESSED_HINTS):
        text = _ACCESSED.sub(" ", text)
    label = _LABEL.match(text)
    if label:
        result.numbered = bool(_NUMERIC_LABEL.match(label.group(0)))
        text = text[label.end() :]
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    if ",," in text:
        text = re.sub(r",{2,}", ",", text)
    if _GLUED_YEAR.search(text):
        text = _GLUED_YEAR.sub(r"\1 \2", text)
    if _GLUED_AND.search(text):
        text = _GLUED_AND.sub(r"\1 ", text)
    if _GLUED_SENTENCE.search(text):
        text = _GLUED_SENTENCE.sub(". ", text)
    if _GLUED_COMMA.search(text):
        text = _GLUED_COMMA.sub(", ", text)
    if _GLUED_VOLUME.search(text):
        text = _GLUED_VOLUME.sub(" ", text)
    if " ." in text or "( " in text or " )" in text or " ;" in text or " :" in text:
        # Text pulled out of PDFs: "optics .Nat .Photon .8 ,755( 2014 )"
        text = _SPACE_BEFORE_DOT.sub(". ", text)
        text = _PAREN_SPACE.sub(lambda m: m.group(0).strip(), text)
        text = _SPACE_BEFORE_STOP.sub(r"\1", text)
    if _GLUED_INITIAL.search(text):
        text = _GLUED_INITIAL.sub(" ", text)
    text = _SPACE.sub(" ", text).strip(" |")
    text = _REPEATED_PUNCT.sub(r"\1", text)
    result.text = text.strip()
    return result


def _take(pattern: re.Pattern[str], text: str, store: object) -> str:
    def repl(match: re.Match[str]) -> str:
        store(match)  # type: ignore[operator]
        return " "

    return pattern.sub(repl, text)


def _take_dois(text: str, result: Cleaned) -> str:
    def repl(match: re.Match[str]) -> str:
        # The same DOI again, inside a publisher's URL: leave the URL whole.
        start = match.start()
        if result.doi and start == match.start(1) and start > 0 and text[start - 1] == "/":
            return match.group(0)
        raw = match.group(1)
        cut = _AFTER_DOI.search(raw)
        rest = raw[cut.start() :] if cut else ""
        written = re.sub(r"\s", "", raw[: cut.start()] if cut else raw)
        written = re.sub(r"[.,;:\])}>]+$", "", written)
        if written.count("(") < written.count(")"):
            written = written.rstrip(")")
        written = re.sub(r"\[[a-z]*$", "", written)
        if result.doi is None:
            try:
                result.doi = normalize_doi(written)
                result.doi_as_written = written
            except InvalidIdentifierError:
                result.bad_doi = written
        return f" {rest} " if rest else " "

    return _DOI.sub(repl, text)


# What PDF extraction glues to the end of a DOI: ".URL https...", ".PMID:...", "[arXiv:...]",
# a year "(2019)." or a note "(in Korean...".
_AFTER_DOI = re.compile(
    r"\.?(?:URL|url|PMID|pmid|PubMed)|\[(?:arXiv|hep|INSPIRE)"
    r"|\((?=in\s?[A-Za-z]|(?:1[5-9]|20)\d\d(?:\)?[.,;]?$))"
)


def _take_urls(text: str, result: Cleaned) -> str:
    def repl(match: re.Match[str]) -> str:
        url = match.group("url").replace(": //", "://").rstrip(".,;:)]")
        if result.url is None:
            result.url = url
        return " "

    return _URL.sub(repl, text)
