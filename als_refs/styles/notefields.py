"""Variables written in an item's ``note`` ("cheater syntax"), read as citeproc-js reads them.

Zotero stores CSL variables it has no field for as ``key: value`` lines at the top of the note
(``container-title-short: Container``) or as ``{:key: value}`` anywhere in a line; citeproc-js
(``CSL.parseNoteFieldHacks``, on by default) takes each one the item lacks as the variable,
``type`` always, dates as raw strings, names as ``family || given`` or a literal, and removes the
lines it used from the note.
"""

from __future__ import annotations

import re
from typing import Any

from als_refs.styles.engine import DATE_VARIABLES, NAME_VARIABLES

Item = dict[str, Any]

_INLINE = re.compile(r"\{:(?:[\-_a-z]+|[A-Z]+):[^}]+\}")
_FIELD = re.compile(r"^([\-_a-z]+|[A-Z]+):\s*([^}]+)$")


def with_note_fields(item: Item) -> Item:
    """The item with the variables of its note added (a copy; the item itself if none)."""
    note = item.get("note")
    if not isinstance(note, str) or ":" not in note:
        return item
    lines = "\n".join(_inline_fields(line, i) for i, line in enumerate(note.split("\n")))
    lines_out = lines.split("\n")
    out = dict(item)
    names: dict[str, list[dict[str, str]]] = {}
    for i, line in enumerate(lines_out):
        match = _FIELD.match(line)
        if not line.strip():
            continue
        if not match:
            if i == 0:
                continue
            break
        key, value = match.group(1), match.group(2).strip()
        if key == "type":
            out["type"] = value
        elif key in DATE_VARIABLES:
            out[key] = {"raw": value}
        elif out.get(key):
            continue
        elif key in NAME_VARIABLES:
            name = _name(value)
            names.setdefault(key, []).extend([name] if name else [])
        else:
            out[key] = value
        lines_out[i] = ""
    out.update(names)
    out["note"] = "\n".join(lines_out).strip()
    return out


def _inline_fields(line: str, index: int) -> str:
    """``text {:key: value}`` -> the field on a line of its own (unless unparseable text is
    before it, as citeproc-js checks)."""
    fields = _INLINE.findall(line)
    if not fields:
        return line
    texts = _INLINE.split(line)
    elems: list[str] = []
    for text, field in zip(texts, fields, strict=False):
        elems += [text, field]
    elems.append(texts[-1])
    for j in range(1, len(elems), 2):
        before = elems[j - 1]
        if before.strip() and (index > 0 or j > 1) and not _FIELD.match(before):
            break
        elems[j] = "\n" + elems[j][2:-1].strip() + "\n"
    return "".join(elems)


def _name(value: str) -> dict[str, str] | None:
    """``family || given`` or a literal name; more than one ``||`` is no name (citeproc-js)."""
    parts = re.split(r"\s*\|\|\s*", value)
    if len(parts) == 2:
        return {"family": parts[0], "given": parts[1]}
    return {"literal": parts[0]} if len(parts) == 1 else None
