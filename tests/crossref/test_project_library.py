"""The project's own library, end to end through the CLI against the local Crossref server:
``resolve`` verifies and finds DOIs, then the offline ``build`` merges them into the outputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from als_refs.cli.main import main

from .server import CrossrefServer

REFERENCES = Path(__file__).resolve().parents[2] / "references"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    target = tmp_path / "references"
    shutil.copytree(REFERENCES, target)
    return target


def resolve(library: Path, server: CrossrefServer, cache: Path) -> int:
    args = ["resolve", str(library), "--crossref-url", server.url, "--cache-dir", str(cache)]
    return main([*args, "--mailto", "ci@example.org"])


def test_resolve_then_build_the_project_library(
    crossref_server: CrossrefServer,
    library: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert resolve(library, crossref_server, tmp_path / "cache") == 0
    out = capsys.readouterr().out
    lock = json.loads((library / "als-refs.lock.json").read_text(encoding="utf-8"))
    statuses = {(e["status"], e.get("doi")) for e in lock["references"].values()}
    assert {
        ("verified", "10.3109/21678421.2012.751614"),
        ("verified", "10.1002/14651858.cd004157.pub2"),
        ("verified", "10.1002/14651858.cd005226.pub2"),
        ("found-by-search", "10.1111/j.1468-1331.2011.03540.x"),
        ("found-by-search", "10.1155/2011/403808"),
        ("found-by-search", "10.1212/wnl.0000000000002507"),
        ("found-by-search", "10.1002/mus.26117"),
    } <= statuses
    accepted = {doi for status, doi in statuses if status in {"verified", "found-by-search"}}
    assert not any(doi.startswith("10.5555/") for doi in accepted), "a distractor was accepted"
    assert "cited 2010 but registered 2008" in out
    assert "newer version: 10.1002/14651858.cd005226.pub3" in out

    assert main(["build", str(library)]) == 0
    items = json.loads((library / "references.json").read_text(encoding="utf-8"))
    by_doi = {item.get("DOI"): item for item in items}
    chio = by_doi["10.1111/j.1468-1331.2011.03540.x"]
    assert chio["id"] == "chio2012pain"  # the pinned key survives the new DOI
    assert chio["custom"]["als-refs"]["provenance"]["fields"]["DOI"] == "registry"
    assert chio["page"] == "551-555"  # the text's own values win
    assert {"10.1212/wnl.0000000000002507", "10.1002/mus.26117"} <= set(by_doi)
    assert main(["build", "--check", str(library)]) == 0


def without_fetch_times(lock_text: str) -> dict[str, object]:
    data = json.loads(lock_text)
    for entry in data["references"].values():
        entry.pop("fetched-at", None)
    return dict(data)


def test_a_faulty_service_gives_the_same_lockfile_through_the_cli(
    crossref_server: CrossrefServer, library: Path, tmp_path: Path
) -> None:
    lock = library / "als-refs.lock.json"
    assert resolve(library, crossref_server, tmp_path / "clean-cache") == 0
    clean = lock.read_text(encoding="utf-8")
    clean_requests = crossref_server.requests
    lock.unlink()
    crossref_server.reset()
    crossref_server.concurrency_limit = "2"
    crossref_server.latency = 0.02
    crossref_server.fault_cycle = ["429", None, None, "503", None, None, "drop", None, None]
    assert resolve(library, crossref_server, tmp_path / "faulty-cache") == 0
    assert without_fetch_times(lock.read_text(encoding="utf-8")) == without_fetch_times(clean)
    assert crossref_server.max_in_flight <= 2
    assert crossref_server.requests > clean_requests  # the faults were met and retried
