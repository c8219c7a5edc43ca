"""``als-refs check [DIR|FILE...]``: validate references for CI.

Offline it checks DOI syntax, duplicates (one DOI under two keys, or one work twice), the
lockfile's consistency and that a library's built outputs are current. ``--online`` also
resolves every DOI on Crossref and compares the registered metadata with the cited one.
Exit codes: 0 no errors, 1 errors (or warnings with ``--strict``), 2 usage or a file of which
no entry could be read (invalid JSON, ...), 3 Crossref unreachable, 4 internal error.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from als_refs.cli import online as cli_support
from als_refs.cli.common import EXIT_NETWORK, EXIT_USAGE, read_text
from als_refs.crossref.matching import family, fold, title_similarity
from als_refs.identifiers.doi import is_modern_doi
from als_refs.identifiers.registry import check_identifier
from als_refs.models import Issue, Location, Reference
from als_refs.resolve import resolve_references, service_failed

HELP = "check DOIs, duplicates, the lockfile and stale outputs (for CI); --online verifies DOIs"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help=HELP,
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="DIR|FILE",
        help="library directory, .bib or CSL-JSON files (default: references)",
    )
    parser.add_argument("--online", action="store_true", help="resolve every DOI on Crossref")
    cli_support.add_crossref_options(parser)
    cli_support.add_source_options(parser)
    cli_support.add_report_options(parser)
    parser.set_defaults(handler=handle)


@dataclass
class Inputs:
    references: list[tuple[str, Reference]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    crossref_url: str | None = None
    mailto: str | None = None
    unreadable: list[str] = field(default_factory=list)
    """Files of which no entry could be read (invalid JSON, ...): an input error, exit 2."""


def handle(args: argparse.Namespace) -> int:
    started = time.monotonic()
    inputs = Inputs()
    for path in args.paths or ["references"]:
        _read(Path(path), inputs)
    issues = list(inputs.issues)
    references = [r for _, r in inputs.references]
    issues += doi_syntax_issues(inputs.references)
    issues += identifier_issues(inputs.references)
    issues += duplicate_issues(inputs.references)
    extra: dict[str, Any] = {"references": len(references)}
    failed = False
    if args.online:
        client = cli_support.make_client(
            args, config_url=inputs.crossref_url, config_mailto=inputs.mailto
        )
        with_doi = [r for r in references if r.doi]
        results = resolve_references(
            with_doi, client, search=False, progress=cli_support.progress_bar()
        )
        issues += [i for r in results for i in r.issues]
        failed = service_failed(results)
        others = cli_support.make_source_resolver(args, client)
        if others is not None:
            sourced = others.resolve(references)
            issues += [i for s in sourced for i in s.issues]
            failed = failed or any(s.service_failed for s in sourced)
        extra["summary"] = cli_support.summary_line(results, client, started)
    issues.sort(key=lambda i: (i.source or "", i.line or 0, i.code, i.message))
    sys.stdout.write(cli_support.render_report(issues, args.report_format, extra))
    if args.report_format == "text":
        counts = {s: sum(i.severity == s for i in issues) for s in ("error", "warning", "info")}
        print(
            f"{len(references)} references checked: {counts['error']} errors, "
            f"{counts['warning']} warnings"
            + (f"; {extra['summary']}" if "summary" in extra else ""),
            file=sys.stderr,
        )
    if inputs.unreadable:
        print(
            f"als-refs: no entry could be read from {', '.join(inputs.unreadable)}", file=sys.stderr
        )
        return EXIT_USAGE
    if failed:
        print("als-refs: Crossref could not be reached", file=sys.stderr)
        return EXIT_NETWORK
    return cli_support.exit_code(issues, strict=args.strict)


def _read(path: Path, inputs: Inputs) -> None:
    if path.is_dir():
        _read_library(path, inputs)
        return
    from als_refs.formats import get_format

    reader = get_format(filename=path)
    text = read_text(path)
    result = reader.parse_string(text, source=str(path))
    inputs.issues += [
        i if i.source else i.model_copy(update={"source": str(path)}) for i in result.issues
    ]
    inputs.references += [(str(path), _located(r, text, str(path))) for r in result.references]
    if not result.references and any(i.severity == "error" for i in result.issues):
        inputs.unreadable.append(str(path))


def _located(reference: Reference, text: str, source: str) -> Reference:
    """The reference with its file and line, found from its key when the reader gave none."""
    if reference.provenance.first is not None and reference.provenance.first.line is not None:
        return reference
    key = re.escape(reference.id)
    pattern = re.compile(rf"@\w+\s*[{{(]\s*{key}\s*,|\"id\"\s*:\s*\"?{key}\"?\s*[,}}\n]")
    match = pattern.search(text)
    line = text.count("\n", 0, match.start()) + 1 if match else None
    location = Location(document=source, line=line)
    provenance = reference.provenance.model_copy(update={"locations": (location,)})
    return reference.model_copy(update={"provenance": provenance})


def _read_library(root: Path, inputs: Inputs) -> None:
    from als_refs.library import load_library, stale_outputs
    from als_refs.lockfile import check_lock, load_lock

    library = load_library(root)
    inputs.issues += library.issues
    inputs.references += [(str(root), r) for r in library.references]
    inputs.crossref_url = inputs.crossref_url or library.config.crossref.url
    inputs.mailto = inputs.mailto or library.config.crossref.mailto
    lock_path = library.lock_path
    if lock_path.is_file():
        locked = [*library.references, *library.candidates]
        inputs.issues += check_lock(locked, load_lock(lock_path), str(lock_path))
    for relative in stale_outputs(library):
        inputs.issues.append(
            Issue(
                severity="error",
                code="stale-output",
                message=f"{relative} is not current: run 'als-refs build {root}'",
                source=str(root / relative),
            )
        )


def _place(source: str, reference: Reference) -> dict[str, Any]:
    first = reference.provenance.first
    if first is not None and (first.document or first.line is not None):
        return {"source": first.document or source, "line": first.line}
    return {"source": source, "line": None}


def doi_syntax_issues(references: Sequence[tuple[str, Reference]]) -> list[Issue]:
    """DOIs outside Crossref's modern pattern (legal, but often a copy-paste accident)."""
    issues = []
    for source, reference in references:
        if reference.doi and not is_modern_doi(reference.doi):
            issues.append(
                Issue(
                    severity="warning",
                    code="doi-legacy-form",
                    message=f"{reference.id}: DOI {reference.doi!r} does not match Crossref's "
                    "modern pattern '10.<4-9 digits>/[-._;()/:a-z0-9]+': check it",
                    field="doi",
                    **_place(source, reference),
                )
            )
    return issues


# Field -> (scheme, separators between several values in one field).
_IDENTIFIER_FIELDS = {
    "isbn": ("isbn", r"[,;]\s*"),
    "issn": ("issn", r"[,;\s]+"),
    "pmid": ("pmid", r"[,;\s]+"),
    "pmcid": ("pmcid", r"[,;\s]+"),
}


def identifier_issues(references: Sequence[tuple[str, Reference]]) -> list[Issue]:
    """ISBN, ISSN, PMID, PMCID and trial ids with a wrong form or check digit (errors)."""
    issues = []
    for source, reference in references:
        values = [
            (f, v)
            for f, (scheme, sep) in _IDENTIFIER_FIELDS.items()
            for v in re.split(sep, getattr(reference, f) or "")
            if v
        ]
        values += [("trial_ids", v) for v in reference.trial_ids]
        for field_name, value in values:
            scheme = _IDENTIFIER_FIELDS.get(field_name, ("nct", ""))[0]
            verdict = check_identifier(scheme, value)
            if not verdict.valid:
                issues.append(
                    Issue(
                        severity="error",
                        code=f"{scheme}-invalid",
                        message=f"{reference.id}: {verdict.message}",
                        field=field_name,
                        **_place(source, reference),
                    )
                )
    return issues


def _same_work(a: Reference, b: Reference) -> bool:
    if not a.title or not b.title or a.year != b.year:
        return False
    return family(a) == family(b) and title_similarity(a.title, b.title) >= 0.95


def duplicate_issues(references: Sequence[tuple[str, Reference]]) -> list[Issue]:
    """The same DOI under two keys (error), or the same work twice without a shared DOI."""
    issues: list[Issue] = []
    by_doi: dict[str, tuple[str, Reference]] = {}
    for source, reference in references:
        if not reference.doi:
            continue
        if reference.doi in by_doi and by_doi[reference.doi][1].id != reference.id:
            first = by_doi[reference.doi][1]
            issues.append(
                Issue(
                    severity="error",
                    code="duplicate-doi",
                    message=f"DOI {reference.doi} is cited under two keys: {first.id!r} and "
                    f"{reference.id!r}",
                    field="doi",
                    **_place(source, reference),
                )
            )
        else:
            by_doi.setdefault(reference.doi, (source, reference))
    for index, (source, reference) in enumerate(references):
        for _, earlier in references[:index]:
            if earlier.id == reference.id or (reference.doi and reference.doi == earlier.doi):
                continue
            if reference.doi and earlier.doi:
                continue  # two DOIs: two registered works
            if _same_work(earlier, reference):
                issues.append(
                    Issue(
                        severity="warning",
                        code="duplicate-work",
                        message=f"{reference.id!r} looks like the same work as {earlier.id!r} "
                        f"({fold(reference.title)[:60]!r}, {reference.year})",
                        **_place(source, reference),
                    )
                )
                break
    return issues
