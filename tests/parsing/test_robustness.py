"""No input crashes the parser: random text, binary junk, 1 MB strings, pathological punctuation.

Every call must come back with a record and, for unreadable input, warnings naming what could
not be read. The inputs below are the shapes that make backtracking regular expressions blow up
(long runs of initials, commas, brackets, digits); they finish because every pattern is bounded
and the parser reads at most ``MAX_CHARS`` characters of one reference.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from als_refs.parsing import extract_citations, parse_citation, parse_reference
from als_refs.parsing.cleaning import MAX_CHARS

MEGABYTE = 1_000_000
PATHOLOGICAL = {
    "letters": "a" * MEGABYTE,
    "brackets": "(" * MEGABYTE,
    "stops": ". " * (MEGABYTE // 2),
    "initials": "A. " * (MEGABYTE // 3),
    "apa-names": "Smith, J., " * (MEGABYTE // 11),
    "vancouver-names": "Smith AB, " * (MEGABYTE // 10),
    "given-names": "John Smith, " * (MEGABYTE // 12),
    "digits": "1" * MEGABYTE,
    "ranges": "12-" * (MEGABYTE // 3),
    "quotes": "“" * MEGABYTE,
    "commas": ", " * (MEGABYTE // 2),
    "capitals": "ABC " * (MEGABYTE // 4),
    "particles": "van de " * (MEGABYTE // 7),
    "doi": "10.1234/" + "a" * MEGABYTE,
    "url": "http://" + "a/" * (MEGABYTE // 2),
    "years": "2001 " * (MEGABYTE // 5),
    "hyphens": "A-" * (MEGABYTE // 2),
    "colons": "A: " * (MEGABYTE // 3),
    "pipes": "Abstract | " * (MEGABYTE // 11),
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_megabyte_inputs_finish_with_a_warning(name: str) -> None:
    text = PATHOLOGICAL[name]
    result = parse_reference(text)
    assert result.reference is not None
    codes = {issue.code for issue in result.issues}
    assert "too-long" in codes
    assert result.reference.provenance.confidence is not None
    assert result.reference.provenance.confidence <= 0.7


@pytest.mark.parametrize("name", ["initials", "apa-names", "url", "colons"])
@pytest.mark.parametrize("kind", ["trial", "prose"])
def test_megabyte_inputs_other_kinds(name: str, kind: str) -> None:
    result = parse_citation(PATHOLOGICAL[name], kind)  # type: ignore[arg-type]
    assert result.reference is not None
    assert result.issues


@pytest.mark.parametrize("name", ["stops", "apa-names", "years", "pipes"])
def test_megabyte_documents_extract(name: str) -> None:
    text = "\n".join(PATHOLOGICAL[name][i : i + 5000] for i in range(0, 300_000, 5000))
    citations = extract_citations(text)
    assert all(c.result.reference is not None for c in citations)


@pytest.mark.parametrize("seed", range(20))
def test_binary_junk(seed: int) -> None:
    rng = random.Random(seed)
    junk = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000)))
    text = junk.decode("latin-1")
    result = parse_reference(text)
    assert result.reference is not None
    extract_citations(text.replace("\x00", "\n"))


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n", ".", "((((", "))))", "....", "10.", "doi:", "et al.", "PMID:", "(2013)",
     "Abstract | Full Text (Subscription Required)", "[PubMed] [Google Scholar]", "\x00\x01\x02",
     "\ud800", "Smith", "2016;86(16):1474-81", "“”", "vol. no. pp.", "In: eds."],
)  # fmt: skip
def test_odd_short_strings(text: str) -> None:
    result = parse_reference(text)
    assert result.reference is not None
    assert result.issues, "an unreadable string must say what could not be read"


def test_empty_string_warns_empty() -> None:
    codes = [i.code for i in parse_reference("   ").issues]
    assert codes == ["empty-reference"]


def test_navigation_only_is_not_a_title() -> None:
    reference = parse_reference("Abstract | Full Text (Subscription Required)").reference
    assert reference is not None
    assert reference.title is None
    assert reference.container_title is None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_any_text_gives_a_record(text: str) -> None:
    result = parse_reference(text)
    assert result.reference is not None
    confidence = result.reference.provenance.confidence
    assert confidence is not None and 0.0 <= confidence <= 1.0


REFERENCE_ALPHABET = st.sampled_from(
    [
        *"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij ,.;:()[]-–&'\"“”0123456789",
        "et al.",
        " and ",
        "doi:",
        "10.1000/x",
        "(2013)",
        "vol.",
        "pp.",
        "In: ",
        "Eds.",
        " van ",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(REFERENCE_ALPHABET, max_size=400).map("".join))
def test_reference_shaped_noise_gives_a_record(text: str) -> None:
    for kind in ("reference", "trial", "prose"):
        result = parse_citation(text, kind)  # type: ignore[arg-type]
        assert result.reference is not None


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(REFERENCE_ALPHABET, st.just("\n"), st.just("\n\nReferences\n\n")), max_size=500
    ).map("".join)
)
def test_documents_of_noise_extract(text: str) -> None:
    for citation in extract_citations(text):
        assert 1 <= citation.line <= citation.end_line
        assert 0 <= citation.start <= citation.end <= len(text)


def test_max_chars_is_bounded() -> None:
    assert 1000 <= MAX_CHARS <= 20_000


@pytest.mark.parametrize(
    "text",
    [
        # long capitalised words before a comma once made the abbreviation test backtrack
        "APPLIED AND ENVIRONMENTAL MICROBIOLOGY, 0099-2240/00/$04.00 Aug. 2000, p. 3468-3473",
        "IEEE COMMUNICATIONS SURVEYS & TUTORIALS, VOL.11, NO. 3, THIRD QUARTER 2009 37",
        " ".join(["ABCDEFGHIJKLMNOPQRSTUVWXYZ"] * 40) + ", 12, 34",
        "Smith J. Title. " + " ".join(["VERYLONGCAPITALWORD"] * 60) + ", 1999",
    ],
)
def test_capitalised_runs_finish(text: str) -> None:
    result = parse_reference(text)
    assert result.reference is not None
    assert not any(issue.code == "parse-failed" for issue in result.issues)


def test_whitespace_runs_in_documents_finish() -> None:
    text = "References\n\nSmith J. Title. Lancet. 2001;1:2-3." + " " * 300_000 + "x\n"
    [citation] = extract_citations(text)
    assert citation.text.startswith("Smith J. Title.")
