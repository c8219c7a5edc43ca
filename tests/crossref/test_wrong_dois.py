"""The wrong-DOI cases real reference lists contain, through ``als-refs check --online``.

``tests/data/crossref/wrong-dois.bib`` gives real citations (seed 000) a neighbour's DOI, a
published article its preprint's DOI, a Cochrane review cited as 2008 the 2013 version's DOI,
two works one DOI, and retracted works (constructed records, see tests/data/crossref/README.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from als_refs.cli.main import main

from .server import DATA_DIR, CrossrefServer

BIB = DATA_DIR / "wrong-dois.bib"


def _line(key: str) -> int:
    for number, text in enumerate(BIB.read_text(encoding="utf-8").splitlines(), start=1):
        if text.startswith("@") and f"{{{key}," in text:
            return number
    raise AssertionError(key)


_RUNS: dict[str, tuple[int, str]] = {}


@pytest.fixture
def report(crossref_server: CrossrefServer, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """One CLI run for the module (its answer does not depend on the test)."""
    if "check" not in _RUNS:
        url = crossref_server.url
        code = main(["check", "--online", "--no-cache", "--crossref-url", url, str(BIB)])
        _RUNS["check"] = (code, capsys.readouterr().out)
    return _RUNS["check"]


def _issues(out: str, key: str) -> list[str]:
    prefix = f"{BIB}:{_line(key)}: "
    return [line[len(prefix) :] for line in out.splitlines() if line.startswith(prefix)]


@pytest.mark.parametrize(
    ("key", "fields"),
    [
        ("baldinger2012", ["first author", "title"]),
        ("chio2012", ["first author", "title"]),
        ("rivera2013", ["first author", "title"]),
        ("handy2011", ["first author", "title", "volume and pages"]),
    ],
)
def test_a_neighbours_doi_is_an_error_naming_the_fields(
    report: tuple[int, str], key: str, fields: list[str]
) -> None:
    code, out = report
    assert code == 1
    errors = [i for i in _issues(out, key) if i.startswith("error: doi-different-work")]
    assert len(errors) == 1, _issues(out, key)
    for name in fields:
        assert name in errors[0]


def test_a_preprint_doi_for_a_published_article_is_its_own_warning(
    report: tuple[int, str],
) -> None:
    issues = _issues(report[1], "varga2019")
    assert issues == [
        "warning: doi-is-preprint: DOI 10.5555/als-refs.preprint-2018 is a preprint (2018) of "
        "the cited article; the published version is 10.5555/als-refs.published-2019: cite the "
        "published version's DOI"
    ]


def test_another_version_of_a_review_is_its_own_warning(report: tuple[int, str]) -> None:
    issues = _issues(report[1], "brettschneider2008")
    assert len(issues) == 1 and issues[0].startswith("warning: doi-other-version:")
    assert "10.1002/14651858.cd005226.pub3" in issues[0]
    assert "10.1002/14651858.cd005226.pub2" in issues[0]
    assert "cited as 2008" in issues[0]


def test_two_works_with_one_doi_are_errors_on_both_lines(report: tuple[int, str]) -> None:
    for key in ("handy2011", "chio2012b"):
        codes = [i.split(":")[1].strip() for i in _issues(report[1], key)]
        assert "doi-shared-by-different-works" in codes


def test_each_retraction_is_reported_once(report: tuple[int, str]) -> None:
    out = report[1]
    (twice,) = _issues(out, "petrenko2017")
    assert twice.startswith("error: registered-retraction:")
    assert "publisher, retraction-watch" in twice
    (without_notice,) = _issues(out, "dvorak2016")
    assert without_notice.startswith("error: registered-retraction:")
    assert "no notice DOI given" in without_notice
    (partial,) = _issues(out, "holm2014")
    assert partial.startswith("error: registered-partial-retraction:")


def test_has_version_is_not_called_newer() -> None:
    from als_refs.crossref.compare import notice_issues
    from als_refs.crossref.mapping import notices
    from als_refs.models import Reference

    work = {
        "DOI": "10.5555/a",
        "relation": {"has-version": [{"id-type": "doi", "id": "10.5555/b"}]},
    }
    (issue,) = notice_issues(Reference(id="a"), "10.5555/a", notices(work))
    assert "newer" not in issue.message and issue.severity == "info"


def test_build_never_copies_the_wrong_works_numbers(
    crossref_server: CrossrefServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from als_refs.lockfile import Lock, LockEntry, apply_lock
    from als_refs.parsing.merge import merge_references

    from .refs import CHIO
    from .server import load_works

    handy = next(w for w in load_works() if w["DOI"] == "10.1155/2011/403808")
    cited = CHIO.model_copy(update={"doi": "10.1155/2011/403808", "volume": None, "page": None})
    lock = Lock({"doi:10.1155/2011/403808": LockEntry(cited.id, "verified", cited.doi, handy)})
    result = apply_lock([cited], lock)
    (merged,) = result.references
    assert merged.volume is None and merged.page is None and merged.number is None
    assert [i.code for i in result.issues] == ["doi-different-work"]
    kept, issues = merge_references([CHIO.model_copy(update={"doi": cited.doi}), cited])
    assert len(kept) == 1 and not issues  # the same work twice is one record


def test_every_verification_code_is_in_the_readme() -> None:
    from als_refs.crossref import compare

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    codes = {code for _, code in compare._FIELD_ISSUES.values()}
    codes |= {"doi-different-work", "doi-is-preprint", "doi-other-version"}
    codes |= {"doi-shared-by-different-works", "registered-partial-retraction"}
    assert {c for c in codes if f"`{c}`" not in readme and not c.endswith("-formatting")} == set()
