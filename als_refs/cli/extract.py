"""``als-refs extract DOC...``: every citation the documents make, as records or source files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from als_refs.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    OUTPUT_FORMATS,
    read_text,
    render_records,
    report,
    write_text,
)
from als_refs.cli.progress import progress
from als_refs.models import Issue, Reference
from als_refs.parsing import ExtractedCitation, extract_citations, merge_duplicates
from als_refs.sources import SourceCitation, SourceDocument, write_source

HELP = "find every citation in documents (text, Markdown, HTML)"
DESCRIPTION = """\
Find every citation the documents make: reference-list entries, trial listings and works named
in prose (as candidates), each with its line.

  --format csl-json|bibtex|jsonl   the records (duplicates across documents merged), to stdout,
                                   or one file per document in --output-dir
  --format source                  the source file (TOML) of each document: the citations as
                                   written, which references/sources/*.toml are made from
"""
_SUFFIX = {"csl-json": ".json", "bibtex": ".bib", "jsonl": ".jsonl", "source": ".toml"}
_FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "extract",
        help=HELP,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("documents", nargs="+", metavar="DOC", help="documents to read")
    parser.add_argument(
        "--format",
        "-f",
        dest="output_format",
        choices=(*OUTPUT_FORMATS, "source"),
        default="csl-json",
    )
    parser.add_argument("--output-dir", "-o", type=Path, help="write one file per document here")
    parser.add_argument(
        "--document-root",
        type=Path,
        help="record document paths relative to this directory (source format)",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="print parse warnings too")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    if args.output_format == "source" and len(args.documents) > 1 and args.output_dir is None:
        print(
            "als-refs: --format source with several documents needs --output-dir", file=sys.stderr
        )
        return EXIT_USAGE
    if args.output_dir is not None:
        clash = _shared_output(args.documents, _SUFFIX[args.output_format])
        if clash:
            print(f"als-refs: {clash}: two documents, one output file", file=sys.stderr)
            return EXIT_USAGE
        args.output_dir.mkdir(parents=True, exist_ok=True)
    all_references: list[Reference] = []
    issues: list[Issue] = []
    with progress("extracting citations") as update:
        for done, path in enumerate(args.documents, start=1):
            _extract_one(path, args, all_references, issues)
            if update:
                update(done, len(args.documents))
    report(i for i in issues if args.verbose or i.severity == "error")
    if args.output_dir is None and args.output_format != "source":
        sys.stdout.write(render_records(merge_duplicates(all_references), args.output_format))
    return EXIT_OK


def _extract_one(
    path: str, args: argparse.Namespace, all_references: list[Reference], issues: list[Issue]
) -> None:
    text = read_text(path)
    citations = extract_citations(text, document=path, fmt=_format_of(path))
    issues.extend(i for c in citations for i in c.result.issues)
    output = _render(path, text, citations, args)
    if args.output_dir is not None:
        write_text(args.output_dir / (Path(path).stem + _SUFFIX[args.output_format]), output)
    elif args.output_format == "source":
        sys.stdout.write(output)
    all_references.extend(c.result.reference for c in citations if c.result.reference)


def _shared_output(documents: list[str], suffix: str) -> str | None:
    """The first output name two documents would both write (``a/x.txt`` and ``b/x.md``)."""
    seen: dict[str, str] = {}
    for path in documents:
        name = Path(path).stem + suffix
        if name in seen and seen[name] != path:
            return f"{seen[name]} and {path} both give {name}"
        seen[name] = path
    return None


def _render(
    path: str, text: str, citations: list[ExtractedCitation], args: argparse.Namespace
) -> str:
    if args.output_format == "source":
        return write_source(source_document(path, text, citations, args.document_root))
    references = [c.result.reference for c in citations if c.result.reference]
    return render_records(merge_duplicates(references), args.output_format)


def source_document(
    path: str, text: str, citations: list[ExtractedCitation], root: Path | None = None
) -> SourceDocument:
    """The source file of one document: each citation's line, kind, section and text."""
    document = path
    if root is not None:
        try:
            document = Path(path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            document = path
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    entries = tuple(
        SourceCitation(
            line=c.line,
            kind=c.kind,
            text=c.text,
            section=c.section,
            end_line=c.end_line if c.end_line != c.line else None,
            mention=c.mention,
        )
        for c in citations
    )
    return SourceDocument(document=document, title=title, citations=entries)


def _format_of(path: str) -> Any:
    return _FORMATS.get(Path(path).suffix.lower())
