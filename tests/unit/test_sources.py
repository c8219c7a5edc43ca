"""Source files: the citations a document makes, read and written losslessly."""

from __future__ import annotations

import tomllib

from hypothesis import given
from hypothesis import strategies as st

from als_refs.sources import SourceCitation, SourceDocument, parse_source, write_source

text_values = st.text(min_size=1).filter(lambda s: "\r" not in s)


@given(
    document=st.text(min_size=1),
    texts=st.lists(text_values, max_size=4),
    fix=st.dictionaries(st.sampled_from(["DOI", "title", "note", "x y"]), st.text(), max_size=3),
)
def test_write_then_read_is_identity(document: str, texts: list[str], fix: dict[str, str]) -> None:
    citations = tuple(
        SourceCitation(line=i + 1, text=t, kind="prose" if i % 2 else "reference", fix=fix)
        for i, t in enumerate(texts)
    )
    original = SourceDocument(document=document, title="T", citations=citations)
    written = write_source(original)
    tomllib.loads(written)
    assert parse_source(written, "s.toml") == (original, [])


def test_a_bad_citation_is_reported_with_its_line_and_the_rest_kept() -> None:
    text = (
        'document = "a.txt"\n\n[[citation]]\nline = 4\ntext = "good"\n\n'
        '[[citation]]\nline = 5\nkind = "footnote"\ntext = "bad kind"\n'
    )
    document, issues = parse_source(text, "s.toml")
    assert document is not None
    assert [c.text for c in document.citations] == ["good"]
    (issue,) = issues
    assert (issue.source, issue.line, issue.code) == ("s.toml", 7, "invalid-citation")
    assert "kind" in issue.message


def test_invalid_toml_is_an_issue_not_a_crash() -> None:
    document, issues = parse_source('document = "a\n', "s.toml")
    assert document is None and issues[0].code == "invalid-toml"


def test_missing_document_key() -> None:
    document, issues = parse_source("[[citation]]\nline = 1\ntext = 'x'\n", "s.toml")
    assert document is None and issues[0].code == "missing-document"
