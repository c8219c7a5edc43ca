"""The scheme registry: a handler per scheme, identify() across schemes, non-raising checks."""

from __future__ import annotations

import pytest

from als_refs.errors import InputError, InvalidIdentifierError
from als_refs.identifiers import (
    SCHEMES,
    check_identifier,
    get_scheme,
    identify,
    normalize_identifier,
)

REFERENCE = (
    "Rivera I, et al. Prevalence of pain in ALS. Lancet. 2016;388:717-26. "
    "doi:10.1016/S0140-6736(16)30370-1. PMID: 26994119; PMCID: PMC4931014. "
    "Trial NCT02118727. ISSN 0140-6736. ISBN 978-0-306-40615-7. arXiv:2101.00001v2"
)


def test_every_scheme_has_a_handler() -> None:
    assert list(SCHEMES) == ["doi", "pmid", "pmcid", "nct", "arxiv", "isbn", "issn"]
    for name, scheme in SCHEMES.items():
        assert scheme.name == name
        assert get_scheme(name.upper()) is scheme


def test_identify_finds_every_scheme_in_order() -> None:
    found = identify(REFERENCE)
    assert [(match.scheme, match.standard) for match in found] == [
        ("doi", "10.1016/s0140-6736(16)30370-1"),
        ("pmid", "26994119"),
        ("pmcid", "PMC4931014"),
        ("nct", "NCT02118727"),
        ("issn", "0140-6736"),
        ("isbn", "9780306406157"),
        ("arxiv", "2101.00001v2"),
    ]
    for match in found:
        assert REFERENCE[match.start : match.end] == match.input


def test_identify_drops_mentions_inside_an_earlier_schemes_mention() -> None:
    # The Springer chapter DOI embeds its book's ISBN, and an arXiv DOI its arXiv id.
    text = "ISBN 978-3-540-61530-9 in doi:10.1007/978-3-540-61530-9_1; 10.48550/arXiv:2101.00001"
    found = identify(text)
    assert [(match.scheme, match.input) for match in found] == [
        ("isbn", "978-3-540-61530-9"),
        ("doi", "10.1007/978-3-540-61530-9_1"),
        ("doi", "10.48550/arXiv:2101.00001"),
    ]


def test_identify_on_text_without_identifiers() -> None:
    assert identify("Amyotrophic lateral sclerosis, 2016;86:1474-81.") == []


@pytest.mark.parametrize(
    ("scheme", "value", "standard"),
    [
        pytest.param("doi", "https://doi.org/10.1002/MUS.26117", "10.1002/mus.26117", id="doi"),
        pytest.param("PMID", "PMID: 26994119", "26994119", id="pmid"),
        pytest.param("pmcid", "pmc4931014", "PMC4931014", id="pmcid"),
        pytest.param("nct", "nct02118727", "NCT02118727", id="nct"),
        pytest.param("isbn", "0-306-40615-2", "9780306406157", id="isbn"),
        pytest.param("issn", "21678421", "2167-8421", id="issn"),
        pytest.param("arxiv", "arXiv:hep-th/9901001", "hep-th/9901001", id="arxiv"),
    ],
)
def test_normalize_and_check_identifier(scheme: str, value: str, standard: str) -> None:
    assert normalize_identifier(scheme, value) == standard
    result = check_identifier(scheme, value)
    assert (result.valid, result.standard, result.message) == (True, standard, "")
    assert result.scheme == scheme.lower()


def test_check_identifier_reports_instead_of_raising() -> None:
    result = check_identifier("isbn", "978-0-306-40615-6")
    assert not result.valid
    assert result.standard is None
    assert "(check digit is 7, not 6)" in result.message


def test_check_identifier_doi_warns_on_legacy() -> None:
    result = check_identifier(
        "doi", "10.1002/(SICI)1097-4636(199706)35:4<509::AID-JBM12>3.0.CO;2-F"
    )
    assert result.valid
    assert result.legacy
    assert result.warning


def test_unknown_scheme_names_the_known_ones() -> None:
    with pytest.raises(InputError) as caught:
        normalize_identifier("orcid", "0000-0002-1825-0097")
    assert str(caught.value) == (
        "unknown identifier scheme 'orcid': "
        "known schemes are doi, pmid, pmcid, nct, arxiv, isbn, issn"
    )
    assert not isinstance(caught.value, InvalidIdentifierError)
