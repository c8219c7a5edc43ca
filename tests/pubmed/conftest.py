"""A local E-utilities server (one per session) and a PubMed client for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from als_refs.pubmed.client import PubMedClient
from als_refs.transport import RetryPolicy, Transport

from .server import PubMedServer


@pytest.fixture(scope="session")
def pubmed_server() -> Iterator[PubMedServer]:
    server = PubMedServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pubmed_transport() -> Iterator[Transport]:
    """One transport for the session, as in one run: its limiter keeps the pace across tests
    (the server refuses a fourth request within a second)."""
    transport = Transport(timeout=5.0, retry=RetryPolicy(attempts=2, backoff=0.01))
    transport.session.trust_env = False
    yield transport
    transport.close()


@pytest.fixture
def pubmed(pubmed_server: PubMedServer, pubmed_transport: Transport) -> PubMedClient:
    return PubMedClient(
        transport=pubmed_transport, base_url=pubmed_server.url, email="t@example.org"
    )
