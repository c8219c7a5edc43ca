"""PubMed MEDLINE (.nbib): Biopython's recorded PubMed exports, a file written by hand from
recorded efetch records, every tag the hub has a place for, bad lines, and the round trip."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from als_refs.formats import get_format, medline
from als_refs.models import DateParts, Name, Reference
from als_refs.pubmed.mapping import parse_articles

DATA = Path(__file__).resolve().parent / "data"
NBIB = DATA / "pubmed_29963580_12091962.nbib"
BIOPYTHON = sorted((DATA / "biopython").glob("pubmed_result*.txt"))
RECORDED = Path(__file__).resolve().parents[1] / "data" / "pubmed" / "recorded"


def read(text: str) -> list[Reference]:
    result = medline.parse_string(text, "t.nbib")
    assert not result.issues, result.issues
    return list(result.references)


def tag_lines(text: str) -> Counter[tuple[str, str]]:
    """Every (tag, value) line of a file, continuation lines joined, whatever the wrapping."""
    records, issues = medline.records(text, None)
    assert not issues
    return Counter((f.tag, f.value) for record in records for f in record.fields)


# --- the hand-written .nbib agrees with PubMed's own XML for the same records --------------


def test_nbib_gives_what_the_efetch_xml_of_the_same_record_gives() -> None:
    xml = (RECORDED / "ncbi_efetch_pubmed_29963580.xml").read_text(encoding="utf-8")
    (from_xml,) = parse_articles(xml)[0]
    from_nbib = read(NBIB.read_text(encoding="utf-8"))[0]
    shared = (
        "id", "type", "title", "author", "container_title", "container_title_short", "volume",
        "issue", "page", "issued", "issn", "doi", "pmid", "pmcid",
    )  # fmt: skip
    assert {k: getattr(from_nbib, k) for k in shared} == {
        k: getattr(from_xml.reference, k) for k in shared
    }
    assert from_nbib.display_doi == "10.1117/1.JMI.5.2.026002"


def test_nbib_fields_without_an_xml_counterpart() -> None:
    first, second = read(NBIB.read_text(encoding="utf-8"))
    assert first.language == "en"
    assert first.keyword == (
        "asthma, chronic obstructive lung disease, image processing, biomarkers, "
        "magnetic resonance imaging, thoracic computed tomography"
    )
    assert first.submitted == DateParts(date_parts=((2017, 12, 12),))
    assert first.published_online == DateParts(date_parts=((2018, 6, 28),))
    assert first.author[-1] == Name(literal="Canadian Respiratory Research Network")
    kept = first.custom["medline"]
    assert kept["IS"] == ["2329-4302 (Print)", "2329-4302 (Linking)"]
    assert kept["AID"] == ["17360RR [pii]"]  # the [doi] one is the DOI
    assert kept["authors"][1]["AUID"] == ["ORCID: 0000-0002-4590-7461"]
    assert len(kept["authors"][0]["AD"]) == 3
    assert kept["PT"] == ["Journal Article"] and kept["STAT"] == ["PubMed-not-MEDLINE"]
    assert second.issued == DateParts(date_parts=((1990,),), season="Spring")
    assert second.custom["medline"]["GN"] == ["14 fn.", "KIE BoB Subject Heading: AIDS", "63 refs."]
    assert second.title == "The treatment of AIDS behind the walls of correctional facilities"


def test_nbib_exports_back_every_line() -> None:
    text = NBIB.read_text(encoding="utf-8")
    references = read(text)
    written = medline.write_string(references)
    assert tag_lines(written) == tag_lines(text)
    assert read(written) == references
    assert medline.write_string(read(written)) == written


@pytest.mark.parametrize("path", BIOPYTHON, ids=lambda p: p.stem)
def test_biopython_pubmed_exports_round_trip_line_for_line(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    references = read(text)
    written = medline.write_string(references)
    assert tag_lines(written) == tag_lines(text)
    assert read(written) == references


def test_biopython_values_match_what_biopythons_own_tests_assert() -> None:
    (record,) = read((DATA / "biopython" / "pubmed_result3.txt").read_text(encoding="utf-8"))
    assert record.pmid == "23039619"
    assert record.issn == "0094-2405"
    assert record.doi == "10.1118/1.4748329"
    assert (record.volume, record.issue, record.page) == ("39", "10", "5795-813")
    assert record.issued == DateParts(date_parts=((2012, 10),))
    assert [a.family for a in record.author] == ["Qiao", "Shen", "Bai", "Chen"]
    first, second, _, fourth = read(
        (DATA / "biopython" / "pubmed_result2.txt").read_text(encoding="utf-8")
    )
    assert first.pmid == "16403221" and first.pmcid == "PMC1373603"
    assert first.submitted == DateParts(date_parts=((2005, 6, 17),))
    assert second.issued == DateParts(date_parts=((2006, 3, 1),))
    assert fourth.author[0] == Name(family="Hamelryck", given="Thomas")


def test_medline_survives_csl_json_in_between() -> None:
    text = NBIB.read_text(encoding="utf-8")
    csl = get_format("csl-json")
    via_json = csl.parse_string(csl.write_string(read(text))).references
    assert tag_lines(medline.write_string(via_json)) == tag_lines(text)


# --- tags, dates and names ----------------------------------------------------------------


COMMENTS = """\
PMID- 1
TI  - A constructed record.
CIN - Neurology. 2017;88:1. PMID: 2
CON - Neurology. 2016;86:1. PMID: 3
EIN - Neurology. 2018;90:1. PMID: 4
EFR - Neurology. 2015;85:1. PMID: 5
RIN - Neurology. 2019;92:1. PMID: 6
RPI - Neurology. 2020;94:1. PMID: 7
UIN - Neurology. 2021;96:1. PMID: 8
UOF - Neurology. 2014;83:1. PMID: 9
AU  - Bare AB
"""
"""Constructed: every comments/corrections tag (CSL has no link variables) and an author given
only as ``AU``."""


def test_comments_and_corrections_are_kept_and_written_back() -> None:
    (reference,) = read(COMMENTS)
    kept = reference.custom["medline"]
    assert [kept[t][0][-7:] for t in ("CIN", "CON", "EIN", "EFR", "RIN", "RPI", "UIN", "UOF")] == [
        f"PMID: {n}" for n in range(2, 10)
    ]
    assert reference.author == (Name(family="Bare", given="AB"),)
    assert tag_lines(medline.write_string([reference])) == tag_lines(COMMENTS)


@pytest.mark.parametrize(
    ("written", "date"),
    [
        pytest.param("2006 Mar 1", DateParts(date_parts=((2006, 3, 1),)), id="day"),
        pytest.param("2012 Oct", DateParts(date_parts=((2012, 10),)), id="month"),
        pytest.param("2006", DateParts(date_parts=((2006,),)), id="year"),
        pytest.param("2005 Spring", DateParts(date_parts=((2005,),), season="Spring"), id="season"),
        pytest.param("2000 Jan-Feb", DateParts(date_parts=((2000, 1), (2000, 2))), id="months"),
        pytest.param(
            "2000 Dec-2001 Jan", DateParts(date_parts=((2000, 12), (2001, 1))), id="year-range"
        ),
        pytest.param(
            "1999 Jan 15-31", DateParts(date_parts=((1999, 1, 15), (1999, 1, 31))), id="days"
        ),
    ],
)
def test_publication_dates_read_and_write_back(written: str, date: DateParts) -> None:
    (reference,) = read(f"PMID- 1\nDP  - {written}\n")
    assert reference.issued == date
    assert f"DP  - {written}" in medline.write_string([reference]).splitlines()


def test_a_record_from_elsewhere_is_written_as_pubmed_would() -> None:
    reference = Reference(
        id="chio2012",
        title="Neurobehavioral symptoms in ALS",
        author=(Name(family="Chiò", given="Adriano"), Name(literal="ALS Study Group")),
        container_title="Neurology",
        container_title_short="Neurology",
        issued=DateParts(date_parts=((2012, 4, 19),)),
        volume="78",
        page="1051-1058",
        doi="10.1212/WNL.0b013e31824e8f2b",
        language="en",
        keyword="ALS, cognition",
    )
    written = medline.write_string([reference])
    lines = set(written.splitlines())
    assert {
        "FAU - Chiò, Adriano", "AU  - Chiò A", "CN  - ALS Study Group", "DP  - 2012 Apr 19",
        "TI  - Neurobehavioral symptoms in ALS.", "AID - 10.1212/WNL.0b013e31824e8f2b [doi]",
        "LA  - eng", "OT  - ALS", "OT  - cognition", "TA  - Neurology", "JT  - Neurology",
    } <= lines  # fmt: skip
    (again,) = read(written)
    for name in ("title", "author", "container_title", "issued", "volume", "page", "doi"):
        assert getattr(again, name) == getattr(reference, name)


def test_continuation_lines_are_joined_and_long_values_wrapped() -> None:
    (reference,) = read("PMID- 1\nAB  - First line\n      second line.\n")
    assert reference.abstract == "First line second line."
    written = medline.write_string([reference.with_fields(abstract="word " * 40)])
    assert all(len(line) <= 82 for line in written.splitlines())
    assert any(line.startswith("      word") for line in written.splitlines())


# --- bad input ------------------------------------------------------------------------------


def test_bad_lines_and_values_give_issues_and_the_other_records_survive() -> None:
    text = "PMID- 1\nTI  - Good.\n\nthis is not medline\nPMID- 2\nDP  - sometime\nTI  - Odd.\n"
    result = medline.parse_string(text, "bad.nbib")
    assert [r.pmid for r in result.references] == ["1", "2"]
    assert {(i.code, i.line, i.severity) for i in result.issues} == {
        ("medline-line", 4, "error"),
        ("medline-date", 6, "warning"),
    }
    assert result.references[1].issued == DateParts(raw="sometime")
    assert "DP  - sometime" in medline.write_string(result.references).splitlines()


def test_a_record_without_a_pmid_gets_an_id() -> None:
    first, second = read("FAU - Chiò, Adriano\nDP  - 2012\n\nFAU - Chiò, Adriano\nDP  - 2012\n")
    assert (first.id, second.id) == ("chiò2012", "chiò2012a")
