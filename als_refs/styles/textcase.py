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
        if not at_start:
            return text
        return _upper_first(text)


class CapitalizeAll(TextFunc):
    def __call__(self, text: str, at_start: bool) -> str:
        return re.sub(r"(?<![^\s])(\w)", lambda m: m.group(1).upper(), text)


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
            # A stop word stays lower case only as a whole word, never last.
            starts_compound = text.startswith("-", match.end()) and (
                match.start() == 0 or text[match.start() - 1].isspace()
            )
            whole = not starts_compound
            last = number == len(matches) - 1 and not text[match.end() :].strip(" .")
            force = first or after_colon or not whole or (last and self.current_is_last)
            if len(word) == 1 and text[: match.start()].endswith("-"):
                out.append(word)  # "07-x" keeps its letter (citeproc-js)
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
