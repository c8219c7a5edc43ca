"""Identifier schemes: DOI, PMID, PMCID, ISBN, ISSN, NCT, arXiv (extraction, normalisation, checks).

Each scheme has ``normalize_<scheme>(value) -> str`` (raises
:class:`~als_refs.errors.InvalidIdentifierError` naming the bad value and the expected form),
``find_<scheme>s(text) -> list[Identifier]`` (what was written, where, and its standard form) and
``extract_<scheme>s(text) -> list[str]`` (standard forms, in order, without repeats).
:func:`identify` finds every scheme at once; :func:`check_identifier` checks without raising.
"""

from __future__ import annotations

from als_refs.identifiers._model import Identifier, IdentifierCheck
from als_refs.identifiers.arxiv import extract_arxiv_ids, find_arxiv_ids, normalize_arxiv
from als_refs.identifiers.doi import (
    check_doi,
    display_doi,
    doi_url,
    extract_dois,
    find_dois,
    is_modern_doi,
    normalize_doi,
)
from als_refs.identifiers.isbn import (
    extract_isbns,
    find_isbns,
    isbn10_to_13,
    isbn13_to_10,
    normalize_isbn,
)
from als_refs.identifiers.issn import extract_issns, find_issns, normalize_issn
from als_refs.identifiers.nct import extract_ncts, find_ncts, normalize_nct
from als_refs.identifiers.pubmed import (
    extract_pmcids,
    extract_pmids,
    find_pmcids,
    find_pmids,
    normalize_pmcid,
    normalize_pmid,
)
from als_refs.identifiers.registry import (
    SCHEMES,
    Scheme,
    check_identifier,
    get_scheme,
    identify,
    normalize_identifier,
)

DOIMatch = Identifier

__all__ = [
    "SCHEMES",
    "DOIMatch",
    "Identifier",
    "IdentifierCheck",
    "Scheme",
    "check_doi",
    "check_identifier",
    "display_doi",
    "doi_url",
    "extract_arxiv_ids",
    "extract_dois",
    "extract_isbns",
    "extract_issns",
    "extract_ncts",
    "extract_pmcids",
    "extract_pmids",
    "find_arxiv_ids",
    "find_dois",
    "find_isbns",
    "find_issns",
    "find_ncts",
    "find_pmcids",
    "find_pmids",
    "get_scheme",
    "identify",
    "is_modern_doi",
    "isbn10_to_13",
    "isbn13_to_10",
    "normalize_arxiv",
    "normalize_doi",
    "normalize_identifier",
    "normalize_isbn",
    "normalize_issn",
    "normalize_nct",
    "normalize_pmcid",
    "normalize_pmid",
]
