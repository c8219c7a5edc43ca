"""The CLI's last guard: an unexpected exception is one line naming the command and its input,
and exit 4 (internal error), never a traceback; ``ALS_REFS_TRACEBACK=1`` shows it for debugging."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from als_refs.cli import build
from als_refs.cli.main import main

from .folders import FAST_CONFIG


def explode(*_: object) -> int:
    raise RuntimeError("boom\nsecond line")


def test_an_unexpected_exception_is_exit_4_and_one_line(
    make_library: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    library = make_library(FAST_CONFIG)
    monkeypatch.delenv("ALS_REFS_TRACEBACK", raising=False)
    monkeypatch.setattr(build, "_build", explode)
    assert main(["build", str(library)]) == 4
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"als-refs: build {library}: internal error (RuntimeError: boom second")
    assert "Traceback" not in err


def test_the_traceback_can_be_asked_for(
    make_library: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    library = make_library(FAST_CONFIG)
    monkeypatch.setenv("ALS_REFS_TRACEBACK", "1")
    monkeypatch.setattr(build, "_build", explode)
    assert main(["build", str(library)]) == 4
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert "internal error (RuntimeError" in err.splitlines()[-1]


def test_the_readme_lists_exit_code_4() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "**4** internal error" in readme
