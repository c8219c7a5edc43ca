"""RIS: real files (a publisher export written from recorded Crossref records, citation-js's
fixtures from user reports), every tag the format holds, bad records, and the round trip."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from als_refs.formats import get_format, ris
from als_refs.models import DateParts, Name, Reference

DATA = Path(__file__).resolve().parent / "data"
PUBLISHER = DATA / "publisher_crossref_examples.ris"
CITATION_JS = sorted((DATA / "citation-js").glob("*.ris"))


def read(text: str) -> list[Reference]:
    result = ris.parse_string(text, "t.ris")
    assert not result.errors, result.errors
    return list(result.references)


def lines(text: str) -> Counter[str]:
    return Counter(line.rstrip() for line in text.splitlines())


def crossref_records(shared: Path) -> list[dict[str, Any]]:
    path = shared / "crossref-examples" / "01_work_singleton_journal_article.json"
    examples = json.loads(path.read_text(encoding="utf-8"))["examples"]
    return [example["response"]["body"]["message"] for example in examples]


# --- a publisher's export of two real articles -------------------------------------------


def test_publisher_export_imports_every_field_the_record_holds(shared: Path) -> None:
    plos, bmj = crossref_records(shared)
    first, second = read(PUBLISHER.read_text(encoding="utf-8"))
    assert first.type == second.type == "article-journal"
    assert first.title == plos["title"][0]
    assert [(n.family, n.given) for n in first.author] == [
        (a["family"], a["given"]) for a in plos["author"]
    ]
    assert [n.family for n in first.editor] == [e["family"] for e in plos["editor"]]
    assert first.issued == DateParts(date_parts=(tuple(plos["issued"]["date-parts"][0]),))
    assert first.container_title == plos["container-title"][0]
    assert first.container_title_short == plos["short-container-title"][0]
    assert (first.volume, first.issue, first.page) == (plos["volume"], plos["issue"], plos["page"])
    assert first.publisher == plos["publisher"]
    assert first.issn == plos["ISSN"][0]
    assert first.display_doi == plos["DOI"]
    assert first.url == plos["URL"]
    assert first.language == plos["language"]
    assert len(second.author) == len(bmj["author"])
    assert second.title is not None and second.title.startswith("Construction of a reference")
    assert second.container_title == bmj["container-title"][0]
    assert second.container_title_short == bmj["short-container-title"][0]
    assert second.issued == DateParts(date_parts=(tuple(bmj["published-print"]["date-parts"][0]),))
    assert second.page == bmj["page"]
    assert second.issn == ", ".join(bmj["ISSN"])
    assert second.display_doi == bmj["DOI"]
    assert second.url == bmj["resource"]["primary"]["URL"]
    assert second.abstract is not None and second.abstract.startswith("Background: The absence")
    assert second.publisher == "BMJ"
    affiliations = second.custom["ris"]["AD"]
    assert affiliations[0] == bmj["author"][0]["affiliation"][0]["name"]


def test_publisher_export_round_trips_through_the_hub() -> None:
    references = read(PUBLISHER.read_text(encoding="utf-8"))
    written = ris.write_string(references)
    assert read(written) == references
    assert ris.write_string(read(written)) == written
    lines = set(written.splitlines())
    assert "SP  - 314" in lines and "EP  - 320" in lines
    assert {"SN  - 0021-9746, 1472-4146", "DO  - 10.1136/jclinpath-2020-206745"} <= lines
    assert "A2  - Borlongan, Cesario V." in lines  # the academic editor, as the publisher gave it
    assert "DA  - 2012/03/21/" in lines and "PY  - 2012" in lines


@pytest.mark.parametrize("path", CITATION_JS, ids=lambda p: p.stem)
def test_citation_js_fixtures_read_and_round_trip(path: Path) -> None:
    result = ris.parse_string(path.read_text(encoding="utf-8"), str(path))
    assert not result.errors
    assert len(result.references) == 1
    again = ris.parse_string(ris.write_string(result.references), "again.ris")
    assert list(again.references) == list(result.references)
    # What was read with a warning (a stray header aside) is written as it was: same warning.
    expected = [
        i.code for i in result.issues if i.code not in ("ris-outside-record", "ris-missing-end")
    ]
    assert [i.code for i in again.issues] == expected


def test_citation_js_fixtures_give_the_values_their_reports_expect() -> None:
    by_name = {
        p.stem: ris.parse_string(p.read_text(encoding="utf-8")).references[0] for p in CITATION_JS
    }
    book = by_name["citation.js-issues-214"]
    assert (book.type, book.call_number, book.isbn) == (
        "book",
        "PN6737.M35 B69 2019",
        "978-0-06-297658-1",
    )
    assert (book.edition, book.publisher_place) == ("First HarperOne hardcover", "New York, NY")
    magazine = by_name["citation.js-issues-215"]
    assert magazine.issued == DateParts(date_parts=((2019, 3),))
    assert magazine.page == "10-12"
    article = by_name["issues-213"]
    assert article.accessed == DateParts(date_parts=((2023, 11, 1),))
    assert (article.id, article.container_title_short) == ("cdlj-2021-2", "CDLJ")
    assert by_name["issues-213-2"].version == "0.5.0"  # ET of a computer program
    assert by_name["issues-213-3"].issued == DateParts(date_parts=((2023, 10, 24),))
    chapter = by_name["pull-248-1"]
    assert chapter.type == "chapter"  # "TY  - Chap"
    assert [n.family for n in chapter.editor] == ["McDonald", "Roberts", "Frood"]
    assert (chapter.archive, chapter.isbn, chapter.publisher) == (
        "OEB", "9780900416927", "Griffith Institute",
    )  # fmt: skip
    journal = by_name["pull-248-2"]
    assert journal.type == "article-journal"  # "TY  - Journ", read as JOUR
    assert journal.keyword is not None and "New York, Metropolitan Museum of Art" in journal.keyword


# --- every tag --------------------------------------------------------------------------------

EVERY_TAG = """\
TY  - JOUR
ID  - every2016
AU  - Chiò, Adriano
AU  - Doe, John, Jr.
AU  - ALS Study Group
A2  - Editor, Ed
A3  - Series, Sam
A4  - Translator, Tess
TI  - A title
ST  - Short
T2  - Journal of Things
J2  - J Things
T3  - A series
PY  - 2016
DA  - 2016/04/19/
Y2  - 2020/01/02/
VL  - 12
IS  - 3
SP  - 101
EP  - 109
M1  - e403808
SE  - 4
NV  - 2
SV  - 7
SN  - 1932-6203
DO  - 10.1212/WNL.0000000000002507
UR  - https://example.org/a
AB  - An abstract.
KW  - amyotrophic lateral sclerosis
KW  - riluzole
N1  - A note.
N1  - A second line.
PB  - A Publisher
CY  - Milan
ET  - 2nd
LA  - en
AN  - PMID:27029714
CN  - QA76 .C55
DB  - PubMed
DP  - NLM
LB  - every-label
M3  - Original article
AD  - Turin, Italy
C1  - custom one
C2  - custom two
C3  - custom three
C4  - custom four
C5  - custom five
C6  - custom six
C7  - custom seven
C8  - custom eight
L1  - https://example.org/a.pdf
L2  - https://example.org/a.html
L3  - https://example.org/related
L4  - https://example.org/figure.png
UR  - https://example.org/second-url
N2  - A second abstract kept as written.
RN  - research notes
ER  -
"""
"""Constructed (not an export): one record with every tag, in the writer's own spelling."""


def test_every_tag_imports_into_its_csl_variable_or_custom() -> None:
    (reference,) = read(EVERY_TAG)
    assert reference.author == (
        Name(family="Chiò", given="Adriano"),
        Name(family="Doe", given="John", suffix="Jr."),
        Name(literal="ALS Study Group"),
    )
    assert [n.family for n in reference.editor] == ["Editor"]
    assert [n.family for n in reference.collection_editor] == ["Series"]
    assert [n.family for n in reference.translator] == ["Translator"]
    assert (reference.title, reference.title_short) == ("A title", "Short")
    assert (reference.container_title, reference.container_title_short) == (
        "Journal of Things", "J Things",
    )  # fmt: skip
    assert reference.collection_title == "A series"
    assert reference.issued == DateParts(date_parts=((2016, 4, 19),))
    assert reference.accessed == DateParts(date_parts=((2020, 1, 2),))
    expected = {
        "volume": "12", "issue": "3", "page": "101-109", "number": "e403808", "section": "4",
        "number_of_volumes": "2", "collection_number": "7", "issn": "1932-6203",
        "doi": "10.1212/wnl.0000000000002507", "url": "https://example.org/a",
        "abstract": "An abstract.", "keyword": "amyotrophic lateral sclerosis, riluzole",
        "note": "A note.\nA second line.", "publisher": "A Publisher", "publisher_place": "Milan",
        "edition": "2nd", "language": "en", "archive_location": "PMID:27029714",
        "call_number": "QA76 .C55", "archive": "PubMed", "source": "NLM",
        "citation_label": "every-label", "genre": "Original article",
    }  # fmt: skip
    assert {k: getattr(reference, k) for k in expected} == expected
    assert reference.display_doi == "10.1212/WNL.0000000000002507"
    kept = reference.custom["ris"]
    assert kept["AD"] == ["Turin, Italy"]
    assert [kept[f"C{n}"] for n in range(1, 9)] == [[f"custom {w}"] for w in (
        "one", "two", "three", "four", "five", "six", "seven", "eight")]  # fmt: skip
    assert kept["L1"] == ["https://example.org/a.pdf"] and kept["L4"] == [
        "https://example.org/figure.png"
    ]
    assert kept["UR"] == ["https://example.org/second-url"]
    assert kept["N2"] == ["A second abstract kept as written."]


def test_every_tag_exports_back_line_for_line() -> None:
    written = ris.write_string(read(EVERY_TAG))
    assert lines(written) == lines(EVERY_TAG)


def test_every_tag_survives_csl_json_in_between() -> None:
    csl = get_format("csl-json")
    via_json = csl.parse_string(csl.write_string(read(EVERY_TAG))).references
    assert lines(ris.write_string(via_json)) == lines(EVERY_TAG)


# --- tags whose meaning depends on the type, and legacy spellings ----------------------------


def test_book_roles_pages_and_series_follow_the_specification() -> None:
    text = (
        "TY  - BOOK\nAU  - Author, A\nA2  - Series, S\nA3  - Editor, E\nT2  - Series title\n"
        "SP  - 350\nSN  - 978-0-262-24011-1\nER  - \n"
    )
    (book,) = read(text)
    assert [n.family for n in book.editor] == ["Editor"]
    assert [n.family for n in book.collection_editor] == ["Series"]
    assert (book.collection_title, book.number_of_pages, book.isbn, book.issn) == (
        "Series title", "350", "978-0-262-24011-1", None,
    )  # fmt: skip
    assert read(ris.write_string([book])) == [book]


def test_chapter_and_conference_specific_tags() -> None:
    chapter, paper = read(
        "TY  - CHAP\nA2  - Editor, E\nSE  - 5\nT2  - The book\nER  - \n\n"
        "TY  - CONF\nCY  - Barcelona\nT2  - ALS meeting\nER  - \n"
    )
    assert (chapter.type, chapter.chapter_number, chapter.container_title) == (
        "chapter", "5", "The book",
    )  # fmt: skip
    assert [n.family for n in chapter.editor] == ["Editor"]
    assert (paper.type, paper.event_place, paper.publisher_place) == (
        "paper-conference", "Barcelona", None,
    )  # fmt: skip
    assert read(ris.write_string([chapter, paper])) == [chapter, paper]


def test_legacy_tags_t1_a1_y1_jf_ja_ed_n2() -> None:
    (reference,) = read(
        "TY  - JOUR\nT1  - Old title\nA1  - Old, Author\nED  - Old, Editor\n"
        "Y1  - 1996///\nJF  - Journal Full\nJA  - J Full\nN2  - Old abstract\nER  - \n"
    )
    assert (reference.title, reference.container_title, reference.container_title_short) == (
        "Old title", "Journal Full", "J Full",
    )  # fmt: skip
    assert [n.family for n in reference.author] == ["Old"]
    assert [n.family for n in reference.editor] == ["Old"]
    assert reference.issued == DateParts(date_parts=((1996,),))
    assert reference.abstract == "Old abstract"


@pytest.mark.parametrize(
    ("written", "parts", "season"),
    [
        pytest.param("2016/04/19/", ((2016, 4, 19),), None, id="full-slash"),
        pytest.param("2016///", ((2016,),), None, id="year-only"),
        pytest.param("2019/03//", ((2019, 3),), None, id="year-month"),
        pytest.param("2005///Spring", ((2005,),), "Spring", id="season"),
        pytest.param("2023-10-24", ((2023, 10, 24),), None, id="iso"),
    ],
)
def test_ris_dates(written: str, parts: tuple[tuple[int, ...], ...], season: str | None) -> None:
    (reference,) = read(f"TY  - JOUR\nDA  - {written}\nER  - \n")
    assert reference.issued == DateParts(date_parts=parts, season=season)


def test_sn_is_told_apart_as_issn_or_isbn() -> None:
    issn, isbn, both = read(
        "TY  - AGGR\nSN  - 1234-567X\nER  - \n"
        "TY  - AGGR\nSN  - 978-1234567890\nER  - \n"
        "TY  - JOUR\nSN  - 0021-9746\nSN  - 0-262-24011-4\nER  - \n"
    )
    assert (issn.issn, issn.isbn) == ("1234-567X", None)
    assert (isbn.issn, isbn.isbn) == (None, "978-1234567890")
    assert (both.issn, both.isbn) == ("0021-9746", "0-262-24011-4")


def test_a_doi_given_as_the_type_of_work() -> None:
    (reference,) = read("TY  - JOUR\nM3  - doi: 10.3109/07434618.2014.906498\nER  - \n")
    assert reference.doi == "10.3109/07434618.2014.906498" and reference.genre is None


def test_keywords_with_commas_and_keyword_continuation_lines() -> None:
    (reference,) = read("TY  - JOUR\nKW  - Models, Biological\nHumans\nER  - \n")
    assert reference.keyword == "Models, Biological, Humans"
    assert "KW  - Models, Biological" in ris.write_string([reference]).splitlines()


def test_records_without_an_id_get_distinct_readable_ones() -> None:
    first, second, third = read(
        "TY  - JOUR\nAU  - Chiò, A\nPY  - 2012\nER  - \n" * 2 + "TY  - GEN\nER  - \n"
    )
    assert (first.id, second.id, third.id) == ("chiò2012", "chiò2012a", "anonnd")


def test_types_map_both_ways() -> None:
    for ris_type in ("JOUR", "BOOK", "CHAP", "CPAPER", "THES", "RPRT", "ELEC", "DATA", "COMP"):
        (reference,) = read(f"TY  - {ris_type}\nTI  - x\nER  - \n")
        assert ris.write_string([reference]).startswith(f"TY  - {ris_type}\n")
    (ebook,) = read("TY  - EBOOK\nTI  - x\nER  - \n")
    assert ebook.type == "book" and ris.write_string([ebook]).startswith("TY  - EBOOK\n")
    csl_only = Reference(id="r", type="review-book", title="x")
    assert ris.write_string([csl_only]).startswith("TY  - GEN\n")


# --- bad records ------------------------------------------------------------------------------


def test_bad_records_give_issues_with_their_lines_and_the_good_ones_survive() -> None:
    text = (
        "Provider: somewhere\n"
        "TY  - JOUR\nTI  - Good one\nER  - \n"
        "TY  - WHAT\nTI  - Unknown type\nPY  - sometime\nER  - \n"
        "TY  - JOUR\nTI  - No end\n"
        "TY  - JOUR\nTI  - Bad DOI\nDO  - not-a-doi\nER  - \n"
    )
    result = ris.parse_string(text, "bad.ris")
    assert [r.title for r in result.references] == [
        "Good one", "Unknown type", "No end", "Bad DOI",
    ]  # fmt: skip
    found = {(i.code, i.line) for i in result.issues}
    assert {
        ("ris-outside-record", 1),
        ("ris-unknown-type", 5),
        ("ris-date", 7),
        ("ris-missing-end", 9),
        ("doi-syntax", 11),
    } <= found
    assert all(i.source == "bad.ris" for i in result.issues)
    unknown = result.references[1]
    assert unknown.issued == DateParts(raw="sometime")
    assert ris.write_string([unknown]).splitlines()[0] == "TY  - WHAT"
    assert "DO  - not-a-doi" in ris.write_string([result.references[3]]).splitlines()


def test_crlf_and_a_byte_order_mark_are_read() -> None:
    (reference,) = read("\ufeffTY  - JOUR\r\nTI  - Windows\r\nER  - \r\n")
    assert reference.title == "Windows"
