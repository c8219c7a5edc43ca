"""Static checks are part of the suite: mypy --strict and ruff over the package and the tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)


def test_mypy_strict_is_clean() -> None:
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("target", ["als_refs", "tests", "benchmarks"])
def test_ruff_is_clean(target: str) -> None:
    ruff = shutil.which("ruff")
    assert ruff, "ruff is a test dependency: pip install '.[test]'"
    result = run(ruff, "check", target)
    assert result.returncode == 0, result.stdout + result.stderr


def test_public_api_is_explicit() -> None:
    import inspect

    import als_refs

    public = {
        name
        for name, value in vars(als_refs).items()
        if not name.startswith("_") and not inspect.ismodule(value) and name != "annotations"
    }
    assert public == set(als_refs.__all__) - {"__version__"}
    assert als_refs.__all__ == sorted(als_refs.__all__)
