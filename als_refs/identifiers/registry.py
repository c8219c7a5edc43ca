"""One handler per identifier scheme, and what works across them (as manubot's cite handlers)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from als_refs.errors import InputError
from als_refs.identifiers import arxiv, doi, isbn, issn, nct, pubmed
from als_refs.identifiers._model import Identifier, IdentifierCheck, check_with


@dataclass(frozen=True, slots=True)
class Scheme:
    """How to normalise, find and check the identifiers of one scheme."""

    name: str
    label: str
    expected: str
    normalize: Callable[[str], str]
    find: Callable[[str], list[Identifier]]

    def check(self, value: str) -> IdentifierCheck:
        if self.name == doi.SCHEME:
            return doi.check_doi(value)
        return check_with(self.name, self.normalize, value)


# In priority order: where two schemes claim overlapping text, the earlier one wins.
SCHEMES: dict[str, Scheme] = {
    scheme.name: scheme
    for scheme in (
        Scheme("doi", doi.LABEL, doi.EXPECTED, doi.normalize_doi, doi.find_dois),
        Scheme(
            "pmid",
            pubmed.PMID_LABEL,
            pubmed.PMID_EXPECTED,
            pubmed.normalize_pmid,
            pubmed.find_pmids,
        ),
        Scheme(
            "pmcid",
            pubmed.PMCID_LABEL,
            pubmed.PMCID_EXPECTED,
            pubmed.normalize_pmcid,
            pubmed.find_pmcids,
        ),
        Scheme("nct", nct.LABEL, nct.EXPECTED, nct.normalize_nct, nct.find_ncts),
        Scheme("arxiv", arxiv.LABEL, arxiv.EXPECTED, arxiv.normalize_arxiv, arxiv.find_arxiv_ids),
        Scheme("isbn", isbn.LABEL, isbn.EXPECTED, isbn.normalize_isbn, isbn.find_isbns),
        Scheme("issn", issn.LABEL, issn.EXPECTED, issn.normalize_issn, issn.find_issns),
    )
}


def get_scheme(name: str) -> Scheme:
    """The handler of scheme ``name`` (case-insensitive: 'doi', 'pmid', 'pmcid', 'nct', ...)."""
    try:
        return SCHEMES[name.strip().lower()]
    except KeyError:
        known = ", ".join(SCHEMES)
        raise InputError(f"unknown identifier scheme {name!r}: known schemes are {known}") from None


def normalize_identifier(scheme: str, value: str) -> str:
    """``value``'s standard form in ``scheme``; raises InvalidIdentifierError when it is not one."""
    return get_scheme(scheme).normalize(value)


def check_identifier(scheme: str, value: str) -> IdentifierCheck:
    return get_scheme(scheme).check(value)


def identify(text: str) -> list[Identifier]:
    """Every identifier of every scheme in ``text``, in order of position.

    A mention that overlaps one already claimed by an earlier scheme is dropped, so the ISSN-like
    '0140-6736' inside the DOI 10.1016/S0140-6736(16)30370-1 is not reported twice.
    """
    claimed: list[Identifier] = []
    for scheme in SCHEMES.values():
        found = sorted(scheme.find(text), key=_position)
        claimed = sorted(claimed + _unclaimed(found, claimed), key=_position)
    return claimed


def _position(found: Identifier) -> tuple[int, int]:
    return (found.mention_start, found.end)


def _unclaimed(found: list[Identifier], claimed: list[Identifier]) -> list[Identifier]:
    """The mentions in ``found`` that overlap none in ``claimed`` (both sorted by position)."""
    kept: list[Identifier] = []
    index = 0
    for candidate in found:
        # Skip the claimed mentions that end before this candidate starts.
        while index < len(claimed) and claimed[index].end <= candidate.mention_start:
            index += 1
        if index == len(claimed) or claimed[index].mention_start >= candidate.end:
            kept.append(candidate)
    return kept
