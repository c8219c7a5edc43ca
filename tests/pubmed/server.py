"""A local NCBI E-utilities + PMC ID Converter server, built from the recorded answers.

Records: the ``PubmedArticle`` elements of the recorded efetch answers in
``tests/data/pubmed/recorded`` (copies of ``../shared/registry-examples/``) plus the
constructed ones in ``tests/data/pubmed/constructed``.
Answers keep the recorded envelopes: ``PubmedArticleSet`` with the pubmed_190101 DOCTYPE,
``eSearchResult`` with ``Count/RetMax/RetStart/IdList`` (and ``ErrorList/PhraseNotFound`` plus
``WarningList/OutputMessage`` when nothing is found), ECitMatch's pipe-separated lines, the ID
Converter's ``status/responseDate/request/records`` JSON (a 404 with ``status: error`` and a
URL-encoded ``message`` for an id it cannot convert).

The server enforces NCBI's stated limits: more than 3 requests in one second without an
``api_key`` (10 with one) get a 429 whose body is the one NCBI documents,
``{"error":"API rate limit exceeded","count":"4"}`` (no real one was recorded; counted in
``refused``).
"""

from __future__ import annotations

import json
import re
import threading
import time
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

from tests.localserver import LocalServer

ROOT = Path(__file__).resolve().parents[2]
RECORDED = ROOT / "tests" / "data" / "pubmed" / "recorded"
CONSTRUCTED = ROOT / "tests" / "data" / "pubmed" / "constructed"
HEADER = (
    '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
    '1st January 2019//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_190101.dtd">\n'
)
_WORD = re.compile(r"[a-z0-9]+")
WINDOW = 0.95
"""Seconds over which requests are counted (a little under one: clocks and sockets jitter)."""


def load_articles() -> dict[str, str]:
    articles: dict[str, str] = {}
    files = sorted(RECORDED.glob("ncbi_efetch_pubmed_*.xml"))
    for path in files:
        for article in ET.fromstring(path.read_bytes()).findall("PubmedArticle"):
            articles[_pmid(article)] = ET.tostring(article, encoding="unicode")
    for path in sorted(CONSTRUCTED.glob("*.xml")):
        article = ET.fromstring(path.read_text(encoding="utf-8"))
        articles[_pmid(article)] = ET.tostring(article, encoding="unicode")
    return articles


def _pmid(article: ET.Element) -> str:
    return (article.findtext("./MedlineCitation/PMID") or "").strip()


def _ids(article: ET.Element) -> dict[str, str]:
    return {
        n.get("IdType", ""): (n.text or "").strip()
        for n in article.findall("./PubmedData/ArticleIdList/ArticleId")
    }


class PubMedServer(LocalServer):
    def __init__(self) -> None:
        super().__init__(_Handler)
        self.articles = load_articles()
        self.lock = threading.Lock()
        self.log: list[str] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.refused = 0
        self.starts: dict[bool, list[float]] = {False: [], True: []}

    def over_limit(self, keyed: bool) -> int | None:
        """Record a request; the count in the last second when that is past the limit."""
        now = time.monotonic()
        recent = [s for s in self.starts[keyed] if now - s < WINDOW] + [now]
        self.starts[keyed] = recent
        if len(recent) > (10 if keyed else 3):
            self.refused += 1
            return len(recent)
        return None

    def element(self, pmid: str) -> ET.Element:
        return ET.fromstring(self.articles[pmid])


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: PubMedServer

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        with self.server.lock:
            self.server.log.append(self.path)
            self.server.in_flight += 1
            self.server.max_in_flight = max(self.server.max_in_flight, self.server.in_flight)
            count = self.server.over_limit(bool(params.get("api_key")))
        try:
            if count is not None:
                error = {"error": "API rate limit exceeded", "count": str(count)}
                status, body, kind = 429, json.dumps(error).encode(), "application/json"
            else:
                status, body, kind = self._route(parts.path, params)
        finally:
            with self.server.lock:
                self.server.in_flight -= 1
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _route(self, path: str, params: dict[str, str]) -> tuple[int, bytes, str]:
        if "tool" not in params:
            return 400, b"tool parameter required", "text/plain"
        if path == "/efetch.fcgi":
            return self._efetch(params)
        if path == "/esearch.fcgi":
            return self._esearch(params)
        if path == "/ecitmatch.cgi":
            return self._ecitmatch(params)
        if path.rstrip("/") == "/idconv/v1.0":
            return self._idconv(params)
        return 404, b"<html><body>Not Found</body></html>", "text/html"

    def _efetch(self, params: dict[str, str]) -> tuple[int, bytes, str]:
        wanted = [p for p in params.get("id", "").split(",") if p]
        body = "".join(self.server.articles[p] for p in wanted if p in self.server.articles)
        xml = f"{HEADER}<PubmedArticleSet>\n{body}</PubmedArticleSet>\n"
        return 200, xml.encode("utf-8"), "text/xml; charset=UTF-8"

    def _esearch(self, params: dict[str, str]) -> tuple[int, bytes, str]:
        words = set(_WORD.findall(params.get("term", "").lower()))
        hits = []
        for pmid, text in self.server.articles.items():
            title = ET.fromstring(text).findtext(".//ArticleTitle") or ""
            if words and words <= set(_WORD.findall(title.lower())):
                hits.append(pmid)
        ids = "".join(f"<Id>{p}</Id>\n" for p in hits)
        extra = ""
        if not hits:
            phrase = params.get("term", "")
            extra = (
                f"<ErrorList><PhraseNotFound>{phrase}</PhraseNotFound></ErrorList>"
                "<WarningList><OutputMessage>No items found.</OutputMessage></WarningList>"
            )
        xml = (
            '<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD '
            'esearch 20060628//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">'
            f"\n<eSearchResult><Count>{len(hits)}</Count><RetMax>{len(hits)}</RetMax>"
            f"<RetStart>0</RetStart><IdList>\n{ids}</IdList><TranslationSet/>{extra}"
            "</eSearchResult>\n"
        )
        return 200, xml.encode("utf-8"), "text/xml; charset=UTF-8"

    def _ecitmatch(self, params: dict[str, str]) -> tuple[int, bytes, str]:
        lines = []
        for line in re.split(r"[\r\n]+", params.get("bdata", "")):
            fields = line.split("|")
            if len(fields) < 6:
                continue
            journal, year, volume, page, _author, key = fields[:6]
            lines.append("|".join([*fields[:6], self._citmatch(journal, year, volume, page)]))
            del key
        return 200, ("\n".join(lines) + "\n").encode("utf-8"), "text/plain; charset=UTF-8"

    def _citmatch(self, journal: str, year: str, volume: str, page: str) -> str:
        for pmid, text in self.server.articles.items():
            article = ET.fromstring(text)
            names = {
                (article.findtext(f".//Journal/{t}") or "").lower()
                for t in ("Title", "ISOAbbreviation")
            }
            pages = article.findtext(".//MedlinePgn") or ""
            if (
                journal.lower() in names
                and (article.findtext(".//PubDate/Year") or "") == year
                and (article.findtext(".//JournalIssue/Volume") or "") == volume
                and pages.split("-")[0] == page
            ):
                return pmid
        return "NOT_FOUND;INVALID_JOURNAL" if not journal else "NOT_FOUND"

    def _idconv(self, params: dict[str, str]) -> tuple[int, bytes, str]:
        records = []
        for wanted in [i for i in params.get("ids", "").split(",") if i]:
            for pmid in self.server.articles:
                ids = _ids(self.server.element(pmid))
                known = {ids.get("pubmed", ""), ids.get("doi", "").lower(), ids.get("pmc", "")}
                if wanted.lower() in known or wanted in known:
                    record = {"pmid": ids.get("pubmed")}
                    if "pmc" in ids:
                        record["pmcid"] = ids["pmc"]
                    if "doi" in ids:
                        record["doi"] = ids["doi"]
                    records.append(record)
                    break
        request = f"tool={params.get('tool')};ids={quote(params.get('ids', ''), safe='')}"
        if not records:
            message = quote(f"invalid article id '{params.get('ids', '')}'")
            body = {"status": "error", "responseDate": "2026-12-03 10:00:00", "request": request}
            body["message"] = message
            return 404, json.dumps(body, indent=1).encode(), "application/json; charset=ISO-8859-1"
        body = {"status": "ok", "responseDate": "2026-12-03 10:00:00", "request": request}
        return (
            200,
            json.dumps({**body, "records": records}, indent=1).encode(),
            "application/json; charset=ISO-8859-1",
        )
