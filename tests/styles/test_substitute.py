"""Name lists in the bibliography as citeproc-js 2.4.63 prints them (MLA substitution, "and").

The items are constructed here; the expected entries are what citeproc-js 2.4.63 printed for
them with the same modern-language-association.csl (``/work/shared/csl/tools/format.js``).
citeproc-js compares the names shown (not "et al.", not the role), and never substitutes, nor
remembers, names that MLA's ``<substitute>`` finds after its ``guest`` names (editors, titles).
"""

from __future__ import annotations

from als_refs.styles import format_entries

COBURN = [{"family": "Coburn", "given": "Carol"}]
ITEMS = [
    {"id": "a", "type": "book", "editor": COBURN, "title": "Lorem one"},
    {"id": "b", "type": "book", "editor": COBURN, "title": "Lorem two"},
    {
        "id": "c",
        "type": "chapter",
        "author": COBURN,
        "editor": COBURN,
        "title": "Lorem three",
        "container-title": "Book",
    },
    {"id": "d", "type": "book", "author": COBURN, "title": "Lorem four"},
    {"id": "e", "type": "book", "author": COBURN, "title": "Lorem five"},
    {"id": "f", "type": "book", "editor": COBURN, "title": "Lorem six"},
]
for _item in ITEMS:
    _item["issued"] = {"date-parts": [[2020]]}


def test_mla_substitutes_authors_only() -> None:
    assert format_entries(ITEMS, style="modern-language-association") == [
        "Coburn, Carol. Lorem Five. 2020.",
        "———. Lorem Four. 2020.",
        "Coburn, Carol, editor. Lorem One. 2020.",
        "Coburn, Carol, editor. Lorem Six. 2020.",
        "———. “Lorem Three.” Book, edited by Carol Coburn, 2020.",
        "Coburn, Carol, editor. Lorem Two. 2020.",
    ]


def test_mla_substitutes_across_et_al() -> None:
    items = [
        {"id": "x", "type": "book", "author": COBURN, "title": "Alpha"},
        {"id": "y", "type": "book", "author": COBURN * 3, "title": "Beta"},
    ]
    assert format_entries(items, style="modern-language-association") == [
        "Coburn, Carol. Alpha.",
        "———. Beta.",
    ]


def test_two_institutions_joined_without_a_comma() -> None:
    # Constructed; the expected strings are citeproc-js 2.4.63's in chicago-author-date.
    items = [
        {
            "id": "a",
            "type": "book",
            "title": "A",
            "author": [{"literal": "Org One"}, {"literal": "Org Two"}],
        },
        {"id": "d", "type": "book", "title": "D", "author": [{"literal": "Org One"}, COBURN[0]]},
    ]
    assert format_entries(items, style="chicago-author-date") == [
        "Org One, and Carol Coburn. n.d. D.",
        "Org One and Org Two. n.d. A.",
    ]


def test_a_substitute_stops_at_the_first_names_inside_a_choose() -> None:
    # Real item (jgm/citeproc fixture issue_159) and citeproc-js 2.4.63's entry from the golden
    # file: chicago-author-date's <substitute> holds editor and translator in one <choose>
    # branch; only the editors stand for the author, the translator follows the title.
    import gzip
    import json
    from pathlib import Path

    real = Path(__file__).resolve().parents[1] / "data" / "render-real"
    key = "jgm-issue_159-FerrerasDemocratizeWorkCase2022"
    item = next(i for i in json.loads((real / "items.json").read_text("utf-8")) if i["id"] == key)
    golden = json.loads(
        gzip.decompress((real / "expected" / "chicago-author-date.json.gz").read_bytes())
    )
    expected = next(e["entry"] for e in golden["text"] if e["id"] == key)
    assert "Translated by Miranda Richmond Mouillot" in expected
    assert format_entries([item], style="chicago-author-date") == [expected]
