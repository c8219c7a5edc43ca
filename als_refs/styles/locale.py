"""CSL locales: terms, localized date formats and style options, merged as CSL 1.0.2 says."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from lxml import etree

from als_refs.styles.locales import locale_path, resolve_locale

NS = "{http://purl.org/net/xbiblio/csl}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(slots=True)
class Term:
    single: str
    multiple: str
    gender: str | None = None
    match: str | None = None


@dataclass
class Locale:
    lang: str
    terms: dict[tuple[str, str], Term] = field(default_factory=dict)
    # terms with a gender-form (French "ᵉʳ"/"ʳᵉ"), by (name, gender); ``terms`` holds the neuter
    # form, or the last gendered one where the locale defines no neuter form
    gendered: dict[tuple[str, str], Term] = field(default_factory=dict)
    neuter: set[tuple[str, str]] = field(default_factory=set)
    dates: dict[str, Any] = field(default_factory=dict)
    punctuation_in_quote: bool = False
    limit_day_ordinals_to_day_1: bool = False

    def term(self, name: str, form: str = "long", plural: bool = False) -> str | None:
        for candidate in _FORM_FALLBACK.get(form, (form, "long")):
            found = self.terms.get((name, candidate))
            if found is not None:
                return found.multiple if plural else found.single
        return None

    def gender(self, name: str) -> str | None:
        """The grammatical gender of a term ("edition", "month-10"), which ordinals agree with."""
        found = self.terms.get((name, "long"))
        return found.gender if found else None

    def ordinal(self, number: int, long: bool = False, gender: str | None = None) -> str:
        if long and 1 <= number <= 10:
            word = self._ordinal_term(f"long-ordinal-{number:02d}", gender)
            if word is not None:
                return word.single
        return f"{number}{self._ordinal_suffix(number, gender)}"

    def _ordinal_term(self, name: str, gender: str | None) -> Term | None:
        if gender is None:
            return self.terms.get((name, "long"))
        found = self.gendered.get((name, gender))
        if found is not None:
            return found
        return self.terms.get((name, "long")) if (name, "long") in self.neuter else None

    def _ordinal_suffix(self, number: int, gender: str | None) -> str:
        two = number % 100
        if two >= 10:
            term = self._ordinal_term(f"ordinal-{two:02d}", gender)
            if term is not None and (term.match != "whole-number" or number == two):
                return term.single
        one = number % 10
        term = self._ordinal_term(f"ordinal-{one:02d}", gender)
        if term is not None:
            exact = {"whole-number": number, "last-two-digits": two}.get(term.match or "", one)
            if exact == one:
                return term.single
        fallback = self._ordinal_term("ordinal", gender) or self.terms.get(("ordinal", "long"))
        return fallback.single if fallback else ""

    def merge_element(self, element: Any) -> None:
        """Merge a ``<locale>`` element (from a locale file or a style) into this locale."""
        for child in element:
            tag = child.tag
            if tag == NS + "terms":
                self._merge_terms(child)
            elif tag == NS + "date":
                self.dates[child.get("form")] = child
            elif tag == NS + "style-options":
                value = child.get("punctuation-in-quote")
                if value is not None:
                    self.punctuation_in_quote = value == "true"
                value = child.get("limit-day-ordinals-to-day-1")
                if value is not None:
                    self.limit_day_ordinals_to_day_1 = value == "true"

    def _merge_terms(self, terms: Any) -> None:
        defines_ordinals = any(
            (t.get("name") or "").startswith("ordinal") for t in terms if t.tag == NS + "term"
        )
        if defines_ordinals:
            for key in [k for k in self.terms if k[0].startswith("ordinal")]:
                del self.terms[key]
                self.neuter.discard(key)
            for key in [k for k in self.gendered if k[0].startswith("ordinal")]:
                del self.gendered[key]
        for term in terms:
            if term.tag != NS + "term":
                continue
            name = term.get("name")
            form = term.get("form", "long")
            single_el = term.find(NS + "single")
            if single_el is not None:
                multiple_el = term.find(NS + "multiple")
                single = single_el.text or ""
                multiple = multiple_el.text or "" if multiple_el is not None else single
            else:
                single = multiple = term.text or ""
            # citeproc-js's XML reader drops text that is only layout ("<term>\n  </term>")
            single, multiple = (_layout_blank(t) for t in (single, multiple))
            found = Term(single, multiple, term.get("gender"), term.get("match"))
            gender_form = term.get("gender-form")
            if gender_form is not None and form == "long":
                self.gendered[(name, gender_form)] = found
            if gender_form is None:
                self.neuter.add((name, form))
            elif (name, form) in self.neuter:
                continue
            self.terms[(name, form)] = found


def _layout_blank(text: str) -> str:
    return "" if "\n" in text and not text.strip() else text


_FORM_FALLBACK = {
    "long": ("long",),
    "short": ("short", "long"),
    "verb": ("verb", "long"),
    "verb-short": ("verb-short", "verb", "long"),
    "symbol": ("symbol", "short", "long"),
}


@cache
def _parse_locale_file(tag: str) -> Any:
    return etree.parse(str(locale_path(tag))).getroot()


def build_locale(lang: str, style_locales: list[Any]) -> Locale:
    """The locale for ``lang``: en-US, then the locale file, then the style's own overrides."""
    resolved = resolve_locale(lang) or "en-US"
    locale = Locale(lang=lang)
    chain = ["en-US"]
    primary = resolve_locale(lang.split("-")[0])
    if primary and primary not in chain:
        chain.append(primary)
    if resolved not in chain:
        chain.append(resolved)
    for tag in chain:
        locale.merge_element(_parse_locale_file(tag))
    language = lang.split("-")[0]
    for wanted in (None, language, lang):
        for element in style_locales:
            if element.get(XML_LANG) == wanted:
                locale.merge_element(element)
    return locale
