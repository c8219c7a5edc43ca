"""Value forms citeproc-js 2.4.63 prints that the real items showed (issue 12).

Each expected string is what citeproc-js printed for the same input (checked with
``../shared/csl/tools/format.js``); the items are constructed here, not recorded.
"""

from __future__ import annotations

import pytest

from als_refs.styles import format_entries
from als_refs.styles.deco import narrow_spaces
from als_refs.styles.engine import parse_style_string
from als_refs.styles.nameparts import initialize_given, name_parts, normalize_initials
from als_refs.styles.notefields import with_note_fields
from als_refs.styles.processor import Processor
from als_refs.styles.richtext import to_text
from als_refs.styles.text import short_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://arxiv.org/abs/math/0307200v3", "https://arxiv.org"),
        ("http://www.ctan.org", "www.ctan.org"),
        ("https://www.cdc.gov/flu/about/disease/high_risk.htm", "www.cdc.gov"),
        ("http://time.com/collection/100-most-influential-people-2019/", "http://time.com"),
        (
            "https://web.archive.org/web/2013/http://www.gartner.com/technology/x.do?id=1",
            "web.archive.org/web/2013/http://www.gartner.com",
        ),
    ],
)
def test_short_url_drops_the_path_and_the_scheme_before_www(url: str, expected: str) -> None:
    assert short_url(url) == expected


@pytest.mark.parametrize(
    ("suffix", "terminator", "expected"),
    [
        ("M. E. AND Kernighan", "", "ME AND Kernighan"),
        ("M. E. AND Kernighan", ".", "M.E. AND Kernighan"),
        ("A. G.; Hutchison", ". ", "A. G. ;. Hutchison"),
        ("A. G.; Hutchison", "", "AG; Hutchison"),
        ("Jr.", "", "Jr"),
        ("Jr.", ". ", "Jr."),
        ("III", "", "III"),
    ],
)
def test_name_suffix_normalised_like_initials(suffix: str, terminator: str, expected: str) -> None:
    assert normalize_initials(suffix, terminator) == expected


def test_narrow_no_break_space_before_high_punctuation() -> None:
    assert narrow_spaces("Cambridge ; New York") == "Cambridge\u202f; New York"
    assert narrow_spaces("Season circa: : 2017") == "Season circa:\u202f: 2017"
    assert narrow_spaces("His « Anonymous » Life") == "His «\u202fAnonymous\u202f» Life"
    assert narrow_spaces("a: b; c") == "a: b; c"


@pytest.mark.parametrize(
    ("given", "with_", "expected"),
    [("a.", ". ", " a."), ("b. c.", "", " b. c."), ("John a.", ". ", "J. a."), ("Anna", "", "A")],
)
def test_lowercase_given_words_are_kept_with_a_space(given: str, with_: str, expected: str) -> None:
    assert initialize_given(given, with_, True, hyphen=True) == expected


def test_lowercase_given_name_prints_its_space_in_the_entry() -> None:
    item = {
        "id": "a",
        "type": "article-journal",
        "title": "T",
        "author": [
            {"family": "Continenza", "given": "a."},
            {"family": "Smith", "given": "b. c."},
            {"family": "Jones", "given": "John a."},
        ],
        "issued": {"date-parts": [[1999]]},
    }
    assert format_entries([item], style="apa", output="text") == [
        "Continenza,  a., Smith,  b. c., & Jones, J. a. (1999). T."
    ]
    assert format_entries([item], style="the-lancet", output="text") == [
        "1 Continenza  a., Smith  b. c., Jones J a. T. 1999."
    ]


def test_note_field_variables_are_read_and_removed_from_the_note() -> None:
    item = {
        "id": "x",
        "type": "book",
        "ISBN": "123",
        "note": "container-title: Container: a title\nISBN: 999\nauthor: Doe || Jane\nkept",
    }
    out = with_note_fields(item)
    assert out["container-title"] == "Container: a title"
    assert out["ISBN"] == "123"  # the item's own value wins
    assert out["author"] == [{"family": "Doe", "given": "Jane"}]
    assert out["note"] == "ISBN: 999\n\nkept"
    plain = {"id": "y", "note": "just a note"}
    assert with_note_fields(plain) is plain


def test_inline_note_field_and_type_override() -> None:
    out = with_note_fields({"id": "z", "type": "book", "note": "{:type: chapter} {:issued: 2001}"})
    assert out["type"] == "chapter"
    assert out["issued"] == {"raw": "2001"}


def test_trailing_lowercase_given_words_are_dropping_particles() -> None:
    assert name_parts({"family": "X", "given": "John a."})[1:4] == ("John", "", "a.")
    assert name_parts({"family": "X", "given": "Jean de la"})[1:4] == ("Jean", "", "de la")
    # "et al." written in a given name is not a particle (citeproc-js treats it as et-al).
    assert name_parts({"family": "X", "given": "L. et al."})[1:4] == ("L. et al.", "", "")


QUOTED = [
    ("article-journal", "A “x ‘y’ z” b"),
    ("article-journal", "C \"x 'y' z\" b"),
    ("book", "D “x ‘y’ z” b"),
    ("book", "E ‘x “y” z’ b"),
    ("book", "F \"x 'y' z\" b"),
    ("book", 'G “x” ‘y’ "z" b'),
]


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "en-GB",
            [
                "[1] ‘A “x ‘y’ z” b’, J, 1999.",
                "[2] ‘C “x ‘y’ z” b’, J, 1999.",
                "[3] D “x ‘y’ z” b. 1999.",
                "[4] E ‘x “y” z’ b. 1999.",
                "[5] F ‘x “y” z’ b. 1999.",
                "[6] G “x” ‘y’ ‘z’ b. 1999.",
            ],
        ),
        (
            "en-US",
            [
                "[1] “A ‘x “y” z’ b,” J, 1999.",
                "[2] “C ‘x “y” z’ b,” J, 1999.",
                "[3] D “x ‘y’ z” b. 1999.",
                "[4] E ‘x “y” z’ b. 1999.",
                "[5] F “x ‘y’ z” b. 1999.",
                "[6] G “x” ‘y’ “z” b. 1999.",
            ],
        ),
    ],
)
def test_quotes_in_titles_nest_and_keep_their_form_at_the_top(
    locale: str, expected: list[str]
) -> None:
    items = [
        {"id": str(n), "type": kind, "title": title, "issued": {"date-parts": [[1999]]}}
        | ({"container-title": "J"} if kind == "article-journal" else {})
        for n, (kind, title) in enumerate(QUOTED)
    ]
    assert format_entries(items, style="ieee", locale=locale, output="text") == expected


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        ('<text variable="title" quotes="true"/><text value="."/>', "“Test One”."),
        ('<text variable="title" quotes="true" suffix="."/>', "“Test One.”"),
        (
            '<group><text variable="title" quotes="true"/></group><text value=", x"/>',
            "“Test One”, x",
        ),
        (
            '<group delimiter=", "><text variable="title" quotes="true"/><text value="x"/></group>',
            "“Test One,” x",
        ),
    ],
)
def test_text_value_punctuation_stays_out_of_quotes(layout: str, expected: str) -> None:
    style = parse_style_string(
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><id>x</id><title>x</title><updated>2020-01-01T00:00:00+00:00</updated></info>"
        '<citation><layout><text variable="title"/></layout></citation>'
        f"<bibliography><layout>{layout}</layout></bibliography></style>"
    )
    item = {"id": "a", "type": "article-journal", "title": "Test One"}
    entries = Processor(style, [item], "en-US").bibliography()
    assert [to_text(entry.runs) for entry in entries] == [expected]


def test_punctuation_moved_into_a_quote_stays_outside_the_titles_markup() -> None:
    item = {
        "id": "a",
        "type": "article-journal",
        "title": "A copy of <i>Piers Plowman</i>",
        "container-title": "Yearbook",
    }
    (entry,) = format_entries([item], style="ieee", output="html")
    assert "“A copy of <i>Piers Plowman</i>,” <i>Yearbook</i>." in entry


def test_title_case_one_letter_words_and_hyphenated_stop_words() -> None:
    titles = [
        "The in-crowd and hospital in-patients",
        "Rates up to 1,5 Mbit/s for (a) vitamin c",
        "in-patients: a-b test of x-rays",
        "Report: out-of-hours care, the on-line x",
        "St. Germain ms. (g<sub>1</sub>), now numbered",
    ]
    items = [
        {"id": str(n), "type": "book", "title": t, "issued": {"date-parts": [[2000 + n]]}}
        for n, t in enumerate(titles)
    ]
    assert format_entries(items, style="american-medical-association", output="text") == [
        "1. The In-Crowd and Hospital in-Patients. 2000.",
        "2. Rates up to 1,5 Mbit/s for (a) Vitamin c. 2001.",
        "3. In-Patients: A-b Test of x-Rays. 2002.",
        "4. Report: Out-of-Hours Care, the on-Line x. 2003.",
        "5. St. Germain Ms. (g1), Now Numbered. 2004.",
    ]


def test_a_page_of_only_a_dash_prints_nothing() -> None:
    item = {
        "id": "a",
        "type": "article-journal",
        "title": "T",
        "container-title": "J",
        "volume": "4",
        "page": "-",
        "issued": {"date-parts": [[2004]]},
    }
    assert format_entries([item], style="the-lancet", output="text") == ["1 T. J 2004; 4."]
    assert format_entries([item], style="american-medical-association", output="text") == [
        "1. T. J. 2004;4."
    ]


@pytest.mark.parametrize(
    ("page", "label"),
    [
        ("4:1-4:10", "p."),
        ("8n11564-8n1568", "pp."),
        ("82620P1-82620P8", "pp."),
        ("e12-e15", "pp."),
        ("1:2-3", "p."),
        ("12a-12c", "pp."),
        ("1-4:10", "pp."),
        ("1.2-1.5", "p."),
        ("12-15", "pp."),
        ("5R01HD081252-04", "p."),
    ],
)
def test_page_label_plural_as_citeproc_js(page: str, label: str) -> None:
    item = {"id": "a", "type": "paper-conference", "title": "T", "page": page}
    (entry,) = format_entries([item], style="ieee", output="text")
    assert f"” {label} " in entry


def test_a_last_institution_is_joined_contextually() -> None:
    authors = [
        [{"literal": "Org One"}, {"literal": "Org Two"}],
        [{"literal": "Org One"}, {"literal": "Org Two"}, {"literal": "Org Three"}],
        [{"family": "Doe", "given": "Jane"}, {"literal": "Org Two"}],
        [{"literal": "Org One"}, {"family": "Doe", "given": "Jane"}],
    ]
    items = [
        {
            "id": str(n),
            "type": "report",
            "title": "T",
            "author": a,
            "issued": {"date-parts": [[2001 + n]]},
        }
        for n, a in enumerate(authors)
    ]
    assert format_entries(items, style="apa", output="text") == [
        "Doe, J. & Org Two. (2003). T.",
        "Org One, & Doe, J. (2004). T.",
        "Org One & Org Two. (2001). T.",
        "Org One, Org Two, & Org Three. (2002). T.",
    ]


def test_an_issue_range_takes_the_styles_page_range_delimiter() -> None:
    item = {
        "id": "a",
        "type": "article-journal",
        "title": "T",
        "container-title": "J",
        "volume": "22",
        "issue": "1-12",
        "page": "451-455",
        "issued": {"date-parts": [[1994]]},
    }
    # AMA sets page-range-delimiter to "-"; citeproc-js uses it for the issue too.
    assert format_entries([item], style="american-medical-association", output="text") == [
        "1. T. J. 1994;22(1-12):451-455."
    ]


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ('<number variable="number"/>', "99–02"),
        ('<number variable="volume"/>', "007"),
        ('<number variable="issue"/>', "02–04"),
        ('<number variable="volume" form="ordinal"/>', "007"),
    ],
)
def test_numbers_keep_their_leading_zeros(number: str, expected: str) -> None:
    style = parse_style_string(
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><id>x</id><title>x</title><updated>2020-01-01T00:00:00+00:00</updated></info>"
        '<citation><layout><text variable="title"/></layout></citation>'
        f"<bibliography><layout>{number}</layout></bibliography></style>"
    )
    item = {"id": "a", "type": "report", "number": "99-02", "volume": "007", "issue": "02-04"}
    entries = Processor(style, [item], "en-US").bibliography()
    assert [to_text(entry.runs) for entry in entries] == [expected]


def test_et_al_written_in_a_given_name_ends_the_list_with_the_styles_et_al() -> None:
    items = [
        {
            "id": "a",
            "type": "article-journal",
            "title": "T",
            "container-title": "J",
            "author": [{"family": "Born", "given": "L. et al."}],
            "issued": {"date-parts": [[2019]]},
        },
        {
            "id": "b",
            "type": "article-journal",
            "title": "U",
            "container-title": "J",
            "author": [
                {"family": "Ames", "given": "B."},
                {"family": "Born", "given": "L., et al."},
                {"family": "Cole", "given": "D."},
            ],
            "issued": {"date-parts": [[2020]]},
        },
    ]
    assert format_entries(items, style="ieee", output="text") == [
        "[1] L. Born et al., “T,” J, 2019.",
        "[2] B. Ames, L. Born, D. Cole, et al., “U,” J, 2020.",
    ]
    assert format_entries(items, style="apa", output="text") == [
        "Ames, B., Born, L., … Cole, D. (2020). U. J.",
        "Born, L. (2019). T. J.",
    ]
