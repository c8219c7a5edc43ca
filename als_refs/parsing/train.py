"""Train the reference-string labeller: ``python -m als_refs.parsing.train [--shared DIR]``.

Inputs (their sha256 hashes go into the model's manifest, and a test checks them):

* ``grobid_citation_train.jsonl`` (GROBID's citation corpus, Apache-2.0) and
  ``anystyle_core_train.jsonl`` (AnyStyle core.xml, BSD-2-Clause), from ``../shared/parsing``;
  never copied into the repository;
* the project's own labelled strings (``tests/parsing/labelled_records.py``);
* the feature code (``features.py``, ``lexicons.py``): a model is only valid for the features
  it was trained with;
* with ``--synthetic N``: N strings rendered by the project's CSL engine from the record files
  of :mod:`als_refs.parsing.synthetic` (the files, the generator and the engine are hashed too).

The same inputs give the same model (the order is fixed and L-BFGS is deterministic).
``--folds K`` instead prints cross-validated token accuracy on the training sets.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import random
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from als_refs.parsing.cleaning import clean, normalise_text
from als_refs.parsing.features import sequence_features, tokenize

PACKAGE = Path(__file__).resolve().parents[1]
REPO = PACKAGE.parent
MODEL_DIR = PACKAGE / "data" / "parser"
MODEL_FILE = MODEL_DIR / "labeller.crfsuite"
MANIFEST_FILE = MODEL_DIR / "manifest.json"
TRAINING_SETS = ("grobid_citation_train.jsonl", "anystyle_core_train.jsonl")
PROJECT_STRINGS = REPO / "tests" / "parsing" / "labelled_records.py"
FEATURE_CODE = (PACKAGE / "parsing" / "features.py", PACKAGE / "parsing" / "lexicons.py")
# AnyStyle's core set is written like the references this project meets; it counts twice.
WEIGHTS = {
    "anystyle_core_train.jsonl": 2,
    "grobid_citation_train.jsonl": 1,
    "project": 3,
    "synthetic": 1,
}
SYNTHETIC_SEED = 9
PARAMS: dict[str, Any] = {
    "c1": 0.05,
    "c2": 0.02,
    "max_iterations": 100,
    "feature.possible_transitions": True,
}

_ANYSTYLE_LABELS = {
    "author": "author",
    "director": "author",
    "producer": "author",
    "editor": "editor",
    "translator": "translator",
    "title": "title",
    "journal": "container",
    "container-title": "container",
    "collection-title": "collection",
    "date": "date",
    "volume": "volume",
    "pages": "pages",
    "publisher": "publisher",
    "location": "place",
    "edition": "edition",
    "genre": "genre",
    "medium": "genre",
    "doi": "doi",
    "url": "url",
    "isbn": "identifier",
    "note": "note",
    "source": "note",
    "citation-number": "citation-number",
}
_GROBID_LABELS = {
    "author": "author",
    "authors": "author",
    "orgName-collaboration": "author",
    "editor": "editor",
    "title-a": "title",
    "title-j": "container",
    "title-s": "collection",
    "date": "date",
    "biblScope-volume": "volume",
    "volumes": "volume",
    "biblScope-issue": "issue",
    "biblScope-page": "pages",
    "biblScope-pages": "pages",
    "page": "pages",
    "publisher": "publisher",
    "publishe": "publisher",
    "orgName": "publisher",
    "pubPlace": "place",
    "idno-DOI": "doi",
    "idno-PMID": "pmid",
    "idno-PMC": "pmcid",
    "ptr-web": "url",
    "note": "note",
    "notes": "note",
    "note-report": "genre",
    "biblScope-chapter": "note",
}
_PROJECT_LABELS = {
    "title": "title",
    "container": "container",
    "year": "date",
    "volume": "volume",
    "issue": "issue",
    "page": "pages",
}


@dataclass(frozen=True)
class Example:
    tokens: list[str]
    labels: list[str]
    source: str


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def input_files(shared: Path, synthetic: bool = False) -> dict[str, Path]:
    """Every file the model depends on, by the name the manifest records."""
    files = {name: shared / "parsing" / name for name in TRAINING_SETS}
    files["tests/parsing/labelled_records.py"] = PROJECT_STRINGS
    for path in FEATURE_CODE:
        files[f"als_refs/parsing/{path.name}"] = path
    if synthetic:
        from als_refs.parsing.synthetic import input_files as synthetic_inputs

        files.update(synthetic_inputs())
    return files


def input_hashes(shared: Path, synthetic: bool = False) -> dict[str, str]:
    files = input_files(shared, synthetic)
    return {name: sha256(path) for name, path in sorted(files.items())}


# ---------------------------------------------------------------- alignment


def label_tokens(text: str, spans: Iterable[tuple[str, str]]) -> Example | None:
    """Clean ``text`` as the parser does, find each labelled value in it, label the tokens.

    A punctuation token at the edge of a span is labelled ``punc`` (the sets disagree on
    whether it belongs to the field); a word no span covers is ``other``."""
    cleaned = clean(text).text
    tokens = tokenize(cleaned)
    if not tokens:
        return None
    owner = [""] * len(cleaned)
    cursor = 0
    for label, value in spans:
        found = _find(cleaned, value, cursor, owner)
        if found is None:
            continue
        start, end = found
        for i in range(start, end):
            owner[i] = label
        cursor = end
    labels = []
    for _token, start, end in tokens:
        inside = {owner[i] for i in range(start, end)} - {""}
        label = max(sorted(inside), key=owner[start:end].count) if inside else "other"
        labels.append(label)
    words = [token for token, _, _ in tokens]
    labels = _marks_with_numbers(words, _issue_in_volume(words, labels))
    return Example(words, _punctuation_edges(words, labels), "")


_NUMBER_MARKS = frozenset(
    {"vol", "vols", "volume", "no", "nos", "nr", "issue", "pp", "p", "pages", "page", "s", "bd"}
)


def _marks_with_numbers(words: list[str], labels: list[str]) -> list[str]:
    """ "vol. 7", "no. 3", "pp. 177-188": the mark goes with its number (AnyStyle labels it
    so; GROBID leaves it out, which taught the model a word of no field between two fields)."""
    out = list(labels)
    for i in range(len(words) - 1):
        if labels[i] != "other" or words[i].lower().rstrip(".") not in _NUMBER_MARKS:
            continue
        following = labels[i + 2] if words[i + 1] in {":", "."} and i + 2 < len(words) else None
        following = following or labels[i + 1]
        if following in {"volume", "issue", "pages"}:
            out[i] = following
    return out


def _find(text: str, value: str, cursor: int, owner: list[str]) -> tuple[int, int] | None:
    """Where ``value`` is in ``text`` (from ``cursor`` first), on characters no span has yet.
    Spaces do not count: the cleaner respaces glued text ("Astropart.Phys .22" ->
    "Astropart. Phys. 22"), and a GROBID value written the glued way must still be found."""
    value = "".join(normalise_text(value).split())
    kept = [i for i, char in enumerate(text) if not char.isspace()]
    squashed = "".join(text[i] for i in kept)
    from_cursor = next((k for k, i in enumerate(kept) if i >= cursor), len(kept))
    for candidate in (value, value.rstrip(".,;:"), value.strip(".,;:()[] ")):
        if len(candidate) < 1:
            continue
        for start_at in (from_cursor, 0):
            start = squashed.find(candidate, start_at)
            while start >= 0:
                first, last = kept[start], kept[start + len(candidate) - 1] + 1
                if not any(owner[first:last]):
                    return first, last
                start = squashed.find(candidate, start + 1)
    return None


def _is_punct(token: str) -> bool:
    return len(token) == 1 and not token.isalnum()


def _punctuation_edges(words: list[str], labels: list[str]) -> list[str]:
    out = list(labels)
    for i, word in enumerate(words):
        if not _is_punct(word):
            continue
        before = _nearest_word_label(words, labels, i, -1)
        after = _nearest_word_label(words, labels, i, 1)
        if labels[i] != before or labels[i] != after or labels[i] == "other":
            out[i] = "punc"
    return out


def _nearest_word_label(words: list[str], labels: list[str], i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(words):
        if not _is_punct(words[j]):
            return labels[j]
        j += step
    return ""


def _issue_in_volume(words: list[str], labels: list[str]) -> list[str]:
    """AnyStyle writes "33(2)" as one volume: the part in brackets, or after "no.", is the issue."""
    out = list(labels)
    for i in range(1, len(words)):
        if labels[i] != "volume" or not words[i][:1].isdigit():
            continue
        prev = words[i - 1].lower().rstrip(".")
        if prev == "(" and labels[i - 1] in {"punc", "volume"} and i >= 2:
            out[i] = "issue"
        elif prev in {"no", "nr", "issue", "heft", "n"}:
            out[i] = "issue"
            out[i - 1] = "issue"
    return out


# ---------------------------------------------------------------- the inputs


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def anystyle_examples(path: Path) -> list[Example]:
    out = []
    for record in _jsonl(path):
        spans = [
            (_ANYSTYLE_LABELS[label], value)
            for label, value in record["tokens"]
            if label in _ANYSTYLE_LABELS
        ]
        example = label_tokens(record["text"], spans)
        if example:
            out.append(Example(example.tokens, example.labels, record["id"]))
    return out


def grobid_examples(path: Path) -> list[Example]:
    out = []
    for record in _jsonl(path):
        fields = record["fields"]
        has_article_title = "title-a" in fields
        spans = []
        for key, values in fields.items():
            label = _GROBID_LABELS.get(key)
            if key == "title-m":
                label = "container" if has_article_title else "title"
            if label is None:
                continue
            for value in values if isinstance(values, list) else [values]:
                spans.append((label, str(value)))
        example = label_tokens(record["text"], spans)
        if example and _mostly_labelled(example):
            out.append(Example(example.tokens, example.labels, record["id"]))
    return out


def _mostly_labelled(example: Example) -> bool:
    """Some GROBID records leave a field unannotated: a model must not learn that it is none."""
    return sum(label == "other" for label in example.labels) <= 4


def project_examples(path: Path = PROJECT_STRINGS) -> list[Example]:
    """The project's labelled strings: every field but the names is given; the names are the
    words before the first other field."""
    spec = importlib.util.spec_from_file_location("labelled_records", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"{path}: cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("labelled_records", module)
    spec.loader.exec_module(module)
    out = []
    for number, (_style, text, expected) in enumerate(module.labelled_strings()):
        spans = [(_PROJECT_LABELS[k], v) for k, v in expected.items() if k in _PROJECT_LABELS]
        example = label_tokens(text, spans)
        if example:
            out.append(Example(example.tokens, _names_first(example), f"project-{number}"))
    return out


def _names_first(example: Example) -> list[str]:
    labels = list(example.labels)
    for i, label in enumerate(labels):
        if label not in {"other", "punc"}:
            break
        labels[i] = "author"
    for i in range(1, len(labels)):
        if labels[i] == "other" and labels[i - 1] == "date":
            labels[i] = "date"  # "2016 Apr 19": the records give the year only
    return _punctuation_edges(example.tokens, labels)


def load_examples(shared: Path, synthetic: int = 0, seed: int = SYNTHETIC_SEED) -> list[Example]:
    """The training sequences, each set repeated by its weight; ``synthetic`` strings from
    :func:`~als_refs.parsing.synthetic.synthetic_examples` (none by default)."""
    data = shared / "parsing"
    sets = [
        (grobid_examples(data / "grobid_citation_train.jsonl"), "grobid_citation_train.jsonl"),
        (anystyle_examples(data / "anystyle_core_train.jsonl"), "anystyle_core_train.jsonl"),
        (project_examples(), "project"),
    ]
    if synthetic:
        from als_refs.parsing.synthetic import synthetic_examples

        public = data / "grobid_citation_train.jsonl"
        sets.append((synthetic_examples(seed, synthetic, public), "synthetic"))
    out: list[Example] = []
    for examples, name in sets:
        out.extend(examples * WEIGHTS[name])
    return out


# ---------------------------------------------------------------- training


def train(examples: list[Example], model: Path, params: dict[str, Any] | None = None) -> None:
    import pycrfsuite  # type: ignore[import-untyped]

    trainer = pycrfsuite.Trainer(verbose=False)
    for example in examples:
        trainer.append(sequence_features(example.tokens), example.labels)
    trainer.set_params({**PARAMS, **(params or {})})
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model))


def cross_validate(
    examples: list[Example],
    folds: int,
    params: dict[str, Any],
    shared: Path,
    *,
    only: int | None = None,
    errors: Path | None = None,
) -> None:
    """Train on K-1 folds, score the held-out training-set strings through the CLI's
    post-processing with ``score.py``'s eight fields (see :mod:`als_refs.parsing.crossval`)."""
    from als_refs.parsing import crossval

    scorer = crossval.load_scorer(shared)
    gold = {name: {r["id"]: r for r in _jsonl(shared / "parsing" / name)} for name in TRAINING_SETS}
    fold_of = crossval.fold_of([e.source for e in examples], folds)
    tallies = {name: crossval.Tally() for name in TRAINING_SETS}
    tmp = MODEL_DIR / "cv.crfsuite"
    for fold in range(folds) if only is None else [only]:
        started = time.perf_counter()
        train([e for e in examples if fold_of[e.source] != fold], tmp, params)
        held_out = {e.source for e in examples if fold_of[e.source] == fold}
        with crossval.model_in_use(tmp):
            for name, records in gold.items():
                chosen = [r for key, r in records.items() if key in held_out]
                crossval.score_records(scorer, chosen, tallies[name])
        print(f"fold {fold} ({crossval.elapsed(started)})")
        for name, tally in tallies.items():
            print("  " + crossval.report(name, tally), flush=True)
    if errors:
        crossval.write_errors(errors, tallies)
        tmp.replace(errors.with_suffix(".crfsuite"))  # the last fold's model, to look into
    tmp.unlink(missing_ok=True)


def write_manifest(
    shared: Path, examples: list[Example], params: dict[str, Any], synthetic: int = 0, seed: int = 0
) -> None:
    import pycrfsuite

    manifest: dict[str, Any] = {
        "model": MODEL_FILE.name,
        "model_sha256": sha256(MODEL_FILE),
        "inputs": input_hashes(shared, bool(synthetic)),
        "weights": WEIGHTS,
        "params": {**PARAMS, **params},
        "sequences": len(examples),
        "labels": sorted({label for e in examples for label in e.labels}),
        "crfsuite": getattr(pycrfsuite, "CRFSUITE_VERSION", "unknown"),
    }
    if synthetic:
        manifest["synthetic"] = {
            "count": synthetic,
            "seed": seed,
            "generator": "als_refs.parsing.synthetic: records of the listed repository files "
            "rendered by the project's CSL engine (als_refs.styles) in the listed styles",
        }
    MANIFEST_FILE.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--folds", type=int, help="cross-validate instead of training")
    parser.add_argument("--limit", type=int, help="use only the first N examples (quick runs)")
    parser.add_argument("--iterations", type=int, help="override max_iterations")
    parser.add_argument(
        "--synthetic", type=int, default=0, metavar="N", help="add N synthetic strings"
    )
    parser.add_argument("--synthetic-seed", type=int, default=SYNTHETIC_SEED, metavar="SEED")
    parser.add_argument("--only-fold", type=int, help="with --folds: run this fold only")
    parser.add_argument("--errors", type=Path, help="with --folds: write held-out errors here")
    parser.add_argument("--weight", action="append", default=[], help="SET=N (experiments)")
    args = parser.parse_args(argv)
    for item in args.weight:
        name, _, count = item.partition("=")
        WEIGHTS[name] = int(count)
    started = time.perf_counter()
    examples = load_examples(args.shared, args.synthetic, args.synthetic_seed)
    if args.limit:
        random.Random(9).shuffle(examples)
        examples = examples[: args.limit]
    print(f"{len(examples)} sequences ({time.perf_counter() - started:.0f} s to load)")
    params = {"max_iterations": args.iterations} if args.iterations else {}
    if args.folds:
        cross_validate(
            examples, args.folds, params, args.shared, only=args.only_fold, errors=args.errors
        )
        return 0
    train(examples, MODEL_FILE, params)
    write_manifest(args.shared, examples, params, args.synthetic, args.synthetic_seed)
    print(f"wrote {MODEL_FILE} ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
