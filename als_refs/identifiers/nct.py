"""ClinicalTrials.gov registration numbers: 'NCT' and 8 digits."""

from __future__ import annotations

import re

from als_refs.errors import InvalidIdentifierError
from als_refs.identifiers._model import Identifier, unique_standards

LABEL = "NCT number"
EXPECTED = "'NCT' and 8 digits, e.g. 'NCT02118727'"

_PREFIX = re.compile(
    r"^(?:(?:https?://)?(?:www\.)?clinicaltrials\.gov/(?:ct2/show/|study/))", re.IGNORECASE
)
_NCT = re.compile(r"^NCT[\s-]?(\d+)$", re.IGNORECASE | re.ASCII)
_IN_TEXT = re.compile(r"\bNCT[\s-]?(\d{8})\b", re.IGNORECASE | re.ASCII)


def normalize_nct(value: str) -> str:
    """The NCT number in upper case without separators.

    >>> normalize_nct("nct 02118727")
    'NCT02118727'
    """
    text = _PREFIX.sub("", value.strip(), count=1).rstrip("/")
    match = _NCT.match(text)
    if match is None:
        raise InvalidIdentifierError(LABEL, value, EXPECTED)
    digits = match.group(1)
    if len(digits) != 8:
        raise InvalidIdentifierError(LABEL, value, EXPECTED, reason=f"{len(digits)} digits")
    return "NCT" + digits


def find_ncts(text: str) -> list[Identifier]:
    found: list[Identifier] = []
    for m in _IN_TEXT.finditer(text):
        standard = "NCT" + m.group(1)
        found.append(Identifier("nct", m.group(0), standard, m.start(), m.end(), m.start()))
    return found


def extract_ncts(text: str) -> list[str]:
    """Every NCT number in ``text``, in order, upper case, without repeats."""
    return unique_standards(find_ncts(text))
