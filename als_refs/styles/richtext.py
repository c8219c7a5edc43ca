"""Formatted text: the tree a CSL layout renders to, and its text, HTML and Markdown forms.

Rendering produces a list of *nodes*: :class:`Text` leaves (``data`` from a record, ``lit`` from
the style), :class:`Quote` markers and :class:`Span` nodes carrying formatting. Flattening turns
the tree into runs ``(text, formats)``, resolving quote levels, punctuation collisions
(``"disease?" + "."``) and punctuation-in-quote; the writers then produce plain text, HTML (every
character from the data escaped, as citeproc-js escapes it) or Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Format = tuple[str, str]
"""A formatting property and value: ("font-style", "italic")."""


@dataclass(slots=True)
class Text:
    text: str
    nocase: bool = False
    data: bool = False
    """From a record rather than the style: its punctuation stays where the data put it."""
    fixed: bool = False
    """A style's ``<text value>``: citeproc-js never moves its punctuation into quotes."""
    var: str = ""
    """The variable whose rendering produced the text (set only when a processor is asked to
    tag spans, for labelled training strings); never changes the output."""


@dataclass(slots=True)
class Quote:
    """An opening or closing quotation mark, its level (outer/inner) resolved when flattening."""

    opening: bool
    from_style: bool = False
    """A quote the style adds (quotes="true"); punctuation moves only into those."""
    char: str = ""
    """A data quote's opening mark: ``"`` for the first straight kind in its value, ``'`` for
    the other, or the curly mark as written (its level, outer or inner, decided by the locale)."""


@dataclass(slots=True)
class Span:
    children: list[Node]
    formats: tuple[Format, ...] = ()
    display: str | None = None


Node = Text | Quote | Span


@dataclass(slots=True)
class Run:
    text: str
    formats: tuple[Format, ...] = ()
    display: tuple[str, ...] = ()
    data: bool = False
    fixed: bool = False
    var: str = ""


@dataclass(slots=True)
class QuoteMarks:
    open_outer: str = "“"
    close_outer: str = "”"
    open_inner: str = "‘"
    close_inner: str = "’"
    punctuation_in_quote: bool = False


# ---------------------------------------------------------------- markup in field values

_TAG_RE = re.compile(
    r"(<i>|</i>|<b>|</b>|<sup>|</sup>|<sub>|</sub>|<sc>|</sc>|<span class=\"nocase\">"
    r"|<span style=\"font-variant:\s*small-caps;?\">|<span class=\"nodecor\">|</span>"
    r"|[\"'“”‘’])"
)
_QUOTE_PAIRS = {'"': '"', "'": "'", "“": "”", "‘": "’"}
_OPEN_BEFORE = " \t\n([{“‘«/-\u00a0'\">"
_TAG_FORMATS: dict[str, Format | None] = {
    "<i>": ("font-style", "italic"),
    "<b>": ("font-weight", "bold"),
    "<sup>": ("vertical-align", "sup"),
    "<sub>": ("vertical-align", "sub"),
    "<sc>": ("font-variant", "small-caps"),
    '<span class="nocase">': None,
    '<span class="nodecor">': None,
}
_CLOSERS = {"</i>": "<i>", "</b>": "<b>", "</sup>": "<sup>", "</sub>": "<sub>", "</sc>": "<sc>"}
_NODECOR: tuple[Format, ...] = (
    ("font-style", "normal"),
    ("font-variant", "normal"),
    ("font-weight", "normal"),
)
# Text in these keeps its case whatever the style's text-case says (citeproc-js).
_IMPLICIT_NOCASE = ("<sup>", "<sub>", "<sc>", "<span style")


def _superscript_table() -> dict[str, str]:
    """Unicode superscript characters ("²", "ª") and their plain letters, from Unicode data."""
    import unicodedata

    table = {}
    for code in range(0x00A0, 0x3300):
        char = chr(code)
        decomposition = unicodedata.decomposition(char)
        if decomposition.startswith("<super> "):
            table[char] = "".join(chr(int(h, 16)) for h in decomposition.split()[1:])
    # citeproc-js's table also lifts these modifier letters, which Unicode does not decompose
    table.update({"\u02c0": "\u0294", "\u02c1": "\u0295", "\u06e5": "\u0648", "\u06e6": "\u064a"})
    return table


_SUPERSCRIPTS = _superscript_table()
SUPERSCRIPT_CHAR: Format = ("vertical-align", "sup-char")
"""A lifted superscript character: its own <sup>, never merged with the next one."""
SUPERSCRIPT_RE = re.compile("([" + "".join(map(re.escape, _SUPERSCRIPTS)) + "]+)")


def lift_superscripts(nodes: list[Node]) -> list[Node]:
    """citeproc-js writes "²" in data as <sup>2</sup>, one <sup> per character ("ᵉʳ")."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Text) and SUPERSCRIPT_RE.search(node.text):
            for index, piece in enumerate(SUPERSCRIPT_RE.split(node.text)):
                if not piece:
                    continue
                if index % 2:
                    out.extend(
                        Span(
                            [Text(_SUPERSCRIPTS[c], node.nocase, var=node.var)], (SUPERSCRIPT_CHAR,)
                        )
                        for c in piece
                    )
                else:
                    out.append(Text(piece, node.nocase, var=node.var))
        elif isinstance(node, Span):
            out.append(Span(lift_superscripts(node.children), node.formats, node.display))
        else:
            out.append(node)
    return out


def parse_markup(value: str) -> list[Node]:
    nodes = _parse_markup(value)
    if SUPERSCRIPT_RE.search(value):
        return lift_superscripts(nodes)
    return nodes


def _parse_markup(value: str) -> list[Node]:
    """Field text as nodes: the inline tags citeproc-js honours, quotes as quote marks.

    Straight or curly quotes that pair up become quote marks (their level, outer or inner, is
    decided when flattening); an apostrophe becomes ’. Anything else (``<script>``, a stray
    ``<``) stays literal text, escaped on output.
    """
    if "<" not in value and '"' not in value and "'" not in value and not _CURLY_OPEN & set(value):
        return [Text(value)]
    root: list[Node] = []
    stack: list[tuple[str, list[Node], bool]] = [("", root, False)]
    pos = 0
    for match in _TAG_RE.finditer(value):
        tag = match.group(0)
        _append_text(stack, value[pos : match.start()])
        pos = match.end()
        if tag in "\"'“”‘’":
            _quote(stack, tag, value, match.start())
        elif tag in _TAG_FORMATS or tag.startswith("<span style"):
            # nodecor text keeps its case too (citeproc-js's text-case skips both spans)
            nocase = tag in ('<span class="nocase">', '<span class="nodecor">') or tag.startswith(
                _IMPLICIT_NOCASE
            )
            stack.append((tag, [], stack[-1][2] or nocase))
        elif _closes(stack, tag):
            _close(stack)
        else:
            _append_text(stack, tag)
    _append_text(stack, value[pos:])
    while len(stack) > 1:
        opened, children, _ = stack.pop()
        # An unclosed tag or quote was literal text after all.
        literal = "’" if opened == "'" else opened
        stack[-1][1].extend([Text(literal), *children])
    _straight_kinds(root, [])
    return root


_CURLY_OPEN = frozenset("“‘")


def _straight_kinds(nodes: list[Node], first: list[str]) -> None:
    """The first straight quote of a value takes the outer form, the other straight kind the
    inner one (citeproc-js's ``_setOuterQuoteForm``): kept as ``"`` and ``'`` respectively."""
    for node in nodes:
        if isinstance(node, Quote) and node.opening and node.char in ('"', "'"):
            if not first:
                first.append(node.char)
            node.char = '"' if node.char == first[0] else "'"
        elif isinstance(node, Span):
            _straight_kinds(node.children, first)


def _quote(stack: list[tuple[str, list[Node], bool]], char: str, value: str, at: int) -> None:
    before = value[at - 1] if at > 0 else " "
    after = value[at + 1] if at + 1 < len(value) else " "
    top = stack[-1][0]
    closes = top in _QUOTE_PAIRS and _QUOTE_PAIRS[top] == char and not before.isspace()
    if closes and not (char in "'’" and after.isalnum()):  # "You're" is an apostrophe
        opened, children, _ = stack.pop()
        stack[-1][1].extend([Quote(True, char=opened), *children, Quote(False)])
        return
    if char in "\"'“‘" and before in _OPEN_BEFORE and not after.isspace():
        stack.append((char, [], stack[-1][2]))
        return
    _append_text(stack, "’" if char == "'" else char)


def _closes(stack: list[tuple[str, list[Node], bool]], tag: str) -> bool:
    if len(stack) < 2:
        return False
    opened = stack[-1][0]
    if tag == "</span>":
        return opened.startswith("<span")
    return _CLOSERS.get(tag) == opened


def _close(stack: list[tuple[str, list[Node], bool]]) -> None:
    tag, children, _ = stack.pop()
    if tag == '<span class="nodecor">':
        stack[-1][1].append(Span(children, _NODECOR))
        return
    if tag.startswith("<span style"):
        fmt: Format | None = ("font-variant", "small-caps")
    else:
        fmt = _TAG_FORMATS.get(tag)
    if fmt is None:
        for child in children:
            _mark_nocase(child)
        stack[-1][1].append(Span(children))
    else:
        stack[-1][1].append(Span(children, (fmt,)))


def _mark_nocase(node: Node) -> None:
    if isinstance(node, Text):
        node.nocase = True
    elif isinstance(node, Span):
        for child in node.children:
            _mark_nocase(child)


def _append_text(stack: list[tuple[str, list[Node], bool]], text: str) -> None:
    if not text:
        return
    nodes = stack[-1][1]
    nocase = stack[-1][2]
    if nodes and isinstance(nodes[-1], Text) and nodes[-1].nocase == nocase:
        nodes[-1] = Text(nodes[-1].text + text, nocase)
    else:
        nodes.append(Text(text, nocase=nocase))


# ---------------------------------------------------------------- helpers on trees


def plain(nodes: Iterable[Node]) -> str:
    """The characters of the nodes (quotes as straight quotes), for comparisons and sorting."""
    out: list[str] = []
    _plain_into(nodes, out)
    return "".join(out)


def _plain_into(nodes: Iterable[Node], out: list[str]) -> None:
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Quote):
            out.append('"')
        else:
            _plain_into(node.children, out)


def is_empty(nodes: Sequence[Node]) -> bool:
    for node in nodes:
        if isinstance(node, Text):
            if node.text:
                return False
        elif isinstance(node, Quote) or not is_empty(node.children):
            return False
    return True


def map_text(nodes: Sequence[Node], func: TextFunc) -> list[Node]:
    """Apply ``func`` to every text leaf that is not protected by ``nocase``."""
    state = _CaseState()
    func.last_leaf = _last_text(nodes)
    return [_map_node(node, func, state) for node in nodes]


def _last_text(nodes: Sequence[Node]) -> Text | None:
    for node in reversed(nodes):
        if isinstance(node, Text) and node.text.strip():
            return node
        if isinstance(node, Span):
            found = _last_text(node.children)
            if found is not None:
                return found
    return None


@dataclass(slots=True)
class _CaseState:
    at_start: bool = True
    after_colon: bool = False
    extra: dict[str, bool] = field(default_factory=dict)


class TextFunc:
    """A text transformation that sees the text leaves in order (for "first word" rules)."""

    last_leaf: Text | None = None
    current_is_last: bool = False

    def __call__(self, text: str, at_start: bool) -> str:
        raise NotImplementedError


def _map_node(node: Node, func: TextFunc, state: _CaseState) -> Node:
    if isinstance(node, Text):
        if not node.text:
            return node
        if node.nocase:
            state.at_start = False
            return node
        func.current_is_last = node is func.last_leaf
        result = Text(
            func(node.text, state.at_start), data=node.data, fixed=node.fixed, var=node.var
        )
        state.at_start = False
        return result
    if isinstance(node, Quote):
        return node
    return Span(
        [_map_node(child, func, state) for child in node.children], node.formats, node.display
    )


def tag(nodes: Sequence[Node], var: str) -> list[Node]:
    """Copies of ``nodes`` whose text leaves not yet tagged say they come from ``var``."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Text):
            tagged = node.var or not node.text
            out.append(node if tagged else Text(node.text, node.nocase, node.data, node.fixed, var))
        elif isinstance(node, Span):
            out.append(Span(tag(node.children, var), node.formats, node.display))
        else:
            out.append(node)
    return out


def first_char(nodes: Sequence[Node]) -> str:
    for node in nodes:
        if isinstance(node, Text):
            if node.text:
                return node.text[0]
        elif isinstance(node, Quote):
            return '"'
        else:
            found = first_char(node.children)
            if found:
                return found
    return ""


# ---------------------------------------------------------------- flattening

_END_PUNCT = ".?!"


def flatten(nodes: Sequence[Node], marks: QuoteMarks) -> list[Run]:
    runs: list[Run] = []
    _flatten_into(nodes, (), (), runs, marks, [])
    _fix_punctuation(runs, marks)
    return [run for run in runs if run.text]


def _flatten_into(
    nodes: Sequence[Node],
    formats: tuple[Format, ...],
    display: tuple[str, ...],
    runs: list[Run],
    marks: QuoteMarks,
    levels: list[bool],
) -> None:
    """``levels``: the open quotes, True for the outer form; a nested quote takes the other
    form, an outermost data quote its own (citeproc-js: "‘x’" stays inner in en-US)."""
    for node in nodes:
        if isinstance(node, Text):
            if node.text:
                runs.append(Run(node.text, formats, display, node.data, node.fixed, node.var))
        elif isinstance(node, Quote):
            if node.opening:
                levels.append(not levels[-1] if levels else _outer_form(node, marks))
                mark = marks.open_outer if levels[-1] else marks.open_inner
                runs.append(Run(mark, formats, display))
            else:
                outer = levels.pop() if levels else True
                mark = marks.close_outer if outer else marks.close_inner
                runs.append(Run(mark, formats, display))
                marker = "\x00close-quote-style" if node.from_style else "\x00close-quote"
                runs[-1].display = (*display, marker)
        else:
            merged = _merge_formats(formats, node.formats)
            child_display = (*display, node.display) if node.display else display
            _flatten_into(node.children, merged, child_display, runs, marks, levels)


def _outer_form(quote: Quote, marks: QuoteMarks) -> bool:
    inner = quote.char == "'" or (quote.char == marks.open_inner and quote.char in _CURLY_OPEN)
    return not inner


_NEUTRAL = {
    "font-style": "normal",
    "font-weight": "normal",
    "font-variant": "normal",
    "text-decoration": "none",
    "vertical-align": "baseline",
}


def _merge_formats(outer: tuple[Format, ...], inner: tuple[Format, ...]) -> tuple[Format, ...]:
    """Nest ``inner`` formatting in ``outer`` as citeproc-js does: a neutral value ("normal")
    only where it undoes something, and the same emphasis twice flips back to neutral."""
    if not inner:
        return outer
    result = list(outer)
    for prop, value in inner:
        current = next((v for p, v in reversed(result) if p == prop), None)
        neutral = _NEUTRAL.get(prop)
        if current is None or current == neutral:
            if value != neutral:
                result.append((prop, value))
        elif current == value:
            if prop in ("font-style", "font-weight", "font-variant") and neutral:
                result.append((prop, neutral))
        else:
            result.append((prop, value))
    return tuple(result)


def _is_close_quote(run: Run) -> bool:
    return bool(run.display) and run.display[-1].startswith("\x00close-quote")


def _fix_punctuation(runs: list[Run], marks: QuoteMarks) -> None:
    """Merge colliding punctuation as citeproc-js does and, where the locale asks for it, move
    periods, commas, question and exclamation marks inside closing quotes."""
    for index in range(1, len(runs)):
        run = runs[index]
        if not run.text or run.text[0] not in ".,;:!?":
            continue
        punct = run.text[0]
        prev_index = _previous_nonempty(runs, index)
        if prev_index is None:
            continue
        previous = runs[prev_index]
        if punct in "!?" and previous.text[-1] in ":;" and not _is_close_quote(previous):
            previous.text = previous.text[:-1]  # "colon:" + "!" -> "colon!"
            prev_index = _previous_nonempty(runs, index)
            if prev_index is None:
                continue
        # Look through closing quotes to the text they close.
        quote_indices: list[int] = []
        probe: int | None = prev_index
        while probe is not None and _is_close_quote(runs[probe]):
            quote_indices.append(probe)
            probe = _previous_nonempty(runs, probe)
        inner = runs[quote_indices[-1]] if quote_indices else None
        mark = _close_mark(inner.text, marks) if inner is not None else ""
        moved = inner.text[: -len(mark)] if inner is not None else ""  # moved in before
        if probe is not None:
            last = moved[-1:] or runs[probe].text[-1]
            if _swallows(last, punct):
                run.text = run.text[1:]
                continue
        styled = any(runs[i].display[-1].endswith("style") for i in quote_indices)
        movable = quote_indices and not run.fixed and (styled or not run.data)
        if movable and marks.punctuation_in_quote and punct in ".,!?" and probe is not None:
            run.text = run.text[1:]
            if inner is not None and (moved or inner.formats != runs[probe].formats):
                # Outside the quoted text's own markup: "<i>Piers Plowman</i>,”" (citeproc-js).
                inner.text = moved + punct + mark
            else:
                runs[probe].text += punct
            continue
        if not quote_indices and punct == "." and runs[prev_index].text.endswith("."):
            run.text = run.text[1:]
    for run in runs:
        if _is_close_quote(run):
            run.display = run.display[:-1]


def _close_mark(text: str, marks: QuoteMarks) -> str:
    for mark in (marks.close_outer, marks.close_inner):
        if mark and text.endswith(mark):
            return mark
    return text[-1:]


def _swallows(last: str, punct: str) -> bool:
    """citeproc-js's table: "?" + "." -> "?", ";" + ":" -> ";", but "," + "." keeps both."""
    if punct == last:
        return True
    if punct == ":":
        return last in ";!?"
    if punct == ".":
        return last in ":;!?"
    return False


def _previous_nonempty(runs: list[Run], index: int) -> int | None:
    for probe in range(index - 1, -1, -1):
        if runs[probe].text:
            return probe
    return None


# ---------------------------------------------------------------- writers


_HTML_DISPLAY = {
    "block": ('\n\n    <div class="csl-block">', "</div>\n"),
    "left-margin": ('\n    <div class="csl-left-margin">', "</div>"),
    "right-inline": ('<div class="csl-right-inline">', "</div>\n  "),
    "indent": ('<div class="csl-indent">', "</div>\n  "),
}
_TEXT_DISPLAY = {
    "block": ("\n", ""),
    "left-margin": ("", " "),
    "right-inline": ("", ""),
    "indent": ("\n    ", ""),
}


def _by_display(runs: Sequence[Run]) -> list[tuple[str | None, list[Run]]]:
    groups: list[tuple[str | None, list[Run]]] = []
    for run in runs:
        display = run.display[0] if run.display else None
        if groups and groups[-1][0] == display:
            groups[-1][1].append(run)
        else:
            groups.append((display, [run]))
    return groups


def to_text(runs: Sequence[Run]) -> str:
    out: list[str] = []
    for display, group in _by_display(runs):
        text = "".join(run.text for run in group)
        if display is None:
            out.append(text)
        else:
            before, after = _TEXT_DISPLAY.get(display, ("", ""))
            out.append(before + text + after)
    return "".join(out)


def to_text_spans(runs: Sequence[Run]) -> tuple[str, list[tuple[int, int, str]]]:
    """:func:`to_text`'s string and, for each run tagged with a variable, its character span."""
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    length = 0
    for display, group in _by_display(runs):
        before, after = ("", "") if display is None else _TEXT_DISPLAY.get(display, ("", ""))
        out.append(before)
        length += len(before)
        for run in group:
            if run.var:
                spans.append((length, length + len(run.text), run.var))
            out.append(run.text)
            length += len(run.text)
        out.append(after)
        length += len(after)
    return "".join(out), spans


def escape_html(text: str) -> str:
    return text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")


_HTML_TAGS: dict[Format, tuple[str, str]] = {
    ("font-style", "italic"): ("<i>", "</i>"),
    ("font-style", "oblique"): ('<em style="font-style:oblique;">', "</em>"),
    ("font-style", "normal"): ('<span style="font-style:normal;">', "</span>"),
    ("font-weight", "bold"): ("<b>", "</b>"),
    ("font-weight", "light"): ('<span style="font-weight:light;">', "</span>"),
    ("font-weight", "normal"): ('<span style="font-weight:normal;">', "</span>"),
    ("font-variant", "small-caps"): ('<span style="font-variant:small-caps;">', "</span>"),
    ("font-variant", "normal"): ('<span style="font-variant:normal;">', "</span>"),
    ("vertical-align", "sup"): ("<sup>", "</sup>"),
    SUPERSCRIPT_CHAR: ("<sup>", "</sup>"),
    ("vertical-align", "sub"): ("<sub>", "</sub>"),
    ("vertical-align", "baseline"): ('<span style="baseline">', "</span>"),
    ("text-decoration", "underline"): ('<span style="text-decoration:underline;">', "</span>"),
    ("text-decoration", "none"): ('<span style="text-decoration:none;">', "</span>"),
}


def to_html(runs: Sequence[Run]) -> str:
    out: list[str] = []
    for display, group in _by_display(runs):
        if display is None:
            out.append(_html_formats(group))
        else:
            before, after = _HTML_DISPLAY.get(display, _HTML_DISPLAY["block"])
            body = _html_formats(group)
            trailing = ""
            if display == "right-inline":
                # citeproc-js moves the entry's trailing space out of the right-inline block.
                stripped = body.rstrip(" ")
                body, trailing = stripped, body[len(stripped) :]
            out.append(before + body + after + trailing)
    return "".join(out)


def _html_formats(runs: Sequence[Run]) -> str:
    out: list[str] = []
    open_formats: tuple[Format, ...] = ()
    for run in runs:
        common = _common_prefix(open_formats, run.formats)
        if SUPERSCRIPT_CHAR in open_formats[:common]:
            common = open_formats.index(SUPERSCRIPT_CHAR)
        _close_formats(out, open_formats, common)
        for fmt in run.formats[common:]:
            out.append(_HTML_TAGS.get(fmt, ("<span>", "</span>"))[0])
        open_formats = run.formats
        out.append(escape_html(run.text))
    _close_formats(out, open_formats, 0)
    return "".join(out)


def _common_prefix(a: Sequence[object], b: Sequence[object]) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _close_formats(out: list[str], formats: tuple[Format, ...], keep: int) -> None:
    for fmt in reversed(formats[keep:]):
        out.append(_HTML_TAGS.get(fmt, ("<span>", "</span>"))[1])


_MD_ESCAPE = re.compile(r"([\\`*_\[\]<>#|~])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_TAGS: dict[Format, tuple[str, str]] = {
    ("font-style", "italic"): ("*", "*"),
    ("font-style", "oblique"): ("*", "*"),
    ("font-weight", "bold"): ("**", "**"),
    ("vertical-align", "sup"): ("<sup>", "</sup>"),
    SUPERSCRIPT_CHAR: ("<sup>", "</sup>"),
    ("vertical-align", "sub"): ("<sub>", "</sub>"),
}


_MD_BREAK = re.compile(r"\s*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]\s*")
"""A line break in the data (with the blanks around it): in Markdown it would start a paragraph,
a list or a heading, so it becomes one space."""


def escape_markdown(text: str) -> str:
    text = _MD_BREAK.sub(" ", text)
    return _MD_ENTITY.sub(r"\\&", _MD_ESCAPE.sub(r"\\\1", text))


def to_markdown(runs: Sequence[Run]) -> str:
    out: list[str] = []
    for display, group in _by_display(runs):
        text = _markdown_formats(group)
        if display is None:
            out.append(text)
        else:
            before, after = _TEXT_DISPLAY.get(display, ("", ""))
            out.append(before.replace("\n", " ") + text + after)
    return "".join(out)


def _effective(formats: tuple[Format, ...]) -> tuple[Format, ...]:
    """The formats that win: a nested "normal" cancels the italics around it."""
    last = dict(formats)
    seen: list[Format] = []
    for prop, _ in formats:
        fmt = (prop, last[prop])
        if fmt not in seen:
            seen.append(fmt)
    return tuple(seen)


def _markdown_formats(runs: Sequence[Run]) -> str:
    out: list[str] = []
    open_formats: tuple[Format, ...] = ()
    for run in runs:
        formats = tuple(f for f in _effective(run.formats) if f in _MD_TAGS)
        common = _common_prefix(open_formats, formats)
        for fmt in reversed(open_formats[common:]):
            out.append(_MD_TAGS[fmt][1])
        for fmt in formats[common:]:
            out.append(_MD_TAGS[fmt][0])
        open_formats = formats
        out.append(escape_markdown(run.text))
    for fmt in reversed(open_formats):
        out.append(_MD_TAGS[fmt][1])
    return "".join(out)
