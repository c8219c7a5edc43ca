"""The Crossref test server (shared with tests/crossref) and a PubMed server per module."""

from collections.abc import Iterator

import pytest

from tests.crossref.conftest import _server, crossref_server, session
from tests.pubmed.server import PubMedServer

__all__ = ["_server", "crossref_server", "pubmed_server", "session"]


@pytest.fixture(scope="module")
def pubmed_server() -> Iterator[PubMedServer]:
    server = PubMedServer().start()
    yield server
    server.stop()
