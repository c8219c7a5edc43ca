"""What every registry client shares: the transport, the response cache and where answers came from.

Cache keys carry the client's base URL, so answers from different servers (a mirror, a test
server) never mix in one cache. Offline, a key missing from the cache is a :class:`NetworkError`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from als_refs.cache import ResponseCache
from als_refs.errors import NetworkError, ServiceHTTPError
from als_refs.transport.http import Answer, Retryable, Stats, Transport
from als_refs.transport.limits import Limits


@dataclass(frozen=True)
class FetchInfo:
    """Where and when an answer came from (from the cache: when it was first fetched)."""

    url: str
    fetched_at: float


class RegistryClient:
    """Base of the Crossref, PubMed and ClinicalTrials.gov clients."""

    service = "registry"

    def __init__(
        self,
        *,
        transport: Transport,
        base_url: str,
        cache: ResponseCache | None = None,
        offline: bool = False,
        refresh: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.transport = transport
        self.base_url = base_url.rstrip("/")
        self.cache = cache
        self.offline = offline
        self.refresh = refresh
        self.stats = Stats()
        self._clock = clock
        self._fetched: dict[str, FetchInfo] = {}

    def close(self) -> None:
        self.transport.close()

    def info(self, key: str) -> FetchInfo | None:
        """Where and when the answer stored under ``key`` was fetched, once it has been."""
        return self._fetched.get(key)

    def _cached(self, key: str) -> Any:
        if self.cache is None or self.refresh:
            if self.offline:
                raise NetworkError(f"offline and {key!r} is not in the cache (no cache configured)")
            return None
        entry = self.cache.get(self._cache_key(key))
        if entry is not None:
            self.stats.add(cache_hits=1)
            self._fetched[key] = FetchInfo(entry.url, entry.fetched_at)
            return entry.value
        if self.offline:
            raise NetworkError(f"offline and {key!r} is not in the cache: run without --offline")
        return None

    def _cache_key(self, key: str) -> str:
        return f"{self.base_url} {key}"

    def _store(self, key: str, value: Any, url: str) -> None:
        if self.cache is not None:
            entry = self.cache.put(self._cache_key(key), value, url=url)
            self._fetched[key] = FetchInfo(url, entry.fetched_at)
        else:
            self._fetched[key] = FetchInfo(url, self._clock())


class PacedRegistryClient(RegistryClient):
    """A registry client held to one pace for its base URL (``limits``, by default the class's
    ``default_limits``): the services that advertise no limit of their own."""

    default_limits = Limits(rate=1.0, concurrency=1)
    default_base_url = ""

    def __init__(
        self,
        *,
        transport: Transport,
        base_url: str | None = None,
        limits: Limits | None = None,
        cache: ResponseCache | None = None,
        offline: bool = False,
        refresh: bool = False,
    ) -> None:
        super().__init__(
            transport=transport,
            base_url=base_url or self.default_base_url,
            cache=cache,
            offline=offline,
            refresh=refresh,
        )
        self.limits = limits or self.default_limits
        transport.limiter(self.base_url, self.limits, cap=self.limits)

    def _get_cached(
        self, key: str, url: str, params: dict[str, str], decode: Callable[[Answer], Any]
    ) -> Any:
        """The answer stored under ``key``; else fetched as JSON at the client's pace, decoded
        and stored."""
        data = self._cached(key)
        if data is None:
            data = self.transport.get(
                url,
                params=params,
                headers={"Accept": "application/json", "User-Agent": "als-refs"},
                service=self.service,
                decode=decode,
                start=self.limits,
                stats=self.stats,
            )
            self._store(key, data, url)
        return data


def json_answer(answer: Answer, service: str, ok: Collection[int] = (200,)) -> Any:
    """The JSON of an answer whose status is one of ``ok``; another status is a
    :class:`ServiceHTTPError`, a body that is not JSON a retried one (a cut-off answer)."""
    if answer.status not in ok:
        raise ServiceHTTPError(
            f"{service} answered {answer.status}: {answer.text[:200]!r}",
            status_code=answer.status,
            url=answer.url,
            body=answer.text[:500],
        )
    try:
        return json.loads(answer.text)
    except (ValueError, RecursionError) as exc:
        error = ServiceHTTPError(
            f"invalid JSON from {service} ({exc})", status_code=answer.status, url=answer.url
        )
        raise Retryable(error) from None
