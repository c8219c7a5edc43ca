"""shortDOIs: accepted as DOIs, expanded through doi.org's handle API (a local server speaking
its documented answers) and the DOI they name verified on Crossref."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from als_refs.cache import ResponseCache
from als_refs.cli.main import main
from als_refs.doiproxy import DoiProxyClient
from als_refs.errors import DOINotFoundError, NetworkError
from als_refs.identifiers.doi import check_doi, is_short_doi, normalize_doi
from als_refs.transport.http import Transport
from tests.crossref.server import CrossrefServer
from tests.doiproxy.server import HandleServer

WEISS_TITLE = (
    "A randomized trial of mexiletine in ALS: Safety and effects on muscle cramps and progression"
)


def _client(server: HandleServer, **options: object) -> DoiProxyClient:
    return DoiProxyClient(transport=Transport(), base_url=server.url, **options)  # type: ignore[arg-type]


def test_short_doi_syntax() -> None:
    assert normalize_doi("doi:10/B6VNMD") == "10/b6vnmd"
    assert normalize_doi("https://doi.org/10/b6vnmd") == "10/b6vnmd"
    assert is_short_doi("10/b6vnmd") and not is_short_doi("10.1212/WNL.0000000000002507")
    checked = check_doi("10/b6vnmd")
    assert checked.valid and checked.pattern == "short" and "shortDOI" in (checked.message or "")
    assert not check_doi("10/b6 vnmd").valid
    assert not check_doi("10/").valid


def test_expand_real_pair_and_failures(handle_server: HandleServer) -> None:
    client = _client(handle_server)
    assert client.expand_short_doi("10/B6VNMD") == "10.1016/S0933-3657(96)00367-3"
    assert handle_server.log[-1] == "/api/handles/10/b6vnmd"
    with pytest.raises(DOINotFoundError, match=r"not registered at doi\.org"):
        client.expand_short_doi("10/b6vnmdxxxxxx")
    with pytest.raises(DOINotFoundError, match="names no DOI"):
        client.expand_short_doi("10/aaaaa")
    with pytest.raises(ValueError, match="not a shortDOI"):
        client.expand_short_doi("10.1016/S0933-3657(96)00367-3")


def test_answers_are_cached_and_offline_needs_the_cache(
    handle_server: HandleServer, tmp_path: Path
) -> None:
    cache = ResponseCache(tmp_path)
    assert _client(handle_server, cache=cache).expand_short_doi("10/gf8wkq")
    before = len(handle_server.log)
    offline = _client(handle_server, cache=cache, offline=True)
    assert offline.expand_short_doi("10/gf8wkq") == "10.1212/WNL.0000000000002507"
    assert len(handle_server.log) == before
    with pytest.raises(NetworkError, match="offline"):
        offline.expand_short_doi("10/b6vnmd")


def _bib(tmp_path: Path, *dois: str) -> Path:
    entries = [
        f"@article{{e{i},\n  author = {{Weiss, Michael D.}},\n  title = {{{WEISS_TITLE}}},\n"
        f"  journal = {{Neurology}},\n  year = {{2016}},\n  doi = {{{doi}}}\n}}\n"
        for i, doi in enumerate(dois)
    ]
    path = tmp_path / "refs.bib"
    path.write_text("\n".join(entries), encoding="utf-8")
    return path


def test_check_offline_notes_a_short_doi_without_failing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = _bib(tmp_path, "10/gf8wkq")
    assert main(["check", str(bib), "--no-cache", "--strict"]) == 0
    out = capsys.readouterr().out
    assert f"{bib}:1: info: short-doi: e0: DOI '10/gf8wkq' is a shortDOI" in out
    assert "doi-syntax" not in out and "doi-legacy-form" not in out


def test_check_online_verifies_the_doi_a_short_doi_names(
    crossref_server: CrossrefServer,
    handle_server: HandleServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bib = _bib(tmp_path, "10/gf8wkq", "10/zzzzzz")
    urls = ["--crossref-url", crossref_server.url, "--doi-url", handle_server.url]
    code = main(["check", str(bib), "--online", "--no-cache", *urls, "--format", "json"])
    assert code == 1  # the second shortDOI does not exist
    issues = json.loads(capsys.readouterr().out)["issues"]
    by_code = {(i["code"], i["line"]): i["message"] for i in issues}
    assert by_code[("short-doi", 1)] == (
        "e0: shortDOI 10/gf8wkq names DOI 10.1212/WNL.0000000000002507"
    )
    assert "shortDOI 10/zzzzzz is not registered at doi.org" in by_code[("doi-not-found", 9)]
    assert not any(i["line"] == 1 and i["severity"] == "error" for i in issues), issues
    assert handle_server.refused == 0
    assert "`check --online` verifies" not in json.dumps(issues)  # no offline note online


def test_doi_url_from_the_environment(
    crossref_server: CrossrefServer,
    handle_server: HandleServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ALS_REFS_DOI_URL", handle_server.url)
    bib = _bib(tmp_path, "10/gf8wkq")
    before = len(handle_server.log)
    args = ["check", str(bib), "--online", "--no-cache", "--crossref-url", crossref_server.url]
    assert main(args) == 0, capsys.readouterr()
    assert len(handle_server.log) == before + 1
