"""Properties over generated input: extraction never raises or hangs; normalising is stable."""

from __future__ import annotations

import html
import itertools
import signal
from collections.abc import Callable, Iterator
from types import FrameType
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from als_refs.errors import InvalidIdentifierError
from als_refs.identifiers import (
    extract_dois,
    find_dois,
    identify,
    isbn13_to_10,
    normalize_arxiv,
    normalize_doi,
    normalize_isbn,
    normalize_issn,
    normalize_nct,
    normalize_pmcid,
    normalize_pmid,
)
from als_refs.identifiers.isbn import isbn10_check_digit
from als_refs.identifiers.issn import issn_check_digit

GUARD_SECONDS = 30

# Text that looks like references: DOI pieces, brackets, markup, escapes, labels and any Unicode.
_PIECES = st.sampled_from(
    [
        "10.",
        "10.1002/",
        "10.1234%2F",
        "doi:",
        "https://doi.org/",
        "(",
        ")",
        "<",
        ">",
        "<a:",
        "&lt;",
        "&gt;",
        "&amp;",
        "%",
        "%25",
        ";",
        ",",
        ".",
        " ",
        "\n",
        "PMID: ",
        "PMC",
        "NCT",
        "ISBN ",
        "ISSN ",
        "arXiv:",
        "978-",
        "0",
        "9",
        "X",
        ".URL",
        "&x=",
    ]
)
REFERENCE_LIKE = st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=40).map("".join)

_CHUNK = st.from_regex(r"[A-Za-z0-9]{1,8}", fullmatch=True)
_PIECE = st.tuples(
    st.one_of(
        st.sampled_from(["", ".", "-", "_", "/", ":", ";"]),
        st.from_regex(r"\([0-9]{1,4}\)", fullmatch=True),
    ),
    _CHUNK,
).map("".join)
MODERN_DOI = st.builds(
    lambda prefix, first, rest: f"10.{prefix}/{first}{''.join(rest)}",
    st.from_regex(r"[0-9]{4,9}", fullmatch=True),
    _CHUNK,
    st.lists(_PIECE, max_size=6),
).filter(lambda doi: ";10." not in doi and ":10." not in doi)

WRAPPERS = [
    "doi:{}",
    "DOI: {}.",
    "doi: {},",
    "(https://doi.org/{})",
    "[http://dx.doi.org/{}]",
    '<a href="https://doi.org/{}">link</a>',
    "“{}”",
    "See {}; then more.",
    "{}",
]


@pytest.fixture(autouse=True)
def guard() -> Iterator[None]:
    """Fail instead of hanging if a regex backtracks catastrophically."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"took more than {GUARD_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@given(st.one_of(st.text(), REFERENCE_LIKE))
def test_find_dois_never_raises_and_reports_consistent_matches(text: str) -> None:
    found = find_dois(text)
    for match in found:
        assert text[match.start : match.end] == match.input
        assert match.mention_start <= match.start
        assert normalize_doi(match.standard) == match.standard
    assert extract_dois(text) == list(dict.fromkeys(match.standard for match in found))


@given(st.one_of(st.text(), REFERENCE_LIKE))
def test_identify_never_raises_and_mentions_do_not_overlap(text: str) -> None:
    found = identify(text)
    for before, after in itertools.pairwise(found):
        assert before.end <= after.mention_start


@given(MODERN_DOI, st.sampled_from(WRAPPERS))
def test_a_doi_is_found_whatever_wraps_it(doi: str, wrapper: str) -> None:
    assert extract_dois(wrapper.format(doi)) == [doi.lower()]


@given(MODERN_DOI)
def test_a_doi_is_found_percent_encoded_or_html_escaped(doi: str) -> None:
    assert extract_dois(f"https://doi.org/{quote(doi, safe='')} x") == [doi.lower()]
    assert extract_dois(f"<td>{html.escape(doi)}</td>") == [doi.lower()]


NORMALIZERS: list[Callable[[str], str]] = [
    normalize_doi,
    normalize_pmid,
    normalize_pmcid,
    normalize_nct,
    normalize_isbn,
    normalize_issn,
    normalize_arxiv,
]
NEAR_IDENTIFIERS = st.one_of(
    st.text(),
    REFERENCE_LIKE,
    st.from_regex(r"(doi: ?|https://doi\.org/)?10\.[0-9]{4,9}/[^\s]{1,20}", fullmatch=True),
    st.from_regex(r"(PMID: )?[0-9]{1,9}|(PMC ?)?[0-9]{1,9}|NCT ?[0-9]{7,9}", fullmatch=True),
    st.from_regex(r"(ISBN )?[0-9][-0-9 ]{8,16}[0-9Xx]|[0-9]{4}-?[0-9]{3}[0-9Xx]", fullmatch=True),
    st.from_regex(r"(arXiv:)?([0-9]{4}\.[0-9]{4,5}(v[0-9])?|hep-th/[0-9]{7})", fullmatch=True),
)


@pytest.mark.parametrize("normalize", NORMALIZERS, ids=lambda normalize: normalize.__name__)
@given(value=NEAR_IDENTIFIERS)
def test_normalize_is_idempotent_or_raises_our_error(
    normalize: Callable[[str], str], value: str
) -> None:
    try:
        standard = normalize(value)
    except InvalidIdentifierError as error:
        message = str(error)
    else:
        assert normalize(standard) == standard
        return
    assert message.startswith("invalid ")
    assert repr(value) in message


@given(st.from_regex(r"[0-9]{9}", fullmatch=True))
def test_isbn10_and_13_convert_both_ways(first9: str) -> None:
    isbn10 = first9 + isbn10_check_digit(first9)
    isbn13 = normalize_isbn(isbn10)
    assert len(isbn13) == 13
    assert isbn13_to_10(isbn13) == isbn10


@given(st.from_regex(r"[0-9]{12}", fullmatch=True), st.integers(0, 11), st.integers(1, 9))
def test_isbn13_check_digit_catches_any_single_digit_error(
    first12: str, position: int, shift: int
) -> None:
    body = "978" + first12[3:]
    isbn = body + str(-sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body)) % 10)
    assert normalize_isbn(isbn) == isbn
    wrong = isbn[:position] + str((int(isbn[position]) + shift) % 10) + isbn[position + 1 :]
    with pytest.raises(InvalidIdentifierError):
        normalize_isbn(wrong)


@given(st.from_regex(r"[0-9]{7}", fullmatch=True), st.integers(0, 6), st.integers(1, 9))
def test_issn_check_digit_catches_any_single_digit_error(
    first7: str, position: int, shift: int
) -> None:
    issn = first7 + issn_check_digit(first7)
    assert normalize_issn(issn) == f"{issn[:4]}-{issn[4:]}"
    wrong = issn[:position] + str((int(issn[position]) + shift) % 10) + issn[position + 1 :]
    with pytest.raises(InvalidIdentifierError):
        normalize_issn(wrong)


MEGABYTE = 1_000_000
PATHOLOGICAL = [
    pytest.param("10.1000/" + "x)" * (MEGABYTE // 2), id="closing-brackets"),
    pytest.param("10.1000/x" + ".)" * (MEGABYTE // 2), id="punctuation-and-brackets"),
    pytest.param("10.1000/" + "<" + "a:" * (MEGABYTE // 2), id="unclosed-sici-group"),
    pytest.param("10.1000/x<a:" * (MEGABYTE // 12), id="many-sici-starts"),
    pytest.param("(10.1000/" * (MEGABYTE // 9), id="nested-starts"),
    pytest.param("10.1000/x;" * (MEGABYTE // 10), id="glued-list"),
    pytest.param("10.1000/x&gt;" * (MEGABYTE // 13), id="escaped-angles"),
    pytest.param("10.1000/" + "%25" * (MEGABYTE // 3), id="percent-escapes"),
    pytest.param("10." + "1" * MEGABYTE, id="long-registrant"),
    pytest.param("doi: " * (MEGABYTE // 5) + "10.1000/x", id="many-labels"),
    pytest.param("ISBN " + "9-" * (MEGABYTE // 2), id="isbn-digits"),
    pytest.param("PMID: " * (MEGABYTE // 6), id="pmid-labels"),
    pytest.param("arXiv:" + "1" * MEGABYTE, id="arxiv-digits"),
    pytest.param("ISSN (print) " * (MEGABYTE // 13), id="issn-labels"),
]


@pytest.mark.parametrize("text", PATHOLOGICAL)
def test_a_megabyte_of_pathological_text_completes(text: str) -> None:
    found = identify(text)
    assert all(text[match.start : match.end] == match.input for match in found)
