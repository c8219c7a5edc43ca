"""Cross-validated field scores for the labeller: ``python -m als_refs.parsing.train --folds K``.

Each fold trains a model on the other folds, puts it behind the same post-processing the CLI
uses (:func:`~als_refs.parsing.parse_reference` -> CSL-JSON) and scores the held-out strings of
the *training* sets with ``../shared/parsing/score.py``'s own functions (its eight fields),
per set, with the calibration figures the benchmark prints (ECE; records whose title or
container is wrong at a confidence above 0.9). The measuring sets are never read here.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from als_refs.parsing import labeller

CONFIDENCE_KEYS = {
    "author": "author_family",
    "title": "title",
    "container-title": "container",
    "issued": "year",
    "volume": "volume",
    "issue": "issue",
    "page": "pages",
}
BUCKETS = 10


@dataclass
class Tally:
    """Scores of one training set over the folds seen so far."""

    counts: dict[str, list[int]] = field(default_factory=dict)
    pairs: list[tuple[float, bool]] = field(default_factory=list)
    records: int = 0
    confident_wrong: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


def load_scorer(shared: Path) -> ModuleType:
    path = shared / "parsing" / "score.py"
    spec = importlib.util.spec_from_file_location("score", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"{path}: cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def model_in_use(path: Path) -> Iterator[None]:
    """The labeller (and so ``parse_reference``) reads ``path`` inside the block."""
    saved = labeller.MODEL_FILE
    labeller.MODEL_FILE = path
    labeller.tagger.cache_clear()
    try:
        yield
    finally:
        labeller.MODEL_FILE = saved
        labeller.tagger.cache_clear()


def fold_of(sources: list[str], folds: int) -> dict[str, int]:
    """Each string's fold from its id alone: the same folds whatever else is trained on."""
    return {s: int(hashlib.sha256(s.encode()).hexdigest(), 16) % folds for s in set(sources)}


def score_records(scorer: ModuleType, records: list[dict[str, Any]], tally: Tally) -> None:
    """Parse each record's text as the CLI does and add its scores to ``tally``."""
    from als_refs.parsing.cleaning import clean
    from als_refs.parsing.reference import parse_reference

    golds, preds = [], []
    for record in records:
        text = " ".join(record["text"].split())
        reference = parse_reference(text).reference
        csl = reference.to_csl() if reference is not None else {}
        golds.append(record)
        preds.append(csl)
        expected, got = scorer.canonical(record), scorer.canonical(csl)
        confidence = labeller.label_text(clean(text).text).confidence
        for key, scored in CONFIDENCE_KEYS.items():
            if got.get(scored) is not None and key in confidence:
                tally.pairs.append((confidence[key], got[scored] == expected.get(scored)))
        wrong = [f for f in scorer.FIELDS if got.get(f) != expected.get(f)]
        record_confidence = (reference.provenance.confidence if reference else None) or 0.0
        if {"title", "container"} & set(wrong) and record_confidence > 0.9:
            tally.confident_wrong += 1
        if wrong:
            tally.errors.append(
                {
                    "id": record["id"],
                    "text": text,
                    "confidence": record_confidence,
                    "wrong": {f: [expected.get(f), got.get(f)] for f in wrong},
                }
            )
    counts, _ = scorer.score(golds, preds)
    for key, (tp, npred, ngold) in counts.items():
        total = tally.counts.setdefault(key, [0, 0, 0])
        total[0] += tp
        total[1] += npred
        total[2] += ngold
    tally.records += len(records)


def ece(pairs: list[tuple[float, bool]]) -> float:
    total = 0.0
    for bucket in range(BUCKETS):
        low, high = bucket / BUCKETS, (bucket + 1) / BUCKETS
        inside = [(c, r) for c, r in pairs if low <= c < high or (bucket == BUCKETS - 1 and c == 1)]
        if inside:
            mean = sum(c for c, _ in inside) / len(inside)
            right = sum(r for _, r in inside) / len(inside)
            total += len(inside) / len(pairs) * abs(right - mean)
    return total


def f1(tp: int, npred: int, ngold: int) -> float:
    precision = tp / npred if npred else 0.0
    recall = tp / ngold if ngold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def report(name: str, tally: Tally) -> str:
    micro = [sum(c[i] for c in tally.counts.values()) for i in range(3)]
    fields = " ".join(f"{k[:6]}={f1(*c):.3f}" for k, c in tally.counts.items())
    share = tally.confident_wrong / max(tally.records, 1)
    return (
        f"{name}: {tally.records} records, micro-F1 {f1(*micro):.4f}; {fields}; "
        f"ECE {ece(tally.pairs):.3f}; wrong title/container at >0.9: {share:.2%}"
    )


def write_errors(path: Path, tallies: dict[str, Tally]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for name, tally in tallies.items():
            for error in tally.errors:
                handle.write(json.dumps({"set": name, **error}, ensure_ascii=False) + "\n")


def elapsed(started: float) -> str:
    return f"{time.perf_counter() - started:.0f} s"
