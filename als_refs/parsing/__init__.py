"""Free-text references: parse one string, or extract every citation a document makes.

* :func:`parse_reference` — one reference-list entry -> :class:`~als_refs.models.Reference`.
* :func:`parse_citation` — the same for the three kinds of citation a document makes:
  ``"reference"``, ``"trial"`` (a trial listing -> CSL ``report``, genre
  ``"Clinical trial registration"``) and ``"prose"`` (a work named in a sentence -> a
  low-confidence candidate, topic words in ``note``; see :mod:`als_refs.parsing.special`).
* :func:`extract_citations` — every citation of a text, Markdown or HTML document, with its place.
* :func:`merge_duplicates` — one record per work across documents, listing every place.
"""

from __future__ import annotations

from als_refs.models import CitationKind, Location, ParseResult
from als_refs.parsing.extract import ExtractedCitation, extract_citations, html_to_text
from als_refs.parsing.merge import merge_duplicates
from als_refs.parsing.reference import expand_page_range, parse_reference
from als_refs.parsing.special import TRIAL_GENRE, parse_prose, parse_trial

__all__ = [
    "TRIAL_GENRE",
    "CitationKind",
    "ExtractedCitation",
    "expand_page_range",
    "extract_citations",
    "html_to_text",
    "merge_duplicates",
    "parse_citation",
    "parse_reference",
]


def parse_citation(
    text: str,
    kind: CitationKind = "reference",
    *,
    location: Location | None = None,
    id: str | None = None,
    mention: int | None = None,
) -> ParseResult:
    """Parse a citation of the given kind; never raises (problems come back as issues).

    ``mention`` picks, for prose, which of the works a sentence names (0-based)."""
    if kind == "trial":
        return parse_trial(text, location=location, id=id)
    if kind == "prose":
        return parse_prose(text, location=location, id=id, mention=mention)
    return parse_reference(text, location=location, id=id)
