"""Ordinary data raises no alarm: identifier fields with qualifiers, recurring same-title items."""

from __future__ import annotations

from pathlib import Path

import pytest

from als_refs.cli.main import main
from als_refs.identifiers.isbn import split_isbn_field
from als_refs.identifiers.issn import split_issn_field

QUALIFIED = """\
@article{a,
  title = {Numerical methods for cramps},
  journal = {Applied Mathematics and Computation},
  year = {2010},
  issn = {0096-3003 (print), 1873-5649 (electronic)}
}
@book{b,
  title = {A book},
  publisher = {MIT Press},
  year = {2006},
  isbn = {0-262-24011-4 (hardcover)}
}
@book{c,
  title = {Another book},
  publisher = {MIT Press},
  year = {2006},
  isbn = {0-262-24011-5 (hardcover)}
}
"""


def test_qualified_identifiers_are_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bib = tmp_path / "q.bib"
    bib.write_text(QUALIFIED, encoding="utf-8")
    assert main(["check", str(bib)]) == 1  # only the wrong check digit of entry c
    out = capsys.readouterr().out
    assert out.count("error:") == 1
    assert f"{bib}:13: error: isbn-invalid" in out


@pytest.mark.parametrize(
    ("text", "issns"),
    [
        ("0096-3003 (print), 1873-5649 (electronic)", ["0096-3003", "1873-5649"]),
        ("ISSN 2167-8421; eISSN 2167-9223", ["2167-8421", "2167-9223"]),
        ("1234", ["1234"]),
    ],
)
def test_issn_fields(text: str, issns: list[str]) -> None:
    assert split_issn_field(text) == issns


def test_isbn_fields() -> None:
    assert split_isbn_field("0-262-24011-4 (hardcover)") == ["0-262-24011-4"]
    assert split_isbn_field("978-0-262-24011-1 (pbk.), 0262240114 (hbk.)") == [
        "978-0-262-24011-1",
        "0262240114",
    ]


def _report(volume: int, issue: int, page: int, key: str) -> str:
    return (
        f"@article{{{key},\n  title = {{Treasurer's report}},\n  journal = {{Bulletin}},\n"
        f"  year = {{2001}},\n  volume = {{{volume}}},\n  number = {{{issue}}},\n"
        f"  pages = {{{page}}}\n}}\n"
    )


def test_recurring_titles_in_different_issues_are_not_duplicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = tmp_path / "bulletin.bib"
    items = [_report(12, issue, 3 + issue, f"r{issue}") for issue in range(1, 13)]
    items.append(_report(12, 4, 7, "r4again"))  # the same item as r4, a true duplicate
    bib.write_text("".join(items), encoding="utf-8")
    assert main(["check", str(bib)]) == 0
    out = capsys.readouterr().out
    assert out.count("duplicate-work") == 1
    assert "'r4again' looks like the same work as 'r4'" in out
