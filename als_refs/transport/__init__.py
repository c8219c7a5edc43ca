"""One HTTP layer for every registry client: session, per-host limiter, retries, bounds, cache."""

from als_refs.transport.http import Answer, Retryable, RetryPolicy, Stats, Transport
from als_refs.transport.limits import Limits, RateLimiter, advertised_limits
from als_refs.transport.registry import FetchInfo, RegistryClient

__all__ = [
    "Answer",
    "FetchInfo",
    "Limits",
    "RateLimiter",
    "RegistryClient",
    "RetryPolicy",
    "Retryable",
    "Stats",
    "Transport",
    "advertised_limits",
]
