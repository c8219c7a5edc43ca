"""The local server answers in the shapes of the recorded Crossref responses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests

from .server import CrossrefServer

EXAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "crossref-examples"


def _recorded(name: str) -> list[dict[str, Any]]:
    path = EXAMPLES / name
    if not path.exists():
        pytest.skip(f"recorded examples not available at {path}")
    examples: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["examples"]
    return examples


def test_work_envelope_has_the_recorded_keys(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    recorded = _recorded("01_work_singleton_journal_article.json")[0]["response"]
    answer = session.get(f"{crossref_server.url}/works/10.1212%2FWNL.0000000000002507")
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == set(recorded["body"])
    assert body["message-type"] == "work"
    assert body["message"]["DOI"] == "10.1212/WNL.0000000000002507"
    for header in ("x-rate-limit-limit", "x-rate-limit-interval", "x-concurrency-limit"):
        assert header in answer.headers
        assert header in recorded["headers"]


def test_work_list_message_has_the_recorded_keys(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    recorded = _recorded("02_work_list_query_bibliographic.json")[0]["response"]["body"]
    body = session.get(
        f"{crossref_server.url}/works", params={"query.bibliographic": "pain ALS"}
    ).json()
    assert set(body) == set(recorded)
    assert set(body["message"]) == set(recorded["message"])
    assert set(body["message"]["query"]) == set(recorded["message"]["query"])
    assert all("score" in item for item in body["message"]["items"])


def test_unknown_doi_is_plain_text_404(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    recorded = _recorded("03_errors_404_400.json")[0]["response"]
    answer = session.get(f"{crossref_server.url}/works/10.1371%2Fnotarealdoi")
    assert answer.status_code == recorded["status"] == 404
    assert answer.text == recorded["body"] == "Resource not found."
    assert answer.headers["Content-Type"] == "text/plain"


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        pytest.param({"rows": "things"}, "integer-not-valid", id="rows-not-integer"),
        pytest.param({"sort": "x", "bogus": "1"}, "parameter-not-allowed", id="unknown-param"),
        pytest.param({"filter": "has-assertion:true"}, "filter-not-available", id="bad-filter"),
    ],
)
def test_bad_parameters_get_validation_failure(
    crossref_server: CrossrefServer, session: requests.Session, query: dict[str, str], kind: str
) -> None:
    answer = session.get(f"{crossref_server.url}/works", params=query)
    assert answer.status_code == 400
    body = answer.json()
    assert body["status"] == "failed"
    assert body["message-type"] == "validation-failure"
    assert body["message"][0]["type"] == kind


def test_field_query_on_single_work_is_refused(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    answer = session.get(
        f"{crossref_server.url}/works/10.1002%2Fmus.26117", params={"query.author": "x"}
    )
    assert answer.status_code == 400
    assert answer.json()["message"][0]["value"] == "query.*"


def test_doi_filter_is_an_or_and_rows_and_select_apply(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    params = {
        "filter": "doi:10.1002/MUS.26117,doi:10.1155/2011/403808,doi:10.9999/none",
        "rows": "5",
        "select": "DOI,title",
    }
    body = session.get(f"{crossref_server.url}/works", params=params).json()
    items = body["message"]["items"]
    assert sorted(i["DOI"] for i in items) == ["10.1002/mus.26117", "10.1155/2011/403808"]
    assert all(set(item) == {"DOI", "title"} for item in items)
    one_row = session.get(f"{crossref_server.url}/works", params={**params, "rows": "1"}).json()
    assert len(one_row["message"]["items"]) == 1
    assert one_row["message"]["total-results"] == 2


def test_bibliographic_query_ranks_the_cited_work_first(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    text = (
        "Chiò A, Canosa A, Gallo S (2012) Pain in amyotrophic lateral sclerosis: a "
        "population-based controlled study. European Journal of Neurology 19(4), 551-555"
    )
    items = session.get(
        f"{crossref_server.url}/works", params={"query.bibliographic": text, "rows": "5"}
    ).json()["message"]["items"]
    assert items[0]["DOI"] == "10.1111/j.1468-1331.2011.03540.x"
    assert items[0]["score"] > items[1]["score"]


def test_agency_route(crossref_server: CrossrefServer, session: requests.Session) -> None:
    crossref = session.get(f"{crossref_server.url}/works/10.1002%2Fmus.26117/agency").json()
    assert crossref["message-type"] == "work-agency"
    assert crossref["message"]["agency"]["id"] == "crossref"
    datacite = session.get(f"{crossref_server.url}/works/10.5061%2Fdryad.als-refs-test/agency")
    assert datacite.json()["message"]["agency"]["id"] == "datacite"
    missing = session.get(f"{crossref_server.url}/works/10.5061%2Fnothing/agency")
    assert missing.status_code == 404


def test_faults_are_served_in_order(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    crossref_server.faults.extend(["429", "503", "truncate"])
    url = f"{crossref_server.url}/works/10.1002%2Fmus.26117"
    too_many = session.get(url)
    assert too_many.status_code == 429
    assert too_many.headers["Content-Type"] == "text/html"
    assert "x-rate-limit-limit" not in too_many.headers
    assert session.get(url).status_code == 503
    truncated = session.get(url)
    with pytest.raises(requests.JSONDecodeError):
        truncated.json()
    assert session.get(url).json()["message"]["DOI"] == "10.1002/mus.26117"
    assert crossref_server.requests == 4
