"""The Crossref test server, for the transport tests (shared with tests/crossref)."""

from tests.crossref.conftest import _server, crossref_server, session

__all__ = ["_server", "crossref_server", "session"]
