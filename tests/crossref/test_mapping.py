"""Crossref work messages -> Reference, markup cleaning, trimming, notices."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from als_refs.crossref.mapping import clean_markup, notices, trim_work, work_to_reference
from als_refs.errors import InputError

from .server import WORKS_DIR


def _work(slug: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((WORKS_DIR / f"{slug}.json").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(
    ("raw", "formatted", "text"),
    [
        pytest.param(
            "Construction of a panel for detecting\n      <i>KRAS</i>\n      /\n      <i>NRAS</i>\n"
            "      mutations",
            "Construction of a panel for detecting <i>KRAS</i>/<i>NRAS</i> mutations",
            "Construction of a panel for detecting KRAS/NRAS mutations",
            id="html-italics-with-layout-newlines",
        ),
        pytest.param(
            "Effects of <jats:italic>SOD1</jats:italic> on <jats:sc>ALS</jats:sc> mice",
            "Effects of <i>SOD1</i> on ALS mice",
            "Effects of SOD1 on ALS mice",
            id="jats",
        ),
        pytest.param(
            "Ca<sup>2+</sup> in H<sub>2</sub>O &amp; more",
            "Ca<sup>2+</sup> in H<sub>2</sub>O & more",
            "Ca2+ in H2O & more",
            id="sup-sub-entities",
        ),
        pytest.param(
            "Rate <mml:math><mml:mi>k</mml:mi><mml:mo>=</mml:mo><mml:mn>2</mml:mn></mml:math> s",
            "Rate k=2 s",
            "Rate k=2 s",
            id="mathml",
        ),
    ],
)
def test_clean_markup(raw: str, formatted: str, text: str) -> None:
    assert clean_markup(raw) == formatted
    assert clean_markup(raw, keep_formatting=False) == text


def test_journal_article_maps_every_field() -> None:
    ref = work_to_reference(_work("weiss-2016"))
    assert ref.type == "article-journal"
    assert ref.doi == "10.1212/wnl.0000000000002507"
    assert ref.title == (
        "A randomized trial of mexiletine in ALS: "
        "Safety and effects on muscle cramps and progression"
    )
    assert ref.author[0].family == "Weiss"
    assert ref.author[0].given == "Michael D."
    assert len(ref.author) == 18
    assert (ref.container_title, ref.container_title_short) == ("Neurology", "Neurology")
    assert (ref.volume, ref.issue, ref.page) == ("86", "16", "1474-1481")
    assert ref.issn == "0028-3878"
    assert ref.issued is not None and ref.issued.date_parts == ((2016, 3, 16),)
    assert ref.published_online is not None and ref.published_online.date_parts == ((2016, 3, 16),)
    assert ref.published_print is not None and ref.published_print.date_parts == ((2016, 4, 19),)
    assert ref.provenance.fields["title"] == "registry"
    assert ref.provenance.fields["container-title"] == "registry"


def test_article_number_goes_to_number() -> None:
    ref = work_to_reference(_work("handy-2011"))
    assert ref.number == "403808"
    assert ref.page is None
    cochrane = work_to_reference(_work("baldinger-2012"))
    assert cochrane.number == "CD004157"
    assert cochrane.issn == "1465-1858"


def test_group_author_and_missing_doi() -> None:
    message = {"DOI": "10.5555/x", "type": "report", "author": [{"name": "ALS Study Group"}]}
    ref = work_to_reference(message)
    assert ref.type == "report"
    assert ref.author[0].literal == "ALS Study Group"
    with pytest.raises(InputError):
        work_to_reference({"type": "journal-article"})


def test_trim_keeps_only_used_keys() -> None:
    work = _work("chio-2012")
    trimmed = trim_work(work)
    assert "score" not in trimmed and "member" not in trimmed
    assert trimmed["author"][0] == {"given": "Adriano", "family": "Chiò", "sequence": "first"}
    assert work_to_reference(trimmed) == work_to_reference(work)


def test_notices_from_updated_by_and_update_to() -> None:
    (newer,) = notices(_work("brettschneider-2008"))
    assert (newer.kind, newer.direction, newer.other) == (
        "new_version",
        "updated-by",
        "10.1002/14651858.cd005226.pub3",
    )
    (retraction,) = notices(_work("distractor-retracted-2015"))
    assert retraction.kind == "retraction"
    (notice,) = notices(_work("distractor-retraction-notice-2016"))
    assert notice.direction == "update-to"
    assert notices(_work("weiss-2016")) == []


def test_relation_versions_are_notices() -> None:
    message = {
        "DOI": "10.5555/a",
        "relation": {
            "is-replaced-by": [{"id-type": "doi", "id": "10.5555/B", "asserted-by": "subject"}]
        },
    }
    (notice,) = notices(message)
    assert (notice.kind, notice.other) == ("new_version", "10.5555/b")


@given(st.text(alphabet=st.sampled_from(list("ab <>/ijsupmlx:=\n&;")), max_size=80))
@settings(max_examples=300, deadline=None)
def test_clean_markup_leaves_only_kept_tags(text: str) -> None:
    import re

    cleaned = clean_markup(text)
    for tag in re.findall(r"</?\s*([A-Za-z][\w.:-]*)[^>]*>", cleaned):
        assert tag in {"i", "b", "sup", "sub"}
    assert "\n" not in cleaned
    plain_text = clean_markup(text, keep_formatting=False)
    assert re.search(r"</?\s*[A-Za-z][\w.:-]*[^>]*>", plain_text) is None


def test_a_tag_left_behind_by_taking_out_another_is_taken_out_too() -> None:
    # found by hypothesis: "<<a>b>" became "<b>" after one pass
    assert clean_markup("<<a>a>") == ""
    assert clean_markup("x <<jats:sup>b> y", keep_formatting=False) == "x y"
