"""A local ClinicalTrials.gov API v2 server.

``GET /api/v2/studies/{NCT}`` answers a study record (recorded ones from
``tests/data/clinicaltrials/recorded``, constructed ones from ``.../constructed``) and 404 for an
id it does not hold. ``GET /api/v2/studies?query.titles=...&query.term=...&pageSize=N`` ranks the
studies by the query's words found in their titles (``query.titles``) or in any field
(``query.term``) and answers ``{"studies": [...], "totalCount": n}``; no real list answer was
recorded, so that envelope (and the 404 body) is constructed after the API's documentation.
Requests are counted in flight; ``max_in_flight`` shows whether the client paced itself. With
``min_interval`` the server enforces a pace (the client's 1 request/s, as the registry publishes no
limit): a request sooner than that after the previous one, or while another is in flight, gets a
429 (counted in ``refused``).
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from tests.localserver import LocalServer

DATA = Path(__file__).resolve().parents[1] / "data" / "clinicaltrials"
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "of",
        "in",
        "for",
        "the",
        "with",
        "to",
        "on",
        "at",
        "by",
        "or",
        "was",
        "were",
        "is",
    ]
)


def load_studies(include_real: bool = True) -> dict[str, dict[str, Any]]:
    studies: dict[str, dict[str, Any]] = {}
    for path in sorted([*DATA.glob("recorded/*.json"), *DATA.glob("constructed/*.json")]):
        record = json.loads(path.read_text(encoding="utf-8"))
        nct = record["protocolSection"]["identificationModule"]["nctId"]
        studies[nct] = record
    if not include_real:
        studies.pop("NCT01811355")
        studies.pop("NCT01849770")
    return studies


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _title_text(record: dict[str, Any]) -> str:
    ident = record["protocolSection"]["identificationModule"]
    return f"{ident.get('briefTitle', '')} {ident.get('officialTitle', '')}"


class ClinicalTrialsServer(LocalServer):
    def __init__(self, min_interval: float = 0.0) -> None:
        super().__init__(_Handler)
        self.min_interval = min_interval
        self.refused = 0
        self.studies = load_studies()
        self.lock = threading.Lock()
        self.log: list[str] = []
        self.times: list[float] = []
        self.in_flight = 0
        self.max_in_flight = 0

    def only_decoys(self, decoys: bool = True) -> None:
        self.studies = load_studies(include_real=not decoys)
        with self.lock:
            self.log.clear()
            self.times.clear()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: ClinicalTrialsServer

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        server = self.server
        with server.lock:
            now = time.monotonic()
            last = server.times[-1] if server.times else None
            too_soon = server.min_interval > 0 and (
                server.in_flight > 0 or (last is not None and now - last < server.min_interval)
            )
            server.log.append(self.path)
            server.times.append(now)
            server.in_flight += 1
            server.max_in_flight = max(server.max_in_flight, server.in_flight)
            server.refused += too_soon
        try:
            status, body = (429, b"Too Many Requests") if too_soon else self._route()
        finally:
            with server.lock:
                server.in_flight -= 1
        data = json.dumps(body).encode("utf-8") if not isinstance(body, bytes) else body
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if status == 200 else "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _route(self) -> tuple[int, Any]:
        parts = urlsplit(self.path)
        params = dict(parse_qsl(parts.query))
        if parts.path == "/api/v2/studies":
            return 200, self._search(params)
        if parts.path.startswith("/api/v2/studies/"):
            nct = unquote(parts.path.rsplit("/", 1)[1]).upper()
            record = self.server.studies.get(nct)
            if record is None:
                return 404, f"Study not found: {nct}".encode()
            return 200, record
        return 404, b"Not Found"

    def _search(self, params: dict[str, str]) -> dict[str, Any]:
        titles = _words(params.get("query.titles", ""))
        term = _words(params.get("query.term", ""))
        scored = []
        for nct, record in self.server.studies.items():
            score = len(titles & _words(_title_text(record))) * 2
            score += len(term & _words(json.dumps(record["protocolSection"])))
            if score:
                scored.append((-score, nct, record))
        scored.sort(key=lambda item: (item[0], item[1]))
        size = int(params.get("pageSize", "10"))
        return {"studies": [r for _, _, r in scored[:size]], "totalCount": len(scored)}
