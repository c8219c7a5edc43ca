"""``PubMedClient``: E-utilities (efetch, esearch, ecitmatch) and the PMC ID Converter.

Every request goes through the shared :class:`~als_refs.transport.Transport`. NCBI asks for
``tool`` and ``email`` on every request and allows 3 requests/s without an API key, 10/s with
one; ids are fetched in batches of :data:`BATCH_SIZE`.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

from als_refs.cache import ResponseCache
from als_refs.errors import InputError, ServiceHTTPError
from als_refs.pubmed.mapping import PubMedRecord, article_to_record
from als_refs.transport.http import Answer, Retryable, Transport
from als_refs.transport.limits import Limits
from als_refs.transport.registry import RegistryClient

DEFAULT_BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
DEFAULT_IDCONV_URL = "https://www.ncbi.nlm.nih.gov/pmc/utils/idconv/v1.0"
TOOL = "als-refs"
BATCH_SIZE = 200
WITHOUT_KEY = Limits(rate=3.0, concurrency=3)
WITH_KEY = Limits(rate=10.0, concurrency=3)


class PubMedClient(RegistryClient):
    service = "PubMed"

    def __init__(
        self,
        *,
        transport: Transport,
        base_url: str = DEFAULT_BASE_URL,
        idconv_url: str | None = None,
        email: str | None = None,
        api_key: str | None = None,
        cache: ResponseCache | None = None,
        offline: bool = False,
        refresh: bool = False,
    ) -> None:
        super().__init__(
            transport=transport, base_url=base_url, cache=cache, offline=offline, refresh=refresh
        )
        self.idconv_url = (idconv_url or f"{self.base_url}/idconv/v1.0").rstrip("/")
        self._identity = {"tool": TOOL, **({"email": email} if email else {})}
        if api_key:
            self._identity["api_key"] = api_key
        self.limits = WITH_KEY if api_key else WITHOUT_KEY
        for url in {self.base_url, self.idconv_url}:
            transport.limiter(url, self.limits, cap=self.limits)

    def fetch(self, pmids: Iterable[str]) -> dict[str, PubMedRecord | InputError]:
        """Records by PMID (a PMID PubMed does not hold is absent; an unreadable one an error)."""
        wanted = list(dict.fromkeys(p.strip() for p in pmids if p.strip().isdigit()))
        found: dict[str, PubMedRecord | InputError] = {}
        missing: list[str] = []
        for pmid in wanted:
            cached = self._cached(f"pubmed:{pmid}")
            if isinstance(cached, str):
                found[pmid] = _record(cached)
            else:
                missing.append(pmid)
        for start in range(0, len(missing), BATCH_SIZE):
            found.update(self._fetch_batch(missing[start : start + BATCH_SIZE]))
        return found

    def search(self, term: str, retmax: int = 5) -> list[str]:
        """PMIDs ESearch finds for ``term``."""
        params = {"db": "pubmed", "term": term, "retmax": str(retmax)}
        root = self._xml("/esearch.fcgi", params)
        if root.tag != "eSearchResult":
            raise self._bad(f"expected eSearchResult, got {root.tag!r}", "/esearch.fcgi")
        return [i.text.strip() for i in root.findall("./IdList/Id") if i.text]

    def citmatch(self, citations: dict[str, dict[str, str]]) -> dict[str, str | None]:
        """ECitMatch: ``key -> {journal, year, volume, first_page, author}`` to key -> PMID."""
        order = ("journal", "year", "volume", "first_page", "author")
        lines = [
            "|".join([*(c.get(f, "") for f in order), key, ""]) for key, c in citations.items()
        ]
        params = {"db": "pubmed", "retmode": "xml", "bdata": "\r".join(lines)}
        text = self._get(self.base_url + "/ecitmatch.cgi", params, _text_body)
        result: dict[str, str | None] = dict.fromkeys(citations)
        for line in text.splitlines():
            parts = line.split("|")
            if len(parts) >= 7 and parts[5] in result:
                pmid = parts[6].strip()
                result[parts[5]] = pmid if pmid.isdigit() else None
        return result

    def convert_ids(self, ids: Iterable[str]) -> list[dict[str, str]]:
        """PMC ID Converter records (``pmid``, ``pmcid``, ``doi``) for DOIs, PMIDs or PMCIDs.

        An id the converter does not know gives no record (it answers 404, ``status: error``)."""
        params = {"ids": ",".join(ids), "format": "json"}
        body = self._get(self.idconv_url + "/", params, _json_body)
        if body.get("status") != "ok":
            return []
        records = body.get("records")
        if not isinstance(records, list):
            return []
        return [
            {k: str(v) for k, v in r.items() if k in ("pmid", "pmcid", "doi") and v}
            for r in records
            if isinstance(r, dict) and r.get("status") != "error"
        ]

    # Internals --------------------------------------------------------------------------------

    def _fetch_batch(self, pmids: list[str]) -> dict[str, PubMedRecord | InputError]:
        params = {"db": "pubmed", "id": ",".join(pmids), "retmode": "xml"}
        root = self._xml("/efetch.fcgi", params)
        found: dict[str, PubMedRecord | InputError] = {}
        for article in root.findall("PubmedArticle"):
            text = ET.tostring(article, encoding="unicode")
            record = _record(text)
            pmid = record.pmid if isinstance(record, PubMedRecord) else _pmid(article)
            if pmid in pmids:
                found[pmid] = record
                self._store(f"pubmed:{pmid}", text, f"{self.base_url}/efetch.fcgi?id={pmid}")
        return found

    def _xml(self, path: str, params: dict[str, str]) -> ET.Element:
        root: ET.Element = self._get(self.base_url + path, params, _xml_body)
        return root

    def _get(self, url: str, params: dict[str, str], decode: Any) -> Any:
        return self.transport.get(
            url,
            params={**params, **self._identity},
            headers={"User-Agent": f"{TOOL} (E-utilities client)"},
            service=self.service,
            decode=decode,
            start=self.limits,
            stats=self.stats,
        )

    def _bad(self, message: str, url: str) -> ServiceHTTPError:
        return ServiceHTTPError(f"PubMed: {message}", status_code=200, url=url)


def _check(answer: Answer) -> None:
    if answer.status != 200:
        raise ServiceHTTPError(
            f"PubMed answered {answer.status}: {answer.text[:200]!r}",
            status_code=answer.status,
            url=answer.url,
            body=answer.text[:500],
        )


def _xml_body(answer: Answer) -> ET.Element:
    _check(answer)
    try:
        root = ET.fromstring(answer.body)
    except ET.ParseError as exc:
        raise Retryable(
            ServiceHTTPError(f"invalid XML from PubMed ({exc})", status_code=200, url=answer.url)
        ) from None
    error = root.find("ERROR")
    if error is not None and error.text:
        raise ServiceHTTPError(f"PubMed: {error.text}", status_code=200, url=answer.url)
    return root


def _text_body(answer: Answer) -> str:
    _check(answer)
    return answer.text


def _json_body(answer: Answer) -> dict[str, Any]:
    # The converter answers an unknown or mismatched id with a 404 and a JSON error body.
    try:
        body = json.loads(answer.text)
    except ValueError:
        _check(answer)
        raise ServiceHTTPError(
            "invalid JSON from the ID Converter", status_code=200, url=answer.url
        ) from None
    if not isinstance(body, dict):
        raise ServiceHTTPError("unexpected ID Converter answer", status_code=200, url=answer.url)
    return body


def _pmid(article: ET.Element) -> str:
    node = article.find("./MedlineCitation/PMID")
    return (node.text or "").strip() if node is not None else ""


def _record(text: str) -> PubMedRecord | InputError:
    try:
        return article_to_record(ET.fromstring(text))
    except InputError as exc:
        return exc
    except ET.ParseError as exc:
        return InputError(f"unreadable cached PubMed record: {exc}")
