"""Resolution across Crossref, PubMed and ClinicalTrials.gov through the CLI, on local servers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from als_refs.cli.main import main
from tests.clinicaltrials.server import ClinicalTrialsServer
from tests.crossref.server import CrossrefServer
from tests.pubmed.server import PubMedServer
from tests.transport.libraries import write_library


@pytest.fixture(scope="module")
def registry() -> Iterator[ClinicalTrialsServer]:
    server = ClinicalTrialsServer().start()
    yield server
    server.stop()


def _library(root: Path) -> Path:
    config = 'name = "t"\nsources = ["sources/*.toml"]\n\n[bibliography]\nstyles = []\n'
    return write_library(root, config, neurology=True)


def _run(command: str, target: Path, crossref: str, pubmed: str, trials: str) -> list[str]:
    return [
        command,
        str(target),
        *(["--online"] if command == "check" else []),
        "--crossref-url",
        crossref,
        "--pubmed-url",
        pubmed,
        "--clinicaltrials-url",
        trials,
        "--no-cache",
        "--format",
        "json",
    ]


def test_trial_listings_and_the_neals_sentence_resolve(
    crossref_server: CrossrefServer,
    pubmed_server: PubMedServer,
    registry: ClinicalTrialsServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    library = _library(tmp_path / "references")
    code = main(_run("resolve", library, crossref_server.url, pubmed_server.url, registry.url))
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    messages = [i["message"] for i in json.loads(out)["issues"]]
    assert any("NCT01811355" in m for m in messages), messages
    assert any("NCT01849770" in m and "26911633" in m for m in messages), messages
    assert any("10.1212/wnl.0000000000002507" in m.lower() for m in messages), messages
    # "published in the journal Neurology in 2016": Crossref's DOI and PubMed's PMID agree
    found = [i for i in json.loads(out)["issues"] if i["code"] == "pmid-found"]
    assert any("PMID 26911633, DOI 10.1212/wnl.0000000000002507" in i["message"] for i in found), (
        found
    )
    assert not any(i["code"] == "pmid-doi-disagree" for i in json.loads(out)["issues"])


def test_cited_pmids_are_verified_and_must_agree_with_the_doi(
    crossref_server: CrossrefServer,
    pubmed_server: PubMedServer,
    registry: ClinicalTrialsServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{weiss,\n  title = {A randomized trial of mexiletine in ALS},\n"
        "  year = {2016},\n  doi = {10.1212/WNL.0000000000002507},\n  pmid = {26911633}\n}\n\n"
        "@article{wrong,\n  title = {A randomized trial of mexiletine in ALS},\n"
        "  year = {2016},\n  doi = {10.1212/WNL.0000000000002507},\n  pmid = {29963580}\n}\n\n"
        "@article{pmc,\n  title = {A randomized trial of mexiletine in ALS},\n"
        "  year = {2016},\n  pmcid = {PMC4831036}\n}\n\n"
        "@article{retracted,\n  title = {Cramp frequency after quinine withdrawal in motor "
        "neuron disease},\n  year = {2018},\n  pmid = {90000001}\n}\n",
        encoding="utf-8",
    )
    code = main(_run("check", bib, crossref_server.url, pubmed_server.url, registry.url))
    out, err = capsys.readouterr()
    assert code == 1, err
    issues = json.loads(out)["issues"]
    codes = {(i["message"].split(":")[0], i["code"]) for i in issues}
    assert ("wrong", "pmid-doi-disagree") in codes
    assert ("retracted", "pubmed-retraction") in codes
    assert ("retracted", "pubmed-correction") in codes
    verified = [
        i
        for i in issues
        if i["message"].split(":")[0] in ("weiss", "pmc") and i["code"][:2] == "pm"
    ]
    assert [i["code"] for i in verified] == ["pmid-found"]  # the PMCID's PMID, no error
