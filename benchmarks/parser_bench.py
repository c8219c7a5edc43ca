"""Parser benchmark: what ``als-refs parse --format csl-json`` prints, scored on the measuring sets.

    python benchmarks/parser_bench.py [--shared ../shared] [--limit N] [--anystyle]

For ``anystyle_gold_heldout.jsonl`` and ``anystyle_good_unseen.jsonl`` (measuring sets: scored
here, never trained or tuned on) it

* runs the CLI on the strings (stdin, one a line) and scores its CSL-JSON with ``score.py``
  (the records are only matched to the gold by order: no field is remapped);
* scores the previous rule parser (``parse_reference(engine="rules")``) in the same run;
* times parse-only references/second on one core for the labeller and for the rules;
* prints the calibration table: predicted fields bucketed by the labeller's confidence, the
  share right in each bucket, the expected calibration error (ECE), and the share of records
  whose title or container is wrong while the record's confidence is above 0.9.

``--anystyle`` also runs AnyStyle (the ``anystyle`` command) when it is installed.
Figures depend on the machine and its load; ratios between rows of one run are what compare.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from als_refs.parsing import parse_reference  # noqa: E402
from als_refs.parsing.cleaning import clean  # noqa: E402
from als_refs.parsing.labeller import label_text  # noqa: E402

SETS = ("anystyle_gold_heldout.jsonl", "anystyle_good_unseen.jsonl")
FIELD_KEYS = {
    "author": "author_family",
    "title": "title",
    "container-title": "container",
    "issued": "year",
    "volume": "volume",
    "issue": "issue",
    "page": "pages",
}
BUCKETS = 10


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--limit", type=int, help="score only the first N references of each set")
    parser.add_argument("--anystyle", action="store_true", help="also run AnyStyle if installed")
    args = parser.parse_args(argv)
    data = args.shared / "parsing"
    scorer_path = data / "score.py"
    if not scorer_path.is_file():
        print(f"parser_bench: {scorer_path}: not found (give --shared)", file=sys.stderr)
        return 2
    scorer = _load(scorer_path)
    summary = []
    for name in SETS:
        gold = [json.loads(line) for line in (data / name).read_text().splitlines() if line]
        gold = gold[: args.limit] if args.limit else gold
        print(f"\n== {name}: {len(gold)} references")
        row = _bench_set(scorer_path, scorer, gold, args.anystyle)
        summary.append((name, row))
    _print_summary(summary)
    return 0


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _texts(gold: list[dict[str, Any]]) -> list[str]:
    return [" ".join(record["text"].split()) for record in gold]


def _bench_set(
    scorer_path: Path, scorer: ModuleType, gold: list[dict[str, Any]], anystyle: bool
) -> dict[str, Any]:
    texts = _texts(gold)
    crf_rate = _parse_rate(texts, "crf")
    rules_rate = _parse_rate(texts, "rules")
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "als_refs", "parse", "--format", "csl-json"],
        input="\n".join(texts) + "\n", capture_output=True, text=True, check=False, cwd=REPO,
    )  # fmt: skip
    cli_seconds = time.perf_counter() - started
    if completed.returncode not in (0, 1):
        raise SystemExit(f"als-refs parse failed: {completed.stderr[-2000:]}")
    items = json.loads(completed.stdout)
    print(f"-- als-refs parse (CLI output), parse-only {crf_rate:.0f} refs/s")
    cli = _score(scorer_path, gold, items, len(texts) / crf_rate)
    print(f"-- previous rule parser, parse-only {rules_rate:.0f} refs/s")
    rule_items = [_csl(parse_reference(t, engine="rules").reference) for t in texts]
    rules = _score(scorer_path, gold, rule_items, len(texts) / rules_rate)
    row: dict[str, Any] = {
        "cli": cli,
        "rules": rules,
        "crf_rate": crf_rate,
        "rules_rate": rules_rate,
        "cli_rate": len(texts) / cli_seconds,
    }
    if anystyle:
        row["anystyle"] = _anystyle(scorer_path, gold, texts)
    row["calibration"] = _calibration(scorer, gold, texts)
    return row


def _csl(reference: Any) -> dict[str, Any]:
    return reference.to_csl() if reference is not None else {}


def _parse_rate(texts: list[str], engine: str) -> float:
    started = time.perf_counter()
    for text in texts:
        parse_reference(text, engine=engine)  # type: ignore[arg-type]
    return len(texts) / (time.perf_counter() - started)


def _score(
    scorer_path: Path, gold: list[dict[str, Any]], items: list[dict[str, Any]], seconds: float
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        gold_file, pred_file, report = (Path(tmp) / n for n in ("g.jsonl", "p.jsonl", "s.json"))
        gold_file.write_text("".join(json.dumps(g) + "\n" for g in gold))
        pred_file.write_text(
            "".join(
                json.dumps({**item, "id": record["id"]}) + "\n"
                for record, item in zip(gold, items, strict=True)
            )
        )
        command = [sys.executable, str(scorer_path), str(gold_file), str(pred_file)]
        command += ["--elapsed", f"{seconds:.6f}", "--json", str(report)]
        completed = subprocess.run(command, capture_output=True, text=True, check=True)
        print(completed.stdout.rstrip())
        scores: dict[str, Any] = json.loads(report.read_text())
        return scores


def _anystyle(scorer_path: Path, gold: list[dict[str, Any]], texts: list[str]) -> dict[str, Any]:
    if not shutil.which("anystyle"):
        print("-- AnyStyle: not installed here (no `anystyle` command)")
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "refs.txt"
        source.write_text("\n".join(texts) + "\n")
        started = time.perf_counter()
        completed = subprocess.run(
            ["anystyle", "-f", "csl", "--stdout", "parse", str(source)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        seconds = time.perf_counter() - started
    items = json.loads(completed.stdout)
    print(f"-- AnyStyle, {len(texts) / seconds:.0f} refs/s (whole command)")
    return _score(scorer_path, gold, items, seconds)


def _calibration(
    scorer: ModuleType, gold: list[dict[str, Any]], texts: list[str]
) -> dict[str, Any]:
    """Each predicted field: (confidence, right?); and records wrong in title/container at >0.9."""
    pairs: list[tuple[float, bool]] = []
    confident_wrong = 0
    for record, text in zip(gold, texts, strict=True):
        expected = scorer.canonical(record)
        reference = parse_reference(text).reference
        got = scorer.canonical(_csl(reference))
        confidence = label_text(clean(text).text).confidence
        for key, scored in FIELD_KEYS.items():
            if got.get(scored) is not None and key in confidence:
                pairs.append((confidence[key], got[scored] == expected.get(scored)))
        wrong = any(got.get(f) != expected.get(f) for f in ("title", "container"))
        record_confidence = reference.provenance.confidence if reference else None
        if wrong and record_confidence is not None and record_confidence > 0.9:
            confident_wrong += 1
    table = []
    ece = 0.0
    for bucket in range(BUCKETS):
        low, high = bucket / BUCKETS, (bucket + 1) / BUCKETS
        inside = [(c, r) for c, r in pairs if low <= c < high or (bucket == BUCKETS - 1 and c == 1)]
        if not inside:
            continue
        mean_confidence = sum(c for c, _ in inside) / len(inside)
        accuracy = sum(r for _, r in inside) / len(inside)
        ece += len(inside) / len(pairs) * abs(accuracy - mean_confidence)
        table.append((low, high, len(inside), mean_confidence, accuracy))
    print("-- calibration (predicted fields by confidence)")
    print(f"{'bucket':>11} {'fields':>7} {'mean conf':>10} {'right':>7}")
    for low, high, count, mean_confidence, accuracy in table:
        print(f"{low:5.1f}-{high:3.1f} {count:9d} {mean_confidence:10.3f} {accuracy:7.3f}")
    share = confident_wrong / max(len(gold), 1)
    print(f"ECE {ece:.4f}; records with a wrong title/container at confidence >0.9: {share:.2%}")
    return {"ece": ece, "confident_wrong": share, "table": table}


def _print_summary(summary: list[tuple[str, dict[str, Any]]]) -> None:
    print("\nsummary")
    header = (
        "set                         CLI F1  rules F1  labeller/s  rules/s  CLI/s   ECE  wrong>0.9"
    )
    print(header)
    for name, row in summary:
        print(
            f"{name:27} {row['cli']['micro']['f1']:6.3f} {row['rules']['micro']['f1']:9.3f} "
            f"{row['crf_rate']:11.0f} {row['rules_rate']:8.0f} {row['cli_rate']:6.0f} "
            f"{row['calibration']['ece']:5.3f} {row['calibration']['confident_wrong']:9.2%}"
        )


if __name__ == "__main__":
    sys.exit(main())
