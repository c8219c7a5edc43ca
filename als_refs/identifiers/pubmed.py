"""PubMed ids (PMID) and PubMed Central ids (PMCID)."""

from __future__ import annotations

import re

from als_refs.errors import InvalidIdentifierError
from als_refs.identifiers._model import Identifier, unique_standards

PMID_LABEL = "PMID"
PMID_EXPECTED = "1 to 8 digits, e.g. '26994119' or 'PMID: 26994119'"
PMCID_LABEL = "PMCID"
PMCID_EXPECTED = "'PMC' and 1 to 9 digits, e.g. 'PMC4931014'"

_PMID_PREFIX = re.compile(
    r"^(?:(?:https?://)?(?:pubmed\.ncbi\.nlm\.nih\.gov/|(?:www\.)?ncbi\.nlm\.nih\.gov/pubmed/)"
    r"|(?:pmid|pubmed(?:\s*id)?)\s*[:=]?\s*)",
    re.IGNORECASE | re.ASCII,
)
_PMID_IN_TEXT = re.compile(
    r"(?:\b(?:PMID|PubMed(?:\s*ID)?)\s*[:=]?\s*"
    r"|pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)"
    r"(\d{1,8})(?!\d)",
    re.IGNORECASE | re.ASCII,
)
_PMCID_PREFIX = re.compile(r"^pmcid\s*[:=]?\s*", re.IGNORECASE | re.ASCII)
_PMCID = re.compile(r"^PMC\s?(\d{1,9})$", re.IGNORECASE | re.ASCII)
_PMCID_IN_TEXT = re.compile(r"(?:\bPMCID\s*[:=]?\s*)?\b(PMC\s?\d{1,9})\b", re.IGNORECASE | re.ASCII)


def normalize_pmid(value: str) -> str:
    """The PMID as a plain number: label and PubMed URL dropped, no leading zeros.

    >>> normalize_pmid("PMID: 26994119")
    '26994119'
    """
    text = _PMID_PREFIX.sub("", value.strip(), count=1).rstrip("/").strip()
    if not text.isascii() or not text.isdigit():
        raise InvalidIdentifierError(PMID_LABEL, value, PMID_EXPECTED, reason="not a number")
    number = text.lstrip("0")
    if not number:
        raise InvalidIdentifierError(PMID_LABEL, value, PMID_EXPECTED, reason="zero")
    if len(number) > 8:
        reason = f"{len(number)} digits"
        raise InvalidIdentifierError(PMID_LABEL, value, PMID_EXPECTED, reason=reason)
    return number


def find_pmids(text: str) -> list[Identifier]:
    """PMIDs written with their label ("PMID: 26994119") or as a PubMed URL."""
    return [
        Identifier("pmid", m.group(1), normalize_pmid(m.group(1)), m.start(1), m.end(1), m.start())
        for m in _PMID_IN_TEXT.finditer(text)
        if m.group(1).lstrip("0")
    ]


def extract_pmids(text: str) -> list[str]:
    return unique_standards(find_pmids(text))


def normalize_pmcid(value: str) -> str:
    """The PMCID as 'PMC' and its digits.

    >>> normalize_pmcid("pmcid: pmc4931014")
    'PMC4931014'
    """
    text = _PMCID_PREFIX.sub("", value.strip(), count=1)
    match = _PMCID.match(text)
    if match is None:
        reason = "missing 'PMC' prefix" if text.isascii() and text.isdigit() else None
        raise InvalidIdentifierError(PMCID_LABEL, value, PMCID_EXPECTED, reason=reason)
    return "PMC" + match.group(1)


def find_pmcids(text: str) -> list[Identifier]:
    """PMCIDs in text ('PMC' and digits name themselves; a 'PMCID:' label is optional)."""
    found: list[Identifier] = []
    for m in _PMCID_IN_TEXT.finditer(text):
        standard = normalize_pmcid(m.group(1))
        found.append(Identifier("pmcid", m.group(1), standard, m.start(1), m.end(1), m.start()))
    return found


def extract_pmcids(text: str) -> list[str]:
    return unique_standards(find_pmcids(text))
