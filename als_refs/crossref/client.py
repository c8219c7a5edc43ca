"""``CrossrefClient``: the only code in als-refs that talks HTTP.

Every request goes through :meth:`CrossrefClient._request`, which applies the rate limiter, the
retries (429, 5xx, timeouts, dropped connections, truncated bodies; never 400/401/403/404), the
circuit breaker, and turns every ``requests`` exception into an :mod:`als_refs.errors` error.
Crossref answers a missing DOI with the plain-text body ``Resource not found.`` (sometimes
labelled JSON): a 404 body is never parsed.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote

import requests

from als_refs import __version__
from als_refs.cache import ResponseCache
from als_refs.crossref import ratelimit
from als_refs.errors import (
    CrossrefHTTPError,
    DOINotFoundError,
    NetworkError,
    RateLimitedError,
    ResolveError,
)

DEFAULT_BASE_URL = "https://api.crossref.org"
PROJECT_URL = "https://github.com/als-refs/als-refs"
BATCH_SIZE = 20
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
JSONDict = dict[str, Any]


def user_agent(mailto: str | None) -> str:
    """``als-refs/0.1.0 (https://github.com/als-refs/als-refs; mailto:you@example.org)``."""
    contact = f"; mailto:{mailto}" if mailto else ""
    return f"als-refs/{__version__} ({PROJECT_URL}{contact})"


def doi_path(doi: str) -> str:
    """A DOI as one path segment: ``/``, ``<``, ``;``, ``(``... percent-encoded."""
    return quote(doi, safe="")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    backoff: float = 0.5
    max_backoff: float = 30.0
    max_retry_after: float = 120.0


@dataclass(frozen=True)
class FetchInfo:
    """Where and when an answer came from Crossref (from the cache: when it was first fetched)."""

    url: str
    fetched_at: float


@dataclass
class Stats:
    requests: int = 0
    retries: int = 0
    cache_hits: int = 0


class CircuitBreaker:
    """Opens (refuses every request) once most of the recent requests have failed."""

    def __init__(self, window: int = 10, failures: int = 8) -> None:
        self._recent: deque[bool] = deque(maxlen=window)
        self._failures = failures
        self._lock = threading.Lock()
        self.open = False

    def record(self, ok: bool) -> None:
        with self._lock:
            self._recent.append(ok)
            if ok:
                return
            if len(self._recent) == self._recent.maxlen:
                self.open = sum(not r for r in self._recent) >= self._failures

    def describe(self) -> str:
        failed = sum(not r for r in self._recent)
        return f"{failed} of the last {len(self._recent)} requests to Crossref failed"


class _RetryableError(Exception):
    """A failure worth retrying; carries the error to raise when the retries run out."""

    def __init__(self, error: ResolveError, retry_after: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after


class CrossrefClient:
    """Crossref's REST API: single works, batches of works, agencies and searches."""

    def __init__(
        self,
        *,
        session: requests.Session | None = None,
        base_url: str = DEFAULT_BASE_URL,
        mailto: str | None = None,
        token: str | None = None,
        timeout: float = 10.0,
        cache: ResponseCache | None = None,
        offline: bool = False,
        refresh: bool = False,
        retry: RetryPolicy | None = None,
        limits: ratelimit.Limits | None = None,
        search_limits: ratelimit.Limits | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.session = session if session is not None else requests.Session()
        self.base_url = base_url.rstrip("/")
        self.mailto = mailto
        self.timeout = timeout
        self.cache = cache
        self.offline = offline
        self.refresh = refresh
        self.retry = retry or RetryPolicy()
        self.stats = Stats()
        self.breaker = CircuitBreaker()
        self._sleep = sleep
        self._clock = clock
        self._fetched: dict[str, FetchInfo] = {}
        self._stats_lock = threading.Lock()
        self._headers = {"User-Agent": user_agent(mailto), "Accept": "application/json"}
        if token:
            self._headers["Crossref-Plus-API-Token"] = f"Bearer {token}"
        polite = mailto is not None
        start = limits or (ratelimit.POLITE if polite else ratelimit.PUBLIC)
        search = search_limits or (ratelimit.POLITE_SEARCH if polite else ratelimit.PUBLIC_SEARCH)
        self.limiter = ratelimit.RateLimiter(start, sleep=sleep)
        self.search_limiter = ratelimit.RateLimiter(search, cap=search, sleep=sleep)

    # Public API -------------------------------------------------------------------------------

    def get_work(self, doi: str) -> JSONDict:
        """The ``work`` message for ``doi``; :class:`DOINotFoundError` when Crossref has none."""
        key = f"work:{doi.lower()}"
        cached = self._cached(key)
        if cached is not None:
            return _as_dict(cached)
        path = f"/works/{doi_path(doi)}"
        try:
            body = self._request(path, {})
        except DOINotFoundError:
            raise DOINotFoundError(doi) from None
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
        try:
            body = self._request(path, {})
        except DOINotFoundError:
            raise DOINotFoundError(doi) from None
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
        params = {"query.bibliographic": reference_text, "rows": str(rows)}
        body = self._request("/works", params, limiter=self.search_limiter)
        items = _items(body, self._url("/works"))
        self._store(key, items, self._url("/works", params))
        return items

    def fetch_info(self, doi: str) -> FetchInfo | None:
        """Where and when the work for ``doi`` was fetched, once it has been."""
        return self._fetched.get(f"work:{doi.lower()}")

    def search_info(self, reference_text: str, rows: int = 5) -> FetchInfo | None:
        """Where and when the search for ``reference_text`` was answered, once it has been."""
        return self._fetched.get(f"search:{rows}:{reference_text}")

    def close(self) -> None:
        self.session.close()

    # Internals --------------------------------------------------------------------------------

    def _fetch_batch(self, dois: Sequence[str]) -> dict[str, JSONDict]:
        by_lower = {doi.lower(): doi for doi in dois}
        params = {
            "filter": ",".join(f"doi:{doi}" for doi in dois),
            "rows": str(max(len(dois), 1)),
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

    def _cached(self, key: str) -> Any:
        if self.cache is None or self.refresh:
            if self.offline:
                raise NetworkError(f"offline and {key!r} is not in the cache (no cache configured)")
            return None
        entry = self.cache.get(self._cache_key(key))
        if entry is not None:
            with self._stats_lock:
                self.stats.cache_hits += 1
            self._fetched[key] = FetchInfo(entry.url, entry.fetched_at)
            return entry.value
        if self.offline:
            raise NetworkError(f"offline and {key!r} is not in the cache: run without --offline")
        return None

    def _cache_key(self, key: str) -> str:
        # Answers from different servers (a mirror, a test server) never mix in one cache.
        return f"{self.base_url} {key}"

    def _store(self, key: str, value: Any, url: str) -> None:
        if self.cache is not None:
            entry = self.cache.put(self._cache_key(key), value, url=url)
            self._fetched[key] = FetchInfo(url, entry.fetched_at)
        else:
            self._fetched[key] = FetchInfo(url, self._clock())

    def _request(
        self,
        path: str,
        params: Mapping[str, str],
        *,
        limiter: ratelimit.RateLimiter | None = None,
    ) -> JSONDict:
        """GET ``path`` with retries; the decoded JSON envelope of a 200 answer."""
        query = dict(params)
        if self.mailto:
            query["mailto"] = self.mailto
        url = self.base_url + path
        last: ResolveError | None = None
        for attempt in range(self.retry.attempts):
            self._check_breaker(last)
            try:
                body = self._attempt(url, query, limiter or self.limiter)
            except _RetryableError as failure:
                self.breaker.record(False)
                last = failure.error
                self._check_breaker(last)
                if attempt + 1 < self.retry.attempts:
                    with self._stats_lock:
                        self.stats.retries += 1
                    self._sleep(self._delay(attempt, failure.retry_after))
                continue
            except (DOINotFoundError, CrossrefHTTPError):
                self.breaker.record(True)  # an answer, if not the one hoped for: Crossref is up
                raise
            self.breaker.record(True)
            return body
        assert last is not None
        raise last

    def _check_breaker(self, last: ResolveError | None) -> None:
        if self.breaker.open:
            raise NetworkError(
                f"stopped: {self.breaker.describe()} (last error: {last or 'none'}); "
                f"check {self.base_url} or try again later"
            )

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.retry.max_retry_after)
        base = min(self.retry.backoff * float(2**attempt), self.retry.max_backoff)
        return base / 2 + random.uniform(0, base / 2)

    def _attempt(
        self, url: str, query: Mapping[str, str], limiter: ratelimit.RateLimiter
    ) -> JSONDict:
        with limiter.slot():
            with self._stats_lock:
                self.stats.requests += 1
            try:
                response = self.session.get(
                    url, params=query, headers=self._headers, timeout=self.timeout
                )
                text = response.text
            except requests.Timeout as exc:
                raise _RetryableError(
                    NetworkError(f"timed out after {self.timeout}s: {url}")
                ) from exc
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
                raise _RetryableError(NetworkError(f"connection failed: {url}: {exc}")) from exc
            except requests.RequestException as exc:
                raise NetworkError(f"request failed: {url}: {exc}") from exc
        limiter.update(response.headers)
        if limiter is not self.limiter:
            self.limiter.update(response.headers)
        return self._decode(response, text, limiter)

    def _decode(
        self, response: requests.Response, text: str, limiter: ratelimit.RateLimiter
    ) -> JSONDict:
        status = response.status_code
        url = response.url
        if status == 200:
            try:
                body = json.loads(text)
            except ValueError as exc:
                raise _RetryableError(
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
        if status == 404:
            raise DOINotFoundError("", message=f"not found: {url}")
        if status == 429:
            limiter.slow_down()
            retry_after = _retry_after(response.headers.get("Retry-After"))
            raise _RetryableError(
                RateLimitedError(
                    f"Crossref rate limit exceeded (429) at {url}",
                    url=url,
                    retry_after=retry_after,
                    body=text[:500],
                ),
                retry_after,
            )
        error = CrossrefHTTPError(
            f"Crossref answered {status}: {_failure_detail(text)}",
            status_code=status,
            url=url,
            body=text[:500],
        )
        if status in RETRY_STATUSES:
            raise _RetryableError(error, _retry_after(response.headers.get("Retry-After")))
        raise error


def _retry_after(value: str | None) -> float | None:
    """``Retry-After`` as seconds: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _failure_detail(text: str) -> str:
    """The messages of a ``validation-failure`` body, or the start of any other body."""
    try:
        body = json.loads(text)
    except ValueError:
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
            f"expected a {expected_type!r} message, got {body.get('message-type')!r}",
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
