"""A reference library on disk: sources in, deterministic outputs out.

Layout of a library directory (``references/`` in this project)::

    als-refs.toml            configuration (see :class:`LibraryConfig`)
    sources/*.toml           the citations each document makes, as written (als_refs.sources)
    als-refs.lock.json       registered metadata from Crossref (``als-refs resolve``), optional
    citekeys.json            pinned citation keys: once assigned, a key never changes
    references.bib           generated
    references.json          generated (CSL-JSON)
    bibliography/<style>.*   generated bibliographies

:func:`load_library` reads; :func:`build_outputs` is pure (same inputs, same bytes: no timestamps);
:func:`write_outputs` and :func:`stale_outputs` are the two ways the CLI uses it.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from als_refs.errors import FileAccessError, InputError
from als_refs.models import Issue, Location, Reference
from als_refs.sources import SourceCitation, SourceDocument, parse_source

CONFIG_NAME = "als-refs.toml"


class OutputConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    bibtex: str | None = "references.bib"
    csl_json: str | None = Field("references.json", alias="csl-json")
    bibtex_unicode: bool = Field(False, alias="bibtex-unicode")
    citekeys: str = "citekeys.json"


class BibliographyConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    styles: tuple[str, ...] = ("apa", "american-medical-association", "nlm-citation-sequence")
    formats: tuple[str, ...] = ("text", "html", "markdown")
    directory: str = "bibliography"
    locale: str | None = None


class CrossrefConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    mailto: str | None = None
    url: str | None = None


class LibraryConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = "references"
    sources: tuple[str, ...] = ("sources/*.toml",)
    lockfile: str = "als-refs.lock.json"
    outputs: OutputConfig = OutputConfig()
    bibliography: BibliographyConfig = BibliographyConfig()
    crossref: CrossrefConfig = CrossrefConfig()


@dataclass(frozen=True)
class Library:
    """A loaded library: its config, its source documents and the records they cite."""

    root: Path
    config: LibraryConfig
    documents: tuple[tuple[str, SourceDocument], ...]
    references: tuple[Reference, ...]
    candidates: tuple[Reference, ...]
    pinned_keys: Mapping[str, str]
    issues: tuple[Issue, ...] = field(default=())

    @property
    def lock_path(self) -> Path:
        return self.root / self.config.lockfile


def load_config(root: Path) -> LibraryConfig:
    path = root / CONFIG_NAME
    if not root.is_dir():
        raise FileAccessError("no such library directory", source=str(root))
    if not path.is_file():
        return LibraryConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"invalid TOML: {exc}", source=str(path)) from None
    try:
        return LibraryConfig.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{where}: {first['msg']}", source=str(path)) from None


def load_library(root: Path) -> Library:
    """Read config, sources and pinned keys; parse every citation (offline, never raises on
    a bad citation: it becomes an issue and the rest is kept)."""
    config = load_config(root)
    documents, issues = _read_sources(root, config)
    references: list[Reference] = []
    candidates: list[Reference] = []
    for source_path, document in documents:
        for citation in document.citations:
            reference, citation_issues = parse_source_citation(document, citation, source_path)
            issues.extend(citation_issues)
            if reference is not None:
                (candidates if reference.provenance.candidate else references).append(reference)
    pinned = _read_pinned(root / config.outputs.citekeys, issues)
    merged, merge_issues = _merge(references)
    issues.extend(merge_issues)
    return Library(
        root=root,
        config=config,
        documents=tuple(documents),
        references=tuple(merged),
        candidates=tuple(candidates),
        pinned_keys=pinned,
        issues=tuple(issues),
    )


def parse_source_citation(
    document: SourceDocument, citation: SourceCitation, source_path: str
) -> tuple[Reference | None, list[Issue]]:
    """Parse one citation as written, then apply a person's fixes (origin ``person``).

    A citation that yields no record at all is an error of the source file."""
    from als_refs.parsing import parse_citation

    location = Location(
        document=document.document,
        line=citation.line,
        end_line=citation.end_line,
        section=citation.section,
        kind=citation.kind,
        raw=citation.text,
    )
    result = parse_citation(
        citation.text, citation.kind, location=location, mention=citation.mention
    )
    issues = [i.model_copy(update={"source": document.document}) for i in result.issues]
    reference = result.reference
    if reference is None:
        issues = [i.model_copy(update={"severity": "error", "source": source_path}) for i in issues]
        return None, issues
    if citation.fix:
        try:
            reference = reference.with_fields("person", **_fix_fields(citation.fix))
        except (ValidationError, ValueError) as exc:
            issues.append(
                Issue(
                    severity="error",
                    code="invalid-fix",
                    message=f"citation at line {citation.line}: bad fix: {exc}",
                    source=source_path,
                )
            )
    return reference, issues


def _fix_fields(fix: Mapping[str, Any]) -> dict[str, Any]:
    """Fix tables use CSL keys; turn them into model field names."""
    names: dict[str, Any] = {}
    by_alias = {(info.alias or name): name for name, info in Reference.model_fields.items()}
    for key, value in fix.items():
        names[by_alias.get(key, key)] = value
    return names


def _merge(references: Sequence[Reference]) -> tuple[list[Reference], list[Issue]]:
    from als_refs.parsing.merge import merge_references

    return merge_references(list(references))


def _read_sources(
    root: Path, config: LibraryConfig
) -> tuple[list[tuple[str, SourceDocument]], list[Issue]]:
    paths = sorted({p for pattern in config.sources for p in root.glob(pattern) if p.is_file()})
    documents: list[tuple[str, SourceDocument]] = []
    issues: list[Issue] = []
    for path in paths:
        label = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            issues.append(
                Issue(severity="error", code="file-unreadable", message=str(exc), source=label)
            )
            continue
        document, source_issues = parse_source(text, label)
        issues.extend(source_issues)
        if document is not None:
            documents.append((label, document))
    if not paths:
        issues.append(
            Issue(
                severity="warning",
                code="no-sources",
                message=f"no source files match {', '.join(config.sources)}",
                source=str(root),
            )
        )
    return documents, issues


def _read_pinned(path: Path, issues: list[Issue]) -> dict[str, str]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        issues.append(
            Issue(severity="error", code="invalid-json", message=str(exc), source=str(path))
        )
        return {}
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        issues.append(
            Issue(
                severity="error",
                code="invalid-citekeys",
                message='expected a JSON object {"<fingerprint>": "<citekey>"}',
                source=str(path),
            )
        )
        return {}
    return {str(k): v for k, v in data.items()}


BIBLIOGRAPHY_SUFFIXES = {"text": ".txt", "html": ".html", "markdown": ".md"}


@dataclass(frozen=True)
class BuildResult:
    """Every output file's relative path and content, the records written, and the issues."""

    files: Mapping[str, str]
    references: tuple[Reference, ...]
    issues: tuple[Issue, ...]


def final_references(library: Library) -> tuple[list[Reference], dict[str, str], list[Issue]]:
    """Cited records merged with registered metadata (lockfile), keyed, in citation order.

    Prose candidates are left out unless the lockfile resolved them to a DOI: a candidate is
    evidence of a citation, not yet a reference."""
    from als_refs.citekeys import assign_citekeys

    issues: list[Issue] = []
    records = list(library.references) + list(library.candidates)
    if library.lock_path.is_file():
        records, lock_issues = _apply_lock(library, records)
        issues += lock_issues
    kept = [r for r in records if not r.provenance.candidate or r.doi]
    kept.sort(key=_citation_order)
    keyed, pinned = assign_citekeys(kept, library.pinned_keys)
    return keyed, pinned, issues


def build_outputs(library: Library) -> BuildResult:
    references, pinned, issues = final_references(library)
    outputs = library.config.outputs
    files: dict[str, str] = {outputs.citekeys: json.dumps(pinned, indent=2, sort_keys=True) + "\n"}
    if outputs.bibtex:
        from als_refs.formats import bibtex

        files[outputs.bibtex] = bibtex.write_string(references, unicode=outputs.bibtex_unicode)
    if outputs.csl_json:
        from als_refs.formats import csljson

        files[outputs.csl_json] = csljson.write_string(references)
    files.update(_bibliographies(library.config.bibliography, references))
    return BuildResult(files=files, references=tuple(references), issues=tuple(issues))


def write_outputs(library: Library, result: BuildResult) -> list[str]:
    """Write the files whose content changed (atomically); returns their relative paths."""
    written: list[str] = []
    for relative, content in sorted(result.files.items()):
        path = library.root / relative
        if path.is_file() and path.read_bytes() == content.encode("utf-8"):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(content.encode("utf-8"))
        temporary.replace(path)
        written.append(relative)
    return written


def stale_outputs(library: Library, result: BuildResult | None = None) -> list[str]:
    """Outputs that are missing or differ from what the inputs produce."""
    result = result or build_outputs(library)
    stale = []
    for relative, content in sorted(result.files.items()):
        path = library.root / relative
        if not path.is_file() or path.read_bytes() != content.encode("utf-8"):
            stale.append(relative)
    return stale


def _bibliographies(config: BibliographyConfig, references: Sequence[Reference]) -> dict[str, str]:
    if not config.styles:
        return {}
    from als_refs.styles import format_bibliography

    files: dict[str, str] = {}
    for style in config.styles:
        for output in config.formats:
            suffix = BIBLIOGRAPHY_SUFFIXES[output]
            text = format_bibliography(references, style=style, locale=config.locale, output=output)  # type: ignore[arg-type]
            files[f"{config.directory}/{style}{suffix}"] = (
                text if text.endswith("\n") else text + "\n"
            )
    return files


def _apply_lock(library: Library, records: list[Reference]) -> tuple[list[Reference], list[Issue]]:
    from als_refs.lockfile import apply_lock, load_lock

    lock = load_lock(library.lock_path)
    merged = apply_lock(records, lock)
    return list(merged.references), list(merged.issues)


def _citation_order(reference: Reference) -> tuple[str, int, str]:
    first = reference.provenance.first
    if first is None:
        return ("~", 0, reference.id)
    return (first.document or "~", first.line or 0, reference.id)
