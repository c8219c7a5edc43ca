"""Given names under ``initialize="false"`` with ``initialize-with`` (Chicago, MLA).

The given names are from the real items in ``tests/data/render-real/items.json``; the expected
strings are what citeproc-js 2.4.63 printed for them in chicago-author-date
(``expected/chicago-author-date.json.gz``): initials are rewritten with the terminator and lose
their hyphen, whole names keep theirs.
"""

from __future__ import annotations

import pytest

from als_refs.styles.nameparts import initialize_given


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("A.-L.", "A. L."),
        ("H.-P.", "H. P."),
        ("H-K", "H. K."),
        ("Kun-yu", "Kun-yu"),
        ("Lee-ann", "Lee-ann"),
        ("Irene A.", "Irene A."),
    ],
)
def test_initials_normalized_names_kept(given: str, expected: str) -> None:
    assert initialize_given(given, ". ", False, hyphen=True) == expected
