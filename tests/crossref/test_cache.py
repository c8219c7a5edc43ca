"""The response cache: atomic, traversal-proof, aged, and intact after SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from als_refs.cache import ResponseCache, default_cache_dir

REPO = Path(__file__).resolve().parents[2]


def test_put_then_get(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    cache.put("work:10.1002/mus.26117", {"DOI": "10.1002/mus.26117"}, url="http://x/works/1")
    entry = cache.get("work:10.1002/mus.26117")
    assert entry is not None
    assert entry.value == {"DOI": "10.1002/mus.26117"}
    assert entry.url == "http://x/works/1"
    assert cache.get("work:other") is None


@pytest.mark.parametrize(
    "key",
    [
        "work:10.1234/../../x",
        "work:../../../../etc/passwd",
        "work:/abs/path",
        "work:a\\..\\b",
        "work:\0",
    ],
)
def test_keys_never_leave_the_cache_directory(tmp_path: Path, key: str) -> None:
    root = tmp_path / "cache"
    cache = ResponseCache(root)
    cache.put(key, {"v": 1}, url="u")
    path = cache.path_for(key).resolve()
    assert path.is_relative_to(root.resolve())
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written == [path]
    entry = cache.get(key)
    assert entry is not None and entry.value == {"v": 1}


def test_max_age(tmp_path: Path) -> None:
    now = [1000.0]
    cache = ResponseCache(tmp_path, max_age=60, clock=lambda: now[0])
    cache.put("k", 1, url="u")
    now[0] += 59
    assert cache.get("k") is not None
    now[0] += 2
    assert cache.get("k") is None
    assert ResponseCache(tmp_path, clock=lambda: now[0]).get("k") is not None


def test_corrupt_or_foreign_files_are_misses(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    cache.put("k", 1, url="u")
    cache.path_for("k").write_text("{half", encoding="utf-8")
    assert cache.get("k") is None
    cache.path_for("k").write_text(
        json.dumps({"version": 1, "key": "other", "url": "u", "fetched_at": 1.0, "value": 2}),
        encoding="utf-8",
    )
    assert cache.get("k") is None


def test_default_directory_is_the_user_cache_dir() -> None:
    assert "als-refs" in str(default_cache_dir())


WRITER = """
import sys
from als_refs.cache import ResponseCache
cache = ResponseCache(sys.argv[1])
payload = {"blob": "x" * 200_000}
i = 0
print("ready", flush=True)
while True:
    cache.put(f"work:10.5555/{i % 50}", dict(payload, i=i), url="u")
    i += 1
"""


def test_cache_survives_kill_9_mid_write(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(root)], stdout=subprocess.PIPE, env=env
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == b"ready"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and len(list(root.glob("*/*.json"))) < 50:
        time.sleep(0.05)
    time.sleep(0.2)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert writer.returncode == -signal.SIGKILL
    cache = ResponseCache(root)
    entries = list(root.glob("*/*.json"))
    assert len(entries) == 50
    for i in range(50):
        entry = cache.get(f"work:10.5555/{i}")
        assert entry is not None
        assert len(entry.value["blob"]) == 200_000
    cache.clear_temporaries()
    assert not list(root.glob("*/.*.tmp"))


@given(key=st.text(min_size=0, max_size=200))
@settings(max_examples=200, deadline=None)
def test_any_key_maps_inside_the_cache(key: str) -> None:
    root = Path("/nonexistent/cache-root")
    path = ResponseCache(root).path_for(key)
    assert path.parent.parent == root
    assert path.name.endswith(".json")
    assert path.name[:2] == path.parent.name
