"""A CSL 1.0.2 processor: compiles a style once, then renders items to formatted-text trees.

The style's XML is compiled into small renderer objects (one per element) so that rendering an
item is a walk over Python objects, not over XML. Behaviour follows citeproc-js where the
specification leaves room (punctuation, name particles, disambiguation order).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lxml import etree

from als_refs.styles.context import (
    NAME_VARIABLES,
    Ctx,
    Element,
    Item,
    ItemState,
    Seq,
    date_parts_of,
    join,
)
from als_refs.styles.deco import (
    Deco,
    _braced,
    data_nodes,
    narrow_spaces,
)
from als_refs.styles.locale import NS, Locale, build_locale
from als_refs.styles.nameparts import (
    _ROMANESQUE_START,
    _apostrophe,
    _is_cjk,
    _particle_join,
    _written_et_al,
    initialize_given,
    name_parts,
    normalize_initials,
)
from als_refs.styles.numbers import (
    is_numeric,
)
from als_refs.styles.richtext import (
    Node,
    Span,
    Text,
    is_empty,
    lift_superscripts,
    parse_markup,
    plain,
    tag,
)
from als_refs.styles.sortkeys import SortKey, _date_sort_text
from als_refs.styles.text import LabelEl, NumberEl, TextTerm, compile_text

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


# ------------------------------------------------------------------ names


@dataclass(slots=True)
class NameOpts:
    and_: str | None = None
    delimiter: str = ", "
    delimiter_precedes_et_al: str = "contextual"
    delimiter_precedes_last: str = "contextual"
    et_al_min: int = 0
    et_al_use_first: int = 0
    et_al_use_last: bool = False
    et_al_subsequent_min: int = 0
    et_al_subsequent_use_first: int = 0
    form: str = "long"
    initialize: bool = True
    initialize_with: str | None = None
    name_as_sort_order: str | None = None
    sort_separator: str = ", "
    et_al_none: bool = False


def name_opts(attrs: dict[str, str]) -> NameOpts:
    opts = NameOpts()
    opts.and_ = attrs.get("and")
    opts.delimiter = attrs.get("delimiter", attrs.get("name-delimiter", ", "))
    opts.delimiter_precedes_et_al = attrs.get("delimiter-precedes-et-al", "contextual")
    opts.delimiter_precedes_last = attrs.get("delimiter-precedes-last", "contextual")
    opts.et_al_min = int(attrs.get("et-al-min", 0))
    opts.et_al_use_first = int(attrs.get("et-al-use-first", 0))
    opts.et_al_none = attrs.get("et-al-use-first") == "0"
    opts.et_al_use_last = attrs.get("et-al-use-last") == "true"
    opts.et_al_subsequent_min = int(attrs.get("et-al-subsequent-min", opts.et_al_min))
    opts.et_al_subsequent_use_first = int(
        attrs.get("et-al-subsequent-use-first", opts.et_al_use_first)
    )
    opts.form = attrs.get("form", attrs.get("name-form", "long"))
    opts.initialize = attrs.get("initialize", "true") != "false"
    opts.initialize_with = attrs.get("initialize-with")
    opts.name_as_sort_order = attrs.get("name-as-sort-order")
    opts.sort_separator = attrs.get("sort-separator", ", ")
    return opts


@dataclass(slots=True)
class NamePart:
    deco: Deco


class NameEl:
    """``cs:name``: how each name and the list of names is written."""

    def __init__(self, el: Any | None, inherited: dict[str, str], style: Style) -> None:
        attrs = dict(inherited)
        self.deco = Deco()
        self.parts: dict[str, Deco] = {}
        if el is not None:
            attrs.update(el.attrib)
            self.deco = Deco.of(el)
            for part in el.findall(NS + "name-part"):
                self.parts[part.get("name")] = Deco.of(part)
        self.opts = name_opts(attrs)
        self.style = style


def render_name(name: Item, el: NameEl, ctx: Ctx, index: int, expand: int) -> list[Node]:
    """One name. ``expand``: 1 = add initials, 2 = add full given name (disambiguation)."""
    literal = name.get("literal")
    if literal:
        nodes = data_nodes("literal", _apostrophe(str(literal)))
        deco = el.parts.get("family")
        if deco is None:
            return nodes
        plain_deco = Deco("", "", deco.formats, deco.quotes, deco.text_case, deco.strip_periods)
        return plain_deco.apply(nodes, ctx)
    family, given, ndp, dp, suffix, comma = name_parts(name)
    opts = el.opts
    if suffix and opts.initialize_with is not None:
        suffix = normalize_initials(suffix, opts.initialize_with)
    family, given, suffix = narrow_spaces(family), narrow_spaces(given), narrow_spaces(suffix)
    if not family:
        return _part(el, "given", given, ctx) if given else []
    if _is_cjk(family) and (not given or _is_cjk(given)):
        if opts.form == "short" and not expand:
            return _part(el, "family", family, ctx)
        return [*_part(el, "family", family, ctx), *_part(el, "given", given, ctx)]
    style = el.style
    demote = style.demote_particle
    if ctx.sorting and opts.form == "short":
        return [
            Text(
                family
                if demote in ("sort-only", "display-and-sort")
                else _particle_join(ndp, family)
            )
        ]
    if ctx.sorting:
        # citeproc-js sorts on names as the macro writes them (initials and all), inverted.
        if given and opts.initialize_with is not None:
            given = initialize_given(
                given, opts.initialize_with, opts.initialize, style.initialize_with_hyphen
            )
        if demote in ("sort-only", "display-and-sort"):
            return [Text(" ".join(p for p in (family, dp, ndp, given, suffix) if p))]
        return [Text(" ".join(p for p in (_particle_join(ndp, family), dp, given, suffix) if p))]
    if opts.form == "short" and not expand:
        return _joined(
            [_part(el, "family", ndp, ctx), _part(el, "family", family, ctx)], [ndp, family]
        )
    if given and opts.initialize_with is not None and expand != 2:
        given = initialize_given(
            given, opts.initialize_with, opts.initialize, style.initialize_with_hyphen
        )
    inverted = opts.name_as_sort_order == "all" or (
        opts.name_as_sort_order == "first" and index == 0
    )
    sep = opts.sort_separator
    if inverted:
        if demote == "display-and-sort":
            family_group = _group(el, "family", [("family", family)], ctx)
            given_group = _group(
                el, "given", [("given", given), ("given", dp), ("family", ndp)], ctx
            )
        else:
            family_group = _group(el, "family", [("family", ndp), ("family", family)], ctx)
            given_group = _group(el, "given", [("given", given), ("given", dp)], ctx)
        out = family_group
        if given_group:
            out = [*out, Text(sep), *given_group]
        if suffix:
            out = [*out, Text(sep + suffix)]
        return out
    given_group = _group(el, "given", [("given", given)], ctx)
    family_parts = [("given", dp), ("family", ndp), ("family", family)]
    if suffix:
        family_parts.append(("suffix", (", " if comma else "") + suffix))
    family_group = _group(el, "family", family_parts, ctx)
    if given_group and family_group:
        if plain(given_group)[-1:].isspace():  # a name-part suffix such as "&#160;"
            return [*given_group, *family_group]
        return [*given_group, Text(" "), *family_group]
    return given_group or family_group


def _group(el: NameEl, kind: str, parts: list[tuple[str, str]], ctx: Ctx) -> list[Node]:
    """Name parts each formatted by their name-part, the group wrapped in ``kind``'s affixes:
    "[Jean de] (La Fontaine)" (citeproc-js)."""
    pieces: list[list[Node]] = [
        _part(el, part, text, ctx) if part != "suffix" else [Text(text)] for part, text in parts
    ]
    texts = [text for _, text in parts]
    nodes = _joined(pieces, texts)
    deco = el.parts.get(kind)
    if nodes and deco is not None and (deco.prefix or deco.suffix):
        nodes = [Text(deco.prefix), *nodes, Text(deco.suffix)]
    return nodes


def _part(el: NameEl, kind: str, text: str, ctx: Ctx) -> list[Node]:
    """One name part with its name-part's formatting and text-case (affixes go on groups)."""
    if not text:
        return []
    # Inline markup in a name ("Center <sup>for</sup> History") is honoured as in other fields;
    # a given name's leading space (" a.": citeproc-js's initials) is printed, not merged.
    nodes: list[Node] = (
        parse_markup(text) if "<" in text else [Text(text, data=text.startswith(" "))]
    )
    deco = el.parts.get(kind)
    if deco is None:
        return nodes
    return Deco("", "", deco.formats, deco.quotes, deco.text_case, deco.strip_periods).apply(
        nodes, ctx
    )


def _joined(parts: list[list[Node]], texts: list[str]) -> list[Node]:
    out: list[Node] = []
    glue_next = True
    for nodes, text in zip(parts, texts, strict=True):
        if not nodes:
            continue
        if out and not glue_next and not text.startswith(","):
            out.append(Text(" "))
        out.extend(nodes)
        glue_next = text.endswith(("'", "’", "-", " "))
    return out


_NAME_PARTS = ("non-dropping-particle", "family", "given", "dropping-particle", "suffix", "literal")


class NamesEl(Element):
    def __init__(self, el: Any, style: Style, inherited: dict[str, str]) -> None:
        self.variables = el.get("variable", "").split()
        self.deco = Deco.of(el)
        self.delimiter = el.get("delimiter", inherited.get("names-delimiter", ""))
        self.style = style
        self.inherited = inherited
        name_el = el.find(NS + "name")
        self.has_own_name = name_el is not None
        self.has_own_children = False
        self.name = NameEl(name_el, inherited, style)
        self.et_al: Deco | None = None
        self.et_al_term = "et-al"
        self.label: Deco | None = None
        self.label_form = "long"
        self.label_plural = "contextual"
        self.label_first = False
        self.substitute: list[Element] = []
        for child in el:
            tag = child.tag
            if tag == NS + "name":
                self.has_own_children = True
            elif tag == NS + "et-al":
                self.et_al = Deco.of(child)
                self.et_al.on_term = True
                self.et_al_term = child.get("term", "et-al")
                self.has_own_children = True
            elif tag == NS + "label":
                self.label = Deco.of(child)
                self.label.on_term = True
                self.label_form = child.get("form", "long")
                self.label_plural = child.get("plural", "contextual")
                self.label_first = name_el is not None and name_el.getparent().index(
                    name_el
                ) > el.index(child)
                self.has_own_children = True
            elif tag == NS + "substitute":
                self.substitute = [style.compile(c, inherited) for c in child]

    def inherit_from(self, parent: NamesEl) -> NamesEl:
        """A ``<names variable="editor"/>`` inside ``<substitute>`` takes its parent's children."""
        if self.has_own_children:
            return self
        clone = object.__new__(NamesEl)
        clone.__dict__.update(parent.__dict__)
        clone.variables = self.variables
        clone.deco = self.deco if (self.deco.prefix or self.deco.suffix) else parent.deco
        clone.substitute = []
        return clone

    def render(self, ctx: Ctx) -> list[Node]:
        if ctx.mode == "bibliography" and ctx.sas is not None and ctx.names_key is None:
            return self._render_substituting(ctx)
        first = ctx.mode == "citation" and ctx.first_names is None and ctx.names_parent is None
        if first:
            ctx.first_names = ""
        if ctx.names_parent is not None and not self.has_own_children:
            out = self.inherit_from(ctx.names_parent).render_own(ctx)
        else:
            out = self.render_own(ctx)
        if first:
            # Cites collapse under one author only when real names were printed (citeproc-js).
            ctx.first_names = "" if ctx.names_substituted_by_text else plain(out)
            if ctx.suppress_first_names:
                return []
        return out

    def _render_substituting(self, ctx: Ctx) -> list[Node]:
        """subsequent-author-substitute: the first names of an entry, replaced by the style's
        string when they are the same names as the previous entry's."""
        ctx.names_key = ""
        ctx.names_text = []
        suppressed = set(ctx.suppressed)
        if ctx.names_parent is not None and not self.has_own_children:
            out = self.inherit_from(ctx.names_parent).render_own(ctx)
        else:
            out = self.render_own(ctx)
        key = ",".join(ctx.names_text) if ctx.names_text else plain(out)
        ctx.names_text = None
        if ctx.sas_blocked:
            # citeproc-js neither substitutes nor remembers what a <substitute> gives after a
            # <names> with its own <name> (MLA's editors and titles, after "guest").
            ctx.names_key = ""
            return out
        ctx.names_key = key
        if out and key and key == ctx.sas_previous:
            if not ctx.names_substituted_by_text and self.label is not None:
                # Only the names give way; a role label stays: "--- ed." (citeproc-js).
                ctx.sas_active = True
                ctx.suppressed = suppressed
                again = self.render_own(ctx)
                ctx.sas_active = False
                return again
            return [Text(ctx.sas)] if ctx.sas else []
        return out

    def render_own(self, ctx: Ctx) -> list[Node]:
        output = self._render_variables(ctx)
        if output:
            return self.deco.apply(output, ctx)
        for index, element in enumerate(self.substitute):
            tracking = ctx.tracking
            parent = ctx.names_parent
            ctx.tracking = [*(tracking or []), set()]
            ctx.names_parent = self
            ctx.sas_blocked = ctx.sas_blocked or any(
                isinstance(e, NamesEl) and e.has_own_name for e in self.substitute[:index]
            )
            out = element.render(ctx)
            used = ctx.tracking[-1]
            ctx.tracking = tracking
            ctx.names_parent = parent
            if out:
                ctx.suppressed.update(used)
                if tracking is not None:
                    tracking[-1].update(used)
                if not used & NAME_VARIABLES:
                    ctx.names_substituted_by_text = True
                return out
            if isinstance(element, TextTerm):
                return []  # a term substitutes even when the locale leaves it empty (citeproc-js)
        return []

    def _render_variables(self, ctx: Ctx) -> list[Node]:
        parts: list[list[Node]] = []
        variables = self.variables
        if (
            "editor" in variables
            and "translator" in variables
            and ctx.item.get("editor")
            and ctx.item.get("editor") == ctx.item.get("translator")
            and ctx.locale.term("editortranslator")
        ):
            variables = [v for v in variables if v != "translator"]
            variables[variables.index("editor")] = "editortranslator"
        for variable in variables:
            ctx.called += 1
            ctx.attempted = True
            source = "editor" if variable == "editortranslator" else variable
            names = ctx.item.get(source) if source not in ctx.suppressed else None
            if not names:
                continue
            ctx.rendered += 1
            ctx.printed = True
            if ctx.tracking is not None:
                # Inside a substitute a name variable is used once (citeproc-js).
                ctx.tracking[-1].add(source)
                ctx.suppressed.add(source)
                if variable == "editortranslator":
                    ctx.tracking[-1].add("translator")
            parts.append(self._render_list(variable, names, ctx))
        if self.name.opts.form == "count":
            total = sum(int(plain(part)) for part in parts)
            return [Text(str(total))] if total else []
        return join(parts, self.delimiter)

    def _render_list(self, variable: str, names: list[Item], ctx: Ctx) -> list[Node]:
        el = self.name
        opts = el.opts
        count = len(names)
        et_min, use_first = opts.et_al_min, opts.et_al_use_first
        if ctx.position != "first" and ctx.mode == "citation":
            et_min, use_first = opts.et_al_subsequent_min, opts.et_al_subsequent_use_first
        if ctx.sorting and ctx.names_min is not None:
            et_min = ctx.names_min
        if ctx.sorting and ctx.names_use_first is not None:
            use_first = ctx.names_use_first
        if opts.et_al_none and et_min and count >= et_min and not ctx.sorting:
            return []  # et-al-use-first="0": no names at all (citeproc-js)
        truncated = bool(et_min and use_first and count >= et_min and use_first < count)
        shown_count = use_first if truncated else count
        written = _written_et_al(names) if not ctx.sorting and not truncated else None
        if written is not None:
            # "L. et al." in a given name: citeproc-js ends the whole list with its et al.
            # ("… Last" under et-al-use-last, nothing more for a single name).
            names = written
            single = opts.et_al_use_last and len(names) == 1
            truncated = not single
            shown_count = len(names) - 1 if opts.et_al_use_last and not single else len(names)
            count = len(names) + 1 if opts.et_al_use_last else len(names)
        if (
            ctx.state.extra_names
            and truncated
            and not ctx.sorting
            and (ctx.mode == "citation" or ctx.style.bib_names_follow_citation)
        ):
            shown_count = min(count, shown_count + ctx.state.extra_names)
            truncated = shown_count < count
        if opts.form == "count":
            return [Text(str(shown_count))]
        shown = names[:shown_count]
        if ctx.sorting and ctx.names_use_last and truncated and count > shown_count + 1:
            shown = [*shown, names[-1]]  # names-use-last="true" on a sort key
        state = ctx.state
        if ctx.name_log is not None and not ctx.sorting:
            ctx.name_log += [(i, n, opts.form, opts.initialize_with) for i, n in enumerate(shown)]
        if ctx.mode == "citation" and not ctx.sorting:
            rendered = [
                render_name(n, el, ctx, i, max(state.expand_given, state.expand.get(i, 0)))
                for i, n in enumerate(shown)
            ]
        else:
            rendered = [render_name(n, el, ctx, i, 0) for i, n in enumerate(shown)]
        body = self._join_names(rendered, shown, truncated, count, names, ctx)
        if ctx.names_text is not None:
            # citeproc-js compares the parts of the names shown, whatever the role or "et al."
            ctx.names_text.extend("".join(str(n.get(p) or "") for p in _NAME_PARTS) for n in shown)
        if ctx.sas_active:
            body = [Text(ctx.sas or "")]
        body = el.deco.apply(body, ctx)
        if self.label is not None and not ctx.sorting:
            plural = {"always": True, "never": False}.get(self.label_plural, len(names) > 1)
            term = ctx.locale.term(variable, self.label_form, plural=plural)
            if term:
                label = self.label.apply([Text(term)], ctx)
                body = [*label, *body] if self.label_first else [*body, *label]
        return tag(body, variable) if ctx.tag_spans else body

    def _join_names(
        self,
        rendered: list[list[Node]],
        shown: list[Item],
        truncated: bool,
        count: int,
        names: list[Item],
        ctx: Ctx,
    ) -> list[Node]:
        opts = self.name.opts
        delimiter = opts.delimiter
        inverted_last = opts.name_as_sort_order == "all" or (
            opts.name_as_sort_order == "first" and len(shown) == 1
        )
        if truncated:
            if opts.et_al_use_last and count >= len(shown) + 2:
                last = render_name(names[-1], self.name, ctx, count - 1, 0)
                return [*join(rendered, delimiter), Text(delimiter + "… "), *last]
            term = ctx.locale.term(self.et_al_term) if not ctx.sorting else None
            body = join(rendered, delimiter)
            if not term:
                return body
            rule = opts.delimiter_precedes_et_al
            use_delim = (
                rule == "always"
                or (rule == "contextual" and len(shown) > 1)
                or (rule == "after-inverted-name" and inverted_last)
            )
            et_al: list[Node] = [Text(term)]
            if self.et_al is not None:
                et_al = self.et_al.apply(et_al, ctx)
            space = " " if _ROMANESQUE_START.match(term) else ""
            return [*body, Text(delimiter if use_delim else space), *et_al]
        if len(rendered) == 1:
            return rendered[0]
        and_text = None
        if opts.and_ == "text":
            and_text = ctx.locale.term("and")
        elif opts.and_ == "symbol":
            and_text = "&"
        if not and_text or ctx.sorting:
            return join(rendered, delimiter)
        rule = opts.delimiter_precedes_last
        second_last_inverted = not shown[-2].get("literal") and (
            opts.name_as_sort_order == "all"
            or (opts.name_as_sort_order == "first" and len(rendered) == 2)
        )
        use_delim = (
            rule == "always"
            or (rule == "contextual" and len(rendered) > 2)
            or (rule == "after-inverted-name" and second_last_inverted)
        )
        if shown[-1].get("literal"):
            # citeproc-js joins a last institution "contextually" whatever the rule: "Org One
            # and Org Two", "Doe, Jane and Org Two", but "Org One, and Jane Doe".
            use_delim = len(rendered) > 2
        head = join(rendered[:-1], delimiter)
        if not _ROMANESQUE_START.match(and_text):
            # "與", Hebrew "ו": no spaces around the word (citeproc-js)
            return [*head, Text((delimiter if rule == "always" else "") + and_text), *rendered[-1]]
        glue = (delimiter if use_delim else " ") + and_text + " "
        if use_delim and delimiter.endswith(" ") is False:
            glue = delimiter + " " + and_text + " "
        return [*head, Text(glue), *rendered[-1]]


# ------------------------------------------------------------------ dates


@dataclass(slots=True)
class DatePartSpec:
    name: str
    form: str
    deco: Deco
    range_delimiter: str


def _date_part_spec(el: Any, base: DatePartSpec | None = None) -> DatePartSpec:
    name = el.get("name")
    default_form = {"year": "long", "month": "long", "day": "numeric"}.get(name, "long")
    if base is None:
        return DatePartSpec(
            name, el.get("form", default_form), Deco.of(el), el.get("range-delimiter", "–")
        )
    deco = Deco.of(el)
    merged = Deco(
        prefix=base.deco.prefix,
        suffix=base.deco.suffix,
        formats=deco.formats or base.deco.formats,
        quotes=base.deco.quotes,
        text_case=deco.text_case or base.deco.text_case,
        strip_periods=deco.strip_periods or base.deco.strip_periods,
    )
    return DatePartSpec(
        name, el.get("form", base.form), merged, el.get("range-delimiter", base.range_delimiter)
    )


class DateEl(Element):
    def __init__(self, el: Any, style: Style) -> None:
        self.variable = el.get("variable")
        self.form = el.get("form")
        self.deco = Deco.of(el)
        self.delimiter = el.get("delimiter", "")
        self.show = el.get("date-parts", "year-month-day")
        self.overrides = {p.get("name"): p for p in el.findall(NS + "date-part")}
        self.style = style
        self._cache: dict[str, tuple[list[DatePartSpec], str, Deco]] = {}

    def _specs(self, locale: Locale) -> tuple[list[DatePartSpec], str, Deco]:
        key = locale.lang
        if key in self._cache:
            return self._cache[key]
        if self.form:
            local = locale.dates.get(self.form)
            specs: list[DatePartSpec] = []
            delimiter = ""
            outer = Deco()
            if local is not None:
                delimiter = local.get("delimiter", "")
                wanted = {"year": ("year",), "year-month": ("year", "month")}.get(
                    self.show, ("year", "month", "day")
                )
                for part in local.findall(NS + "date-part"):
                    if part.get("name") not in wanted:
                        continue
                    spec = _date_part_spec(part)
                    override = self.overrides.get(spec.name)
                    if override is not None:
                        spec = _date_part_spec(override, spec)
                    specs.append(spec)
                outer = Deco(formats=Deco.of(local).formats)
            result = (specs, delimiter, outer)
        else:
            specs = [_date_part_spec(p) for p in self.overrides.values()]
            result = (specs, self.delimiter, Deco())
        self._cache[key] = result
        return result

    def render(self, ctx: Ctx) -> list[Node]:
        ctx.called += 1
        if self.variable in ctx.suppressed:
            return []
        value = ctx.item.get(self.variable)
        if not value:
            return []
        specs, delimiter, outer = self._specs(ctx.locale)
        parts = date_parts_of(value)
        if parts is None:
            literal = value.get("literal") or value.get("raw") if isinstance(value, dict) else None
            if not literal:
                return []
            ctx.rendered += 1
            return self.deco.apply(
                [Text(str(literal), var=self.variable if ctx.tag_spans else "")], ctx
            )
        if ctx.sorting:
            # citeproc-js sorts a date inside a macro key by its value, not by its printed form.
            ctx.rendered += 1
            shown = {spec.name for spec in self._specs(ctx.locale)[0]}
            key = " ".join(_date_sort_text(part, shown) for part in parts[:2])
            ctx.sort_dates.append(key)
            return [Text(key)]
        season = value.get("season") if isinstance(value, dict) else None
        first = parts[0]
        if len(parts) > 1 and parts[1] and not parts[1][0]:
            # An open range ([[1987], [0]]): "1987–".
            start = self._single(specs, first, delimiter, ctx, season)
            body = [*start, Text("–")] if not is_empty(start) else []
        elif len(parts) > 1 and parts[1] != first:
            body = self._range(specs, first, parts[1], delimiter, ctx)
        else:
            body = self._single(specs, first, delimiter, ctx, season)
        if is_empty(body):
            return []  # a date without the parts asked for counts as empty (citeproc-js)
        ctx.rendered += 1
        ctx.printed = True
        if ctx.tracking is not None:
            ctx.tracking[-1].add(self.variable)
        if outer.formats:
            body = [Span(body, outer.formats)]
        if ctx.tag_spans:
            body = tag(body, self.variable)
        return self.deco.apply(body, ctx)

    def _part(
        self, spec: DatePartSpec, date: list[int], ctx: Ctx, season: Any = None
    ) -> str | None:
        locale = ctx.locale
        if spec.name == "year":
            year = date[0]
            text = f"{abs(year) % 100:02d}" if spec.form == "short" else str(abs(year))
            if ctx.no_era:
                pass
            elif year < 0:
                text += locale.term("bc") or "BC"
            elif 0 < year < 500:  # citeproc-js's threshold for "AD"
                text += locale.term("ad") or "AD"
            if (
                ctx.state.year_suffix
                and self.variable == "issued"
                and not ctx.year_suffix_done
                and not self.style.uses_year_suffix
                and not ctx.sorting
            ):
                text += ctx.state.year_suffix
                ctx.year_suffix_done = True
            return text
        if spec.name == "month":
            month = date[1] if len(date) > 1 else 0
            if not month and season:
                try:
                    month = 12 + int(season)
                except (TypeError, ValueError):
                    return str(season)
            if not month:
                return None
            if 13 <= month <= 24:  # seasons (21-24 in CSL-JSON, 13-16 in older data)
                return locale.term(f"season-{(month - 13) % 4 + 1:02d}") or None
            if not 1 <= month <= 12:
                return None
            if spec.form == "numeric":
                return str(month)
            if spec.form == "numeric-leading-zeros":
                return f"{month:02d}"
            return locale.term(f"month-{month:02d}", "short" if spec.form == "short" else "long")
        if spec.name == "day":
            day = date[2] if len(date) > 2 else 0
            if not day:
                return None
            if spec.form == "numeric-leading-zeros":
                return f"{day:02d}"
            if spec.form == "ordinal":
                if locale.limit_day_ordinals_to_day_1 and day != 1:
                    return str(day)
                month = date[1] if len(date) > 1 else 0
                return locale.ordinal(day, gender=locale.gender(f"month-{month:02d}"))
            return str(day)
        return None

    def _render_part(
        self,
        spec: DatePartSpec,
        date: list[int],
        ctx: Ctx,
        season: Any = None,
        drop_prefix: bool = False,
        drop_suffix: bool = False,
    ) -> list[Node]:
        text = self._part(spec, date, ctx, season)
        if not text:
            return []
        deco = spec.deco
        if drop_prefix or drop_suffix:
            deco = Deco(
                prefix="" if drop_prefix else deco.prefix,
                suffix="" if drop_suffix else deco.suffix,
                formats=deco.formats,
                text_case=deco.text_case,
                strip_periods=deco.strip_periods,
            )
        nodes: list[Node] = [Text(text)]
        return deco.apply(lift_superscripts(nodes) if spec.name == "day" else nodes, ctx)

    def _single(
        self,
        specs: list[DatePartSpec],
        date: list[int],
        delimiter: str,
        ctx: Ctx,
        season: Any = None,
    ) -> list[Node]:
        parts = [self._render_part(s, date, ctx, season) for s in specs]
        return join(parts, delimiter)

    def _range(
        self, specs: list[DatePartSpec], start: list[int], end: list[int], delimiter: str, ctx: Ctx
    ) -> list[Node]:
        rank = {"year": 0, "month": 1, "day": 2}
        differs = 3
        for index in range(3):
            a = start[index] if index < len(start) else 0
            b = end[index] if index < len(end) else 0
            if a != b:
                differs = index
                break
        if differs == 3:
            return self._single(specs, start, delimiter, ctx)
        varying = [i for i, s in enumerate(specs) if rank.get(s.name, 0) >= differs]
        if not varying:
            return self._single(specs, start, delimiter, ctx)
        lo, hi = min(varying), max(varying)
        if differs == 0:
            lo, hi = 0, len(specs) - 1
        # The year suffix goes after the range's end: "1984–1986a" (citeproc-js).
        suffix_done = ctx.year_suffix_done
        ctx.year_suffix_done = True
        shown = [i for i in range(lo, hi + 1) if self._part(specs[i], start, ctx)]
        ctx.year_suffix_done = suffix_done
        if shown:
            lo, hi = shown[0], shown[-1]
        range_delim = next((s.range_delimiter for s in specs if rank.get(s.name) == differs), "–")
        before = [self._render_part(s, start, ctx) for s in specs[:lo]]
        ctx.no_era = _era(start[0]) == _era(end[0]) != ""
        suffix_done = ctx.year_suffix_done
        ctx.year_suffix_done = True
        first = [
            self._render_part(s, start, ctx, drop_suffix=(i == hi))
            for i, s in enumerate(specs)
            if lo <= i <= hi
        ]
        ctx.year_suffix_done = suffix_done
        ctx.no_era = False
        second = [
            self._render_part(s, end, ctx, drop_prefix=(i == lo))
            for i, s in enumerate(specs)
            if lo <= i <= hi
        ]
        after = [self._render_part(s, start, ctx) for s in specs[hi + 1 :]]
        if all(is_empty(p) for p in first) and all(is_empty(p) for p in second):
            # Neither end has the parts asked for ("2002–2008" in a month-day date): nothing.
            return join([*before, *after], delimiter)
        middle = [*join(first, delimiter), Text(range_delim), *join(second, delimiter)]
        return join([*before, middle, *after], delimiter)


# ------------------------------------------------------------------ group, choose


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
        deco = _braced(self.deco, prefix, ctx.brace(self.deco.suffix))
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


Test = Callable[[Ctx], bool]
# Looking these up marks the year suffix as printed, so their tests are never skipped.
_LOOKUP_EFFECTS = ("year-suffix", "citation-label")


class ChooseEl(Element):
    def __init__(self, el: Any, style: Style, inherited: dict[str, str]) -> None:
        self.branches: list[tuple[list[Test], str, Seq, bool]] = []
        for branch in el:
            if not isinstance(branch.tag, str):
                continue
            body = Seq([style.compile(c, inherited) for c in branch])
            if branch.tag == NS + "else":
                self.branches.append(([], "all", body, False))
            else:
                tested = f"{branch.get('variable', '')} {branch.get('is-numeric', '')}".split()
                # Counting the disambiguate tests a render meets needs every one evaluated.
                eager = branch.get("disambiguate") is not None or any(
                    name in _LOOKUP_EFFECTS for name in tested
                )
                self.branches.append((_tests(branch), branch.get("match", "all"), body, eager))

    def render(self, ctx: Ctx) -> list[Node]:
        return join(self.parts(ctx), "")

    def parts(self, ctx: Ctx) -> list[list[Node]]:
        for tests, match, body, eager in self.branches:
            if not tests or _matches(tests, match, ctx, eager):
                return body.parts(ctx)
        return []


def _matches(tests: list[Test], match: str, ctx: Ctx, eager: bool = False) -> bool:
    """The branch's condition; stops at the first deciding test unless a test has effects."""
    if eager:
        results = [test(ctx) for test in tests]
        return (
            not any(results)
            if match == "none"
            else any(results)
            if match == "any"
            else all(results)
        )
    deciding = match != "all"  # a true test decides "any" and "none", a false one "all"
    for test in tests:
        if test(ctx) == deciding:
            return match == "any"
    return match != "any"


def _tests(el: Any) -> list[Test]:
    """One predicate per tested value, in the order the attributes list them."""
    tests: list[Test] = []
    get = el.get
    for value in (get("type") or "").split():
        tests.append(_type_test(value))
    for value in (get("variable") or "").split():
        tests.append(functools.partial(Ctx.has, name=value))
    for value in (get("is-numeric") or "").split():
        tests.append(functools.partial(_numeric_var, name=value))
    for value in (get("is-uncertain-date") or "").split():
        tests.append(functools.partial(_uncertain, name=value))
    for value in (get("locator") or "").split():
        tests.append(_locator_test(value))
    for value in (get("position") or "").split():
        tests.append(functools.partial(_position, position=value))
    if get("disambiguate"):
        wanted = get("disambiguate") == "true"
        tests.append(lambda ctx: _disambiguate(ctx) == wanted)
    return tests


def _type_test(wanted: str) -> Test:
    return lambda ctx: ctx.item.get("type") == wanted


def _locator_test(wanted: str) -> Test:
    return lambda ctx: ctx.locator is not None and (ctx.label or "page") == wanted


def _disambiguate(ctx: Ctx) -> bool:
    ctx.disambiguate_seen += 1
    if ctx.disambiguate_held < ctx.state.disambiguate:
        ctx.disambiguate_held += 1
        return True
    return False


def _numeric_var(ctx: Ctx, name: str) -> bool:
    value = ctx._lookup(name, "long")
    return bool(value) and is_numeric(str(value))


def _uncertain(ctx: Ctx, name: str) -> bool:
    value = ctx.item.get(name)
    return isinstance(value, dict) and bool(value.get("circa"))


def _position(ctx: Ctx, position: str) -> bool:
    if ctx.mode == "bibliography":
        return False
    current = ctx.position
    if position == "first":
        return current == "first"
    if position == "subsequent":
        return current != "first"
    if position == "ibid":
        return current in ("ibid", "ibid-with-locator")
    if position == "ibid-with-locator":
        return current == "ibid-with-locator"
    if position == "near-note":
        return current != "first" and ctx.near_note
    return False


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
        deco = _braced(self.deco, prefix, ctx.brace(self.deco.suffix))
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


def _era(year: int) -> str:
    return "bc" if year < 0 else "ad" if 0 < year < 500 else ""


def get_locale(style: Style, lang: str) -> Locale:
    """The style's locale for ``lang``, built once per style object."""
    locale = style.locale_cache.get(lang)
    if locale is None:
        locale = build_locale(lang, style.locales)
        style.locale_cache[lang] = locale
    return locale


__all__ = [
    "Ctx",
    "ItemState",
    "Section",
    "SortKey",
    "Style",
    "get_locale",
    "is_numeric",
    "load_style",
    "parse_style_string",
    "plain",
]
