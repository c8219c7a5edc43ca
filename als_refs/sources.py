"""Source files: the citations one document makes, as the document gives them.

A source file is TOML, one per cited-from document, written by ``als-refs extract --format
source`` and then reviewed by a person::

    document = "seeds/000_a9e708bc8353a378.txt"
    title = "mexiletine muscle cramps ALS"

    [[citation]]
    line = 44
    kind = "reference"          # reference | trial | prose
    section = "References"      # optional; so are end_line and, for a sentence naming several
                                # works, mention = <0-based index of the work>
    text = "Rivera, I., Ajroud-Driss, S., ... (2013) Prevalence and characteristics of pain ..."

    [citation.fix]              # optional: corrections by a person (CSL keys), kept as such
    ISSN = "2167-8421"

``text`` is the citation exactly as written; ``line`` is its line in the document. Reading never
stops at a bad citation: it is reported with its place and the others are kept.
"""

from __future__ import annotations

import json
import tomllib
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from als_refs.models import CitationKind, Issue


class SourceCitation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    line: int = Field(ge=1)
    kind: CitationKind = "reference"
    text: str = Field(min_length=1)
    section: str | None = None
    end_line: int | None = None
    mention: int | None = Field(None, ge=0)
    """Prose only: which work of the sentence this is (0-based), when it names several."""
    fix: dict[str, Any] = Field(default_factory=dict)


class SourceDocument(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    document: str
    title: str | None = None
    citations: tuple[SourceCitation, ...] = ()


def parse_source(text: str, source: str) -> tuple[SourceDocument | None, list[Issue]]:
    """Read a source file; bad citations become issues, good ones are kept."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [_issue(source, None, "invalid-toml", f"invalid TOML: {exc}")]
    except RecursionError:
        return None, [_issue(source, None, "invalid-toml", "invalid TOML: nested too deeply")]
    document = data.get("document")
    if not isinstance(document, str) or not document:
        return None, [
            _issue(source, 1, "missing-document", "expected 'document = \"<path of the article>\"'")
        ]
    raw = data.get("citation", [])
    if not isinstance(raw, list):
        return None, [_issue(source, None, "invalid-citation", "expected [[citation]] tables")]
    citations: list[SourceCitation] = []
    issues: list[Issue] = []
    for index, entry in enumerate(raw, start=1):
        try:
            citations.append(SourceCitation.model_validate(entry))
        except ValueError as exc:
            line = _table_line(text, index)
            message = f"citation {index}: {_first_error(exc)}"
            issues.append(_issue(source, line, "invalid-citation", message))
    title = data.get("title") if isinstance(data.get("title"), str) else None
    return SourceDocument(document=document, title=title, citations=tuple(citations)), issues


def write_source(document: SourceDocument) -> str:
    """The TOML text of a source file (deterministic; ``parse_source`` reads it back equal)."""
    lines = [f"document = {_toml_string(document.document)}"]
    if document.title:
        lines.append(f"title = {_toml_string(document.title)}")
    for citation in document.citations:
        lines += [
            "",
            "[[citation]]",
            f"line = {citation.line}",
            f"kind = {_toml_string(citation.kind)}",
        ]
        if citation.end_line is not None:
            lines.append(f"end_line = {citation.end_line}")
        if citation.section:
            lines.append(f"section = {_toml_string(citation.section)}")
        if citation.mention is not None:
            lines.append(f"mention = {citation.mention}")
        lines.append(f"text = {_toml_string(citation.text)}")
        if citation.fix:
            lines += ["", "[citation.fix]"]
            lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in sorted(citation.fix.items())]
    return "\n".join(lines) + "\n"


def _toml_string(value: str) -> str:
    # A JSON string is a valid TOML basic string once DEL is escaped too.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_key(key: str) -> str:
    bare = key.replace("-", "").replace("_", "").isalnum() and key.isascii()
    return key if bare else _toml_string(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        pairs = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + pairs + " }" if pairs else "{}"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _table_line(text: str, index: int) -> int | None:
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() == "[[citation]]":
            seen += 1
            if seen == index:
                return number
    return None


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "citation"
        return f"{where}: {first['msg']}"
    return str(exc)


def _issue(source: str, line: int | None, code: str, message: str) -> Issue:
    return Issue(severity="error", code=code, message=message, source=source, line=line)
