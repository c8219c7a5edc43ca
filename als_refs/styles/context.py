"""What an element renders from: the item, its variables and the rendering state (``Ctx``).

``Ctx`` reads an item's variables as CSL asks (short forms, the locator, citation labels,
numbers counted as printed for group suppression); ``Element`` is what a compiled style element
is, and ``Seq`` a run of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from als_refs.styles.locale import Locale
from als_refs.styles.pages import format_page_range
from als_refs.styles.richtext import Node, Text

if TYPE_CHECKING:
    from als_refs.styles.engine import Style
    from als_refs.styles.names import NamesEl

Item = dict[str, Any]


NAME_VARIABLES = frozenset(
    [
        "author",
        "chair",
        "collection-editor",
        "compiler",
        "composer",
        "container-author",
        "contributor",
        "curator",
        "director",
        "editor",
        "editorial-director",
        "editortranslator",
        "executive-producer",
        "guest",
        "host",
        "illustrator",
        "interviewer",
        "narrator",
        "organizer",
        "original-author",
        "performer",
        "producer",
        "recipient",
        "reviewed-author",
        "script-writer",
        "series-creator",
        "translator",
    ]
)


DATE_VARIABLES = frozenset(
    ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]
)


NUMBER_VARIABLES = frozenset(
    [
        "chapter-number",
        "citation-number",
        "collection-number",
        "edition",
        "first-reference-note-number",
        "issue",
        "locator",
        "number",
        "number-of-pages",
        "number-of-volumes",
        "page",
        "part-number",
        "printing-number",
        "section",
        "supplement-number",
        "version",
        "volume",
    ]
)


@dataclass(slots=True)
class ItemState:
    """Per-item disambiguation state."""

    year_suffix: str = ""
    extra_names: int = 0
    expand_given: int = 0
    expand: dict[int, int] = field(default_factory=dict)
    # How many disambiguate="true" conditions hold, counted in rendering order (citeproc-js
    # turns them on one at a time).
    disambiguate: int = 0


@dataclass(slots=True)
class Ctx:
    item: Item
    locale: Locale
    style: Style
    mode: str  # "citation" or "bibliography"
    state: ItemState = field(default_factory=ItemState)
    citation_number: int | None = None
    position: str = "first"
    locator: str | None = None
    label: str | None = None
    sorting: bool = False
    names_min: int | None = None
    names_use_first: int | None = None
    names_use_last: bool = False
    suppressed: set[str] = field(default_factory=set)
    called: int = 0
    rendered: int = 0
    tracking: list[set[str]] | None = None
    year_suffix_done: bool = False
    # The start of a date range whose ends share an era: "12–13 BC", the era printed once.
    no_era: bool = False
    names_parent: NamesEl | None = None
    first_names: str | None = None
    suppress_first_names: bool = False
    names_substituted_by_text: bool = False
    # One flag per open <substitute>: a names element in it has printed, so the names after
    # it print nothing, also inside the same <choose> branch (citeproc-js's can_substitute).
    substitute_filled: list[bool] = field(default_factory=list)
    near_note: bool = False
    first_note: int | None = None
    sas: str | None = None
    capitalize_term: bool = False
    sort_suffix: bool = False
    printed: bool = False
    attempted: bool = False
    sas_active: bool = False
    sas_previous: str | None = None
    names_key: str | None = None
    names_text: list[str] | None = None
    # Names a citation prints, as (position in its list, name, form, initialize-with):
    # the register of global given-name disambiguation.
    name_log: list[tuple[int, Item, str, str | None]] | None = None
    # A text variable (not the locator) was evaluated: the cite no longer collapses with the
    # one before it under its author (citeproc-js's have_collapsed).
    text_variable_seen: bool = False
    # The depth of parentheses from group and macro affixes in a note's citation (None when
    # not counted): nested ones print as square brackets (citeproc-js's checkNestedBrace).
    braces: list[int] | None = None
    # disambiguate="true" conditions met so far (held), and evaluated so far (seen).
    disambiguate_held: int = 0
    disambiguate_seen: int = 0
    sas_blocked: bool = False
    sort_dates: list[str] = field(default_factory=list)
    tag_spans: bool = False
    """Tag the text each variable produces with its name (labelled training strings)."""

    def brace(self, affix: str) -> str:
        """An affix with the parentheses at an odd depth turned into square brackets."""
        if self.braces is None or self.sorting or ("(" not in affix and ")" not in affix):
            return affix
        out = []
        for char in affix:
            if char == "(":
                out.append("[" if self.braces[0] % 2 else char)
                self.braces[0] += 1
            elif char == ")":
                self.braces[0] -= 1
                out.append("]" if self.braces[0] % 2 else char)
            else:
                out.append(char)
        return "".join(out)

    def value(self, name: str, form: str = "long") -> str | None:
        """A variable's value as text (None if empty or substituted away); counts the call."""
        value = self._lookup(name, form)
        if value and name in NUMBER_VARIABLES and not value.strip(" -–"):
            value = None  # a page of "-" prints nothing, its label stays (citeproc-js)
        self.attempted = self.attempted or name != "citation-number"
        if name == "year-suffix" and not value:
            # An empty year-suffix does not make a group "called but empty" (citeproc-js).
            return None
        self.called += 1
        if value:
            self.rendered += 1
            self.printed = self.printed or name != "citation-number"
            if self.tracking is not None:
                self.tracking[-1].add(name)
            return value
        return None

    def has(self, name: str) -> bool:
        """The ``variable`` condition: a variable used up by a ``<substitute>`` still counts as
        present (citeproc-js tests the item, not what is left to print)."""
        if name in NAME_VARIABLES:
            return bool(self.item.get(name))
        if name in DATE_VARIABLES:
            return bool(self.item.get(name))
        if name in self.suppressed:
            self.suppressed.discard(name)
            try:
                return bool(self._lookup(name, "long"))
            finally:
                self.suppressed.add(name)
        return bool(self._lookup(name, "long"))

    def _lookup(self, name: str, form: str) -> str | None:
        if name in self.suppressed:
            return None
        if name == "citation-number":
            return None if self.citation_number is None else str(self.citation_number)
        if name == "year-suffix":
            self.year_suffix_done = True
            if self.sorting and not self.sort_suffix:
                return None
            return self.state.year_suffix or None
        if name == "citation-label":
            label = str(self.item.get("citation-label") or "") or _trigraph(self.item)
            if label and self.state.year_suffix and not self.style.uses_year_suffix:
                self.year_suffix_done = True
                label += self.state.year_suffix
            return label or None
        if name == "page-first":
            page = self.item.get("page-first") or self.item.get("page")
            match = re.match(r"\s*([^\s,&\-–]+)", str(page)) if page else None
            return match.group(1) if match else None
        if name == "first-reference-note-number":
            return None if self.first_note is None else str(self.first_note)
        if name == "locator":
            locator = self.locator.strip() if self.locator else None
            if locator and (self.label or "page") == "page":
                return format_page_range(locator, self.style.page_range_format, self.locale)
            if locator:
                return re.sub(r"(?<=\d)\s*-\s*(?=\d)", "–", locator)
            return locator
        if form == "short":
            short = self.item.get(f"{name}-short") or self.item.get(_SHORT_ALIASES.get(name, ""))
            if short:
                return str(short)
        if name.endswith("-short") and not self.item.get(name):
            alias = self.item.get(_SHORT_ALIASES.get(name[: -len("-short")], ""))
            if alias:
                return str(alias)
        value = self.item.get(name)
        if value is None or value == "":
            return None
        return value if isinstance(value, str) else str(value)


Renderer = Callable[[Ctx], list[Node]]


_SHORT_ALIASES = {"container-title": "journalAbbreviation", "title": "shortTitle"}


class Element:
    """A compiled style element."""

    def render(self, ctx: Ctx) -> list[Node]:
        raise NotImplementedError

    def parts(self, ctx: Ctx) -> list[list[Node]]:
        """The output as the pieces a parent's delimiter goes between (a choose gives several)."""
        return [self.render(ctx)]


def _trigraph(item: Item) -> str:
    """citeproc-js's default citation label: Aaaa00, AaAa00, AaAA00, AAAA00."""
    names = item.get("author") or item.get("editor") or []
    families = [str(n.get("family") or n.get("literal") or "") for n in names][:4]
    families = [f for f in families if f]
    if not families:
        return ""
    widths = {1: [4], 2: [2, 2], 3: [2, 1, 1]}.get(len(families), [1, 1, 1, 1])
    letters = "".join(f[:w] for f, w in zip(families, widths, strict=False))
    parts = date_parts_of(item.get("issued"))
    year = f"{parts[0][0] % 100:02d}" if parts else ""
    return letters + year


def join(parts: Sequence[list[Node]], delimiter: str) -> list[Node]:
    out: list[Node] = []
    first = True
    for part in parts:
        if not part:
            continue
        if not first and delimiter:
            out.append(Text(delimiter))
        out.extend(part)
        first = False
    return out


def date_parts_of(value: Any) -> list[list[int]] | None:
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if not parts:
        raw = value.get("raw")
        if isinstance(raw, str):
            ends = [_ISO_DATE_RE.match(end.strip()) for end in raw.split("/")]
            if len(ends) <= 2 and all(ends):  # "2004-10-01" or an ISO range "2004-10-01/2004-10-14"
                return [[int(g) for g in end.groups() if g] for end in ends if end]
        return None
    out: list[list[int]] = []
    for date in parts:
        ints: list[int] = []
        for piece in date:
            try:
                ints.append(int(piece))
            except (TypeError, ValueError):
                break
        if ints:
            out.append(ints)
    return out or None


_ISO_DATE_RE = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


class Seq(Element):
    def __init__(self, children: list[Element], delimiter: str = "") -> None:
        self.children = children
        self.delimiter = delimiter

    def render(self, ctx: Ctx) -> list[Node]:
        return join(self.parts(ctx), self.delimiter)

    def parts(self, ctx: Ctx) -> list[list[Node]]:
        out: list[list[Node]] = []
        for child in self.children:
            out.extend(child.parts(ctx))
        return out
