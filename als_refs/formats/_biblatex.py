"""What biblatex's data model says beyond one field per variable, read as pandoc reads it.

A ``.bib`` entry implies CSL variables that no single field holds: the main title of a
multi-volume work (``maintitle`` makes ``title`` the volume's title), a short title (the title
before its ``subtitle``), a URL from ``eprint``/``eprinttype``, a thesis's genre from its entry
type, a localisation key in ``type`` (``resreport``), a patent's ``location`` (a jurisdiction).
pandoc's biblatex reader is the reference this module was measured against.
"""

from __future__ import annotations

import re
from typing import Any

from als_refs.formats import _bibtex_map as bmap
from als_refs.models import DateParts

_EPRINT_URLS = {
    "arxiv": "https://arxiv.org/abs/{}",
    "jstor": "https://www.jstor.org/stable/{}",
    "hdl": "https://hdl.handle.net/{}",
    "googlebooks": "https://books.google.com?id={}",
}
_LOCALISATION_KEYS = {
    "phdthesis": "PhD thesis",
    "mathesis": "Master\u2019s thesis",
    "candthesis": "Candidate thesis",
    "techreport": "technical report",
    "resreport": "research report",
    "software": "computer software",
    "datacd": "CD-ROM",
    "audiocd": "audio CD",
    "patent": "patent",
    "patentus": "U.S. patent",
}
_COUNTRY_KEYS = {
    "countryde": "Germany",
    "countryeu": "European Union",
    "countryep": "European Union",
    "countryfr": "France",
    "countryuk": "United Kingdom",
    "countryus": "United States of America",
}
"""biblatex's localisation keys for a patent's ``location`` (english.lbx)."""
_THESIS_GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "Master\u2019s thesis"}
_BOOKISH = frozenset({"book", "mvbook", "collection", "mvcollection", "proceedings"})
_BOOKISH |= {"mvproceedings", "reference", "mvreference"}
_LIST_SEPARATOR = re.compile(r"\s+and\s+")


def derive(
    entry_type: str, fields: dict[str, str], data: dict[str, Any], *, main_title: str = ""
) -> None:
    """Add to ``data`` (model attributes) what the entry says without a field of its own;
    ``main_title`` is the entry's ``title`` before its ``subtitle`` was joined to it."""
    _volume_title(entry_type, fields, data)
    _short_title(main_title, data)
    _eprint_url(fields, data)
    _genre(entry_type, data)
    origyear = fields.get("origyear", "").strip()
    if "original_date" not in data and origyear.isdigit():
        data["original_date"] = DateParts.from_ymd(int(origyear))
    if entry_type == "patent" and fields.get("location", "").strip():
        data.pop("publisher_place", None)
        data["jurisdiction"] = _as_list(fields["location"])
    elif fields.get("location", "").strip() and "address" not in fields:
        data["publisher_place"] = _as_list(fields["location"])
    if entry_type == "periodical" and "title" in data:
        data["container_title"] = data.pop("title")
        if fields.get("issuetitle", "").strip():
            data["title"] = bmap.decode_value(fields["issuetitle"], "title")


def _volume_title(entry_type: str, fields: dict[str, str], data: dict[str, Any]) -> None:
    main = fields.get("maintitle", "").strip()
    if not main:
        return
    if entry_type in _BOOKISH and data.get("title"):
        data["volume_title"] = data["title"]
        data["title"] = bmap.decode_value(main, "title")
        if not fields.get("journaltitle", "").strip() and not fields.get("booktitle", "").strip():
            data.pop("container_title", None)  # maintitle was read as one
    elif fields.get("booktitle", "").strip():
        data["volume_title"] = bmap.decode_value(fields["booktitle"], "title")
        data["container_title"] = bmap.decode_value(main, "rich")


def _short_title(main_title: str, data: dict[str, Any]) -> None:
    # biblatex's title before its subtitle is the short title unless one is given.
    if "title_short" in data or "volume_title" in data:
        return
    if main_title:
        data["title_short"] = bmap.decode_value(main_title, "text")
    elif isinstance(title := data.get("title"), str) and ": " in title:
        # pandoc's rule: a title with a colon and no shorttitle is short before the colon.
        head = title.split(": ", 1)[0].strip()
        if head and _balanced(head):
            data["title_short"] = head


def _balanced(rich: str) -> bool:
    # A colon inside <i>...</i> must not cut the markup in two.
    tags = ("i", "b", "sup", "sub", "span")
    return all(rich.count(f"<{tag}") == rich.count(f"</{tag}>") for tag in tags)


def _eprint_url(fields: dict[str, str], data: dict[str, Any]) -> None:
    kind = fields.get("eprinttype", "").strip().lower()
    eprint = fields.get("eprint", "").strip()
    if "url" not in data and eprint and kind in _EPRINT_URLS:
        data["url"] = _EPRINT_URLS[kind].format(eprint)


def _genre(entry_type: str, data: dict[str, Any]) -> None:
    genre = data.get("genre")
    if isinstance(genre, str):
        data["genre"] = _LOCALISATION_KEYS.get(genre.strip().lower(), genre)
    elif entry_type in _THESIS_GENRES:
        data["genre"] = _THESIS_GENRES[entry_type]


def _as_list(raw: str) -> str:
    """A biblatex list field (``France and United Kingdom``) as CSL writes a list of places."""
    parts = (bmap.decode_value(part, "text") for part in _LIST_SEPARATOR.split(raw.strip()))
    return "; ".join(_COUNTRY_KEYS.get(part.lower(), part) for part in parts)
