"""Citation keys: stable, unique, ASCII, in the ``rivera2013prevalence`` style.

A key is the first author's family name folded to ASCII (a group's first word), the year (``nd``
when there is none) and the first significant word of the title (neither a stop word nor a
number), all lower case. When keys collide, the record that claims the key first keeps it bare
and later ones get ``a``, ``b``, ... (``rivera2013prevalence``, ``rivera2013prevalencea``,
``rivera2013prevalenceb``).

Keys stay put as the library grows: :func:`assign_citekeys` takes the pin map it returned last
time (record fingerprint -> key) and gives every pinned record its old key before any new record
is keyed, so adding records before, between or after the old ones never renames those.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence

from als_refs.models import Name, Reference

STOP_WORDS = frozenset((
    "a", "an", "the", "on", "of", "in", "for", "and", "or", "to", "from", "with", "by", "at",
    "as", "is", "are", "was", "were", "be", "its", "it", "into", "about", "after", "among",
    "between", "during", "towards", "toward", "via", "versus", "vs", "new",
))  # fmt: skip
# Letters NFKD does not decompose into an ASCII base letter.
_TRANSLITERATE = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l",
     "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i"}
)  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")


def fold_ascii(text: str) -> str:
    """``"Chiò Björn Straße"`` -> ``"Chio Bjorn Strasse"``: accents dropped, letters spelt out."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _words(text: str) -> list[str]:
    return _WORD.findall(fold_ascii(text).lower())


def _name_part(reference: Reference) -> str:
    names: tuple[Name, ...] = reference.author or reference.editor
    if not names:
        return "anon"
    first = names[0]
    words = _words(first.literal) if first.literal else _words(first.family or first.given or "")
    if first.literal:
        words = words[:1]
    return "".join(words) or "anon"


def _title_part(reference: Reference) -> str:
    words = _words(reference.title or "")
    return next((word for word in words if word not in STOP_WORDS and not word.isdigit()), "")


def base_key(reference: Reference) -> str:
    """The key before disambiguation: family name, year (or ``nd``), first significant word."""
    year = reference.year
    return f"{_name_part(reference)}{year if year is not None else 'nd'}{_title_part(reference)}"


def fingerprint(reference: Reference) -> str:
    """What identifies a record across builds: its DOI, else first author + year + title."""
    return fingerprints(reference)[0]


def fingerprints(reference: Reference) -> list[str]:
    """Every fingerprint of a record, the strongest first: its DOI (when it has one), then its
    first author's family name, year and title. A record found again under any of them keeps
    its key, so a DOI added later (by ``als-refs resolve``) does not rename it."""
    names = reference.author or reference.editor
    who = (names[0].literal or names[0].family or names[0].given or "") if names else ""
    year = reference.year if reference.year is not None else "nd"
    title = " ".join(_words(reference.title or reference.container_title or ""))
    text = f"ref:{' '.join(_words(who))}|{year}|{title}"
    return [f"doi:{reference.doi.lower()}", text] if reference.doi else [text]


def _suffixes() -> Iterator[str]:
    """``""``, then ``a`` ... ``z``, ``aa`` ... ``zz``, ..."""
    yield ""
    letters = "abcdefghijklmnopqrstuvwxyz"
    for size in itertools.count(1):
        for combo in itertools.product(letters, repeat=size):
            yield "".join(combo)


def _fingerprints(references: Sequence[Reference]) -> list[list[str]]:
    # A repeated record (same fingerprint) is told apart by its rank among its twins.
    seen: dict[str, int] = {}
    result: list[list[str]] = []
    for reference in references:
        ranked = []
        for base in fingerprints(reference):
            seen[base] = seen.get(base, 0) + 1
            ranked.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
        result.append(ranked)
    return result


def assign_citekeys(
    references: Sequence[Reference], pinned: Mapping[str, str] | None = None
) -> tuple[list[Reference], dict[str, str]]:
    """Give every record a unique key; pinned fingerprints keep their keys.

    Returns the records with ``id`` set to their key (in input order) and the updated pin map
    (every input record's fingerprint -> key, plus the pins of records not in this input).
    Keys are compared without regard to case, as BibTeX does.
    """
    pins = dict(pinned or {})
    prints = _fingerprints(references)
    keys: list[str | None] = [None] * len(references)
    used: set[str] = set()
    for index, record_prints in enumerate(prints):
        key = next((pins[p] for p in record_prints if p in pins), None)
        if key is not None and key.lower() not in used:
            keys[index] = key
            used.add(key.lower())
    # Keys pinned for records absent today stay reserved: they may come back.
    used.update(key.lower() for key in pins.values())
    for index, reference in enumerate(references):
        if keys[index] is None:
            base = base_key(reference)
            key = next(base + s for s in _suffixes() if (base + s).lower() not in used)
            keys[index] = key
            used.add(key.lower())
    for record_prints, key in zip(prints, keys, strict=True):
        if key is not None:
            pins.update(dict.fromkeys(record_prints, key))
    keyed = [
        ref if ref.id == key else ref.model_copy(update={"id": key})
        for ref, key in zip(references, keys, strict=True)
        if key is not None
    ]
    return keyed, pins
