"""Field values as BibTeX and biber read them, where bibtexparser stops short: ``#``
concatenation and ``@string`` macros in unbraced values, entries that give a field twice,
and biblatex's inheritance (``crossref``, ``xdata``).

Each function returns the fields (lower-case name -> value) and messages for what it had to
guess, so the reader can report them with the entry's line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bibtexparser.model import Entry

from als_refs.formats import _bibtex_map as bmap

_MONTH_MACROS = {name: str(number) for number, name in enumerate(bmap.MONTHS, start=1)}
_PART = re.compile(
    r'\s*(?:\{(?P<brace>(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}|"(?P<quote>[^"]*)"'
    r"|(?P<bare>[^\s#]+))\s*(?:#|$)"
)


def resolve_value(raw: str, strings: Mapping[str, str]) -> tuple[str, list[str]]:
    """An unbraced value: ``2 # "3"`` -> ``23``, ``jan`` -> ``1``, ``jnl # { x}`` with
    ``@string{jnl=...}``; an undefined macro is kept as its name, with a message."""
    if "#" not in raw and not raw.strip().isidentifier():
        return raw, []
    pieces: list[str] = []
    problems: list[str] = []
    position = 0
    text = raw.strip()
    while position < len(text):
        match = _PART.match(text, position)
        if match is None or match.end() == position:
            return raw, [f"value {raw[:60]!r} could not be read as BibTeX: kept as written"]
        position = match.end()
        if match.group("brace") is not None:
            pieces.append(match.group("brace"))
        elif match.group("quote") is not None:
            pieces.append(match.group("quote"))
        else:
            pieces.append(_macro(match.group("bare"), strings, problems))
    return "".join(pieces), problems


def _macro(name: str, strings: Mapping[str, str], problems: list[str]) -> str:
    if name.isdigit():
        return name
    key = name.lower()
    if key in strings:
        return strings[key]
    if key in _MONTH_MACROS:
        return name
    problems.append(f"undefined @string {name!r}: kept as its name")
    return name


def raw_fields(
    entry: Entry, strings: Mapping[str, str], *, delimited: bool = False
) -> tuple[dict[str, str], list[str]]:
    """An entry's fields by lower-case name: the first of a field given twice wins (as in
    BibTeX), with a message naming the field; unbraced values are resolved. ``delimited``: the
    values still have their braces or quotes (bibtexparser's entries with a field twice)."""
    fields: dict[str, str] = {}
    problems: list[str] = []
    for field in entry.fields:
        if not isinstance(field.value, str):
            continue
        name = field.key.lower()
        value = field.value
        if delimited and _enclosed(value):
            value = value.strip()[1:-1]
        elif delimited or field.enclosing == "no-enclosing":
            value, found = _read_bare(value, strings)
            problems += [f"{name}: {message}" for message in found]
        if name in fields:
            if fields[name] != value:
                problems.append(f"field {name} given twice: the first value is kept")
            continue
        fields[name] = value
    return fields, problems


def _enclosed(value: str) -> bool:
    value = value.strip()
    if "#" in value or len(value) < 2:
        return False
    return (value[0], value[-1]) in {("{", "}"), ('"', '"')}


def _read_bare(value: str, strings: Mapping[str, str]) -> tuple[str, list[str]]:
    problems: list[str] = []
    if re.search(r"\}\s*[^\s#]|[^\s#]\s*\{", value) and "#" not in value:
        problems.append(
            f"value {value[:60]!r} has text outside its braces (an unbalanced '}}'?): "
            "check the fields after it"
        )
    resolved, found = resolve_value(value, strings)
    return resolved, problems + found


_INHERIT_AS = {
    # biblatex's default inheritance: a parent's title becomes the child's booktitle...
    "title": "booktitle",
    "subtitle": "booksubtitle",
    "titleaddon": "booktitleaddon",
    "shorttitle": None,
    "author": "bookauthor",
}
_CHILDREN_OF_BOOKS = frozenset(
    {"inbook", "incollection", "inproceedings", "bookinbook", "suppbook", "suppcollection"}
)
_NEVER_INHERITED = frozenset({"ids", "crossref", "xref", "entryset", "entrysubtype", "execute"})
_NEVER_INHERITED |= {"label", "options", "presort", "related", "sortkey", "xdata", "key"}


def inherit(
    entry_type: str, fields: dict[str, str], parents: Mapping[str, tuple[str, dict[str, str]]]
) -> list[str]:
    """Fill ``fields`` from its ``xdata`` and ``crossref`` parents, biblatex's way; returns a
    message for each parent that is not in the file."""
    problems: list[str] = []
    for key in (k.strip() for k in fields.get("xdata", "").split(",") if k.strip()):
        if key.lower() not in parents:
            problems.append(f"xdata {key!r} is not in the file")
            continue
        for name, value in parents[key.lower()][1].items():
            if name not in _NEVER_INHERITED:
                fields.setdefault(name, value)
    parent_key = fields.get("crossref", "").strip()
    if parent_key:
        if parent_key.lower() not in parents:
            return [*problems, f"crossref {parent_key!r} is not in the file"]
        _inherit_crossref(entry_type, fields, parents[parent_key.lower()][1])
    return problems


_AUTHORS_OF_BOOKS = frozenset({"inbook", "bookinbook", "suppbook"})


def _inherit_crossref(entry_type: str, fields: dict[str, str], parent: dict[str, str]) -> None:
    if entry_type in _AUTHORS_OF_BOOKS and "author" in parent:
        # biblatex: a book's author is its part's author (unless it has one) and bookauthor.
        fields.setdefault("author", parent["author"])
    for name, value in parent.items():
        if name in _NEVER_INHERITED:
            continue
        target = name
        if entry_type in _CHILDREN_OF_BOOKS and name in _INHERIT_AS:
            renamed = _INHERIT_AS[name]
            if renamed is None:
                continue
            target = renamed
        fields.setdefault(target, value)
