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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from als_refs.cli import online as cli_support
from als_refs.cli.common import EXIT_NETWORK, EXIT_USAGE, add_encoding_option, read_text
from als_refs.cli.progress import progress
from als_refs.comparison import family, first_page, fold, title_similarity
from als_refs.identifiers.doi import is_modern_doi, is_short_doi
from als_refs.identifiers.isbn import split_isbn_field
from als_refs.identifiers.issn import split_issn_field
from als_refs.identifiers.registry import check_identifier
from als_refs.library import PubMedConfig
from als_refs.models import Issue, Location, Reference
from als_refs.parsing.merge import agree as _agree
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
        help="library directory, .bib, CSL-JSON, .ris or .nbib files (default: references)",
    )
    parser.add_argument("--online", action="store_true", help="resolve every DOI on Crossref")
    cli_support.add_crossref_options(parser)
    cli_support.add_source_options(parser)
    cli_support.add_report_options(parser)
    add_encoding_option(parser)
    parser.set_defaults(handler=handle)


@dataclass
class Inputs:
    references: list[tuple[str, Reference]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    crossref_url: str | None = None
    mailto: str | None = None
    pubmed: PubMedConfig | None = None
    clinicaltrials_url: str | None = None
    unreadable: list[str] = field(default_factory=list)
    """Files of which no entry could be read (invalid JSON, ...): an input error, exit 2."""


def handle(args: argparse.Namespace) -> int:
    started = time.monotonic()
    inputs = Inputs()
    paths = args.paths or ["references"]
    syntax = doi_syntax_issues if not args.online else partial(doi_syntax_issues, online=True)
    checks = (syntax, identifier_issues, duplicate_issues)
    stages = len(paths) + len(checks)
    with progress("checking", report_format=args.report_format) as update:
        for done, path in enumerate(paths, start=1):
            _read(Path(path), inputs, args.encoding)
            if update:
                update(done, stages)
        issues = list(inputs.issues)
        for done, stage in enumerate(checks, start=len(paths) + 1):
            issues += stage(inputs.references)
            if update:
                update(done, stages)
    references = [r for _, r in inputs.references]
    extra: dict[str, Any] = {"references": len(references)}
    failed = False
    if args.online:
        client = cli_support.make_client(
            args, config_url=inputs.crossref_url, config_mailto=inputs.mailto
        )
        with_doi = [r for r in references if r.doi]
        with progress("verifying DOIs", report_format=args.report_format) as update:
            proxy = cli_support.make_proxy(args, client)
            results = resolve_references(
                with_doi, client, search=False, progress=update, proxy=proxy
            )
        issues += [i for r in results for i in r.issues]
        failed = service_failed(results)
        pubmed = inputs.pubmed or PubMedConfig()
        others = cli_support.make_source_resolver(
            args,
            client,
            pubmed_url=pubmed.url,
            pubmed_email=pubmed.email,
            pubmed_key=pubmed.api_key,
            trials_url=inputs.clinicaltrials_url,
        )
        if others is not None:
            sourced = others.resolve(references)
            issues += [i for s in sourced for i in s.issues]
            failed = failed or any(s.service_failed for s in sourced)
        extra["summary"] = cli_support.summary_line(results, client, started)
    # Offline (lockfile) and online findings can coincide: report each once.
    issues = list({(i.source, i.line, i.code, i.message): i for i in issues}.values())
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


def _read(path: Path, inputs: Inputs, encoding: str | None = None) -> None:
    if path.is_dir():
        _read_library(path, inputs, encoding)
        return
    from als_refs.formats import get_format

    reader = get_format(filename=path)
    text = read_text(path, encoding)
    result = reader.parse_string(text, source=str(path))
    inputs.issues += [
        i if i.source else i.model_copy(update={"source": str(path)}) for i in result.issues
    ]
    lines = key_lines(text)
    inputs.references += [(str(path), _located(r, lines, str(path))) for r in result.references]
    if not result.references and any(i.severity == "error" for i in result.issues):
        inputs.unreadable.append(str(path))


_KEY = re.compile(r"@\w+\s*[{(]\s*([^,\s{}()]+)\s*,|\"id\"\s*:\s*\"?([^\",}\n]+?)\"?\s*[,}\n]")


def key_lines(text: str) -> dict[str, int]:
    """Every BibTeX key and CSL-JSON id with the line it starts at, in one pass over the text."""
    lines: dict[str, int] = {}
    line, position = 1, 0
    for match in _KEY.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.setdefault(match.group(1) or match.group(2), line)
    return lines


def _located(reference: Reference, lines: dict[str, int], source: str) -> Reference:
    """The reference with its file and line, found from its key when the reader gave none."""
    if reference.provenance.first is not None and reference.provenance.first.line is not None:
        return reference
    location = Location(document=source, line=lines.get(reference.id))
    provenance = reference.provenance.model_copy(update={"locations": (location,)})
    return reference.model_copy(update={"provenance": provenance})


def _read_library(root: Path, inputs: Inputs, encoding: str | None = None) -> None:
    from als_refs.library import build_outputs, load_library, stale_outputs
    from als_refs.lockfile import check_lock, load_lock

    library = load_library(root, encoding=encoding)
    inputs.issues += library.issues
    inputs.references += [(str(root), r) for r in library.references]
    inputs.crossref_url = inputs.crossref_url or library.config.crossref.url
    inputs.mailto = inputs.mailto or library.config.crossref.mailto
    inputs.pubmed = inputs.pubmed or library.config.pubmed
    inputs.clinicaltrials_url = inputs.clinicaltrials_url or library.config.clinicaltrials.url
    lock_path = library.lock_path
    if lock_path.is_file():
        locked = [*library.references, *library.candidates]
        inputs.issues += check_lock(locked, load_lock(lock_path), str(lock_path))
    built = build_outputs(library)
    inputs.issues += built.issues  # what the lockfile says about each reference, offline
    for relative in stale_outputs(library, built):
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


def doi_syntax_issues(
    references: Sequence[tuple[str, Reference]], *, online: bool = False
) -> list[Issue]:
    """DOIs outside Crossref's modern pattern (legal, but often a copy-paste accident), and,
    offline, shortDOIs (only a lookup tells which DOI they name)."""
    issues = []
    for source, reference in references:
        if reference.doi and is_short_doi(reference.doi):
            if not online:
                issues.append(_short_doi_note(source, reference))
        elif reference.doi and not is_modern_doi(reference.doi):
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


def _short_doi_note(source: str, reference: Reference) -> Issue:
    return Issue(
        severity="info",
        code="short-doi",
        message=f"{reference.id}: DOI {reference.doi!r} is a shortDOI: "
        "`check --online` verifies the DOI it names",
        field="doi",
        **_place(source, reference),
    )


def _split(separators: str) -> Callable[[str], list[str]]:
    return lambda text: [v for v in re.split(separators, text) if v]


# Field -> (scheme, how to read several values, with qualifiers, out of one field).
_IDENTIFIER_FIELDS: dict[str, tuple[str, Callable[[str], list[str]]]] = {
    "isbn": ("isbn", split_isbn_field),
    "issn": ("issn", split_issn_field),
    "pmid": ("pmid", _split(r"[,;\s]+")),
    "pmcid": ("pmcid", _split(r"[,;\s]+")),
}


def identifier_issues(references: Sequence[tuple[str, Reference]]) -> list[Issue]:
    """ISBN, ISSN, PMID, PMCID and trial ids with a wrong form or check digit (errors)."""
    issues = []
    for source, reference in references:
        values = [
            (f, v)
            for f, (_, split) in _IDENTIFIER_FIELDS.items()
            for v in split(getattr(reference, f) or "")
        ]
        values += [("trial_ids", v) for v in reference.trial_ids]
        for field_name, value in values:
            scheme = (
                _IDENTIFIER_FIELDS[field_name][0] if field_name in _IDENTIFIER_FIELDS else "nct"
            )
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


def _title_key(reference: Reference) -> tuple[str, int, str] | None:
    """The blocking key of a record without a shared DOI: its normalised title, year and first
    author (a duplicate agrees on all three)."""
    if not reference.title or reference.year is None:
        return None
    return fold(reference.title)[:120], reference.year, family(reference) or ""


def _numbers_differ(a: Reference, b: Reference) -> bool:
    """Volume, issue or first page tell two items apart (a recurring 'Treasurer's report')."""
    for name in ("volume", "issue"):
        mine, theirs = getattr(a, name), getattr(b, name)
        if mine and theirs and fold(mine) != fold(theirs):
            return True
    pages = first_page(a), first_page(b)
    return bool(pages[0] and pages[1] and pages[0] != pages[1])


def _same_work(a: Reference, b: Reference) -> bool:
    if not a.title or not b.title or a.year != b.year or _numbers_differ(a, b):
        return False
    return family(a) == family(b) and title_similarity(a.title, b.title) >= 0.95


def duplicate_issues(references: Sequence[tuple[str, Reference]]) -> list[Issue]:
    """The same DOI under two keys (error), or the same work twice without a shared DOI
    (warning). Linear: records are compared only within a block (one DOI; one normalised title
    and year), and records whose volume, issue or pages differ are different items."""
    issues: list[Issue] = []
    by_doi: dict[str, tuple[str, Reference]] = {}
    for source, reference in references:
        if not reference.doi:
            continue
        if reference.doi in by_doi and by_doi[reference.doi][1].id != reference.id:
            first_source, first = by_doi[reference.doi]
            if not _agree(first, reference):
                issues += [
                    _shared_doi(reference, other, source)
                    for reference, other, source in (
                        (first, reference, first_source),
                        (reference, first, source),
                    )
                ]
                continue
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
    blocks: dict[tuple[str, int, str], _Block] = {}
    for source, reference in references:
        key = _title_key(reference)
        if key is None:
            continue
        block = blocks.setdefault(key, _Block())
        earlier = next((e for e in block.rivals(reference) if _duplicate_of(e, reference)), None)
        block.add(reference)
        if earlier is not None:
            issues.append(
                Issue(
                    severity="warning",
                    code="duplicate-work",
                    message=f"{reference.id!r} looks like the same work as {earlier.id!r} "
                    f"({fold(reference.title)[:60]!r}, {reference.year})",
                    **_place(source, reference),
                )
            )
    return issues


def _shared_doi(reference: Reference, other: Reference, source: str) -> Issue:
    return Issue(
        severity="error",
        code="doi-shared-by-different-works",
        message=f"{reference.id}: DOI {reference.doi} is also given to {other.id!r}, a different "
        "work: at most one of them has the right DOI",
        field="doi",
        **_place(source, reference),
    )


def _numbers(reference: Reference) -> tuple[str, str, str] | None:
    """Volume, issue and first page when all three are given."""
    page = first_page(reference)
    if reference.volume and reference.issue and page:
        return fold(reference.volume), fold(reference.issue), page
    return None


class _Block:
    """Records of one title and year, indexed by their numbers: a record with volume, issue
    and page can only duplicate one with the same numbers or one that lacks some."""

    def __init__(self) -> None:
        self.by_numbers: dict[tuple[str, str, str], list[Reference]] = {}
        self.partial: list[Reference] = []

    def rivals(self, reference: Reference) -> Iterator[Reference]:
        numbers = _numbers(reference)
        if numbers is None:
            for group in self.by_numbers.values():
                yield from group
        else:
            yield from self.by_numbers.get(numbers, [])
        yield from self.partial

    def add(self, reference: Reference) -> None:
        numbers = _numbers(reference)
        if numbers is None:
            self.partial.append(reference)
        else:
            self.by_numbers.setdefault(numbers, []).append(reference)


def _duplicate_of(earlier: Reference, reference: Reference) -> bool:
    if earlier.id == reference.id or (reference.doi and reference.doi == earlier.doi):
        return False
    if reference.doi and earlier.doi:
        return False  # two DOIs: two registered works
    return _same_work(earlier, reference)
