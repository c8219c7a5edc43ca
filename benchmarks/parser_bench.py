"""Parser benchmark: field-level micro-F1 on the two public sets, and throughput.

    python benchmarks/parser_bench.py [--shared ../shared] [--limit N]

For each set it runs ``score.py`` (the shared scorer) on ``benchmarks/parser_predict.py`` and
prints the per-field table, then the throughput three ways:

* parser only: references per second inside ``parse_reference`` (one core, one process);
* whole command: wall-clock of the predictor process, start-up and JSON included;
* ``als-refs parse``: the CLI on the same strings (stdin, one per line, CSL-JSON out).

Figures depend on the machine and its load; ratios between rows of one run are what compare.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SETS = (
    ("anystyle_gold_heldout", "anystyle_gold_heldout.jsonl", []),
    ("grobid minus seen", "grobid_citation_train.jsonl", ["--exclude-seen", "anystyle_core,cora"]),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--limit", type=int, help="score only the first N references of each set")
    args = parser.parse_args(argv)
    data = args.shared / "parsing"
    scorer = data / "score.py"
    if not scorer.is_file():
        print(f"parser_bench: {scorer}: not found (give --shared)", file=sys.stderr)
        return 2
    summary = []
    for label, filename, extra in SETS:
        gold = data / filename
        limit = ["--limit", str(args.limit)] if args.limit else []
        scores = _score(scorer, gold, extra + limit, label)
        speed = _speed(gold, extra, args.limit)
        summary.append((label, scores, speed))
    print("\nsummary")
    header = ("set", "micro-F1", "parser refs/s", "command refs/s", "CLI refs/s")
    print(f"{header[0]:24} {header[1]:>9} {header[2]:>14} {header[3]:>15} {header[4]:>11}")
    for label, scores, speed in summary:
        print(
            f"{label:24} {scores['micro']['f1']:9.3f} {speed['parser']:14.0f} "
            f"{speed['command']:15.0f} {speed['cli']:11.0f}"
        )
    return 0


def _score(scorer: Path, gold: Path, extra: list[str], label: str) -> dict[str, dict[str, float]]:
    predict = f"{sys.executable} {REPO / 'benchmarks' / 'parser_predict.py'}"
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "scores.json"
        command = [sys.executable, str(scorer), str(gold), "--run", predict, "--json", str(report)]
        completed = subprocess.run([*command, *extra], capture_output=True, text=True, check=False)
        print(f"\n== {label} ({gold.name})")
        print(completed.stdout.rstrip())
        if completed.returncode != 0:
            print(completed.stderr, file=sys.stderr)
            raise SystemExit(completed.returncode)
        scores: dict[str, dict[str, float]] = _micro(json.loads(report.read_text()))
        return scores


def _micro(report: dict[str, object]) -> dict[str, dict[str, float]]:
    micro = report.get("micro")
    if isinstance(micro, dict) and "f1" in micro:
        return {"micro": {"f1": float(micro["f1"])}}
    return {"micro": {"f1": float("nan")}}


def _texts(gold: Path, extra: list[str], limit: int | None) -> list[str]:
    excluded = set(extra[1].split(",")) if extra[:1] == ["--exclude-seen"] else set()
    texts = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if excluded & set(record.get("seen_in") or []):
            continue
        texts.append(record["text"])
    return texts[:limit] if limit else texts


def _speed(gold: Path, extra: list[str], limit: int | None) -> dict[str, float]:
    sys.path.insert(0, str(REPO))
    from als_refs.parsing import parse_reference

    texts = _texts(gold, extra, limit)
    started = time.perf_counter()
    for text in texts:
        parse_reference(text)
    parser_rate = len(texts) / (time.perf_counter() - started)

    lines = "\n".join(json.dumps({"id": str(i), "text": t}) for i, t in enumerate(texts)) + "\n"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "parser_predict.py")],
        input=lines, capture_output=True, text=True, check=True,
    )  # fmt: skip
    command_rate = len(texts) / (time.perf_counter() - started)

    stdin = "\n".join(" ".join(t.split()) for t in texts) + "\n"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "als_refs", "parse"],
        input=stdin, capture_output=True, text=True, check=True, cwd=REPO,
    )  # fmt: skip
    cli_rate = len(texts) / (time.perf_counter() - started)
    return {"parser": parser_rate, "command": command_rate, "cli": cli_rate}


if __name__ == "__main__":
    sys.exit(main())
