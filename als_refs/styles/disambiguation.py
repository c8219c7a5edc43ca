"""Disambiguation of cites (citeproc-js's order): names added, given names expanded (by cite
or through the name register of the global rules), the style's disambiguate condition, then
year suffixes. It sets each item's :class:`ItemState`; the processor renders with them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from als_refs.styles.context import NAME_VARIABLES, Ctx, ItemState
from als_refs.styles.engine import Style
from als_refs.styles.richtext import plain

Item = dict[str, Any]


class Disambiguator:
    """Tells apart the cites of a fixed list of items that print alike, changing their states.

    ``ctx`` makes the rendering context of an item in a mode ("citation"), as the processor's."""

    def __init__(
        self,
        style: Style,
        items: dict[str, Item],
        states: dict[str, ItemState],
        citation_order: list[str],
        ctx: Callable[[str, str], Ctx],
    ) -> None:
        self.style = style
        self.items = items
        self.states = states
        self.citation_order = citation_order
        self._ctx = ctx
        # A cite's text for disambiguation, by item and disambiguation state.
        self._cite_keys: dict[tuple[Any, ...], str] = {}

    def _cite_key(
        self, item_id: str, name_log: list[tuple[int, Item, str, str | None]] | None = None
    ) -> str:
        """The cite as disambiguation compares it; ``name_log`` collects the names it prints
        (rendered afresh then)."""
        state = self.states[item_id]
        memo = (
            item_id,
            state.year_suffix,
            state.extra_names,
            state.expand_given,
            tuple(sorted(state.expand.items())),
            state.disambiguate,
        )
        key = self._cite_keys.get(memo)
        if key is None or name_log is not None:
            section = self.style.citation
            assert section is not None
            ctx = self._ctx(item_id, "citation")
            # citeproc-js compares cites in their subsequent, near-note form (getAmbiguousCite).
            ctx.position = "subsequent"
            ctx.near_note = True
            ctx.name_log = name_log
            key = self._cite_keys[memo] = plain(section.layout.render(ctx))
        return key

    def _ambiguous_groups(self, ids: list[str]) -> list[list[str]]:
        groups: dict[str, list[str]] = {}
        for item_id in ids:
            groups.setdefault(self._cite_key(item_id), []).append(item_id)
        return [g for g in groups.values() if len(g) > 1]

    def run(self, bib_order: list[str]) -> None:
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
            add_names = options.get("disambiguate-add-names") == "true"
            if add_given and rule == "by-cite":
                left = self._by_cite_steps(group, left, add_names)
            else:
                if add_names:
                    left = self._add_names(group, left, add_given, rule)
                if left and add_given:
                    left = self._add_givennames(group, left, rule)
            if left:
                left = self._condition(group, left)
            if left:
                # Cites told apart from each other by now take their suffixes separately.
                pending += self._ambiguous_groups([i for i in group if i in left])
        if year_suffix:
            rank = {item_id: n for n, item_id in enumerate(bib_order)}
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

    def _distinct(self, group: list[str]) -> int:
        """How many different cites the group's members print: a step that splits the group
        is kept even where no member is unique yet (citeproc-js keeps the better base)."""
        return len({self._cite_key(item_id) for item_id in group})

    def _add_names(self, group: list[str], left: set[str], add_given: bool, rule: str) -> set[str]:
        """Show one more name at a time (with given names where that helps) until each cite
        is unique; a member keeps the smallest count that made it unique."""
        most = max((_name_count(self.items[i]) for i in group), default=0)
        before = {i: dict(self.states[i].expand) for i in group}
        progress = 0
        for added in range(1, most):
            distinct = self._distinct(group)
            for item_id in left:
                self.states[item_id].extra_names = added
            still = self._unique(group, left)
            if add_given and still:
                still = self._add_givennames(group, still, rule)
            if len(still) < len(left) or self._distinct(group) > distinct:
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

    def _by_cite_steps(self, group: list[str], left: set[str], add_names: bool) -> set[str]:
        """citeproc-js's by-cite order: the given name of the first name (initials, then in
        full), then one more name and its given name, and so on. Names once added stay for
        the later steps; a cite keeps what the steps that told cites apart had set."""
        most = max((_name_count(self.items[i]) for i in group), default=0)
        kept = {i: (self.states[i].extra_names, dict(self.states[i].expand)) for i in left}
        for position in range(most):
            for level in (1, 2):
                if left:
                    left = self._step(group, left, kept, position, level)
            if left and add_names and position + 1 < most:
                left = self._step(group, left, kept, position + 1, 0)
            if not left:
                break
        for item_id in left:
            self.states[item_id].extra_names, self.states[item_id].expand = kept[item_id]
        return left

    def _step(
        self,
        group: list[str],
        left: set[str],
        kept: dict[str, tuple[int, dict[int, int]]],
        position: int,
        level: int,
    ) -> set[str]:
        """One step on the still ambiguous cites: a given-name level at ``position``, or
        (level 0) ``position`` names added. Where it tells cites apart it is kept (with the
        names shown now); cites it makes unique are done."""
        distinct = self._distinct(group)
        for item_id in left:
            state = self.states[item_id]
            if level:
                state.expand[position] = max(level, state.expand.get(position, 0))
            else:
                state.extra_names = max(position, state.extra_names)
        still = self._unique(group, left)
        if still == left and self._distinct(group) == distinct:
            if level:
                for item_id in left:
                    self.states[item_id].expand[position] = kept[item_id][1].get(position, 0)
            return left
        for item_id in left:
            state = self.states[item_id]
            expand = dict(kept[item_id][1])
            if level:
                expand[position] = state.expand[position]
            kept[item_id] = (state.extra_names, expand)
            if item_id not in still:
                state.extra_names, state.expand = kept[item_id]
        return still

    def _add_givennames(self, group: list[str], left: set[str], rule: str) -> set[str]:
        most = max((_name_count(self.items[i]) for i in group), default=0)
        positions = [0] if rule.startswith("primary-name") else list(range(most))
        levels = (1,) if rule.endswith("with-initials") else (1, 2)
        for level in levels:
            for position in positions:
                if not left:
                    return left
                saved = {i: self.states[i].expand.get(position, 0) for i in left}
                distinct = self._distinct(group)
                for item_id in left:
                    state = self.states[item_id]
                    state.expand[position] = max(level, state.expand.get(position, 0))
                still = self._unique(group, left)
                if still == left and self._distinct(group) == distinct:
                    for item_id, value in saved.items():
                        self.states[item_id].expand[position] = value
                else:
                    left = still
        return left

    def _condition(self, group: list[str], left: set[str]) -> set[str]:
        """Turn the style's disambiguate conditions on one at a time, in rendering order,
        until the cites differ (citeproc-js's disExtraText)."""
        most = max(self._conditions(item_id) for item_id in left)
        for level in range(1, most + 1):
            for item_id in left:
                self.states[item_id].disambiguate = level
            left = self._unique(group, left)
            if not left:
                break
        return left

    def _conditions(self, item_id: str) -> int:
        """How many disambiguate conditions the cite evaluates with all of them on."""
        section = self.style.citation
        assert section is not None
        state = self.states[item_id]
        level, state.disambiguate = state.disambiguate, 1 << 16
        ctx = self._ctx(item_id, "citation")
        ctx.position, ctx.near_note = "subsequent", True
        section.layout.render(ctx)
        state.disambiguate = level
        return ctx.disambiguate_seen

    def _global_givennames(self, rule: str) -> None:
        """all-names / primary-name rules: a printed name is ambiguous where another printed
        person shares its family name (citeproc-js's name register): initials when the
        initials differ, the full given name when only it does (unless the rule says
        initials); under the primary-name rules only the first name of a list counts."""
        section = self.style.citation
        assert section is not None
        primary = rule.startswith("primary")
        logged: list[tuple[str, int, Item, str, str | None]] = []
        for item_id in self.citation_order:
            log: list[tuple[int, Item, str, str | None]] = []
            self._cite_key(item_id, log)
            logged += [(item_id, *entry) for entry in log]
        register: dict[str, dict[str, set[str]]] = {}
        for _, index, name, _, _ in logged:
            keys = self._name_keys(name)
            if keys and not (primary and index):
                register.setdefault(keys[0], {}).setdefault(keys[1], set()).add(keys[2])
        for item_id, index, name, form, initialize_with in logged:
            keys = self._name_keys(name)
            if not keys or (primary and index) or not keys[1]:
                continue
            initials = register[keys[0]]
            forms = sum(1 for ikey in initials if ikey)
            if rule.endswith("with-initials"):
                level = 1 if forms > 1 else 0
            else:
                level = 0 if form == "short" else (1 if initialize_with is not None else 2)
                if forms > 1:
                    level = max(level, 1)
                if len(initials[keys[1]]) > 1 or (forms > 1 and initialize_with is None):
                    level = 2
            state = self.states[item_id]
            if level:
                state.expand[index] = max(level, state.expand.get(index, 0))

    def _name_keys(self, name: Item) -> tuple[str, str, str] | None:
        """A person's family, initials and given-name keys (citeproc-js's pkey, ikey, skey)."""
        family = _strip_periods(str(name.get("family") or ""))
        if not family or name.get("literal"):
            return None
        particle = name.get("non-dropping-particle")
        if self.style.demote_particle == "never" and particle:
            family = f"{family} {particle}"
        given = _strip_periods(str(name.get("given") or ""))
        tail = re.search(r"[,!]* ([^,]+)$", given)
        if tail and tail.group(1) == tail.group(1).lower():
            given = given[: tail.start()]  # "et al." and the like are not given names
        initials = "".join(w[0] for w in re.split(r"[\s\-]+", given) if w)
        return family, initials, given


def _strip_periods(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(".", " ")).rstrip()


def _name_count(item: Item) -> int:
    return max((len(item.get(v) or []) for v in NAME_VARIABLES), default=0)


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
