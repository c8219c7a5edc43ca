"""Property tests: Reference -> BibTeX -> Reference and Reference -> CSL-JSON -> Reference.

Two families of generated records:

* ``any_reference``: any Unicode (control characters, odd spaces, combining marks, the TeX
  specials, lone braces) in every text field. The round trip must be exact in both BibTeX modes;
  what LaTeX or BibTeX cannot carry travels in ``x-als-refs``.
* ``plain_reference``: the text real bibliographies hold (words separated by single spaces, made
  of characters pylatexenc round-trips, plus every TeX special). For these the *native* fields
  must carry the text exactly, so ``x-als-refs`` never needs to repeat a title, a name list or a
  container title. In LaTeX mode the alphabet is restricted to the characters for which
  ``decode(encode(c)) == c`` (``_latex.latex_roundtrips``); pylatexenc spells some letters with
  macros that read back as a different character (U+0170 -> ``\\'{U}``), or not at all (CJK).
"""

from __future__ import annotations

import json
import string
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from als_refs.formats import bibtex, csljson
from als_refs.formats._latex import latex_roundtrips
from als_refs.models import CSL_TYPES, DateParts, Location, Name, Provenance, Reference

SCHEMA_PATH = Path(__file__).resolve().parents[2].parent / "shared" / "schemas" / "csl-data.json"
SPECIALS = "&%$#_{}~^\\-–—'`\"<>,!?@."
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- strategies -----------------------------------------------------------------------------

any_text = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40)


@cache
def _latex_alphabet() -> str:
    candidates = [chr(c) for c in range(0x20, 0x250)] + list("–—‘’“”€©°±µ×÷αβγΩ")
    return "".join(c for c in candidates if c.isprintable() and c != " " and latex_roundtrips(c))


def _word(alphabet: str) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(alphabet), min_size=1, max_size=12)


def _sentence(alphabet: str, max_words: int = 8) -> st.SearchStrategy[str]:
    return st.lists(_word(alphabet), min_size=1, max_size=max_words).map(" ".join)


def _capitalised(alphabet: str) -> st.SearchStrategy[str]:
    rest = "".join(c for c in alphabet if c not in " ,")
    upper = "".join(c for c in rest if c.isupper()) or "ABC"
    return st.builds(
        lambda head, tail: head + tail,
        st.sampled_from(upper),
        st.text(st.sampled_from(rest), max_size=10),
    )


def _plain_name(alphabet: str) -> st.SearchStrategy[Name]:
    letters = "".join(c for c in alphabet if c.isalpha())
    person = st.builds(
        Name,
        family=st.lists(_capitalised(letters), min_size=1, max_size=2).map(" ".join),
        given=st.one_of(
            st.none(), st.lists(_capitalised(letters), min_size=1, max_size=2).map(" ".join)
        ),
        non_dropping_particle=st.sampled_from([None, "van", "van den", "de", "de la", "von", "da"]),
        suffix=st.sampled_from([None, "Jr", "Jr.", "III", "Sr"]),
    )
    group = st.builds(Name, literal=_sentence(alphabet, 5))
    return st.one_of(person, group)


def _any_name() -> st.SearchStrategy[Name]:
    maybe = st.one_of(st.none(), any_text)
    person = st.builds(
        Name,
        family=any_text,
        given=maybe,
        suffix=maybe,
        non_dropping_particle=maybe,
        dropping_particle=maybe,
    )
    return st.one_of(person, st.builds(Name, literal=any_text), st.builds(Name, given=any_text))


def _dates() -> st.SearchStrategy[DateParts]:
    year = st.integers(1, 9999)
    part = st.one_of(
        st.tuples(year),
        st.tuples(year, st.integers(1, 12)),
        st.tuples(year, st.integers(1, 12), st.integers(1, 28)),
    )
    odd = st.one_of(st.integers(-50, 20000), st.from_regex(r"\A[0-9a-z ]{1,6}\Z"))
    return st.one_of(
        st.builds(DateParts, date_parts=st.tuples(part)),
        st.builds(DateParts, date_parts=st.tuples(part, part)),
        st.builds(DateParts, date_parts=st.tuples(st.tuples(odd))),
        st.builds(DateParts, literal=any_text),
    )


_PAGES = st.one_of(
    st.from_regex(r"\A[1-9][0-9]{0,4}(-[1-9][0-9]{0,4})?\Z"),
    st.from_regex(r"\A[eS]?[0-9]{1,7}\Z"),
    st.from_regex(r"\A[0-9]{1,4}--?[0-9]{1,4}\Z"),
)
_DOI = st.from_regex(r"\A10\.[0-9]{4,6}/[-._;()/:a-z0-9]{1,20}\Z")
_URL = st.from_regex(r"\Ahttps?://[a-z]{1,8}\.org/[-a-zA-Z0-9%_#~.?=&/]{0,30}\Z")
_PROVENANCE = st.builds(
    Provenance,
    locations=st.lists(
        st.builds(
            Location,
            document=st.one_of(st.none(), any_text),
            line=st.one_of(st.none(), st.integers(1, 5000)),
            raw=st.one_of(st.none(), any_text),
            kind=st.sampled_from([None, "reference", "trial", "prose"]),
        ),
        max_size=2,
    ).map(tuple),
    fields=st.dictionaries(
        st.sampled_from(["title", "DOI", "page"]),
        st.sampled_from(["document", "registry", "person", "derived"]),
        max_size=2,
    ),
    as_written=st.dictionaries(st.sampled_from(["DOI", "title"]), any_text, max_size=1),
    confidence=st.one_of(st.none(), st.floats(0, 1)),
    candidate=st.booleans(),
)
_FIELD_NAMES = st.from_regex(r"\A[a-z][a-z0-9_-]{0,8}\Z")
_CUSTOM = st.one_of(
    st.dictionaries(
        st.text(string.ascii_lowercase, min_size=1, max_size=6).filter(lambda k: k != "als-refs"),
        st.one_of(st.none(), st.integers(-5, 5), any_text, st.lists(st.integers(), max_size=2)),
        max_size=2,
    ),
    # Fields of a .bib entry that no attribute holds, as the reader keeps them.
    st.fixed_dictionaries({"bibtex": st.dictionaries(_FIELD_NAMES, any_text, max_size=3)}),
)


def _reference(
    text: st.SearchStrategy[str], names: st.SearchStrategy[Name]
) -> st.SearchStrategy[Reference]:
    maybe = st.one_of(st.none(), text)
    return st.builds(
        Reference,
        id=st.one_of(st.from_regex(r"\A[a-z][a-z0-9]{0,15}\Z"), any_text),
        type=st.sampled_from(sorted(CSL_TYPES)),
        title=maybe,
        title_short=maybe,
        author=st.lists(names, max_size=4).map(tuple),
        editor=st.lists(names, max_size=2).map(tuple),
        container_title=maybe,
        container_title_short=maybe,
        collection_title=maybe,
        volume=st.one_of(st.none(), st.from_regex(r"\A[0-9]{1,3}\Z"), text),
        issue=st.one_of(st.none(), st.from_regex(r"\A[0-9]{1,2}(-[0-9])?\Z")),
        page=st.one_of(st.none(), _PAGES),
        number=st.one_of(st.none(), st.from_regex(r"\A(e|CD)?[0-9]{3,7}\Z")),
        edition=st.one_of(st.none(), st.sampled_from(["2", "Second", "3rd"])),
        issued=st.one_of(st.none(), _dates()),
        accessed=st.one_of(st.none(), _dates()),
        publisher=maybe,
        publisher_place=maybe,
        genre=maybe,
        note=maybe,
        doi=st.one_of(st.none(), _DOI),
        pmid=st.one_of(st.none(), st.from_regex(r"\A[1-9][0-9]{4,8}\Z")),
        pmcid=st.one_of(st.none(), st.from_regex(r"\APMC[0-9]{5,8}\Z")),
        issn=st.one_of(st.none(), st.from_regex(r"\A[0-9]{4}-[0-9]{3}[0-9X]\Z")),
        isbn=st.one_of(st.none(), st.from_regex(r"\A97[89][0-9]{10}\Z")),
        url=st.one_of(st.none(), _URL),
        trial_ids=st.lists(st.from_regex(r"\ANCT[0-9]{8}\Z"), max_size=2).map(tuple),
        published_print=st.one_of(st.none(), _dates()),
        published_online=st.one_of(st.none(), _dates()),
        provenance=_PROVENANCE,
        custom=_CUSTOM,
    )


def any_reference() -> st.SearchStrategy[Reference]:
    return _reference(any_text, _any_name())


def plain_reference(*, unicode: bool) -> st.SearchStrategy[Reference]:
    alphabet = _unicode_alphabet() if unicode else _latex_alphabet()
    return _reference(_sentence(alphabet), _plain_name(alphabet))


@cache
def _unicode_alphabet() -> str:
    letters = [chr(c) for c in range(0x20, 0x3000) if chr(c).isprintable() and not chr(c).isspace()]
    return "".join(letters) + SPECIALS


# --- helpers --------------------------------------------------------------------------------


def bib_round_trip(references: list[Reference], *, unicode: bool) -> tuple[str, list[Reference]]:
    text = bibtex.write_string(references, unicode=unicode)
    result = bibtex.parse_string(text, source="generated.bib")
    assert result.issues == (), text
    return text, list(result.references)


def extra_fields(text: str) -> list[dict[str, Any]]:
    """The decoded ``x-als-refs`` objects of a written .bib (one per entry that has one)."""
    from urllib.parse import unquote

    from bibtexparser.entrypoint import parse_string

    library = parse_string(text)
    return [
        json.loads(unquote(entry["x-als-refs"]))
        for entry in library.entries
        if "x-als-refs" in entry
    ]


@cache
def csl_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


# --- properties -----------------------------------------------------------------------------


@pytest.mark.parametrize("unicode", [False, True], ids=["latex", "utf8"])
@SETTINGS
@given(references=st.lists(any_reference(), min_size=1, max_size=3))
def test_json_to_bib_always_writes_and_bib_to_json_to_bib_is_stable(
    references: list[Reference], unicode: bool
) -> None:
    text = bibtex.write_string(references, unicode=unicode)
    result = bibtex.parse_string(text, source="generated.bib")
    assert len(result.references) == len(references), text
    assert not result.errors, text
    again = bibtex.write_string(list(result.references), unicode=unicode)
    assert len(bibtex.parse_string(again).references) == len(references)
    assert "x-als-refs" not in text
    if not unicode:
        assert text.isascii()


NATIVE = ("title", "container_title", "publisher", "note", "doi", "url", "page", "author")
NATIVE += ("editor", "volume", "issue", "isbn", "issn", "pmid", "edition", "publisher_place")


@pytest.mark.parametrize("unicode", [False, True], ids=["latex", "utf8"])
@SETTINGS
@given(data=st.data())
def test_plain_text_travels_in_native_fields(data: st.DataObject, unicode: bool) -> None:
    reference = _as_bibtex_sees(data.draw(plain_reference(unicode=unicode)))
    text, (back,) = bib_round_trip([reference], unicode=unicode)
    for name in NATIVE:
        if name == "doi":
            assert back.display_doi == reference.display_doi, text
        elif name in {"issue", "volume", "edition"} and _bibtex_drops(reference, name):
            continue
        else:
            assert getattr(back, name) == getattr(reference, name), (name, text)


def _as_bibtex_sees(reference: Reference) -> Reference:
    """What a .bib can say of ``reference``, where BibTeX itself cannot tell two forms apart.

    A family name of several words with no other part is braced so that BibTeX keeps it whole,
    which is also how an organisation is written: it reads back as a literal name. A page equal
    to the article number is indistinguishable from the copy of ``eid`` into ``pages`` that
    plain.bst needs, and reads back as the article number alone.
    """

    def seen(name: Name) -> Name:
        parts = (name.given, name.suffix, name.non_dropping_particle, name.dropping_particle)
        if name.family and " " in name.family and not any(parts):
            return Name(literal=name.family)
        return name

    changes: dict[str, Any] = {
        "author": tuple(seen(n) for n in reference.author),
        "editor": tuple(seen(n) for n in reference.editor),
    }
    if reference.page is not None and reference.page == reference.number:
        changes["page"] = None
    return reference.model_copy(update=changes)


def _bibtex_drops(reference: Reference, name: str) -> bool:
    # plain.bst refuses a number without a volume, or volume and number in a book.
    return reference.type not in {"article-journal", "article-magazine", "article-newspaper"}


@SETTINGS
@given(references=st.lists(any_reference(), min_size=1, max_size=3))
def test_csl_json_round_trip_and_schema(references: list[Reference]) -> None:
    text = csljson.write_string(references)
    jsonschema.validate(json.loads(text), csl_schema())
    result = csljson.parse_string(text)
    assert result.issues == ()
    assert list(result.references) == references


@SETTINGS
@given(references=st.lists(any_reference(), min_size=1, max_size=4))
def test_every_written_entry_parses_as_one_block(references: list[Reference]) -> None:
    from bibtexparser.entrypoint import parse_string

    text = bibtex.write_string(references)
    library = parse_string(text)
    assert library.failed_blocks == []
    assert len(library.entries) == len(references)
    keys = [entry.key.lower() for entry in library.entries]
    assert len(set(keys)) == len(keys)
