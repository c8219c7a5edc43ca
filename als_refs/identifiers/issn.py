"""ISSNs: 7 digits and a check digit (0-9 or X), standard form 'NNNN-NNNC'."""

from __future__ import annotations

import re

from als_refs.errors import InvalidIdentifierError
from als_refs.identifiers._model import Identifier, mod11_check_digit, unique_standards

LABEL = "ISSN"
EXPECTED = "'NNNN-NNNC' with its check digit (0-9 or X), e.g. '2167-8421'"

_PREFIX = re.compile(r"^(?:[ep]-?)?ISSN(?:-L)?\s*[:#]?\s*", re.IGNORECASE | re.ASCII)
_SEPARATORS = re.compile(r"[-\s]", re.ASCII)
# An unlabelled NNNN-NNNN is as likely a page range as an ISSN, so text needs the label.
_IN_TEXT = re.compile(
    r"\b(?:[ep]-?)?ISSN(?:-L)?(?:\s*\((?:print|online|electronic|linking)\))?\s*[:#]?\s*"
    r"([0-9]{4}[-\s]?[0-9]{3}[0-9X])(?![0-9X])",
    re.IGNORECASE | re.ASCII,
)


def issn_check_digit(first7: str) -> str:
    return mod11_check_digit(first7)


def normalize_issn(value: str) -> str:
    """The ISSN as 'NNNN-NNNC', check digit verified, 'X' upper case.

    >>> normalize_issn("eISSN 2167-9223")
    '2167-9223'
    """
    text = _SEPARATORS.sub("", _PREFIX.sub("", value.strip(), count=1)).upper()
    if not re.fullmatch(r"[0-9]{7}[0-9X]", text, re.ASCII):
        reason = f"{len(text)} characters" if len(text) != 8 else "only digits and a final 'X'"
        raise InvalidIdentifierError(LABEL, value, EXPECTED, reason=reason)
    expected = issn_check_digit(text[:7])
    if text[7] != expected:
        reason = f"check digit is {expected}, not {text[7]}"
        raise InvalidIdentifierError(LABEL, value, EXPECTED, reason=reason)
    return f"{text[:4]}-{text[4:]}"


def find_issns(text: str) -> list[Identifier]:
    """Valid ISSNs after an 'ISSN' label (wrong check digits skipped)."""
    found: list[Identifier] = []
    for m in _IN_TEXT.finditer(text):
        try:
            standard = normalize_issn(m.group(1))
        except InvalidIdentifierError:
            continue
        found.append(Identifier("issn", m.group(1), standard, m.start(1), m.end(1), m.start()))
    return found


def extract_issns(text: str) -> list[str]:
    return unique_standards(find_issns(text))


_FIELD_VALUE = re.compile(r"(?<![0-9X])[0-9]{4}[-\s]?[0-9]{3}[0-9X](?![0-9X])", re.IGNORECASE)


def split_issn_field(text: str) -> list[str]:
    """The ISSNs a BibTeX/CSL field gives, without their qualifiers:
    ``'0096-3003 (print), 1873-5649 (electronic)'`` -> ``['0096-3003', '1873-5649']``. A field
    with no ISSN-shaped value gives the whole text back (to be reported as invalid).

    >>> split_issn_field("0096-3003 (print), 1873-5649 (electronic)")
    ['0096-3003', '1873-5649']
    """
    found = _FIELD_VALUE.findall(text)
    return found or ([text.strip()] if text.strip() else [])
