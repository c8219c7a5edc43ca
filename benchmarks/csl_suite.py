"""Run the official CSL processor test suite with our engine and with citeproc-py, same run.

    python benchmarks/csl_suite.py [FILTER] [--jobs N] [--json out.json] [--no-citeproc-py]

Fixtures come from ``../shared/csl/test-suite`` (citation-style-language/test-suite,
processor-tests/humans). Each fixture is rendered the way ``../shared/csl/tools/run_suite.js``
drives citeproc-js (the reference: 824/845), and compared after the same normalisation (trailing
whitespace; ``&amp;`` = ``&#38;`` and friends). citeproc-py runs through the shared
``run_suite.py`` harness, so both numbers come from this one run.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import signal
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared" / "csl"
SUITE = SHARED / "test-suite"
TIMEOUT = 20
SECTION_RE = re.compile(
    r"^>>=+\s*([A-Z-]+)\s*=+>>\s*$(.*?)^<<=+\s*\1\s*=+<<\s*$", re.MULTILINE | re.DOTALL
)
ENTITIES = (
    ("&amp;", "&#38;"),
    ("&lt;", "&#60;"),
    ("&gt;", "&#62;"),
    ("&quot;", '"'),
    ("&#34;", '"'),
    ("&#39;", "'"),
)


def parse_fixture(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8-sig")
    return {m.group(1): m.group(2).strip("\n") for m in SECTION_RE.finditer(text)}


def norm_strict(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


def norm_lenient(text: str) -> str:
    text = norm_strict(text)
    for a, b in ENTITIES:
        text = text.replace(a, b)
    return text


class _TimeoutError(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _TimeoutError


def _cite_item(data: dict[str, Any]) -> Any:
    from als_refs.styles.processor import CiteItem

    locator = data.get("locator")
    return CiteItem(
        str(data["id"]),
        locator=None if locator in (None, "") else str(locator),
        label=data.get("label"),
        prefix=data.get("prefix") or "",
        suffix=data.get("suffix") or "",
        suppress_author=bool(data.get("suppress-author")),
    )


def render_ours(sections: dict[str, str]) -> str:
    from als_refs.styles.engine import parse_style_string
    from als_refs.styles.processor import Processor
    from als_refs.styles.richtext import to_html

    mode = sections["MODE"].strip()
    items = json.loads(sections["INPUT"])
    for index, item in enumerate(items):
        item.setdefault("id", f"ITEM-{index + 1}")
        item["id"] = str(item["id"])
        item.setdefault("type", "book")
    style = parse_style_string(sections["CSL"])
    out: list[str] = []
    if "CITATIONS" in sections:
        processor, lines = _citations(style, items, json.loads(sections["CITATIONS"]))
        if mode == "citation":
            out += lines
    elif "CITATION-ITEMS" in sections:
        clusters = [
            [_cite_item(c) for c in cluster] for cluster in json.loads(sections["CITATION-ITEMS"])
        ]
        processor = Processor(style, items)
        if mode == "citation":
            out += [to_html(runs) for runs in processor.cite_clusters(clusters)]
    else:
        processor = Processor(style, items)
        if mode == "citation":
            out.append(to_html(processor.cite_runs([_cite_item({"id": i["id"]}) for i in items])))
    if mode.startswith("bibliography"):
        body = "".join(
            f'  <div class="csl-entry">{to_html(entry.runs)}</div>\n'
            for entry in processor.bibliography()
        )
        out.append(f'<div class="csl-bib-body">\n{body}</div>')
    return "\n".join(out)


def _citations(
    style: Any, items: list[dict[str, Any]], entries: list[Any]
) -> tuple[Any, list[str]]:
    """Replay processCitationCluster calls as run_suite.js does: each call places a citation
    among those before and after it; output lists every citation, ">>" marking the ones the
    last call updated. As citeproc-js, a citation is updated when its text changes, when a
    cite's position, near-note or first note number changes, or when an item it cites gets a
    new first note (citeproc-js taints every citation of that item)."""
    from als_refs.styles.processor import Processor
    from als_refs.styles.richtext import to_html

    by_id = {item["id"]: item for item in items}
    store: dict[str, Any] = {}
    texts: dict[int, str] = {}
    previous: dict[str, str] = {}
    previous_cites: dict[str, tuple[Any, ...]] = {}
    previous_first: dict[str, int] = {}
    changed: set[int] = set()
    processor = Processor(style, [])
    for n, (citation, pre, post) in enumerate(entries):
        cid = citation.get("citationID") or f"CITATION-{n}"
        store[cid] = citation
        doc = [p[0] for p in pre] + [cid] + [p[0] for p in post]
        notes = {p[0]: int(p[1] or 0) for p in [*pre, *post]}
        notes[cid] = int(citation.get("properties", {}).get("noteIndex", 0) or 0)
        clusters = [[_cite_item(c) for c in store[i]["citationItems"]] for i in doc if i in store]
        order: list[str] = []
        for cluster in clusters:
            order += [c.id for c in cluster if c.id not in order and c.id in by_id]
        processor = Processor(style, [by_id[i] for i in order])
        cluster_notes = [notes.get(i, 0) for i in doc if i in store]
        placed = processor.positioned(clusters, cluster_notes)
        first: dict[str, int] = {}
        for cites, note in zip(placed, cluster_notes, strict=True):
            for cite in cites:
                first.setdefault(cite.id, note)
        tainted = {i for i, note in first.items() if previous_first.get(i, note) != note}
        previous_first = first
        changed = set()
        for index, (key, cites) in enumerate(zip(doc, placed, strict=False)):
            text = to_html(processor.cite_runs(cites))
            signature = tuple((c.id, c.position, c.near_note, c.first_note) for c in cites)
            moved = previous_cites.get(key, signature) != signature
            if key == cid or previous.get(key) != text or moved or tainted & {c.id for c in cites}:
                texts[index] = text
                changed.add(index)
            previous[key] = text
            previous_cites[key] = signature
    lines = [f"{'>>' if i in changed else '..'}[{i}] {texts[i]}" for i in sorted(texts)]
    return processor, lines


def run_ours(path: Path) -> dict[str, Any]:
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIMEOUT)
    name = path.stem
    try:
        sections = parse_fixture(path)
        got = render_ours(sections)
        signal.alarm(0)
        expected = sections["RESULT"]
        lenient = norm_lenient(got) == norm_lenient(expected)
        return {
            "name": name,
            "status": "pass" if lenient else "wrong",
            "lenient": lenient,
            "strict": norm_strict(got) == norm_strict(expected),
            "got": got,
            "expected": expected,
        }
    except _TimeoutError:
        return {
            "name": name,
            "status": "error",
            "error": "timeout",
            "lenient": False,
            "strict": False,
        }
    except Exception as exc:  # a crash on one fixture is a failed fixture, not a failed run
        signal.alarm(0)
        return {
            "name": name,
            "status": "error",
            "error": f"{type(exc).__name__}: {exc}"[:300],
            "lenient": False,
            "strict": False,
        }


def run_citeproc_py(path: Path) -> dict[str, Any]:
    sys.path.insert(0, str(SHARED / "tools"))
    import run_suite  # the shared harness for citeproc-py

    result: dict[str, Any] = run_suite.run_one(str(path))
    return result


def summary(label: str, results: list[dict[str, Any]], seconds: float) -> str:
    total = len(results)
    lenient = sum(bool(r["lenient"]) for r in results)
    strict = sum(bool(r["strict"]) for r in results)
    errors = sum(r["status"] == "error" for r in results)
    return (
        f"{label:<12} passed {lenient}/{total} ({100 * lenient / max(total, 1):.1f} %)  "
        f"strict {strict}  errors {errors}  in {seconds:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("filter", nargs="?", default="", help="only fixtures whose name has this")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", help="write our per-fixture results here")
    parser.add_argument("--no-citeproc-py", action="store_true", help="skip the citeproc-py run")
    args = parser.parse_args()
    files = sorted(p for p in SUITE.glob("*.txt") if args.filter in p.name)
    if not files:
        sys.exit(f"no fixtures in {SUITE}")
    with multiprocessing.Pool(args.jobs, maxtasksperchild=100) as pool:
        start = time.perf_counter()
        ours = pool.map(run_ours, files, chunksize=8)
        ours_time = time.perf_counter() - start
        print(summary("als-refs", ours, ours_time))
        if not args.no_citeproc_py:
            start = time.perf_counter()
            theirs = pool.map(run_citeproc_py, files, chunksize=4)
            print(summary("citeproc-py", theirs, time.perf_counter() - start))
    print("citeproc-js 2.4.63 (reference, ../shared/csl/README.md): 824/845")
    if args.json:
        Path(args.json).write_text(json.dumps(ours, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
