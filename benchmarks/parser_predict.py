"""Predictor for ``score.py --run``: ``{"id","text"}`` JSONL on stdin -> CSL-JSON lines on stdout.

The first line is ``{"_meta": {"elapsed_s": ...}}``: the parser-only time (start-up and JSON
excluded), so score.py reports the parser's own references per second.

CSL ``number`` (article number, report number) is left out of the output: score.py reads
``number`` as the issue, which it is not in CSL.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from als_refs.parsing import parse_reference


def main() -> int:
    items = [json.loads(line) for line in sys.stdin if line.strip()]
    started = time.perf_counter()
    results = [parse_reference(item["text"], id=str(item["id"])) for item in items]
    elapsed = time.perf_counter() - started
    out = [json.dumps({"_meta": {"elapsed_s": elapsed}})]
    for item, result in zip(items, results, strict=True):
        reference = result.reference
        csl = reference.to_csl() if reference else {}
        # score.py reads "number" as the issue; both labelled sets file article numbers
        # (e00296, 403808) under pages, so that is where they are scored.
        number = csl.pop("number", None)
        if number and "page" not in csl and not str(number).startswith("arXiv"):
            csl["page"] = number
        csl.pop("custom", None)
        csl["id"] = item["id"]
        out.append(json.dumps(csl, ensure_ascii=False))
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
