"""``cs:names`` and ``cs:name``: name lists with et-al, "and", labels, substitutes and
subsequent-author-substitute, and each name written as its name-parts ask."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from als_refs.styles.context import NAME_VARIABLES, Ctx, Element, Item, join
from als_refs.styles.deco import Deco, data_nodes, narrow_spaces
from als_refs.styles.locale import NS
from als_refs.styles.nameparts import (
    ROMANESQUE_START,
    curly_apostrophes,
    initialize_given,
    is_cjk,
    name_parts,
    normalize_initials,
    particle_join,
    written_et_al,
)
from als_refs.styles.richtext import Node, Text, parse_markup, plain, tag
from als_refs.styles.text import TextTerm

if TYPE_CHECKING:
    from als_refs.styles.engine import Style


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
        nodes = data_nodes("literal", curly_apostrophes(str(literal)))
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
    if is_cjk(family) and (not given or is_cjk(given)):
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
                else particle_join(ndp, family)
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
        return [Text(" ".join(p for p in (particle_join(ndp, family), dp, given, suffix) if p))]
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
        filled = ctx.substitute_filled
        if filled and filled[-1]:
            return []
        output = self._render_variables(ctx)
        if output:
            if filled:
                filled[-1] = True
            return self.deco.apply(output, ctx)
        filled.append(False)
        try:
            out = self._substituted(ctx)
        finally:
            filled.pop()
        if out and filled:
            filled[-1] = True
        return out

    def _substituted(self, ctx: Ctx) -> list[Node]:
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
        written = written_et_al(names) if not ctx.sorting and not truncated else None
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
            space = " " if ROMANESQUE_START.match(term) else ""
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
        if not ROMANESQUE_START.match(and_text):
            # "與", Hebrew "ו": no spaces around the word (citeproc-js)
            return [*head, Text((delimiter if rule == "always" else "") + and_text), *rendered[-1]]
        glue = (delimiter if use_delim else " ") + and_text + " "
        if use_delim and delimiter.endswith(" ") is False:
            glue = delimiter + " " + and_text + " "
        return [*head, Text(glue), *rendered[-1]]
