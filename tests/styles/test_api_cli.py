"""The public API (style lookup, locales, cite) and the ``format`` / ``styles`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from als_refs.cli.main import main
from als_refs.errors import InputError, StyleNotFoundError
from als_refs.models import Reference
from als_refs.styles import (
    cite,
    format_bibliography,
    format_entries,
    list_styles,
    resolve_style,
)


def rivera() -> Reference:
    return Reference.from_csl(
        {
            "id": "rivera2013",
            "type": "article-journal",
            "title": "Prevalence of amyotrophic lateral sclerosis in Ireland",
            "author": [
                {"family": "Rivera", "given": "Isabel"},
                {"family": "Chiò", "given": "Adriano"},
                {"family": "Müller", "given": "Jürgen"},
            ],
            "container-title": "Neurology",
            "container-title-short": "Neurology",
            "volume": "80",
            "issue": "4",
            "page": "1123-9",
            "issued": {"date-parts": [[2013, 5, 28]]},
            "DOI": "10.1212/WNL.0b013e3182",
        }
    )


def second() -> Reference:
    return Reference.from_csl(
        {
            "id": "turner2019",
            "type": "book",
            "title": "Motor neuron disease in practice",
            "author": [{"family": "Turner", "given": "Martin R."}],
            "publisher": "Oxford University Press",
            "publisher-place": "Oxford",
            "issued": {"date-parts": [[2019]]},
        }
    )


def test_format_bibliography_ama_text() -> None:
    text = format_bibliography([rivera(), second()], style="american-medical-association")
    assert text.splitlines() == [
        "1. Rivera I, Chiò A, Müller J. Prevalence of amyotrophic lateral sclerosis in Ireland. "
        f"Neurology. 2013;80(4):1123-1129. doi:{rivera().display_doi}",  # the DOI as written
        "2. Turner MR. Motor Neuron Disease in Practice. Oxford University Press; 2019.",
    ]


def test_cite_in_the_three_shapes() -> None:
    refs = [rivera(), second()]
    assert cite(refs, ["rivera2013"], style="apa") == "(Rivera et al., 2013)"
    assert cite(refs, ["turner2019"], style="ieee") == "[2]"
    assert cite(refs, ["rivera2013", "turner2019"], style="american-medical-association") == "¹˒²"
    html = cite(refs, ["rivera2013"], style="american-medical-association", output="html")
    assert html == "<sup>1</sup>"
    located = cite(refs, [{"id": "rivera2013", "locator": "12-15"}], style="apa")
    assert located == "(Rivera et al., 2013, pp. 12–15)"


def test_cite_unknown_id_is_an_input_error() -> None:
    with pytest.raises(InputError, match="nobody"):
        cite([rivera()], ["nobody"], style="apa")


def test_dependent_style_resolves_to_parent_with_its_locale() -> None:
    resolved = resolve_style("nature-neuroscience")
    assert resolved.path.name == "nature.csl"
    assert resolved.default_locale == "en-GB"
    entry = format_entries([rivera()], style="nature-neuroscience")[0]
    assert entry.startswith("1. Rivera, I., Chiò, A. & Müller, J.")


def test_style_from_a_path(tmp_path: Path) -> None:
    style = tmp_path / "mine.csl"
    style.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><id>mine</id><title>Mine</title></info>"
        '<citation><layout><text variable="title"/></layout></citation>'
        '<bibliography><layout><text variable="title" text-case="uppercase"/>'
        '<date variable="issued" prefix=" (" suffix=")"><date-part name="year"/></date>'
        "</layout></bibliography></style>",
        encoding="utf-8",
    )
    assert format_bibliography([rivera()], style=str(style)) == (
        "PREVALENCE OF AMYOTROPHIC LATERAL SCLEROSIS IN IRELAND (2013)\n"
    )


def test_locale_changes_terms_and_dates() -> None:
    refs = [rivera()]
    german = format_entries(refs, style="nlm-citation-sequence", locale="de-DE")[0]
    assert "Neurology. 28. Mai 2013;80(4)" in german  # as citeproc-js renders it
    english = format_entries(refs, style="nlm-citation-sequence")[0]
    assert "2013 May 28" in english


def test_unknown_style_suggests_close_ids() -> None:
    with pytest.raises(StyleNotFoundError, match=r"did you mean.*apa"):
        format_bibliography([rivera()], style="apa-7th-editio")


def test_unknown_locale_and_output_are_input_errors() -> None:
    with pytest.raises(InputError, match="locale"):
        format_bibliography([rivera()], style="apa", locale="xx-XX")
    with pytest.raises(InputError, match="output"):
        format_bibliography([rivera()], style="apa", output="pdf")  # type: ignore[arg-type]


def test_list_styles_filters_by_every_word() -> None:
    found = list_styles("american medical")
    assert ("american-medical-association", "AMA Manual of Style 11th edition") in found
    assert all("american" in (i + t).lower() and "medical" in (i + t).lower() for i, t in found)
    assert len(list_styles()) > 10000


def write_library(tmp_path: Path) -> Path:
    path = tmp_path / "library.json"
    path.write_text(json.dumps([rivera().to_csl(), second().to_csl()]), encoding="utf-8")
    return path


def test_cli_format_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["format", str(write_library(tmp_path)), "--style", "nlm-citation-sequence"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[0].startswith("1. Rivera I, Chiò A, Müller J. Prevalence")
    assert len(out.splitlines()) == 2


def test_cli_format_html_and_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library = str(write_library(tmp_path))
    assert main(["format", library, "--style", "apa", "--to", "html"]) == 0
    html = capsys.readouterr().out
    assert html.startswith('<div class="csl-bib-body">') and "<i>Neurology</i>" in html
    assert main(["format", library, "--style", "apa", "--to", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert "*Neurology*" in markdown
    assert [line for line in markdown.splitlines() if line][1].startswith("Turner, M. R.")


def test_cli_format_locale(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library = str(write_library(tmp_path))
    assert main(["format", library, "--style", "nlm-citation-sequence", "--locale", "de-DE"]) == 0
    assert "Mai" in capsys.readouterr().out


def test_cli_format_unknown_style_is_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["format", str(write_library(tmp_path)), "--style", "no-such-style"]) == 2
    assert "unknown style 'no-such-style'" in capsys.readouterr().err


def test_cli_format_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["format", "does-not-exist.json"]) == 2
    assert "does-not-exist.json" in capsys.readouterr().err


def test_cli_styles(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["styles", "nature", "neuroscience"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[0] == "nature-neuroscience"
    assert main(["styles", "nature"]) == 0
    assert capsys.readouterr().out.splitlines()[0].split()[0] == "nature"
    assert main(["styles", "zzzz-no-such"]) == 1
