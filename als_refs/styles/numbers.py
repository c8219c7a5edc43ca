"""Numeric tests on number variables, as citeproc-js's ``processNumber`` computes them.

citeproc-js splits a value on its joiners (``, `` ``; `` ``&`` ``and`` and hyphens or en dashes),
strips a letter prefix from each piece (``CD004157`` -> ``004157``, ``e0123`` -> ``0123``) and
calls the value numeric when the first piece is a number or a lower-case roman numeral with at
most a letter suffix (``12``, ``12a``, ``xii``), so ``DOE/ET/23010-T10``, ``Season 3, Episode
12``, ``III/41c`` and ``9,367,592`` are not.  A label is plural when the value has several pieces
and the first is such a number (``1-3``, ``1, 2``, ``10, Issue 260``).

Also how numbers print: roman numerals, the locale's dash in a number range, and the plural of a
locator's label.
"""

from __future__ import annotations

import re

from als_refs.styles.locale import Locale

_JOINER = re.compile(r"(\s+&\s+|\s+and\s+|;\s+|,\s+|\s*\\*[-–]+\s*)")
_PARTICLE = re.compile(r"^([0-9]*[a-zA-Z]+0*)?([0-9]+(?:[a-zA-Z]*|[-,a-zA-Z]+))$")
_MASTER = re.compile(r"^(?:[0-9]+|[ixv]+)(?:[-,:a-zA-Z]*|-[-0-9]+)$")
_COLLAPSIBLE = re.compile(r"^(?:[0-9]|[ivxlcmIVXLCM]+$)")


def _pieces(value: str) -> tuple[list[str], list[str]]:
    parts = _JOINER.split(value.strip())
    return parts[::2], parts[1::2]


def split_number(value: str) -> list[str]:
    """The pieces of a number variable with the joiners between them: [piece, joiner, ...]."""
    return _JOINER.split(value)


def _bare(piece: str) -> str:
    found = _PARTICLE.match(piece)
    return found.group(2) if found else piece


def is_numeric(value: str) -> bool:
    """citeproc-js's ``is-numeric`` on a number variable."""
    pieces, _joiners = _pieces(value)
    if not pieces or not all(pieces):
        return False
    return bool(_MASTER.match(_bare(pieces[0])))


def is_plural(value: str) -> bool:
    """A contextual label is plural: several collapsible numbers (``1-3``, ``1, 2``, ``1 & 2``)."""
    pieces, joiners = _pieces(value)
    if len(pieces) < 2 or any("\\" in j for j in joiners) or not is_numeric(value):
        return False
    # citeproc-js decides on the first piece alone ("10, Issue 260" is "nos.").
    return bool(_COLLAPSIBLE.match(_bare(pieces[0])))


def is_multiple(value: str, locale: Locale) -> bool:
    """Several numbers (a range or a list) mean a plural label: "1-2", "i–ix", "213 et 235"."""
    and_term = re.escape(locale.term("and") or "and")
    pattern = r"(?:\d|\b[ivxlcdm]+)\s*(?:[-–,&]|\band\b|\b" + and_term + r"\b)\s*\S"
    return bool(re.search(pattern, value))


def number_range_delimiter(variable: str, locale: Locale) -> str:
    """citeproc-js's ``fixupRangeDelimiter``: issue, volume, edition and number ranges take the
    locale's page-range-delimiter (AMA's "-"), collection-number its year-range-delimiter."""
    if variable in ("issue", "volume", "edition", "number"):
        return locale.term("page-range-delimiter") or "–"
    if variable == "collection-number":
        return locale.term("year-range-delimiter") or "–"
    return "–"


_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)
