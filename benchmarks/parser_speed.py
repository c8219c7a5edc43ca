"""Parser speed on training-set strings: parse-only refs/s on one core, and the whole CLI.

    python benchmarks/parser_speed.py [--shared ../shared] [--count 10000] [--repeat 3]

Strings: the ``text`` of ``grobid_citation_train.jsonl`` then ``anystyle_core_train.jsonl``
(training sets; the measuring sets' speed is printed by ``parser_bench.py``), whitespace
normalised, the first ``--count``. Every engine runs in a fresh process (cold caches, one core):

* ``labeller``: ``parse_reference`` (cleaning, the CRF labeller, the record), what the CLI does;
* ``rules``: ``parse_reference(engine="rules")``, the previous hand-written parser;
* ``crfsuite``: a plain python-crfsuite tagger over the same features: tokens, feature strings,
  ``Tagger.tag`` and each token's marginal, nothing more (no record is built);

each ``--repeat`` times, in turn, so that every round compares engines under the same load.
Then ``als-refs parse --format csl-json`` on all the strings (stdin -> stdout), with its
default workers and with ``--jobs 1``: wall and CPU seconds. The machine is shared: ratios
within a round are what compare; the load average is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TRAINING_SETS = ("grobid_citation_train.jsonl", "anystyle_core_train.jsonl")
ENGINES = ("labeller", "rules", "crfsuite")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", nargs=2, metavar=("ENGINE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        return _one(*args.one)
    texts = training_strings(args.shared, args.count)
    print(f"{len(texts)} training-set strings; load average {_load()}")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "strings.txt"
        source.write_text("\n".join(texts) + "\n", encoding="utf-8")
        rounds = [_round(source) for _ in range(args.repeat)]
        _print_rates(rounds)
        cli = [_cli(source, jobs) for jobs in (None, 1)]
    crfsuite_seconds = len(texts) / max(r["crfsuite"][1] for r in rounds)
    for (wall, cpu), label in zip(cli, ("default workers", "--jobs 1"), strict=True):
        print(
            f"als-refs parse ({label}): {wall:.1f} s wall, {cpu:.1f} s CPU; "
            f"{wall / crfsuite_seconds:.2f}x the plain crfsuite pass's time"
        )
    print(f"load average {_load()}")
    return 0


def training_strings(shared: Path, count: int) -> list[str]:
    texts: list[str] = []
    for name in TRAINING_SETS:
        for line in (shared / "parsing" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(" ".join(json.loads(line)["text"].split()))
    return texts[:count]


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def _round(source: Path) -> dict[str, tuple[float, float]]:
    """Each engine's (CPU rate, wall rate) in refs/s, one fresh process each."""
    rates: dict[str, tuple[float, float]] = {}
    for engine in ENGINES:
        command = [sys.executable, __file__, "--one", engine, str(source)]
        completed = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO)
        cpu, wall = (float(v) for v in completed.stdout.split())
        rates[engine] = (cpu, wall)
    return rates


def _print_rates(rounds: list[dict[str, tuple[float, float]]]) -> None:
    print("parse only, one core, refs/s (CPU time / wall time), each round in turn:")
    for engine in ENGINES:
        shown = ", ".join(f"{r[engine][0]:,.0f} / {r[engine][1]:,.0f}" for r in rounds)
        print(f"  {engine:9} {shown}")
    for peer in ("rules", "crfsuite"):
        ratios = [r["labeller"][1] / r[peer][1] for r in rounds]
        print(
            f"  labeller / {peer}: {statistics.median(ratios):.2f}x (wall, median of rounds; "
            f"{', '.join(f'{x:.2f}' for x in ratios)})"
        )


def _cli(source: Path, jobs: int | None) -> tuple[float, float]:
    command = [sys.executable, "-m", "als_refs", "parse", "--format", "csl-json"]
    command += ["--jobs", str(jobs)] if jobs else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with source.open("rb") as stdin:
        completed = subprocess.run(command, stdin=stdin, capture_output=True, check=False, cwd=REPO)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode not in (0, 1):
        raise SystemExit(f"als-refs parse failed: {completed.stderr[-2000:]!r}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _one(engine: str, file: str) -> int:
    """In a fresh process: time one engine over the strings; print CPU and wall refs/s."""
    sys.path.insert(0, str(REPO))
    texts = Path(file).read_text(encoding="utf-8").split("\n")[:-1]
    run = _engine(engine)
    run("Smith J. A study of things. Neurology. 2016;86(16):1474-81.")  # loads the model
    cpu, wall = time.process_time(), time.perf_counter()
    for text in texts:
        run(text)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"{len(texts) / cpu:.1f} {len(texts) / wall:.1f}")
    return 0


def _engine(name: str) -> Callable[[str], object]:
    from als_refs.parsing import parse_reference

    if name == "labeller":
        return parse_reference
    if name == "rules":
        return lambda text: parse_reference(text, engine="rules")
    return _plain_crfsuite()


def _plain_crfsuite() -> Callable[[str], object]:
    """Tagging only, the straightforward way: str features, ``tag``, one marginal a token."""
    import pycrfsuite  # type: ignore[import-untyped]

    from als_refs.parsing.cleaning import clean
    from als_refs.parsing.features import sequence_features, tokenize
    from als_refs.parsing.labeller import MODEL_FILE

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_FILE))

    def run(text: str) -> list[float]:
        words = [token for token, _, _ in tokenize(clean(text).text)]
        if not words:
            return []
        labels = tagger.tag(sequence_features(words))
        return [tagger.marginal(label, i) for i, label in enumerate(labels)]

    return run


if __name__ == "__main__":
    sys.exit(main())
