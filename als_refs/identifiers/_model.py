"""What every identifier scheme returns: a match found in text and the result of a syntax check."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from als_refs.errors import InvalidIdentifierError


@dataclass(frozen=True, slots=True)
class Identifier:
    """One identifier found in a text.

    ``input`` is the identifier exactly as written (``text[start:end]``), ``standard`` its
    normalised form (what to store and compare). ``mention_start`` is where the whole mention
    begins, label or resolver included (``doi: ``, ``https://doi.org/``, ``PMID: ``), so
    ``text[mention_start:end]`` is what a parser can cut out of a reference string.
    """

    scheme: str
    input: str
    standard: str
    start: int
    end: int
    mention_start: int

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(frozen=True, slots=True)
class IdentifierCheck:
    """The verdict on one value: ``valid`` (its syntax is right), ``legacy`` (an old form that is
    accepted with a warning), and ``message`` (empty when there is nothing to say)."""

    scheme: str
    input: str
    standard: str | None
    valid: bool
    legacy: bool = False
    message: str = ""
    pattern: str | None = None

    @property
    def warning(self) -> bool:
        """Valid but worth a warning (a legacy form, or a form no published pattern knows)."""
        return self.valid and bool(self.message)


def check_with(scheme: str, normalize: Callable[[str], str], value: str) -> IdentifierCheck:
    """Check ``value`` by normalising it: valid when ``normalize`` accepts it."""
    try:
        standard = normalize(value)
    except InvalidIdentifierError as error:
        return IdentifierCheck(scheme, value, None, valid=False, message=error.message)
    return IdentifierCheck(scheme, value, standard, valid=True)


def mod11_check_digit(digits: str) -> str:
    """The weighted modulo-11 check digit of ISBN-10 and ISSN: weights count down to 2 from
    one more than the number of digits; 10 is written 'X'."""
    weights = range(len(digits) + 1, 1, -1)
    check = -sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11
    return "X" if check == 10 else str(check)


def unique_standards(matches: list[Identifier]) -> list[str]:
    """The standard forms of ``matches``, in order of first appearance, without repeats."""
    return list(dict.fromkeys(match.standard for match in matches))
