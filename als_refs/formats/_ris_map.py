"""The RIS tables: reference types (``TY``) to CSL types and back, and which CSL name list
each author tag holds for a type.

Types follow the RIS specification's list (as RefMan/EndNote, Zotero and citation-js read it).
Several RIS types share a CSL type (``EBOOK`` and ``EDBOOK`` are books); the writer gives each
CSL type one RIS type, and a record read with another keeps its own ``TY`` (in
``custom["ris"]``) to write it back. CSL types with no RIS type are written ``GEN``.
"""

from __future__ import annotations

RIS_TO_CSL: dict[str, str] = {
    "ABST": "article-journal",
    "ADVS": "broadcast",
    "AGGR": "dataset",
    "ANCIENT": "classic",
    "ART": "graphic",
    "BILL": "bill",
    "BLOG": "post-weblog",
    "BOOK": "book",
    "CASE": "legal_case",
    "CHAP": "chapter",
    "CHART": "figure",
    "CLSWK": "classic",
    "COMP": "software",
    "CONF": "paper-conference",
    "CPAPER": "paper-conference",
    "CTLG": "document",
    "DATA": "dataset",
    "DBASE": "dataset",
    "DICT": "entry-dictionary",
    "EBOOK": "book",
    "ECHAP": "chapter",
    "EDBOOK": "book",
    "EJOUR": "article-journal",
    "ELEC": "webpage",
    "ENCYC": "entry-encyclopedia",
    "EQUA": "document",
    "FIGURE": "figure",
    "GEN": "document",
    "GOVDOC": "report",
    "GRANT": "document",
    "HEAR": "hearing",
    "ICOMM": "personal_communication",
    "INPR": "article-journal",
    "JFULL": "periodical",
    "JOUR": "article-journal",
    "LEGAL": "regulation",
    "MANSCPT": "manuscript",
    "MAP": "map",
    "MGZN": "article-magazine",
    "MPCT": "motion_picture",
    "MULTI": "motion_picture",
    "MUSIC": "musical_score",
    "NEWS": "article-newspaper",
    "PAMP": "pamphlet",
    "PAT": "patent",
    "PCOMM": "personal_communication",
    "RPRT": "report",
    "SER": "periodical",
    "SLIDE": "graphic",
    "SOUND": "song",
    "STAND": "standard",
    "STAT": "legislation",
    "THES": "thesis",
    "UNBILL": "bill",
    "UNPB": "manuscript",
    "VIDEO": "motion_picture",
    "WEB": "webpage",
}

CSL_TO_RIS: dict[str, str] = {
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "bill": "BILL",
    "book": "BOOK",
    "broadcast": "ADVS",
    "chapter": "CHAP",
    "classic": "CLSWK",
    "dataset": "DATA",
    "document": "GEN",
    "entry-dictionary": "DICT",
    "entry-encyclopedia": "ENCYC",
    "figure": "FIGURE",
    "graphic": "ART",
    "hearing": "HEAR",
    "legal_case": "CASE",
    "legislation": "STAT",
    "manuscript": "MANSCPT",
    "map": "MAP",
    "motion_picture": "MPCT",
    "musical_score": "MUSIC",
    "pamphlet": "PAMP",
    "paper-conference": "CPAPER",
    "patent": "PAT",
    "periodical": "JFULL",
    "personal_communication": "PCOMM",
    "post-weblog": "BLOG",
    "regulation": "LEGAL",
    "report": "RPRT",
    "software": "COMP",
    "song": "SOUND",
    "standard": "STAND",
    "thesis": "THES",
    "webpage": "ELEC",
}
"""CSL types missing here (article, collection, entry, event, interview, performance, post,
review, review-book, speech, treaty) are written ``GEN`` and read back as ``document``."""

BOOK_TYPES = frozenset({"BOOK", "EBOOK", "EDBOOK", "CTLG", "CLSWK", "ANCIENT"})
"""Whole books: ``T2`` is the series, ``A2`` the series editor, ``A3`` the editor, ``SP`` the
number of pages (the specification's book table)."""
CONFERENCE_TYPES = frozenset({"CONF", "CPAPER"})
"""``CY`` is where the conference took place (the place published is ``C1``)."""
CHAPTER_TYPES = frozenset({"CHAP", "ECHAP"})
"""``SE`` is the chapter number."""

# Author tag -> CSL name variable, by kind of type.
_ROLES = {"AU": "author", "A1": "author", "ED": "editor", "A4": "translator"}
_ROLES_BOOK = {**_ROLES, "A2": "collection-editor", "A3": "editor"}
_ROLES_OTHER = {**_ROLES, "A2": "editor", "A3": "collection-editor"}
NAME_TAGS = ("AU", "A1", "A2", "A3", "A4", "ED")


def roles(ris_type: str) -> dict[str, str]:
    """Which CSL name list each author tag fills for ``ris_type``."""
    return _ROLES_BOOK if ris_type in BOOK_TYPES else _ROLES_OTHER


def name_tag(ris_type: str, variable: str) -> str | None:
    """The tag a CSL name list is written under (``AU`` for authors), ``None`` if RIS has none."""
    for tag, role in roles(ris_type).items():
        if role == variable and tag not in ("A1", "ED"):
            return tag
    return None
