"""What ``als-refs resolve`` and ``als-refs check`` share: Crossref options, the client built from
them (the CLI is the only place that reads the environment), progress, and report formats."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from als_refs.cache import ResponseCache
from als_refs.crossref.client import DEFAULT_BASE_URL, CrossrefClient, RetryPolicy
from als_refs.models import Issue
from als_refs.resolve import Resolution, summary

ENV_URL = "ALS_REFS_CROSSREF_URL"
ENV_MAILTO = "ALS_REFS_MAILTO"
ENV_CACHE = "ALS_REFS_CACHE_DIR"
REPORT_FORMATS = ("text", "json", "github")


def add_crossref_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("Crossref")
    group.add_argument(
        "--crossref-url",
        metavar="URL",
        help=f"Crossref REST API base URL (env {ENV_URL}; default {DEFAULT_BASE_URL})",
    )
    group.add_argument(
        "--mailto",
        metavar="EMAIL",
        help=f"contact address for Crossref's polite pool (env {ENV_MAILTO})",
    )
    group.add_argument("--token", metavar="TOKEN", help="Crossref Plus API token")
    group.add_argument("--timeout", type=float, default=10.0, help="seconds per request (10)")
    group.add_argument(
        "--retries", type=int, default=4, help="retries of a failed request (4; 429/5xx/network)"
    )
    group.add_argument(
        "--cache-dir", metavar="DIR", help=f"response cache directory (env {ENV_CACHE})"
    )
    group.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    group.add_argument(
        "--max-age",
        type=float,
        metavar="SECONDS",
        help="cached answers older than this are fetched again",
    )


def add_report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=REPORT_FORMATS,
        default="text",
        dest="report_format",
        help="text (default), json (machine-readable) or github (workflow annotations)",
    )
    parser.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")


def make_client(
    args: argparse.Namespace,
    *,
    config_url: str | None = None,
    config_mailto: str | None = None,
    offline: bool = False,
    refresh: bool = False,
) -> CrossrefClient:
    base_url = args.crossref_url or os.environ.get(ENV_URL) or config_url or DEFAULT_BASE_URL
    mailto = args.mailto or os.environ.get(ENV_MAILTO) or config_mailto
    cache: ResponseCache | None = None
    if not args.no_cache:
        directory = args.cache_dir or os.environ.get(ENV_CACHE)
        cache = ResponseCache(directory, max_age=args.max_age)
    return CrossrefClient(
        base_url=base_url,
        mailto=mailto,
        token=args.token,
        timeout=args.timeout,
        retry=RetryPolicy(attempts=max(args.retries, 0) + 1),
        cache=cache,
        offline=offline,
        refresh=refresh,
    )


def progress_bar(stream: TextIO | None = None) -> Callable[[int, int], None] | None:
    """A one-line progress bar when attached to a terminal (and not in CI); None otherwise."""
    out = stream or sys.stderr
    if not out.isatty() or os.environ.get("CI"):
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        out.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total}")
        if done == total:
            out.write("\n")
        out.flush()

    return show


def summary_line(results: Sequence[Resolution], client: CrossrefClient, started: float) -> str:
    counts = summary(results)
    labels = [
        ("verified", "verified"),
        ("mismatch", "DOI of another work"),
        ("found-by-search", "found by search"),
        ("no-confident-match", "no confident match"),
        ("not-found", "not found"),
        ("not-crossref", "not Crossref"),
        ("error", "errors"),
    ]
    parts = ", ".join(f"{counts[key]} {label}" for key, label in labels)
    elapsed = time.monotonic() - started
    return (
        f"{len(results)} references: {parts}; {client.stats.requests} requests "
        f"({client.stats.cache_hits} from cache) in {elapsed:.1f} s"
    )


def exit_code(issues: Sequence[Issue], *, strict: bool) -> int:
    failing = {"error", "warning"} if strict else {"error"}
    return 1 if any(i.severity in failing for i in issues) else 0


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(issue: Issue) -> str:
    """A workflow command: ``::error file=refs.bib,line=12,title=doi-not-found::message``."""
    command = {"error": "error", "warning": "warning", "info": "notice"}[issue.severity]
    properties = []
    if issue.source:
        properties.append(f"file={_escape_property(issue.source)}")
    if issue.line is not None:
        properties.append(f"line={issue.line}")
    properties.append(f"title={_escape_property(issue.code)}")
    return f"::{command} {','.join(properties)}::{_escape_data(issue.message)}"


def render_report(
    issues: Sequence[Issue],
    report_format: str,
    extra: dict[str, Any] | None = None,
) -> str:
    if report_format == "json":
        counts = {s: sum(i.severity == s for i in issues) for s in ("error", "warning", "info")}
        data = {"issues": [i.model_dump(mode="json", exclude_none=True) for i in issues]}
        data["counts"] = counts  # type: ignore[assignment]
        data.update(extra or {})
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if report_format == "github":
        return "".join(github_line(i) + "\n" for i in issues)
    return "".join(str(i) + "\n" for i in issues)
