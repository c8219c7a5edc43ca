"""Bad input through the CLI: a clear message naming file, line and value; nothing good lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from als_refs.cli.main import main

GOOD = (
    "@article{good,\n  author = {Rivera, I.},\n  title = {Pain in ALS},\n"
    "  journal = {J},\n  year = {2013}\n}\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_malformed_bib_entry_among_good_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = write(
        tmp_path / "mixed.bib",
        GOOD + "\n@article{broken,\n  title = {No closing brace\n\n" + GOOD.replace("good", "also"),
    )
    target = tmp_path / "out.json"
    assert main(["convert", str(bib), str(target)]) == 1
    err = capsys.readouterr().err
    assert f"{bib}:8: error:" in err
    ids = [item["id"] for item in json.loads(target.read_text(encoding="utf-8"))]
    assert ids == ["good", "also"]


@pytest.mark.parametrize(
    ("field", "value", "code", "shown"),
    [
        pytest.param("doi", "11.1234/x", "doi-syntax", "invalid DOI '11.1234/x'", id="doi"),
        pytest.param(
            "isbn", "978-0-306-40615-6", "isbn-invalid", "check digit is 7, not 6", id="isbn"
        ),
        pytest.param("issn", "2167-8422", "issn-invalid", "check digit is 1, not 2", id="issn"),
    ],
)
def test_check_names_an_invalid_identifier(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    field: str,
    value: str,
    code: str,
    shown: str,
) -> None:
    entry = GOOD.replace("year = {2013}", f"year = {{2013}},\n  {field} = {{{value}}}")
    bib = write(tmp_path / "ids.bib", GOOD.replace("good", "ok") + "\n" + entry)
    assert main(["check", str(bib)]) == 1
    out = capsys.readouterr().out
    assert f"{bib}:8: error: {code}:" in out
    assert shown in out
    assert f"{bib}:1:" not in out


def test_convert_keeps_an_invalid_doi_aside_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = write(
        tmp_path / "doi.bib", GOOD.replace("year = {2013}", "year = {2013},\n  doi = {doi 10}")
    )
    target = tmp_path / "out.json"
    assert main(["convert", str(bib), str(target)]) == 1
    assert f"{bib}:1: error: doi-syntax: entry 'good': DOI: invalid DOI 'doi 10'" in (
        capsys.readouterr().err
    )
    (item,) = json.loads(target.read_text(encoding="utf-8"))
    assert item["DOI"] == "doi 10"  # kept as written, flagged, never used as a DOI
    assert item["title"] == "Pain in ALS"


def test_check_of_a_missing_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "none.bib")]) == 2
    assert "none.bib" in capsys.readouterr().err


def test_check_of_invalid_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library = write(tmp_path / "lib.json", '[{"id": "a", "DOI": "10.1000/x"},\n{]')
    assert main(["check", str(library)]) == 2  # the README: invalid JSON is an input error
    assert f"{library}:2: error: invalid-json" in capsys.readouterr().out
