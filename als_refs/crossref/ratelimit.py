"""Client-side limits for Crossref: a request rate and a number of requests in flight.

Crossref states its limits (public pool: 5 requests/s, 1 at a time; polite pool: 10/s, 3 at a
time; searches 1/s and 3/s) and advertises the current ones on every response in
``x-rate-limit-limit``, ``x-rate-limit-interval`` and ``x-concurrency-limit``. The limiter starts
from the stated values and then follows what the server advertises, never going above it.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

_INT = re.compile(r"\d+")
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$")


@dataclass(frozen=True)
class Limits:
    """``rate`` requests per second, at most ``concurrency`` at a time."""

    rate: float
    concurrency: int


PUBLIC = Limits(rate=5.0, concurrency=1)
POLITE = Limits(rate=10.0, concurrency=3)
PUBLIC_SEARCH = Limits(rate=1.0, concurrency=1)
POLITE_SEARCH = Limits(rate=3.0, concurrency=3)


def _smallest_int(value: str | None) -> int | None:
    """The smallest positive integer in a header value: ``"50, 50"`` -> 50, ``"junk"`` -> None."""
    if not value:
        return None
    numbers = [int(n) for n in _INT.findall(value) if int(n) > 0]
    return min(numbers) if numbers else None


def _interval_seconds(value: str | None) -> float | None:
    """``"1s"`` -> 1.0, ``"500ms"`` -> 0.5; several comma-separated values -> the longest."""
    if not value:
        return None
    seconds: list[float] = []
    for part in value.split(","):
        match = _INTERVAL.match(part)
        if not match:
            continue
        amount = float(match.group(1))
        unit = match.group(2) or "s"
        factor = {"ms": 0.001, "s": 1.0, "m": 60.0}[unit]
        if amount > 0:
            seconds.append(amount * factor)
    return max(seconds) if seconds else None


def advertised_limits(headers: Mapping[str, str]) -> Limits | None:
    """The limits a response advertises, or None when its headers do not say (or say nonsense)."""
    lowered = {k.lower(): v for k, v in headers.items()}
    limit = _smallest_int(lowered.get("x-rate-limit-limit"))
    interval = _interval_seconds(lowered.get("x-rate-limit-interval"))
    concurrency = _smallest_int(lowered.get("x-concurrency-limit"))
    if limit is None and concurrency is None:
        return None
    rate = limit / (interval or 1.0) if limit is not None else float("inf")
    return Limits(rate=rate, concurrency=concurrency or 1)


class RateLimiter:
    """Spaces request starts ``1/rate`` apart and caps requests in flight (thread-safe)."""

    def __init__(
        self,
        limits: Limits,
        *,
        cap: Limits | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._cap = cap
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

    def update(self, headers: Mapping[str, str]) -> None:
        """Follow the limits a response advertises (unchanged when it advertises none)."""
        advertised = advertised_limits(headers)
        if advertised is None:
            return
        with self._condition:
            self._limits = self._capped(advertised)
            self._probing = False
            self._condition.notify_all()

    def slow_down(self) -> None:
        """Halve the rate after a 429, so a retry storm does not make things worse."""
        with self._condition:
            self._limits = Limits(max(self._limits.rate / 2, 0.2), self._limits.concurrency)

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
