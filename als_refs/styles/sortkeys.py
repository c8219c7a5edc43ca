"""Sort keys: a style's compiled ``cs:key`` and the text a key collates as.

The collation text orders as citeproc-js's ICU collator does (base strength, punctuation
ignored, numeric), so that Python's plain string comparison gives the same order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass
class SortKey:
    variable: str | None
    macro: str | None
    descending: bool
    names_min: int | None
    names_use_first: int | None
    names_use_last: bool = False


def _collate(text: str) -> str:
    """A sort key ordered as citeproc-js's collator orders (ICU, base strength, punctuation
    ignored, numeric). A plain space stands for the "|" citeproc-js puts between the words of a
    key, a symbol that counts; other spaces (no-break, thin) are ignored like punctuation."""
    text = _OTHER_SPACE.sub("", text)
    if text.isascii() and not _ASCII_SYMBOL.search(text):  # the same key, sooner
        return _DIGITS.sub(_numeric_key, text.translate(_ASCII_PUNCTUATION).lower())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Punctuation does not order entries (citeproc-js collates like a person would).
    stripped = "".join(
        "\x01" + c if unicodedata.category(c).startswith("S") else c
        for c in stripped
        if not unicodedata.category(c).startswith("P")
    )  # ICU orders symbols before digits and letters
    # citeproc-js collates with numeric=true: a run of digits orders by its value ("2" < "11").
    return _DIGITS.sub(_numeric_key, stripped.casefold())


_OTHER_SPACE = re.compile(r"[^\S ]")


_DIGITS = re.compile(r"\d+")


_ASCII_PUNCTUATION = {
    code: None for code in range(128) if unicodedata.category(chr(code)).startswith("P")
}


_ASCII_SYMBOLS = "".join(chr(c) for c in range(128) if unicodedata.category(chr(c))[0] == "S")


_ASCII_SYMBOL = re.compile(f"[{re.escape(_ASCII_SYMBOLS)}]")


def date_sort_text(part: Sequence[Any], shown: set[str]) -> str:
    numbers = [int(p) if str(p).lstrip("-").isdigit() else 0 for p in part]
    year, month, day = [*numbers, 0, 0, 0][:3]
    # Separate runs: numeric collation would read "20050804" as one number above "2008".
    kept = [(year + 100000, "year"), (month, "month"), (day, "day")]
    return " ".join(f"{n:02d}" for n, name in kept if name in shown)


def _numeric_key(match: re.Match[str]) -> str:
    digits = match.group().lstrip("0") or "0"
    return f"{len(digits):03d}{digits}"
