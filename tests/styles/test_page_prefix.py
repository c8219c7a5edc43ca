"""Page ranges whose ends carry a prefix with digits ("82620P1-82620P8").

The expected strings are citeproc-js 2.4.63's output for these page values with each
page-range-format (a one-line style run through ``/work/shared/csl/tools/format.js``); the first
value is the page of the real item bbt-i82-dogan_2012.
"""

from __future__ import annotations

import pytest

from als_refs.styles.locale import build_locale
from als_refs.styles.pages import format_page_range


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        ("82620P1-82620P8", "minimal", "82620P1–8"),
        ("82620P1-82620P8", "chicago-16", "82620P1–8"),
        ("82620P1-82620P8", "expanded", "82620P1-82620P8"),
        ("8n11564-8n1568", "chicago-16", "8n11564–68"),
        ("8n11564-8n1568", "minimal", "8n11564–8"),
        ("e0123-e0130", "minimal", "e0123–30"),
        ("S12-S15", "expanded", "S12–S15"),
    ],
)
def test_prefixed_ranges_as_citeproc_js(value: str, fmt: str, expected: str) -> None:
    assert format_page_range(value, fmt, build_locale("en-US", [])) == expected
