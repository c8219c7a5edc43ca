"""``cs:date``: localized and non-localized dates, date ranges, seasons, eras and the year
suffix, as citeproc-js writes them; in a sort key, the date's value instead."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from als_refs.styles.context import Ctx, Element, date_parts_of, join
from als_refs.styles.deco import Deco
from als_refs.styles.locale import NS, Locale
from als_refs.styles.richtext import Node, Span, Text, is_empty, lift_superscripts, tag
from als_refs.styles.sortkeys import date_sort_text

if TYPE_CHECKING:
    from als_refs.styles.engine import Style


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
            key = " ".join(date_sort_text(part, shown) for part in parts[:2])
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


def _era(year: int) -> str:
    return "bc" if year < 0 else "ad" if 0 < year < 500 else ""
