"""A PubMed ``PubmedArticle`` (efetch ``retmode=xml``) as a :class:`Reference` plus its notices.

A record's own identifiers are read only from ``PubmedData/ArticleIdList`` and ``ELocationID``:
the ``ReferenceList`` beside them holds the identifiers of the works it cites. Retractions,
errata, updates and expressions of concern (``CommentsCorrectionsList``, and the publication type
"Retracted Publication") become the same :class:`Notice` values Crossref's updates give, with
the other work named by its PMID (``pmid:NNN``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from pydantic import ValidationError

from als_refs.crossref.mapping import Notice
from als_refs.errors import InputError
from als_refs.models import DateParts, Name, Reference

_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}
# CommentsCorrections RefType -> (Crossref-style kind, direction).
_CORRECTIONS = {
    "RetractionIn": ("retraction", "updated-by"),
    "RetractionOf": ("retraction", "update-to"),
    "ErratumIn": ("correction", "updated-by"),
    "ErratumFor": ("correction", "update-to"),
    "UpdateIn": ("new_version", "updated-by"),
    "UpdateOf": ("new_version", "update-to"),
    "ExpressionOfConcernIn": ("expression_of_concern", "updated-by"),
    "ExpressionOfConcernFor": ("expression_of_concern", "update-to"),
}


@dataclass(frozen=True)
class PubMedRecord:
    pmid: str
    reference: Reference
    notices: tuple[Notice, ...]


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    text = " ".join("".join(element.itertext()).split())
    return text or None


def own_ids(article: ET.Element) -> dict[str, str]:
    """``{"pubmed": ..., "doi": ..., "pmc": ...}``: the record's own ids, never its references'."""
    ids: dict[str, str] = {}
    for node in article.findall("./PubmedData/ArticleIdList/ArticleId"):
        kind, value = node.get("IdType"), _text(node)
        if kind and value:
            ids.setdefault(kind, value)
    for node in article.findall("./MedlineCitation/Article/ELocationID"):
        if node.get("EIdType") == "doi" and node.get("ValidYN", "Y") == "Y" and _text(node):
            ids.setdefault("doi", _text(node) or "")
    pmid = _text(article.find("./MedlineCitation/PMID"))
    if pmid:
        ids.setdefault("pubmed", pmid)
    return ids


def _date(pub_date: ET.Element | None) -> DateParts | None:
    if pub_date is None:
        return None
    year = _text(pub_date.find("Year"))
    if year is None:
        medline = _text(pub_date.find("MedlineDate")) or ""
        year = medline[:4]
    if not year.isdigit():
        return None
    parts = [int(year)]
    month = (_text(pub_date.find("Month")) or "").lower()[:3]
    month_number = _MONTHS.get(month) or (int(month) if month.isdigit() else None)
    if month_number and 1 <= month_number <= 12:
        parts.append(month_number)
        day = _text(pub_date.find("Day")) or ""
        if day.isdigit() and 1 <= int(day) <= 31:
            parts.append(int(day))
    return DateParts(date_parts=(tuple(parts),))


def _authors(article: ET.Element) -> tuple[Name, ...]:
    names: list[Name] = []
    for node in article.findall("./MedlineCitation/Article/AuthorList/Author"):
        collective = _text(node.find("CollectiveName"))
        family = _text(node.find("LastName"))
        given = _text(node.find("ForeName")) or _text(node.find("Initials"))
        if family:
            names.append(Name(family=family, given=given, suffix=_text(node.find("Suffix"))))
        elif collective:
            names.append(Name(literal=collective))
    return tuple(names)


def notices(article: ET.Element) -> tuple[Notice, ...]:
    found: list[Notice] = []
    for node in article.findall("./MedlineCitation/CommentsCorrectionsList/CommentsCorrections"):
        kind = _CORRECTIONS.get(node.get("RefType", ""))
        pmid = _text(node.find("PMID"))
        if kind is None:
            continue
        label = _text(node.find("RefSource")) or node.get("RefType") or ""
        found.append(Notice(kind[0], kind[1], f"pmid:{pmid}" if pmid else "", label))
    types = {_text(t) for t in article.findall(".//PublicationTypeList/PublicationType")}
    retracted = any(n.kind == "retraction" and n.direction == "updated-by" for n in found)
    if "Retracted Publication" in types and not retracted:
        found.append(Notice("retraction", "updated-by", "", "Retracted Publication"))
    return tuple(found)


def article_to_record(article: ET.Element) -> PubMedRecord:
    """One ``PubmedArticle`` element; :class:`InputError` when it cannot be read."""
    ids = own_ids(article)
    pmid = ids.get("pubmed")
    if not pmid or not pmid.isdigit():
        raise InputError("a PubMed record without a PMID")
    base = "./MedlineCitation/Article"
    journal = f"{base}/Journal"
    pmc = ids.get("pmc")
    values = {
        "id": f"pmid{pmid}",
        "type": "article-journal",
        "title": (_text(article.find(f"{base}/ArticleTitle")) or "").rstrip(".") or None,
        "author": _authors(article),
        "container_title": _text(article.find(f"{journal}/Title")),
        "container_title_short": _text(article.find(f"{journal}/ISOAbbreviation")),
        "volume": _text(article.find(f"{journal}/JournalIssue/Volume")),
        "issue": _text(article.find(f"{journal}/JournalIssue/Issue")),
        "page": _text(article.find(f"{base}/Pagination/MedlinePgn")),
        "issued": _date(article.find(f"{journal}/JournalIssue/PubDate")),
        "issn": _text(article.find(f"{journal}/ISSN")),
        "doi": ids.get("doi"),
        "pmid": pmid,
        "pmcid": pmc if pmc and pmc.upper().startswith("PMC") else None,
    }
    values = {k: v for k, v in values.items() if v not in (None, ())}
    try:
        reference = Reference.model_validate(values)
    except ValidationError as exc:
        fields = ", ".join(sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]}))
        raise InputError(f"cannot read PubMed record {pmid}: invalid {fields}") from None
    return PubMedRecord(pmid, reference, notices(article))


def parse_articles(xml_text: str) -> tuple[list[PubMedRecord], list[str]]:
    """Records of a ``PubmedArticleSet``, and one message per record that could not be read."""
    try:
        root = ET.fromstring(xml_text)
    except ET.ParseError as exc:
        raise InputError(f"invalid XML from PubMed: {exc}") from None
    records: list[PubMedRecord] = []
    problems: list[str] = []
    for article in root.findall("PubmedArticle"):
        try:
            records.append(article_to_record(article))
        except InputError as exc:
            problems.append(exc.message)
    return records, problems
