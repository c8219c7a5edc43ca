"""Resolve 500 DOIs against the local Crossref server (50 ms per request): als-refs versus a
one-request-per-DOI client (habanero, installed only for this benchmark).

    python benchmarks/resolve_bench.py [--dois 500] [--latency 0.05]

The server advertises Crossref's polite-pool limits (10 requests/s, 3 at a time); als-refs
follows them, habanero sends its requests one after the other without a limiter. Prints the
requests each client made and its wall time, and the ratios.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import requests  # noqa: E402

from als_refs.crossref.client import CrossrefClient  # noqa: E402
from als_refs.models import Reference  # noqa: E402
from als_refs.resolve import resolve_references  # noqa: E402
from tests.crossref.server import CrossrefServer, load_works  # noqa: E402

MAILTO = "bench@example.org"


def synthetic_works(count: int) -> list[dict[str, Any]]:
    """``count`` works shaped like the fixtures, under the 10.5555 test prefix."""
    template = load_works()[0]
    works = []
    for number in range(count):
        work = copy.deepcopy(template)
        work["DOI"] = f"10.5555/als-refs.bench.{number:04d}"
        work["title"] = [f"Benchmark work number {number}"]
        works.append(work)
    return works


def run_als_refs(server: CrossrefServer, dois: list[str]) -> tuple[int, float, int]:
    server.reset_counters()
    with requests.Session() as session:
        session.trust_env = False
        client = CrossrefClient(session=session, base_url=server.url, mailto=MAILTO)
        references = [Reference(id=f"ref{i}", doi=doi) for i, doi in enumerate(dois)]
        started = time.perf_counter()
        results = resolve_references(references, client)
        elapsed = time.perf_counter() - started
    return server.requests, elapsed, sum(r.status == "verified" for r in results)


def run_habanero(server: CrossrefServer, dois: list[str]) -> tuple[int, float, int]:
    from habanero import Crossref

    server.reset_counters()
    crossref = Crossref(base_url=server.url, mailto=MAILTO)
    started = time.perf_counter()
    found = 0
    for doi in dois:
        answer = crossref.works(ids=doi)
        found += isinstance(answer, dict) and answer.get("message-type") == "work"
    elapsed = time.perf_counter() - started
    return server.requests, elapsed, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dois", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    works = synthetic_works(args.dois)
    server = CrossrefServer(works).start()
    server.latency = args.latency
    server.rate_limit_limit = "10"
    server.concurrency_limit = "3"
    dois = [w["DOI"] for w in works]
    try:
        ours = run_als_refs(server, dois)
        theirs = run_habanero(server, dois)
    finally:
        server.stop()
    figures = {
        "dois": args.dois,
        "latency_s": args.latency,
        "als_refs": {"requests": ours[0], "wall_s": round(ours[1], 2), "found": ours[2]},
        "habanero": {"requests": theirs[0], "wall_s": round(theirs[1], 2), "found": theirs[2]},
        "request_ratio": round(theirs[0] / max(ours[0], 1), 1),
        "time_ratio": round(theirs[1] / max(ours[1], 1e-9), 1),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"{args.dois} DOIs, {args.latency * 1000:.0f} ms per request")
    print(f"  als-refs : {ours[0]:4d} requests, {ours[1]:6.2f} s, {ours[2]} found")
    print(f"  habanero : {theirs[0]:4d} requests, {theirs[1]:6.2f} s, {theirs[2]} found")
    print(
        f"  habanero / als-refs: {figures['request_ratio']}x the requests, "
        f"{figures['time_ratio']}x the time"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
