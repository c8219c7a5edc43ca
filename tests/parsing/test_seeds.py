"""Done-when checks: the five seed articles, through ``als-refs extract``, field by field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from als_refs.cli.main import main
from als_refs.sources import parse_source

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
ARTICLE = SEEDS / "000_a9e708bc8353a378.txt"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not available")


def _extract(capsys: pytest.CaptureFixture[str], *paths: Path) -> list[dict[str, Any]]:
    assert main(["extract", *map(str, paths), "--format", "csl-json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def _by_author(items: list[dict[str, Any]], family: str) -> dict[str, Any]:
    matches = [i for i in items if i.get("author") and i["author"][0].get("family") == family]
    assert len(matches) == 1, f"{family}: {len(matches)} records"
    return matches[0]


def _ours(item: dict[str, Any]) -> dict[str, Any]:
    return item["custom"]["als-refs"]  # type: ignore[no-any-return]


def test_rivera_2013(capsys: pytest.CaptureFixture[str]) -> None:
    item = _by_author(_extract(capsys, ARTICLE), "Rivera")
    assert [a["family"] for a in item["author"]] == [
        "Rivera", "Ajroud-Driss", "Casey", "Heller", "Allen", "Siddique", "Sufit",
    ]  # fmt: skip
    assert item["author"][0]["given"] == "I."
    assert item["issued"] == {"date-parts": [[2013]]}
    assert item["title"] == "Prevalence and characteristics of pain in early and late stages of ALS"
    assert item["container-title"] == (
        "Amyotrophic Lateral Sclerosis and Frontotemporal Degeneration Journal"
    )
    assert item["DOI"] == "10.3109/21678421.2012.751614"
    assert item["type"] == "article-journal"
    for noise in ("Abstract", "Full Text", "Subscription"):
        assert noise not in json.dumps({k: v for k, v in item.items() if k != "custom"})
    location = _ours(item)["provenance"]["locations"][0]
    assert location["line"] == 44
    assert location["raw"].startswith("Rivera, I., Ajroud-Driss")


def test_chio_2012(capsys: pytest.CaptureFixture[str]) -> None:
    item = _by_author(_extract(capsys, ARTICLE), "Chiò")
    assert len(item["author"]) == 8
    assert item["author"][-1] == {"family": "Calvo", "given": "A."}
    assert item["issued"] == {"date-parts": [[2012]]}
    assert item["title"] == (
        "Pain in amyotrophic lateral sclerosis: a population-based controlled study"
    )
    assert item["container-title"] == "European Journal of Neurology"
    assert (item["volume"], item["issue"], item["page"]) == ("19", "4", "551-555")
    assert "DOI" not in item


@pytest.mark.parametrize(
    ("family", "year", "doi", "number", "title"),
    [
        (
            "Baldinger",
            2012,
            "10.1002/14651858.CD004157.pub2",
            "CD004157",
            "Treatment for cramps in amyotrophic lateral sclerosis/motor neuron disease",
        ),
        (
            "Brettschneider",
            2010,
            "10.1002/14651858.CD005226.pub2",
            "CD005226",
            "Drug therapy for pain in amyotrophic lateral sclerosis or motor neuron disease",
        ),
    ],
)
def test_cochrane_reviews(
    capsys: pytest.CaptureFixture[str], family: str, year: int, doi: str, number: str, title: str
) -> None:
    item = _by_author(_extract(capsys, ARTICLE), family)
    assert item["issued"] == {"date-parts": [[year]]}
    assert item["DOI"] == doi  # printed as the article wrote it (Cochrane's own spelling)
    assert _ours(item)["provenance"]["as-written"]["DOI"] == doi
    assert item["container-title"] == "Cochrane Database of Systematic Reviews"
    assert item["title"] == title
    assert item["number"] == number


def test_baldinger_mixed_initials(capsys: pytest.CaptureFixture[str]) -> None:
    item = _by_author(_extract(capsys, ARTICLE), "Baldinger")
    assert [(a["family"], a["given"]) for a in item["author"]] == [
        ("Baldinger", "R."), ("Katzberg", "H. D."), ("Weber", "M."),
    ]  # fmt: skip


def test_handy_2011_further_reading(capsys: pytest.CaptureFixture[str]) -> None:
    item = _by_author(_extract(capsys, ARTICLE), "Handy")
    assert [(a["family"], a["given"]) for a in item["author"]] == [
        ("Handy", "C. R."), ("Krudy", "C."), ("Boulis", "N."), ("Federici", "T."),
    ]  # fmt: skip
    # Initials are stored dotted (CSL and BibTeX read "CR" as one name); the text as written is
    # kept in the provenance.
    assert item["custom"]["als-refs"]["provenance"]["locations"][0]["raw"].startswith("Handy CR,")
    assert item["issued"] == {"date-parts": [[2011]]}
    assert item["title"] == "Pain in amyotrophic lateral sclerosis: a neglected aspect of disease"
    assert item["container-title"] == "Neurology Research International"
    assert item["number"] == "403808"
    assert "page" not in item
    assert _ours(item)["provenance"]["locations"][0]["section"] == "Further Reading"


def test_trial_listings(capsys: pytest.CaptureFixture[str]) -> None:
    items = _extract(capsys, ARTICLE)
    trials = [i for i in items if i.get("genre") == "Clinical trial registration"]
    assert [t["title"] for t in trials] == [
        "Mexiletine for the treatment of muscle cramps in ALS",
        "A safety and tolerability study of mexiletine in patients with sporadic ALS",
    ]
    for trial in trials:
        assert trial["type"] == "report"
        assert "publisher" not in trial  # "ALS TDI" is a link label here, not the sponsor
        assert _ours(trial)["provenance"]["locations"][0]["section"] == "Patient Resources"


def test_exactly_the_cited_works_of_article_000(capsys: pytest.CaptureFixture[str]) -> None:
    items = _extract(capsys, ARTICLE)
    assert len(items) == 7
    assert not any(_ours(i)["provenance"].get("candidate") for i in items)


def test_prose_candidates_neurology_and_muscle_nerve(capsys: pytest.CaptureFixture[str]) -> None:
    items = _extract(capsys, SEEDS / "004_dcdbdca86207c0b1.txt")
    assert [(i["container-title"], i["issued"]["date-parts"][0][0]) for i in items] == [
        ("Neurology", 2016),
        ("Muscle and Nerve", 2018),
    ]
    for item in items:
        provenance = _ours(item)["provenance"]
        assert provenance["candidate"] is True
        assert provenance["confidence"] < 0.5
        assert provenance["locations"][0]["line"] == 11
        assert "mexiletine" in item["note"]
        assert "cramps" in item["note"]
        assert "title" not in item


def test_prose_candidate_neals_trial(capsys: pytest.CaptureFixture[str]) -> None:
    items = _extract(capsys, SEEDS / "001_220d4dd2d4e23028.txt")
    assert len(items) == 1
    item = items[0]
    assert _ours(item)["provenance"]["candidate"] is True
    assert item["genre"] == "Phase II clinical trial"
    assert "NEALS" in item["note"]
    assert "Mexiletine" in item["note"]
    assert _ours(item)["provenance"]["locations"][0]["line"] == 16


@pytest.mark.parametrize("name", ["002_1106ea7b468d8ea4.txt", "003_ae4062bd70de74ff.txt"])
def test_articles_without_citations(capsys: pytest.CaptureFixture[str], name: str) -> None:
    assert _extract(capsys, SEEDS / name) == []


def test_source_format_round_trips(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(
        ["extract", *map(str, sorted(SEEDS.glob("*.txt"))), "--format", "source",
         "--output-dir", str(tmp_path), "--document-root", str(SEEDS.parent)]
    )  # fmt: skip
    assert code == 0
    source, issues = parse_source((tmp_path / "000_a9e708bc8353a378.toml").read_text(), "x")
    assert not issues and source is not None
    assert source.document == "seeds/000_a9e708bc8353a378.txt"
    assert source.title == "mexiletine muscle cramps ALS"
    kinds = [(c.line, c.kind) for c in source.citations]
    assert kinds == [(39, "trial"), (41, "trial"), (44, "reference"), (46, "reference"),
                     (48, "reference"), (50, "reference"), (54, "reference")]  # fmt: skip
    assert source.citations[2].text.endswith("doi:10.3109/21678421.2012.751614.")
    prose, _ = parse_source((tmp_path / "004_dcdbdca86207c0b1.toml").read_text(), "x")
    assert prose is not None
    assert [c.kind for c in prose.citations] == ["prose", "prose"]


def test_missing_document_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["extract", str(tmp_path / "nope.txt")]) == 2
    assert "nope.txt" in capsys.readouterr().err
