"""Variables written in an item's ``note`` ("original-date: 1850"), read as citeproc-js reads them.

Zotero has no field for many CSL variables, so its users put them in the note (Extra) field, one
``name: value`` line each, or inline as ``{:name: value}``; citeproc-js (``parseNoteFieldHacks``)
takes the leading run of such lines as variables, keeps an existing variable (dates excepted:
the note's date wins), reads names as ``family || given`` or a literal, and removes the lines it
used from the note.
"""

from __future__ import annotations

import re
from typing import Any

from als_refs.styles.context import DATE_VARIABLES, NAME_VARIABLES

_FIELD_RE = re.compile(r"^([\-_a-z]+|[A-Z]+):\s*([^}]+)$")
_INLINE_RE = re.compile(r"\{:(?:[\-_a-z]+|[A-Z]+):[^}]+\}")


def with_note_fields(item: dict[str, Any]) -> dict[str, Any]:
    """The item with the variables its note declares; the item itself when it declares none."""
    note = item.get("note")
    if not isinstance(note, str) or ":" not in note:
        return item
    lines = "\n".join(_split_inline(line, i) for i, line in enumerate(note.split("\n"))).split("\n")
    out = dict(item)
    names: dict[str, list[dict[str, str]]] = {}
    for index, line in enumerate(lines):
        match = _FIELD_RE.match(line)
        if not line.strip():
            continue
        if match is None:
            if index == 0:
                continue
            break
        if _take(out, names, match.group(1), match.group(2).strip()):
            lines[index] = ""
    if not names and lines == note.split("\n"):
        return item
    out.update(names)
    out["note"] = "\n".join(lines).strip()
    return out


def _split_inline(line: str, index: int) -> str:
    """``{:name: value}`` pieces on their own lines, unless unparseable text comes before them."""
    found = _INLINE_RE.findall(line)
    if not found:
        return line
    pieces = _INLINE_RE.split(line)
    out = [pieces[0]]
    for position, field in enumerate(found):
        before = out[-1]
        if before.strip() and (index > 0 or position > 0) and not _FIELD_RE.match(before):
            out.extend([field, *pieces[position + 1 :]])
            return "".join(out)
        out.extend(["\n" + field[2:-1].strip() + "\n", pieces[position + 1]])
    return "".join(out)


def _take(
    item: dict[str, Any], names: dict[str, list[dict[str, str]]], key: str, value: str
) -> bool:
    """Set one variable from the note; whether its line is used up."""
    base = key.removeprefix("alt-")
    if key == "type":
        item["type"] = value
    elif base in DATE_VARIABLES:
        item[key] = {"raw": value}
    elif item.get(key):
        return False
    elif base in NAME_VARIABLES:
        parts = re.split(r"\s*\|\|\s*", value)
        if len(parts) == 1:
            names.setdefault(key, []).append({"literal": parts[0]})
        elif len(parts) == 2:
            names.setdefault(key, []).append({"family": parts[0], "given": parts[1]})
    else:
        item[key] = value
    return True
