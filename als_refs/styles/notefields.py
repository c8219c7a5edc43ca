"""CSL variables written in an item's ``note`` ("Extra" in Zotero), as citeproc-js reads them.

citeproc-js (``CSL.parseNoteFieldHacks``, on by default) takes ``key: value`` lines at the top
of the note, and ``{:key: value}`` anywhere in its first line, as variables the item lacks:
``container-title: Container: a title``, ``author: Doe || Jane`` (a name), ``issued: 2019-03``
(a date), ``type: book``. The lines it uses leave the note.
"""

from __future__ import annotations

import re
from typing import Any

from als_refs.styles.engine import DATE_VARIABLES, NAME_VARIABLES

_BRACED = re.compile(r"\{:(?:[\-_a-z]+|[A-Z]+):[^}]+\}")
_FIELD = re.compile(r"^([\-_a-z]+|[A-Z]+):\s*([^}]+)$")


def with_note_fields(item: dict[str, Any]) -> dict[str, Any]:
    """The item with the variables its note gives (a copy; the item itself if there are none)."""
    note = item.get("note")
    if not isinstance(note, str) or ":" not in note:
        return item
    lines = "\n".join(_unbrace(line, i) for i, line in enumerate(note.split("\n"))).split("\n")
    out = dict(item)
    names: dict[str, list[dict[str, str]]] = {}
    for i, line in enumerate(lines):
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
            lines[i] = ""
        elif key.removeprefix("alt-") in DATE_VARIABLES:
            if not out.get(key):
                out[key] = {"raw": value}
                lines[i] = ""
        elif not out.get(key):
            if key.removeprefix("alt-") in NAME_VARIABLES:
                parts = re.split(r"\s*\|\|\s*", value)
                if len(parts) == 1:
                    names.setdefault(key, []).append({"literal": parts[0]})
                elif len(parts) == 2:
                    names.setdefault(key, []).append({"family": parts[0], "given": parts[1]})
            else:
                out[key] = value
            lines[i] = ""
    out.update(names)
    out["note"] = "\n".join(lines).strip()
    return out


def _unbrace(line: str, index: int) -> str:
    """``{:key: value}`` becomes a line of its own (unless unparseable text comes before it)."""
    found = _BRACED.findall(line)
    if not found:
        return line
    pieces = _BRACED.split(line)
    out = [pieces[0]]
    converting = True
    for j, (field, after) in enumerate(zip(found, pieces[1:], strict=True)):
        before = out[-1]
        if converting and before.strip() and (index > 0 or j > 0) and not _FIELD.match(before):
            converting = False
        out += ["\n" + field[2:-1].strip() + "\n" if converting else field, after]
    return "".join(out)
