"""Has a speed change changed what the parser prints? Record, then compare, the CLI's output.

    python benchmarks/parse_identity.py record before.json [--count 10000] [--jobs N]
    (change the code)
    python benchmarks/parse_identity.py compare before.json [--count 10000] [--jobs N]

Runs ``als-refs parse --format csl-json`` on the first ``--count`` training-set strings (the
same strings as ``parser_speed.py``) and writes its stdout, or checks it is byte-identical to a
recorded run; on a difference it names the first record that differs and shows both. A change
to the model or the features changes the output on purpose: record again after retraining.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from parser_speed import training_strings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("record", "compare"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, help="passed to als-refs parse")
    args = parser.parse_args(argv)
    output = _run(training_strings(args.shared, args.count), args.jobs)
    if args.action == "record":
        args.file.write_bytes(output)
        print(f"recorded {len(output):,} bytes to {args.file}")
        return 0
    recorded = args.file.read_bytes()
    if output == recorded:
        print(f"identical: {len(output):,} bytes")
        return 0
    _show_difference(json.loads(recorded), json.loads(output))
    return 1


def _run(texts: list[str], jobs: int | None) -> bytes:
    command = [sys.executable, "-m", "als_refs", "parse", "--format", "csl-json"]
    command += ["--jobs", str(jobs)] if jobs else []
    stdin = ("\n".join(texts) + "\n").encode("utf-8")
    completed = subprocess.run(command, input=stdin, capture_output=True, check=False, cwd=REPO)
    if completed.returncode not in (0, 1):
        raise SystemExit(f"als-refs parse failed: {completed.stderr[-2000:]!r}")
    return completed.stdout


def _show_difference(before: list[object], after: list[object]) -> None:
    if len(before) != len(after):
        print(f"DIFFERENT: {len(before)} records recorded, {len(after)} now")
    for index, (old, new) in enumerate(zip(before, after, strict=False)):
        if old != new:
            print(f"DIFFERENT: record {index + 1} (input line {index + 1}) first")
            print("recorded:", json.dumps(old, ensure_ascii=False, sort_keys=True))
            print("now:     ", json.dumps(new, ensure_ascii=False, sort_keys=True))
            return
    print("DIFFERENT: the same records, laid out differently")


if __name__ == "__main__":
    sys.exit(main())
