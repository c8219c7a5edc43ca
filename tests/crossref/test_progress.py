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


def test_every_long_command_shows_progress_on_a_terminal(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import sys
    from pathlib import Path

    from als_refs.cli.main import main

    source = tmp_path / "in.json"
    source.write_text('[{"id": "a", "type": "book", "title": "A book"}]', encoding="utf-8")
    library = tmp_path / "references"
    shutil.copytree(Path(__file__).resolve().parents[2] / "references", library)
    runs = {
        "reading": ["convert", str(source), str(tmp_path / "out.bib")],
        "checking": ["check", str(source)],
        "building": ["build", str(library)],
        "parsing": ["parse", "Weiss MD. Mexiletine for muscle cramps. Neurology. 2016;86:1474-81."],
        "extracting": ["extract", str(source)],
        "formatting": ["format", str(source), "--style", "apa"],
    }
    for description, argv in runs.items():
        terminal = _Terminal()
        monkeypatch.setattr(sys, "stderr", terminal)
        assert main(argv) == 0, argv
        assert description in terminal.getvalue(), argv
