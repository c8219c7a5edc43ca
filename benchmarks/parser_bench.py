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

``--anystyle`` also runs AnyStyle in the same run: ``--anystyle-cmd`` (default: the
``ALS_REFS_ANYSTYLE`` environment variable, else ``anystyle`` on the PATH) is called as
``CMD -f csl --stdout parse FILE``, the form of AnyStyle's own CLI. If the command also prints
``anystyle-parse-seconds=S`` (and ``anystyle-cpu-seconds=C``) on stderr, AnyStyle's parse-only
rate is S (and C) for the file's references, compared with the labeller's parse-only rate (wall
clock and CPU time) of the same run; otherwise only the whole command's time (Ruby start-up,
model and dictionary loading included) is known and printed.

Providing AnyStyle (rubygems.org is not needed): install Debian's ``ruby``, ``ruby-dev`` and
``ruby-builder``; take source snapshots of inukshuk/anystyle (1.6.0, which ships the published
``lib/anystyle/support/parser.mod``, trained on its ``res/parser/core.xml``), anystyle-data
(1.3.0, with its ``dict.txt.gz`` dictionary), anystyle-cli, wapiti-ruby, bibtex-ruby,
latex-decode, berkmancenter/namae and davetron5000/gli; compile wapiti-ruby's C extension
(``ruby extconf.rb && make`` in ``ext/wapiti``, the ``native.so`` copied into ``lib/wapiti/``;
namae's and bibtex-ruby's racc parsers are committed, Ruby's default racc runtime loads them);
then run ``ruby`` with each snapshot's ``lib`` on ``-I``, either on anystyle-cli's
``bin/anystyle`` or on a few lines of Ruby that load ``anystyle``, parse once to warm up (the
dictionary is read at first use), read the file with ``Wapiti::Dataset.open(FILE,
**AnyStyle::Parser.defaults)`` as the CLI does, time ``AnyStyle.parser.label`` plus
``format_csl`` (what the CLI prints), print ``JSON.pretty_generate`` of the records on stdout
and the seconds on stderr in the form above.

Figures depend on the machine and its load; ratios between rows of one run are what compare.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shlex
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
from als_refs.parsing.crossval import BUCKETS  # noqa: E402
from als_refs.parsing.crossval import CONFIDENCE_KEYS as FIELD_KEYS  # noqa: E402
from als_refs.parsing.labeller import label_text  # noqa: E402

SETS = ("anystyle_gold_heldout.jsonl", "anystyle_good_unseen.jsonl")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--limit", type=int, help="score only the first N references of each set")
    parser.add_argument("--anystyle", action="store_true", help="also run AnyStyle if installed")
    parser.add_argument(
        "--anystyle-cmd",
        default=os.environ.get("ALS_REFS_ANYSTYLE", "anystyle"),
        help="AnyStyle's command (default: $ALS_REFS_ANYSTYLE, else `anystyle`)",
    )
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
        anystyle = shlex.split(args.anystyle_cmd) if args.anystyle else None
        row = _bench_set(scorer_path, scorer, gold, anystyle)
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
    scorer_path: Path, scorer: ModuleType, gold: list[dict[str, Any]], anystyle: list[str] | None
) -> dict[str, Any]:
    texts = _texts(gold)
    crf_rate, crf_cpu_rate = _parse_rates(texts, "crf")
    rules_rate = _parse_rates(texts, "rules")[0]
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
        row["anystyle"] = _anystyle(anystyle, scorer_path, gold, texts)
        _print_ratio(row["anystyle"], crf_rate, crf_cpu_rate)
    row["calibration"] = _calibration(scorer, gold, texts)
    return row


def _csl(reference: Any) -> dict[str, Any]:
    return reference.to_csl() if reference is not None else {}


def _parse_rates(texts: list[str], engine: str) -> tuple[float, float]:
    """Parse-only references/second, by the wall clock and by this process's CPU time."""
    started, cpu_started = time.perf_counter(), time.process_time()
    for text in texts:
        parse_reference(text, engine=engine)  # type: ignore[arg-type]
    cpu_seconds = max(time.process_time() - cpu_started, 1e-9)
    return len(texts) / (time.perf_counter() - started), len(texts) / cpu_seconds


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


def _anystyle(
    command: list[str], scorer_path: Path, gold: list[dict[str, Any]], texts: list[str]
) -> dict[str, Any]:
    if not shutil.which(command[0]):
        print(f"-- AnyStyle: not installed here (no `{command[0]}` command)")
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "refs.txt"
        source.write_text("\n".join(texts) + "\n")
        started = time.perf_counter()
        completed = subprocess.run(
            [*command, "-f", "csl", "--stdout", "parse", str(source)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        seconds = time.perf_counter() - started
    items = json.loads(completed.stdout)
    timing = dict(re.findall(r"anystyle-([a-z]+)-seconds=([0-9.]+)", completed.stderr))
    result: dict[str, Any] = {"command_rate": len(texts) / seconds}
    line = f"-- AnyStyle ({' '.join(command)}), whole command {len(texts) / seconds:.0f} refs/s"
    if "parse" in timing:
        result["parse_rate"] = len(texts) / float(timing["parse"])
        line += f", parse-only {result['parse_rate']:.0f} refs/s"
        seconds = float(timing["parse"])
    if "cpu" in timing:
        result["cpu_rate"] = len(texts) / float(timing["cpu"])
        line += f" ({result['cpu_rate']:.0f} refs/s of CPU time)"
    print(line)
    return {**result, **_score(scorer_path, gold, items, seconds)}


def _print_ratio(anystyle: dict[str, Any], crf_rate: float, crf_cpu_rate: float) -> None:
    """The labeller's parse-only rate over AnyStyle's, measured in this run."""
    if "parse_rate" not in anystyle:
        return
    ratio = crf_rate / anystyle["parse_rate"]
    line = f"-- labeller / AnyStyle, parse-only: {ratio:.2f}x wall clock"
    if "cpu_rate" in anystyle:
        line += f", {crf_cpu_rate / anystyle['cpu_rate']:.2f}x CPU time"
    line += f" (labeller {crf_rate:.0f} refs/s, {crf_cpu_rate:.0f} refs/s of CPU time)"
    print(line)


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
    for name, row in summary:
        anystyle = row.get("anystyle") or {}
        if "micro" in anystyle:
            rate = anystyle.get("parse_rate", anystyle["command_rate"])
            print(
                f"AnyStyle on {name}: micro-F1 {anystyle['micro']['f1']:.3f}, {rate:.0f} refs/s; "
                f"labeller/AnyStyle speed {row['crf_rate'] / rate:.2f}x"
            )


if __name__ == "__main__":
    sys.exit(main())
