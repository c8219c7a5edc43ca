"""Year suffixes go on past ``zz`` (703+ works by one author in one year), as citeproc-js counts."""

from __future__ import annotations

from als_refs import DateParts, Name, Reference
from als_refs.styles import cite


def test_703_works_of_one_author_and_year_get_distinct_suffixes_ending_in_aaa() -> None:
    works = [
        Reference(
            id=f"w{i:03d}",
            title=f"Work {i:03d}",
            author=[Name(family="Weiss", given="Michael")],
            issued=DateParts.from_ymd(2016),
        )
        for i in range(703)
    ]
    first, last = (cite(works, [{"id": w}], style="apa") for w in ("w000", "w702"))
    assert first == "(Weiss, 2016a)"
    assert last == "(Weiss, 2016aaa)"
