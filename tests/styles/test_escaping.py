"""Hostile data never becomes markup: HTML and Markdown output escape everything from the data."""

from __future__ import annotations

import re

import pytest

from als_refs.models import Reference
from als_refs.styles import cite, format_bibliography, format_entries

STYLES = [
    "apa",
    "american-medical-association",
    "nlm-citation-sequence",
    "chicago-author-date",
    "nature",
    "harvard-cite-them-right",
]
ALLOWED_TAGS = re.compile(
    r'</?(i|b|sup|sub|div( class="csl-[a-z-]+")?|span( style="[a-z-]+:[a-z-]+;")?)>'
)


def hostile() -> list[Reference]:
    return [
        Reference.from_csl(
            {
                "id": "xss-title",
                "type": "article-journal",
                "title": "<script>alert(1)</script> & <img src=x onerror=alert(2)>",
                "author": [{"family": '"onerror=alert(3)', "given": "<b>Eve</b>"}],
                "container-title": "Journal <iframe>",
                "volume": "1",
                "page": "1-2",
                "issued": {"date-parts": [[2020]]},
                "URL": "javascript:alert(4)",
            }
        ),
        Reference.from_csl(
            {
                "id": "xss-web",
                "type": "webpage",
                "title": "*bold* _under_ [link](javascript:alert(5)) `code` # heading",
                "author": [{"literal": "Group <svg onload=alert(6)>"}],
                "URL": "javascript:alert(7)",
                "DOI": "10.1234/<script>",
                "accessed": {"date-parts": [[2024, 1, 2]]},
            }
        ),
    ]


def tags(html: str) -> list[str]:
    return re.findall(r"<[^>]*>", html)


@pytest.mark.parametrize("style", STYLES)
def test_html_contains_only_our_own_tags(style: str) -> None:
    html = format_bibliography(hostile(), style=style, output="html")
    bad = [tag for tag in tags(html) if not ALLOWED_TAGS.fullmatch(tag)]
    assert bad == []
    assert re.search(r"&#60;script&#62;alert\(1\)&#60;/script&#62;", html, re.IGNORECASE)
    assert "<a " not in html and "href" not in html
    assert "onerror=alert(3)" in html  # as visible text, never inside a tag


@pytest.mark.parametrize("style", STYLES)
def test_html_citation_is_escaped(style: str) -> None:
    html = cite(hostile(), ["xss-title", "xss-web"], style=style, output="html")
    assert all(ALLOWED_TAGS.fullmatch(tag) for tag in tags(html)), html


def test_html_escapes_ampersands_like_citeproc_js() -> None:
    html = format_entries(hostile()[:1], style="apa", output="html")[0]
    assert "&#38; &#60;img src=x onerror=alert(2)&#62;" in html


@pytest.mark.parametrize("style", STYLES)
def test_markdown_escapes_markup_and_metacharacters(style: str) -> None:
    markdown = format_bibliography(hostile(), style=style, output="markdown")
    assert not re.search(r"(?<!\\)<(script|img|svg|iframe)", markdown)
    assert "\\<script\\>alert(1)\\</script\\>" in markdown.lower()
    assert not re.search(r"(?<!\\)\]\(javascript:", markdown)
    assert "<javascript:" not in markdown
    lower = markdown.lower()
    assert "\\*bold\\*" in lower and "\\_under\\_" in lower and "\\[link\\]" in lower


def test_markdown_italics_use_asterisks() -> None:
    ref = Reference.from_csl(
        {
            "id": "a",
            "type": "article-journal",
            "title": "T",
            "container-title": "Brain",
            "author": [{"family": "Rivera", "given": "Isabel"}],
            "volume": "3",
            "issued": {"date-parts": [[2013]]},
        }
    )
    markdown = format_bibliography([ref], style="apa", output="markdown")
    assert markdown == "Rivera, I. (2013). T. *Brain*, *3*.\n"


def test_text_output_keeps_data_verbatim() -> None:
    text = format_entries(hostile()[:1], style="apa", output="text")[0]
    assert "<script>alert(1)</script>" in text


def test_inline_markup_in_titles_is_honoured_and_flipped_inside_italics() -> None:
    ref = Reference.from_csl(
        {
            "id": "b",
            "type": "book",
            "title": "Genetics of <i>SOD1</i> mice",
            "author": [{"family": "Rivera", "given": "Isabel"}],
            "publisher": "Wiley",
            "issued": {"date-parts": [[2013]]},
        }
    )
    html = format_entries([ref], style="apa", output="html")[0]
    assert '<i>Genetics of <span style="font-style:normal;">SOD1</span> mice</i>' in html
    markdown = format_entries([ref], style="apa", output="markdown")[0]
    assert "<i>" not in markdown
