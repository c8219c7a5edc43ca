"""The reference library the cross-registry CLI tests resolve: the first seed's two trial
listings, the NEALS sentence of the second seed and (optionally) the fifth seed's Neurology
sentence, written as ``sources/*.toml`` under an ``als-refs.toml`` the caller configures."""

from __future__ import annotations

import json
from pathlib import Path

from tests.crossref.refs import PROSE

SEED = "seeds/000_a9e708bc8353a378.txt"
LISTINGS = [
    (39, "Mexiletine for the treatment of muscle cramps in ALS.  Contact | ALS TDI | Website"),
    (
        41,
        "A safety and tolerability study of mexiletine in patients with sporadic ALS.  "
        "Contact | ALS TDI | Website",
    ),
]
NEALS = (
    "A phase II, 60 patient NEALS-sponsored multicenter randomized controlled trial of Mexiletine "
    "in the treatment of ALS was recently completed."
)


def write_library(root: Path, config: str, *, neurology: bool) -> Path:
    """``root`` with ``als-refs.toml`` (``config``) and the sources; returns ``root``."""
    (root / "sources").mkdir(parents=True)
    (root / "als-refs.toml").write_text(config, encoding="utf-8")
    _source(root, "000", SEED, [(line, "trial", text) for line, text in LISTINGS])
    _source(root, "001", "seeds/001_220d4dd2d4e23028.txt", [(16, "prose", NEALS)])
    if neurology:
        _source(root, "004", "seeds/004_dcdbdca86207c0b1.txt", [(11, "prose", PROSE)])
    return root


def _source(root: Path, name: str, document: str, citations: list[tuple[int, str, str]]) -> None:
    lines = [f'document = "{document}"\n']
    for line, kind, text in citations:
        lines.append(f'[[citation]]\nline = {line}\nkind = "{kind}"\ntext = {json.dumps(text)}\n')
    (root / "sources" / f"{name}.toml").write_text("\n".join(lines), encoding="utf-8")
