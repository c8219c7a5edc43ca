"""Runs that overlap on one library folder, and runs killed with SIGKILL: each run either
finishes or leaves the previous state; no crash, no half-written or invalid file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from als_refs.lockfile import loads_lock

from .folders import FAST_CONFIG, snapshot

ENV = {**os.environ, "PYTHONHASHSEED": "0"}


def start(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "als_refs", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )


def outputs(library: Path) -> dict[str, tuple[str, str]]:
    return {k: v for k, v in snapshot(library).items() if not k.startswith("sources")}


def test_concurrent_builds_all_succeed_with_the_same_outputs(
    make_library: Callable[[str], Path],
) -> None:
    library = make_library(FAST_CONFIG)
    runs = [start("build", str(library)) for _ in range(3)]
    results = [(run.wait(timeout=120), run.communicate()[1].decode()) for run in runs]
    assert [code for code, _ in results] == [0, 0, 0], results
    assert not any("Traceback" in err for _, err in results)
    concurrent = outputs(library)
    assert not [name for name in concurrent if name.endswith(".tmp")]
    for name in ("references.bib", "references.json", "citekeys.json", "bibliography/apa.txt"):
        (library / name).unlink()
    assert start("build", str(library)).wait(timeout=120) == 0
    assert outputs(library) == concurrent


def test_concurrent_resolves_serialise_and_write_one_valid_lockfile(
    make_library: Callable[[str], Path], tmp_path: Path
) -> None:
    from tests.crossref.server import CrossrefServer

    library = make_library(FAST_CONFIG)
    server = CrossrefServer().start()
    try:
        common = ["--crossref-url", server.url, "--cache-dir", str(tmp_path / "cache")]
        runs = [start("resolve", str(library), *common) for _ in range(2)]
        results = [(run.wait(timeout=300), run.communicate()[1].decode()) for run in runs]
    finally:
        server.stop()
    assert [code for code, _ in results] == [0, 0], results
    assert any("waiting for" in err for _, err in results)  # the second waited its turn
    lock = loads_lock((library / "als-refs.lock.json").read_text(encoding="utf-8"))
    assert any(entry.status == "verified" for entry in lock.entries.values())
    assert (library / "als-refs.lock.json").stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


WRITER = """
import sys
from pathlib import Path
from als_refs.fileio import atomic_write
target = Path(sys.argv[1])
big = [b"A" * 3_000_000, b"B" * 2_000_000]
print("ready", flush=True)
n = 0
while True:
    atomic_write(target, big[n % 2])
    n += 1
"""


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.4])
def test_a_write_killed_with_sigkill_leaves_an_old_or_new_file(
    tmp_path: Path, delay: float
) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"A" * 3_000_000)
    target.chmod(0o644)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, env=ENV
    )
    assert writer.stdout is not None
    assert writer.stdout.readline() == b"ready\n"
    time.sleep(delay)
    writer.send_signal(signal.SIGKILL)
    assert writer.wait(timeout=30) == -signal.SIGKILL
    data = target.read_bytes()
    assert data in (b"A" * 3_000_000, b"B" * 2_000_000)
    assert target.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("delay", [0.3, 0.6, 0.9, 1.2])
def test_a_build_killed_with_sigkill_leaves_no_broken_output(
    make_library: Callable[[str], Path], delay: float
) -> None:
    library = make_library(FAST_CONFIG)
    assert start("build", str(library)).wait(timeout=120) == 0
    expected = {p: (library / p).read_bytes() for p in ("references.bib", "references.json")}
    for name in expected:
        (library / name).write_text("old\n", encoding="utf-8")
    run = start("build", str(library))
    time.sleep(delay)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    for name, content in expected.items():
        assert (library / name).read_bytes() in (b"old\n", content)
    json.loads((library / "citekeys.json").read_text(encoding="utf-8"))
    assert start("build", str(library)).wait(timeout=120) == 0  # and the next run is fine
    assert all((library / n).read_bytes() == c for n, c in expected.items())
