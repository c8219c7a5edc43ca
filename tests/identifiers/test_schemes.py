"""PMID, PMCID, NCT, ISBN, ISSN and arXiv ids: normalisation, error messages, extraction."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from als_refs.errors import InvalidIdentifierError
from als_refs.identifiers import (
    extract_arxiv_ids,
    extract_isbns,
    extract_issns,
    extract_ncts,
    extract_pmcids,
    extract_pmids,
    find_isbns,
    find_issns,
    find_pmids,
    isbn10_to_13,
    isbn13_to_10,
    normalize_arxiv,
    normalize_isbn,
    normalize_issn,
    normalize_nct,
    normalize_pmcid,
    normalize_pmid,
)

Normalizer = Callable[[str], str]
ISBN_EXPECTED = (
    "expected an ISBN-13 or ISBN-10 with its check digit, "
    "e.g. '978-0-306-40615-7' or '0-306-40615-2'"
)


@pytest.mark.parametrize(
    ("normalize", "value", "standard"),
    [
        pytest.param(normalize_pmid, "26994119", "26994119", id="pmid-plain"),
        pytest.param(normalize_pmid, "PMID: 26994119", "26994119", id="pmid-label"),
        pytest.param(normalize_pmid, "pmid:26994119", "26994119", id="pmid-lower-label"),
        pytest.param(normalize_pmid, "PubMed ID 26994119", "26994119", id="pmid-pubmed-id"),
        pytest.param(normalize_pmid, "00012345", "12345", id="pmid-leading-zeros"),
        pytest.param(normalize_pmid, "1", "1", id="pmid-one-digit"),
        pytest.param(
            normalize_pmid, "https://pubmed.ncbi.nlm.nih.gov/26994119/", "26994119", id="pmid-url"
        ),
        pytest.param(
            normalize_pmid,
            "http://www.ncbi.nlm.nih.gov/pubmed/26994119",
            "26994119",
            id="pmid-old-url",
        ),
        pytest.param(normalize_pmcid, "PMC4931014", "PMC4931014", id="pmcid-plain"),
        pytest.param(normalize_pmcid, "pmc4931014", "PMC4931014", id="pmcid-lower"),
        pytest.param(normalize_pmcid, "PMCID: PMC4931014", "PMC4931014", id="pmcid-label"),
        pytest.param(normalize_pmcid, "PMC 4931014", "PMC4931014", id="pmcid-space"),
        pytest.param(normalize_nct, "NCT02118727", "NCT02118727", id="nct-plain"),
        pytest.param(normalize_nct, "nct02118727", "NCT02118727", id="nct-lower"),
        pytest.param(normalize_nct, "NCT 02118727", "NCT02118727", id="nct-space"),
        pytest.param(
            normalize_nct,
            "https://clinicaltrials.gov/ct2/show/NCT02118727",
            "NCT02118727",
            id="nct-url",
        ),
        pytest.param(
            normalize_nct,
            "https://clinicaltrials.gov/study/NCT02118727",
            "NCT02118727",
            id="nct-new-url",
        ),
        pytest.param(normalize_isbn, "978-0-306-40615-7", "9780306406157", id="isbn13-hyphens"),
        pytest.param(normalize_isbn, "978 0 306 40615 7", "9780306406157", id="isbn13-spaces"),
        pytest.param(normalize_isbn, "9780306406157", "9780306406157", id="isbn13-compact"),
        pytest.param(
            normalize_isbn, "ISBN-13: 978-0-306-40615-7", "9780306406157", id="isbn13-label"
        ),
        pytest.param(normalize_isbn, "0-306-40615-2", "9780306406157", id="isbn10-to-13"),
        pytest.param(normalize_isbn, "ISBN 0-8044-2957-X", "9780804429573", id="isbn10-check-x"),
        pytest.param(normalize_isbn, "0-8044-2957-x", "9780804429573", id="isbn10-lower-x"),
        pytest.param(normalize_isbn, "979-10-90636-07-1", "9791090636071", id="isbn13-979"),
        pytest.param(normalize_issn, "2167-8421", "2167-8421", id="issn-plain"),
        pytest.param(normalize_issn, "21678421", "2167-8421", id="issn-compact"),
        pytest.param(normalize_issn, "ISSN 2167-8421", "2167-8421", id="issn-label"),
        pytest.param(normalize_issn, "eISSN: 2167-9223", "2167-9223", id="issn-eissn"),
        pytest.param(normalize_issn, "0378-5955", "0378-5955", id="issn-leading-zero"),
        pytest.param(normalize_issn, "1471-180x", "1471-180X", id="issn-check-x"),
        pytest.param(normalize_issn, "ISSN-L 0140-6736", "0140-6736", id="issn-linking"),
        pytest.param(normalize_arxiv, "2101.00001", "2101.00001", id="arxiv-new"),
        pytest.param(normalize_arxiv, "arXiv:2101.00001v2", "2101.00001v2", id="arxiv-version"),
        pytest.param(normalize_arxiv, "ARXIV: 2101.00001V2", "2101.00001v2", id="arxiv-upper"),
        pytest.param(normalize_arxiv, "0704.0001", "0704.0001", id="arxiv-first-new-style"),
        pytest.param(normalize_arxiv, "1412.9999", "1412.9999", id="arxiv-last-four-digit"),
        pytest.param(normalize_arxiv, "hep-th/9901001", "hep-th/9901001", id="arxiv-old"),
        pytest.param(
            normalize_arxiv, "arXiv:HEP-TH/9901001v1", "hep-th/9901001v1", id="arxiv-old-upper"
        ),
        pytest.param(normalize_arxiv, "math.gt/0309136", "math.GT/0309136", id="arxiv-old-subject"),
        pytest.param(
            normalize_arxiv,
            "https://arxiv.org/abs/1706.03762v5",
            "1706.03762v5",
            id="arxiv-abs-url",
        ),
        pytest.param(
            normalize_arxiv, "http://arxiv.org/pdf/1706.03762.pdf", "1706.03762", id="arxiv-pdf-url"
        ),
    ],
)
def test_normalize(normalize: Normalizer, value: str, standard: str) -> None:
    assert normalize(value) == standard
    assert normalize(standard) == standard


@pytest.mark.parametrize(
    ("normalize", "value", "message"),
    [
        pytest.param(
            normalize_pmid,
            "123456789",
            "invalid PMID '123456789' (9 digits): expected 1 to 8 digits, e.g. '26994119' or "
            "'PMID: 26994119'",
            id="pmid-too-long",
        ),
        pytest.param(
            normalize_pmid,
            "PMID: 2699411a",
            "invalid PMID 'PMID: 2699411a' (not a number): expected 1 to 8 digits, e.g. "
            "'26994119' or 'PMID: 26994119'",
            id="pmid-letter",
        ),
        pytest.param(
            normalize_pmid, "0000", "invalid PMID '0000' (zero): expected", id="pmid-zero"
        ),
        pytest.param(normalize_pmid, "", "invalid PMID '' (not a number)", id="pmid-empty"),
        pytest.param(
            normalize_pmid, "２６９９４１１９", "(not a number)", id="pmid-fullwidth-digits"
        ),
        pytest.param(
            normalize_pmcid,
            "4931014",
            "invalid PMCID '4931014' (missing 'PMC' prefix): expected 'PMC' and 1 to 9 digits, "
            "e.g. 'PMC4931014'",
            id="pmcid-bare-digits",
        ),
        pytest.param(
            normalize_pmcid, "PMCX12", "invalid PMCID 'PMCX12': expected", id="pmcid-letter"
        ),
        pytest.param(
            normalize_nct,
            "NCT0211872",
            "invalid NCT number 'NCT0211872' (7 digits): expected 'NCT' and 8 digits, "
            "e.g. 'NCT02118727'",
            id="nct-seven-digits",
        ),
        pytest.param(normalize_nct, "NCT021187270", "(9 digits)", id="nct-nine-digits"),
        pytest.param(
            normalize_nct,
            "ISRCTN12345678",
            "invalid NCT number 'ISRCTN12345678': ",
            id="nct-other-registry",
        ),
        pytest.param(
            normalize_isbn,
            "978-0-306-40615-6",
            f"invalid ISBN '978-0-306-40615-6' (check digit is 7, not 6): {ISBN_EXPECTED}",
            id="isbn13-check-digit",
        ),
        pytest.param(
            normalize_isbn,
            "0-306-40615-3",
            f"invalid ISBN '0-306-40615-3' (check digit is 2, not 3): {ISBN_EXPECTED}",
            id="isbn10-check-digit",
        ),
        pytest.param(
            normalize_isbn,
            "0-306-40615-X",
            "(check digit is 2, not X)",
            id="isbn10-wrong-x",
        ),
        pytest.param(
            normalize_isbn,
            "978-0-306-4061",
            "invalid ISBN '978-0-306-4061' (11 digits; an ISBN has 10 or 13)",
            id="isbn-length",
        ),
        pytest.param(
            normalize_isbn,
            "977-0-306-40615-7",
            "(ISBN-13 starts 978 or 979)",
            id="isbn13-prefix",
        ),
        pytest.param(
            normalize_isbn,
            "03064X6152",
            "('X' is only an ISBN-10's last character)",
            id="isbn-x-inside",
        ),
        pytest.param(
            normalize_isbn,
            "978030640615X",
            "('X' is only an ISBN-10's last character)",
            id="isbn13-x",
        ),
        pytest.param(
            normalize_isbn, "0-306-4O615-2", "(only digits, '-' and 'X')", id="isbn-letter-o"
        ),
        pytest.param(
            normalize_issn,
            "2167-8422",
            "invalid ISSN '2167-8422' (check digit is 1, not 2): expected 'NNNN-NNNC' with its "
            "check digit (0-9 or X), e.g. '2167-8421'",
            id="issn-check-digit",
        ),
        pytest.param(
            normalize_issn, "2167-842", "invalid ISSN '2167-842' (7 characters)", id="issn-short"
        ),
        pytest.param(
            normalize_issn, "2167-X421", "(only digits and a final 'X')", id="issn-x-inside"
        ),
        pytest.param(
            normalize_arxiv,
            "2113.00001",
            "invalid arXiv id '2113.00001' (month 13): expected 'YYMM.NNNNN' (optionally 'vN'), "
            "or an old 'archive/YYMMNNN', e.g. 'arXiv:2101.00001v2'",
            id="arxiv-month",
        ),
        pytest.param(
            normalize_arxiv,
            "1412.00001",
            "(5-digit numbers from 1501 on, 4-digit before)",
            id="arxiv-five-digits-too-early",
        ),
        pytest.param(
            normalize_arxiv,
            "2101.0001",
            "(5-digit numbers from 1501 on, 4-digit before)",
            id="arxiv-four-digits-too-late",
        ),
        pytest.param(
            normalize_arxiv,
            "0612.0001",
            "(new-style ids start at 0704, April 2007)",
            id="arxiv-too-old",
        ),
        pytest.param(
            normalize_arxiv, "foo-bar/9901001", "(unknown archive 'foo-bar')", id="arxiv-archive"
        ),
        pytest.param(
            normalize_arxiv,
            "hep-th/1201001",
            "(old-style ids run from 9108 to 0703)",
            id="arxiv-old-late",
        ),
        pytest.param(
            normalize_arxiv, "2101.00001v0", "invalid arXiv id '2101.00001v0': ", id="arxiv-v0"
        ),
    ],
)
def test_normalize_rejects_with_message(normalize: Normalizer, value: str, message: str) -> None:
    with pytest.raises(InvalidIdentifierError) as caught:
        normalize(value)
    assert message in str(caught.value)
    assert caught.value.value == value
    assert caught.value.code == "identifier-syntax"


def test_isbn_conversions() -> None:
    assert isbn10_to_13("0-306-40615-2") == "9780306406157"
    assert isbn13_to_10("978-0-306-40615-7") == "0306406152"
    assert isbn13_to_10("9780804429573") == "080442957X"
    with pytest.raises(InvalidIdentifierError, match="only ISBN-13s starting 978 have an ISBN-10"):
        isbn13_to_10("979-10-90636-07-1")


@pytest.mark.parametrize(
    ("extract", "text", "found"),
    [
        pytest.param(
            extract_pmids,
            "Neurology. 2016;86:1474-81. PMID: 26994119; PMID 25271209 [PubMed: 26994119]",
            ["26994119", "25271209"],
            id="pmid-labels",
        ),
        pytest.param(
            extract_pmids,
            "https://pubmed.ncbi.nlm.nih.gov/26994119/ and www.ncbi.nlm.nih.gov/pubmed/25271209",
            ["26994119", "25271209"],
            id="pmid-urls",
        ),
        pytest.param(
            extract_pmids,
            "Neurology 2016;86:26994119 and PMID: 123456789 and PMID: 0",
            [],
            id="pmid-needs-label-and-length",
        ),
        pytest.param(
            extract_pmcids,
            "PMCID: PMC4931014; free text at ncbi.nlm.nih.gov/pmc/articles/PMC3045612/.",
            ["PMC4931014", "PMC3045612"],
            id="pmcid",
        ),
        pytest.param(extract_pmcids, "SPMC123 PMCX", [], id="pmcid-inside-word"),
        pytest.param(
            extract_ncts,
            "Patient resources: NCT02118727; nct01998971 (ClinicalTrials.gov NCT 02118727).",
            ["NCT02118727", "NCT01998971"],
            id="nct",
        ),
        pytest.param(extract_ncts, "NCT0211872, NCT021187270, XNCT02118727", [], id="nct-lengths"),
        pytest.param(
            extract_isbns,
            "Oxford: OUP; 2010. ISBN 0-306-40615-2. Also 978-0-306-40615-7 and "
            "ISBN-13: 978 0 8044 2957 3.",
            ["9780306406157", "9780804429573"],
            id="isbn-labelled-and-bare",
        ),
        pytest.param(
            extract_isbns,
            "ISBN 978-0-306-40615-6; doi 10.1007/978-3-540-61530-9_1; tel 0306406152",
            [],
            id="isbn-bad-check-doi-and-unlabelled-10",
        ),
        pytest.param(
            extract_issns,
            "Amyotroph Lateral Scler. ISSN 2167-8421; eISSN: 2167-9223; ISSN (online) 1471-180X",
            ["2167-8421", "2167-9223", "1471-180X"],
            id="issn-labelled",
        ),
        pytest.param(
            extract_issns, "pages 2167-8421 and ISSN 2167-8422", [], id="issn-needs-label-and-check"
        ),
        pytest.param(
            extract_arxiv_ids,
            "Preprint arXiv:2101.00001v2, arXiv: hep-th/9901001 and https://arxiv.org/abs/1706.03762.",
            ["2101.00001v2", "hep-th/9901001", "1706.03762"],
            id="arxiv",
        ),
        pytest.param(
            extract_arxiv_ids,
            "Version 2101.00001 and arXiv:2113.00001",
            [],
            id="arxiv-needs-prefix",
        ),
    ],
)
def test_extract(extract: Callable[[str], list[str]], text: str, found: list[str]) -> None:
    assert extract(text) == found


def test_find_keeps_written_form_and_spans() -> None:
    text = "Lancet 2016. PMID: 26994119. ISBN 0-306-40615-2; ISSN 1471-180x"
    (pmid,) = find_pmids(text)
    assert (pmid.input, pmid.standard) == ("26994119", "26994119")
    assert text[pmid.mention_start : pmid.end] == "PMID: 26994119"
    (isbn,) = find_isbns(text)
    assert (isbn.input, isbn.standard) == ("0-306-40615-2", "9780306406157")
    assert text[isbn.mention_start : isbn.end] == "ISBN 0-306-40615-2"
    (issn,) = find_issns(text)
    assert (issn.input, issn.standard) == ("1471-180x", "1471-180X")
    assert text[issn.start : issn.end] == "1471-180x"
