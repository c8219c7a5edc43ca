"""DOIs: normalisation, extraction from prose/URLs/markup, Crossref pattern checks, URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from als_refs.errors import InvalidDOIError, InvalidIdentifierError
from als_refs.identifiers import (
    check_doi,
    doi_url,
    extract_dois,
    find_dois,
    is_modern_doi,
    normalize_doi,
)

SICI = "10.1002/(SICI)1097-4636(199706)35:4<509::AID-JBM12>3.0.CO;2-F"
LANCET = "10.1016/S0140-6736(16)30370-1"
SEEDS = Path(__file__).parents[2] / ".." / "shared" / "seeds"


@pytest.mark.parametrize(
    ("value", "standard"),
    [
        pytest.param("10.1002/mus.26117", "10.1002/mus.26117", id="plain"),
        pytest.param("10.1212/WNL.0000000000002507", "10.1212/wnl.0000000000002507", id="lower"),
        pytest.param("doi:10.1155/2011/403808", "10.1155/2011/403808", id="doi-colon"),
        pytest.param("DOI: 10.1155/2011/403808", "10.1155/2011/403808", id="DOI-colon-space"),
        pytest.param("doi 10.1155/2011/403808", "10.1155/2011/403808", id="doi-space"),
        pytest.param("https://doi.org/10.1002/MUS.26117", "10.1002/mus.26117", id="https-resolver"),
        pytest.param("http://dx.doi.org/10.1002/mus.26117", "10.1002/mus.26117", id="dx-resolver"),
        pytest.param("doi.org/10.1002/mus.26117", "10.1002/mus.26117", id="bare-resolver"),
        pytest.param("https://www.doi.org/10.1002/mus.26117", "10.1002/mus.26117", id="www"),
        pytest.param("info:doi/10.1002/mus.26117", "10.1002/mus.26117", id="info-uri"),
        pytest.param("urn:doi:10.1002/mus.26117", "10.1002/mus.26117", id="urn"),
        pytest.param("10.1002%2Fmus.26117", "10.1002/mus.26117", id="percent-slash"),
        pytest.param(
            "https%3A%2F%2Fdoi.org%2F10.1002%2Fmus.26117", "10.1002/mus.26117", id="encoded-url"
        ),
        pytest.param("10.1002%252Fmus.26117", "10.1002/mus.26117", id="double-encoded"),
        pytest.param("  10.1002/mus.26117\n", "10.1002/mus.26117", id="whitespace"),
        pytest.param(LANCET, "10.1016/s0140-6736(16)30370-1", id="parentheses"),
        pytest.param(SICI, SICI.lower(), id="sici"),
        pytest.param(
            "10.1002/%28SICI%291097-4636%28199706%2935%3A4%3C509%3A%3AAID-JBM12%3E3.0.CO%3B2-F",
            SICI.lower(),
            id="sici-percent-encoded",
        ),
        pytest.param("10.1000.10/ABC", "10.1000.10/abc", id="registrant-subdivision"),
    ],
)
def test_normalize_doi(value: str, standard: str) -> None:
    assert normalize_doi(value) == standard


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        pytest.param("", "(empty)", id="empty"),
        pytest.param("11.1002/mus.26117", "(a DOI starts with '10.')", id="wrong-directory"),
        pytest.param("10.1002", "(no '/' between prefix and suffix)", id="no-slash"),
        pytest.param("10.12/abc", "prefix '10.12' is not '10.' and a 4-9 digit", id="short-code"),
        pytest.param("10.1002/", "(empty suffix)", id="empty-suffix"),
        pytest.param("10.1002/mus 26117", "(suffix contains whitespace)", id="space"),
        pytest.param("10.1002/mus%2026117", "(suffix contains whitespace)", id="encoded-space"),
        pytest.param("10.1002/mus\x0026117", "(contains a control character)", id="control"),
        pytest.param("pmid:26994119", "(a DOI starts with '10.')", id="other-scheme"),
        pytest.param(
            "10.1002/a%2525252525252541", "(too many prefixes or encodings)", id="deep-encoding"
        ),
    ],
)
def test_normalize_doi_rejects_with_reason(value: str, reason: str) -> None:
    with pytest.raises(InvalidDOIError) as caught:
        normalize_doi(value)
    message = str(caught.value)
    assert message.startswith(f"invalid DOI {value!r} ")
    assert reason in message
    assert message.endswith(
        "expected '10.<4-9 digits>/<suffix>', e.g. '10.1212/WNL.0000000000002507'"
    )
    assert caught.value.code == "doi-syntax"
    assert caught.value.value == value
    assert isinstance(caught.value, InvalidIdentifierError)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("text", "dois"),
    [
        pytest.param(
            "Amyotroph Lateral Scler Frontotemporal Degener 2013;14:385-92. "
            "doi:10.3109/21678421.2012.751614.",
            ["10.3109/21678421.2012.751614"],
            id="seed-doi-colon-trailing-period",
        ),
        pytest.param(
            "Cochrane Database Syst Rev, doi: 10.1002/14651858.CD004157.pub2.  Abstract",
            ["10.1002/14651858.cd004157.pub2"],
            id="seed-doi-space-cochrane",
        ),
        pytest.param(
            "Eur J Neurol. 2012;19(3):360-75. DOI: 10.1111/j.1468-1331.2011.03540.x",
            ["10.1111/j.1468-1331.2011.03540.x"],
            id="seed-DOI-upper",
        ),
        pytest.param(
            "ALS Treat Res 2011:403808, https://doi.org/10.1155/2011/403808;",
            ["10.1155/2011/403808"],
            id="seed-resolver-semicolon",
        ),
        pytest.param(
            "Neurology 2016;86(16):1474-81 (http://dx.doi.org/10.1212/WNL.0000000000002507).",
            ["10.1212/wnl.0000000000002507"],
            id="seed-dx-in-parentheses",
        ),
        pytest.param(
            "Muscle Nerve 2018 [doi:10.1002/mus.26117]", ["10.1002/mus.26117"], id="brackets"
        ),
        pytest.param(
            f"Lancet. 2016;388:717-26. doi:{LANCET}", [LANCET.lower()], id="balanced-parentheses"
        ),
        pytest.param(f"(see {LANCET}).", [LANCET.lower()], id="balanced-kept-unbalanced-stripped"),
        pytest.param(f"({LANCET})", [LANCET.lower()], id="wrapped-in-parentheses"),
        pytest.param(
            "see 10.1234/abc(1). and (10.1234/def(2))",
            ["10.1234/abc(1)", "10.1234/def(2)"],
            id="ends-with-balanced-parenthesis",
        ),
        pytest.param(f"J Biomed Mater Res {SICI}.", [SICI.lower()], id="sici-whole"),
        pytest.param(
            "10.1175/1520-0469(1999)056<2245:TQBOIA>2.0.CO;2 ",
            ["10.1175/1520-0469(1999)056<2245:tqboia>2.0.co;2"],
            id="sici-ams",
        ),
        pytest.param(
            '<a href="https://doi.org/10.1002/mus.26117">Muscle Nerve</a>',
            ["10.1002/mus.26117"],
            id="html-href",
        ),
        pytest.param(
            "<p>doi: <a href='https://doi.org/10.1002/mus.26117'>10.1002/mus.26117</a></p>",
            ["10.1002/mus.26117"],
            id="html-anchor-text-and-href",
        ),
        pytest.param(
            f"<td>{SICI.replace('<', '&lt;').replace('>', '&gt;')}</td>",
            [SICI.lower()],
            id="html-escaped-sici",
        ),
        pytest.param(
            "&lt;https://doi.org/10.1002/mus.26117&gt;", ["10.1002/mus.26117"], id="escaped-angle"
        ),
        pytest.param("&quot;10.1002/mus.26117&quot;", ["10.1002/mus.26117"], id="escaped-quotes"),
        pytest.param(
            "[Muscle Nerve](https://doi.org/10.1002/mus.26117)",
            ["10.1002/mus.26117"],
            id="markdown",
        ),
        pytest.param(
            "[10.1002/mus.26117](https://doi.org/10.1002/mus.26117)",
            ["10.1002/mus.26117"],
            id="markdown-doi-as-text",
        ),
        pytest.param(r"\url{https://doi.org/10.1002/mus.26117}", ["10.1002/mus.26117"], id="latex"),
        pytest.param(
            "https://doi.org/10.1002%2Fmus.26117", ["10.1002/mus.26117"], id="percent-encoded"
        ),
        pytest.param(
            "https://example.org/?u=https%3A%2F%2Fdoi.org%2F10.1002%2Fmus.26117&x=1",
            ["10.1002/mus.26117"],
            id="encoded-inside-query",
        ),
        pytest.param(
            "https://x.org/r?doi=10.1002/mus.26117&src=a https://x.org/?u=10.1002%2Fmus.26117%26b%3D2",
            ["10.1002/mus.26117"],
            id="query-parameters",
        ),
        pytest.param(
            "Erlbaum 10.1207/s15327906mbr4102&3_3.",
            ["10.1207/s15327906mbr4102&3_3"],
            id="ampersand",
        ),
        pytest.param(
            "“10.1002/mus.26117”, ‘10.1155/2011/403808’",
            ["10.1002/mus.26117", "10.1155/2011/403808"],
            id="curly-quotes",
        ),
        pytest.param(
            "10.1002/mus.26117;10.1155/2011/403808,10.1212/WNL.0000000000002507",
            ["10.1002/mus.26117", "10.1155/2011/403808", "10.1212/wnl.0000000000002507"],
            id="glued-list",
        ),
        pytest.param(
            "10.1002/mus.26117 and DOI:10.1002/MUS.26117 again",
            ["10.1002/mus.26117"],
            id="repeat-once",
        ),
        pytest.param(
            "Phys Rev D 11 (1975) 395.doi :10.1103/PhysRevD.11.395.URL https://x.org",
            ["10.1103/physrevd.11.395"],
            id="pdf-glued-url-word",
        ),
        pytest.param("Version 210.1234/5 and x10.1234/5", [], id="not-at-word-start"),
        pytest.param(
            "Neurology 2016;86:1474-81.10.1212/WNL.0000000000002507",
            ["10.1212/wnl.0000000000002507"],
            id="glued-after-period",
        ),
        pytest.param("10.12/abc 10.1234/ 10.1234 /abc", [], id="not-dois"),
        pytest.param("", [], id="empty"),
    ],
)
def test_extract_dois(text: str, dois: list[str]) -> None:
    assert extract_dois(text) == dois


def test_find_dois_keeps_what_was_written_and_where() -> None:
    text = "Rivera et al. doi: 10.3109/21678421.2012.751614. See https://doi.org/10.1002/MUS.26117)"
    first, second = find_dois(text)
    assert first.scheme == "doi"
    assert first.input == "10.3109/21678421.2012.751614"
    assert first.standard == "10.3109/21678421.2012.751614"
    assert text[first.start : first.end] == first.input
    assert text[first.mention_start : first.end] == "doi: 10.3109/21678421.2012.751614"
    assert second.input == "10.1002/MUS.26117"
    assert second.standard == "10.1002/mus.26117"
    assert text[second.mention_start : second.end] == "https://doi.org/10.1002/MUS.26117"
    assert second.span == (second.start, second.end)


def test_find_dois_reports_repeats_and_encoded_input() -> None:
    text = "10.1002%2Fmus.26117 then 10.1002/mus.26117"
    found = find_dois(text)
    assert [match.input for match in found] == ["10.1002%2Fmus.26117", "10.1002/mus.26117"]
    assert {match.standard for match in found} == {"10.1002/mus.26117"}


def test_seed_article_dois_are_all_found() -> None:
    seed = SEEDS / "000_a9e708bc8353a378.txt"
    if not seed.exists():
        pytest.skip("shared seeds not available")
    assert extract_dois(seed.read_text(encoding="utf-8")) == [
        "10.3109/21678421.2012.751614",
        "10.1002/14651858.cd004157.pub2",
        "10.1002/14651858.cd005226.pub2",
    ]


@pytest.mark.parametrize(
    ("value", "legacy", "pattern"),
    [
        pytest.param("10.1212/WNL.0000000000002507", False, "modern", id="modern"),
        pytest.param("doi:10.1002/mus.26117", False, "modern", id="modern-prefixed"),
        pytest.param(LANCET, False, "modern", id="modern-parentheses"),
        pytest.param(SICI, True, "wiley", id="wiley-sici"),
        pytest.param(
            "10.1175/1520-0469(1999)056<2245:TQBOIA>2.0.CO;2", True, "sici", id="sici-ams"
        ),
        pytest.param("10.1207/s15327906mbr4102&3_3", True, "erlbaum", id="erlbaum"),
        pytest.param("10.1000/äöü", True, None, id="no-crossref-pattern"),
        pytest.param("10.1000.10/abc", True, None, id="subdivided-registrant"),
    ],
)
def test_check_doi_accepts_and_flags_legacy(value: str, legacy: bool, pattern: str | None) -> None:
    result = check_doi(value)
    assert result.valid
    assert result.standard == normalize_doi(value)
    assert result.legacy is legacy
    assert result.pattern == pattern
    assert result.warning is legacy
    if legacy:
        assert repr(result.standard) in result.message
        assert "accepted" in result.message
    else:
        assert result.message == ""


def test_check_doi_acs_legacy_pattern() -> None:
    # The ACS pattern (10.1021/ + two letters + digits) is a subset of the modern one, so a
    # modern match comes first; the pattern still has to recognise such DOIs on its own.
    from als_refs.identifiers.doi import LEGACY_PATTERNS

    assert LEGACY_PATTERNS["acs"].match("10.1021/ja00001")
    assert not LEGACY_PATTERNS["acs"].match("10.1021/acs.jmedchem.5b01009")
    assert check_doi("10.1021/ja00001").pattern == "modern"


def test_check_doi_rejects_with_message() -> None:
    result = check_doi("10.1002/mus 26117")
    assert not result.valid
    assert result.standard is None
    assert not result.warning
    assert result.message == (
        "invalid DOI '10.1002/mus 26117' (suffix contains whitespace): "
        "expected '10.<4-9 digits>/<suffix>', e.g. '10.1212/WNL.0000000000002507'"
    )


@pytest.mark.parametrize(
    ("value", "modern"),
    [
        pytest.param("10.1002/mus.26117", True, id="modern"),
        pytest.param("https://doi.org/10.1002/mus.26117", True, id="url"),
        pytest.param(SICI, False, id="sici"),
        pytest.param("not a doi", False, id="invalid"),
    ],
)
def test_is_modern_doi(value: str, modern: bool) -> None:
    assert is_modern_doi(value) is modern


@pytest.mark.parametrize(
    ("doi", "url"),
    [
        pytest.param("10.1002/MUS.26117", "https://doi.org/10.1002/mus.26117", id="plain"),
        pytest.param("doi:" + LANCET, "https://doi.org/10.1016/s0140-6736(16)30370-1", id="parens"),
        pytest.param(
            SICI,
            "https://doi.org/10.1002/(sici)1097-4636(199706)35:4%3C509::aid-jbm12%3E3.0.co;2-f",
            id="sici-angle-brackets-encoded",
        ),
        pytest.param("10.1000/a#b?c d%", None, id="invalid-space"),
        pytest.param("10.1000/a#b?c%25", "https://doi.org/10.1000/a%23b%3Fc%25", id="reserved"),
    ],
)
def test_doi_url(doi: str, url: str | None) -> None:
    if url is None:
        with pytest.raises(InvalidDOIError):
            doi_url(doi)
    else:
        assert doi_url(doi) == url
