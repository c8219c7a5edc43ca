"""Our ISBN/ISSN check digits agree with python-stdnum, a well-kept reference implementation.

We keep our own code for its messages ("check digit is 4, not 5"); this is the measurement that
it decides as stdnum does, on every digit string hypothesis generates (valid ones included: each
generated body gets its correct check digit half the time).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import isbn as stdnum_isbn
from stdnum import issn as stdnum_issn

from als_refs.errors import InvalidIdentifierError
from als_refs.identifiers.isbn import isbn10_check_digit, isbn13_check_digit, normalize_isbn
from als_refs.identifiers.issn import issn_check_digit, normalize_issn

_DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=1)


def _ours(normalize, value: str) -> bool:  # type: ignore[no-untyped-def]
    try:
        normalize(value)
    except InvalidIdentifierError:
        return False
    return True


@given(st.text(alphabet="0123456789", min_size=7, max_size=7), st.booleans(), _DIGITS)
def test_issn_verdicts_match_stdnum(body: str, right: bool, other: str) -> None:
    value = body + (issn_check_digit(body) if right else other)
    assert _ours(normalize_issn, value) == stdnum_issn.is_valid(value), value


@given(
    st.sampled_from([9, 12]),
    st.text(alphabet="0123456789", min_size=12, max_size=12),
    st.booleans(),
    _DIGITS,
)
def test_isbn_verdicts_match_stdnum(length: int, digits: str, right: bool, other: str) -> None:
    bookland = digits.startswith(("978", "979"))
    body = (digits if length == 9 or bookland else "978" + digits[3:])[:length]
    check = isbn10_check_digit if length == 9 else isbn13_check_digit
    value = body + (check(body) if right else other)
    assert _ours(normalize_isbn, value) == stdnum_isbn.is_valid(value), value


@pytest.mark.parametrize(
    "value", ["0-262-24011-4", "978-0-262-24011-6", "0096-3003", "1873-5649", "2167-8421"]
)
def test_real_identifiers_valid_for_both(value: str) -> None:
    normalize = normalize_issn if len(value) == 9 else normalize_isbn
    valid = stdnum_issn.is_valid if len(value) == 9 else stdnum_isbn.is_valid
    assert _ours(normalize, value) and valid(value)
