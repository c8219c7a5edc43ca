"""Answers from a hostile registry: ``check --online`` against a local HTTP server on 127.0.0.1
that gives each generated case the status, headers and body drawn for it.

All of it is constructed: Crossref-shaped envelopes whose works hold any JSON where a field is
(``{"family": 5}``, NaN, nested lists), junk bodies, 429/503 with absurd ``Retry-After`` values,
garbage ``x-rate-limit-*`` headers, redirects within the origin and to another one. Each case's
answer sits under its own path prefix, so cases never see each other's answers.
"""

from __future__ import annotations

import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from hypothesis import strategies as st

from als_refs.crossref.mapping import KEPT_KEYS

from .harness import Case

DOI = "10.3109/21678421.2012.751614"
Reply = tuple[int, dict[str, str], bytes]


class AnswerServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.replies: dict[str, Reply] = {}
        self._numbers = itertools.count()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def register(self, reply: Reply) -> str:
        """The base URL under which every request gets ``reply``."""
        with self._lock:
            token = f"c{next(self._numbers)}"
            self.replies[token] = reply
        return f"{self.url}/{token}"


class _Handler(BaseHTTPRequestHandler):
    server: AnswerServer

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        token = self.path.lstrip("/").split("/", 1)[0]
        status, headers, body = self.server.replies.get(token, (404, {}, b"no such case"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


_SERVER: list[AnswerServer] = []


def answer_server() -> AnswerServer:
    """The one server of this process, started on first use."""
    if not _SERVER:
        server = AnswerServer()
        threading.Thread(target=server.serve_forever, daemon=True).start()
        _SERVER.append(server)
    return _SERVER[0]


JSON_VALUES: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
PLAUSIBLE: dict[str, st.SearchStrategy[Any]] = {
    "title": st.just(["Prevalence and characteristics of pain in early and late stages of ALS"]),
    "author": st.just([{"family": "Rivera", "given": "I."}]),
    "issued": st.just({"date-parts": [[2013]]}),
    "type": st.just("journal-article"),
    "container-title": st.just(["Amyotrophic Lateral Sclerosis and Frontotemporal Degeneration"]),
}
HEADER_VALUES = st.sampled_from(
    ("nan", "inf", "-1", "0", "0.05", "99999", "soon", "1e999", "1, 50", "99999999999m", "", "ü")
)


@st.composite
def works(draw: st.DrawFn) -> dict[str, Any]:
    work: dict[str, Any] = {"DOI": draw(st.just(DOI) | JSON_VALUES)}
    for key in draw(st.lists(st.sampled_from(KEPT_KEYS), max_size=6, unique=True)):
        work[key] = draw(PLAUSIBLE.get(key, JSON_VALUES) | JSON_VALUES)
    return work


@st.composite
def bodies(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(("list", "list", "list", "work", "junk", "envelope")))
    if kind == "junk":
        return draw(st.binary(max_size=200))
    work = draw(works())
    message_type: Any = {"list": "work-list", "work": "work"}.get(kind) or draw(JSON_VALUES)
    if kind == "list":
        total = draw(st.just(1) | JSON_VALUES)
        message: Any = {"items": [work], "total-results": total}
    elif kind == "work":
        message = work
    else:
        message = draw(JSON_VALUES)
    envelope = {
        "status": draw(st.just("ok") | JSON_VALUES),
        "message-type": message_type,
        "message": message,
    }
    return json.dumps(envelope, allow_nan=True).encode()


@st.composite
def replies(draw: st.DrawFn, base: str) -> Reply:
    status = draw(st.sampled_from((200, 200, 200, 200, 429, 503, 404, 400, 302, 500)))
    headers = {"Content-Type": draw(st.sampled_from(("application/json", "text/html", "x/y")))}
    for name in ("Retry-After", "x-rate-limit-limit", "x-rate-limit-interval"):
        if draw(st.booleans()):
            headers[name] = draw(HEADER_VALUES)
    if draw(st.booleans()):
        headers["x-concurrency-limit"] = draw(HEADER_VALUES)
    if status == 302:
        same = f"{base}/works?filter=doi:{DOI}"
        headers["Location"] = draw(st.sampled_from((same, "http://127.0.0.2:9/works", "//x/")))
    return status, headers, draw(bodies())


@st.composite
def online_cases(draw: st.DrawFn) -> Case:
    server = answer_server()
    token_base = server.register((404, {}, b""))
    token = token_base.rsplit("/", 1)[1]
    server.replies[token] = draw(replies(token_base))
    bib = (
        "@article{rivera,\n  title = {Prevalence and characteristics of pain in ALS},\n"
        f"  year = {{2013}},\n  doi = {{{DOI}}}\n}}\n"
    )
    if draw(st.booleans()):
        bib += "@article{nodoi,\n  title = {Pain in amyotrophic lateral sclerosis},\n}\n"
    flags = ("--crossref-url", token_base, "--no-cache", "--timeout", "2", "--retries", "1")
    return Case(
        "check", ("refs.bib", "--online", *flags, "--format=json"), {"refs.bib": bib.encode()}
    )
