"""A local doi.org handle API per module, beside the session's Crossref server."""

from collections.abc import Iterator

import pytest

from tests.crossref.conftest import _server, crossref_server
from tests.doiproxy.server import HandleServer

__all__ = ["_server", "crossref_server", "handle_server"]


@pytest.fixture(scope="module")
def handle_server() -> Iterator[HandleServer]:
    server = HandleServer().start()
    yield server
    server.stop()
