"""``als-refs convert`` against pandoc on the same 20,000-entry files, in one run.

    python benchmarks/interchange_bench.py [--entries 20000] [--keep DIR]

The .bib is made of real entries (biblatex's ``biblatex-examples.bib`` and BibTeX's
``xampl.bib``, found with kpsewhich) repeated under new keys until it holds ``--entries``
entries; ``crossref``/``xdata`` links are kept within each copy. Each converter runs in its own
process; wall time and peak memory (the child's maximum resident set) are measured the same way
for both, and the figures that count are the ratios als-refs/pandoc.

Directions: .bib -> CSL-JSON (pandoc ``-f biblatex -t csljson``) and CSL-JSON -> .bib (pandoc
``-f csljson -t biblatex``, given the CSL-JSON pandoc itself wrote).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOURCES = ("biblatex-examples.bib", "xampl.bib")
_ENTRY_START = re.compile(r"^@(\w+)\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)
_LINK = re.compile(r"(\b(?:crossref|xdata)\s*=\s*[{\"])([^}\"]+)([}\"])", re.IGNORECASE)


def real_entries() -> str:
    texts = []
    for name in SOURCES:
        found = subprocess.run(["kpsewhich", name], capture_output=True, text=True, check=True)
        texts.append(Path(found.stdout.strip()).read_text(encoding="utf-8"))
    return "\n".join(texts)


def copies(text: str, wanted: int) -> str:
    per_copy = len(_ENTRY_START.findall(text))
    rounds = -(-wanted // per_copy)
    out = []
    for n in range(rounds):
        renamed = _ENTRY_START.sub(lambda m, n=n: f"@{m[1]}{{{m[2]}-c{n},", text)
        renamed = _LINK.sub(
            lambda m, n=n: m[1] + ",".join(f"{k.strip()}-c{n}" for k in m[2].split(",")) + m[3],
            renamed,
        )
        out.append(renamed)
    return "\n".join(out)


def measure(command: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: entries skipped with warnings
        raise SystemExit(f"{command[0]} failed ({status}): {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20000)
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    args = parser.parse_args()
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        raise SystemExit("pandoc is needed: apt-get install pandoc")
    folder = args.keep or Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    bib = folder / "real.bib"
    bib.write_text(copies(real_entries(), args.entries), encoding="utf-8")
    entries = len(_ENTRY_START.findall(bib.read_text(encoding="utf-8")))
    ours = [sys.executable, "-m", "als_refs", "convert"]
    runs = {
        ".bib -> CSL-JSON": (
            [*ours, str(bib), str(folder / "ours.json")],
            [pandoc, "-f", "biblatex", "-t", "csljson", str(bib), "-o", str(folder / "pd.json")],
        ),
        "CSL-JSON -> .bib": (
            [*ours, str(folder / "pd.json"), str(folder / "ours.bib")],
            [pandoc, "-f", "csljson", "-t", "biblatex", str(folder / "pd.json"), "-o",
             str(folder / "pd.bib")],
        ),
    }  # fmt: skip
    print(f"{entries} entries (real entries of {', '.join(SOURCES)}, repeated under new keys)")
    print(f"{'direction':<18} {'als-refs':>18} {'pandoc':>18} {'time ratio':>11} {'memory':>8}")
    for direction, (mine, theirs) in runs.items():
        # pandoc first: the CSL-JSON -> .bib run reads what pandoc wrote in the first direction.
        their_time, their_mb = measure(theirs)
        my_time, my_mb = measure(mine)
        print(
            f"{direction:<18} {my_time:7.1f} s {my_mb:6.0f} MB {their_time:7.1f} s "
            f"{their_mb:6.0f} MB {my_time / their_time:10.2f}x {my_mb / their_mb:7.2f}x"
        )


if __name__ == "__main__":
    main()
