"""Decorations: affixes, formatting, quotes, text case and display, applied to rendered nodes.

Also how a variable's value becomes nodes (``data_nodes``: markup parsed, narrow no-break
spaces before high punctuation), the same for every element that prints one.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from als_refs.styles import textcase
from als_refs.styles.context import NUMBER_VARIABLES, Ctx
from als_refs.styles.richtext import (
    SUPERSCRIPT_RE,
    Format,
    Node,
    Quote,
    Span,
    Text,
    TextFunc,
    lift_superscripts,
    map_text,
    parse_markup,
)

FORMAT_ATTRS = ("font-style", "font-variant", "font-weight", "text-decoration", "vertical-align")


@dataclass(slots=True)
class Deco:
    prefix: str = ""
    suffix: str = ""
    formats: tuple[Format, ...] = ()
    quotes: bool = False
    text_case: str | None = None
    strip_periods: bool = False
    display: str | None = None
    # Terms are the style's own English words: citeproc-js title-cases them whatever the
    # item's language (the language test guards field values only).
    on_term: bool = False

    @classmethod
    def of(cls, el: Any) -> Deco:
        get = el.get
        # citeproc-js applies decorations in attribute order, so the last one is outermost.
        formats = tuple((a, v) for a, v in reversed(el.attrib.items()) if a in FORMAT_ATTRS)
        return cls(
            prefix=get("prefix", ""),
            suffix=get("suffix", ""),
            formats=formats,
            quotes=get("quotes") == "true",
            text_case=get("text-case"),
            strip_periods=get("strip-periods") == "true",
            display=get("display"),
        )

    def apply(self, nodes: list[Node], ctx: Ctx) -> list[Node]:
        if not nodes:
            return nodes
        if self.strip_periods:
            nodes = map_text(nodes, _StripPeriods())
        if self.text_case and (self.text_case != "title" or self.on_term or is_english(ctx)):
            nodes = map_text(nodes, textcase.for_name(self.text_case, _language(ctx)))
        if self.quotes:
            nodes = [Quote(True, True), *nodes, Quote(False, True)]
        if self.formats:
            nodes = [Span(nodes, self.formats)]
        return self.affix(nodes)

    def apply_layout(self, nodes: list[Node], ctx: Ctx) -> list[Node]:
        """A layout's formatting wraps its affixes too: <b>([1]–[3])</b> (citeproc-js)."""
        if not nodes:
            return nodes
        suffix = self.suffix
        last = nodes[-1]
        if suffix and isinstance(last, Span) and last.display:
            # The entry ends in a display block: the layout's suffix goes inside it.
            nodes = [*nodes[:-1], Span([*last.children, Text(suffix)], last.formats, last.display)]
            suffix = ""
        inner = Deco(self.prefix, suffix, (), self.quotes, self.text_case, self.strip_periods, None)
        nodes = inner.apply(nodes, ctx)
        if self.formats:
            nodes = [Span(nodes, self.formats)]
        return [Span(nodes, (), self.display)] if self.display else nodes

    def affix(self, nodes: list[Node]) -> list[Node]:
        if not nodes:
            return nodes
        if self.prefix or self.suffix:
            out: list[Node] = []
            if self.prefix:
                out.extend(_affix_nodes(self.prefix))
            out.extend(nodes)
            if self.suffix:
                out.extend(_affix_nodes(self.suffix))
            nodes = out
        if self.display:
            nodes = [Span(nodes, (), self.display)]
        return nodes


def _language(ctx: Ctx) -> str:
    """The item's language as a lower-case tag, else the locale's."""
    language = ctx.item.get("language")
    if isinstance(language, str) and language.strip():
        return language.strip().lower()
    return ctx.locale.lang.lower()


def _affix_nodes(text: str) -> list[Node]:
    """An affix from the style; Unicode superscripts in it become <sup> as in data."""
    if SUPERSCRIPT_RE.search(text):
        return lift_superscripts([Text(text)])
    return [Text(text)]


class _StripPeriods(TextFunc):
    def __call__(self, text: str, at_start: bool) -> str:
        return text.replace(".", "")


MARKUP_FREE = frozenset({"URL", "DOI", "PMID", "PMCID", "ISBN", "ISSN", "citation-number"})


@lru_cache(maxsize=8192)
def _markup(value: str) -> tuple[Node, ...]:
    return tuple(parse_markup(value))


def is_english(ctx: Ctx) -> bool:
    """Whether ``text-case="title"`` applies to this item's field values: English items only.

    citeproc-js 2.4.63 tests the language on its multilingual fields alone and title-cases a
    German item's volume-title; the CSL suite (textcase_TitleCaseWithVolumeTitle) says the
    test covers every title variable, which is what is done here.
    """
    if ctx.item.get("jurisdiction"):
        return False
    language = ctx.item.get("language")
    if language:
        match = re.match(r"[a-zA-Z]{2}", str(language))
        return match is not None and match.group(0).lower() == "en"
    return ctx.locale.lang[:2].lower() == "en"


_ROMANESQUE = re.compile(
    "[-0-9a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4"
    "\u05d6-\u05ff\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218-\u021b\u202a-\u202e]"
)


def upright_unless_roman(deco: Deco, text: str) -> Deco:
    """citeproc-js drops an element's own font-style on text without a Latin, Greek, Cyrillic,
    Hebrew, Arabic or Thai letter or digit (Chinese titles are not italicised)."""
    if not deco.formats or _ROMANESQUE.search(text):
        return deco
    formats = tuple(f for f in deco.formats if f[0] != "font-style")
    return deco if formats == deco.formats else replace(deco, formats=formats)


_SPACED_PUNCTUATION = re.compile(r" ([:;?!\u00bb])")


def narrow_spaces(text: str) -> str:
    """citeproc-js writes the space before ":;?!»" and after "«" as U+202F (no-break, narrow)."""
    if " " not in text:
        return text
    return _SPACED_PUNCTUATION.sub("\u202f\\1", text).replace("\u00ab ", "\u00ab\u202f")


def data_nodes(name: str, value: str) -> list[Node]:
    if " " in value:
        value = narrow_spaces(value)
    if name in MARKUP_FREE or (name in NUMBER_VARIABLES and name != "locator"):
        return [Text(value, data=True)]
    return [_copy(node) for node in _markup(value)]


def _copy(node: Node) -> Node:
    if isinstance(node, Text):
        return Text(node.text, node.nocase, data=True, var=node.var)
    if isinstance(node, Quote):
        return Quote(node.opening, node.from_style, node.char)
    return Span([_copy(c) for c in node.children], node.formats, node.display)


def with_affixes(deco: Deco, prefix: str, suffix: str) -> Deco:
    if prefix == deco.prefix and suffix == deco.suffix:
        return deco
    return dataclasses.replace(deco, prefix=prefix, suffix=suffix)
