"""CSL variables in an item's note, read as citeproc-js reads them (``notefields``).

The first two items are constructed; what they must give was checked against citeproc-js
2.4.63's own ``CSL.parseNoteFieldHacks`` on them (it parses the date where we keep it raw).
"""

from __future__ import annotations

import json
from pathlib import Path

from als_refs.styles import format_entries
from als_refs.styles.notefields import with_note_fields

ITEMS = Path(__file__).resolve().parents[1] / "data" / "render-real" / "items.json"


def test_note_lines_become_missing_variables() -> None:
    item = {
        "id": "x",
        "type": "book",
        "title": "T",
        "note": "container-title: Container: a title\nauthor: Doe || Jane\nissued: 2019-03\n"
        "title: ignored, the item has one\nfree text stays",
    }
    out = with_note_fields(item)
    assert out["container-title"] == "Container: a title"
    assert out["author"] == [{"family": "Doe", "given": "Jane"}]
    assert out["issued"] == {"raw": "2019-03"}
    assert out["title"] == "T"
    assert out["note"] == "title: ignored, the item has one\nfree text stays"
    assert item["note"].startswith("container-title")  # the caller's item is left alone


def test_braced_fields_in_the_first_line() -> None:
    out = with_note_fields({"id": "x", "note": "{:publisher: Pub} {:publisher-place: Here}"})
    assert (out["publisher"], out["publisher-place"]) == ("Pub", "Here")


def test_real_item_with_fields_in_its_note() -> None:
    # jgm-variables_ContainerTitleShort2-ITEM-1 (pandoc citeproc fixture); citeproc-js 2.4.63
    # printed this entry (expected/chicago-notes-bibliography.json.gz).
    items = json.loads(ITEMS.read_text(encoding="utf-8"))
    item = next(i for i in items if i["id"] == "jgm-variables_ContainerTitleShort2-ITEM-1")
    assert format_entries([item], style="chicago-notes-bibliography") == [
        "Campbell, Donald T., and Donald W. Fiske. “CONVERGENT AND DISCRIMINANT VALIDATION BY "
        "THE MULTITRAIT-MULTIMETHOD MATRIX.” In Container: A Title. Series: A Title. n.d."
    ]
