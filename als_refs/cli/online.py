"""What ``als-refs resolve`` and ``als-refs check`` share: Crossref options, the client built from
them (the CLI is the only place that reads the environment), progress, and report formats."""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Sequence
from typing import Any

from als_refs.cache import ResponseCache
from als_refs.clinicaltrials.client import DEFAULT_BASE_URL as TRIALS_URL
from als_refs.clinicaltrials.client import ClinicalTrialsClient
from als_refs.crossref.client import DEFAULT_BASE_URL, CrossrefClient, RetryPolicy
from als_refs.doiproxy import DEFAULT_BASE_URL as DOI_PROXY_URL
from als_refs.doiproxy import DoiProxyClient
from als_refs.models import Issue
from als_refs.pubmed.client import DEFAULT_BASE_URL as PUBMED_URL
from als_refs.pubmed.client import PubMedClient
from als_refs.resolve import Resolution, summary
from als_refs.sources_resolve import SourceResolver

ENV_URL = "ALS_REFS_CROSSREF_URL"
ENV_DOI_URL = "ALS_REFS_DOI_URL"
ENV_PUBMED_URL = "ALS_REFS_PUBMED_URL"
ENV_TRIALS_URL = "ALS_REFS_CLINICALTRIALS_URL"
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
    group.add_argument(
        "--doi-url",
        metavar="URL",
        help=f"DOI proxy that expands shortDOIs (env {ENV_DOI_URL}; default {DOI_PROXY_URL})",
    )
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


def add_source_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("PubMed and ClinicalTrials.gov (used when a URL is set)")
    group.add_argument(
        "--pubmed-url",
        metavar="URL",
        help=f"E-utilities base URL, e.g. {PUBMED_URL} (env {ENV_PUBMED_URL})",
    )
    group.add_argument("--pubmed-api-key", metavar="KEY", help="NCBI API key (10 requests/s)")
    group.add_argument(
        "--clinicaltrials-url",
        metavar="URL",
        help=f"ClinicalTrials.gov base URL without /api/v2, e.g. {TRIALS_URL} "
        f"(env {ENV_TRIALS_URL})",
    )


def make_source_resolver(
    args: argparse.Namespace,
    client: CrossrefClient,
    *,
    pubmed_url: str | None = None,
    pubmed_email: str | None = None,
    pubmed_key: str | None = None,
    trials_url: str | None = None,
) -> SourceResolver | None:
    """PubMed and the trial registry on the Crossref client's transport (one limiter per host)."""
    pubmed_base = args.pubmed_url or os.environ.get(ENV_PUBMED_URL) or pubmed_url
    trials_base = args.clinicaltrials_url or os.environ.get(ENV_TRIALS_URL) or trials_url
    if not pubmed_base and not trials_base:
        return None
    pubmed = None
    if pubmed_base:
        pubmed = PubMedClient(
            transport=client.transport,
            base_url=pubmed_base,
            email=client.mailto or pubmed_email,
            api_key=args.pubmed_api_key or pubmed_key,
            cache=client.cache,
            offline=client.offline,
            refresh=client.refresh,
        )
    trials = None
    if trials_base:
        trials = ClinicalTrialsClient(
            transport=client.transport,
            base_url=trials_base,
            cache=client.cache,
            offline=client.offline,
            refresh=client.refresh,
        )
    return SourceResolver(pubmed=pubmed, trials=trials)


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


def make_proxy(args: argparse.Namespace, client: CrossrefClient) -> DoiProxyClient:
    """doi.org's handle API (for shortDOIs) on the Crossref client's transport and cache."""
    return DoiProxyClient.beside(client, args.doi_url or os.environ.get(ENV_DOI_URL))


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
