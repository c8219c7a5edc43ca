"""``als-refs resolve [DIR]``: fill and update the library's Crossref lockfile (online)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from als_refs.cli import online as cli_support
from als_refs.cli.common import EXIT_NETWORK, EXIT_USAGE, report
from als_refs.cli.progress import progress
from als_refs.fileio import folder_lock
from als_refs.lockfile import build_lock, load_lock, write_lock
from als_refs.resolve import resolve_references, service_failed

HELP = "verify the library's DOIs and find missing ones on Crossref; update the lockfile"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "resolve",
        help=HELP,
        description=HELP + ". Cited DOIs are verified and compared with what they register; "
        "references without a DOI get one only when the search match is certain. "
        "Exit codes: 0 ok, 1 errors found, 2 usage or unreadable sources, 3 Crossref unreachable.",
    )
    parser.add_argument(
        "directory", nargs="?", default="references", help="library directory (default: references)"
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--refresh", action="store_true", help="fetch again, ignoring the cache")
    mode.add_argument("--offline", action="store_true", help="use only the response cache")
    cli_support.add_crossref_options(parser)
    cli_support.add_source_options(parser)
    cli_support.add_report_options(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:

    root = Path(args.directory)
    with folder_lock(root, on_wait=lambda: print(f"als-refs: waiting for {root}", file=sys.stderr)):
        return _resolve(root, args)


def _resolve(root: Path, args: argparse.Namespace) -> int:
    from als_refs.library import load_library

    started = time.monotonic()
    library = load_library(root)
    if library.unread:
        # A source that cannot be read would drop its entries from the lockfile: write nothing.
        report(i for i in library.issues if i.source in library.unread)
        names = ", ".join(library.unread)
        print(f"als-refs: cannot read {names}; lockfile not written", file=sys.stderr)
        return EXIT_USAGE
    references = [*library.references, *library.candidates]
    client = cli_support.make_client(
        args,
        config_url=library.config.crossref.url,
        config_mailto=library.config.crossref.mailto,
        offline=args.offline,
        refresh=args.refresh,
    )
    with progress("resolving on Crossref", report_format=args.report_format) as update:
        proxy = cli_support.make_proxy(args, client)
        results = resolve_references(references, client, progress=update, proxy=proxy)
    others = cli_support.make_source_resolver(
        args,
        client,
        pubmed_url=library.config.pubmed.url,
        pubmed_email=library.config.pubmed.email,
        pubmed_key=library.config.pubmed.api_key,
        trials_url=library.config.clinicaltrials.url,
    )
    found = {r.reference.id: r.doi for r in results if r.status == "found-by-search" and r.doi}
    sourced = others.resolve(references, found) if others else []
    previous = load_lock(library.lock_path)
    changed = write_lock(library.lock_path, build_lock(results, previous, sourced))
    issues = sorted(
        [*(i for r in results for i in r.issues), *(i for s in sourced for i in s.issues)],
        key=lambda i: (i.source or "", i.line or 0, i.code),
    )
    line = cli_support.summary_line(results, client, started)
    extra = {"summary": line, "lockfile": str(library.lock_path), "lockfile-changed": changed}
    sys.stdout.write(cli_support.render_report(issues, args.report_format, extra))
    if args.report_format != "json":
        state = "updated" if changed else "unchanged"
        print(f"{library.lock_path}: {state}; {line}", file=sys.stderr)
    failed = [
        name
        for name, down in (
            ("Crossref", service_failed(results)),
            ("PubMed or ClinicalTrials.gov", any(s.service_failed for s in sourced)),
        )
        if down
    ]
    if failed:
        print(
            f"als-refs: {' and '.join(failed)} could not be reached for some references",
            file=sys.stderr,
        )
        return EXIT_NETWORK
    return cli_support.exit_code(issues, strict=args.strict)
