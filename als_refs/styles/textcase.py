"""CSL text-case transformations, following citeproc-js's rules for English titles."""

from __future__ import annotations

import re

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


class CapitalizeFirst(TextFunc):
    def __call__(self, text: str, at_start: bool) -> str:
        if not at_start:
            return text
        return _upper_first(text)


class CapitalizeAll(TextFunc):
    def __call__(self, text: str, at_start: bool) -> str:
        return re.sub(r"(?<![^\s])(\w)", lambda m: m.group(1).upper(), text)


class Sentence(TextFunc):
    def __call__(self, text: str, at_start: bool) -> str:
        if text.isupper():
            text = text.lower()
        return _upper_first(text) if at_start else text


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


def for_name(name: str) -> TextFunc:
    return {
        "lowercase": Lowercase,
        "uppercase": Uppercase,
        "capitalize-first": CapitalizeFirst,
        "capitalize-all": CapitalizeAll,
        "sentence": Sentence,
        "title": Title,
    }[name]()
