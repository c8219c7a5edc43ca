"""Matching with validation: labelled cases calibrate THRESHOLD and MARGIN."""

from __future__ import annotations

import json
from typing import Any

import pytest

from als_refs.comparison import container_agreement, is_abbreviation, title_similarity
from als_refs.crossref.mapping import work_to_reference
from als_refs.crossref.matching import MARGIN, THRESHOLD, choose, query_text, validate
from als_refs.models import DateParts, Name, Reference

from .refs import BRETTSCHNEIDER, CHIO, HANDY, RIVERA
from .server import WORKS_DIR, load_works


def _work(slug: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((WORKS_DIR / f"{slug}.json").read_text(encoding="utf-8"))
    return data


def _ref(**fields: Any) -> Reference:
    return Reference(id="x", **fields)


WEISS_SHORT = _ref(
    author=(Name(family="Weiss", given="MD"),),
    container_title="Neurology",
    issued=DateParts.from_ymd(2016),
    volume="86",
    page="1474-81",
)
OSKARSSON_SHORT = _ref(
    author=(Name(family="Oskarsson", given="B"),),
    title="Mexiletine for muscle cramps in ALS: a randomized double-blind crossover trial",
    container_title="Muscle Nerve",
    issued=DateParts.from_ymd(2018),
    volume="58",
    issue="1",
    page="42-8",
)
CHIO_TYPO = CHIO.model_copy(
    update={"title": "Pain in amyotrophic lateral sclerosis: a population based control study"}
)
CHIO_ONLINE_YEAR = CHIO.model_copy(update={"issued": DateParts.from_ymd(2011), "page": None})
HANDY_NO_TITLE = HANDY.model_copy(update={"title": None})

# (cited, registered fixture, same work?)
LABELLED = [
    pytest.param(CHIO, "chio-2012", True, id="chio-as-cited"),
    pytest.param(CHIO_TYPO, "chio-2012", True, id="chio-title-typos"),
    pytest.param(CHIO_ONLINE_YEAR, "chio-2012", True, id="chio-online-year"),
    pytest.param(HANDY, "handy-2011", True, id="handy-as-cited"),
    pytest.param(HANDY_NO_TITLE, "handy-2011", True, id="handy-without-title"),
    pytest.param(RIVERA, "rivera-2013", True, id="rivera-journal-as-written"),
    pytest.param(BRETTSCHNEIDER, "brettschneider-2008", True, id="brettschneider-wrong-year"),
    pytest.param(WEISS_SHORT, "weiss-2016", True, id="weiss-vancouver-short"),
    pytest.param(OSKARSSON_SHORT, "oskarsson-2018", True, id="oskarsson-abbreviated"),
    pytest.param(CHIO, "chio-2017", False, id="chio-vs-lancet-review"),
    pytest.param(HANDY, "distractor-pain-nri-2011", False, id="handy-vs-hardy"),
    pytest.param(HANDY, "chio-2012", False, id="handy-vs-chio"),
    pytest.param(OSKARSSON_SHORT, "distractor-cramps-mus-2018", False, id="oskarsson-vs-cohort"),
    pytest.param(WEISS_SHORT, "distractor-pain-neurology-2016", False, id="weiss-vs-pain"),
    pytest.param(RIVERA, "handy-2011", False, id="rivera-vs-handy"),
    pytest.param(OSKARSSON_SHORT, "distractor-retracted-2015", False, id="oskarsson-vs-retracted"),
]


@pytest.mark.parametrize(("cited", "slug", "same"), LABELLED)
def test_threshold_separates_labelled_cases(cited: Reference, slug: str, same: bool) -> None:
    score, _ = validate(cited, work_to_reference(_work(slug)))
    assert (score >= THRESHOLD) is same, f"score {score:.3f}"


def test_threshold_sits_in_the_gap_between_labelled_classes() -> None:
    scores: dict[bool, list[float]] = {True: [], False: []}
    for param in LABELLED:
        cited, slug, same = param.values
        assert isinstance(cited, Reference) and isinstance(slug, str) and isinstance(same, bool)
        scores[same].append(validate(cited, work_to_reference(_work(slug)))[0])
    lowest_match, highest_non_match = min(scores[True]), max(scores[False])
    assert highest_non_match < THRESHOLD <= lowest_match
    # the gap is wide enough that the margin rule alone separates best from worst
    assert lowest_match - highest_non_match > MARGIN


@pytest.mark.parametrize(
    ("cited", "expected"),
    [
        pytest.param(CHIO_TYPO, "10.1111/j.1468-1331.2011.03540.x", id="chio"),
        pytest.param(WEISS_SHORT, "10.1212/wnl.0000000000002507", id="weiss"),
        pytest.param(OSKARSSON_SHORT, "10.1002/mus.26117", id="oskarsson"),
        pytest.param(HANDY_NO_TITLE, "10.1155/2011/403808", id="handy"),
    ],
)
def test_choose_over_every_fixture(cited: Reference, expected: str) -> None:
    result = choose(cited, load_works())
    assert result.accepted is not None, result.reason
    assert result.accepted.doi == expected


def test_two_versions_of_a_review_are_not_a_confident_match() -> None:
    # Cited as 2010: the 2008 and the 2013 versions are both more than a year off.
    cited = BRETTSCHNEIDER.model_copy(update={"doi": None})
    versions = [_work("brettschneider-2008"), _work("brettschneider-2013")]
    result = choose(cited, versions)
    assert result.accepted is None
    assert "vetoed" in result.reason
    assert {c.doi: c.veto for c in result.candidates} == {
        "10.1002/14651858.cd005226.pub2": "year cited 2010, registered 2008",
        "10.1002/14651858.cd005226.pub3": "year cited 2010, registered 2013",
    }
    # Cited as 2008: the 2008 version, never the update five years later.
    as_2008 = cited.model_copy(update={"issued": DateParts.from_ymd(2008)})
    found = choose(as_2008, versions)
    assert found.accepted is not None and found.accepted.doi.endswith(".pub2")
    assert found.candidates[1].veto == "year cited 2008, registered 2013"


def test_nothing_to_choose() -> None:
    assert choose(CHIO, []).reason == "no candidates"


@pytest.mark.parametrize(
    ("short", "full", "expected"),
    [
        ("Eur J Neurol", "European Journal of Neurology", True),
        ("Muscle Nerve", "Muscle & Nerve", True),
        ("Neurol Res Int", "Neurology Research International", True),
        (
            "Amyotroph Lateral Scler Frontotemporal Degener",
            "Amyotrophic Lateral Sclerosis and Frontotemporal Degeneration",
            True,
        ),
        ("Neurology", "Neurology Research International", False),
        ("Lancet Neurol", "European Journal of Neurology", False),
        ("J Neurol", "Muscle & Nerve", False),
    ],
)
def test_abbreviations(short: str, full: str, expected: bool) -> None:
    assert is_abbreviation(short, full) is expected


def test_container_needs_more_than_a_shared_first_word() -> None:
    nri = work_to_reference(_work("handy-2011"))
    assert container_agreement("Neurology Research International", nri) == 1.0
    weiss = work_to_reference(_work("weiss-2016"))
    assert container_agreement("Neurology Research International", weiss) == 0.0


def test_title_similarity_ignores_case_markup_and_missing_subtitle() -> None:
    assert (
        title_similarity(
            "A randomized trial of mexiletine in ALS",
            "A randomized trial of <i>mexiletine</i> in ALS: Safety and effects",
        )
        > 0.9
    )
    assert title_similarity("Pain in ALS", "Treatment for cramps in ALS") < 0.6


def test_query_text_uses_the_citation_as_written() -> None:
    assert query_text(CHIO).startswith("Chiò, A., Canosa, A.")
    assert "European Journal of Neurology" in query_text(
        WEISS_SHORT.model_copy(update={"container_title": "European Journal of Neurology"})
    )
