"""Running one CLI invocation on hostile files in a sandbox, and judging what it did.

A :class:`Case` is a command line, the files (and symlinks) it finds in its working folder, and
its stdin. :func:`run_case` lays them out in a fresh sandbox::

    <sandbox>/outside/victim.txt, victim.bib    must never change (the "outside" of a library)
    <sandbox>/work/                             the working folder: the case's files, the cwd

and runs ``als-refs`` in this process (fast: no interpreter start per case) with a time limit,
``ALS_REFS_TRACEBACK=1`` so that a crash shows its traceback, and stdout/stderr captured. The
:class:`Outcome` says what went wrong, if anything: a traceback or exit 4, an exit code outside
the README's 0-3, a run over the time limit, output that is not UTF-8, or a file changed
outside ``work/``. ``{outside}`` in arguments, file contents and link targets is the absolute
path of ``outside/``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import signal
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from als_refs.cli.main import main

README_EXIT_CODES = frozenset({0, 1, 2, 3})
TIME_LIMIT = 60.0


@dataclass(frozen=True)
class Case:
    command: str
    args: tuple[str, ...]
    files: Mapping[str, bytes] = field(default_factory=dict)
    links: Mapping[str, str] = field(default_factory=dict)
    stdin: bytes = b""
    name: str = ""
    routed_to: str | None = None
    """A known crash in code another issue owns (kept out of the CI slice until fixed there)."""

    def describe(self) -> str:
        files = ", ".join(f"{k} ({len(v)} bytes)" for k, v in sorted(self.files.items()))
        links = ", ".join(f"{k} -> {v}" for k, v in sorted(self.links.items()))
        parts = [f"als-refs {self.command} {' '.join(self.args)}"]
        parts += [f"files: {files}"] if files else []
        parts += [f"links: {links}"] if links else []
        parts += [f"stdin: {self.stdin[:120]!r}"] if self.stdin else []
        return "; ".join(parts)


@dataclass(frozen=True)
class Outcome:
    case: Case
    code: int
    seconds: float
    stderr: str
    problems: tuple[str, ...]

    @property
    def crashed(self) -> bool:
        return self.code == 4 or "Traceback (most recent call last)" in self.stderr

    @property
    def traceback(self) -> str:
        start = self.stderr.find("Traceback (most recent call last)")
        return self.stderr[start:] if start >= 0 else ""


class Hang(BaseException):
    """Raised by the alarm: a BaseException, so that the CLI's guard does not swallow it."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def ring(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"over {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def captured(stdin: bytes) -> Iterator[tuple[io.StringIO, io.StringIO]]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, os.environ.get("ALS_REFS_TRACEBACK")
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    os.environ["ALS_REFS_TRACEBACK"] = "1"
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            yield out, err
    finally:
        sys.stdin = saved[0]
        if saved[1] is None:
            os.environ.pop("ALS_REFS_TRACEBACK", None)
        else:
            os.environ["ALS_REFS_TRACEBACK"] = saved[1]


def lay_out(case: Case, sandbox: Path) -> Path:
    outside = sandbox / "outside"
    outside.mkdir()
    (outside / "victim.txt").write_bytes(b"precious\n")
    (outside / "victim.bib").write_bytes(b"@misc{victim, title = {Precious}}\n")
    work = sandbox / "work"
    work.mkdir()
    here = str(outside)
    for relative, content in case.files.items():
        path = work / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.replace(b"{outside}", here.encode()))
    for relative, target in case.links.items():
        path = work / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            path.symlink_to(target.replace("{outside}", here))
    return work


def state_outside(sandbox: Path) -> dict[str, str]:
    """Every entry of the sandbox but ``work/``: what no run may create, change or remove."""
    state = {}
    for dirpath, dirnames, filenames in os.walk(sandbox):
        if Path(dirpath) == sandbox:
            dirnames[:] = [d for d in dirnames if d != "work"]
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            if path.is_symlink():
                state[str(path)] = "-> " + os.readlink(path)
            elif path.is_file():
                state[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                state[str(path)] = "dir"
    return state


def run_case(case: Case, limit: float = TIME_LIMIT) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="als-refs-fuzz-") as name:
        sandbox = Path(name)
        work = lay_out(case, sandbox)
        before = state_outside(sandbox)
        args = [
            case.command,
            *(a.replace("{outside}", str(sandbox / "outside")) for a in case.args),
        ]
        problems: list[str] = []
        started = time.monotonic()
        with captured(case.stdin) as (out, err), contextlib.chdir(work):
            try:
                with time_limit(limit):
                    code = main(args)
            except Hang:
                code = -1
                problems.append(f"ran over {limit:.0f} s")
        seconds = time.monotonic() - started
        problems += _judge(code, out.getvalue(), err.getvalue())
        escaped = _diff(before, state_outside(sandbox))
        problems += [f"changed outside the working folder: {p}" for p in escaped]
        return Outcome(case, code, seconds, err.getvalue(), tuple(problems))


def _judge(code: int, out: str, err: str) -> list[str]:
    problems = []
    if "Traceback (most recent call last)" in err or code == 4:
        last = err.strip().splitlines()[-1] if err.strip() else ""
        problems.append(f"crash (exit {code}): {last}")
    elif code not in README_EXIT_CODES and code != -1:
        problems.append(f"exit code {code} is not one the README lists")
    try:
        out.encode("utf-8")
    except UnicodeEncodeError as exc:
        problems.append(f"stdout is not UTF-8: {exc}")
    return problems


def _diff(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
