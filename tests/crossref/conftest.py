"""Fixtures: a local Crossref server (one per session, reset per test) and clients for it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from als_refs.cache import ResponseCache
from als_refs.crossref.client import CrossrefClient, RetryPolicy
from als_refs.crossref.ratelimit import Limits

from .server import CrossrefServer


@pytest.fixture(scope="session")
def _server() -> Iterator[CrossrefServer]:
    server = CrossrefServer().start()
    yield server
    server.stop()


@pytest.fixture
def crossref_server(_server: CrossrefServer) -> Iterator[CrossrefServer]:
    _server.reset()
    yield _server
    _server.reset()


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as s:
        s.trust_env = False
        yield s


FAST_RETRY = RetryPolicy(attempts=5, backoff=0.01, max_backoff=0.05, max_retry_after=0.05)
FAST_SEARCH = Limits(rate=100.0, concurrency=3)


@pytest.fixture
def client(crossref_server: CrossrefServer, session: requests.Session) -> CrossrefClient:
    return CrossrefClient(
        session=session,
        base_url=crossref_server.url,
        mailto="tests@example.org",
        timeout=5.0,
        retry=FAST_RETRY,
        search_limits=FAST_SEARCH,
    )


@pytest.fixture
def cache(tmp_path: Path) -> ResponseCache:
    return ResponseCache(tmp_path / "cache")
