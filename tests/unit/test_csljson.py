"""CSL-JSON and JSON Lines: reading keeps the good items and names the bad ones."""

from __future__ import annotations

import json

import pytest

from als_refs.errors import UnknownFormatError
from als_refs.formats import csljson, get_format, jsonl
from als_refs.models import DateParts, Name, Reference


def sample() -> list[Reference]:
    return [
        Reference(id="a", title="Café & “quotes”", author=[Name(family="Björn")]),
        Reference(id="b", type="book", issued=DateParts.from_ymd(2010), publisher="Wiley"),
    ]


def test_array_round_trip() -> None:
    text = csljson.write_string(sample())
    assert list(csljson.parse_string(text).references) == sample()
    assert "Café" in text  # UTF-8, not \u escapes


def test_output_is_deterministic_and_sorted() -> None:
    assert csljson.write_string(sample()) == csljson.write_string(sample())
    first = json.loads(csljson.write_string(sample()))[0]
    assert list(first) == sorted(first)


def test_a_single_item_object_is_accepted() -> None:
    result = csljson.parse_string('{"id": "x", "type": "book"}')
    assert [r.id for r in result.references] == ["x"]


def test_invalid_json_names_the_line() -> None:
    result = csljson.parse_string('[\n  {"id": "a",}\n]', source="lib.json")
    assert not result.references
    (issue,) = result.issues
    assert (issue.source, issue.line, issue.code) == ("lib.json", 2, "invalid-json")


def test_bad_item_does_not_sink_the_others() -> None:
    text = '[\n{"id": "a"},\n{"id": ["b"], "type": "book"},\n{"id": "c"}\n]'
    result = csljson.parse_string(text, source="lib.json")
    assert [r.id for r in result.references] == ["a", "c"]
    (issue,) = result.errors
    assert issue.line == 3 and "['b']" in issue.message and "id" in issue.message


def test_a_type_csl_does_not_define_is_kept_with_a_warning() -> None:
    text = '[\n{"id": "a"},\n{"id": "b", "type": "nonsense"}\n]'
    result = csljson.parse_string(text, source="lib.json")
    assert [r.id for r in result.references] == ["a", "b"]
    assert result.references[1].type == "document"
    (warning,) = result.issues
    assert (warning.code, warning.line, warning.severity) == ("unknown-type", 3, "warning")
    assert json.loads(csljson.write_string(list(result.references)))[1]["type"] == "nonsense"


def test_jsonl_streams_and_names_the_bad_line() -> None:
    text = jsonl.write_string(sample()) + "{oops\n"
    result = jsonl.parse_string(text, source="lib.jsonl")
    assert list(result.references) == sample()
    assert result.issues[0].line == 3


@pytest.mark.parametrize(
    ("filename", "name"),
    [("a.json", "csl-json"), ("a.JSONL", "jsonl"), ("lib.bib", "bibtex")],
)
def test_format_by_suffix(filename: str, name: str) -> None:
    assert name == get_format(filename=filename).NAME


def test_unknown_suffix_names_the_file_and_the_choices() -> None:
    with pytest.raises(UnknownFormatError) as info:
        get_format(filename="refs.docx")
    assert "refs.docx" in str(info.value) and ".bib" in str(info.value)


def test_unknown_name() -> None:
    with pytest.raises(UnknownFormatError, match="unknown format 'endnote-xml'"):
        get_format("endnote-xml")


def test_name_and_filename_conflict() -> None:
    with pytest.raises(TypeError, match="Only one should be provided"):
        get_format("bibtex", filename="a.bib")


def test_a_bad_field_is_dropped_reported_and_kept_aside() -> None:
    text = '[\n{"id": "a", "title": "T", "volume": [19]}\n]'
    result = csljson.parse_string(text, source="lib.json")
    (reference,) = result.references
    assert (reference.title, reference.volume) == ("T", None)
    assert reference.custom["rejected"] == {"volume": [19]}
    (issue,) = result.issues
    assert (issue.severity, issue.code, issue.line, issue.field) == (
        "error",
        "invalid-field",
        2,
        "volume",
    )
    again = csljson.parse_string(csljson.write_string(result.references))
    assert again.references == result.references


def test_a_doi_that_is_not_one_is_kept_as_written_with_a_warning() -> None:
    # CSL does not constrain the DOI's syntax: the item is schema-valid, so no invalid-field.
    text = '[\n{"id": "a", "title": "T", "DOI": "doi:11.1234/x"}\n]'
    result = csljson.parse_string(text, source="lib.json")
    (reference,) = result.references
    assert (reference.doi, reference.display_doi) == (None, None)
    assert reference.to_csl()["DOI"] == "doi:11.1234/x"
    (issue,) = result.issues
    assert (issue.severity, issue.code, issue.line) == ("error", "doi-syntax", 2)


def test_hostile_json_is_one_clear_issue_or_kept() -> None:
    deep = csljson.parse_string("[" * 100_000 + "]" * 100_000, source="deep.json")
    assert [i.code for i in deep.issues] == ["invalid-json"]
    assert "deep" in deep.issues[0].message
    huge = csljson.parse_string('[{"id": "a", "volume": ' + "9" * 5000 + "}]")
    (reference,) = huge.references
    assert reference.volume == "9" * 5000
    bom = csljson.parse_string('\ufeff[{"id": "a", "title": "T"}]')
    assert [r.title for r in bom.references] == ["T"]
    odd = csljson.parse_string('[{"id": "a", "title": "T", "custom": "zotero"}]')
    (kept,) = odd.references
    assert kept.title == "T" and kept.custom["rejected"] == {"custom": "zotero"}
    assert [i.code for i in odd.issues] == ["invalid-field"]
