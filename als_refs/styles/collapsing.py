"""Cite collapsing: cites by the same authors share one author name, and year suffixes or
citation numbers in a row collapse ("(Chiò, 2013a, b)", "[1–3]"), with the delimiters
citeproc-js puts between and after the groups."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from als_refs.styles.context import Ctx, ItemState
from als_refs.styles.engine import Section, Style
from als_refs.styles.richtext import Node, Text, plain

if TYPE_CHECKING:
    from als_refs.styles.processor import CiteItem

_GROUP_MARK = Text("")
YEAR_COLLAPSE = ("year", "year-suffix", "year-suffix-ranged")


class CiteCollapser:
    """Joins the rendered cites of one citation, collapsing author groups.

    ``ctx`` makes the rendering context of a cite (item id, mode, cite), as the processor's."""

    def __init__(
        self,
        style: Style,
        states: dict[str, ItemState],
        ctx: Callable[[str, str, CiteItem], Ctx],
    ) -> None:
        self.style = style
        self.states = states
        self._ctx = ctx

    def collapse_years(
        self,
        order: list[CiteItem],
        rendered: list[list[Node]],
        names: tuple[list[str | None], list[bool]],
        section: Section,
        collapse: str | None,
    ) -> list[Node]:
        """Cites by the same authors in a row share one author name: "(Chiò, 2013a, 2013b)";
        with year-suffix collapsing, one year too: "(Chiò, 2013a, b)". A cite without names
        or text variables follows the one before as if collapsed: "(Peirce 1998, 2001a)"."""
        authors, loose = names
        group_delimiter = section.options.get("cite-group-delimiter", self._collapsed_delimiter())
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
            if collapse in YEAR_COLLAPSE:
                members += self._group_members(order, index, end, section, collapse)
            else:
                members += [(group_delimiter, r) for r in rendered[index + 1 : end + 1]]
            if out:
                out.append(Text(self._glue(order[index - 1], loose[index], _was_group(out))))
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

    def _glue(self, previous: CiteItem, loose: bool, after_group: bool) -> str:
        """The delimiter before a cite that starts a new author group (citeproc-js's
        getSpliceDelimiter): after-collapse-delimiter after a group, after a locator and,
        unless only year suffixes collapse, between single cites."""
        section = self.style.citation
        assert section is not None
        options = section.options
        after = options.get("after-collapse-delimiter")
        if after is None:
            if loose:
                return str(options.get("cite-group-delimiter", self._collapsed_delimiter()))
            return section.delimiter
        if previous.locator is not None:
            return str(after)
        if loose:
            return section.delimiter
        if after_group or options.get("collapse") != "year-suffix":
            return str(after)
        return section.delimiter

    def _collapsed_delimiter(self) -> str:
        """After a collapsed cite: ", " in in-text styles, the layout's delimiter in notes."""
        section = self.style.citation
        assert section is not None
        return ", " if self.style.klass == "in-text" else section.delimiter

    def _group_members(
        self, order: list[CiteItem], index: int, end: int, section: Section, collapse: str
    ) -> list[tuple[str, list[Node]]]:
        """The cites after the first in an author group, each with the delimiter before it."""
        # With year-suffix collapsing, other years follow after the layout delimiter.
        group_delimiter = section.options.get(
            "cite-group-delimiter",
            self._collapsed_delimiter() if collapse == "year" else section.delimiter,
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
                and year  # a suffix shows only after a printed year
                and year == previous_year
            ):
                suffixes.append((state.year_suffix, [Text(state.year_suffix)]))
                continue
            members += _suffix_members(suffixes, collapse, suffix_delimiter, lead)
            suffixes = []
            members.append((self._member_glue(order[member - 1], ctx, group_delimiter), nodes))
            previous_year = year
            lead = state.year_suffix
        members += _suffix_members(suffixes, collapse, suffix_delimiter, lead)
        return members

    def _member_glue(self, previous: CiteItem, ctx: Ctx, group_delimiter: str) -> str:
        """The delimiter before a later cite of an author group. A cite that prints a text
        variable is not collapsed; with after-collapse-delimiter, the layout's delimiter
        joins the group, and the after-collapse one follows a locator."""
        section = self.style.citation
        assert section is not None
        after = section.options.get("after-collapse-delimiter")
        if after is None:
            return section.delimiter if ctx.text_variable_seen else group_delimiter
        if previous.locator is not None or ctx.text_variable_seen:
            return str(after)
        return section.delimiter


def collapse_numbers(numbers: list[int], rendered: list[list[Node]]) -> list[list[Node]]:
    """Runs of three or more consecutive citation numbers print as a range: "[1–3, 5]"."""
    out: list[list[Node]] = []
    index = 0
    while index < len(numbers):
        end = index
        while end + 1 < len(numbers) and numbers[end + 1] == numbers[end] + 1:
            end += 1
        if end - index >= 2:
            out.append([*rendered[index], Text("–"), *rendered[end]])
            index = end + 1
        else:
            out.append(rendered[index])
            index += 1
    return out


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


def _was_group(nodes: list[Node]) -> bool:
    return bool(nodes) and nodes[-1] is _GROUP_MARK
