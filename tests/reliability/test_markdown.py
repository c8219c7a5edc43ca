"""Line breaks in the data never become Markdown structure: each entry stays one line, so no
title, name or journal can start a paragraph, a list, a quote or a heading of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from als_refs.cli.main import main

HOSTILE = {
    "id": "a",
    "type": "article-journal",
    "title": "Line one\n\n- a list item\n# A heading\r\n1. numbered\u2028after\fform",
    "author": [{"family": "Ri\nvera", "given": "I."}],
    "container-title": "Journal\n\n> a quote",
    "issued": {"date-parts": [[2013]]},
}
PLAIN = {
    "id": "b",
    "type": "article-journal",
    "title": "Pain in ALS",
    "author": [{"family": "Smith", "given": "J."}],
    "issued": {"date-parts": [[2001]]},
}


def entries(markdown: str) -> list[str]:
    """The entries of a Markdown bibliography: one line each, separated by one blank line."""
    blocks = markdown.strip("\n").split("\n\n")
    assert all("\n" not in block and block.strip() == block for block in blocks), markdown
    return blocks


@pytest.mark.parametrize("style", ["apa", "american-medical-association", "chicago-author-date"])
def test_format_to_markdown_keeps_each_entry_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], style: str
) -> None:
    path = tmp_path / "in.json"
    path.write_text(json.dumps([HOSTILE, PLAIN]), encoding="utf-8")
    assert main(["format", str(path), "--style", style, "--to", "markdown"]) == 0
    found = entries(capsys.readouterr().out)
    assert len(found) == 2
    hostile = next(entry for entry in found if "line one" in entry.lower())
    assert "line one - a list item \\# a heading 1. numbered after form" in hostile.lower()
    assert "\\> a quote" in hostile.lower()


def test_build_writes_a_markdown_bibliography_with_one_line_per_entry(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    (library / "sources").mkdir(parents=True)
    (library / "als-refs.toml").write_text(
        '[bibliography]\nstyles = ["apa"]\nformats = ["markdown"]\n', encoding="utf-8"
    )
    source = (
        'document = "x.txt"\n[[citation]]\nline = 1\nkind = "reference"\n'
        'text = "Rivera I (2013) Pain in ALS.\\n\\n- not a list\\n# not a heading. '
        'Neurology 1:2-3."\n'
    )
    (library / "sources" / "x.toml").write_text(source, encoding="utf-8")
    assert main(["build", str(library)]) == 0
    markdown = (library / "bibliography" / "apa.md").read_text(encoding="utf-8")
    [entry] = entries(markdown)
    assert "- not a list" in entry
    assert "\\# not a heading" in entry
