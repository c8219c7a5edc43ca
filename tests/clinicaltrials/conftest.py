"""A local ClinicalTrials.gov server (one per session) and a client for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from als_refs.clinicaltrials.client import ClinicalTrialsClient
from als_refs.transport import Limits, RetryPolicy, Transport

from .server import ClinicalTrialsServer

FAST = Limits(rate=50.0, concurrency=1)


@pytest.fixture(scope="session")
def _trials_server() -> Iterator[ClinicalTrialsServer]:
    server = ClinicalTrialsServer().start()
    yield server
    server.stop()


@pytest.fixture
def trials_server(_trials_server: ClinicalTrialsServer) -> Iterator[ClinicalTrialsServer]:
    _trials_server.only_decoys(False)
    yield _trials_server
    _trials_server.only_decoys(False)


@pytest.fixture
def trials(trials_server: ClinicalTrialsServer) -> Iterator[ClinicalTrialsClient]:
    transport = Transport(timeout=5.0, retry=RetryPolicy(attempts=2, backoff=0.01))
    transport.session.trust_env = False
    client = ClinicalTrialsClient(transport=transport, base_url=trials_server.url, limits=FAST)
    yield client
    client.close()
