"""Properties of the RIS and MEDLINE readers and writers: any text is read without an exception;
any schema-valid CSL item is written without one, and what is written reads back (a record per
item, what it wrote read the same again)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from als_refs.formats import medline, ris
from als_refs.formats.csljson import read_item
from tests.unit.csl_schema_strategy import from_schema

SCHEMA = Path(__file__).resolve().parents[2].parent / "shared" / "schemas" / "csl-data.json"
SCHEMA_DATA = json.loads(SCHEMA.read_text(encoding="utf-8"))
FORMATS = [pytest.param(ris, id="ris"), pytest.param(medline, id="medline")]

_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            ["TY  - JOUR", "ER  - ", "PMID- 1", "", "      more", "AU  - ", "DA  - //"]
        ),
        st.builds(
            lambda tag, value: f"{tag}  - {value}",
            st.sampled_from(["TI", "AU", "PY", "DA", "SP", "EP", "SN", "DO", "KW", "DP", "FAU"]),
            st.text(max_size=20),
        ),
        st.text(max_size=30),
    ),
    max_size=25,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@pytest.mark.parametrize("module", FORMATS)
@given(lines=_LINES)
def test_any_text_is_read_without_an_exception(module: Any, lines: list[str]) -> None:
    result = module.parse_string("\n".join(lines), "fuzz")
    written = module.write_string(result.references)
    again = module.parse_string(written, "again")
    assert len(again.references) == len(result.references)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@pytest.mark.parametrize("module", FORMATS)
@given(item=from_schema(SCHEMA_DATA["items"], SCHEMA_DATA))
@example(item={"type": "article", "id": "", "abstract": " "})  # a blank value: no empty line
@example(item={"type": "article", "id": "x", "title": "a\nPMID- 1", "version": "b\x1dc"})
@example(item={"type": "article", "id": "x", "issued": {"date-parts": [[0], [0, 0]]}})  # month 0
@example(item={"type": "article", "id": "", "author": [{"family": "0\x850,"}]})  # NEL in a name
def test_every_schema_valid_item_is_written_and_reads_back(
    module: Any, item: dict[str, Any]
) -> None:
    reference, _ = read_item(item, 0, "lib.json", 1)
    assert reference is not None
    written = module.write_string([reference])
    first = module.parse_string(written, "first")
    # A record is written unless the item holds nothing the format has a place for.
    assert len(first.references) == (1 if written.strip() else 0)
    rewritten = module.write_string(first.references)
    assert module.parse_string(rewritten, "second").references == first.references
