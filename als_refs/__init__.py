"""als-refs: parse, verify and format the references of medical and scientific articles."""

from __future__ import annotations

from als_refs.errors import AlsRefsError
from als_refs.models import DateParts, Issue, Location, Name, ParseResult, Provenance, Reference

__version__ = "0.1.0"

__all__ = [
    "AlsRefsError",
    "DateParts",
    "Issue",
    "Location",
    "Name",
    "ParseResult",
    "Provenance",
    "Reference",
    "__version__",
]
