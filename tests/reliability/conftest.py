"""A small library to attack: two of the project's own source files in a folder, with a sibling
``outside/`` folder whose every byte must survive whatever the library's config says."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .folders import FAST_CONFIG, REFERENCES, snapshot


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "victim.txt").write_text("precious\n", encoding="utf-8")
    return folder


@pytest.fixture
def make_library(tmp_path: Path, outside: Path) -> Callable[[str], Path]:
    def make(config: str = FAST_CONFIG) -> Path:
        library = tmp_path / "work" / "lib"
        (library / "sources").mkdir(parents=True)
        for name in sorted(p.name for p in (REFERENCES / "sources").glob("*.toml"))[:2]:
            shutil.copy(REFERENCES / "sources" / name, library / "sources" / name)
        (library / "als-refs.toml").write_text(config, encoding="utf-8")
        return library

    return make


@pytest.fixture
def untouched(tmp_path: Path, outside: Path) -> Callable[[], None]:
    """Call at the end of a test: nothing outside the library changed, and no stray temp file
    appeared next to it."""
    before = snapshot(outside)

    def check() -> None:
        assert snapshot(outside) == before
        work = tmp_path / "work"
        if work.exists():
            assert sorted(p.name for p in work.iterdir()) == ["lib"]

    return check
