"""A local doi.org handle API: ``GET /api/handles/<handle>?type=HS_ALIAS``.

Answers in the shape https://www.handle.net/proxy_servlet.html documents: ``responseCode`` 1
and the ``HS_ALIAS`` value for a shortDOI it holds, 100 with HTTP 404 for a handle it does not
hold, 200 for one it holds without an alias. No doi.org answer was recorded for this project, so
every answer is constructed after that documentation; of the aliases, ``10/b6vnmd`` ->
``10.1016/S0933-3657(96)00367-3`` is the real pair manubot's live tests check, the others are
made up for works the local Crossref server holds. Like the real proxy it limits the pace: more
than ``max_rate`` requests in a second get a 429 (counted in ``refused``).
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from tests.localserver import LocalServer

ALIASES = {
    "10/b6vnmd": "10.1016/S0933-3657(96)00367-3",  # real (manubot tests)
    "10/gf8wkq": "10.1212/WNL.0000000000002507",  # constructed
}
NO_ALIAS = frozenset({"10/aaaaa"})  # constructed: a handle without an HS_ALIAS value


class HandleServer(LocalServer):
    def __init__(self, max_rate: int = 10) -> None:
        super().__init__(_Handler)
        self.max_rate = max_rate
        self.log: list[str] = []
        self.refused = 0
        self._times: list[float] = []
        self._lock = threading.Lock()

    def admit(self, path: str) -> bool:
        with self._lock:
            now = time.monotonic()
            self._times = [t for t in self._times if now - t < 1.0]
            if len(self._times) >= self.max_rate:
                self.refused += 1
                return False
            self._times.append(now)
            self.log.append(path)
            return True


class _Handler(BaseHTTPRequestHandler):
    server: HandleServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if not self.server.admit(parts.path):
            self._send(429, {"message": "Too Many Requests"})
            return
        prefix = "/api/handles/"
        if not parts.path.startswith(prefix):
            self._send(404, {"responseCode": 102, "message": "Invalid handle"})
            return
        handle = unquote(parts.path[len(prefix) :]).lower()
        types = dict(parse_qsl(parts.query)).get("type")
        self._send(*_answer(handle, types))

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _answer(handle: str, types: str | None) -> tuple[int, dict[str, Any]]:
    if handle in NO_ALIAS:
        return 200, {"responseCode": 200, "handle": handle, "values": []}
    if handle not in ALIASES:
        return 404, {"responseCode": 100, "handle": handle}
    alias = {
        "index": 1,
        "type": "HS_ALIAS",
        "data": {"format": "string", "value": ALIASES[handle]},
        "ttl": 86400,
        "timestamp": "2019-01-23T16:04:39Z",
    }
    admin = {
        "index": 100,
        "type": "HS_ADMIN",
        "data": {"format": "admin", "value": {"handle": "0.na/10", "index": 200}},
        "ttl": 86400,
        "timestamp": "2019-01-23T16:04:39Z",
    }
    values = [alias] if types == "HS_ALIAS" else [alias, admin]
    return 200, {"responseCode": 1, "handle": handle, "values": values}
