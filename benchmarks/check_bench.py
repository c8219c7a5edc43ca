"""``als-refs check`` versus ``als-refs convert`` on the same generated .bib, in one run.

    python benchmarks/check_bench.py [--entries 20000] [--keep FILE]

The file (constructed) mixes articles with DOIs, ISSNs with qualifiers, ISBNs, recurring
same-title items ("Treasurer's report" in every issue) and a few true duplicates. Each command
runs in its own process (``python -m als_refs``) so both pay the same start-up; the ratio
check/convert is what the issue bounds (at most 3).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TOPICS = ["pain", "cramps", "fatigue", "dysphagia", "sleep", "spasticity", "weight", "mood"]


def entry(n: int) -> str:
    topic = TOPICS[n % len(TOPICS)]
    if n % 10 == 0:  # a recurring item: same title every issue
        return (
            f"@article{{report{n},\n  title = {{Treasurer's report}},\n"
            f"  journal = {{Constructed Society Bulletin}},\n  year = {{{2000 + n % 20}}},\n"
            f"  volume = {{{n // 120}}},\n  number = {{{n % 12 + 1}}},\n"
            f"  pages = {{{n % 90 + 1}}},\n"
            f"  issn = {{0096-3003 (print), 1873-5649 (electronic)}}\n}}\n"
        )
    if n % 10 == 1:
        return (
            f"@book{{book{n},\n  author = {{Author{n}, Given}},\n"
            f"  title = {{A book on {topic} {n}}},\n"
            f"  publisher = {{Constructed Press}},\n  year = {{{1990 + n % 30}}},\n"
            f"  isbn = {{0-262-24011-4 (hardcover)}}\n}}\n"
        )
    return (
        f"@article{{art{n},\n  author = {{Family{n % 997}, A. and Other{n % 13}, B.}},\n"
        f"  title = {{The {topic} of motor neuron disease, study {n}}},\n"
        f"  journal = {{Constructed Journal of Neuromuscular Testing}},\n"
        f"  year = {{{2000 + n % 25}}},\n  volume = {{{n % 40 + 1}}},\n"
        f"  number = {{{n % 6 + 1}}},\n"
        f"  pages = {{{n % 500 + 1}--{n % 500 + 9}}},\n  doi = {{10.5555/bench.{n}}}\n}}\n"
    )


def run(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "als_refs", *args], capture_output=True, check=False)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=20000)
    parser.add_argument("--keep", type=Path, help="write the generated .bib here and keep it")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bib = options.keep or Path(tmp) / "bench.bib"
        bib.write_text("".join(entry(n) for n in range(options.entries)), encoding="utf-8")
        convert = run(["convert", str(bib), str(Path(tmp) / "out.json")])
        check = run(["check", str(bib)])
    print(f"entries: {options.entries}")
    print(f"convert: {convert:.1f} s")
    print(f"check:   {check:.1f} s")
    print(f"ratio check/convert: {check / convert:.2f} (issue 10 bound: 3.00)")


if __name__ == "__main__":
    main()
