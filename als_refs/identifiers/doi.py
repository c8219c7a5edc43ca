"""DOIs: find them in text, normalise them (lower case, no resolver prefix), check their syntax."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from als_refs.errors import InvalidDOIError

EXPECTED = "'10.<4-9 digits>/<suffix>', e.g. '10.1212/WNL.0000000000002507'"
_PREFIXES = re.compile(
    r"^\s*(?:doi\s*:\s*|https?://(?:dx\.)?doi\.org/|(?:dx\.)?doi\.org/)", re.IGNORECASE
)
# Crossref's recommended pattern for modern DOIs.
_MODERN = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Z0-9]+$", re.IGNORECASE)
_ANY = re.compile(r"^10\.\d{4,9}/\S+$")
_IN_TEXT = re.compile(r"10\.\d{4,9}/[^\s\"'<>]+", re.IGNORECASE)


def normalize_doi(value: str) -> str:
    """The standard form of a DOI: no ``doi:``/resolver prefix, percent-decoded, lower case."""
    text = unquote(_PREFIXES.sub("", value.strip())).strip()
    if not _ANY.match(text):
        raise InvalidDOIError("DOI", value, EXPECTED)
    return text.lower()


def is_modern_doi(doi: str) -> bool:
    return bool(_MODERN.match(doi))


def doi_url(doi: str) -> str:
    return "https://doi.org/" + quote(normalize_doi(doi), safe="/")


def extract_dois(text: str) -> list[str]:
    """Every DOI in ``text``, in order of appearance, in standard form, without repeats."""
    seen: dict[str, None] = {}
    for match in _IN_TEXT.finditer(unquote(text)):
        doi = match.group(0).rstrip(".,;:")
        seen.setdefault(doi.lower(), None)
    return list(seen)
