"""Assemble ``tests/data/render-real/items.json`` from public sources (see the README there).

    python tests/styles/make_real_items.py --bbt DIR --biblatex FILE

``--bbt`` is a checkout of retorquere/zotero-better-bibtex (MIT): its Better CSL JSON export
fixtures are taken whole, its import fixtures (real users' .bib libraries) are converted with
pandoc and sampled by type.  ``--biblatex`` is TeX Live's ``biblatex-examples.bib`` (LPPL),
converted with pandoc.  Items are kept as the sources give them (only ids are prefixed with
their source so that they stay unique); nothing is edited by hand.
"""

from __future__ import annotations

import argparse
import json
import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "data" / "render-real" / "items.json"
PER_TYPE = 40
# citeproc-js 2.4.63 throws (TypeError reading 'trim') on these entries in the chicago styles,
# which aborts the whole bibliography, so there is no reference output to compare with.
CITEPROC_JS_CRASHES = {"bbt-x10-emptybook", "bbt-i36-10.2:35d", "bbt-x22-Bonissone:PI"}
ARTICLES = 60


def pandoc_csl(bib: Path) -> list[dict[str, Any]]:
    done = subprocess.run(
        ["pandoc", "-f", "biblatex", "-t", "csljson", str(bib)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if done.returncode:
        return []
    items: list[dict[str, Any]] = json.loads(done.stdout)
    return items


def prefixed(items: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    return [{**item, "id": f"{prefix}{item['id']}"} for item in items if item.get("type")]


def bbt_exports(root: Path) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for n, path in enumerate(sorted((root / "test/fixtures/export").glob("*.csl.json"))):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            continue
        items += prefixed(data if isinstance(data, list) else [data], f"bbt-x{n}-")
    return items


def bbt_imports(root: Path) -> list[dict[str, Any]]:
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n, path in enumerate(sorted((root / "test/fixtures/import").glob("*.bib"))):
        for item in prefixed(pandoc_csl(path), f"bbt-i{n}-"):
            by_type[item["type"]].append(item)
    chosen: list[dict[str, Any]] = []
    for kind, items in sorted(by_type.items()):
        limit = ARTICLES if kind == "article-journal" else PER_TYPE
        step = max(1, len(items) // limit)
        chosen += items[::step][:limit]
    return chosen


def citeproc_js_accepts(item: dict[str, Any]) -> bool:
    """citeproc-js aborts the whole bibliography on a date range whose ends differ in length."""
    for value in item.values():
        parts = value.get("date-parts") if isinstance(value, dict) else None
        if isinstance(parts, list) and len(parts) == 2 and len(parts[0]) != len(parts[1]):
            return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bbt", type=Path, required=True)
    parser.add_argument("--biblatex", type=Path, required=True)
    args = parser.parse_args()
    items = (
        prefixed(pandoc_csl(args.biblatex), "bl-") + bbt_exports(args.bbt) + bbt_imports(args.bbt)
    )
    seen: set[str] = set()
    unique = [
        i
        for i in items
        if citeproc_js_accepts(i)
        and i["id"] not in CITEPROC_JS_CRASHES
        and not (i["id"] in seen or seen.add(i["id"]))
    ]
    OUT.write_text(json.dumps(unique, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(unique)} items")


if __name__ == "__main__":
    main()
