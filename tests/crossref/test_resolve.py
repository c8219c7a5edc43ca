"""Resolving the seed articles' citations against the local server, and the lockfile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

from als_refs.crossref.client import CrossrefClient
from als_refs.lockfile import (
    Lock,
    apply_lock,
    build_lock,
    check_lock,
    dumps_lock,
    load_lock,
    lock_key,
    write_lock,
)
from als_refs.models import DateParts, Reference
from als_refs.resolve import resolve_references, service_failed, summary

from .conftest import FAST_RETRY, FAST_SEARCH
from .refs import (
    BRETTSCHNEIDER,
    CHIO,
    HANDY,
    MUSCLE_NERVE_2018,
    NEUROLOGY_2016,
    SEED_REFERENCES,
)
from .server import CrossrefServer

DISTRACTORS = {
    "10.5555/als-refs.cramps-cohort-2018",
    "10.5555/als-refs.pain-neurology-2016",
    "10.5555/als-refs.pain-nri-2011",
    "10.5555/als-refs.retracted-2015",
    "10.5555/als-refs.retraction-2016",
    "10.1016/s1474-4422(16)30358-1",
    "10.1002/14651858.cd005226.pub3",
}
EXPECTED = {
    "rivera2013": ("verified", "10.3109/21678421.2012.751614"),
    "chio2012": ("found-by-search", "10.1111/j.1468-1331.2011.03540.x"),
    "baldinger2012": ("verified", "10.1002/14651858.cd004157.pub2"),
    "brettschneider2010": ("verified", "10.1002/14651858.cd005226.pub2"),
    "handy2011": ("found-by-search", "10.1155/2011/403808"),
    "candidate-neurology-2016": ("found-by-search", "10.1212/wnl.0000000000002507"),
    "candidate-muscle-nerve-2018": ("found-by-search", "10.1002/mus.26117"),
}


def _client(server: CrossrefServer, session: requests.Session) -> CrossrefClient:
    return CrossrefClient(
        session=session,
        base_url=server.url,
        mailto="tests@example.org",
        retry=FAST_RETRY,
        search_limits=FAST_SEARCH,
        clock=lambda: 1_790_000_000.0,
    )


def test_seed_references_resolve_as_expected(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    results = resolve_references(SEED_REFERENCES, _client(crossref_server, session))
    assert {r.reference.id: (r.status, r.doi) for r in results} == EXPECTED
    for result in results:
        if result.match is not None:
            assert (
                not {c.doi for c in result.match.candidates if c is result.match.accepted}
                & DISTRACTORS
            )
    assert summary(results)["verified"] == 3
    assert summary(results)["found-by-search"] == 4
    # 3 DOIs in one batch + 4 searches
    assert crossref_server.requests == 5


def test_brettschneider_cited_2010_registered_2008_with_newer_version(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    (result,) = resolve_references([BRETTSCHNEIDER], _client(crossref_server, session))
    codes = {i.code: i for i in result.issues}
    assert codes["year-differs"].severity == "warning"
    assert "cited 2010 but registered 2008" in codes["year-differs"].message
    assert codes["registered-new-version"].severity == "warning"
    assert "10.1002/14651858.cd005226.pub3" in codes["registered-new-version"].message
    assert codes["year-differs"].line == 50


def test_no_distractor_is_accepted_when_the_real_work_is_absent(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    crossref_server.withhold(
        ["10.1111/j.1468-1331.2011.03540.x", "10.1155/2011/403808", "10.1002/mus.26117"]
    )
    results = resolve_references(
        [CHIO, HANDY, MUSCLE_NERVE_2018], _client(crossref_server, session)
    )
    assert [r.status for r in results] == ["no-confident-match"] * 3
    handy = results[1]
    assert "candidates: 10.5555/als-refs.pain-nri-2011" in handy.issues[0].message
    assert handy.issues[0].severity == "warning"
    assert results[2].issues[0].severity == "info"  # a prose candidate: weaker evidence
    assert all(r.match is not None and r.match.candidates for r in results)


def test_retracted_doi_is_an_error(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    cited = Reference(
        id="almeida2015",
        title="Mexiletine abolishes muscle cramps in amyotrophic lateral sclerosis: "
        "an open-label study",
        issued=DateParts.from_ymd(2015),
        doi="10.5555/als-refs.retracted-2015",
    )
    (result,) = resolve_references([cited], _client(crossref_server, session))
    assert result.status == "verified"
    (retraction,) = [i for i in result.issues if i.code == "registered-retraction"]
    assert retraction.severity == "error"


def test_missing_and_other_agency_dois(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    refs = [
        Reference(id="ghost", doi="10.9999/does-not-exist"),
        Reference(id="dryad", doi="10.5061/dryad.als-refs-test"),
    ]
    results = resolve_references(refs, _client(crossref_server, session))
    assert [r.status for r in results] == ["not-found", "not-crossref"]
    assert results[0].issues[0].severity == "error"


def test_unreachable_crossref_gives_per_item_errors(session: requests.Session) -> None:
    client = CrossrefClient(
        session=session,
        base_url="http://127.0.0.1:9",
        retry=FAST_RETRY,
        limits=FAST_SEARCH,
        search_limits=FAST_SEARCH,
    )
    results = resolve_references(SEED_REFERENCES, client)
    assert len(results) == len(SEED_REFERENCES)
    assert {r.status for r in results} == {"error"}
    assert service_failed(results)


def _lock_text(server: CrossrefServer, session: requests.Session) -> str:
    results = resolve_references(SEED_REFERENCES, _client(server, session))
    return dumps_lock(build_lock(results))


def test_faulty_run_gives_the_same_lockfile_and_respects_concurrency(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    clean = _lock_text(crossref_server, session)
    crossref_server.reset()
    crossref_server.concurrency_limit = "2"
    crossref_server.latency = 0.02
    crossref_server.fault_cycle = ["429", None, None, "503", None, None, "drop", None, None]
    faulty = _lock_text(crossref_server, session)
    assert faulty == clean
    assert crossref_server.requests > 5
    assert crossref_server.max_in_flight <= 2


def test_lockfile_is_stable_sorted_and_round_trips(
    crossref_server: CrossrefServer, session: requests.Session, tmp_path: Path
) -> None:
    text = _lock_text(crossref_server, session)
    data = json.loads(text)
    assert json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n" == text
    keys = list(data["references"])
    assert keys == sorted(keys)
    entry = data["references"]["doi:10.1002/14651858.cd005226.pub2"]
    assert entry["registered"]["issued"] == {"date-parts": [[2008, 7, 16]]}
    assert entry["fetched-at"] == "2026-09-21T14:13:20Z"
    assert entry["url"].endswith("/works/10.1002%2F14651858.cd005226.pub2")
    search = data["references"][lock_key(CHIO)]
    assert search["match"]["method"] == "search"
    assert search["match"]["candidates"][0]["checks"]["author"] == 1.0
    path = tmp_path / "als-refs.lock.json"
    lock = build_lock([])
    assert write_lock(path, load_lock(path)) is True  # empty lock written once
    assert load_lock(path) == lock
    round_tripped = load_lock_text(text, tmp_path)
    assert dumps_lock(round_tripped) == text
    assert write_lock(path, round_tripped) is True
    assert write_lock(path, load_lock(path)) is False


def load_lock_text(text: str, directory: Path) -> Lock:
    path = directory / "copy.lock.json"
    path.write_text(text, encoding="utf-8")
    return load_lock(path)


def test_failed_reference_keeps_its_previous_entry(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    previous = build_lock(resolve_references([HANDY], _client(crossref_server, session)))
    offline = CrossrefClient(
        session=session,
        base_url="http://127.0.0.1:9",
        retry=FAST_RETRY,
        limits=FAST_SEARCH,
        search_limits=FAST_SEARCH,
    )
    again = build_lock(resolve_references([HANDY], offline), previous)
    assert again == previous


def test_apply_lock_fills_gaps_keeps_cited_values_and_reports_conflicts(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    results = resolve_references(SEED_REFERENCES, _client(crossref_server, session))
    lock = build_lock(results)
    merged = apply_lock(SEED_REFERENCES, lock)
    assert apply_lock(SEED_REFERENCES, lock) == merged  # pure
    by_id = {r.id: r for r in merged.references}
    chio = by_id["chio2012"]
    assert chio.doi == "10.1111/j.1468-1331.2011.03540.x"
    assert chio.provenance.fields["DOI"] == "registry"
    assert chio.issn == "1351-5101"
    assert chio.title == CHIO.title  # cited value kept
    assert chio.provenance.fields.get("title") != "registry"
    assert chio.provenance.fields["container-title-short"] == "registry"
    assert chio.provenance.confidence is not None and chio.provenance.confidence >= 0.75
    brett = by_id["brettschneider2010"]
    assert brett.year == 2010  # the text's year stays...
    assert any(i.code == "year-differs" for i in merged.issues)  # ...and the conflict is reported
    weiss = by_id["candidate-neurology-2016"]
    assert not weiss.provenance.candidate
    assert weiss.title is not None and weiss.title.startswith("A randomized trial of mexiletine")
    assert weiss.author[0].family == "Weiss"
    assert weiss.provenance.fields["author"] == "registry"
    assert by_id["candidate-muscle-nerve-2018"].doi == "10.1002/mus.26117"


def test_check_lock_consistency() -> None:
    lock = build_lock([])
    issues = check_lock([BRETTSCHNEIDER, NEUROLOGY_2016], lock)
    assert [i.code for i in issues] == ["lock-missing"]


@pytest.mark.parametrize("text", ["{", "[]", '{"als-refs-lock": 99}'])
def test_bad_lockfiles_are_input_errors(tmp_path: Path, text: str) -> None:
    from als_refs.errors import InputError

    path = tmp_path / "als-refs.lock.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError):
        load_lock(path)


def test_trial_listings_are_not_searched(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    from als_refs.models import Location, Provenance

    trial = Reference(
        id="trial",
        title="Mexiletine for the treatment of muscle cramps in ALS",
        provenance=Provenance(locations=(Location(document="d", line=39, kind="trial"),)),
    )
    (result,) = resolve_references([trial], _client(crossref_server, session))
    assert result.status == "no-confident-match"
    assert [(i.severity, i.code) for i in result.issues] == [("info", "trial-not-searched")]
    assert crossref_server.requests == 0
