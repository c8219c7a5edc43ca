"""arXiv identifiers: new style '2101.00001v2' (since April 2007) and old style 'hep-th/9901001'."""

from __future__ import annotations

import re

from als_refs.errors import InvalidIdentifierError
from als_refs.identifiers._model import Identifier, unique_standards

LABEL = "arXiv id"
EXPECTED = "'YYMM.NNNNN' (optionally 'vN'), or an old 'archive/YYMMNNN', e.g. 'arXiv:2101.00001v2'"

# The archives of old-style identifiers (arXiv's identifier scheme documentation).
OLD_ARCHIVES = frozenset(
    {
        "acc-phys",
        "adap-org",
        "alg-geom",
        "ao-sci",
        "astro-ph",
        "atom-ph",
        "bayes-an",
        "chao-dyn",
        "chem-ph",
        "cmp-lg",
        "comp-gas",
        "cond-mat",
        "cs",
        "dg-ga",
        "funct-an",
        "gr-qc",
        "hep-ex",
        "hep-lat",
        "hep-ph",
        "hep-th",
        "math",
        "math-ph",
        "mtrl-th",
        "nlin",
        "nucl-ex",
        "nucl-th",
        "patt-sol",
        "physics",
        "plasm-ph",
        "q-alg",
        "q-bio",
        "quant-ph",
        "solv-int",
        "supr-con",
    }
)

_PREFIX = re.compile(
    r"^(?:(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/|arxiv\s*:\s*)",
    re.IGNORECASE | re.ASCII,
)
_NEW = re.compile(r"^([0-9]{2})([0-9]{2})\.([0-9]{4,5})(v[1-9][0-9]*)?$", re.IGNORECASE | re.ASCII)
_OLD = re.compile(
    r"^([a-z]+(?:-[a-z]+)?)(\.[a-z]{2})?/([0-9]{2})([0-9]{2})([0-9]{3})(v[1-9][0-9]*)?$",
    re.IGNORECASE | re.ASCII,
)
_ID = r"[0-9]{4}\.[0-9]{4,5}(?:v[0-9]+)?|[a-z]+(?:-[a-z]+)?(?:\.[a-z]{2})?/[0-9]{7}(?:v[0-9]+)?"
_IN_TEXT = re.compile(
    rf"(?:\barXiv\s*:\s*|\barxiv\.org/(?:abs|pdf)/)({_ID})(?![0-9])", re.IGNORECASE | re.ASCII
)


def normalize_arxiv(value: str) -> str:
    """The arXiv id without 'arXiv:' or URL, version kept, archive lower case.

    >>> normalize_arxiv("arXiv:2101.00001V2")
    '2101.00001v2'
    >>> normalize_arxiv("https://arxiv.org/abs/math.gt/0309136")
    'math.GT/0309136'
    """
    text = _PREFIX.sub("", value.strip(), count=1)
    text = text.removesuffix(".pdf").rstrip("/")
    new = _NEW.match(text)
    if new:
        _check_new(value, int(new.group(1)), int(new.group(2)), len(new.group(3)))
        return text.lower()
    old = _OLD.match(text)
    if old:
        archive, subject = old.group(1).lower(), (old.group(2) or "").upper()
        if archive not in OLD_ARCHIVES:
            reason = f"unknown archive {archive!r}"
            raise InvalidIdentifierError(LABEL, value, EXPECTED, reason=reason)
        _check_old(value, int(old.group(3)), int(old.group(4)))
        return f"{archive}{subject}/{old.group(3)}{old.group(4)}{old.group(5)}{old.group(6) or ''}"
    raise InvalidIdentifierError(LABEL, value, EXPECTED)


def _check_month(value: str, month: int) -> None:
    if not 1 <= month <= 12:
        raise InvalidIdentifierError(LABEL, value, EXPECTED, reason=f"month {month:02d}")


def _check_old(value: str, year: int, month: int) -> None:
    _check_month(value, month)
    if 7 < year < 91 or (year == 7 and month > 3) or (year == 91 and month < 8):
        reason = "old-style ids run from 9108 to 0703"
        raise InvalidIdentifierError(LABEL, value, EXPECTED, reason=reason)


def _check_new(value: str, year: int, month: int, digits: int) -> None:
    _check_month(value, month)
    yymm = year * 100 + month
    if yymm < 704:
        reason = "new-style ids start at 0704, April 2007"
        raise InvalidIdentifierError(LABEL, value, EXPECTED, reason=reason)
    if (digits == 5) != (yymm >= 1501):
        reason = "5-digit numbers from 1501 on, 4-digit before"
        raise InvalidIdentifierError(LABEL, value, EXPECTED, reason=reason)


def find_arxiv_ids(text: str) -> list[Identifier]:
    """arXiv ids written after 'arXiv:' or in an arxiv.org URL (a bare '2101.00001' is a number)."""
    found: list[Identifier] = []
    for m in _IN_TEXT.finditer(text):
        try:
            standard = normalize_arxiv(m.group(1))
        except InvalidIdentifierError:
            continue
        found.append(Identifier("arxiv", m.group(1), standard, m.start(1), m.end(1), m.start()))
    return found


def extract_arxiv_ids(text: str) -> list[str]:
    return unique_standards(find_arxiv_ids(text))
