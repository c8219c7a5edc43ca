"""``Transport``: the only code in als-refs that talks HTTP; every registry client goes through it.

One transport holds one ``requests`` session and, per origin (scheme, host, port), one
:class:`~als_refs.transport.limits.RateLimiter` and one circuit breaker, so every request to a
host (Crossref DOI lookups and searches alike) shares one token bucket and one concurrency gate.
Each request is bounded: a total deadline for connecting and reading the whole body, a maximum
body size, ``Retry-After`` waits of at most :attr:`RetryPolicy.max_retry_after` (a longer one is a
service failure, not a stall), redirects followed only within the origin (so a token header never
travels to another host). Retries (429, 5xx, timeouts, dropped connections, bodies the client
calls truncated) back off exponentially with jitter. Every ``requests`` exception becomes an
:mod:`als_refs.errors` error.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.exceptions
from requests.structures import CaseInsensitiveDict

from als_refs.errors import NetworkError, RateLimitedError, ResolveError, ServiceHTTPError
from als_refs.transport.limits import Limits, RateLimiter

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_BODY_BYTES = 50 * 1024 * 1024
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    backoff: float = 0.5
    max_backoff: float = 30.0
    max_retry_after: float = 60.0
    """The longest ``Retry-After`` waited for; a longer one fails the request at once."""


@dataclass
class Stats:
    requests: int = 0
    retries: int = 0
    cache_hits: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, *, requests: int = 0, retries: int = 0, cache_hits: int = 0) -> None:
        with self._lock:
            self.requests += requests
            self.retries += retries
            self.cache_hits += cache_hits


@dataclass(frozen=True)
class Answer:
    """A complete HTTP answer: status, headers, the whole body and the final URL."""

    status: int
    headers: CaseInsensitiveDict[str]
    body: bytes
    url: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Retryable(Exception):  # noqa: N818 - a signal, not an error of its own
    """Raised by a decoder for a 200 answer worth asking again (a truncated body)."""

    def __init__(self, error: ResolveError, retry_after: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after


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

    def describe(self, service: str) -> str:
        failed = sum(not r for r in self._recent)
        return f"{failed} of the last {len(self._recent)} requests to {service} failed"


def origin(url: str) -> str:
    """``scheme://host:port`` of a URL (the default port spelled out)."""
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme, 0)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


def retry_after_seconds(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """``Retry-After`` as seconds (a number or an HTTP date); None when absent or garbage."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - now()
        except (TypeError, ValueError, OverflowError):
            return None
    if not math.isfinite(seconds):
        return None
    return max(seconds, 0.0)


class Transport:
    """A session with per-origin limiters and breakers, retries and bounded requests."""

    def __init__(
        self,
        session: requests.Session | None = None,
        *,
        timeout: float = 10.0,
        retry: RetryPolicy | None = None,
        max_body: int = MAX_BODY_BYTES,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.session = session if session is not None else requests.Session()
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.max_body = max_body
        self._sleep = sleep
        self._clock = clock
        self._limiters: dict[str, RateLimiter] = {}
        self._breakers: dict[str, CircuitBreaker] = {}
        self._lock = threading.Lock()

    def limiter(self, url: str, start: Limits, *, cap: Limits | None = None) -> RateLimiter:
        """The one limiter for ``url``'s origin (created from ``start`` by its first client)."""
        key = origin(url)
        with self._lock:
            if key not in self._limiters:
                self._limiters[key] = RateLimiter(start, cap=cap, sleep=self._sleep)
            return self._limiters[key]

    def breaker(self, url: str) -> CircuitBreaker:
        key = origin(url)
        with self._lock:
            return self._breakers.setdefault(key, CircuitBreaker())

    def close(self) -> None:
        self.session.close()

    def get(
        self,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        service: str,
        decode: Callable[[Answer], T],
        start: Limits,
        extra: RateLimiter | None = None,
        stats: Stats | None = None,
        error_class: type[ServiceHTTPError] = ServiceHTTPError,
    ) -> T:
        """GET with retries; ``decode`` turns the final answer (any status not retried) into T.

        ``extra`` is a second gate some requests pass first (Crossref's search pool)."""
        limiter = self.limiter(url, start)
        breaker = self.breaker(url)
        stats = stats or Stats()
        last: ResolveError | None = None
        for attempt in range(self.retry.attempts):
            self._check_breaker(breaker, service, url, last)
            try:
                with _gate(extra), limiter.slot():
                    stats.add(requests=1)
                    answer = self._fetch(url, params, headers, service)
                limiter.update(answer.headers, url=answer.url)
                if extra is not None:
                    extra.update(answer.headers, url=answer.url)
                result = decode(self._classify(answer, service, limiter, error_class))
            except Retryable as failure:
                breaker.record(False)
                last = failure.error
                self._check_breaker(breaker, service, url, last)
                if attempt + 1 < self.retry.attempts:
                    stats.add(retries=1)
                    self._wait(limiter, attempt, failure.retry_after, last)
                continue
            except ResolveError:
                breaker.record(True)  # an answer, if not the one hoped for: the service is up
                raise
            breaker.record(True)
            return result
        assert last is not None
        raise last

    # Internals --------------------------------------------------------------------------------

    def _check_breaker(
        self, breaker: CircuitBreaker, service: str, url: str, last: ResolveError | None
    ) -> None:
        if breaker.open:
            raise NetworkError(
                f"stopped: {breaker.describe(service)} (last error: {last or 'none'}); "
                f"check {origin(url)} or try again later"
            )

    def _wait(
        self, limiter: RateLimiter, attempt: int, retry_after: float | None, last: ResolveError
    ) -> None:
        if retry_after is not None:
            if retry_after > self.retry.max_retry_after:
                raise RateLimitedError(
                    f"{last.message}; asked to wait {retry_after:.0f} s (more than "
                    f"{self.retry.max_retry_after:.0f} s): giving up",
                    url=getattr(last, "url", ""),
                    retry_after=retry_after,
                )
            limiter.pause(retry_after)
            self._sleep(retry_after)
            return
        base = min(self.retry.backoff * float(2**attempt), self.retry.max_backoff)
        self._sleep(base / 2 + random.uniform(0, base / 2))

    def _fetch(
        self,
        url: str,
        params: Mapping[str, str] | None,
        headers: Mapping[str, str] | None,
        service: str,
    ) -> Answer:
        deadline = self._clock() + self.timeout
        target, query = url, dict(params or {})
        for _ in range(MAX_REDIRECTS + 1):
            answer = self._fetch_once(target, query, headers, service, deadline)
            if answer.status not in REDIRECT_STATUSES:
                return answer
            location = answer.headers.get("Location")
            if not location:
                return answer
            next_url = urljoin(answer.url, location)
            if origin(next_url) != origin(url):
                raise ServiceHTTPError(
                    f"{service} redirected {answer.url} to another origin "
                    f"({origin(next_url)}): not followed",
                    status_code=answer.status,
                    url=answer.url,
                )
            target, query = next_url, {}
        raise ServiceHTTPError(
            f"{service}: more than {MAX_REDIRECTS} redirects", status_code=answer.status, url=url
        )

    def _fetch_once(
        self,
        url: str,
        params: Mapping[str, str],
        headers: Mapping[str, str] | None,
        service: str,
        deadline: float,
    ) -> Answer:
        try:
            response = self.session.get(
                url,
                params=params,
                headers=dict(headers or {}),
                timeout=self._remaining(deadline, url),
                allow_redirects=False,
                stream=True,
            )
            with response:
                body = self._read_body(response, deadline, service)
        except requests.Timeout as exc:
            raise Retryable(NetworkError(f"timed out after {self.timeout:g} s: {url}")) from exc
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            raise Retryable(NetworkError(f"connection failed: {url}: {exc}")) from exc
        except requests.RequestException as exc:
            raise NetworkError(f"request failed: {url}: {exc}") from exc
        except urllib3.exceptions.ReadTimeoutError as exc:
            raise Retryable(NetworkError(f"timed out after {self.timeout:g} s: {url}")) from exc
        except urllib3.exceptions.HTTPError as exc:
            raise Retryable(NetworkError(f"connection failed: {url}: {exc}")) from exc
        except OSError as exc:
            raise Retryable(NetworkError(f"connection failed: {url}: {exc}")) from exc
        return Answer(response.status_code, response.headers, body, response.url or url)

    def _remaining(self, deadline: float, url: str) -> float:
        left = deadline - self._clock()
        if left <= 0:
            raise requests.Timeout(f"deadline passed: {url}")
        return left

    def _read_body(self, response: requests.Response, deadline: float, service: str) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            raise self._too_large(service, response.url)
        chunks: list[bytes] = []
        size = 0
        for chunk in _chunks(response):
            size += len(chunk)
            if size > self.max_body:
                raise self._too_large(service, response.url)
            chunks.append(chunk)
            self._remaining(deadline, response.url)
        return b"".join(chunks)

    def _too_large(self, service: str, url: str) -> ServiceHTTPError:
        limit = self.max_body / (1024 * 1024)
        return ServiceHTTPError(
            f"{service} sent an answer larger than {limit:g} MB: not read", status_code=200, url=url
        )

    def _classify(
        self,
        answer: Answer,
        service: str,
        limiter: RateLimiter,
        error_class: type[ServiceHTTPError],
    ) -> Answer:
        """Raise :class:`Retryable` for statuses worth retrying; return any other answer."""
        if answer.status == 429:
            limiter.slow_down()
            wait = retry_after_seconds(answer.headers.get("Retry-After"))
            raise Retryable(
                RateLimitedError(
                    f"{service} rate limit exceeded (429) at {answer.url}",
                    url=answer.url,
                    retry_after=wait,
                    body=answer.text[:500],
                ),
                wait,
            )
        if answer.status in RETRY_STATUSES:
            error = error_class(
                f"{service} answered {answer.status}: {answer.text[:200]!r}",
                status_code=answer.status,
                url=answer.url,
                body=answer.text[:500],
            )
            raise Retryable(error, retry_after_seconds(answer.headers.get("Retry-After")))
        return answer


def _chunks(response: requests.Response) -> Iterator[bytes]:
    """The body as it arrives: each read returns what one receive gave, so a server dripping a
    byte at a time cannot keep one read busy past the deadline."""
    raw = response.raw
    read1 = getattr(raw, "read1", None)
    if read1 is None:  # pragma: no cover - urllib3 < 2.3
        yield from response.iter_content(_CHUNK)
        return
    while True:
        chunk = read1(_CHUNK, decode_content=True)
        if not chunk:
            return
        yield chunk


@contextmanager
def _gate(limiter: RateLimiter | None) -> Iterator[None]:
    if limiter is None:
        yield
        return
    with limiter.slot():
        yield
