"""What the reliability tests share: a fast library config and a snapshot of a folder."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

REFERENCES = Path(__file__).resolve().parents[2] / "references"
FAST_CONFIG = '[bibliography]\nstyles = ["apa"]\nformats = ["text"]\n'


def snapshot(folder: Path) -> dict[str, tuple[str, str]]:
    """Every entry under ``folder`` (links as links): its kind and content hash or target."""
    state: dict[str, tuple[str, str]] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            relative = str(path.relative_to(folder))
            if path.is_symlink():
                state[relative] = ("link", os.readlink(path))
            elif path.is_file():
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                state[relative] = (oct(path.stat().st_mode & 0o777), digest)
            else:
                state[relative] = ("dir", "")
    return state
