"""Real .bib files nobody here wrote, read beside pandoc's biblatex reader (the reference).

``biblatex-examples.bib`` (biblatex's own examples, LPPL) and ``xampl.bib`` (BibTeX's example
file, Oren Patashnik) are read where TeX Live installs them (``.ci/run`` installs TeX Live and
pandoc); they are not copied into the project.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from als_refs.formats import bibtex
from als_refs.models import Reference

REAL_FILES = ("biblatex-examples.bib", "xampl.bib")
MAX_MISSING = 0.02
BEEBE = ("tugboat.bib", "texbook1.bib", "texbook3.bib", "font.bib", "texnique.bib", "serif.bib")
"""Nelson Beebe's TUGboat, TeX-books, fonts and typesetting bibliographies (TeX Live)."""


def tex_file(name: str) -> Path:
    kpsewhich = shutil.which("kpsewhich")
    assert kpsewhich, "TeX Live is a test dependency (.ci/run installs it)"
    found = subprocess.run([kpsewhich, name], capture_output=True, text=True, check=False)
    assert found.returncode == 0, f"{name} not found by kpsewhich"
    return Path(found.stdout.strip())


@cache
def pandoc_items(name: str) -> dict[str, dict[str, Any]]:
    pandoc = shutil.which("pandoc")
    assert pandoc, "pandoc is a test dependency (.ci/run installs it)"
    command = [pandoc, "-f", "biblatex", "-t", "csljson", str(tex_file(name))]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return {item["id"]: item for item in json.loads(out)}


@cache
def ours(name: str) -> tuple[Reference, ...]:
    path = tex_file(name)
    text = path.read_text(encoding=LATIN_1.get(name, "utf-8"))
    result = bibtex.parse_string(text, source=str(path))
    assert not result.errors, result.errors
    return result.references


LATIN_1 = {"jbtest.bib": "latin-1"}
"""jurabib's test file is ISO 8859-1, as many older .bib files are."""


def missing_variables(name: str) -> tuple[int, int, list[str]]:
    """(variables pandoc reads, how many of them we miss, which) over the file's entries."""
    by_id = {r.id: r.to_csl() for r in ours(name)}
    total, missed = 0, []
    # pandoc writes a field given empty (``volume = ""``) as an empty variable: nothing to miss.
    for key, item in pandoc_items(name).items():
        variables = {k for k, v in item.items() if k != "id" and v not in ("", [], {})}
        if item.get("type") == "":
            continue  # @set: no work of its own, no record (biblatex prints its members)
        total += len(variables)
        missed += [f"{key}:{v}" for v in sorted(variables - set(by_id.get(key, {})))]
    return total, len(missed), missed


@pytest.mark.parametrize("name", [*REAL_FILES, *BEEBE, "jbtest.bib", "archaeologie-examples.bib"])
def test_at_most_two_percent_of_the_variables_pandoc_reads_are_missing(name: str) -> None:
    total, missed, which = missing_variables(name)
    assert total > 100
    assert missed / total <= MAX_MISSING, which[:20]


@pytest.mark.parametrize("name", ["typeset.bib", "texjourn.bib", "texbook2.bib"])
def test_files_pandoc_refuses_are_read_entry_by_entry(name: str) -> None:
    path = tex_file(name)
    assert subprocess.run(["pandoc", "-f", "biblatex", "-t", "csljson", str(path)],
                          capture_output=True, check=False).returncode != 0  # fmt: skip
    result = bibtex.parse_string(path.read_text(encoding="utf-8"), source=str(path))
    assert len(result.references) > 50
    assert len(result.errors) < len(result.references) / 50


@pytest.mark.parametrize("name", REAL_FILES)
def test_no_title_keeps_a_raw_line_break(name: str) -> None:
    for reference in ours(name):
        for text in (reference.title, reference.container_title, reference.note):
            assert text is None or ("\n" not in text and "  " not in text), reference.id


def test_logos_and_markup_survive() -> None:
    titles = {r.id: r.title for r in ours("biblatex-examples.bib")}
    assert titles["knuth:ct:a"] == "Computers & Typesetting"
    volumes = {r.id: r.volume_title for r in ours("biblatex-examples.bib")}
    assert volumes["knuth:ct:a"] == "The TeXbook"
    assert volumes["knuth:ct:b"] == "TeX: The Program"
    assert all("TeX" in (volumes[f"knuth:ct:{v}"] or "") for v in "ab")


def test_biblatex_semantics_read_as_pandoc_reads_them() -> None:
    by_id = {r.id: r for r in ours("biblatex-examples.bib")}
    assert by_id["baez/article"].url == "https://arxiv.org/abs/math/0307200v3"  # eprint
    assert by_id["almendro"].jurisdiction == "France; United Kingdom; Germany"  # patent
    assert by_id["almendro"].number == "EU-29702195U"
    assert by_id["chiu"].genre == "research report"  # a localisation key in type
    assert by_id["westfahl:space"].title_short == "The True Frontier"  # title before subtitle
    assert by_id["kullback:reprint"].original_date is not None
    assert by_id["aristotle:anima"].editor and by_id["aristotle:anima"].author


def test_xampl_day_month_and_crossref_author() -> None:
    by_id = {r.id: r for r in ours("xampl.bib")}
    assert by_id["book-full"].issued is not None
    assert by_id["book-full"].issued.date_parts == ((1981, 1, 10),)  # month = "10~" # jan
    assert by_id["inbook-crossref"].author == by_id["whole-set"].author
    assert by_id["mastersthesis-minimal"].genre == "Master\u2019s thesis"


@pytest.mark.parametrize("name", REAL_FILES)
@pytest.mark.parametrize("unicode", [False, True], ids=["latex", "utf8"])
def test_bib_to_json_to_bib_keeps_every_entry_and_what_bibtex_can_say(
    name: str, unicode: bool
) -> None:
    first = ours(name)
    written = bibtex.write_string(list(first), unicode=unicode)
    again = bibtex.parse_string(written, source="written.bib")
    assert not again.issues, again.issues
    assert len(again.references) == len(first)
    changed = [
        (a.id, key)
        for a, b in zip(first, again.references, strict=True)
        for key, value in _variables(a).items()
        if _variables(b).get(key) != value
    ]
    # What a .bib cannot say of these entries, and why (each one checked by hand):
    known = {
        ("almendro", "jurisdiction"),  # CSL's patent is written as @misc, without location
        ("coleridge", "collection-number"),  # plain.bst refuses volume and number in a book
        ("whole-set", "issued"),  # a literal date ('{\switchargs{--90}{1968}}'), not a year
    }
    assert set(changed) <= known, sorted(set(changed) - known)


def _variables(reference: Reference) -> dict[str, Any]:
    item = reference.to_csl()
    return {k: v for k, v in item.items() if k not in {"id", "custom"}}
