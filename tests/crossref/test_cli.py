"""``als-refs resolve`` and ``als-refs check`` end to end through ``main([...])``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from als_refs.cli.main import main

from .refs import BALDINGER_RAW, BRETT_RAW, CHIO_RAW, HANDY_RAW, PROSE, RIVERA_RAW
from .server import CrossrefServer

UNREACHABLE = "http://127.0.0.1:9"
MUSCLE_NERVE_SENTENCE = (
    "A clinical trial published in Muscle and Nerve in 2018 suggests that mexiletine may reduce "
    "muscle cramps in ALS."
)


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _write_library(root: Path) -> Path:
    (root / "sources").mkdir(parents=True)
    (root / "als-refs.toml").write_text(
        'name = "test"\nsources = ["sources/*.toml"]\n\n[bibliography]\nstyles = []\n',
        encoding="utf-8",
    )
    references = [
        (44, RIVERA_RAW),
        (46, CHIO_RAW),
        (48, BALDINGER_RAW),
        (50, BRETT_RAW),
        (54, HANDY_RAW),
    ]
    lines = ['document = "seeds/000_a9e708bc8353a378.txt"\n']
    for line, text in references:
        lines.append(
            f'[[citation]]\nline = {line}\nkind = "reference"\ntext = {_toml_string(text)}\n'
        )
    (root / "sources" / "000.toml").write_text("\n".join(lines), encoding="utf-8")
    prose = ['document = "seeds/004_dcdbdca86207c0b1.txt"\n']
    for line, text in ((11, PROSE), (12, MUSCLE_NERVE_SENTENCE)):
        prose.append(f'[[citation]]\nline = {line}\nkind = "prose"\ntext = {_toml_string(text)}\n')
    (root / "sources" / "004.toml").write_text("\n".join(prose), encoding="utf-8")
    return root


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return _write_library(tmp_path / "references")


def _resolve(library: Path, url: str, *extra: str) -> int:
    return main(
        ["resolve", str(library), "--crossref-url", url, "--mailto", "t@example.org", *extra]
    )


def _lock(library: Path) -> dict[str, dict[str, object]]:
    data = json.loads((library / "als-refs.lock.json").read_text(encoding="utf-8"))
    references: dict[str, dict[str, object]] = data["references"]
    return references


def test_resolve_end_to_end(
    crossref_server: CrossrefServer,
    library: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = _resolve(library, crossref_server.url, "--cache-dir", str(tmp_path / "cache"))
    out, err = capsys.readouterr()
    assert code == 0, out + err
    lock = _lock(library)
    by_status = {(e["status"], e["doi"]) for e in lock.values()}
    assert by_status == {
        ("verified", "10.3109/21678421.2012.751614"),
        ("verified", "10.1002/14651858.cd004157.pub2"),
        ("verified", "10.1002/14651858.cd005226.pub2"),
        ("found-by-search", "10.1111/j.1468-1331.2011.03540.x"),
        ("found-by-search", "10.1155/2011/403808"),
        ("found-by-search", "10.1212/wnl.0000000000002507"),
        ("found-by-search", "10.1002/mus.26117"),
    }
    assert "cited 2010 but registered 2008" in out
    assert "newer version: 10.1002/14651858.cd005226.pub3" in out
    assert "seeds/000_a9e708bc8353a378.txt:50: warning: year-differs" in out
    assert "4 found by search" in err
    assert "\r[" not in err  # no progress bar when not on a terminal
    # --strict turns the warnings into a failure; the lock stays the same
    before = (library / "als-refs.lock.json").read_text(encoding="utf-8")
    assert (
        _resolve(library, crossref_server.url, "--strict", "--cache-dir", str(tmp_path / "cache"))
        == 1
    )
    assert (library / "als-refs.lock.json").read_text(encoding="utf-8") == before
    # offline, from the cache only: same lockfile, no request
    requests_before = crossref_server.requests
    code = _resolve(
        library, crossref_server.url, "--offline", "--cache-dir", str(tmp_path / "cache")
    )
    assert code == 0
    assert (library / "als-refs.lock.json").read_text(encoding="utf-8") == before
    assert crossref_server.requests == requests_before


def test_resolve_reads_url_and_mailto_from_environment(
    crossref_server: CrossrefServer, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALS_REFS_CROSSREF_URL", crossref_server.url)
    monkeypatch.setenv("ALS_REFS_MAILTO", "env@example.org")
    assert main(["resolve", str(library), "--no-cache"]) == 0
    assert crossref_server.requests > 0
    assert all("mailto:env@example.org" in ua for ua in crossref_server.user_agents)


def test_resolve_exits_3_when_crossref_is_unreachable(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _resolve(library, UNREACHABLE, "--no-cache", "--timeout", "0.5", "--retries", "1") == 3
    assert "could not be reached" in capsys.readouterr().err


def test_resolve_writes_no_lockfile_when_a_source_cannot_be_read(
    crossref_server: CrossrefServer, library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _resolve(library, crossref_server.url, "--no-cache") == 0
    locked = (library / "als-refs.lock.json").read_text(encoding="utf-8")
    (library / "sources" / "004.toml").write_text("document = \n", encoding="utf-8")
    assert _resolve(library, crossref_server.url, "--no-cache") == 2
    err = capsys.readouterr().err
    assert f"{library / 'sources' / '004.toml'}: error: invalid-toml:" in err
    assert "cannot read" in err and "lockfile not written" in err
    assert (library / "als-refs.lock.json").read_text(encoding="utf-8") == locked


def test_resolve_usage_errors(tmp_path: Path) -> None:
    assert main(["resolve", str(tmp_path / "missing"), "--no-cache"]) == 2
    assert main(["resolve", "--offline", "--refresh"]) == 2


BIB = """\
@article{ghost2020,
  author  = {Nobody, Anne},
  title   = {A study that does not exist},
  journal = {Neurology},
  year    = {2020},
  doi     = {10.9999/does-not-exist}
}

@article{handy2011,
  author  = {Handy, Christine R. and Krudy, Christopher},
  title   = {Pain in amyotrophic lateral sclerosis: a neglected aspect of disease},
  journal = {Neurology Research International},
  year    = {2011},
  doi     = {10.1212/WNL.0000000000002507}
}

@article{oskarsson2018,
  author  = {Oskarsson, Bj{\\"o}rn and Moore, Dan},
  title   = {Mexiletine for muscle cramps in amyotrophic lateral sclerosis:
             a randomized, double-blind crossover trial},
  journal = {Muscle \\& Nerve},
  year    = {2018},
  volume  = {58},
  number  = {1},
  pages   = {42--48},
  doi     = {10.1002/mus.26117}
}
"""


def _bib(tmp_path: Path, text: str = BIB) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    return path


def _check(*args: str) -> int:
    return main(["check", *args, "--no-cache"])


def test_check_online_bib_reports_missing_and_wrong_dois(
    crossref_server: CrossrefServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = _bib(tmp_path)
    assert _check(str(bib), "--online", "--crossref-url", crossref_server.url) == 1
    out = capsys.readouterr().out
    assert f"{bib}:1: error: doi-not-found: DOI 10.9999/does-not-exist does not exist" in out
    assert f"{bib}:9: error: doi-different-work: DOI 10.1212/wnl.0000000000002507 belongs to" in out
    assert "Crossref finds DOI 10.1155/2011/403808 for the cited work" in out
    assert "oskarsson" not in out.lower()  # the correct one has nothing to report


def test_check_github_and_json_formats(
    crossref_server: CrossrefServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = _bib(tmp_path)
    url = crossref_server.url
    assert _check(str(bib), "--online", "--crossref-url", url, "--format", "github") == 1
    lines = capsys.readouterr().out.splitlines()
    assert f"::error file={bib},line=1,title=doi-not-found::DOI 10.9999/does-not-exist" in lines[0]
    assert lines[1].startswith(f"::error file={bib},line=9,title=doi-different-work::")
    assert _check(str(bib), "--online", "--crossref-url", url, "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["error"] == 2
    assert {i["code"] for i in report["issues"]} == {"doi-not-found", "doi-different-work"}
    assert report["references"] == 3


def test_check_offline_passes_a_clean_file_and_needs_no_network(
    crossref_server: CrossrefServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _check(str(_bib(tmp_path))) == 0
    assert crossref_server.requests == 0
    assert "3 references checked: 0 errors" in capsys.readouterr().err


def test_check_offline_duplicates_and_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    duplicated = BIB + BIB.split("\n\n")[2].replace("oskarsson2018", "oskarsson2018b")
    assert _check(str(_bib(tmp_path, duplicated))) == 1
    out = capsys.readouterr().out
    assert "duplicate-doi: DOI 10.1002/mus.26117 is cited under two keys" in out
    same_work = BIB + BIB.split("\n\n")[1].replace("handy2011", "handy-again").replace(
        "  doi     = {10.1212/WNL.0000000000002507}\n", ""
    )
    assert _check(str(_bib(tmp_path, same_work))) == 0
    assert "duplicate-work" in capsys.readouterr().out
    assert _check(str(_bib(tmp_path, same_work)), "--strict") == 1


def test_check_csl_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    items = [
        {"id": "a", "type": "article-journal", "title": "T", "DOI": "10.1002/mus.26117"},
        {"id": "b", "type": "article-journal", "title": "U", "DOI": "10.1002/MUS.26117"},
    ]
    path = tmp_path / "refs.json"
    path.write_text(json.dumps(items, indent=2), encoding="utf-8")
    assert _check(str(path)) == 1
    assert f"{path}:9: error: duplicate-doi" in capsys.readouterr().out


def test_check_usage_errors(tmp_path: Path) -> None:
    assert _check(str(tmp_path / "missing.bib")) == 2
    odd = tmp_path / "refs.xyz"
    odd.write_text("x", encoding="utf-8")
    assert _check(str(odd)) == 2
    assert _check("--format", "yaml") == 2


def test_check_exits_3_when_crossref_is_unreachable(tmp_path: Path) -> None:
    assert (
        _check(
            str(_bib(tmp_path)),
            "--online",
            "--crossref-url",
            UNREACHABLE,
            "--timeout",
            "0.5",
            "--retries",
            "1",
        )
        == 3
    )


def test_check_library_lock_consistency(
    crossref_server: CrossrefServer, library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _resolve(library, crossref_server.url, "--no-cache") == 0
    lock_path = library / "als-refs.lock.json"
    data = json.loads(lock_path.read_text(encoding="utf-8"))
    entry = data["references"]["doi:10.3109/21678421.2012.751614"]
    entry["doi"] = "10.3109/other"
    lock_path.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    code = _check(str(library))
    out = capsys.readouterr().out
    assert code == 1
    assert "lock-doi-differs: DOI 10.3109/21678421.2012.751614 is locked as 10.3109/other" in out


def test_check_library_after_resolve_and_build(
    crossref_server: CrossrefServer, library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _resolve(library, crossref_server.url, "--no-cache") == 0
    assert _check(str(library)) == 1  # outputs not built yet
    assert "stale-output: references.bib is not current" in capsys.readouterr().out
    assert main(["build", str(library)]) == 0
    capsys.readouterr()
    assert _check(str(library)) == 0
    out = capsys.readouterr().out
    assert "lock-" not in out  # every reference (and resolved candidate) is locked
    built = json.loads((library / "references.json").read_text(encoding="utf-8"))
    dois = {item.get("DOI") for item in built}
    assert {"10.1212/wnl.0000000000002507", "10.1002/mus.26117", "10.1155/2011/403808"} <= dois


def test_check_doi_syntax(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bib = _bib(
        tmp_path,
        "@article{bad,\n  title = {X},\n  doi = {11.1234/x}\n}\n\n"
        "@article{sici,\n  title = {Y},\n"
        "  doi = {10.1002/(SICI)1097-4598(199806)21:6<711::AID-MUS1>3.0.CO;2-X}\n}\n",
    )
    assert _check(str(bib)) == 1
    out = capsys.readouterr().out
    assert f"{bib}:1: error:" in out
    assert "'11.1234/x'" in out
    assert f"{bib}:6: warning: doi-legacy-form:" in out


def test_resolve_json_report(
    crossref_server: CrossrefServer,
    library: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cache = ("--cache-dir", str(tmp_path / "cache"))
    assert _resolve(library, crossref_server.url, *cache, "--format", "json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["lockfile-changed"] is True
    assert "3 verified" in report["summary"]
    assert {i["code"] for i in report["issues"]} >= {"year-differs", "registered-new-version"}
    assert _resolve(library, crossref_server.url, *cache, "--format", "json") == 0
    again = json.loads(capsys.readouterr().out)
    assert again["lockfile-changed"] is False  # same answers, same fetch times (from the cache)
    assert "7 from cache" in again["summary"]


def test_library_with_one_doi_for_two_works_keeps_both_and_fails(
    crossref_server: CrossrefServer, library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Handy's citation carries Chiò's DOI: both records stay, each with an error; resolve
    # marks Handy's a different work and build copies nothing of Chiò's into it.
    source = library / "sources" / "000.toml"
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace("Chiò, A., Canosa", "Chiò, A., Canosa")
        .replace("551-555.", "551-555. doi:10.1111/j.1468-1331.2011.03540.x")
        .replace("2011, 403808.", "2011, 403808. doi:10.1111/j.1468-1331.2011.03540.x"),
        encoding="utf-8",
    )
    assert _resolve(library, crossref_server.url, "--no-cache") == 1
    out = capsys.readouterr().out
    assert "seeds/000_a9e708bc8353a378.txt:54: error: doi-different-work" in out
    assert main(["build", str(library)]) != 0  # build writes nothing while inputs have errors
    capsys.readouterr()
    assert _check(str(library)) == 1  # offline, from the lockfile
    out = capsys.readouterr().out
    for line in (46, 54):
        assert f":{line}: error: doi-shared-by-different-works" in out
    assert ":54: error: doi-different-work" in out
    from als_refs.library import final_references, load_library

    records, _, _ = final_references(load_library(library))
    handy = next(r for r in records if (r.title or "").endswith("neglected aspect of disease"))
    chio = next(r for r in records if "population-based" in (r.title or ""))
    assert (handy.volume, handy.page or handy.number) == ("2011", "403808")
    assert (chio.volume, chio.page) == ("19", "551-555")
