"""Page ranges: how ``page-range-format`` writes them and when a page label is plural.

Both follow citeproc-js (2.4.63): a range whose two ends have different prefixes stays as
written, and a page label is plural when the value has several parts, the first a number.
"""

from __future__ import annotations

import re

from als_refs.styles.locale import Locale

_PAGE_JOINER = re.compile(r"\s*&\s*|,\s+and\s+|\s+and\s+|;\s+|,\s+|\s*\\*[-–]+\s*")


_PAGE_PARTICLE = re.compile(r"^(?:[0-9]*[a-zA-Z]+0*)?([0-9]+(?:[a-zA-Z]*|[-,a-zA-Z]+))$")


_PAGE_COUNTABLE = re.compile(r"^(?:[0-9]+|[ixv]+)(?:[-,:a-zA-Z]*|-[-0-9]+)$")


def page_plural(value: str) -> bool:
    """A page label's plural as citeproc-js's ``processNumber`` decides it: several parts, the
    first a number once a letter prefix is set aside ("e12-e15", "8n11564-8n1568", "12a-12c"
    are plural; "4:1-4:10", "1.2-1.5", "5R01HD081252-04" are not)."""
    parts = _PAGE_JOINER.split(value.strip())
    if len(parts) < 2:
        return False
    match = _PAGE_PARTICLE.match(parts[0])
    first = match.group(1) if match else parts[0]
    return bool(_PAGE_COUNTABLE.match(first))


_RANGE_RE = re.compile(r"^([a-zA-Z]*)(\d+)\s*[-–—]+\s*([a-zA-Z]*)(\d+)$")


# Minimised ranges take a prefix with digits too, "82620P1-82620P8" -> "82620P1–8", where
# citeproc-js leaves such a range as written when expanding (measured on 2.4.63).
_MINIMISED_RANGE_RE = re.compile(
    r"^((?:[0-9]*[a-zA-Z]+0*)?)(\d+)\s*[-–—]+\s*((?:[0-9]*[a-zA-Z]+0*)?)(\d+)$"
)


_ROMAN_RANGE_RE = re.compile(r"^([ivxlcdm]+)\s*[-–]\s*([ivxlcdm]+)$", re.IGNORECASE)


def format_page_range(value: str, fmt: str | None, locale: Locale) -> str:
    """Page ranges as the style's page-range-format asks, joined with the locale's dash; a
    range whose two ends have different prefixes ("N110-5") stays as written (citeproc-js)."""
    delimiter = locale.term("page-range-delimiter") or "–"
    if "\\-" in value:
        return value.replace("\\-", "-")  # an escaped hyphen is not a range
    parts = re.split(r"(\s*,\s*|\s*&\s*)", value)
    out = []
    for part in parts:
        stripped = part.strip()
        match = (_RANGE_RE if fmt in (None, "expanded") else _MINIMISED_RANGE_RE).match(stripped)
        if not match or match.group(3) != match.group(1):
            roman_range = _ROMAN_RANGE_RE.match(stripped)
            if roman_range:
                out.append(f"{roman_range.group(1)}{delimiter}{roman_range.group(2)}")
            else:
                out.append(re.sub(r"(?<=\w)\s*-\s*(?=\w)", "-", part))
            continue
        prefix, first, _, last = match.groups()
        if fmt is None:
            out.append(f"{prefix}{first}{delimiter}{prefix}{last}")
            continue
        out.append(f"{prefix}{first}{delimiter}{_range_end(first, last, fmt, prefix)}")
    ampersand = locale.term("and", "symbol")
    if ampersand and ampersand != "&":  # a localized "&" joins page lists too
        out = [f" {ampersand} " if part.strip() == "&" else part for part in out]
    return "".join(out)


def _range_end(first: str, last: str, fmt: str | None, prefix: str) -> str:
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    if int(last) < int(first):
        return prefix + last
    if fmt == "expanded":
        return prefix + last
    if fmt in ("minimal", "minimal-two"):
        keep = _minimal(first, last)
        if fmt == "minimal-two" and len(keep) < 2 and len(last) >= 2:
            keep = last[-2:]
        return keep
    if fmt in ("chicago", "chicago-15", "chicago-16"):
        return _chicago(first, last, fmt)
    return prefix + last


def _minimal(first: str, last: str) -> str:
    if len(first) != len(last):
        return last
    for index, (a, b) in enumerate(zip(first, last, strict=True)):
        if a != b:
            return last[index:]
    return last[-1:]


def _chicago(first: str, last: str, fmt: str) -> str:
    start = int(first)
    if start < 100 or start % 100 == 0:
        return last
    if start % 100 < 10:
        return _minimal(first, last)
    if fmt != "chicago-16" and len(first) == 4 and len(last) == 4:
        changed = _minimal(first, last)
        if len(changed) >= 3:
            return last
    tail = _minimal(first, last)
    return tail if len(tail) >= 2 else last[-2:]
