"""BibTeX writer and reader, example by example (hand-written expectations)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from als_refs.errors import ParseError
from als_refs.formats import bibtex, get_format
from als_refs.formats._latex import decode, encode
from als_refs.models import DateParts, Location, Name, Provenance, Reference

DATA = Path(__file__).resolve().parents[1] / "data" / "bibtex"


def entry_field(text: str, field: str) -> str:
    """The raw value of ``field`` in a written entry (one line per field, as we write them)."""
    match = re.search(rf"^  {re.escape(field)} = (.*?),?$", text, re.MULTILINE)
    assert match is not None, f"no {field} in:\n{text}"
    value = match.group(1)
    return value[1:-1] if value.startswith("{") else value


def article(**fields: object) -> Reference:
    base: dict[str, object] = {
        "id": "rivera2013prevalence",
        "type": "article-journal",
        "title": "Prevalence of pain",
        "author": (Name(family="Rivera", given="I."),),
        "container_title": "Neurology",
        "issued": DateParts.from_ymd(2013),
    }
    base.update(fields)
    return Reference.model_validate(base)


# --- escaping -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        pytest.param("A & B", r"A \& B", id="ampersand"),
        pytest.param("50%", r"50\%", id="percent"),
        pytest.param("$5", r"\$5", id="dollar"),
        pytest.param("#1", r"\#1", id="hash"),
        pytest.param("a_b", r"a\_b", id="underscore"),
        pytest.param("~x", r"\textasciitilde{}x", id="tilde"),
        pytest.param("x^2", r"x\textasciicircum{}2", id="caret"),
        pytest.param("a\\b", r"a\textbackslash{}b", id="backslash"),
        pytest.param("{x}", r"\textbraceleft{}x\textbraceright{}", id="braces"),
        pytest.param("lone {", r"lone \textbraceleft{}", id="lone-open-brace"),
        pytest.param("a--b", "a-{}-b", id="double-hyphen-no-ligature"),
        pytest.param("``q''", "`{}`q'{}'", id="quote-ligatures"),
        pytest.param("Chiò", r"Chi{\`o}", id="grave"),
        pytest.param("Björn", r"Bj{\"o}rn", id="umlaut"),
        pytest.param("2013–2014", r"2013{\textendash}2014", id="en-dash"),
        pytest.param("Straße", r"Stra{\ss}e", id="sharp-s"),
        pytest.param("中", "?", id="no-latex-spelling-is-ascii"),
    ],
)
def test_latex_escapes(text: str, latex: str) -> None:
    assert encode(text) == latex
    if text != "中":
        assert decode(latex) == text


def test_unicode_mode_keeps_utf8_but_still_escapes_specials() -> None:
    assert (
        encode("Chiò & Björn {x}", unicode=True)
        == r"Chiò \& Björn \textbraceleft{}x\textbraceright{}"
    )


def test_written_bib_never_contains_a_backslash_brace() -> None:
    ref = article(title="lone { and } and {pair}", note="}{", publisher="a\\{b")
    text = bibtex.write_string([ref])
    assert "\\{" not in text and "\\}" not in text
    assert bibtex.parse_string(text).references == (ref,)


@pytest.mark.parametrize(
    ("title", "written"),
    [
        pytest.param("Prevalence of ALS", "Prevalence of {ALS}", id="acronym"),
        pytest.param("ALS and pain", "{ALS} and pain", id="acronym-first"),
        pytest.param("mRNA levels in DNA", "{mRNA} levels in {DNA}", id="mixed-case"),
        pytest.param("Pain in Parkinson disease", "Pain in {Parkinson} disease", id="proper-noun"),
        pytest.param("Neurology today", "Neurology today", id="first-word-capital"),
        pytest.param("Cramps & ALS/MND", r"Cramps \& {ALS/MND}", id="special-and-acronym"),
        pytest.param(
            "Pain in Öztürk's test", 'Pain in {{\\"O}zt{\\"u}rk\'s} test', id="accented-capital"
        ),
        pytest.param("Öztürk's test", '{\\"O}zt{\\"u}rk\'s test', id="accented-first-word"),
        pytest.param("&ALS", r"{{\&ALS}}", id="escape-first-double-braced"),
    ],
)
def test_title_words_whose_case_matters_are_braced(title: str, written: str) -> None:
    text = bibtex.write_string([article(title=title)])
    assert entry_field(text, "title") == written
    assert bibtex.parse_string(text).references[0].title == title


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "written"),
    [
        pytest.param(
            (Name(literal="Mexiletine ALS Study Group"),),
            "{Mexiletine ALS Study Group}",
            id="group-double-braced",
        ),
        pytest.param(
            (Name(family="Berg", given="Leonard", non_dropping_particle="van den", suffix="Jr"),),
            "van den Berg, Jr, Leonard",
            id="particle-and-suffix",
        ),
        pytest.param((Name(family="Chiò", given="Adriano"),), r"Chi{\`o}, Adriano", id="diacritic"),
        pytest.param(
            (Name(family="de la Cruz", given="Maria"),),
            "{de la Cruz}, Maria",
            id="lowercase-family",
        ),
        pytest.param(
            (Name(family="Smith", given="A, B"),), "Smith, {A, B}", id="comma-in-given-braced"
        ),
        pytest.param(
            (Name(literal="Johnson & Johnson"), Name(family="Doe", given="J")),
            r"{Johnson \& Johnson} and Doe, J",
            id="group-with-ampersand-among-people",
        ),
    ],
)
def test_names(names: tuple[Name, ...], written: str) -> None:
    text = bibtex.write_string([article(author=names)])
    assert entry_field(text, "author") == written
    assert bibtex.parse_string(text).references[0].author == names
    assert "x-als-refs" not in text


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        pytest.param(
            "van den Berg, Jr, Leonard",
            Name(family="Berg", given="Leonard", non_dropping_particle="van den", suffix="Jr"),
            id="von-last-jr-first",
        ),
        pytest.param(
            "Ludwig van Beethoven",
            Name(family="Beethoven", given="Ludwig", non_dropping_particle="van"),
            id="first-von-last",
        ),
        pytest.param(
            "{World Health Organization}", Name(literal="World Health Organization"), id="group"
        ),
        pytest.param(r"{\"O}zt{\"u}rk, Ay{\c s}e", Name(family="Öztürk", given="Ayşe"), id="latex"),
        pytest.param("Plato", Name(family="Plato"), id="single-word"),
    ],
)
def test_reading_names(raw: str, name: Name) -> None:
    text = f"@misc{{k,\n  author = {{{raw}}},\n  title = {{T}},\n}}\n"
    result = bibtex.parse_string(text)
    assert result.issues == ()
    assert result.references[0].author == (name,)


def test_a_name_bibtex_cannot_split_is_a_warning_and_kept() -> None:
    text = "@misc{k,\n  author = {Too, Many, Commas, Here},\n  title = {T},\n}\n"
    result = bibtex.parse_string(text, source="names.bib")
    assert [i.code for i in result.issues] == ["bibtex-field"]
    assert result.issues[0].line == 1
    assert result.references[0].author == (Name(literal="Too, Many, Commas, Here"),)


# --- fields, types, dates -------------------------------------------------------------------


def test_pages_are_written_with_en_dash_and_read_back_with_hyphen() -> None:
    text = bibtex.write_string([article(page="1474-1481")])
    assert entry_field(text, "pages") == "1474--1481"
    assert bibtex.parse_string(text).references[0].page == "1474-1481"


@pytest.mark.parametrize(
    "pages",
    [
        pytest.param("551--555", id="double-hyphen"),
        pytest.param("551-555", id="hyphen"),
        pytest.param("551–555", id="unicode-en-dash"),
        pytest.param("551\\textendash{}555", id="latex-en-dash"),
    ],
)
def test_page_ranges_read_as_hyphen(pages: str) -> None:
    text = f"@misc{{k,\n  title = {{T}},\n  pages = {{{pages}}},\n}}\n"
    assert bibtex.parse_string(text).references[0].page == "551-555"


def test_an_article_number_prints_with_plain_bst_and_issue_goes_to_number() -> None:
    # plain.bst and unsrt.bst never print eid: a Cochrane review's number is copied into pages,
    # and eid keeps it so that it reads back as the article number, not a page.
    ref = article(number="CD004157", issue="4", volume="2012")
    text = bibtex.write_string([ref])
    assert entry_field(text, "pages") == "CD004157"
    assert entry_field(text, "eid") == "CD004157"
    assert entry_field(text, "number") == "4"
    (back,) = bibtex.parse_string(text).references
    assert (back.number, back.page, back.issue) == ("CD004157", None, "4")
    with_pages = bibtex.write_string([article(number="e403808", page="1-9")])
    assert entry_field(with_pages, "eid") == "e403808"
    assert entry_field(with_pages, "pages") == "1--9"
    (read,) = bibtex.parse_string(with_pages).references
    assert (read.number, read.page) == ("e403808", "1-9")


def test_full_date_is_year_month_for_bibtex_and_date_for_biblatex() -> None:
    ref = article(issued=DateParts.from_ymd(2016, 4, 19))
    text = bibtex.write_string([ref])
    assert entry_field(text, "year") == "2016"
    assert entry_field(text, "month") == "apr"  # a macro, unbraced
    assert entry_field(text, "date") == "2016-04-19"
    assert "x-als-refs" not in text
    assert bibtex.parse_string(text).references == (ref,)


@pytest.mark.parametrize(
    ("issued", "date_field"),
    [
        pytest.param(DateParts.from_ymd(2016), None, id="year-only"),
        pytest.param(DateParts.from_ymd(2016, 4), None, id="year-month"),
        pytest.param(DateParts(date_parts=((2013, 5), (2014, 1))), "2013-05/2014-01", id="range"),
    ],
)
def test_dates(issued: DateParts, date_field: str | None) -> None:
    ref = article(issued=issued)
    text = bibtex.write_string([ref])
    if date_field is None:
        assert "  date = " not in text
    else:
        assert entry_field(text, "date") == date_field
    assert bibtex.parse_string(text).references == (ref,)


@pytest.mark.parametrize(
    ("issued", "year"),
    [
        pytest.param(DateParts(date_parts=((2013, 2, 30),)), "2013", id="impossible-day"),
        pytest.param(DateParts(date_parts=((2013,),), season="Spring"), "2013", id="season"),
        pytest.param(DateParts(literal="in press"), None, id="literal"),
    ],
)
def test_dates_bibtex_cannot_hold_keep_what_it_can(issued: DateParts, year: str | None) -> None:
    text = bibtex.write_string([article(issued=issued)])
    assert "x-als-refs" not in text
    # No year at all: EDTF's unknown year, which biber's data model accepts; else no date field.
    assert ("  date = {XXXX}" in text) if year is None else ("  date = " not in text)
    (read,) = bibtex.parse_string(text).references
    assert (str(read.year) if read.year else None) == year


def test_what_bibtex_cannot_hold_stays_out_of_the_bib() -> None:
    # Provenance, trial ids and custom data live in the CSL-JSON and the lockfile.
    ref = article(
        trial_ids=("NCT01849770",),
        published_online=DateParts.from_ymd(2013, 1, 2),
        title_short="Pain",
        container_title_short="Neurol.",
        custom={"zotero": {"key": "ABC"}, "nothing": None},
        language="en-US",
        provenance=Provenance(locations=(Location(document="a.txt", line=3),)),
    )
    text = bibtex.write_string([ref])
    assert "x-als-refs" not in text and "NCT01849770" not in text and "a.txt" not in text
    assert "langid" not in text  # a BCP 47 tag is no babel language name
    (read,) = bibtex.parse_string(text).references
    assert (read.title_short, read.container_title_short) == ("Pain", "Neurol.")
    commented = bibtex.write_string([ref], provenance=True)
    assert commented.startswith("% rivera2013prevalence: cited at a.txt:3\n@article{")
    assert bibtex.parse_string(commented).references == (read,)


def test_a_plain_article_needs_no_extra_field() -> None:
    text = bibtex.write_string([article(volume="19", issue="4", page="551-555", doi="10.1212/x")])
    assert "x-als-refs" not in text


@pytest.mark.parametrize(
    ("reference", "entry_type"),
    [
        pytest.param(article(), "article", id="article"),
        pytest.param(article(container_title=None), "misc", id="article-without-journal-is-misc"),
        pytest.param(article(issued=None), "misc", id="article-without-year-is-misc"),
        pytest.param(article(type="book", publisher="Demos"), "book", id="book"),
        pytest.param(article(type="book"), "misc", id="book-without-publisher"),
        pytest.param(article(type="chapter", publisher="OUP"), "incollection", id="chapter"),
        pytest.param(article(type="paper-conference"), "inproceedings", id="conference"),
        pytest.param(article(type="report", publisher="CDC"), "techreport", id="report"),
        pytest.param(article(type="thesis", publisher="MIT"), "phdthesis", id="thesis"),
        pytest.param(article(type="pamphlet"), "booklet", id="pamphlet"),
        pytest.param(article(type="manuscript", note="draft"), "unpublished", id="manuscript"),
        pytest.param(article(type="webpage", url="https://x.org"), "misc", id="webpage"),
        pytest.param(article(type="dataset"), "misc", id="unmapped-type"),
    ],
)
def test_entry_types(reference: Reference, entry_type: str) -> None:
    text = bibtex.write_string([reference])
    assert text.startswith(f"@{entry_type}{{")
    (read,) = bibtex.parse_string(text).references
    assert (read.title, read.author, read.year) == (
        reference.title,
        reference.author,
        reference.year,
    )


def test_container_is_booktitle_for_chapters_and_journal_otherwise() -> None:
    chapter = bibtex.write_string([article(type="chapter", publisher="OUP")])
    assert entry_field(chapter, "booktitle") == "Neurology"
    assert entry_field(bibtex.write_string([article()]), "journal") == "Neurology"


def test_publisher_field_follows_the_entry_type() -> None:
    report = bibtex.write_string([article(type="report", publisher="CDC", number="R-1")])
    assert entry_field(report, "institution") == "CDC"
    assert entry_field(report, "number") == "R-1"
    thesis = bibtex.write_string([article(type="thesis", publisher="MIT")])
    assert entry_field(thesis, "school") == "MIT"


def test_entries_without_names_get_a_sort_key_for_plain_bst() -> None:
    text = bibtex.write_string([Reference(id="w", type="webpage", title="Living with ALS")])
    assert entry_field(text, "key") == "Living with ALS"


def test_unusable_ids_become_ascii_keys_and_the_id_survives() -> None:
    refs = [article(id="Chiò 2012/ä"), article(id="dup"), article(id="DUP")]
    text = bibtex.write_string(refs)
    keys = re.findall(r"^@\w+\{([^,]+),", text, re.MULTILINE)
    assert keys == ["Chio-2012-a", "dup", "DUP-2"]


def test_output_is_deterministic() -> None:
    refs = [article(), article(id="b", trial_ids=("NCT1",))]
    assert bibtex.write_string(refs) == bibtex.write_string(refs)


# --- reading other tools' files -------------------------------------------------------------


def test_fields_no_attribute_holds_are_kept_and_written_back() -> None:
    text = "@misc{k,\n  title = {T},\n  keywords = {pain, ALS},\n  file = {a.pdf},\n"
    text += "  x-zotero = {z},\n}\n"
    reference = bibtex.parse_string(text).references[0]
    assert reference.keyword == "pain, ALS"
    assert reference.custom == {"bibtex": {"file": "a.pdf", "x-zotero": "z"}}
    written = bibtex.write_string([reference])
    assert entry_field(written, "keywords") == "pain, ALS"
    assert entry_field(written, "file") == "a.pdf"
    assert "x-zotero" not in written  # biber's data model does not know it


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("a } b {", id="unbalanced"),
        pytest.param("see @article{x", id="at-sign"),
        pytest.param(" padded", id="blanks"),
        pytest.param("ends with \\", id="trailing-backslash"),
    ],
)
def test_unsafe_kept_fields_are_not_written(value: str) -> None:
    reference = article(custom={"bibtex": {"file": value}})
    written = bibtex.write_string([reference])
    assert "file" not in written
    assert bibtex.parse_string(written).references[0].title == reference.title


def test_a_bare_percent_is_text_and_a_tie_in_a_name_is_a_space() -> None:
    text = "@misc{k,\n  author = {van~den Berg, Leonard~H.},\n  note = {50% see x.org/a%20b},\n}\n"
    reference = bibtex.parse_string(text).references[0]
    assert reference.note == "50% see x.org/a%20b"
    assert reference.author == (
        Name(family="Berg", given="Leonard H.", non_dropping_particle="van den"),
    )


def test_reads_a_biblatex_style_file() -> None:
    result = bibtex.parse_string((DATA / "biblatex-style.bib").read_text(encoding="utf-8"))
    assert result.issues == ()
    refs = {ref.id: ref for ref in result.references}
    chio = refs["Chio2012"]
    assert chio.container_title == "European Journal of Neurology"  # @string + journaltitle
    assert chio.issued == DateParts.from_ymd(2012, 4, 15)  # biblatex date
    assert chio.accessed == DateParts.from_ymd(2020, 1, 31)
    assert chio.pmid == "22098049"  # eprinttype = pubmed
    assert chio.doi == "10.1111/j.1468-1331.2011.03581.x"
    assert chio.author[3] == Name(family="Öztürk", given="Ayşe")
    assert chio.page == "551-555" and chio.volume == "19" and chio.issue == "4"
    assert refs["alsa"].type == "webpage"
    assert refs["alsa"].issued == DateParts.from_ymd(2021, 3)  # month = {March}
    assert refs["cdc2020"].publisher == "Agency for Toxic Substances & Disease Registry"
    assert refs["cdc2020"].number == "CS-2020-01"
    assert refs["cdc2020"].genre == "Surveillance report"
    assert refs["lukasiewicz2018"].publisher == "Université Paris-Saclay"
    assert refs["muller2019"].container_title == "Proceedings of the ALS/MND Symposium"
    assert refs["muller2019"].number == "e403808"
    assert refs["muller2019"].author[1] == Name(
        family="Cruz", given="Maria", non_dropping_particle="de la"
    )


# --- malformed input ------------------------------------------------------------------------


def test_malformed_entries_are_reported_with_their_line_and_the_others_read() -> None:
    result = bibtex.parse_string(
        (DATA / "malformed.bib").read_text(encoding="utf-8"), source="malformed.bib"
    )
    assert [ref.id for ref in result.references] == ["good1", "good2", "good3"]
    found = [(i.line, i.code) for i in result.issues]
    assert found == [(9, "bibtex-syntax"), (21, "duplicate-key"), (25, "bibtex-syntax")]
    assert all(i.severity == "error" and i.source == "malformed.bib" for i in result.issues)
    assert "broken_unclosed" in result.issues[0].message
    assert str(result.issues[1]).startswith("malformed.bib:21: error: duplicate-key")


@pytest.mark.parametrize(
    ("text", "line", "code"),
    [
        pytest.param(
            "@article{a,\n title = {x}\n\n@misc{b, title={y}}\n", 1, "bibtex-syntax", id="unclosed"
        ),
        pytest.param("\n\n@misc{b title={y}}\n", 3, "bibtex-syntax", id="no-comma-after-key"),
        pytest.param(
            "@misc{b, title={y}}\n@misc{b, title={z}}\n", 2, "duplicate-key", id="dup-key"
        ),
    ],
)
def test_malformed_entry_table(text: str, line: int, code: str) -> None:
    result = bibtex.parse_string(text, source="t.bib")
    assert (result.issues[0].line, result.issues[0].code) == (line, code)
    with pytest.raises(ParseError) as caught:
        bibtex.parse_string(text, source="t.bib", strict=True)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"t.bib:{line}: ")


def test_an_unreadable_extra_field_is_a_warning_not_a_failure() -> None:
    text = "@misc{k,\n  title = {T},\n  x-als-refs = {not json},\n}\n"
    result = bibtex.parse_string(text)
    assert [i.code for i in result.issues] == ["bibtex-field"]
    assert result.references[0].title == "T"


@pytest.mark.parametrize(
    ("fields", "kept", "severity"),
    [
        pytest.param(
            '  x-als-refs = {%7B"title":[5]%7D},\n',
            {"type": "document", "title": "T"},
            "warning",
            id="bad-extra-value-falls-back-to-native",
        ),
        pytest.param(
            '  x-als-refs = {%7B"id":[5]%7D},\n',
            {"id": "k", "title": "T"},
            "warning",
            id="bad-extra-id-falls-back-to-the-key",
        ),
    ],
)
def test_a_bad_field_is_reported_and_the_entry_is_kept(
    fields: str, kept: dict[str, object], severity: str
) -> None:
    text = "@misc{k,\n  title = {T},\n" + fields + "}\n"
    result = bibtex.parse_string(text, source="bad.bib")
    assert [(i.severity, i.code, i.line) for i in result.issues] == [(severity, "invalid-field", 1)]
    assert result.issues[0].source == "bad.bib"
    reference = result.references[0]
    assert {name: getattr(reference, name) for name in kept} == kept


def test_a_doi_that_is_not_one_survives_a_round_trip() -> None:
    text = "@article{k,\n  title = {T},\n  doi = {11.1234/x},\n}\n"
    (reference,) = bibtex.parse_string(text).references
    assert reference.doi is None
    (again,) = bibtex.parse_string(bibtex.write_string([reference])).references
    assert again.forms["DOI"] == "11.1234/x"


def test_a_field_given_twice_keeps_the_entry_with_a_warning() -> None:
    result = bibtex.parse_string("@misc{b, title={y}, title={z}, year=2000}\n", source="t.bib")
    (reference,) = result.references
    assert (reference.title, reference.year) == ("y", 2000)
    assert [(i.severity, i.code, i.line) for i in result.issues] == [("warning", "bibtex-field", 1)]
    assert "title given twice" in result.issues[0].message


def test_registered_by_name_and_suffix() -> None:
    module: object = bibtex
    assert get_format("bibtex") is module
    assert get_format(filename="refs.bib") is module
    assert get_format(filename="refs.bibtex") is module


def test_braces_nested_250_deep_lose_nothing_else() -> None:
    deep = "{" * 250 + "x" + "}" * 250
    result = bibtex.parse_string(f"@misc{{a, title={{{deep}}}}}\n@misc{{b, title={{ok}}}}\n")
    assert [r.title for r in result.references] == ["x", "ok"]


def test_control_characters_never_reach_the_bib() -> None:
    reference = Reference(id="a", type="book", title="T\x00x\x1by", url="http://a.org/\x1bx")
    text = bibtex.write_string([reference])
    assert not any(ord(c) < 32 and c != "\n" for c in text)
    (back,) = bibtex.parse_string(text).references
    assert (back.title, back.url) == ("Txy", "http://a.org/x")
