"""The CLI's foundation commands, in-process through main(): exit codes and messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from als_refs import __version__
from als_refs.cli.main import main


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"als-refs {__version__}"


def test_help_lists_the_commands_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("parse", "extract", "convert", "build"):
        assert command in out
    assert "Exit codes" in out


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: als-refs" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", "a.json", "b.json", "--bogus"]) == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_convert_json_to_jsonl(tmp_path: Path) -> None:
    source = write(tmp_path / "in.json", '[{"id": "a", "title": "Ça"}, {"id": "b"}]')
    assert main(["convert", str(source), str(tmp_path / "out.jsonl")]) == 0
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a", "b"]


def test_convert_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.json"
    assert main(["convert", str(missing), str(tmp_path / "out.json")]) == 2
    assert f"{missing}: no such file" in capsys.readouterr().err


def test_convert_unreadable_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "latin1.json"
    source.write_bytes(b'[{"id": "caf\xe9"}]')
    assert main(["convert", str(source), str(tmp_path / "out.json")]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_convert_directory_instead_of_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "dir.json").mkdir()
    assert main(["convert", str(tmp_path / "dir.json"), str(tmp_path / "out.json")]) == 2
    assert "is a directory" in capsys.readouterr().err


def test_convert_unknown_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "refs.docx", "x")
    assert main(["convert", str(source), str(tmp_path / "out.json")]) == 2
    err = capsys.readouterr().err
    assert "refs.docx" in err and "cannot tell the format" in err


def test_convert_invalid_json_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "bad.json", '[\n{"id": "a",,}\n]')
    target = tmp_path / "out.jsonl"
    assert main(["convert", str(source), str(target)]) == 2
    assert f"{source}:2: error: invalid-json" in capsys.readouterr().err
    assert not target.exists()


def test_convert_keeps_the_good_entries_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "mixed.json", '[\n{"id": "a"},\n{"id": ["b"], "type": "book"}\n]')
    target = tmp_path / "out.jsonl"
    assert main(["convert", str(source), str(target)]) == 1
    assert f"{source}:3:" in capsys.readouterr().err
    assert json.loads(target.read_text(encoding="utf-8"))["id"] == "a"


def test_convert_strict_writes_nothing_on_a_broken_entry(tmp_path: Path) -> None:
    source = write(tmp_path / "mixed.json", '[{"id": "a"}, {"id": ["b"], "type": "book"}]')
    target = tmp_path / "out.jsonl"
    assert main(["convert", "--strict", str(source), str(target)]) == 2
    assert not target.exists()


def test_convert_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "in.json", '[{"id": "a"}]')
    assert main(["convert", str(source), "-", "--to", "jsonl"]) == 0
    assert json.loads(capsys.readouterr().out) == {"id": "a", "type": "article-journal"}


@pytest.mark.parametrize(("flags", "expected"), [([], "Chi{\\`o}"), (["--unicode"], "Chiò")])
def test_convert_to_bibtex_latex_or_utf8(tmp_path: Path, flags: list[str], expected: str) -> None:
    source = write(tmp_path / "in.json", '[{"id": "a", "author": [{"family": "Chiò"}]}]')
    assert main(["convert", str(source), str(tmp_path / "out.bib"), *flags]) == 0
    assert expected in (tmp_path / "out.bib").read_text(encoding="utf-8")


def test_convert_to_bibtex_drops_control_characters_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(
        tmp_path / "in.json",
        '[{"id": "a", "type": "book", "title": "T\\u0000x\\u001by"}, {"id": "b", "title": "ok"}]',
    )
    target = tmp_path / "out.bib"
    assert main(["convert", str(source), str(target)]) == 0
    err = capsys.readouterr().err
    assert f"{source}: warning: control-character: entry 'a'" in err and "'b'" not in err
    text = target.read_text(encoding="utf-8")
    assert "title = {Txy}" in text and not any(ord(c) < 32 and c != "\n" for c in text)
