"""The elements that print one thing: ``cs:text`` (a variable, macro call, term or value),
``cs:number`` and ``cs:label``."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from als_refs.styles import textcase
from als_refs.styles.context import NUMBER_VARIABLES, Ctx, Element
from als_refs.styles.deco import (
    MARKUP_FREE,
    Deco,
    data_nodes,
    is_english,
    narrow_spaces,
    upright_unless_roman,
    with_affixes,
)
from als_refs.styles.locale import Locale
from als_refs.styles.numbers import (
    is_multiple,
    is_numeric,
    is_plural,
    number_range_delimiter,
    roman,
    split_number,
)
from als_refs.styles.pages import format_page_range, page_plural
from als_refs.styles.richtext import Node, Span, Text, lift_superscripts, parse_markup, tag

if TYPE_CHECKING:
    from als_refs.styles.engine import Style


_NUMBER_SPLIT = re.compile(r"(\s*(?:[-–,&]|\band\b)\s*)")


_RANGE_DASHED = NUMBER_VARIABLES - {"locator", "page", "citation-number"}


_UNPARSED = MARKUP_FREE | (NUMBER_VARIABLES - {"locator"})


@lru_cache(maxsize=8192)
def _title_case_value(value: str) -> str:
    return textcase.title_case_value(value)


def short_url(url: str) -> str:
    """citeproc-js's ``URL`` ``form="short"``: the path dropped, the scheme too before ``www.``."""
    url = re.sub(r"(.*\.[^/]+)/.*", r"\1", url, count=1)
    return re.sub(r"https?://", "", url, count=1) if "//www." in url else url


class TextVariable(Element):
    def __init__(self, el: Any, style: Style) -> None:
        self.variable = el.get("variable")
        self.form = el.get("form", "long")
        self.deco = Deco.of(el)
        self.uncased = replace(self.deco, text_case=None)
        self.style = style

    def render(self, ctx: Ctx) -> list[Node]:
        if self.variable not in _NOT_COLLAPSING:
            ctx.text_variable_seen = True
        value = ctx.value(self.variable, self.form)
        if value is None:
            return []
        if self.variable == "page":
            value = format_page_range(value, self.style.page_range_format, ctx.locale)
        elif self.variable in _RANGE_DASHED and is_numeric(value):
            dash = number_range_delimiter(self.variable, ctx.locale)
            value = re.sub(r"(?<=\d)\s*-\s*(?=\d)", dash, value)  # "n. 3–4"
        elif self.variable == "URL" and self.form == "short":
            value = short_url(value)
        value = narrow_spaces(value)
        deco = self.deco
        if deco.text_case and self.variable in NUMBER_VARIABLES:
            value, deco = self._case_pieces(value, ctx)
        if deco.text_case == "title" and self.variable not in _UNPARSED:
            # citeproc-js title-cases the raw value, markup and straight quotes included.
            if is_english(ctx):
                value = _title_case_value(value)
            deco = self.uncased
        nodes = data_nodes(self.variable, value)
        return _tagged(self.variable, upright_unless_roman(deco, value), nodes, ctx)

    def _case_pieces(self, value: str, ctx: Ctx) -> tuple[str, Deco]:
        """citeproc-js cases each piece of a number variable on its own: "ninth Dover printing,
        tenth GPO printing" capitalizes both."""
        pieces = split_number(value)
        if len(pieces) < 2 or is_numeric(value):
            return value, self.deco
        if self.deco.text_case == "title" and not is_english(ctx):
            return value, self.uncased
        case = textcase.for_name(str(self.deco.text_case))
        cased = [piece if index % 2 else case(piece, True) for index, piece in enumerate(pieces)]
        return "".join(cased), self.uncased


_NOT_COLLAPSING = frozenset({"locator", "citation-number", "year-suffix", "citation-label"})


_AFFIXED = frozenset({"page", "volume", "issue", "DOI", "edition", "collection-number"})
"""Variables whose own prefix and suffix ("pp. ", "vol. ", "doi:") count as part of them, as
AnyStyle's and GROBID's labelled strings count them."""


def _tagged(variable: str, deco: Deco, nodes: list[Node], ctx: Ctx) -> list[Node]:
    if not ctx.tag_spans:
        return deco.apply(nodes, ctx)
    if variable in _AFFIXED:
        return tag(deco.apply(nodes, ctx), variable)
    return deco.apply(tag(nodes, variable), ctx)


class TextMacro(Element):
    def __init__(self, el: Any, style: Style) -> None:
        self.name = el.get("macro")
        self.deco = Deco.of(el)
        self.style = style

    def render(self, ctx: Ctx) -> list[Node]:
        macro = self.style.macro(self.name)
        prefix = ctx.brace(self.deco.prefix)
        nodes = macro.render(ctx)
        return with_affixes(self.deco, prefix, ctx.brace(self.deco.suffix)).apply(nodes, ctx)


class TextTerm(Element):
    def __init__(self, el: Any, style: Style) -> None:
        self.term = el.get("term")
        self.form = el.get("form", "long")
        self.plural = el.get("plural") == "true"
        self.deco = Deco.of(el)
        self.deco.on_term = True

    def render(self, ctx: Ctx) -> list[Node]:
        text = ctx.locale.term(self.term, self.form, self.plural)
        if not text:
            return []
        if ctx.capitalize_term and not ctx.printed:
            text = text[:1].upper() + text[1:]
        ctx.capitalize_term = False
        return upright_unless_roman(self.deco, text).apply([Text(narrow_spaces(text))], ctx)


class TextValue(Element):
    def __init__(self, el: Any, style: Style) -> None:
        self.value = el.get("value", "")
        self.deco = Deco.of(el)

    def render(self, ctx: Ctx) -> list[Node]:
        if not self.value:
            return []
        deco = upright_unless_roman(self.deco, self.value)
        return deco.apply([_fixed(node) for node in parse_markup(narrow_spaces(self.value))], ctx)


def _fixed(node: Node) -> Node:
    """A ``<text value>``'s text, its punctuation kept out of quotes (citeproc-js)."""
    if isinstance(node, Text):
        return Text(node.text, node.nocase, node.data, fixed=True)
    if isinstance(node, Span):
        return Span([_fixed(child) for child in node.children], node.formats, node.display)
    return node


def compile_text(el: Any, style: Style) -> Element:
    if el.get("variable") is not None:
        return TextVariable(el, style)
    if el.get("macro") is not None:
        return TextMacro(el, style)
    if el.get("term") is not None:
        return TextTerm(el, style)
    return TextValue(el, style)


class NumberEl(Element):
    def __init__(self, el: Any, style: Style) -> None:
        self.variable = el.get("variable")
        self.form = el.get("form", "numeric")
        self.deco = Deco.of(el)
        self.style = style

    def render(self, ctx: Ctx) -> list[Node]:
        value = ctx.value(self.variable)
        if value is None:
            return []
        if self.variable == "page":
            value = format_page_range(value, self.style.page_range_format, ctx.locale)
        elif is_numeric(value):
            value = self._format(value, ctx.locale)
        return _tagged(
            self.variable, self.deco, lift_superscripts(data_nodes(self.variable, value)), ctx
        )

    def _format(self, value: str, locale: Locale) -> str:
        pieces = _NUMBER_SPLIT.split(value.strip())
        out: list[str] = []
        for index, piece in enumerate(pieces):
            if index % 2:
                sep = piece.strip()
                dash = number_range_delimiter(self.variable, locale)
                out.append({"-": dash, "–": dash, ",": ", ", "&": " & ", "and": " and "}[sep])
            elif piece.isdigit() and self.form != "numeric" and not piece.startswith("0"):
                out.append(self._one(int(piece), locale))
            else:
                out.append(piece)
        return "".join(out)

    def _one(self, number: int, locale: Locale) -> str:
        if self.form == "ordinal":
            return locale.ordinal(number, gender=locale.gender(self.variable))
        if self.form == "long-ordinal":
            return locale.ordinal(number, long=True, gender=locale.gender(self.variable))
        if self.form == "roman":
            return roman(number)
        return str(number)


class LabelEl(Element):
    def __init__(self, el: Any, style: Style) -> None:
        self.variable = el.get("variable")
        self.form = el.get("form", "long")
        self.plural = el.get("plural", "contextual")
        self.deco = Deco.of(el)
        self.deco.on_term = True

    def render(self, ctx: Ctx) -> list[Node]:
        if self.variable == "locator":
            value = ctx.locator
            term_name = ctx.label or "page"
        else:
            value = ctx._lookup(self.variable, "long")
            term_name = self.variable
        if not value:
            return []
        if self.plural == "always":
            plural = True
        elif self.plural == "never":
            plural = False
        elif self.variable == "number-of-pages" or self.variable == "number-of-volumes":
            plural = value.strip() != "1"
        elif self.variable == "page":
            plural = "\\-" not in value and page_plural(value)
        elif self.variable == "locator":
            plural = "\\-" not in value and is_multiple(value, ctx.locale)
        else:
            plural = is_plural(value)
        text = ctx.locale.term(term_name, self.form, plural)
        if not text:
            return []
        nodes = self.deco.apply([Text(text)], ctx)
        return tag(nodes, self.variable) if ctx.tag_spans else nodes
