"""``als-refs resolve``, ``check --online`` and ``build`` with PubMed and the trial registry, on
local servers: base URLs from ``als-refs.toml`` tables and from the environment, the lockfile's
``sources``, trial registrations in the bibliographies, and look-alikes that must not match."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from als_refs.cli.main import main
from tests.clinicaltrials.server import ClinicalTrialsServer, load_studies
from tests.crossref.server import CrossrefServer
from tests.pubmed.server import PubMedServer
from tests.transport.libraries import SEED, write_library

STYLES = ("american-medical-association", "nlm-citation-sequence", "apa")


@pytest.fixture
def registry() -> Iterator[ClinicalTrialsServer]:
    server = ClinicalTrialsServer(min_interval=0.9).start()
    yield server
    server.stop()


def _library(root: Path, pubmed: str, trials: str) -> Path:
    styles = ", ".join(f'"{s}"' for s in STYLES)
    config = (
        f'name = "t"\nsources = ["sources/*.toml"]\n\n[bibliography]\nstyles = [{styles}]\n'
        f'formats = ["text"]\n\n[pubmed]\nurl = "{pubmed}"\nemail = "t@example.org"\n\n'
        f'[clinicaltrials]\nurl = "{trials}"\n'
    )
    return write_library(root, config, neurology=False)


def _sources(lock: Path) -> dict[str, dict[str, object]]:
    entries = json.loads(lock.read_text(encoding="utf-8"))["references"]
    return {key: entry["sources"] for key, entry in entries.items() if "sources" in entry}


def test_urls_from_the_toml_tables_lockfile_sources_and_trial_entries(
    crossref_server: CrossrefServer,
    pubmed_server: PubMedServer,
    registry: ClinicalTrialsServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = _library(tmp_path / "references", pubmed_server.url, registry.url)
    options = ["--crossref-url", crossref_server.url, "--no-cache", "--format", "json"]
    code = main(["resolve", str(root), *options])
    _out, err = capsys.readouterr()
    assert code in (0, 1), err
    assert registry.log, "the [clinicaltrials] table's URL was not used"
    gaps = [round(b - a, 3) for a, b in zip(registry.times, registry.times[1:], strict=False)]
    assert registry.refused == 0 and registry.max_in_flight == 1, gaps  # 1 request/s
    assert pubmed_server.refused == 0  # 3 requests/s without a key
    sources = _sources(root / "als-refs.lock.json")
    trials = {key: s["clinicaltrials.gov"] for key, s in sources.items()}
    assert trials == {
        f"cited:{SEED}:39": {"nct": "NCT01811355"},
        f"cited:{SEED}:41": {"nct": "NCT01849770", "results-pmids": ["26911633"]},
        "candidate:seeds/001_220d4dd2d4e23028.txt:16::": {
            "nct": "NCT01849770",
            "results-pmids": ["26911633"],
        },
    }
    neals = sources["candidate:seeds/001_220d4dd2d4e23028.txt:16::"]["pubmed"]
    assert neals["pmid"] == "26911633"
    assert str(neals["doi"]).lower() == "10.1212/wnl.0000000000002507"

    assert main(["build", str(root)]) == 0, capsys.readouterr().err
    for style in STYLES:
        text = (root / "bibliography" / f"{style}.txt").read_text(encoding="utf-8")
        for nct in ("NCT01811355", "NCT01849770"):
            entry = next(line for line in text.splitlines() if nct in line)
            assert "ClinicalTrials.gov" in entry, (style, entry)
            assert "mexiletine" in entry.lower(), (style, entry)
    nlm = (root / "bibliography" / "nlm-citation-sequence.txt").read_text(encoding="utf-8")
    assert "[Internet]. ClinicalTrials.gov" in nlm and "no.: NCT01811355" in nlm
    assert "26911633" not in nlm  # the results paper's PMID is offered, not given the listing
    assert main(["build", str(root), "--check"]) == 0, capsys.readouterr().err
    registry.log.clear()
    assert main(["check", str(root), "--online", *options]) in (0, 1)
    capsys.readouterr()
    assert registry.log, "check --online did not read the [clinicaltrials] table"


def test_no_trial_is_matched_among_look_alikes(
    crossref_server: CrossrefServer,
    pubmed_server: PubMedServer,
    registry: ClinicalTrialsServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    registry.only_decoys()
    decoys = load_studies(include_real=False)
    assert sum(nct.startswith("NCT9") for nct in decoys) >= 20  # constructed look-alikes
    root = _library(tmp_path / "references", pubmed_server.url, registry.url)
    code = main(["resolve", str(root), "--crossref-url", crossref_server.url, "--no-cache"])
    capsys.readouterr()
    assert code in (0, 1)
    assert any("query.titles=" in path for path in registry.log)
    served = {nct for path in registry.log for nct in decoys if nct in path}
    assert not _sources(root / "als-refs.lock.json"), served


def test_urls_from_the_environment_and_cited_nct_ids_verified(
    crossref_server: CrossrefServer,
    pubmed_server: PubMedServer,
    registry: ClinicalTrialsServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ALS_REFS_PUBMED_URL", pubmed_server.url)
    monkeypatch.setenv("ALS_REFS_CLINICALTRIALS_URL", registry.url)
    items = [
        {
            "id": "known",
            "type": "report",
            "title": "Mexiletine for the treatment of muscle cramps in ALS",
            "issued": {"date-parts": [[2013]]},
            "custom": {"als-refs": {"trial-ids": ["NCT01811355"]}},
        },
        {
            "id": "unknown",
            "type": "report",
            "title": "A trial nobody registered",
            "custom": {"als-refs": {"trial-ids": ["NCT00000019"]}},
        },
        {
            "id": "nodoi",
            "type": "article-journal",
            "title": "Cramp frequency after quinine withdrawal in motor neuron disease",
            "issued": {"date-parts": [[2018]]},
            "PMID": "90000001",
        },
        {
            "id": "superseded",
            "type": "article-journal",
            "title": "Treatment for cramps in a constructed disease",
            "issued": {"date-parts": [[2012]]},
            "PMID": "90000004",
        },
    ]
    bib = tmp_path / "refs.json"
    bib.write_text(json.dumps(items), encoding="utf-8")
    options = ["--crossref-url", crossref_server.url, "--no-cache", "--format", "json"]
    code = main(["check", str(bib), "--online", *options])
    out, err = capsys.readouterr()
    assert code == 1, err
    issues = json.loads(out)["issues"]
    by_key = {(i["message"].split(":")[0], i["code"]) for i in issues}
    assert ("unknown", "nct-not-found") in by_key, by_key
    assert not any(key == "known" and i[1].startswith("nct") for key, *i in by_key)
    assert ("nodoi", "pubmed-retraction") in by_key
    assert ("nodoi", "pubmed-correction") in by_key
    assert ("superseded", "pubmed-new-version") in by_key  # UpdateIn, no DOI
    assert registry.log and pubmed_server.log
    assert registry.refused == 0 and pubmed_server.refused == 0  # the stated limits were kept
