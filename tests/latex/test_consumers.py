"""Real consumers accept our BibTeX: pdflatex + bibtex (plain, unsrt) and biblatex + biber.

What counts as a problem is documented in ``texcompile.py``: any error, any ``Warning--`` of
bibtex, any ``WARN``/``ERROR`` of biber, any LaTeX/package/font warning or lost glyph in the final
pdflatex run; only over/underfull box messages are ignored.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from stress import SPECIALS_TITLE, stress_references
from texcompile import compile_bib

from als_refs.formats import bibtex
from als_refs.models import DateParts, Name, Reference

REPO = Path(__file__).resolve().parents[2]
LIBRARY_BIB = REPO / "references" / "references.bib"

# TeX Live and biber are test dependencies (.ci/run installs them): a missing tool fails.
pytestmark = [pytest.mark.latex]


@pytest.mark.parametrize(
    "unicode",
    [pytest.param(False, id="latex-escapes"), pytest.param(True, id="raw-utf8")],
)
def test_stress_bib_compiles_without_warnings(tmp_path: Path, unicode: bool) -> None:
    references = stress_references(latin_only=unicode)
    bib = tmp_path / "stress.bib"
    bib.write_text(bibtex.write_string(references, unicode=unicode), encoding="utf-8")

    assert compile_bib(bib, tmp_path / "work") == []
    # And the file still reads back as the very same records, but for what a .bib of biber's
    # data model that plain.bst prints without a warning cannot hold (listed in _bib_holds).
    back = list(bibtex.parse_string(bib.read_text(encoding="utf-8")).references)
    assert back == [_bib_holds(r) for r in references]


def _bib_holds(reference: Reference) -> Reference:
    """``reference`` less PMCID and trial ids (no biblatex field holds them: they travel in
    CSL-JSON) and an issue without a volume (plain.bst refuses ``number`` without ``volume``);
    a title with a colon and no short title gains the part before the colon, as pandoc reads
    such a .bib too."""
    update: dict[str, object] = {"pmcid": None, "trial_ids": ()}
    if reference.title and ": " in reference.title and not reference.title_short:
        update["title_short"] = reference.title.split(": ", 1)[0]
    if reference.issue and not reference.volume and reference.type.startswith("article"):
        update["issue"] = None
    return reference.model_copy(update=update)


def test_stress_bib_keeps_case_and_specials_in_the_formatted_bibliography(tmp_path: Path) -> None:
    bib = tmp_path / "stress.bib"
    bib.write_text(bibtex.write_string(stress_references()), encoding="utf-8")
    assert compile_bib(bib, tmp_path) == []

    plain = (tmp_path / "bibtex-plain" / "doc.bbl").read_text(encoding="utf-8")
    # plain.bst lower-cases titles: protected words survive, the rest is lower-cased.
    for kept in ("{ALS}", "{mRNA}", "{Parkinson}", "{Neurology}", "\\&", "\\%", "\\#", "\\_"):
        assert kept in plain
    assert "Annual report of the national {ALS} registry" in plain
    assert "Chi{\\`o}" in plain
    assert "{Mexiletine ALS Study Group}" in plain
    assert "1474--1481" in plain
    biber = (tmp_path / "biblatex" / "doc.bbl").read_text(encoding="utf-8")
    assert "family={Chiò}" in biber  # biber decodes the LaTeX escapes to Unicode
    assert "prefix={van\\bibnamedelima den}" in biber  # the particle is a particle


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param("@article{x,\n  title = {A \\{ lone brace},\n}\n", id="escaped-brace"),
        pytest.param(
            "@article{x,\n  author = {A, B},\n  title = {T},\n  year = {2000},\n}\n",
            id="missing-journal",
        ),
        pytest.param("@misc{x,\n  title = {50% of cases},\n}\n", id="unescaped-percent"),
        pytest.param(
            "@book{x,\n  author = {A, B},\n  editor = {C, D},\n  title = {T},\n"
            "  publisher = {P},\n  year = {2000},\n}\n",
            id="author-and-editor",
        ),
    ],
)
def test_compile_bib_reports_what_consumers_complain_about(tmp_path: Path, broken: str) -> None:
    # The checker must be able to fail: hand-written entries that bibtex or LaTeX reject.
    bib = tmp_path / "broken.bib"
    bib.write_text(broken, encoding="utf-8")
    assert compile_bib(bib, tmp_path / "work") != []


def test_library_bib_compiles_without_warnings(tmp_path: Path) -> None:
    assert compile_bib(LIBRARY_BIB, tmp_path) == []
    # plain.bst and unsrt.bst never print eid: the Cochrane article numbers must still show.
    for style in ("bibtex-plain", "bibtex-unsrt"):
        bbl = (tmp_path / style / "doc.bbl").read_text(encoding="utf-8")
        assert "CD004157" in bbl and "CD005226" in bbl, style


def test_library_bib_passes_bibers_data_model_validation(tmp_path: Path) -> None:
    biber = shutil.which("biber")
    assert biber, "biber is a test dependency (.ci/run installs it)"
    shutil.copyfile(LIBRARY_BIB, tmp_path / "references.bib")
    result = subprocess.run(
        [biber, "--tool", "--validate-datamodel", "references.bib"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    complaints = [line for line in result.stdout.splitlines() if line.startswith(("WARN", "ERROR"))]
    assert complaints == []
    assert "INFO - Output to" in result.stdout  # it did run over the file


def test_stress_title_has_every_special() -> None:
    for char in "&%$#_{}~^\\–":
        assert char in SPECIALS_TITLE


@pytest.mark.parametrize("unicode", [False, True], ids=["latex-escapes", "raw-utf8"])
def test_names_starting_with_tex_specials_compile_and_read_back(
    tmp_path: Path, unicode: bool
) -> None:
    # biber takes a name's initial from a leading {\textbackslash} as a lone brace: the .bbl
    # then has an extra "}" (issue 14). Such parts are braced whole, escapes unbraced inside.
    names = (
        Name(family="\\relax", given="J"),
        Name(family="{Brace}", given="K"),
        Name(literal="\\LaTeX Group"),
        Name(family="A & B", given="C"),
        Name(family="Ab", given="{x}"),
        Name(family="Cd", given="~J", suffix="&Jr"),
    )
    reference = Reference(
        id="a",
        type="article-journal",
        title="T",
        container_title="J",
        issued=DateParts.from_ymd(2000),
        author=names,
    )
    bib = tmp_path / "names.bib"
    bib.write_text(bibtex.write_string([reference], unicode=unicode), encoding="utf-8")
    assert compile_bib(bib, tmp_path / "work") == []
    (back,) = bibtex.parse_string(bib.read_text(encoding="utf-8")).references
    assert back.author == names
