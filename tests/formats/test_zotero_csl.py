"""Zotero / Better BibTeX CSL-JSON exports (real files, see data/zotero-bbt/README.md).

What a Zotero user gets from ``als-refs format`` must be what the CSL engine prints when it is
handed the very same dicts: reading into the hub model may lose nothing a style prints.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from als_refs.cli.main import main
from als_refs.formats import csljson
from als_refs.styles import format_entries

DATA = Path(__file__).parent / "data" / "zotero-bbt"
FILES = sorted(DATA.glob("*.csl.json"))
STYLES = (
    "apa",
    "american-medical-association",
    "nlm-citation-sequence",
    "chicago-author-date",
    "modern-language-association",
    "ieee",
    "elsevier-harvard",
    "nature",
)


def items(path: Path) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def test_the_fixtures_are_many_real_items() -> None:
    assert len(FILES) >= 20
    assert sum(len(items(path)) for path in FILES) >= 80


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:40])
def test_reading_and_writing_back_is_exact(path: Path) -> None:
    result = csljson.parse_string(path.read_text(encoding="utf-8"), source=str(path))
    assert not [i for i in result.issues if i.code in {"invalid-field", "invalid-item"}]
    assert json.loads(csljson.write_string(list(result.references))) == items(path)


@pytest.mark.parametrize("style", STYLES)
def test_format_prints_what_the_engine_prints_from_the_dicts(
    style: str, capsys: pytest.CaptureFixture[str]
) -> None:
    differing = []
    for path in FILES:
        expected = sorted(format_entries(items(path), style=style))
        capsys.readouterr()
        main(["format", str(path), "--style", style])
        printed = sorted(line for line in capsys.readouterr().out.split("\n") if line)
        if printed != expected:
            differing.append(path.name)
    assert differing == []


def test_an_unknown_type_is_formatted_as_a_document_and_written_back() -> None:
    path = DATA / "Extra-field-type-video-not-exported-3536.csl.json"
    result = csljson.parse_string(path.read_text(encoding="utf-8"), source=str(path))
    (reference,) = result.references
    assert reference.type == "document"
    assert [i.code for i in result.issues] == ["unknown-type"]
    assert reference.to_csl()["type"] == "video"
