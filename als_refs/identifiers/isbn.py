"""ISBNs: ISBN-10 and ISBN-13 with their check digits; the standard form is the 13-digit one."""

from __future__ import annotations

import re

from als_refs.errors import InvalidIdentifierError
from als_refs.identifiers._model import Identifier, mod11_check_digit, unique_standards

LABEL = "ISBN"
EXPECTED = "an ISBN-13 or ISBN-10 with its check digit, e.g. '978-0-306-40615-7' or '0-306-40615-2'"

_PREFIX = re.compile(r"^ISBN(?:-?1[03])?\s*[:#]?\s*", re.IGNORECASE | re.ASCII)
_SEPARATORS = re.compile(r"[-\s]", re.ASCII)
_IN_TEXT = re.compile(
    r"\bISBN(?:-?1[03])?\s*[:#]?\s*"
    r"(?P<labelled>97[89](?:[-\s]?[0-9]){10}|[0-9](?:[-\s]?[0-9]){8}[-\s]?[0-9X])(?![0-9X])"
    # Without a label only the self-evident form: 13 digits starting 978 or 979, not part of
    # a longer token such as a Springer DOI (10.1007/978-3-...).
    r"|(?<![\w/.-])(?P<bare>97[89](?:-?[0-9]){10})(?![\w-])",
    re.IGNORECASE | re.ASCII,
)


def isbn10_check_digit(first9: str) -> str:
    return mod11_check_digit(first9)


def isbn13_check_digit(first12: str) -> str:
    total = sum(int(digit) * (3 if index % 2 else 1) for index, digit in enumerate(first12))
    return str(-total % 10)


def _compact(value: str) -> str:
    """The ISBN's digits (and a final 'X'), checked; raises with the reason it is not one."""
    text = _SEPARATORS.sub("", _PREFIX.sub("", value.strip(), count=1)).upper()
    if not re.fullmatch(r"[0-9X]+", text, re.ASCII):
        raise InvalidIdentifierError(LABEL, value, EXPECTED, reason="only digits, '-' and 'X'")
    if len(text) not in (10, 13):
        reason = f"{len(text)} digits; an ISBN has 10 or 13"
        raise InvalidIdentifierError(LABEL, value, EXPECTED, reason=reason)
    if "X" in text[:-1] or (len(text) == 13 and text.endswith("X")):
        reason = "'X' is only an ISBN-10's last character"
        raise InvalidIdentifierError(LABEL, value, EXPECTED, reason=reason)
    if len(text) == 13 and text[:3] not in ("978", "979"):
        raise InvalidIdentifierError(LABEL, value, EXPECTED, reason="ISBN-13 starts 978 or 979")
    expected = isbn10_check_digit(text[:9]) if len(text) == 10 else isbn13_check_digit(text[:12])
    if text[-1] != expected:
        reason = f"check digit is {expected}, not {text[-1]}"
        raise InvalidIdentifierError(LABEL, value, EXPECTED, reason=reason)
    return text


def normalize_isbn(value: str) -> str:
    """The ISBN-13 of an ISBN-10 or ISBN-13, digits only (check digits verified).

    >>> normalize_isbn("ISBN 0-306-40615-2")
    '9780306406157'
    """
    text = _compact(value)
    if len(text) == 13:
        return text
    return "978" + text[:9] + isbn13_check_digit("978" + text[:9])


def isbn10_to_13(value: str) -> str:
    return normalize_isbn(value)


def isbn13_to_10(value: str) -> str:
    """The ISBN-10 of an ISBN (only 978- ISBNs have one)."""
    text = normalize_isbn(value)
    if not text.startswith("978"):
        reason = "only ISBN-13s starting 978 have an ISBN-10"
        raise InvalidIdentifierError(LABEL, value, EXPECTED, reason=reason)
    return text[3:12] + isbn10_check_digit(text[3:12])


def find_isbns(text: str) -> list[Identifier]:
    """Valid ISBNs after an 'ISBN' label, and bare 978/979 ISBN-13s (wrong check digits skipped)."""
    found: list[Identifier] = []
    for m in _IN_TEXT.finditer(text):
        group = "labelled" if m.group("labelled") else "bare"
        written = m.group(group)
        try:
            standard = normalize_isbn(written)
        except InvalidIdentifierError:
            continue
        found.append(Identifier("isbn", written, standard, m.start(group), m.end(group), m.start()))
    return found


def extract_isbns(text: str) -> list[str]:
    return unique_standards(find_isbns(text))


_FIELD_VALUE = re.compile(
    r"(?<![0-9X-])(?:97[89][-\s]?)?[0-9](?:[-\s]?[0-9]){8}[-\s]?[0-9X](?![0-9X])", re.IGNORECASE
)


def split_isbn_field(text: str) -> list[str]:
    """The ISBNs a field gives, without qualifiers: ``'0-262-24011-4 (hardcover)'`` ->
    ``['0-262-24011-4']``; several values separated by commas, semicolons or words. A field with
    no ISBN-shaped value gives the whole text back (to be reported as invalid).

    >>> split_isbn_field("0-262-24011-4 (hardcover); 978-0-262-24011-1 (pbk.)")
    ['0-262-24011-4', '978-0-262-24011-1']
    """
    found = [m.strip() for m in _FIELD_VALUE.findall(text)]
    return found or ([text.strip()] if text.strip() else [])
