"""The README stays true: its Python examples run, its quickstart is what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
CI_SCRIPT = README.parent / ".ci" / "run"


def python_examples() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)


def quickstart_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- quickstart -->")[1].split("<!-- /quickstart -->")[0]
    return [line[2:] for line in block.splitlines() if line.startswith("$ ")]


@pytest.mark.parametrize("example", python_examples(), ids=lambda s: s.splitlines()[0][:40])
def test_python_example_runs(example: str) -> None:
    exec(compile(example, str(README), "exec"), {})


def test_quickstart_is_two_commands_build_then_tests() -> None:
    install_and_build, install_and_test = quickstart_commands()
    assert install_and_build.endswith("als-refs build")
    assert "[test]" in install_and_test and install_and_test.endswith("pytest")


def test_ci_runs_the_quickstart_from_the_readme() -> None:
    script = CI_SCRIPT.read_text(encoding="utf-8")
    assert "<!-- quickstart -->" in script and "commands[1]" in script


def test_every_cli_command_is_documented() -> None:
    from als_refs.cli.main import build_parser

    text = README.read_text(encoding="utf-8")
    subparsers = build_parser()._subparsers
    assert subparsers is not None
    names = [name for action in subparsers._group_actions for name in action.choices]  # type: ignore[attr-defined]
    missing = [name for name in names if f"als-refs {name}" not in text]
    assert not missing, f"commands missing from the README: {missing}"
