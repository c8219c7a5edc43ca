"""``cs:choose``: the first branch whose ``cs:if``/``cs:else-if`` conditions hold (type,
variable, is-numeric, is-uncertain-date, locator, position, disambiguate), else ``cs:else``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from als_refs.styles.context import Ctx, Element, Seq, join
from als_refs.styles.locale import NS
from als_refs.styles.numbers import is_numeric
from als_refs.styles.richtext import Node

if TYPE_CHECKING:
    from als_refs.styles.engine import Style


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
