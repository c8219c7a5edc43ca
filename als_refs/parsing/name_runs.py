"""Names from one labelled author/editor run: the labeller has found where the list starts and
ends, so what is left is to split it into people ("Brent, J. R., Franz, C. K., Coleman, J. M.,
III, & Ajroud-Driss, S." / "Weiss MD, Brown RH Jr" / "J. P. Collman and T. J. Collins").
"""

from __future__ import annotations

import re

from als_refs.models import Name
from als_refs.parsing.names import dotted_initials

_UNITS = re.compile(r"\s*(?:,|;|\s(?:and|&|und|et|y)\s|&)\s*(?:(?:and|&)\s+)?", re.I)
_INITIAL = re.compile(r"^(?:[A-Z][a-z]?\.?(?:-[A-Z][a-z]?\.?)*|[A-Z]{1,3}|(?:[A-Z]\.){1,4})$")
_SUFFIX = re.compile(r"^(?:jr|sr|ii|iii|iv|v|2nd|3rd)\.?$", re.I)
_PARTICLES = frozenset(
    [
        "van",
        "von",
        "de",
        "der",
        "den",
        "del",
        "della",
        "di",
        "da",
        "du",
        "la",
        "le",
        "ter",
        "ten",
        "dos",
        "das",
        "zu",
    ]
)


def split_names(text: str) -> tuple[Name, ...]:
    units = [u.strip(" .") for u in _UNITS.split(text) if u and u.strip(" .")]
    if not units:
        return ()
    if _inverted(units):
        return _pairs(units)
    names: list[Name] = []
    for unit in units:
        if _SUFFIX.match(unit) and names:
            names[-1] = names[-1].model_copy(update={"suffix": _suffix(unit)})
            continue
        name = _one(unit)
        if name:
            names.append(name)
    return tuple(names)


def _is_initials(unit: str) -> bool:
    words = unit.replace(".", ". ").split()
    return bool(words) and all(_INITIAL.match(w) for w in words)


def _inverted(units: list[str]) -> bool:
    """ "Family, Given, Family, Given": the second unit is given names alone."""
    if len(units) < 2 or _is_initials(units[0]):
        return False
    second = units[1]
    if _is_initials(second):
        return True
    # "Sykes, Stephen": two units, the second one a single given name.
    return len(units) == 2 and len(second.split()) == 1 and len(units[0].split()) == 1


def _pairs(units: list[str]) -> tuple[Name, ...]:
    names: list[Name] = []
    i = 0
    while i < len(units):
        family = units[i]
        if _SUFFIX.match(family) and names:
            names[-1] = names[-1].model_copy(update={"suffix": _suffix(family)})
            i += 1
            continue
        given = units[i + 1] if i + 1 < len(units) else ""
        if given and (_is_initials(given) or not _is_initials(family)) and not _SUFFIX.match(given):
            names.append(_family_given(family, _given(given)))
            i += 2
        else:
            name = _one(family)
            if name:
                names.append(name)
            i += 1
    return tuple(names)


def _given(given: str) -> str:
    return dotted_initials(given) if _is_initials(given) else given


def _suffix(unit: str) -> str:
    unit = unit.strip()
    return unit if unit.isupper() else unit.rstrip(".") + "."


def _family_given(family: str, given: str | None) -> Name:
    words = family.split()
    lead = [w for w in words[:-1] if w.lower() in _PARTICLES and w[:1].islower()]
    particle = " ".join(lead) if lead and len(lead) == len(words) - 1 else None
    if particle:
        family = words[-1]
    return Name(family=family, given=given or None, non_dropping_particle=particle)


def _one(unit: str) -> Name | None:
    """One person written alone: "Weiss MD", "Brown RH Jr", "J. P. Collman", "Jane Doe"."""
    words = unit.replace(".", ". ").split()
    words = [w for w in words if w]
    if not words:
        return None
    suffix = None
    if len(words) > 1 and _SUFFIX.match(words[-1]):
        suffix = _suffix(words.pop())
    lead = 0
    while lead < len(words) - 1 and _INITIAL.match(words[lead]):
        lead += 1
    trail = len(words)
    while trail > 1 and _INITIAL.match(words[trail - 1]) and words[trail - 1].isupper():
        trail -= 1
    if lead:
        name = _family_given(" ".join(words[lead:]), dotted_initials(" ".join(words[:lead])))
    elif trail < len(words):
        name = _family_given(" ".join(words[:trail]), dotted_initials("".join(words[trail:])))
    elif len(words) == 1:
        name = Name(family=words[0])
    else:
        split = len(words) - 1
        while split > 1 and words[split - 1].lower() in _PARTICLES:
            split -= 1
        name = _family_given(" ".join(words[split:]), " ".join(words[:split]))
    return name.model_copy(update={"suffix": suffix}) if suffix else name
