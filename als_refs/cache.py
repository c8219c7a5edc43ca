"""An on-disk cache of registry answers, safe against odd keys and against being killed.

Each entry is one JSON file named after the SHA-256 of its key, so a DOI such as
``10.1234/../../x`` can never name a path outside the cache directory. Entries are written to a
temporary file in the same directory, flushed to disk and moved into place with
:func:`os.replace` (atomic on POSIX and Windows): a reader sees the old entry or the new one,
never half of one, even if the writer is killed with SIGKILL mid-write.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from als_refs.errors import FileAccessError

FORMAT_VERSION = 1
_TEMP_SUFFIX = ".tmp"


def default_cache_dir() -> Path:
    """The user cache directory for als-refs (``~/.cache/als-refs/crossref`` on Linux)."""
    return Path(platformdirs.user_cache_dir("als-refs", appauthor=False)) / "crossref"


@dataclass(frozen=True)
class CacheEntry:
    key: str
    value: Any
    url: str
    fetched_at: float
    """Seconds since the epoch when the answer was received."""

    def age(self, now: float | None = None) -> float:
        return (time.time() if now is None else now) - self.fetched_at


class ResponseCache:
    """Key -> JSON value, with the URL it came from and when; entries older than ``max_age``
    seconds are treated as missing."""

    def __init__(
        self,
        directory: str | Path | None = None,
        *,
        max_age: float | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        self.max_age = max_age
        self._clock = clock

    def path_for(self, key: str) -> Path:
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        return self.directory / digest[:2] / f"{digest}.json"

    def get(self, key: str) -> CacheEntry | None:
        path = self.path_for(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        entry = _entry(data)
        if entry is None or entry.key != key:
            return None
        if self.max_age is not None and entry.age(self._clock()) > self.max_age:
            return None
        return entry

    def put(self, key: str, value: Any, *, url: str) -> CacheEntry:
        entry = CacheEntry(key=key, value=value, url=url, fetched_at=self._clock())
        record = {
            "version": FORMAT_VERSION,
            "key": key,
            "url": url,
            "fetched_at": entry.fetched_at,
            "value": value,
        }
        path = self.path_for(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(path, json.dumps(record, ensure_ascii=False, sort_keys=True))
        except OSError as exc:
            raise FileAccessError(
                f"cannot write the cache: {exc.strerror or exc}", source=str(path)
            ) from None
        return entry

    def clear_temporaries(self) -> int:
        """Remove temporary files left by writers that were killed; returns how many."""
        removed = 0
        for stray in self.directory.glob(f"*/*{_TEMP_SUFFIX}"):
            stray.unlink(missing_ok=True)
            removed += 1
        return removed


def _atomic_write(path: Path, text: str) -> None:
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=_TEMP_SUFFIX)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _entry(data: Any) -> CacheEntry | None:
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        return None
    key, url, fetched_at = data.get("key"), data.get("url"), data.get("fetched_at")
    if not isinstance(key, str) or not isinstance(url, str):
        return None
    if not isinstance(fetched_at, int | float):
        return None
    return CacheEntry(key=key, value=data.get("value"), url=url, fetched_at=float(fetched_at))
