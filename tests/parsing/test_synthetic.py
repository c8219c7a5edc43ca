"""The synthetic training strings: real records rendered by the project's CSL engine, each
variable's span tagged by the engine, noise added with the labels kept aligned."""

from __future__ import annotations

import random
import time
from typing import Any

import pytest

from als_refs.parsing import synthetic, synthetic_noise, synthetic_records, train
from als_refs.parsing.synthetic_records import source_items
from als_refs.styles import format_entries, resolve_style
from als_refs.styles.engine import load_style
from als_refs.styles.processor import Processor
from als_refs.styles.richtext import to_text

STYLES = (
    "nlm-citation-sequence",
    "american-medical-association",
    "apa",
    "the-lancet",
    "nature",
    "ieee",
    "elsevier-harvard",
    "springer-basic-author-date",
)


def _pubmed_article(pmid_title_start: str) -> dict[str, Any]:
    """A journal article from Biopython's PubMed export (a real MEDLINE record)."""
    found = [
        item for item in source_items() if str(item.get("title", "")).startswith(pmid_title_start)
    ]
    assert found, pmid_title_start
    return {**found[0], "id": "x"}


def _segments(style: str, item: dict[str, Any]) -> list[tuple[str, str]]:
    (entry,) = synthetic.render(style, [item])
    return list(entry.segments)


def _text(segments: list[tuple[str, str]], label: str) -> str:
    return " ".join(text for lab, text in segments if lab == label)


@pytest.mark.parametrize("style", STYLES)
def test_spans_hold_the_fields_the_style_printed(style: str) -> None:
    item = _pubmed_article("Open source clustering software")
    segments = _segments(style, item)
    title = _text(segments, "title").strip(' .,“”"')
    # Some styles change the title's case; the letters are the record's.
    assert title.casefold() == "open source clustering software"
    container = _text(segments, "container").strip(" .,")
    assert container.replace(".", "") in {"Bioinformatics (Oxford, England)", "Bioinformatics"}
    authors = _text(segments, "author")
    families = [name["family"] for name in item["author"]]
    assert families[0] in authors
    assert authors.index(families[0]) < authors.index(families[1])
    assert _text(segments, "volume").strip(" ,.:;") in {"20", "vol. 20", "Vol. 20"}
    assert "1453" in _text(segments, "pages")
    assert _text(segments, "date").strip(" ().,") in {"2004", "2004 Jun 12", "2004 Jun"} or (
        "2004" in _text(segments, "date")
    )


def test_a_style_that_changes_case_keeps_the_span_on_the_changed_text() -> None:
    item = {
        "id": "x",
        "type": "article-journal",
        "title": "open source clustering software",
        "container-title": "bioinformatics",
        "author": [{"family": "de Hoon", "given": "M J L"}],
        "issued": {"date-parts": [[2004]]},
        "language": "en",
    }
    segments = _segments("chicago-author-date", item)  # titles in title case
    assert _text(segments, "title").strip(" .“”") == "Open Source Clustering Software"


@pytest.mark.parametrize("style", STYLES)
def test_tagging_does_not_change_what_the_engine_prints(style: str) -> None:
    rng = random.Random(4)
    items = [synthetic.make_record(rng, n) for n in range(15)]
    resolved = resolve_style(style)
    compiled = load_style(str(resolved.path))
    lang = resolved.default_locale or compiled.default_locale or "en-US"
    plain = [to_text(e.runs) for e in Processor(compiled, items, lang).bibliography()]
    rendered = synthetic.render(style, items)
    assert [synthetic_noise.joined(list(e.segments)) for e in rendered] == [
        text.strip() for text in plain
    ]


def test_the_public_formatter_output_is_unchanged_by_the_tag_field() -> None:
    item = _pubmed_article("Open source clustering software")
    from als_refs.models import Reference

    (entry,) = format_entries([Reference.model_validate(item)], style="elsevier-vancouver")
    (segments,) = [synthetic.render("elsevier-vancouver", [item])[0].segments]
    assert entry == synthetic_noise.joined(list(segments))


SEGMENTS = [
    ("author", "Weiss MD, Macklin EA, Simmons Z."),
    ("", " "),
    ("title", "A randomized trial of mexiletine in amyotrophic lateral sclerosis."),
    ("", " "),
    ("container", "Neurology."),
    ("", " "),
    ("date", "2016"),
    ("", ";"),
    ("volume", "86"),
    ("", "("),
    ("issue", "16"),
    ("", "):"),
    ("pages", "1474-81"),
    ("", "."),
]


def _labels(example: train.Example, label: str) -> str:
    return " ".join(
        t for t, lab in zip(example.tokens, example.labels, strict=True) if lab == label
    )


def test_labels_follow_the_segments() -> None:
    example = synthetic.label_segments(SEGMENTS, "t")
    assert example is not None
    assert _labels(example, "author") == "Weiss MD , Macklin EA , Simmons Z."
    assert _labels(example, "title").startswith("A randomized trial")
    assert _labels(example, "container") == "Neurology."
    assert [_labels(example, k) for k in ("date", "volume", "issue", "pages")] == [
        "2016",
        "86",
        "16",
        "1474-81",
    ]


def test_a_word_broken_across_a_line_stays_in_its_field() -> None:
    rng = random.Random(0)
    broken = synthetic_noise._break_word(rng, SEGMENTS)
    title = dict(broken)["title"]
    assert "- " in title or "-\n" in title
    example = synthetic.label_segments(broken, "t")
    assert example is not None
    pieces = [t for t, lab in zip(example.tokens, example.labels, strict=True) if lab == "title"]
    assert len(pieces) > len(dict(SEGMENTS)["title"].split())  # the break made more tokens
    assert _labels(example, "container") == "Neurology."


def test_a_lost_space_keeps_the_labels_on_either_side() -> None:
    rng = random.Random(1)
    squeezed = SEGMENTS
    for _ in range(5):
        squeezed = synthetic_noise._lose_space(rng, squeezed)
    assert len(synthetic_noise.joined(squeezed)) < len(synthetic_noise.joined(SEGMENTS))
    example = synthetic.label_segments(squeezed, "t")
    assert example is not None
    assert "Simmons" in _labels(example, "author")
    assert "Neurology" in _labels(example, "container") and _labels(example, "volume") == "86"


def test_link_text_and_numbers_are_cleaned_away_before_labelling() -> None:
    noisy = [
        ("citation-number", "12. "),
        *SEGMENTS,
        ("", " [PubMed] [Google Scholar]"),
        ("pmid", " PMID: 26888985."),
    ]
    example = synthetic.label_segments(noisy, "t")
    assert example is not None
    assert example.tokens[0] == "Weiss"
    assert not {"PubMed", "Google", "PMID", "26888985", "12"} & set(example.tokens)


def test_an_entry_the_clean_up_cuts_into_is_dropped() -> None:
    cut = [("title" if lab == "title" else lab, text) for lab, text in SEGMENTS]
    cut[2] = ("title", "Google Scholar metrics of neurology journals.")
    assert synthetic.label_segments(cut, "t") is None


def test_in_before_a_container_belongs_to_it() -> None:
    segments = [
        ("title", "Motor neurone disease."),
        ("", " In: "),
        ("container", "Handbook of neurology."),
        ("", " "),
    ]
    example = synthetic.label_segments(segments, "t")
    assert example is not None
    assert _labels(example, "container").startswith("In")


def test_the_same_seed_gives_the_same_set_and_another_seed_another() -> None:
    first = synthetic.synthetic_examples(5, 60)
    assert first == synthetic.synthetic_examples(5, 60)
    assert first != synthetic.synthetic_examples(6, 60)
    assert len(first) == 60


def test_size_and_time_are_bounded_and_nearly_every_entry_tags_cleanly() -> None:
    started = time.perf_counter()
    examples, stats = synthetic.generate(2, 300)
    assert time.perf_counter() - started < 60
    assert len(examples) == 300
    assert stats["clean"] == 300 and stats["dropped"] <= 15
    labels = {label for example in examples for label in example.labels}
    assert {"author", "title", "container", "date", "volume", "pages", "punc"} <= labels
    known = {*train._ANYSTYLE_LABELS.values(), *train._GROBID_LABELS.values(), "other", "punc"}
    assert labels <= known
    assert all(len(e.tokens) == len(e.labels) for e in examples)


def test_the_manifest_lists_what_the_synthetic_set_is_made_from() -> None:
    files = train.input_files(train.REPO.parent / "shared", synthetic=True)
    assert "tests/data/render-real/items.json" in files
    assert "als_refs/styles/engine.py" in files and "csl/nlm-citation-sequence.csl" in files
    assert all(path.is_file() for path in files.values())
    assert set(train.input_files(train.REPO.parent / "shared")) < set(files)


def test_a_public_training_set_adds_its_journal_names_and_titles() -> None:
    grobid = train.REPO.parent / "shared" / "parsing" / "grobid_citation_train.jsonl"
    table = synthetic_records.pools(grobid)
    journals = set(table.public["title-j"])
    assert len(journals) > 1000 and "Acc. Chem. Res." in journals
    rng = random.Random(3)
    records = [synthetic_records.make_record(rng, n, table) for n in range(200)]
    containers = {r.get("container-title") for r in records if r["type"] == "article-journal"}
    assert containers & journals
    assert synthetic.synthetic_examples(4, 40, grobid) == synthetic.synthetic_examples(
        4, 40, grobid
    )
    assert synthetic.synthetic_examples(4, 40, grobid) != synthetic.synthetic_examples(4, 40)
