"""RIS and MEDLINE through the command line: convert, format and check, and --encoding."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from als_refs.cli.main import main
from als_refs.formats import bibtex, medline, ris

DATA = Path(__file__).resolve().parents[1] / "formats" / "data"
PUBLISHER = DATA / "publisher_crossref_examples.ris"
NBIB = DATA / "pubmed_29963580_12091962.nbib"


def test_convert_ris_to_bib_and_back(tmp_path: Path) -> None:
    bib, back = tmp_path / "out.bib", tmp_path / "back.ris"
    assert main(["convert", str(PUBLISHER), str(bib)]) == 0
    entries = bibtex.parse_string(bib.read_text(encoding="utf-8")).references
    assert [e.display_doi for e in entries] == [
        "10.1371/journal.pone.0033693",
        "10.1136/jclinpath-2020-206745",
    ]
    assert main(["convert", str(PUBLISHER), str(back)]) == 0
    original = ris.parse_string(PUBLISHER.read_text(encoding="utf-8")).references
    assert ris.parse_string(back.read_text(encoding="utf-8")).references == original


def test_convert_nbib_to_json_and_back(tmp_path: Path) -> None:
    out, back = tmp_path / "out.json", tmp_path / "back.nbib"
    assert main(["convert", str(NBIB), str(out)]) == 0
    items = json.loads(out.read_text(encoding="utf-8"))
    assert [i["PMID"] for i in items] == ["29963580", "12091962"]
    assert items[0]["DOI"] == "10.1117/1.JMI.5.2.026002"
    assert main(["convert", str(out), str(back)]) == 0

    def lines(text: str) -> Counter[tuple[str, str]]:
        records, _ = medline.records(text, None)
        return Counter((f.tag, f.value) for r in records for f in r.fields)

    assert lines(back.read_text(encoding="utf-8")) == lines(NBIB.read_text(encoding="utf-8"))


def test_format_an_nbib_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["format", str(NBIB), "--style", "apa"]) == 0
    out = capsys.readouterr().out
    assert "Guo, F., Capaldi, D." in out
    assert "https://doi.org/10.1117/1.JMI.5.2.026002" in out


def test_check_a_ris_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(PUBLISHER)]) == 0
    bad = tmp_path / "bad.ris"
    bad.write_text("TY  - JOUR\nTI  - x\nSN  - 1234-5678\nER  - \n", encoding="utf-8")
    assert main(["check", str(bad)]) == 1
    assert "issn-invalid" in capsys.readouterr().out


def test_txt_is_medline_only_when_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "pubmed_result2.txt"
    shutil.copy(DATA / "biopython" / "pubmed_result2.txt", source)
    out = tmp_path / "out.json"
    assert main(["convert", str(source), str(out)]) == 2
    assert "cannot tell the format" in capsys.readouterr().err
    assert main(["convert", str(source), str(out), "--from", "medline"]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 4
    assert main(["convert", str(source), "-", "--from", "pubmed", "--to", "ris"]) == 0
    assert capsys.readouterr().out.count("TY  - JOUR") == 4


LATIN1 = "TY  - JOUR\nAU  - Chiò, Adriano\nTI  - Études\nER  - \n".encode("latin-1")


@pytest.mark.parametrize("command", ["convert", "format", "check"])
def test_encoding_reads_a_legacy_file(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "legacy.ris"
    path.write_bytes(LATIN1)
    args = {
        "convert": ["convert", str(path), str(tmp_path / "out.json")],
        "format": ["format", str(path)],
        "check": ["check", str(path)],
    }[command]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"{path}:2: not UTF-8 text: byte 0xf2 at offset 20" in err
    assert "--encoding" in err
    assert main([*args, "--encoding", "latin-1"]) == 0
    if command == "convert":
        (item,) = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
        assert item["title"] == "Études" and item["author"][0]["family"] == "Chiò"


def test_encoding_errors_name_the_codec_and_the_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "legacy.ris"
    path.write_bytes(LATIN1)
    out = str(tmp_path / "o.json")
    assert main(["convert", str(path), out, "--encoding", "ascii"]) == 2
    assert f"{path}:2: not ascii text: byte 0xf2 at offset 20" in capsys.readouterr().err
    assert main(["convert", str(path), out, "--encoding", "klingon"]) == 2
    assert "unknown encoding 'klingon'" in capsys.readouterr().err


def test_build_reads_sources_in_the_given_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "lib"
    (library / "sources").mkdir(parents=True)
    text = (
        'document = "paper.txt"\n\n[[citation]]\nline = 3\nkind = "reference"\n'
        'text = "Chiò A, Logroscino G. Global epidemiology of ALS. Neurology. 2013;81:1-9."\n'
    )
    (library / "sources" / "paper.toml").write_bytes(text.encode("latin-1"))
    assert main(["build", str(library)]) == 2
    assert "not UTF-8 text: byte 0xf2" in capsys.readouterr().err
    assert main(["build", str(library), "--encoding", "latin-1"]) == 0
    assert "Chiò" in (library / "references.json").read_text(encoding="utf-8")
