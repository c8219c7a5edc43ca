"""Format registry: find a reader/writer by name or by file suffix.

Every format converts to and from :class:`als_refs.models.Reference` (the hub), never to another
format directly. A format module exposes ``NAME``, ``SUFFIXES``, ``parse_string(text, source=None)
-> ReadResult`` and ``write_string(references) -> str``.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Protocol, cast

from pydantic import BaseModel, ConfigDict

from als_refs.errors import UnknownFormatError
from als_refs.models import Issue, Reference


class ReadResult(BaseModel):
    """What a reader got from one input: the good records and an issue for each bad block."""

    model_config = ConfigDict(frozen=True)

    references: tuple[Reference, ...] = ()
    issues: tuple[Issue, ...] = ()

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == "error")


class Format(Protocol):
    NAME: str
    SUFFIXES: tuple[str, ...]

    def parse_string(self, text: str, source: str | None = None) -> ReadResult: ...

    def write_string(self, references: Sequence[Reference]) -> str: ...


_MODULES = {
    "csl-json": "als_refs.formats.csljson",
    "jsonl": "als_refs.formats.jsonl",
    "bibtex": "als_refs.formats.bibtex",
    "ris": "als_refs.formats.ris",
    "medline": "als_refs.formats.medline",
}
_ALIASES = {
    "json": "csl-json",
    "csl": "csl-json",
    "bib": "bibtex",
    "csljson": "csl-json",
    "nbib": "medline",
    "pubmed": "medline",
}


def format_names() -> list[str]:
    return sorted(_MODULES)


def get_format(name: str | None = None, filename: str | Path | None = None) -> Format:
    """The format called ``name``, or the one whose suffix ``filename`` has."""
    if (name is None) == (filename is None):
        raise TypeError("Provided both name and filename, or neither. Only one should be provided.")
    if name is not None:
        key = _ALIASES.get(name.lower(), name.lower())
        if key not in _MODULES:
            raise UnknownFormatError(
                f"unknown format {name!r}: expected one of {', '.join(format_names())}"
            )
        return _load(key)
    suffix = Path(str(filename)).suffix.lower()
    for key in _MODULES:
        module = _load(key)
        if suffix in module.SUFFIXES:
            return module
    known = sorted(s for key in _MODULES for s in _load(key).SUFFIXES)
    raise UnknownFormatError(
        f"cannot tell the format of {str(filename)!r} from its suffix {suffix or '(none)'!r}: "
        f"expected one of {', '.join(known)}",
        source=str(filename),
    )


def _load(key: str) -> Format:
    module: ModuleType = importlib.import_module(_MODULES[key])
    return cast(Format, module)
