"""Crashes the fuzzer finds in code other issues own, routed to them rather than fixed here.

Each entry is (exception type, the als_refs file of the innermost frame, the owner). A crash
matching one is reported (``benchmarks/fuzz_cli.py`` lists it with its input) but does not fail
the CI slice; any other crash does. Remove an entry once its owner fixed it.
"""

from __future__ import annotations

import re

from .harness import Outcome

KNOWN_ELSEWHERE: tuple[tuple[str, str, str], ...] = ()

_FRAME = re.compile(r'File "[^"]*/(als_refs/[^"]+)", line \d+')
_LAST = re.compile(r"^(\w+(?:\.\w+)*)(?::|$)", re.MULTILINE)


def crash_site(outcome: Outcome) -> tuple[str, str]:
    """(exception type, innermost als_refs file) of a crash's traceback."""
    text = outcome.traceback
    frames = _FRAME.findall(text)
    lines = text.splitlines()
    last_frame = max((i for i, line in enumerate(lines) if line.startswith("  File ")), default=0)
    after = [line for line in lines[last_frame + 1 :] if line and not line.startswith(" ")]
    match = _LAST.match(after[0]) if after else None
    kind = match.group(1) if match else "?"
    return kind.rsplit(".", 1)[-1], frames[-1] if frames else "?"


def known_elsewhere(outcome: Outcome) -> str | None:
    kind, where = crash_site(outcome)
    for known_kind, known_file, owner in KNOWN_ELSEWHERE:
        if kind == known_kind and where == known_file:
            return owner
    return None
