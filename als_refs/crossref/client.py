"""``CrossrefClient``: Crossref's REST API over the shared :class:`~als_refs.transport.Transport`.

Every request goes through the transport (one limiter for all requests to the host, retries,
bounded deadline and body, same-origin redirects, error classification). Crossref answers a
missing DOI with the plain-text body ``Resource not found.`` (sometimes labelled JSON): a 404 body
is never parsed, and a 404 on the list endpoint means a wrong base URL, not a missing DOI.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

import requests

from als_refs import __version__
from als_refs.cache import ResponseCache
from als_refs.crossref import ratelimit
from als_refs.crossref.mapping import KEPT_KEYS
from als_refs.errors import CrossrefHTTPError, DOINotFoundError, NetworkError
from als_refs.transport.http import (
    Answer,
    CircuitBreaker,
    Retryable,
    RetryPolicy,
    Transport,
    retry_after_seconds,
)
from als_refs.transport.limits import Limits, RateLimiter
from als_refs.transport.registry import FetchInfo, RegistryClient

DEFAULT_BASE_URL = "https://api.crossref.org"
PROJECT_URL = "https://github.com/als-refs/als-refs"
BATCH_SIZE = 20
SELECT = ",".join(sorted({*KEPT_KEYS, "score"}))
"""The fields asked for on list requests (batches and searches): what als-refs reads."""
JSONDict = dict[str, Any]
_retry_after = retry_after_seconds

__all__ = [
    "BATCH_SIZE",
    "DEFAULT_BASE_URL",
    "CrossrefClient",
    "FetchInfo",
    "RetryPolicy",
    "doi_path",
    "user_agent",
]


def user_agent(mailto: str | None) -> str:
    """``als-refs/0.1.0 (https://github.com/als-refs/als-refs; mailto:you@example.org)``."""
    contact = f"; mailto:{mailto}" if mailto else ""
    return f"als-refs/{__version__} ({PROJECT_URL}{contact})"


def doi_path(doi: str) -> str:
    """A DOI as one path segment: ``/``, ``<``, ``;``, ``(``... percent-encoded."""
    return quote(doi, safe="")


class CrossrefClient(RegistryClient):
    """Crossref's REST API: single works, batches of works, agencies and searches."""

    service = "Crossref"

    def __init__(
        self,
        *,
        session: requests.Session | None = None,
        transport: Transport | None = None,
        base_url: str = DEFAULT_BASE_URL,
        mailto: str | None = None,
        token: str | None = None,
        timeout: float = 10.0,
        cache: ResponseCache | None = None,
        offline: bool = False,
        refresh: bool = False,
        retry: RetryPolicy | None = None,
        limits: Limits | None = None,
        search_limits: Limits | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if transport is None:
            transport = Transport(session, timeout=timeout, retry=retry, sleep=sleep)
        super().__init__(
            transport=transport,
            base_url=base_url,
            cache=cache,
            offline=offline,
            refresh=refresh,
            clock=clock,
        )
        self.mailto = mailto
        self._headers = {"User-Agent": user_agent(mailto), "Accept": "application/json"}
        if token:
            self._headers["Crossref-Plus-API-Token"] = f"Bearer {token}"
        polite = mailto is not None
        self._start = limits or (ratelimit.POLITE if polite else ratelimit.PUBLIC)
        search = search_limits or (ratelimit.POLITE_SEARCH if polite else ratelimit.PUBLIC_SEARCH)
        self.limiter = transport.limiter(self.base_url, self._start)
        # Searches pass this gate first and then the host's one, which every request shares.
        self.search_limiter = RateLimiter(search, cap=search, margin=1.0, sleep=sleep)

    @property
    def breaker(self) -> CircuitBreaker:
        return self.transport.breaker(self.base_url)

    # Public API -------------------------------------------------------------------------------

    def get_work(self, doi: str) -> JSONDict:
        """The ``work`` message for ``doi``; :class:`DOINotFoundError` when Crossref has none."""
        key = f"work:{doi.lower()}"
        cached = self._cached(key)
        if cached is not None:
            return _as_dict(cached)
        path = f"/works/{doi_path(doi)}"
        body = self._request(path, {}, missing=doi)
        message = _message(body, "work", self._url(path))
        self._store(key, message, self._url(path))
        return message

    def get_agency(self, doi: str) -> str:
        """The registration agency's id (``crossref``, ``datacite``, ``medra``...)."""
        key = f"agency:{doi.lower()}"
        cached = self._cached(key)
        if cached is not None and isinstance(cached, str):
            return cached
        path = f"/works/{doi_path(doi)}/agency"
        body = self._request(path, {}, missing=doi)
        message = _message(body, "work-agency", self._url(path))
        agency = message.get("agency")
        agency_id = agency.get("id") if isinstance(agency, dict) else None
        if not isinstance(agency_id, str):
            raise CrossrefHTTPError(
                f"agency answer without an agency id for {doi!r}",
                status_code=200,
                url=self._url(path),
                body=json.dumps(body)[:500],
            )
        self._store(key, agency_id, self._url(path))
        return agency_id

    def get_works(
        self, dois: Iterable[str], *, chunk_size: int = BATCH_SIZE
    ) -> dict[str, JSONDict]:
        """Many works in ``len(dois)/chunk_size`` requests, keyed by the DOI as given.

        A DOI Crossref does not know is absent from the result. DOIs containing a comma cannot go
        in a ``filter=doi:`` list and are fetched singly.
        """
        wanted = list(dict.fromkeys(dois))
        found: dict[str, JSONDict] = {}
        batchable: list[str] = []
        for doi in wanted:
            cached = self._cached(f"work:{doi.lower()}")
            if cached is not None:
                found[doi] = _as_dict(cached)
            elif "," in doi:
                try:
                    found[doi] = self.get_work(doi)
                except DOINotFoundError:
                    continue
            else:
                batchable.append(doi)
        for start in range(0, len(batchable), chunk_size):
            found.update(self._fetch_batch(batchable[start : start + chunk_size]))
        return found

    def search(self, reference_text: str, rows: int = 5) -> list[JSONDict]:
        """Crossref's best candidates for a reference written as text (``query.bibliographic``)."""
        key = f"search:{rows}:{reference_text}"
        cached = self._cached(key)
        if cached is not None and isinstance(cached, list):
            return [_as_dict(item) for item in cached]
        params = {"query.bibliographic": reference_text, "rows": str(rows), "select": SELECT}
        body = self._request("/works", params, extra=self.search_limiter)
        items = _items(body, self._url("/works"))
        self._store(key, items, self._url("/works", params))
        return items

    def fetch_info(self, doi: str) -> FetchInfo | None:
        """Where and when the work for ``doi`` was fetched, once it has been."""
        return self.info(f"work:{doi.lower()}")

    def search_info(self, reference_text: str, rows: int = 5) -> FetchInfo | None:
        """Where and when the search for ``reference_text`` was answered, once it has been."""
        return self.info(f"search:{rows}:{reference_text}")

    # Internals --------------------------------------------------------------------------------

    def _fetch_batch(self, dois: Sequence[str]) -> dict[str, JSONDict]:
        by_lower = {doi.lower(): doi for doi in dois}
        params = {
            "filter": ",".join(f"doi:{doi}" for doi in dois),
            "rows": str(max(len(dois), 1)),
            "select": SELECT,
        }
        body = self._request("/works", params)
        url = self._url("/works", params)
        found: dict[str, JSONDict] = {}
        for item in _items(body, url):
            registered = item.get("DOI")
            if not isinstance(registered, str):
                continue
            asked = by_lower.get(registered.lower())
            if asked is None:
                continue
            found[asked] = item
            # Recorded under the work's own URL, so a lockfile does not change when the
            # batches are cut differently.
            self._store(f"work:{registered.lower()}", item, self._url(f"/works/{doi_path(asked)}"))
        return found

    def _url(self, path: str, params: Mapping[str, str] | None = None) -> str:
        url = self.base_url + path
        if params:
            url += "?" + "&".join(f"{k}={quote(v, safe=':,')}" for k, v in params.items())
        return url

    def _request(
        self,
        path: str,
        params: Mapping[str, str],
        *,
        missing: str | None = None,
        extra: RateLimiter | None = None,
    ) -> JSONDict:
        """GET ``path``; the decoded JSON envelope of a 200 answer.

        ``missing`` is the DOI a 404 means is not registered; without it (list requests) a 404
        is a service failure: a wrong base URL or a proxy, not an answer about DOIs."""
        query = dict(params)
        if self.mailto:
            query["mailto"] = self.mailto
        return self.transport.get(
            self.base_url + path,
            params=query,
            headers=self._headers,
            service=self.service,
            decode=lambda answer: _decode(answer, missing),
            start=self._start,
            extra=extra,
            stats=self.stats,
            error_class=CrossrefHTTPError,
        )


def _decode(answer: Answer, missing: str | None) -> JSONDict:
    status, url, text = answer.status, answer.url, answer.text
    if status == 404 and missing is not None:
        raise DOINotFoundError(missing)
    if status != 200:
        raise CrossrefHTTPError(
            f"Crossref answered {status}: {_failure_detail(text)}"
            + (" (is the base URL right?)" if status == 404 else ""),
            status_code=status,
            url=url,
            body=text[:500],
        )
    try:
        body = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise Retryable(
            CrossrefHTTPError(
                f"invalid JSON from Crossref ({len(text)} characters, {exc})",
                status_code=status,
                url=url,
                body=text[:500],
            )
        ) from None
    if not isinstance(body, dict):
        raise CrossrefHTTPError(
            "unexpected answer: expected a JSON object", status_code=200, url=url
        )
    return body


def _failure_detail(text: str) -> str:
    """The messages of a ``validation-failure`` body, or the start of any other body."""
    try:
        body = json.loads(text)
    except (ValueError, RecursionError):
        return repr(text[:200])
    if isinstance(body, dict) and isinstance(body.get("message"), list):
        parts = [
            f"{m.get('type')}: {m.get('message')}" for m in body["message"] if isinstance(m, dict)
        ]
        return "; ".join(parts) or repr(text[:200])
    return repr(text[:200])


def _message(body: JSONDict, expected_type: str, url: str) -> JSONDict:
    message = body.get("message")
    if body.get("message-type") != expected_type or not isinstance(message, dict):
        raise CrossrefHTTPError(
            f"not a Crossref answer: expected a {expected_type!r} message, "
            f"got {body.get('message-type')!r}",
            status_code=200,
            url=url,
        )
    return message


def _items(body: JSONDict, url: str) -> list[JSONDict]:
    message = _message(body, "work-list", url)
    items = message.get("items")
    if not isinstance(items, list):
        raise CrossrefHTTPError("work-list without items", status_code=200, url=url)
    return [item for item in items if isinstance(item, dict)]


def _as_dict(value: Any) -> JSONDict:
    if not isinstance(value, dict):
        raise NetworkError("corrupt cache entry: expected a JSON object")
    return value
