"""Name parts as citeproc-js reads and writes them: particles parsed from family and given
names, suffixes, initials ("Jean-Pierre" -> "J.-P.") and their normalization, a written
"et al.", CJK names. Pure text functions; ``names.py`` renders names with them.
"""

from __future__ import annotations

import re

from als_refs.styles.context import Item


def initialize_given(given: str, with_: str, initialize: bool, hyphen: bool) -> str:
    """Initials as citeproc-js writes them: "Jean-Pierre" -> "J.-P.", "Ph. M.E." -> "Ph. M. E."."""
    if "<" in given and _NAME_TAG_RE.search(given):
        return _initialize_marked(given, with_, initialize, hyphen)
    if not initialize:
        return normalize_given(given, with_, hyphen)
    trail = with_.rstrip()
    out = ""
    # A given name that starts in lowercase ("a.", "b. c."): its words are no initials.
    lowercase = initialize and "a" <= given[:1] <= "z"
    for word, period, dash in re.findall(
        r"([^\s.\-\u00a0]+)(\.?)[\s\u00a0]*(-?)[\s\u00a0]*", given
    ):
        if not word[0].isalpha() and not period:
            # "Y. (Jean)": a nickname in parentheses is kept as written (citeproc-js).
            if out and not out.endswith(" "):
                out += " "
            out += word + " "
            continue
        if lowercase and "a" <= word[0] <= "z" and period and not out.endswith("-"):
            # "a." is no initial: citeproc-js keeps a lowercase word as written, a space before.
            out += " " + word + period + " "
            continue
        if word[0].islower() and not period:
            if out.endswith("-"):
                # "Guo-ping" -> "G": citeproc-js drops a lowercase part after a hyphen.
                out = out[:-1] + with_[len(trail) :]
                continue
            if out and not out.endswith(" "):
                out += " "
            out += word + " "
            continue
        is_initial = bool(period) or (len(word) == 1 and word.isupper())
        if not (initialize or is_initial):
            if out and not out.endswith((" ", "-")):
                out += " "
            out += word + ("-" if dash else " ")
            continue
        text = word if is_initial else word[0].upper()
        if not is_initial and len(word) > 2 and word[1].isupper() and word[2].islower():
            text += word[1].lower()  # "TSerendorjiin" -> "Ts." (citeproc-js)
        if dash and hyphen:
            out += text + trail + "-"
        else:
            out += text + with_
    # A leading lowercase word keeps the space citeproc-js puts before it ("Continenza,  a.").
    lead = " " if lowercase else ""
    return lead + re.sub(r"[\t\n\x0b\x0c\r ]+", " ", out.strip().rstrip("-"))


def normalize_initials(text: str, terminator: str) -> str:
    """citeproc-js's ``initializeWith`` with ``normalizeOnly`` (as applied to a name suffix):
    words kept, abbreviations and single capitals ended by ``terminator``: "M. E. AND Kernighan"
    -> "ME AND Kernighan" with "", "A. G.; Hutchison" -> "A. G. ;. Hutchison" with ". "."""
    if text in ("Lord", "Lady") or not ROMANESQUE_START.match(text):
        return text
    text = re.sub(r"\s+", " ", re.sub(r"\s*-\s*", "-", text))
    text = re.sub(r"-(?=[a-z])", "\u2013", text)
    text = re.sub(r"\.(?=[^ ])", ". ", text)
    pieces = re.split(r"([-\s]+)", text)
    if len(pieces) == 1:
        tail = re.search(r"[^.]+$", pieces[0])
        if tail and len(tail.group()) == 1 and tail.group() != tail.group().lower():
            pieces[0] += "."
    abbrev = []
    for index in range(0, len(pieces), 2):
        piece = pieces[index]
        if len(piece) > 1 and piece.endswith("."):
            pieces[index] = re.sub(r"^(.*)\.(.*)$", r"\1\2", piece)
            abbrev.append(True)
        else:
            abbrev.append(len(piece) == 1 and piece.upper() == piece)
    for word, index in enumerate(range(0, len(pieces), 2)):
        if not abbrev[word]:
            continue
        if index < len(pieces) - 2:
            if not abbrev[word + 1]:
                pieces[index + 1] += " "
            if len(pieces[index + 2]) > 1:
                pieces[index + 1] = terminator + pieces[index + 1]
            else:
                pieces[index + 1] = terminator
        if index == len(pieces) - 1:
            pieces[index] += terminator
    out = re.sub(r"[\t\n\x0b\x0c\r \ufeff\u00a0]+$", "", "".join(pieces))
    out = re.sub(r"[\t\n\x0b\x0c\r ]+", " ", re.sub(r"\s*-\s*", "-", out))
    return re.sub("\u2013(?=[a-z])", "-", out)


_NAME_TAG_RE = re.compile(r"<(b|i|sc|sup|sub)>(.*?)</\1>")


def _initialize_marked(given: str, with_: str, initialize: bool, hyphen: bool) -> str:
    """Initials of a given name with inline markup: each marked piece keeps its tags
    ("<b>John</b>-Quiggly" -> "<b>J.</b>-Q.")."""
    pieces: list[tuple[str, str, str]] = []
    position = 0
    for match in _NAME_TAG_RE.finditer(given):
        pieces.append(("", given[position : match.start()], ""))
        pieces.append((f"<{match[1]}>", match[2], f"</{match[1]}>"))
        position = match.end()
    pieces.append(("", given[position:], ""))
    out = ""
    for opening, text, closing in pieces:
        if not text.strip(" -"):
            continue
        initials = initialize_given(text.strip(" -"), with_, initialize, hyphen)
        if out:
            dashed = text.lstrip().startswith("-") and hyphen
            out += "-" if dashed else with_[len(with_.rstrip()) :] or ""
        out += opening + initials + closing
    return out


# citeproc-js's test for a word of an alphabetic script, which spaces separate ("and", "et al.")
ROMANESQUE_START = re.compile(
    "^[&a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
    "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218-\u021b\u202a-\u202e]"
)


_NAME_GAP = re.compile(
    r'(?:[-\s]*</*(?:span\s+class="no(?:case|decor)"|i|sc|b|sub|sup)>[-\s]*|[-\s]+)'
)


_LEADING_TAGS = re.compile(r"^(?:<[^>]+>)*")


def normalize_given(given: str, terminator: str, hyphen: bool) -> str:
    """``initialize="false"``: the initials a given name has are written with the terminator,
    whole names are left alone ("A.-L." -> "A. L.", "Kun-yu" stays): citeproc-js's
    ``initializeWith`` with ``normalizeOnly``."""
    bare = _LEADING_TAGS.sub("", given)
    if given in ("Lord", "Lady") or (not ROMANESQUE_START.match(bare) and "%s" not in terminator):
        return given
    name = given if hyphen else given.replace("-", " ")
    name = re.sub(r"\s+", " ", re.sub(r"\s*-\s*", "-", name))
    name = re.sub(r"-([a-z])", "\u2013\\1", name)
    for i in range(len(name) - 2, -1, -1):
        if name[i] == "." and name[i + 1] != " ":
            name = name[:i] + ". " + name[i + 1 :]
    strings = _NAME_GAP.split(name)
    gaps = _NAME_GAP.findall(name)
    parts = [strings[0]]
    if not gaps:
        tail = re.search(r"[^.]+$", parts[0])
        if tail and len(tail.group(0)) == 1 and tail.group(0) != tail.group(0).lower():
            parts[0] += "."
    for gap, string in zip(gaps, strings[1:], strict=True):
        parts += [gap, string]
    return re.sub("\u2013([a-z])", r"-\1", _normalize_initials(parts, terminator))


def _normalize_initials(parts: list[str], terminator: str) -> str:
    """citeproc-js's ``doNormalize`` over [word, gap, word, ...]."""
    abbrev = []
    for i, part in enumerate(parts):
        bare = _LEADING_TAGS.sub("", part)
        if len(bare) > 1 and bare.endswith("."):
            parts[i] = re.sub(r"^(.*)\.(.*)$", r"\1\2", part)
            abbrev.append(True)
        else:
            abbrev.append(len(part) == 1 and part.upper() == part)
    last = len(parts) - 1
    for i in range(0, len(parts), 2):
        if not abbrev[i]:
            continue
        if i < last - 1:
            gap = _tags_only(parts[i + 1])
            if not abbrev[i + 2]:
                gap += " "
            if len(parts[i + 2]) > 1:
                parts[i + 1] = terminator.removesuffix("\ufeff") + gap
            else:
                parts[i + 1] = _merge_tags(gap, terminator)
        if i == last:
            parts[i] += terminator
    out = re.sub("[\t\n\v\f\r \ufeff\u00a0]+$", "", "".join(parts))
    return re.sub(r"[\t\n\v\f\r ]+", " ", re.sub(r"\s*-\s*", "-", out))


def _tags_only(text: str) -> str:
    match = re.search(r"(?:<[^>]+>)+", text)
    return match.group(0) if match else text


def _merge_tags(tags: str, text: str) -> str:
    found = re.findall(r"(?:-*<[^>]+>-*)", tags)
    if not found:
        return text
    joined = "".join(found)
    match = re.match(r"^(.*[^\s])*(\s+)$", text)
    if match:
        return (match.group(1) or "") + joined + match.group(2)
    return text + joined


def curly_apostrophes(text: str) -> str:
    return text.replace("'", "’") if "'" in text else text


def particle_join(particle: str, rest: str) -> str:
    if not particle:
        return rest
    if particle.endswith(("'", "’", "-", " ")):
        return particle + rest
    return f"{particle} {rest}"


# particles: the lowercase words ("van der", "v.d.") before a family name or after a given name
_PARTICLE_RE = re.compile(r"^((?:[a-z\u00df-\u00ff'’.]+[\s\u00a0]+)+|[a-z]{1,3}[-’'])(\S.*)$")


# Trailing given-name words that start in lowercase ("John a.", "Ludwig van"), as citeproc-js
# parses them; "et al." is left to the initials (citeproc-js gives it an et-al role instead).
_DROPPING_RE = re.compile(r"^(.*?\S)\s+((?:[a-z\u00df-\u00ff'’]\S*\s*)+)$")


_ET_AL = re.compile(r"^et.?al[^a-z]$")


def name_parts(name: Item) -> tuple[str, str, str, str, str, bool]:
    """family, given, non-dropping and dropping particles, suffix; particles parsed from the
    family and given names when the data does not give them (as citeproc-js does)."""
    family = curly_apostrophes(str(name.get("family") or "").strip())
    given = curly_apostrophes(str(name.get("given") or "").strip())
    ndp = curly_apostrophes(str(name.get("non-dropping-particle") or ""))
    dp = curly_apostrophes(str(name.get("dropping-particle") or ""))
    suffix = str(name.get("suffix") or "")
    if not suffix and "," in given:
        # "John, III" or "John,! Jr." (the ! asks for a comma before the suffix): citeproc-js.
        given, _, suffix = (part.strip() for part in given.partition(","))
        if suffix.startswith("!"):
            return *_particles(family, given, ndp, dp, name), suffix[1:].strip(), True
    return *_particles(family, given, ndp, dp, name), suffix, bool(name.get("comma-suffix"))


def _particles(family: str, given: str, ndp: str, dp: str, name: Item) -> tuple[str, str, str, str]:
    if len(family) > 1 and family.startswith('"') and family.endswith('"'):
        return family[1:-1], given, ndp, dp
    if name.get("parse-names") in (False, "false"):
        return family, given, ndp, dp
    if not ndp and family:
        match = _PARTICLE_RE.match(family)
        if match:
            raw = match.group(1)
            ndp, family = raw.strip(), match.group(2)
            if ndp.endswith(("'", "’")) and raw != raw.rstrip():
                ndp += " "  # "de' Frinkle" keeps its space after the apostrophe
    if not dp and given:
        match = _DROPPING_RE.match(given)
        if match and not _ET_AL.match(match.group(2).strip()):
            given, dp = match.group(1), match.group(2).strip()
    return family, given, ndp, dp


_WRITTEN_ET_AL = re.compile(r"^(.*?),?\s+et.?al[^a-z]$")


def written_et_al(names: list[Item]) -> list[Item] | None:
    """The names without an "et al." ending a given name, if one does (citeproc-js reads it as
    a dropping particle that asks for the et-al); None if none does."""
    out: list[Item] = []
    found = False
    for name in names:
        given = name.get("given")
        match = _WRITTEN_ET_AL.match(given) if isinstance(given, str) else None
        if match and match.group(1).strip():
            found = True
            name = {**name, "given": match.group(1).strip()}
        out.append(name)
    return out if found else None


def is_cjk(text: str) -> bool:
    return bool(text) and ord(text[0]) >= 0x2E80
