"""A local Crossref-compatible REST server for the tests and the benchmark.

It answers like api.crossref.org does in the recorded responses (``../shared/crossref-examples``):
the ``status/message-type/message-version/message`` envelope, ``work``, ``work-list`` and
``work-agency`` messages, ``Resource not found.`` as plain text for a 404, ``validation-failure``
bodies for bad parameters, and the ``x-rate-limit-*`` / ``x-concurrency-limit`` headers. Works come
from ``tests/data/crossref/works/*.json``; ``query.bibliographic`` ranks them with a small but real
relevance score (TF-IDF over the bibliographic fields).

Faults can be injected per request, in order (``faults``) or in a repeating cycle
(``fault_cycle``): ``"429"`` (HTML body, no headers), ``"503"``, ``"slow"``, ``"drop"`` (connection
closed without an answer), ``"truncate"`` (200 with half a JSON body), ``"401"``, and hostile ones:
``"drip"`` (a body one byte every ``drip_seconds``), ``"endless"`` (a body that never ends),
``"redirect"`` (302 to ``redirect_to``, another origin).

The server enforces the limits it advertises, as Crossref does since December 2025: a request
past ``x-concurrency-limit`` in flight or past ``x-rate-limit-limit`` starts within
``x-rate-limit-interval`` is answered 429 (counted in ``rejected``).
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
import unicodedata
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from tests.localserver import LocalServer

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "crossref"
WORKS_DIR = DATA_DIR / "works"
NOT_FOUND = b"Resource not found."
HTML_429 = b"<html><head><title>429 Too Many Requests</title></head>\n<body>429</body></html>"
HTML_503 = (
    b"<html><head><title>503 Service Unavailable</title></head>\n<body>Unavailable</body></html>"
)
WORKS_PARAMS = frozenset(
    {
        "query",
        "query.bibliographic",
        "filter",
        "rows",
        "offset",
        "select",
        "mailto",
        "sort",
        "order",
    }
)
SELECTABLE = frozenset(
    [
        "abstract",
        "URL",
        "member",
        "posted",
        "score",
        "created",
        "degree",
        "update-policy",
        "short-title",
        "license",
        "ISSN",
        "container-title",
        "issued",
        "update-to",
        "issue",
        "prefix",
        "approved",
        "indexed",
        "article-number",
        "clinical-trial-number",
        "accepted",
        "author",
        "group-title",
        "DOI",
        "is-referenced-by-count",
        "updated-by",
        "event",
        "chair",
        "standards-body",
        "original-title",
        "funder",
        "translator",
        "archive",
        "published-print",
        "alternative-id",
        "subject",
        "subtitle",
        "published-online",
        "publisher-location",
        "content-domain",
        "reference",
        "title",
        "link",
        "type",
        "publisher",
        "volume",
        "references-count",
        "ISBN",
        "issn-type",
        "assertion",
        "deposited",
        "page",
        "content-created",
        "short-container-title",
        "relation",
        "editor",
    ]
)
"""The fields Crossref's ``select`` accepts (others are a validation failure)."""
FILTERS = frozenset({"doi", "type", "from-pub-date", "until-pub-date"})
HOSTILE = frozenset({"drip", "endless", "redirect"})
_TOKEN = re.compile(r"[a-z0-9]+")


def load_works(directory: Path = WORKS_DIR) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.json"))]


def tokens(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _TOKEN.findall(folded)


def bibliographic_text(work: dict[str, Any]) -> str:
    """What Crossref's bibliographic query looks at: titles, authors, container, year, numbers."""
    parts: list[str] = []
    for key in ("title", "subtitle", "container-title", "short-container-title"):
        parts.extend(work.get(key) or [])
    for person in work.get("author") or []:
        parts.extend(str(person.get(k, "")) for k in ("given", "family", "name"))
    year = (work.get("issued") or {}).get("date-parts", [[None]])[0][0]
    parts.extend(str(v) for v in (year, work.get("volume"), work.get("issue")) if v)
    parts.extend(str(work.get(k)) for k in ("page", "article-number") if work.get(k))
    return " ".join(parts)


class Index:
    """TF-IDF scoring of the works against a free-text reference."""

    def __init__(self, works: Iterable[dict[str, Any]]) -> None:
        self.works = list(works)
        self.by_doi = {w["DOI"].lower(): w for w in self.works}
        self._terms = [Counter(tokens(bibliographic_text(w))) for w in self.works]
        frequency: Counter[str] = Counter()
        for terms in self._terms:
            frequency.update(terms.keys())
        total = len(self.works)
        self._idf = {t: math.log(1 + total / df) for t, df in frequency.items()}

    def search(self, text: str) -> list[tuple[float, dict[str, Any]]]:
        query = Counter(tokens(text))
        scored: list[tuple[float, dict[str, Any]]] = []
        for terms, work in zip(self._terms, self.works, strict=True):
            score = sum(self._idf[t] * min(n, terms[t]) for t, n in query.items() if t in terms)
            if score > 0:
                scored.append((round(score * 4, 3), work))
        scored.sort(key=lambda pair: (-pair[0], pair[1]["DOI"]))
        return scored


class CrossrefServer(LocalServer):
    def __init__(self, works: list[dict[str, Any]] | None = None) -> None:
        super().__init__(_Handler)
        self._all_works = works if works is not None else load_works()
        self.index = Index(self._all_works)
        self.agencies: dict[str, str] = {"10.5061/dryad.als-refs-test": "datacite"}
        self.rate_limit_limit = "50"
        self.rate_limit_interval = "1s"
        self.concurrency_limit = "3"
        self.latency = 0.0
        self.slow_seconds = 2.0
        self.retry_after: str | None = None
        self.mislabel_404 = False
        self.faults: deque[str | None] = deque()
        self.fault_cycle: list[str | None] = []
        self.lock = threading.Lock()
        self.requests = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.starts: deque[float] = deque()
        self.rejected = 0
        self.enforce = True
        self.drip_seconds = 5.0
        self.redirect_to = "http://127.0.0.2:9/works"
        self.log: list[str] = []
        self.user_agents: list[str] = []
        self.tokens: list[str | None] = []

    def withhold(self, dois: Iterable[str]) -> None:
        """Serve every work except these (until :meth:`reset`)."""
        hidden = {d.lower() for d in dois}
        self.index = Index(w for w in self._all_works if w["DOI"].lower() not in hidden)

    def serve_also(self, works: Iterable[dict[str, Any]]) -> None:
        """Serve these works too (until :meth:`reset`)."""
        self.index = Index([*self._all_works, *works])

    def reset_counters(self) -> None:
        with self.lock:
            self.rejected = 0
            self.requests = 0
            self.max_in_flight = 0
            self.log.clear()
            self.user_agents.clear()

    def reset(self) -> None:
        """Back to a clean, fault-free state with zeroed counters."""
        if self.index.works != self._all_works:
            self.index = Index(self._all_works)
        with self.lock:
            self.starts.clear()
            self.rejected = 0
            self.faults.clear()
            self.fault_cycle = []
            self.requests = 0
            self.max_in_flight = 0
            self.log.clear()
            self.user_agents.clear()
            self.tokens.clear()
        self.rate_limit_limit = "50"
        self.rate_limit_interval = "1s"
        self.concurrency_limit = "3"
        self.latency = 0.0
        self.slow_seconds = 2.0
        self.retry_after = None
        self.mislabel_404 = False
        self.enforce = True
        self.drip_seconds = 5.0

    @contextmanager
    def counting(self) -> Iterator[bool]:
        """Count the request in flight; yields whether it is within the advertised limits."""
        with self.lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            allowed = self._within_limits()
        try:
            yield allowed
        finally:
            with self.lock:
                self.in_flight -= 1

    def _within_limits(self) -> bool:
        if not self.enforce:
            return True
        now = time.monotonic()
        window = _seconds(self.rate_limit_interval)
        while self.starts and self.starts[0] <= now - window:
            self.starts.popleft()
        limit = _first_int(self.rate_limit_limit)
        concurrency = _first_int(self.concurrency_limit)
        if (concurrency and self.in_flight > concurrency) or (limit and len(self.starts) >= limit):
            self.rejected += 1
            return False
        self.starts.append(now)
        return True

    def next_fault(self) -> str | None:
        with self.lock:
            number = self.requests
            self.requests += 1
            if self.faults:
                return self.faults.popleft()
            if self.fault_cycle:
                return self.fault_cycle[number % len(self.fault_cycle)]
            return None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: CrossrefServer

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests read ``server.log`` instead."""

    def do_GET(self) -> None:
        server = self.server
        with server.lock:
            server.log.append(self.path)
            server.user_agents.append(self.headers.get("User-Agent", ""))
            server.tokens.append(self.headers.get("Crossref-Plus-API-Token"))
        with server.lock:
            hostile = server.faults[0] if server.faults else None
        if hostile in HOSTILE:
            server.next_fault()
            self._hostile(hostile)  # outside the in-flight count: it may linger for seconds
            return
        with server.counting() as allowed:
            fault = server.next_fault() if allowed else "429"
            if server.latency:
                time.sleep(server.latency)
            if fault == "drop":
                self.close_connection = True
                return
            if fault == "429":
                self._send(429, HTML_429, "text/html", limits=False, retry_after=server.retry_after)
                return
            if fault == "401":
                self._send(401, b"Unauthorized", "text/plain", limits=False)
                return
            if fault == "503":
                self._send(503, HTML_503, "text/html", limits=False)
                return
            if fault == "slow":
                time.sleep(server.slow_seconds)
            status, body, content_type = self._route()
            if fault == "truncate" and status == 200:
                body = body[: len(body) // 2]
        self._send(status, body, content_type)

    def _hostile(self, fault: str) -> None:
        if fault == "redirect":
            self.send_response(302)
            self.send_header("Location", self.server.redirect_to)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "1000" if fault == "drip" else str(10**10))
        self.end_headers()
        try:
            while True:
                if fault == "drip":
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(self.server.drip_seconds)
                else:
                    self.wfile.write(b" " * 65536)
        except OSError:
            self.close_connection = True

    # Routing ----------------------------------------------------------------------------------

    def _route(self) -> tuple[int, bytes, str]:
        parts = urlsplit(self.path)
        params = parse_qsl(parts.query, keep_blank_values=True)
        raw_path = parts.path
        if raw_path == "/works":
            return self._works_list(params)
        if raw_path.startswith("/works/"):
            doi = unquote(raw_path[len("/works/") :])
            if doi.endswith("/agency"):
                return self._agency(doi[: -len("/agency")])
            if any(key.startswith("query") for key, _ in params):
                return _failure(
                    "parameter-not-allowed",
                    "query.*",
                    "This route does not support field query parameters",
                )
            return self._work(doi)
        return self._not_found()

    def _not_found(self) -> tuple[int, bytes, str]:
        label = "application/json;charset=utf-8" if self.server.mislabel_404 else "text/plain"
        return 404, NOT_FOUND, label

    def _work(self, doi: str) -> tuple[int, bytes, str]:
        work = self.server.index.by_doi.get(doi.lower())
        if work is None:
            return self._not_found()
        return 200, _envelope("work", work), "application/json"

    def _agency(self, doi: str) -> tuple[int, bytes, str]:
        agency = self.server.agencies.get(doi.lower())
        if agency is None and doi.lower() in self.server.index.by_doi:
            agency = "crossref"
        if agency is None:
            return self._not_found()
        label = {"crossref": "Crossref", "datacite": "DataCite", "medra": "mEDRA"}[agency]
        message = {"DOI": doi.lower(), "agency": {"id": agency, "label": label}}
        return 200, _envelope("work-agency", message), "application/json"

    def _works_list(self, params: list[tuple[str, str]]) -> tuple[int, bytes, str]:
        for key, _ in params:
            if key not in WORKS_PARAMS:
                return _failure("parameter-not-allowed", key, f"This route does not support {key}")
        values = dict(params)
        rows = values.get("rows", "20")
        if not rows.isdigit() or int(rows) > 1000:
            return _failure(
                "integer-not-valid",
                rows,
                f"Integer specified as {rows} but must be a positive integer less "
                "than or equal to 1000. ",
            )
        offset = values.get("offset", "0")
        if not offset.isdigit():
            return _failure(
                "integer-not-valid",
                offset,
                f"Integer specified as {offset} but must be a positive integer. ",
            )
        filters = _parse_filter(values.get("filter", ""))
        for name in filters:
            if name not in FILTERS:
                return _failure(
                    "filter-not-available",
                    name,
                    f"Filter '{name}' specified but there is no such filter for this "
                    f"route. Valid filters for this route are: {', '.join(sorted(FILTERS))}",
                )
        query = values.get("query.bibliographic") or values.get("query")
        if query:
            scored = self.server.index.search(query)
        else:
            scored = [(1.0, w) for w in self.server.index.works]
        matching = [(s, w) for s, w in scored if _passes(w, filters)]
        page = matching[int(offset) : int(offset) + int(rows)]
        select = [f for f in values.get("select", "").split(",") if f]
        for name in select:
            if name not in SELECTABLE:
                return _failure("select-not-valid", name, f"Field {name} cannot be selected")
        items = [_select(dict(work, score=score), select) for score, work in page]
        message = {
            "facets": {},
            "total-results": len(matching),
            "items": items,
            "items-per-page": int(rows),
            "query": {"start-index": int(offset), "search-terms": query or None},
        }
        return 200, _envelope("work-list", message), "application/json"

    # Sending ----------------------------------------------------------------------------------

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str,
        *,
        limits: bool = True,
        retry_after: str | None = None,
    ) -> None:
        server = self.server
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if limits:
            pool = "polite" if "mailto" in self.path else "public"
            self.send_header("x-api-pool", pool)
            self.send_header("x-rate-limit-limit", server.rate_limit_limit)
            self.send_header("x-rate-limit-interval", server.rate_limit_interval)
            self.send_header("x-concurrency-limit", server.concurrency_limit)
        if retry_after is not None:
            self.send_header("Retry-After", retry_after)
        self.end_headers()
        self.wfile.write(body)


def _first_int(text: str) -> int | None:
    match = re.search(r"\d+", text)
    return int(match.group()) if match else None


def _seconds(text: str) -> float:
    """``"1s"`` -> 1.0, ``"500ms"`` -> 0.5, ``"2m"`` -> 120 (what the server advertises)."""
    match = re.match(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?", text)
    if not match:
        return 1.0
    return float(match.group(1)) * {"ms": 0.001, "s": 1.0, "m": 60.0}[match.group(2) or "s"]


def _envelope(message_type: str, message: Any) -> bytes:
    envelope = {
        "status": "ok",
        "message-type": message_type,
        "message-version": "1.0.0",
        "message": message,
    }
    return json.dumps(envelope, ensure_ascii=False).encode("utf-8")


def _failure(kind: str, value: str, text: str) -> tuple[int, bytes, str]:
    body = {
        "status": "failed",
        "message-type": "validation-failure",
        "message": [{"type": kind, "value": value, "message": text}],
    }
    return 400, json.dumps(body).encode("utf-8"), "application/json;charset=utf-8"


def _parse_filter(text: str) -> dict[str, list[str]]:
    """``doi:A,doi:B,type:x`` -> ``{"doi": [A, B], "type": [x]}`` (same name = OR)."""
    filters: dict[str, list[str]] = {}
    for part in text.split(","):
        if not part:
            continue
        name, _, value = part.partition(":")
        filters.setdefault(name, []).append(value)
    return filters


def _passes(work: dict[str, Any], filters: dict[str, list[str]]) -> bool:
    for name, values in filters.items():
        if name == "doi" and work["DOI"].lower() not in {v.lower() for v in values}:
            return False
        if name == "type" and work.get("type") not in values:
            return False
        year = (work.get("issued") or {}).get("date-parts", [[0]])[0][0]
        if name == "from-pub-date" and year < min(int(v[:4]) for v in values):
            return False
        if name == "until-pub-date" and year > max(int(v[:4]) for v in values):
            return False
    return True


def _select(work: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    if not fields:
        return work
    return {k: v for k, v in work.items() if k in fields}
