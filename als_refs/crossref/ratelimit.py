"""Crossref's stated limits; the limiter is shared by every client (:mod:`als_refs.transport`).

Public pool: 5 requests/s, 1 at a time; polite pool: 10/s, 3 at a time; searches 1/s and 3/s.
"""

from __future__ import annotations

from als_refs.transport.limits import Limits, RateLimiter, advertised_limits

PUBLIC = Limits(rate=5.0, concurrency=1)
POLITE = Limits(rate=10.0, concurrency=3)
PUBLIC_SEARCH = Limits(rate=1.0, concurrency=1)
POLITE_SEARCH = Limits(rate=3.0, concurrency=3)

__all__ = [
    "POLITE",
    "POLITE_SEARCH",
    "PUBLIC",
    "PUBLIC_SEARCH",
    "Limits",
    "RateLimiter",
    "advertised_limits",
]
