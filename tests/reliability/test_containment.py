"""A cloned library cannot make ``build`` or ``resolve`` write outside its folder, overwrite its
own sources or config, or lose one output under another: each such config is a clear config
error (exit 2) naming the setting, and nothing is written."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from als_refs.cli.main import main

from .folders import FAST_CONFIG, snapshot

Library = Callable[[str], Path]


def build(library: Path) -> int:
    return main(["build", str(library)])


def config(top: str = "", outputs: str = "", bibliography: str = "") -> str:
    fast = 'styles = ["apa"]\nformats = ["text"]\n'
    table = bibliography if "styles" in bibliography else fast + bibliography
    if "formats" in bibliography and "styles" not in bibliography:
        table = 'styles = ["apa"]\n' + bibliography
    return f"{top}\n[outputs]\n{outputs}\n[bibliography]\n{table}\n"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param(config(outputs='bibtex = "../../outside/x.bib"'), "bibtex", id="dotdot"),
        pytest.param(config(outputs='csl-json = "/tmp/als-refs-x.json"'), "absolute", id="abs"),
        pytest.param(config(outputs='citekeys = "../keys.json"'), "citekeys", id="citekeys"),
        pytest.param(config('lockfile = "../lock.json"'), "lockfile", id="lockfile"),
        pytest.param(config(bibliography='directory = "../../outside"'), "directory", id="dir"),
        pytest.param(config(bibliography='styles = ["../x.csl"]'), "styles", id="style-path"),
        pytest.param(config('sources = ["/abs/*.toml"]'), "sources", id="absolute-sources"),
        pytest.param(config('sources = [""]'), "sources", id="empty-sources"),
        pytest.param(config('sources = ["../*/*.toml"]'), "sources", id="dotdot-sources"),
        pytest.param(config(bibliography='formats = ["pdf"]'), "formats", id="format"),
        pytest.param(config(bibliography='styles = ["no-such"]'), "unknown style", id="style"),
        pytest.param(config(outputs='bibtex = "."'), "must name a file", id="dot"),
        pytest.param(config(outputs='bibtex = "sources"'), "is a folder", id="folder"),
        pytest.param(config(outputs='bibtex = "references.json"'), "same file", id="two-outputs"),
        pytest.param(config(outputs='bibtex = "als-refs.toml"'), "as the config", id="config"),
        pytest.param(config(outputs='bibtex = "als-refs.lock.json"'), "same file", id="lock"),
        pytest.param(config(outputs='bibtex = "./citekeys.json"'), "same file", id="alias"),
        pytest.param("x = " + "[" * 500 + "]" * 500, "nested too deeply", id="deep-toml"),
    ],
)
def test_a_hostile_setting_is_a_config_error(
    make_library: Library,
    untouched: Callable[[], None],
    capsys: pytest.CaptureFixture[str],
    text: str,
    shown: str,
) -> None:
    library = make_library(text)
    before = snapshot(library)
    assert build(library) == 2
    err = capsys.readouterr().err
    assert f"{library / 'als-refs.toml'}: " in err
    assert shown in err
    assert "Traceback" not in err
    assert snapshot(library) == before
    untouched()


def test_an_output_over_a_source_file_is_refused(
    make_library: Library, untouched: Callable[[], None], capsys: pytest.CaptureFixture[str]
) -> None:
    library = make_library(FAST_CONFIG)
    source = sorted((library / "sources").iterdir())[0]
    config = f'[outputs]\nbibtex = "sources/{source.name}"\n' + FAST_CONFIG
    (library / "als-refs.toml").write_text(config, encoding="utf-8")
    before = source.read_bytes()
    assert build(library) == 2
    assert "would overwrite the source" in capsys.readouterr().err
    assert source.read_bytes() == before
    untouched()


def test_a_symlinked_output_folder_pointing_outside_is_refused(
    make_library: Library,
    outside: Path,
    untouched: Callable[[], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    library = make_library(FAST_CONFIG)
    (library / "bibliography").symlink_to(outside, target_is_directory=True)
    assert build(library) == 2
    assert "outside the library folder" in capsys.readouterr().err
    untouched()


def test_a_symlinked_output_file_pointing_outside_is_refused(
    make_library: Library, outside: Path, untouched: Callable[[], None]
) -> None:
    library = make_library(FAST_CONFIG)
    (library / "references.bib").symlink_to(outside / "victim.txt")
    assert build(library) == 2
    untouched()


def test_a_planted_temp_file_symlink_is_never_followed(
    make_library: Library, outside: Path, untouched: Callable[[], None]
) -> None:
    library = make_library(FAST_CONFIG)
    for name in ("references.bib", "references.json", "citekeys.json"):
        (library / f".{name}.tmp").symlink_to(outside / "victim.txt")
    assert build(library) == 0
    assert (library / "references.bib").read_text(encoding="utf-8").startswith("@")
    assert not (library / "references.bib").is_symlink()
    assert (library / ".references.bib.tmp").is_symlink()  # left alone, not written through
    leftovers = [p.name for p in library.iterdir() if p.name.endswith(".tmp")]
    assert sorted(leftovers) == [
        ".citekeys.json.tmp",
        ".references.bib.tmp",
        ".references.json.tmp",
    ]
    untouched()


def test_a_source_symlinked_from_outside_is_not_read(
    make_library: Library,
    outside: Path,
    untouched: Callable[[], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    library = make_library(FAST_CONFIG)
    (outside / "evil.toml").write_text('document = "x"\n', encoding="utf-8")
    (library / "sources" / "evil.toml").symlink_to(outside / "evil.toml")
    assert build(library) == 2
    assert "source-outside" in capsys.readouterr().err
    assert not (library / "references.bib").exists()


def test_resolve_refuses_a_lockfile_outside_before_any_request(
    make_library: Library, untouched: Callable[[], None], capsys: pytest.CaptureFixture[str]
) -> None:
    library = make_library('lockfile = "../../outside/victim.txt"\n' + FAST_CONFIG)
    # an address nothing listens on: reaching the network at all would be exit 3
    args = ["resolve", str(library), "--crossref-url", "http://127.0.0.1:9", "--offline"]
    assert main(args) == 2
    assert "lockfile" in capsys.readouterr().err
    untouched()


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600])
def test_a_rebuilt_output_keeps_its_permissions(make_library: Library, mode: int) -> None:
    library = make_library(FAST_CONFIG)
    assert build(library) == 0
    target = library / "references.bib"
    target.write_text("stale\n", encoding="utf-8")
    target.chmod(mode)
    assert build(library) == 0
    assert target.read_text(encoding="utf-8").startswith("@")
    assert target.stat().st_mode & 0o777 == mode


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_new_outputs_honour_the_umask(make_library: Library, umask: int, mode: int) -> None:
    library = make_library(FAST_CONFIG)
    previous = os.umask(umask)
    try:
        assert build(library) == 0
    finally:
        os.umask(previous)
    for name in ("references.bib", "references.json", "citekeys.json", "bibliography/apa.txt"):
        assert (library / name).stat().st_mode & 0o777 == mode, name


@pytest.mark.parametrize("mode", [0o644, 0o664, 0o600])
def test_a_rewritten_lockfile_keeps_its_permissions(tmp_path: Path, mode: int) -> None:
    from als_refs.lockfile import Lock, LockEntry, load_lock, write_lock

    path = tmp_path / "als-refs.lock.json"
    assert write_lock(path, Lock({"id:a": LockEntry("a", "not-found")}))
    path.chmod(mode)
    assert write_lock(path, Lock({"id:b": LockEntry("b", "not-found")}))
    assert path.stat().st_mode & 0o777 == mode
    assert set(load_lock(path).entries) == {"id:b"}
    assert [p.name for p in tmp_path.iterdir()] == ["als-refs.lock.json"]
