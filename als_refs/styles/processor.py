"""Bibliographies and citations: registering items, sorting, numbering and disambiguation."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from als_refs.styles.engine import (
    DATE_VARIABLES,
    NAME_VARIABLES,
    NUMBER_VARIABLES,
    Ctx,
    Deco,
    ItemState,
    Section,
    SortKey,
    Style,
    _collate,
    data_nodes,
    date_parts_of,
    get_locale,
    is_numeric,
    join,
    name_parts,
)
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
            self.items.setdefault(str(item["id"]), item)
        self.citation_order = list(self.items)
        self.states = {item_id: ItemState() for item_id in self.items}
        self._sort_suffix = False
        self.numbers = {item_id: n for n, item_id in enumerate(self.citation_order, start=1)}
        self.bib_order = self._bibliography_order()
        self._disambiguate()
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

        def compare(a: str, b: str) -> int:
            for (descending, value_a), (_, value_b) in zip(keys[a], keys[b], strict=True):
                if value_a == value_b:
                    continue
                if value_a is None:
                    return 1
                if value_b is None:
                    return -1
                less = value_a < value_b
                return (1 if less else -1) if descending else (-1 if less else 1)
            return position[a] - position[b]

        return sorted(ids, key=functools.cmp_to_key(compare))

    def _sort_values(self, item_id: str, section: Section) -> list[tuple[bool, Any]]:
        item = self.items[item_id]
        values: list[tuple[bool, Any]] = []
        for key in section.sort:
            values.append((key.descending, self._sort_value(key, item, item_id, section)))
        return values

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
            if substitute is not None:
                previous_names = ctx.names_key or None
            if is_empty(nodes):
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
        if section.sort:
            ranked = self._sorted([c.id for c in order], section)
            rank = {item_id: n for n, item_id in enumerate(ranked)}
            order = sorted(order, key=lambda c: rank[c.id])
        rendered: list[list[Node]] = []
        authors: list[str | None] = []
        for number, c in enumerate(order):
            ctx = self._ctx(c.id, "citation", c)
            # A note starts with a capital: "Ibid." (citeproc-js).
            ends_sentence = c.prefix.rstrip(" ”’\"'")[-1:] in (".", "!", "?")
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
            authors.append(None if c.prefix or c.suffix else author)
        collapse = section.options.get("collapse")
        grouping = collapse in _YEAR_COLLAPSE or "cite-group-delimiter" in section.options
        if grouping and section.sort and len(order) > 2:
            # citeproc-js regroups cites by author only in sorted citations.
            order, rendered, authors = _group_by_author(order, rendered, authors)
        if collapse == "citation-number" and all(c.locator is None for c in order):
            rendered = self._collapse_numbers(order, rendered, section)
            nodes = join(rendered, section.delimiter)
        elif grouping:
            nodes = self._collapse_years(order, rendered, authors, section, collapse)
        else:
            nodes = _join_cites(order, rendered, section.delimiter)
        if not order:
            return []
        outer = self._ctx(order[0].id, "citation")
        return _trim(flatten(section.deco.apply_layout(nodes, outer), self.marks))

    def cite_clusters(
        self, clusters: Sequence[Sequence[CiteItem]], notes: Sequence[int] | None = None
    ) -> list[list[Run]]:
        """Several citations in document order, with positions (first, subsequent, ibid...)."""
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
        out: list[list[Run]] = []
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
            out.append(self.cite_runs(placed))
        return out

    def _collapse_years(
        self,
        order: list[CiteItem],
        rendered: list[list[Node]],
        authors: list[str | None],
        section: Section,
        collapse: str | None,
    ) -> list[Node]:
        """Cites by the same authors in a row share one author name: "(Chiò, 2013a, 2013b)";
        with year-suffix collapsing, one year too: "(Chiò, 2013a, b)"."""
        group_delimiter = section.options.get("cite-group-delimiter", ", ")
        after = section.options.get("after-collapse-delimiter", section.delimiter)
        out: list[Node] = []
        index = 0
        while index < len(order):
            end = index
            while (
                end + 1 < len(order)
                and authors[index] is not None
                and authors[end + 1] == authors[index]
            ):
                end += 1
            members: list[tuple[str, list[Node]]] = [("", rendered[index])]
            if collapse in _YEAR_COLLAPSE:
                members += self._group_members(order, index, end, section, collapse)
            else:
                members += [(group_delimiter, r) for r in rendered[index + 1 : end + 1]]
            if out:
                out.append(Text(after if _was_group(out) else section.delimiter))
            for delimiter, nodes in members:
                if not nodes:
                    continue
                if delimiter:
                    out.append(Text(delimiter))
                out.extend(nodes)
            if end > index:
                out.append(_GROUP_MARK)
            index = end + 1
        return [node for node in out if node is not _GROUP_MARK]

    def _group_members(
        self, order: list[CiteItem], index: int, end: int, section: Section, collapse: str
    ) -> list[tuple[str, list[Node]]]:
        """The cites after the first in an author group, each with the delimiter before it."""
        # With year-suffix collapsing, other years follow after the layout delimiter.
        group_delimiter = section.options.get(
            "cite-group-delimiter", ", " if collapse == "year" else section.delimiter
        )
        suffix_delimiter = section.options.get(
            "year-suffix-delimiter", section.options.get("cite-group-delimiter", section.delimiter)
        )
        members: list[tuple[str, list[Node]]] = []
        ctx0 = self._ctx(order[index].id, "citation", order[index])
        ctx0.suppress_first_names = True
        first_state = self.states[order[index].id]
        previous_year = _without_suffix(plain(section.layout.render(ctx0)), first_state)
        lead = first_state.year_suffix
        suffixes: list[tuple[str, list[Node]]] = []
        for member in range(index + 1, end + 1):
            cite = order[member]
            ctx = self._ctx(cite.id, "citation", cite)
            ctx.suppress_first_names = True
            nodes = section.layout.render(ctx)
            state = self.states[cite.id]
            year = _without_suffix(plain(nodes), state)
            if (
                collapse != "year"
                and state.year_suffix
                and cite.locator is None
                and year == previous_year
            ):
                suffixes.append((state.year_suffix, [Text(state.year_suffix)]))
                continue
            members += _suffix_members(suffixes, collapse, suffix_delimiter, lead)
            suffixes = []
            members.append((group_delimiter, nodes))
            previous_year = year
            lead = state.year_suffix
        members += _suffix_members(suffixes, collapse, suffix_delimiter, lead)
        return members

    def _collapse_numbers(
        self, order: list[CiteItem], rendered: list[list[Node]], section: Section
    ) -> list[list[Node]]:
        numbers = [self.numbers[c.id] for c in order]
        out: list[list[Node]] = []
        index = 0
        while index < len(order):
            end = index
            while end + 1 < len(order) and numbers[end + 1] == numbers[end] + 1:
                end += 1
            if end - index >= 2:
                out.append([*rendered[index], Text("–"), *rendered[end]])
                index = end + 1
            else:
                out.append(rendered[index])
                index += 1
        return out

    # ------------------------------------------------------------ disambiguation

    def _cite_key(self, item_id: str) -> str:
        section = self.style.citation
        assert section is not None
        ctx = self._ctx(item_id, "citation")
        return plain(section.layout.render(ctx))

    def _ambiguous_groups(self, ids: list[str]) -> list[list[str]]:
        groups: dict[str, list[str]] = {}
        for item_id in ids:
            groups.setdefault(self._cite_key(item_id), []).append(item_id)
        return [g for g in groups.values() if len(g) > 1]

    def _disambiguate(self) -> None:
        """citeproc-js's order: add names, add given names, the disambiguate condition, then
        year suffixes; global given-name rules expand names even where cites differ."""
        section = self.style.citation
        if section is None:
            return
        options = section.options
        add_given = options.get("disambiguate-add-givenname") == "true"
        rule = options.get("givenname-disambiguation-rule", "by-cite")
        if add_given and rule != "by-cite":
            self._global_givennames(rule)
        groups = self._ambiguous_groups(self.citation_order)
        if not groups:
            return
        year_suffix = options.get("disambiguate-add-year-suffix") == "true"
        pending: list[list[str]] = []
        for group in groups:
            left = set(group)
            if options.get("disambiguate-add-names") == "true":
                left = self._add_names(group, left, add_given, rule)
            if left and add_given:
                left = self._add_givennames(group, left, rule)
            if left:
                left = self._condition(group, left)
            if left:
                pending.append([i for i in group if i in left])
        if year_suffix:
            rank = {item_id: n for n, item_id in enumerate(self.bib_order)}
            for group in pending:
                for n, item_id in enumerate(sorted(group, key=rank.__getitem__)):
                    self.states[item_id].year_suffix = _suffix(n)

    def _unique(self, group: list[str], left: set[str]) -> set[str]:
        """The members of ``left`` whose cite still equals another member's cite."""
        keys = {item_id: self._cite_key(item_id) for item_id in group}
        counts: dict[str, int] = {}
        for key in keys.values():
            counts[key] = counts.get(key, 0) + 1
        return {item_id for item_id in left if counts[keys[item_id]] > 1}

    def _add_names(self, group: list[str], left: set[str], add_given: bool, rule: str) -> set[str]:
        """Show one more name at a time (with given names where that helps) until each cite
        is unique; a member keeps the smallest count that made it unique."""
        most = max((_name_count(self.items[i]) for i in group), default=0)
        before = {i: dict(self.states[i].expand) for i in group}
        progress = 0
        for added in range(1, most):
            for item_id in left:
                self.states[item_id].extra_names = added
            still = self._unique(group, left)
            if add_given and still:
                still = self._add_givennames(group, still, rule)
            if len(still) < len(left):
                progress = added
            left = still
            if not left:
                break
        # Still ambiguous: keep the names up to the last count that told some cites apart.
        for item_id in left:
            self.states[item_id].extra_names = progress
            if not progress:
                self.states[item_id].expand = dict(before[item_id])
        return left

    def _add_givennames(self, group: list[str], left: set[str], rule: str) -> set[str]:
        most = max((_name_count(self.items[i]) for i in group), default=0)
        positions = [0] if rule.startswith("primary-name") else list(range(most))
        levels = (1,) if rule.endswith("with-initials") else (1, 2)
        for level in levels:
            for position in positions:
                if not left:
                    return left
                saved = {i: self.states[i].expand.get(position, 0) for i in left}
                for item_id in left:
                    state = self.states[item_id]
                    state.expand[position] = max(level, state.expand.get(position, 0))
                still = self._unique(group, left)
                if still == left:
                    for item_id, value in saved.items():
                        self.states[item_id].expand[position] = value
                else:
                    left = still
        return left

    def _condition(self, group: list[str], left: set[str]) -> set[str]:
        for item_id in left:
            self.states[item_id].disambiguate = True
        return self._unique(group, left)

    def _global_givennames(self, rule: str) -> None:
        """all-names / primary-name rules: expand a name wherever another cited person shares
        its family name (initials first; full given names unless the rule says initials)."""
        section = self.style.citation
        assert section is not None
        limit = 1 if rule.startswith("primary") else None
        seen: dict[str, list[tuple[str, int, str]]] = {}
        for item_id in self.citation_order:
            # Every cited person counts as a namesake; only primary names expand under the
            # primary-name rules (citeproc-js).
            for index, name in enumerate(_first_names(self.items[item_id])):
                family = _name_family(name)
                given = re.sub(r"[\s.]+", "", str(name.get("given") or ""))
                if family and given:
                    seen.setdefault(family, []).append((item_id, index, given))
        full_allowed = not rule.endswith("with-initials")
        for entries in seen.values():
            givens = {given for _, _, given in entries}
            if len(givens) < 2:
                continue
            for item_id, index, given in entries:
                if limit is not None and index >= limit:
                    continue
                mine = _initials(given)
                others = [g for other, _, g in entries if g != given and other != item_id]
                if not others:
                    continue
                level = 1
                if any(_initials(g) == mine for g in others):
                    if not full_allowed:
                        continue
                    level = 2
                state = self.states[item_id]
                state.expand[index] = max(level, state.expand.get(index, 0))


def _first_names(item: Item) -> list[Item]:
    for variable in ("author", "editor", "translator", "composer", "director", "interviewer"):
        names = item.get(variable)
        if names:
            return list(names)
    return []


def _name_family(name: Item) -> str:
    return " ".join(str(p) for p in (name.get("non-dropping-particle"), name.get("family")) if p)


def _initials(given: str) -> str:
    return "".join(word[0] for word in re.split(r"[\s.\-]+", given) if word)


def _name_count(item: Item) -> int:
    return max((len(item.get(v) or []) for v in NAME_VARIABLES), default=0)


_GROUP_MARK = Text("")
_NO_FORM = "[CSL STYLE ERROR: reference with no printed form.]"
_YEAR_COLLAPSE = ("year", "year-suffix", "year-suffix-ranged")


def _without_suffix(text: str, state: ItemState) -> str:
    return text.strip().removesuffix(state.year_suffix) if state.year_suffix else text.strip()


def _suffix_members(
    suffixes: list[tuple[str, list[Node]]], collapse: str, delimiter: str, lead: str
) -> list[tuple[str, list[Node]]]:
    """Suffix-only cites after a full cite whose own suffix is ``lead``: ", b, c" or "–c"."""
    if (
        collapse == "year-suffix-ranged"
        and lead
        and len(suffixes) >= 2
        and _next_suffix(lead) == suffixes[0][0]
    ):
        run = 0
        while run + 1 < len(suffixes) and _next_suffix(suffixes[run][0]) == suffixes[run + 1][0]:
            run += 1
        if run >= 1:
            head: list[tuple[str, list[Node]]] = [("", [Text(f"–{suffixes[run][0]}")])]
            rest = suffixes[run + 1 :]
            return head + [(delimiter, n) for n in _ranged(rest, collapse)]
    return [(delimiter, n) for n in _ranged(suffixes, collapse)]


def _ranged(suffixes: list[tuple[str, list[Node]]], collapse: str) -> list[list[Node]]:
    """Year suffixes after the first of a year: "b, c, d", or "b–d" when ranged."""
    if collapse != "year-suffix-ranged" or len(suffixes) < 3:
        return [nodes for _, nodes in suffixes]
    out: list[list[Node]] = []
    start = 0
    while start < len(suffixes):
        end = start
        while end + 1 < len(suffixes) and _next_suffix(suffixes[end][0]) == suffixes[end + 1][0]:
            end += 1
        if end - start >= 2:
            out.append([Text(f"{suffixes[start][0]}–{suffixes[end][0]}")])
        else:
            out.extend(nodes for _, nodes in suffixes[start : end + 1])
        start = end + 1
    return out


def _next_suffix(suffix: str) -> str:
    return suffix[:-1] + chr(ord(suffix[-1]) + 1) if suffix and suffix[-1] < "z" else ""


def _group_by_author(
    order: list[CiteItem], rendered: list[list[Node]], authors: list[str | None]
) -> tuple[list[CiteItem], list[list[Node]], list[str | None]]:
    """citeproc-js moves later cites by the same authors next to the first one."""
    slots: dict[str, int] = {}
    keyed: list[tuple[int, int]] = []
    for index, author in enumerate(authors):
        slot = slots.setdefault(author, index) if author else index
        keyed.append((slot, index))
    keyed.sort()
    picks = [index for _, index in keyed]
    return [order[i] for i in picks], [rendered[i] for i in picks], [authors[i] for i in picks]


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


def _was_group(nodes: list[Node]) -> bool:
    return bool(nodes) and nodes[-1] is _GROUP_MARK


def _default(attribute: str) -> Any:
    return False if attribute == "disambiguate" else 0


def _suffix(n: int) -> str:
    """The ``n``-th year suffix (from 0) in bijective base 26, as citeproc-js counts them:
    a ... z, aa ... zz, aaa ... (no limit)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = letters[rest] + out
    return out


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
        if runs[index].text.startswith(" ") and runs[index - 1].text.endswith(" "):
            runs[index].text = runs[index].text.lstrip(" ")
    # Edge whitespace stays, as in citeproc-js's HTML; text output strips it (api).
    return [r for r in runs if r.text]
