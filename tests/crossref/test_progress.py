"""The progress bar: on a terminal only, never in machine-read output."""

from __future__ import annotations

import io

from als_refs.cli.progress import progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_on_a_terminal() -> None:
    stream = _Terminal()
    with progress("working", stream=stream) as update:
        assert update is not None
        for done in range(1, 4):
            update(done, 3)
    assert "working" in stream.getvalue()


def test_silent_off_a_terminal_and_for_machines() -> None:
    with progress("working", stream=io.StringIO()) as update:
        assert update is None
    for machine in ("json", "github"):
        with progress("working", report_format=machine, stream=_Terminal()) as update:
            assert update is None
