"""CrossrefClient against the local server: records, batches, searches, errors, faults, limits."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from als_refs.cache import ResponseCache
from als_refs.crossref.client import CrossrefClient, RetryPolicy, doi_path, user_agent
from als_refs.crossref.ratelimit import Limits, RateLimiter, advertised_limits
from als_refs.errors import (
    CrossrefHTTPError,
    DOINotFoundError,
    NetworkError,
    RateLimitedError,
)
from als_refs.transport.limits import SAFETY_MARGIN

from .conftest import FAST_RETRY, FAST_SEARCH
from .server import CrossrefServer

SICI = "10.5555/(sici)1234-5678(199801)1:1<1::aid-als1>3.0.co;2-a"


def test_get_work_returns_the_message(client: CrossrefClient) -> None:
    work = client.get_work("10.1212/wnl.0000000000002507")
    assert work["DOI"] == "10.1212/WNL.0000000000002507"
    assert work["volume"] == "86"


def test_sici_doi_is_percent_encoded_in_one_path_segment(
    client: CrossrefClient, crossref_server: CrossrefServer
) -> None:
    assert client.get_work(SICI)["DOI"] == SICI
    assert (
        doi_path(SICI)
        == "10.5555%2F%28sici%291234-5678%28199801%291%3A1%3C1%3A%3Aaid-als1%3E3.0.co%3B2-a"
    )
    assert crossref_server.log[-1].startswith("/works/10.5555%2F%28sici%29")


def test_unknown_doi_raises_not_found_without_parsing_the_body(
    client: CrossrefClient, crossref_server: CrossrefServer
) -> None:
    crossref_server.mislabel_404 = True  # "Resource not found." labelled as JSON
    with pytest.raises(DOINotFoundError) as caught:
        client.get_work("10.1371/notarealdoi")
    assert caught.value.doi == "10.1371/notarealdoi"
    assert crossref_server.requests == 1  # a 404 is never retried


def test_polite_identification(client: CrossrefClient, crossref_server: CrossrefServer) -> None:
    client.get_work("10.1002/mus.26117")
    assert crossref_server.user_agents[-1] == user_agent("tests@example.org")
    assert "mailto:tests@example.org" in crossref_server.user_agents[-1]
    assert "mailto=tests%40example.org" in crossref_server.log[-1]


def test_agency_tells_other_registries_from_missing(client: CrossrefClient) -> None:
    assert client.get_agency("10.1002/mus.26117") == "crossref"
    assert client.get_agency("10.5061/dryad.als-refs-test") == "datacite"
    with pytest.raises(DOINotFoundError):
        client.get_agency("10.9999/nothing-here")


def test_batch_uses_one_request_per_chunk_and_maps_back_case_insensitively(
    client: CrossrefClient, crossref_server: CrossrefServer
) -> None:
    dois = [
        "10.1212/WNL.0000000000002507",
        "10.1002/MUS.26117",
        "10.1155/2011/403808",
        "10.9999/missing",
        "10.5555/als-refs,comma",
    ]
    works = client.get_works(dois, chunk_size=2)
    assert set(works) == {dois[0], dois[1], dois[2], dois[4]}
    assert works["10.1002/MUS.26117"]["DOI"] == "10.1002/mus.26117"
    assert works["10.5555/als-refs,comma"]["volume"] == "7"
    batch_requests = [p for p in crossref_server.log if p.startswith("/works?")]
    single_requests = [p for p in crossref_server.log if p.startswith("/works/")]
    assert len(batch_requests) == 2  # 4 batchable DOIs in chunks of 2
    assert len(single_requests) == 1  # the DOI with a comma
    assert all("rows=2" in p for p in batch_requests)


def test_batch_of_many_takes_n_over_20_requests(
    client: CrossrefClient, crossref_server: CrossrefServer
) -> None:
    known = sorted(crossref_server.index.by_doi)
    dois = [d for d in known if "," not in d] + [f"10.9999/none-{i}" for i in range(45)]
    works = client.get_works(dois)
    assert len(works) == len(known) - 1
    assert crossref_server.requests == -(-len(dois) // 20)


def test_search_returns_ranked_items(
    client: CrossrefClient, crossref_server: CrossrefServer
) -> None:
    items = client.search("Handy CR (2011) Pain in amyotrophic lateral sclerosis neglected", rows=3)
    assert len(items) == 3
    assert items[0]["DOI"] == "10.1155/2011/403808"
    assert "query.bibliographic=" in crossref_server.log[-1]
    assert "rows=3" in crossref_server.log[-1]
    assert "filter" not in crossref_server.log[-1]


def test_validation_failure_is_an_http_error_not_retried(
    client: CrossrefClient, crossref_server: CrossrefServer
) -> None:
    with pytest.raises(CrossrefHTTPError) as caught:
        client.search("anything", rows=5000)
    assert caught.value.status_code == 400
    assert "integer-not-valid" in str(caught.value)
    assert crossref_server.requests == 1


@pytest.mark.parametrize("fault", ["429", "503", "drop", "truncate"])
def test_transient_faults_are_retried(
    client: CrossrefClient, crossref_server: CrossrefServer, fault: str
) -> None:
    crossref_server.faults.extend([fault, fault])
    assert client.get_work("10.1002/mus.26117")["volume"] == "58"
    assert crossref_server.requests == 3
    assert client.stats.retries == 2


def test_slow_answer_times_out_then_retries(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    crossref_server.slow_seconds = 1.0
    crossref_server.faults.append("slow")
    client = CrossrefClient(
        session=session, base_url=crossref_server.url, timeout=0.3, retry=FAST_RETRY
    )
    assert client.get_work("10.1002/mus.26117")["DOI"] == "10.1002/mus.26117"
    assert client.stats.retries == 1


def test_retry_after_is_honoured(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    slept: list[float] = []
    crossref_server.retry_after = "7"
    crossref_server.faults.append("429")
    client = CrossrefClient(
        session=session,
        base_url=crossref_server.url,
        retry=RetryPolicy(attempts=3, backoff=0.01, max_retry_after=60),
        sleep=slept.append,
    )
    client.get_work("10.1002/mus.26117")
    assert 7.0 in slept


def test_persistent_429_becomes_rate_limited_error(
    client: CrossrefClient, crossref_server: CrossrefServer
) -> None:
    crossref_server.faults.extend(["429"] * 5)
    with pytest.raises(RateLimitedError):
        client.get_work("10.1002/mus.26117")
    assert crossref_server.requests == FAST_RETRY.attempts


def test_circuit_breaker_stops_when_most_requests_fail(
    client: CrossrefClient, crossref_server: CrossrefServer
) -> None:
    crossref_server.fault_cycle = ["503"]
    with pytest.raises(CrossrefHTTPError):
        client.get_work("10.1002/mus.26117")
    with pytest.raises(NetworkError, match="requests to Crossref failed"):
        client.get_work("10.1002/mus.26117")
    before = crossref_server.requests
    with pytest.raises(NetworkError):
        client.get_work("10.1155/2011/403808")
    assert crossref_server.requests == before  # open breaker: no more traffic
    assert client.breaker.open


def test_unreachable_server_is_a_network_error(session: requests.Session) -> None:
    client = CrossrefClient(
        session=session, base_url="http://127.0.0.1:9", retry=FAST_RETRY, timeout=1.0
    )
    with pytest.raises(NetworkError):
        client.get_work("10.1002/mus.26117")


def test_concurrency_never_exceeds_the_advertised_limit(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    crossref_server.concurrency_limit = "2"
    crossref_server.latency = 0.05
    client = CrossrefClient(
        session=session,
        base_url=crossref_server.url,
        limits=Limits(rate=1000.0, concurrency=2),
        retry=FAST_RETRY,
        search_limits=FAST_SEARCH,
    )
    dois = sorted(d for d in crossref_server.index.by_doi if "," not in d)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(client.get_work, dois))
    assert len(results) == len(dois)
    assert crossref_server.max_in_flight <= 2
    assert client.limiter.max_in_flight <= 2


def test_limiter_follows_lower_advertised_limits(
    crossref_server: CrossrefServer, client: CrossrefClient
) -> None:
    crossref_server.rate_limit_limit = "4, 4"
    crossref_server.concurrency_limit = "1"
    client.get_work("10.1002/mus.26117")
    assert client.limiter.limits == Limits(rate=4.0 * SAFETY_MARGIN, concurrency=1)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        pytest.param(
            {"x-rate-limit-limit": "50", "x-rate-limit-interval": "1s", "x-concurrency-limit": "5"},
            Limits(50.0, 5),
            id="plain",
        ),
        pytest.param(
            {"X-Rate-Limit-Limit": "50, 50", "X-Rate-Limit-Interval": "1s, 1s"},
            Limits(50.0, 1),
            id="repeated-values",
        ),
        pytest.param(
            {"x-rate-limit-limit": "10", "x-rate-limit-interval": "2s", "x-concurrency-limit": "3"},
            Limits(5.0, 3),
            id="two-second-interval",
        ),
        pytest.param({"x-rate-limit-limit": "junk"}, None, id="nonsense"),
        pytest.param({}, None, id="absent"),
    ],
)
def test_advertised_limits_are_parsed_defensively(
    headers: dict[str, str], expected: Limits | None
) -> None:
    assert advertised_limits(headers) == expected


def test_search_limiter_never_goes_above_the_stated_search_rate() -> None:
    limiter = RateLimiter(Limits(3.0, 3), cap=Limits(3.0, 3))
    limiter.update({"x-rate-limit-limit": "50", "x-concurrency-limit": "10"})
    assert limiter.limits == Limits(3.0, 3)
    limiter.update({"x-rate-limit-limit": "1", "x-concurrency-limit": "1"})
    assert limiter.limits == Limits(1.0 * SAFETY_MARGIN, 1)


def test_public_and_polite_pools_start_from_the_stated_limits(session: requests.Session) -> None:
    public = CrossrefClient(session=session)
    polite = CrossrefClient(session=session, mailto="a@example.org")
    assert public.limiter.limits == Limits(5.0, 1)
    assert public.search_limiter.limits == Limits(1.0, 1)
    assert polite.limiter.limits == Limits(10.0, 3)
    assert polite.search_limiter.limits == Limits(3.0, 3)


def test_cache_serves_repeated_requests_and_offline_mode(
    crossref_server: CrossrefServer, session: requests.Session, cache: ResponseCache
) -> None:
    online = CrossrefClient(session=session, base_url=crossref_server.url, cache=cache)
    online.get_works(["10.1002/mus.26117", "10.1155/2011/403808"])
    assert crossref_server.requests == 1
    offline = CrossrefClient(
        session=session, base_url=crossref_server.url, cache=cache, offline=True
    )
    assert offline.get_work("10.1002/MUS.26117")["volume"] == "58"
    assert offline.get_works(["10.1155/2011/403808"])["10.1155/2011/403808"]["DOI"]
    with pytest.raises(NetworkError, match="offline"):
        offline.get_work("10.1212/wnl.0000000000002507")
    assert crossref_server.requests == 1
    elsewhere = CrossrefClient(
        session=session, base_url="http://127.0.0.1:9", cache=cache, offline=True
    )
    with pytest.raises(NetworkError, match="offline"):
        elsewhere.get_work("10.1002/mus.26117")  # another server's answers are not reused


def _enters_while_held(limiter: RateLimiter) -> bool:
    """Whether a second thread gets a slot while this one holds one."""
    entered = threading.Event()

    def other() -> None:
        with limiter.slot():
            entered.set()

    with limiter.slot():
        thread = threading.Thread(target=other)
        thread.start()
        got_in = entered.wait(0.3)
    thread.join()
    return got_in


def test_one_request_at_a_time_until_limits_are_advertised() -> None:
    limiter = RateLimiter(Limits(1000.0, 3))
    assert not _enters_while_held(limiter)
    limiter.update({"content-type": "text/html"})  # a 429 page advertises nothing
    assert not _enters_while_held(limiter)
    limiter.update({"x-rate-limit-limit": "1000", "x-concurrency-limit": "3"})
    assert _enters_while_held(limiter)


def test_unauthorised_is_not_retried_and_token_is_sent(
    crossref_server: CrossrefServer, session: requests.Session
) -> None:
    client = CrossrefClient(
        session=session, base_url=crossref_server.url, token="secret", retry=FAST_RETRY
    )
    crossref_server.faults.append("401")
    with pytest.raises(CrossrefHTTPError) as caught:
        client.get_work("10.1002/mus.26117")
    assert caught.value.status_code == 401
    assert crossref_server.requests == 1
    assert crossref_server.tokens == ["Bearer secret"]


def test_retry_after_http_date_and_garbage() -> None:
    from datetime import UTC, datetime, timedelta
    from email.utils import format_datetime

    from als_refs.crossref.client import _retry_after

    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    seconds = _retry_after(later)
    assert seconds is not None and 25 <= seconds <= 30
    assert _retry_after("soon") is None
    assert _retry_after(None) is None
    assert _retry_after("-3") == 0.0


def test_sici_doi_in_a_batch(client: CrossrefClient, crossref_server: CrossrefServer) -> None:
    works = client.get_works([SICI.upper(), "10.1002/mus.26117"])
    assert works[SICI.upper()]["DOI"] == SICI
    assert crossref_server.requests == 1
