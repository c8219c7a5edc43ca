"""The noise real reference lists carry, added to a rendered entry with its labels kept aligned.

An entry is a sequence of segments ``(label, text)`` (``""``: text the style wrote, such as
punctuation and terms). Every transform edits segments in place of their text, so a character
keeps the label of the variable that produced it: a space lost after a comma, punctuation glued
to the next word, a word broken across a line ("transplan- tation"), link text that web pages
and PDFs leave behind ("[PubMed]", "Google Scholar", "Abstract | Full Text"), "Epub ahead of
print", "[Preprint]", identifiers appended ("PMID: 12345678") and a citation number in front
("1.", "[1]").
"""

from __future__ import annotations

import random
import re

Segment = tuple[str, str]
"""``(label, text)``; label ``""`` for text the style wrote."""

LINK_TEXT = (
    " [PubMed]", " [Google Scholar]", " Google Scholar", " [CrossRef]", " CrossRef",
    " Abstract | Full Text", " [PMC free article] [PubMed]", " View Article", " [Ref list]",
    " PubMed Abstract | CrossRef Full Text | Google Scholar", " Full Text | PDF",
    " [PubMed] [CrossRef] [Google Scholar]", " Medline", " Web of Science",
)  # fmt: skip
_NUMBER_FORMS = ("{n}. ", "[{n}] ", "{n} ", "({n}) ", "{n}.", "{n}) ")
_LOST_SPACE = re.compile(r"(?<=[.,;:)]) (?=\S)")
_LONG_WORD = re.compile(r"[^\W\d_]{9,}")


def joined(segments: list[Segment]) -> str:
    return "".join(text for _, text in segments)


def add_noise(rng: random.Random, segments: list[Segment], number: int) -> list[Segment]:
    """``segments`` with some of the noise of real lists; the same ``rng`` state, the same noise."""
    out = list(segments)
    numbered = any(label == "citation-number" for label, _ in out[:3])
    if rng.random() < 0.3 and not numbered:
        form = rng.choice(_NUMBER_FORMS)
        out.insert(0, ("citation-number", form.format(n=number)))
    if rng.random() < 0.15:
        for _ in range(rng.randint(1, 2)):
            out = _lose_space(rng, out)
    if rng.random() < 0.05:
        out = [
            (label, text.replace(", ", ",") if label == "author" else text) for label, text in out
        ]
    if rng.random() < 0.08:
        out = _break_word(rng, out)
    if rng.random() < 0.05:
        out = [(label, text.replace(" ", "\n", 1)) for label, text in out]
    out = _append_tail(rng, out)
    return [(label, text) for label, text in out if text]


def _lose_space(rng: random.Random, segments: list[Segment]) -> list[Segment]:
    places = [
        (index, match.start())
        for index, (_, text) in enumerate(segments)
        for match in _LOST_SPACE.finditer(text)
    ]
    if not places:
        return segments
    index, at = rng.choice(places)
    label, text = segments[index]
    out = list(segments)
    out[index] = (label, text[:at] + text[at + 1 :])
    return out


def _break_word(rng: random.Random, segments: list[Segment]) -> list[Segment]:
    places = [
        (index, match)
        for index, (label, text) in enumerate(segments)
        if label in {"title", "container", "publisher"}
        for match in _LONG_WORD.finditer(text)
    ]
    if not places:
        return segments
    index, match = rng.choice(places)
    label, text = segments[index]
    cut = match.start() + rng.randint(3, len(match.group(0)) - 3)
    out = list(segments)
    out[index] = (label, f"{text[:cut]}-{rng.choice((' ', chr(10)))}{text[cut:]}")
    return out


def _append_tail(rng: random.Random, segments: list[Segment]) -> list[Segment]:
    out = list(segments)
    labels = {label for label, _ in out}
    if rng.random() < 0.1 and "pmid" not in labels:
        out.append(("pmid", f" PMID: {rng.randint(1_000_000, 39_999_999)}."))
    if rng.random() < 0.03:
        out.append(("pmcid", f" PMCID: PMC{rng.randint(100_000, 9_999_999)}."))
    if rng.random() < 0.05:
        out.append(("", rng.choice((" [Epub ahead of print]", " Epub ahead of print."))))
    elif rng.random() < 0.03:
        month = rng.choice(("Jan", "Mar", "Jun", "Oct", "Dec"))
        day = f"{rng.randint(2000, 2026)} {month} {rng.randint(1, 28)}"
        out.append(("note", f" Epub {day}."))
    if rng.random() < 0.04 and "container" in labels:
        at = max(i for i, (label, _) in enumerate(out) if label == "container")
        out.insert(at + 1, ("note", " [Preprint]"))
    if rng.random() < 0.2:
        out.append(("", rng.choice(LINK_TEXT)))
    return out
