"""Client-side limits per host: one request rate and one number of requests in flight.

Registries state their limits (Crossref: 5 requests/s and 1 at a time in the public pool, 10/s and
3 in the polite pool; E-utilities: 3/s without a key, 10/s with one; ClinicalTrials.gov: none
published) and Crossref advertises the current ones on every response in ``x-rate-limit-limit``,
``x-rate-limit-interval`` and ``x-concurrency-limit``. A :class:`RateLimiter` starts from the
stated values and then follows what the server advertises, with a safety margin, never above it.
An advertised rate slower than :data:`SLOWEST_RATE` is not a limit to obey but a service failure:
waiting on it would stall the run for hours.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from als_refs.errors import RateLimitedError

_INT = re.compile(r"^\s*(\d{1,9})\s*$")
_INTERVAL = re.compile(r"^\s*(\d{1,12}(?:\.\d{1,6})?)\s*(ms|s|m|h)?\s*$")
_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}
SAFETY_MARGIN = 0.8
"""Fraction of an advertised rate actually used: clocks and networks jitter."""
SLOWEST_RATE = 0.1
"""Requests per second below which an advertised limit is treated as a service failure."""


@dataclass(frozen=True)
class Limits:
    """``rate`` requests per second, at most ``concurrency`` at a time."""

    rate: float
    concurrency: int


def _smallest_int(value: str | None) -> int | None:
    """The smallest positive integer of a header value: ``"50, 50"`` -> 50, ``"junk"`` -> None."""
    if not value:
        return None
    numbers = [int(m.group(1)) for part in value.split(",") if (m := _INT.match(part))]
    positive = [n for n in numbers if n > 0]
    return min(positive) if positive else None


def _interval_seconds(value: str | None) -> float | None:
    """``"1s"`` -> 1.0, ``"500ms"`` -> 0.5; several comma-separated values -> the longest."""
    if not value:
        return None
    seconds: list[float] = []
    for part in value.split(","):
        match = _INTERVAL.match(part)
        if not match:
            continue
        amount = float(match.group(1)) * _UNIT_SECONDS[match.group(2) or "s"]
        if amount > 0 and math.isfinite(amount):
            seconds.append(amount)
    return max(seconds) if seconds else None


def advertised_limits(headers: Mapping[str, str]) -> Limits | None:
    """The limits a response advertises, or None when its headers do not say (or say nonsense)."""
    lowered = {k.lower(): v for k, v in headers.items()}
    limit = _smallest_int(lowered.get("x-rate-limit-limit"))
    interval = _interval_seconds(lowered.get("x-rate-limit-interval"))
    concurrency = _smallest_int(lowered.get("x-concurrency-limit"))
    if limit is None and concurrency is None:
        return None
    rate = limit / (interval or 1.0) if limit is not None else math.inf
    return Limits(rate=rate, concurrency=concurrency or 1)


class RateLimiter:
    """Spaces request starts ``1/rate`` apart and caps requests in flight (thread-safe).

    ``cap`` is the most this client may ever use (the stated limits of a pool); what a server
    advertises is followed below it, times :data:`SAFETY_MARGIN`.
    """

    def __init__(
        self,
        limits: Limits,
        *,
        cap: Limits | None = None,
        margin: float = SAFETY_MARGIN,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._cap = cap
        self._margin = margin
        self._limits = self._capped(limits)
        self._clock = clock
        self._sleep = sleep
        self._condition = threading.Condition()
        self._in_flight = 0
        self._next_start = 0.0
        # One request at a time until the server has told us its limits: the stated ones may be
        # above what it advertises today.
        self._probing = True
        self.max_in_flight = 0

    @property
    def limits(self) -> Limits:
        return self._limits

    def _capped(self, limits: Limits) -> Limits:
        if self._cap is None:
            return limits
        return Limits(
            rate=min(limits.rate, self._cap.rate),
            concurrency=min(limits.concurrency, self._cap.concurrency),
        )

    def update(self, headers: Mapping[str, str], *, url: str = "") -> None:
        """Follow the limits a response advertises (unchanged when it advertises none).

        Raises :class:`RateLimitedError` when the advertised rate is too slow to be waited for."""
        advertised = advertised_limits(headers)
        if advertised is None:
            return
        if advertised.rate < SLOWEST_RATE:
            raise RateLimitedError(
                f"the service advertises {1 / advertised.rate:.3g} s per request (slower than "
                f"1 per {1 / SLOWEST_RATE:.0f} s): treated as a service failure",
                url=url,
            )
        used = Limits(advertised.rate * self._margin, advertised.concurrency)
        with self._condition:
            self._limits = self._capped(used)
            self._probing = False
            self._condition.notify_all()

    def slow_down(self) -> None:
        """Halve the rate after a 429, so a retry storm does not make things worse."""
        with self._condition:
            slower = max(self._limits.rate / 2, SLOWEST_RATE)
            self._limits = Limits(slower, self._limits.concurrency)

    def pause(self, seconds: float) -> None:
        """No request starts for ``seconds`` (a ``Retry-After`` applies to the whole host)."""
        with self._condition:
            self._next_start = max(self._next_start, self._clock() + seconds)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one of the concurrency slots, starting no sooner than the rate allows."""
        with self._condition:
            while self._in_flight >= (1 if self._probing else self._limits.concurrency):
                self._condition.wait()
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
            now = self._clock()
            start = max(now, self._next_start)
            self._next_start = start + 1.0 / self._limits.rate
        try:
            if start > now:
                self._sleep(start - now)
            yield
        finally:
            with self._condition:
                self._in_flight -= 1
                self._condition.notify()
