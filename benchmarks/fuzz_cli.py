"""The long fuzz run over the CLI: generated hostile files, folders and configs, plus the corpus.

    python benchmarks/fuzz_cli.py [--examples 2100] [--seed 14] [--limit 60]

Runs ``--examples`` generated cases spread evenly over parse, extract, convert, format, check and
build (tests/fuzz/strategies.py, drawn by hypothesis from ``--seed``), then every case of the
hostile corpus (tests/fuzz/corpus.py). Prints its size and seed, the exit codes per command, the
slowest run, and every problem: a crash (with its input and traceback, and the issue it belongs
to when it is in code another issue owns), an exit code the README does not list, a run over the
time limit, output that is not UTF-8, a file changed outside the working folder. Exit status 1
when any problem is not routed elsewhere. (The network half of the hostile cases, a hostile
local server, is issue 13's.)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402

from tests.fuzz.corpus import corpus  # noqa: E402
from tests.fuzz.harness import Case, Outcome, run_case  # noqa: E402
from tests.fuzz.strategies import COMMANDS  # noqa: E402
from tests.fuzz.triage import crash_site, known_elsewhere  # noqa: E402


def generated(command: str, examples: int, seed: int, limit: float) -> list[Outcome]:
    outcomes: list[Outcome] = []

    @settings(
        max_examples=examples,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @hypothesis_seed(seed)
    @given(case=COMMANDS[command]())
    def run(case: Case) -> None:
        outcomes.append(run_case(case, limit))

    run()
    return outcomes


def report(outcomes: list[Outcome], seed: int, seconds: float) -> int:
    by_command: dict[str, Counter[int]] = defaultdict(Counter)
    for outcome in outcomes:
        by_command[outcome.case.command][outcome.code] += 1
    generated_count = sum(1 for o in outcomes if not o.case.name)
    print(
        f"fuzz_cli: {len(outcomes)} runs ({generated_count} generated, seed {seed}, "
        f"{len(outcomes) - generated_count} corpus) in {seconds:.0f} s"
    )
    for command, codes in sorted(by_command.items()):
        shown = ", ".join(f"exit {code}: {n}" for code, n in sorted(codes.items()))
        print(f"  {command:8s} {sum(codes.values()):5d} runs  {shown}")
    slowest = max(outcomes, key=lambda o: o.seconds)
    print(f"  slowest run: {slowest.seconds:.2f} s ({slowest.case.describe()[:120]})")
    bad = [o for o in outcomes if o.problems]
    crashes = [o for o in bad if o.crashed]
    routed = [o for o in crashes if known_elsewhere(o)]
    print(
        f"  tracebacks: {len(crashes)} ({len(routed)} in code routed to other issues), "
        f"other problems: {len(bad) - len(crashes)}"
    )
    sites: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for outcome in crashes:
        sites[crash_site(outcome)].append(outcome)
    for (kind, where), group in sorted(sites.items()):
        owner = known_elsewhere(group[0]) or "NOT ROUTED"
        print(f"\n== {kind} in {where}: {len(group)} runs [{owner}]")
        example = min(group, key=lambda o: len(o.case.describe()))
        print(f"   input: {example.case.describe()[:400]}")
        print("   " + "\n   ".join(example.traceback.strip().splitlines()[-6:]))
    for outcome in bad:
        if not outcome.crashed:
            print(f"\n== {'; '.join(outcome.problems)}\n   input: {outcome.case.describe()[:400]}")
    unrouted = [o for o in bad if not (o.crashed and known_elsewhere(o))]
    return 1 if unrouted else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2100, help="generated cases in all")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--limit", type=float, default=60.0, help="seconds allowed per run")
    args = parser.parse_args()
    started = time.monotonic()
    outcomes: list[Outcome] = []
    per_command = max(args.examples // len(COMMANDS), 1)
    for command in sorted(COMMANDS):
        outcomes += generated(command, per_command, args.seed, args.limit)
        print(f"  ... {command}: {per_command} generated", file=sys.stderr, flush=True)
    outcomes += [run_case(case, args.limit) for case in corpus()]
    return report(outcomes, args.seed, time.monotonic() - started)


if __name__ == "__main__":
    sys.exit(main())
