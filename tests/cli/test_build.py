"""`als-refs build`: the library is current, builds are deterministic, bad input is named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from als_refs.cli.main import main

REFERENCES = Path(__file__).resolve().parents[2] / "references"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    target = tmp_path / "references"
    shutil.copytree(REFERENCES, target)
    return target


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_committed_outputs_are_current(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--check", str(REFERENCES)]) == 0, capsys.readouterr().err


def test_two_builds_are_byte_identical(library: Path) -> None:
    # citekeys.json stays: it is an input too (pinned keys never change).
    for generated in ("references.bib", "references.json"):
        (library / generated).unlink()
    shutil.rmtree(library / "bibliography")
    assert main(["build", str(library)]) == 0
    first = snapshot(library)
    assert main(["build", str(library)]) == 0
    assert snapshot(library) == first
    assert first == snapshot(REFERENCES) | {
        k: v for k, v in first.items() if k not in snapshot(REFERENCES)
    }


def test_check_names_stale_outputs_and_writes_nothing(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = library / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("2013", "2031"), encoding="utf-8")
    (library / "references.json").unlink()
    before = snapshot(library)
    assert main(["build", "--check", str(library)]) == 1
    err = capsys.readouterr().err
    assert f"{library / 'references.bib'}: stale" in err
    assert f"{library / 'references.json'}: stale" in err
    assert snapshot(library) == before


def test_every_record_is_tied_to_its_article_and_line() -> None:
    items = json.loads((REFERENCES / "references.json").read_text(encoding="utf-8"))
    assert items
    for item in items:
        (location, *_) = item["custom"]["als-refs"]["provenance"]["locations"]
        assert location["document"].startswith("seeds/")
        assert location["line"] >= 1
        assert location["raw"]


def test_generated_csl_json_validates_against_the_official_schema(shared: Path) -> None:
    schema = json.loads((shared / "schemas" / "csl-data.json").read_text(encoding="utf-8"))
    items = json.loads((REFERENCES / "references.json").read_text(encoding="utf-8"))
    jsonschema.validate(items, schema)


def test_the_seed_reference_list_is_in_the_library() -> None:
    items = json.loads((REFERENCES / "references.json").read_text(encoding="utf-8"))
    by_key = {item["id"]: item for item in items}
    assert by_key["rivera2013prevalence"]["DOI"] == "10.3109/21678421.2012.751614"
    chio = by_key["chio2012pain"]
    assert (chio["volume"], chio["issue"], chio["page"]) == ("19", "4", "551-555")
    assert "DOI" not in chio
    assert by_key["brettschneider2010drug"]["issued"] == {"date-parts": [[2010]]}
    assert by_key["handy2011pain"]["number"] == "403808"
    trials = [item for item in items if item.get("genre") == "Clinical trial registration"]
    assert len(trials) == 2


def test_keys_stay_when_the_library_grows(library: Path) -> None:
    keys_before = json.loads((library / "citekeys.json").read_text(encoding="utf-8"))
    extra = library / "sources" / "000_extra.toml"
    extra.write_text(
        'document = "extra.txt"\n\n[[citation]]\nline = 1\nkind = "reference"\n'
        'text = "Rivera I, Smith J. Prevalence of cramps in ALS. Muscle Nerve. 2013;47(2):1-9."\n',
        encoding="utf-8",
    )
    assert main(["build", str(library)]) == 0
    keys_after = json.loads((library / "citekeys.json").read_text(encoding="utf-8"))
    assert {k: keys_after[k] for k in keys_before} == keys_before
    assert set(keys_after.values()) - set(keys_before.values()) == {"rivera2013prevalencea"}
    ids = [item["id"] for item in json.loads((library / "references.json").read_text("utf-8"))]
    assert len(ids) == len(set(ids)) == len(set(keys_before.values())) + 1


def test_a_broken_source_is_named_and_nothing_is_written(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = library / "sources" / "zz_broken.toml"
    broken.write_text('document = "x.txt"\n\n[[citation]]\nline = "four"\ntext = "x"\n')
    before = snapshot(library)
    assert main(["build", str(library)]) == 2
    assert f"{broken}:3: error: invalid-citation" in capsys.readouterr().err
    assert snapshot(library) == before


def test_invalid_config_is_named(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (library / "als-refs.toml").write_text("sources = 3\n", encoding="utf-8")
    assert main(["build", str(library)]) == 2
    assert "als-refs.toml: sources" in capsys.readouterr().err


def test_missing_library_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(tmp_path / "nowhere")]) == 2
    assert "no such library directory" in capsys.readouterr().err
