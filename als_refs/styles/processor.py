"""Bibliographies and citations: registering items, sorting, numbering and disambiguation."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from als_refs.styles.collapsing import YEAR_COLLAPSE, CiteCollapser, collapse_numbers
from als_refs.styles.context import (
    DATE_VARIABLES,
    NAME_VARIABLES,
    NUMBER_VARIABLES,
    Ctx,
    ItemState,
    date_parts_of,
    join,
)
from als_refs.styles.deco import Deco, data_nodes
from als_refs.styles.disambiguation import Disambiguator
from als_refs.styles.engine import Section, Style, get_locale
from als_refs.styles.locale import NS
from als_refs.styles.nameparts import name_parts
from als_refs.styles.notefields import with_note_fields
from als_refs.styles.numbers import is_numeric
from als_refs.styles.richtext import (
    Node,
    QuoteMarks,
    Run,
    Span,
    Text,
    flatten,
    is_empty,
    parse_markup,
    plain,
)
from als_refs.styles.sortkeys import SortKey, _collate

Item = dict[str, Any]


@dataclass(slots=True)
class CiteItem:
    id: str
    locator: str | None = None
    label: str | None = None
    position: str = "first"
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False
    near_note: bool = False
    first_note: int | None = None


@dataclass(slots=True)
class Entry:
    id: str
    runs: list[Run]


class Processor:
    """Formats a fixed list of items (in citation order) with one style and locale."""

    def __init__(self, style: Style, items: Sequence[Item], lang: str | None = None) -> None:
        self.style = style
        self.tag_spans = False
        """Set to tag each run with the variable that produced it (:attr:`Run.var`)."""
        self.lang = lang or style.default_locale or "en-US"
        self.locale = get_locale(style, self.lang)
        term = self.locale.term
        self.marks = QuoteMarks(
            open_outer=term("open-quote") or "“",
            close_outer=term("close-quote") or "”",
            open_inner=term("open-inner-quote") or "‘",
            close_inner=term("close-inner-quote") or "’",
            punctuation_in_quote=self.locale.punctuation_in_quote,
        )
        self.items: dict[str, Item] = {}
        for item in items:
            self.items.setdefault(str(item["id"]), with_note_fields(item))
        self.citation_order = list(self.items)
        self.states = {item_id: ItemState() for item_id in self.items}
        self._sort_suffix = False
        self._sort_cache: dict[tuple[str, int], tuple[tuple[Any, ...], list[Any]]] = {}
        self._sort_reads_number = any(
            b"citation-number" in etree.tostring(m)
            for m in style.root.iter(NS + "macro", NS + "sort")
        )
        self._numeric_citations = _cites_number(style)
        self.numbers = {item_id: n for n, item_id in enumerate(self.citation_order, start=1)}
        self.bib_order = self._bibliography_order()
        Disambiguator(self.style, self.items, self.states, self.citation_order, self._ctx).run(
            self.bib_order
        )
        if any(state.year_suffix for state in self.states.values()):
            # Sort again now that year suffixes exist (a sort macro may print them).
            self._sort_suffix = True
            self.bib_order = self._bibliography_order()

    # ------------------------------------------------------------ order

    def _bibliography_order(self) -> list[str]:
        section = self.style.bibliography
        if section is None or not section.sort:
            return list(self.citation_order)
        order = self._sorted(self.citation_order, section)
        if not any(key.variable == "citation-number" for key in section.sort):
            self.numbers = {item_id: n for n, item_id in enumerate(order, start=1)}
        elif all(not key.descending for key in section.sort if key.variable == "citation-number"):
            pass
        return order

    def _sorted(self, ids: list[str], section: Section) -> list[str]:
        keys = {item_id: self._sort_values(item_id, section) for item_id in ids}
        position = {item_id: n for n, item_id in enumerate(ids)}
        sort = section.sort

        def value(item_id: str, index: int) -> Any:
            # A key is computed when a comparison reaches it: most pairs differ in the first.
            values = keys[item_id]
            while len(values) <= index:
                key = sort[len(values)]
                values.append(self._sort_value(key, self.items[item_id], item_id, section))
            return values[index]

        def compare(a: str, b: str) -> int:
            for index, key in enumerate(sort):
                order = compare_keys(value(a, index), value(b, index), key.descending)
                if order:
                    return order
            return position[a] - position[b]

        return sorted(ids, key=functools.cmp_to_key(compare))

    def _sort_values(self, item_id: str, section: Section) -> list[Any]:
        """The sort keys computed so far for an item, kept while what they read is unchanged."""
        snapshot = self._sort_inputs(item_id)
        cached = self._sort_cache.get((item_id, id(section)))
        if cached is not None and cached[0] == snapshot:
            return cached[1]
        values: list[Any] = []
        self._sort_cache[(item_id, id(section))] = (snapshot, values)
        return values

    def _sort_inputs(self, item_id: str) -> tuple[Any, ...]:
        """What a sort key reads beside the item: its disambiguation state, its citation number
        (when a sort key or a macro prints it), a year suffix only when it has one."""
        state = self.states[item_id]
        return (
            state.year_suffix,
            state.extra_names,
            state.expand_given,
            tuple(state.expand.items()),
            state.disambiguate,
            self._sort_suffix and bool(state.year_suffix),
            self.numbers[item_id] if self._sort_reads_number else None,
        )

    def _sort_value(self, key: SortKey, item: Item, item_id: str, section: Section) -> Any:
        if key.variable:
            variable = key.variable
            if variable == "citation-number":
                return self.numbers[item_id]
            if variable in NAME_VARIABLES:
                names = item.get(variable) or []
                text = " ".join(_name_sort_text(n, self.style) for n in names)
                return _collate(text) or None
            if variable in DATE_VARIABLES:
                return _date_key(item.get(variable))
            value = item.get(variable)
            if variable == "citation-label":
                value = self._ctx(item_id, "bibliography")._lookup(variable, "long")
            if value is None or value == "":
                return None
            if variable in NUMBER_VARIABLES and is_numeric(str(value)):
                match = re.search(r"\d+", str(value))
                return (int(match.group(0)) if match else 0, str(value))
            return _collate(plain(_markup_plain(str(value))))
        ctx = self._ctx(
            item_id, "bibliography" if section is self.style.bibliography else "citation"
        )
        ctx.sorting = True
        ctx.sort_suffix = self._sort_suffix and section is self.style.bibliography
        ctx.names_min = key.names_min
        ctx.names_use_first = key.names_use_first
        ctx.names_use_last = key.names_use_last
        macro = section.macros.get(key.macro or "")
        if macro is None:
            return None
        text = plain(macro.render(ctx)).strip()
        return _collate(text) or None

    # ------------------------------------------------------------ rendering

    def _ctx(self, item_id: str, mode: str, cite: CiteItem | None = None) -> Ctx:
        ctx = Ctx(
            item=self.items[item_id],
            locale=self.locale,
            style=self.style,
            mode=mode,
            state=self.states[item_id],
            citation_number=self.numbers[item_id],
            tag_spans=self.tag_spans,
        )
        if cite is not None:
            ctx.position = cite.position
            ctx.locator = cite.locator
            ctx.label = cite.label.replace(" ", "-") if cite.label else None
            ctx.near_note = cite.near_note
            ctx.first_note = cite.first_note
            ctx.suppress_first_names = cite.suppress_author
        return ctx

    def _render_layout(self, section: Section, ctx: Ctx) -> list[Node]:
        return section.layout.render(ctx)

    def bibliography(self) -> list[Entry]:
        section = self.style.bibliography
        if section is None:
            return []
        second_field = section.options.get("second-field-align")
        entries: list[Entry] = []
        previous_names: str | None = None
        substitute = section.options.get("subsequent-author-substitute")
        for item_id in self.bib_order:
            ctx = self._ctx(item_id, "bibliography")
            ctx.sas = substitute
            ctx.sas_previous = previous_names
            if second_field:
                nodes = self._second_field(section, ctx)
            else:
                nodes = section.deco.apply_layout(section.layout.render(ctx), ctx)
            if substitute is not None and ctx.names_key:
                previous_names = ctx.names_key  # an entry without names changes nothing
            if is_empty(nodes):
                if self._numeric_citations:
                    # a numbered list keeps its place: "2. [CSL STYLE ERROR...]" (citeproc-js)
                    text = f"{len(entries) + 1}. {_NO_FORM}"
                    entries.append(Entry(item_id, [Run(text)]))
                continue  # citeproc-js leaves out an entry that prints nothing
            if ctx.attempted and not ctx.printed:
                nodes = [*nodes, Text(_NO_FORM)]  # only a citation number: say so
            runs = _trim(flatten(nodes, self.marks))
            entries.append(Entry(item_id, runs))
        return entries

    def _second_field(self, section: Section, ctx: Ctx) -> list[Node]:
        parts = [child.render(ctx) for child in section.layout.children]
        for index, part in enumerate(parts):
            if part:
                left = part
                rest = join(parts[index + 1 :], section.layout.delimiter)
                # Trailing spaces of the layout's suffix go after the right-hand block.
                deco = section.deco
                suffix = deco.suffix.rstrip()
                inner = Deco(
                    deco.prefix,
                    suffix,
                    deco.formats,
                    deco.quotes,
                    deco.text_case,
                    deco.strip_periods,
                    None,
                )
                right = inner.apply_layout(rest, ctx)
                space = deco.suffix[len(suffix) :]
                tail: list[Node] = [Text(space)] if space and right else []
                return [Span(left, (), "left-margin"), Span(right, (), "right-inline"), *tail]
        return []

    def cite_runs(self, cites: Sequence[CiteItem]) -> list[Run]:
        section = self.style.citation
        if section is None:
            return []
        order = [c for c in cites if c.id in self.items]
        collapse = section.options.get("collapse")
        grouping = collapse in YEAR_COLLAPSE or "cite-group-delimiter" in section.options
        numbered = any(key.variable == "citation-number" for key in section.sort)
        if section.sort and grouping and not numbered and len(order) > 1:
            order = self._grouped_order(order, section)
        elif section.sort:
            ranked = self._sorted([c.id for c in order], section)
            rank = {item_id: n for n, item_id in enumerate(ranked)}
            order = sorted(order, key=lambda c: rank[c.id])
        rendered: list[list[Node]] = []
        authors: list[str | None] = []
        loose: list[bool] = []  # no names and no text variable: collapses onto the cite before
        # In a note, the depth of the style's parentheses runs through the whole cluster.
        braces = [1 if "(" in section.deco.prefix else 0] if self.style.klass == "note" else None
        for number, c in enumerate(order):
            ctx = self._ctx(c.id, "citation", c)
            ctx.braces = braces
            # A note starts with a capital: "Ibid.", also after a prefix of several words
            # ending a sentence ("See the note. Ibid."), not after one word (citeproc-js).
            test = re.sub(r"<[^>]+>", "", c.prefix).rstrip(" ”’»\u202f\u00a0\"'")
            ends_sentence = test[-1:] in (":", ".", ";", "!", "?") and " " in c.prefix.strip()
            ctx.capitalize_term = self.style.klass == "note" and (
                (number == 0 and not c.prefix) or bool(c.prefix and ends_sentence)
            )
            nodes = section.layout.render(ctx)
            if not nodes:
                nodes = [Text(_NO_FORM)]
            if nodes and (c.prefix or c.suffix):
                nodes = [*data_nodes("prefix", c.prefix), *nodes, *data_nodes("suffix", c.suffix)]
            rendered.append(nodes)
            # No names element at all: every cite has the same (empty) author.
            author = "" if ctx.first_names is None else (ctx.first_names or None)
            if author is None and not (ctx.names_substituted_by_text or ctx.text_variable_seen):
                author = ""  # names that print nothing, and no text: the same (citeproc-js)
            authors.append(None if c.prefix or c.suffix else author)
            loose.append(author == "" and not ctx.text_variable_seen)
        if collapse == "citation-number" and all(c.locator is None for c in order):
            rendered = collapse_numbers([self.numbers[c.id] for c in order], rendered)
            nodes = join(rendered, section.delimiter)
        elif grouping:
            collapser = CiteCollapser(self.style, self.states, self._ctx)
            nodes = collapser.collapse_years(order, rendered, (authors, loose), section, collapse)
        else:
            nodes = _join_cites(order, rendered, section.delimiter)
        if not order:
            return []
        outer = self._ctx(order[0].id, "citation")
        return _trim(flatten(section.deco.apply_layout(nodes, outer), self.marks))

    def _grouped_order(self, order: list[CiteItem], section: Section) -> list[CiteItem]:
        """citeproc-js's grouped sort (collapsing styles): sort on the author string and the
        style's keys, then keep each author's cites together, the groups ordered by the first
        key of their first cite (cite-group-delimiter, CSL schema issue 40)."""
        keys = [
            [
                (key.descending, self._sort_value(key, self.items[c.id], c.id, section))
                for key in section.sort
            ]
            for c in order
        ]
        authors = [self._author_string(c) for c in order]
        first = section.sort[0].descending
        composite = [[(first, authors[n]), *keys[n]] for n in range(len(order))]
        ranked = _sorted_indices(composite)
        regrouped: list[list[tuple[bool, Any]]] = []
        last_author: str | None = None
        leader: Any = None
        for position, n in enumerate(ranked):
            if position == 0 or authors[n] != last_author:
                value = keys[n][0][1] if keys[n] else None
                leader = None if value is None else str(value)
            last_author = authors[n]
            group_key = None if leader is None else (leader, position)
            regrouped.append([(first, group_key), *keys[n]])
        final = _sorted_indices(regrouped)
        return [order[ranked[n]] for n in final]

    def _author_string(self, cite: CiteItem) -> str:
        section = self.style.citation
        assert section is not None
        ctx = self._ctx(cite.id, "citation", cite)
        ctx.state = ItemState()  # the names as first registered, before disambiguation
        section.layout.render(ctx)
        return _collate(ctx.first_names or "")

    def cite_clusters(
        self, clusters: Sequence[Sequence[CiteItem]], notes: Sequence[int] | None = None
    ) -> list[list[Run]]:
        """Several citations in document order, with positions (first, subsequent, ibid...)."""
        return [self.cite_runs(placed) for placed in self.positioned(clusters, notes)]

    def positioned(
        self, clusters: Sequence[Sequence[CiteItem]], notes: Sequence[int] | None = None
    ) -> list[list[CiteItem]]:
        """The cites of each citation with their positions, near-note and first note number."""
        distance = int(
            (self.style.citation.options if self.style.citation else {}).get(
                "near-note-distance", 5
            )
        )
        last_note: dict[str, int] = {}
        first_note: dict[str, int] = {}
        # The cites of the latest note, kept apart for text (note 0) and footnotes: ibid
        # refers back to a note holding exactly one cite (citeproc-js).
        streams: dict[bool, tuple[int, list[CiteItem]]] = {}
        last_cluster: dict[bool, list[CiteItem]] = {}
        out: list[list[CiteItem]] = []
        for index, cluster in enumerate(clusters):
            note = notes[index] if notes is not None else index + 1
            stream = note > 0
            last = streams.get(stream)
            previous = last[1] if last else []
            if last and last[0] == note and stream:
                previous = last_cluster.get(stream, previous)  # same note: the cluster before
            placed: list[CiteItem] = []
            for cite in cluster:
                before = placed[-1] if placed else (previous[-1] if len(previous) == 1 else None)
                kind = _position(cite, before, cite.id in last_note)
                near = cite.id in last_note and note - last_note[cite.id] <= distance
                placed.append(_with_position(cite, kind, near, first_note.get(cite.id, note)))
                last_note[cite.id] = note
                first_note.setdefault(cite.id, note)
            if last and stream and last[0] == note:
                streams[stream] = (note, [*last[1], *placed])
            else:
                streams[stream] = (note, placed)
            last_cluster[stream] = placed
            out.append(placed)
        return out


_NO_FORM = "[CSL STYLE ERROR: reference with no printed form.]"


_PRINTING = (NS + "text", NS + "number")


def _cites_number(style: Style) -> bool:
    """Whether citations print the citation number (citeproc-js's numeric update mode)."""
    citation = style.root.find(NS + "citation")
    macros = {m.get("name"): m for m in style.root.iter(NS + "macro")}
    seen: set[str] = set()
    pending = [citation] if citation is not None else []
    while pending:
        element = pending.pop()
        for node in element.iter():
            if node.tag in _PRINTING and node.get("variable") == "citation-number":
                return True
            name = node.get("macro")
            if name in macros and name not in seen:
                seen.add(name)
                pending.append(macros[name])
    return False


def _sorted_indices(keys: list[list[tuple[bool, Any]]]) -> list[int]:
    """Positions in sort order: each key ascending or descending, empty values last, ties kept
    in the given order."""

    def compare(a: int, b: int) -> int:
        for (descending, value_a), (_, value_b) in zip(keys[a], keys[b], strict=True):
            order = compare_keys(value_a, value_b, descending)
            if order:
                return order
        return a - b

    return sorted(range(len(keys)), key=functools.cmp_to_key(compare))


def _position(cite: CiteItem, before: CiteItem | None, seen: bool) -> str:
    if not seen:
        return "first"
    if before is None or before.id != cite.id:
        return "subsequent"
    if cite.locator is None:
        return "ibid" if before.locator is None else "subsequent"
    if before.locator is None or before.locator != cite.locator or before.label != cite.label:
        return "ibid-with-locator"
    return "ibid"


def _with_position(cite: CiteItem, position: str, near: bool, first_note: int) -> CiteItem:
    return CiteItem(
        cite.id,
        cite.locator,
        cite.label,
        position,
        cite.prefix,
        cite.suffix,
        cite.suppress_author,
        near,
        first_note if position != "first" else None,
    )


def _name_sort_text(name: Item, style: Style) -> str:
    if name.get("literal"):
        return str(name["literal"])
    family, given, ndp, dp, _, _ = name_parts(name)
    if style.demote_particle in ("sort-only", "display-and-sort"):
        parts = [family, dp, ndp, given]
    else:
        parts = [f"{ndp} {family}".strip(), dp, given]
    return " ".join(p for p in parts if p)


def _date_key(value: Any) -> str | None:
    parts = date_parts_of(value)
    if not parts:
        return None
    out = []
    for date in parts[:2]:
        year, month, day = [*date, 0, 0][:3]
        out.append(f"{year + 10000:05d}{month:02d}{day:02d}")
    return "-".join(out)


def _markup_plain(value: str) -> list[Node]:

    return parse_markup(value)


def _join_cites(order: list[CiteItem], rendered: list[list[Node]], delimiter: str) -> list[Node]:
    """The layout delimiter gives way to a cite's own punctuation: a prefix that starts with
    ", and" replaces it, a suffix that ends in a comma keeps only its space (citeproc-js)."""
    out: list[Node] = []
    previous: CiteItem | None = None
    for cite, nodes in zip(order, rendered, strict=True):
        if not nodes:
            continue
        if previous is not None:
            glue = delimiter
            if cite.prefix[:1] in _CITE_PUNCT and cite.prefix:
                glue = ""
            elif previous.suffix and previous.suffix.rstrip()[-1:] in _CITE_PUNCT:
                glue = delimiter.lstrip(_CITE_PUNCT)
            if glue:
                out.append(Text(glue))
        out.extend(nodes)
        previous = cite
    return out


_CITE_PUNCT = ",;:."


def _rstrip_nodes(nodes: list[Node]) -> list[Node]:
    """citeproc-js trims the end of a second-field-align entry's right-hand part."""
    if nodes and isinstance(nodes[-1], Text):
        last_text = nodes[-1]
        return [*nodes[:-1], Text(last_text.text.rstrip(), last_text.nocase, var=last_text.var)]
    if nodes and isinstance(nodes[-1], Span):
        last = nodes[-1]
        return [*nodes[:-1], Span(_rstrip_nodes(last.children), last.formats, last.display)]
    return nodes


def _trim(runs: list[Run]) -> list[Run]:
    runs = [r for r in runs if r.text]
    for index in range(1, len(runs)):
        run = runs[index]
        if run.text.startswith(" ") and runs[index - 1].text.endswith(" ") and not run.data:
            runs[index].text = runs[index].text.lstrip(" ")
    # Edge whitespace stays, as in citeproc-js's HTML; text output strips it (api).
    return [r for r in runs if r.text]


def compare_keys(value_a: Any, value_b: Any, descending: bool) -> int:
    """One sort key's verdict on two items (0: tied): an empty key sorts last either way."""
    if value_a == value_b:
        return 0
    if value_a is None:
        return 1
    if value_b is None:
        return -1
    less = bool(value_a < value_b)
    return (1 if less else -1) if descending else (-1 if less else 1)
