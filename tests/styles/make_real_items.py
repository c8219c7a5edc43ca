"""Assemble ``tests/data/render-real/items.json`` from public sources (see the README there).

    python tests/styles/make_real_items.py --bbt DIR --biblatex FILE [--citation-js DIR] [--jgm DIR]

``--bbt`` is a checkout of retorquere/zotero-better-bibtex (MIT): its Better CSL JSON export
fixtures are taken whole, its import fixtures (real users' .bib libraries) are converted with
pandoc and sampled by type.  ``--biblatex`` is TeX Live's ``biblatex-examples.bib`` (LPPL),
converted with pandoc.  ``--citation-js`` is a checkout of citation-js/citation-js (MIT): the
CSL-JSON its BibTeX/BibLaTeX mapping tests expect and its BibTeX test inputs (through pandoc).
``--jgm`` is a checkout of jgm/citeproc (BSD-2-Clause): the items of its own test fixtures
(``test/extra``, ``test/overrides``; ``test/csl`` is the official suite, left out).
Items are kept as the sources give them (only ids are prefixed with
their source so that they stay unique); nothing is edited by hand.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "data" / "render-real" / "items.json"
PER_TYPE = 40
# citeproc-js 2.4.63 throws (TypeError reading 'trim') on these entries in the chicago styles,
# which aborts the whole bibliography, so there is no reference output to compare with.
CITEPROC_JS_CRASHES = {
    "bbt-x10-emptybook",
    "bbt-i36-10.2:35d",
    "bbt-x22-Bonissone:PI",
    "cjs-bibtex-Unpublished",
    "cjs-i12-Unpublished",
    "jgm-variables_TitleShortOnShortTitleNoTitleCondition-ITEM-3",
}
ARTICLES = 60


def pandoc_csl(bib: Path) -> list[dict[str, Any]]:
    try:
        done = subprocess.run(
            ["pandoc", "-f", "biblatex", "-t", "csljson", str(bib)],
            capture_output=True,
            text=True,
            timeout=20,
        )
    except subprocess.TimeoutExpired:  # pandoc 2.17 loops on a crossref cycle
        return []
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


def citation_js(root: Path) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    mapping = root / "packages/plugin-bibtex/test/mapping"
    for name in ("bibtex-csl.json", "biblatex-csl.json"):
        data = json.loads((mapping / name).read_text(encoding="utf-8"))
        items += prefixed(data, f"cjs-{name.split('-')[0]}-")
    for n, path in enumerate(sorted((root / "packages/plugin-bibtex/test/input").glob("*.bib"))):
        items += prefixed(pandoc_csl(path), f"cjs-i{n}-")
    return items


SECTION_RE = re.compile(r"^>>=+\s*([A-Z-]+)\s*=+>>\s*$(.*?)^<<=+\s*\1\s*=+<<\s*$", re.M | re.S)


def jgm_fixtures(root: Path) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for folder in ("test/extra", "test/overrides"):
        for path in sorted((root / folder).glob("*.txt")):
            sections = dict(SECTION_RE.findall(path.read_text(encoding="utf-8")))
            try:
                data = json.loads(sections.get("INPUT", "[]"))
            except ValueError:
                continue
            items += prefixed(data, f"jgm-{path.stem}-")
    return items


def citeproc_js_accepts(item: dict[str, Any]) -> bool:
    """citeproc-js aborts the whole bibliography on a date range whose ends differ in length."""
    for value in item.values():
        parts = value.get("date-parts") if isinstance(value, dict) else None
        if isinstance(parts, list) and len(parts) == 2 and len(parts[0]) != len(parts[1]):
            return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bbt", type=Path)
    parser.add_argument("--biblatex", type=Path)
    parser.add_argument("--citation-js", type=Path)
    parser.add_argument("--jgm", type=Path)
    args = parser.parse_args()
    # A source not given keeps the items items.json already holds from it.
    kept: list[dict[str, Any]] = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else []
    sources = [
        (("bl-",), args.biblatex, lambda: prefixed(pandoc_csl(args.biblatex), "bl-")),
        (("bbt-",), args.bbt, lambda: bbt_exports(args.bbt) + bbt_imports(args.bbt)),
        (("cjs-",), args.citation_js, lambda: citation_js(args.citation_js)),
        (("jgm-",), args.jgm, lambda: jgm_fixtures(args.jgm)),
    ]
    items: list[dict[str, Any]] = []
    for prefixes, given, read in sources:
        items += read() if given else [i for i in kept if str(i["id"]).startswith(prefixes)]
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
