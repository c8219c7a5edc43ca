"""CSL text-case transformations, following citeproc-js's rules for English titles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from als_refs.styles.richtext import TextFunc

STOP_WORDS = frozenset(
    [
        "about",
        "above",
        "across",
        "afore",
        "after",
        "against",
        "al",
        "along",
        "alongside",
        "amid",
        "amidst",
        "among",
        "amongst",
        "anenst",
        "apropos",
        "apud",
        "around",
        "as",
        "aside",
        "astride",
        "at",
        "athwart",
        "atop",
        "barring",
        "before",
        "behind",
        "below",
        "beneath",
        "beside",
        "besides",
        "between",
        "beyond",
        "but",
        "by",
        "circa",
        "despite",
        "down",
        "during",
        "et",
        "except",
        "for",
        "forenenst",
        "from",
        "given",
        "in",
        "inside",
        "into",
        "lest",
        "like",
        "modulo",
        "near",
        "next",
        "notwithstanding",
        "of",
        "off",
        "on",
        "onto",
        "out",
        "over",
        "per",
        "plus",
        "pro",
        "qua",
        "sans",
        "since",
        "than",
        "through",
        "thru",
        "throughout",
        "thruout",
        "till",
        "to",
        "toward",
        "towards",
        "under",
        "underneath",
        "until",
        "unto",
        "up",
        "upon",
        "versus",
        "vs.",
        "v.",
        "vs",
        "v",
        "via",
        "vis-à-vis",
        "with",
        "within",
        "without",
        "or",
        "yet",
        "so",
        "and",
        "nor",
        "a",
        "an",
        "the",
        "de",
        "d'",
        "von",
        "van",
        "c",
        "ca",
    ]
)

_WORD = re.compile(r"[^\s\-/.:?!—–]+")
# What citeproc-js's title case splits a value on besides spaces.
_JS_TAG_CHARS = "\"'‘’“”-–—/.,;?!:[]()"
_JS_TAGS = re.compile("[" + re.escape(_JS_TAG_CHARS) + "]")


class Lowercase(TextFunc):
    def __call__(self, text: str, at_start: bool) -> str:
        return text.lower()


class Uppercase(TextFunc):
    def __call__(self, text: str, at_start: bool) -> str:
        return text.upper()


class TurkicLowercase(TextFunc):
    """Turkish and Azerbaijani case pairs: I/ı and İ/i (JavaScript's toLocaleLowerCase)."""

    def __call__(self, text: str, at_start: bool) -> str:
        return text.replace("I", "ı").replace("İ", "i").lower()


class TurkicUppercase(TextFunc):
    def __call__(self, text: str, at_start: bool) -> str:
        return text.replace("i", "İ").upper()


class CapitalizeFirst(TextFunc):
    def __call__(self, text: str, at_start: bool) -> str:
        if not at_start or _has_capitals(_first_word(text)):
            return text  # "mcDJ; RCA" stays: citeproc-js leaves a word that has capitals
        return _upper_first(text)


class CapitalizeAll(TextFunc):
    def __call__(self, text: str, at_start: bool) -> str:
        return re.sub(
            r"(?<![^\s])(\w)(\S*)",
            lambda m: m.group(0) if _has_capitals(m.group(0)) else m.group(1).upper() + m.group(2),
            text,
        )


def _has_capitals(word: str) -> bool:
    return word != word.lower()


def _first_word(text: str) -> str:
    """The first word as citeproc-js cuts it: at spaces, quotes, brackets and punctuation."""
    for piece in _TAG_SPLIT.split(text):
        words = [w for w in _WORD_GAP.split(piece) if w]
        if words:
            return words[0]
    return ""


class Sentence(TextFunc):
    """citeproc-js's sentence case: the first word capitalised as written, every other word
    lower case (text marked nocase aside)."""

    def __call__(self, text: str, at_start: bool) -> str:
        if not at_start:
            return text.lower()
        match = re.match(r"(\s*\S+)(.*)", text, re.DOTALL)
        if match is None:
            return text
        return _upper_first(match[1]) + match[2].lower()


class Title(TextFunc):
    def __call__(self, text: str, at_start: bool) -> str:
        out: list[str] = []
        pos = 0
        first = at_start
        after_colon = False
        matches = list(_WORD.finditer(text))
        for number, match in enumerate(matches):
            gap = text[pos : match.start()]
            if re.search(r"[:?!]\s*$", gap):
                after_colon = True
            out.append(gap)
            word = match.group(0)
            # A stop word stays lower case, except last or (citeproc-js) before a hyphen while
            # no punctuation, quote or bracket has come yet: "In-Patients" but "hospital in-".
            first_string = at_start and not _JS_TAGS.search(text, 0, match.start())
            starts_compound = first_string and text.startswith("-", match.end())
            last = number == len(matches) - 1 and not text[match.end() :].strip(" .")
            lead = first or after_colon or starts_compound
            force = lead or (last and self.current_is_last)
            if len(word.strip(_JS_TAG_CHARS)) == 1 and not lead:
                out.append(word)  # citeproc-js capitalises no one-letter word: "Mbit/s", "(a)"
            else:
                out.append(_title_word(word, force))
            first = False
            after_colon = False
            pos = match.end()
        out.append(text[pos:])
        return "".join(out)


def _title_word(word: str, force: bool) -> str:
    if word != word.lower():
        return word
    if not force and word in STOP_WORDS:
        return word
    return _upper_first(word)


def _upper_first(text: str) -> str:
    for index, char in enumerate(text):
        if char.isalpha() and ord(char) > 0x24F:
            return text  # citeproc-js leaves Greek, Cyrillic... as written
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
        if not char.isspace() and char not in "“‘\"'([":
            return text
    return text


_TURKIC = {"lowercase": TurkicLowercase, "uppercase": TurkicUppercase}


def for_name(name: str, language: str = "") -> TextFunc:
    """The text-case function; ``language`` (the item's) chooses Turkic upper and lower case."""
    if language[:2] in ("tr", "az") and language[2:3] in ("", "-") and name in _TURKIC:
        return _TURKIC[name]()
    return {
        "lowercase": Lowercase,
        "uppercase": Uppercase,
        "capitalize-first": CapitalizeFirst,
        "capitalize-all": CapitalizeAll,
        "sentence": Sentence,
        "title": Title,
    }[name]()


# ---------------------------------------------------------------- title case of a field value
#
# A port of citeproc-js's text-case engine (``CSL.Output.Formatters``, 2.4.63) as it runs on a
# field's raw value, markup and straight quotes included, before the quotes are paired. Its
# quirks are kept on purpose (they decide what real bibliographies look like): a word after an
# unpaired quote mark keeps its case ("two 'action' sports"), a one-letter word is never
# capitalised ("hard x-ray"), a stop word after a hyphen stays lower case ("Au-in-as").

SKIP_WORDS = STOP_WORDS - {"thru", "vs.", "v."}  # citeproc-js lists " thru": it never matches
# citeproc-js's stop-word list is a regular expression with "vs." and "v." unescaped: "vi",
# "vb" and "vs1" are stop words too.
_SKIP_PATTERN = re.compile("vs?[^\n\r\u2028\u2029]")


def _skip(lower: str) -> bool:
    return lower in SKIP_WORDS or _SKIP_PATTERN.fullmatch(lower) is not None


_TAG_SPLIT = re.compile(
    "(?:\u2018|\u2019|\u201c|\u201d| \"| '|\"|'|[-\u2013\u2014/.,;?!:]|\\[|\\]|\\(|\\)"
    '|<span style="font-variant: small-caps;">|<span class="no(?:case|decor)">|</span>'
    "|</?(?:i|sc|b|sub|sup)>)"
)
_WORD_GAP = re.compile("[\u00a0\u0020\u2000-\u200b\u205f\u3000]+")
_PROTECTING = {
    '<span style="font-variant: small-caps;">': "</span>",
    '<span class="nocase">': "</span>",
    '<span class="nodecor">': "</span>",
    "<sc>": "</sc>",
    "<sub>": "</sub>",
    "<sup>": "</sup>",
}
_OPENERS = {' "': (" '", '"'), " '": (' "', "'"), "\u2018": ("\u2018", "\u2019")}
_OPENERS["\u201c"] = ("\u201c", "\u201d")
_QUOTE_TAG = re.compile("(^(?:\u2018|\u2019|\u201c|\u201d|\"|')|(?: \"| ')$)")


def _mangle(value: str) -> str:
    value = re.sub(r'(<span)\s+(class="no(?:case|decor)")[^>]*(>)', r"\1 \2\3", value)
    return re.sub(
        r'(<span)\s+(style="font-variant:)\s*(small-caps);?(")[^>]*(>)', r"\1 \2 \3;\4\5", value
    )


@dataclass(slots=True)
class _Doppel:
    """A value cut at tags and punctuation: ``strings[i]``, ``tags[i]``, ``strings[i + 1]``..."""

    tags: list[str]
    strings: list[str]
    original: list[str]

    @classmethod
    def split(cls, value: str) -> _Doppel:
        tags = _TAG_SPLIT.findall(value)
        strings = _TAG_SPLIT.split(value)
        for i in range(len(tags) - 1, -1, -1):
            if tags[i] == "'" and strings[i + 1]:
                strings[i + 1] = "'" + strings[i + 1]  # an apostrophe belongs to its word
                tags[i] = ""
        return cls(tags, strings, list(strings))

    def join(self) -> str:
        out = [self.strings[0]]
        for tag, string in zip(self.tags, self.strings[1:], strict=True):
            out += [tag, string]
        return "".join(out)


@dataclass(slots=True)
class _Quoted:
    opener: str
    closer: str
    pos: int | None


@dataclass(slots=True)
class _TitleState:
    is_first: bool = True
    after_punct: bool = False
    last_word: tuple[int, int] | None = None
    quotes: list[_Quoted] = field(default_factory=list)


def title_case_value(value: str) -> str:
    """citeproc-js's ``text-case="title"`` of a field value written with inline markup."""
    if not value:
        return ""
    doppel = _Doppel.split(_mangle(value))
    state = _TitleState()
    if doppel.strings[0].strip():
        following = doppel.tags[0] if doppel.tags else None
        doppel.strings[0] = _title_words(doppel.strings[0], 0, following, state)
    protecting: list[str] = []
    for i, tag in enumerate(doppel.tags):
        string = doppel.strings[i + 1]
        if tag in _PROTECTING:
            protecting.append(_PROTECTING[tag])
        elif protecting and tag == protecting[-1]:
            protecting.pop()
        if re.search(r"[!?:]$", tag):
            state.after_punct = True
        if not protecting:
            # citeproc-js passes no following tag here, so a hyphen never forces a capital.
            doppel.strings[i + 1] = _title_words(string, i + 1, None, state)
        elif string.strip():
            state.last_word = None
        quote_pos = _quote_fix(tag, i, state)
        if quote_pos is not None:
            _restore_first(doppel, quote_pos)
            state.last_word = None
        if string.strip():
            state.is_first = False
            state.after_punct = False
    for quoted in state.quotes:
        if quoted.pos is not None:
            _restore_first(doppel, quoted.pos)
    if state.last_word is not None:
        _capitalise_last(doppel, state.last_word)
    return doppel.join()


def _title_words(text: str, index: int, following: str | None, state: _TitleState) -> str:
    if not text.strip():
        return text
    words = _WORD_GAP.split(text)
    gaps = _WORD_GAP.findall(text)
    for j, word in enumerate(words):
        if not word:
            continue
        lower = word.lower()
        capitalise = (
            (_js_len(word) > 1 and not _skip(lower))
            or (j == len(words) - 1 and following == "-")
            or state.is_first
            or state.after_punct
        )
        if capitalise and word == lower:
            words[j] = _capitalise(word)
        state.after_punct = False
        state.is_first = False
        state.last_word = (index, j)
    return _join_words(words, gaps)


def _quote_fix(tag: str, pos: int, state: _TitleState) -> int | None:
    """citeproc-js's quote tracking: the position whose first letter goes back as written."""
    match = _QUOTE_TAG.search(tag)
    if not match:
        return None
    mark = match.group(1)
    quotes = state.quotes
    if mark in ("\u201c", "\u2018", ' "', " '"):
        opener, closer = _OPENERS[mark]
        if not quotes or mark == quotes[-1].opener:
            quotes.append(_Quoted(opener, closer, pos))
            return None
        previous = quotes.pop().pos
        quotes.append(_Quoted(opener, closer, None))
        return previous
    if quotes and mark == quotes[-1].closer:
        quotes.pop()
        return None
    return pos


def _restore_first(doppel: _Doppel, pos: int) -> None:
    first = doppel.original[pos + 1][:1]
    doppel.strings[pos + 1] = first + doppel.strings[pos + 1][1:]


def _capitalise_last(doppel: _Doppel, where: tuple[int, int]) -> None:
    """The last word is capitalised even when it is a stop word (longer than one letter)."""
    index, j = where
    text = doppel.strings[index]
    words = _WORD_GAP.split(text)
    word = words[j]
    if _js_len(word) > 1 and _skip(word.lower()):
        words[j] = _capitalise(word)
        doppel.strings[index] = _join_words(words, _WORD_GAP.findall(text))


def _capitalise(word: str) -> str:
    stripped = word.lstrip()
    if not stripped:
        return word
    lead = word[: len(word) - len(stripped)]
    first, rest = stripped[0], stripped[1:]
    if "\u0370" <= first <= "\u03ff" and not rest:
        return word  # a lone Greek letter is a symbol in a science title
    return lead + first.upper() + rest


def _join_words(words: list[str], gaps: list[str]) -> str:
    out = [words[0]]
    for gap, word in zip(gaps, words[1:], strict=True):
        out += [gap, word]
    return "".join(out)


def _js_len(word: str) -> int:
    """A string's length as JavaScript counts it (UTF-16 code units)."""
    return len(word.encode("utf-16-le")) // 2
