"""The hub model: CSL alignment, validation, provenance and the CSL-JSON round trip."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import ValidationError

from als_refs.errors import InvalidDOIError
from als_refs.formats.csljson import read_item
from als_refs.identifiers.doi import normalize_doi
from als_refs.models import DateParts, Location, Name, Provenance, Reference
from tests.unit.csl_schema_strategy import from_schema

SCHEMA = Path(__file__).resolve().parents[2].parent / "shared" / "schemas" / "csl-data.json"


def chio() -> Reference:
    return Reference(
        id="chio2012pain",
        type="article-journal",
        title="Pain in amyotrophic lateral sclerosis: a population-based controlled study",
        author=[Name(family="Chiò", given="A."), Name(family="Canosa", given="A.")],
        container_title="European Journal of Neurology",
        container_title_short="Eur J Neurol",
        volume="19",
        issue="4",
        page="551-555",
        issued=DateParts.from_ymd(2012),
        published_online=DateParts.from_ymd(2011, 10, 3),
        doi="10.1111/J.1468-1331.2011.03540.X",
        trial_ids=["NCT01811355"],
        provenance=Provenance(
            locations=[Location(document="seeds/000.txt", line=46, kind="reference", raw="Chiò…")],
            fields={"title": "document", "doi": "person"},
            as_written={"DOI": "10.1111/J.1468-1331.2011.03540.X"},
            confidence=0.9,
        ),
    )


def test_csl_round_trip_is_lossless() -> None:
    reference = chio()
    item = reference.to_csl()
    assert Reference.from_csl(json.loads(json.dumps(item))) == reference


def test_csl_output_validates_against_the_official_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate([chio().to_csl()], schema)


def test_non_csl_data_goes_in_custom() -> None:
    item = chio().to_csl()
    ours = item["custom"]["als-refs"]
    assert ours["trial-ids"] == ["NCT01811355"]
    assert ours["published-online"] == {"date-parts": [[2011, 10, 3]]}
    assert ours["provenance"]["locations"][0]["line"] == 46
    assert "trial_ids" not in item and "provenance" not in item


def test_doi_compares_lower_case_and_prints_as_written() -> None:
    reference = chio()
    assert reference.doi == "10.1111/j.1468-1331.2011.03540.x"
    assert reference.display_doi == "10.1111/J.1468-1331.2011.03540.X"
    assert reference.to_csl()["DOI"] == "10.1111/J.1468-1331.2011.03540.X"


def test_a_doi_changed_later_prints_in_its_new_form() -> None:
    changed = chio().with_fields("registry", doi="10.1212/WNL.0000000000002507")
    assert changed.display_doi == "10.1212/WNL.0000000000002507"
    assert chio().with_fields(volume="20").display_doi == "10.1111/J.1468-1331.2011.03540.X"


def test_doi_prefixes_are_removed() -> None:
    reference = Reference(id="a", DOI="https://doi.org/10.1212/WNL.0000000000002507")
    assert reference.doi == "10.1212/wnl.0000000000002507"
    assert reference.display_doi == "10.1212/WNL.0000000000002507"
    # The CSL value is written back exactly as it came.
    assert reference.to_csl()["DOI"] == "https://doi.org/10.1212/WNL.0000000000002507"


def test_invalid_doi_names_the_value_and_the_expected_form() -> None:
    with pytest.raises(ValidationError) as info:
        Reference(id="a", DOI="11.1234/x")
    assert "invalid DOI '11.1234/x'" in str(info.value)
    assert "expected '10." in str(info.value)
    with pytest.raises(InvalidDOIError):
        normalize_doi("11.1234/x")


@pytest.mark.parametrize(
    ("item", "message"),
    [
        pytest.param({"id": "a", "type": "journal"}, "type", id="unknown-type"),
        pytest.param({"type": "book"}, "id", id="missing-id"),
        pytest.param({"id": "a", "volume": [3]}, "volume", id="volume-list"),
        pytest.param({"id": "a", "author": [{"family": 3}]}, "family", id="bad-name"),
        pytest.param(
            {"id": "a", "issued": {"date-parts": [[2012, 1, 2, 3]]}}, "date-parts", id="bad-date"
        ),
    ],
)
def test_invalid_items_are_rejected_with_the_field(item: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError) as info:
        Reference.from_csl(item)
    assert message in str(info.value)


def test_csl_synonyms_are_kept_as_given() -> None:
    item = {"id": "a", "type": "book", "journalAbbreviation": "Neurology", "shortTitle": "Mex"}
    reference = Reference.from_csl(item)
    assert (reference.journal_abbreviation, reference.short_title) == ("Neurology", "Mex")
    assert reference.to_csl() == item


def test_numbers_unknown_keys_and_empty_lists_are_written_back_as_given() -> None:
    item = {
        "id": 7,
        "type": "book",
        "volume": 3,
        "page": 12.5,
        "edition": "2",
        "translator": [{"family": "Fagles", "given": "Robert"}],
        "original-date": {"date-parts": [[-700]]},
        "author": [],
        "custom": {},
        "zotero-extra": {"x": 1},
    }
    reference = Reference.from_csl(item)
    assert (reference.id, reference.volume, reference.page) == ("7", "3", "12.5")
    assert reference.translator[0].family == "Fagles"
    assert reference.to_csl() == item
    assert reference.with_fields(volume="4").to_csl()["volume"] == "4"


SCHEMA_DATA = json.loads(SCHEMA.read_text(encoding="utf-8"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(from_schema(SCHEMA_DATA["items"], SCHEMA_DATA))
def test_every_schema_valid_item_round_trips(item: dict[str, Any]) -> None:
    reference, issues = read_item(item, 0, "lib.json", 1)
    assert reference is not None
    assert not [issue for issue in issues if issue.code == "invalid-field"]
    assert reference.to_csl() == item
    if reference.doi is not None or "DOI" not in item:
        assert Reference.from_csl(item).to_csl() == item


def test_group_author_is_a_literal_name() -> None:
    group = Name(literal="Mexiletine ALS Study Group")
    assert group.is_group and group.display() == "Mexiletine ALS Study Group"
    person = Name(family="Beethoven", given="Ludwig", non_dropping_particle="van", suffix="Jr.")
    assert person.display() == "Ludwig van Beethoven, Jr."


def test_with_fields_records_the_origin() -> None:
    updated = chio().with_fields("registry", volume="20", issue="5", container_title="Brain")
    assert (updated.volume, updated.issue) == ("20", "5")
    assert updated.provenance.fields["volume"] == "registry"
    assert updated.provenance.fields["container-title"] == "registry"
    assert updated.provenance.fields["title"] == "document"
    assert chio().volume == "19"


def test_records_are_immutable() -> None:
    with pytest.raises(ValidationError):
        chio().title = "other"  # type: ignore[misc]


def test_year_of_a_date() -> None:
    assert DateParts.from_ymd(2016, 4, 19).year == 2016
    assert DateParts(literal="in press").year is None
    assert Reference(id="x").year is None


def test_unknown_keys_of_our_custom_block_are_kept() -> None:
    item = {"id": "a", "custom": {"als-refs": {"trial-ids": ["NCT01811355"], "future": 1}}}
    reference = Reference.from_csl(item)
    assert reference.trial_ids == ("NCT01811355",)
    assert reference.to_csl()["custom"] == item["custom"]


def test_issue_text_names_its_place() -> None:
    from als_refs.models import Issue

    issue = Issue(severity="error", code="x", message="m", line=3)
    assert str(issue) == "<input>:3: error: x: m"
    assert str(issue.model_copy(update={"source": "a.bib"})) == "a.bib:3: error: x: m"
