# ruff: noqa: E501  (reference strings kept on one line, as written)
"""``als-refs parse`` and ``als-refs extract`` through ``main()``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from als_refs.cli.main import main

LINES = [
    "Handy CR, Krudy C, Boulis N, Federici T. (2011) Pain in amyotrophic lateral sclerosis: a neglected aspect of disease.  Neurology Research International 2011, 403808.",
    "",
    ":::: ((( garbage",
    "Handy CR, Krudy C, Boulis N, Federici T. (2011) Pain in amyotrophic lateral sclerosis: a neglected aspect of disease.  Neurology Research International 2011, 403808.",
]  # fmt: skip


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_parse_stdin_one_item_per_line_in_order(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, "\n".join(LINES) + "\n")
    assert main(["parse"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) == 4
    assert items[0]["author"][0]["family"] == "Handy"
    assert items[0]["number"] == "403808"
    assert "title" not in items[1] and "author" not in items[1]
    assert items[3]["title"] == items[0]["title"]
    assert len({item["id"] for item in items}) == 4
    lines = [i["custom"]["als-refs"]["provenance"]["locations"][0]["line"] for i in items]
    assert lines == [1, 2, 3, 4]


def test_parse_arguments_jsonl(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--format", "jsonl", LINES[0], LINES[2]]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert json.loads(out[0])["container-title"] == "Neurology Research International"


def test_parse_verbose_reports_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "-v", ":::: ((( garbage"]) == 0
    err = capsys.readouterr().err
    assert "<args>:1: warning: no-author" in err


def test_parse_trial_kind(capsys: pytest.CaptureFixture[str]) -> None:
    text = "A safety and tolerability study of mexiletine in patients with sporadic ALS.  Contact | ALS TDI | Website"
    assert main(["parse", "--kind", "trial", text]) == 0
    [item] = json.loads(capsys.readouterr().out)
    assert item["type"] == "report"
    assert item["title"] == (
        "A safety and tolerability study of mexiletine in patients with sporadic ALS"
    )


def test_parse_bibtex(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--format", "bibtex", LINES[0]]) == 0
    out = capsys.readouterr().out
    assert "@article" in out
    assert "Neurology Research International" in out


def test_extract_source_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text("# Notes\n\n## References\n\n" + LINES[0] + "\n", encoding="utf-8")
    assert main(["extract", str(doc), "--format", "source"]) == 0
    out = capsys.readouterr().out
    assert 'title = "# Notes"' in out or 'title = "Notes"' in out
    assert "line = 5" in out
    assert 'section = "References"' in out


def test_extract_several_sources_need_a_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("References\n\n" + LINES[0] + "\n", encoding="utf-8")
    b.write_text("References\n\n" + LINES[0] + "\n", encoding="utf-8")
    assert main(["extract", str(a), str(b), "--format", "source"]) == 2
    assert "--output-dir" in capsys.readouterr().err
    assert main(["extract", str(a), str(b), "--format", "csl-json"]) == 0
    [item] = json.loads(capsys.readouterr().out)  # the same work, merged
    places = item["custom"]["als-refs"]["provenance"]["locations"]
    assert [(Path(p["document"]).name, p["line"]) for p in places] == [("a.txt", 3), ("b.txt", 3)]


def test_extract_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00 not utf-8")
    assert main(["extract", str(bad)]) == 2
    assert "bad.txt" in capsys.readouterr().err
