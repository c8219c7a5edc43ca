"""Identifier schemes: DOI, PMID, PMCID, ISBN, ISSN, NCT, arXiv (extraction, normalisation, checks)."""

from __future__ import annotations

from als_refs.identifiers.doi import doi_url, extract_dois, normalize_doi

__all__ = ["doi_url", "extract_dois", "normalize_doi"]
