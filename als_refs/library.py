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
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from als_refs.errors import FileAccessError, InputError, StyleNotFoundError
from als_refs.fileio import atomic_write, contained, read_file_text, relative_path_problem
from als_refs.models import Issue, Location, Reference
from als_refs.sources import SourceCitation, SourceDocument, parse_source

CONFIG_NAME = "als-refs.toml"


def _relative_file(value: str) -> str:
    problem = relative_path_problem(value)
    if problem:
        raise ValueError(f"{value!r} {problem}")
    if PurePosixPath(value).name in ("", ".") or value.endswith(("/", "\\")):
        raise ValueError(f"{value!r} must name a file, not a folder")
    return value


def _relative_folder(value: str) -> str:
    problem = relative_path_problem(value)
    if problem:
        raise ValueError(f"{value!r} {problem}")
    return value


def _style_entry(value: str) -> str:
    if value.endswith(".csl") or "/" in value:
        return _relative_file(value)
    if not re.fullmatch(r"[A-Za-z0-9._-]+", value):
        raise ValueError(f"{value!r} is neither a style id nor a path to a .csl file")
    return value


RelativeFile = Annotated[str, AfterValidator(_relative_file)]
RelativeFolder = Annotated[str, AfterValidator(_relative_folder)]
StyleEntry = Annotated[str, AfterValidator(_style_entry)]
BibliographyFormat = Literal["text", "html", "markdown"]


class OutputConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    bibtex: RelativeFile | None = "references.bib"
    csl_json: RelativeFile | None = Field("references.json", alias="csl-json")
    bibtex_unicode: bool = Field(False, alias="bibtex-unicode")
    citekeys: RelativeFile = "citekeys.json"


class BibliographyConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    styles: tuple[StyleEntry, ...] = (
        "apa",
        "american-medical-association",
        "nlm-citation-sequence",
    )
    formats: tuple[BibliographyFormat, ...] = ("text", "html", "markdown")
    directory: RelativeFolder = "bibliography"
    locale: str | None = None


class CrossrefConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    mailto: str | None = None
    url: str | None = None


class PubMedConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    url: str | None = None
    email: str | None = None
    api_key: str | None = Field(None, alias="api-key")


class ClinicalTrialsConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    url: str | None = None


class LibraryConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = "references"
    sources: tuple[RelativeFolder, ...] = ("sources/*.toml",)
    lockfile: RelativeFile = "als-refs.lock.json"
    outputs: OutputConfig = OutputConfig()
    bibliography: BibliographyConfig = BibliographyConfig()
    crossref: CrossrefConfig = CrossrefConfig()
    pubmed: PubMedConfig = PubMedConfig()
    clinicaltrials: ClinicalTrialsConfig = ClinicalTrialsConfig()


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
    unread: tuple[str, ...] = field(default=())
    """Source files matched by the config of which nothing could be read."""

    @property
    def lock_path(self) -> Path:
        return self.root / self.config.lockfile


def load_config(root: Path) -> LibraryConfig:
    path = root / CONFIG_NAME
    if not root.is_dir():
        raise FileAccessError("no such library directory", source=str(root))
    if not path.is_file():
        config = LibraryConfig()
        check_layout(root, config)
        return config
    text = read_file_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"invalid TOML: {exc}", source=str(path)) from None
    except RecursionError:
        raise InputError("invalid TOML: nested too deeply", source=str(path)) from None
    try:
        config = LibraryConfig.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        raise InputError(f"{where}: {message}", source=str(path)) from None
    check_layout(root, config)
    return config


def output_names(config: LibraryConfig) -> list[tuple[str, str]]:
    """Every file ``build`` writes, relative to the library folder, with the setting naming it
    (a name twice means two outputs would share a file: :func:`check_layout` refuses that)."""
    outputs = config.outputs
    names = [(outputs.citekeys, "outputs.citekeys")]
    if outputs.bibtex:
        names.append((outputs.bibtex, "outputs.bibtex"))
    if outputs.csl_json:
        names.append((outputs.csl_json, "outputs.csl-json"))
    for (style, output), relative in _bibliography_names(config.bibliography).items():
        names.append((relative, f"bibliography ({style}, {output})"))
    return names


def check_layout(root: Path, config: LibraryConfig) -> None:
    """Every configured path stays inside ``root`` (symlinks resolved), and no two outputs, no
    output and the config or the lockfile, share a file; an :class:`InputError` otherwise."""
    config_path = str(root / CONFIG_NAME)
    seen: dict[Path, str] = {(root / CONFIG_NAME).resolve(): "the config"}
    wanted = [(config.lockfile, "lockfile")]
    wanted += output_names(config)
    wanted += [(s, "bibliography.styles") for s in config.bibliography.styles if _is_path(s)]
    for relative, setting in wanted:
        try:
            path = contained(root, relative).resolve()
        except ValueError as exc:
            raise InputError(f"{setting}: {relative!r} {exc}", source=config_path) from None
        if setting == "bibliography.styles":
            continue
        if path.is_dir():
            raise InputError(f"{setting}: {relative!r} is a folder", source=config_path)
        if path in seen:
            raise InputError(
                f"{setting}: {relative!r} is the same file as {seen[path]}", source=config_path
            )
        seen[path] = setting
    _check_no_source_overwritten(root, config, seen)


def _check_no_source_overwritten(root: Path, config: LibraryConfig, seen: dict[Path, str]) -> None:
    for path in _source_paths(root, config):
        setting = seen.get(path.resolve())
        if setting is not None and setting != "the config":
            raise InputError(
                f"{setting}: would overwrite the source {path}", source=str(root / CONFIG_NAME)
            )


def _source_paths(root: Path, config: LibraryConfig) -> list[Path]:
    return sorted({p for pattern in config.sources for p in root.glob(pattern) if p.is_file()})


def load_library(root: Path, encoding: str | None = None) -> Library:
    """Read config, sources and pinned keys; parse every citation (offline, never raises on
    a bad citation: it becomes an issue and the rest is kept). Source documents are read as
    UTF-8, or in ``encoding`` when given."""
    config = load_config(root)
    documents, issues, unread = _read_sources(root, config, encoding)
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
        unread=tuple(unread),
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
    root: Path, config: LibraryConfig, encoding: str | None = None
) -> tuple[list[tuple[str, SourceDocument]], list[Issue], list[str]]:
    """The documents read, the issues found, and the sources of which nothing was read."""
    paths = _source_paths(root, config)
    documents: list[tuple[str, SourceDocument]] = []
    issues: list[Issue] = []
    for path in paths:
        label = str(path)
        try:
            contained(root, str(path.relative_to(root)))
            text = read_file_text(path, encoding)
        except ValueError as exc:
            issues.append(
                Issue(severity="error", code="source-outside", message=str(exc), source=label)
            )
            continue
        except FileAccessError as exc:
            issues.append(_unreadable(exc, label))
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
    read = {label for label, _ in documents}
    return documents, issues, [str(path) for path in paths if str(path) not in read]


def _unreadable(exc: FileAccessError, source: str) -> Issue:
    return Issue(
        severity="error", code="file-unreadable", message=exc.message, source=source, line=exc.line
    )


def _read_pinned(path: Path, issues: list[Issue]) -> dict[str, str]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(read_file_text(path))
    except FileAccessError as exc:
        issues.append(_unreadable(exc, str(path)))
        return {}
    except (ValueError, RecursionError) as exc:
        message = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
        issues.append(
            Issue(severity="error", code="invalid-json", message=message, source=str(path))
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
    files.update(_bibliographies(library.root, library.config.bibliography, references))
    return BuildResult(files=files, references=tuple(references), issues=tuple(issues))


def write_outputs(library: Library, result: BuildResult) -> list[str]:
    """Write the files whose content changed (atomically); returns their relative paths."""
    written: list[str] = []
    for relative, content in sorted(result.files.items()):
        path = library.root / relative
        if path.is_file() and path.read_bytes() == content.encode("utf-8"):
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            contained(library.root, relative)  # again: a folder may have appeared meanwhile
        except (OSError, ValueError) as exc:
            raise FileAccessError(f"cannot write: {exc}", source=str(path)) from None
        atomic_write(path, content.encode("utf-8"))
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


def _is_path(style: str) -> bool:
    return style.endswith(".csl") or "/" in style


def _bibliography_names(
    config: BibliographyConfig,
) -> dict[tuple[str, BibliographyFormat], str]:
    """(style, format) -> the bibliography's file, relative to the library folder."""
    names: dict[tuple[str, BibliographyFormat], str] = {}
    for style in config.styles:
        stem = PurePosixPath(style).name.removesuffix(".csl") if _is_path(style) else style
        for output in config.formats:
            relative = PurePosixPath(config.directory, stem + BIBLIOGRAPHY_SUFFIXES[output])
            names[(style, output)] = relative.as_posix()
    return names


def _bibliographies(
    root: Path, config: BibliographyConfig, references: Sequence[Reference]
) -> dict[str, str]:
    from als_refs.styles import format_bibliography

    files: dict[str, str] = {}
    config_path = str(root / CONFIG_NAME)
    for (style, output), relative in _bibliography_names(config).items():
        try:
            text = format_bibliography(
                references, style=_style_argument(root, style), locale=config.locale, output=output
            )
        except StyleNotFoundError as exc:
            raise InputError(f"bibliography.styles: {exc.message}", source=config_path) from None
        files[relative] = text if text.endswith("\n") else text + "\n"
    return files


def _style_argument(root: Path, style: str) -> str:
    """A style id as is; a .csl path of the config, relative to the library, checked UTF-8."""
    if not _is_path(style):
        return style
    path = root / style
    if path.is_file():
        read_file_text(path)  # a clear error naming the byte, before the style engine reads it
    return str(path)


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
