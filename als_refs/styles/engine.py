"""A CSL 1.0.2 processor: compiles a style once, then renders items to formatted-text trees.

The style's XML is compiled into small renderer objects (one per element) so that rendering an
item is a walk over Python objects, not over XML. Behaviour follows citeproc-js where the
specification leaves room (punctuation, name particles, disambiguation order).

This module holds the compiler (``Style``) and the structural elements (group, macro); the
elements and what they render from live beside it: ``context`` (``Ctx``, ``Element``, ``Seq``),
``deco`` (affixes and formatting), ``text`` (text, number, label), ``names`` and ``nameparts``,
``dates``, ``conditions`` (choose), ``numbers`` and ``pages``, ``sortkeys``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lxml import etree

from als_refs.styles.conditions import ChooseEl
from als_refs.styles.context import Ctx, Element, Seq, join
from als_refs.styles.dates import DateEl
from als_refs.styles.deco import Deco, with_affixes
from als_refs.styles.locale import NS, Locale, build_locale
from als_refs.styles.names import NamesEl
from als_refs.styles.richtext import Node, Text, is_empty
from als_refs.styles.sortkeys import SortKey
from als_refs.styles.text import LabelEl, NumberEl, compile_text

INHERITABLE_NAME_ATTRS = [
    "and",
    "delimiter-precedes-et-al",
    "delimiter-precedes-last",
    "et-al-min",
    "et-al-use-first",
    "et-al-use-last",
    "et-al-subsequent-min",
    "et-al-subsequent-use-first",
    "initialize",
    "initialize-with",
    "name-as-sort-order",
    "sort-separator",
    "name-form",
    "name-delimiter",
    "names-delimiter",
]


# ------------------------------------------------------------------ group, macro


class Macro(Seq):
    """A macro's body. In a sort key, a macro with a ``<date>`` of its own gives only its dates:
    citeproc-js drops everything else it prints there ("macro-has-date"), a patent's "Patent
    1234, issued" and a year suffix included."""

    def __init__(self, children: list[Element], has_date: bool) -> None:
        super().__init__(children)
        self.has_date = has_date

    def render(self, ctx: Ctx) -> list[Node]:
        if not (ctx.sorting and self.has_date):
            return super().render(ctx)
        start = len(ctx.sort_dates)
        super().render(ctx)
        dates = ctx.sort_dates[start:]
        return [Text(" ".join(dates))] if dates else []


class GroupEl(Element):
    def __init__(self, el: Any, style: Style, inherited: dict[str, str]) -> None:
        self.children = [style.compile(c, inherited) for c in el]
        self.delimiter = el.get("delimiter", "")
        self.deco = Deco.of(el)

    def render(self, ctx: Ctx) -> list[Node]:
        called, rendered = ctx.called, ctx.rendered
        ctx.called = ctx.rendered = 0
        parts: list[list[Node]] = []
        prefix = ctx.brace(self.deco.prefix)
        for child in self.children:
            parts.extend(child.parts(ctx))
        deco = with_affixes(self.deco, prefix, ctx.brace(self.deco.suffix))
        suppress = ctx.called > 0 and ctx.rendered == 0
        ctx.called += called
        ctx.rendered += rendered
        if suppress:
            return []
        out = join(parts, self.delimiter)
        if is_empty(out):
            return []
        if ctx.called == called:  # no variables inside, yet output: content for the parent
            ctx.rendered += 1
        return deco.apply(out, ctx)


# ------------------------------------------------------------------ style


@dataclass
class Section:
    """``cs:citation`` or ``cs:bibliography``."""

    layout: Seq
    deco: Deco
    delimiter: str
    sort: list[SortKey]
    options: dict[str, str]
    macros: dict[str, Seq]


class Style:
    def __init__(self, root: Any) -> None:
        self.root = root
        attrs = dict(root.attrib)
        self.klass = attrs.get("class", "in-text")
        self.default_locale = attrs.get("default-locale")
        self.page_range_format = attrs.get("page-range-format")
        self.demote_particle = attrs.get("demote-non-dropping-particle", "display-and-sort")
        self.initialize_with_hyphen = attrs.get("initialize-with-hyphen", "true") == "true"
        info = root.find(NS + "info")
        self.title = (info.findtext(NS + "title") if info is not None else None) or ""
        self.id = (info.findtext(NS + "id") if info is not None else None) or ""
        self.locales = root.findall(NS + "locale")
        self.locale_cache: dict[str, Locale] = {}
        self._macro_els = {m.get("name"): m for m in root.findall(NS + "macro")}
        self._macros: dict[str, Seq] = {}
        self._macro_inherited: dict[str, str] = {}
        self.uses_year_suffix = b'variable="year-suffix"' in etree.tostring(root)
        root_inherited = {k: v for k, v in attrs.items() if k in INHERITABLE_NAME_ATTRS}
        self.citation = self._section(root.find(NS + "citation"), root_inherited)
        self.bibliography = self._section(root.find(NS + "bibliography"), root_inherited)
        self.bib_names_follow_citation = self._same_et_al(root_inherited)

    def _same_et_al(self, root_inherited: dict[str, str]) -> bool:
        """citeproc-js shows names added for disambiguation in the bibliography too when the
        bibliography truncates name lists exactly as citations do."""
        if self.citation is None or self.bibliography is None:
            return False
        keys = ("et-al-min", "et-al-use-first")
        cite = {k: self.citation.options.get(k, root_inherited.get(k)) for k in keys}
        bib = {k: self.bibliography.options.get(k, root_inherited.get(k)) for k in keys}
        return cite == bib and cite["et-al-min"] is not None

    def _section(self, el: Any, root_inherited: dict[str, str]) -> Section | None:
        if el is None:
            return None
        inherited = dict(root_inherited)
        inherited.update({k: v for k, v in el.attrib.items() if k in INHERITABLE_NAME_ATTRS})
        layout_el = el.find(NS + "layout")
        self._macro_inherited = inherited
        self._macros = {}
        layout = Seq([self.compile(c, inherited) for c in layout_el])
        macros = self._macros
        sort: list[SortKey] = []
        sort_el = el.find(NS + "sort")
        if sort_el is not None:
            for key in sort_el.findall(NS + "key"):
                sort.append(
                    SortKey(
                        key.get("variable"),
                        key.get("macro"),
                        key.get("sort") == "descending",
                        int(key.get("names-min")) if key.get("names-min") else None,
                        int(key.get("names-use-first")) if key.get("names-use-first") else None,
                        key.get("names-use-last") == "true",
                    )
                )
        for key in sort:
            if key.macro:
                self.macro(key.macro)
        return Section(
            layout,
            Deco.of(layout_el),
            layout_el.get("delimiter", ""),
            sort,
            dict(el.attrib),
            macros,
        )

    def macro(self, name: str) -> Seq:
        compiled = self._macros.get(name)
        if compiled is None:
            el = self._macro_els.get(name)
            compiled = Macro([], el is not None and next(el.iter(NS + "date"), None) is not None)
            self._macros[name] = compiled
            if el is not None:
                compiled.children = [self.compile(c, self._macro_inherited) for c in el]
        return compiled

    def compile(self, el: Any, inherited: dict[str, str]) -> Element:
        tag = el.tag
        if not isinstance(tag, str):
            return Seq([])
        tag = tag[len(NS) :]
        if tag == "text":
            if el.get("macro") is not None:
                self.macro(el.get("macro"))
                return _BoundMacro(el, self, self._macros)
            return compile_text(el, self)
        if tag == "number":
            return NumberEl(el, self)
        if tag == "label":
            return LabelEl(el, self)
        if tag == "names":
            return NamesEl(el, self, inherited)
        if tag == "date":
            return DateEl(el, self)
        if tag == "group":
            return GroupEl(el, self, inherited)
        if tag == "choose":
            return ChooseEl(el, self, inherited)
        return Seq([])


class _BoundMacro(Element):
    """A macro call bound to the macro table of its section (name options differ per section)."""

    def __init__(self, el: Any, style: Style, table: dict[str, Seq]) -> None:
        self.name = el.get("macro")
        self.deco = Deco.of(el)
        self.table = table

    def render(self, ctx: Ctx) -> list[Node]:
        # citeproc-js treats a macro call like a group: all its variables empty, no output.
        called, rendered = ctx.called, ctx.rendered
        ctx.called = ctx.rendered = 0
        prefix = ctx.brace(self.deco.prefix)
        out = self.table[self.name].render(ctx)
        deco = with_affixes(self.deco, prefix, ctx.brace(self.deco.suffix))
        suppress = ctx.called > 0 and ctx.rendered == 0
        if out and ctx.called == 0:
            ctx.rendered += 1  # a macro that prints without variables counts as content
        ctx.called += called
        ctx.rendered += rendered
        if suppress:
            return []
        return deco.apply(out, ctx)


@lru_cache(maxsize=64)
def load_style(path: str) -> Style:
    return Style(etree.parse(path).getroot())


def parse_style_string(xml: str) -> Style:
    return Style(etree.fromstring(xml.encode("utf-8")))


def get_locale(style: Style, lang: str) -> Locale:
    """The style's locale for ``lang``, built once per style object."""
    locale = style.locale_cache.get(lang)
    if locale is None:
        locale = build_locale(lang, style.locales)
        style.locale_cache[lang] = locale
    return locale


__all__ = [
    "Section",
    "Style",
    "get_locale",
    "load_style",
    "parse_style_string",
]
