"""Text <-> LaTeX for BibTeX field values, built on pylatexenc.

:func:`encode` escapes what LaTeX and BibTeX give a meaning to (``& % $ # _ ~ ^ \\`` and braces),
breaks the input ligatures LaTeX would merge (``--``, ````, ``''``, ``<<``...), and optionally
writes non-ASCII characters as LaTeX macros (``Chiò`` -> ``Chi{\\`o}``). :func:`decode` reads
LaTeX back to Unicode with pylatexenc's ``LatexNodes2Text``, taught the few macros we write that
its default database lacks or reads differently, so that ``decode(encode(text)) == text`` for
every character :func:`latex_roundtrips` accepts.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from pylatexenc.latexencode import UnicodeToLatexEncoder
from pylatexenc.latexwalker import LatexWalker
from pylatexenc.latexwalker import get_default_latex_context_db as get_default_walker_db
from pylatexenc.macrospec import LatexContextDb, MacroSpec

# Lone braces are written as text macros, never ``\{``: BibTeX counts ``\{`` as a brace.
_ASCII_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# Pairs TeX fonts turn into one glyph (en dash, curly quotes, guillemets, inverted marks).
_LIGATURES = frozenset({"--", "``", "''", "!`", "?`", "<<", ">>", ",,"})
_LIGATURE_PAIR = re.compile("|".join(re.escape(pair) for pair in sorted(_LIGATURES)))
_NOTHING_TO_ESCAPE = re.compile(r"[ !\"'-\[\]`a-z|]*")
"""Printable ASCII but for ``# $ % & \\ ^ _ { } ~``: :func:`encode` returns such text as it is."""

_KEEP_ARGUMENT = ("texttt", "textrm", "textsf", "textup", "textmd", "textnormal", "mbox")

# What our decoder must read exactly as the encoder means it (pylatexenc reads
# ``\textasciicircum`` as U+02C6 and does not know the brace macros).
_DECODE_MACROS = [
    MacroTextSpec("textbraceleft", "{"),
    MacroTextSpec("textbraceright", "}"),
    MacroTextSpec("textasciicircum", "^"),
    MacroTextSpec("textasciitilde", "~"),
    MacroTextSpec("textbackslash", "\\"),
    # Dashes by name, as bibliographies that define them in @preamble write them.
    MacroTextSpec("emdash", "\u2014"),
    MacroTextSpec("endash", "\u2013"),
    # Font switches whose argument pylatexenc's database drops: the words stay.
    *(MacroTextSpec(name, simplify_repl="%s") for name in _KEEP_ARGUMENT),
]


_LOGOS = {
    "TeX": "TeX",
    "LaTeX": "LaTeX",
    "LaTeXe": "LaTeX2e",
    "BibTeX": "BibTeX",
    "XeTeX": "XeTeX",
    "XeLaTeX": "XeLaTeX",
    "LuaTeX": "LuaTeX",
    "LuaLaTeX": "LuaLaTeX",
    "ConTeXt": "ConTeXt",
    "MF": "METAFONT",
    "MP": "METAPOST",
    "AmS": "AMS",
    "AMS": "AMS",
    "AmSTeX": "AMS-TeX",
    "eTeX": "e-TeX",
    "pdfTeX": "pdfTeX",
    "pdfLaTeX": "pdfLaTeX",
    "SliTeX": "SLiTeX",
    "PiCTeX": "PiCTeX",
    "BibLaTeX": "BibLaTeX",
    "biblatex": "biblatex",
    "LyX": "LyX",
}
"""TeX logos, spelled as text: pylatexenc's default database drops them."""

# LaTeX markup -> CSL rich text (the HTML-like tags citeproc processors read).
_RICH = {
    "emph": "i",
    "textit": "i",
    "textsl": "i",
    "mkbibemph": "i",
    "mkbibitalic": "i",
    "textbf": "b",
    "mkbibbold": "b",
    "textsuperscript": "sup",
    "mkbibsuperscript": "sup",
    "textsubscript": "sub",
    "mkbibsubscript": "sub",
}
# Tags travel through the decoder as private-use characters, so that text characters can be
# escaped afterwards without touching them.
_OPEN, _CLOSE = "\ue000", "\ue001"
_TAGS = {"i": "<i>", "/i": "</i>", "b": "<b>", "/b": "</b>", "sup": "<sup>", "/sup": "</sup>"}
_TAGS |= {"sub": "<sub>", "/sub": "</sub>", "/span": "</span>"}
_TAGS |= {"sc": '<span style="font-variant:small-caps;">'}
_RICH_MACROS = [
    *(
        MacroTextSpec(name, simplify_repl=f"{_OPEN}{tag}{_CLOSE}%s{_OPEN}/{tag}{_CLOSE}")
        for name, tag in _RICH.items()
    ),
    MacroTextSpec("textsc", simplify_repl=f"{_OPEN}sc{_CLOSE}%s{_OPEN}/span{_CLOSE}"),
]
_PLACEHOLDER = re.compile(f"{_OPEN}([a-z/]+){_CLOSE}")
_MATH = re.compile(r"(?<!\\)\$([^$]{1,200})\$")
_SCRIPT = re.compile(r"([_^])(\{[^{}]*\}|\\[A-Za-z]+|[^\s{}\\])")
_NOOPSORT = re.compile(r"\\noopsort\s*\{[^{}]*\}")
_SPACE = re.compile(r"\s+")

_BARE_PERCENT = re.compile(r"(?<!\\)%")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
"""Control characters: no TeX engine or biber takes them (pdflatex errors, biber aborts)."""


@functools.cache
def _decoder(rich: bool = False) -> LatexNodes2Text:
    db = get_default_latex_context_db().filter_context()
    logos = [MacroTextSpec(name, text) for name, text in _LOGOS.items()]
    macros = [*_DECODE_MACROS, *logos, *(_RICH_MACROS if rich else [])]
    db.add_context_category("als-refs", macros=macros, prepend=True)
    return LatexNodes2Text(latex_context=db, math_mode="text")


def _scripts(match: re.Match[str]) -> str:
    macro = "textsuperscript" if match.group(1) == "^" else "textsubscript"
    body = match.group(2)
    return f"\\{macro}{body if body.startswith('{') else '{' + body + '}'}"


def _math_to_text_macros(latex: str) -> str:
    """``H$_2$O`` -> ``H\\textsubscript{2}O``: sub- and superscripts in math become the text
    macros the rich-text decoder turns into ``<sub>``/``<sup>``."""
    return _MATH.sub(lambda m: _SCRIPT.sub(_scripts, m.group(1)), latex)


@functools.lru_cache(maxsize=4096)
def decode_rich(latex: str) -> str:
    """LaTeX to CSL rich text: Unicode, with ``\\emph``/``\\textit`` as ``<i>``, ``\\textbf``
    as ``<b>``, super/subscripts (text or math) as ``<sup>``/``<sub>``, whitespace collapsed.
    Other text stays raw (``&``, ``<``), as Zotero and citeproc-js write CSL-JSON."""
    prepared = _math_to_text_macros(_shallow(_NOOPSORT.sub("", latex)))
    if not any(c in prepared for c in "\\{}$%~-`'!?"):
        text = prepared
    else:
        nodes = LatexWalker(
            _BARE_PERCENT.sub(r"\\%", prepared), latex_context=_walker_db(), tolerant_parsing=True
        ).get_latex_nodes()[0]
        text = _decoder(rich=True).nodelist_to_text(nodes)
    tagged = _PLACEHOLDER.sub(lambda m: _TAGS.get(m.group(1), ""), text)
    return _SPACE.sub(" ", tagged).strip()


_MAX_DEPTH = 32
"""Brace groups nested deeper than this only group: pylatexenc recurses once per level."""


def has_control(text: str) -> bool:
    """Whether ``text`` holds a character :func:`without_control` drops."""
    return _CONTROL.search(text) is not None


def without_control(text: str) -> str:
    """``text`` less the control characters no TeX engine or biber accepts (NUL, ESC...)."""
    return _CONTROL.sub("", text)


def _shallow(latex: str) -> str:
    """``latex`` with the braces beyond :data:`_MAX_DEPTH` levels removed (their text kept)."""
    if latex.count("{") <= _MAX_DEPTH:
        return latex
    out: list[str] = []
    depth = 0
    for index, char in enumerate(latex):
        escaped = index > 0 and latex[index - 1] == "\\"
        if char == "{" and not escaped:
            depth += 1
            if depth > _MAX_DEPTH:
                continue
        elif char == "}" and not escaped:
            depth -= 1
            if depth >= _MAX_DEPTH:
                continue
        out.append(char)
    return "".join(out)


@functools.cache
def _walker_db() -> LatexContextDb:
    db = get_default_walker_db().filter_context()
    specs = [MacroSpec(name, "{") for name in (*_RICH, *_KEEP_ARGUMENT, "noopsort")]
    db.add_context_category("als-refs", macros=specs, prepend=True)
    return db


def _unknown_char(char: str) -> str:
    # LaTeX mode promises ASCII output; x-als-refs keeps the real character.
    return "?"


@functools.cache
def _unicode_encoder() -> UnicodeToLatexEncoder:
    return UnicodeToLatexEncoder(
        non_ascii_only=True, unknown_char_policy=_unknown_char, unknown_char_warning=False
    )


@functools.lru_cache(maxsize=4096)
def decode(latex: str) -> str:
    """LaTeX (as found in a .bib field) to Unicode text: ``Chi{\\`o}`` -> ``Chiò``.

    A bare ``%`` is read as a percent sign, not as the start of a comment: in .bib files it is
    almost always a forgotten escape (``50% of cases``, a URL in a note).
    """
    latex = _shallow(_NOOPSORT.sub("", latex))
    if not any(c in latex for c in "\\{}$%~-`'!?"):
        return _SPACE.sub(" ", latex).strip()
    text: str = _decoder().latex_to_text(_BARE_PERCENT.sub(r"\\%", latex))
    return _SPACE.sub(" ", text).strip()


_ACCENTS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0304": "=",
    "\u0306": "u", "\u0307": ".", "\u0308": '"', "\u030a": "r", "\u030b": "H",
    "\u030c": "v", "\u0323": "d", "\u0327": "c", "\u0328": "k", "\u0331": "b",
}  # fmt: skip
"""Combining marks with a LaTeX accent macro: a letter with no precomposed form (``P̄``)."""
_CLUSTER = re.compile(r".[\u0300-\u036f]*", re.DOTALL)


def _accented(base: str, marks: str) -> str:
    latex = encode(base)
    for mark in marks:
        latex = f"\\{_ACCENTS[mark]}{{{latex}}}"
    return "{" + latex + "}"


def encode(text: str, *, unicode: bool = False, grouped: bool = False) -> str:
    """Unicode text to a BibTeX-safe LaTeX string (raw UTF-8 kept when ``unicode`` is true).

    ``grouped`` wraps each escape in braces (``{\\&}``), as BibTeX name lists need: bibtexparser
    drops a name word that is a bare escape (``A, \\& and B``).
    """
    # Whitespace is not significant in a .bib value, and a line break before an "@" would start
    # a new entry for the reader.
    text = _CONTROL.sub("", _SPACE.sub(" ", text))
    if _NOTHING_TO_ESCAPE.fullmatch(text) and not _LIGATURE_PAIR.search(text):
        return text
    pieces: list[str] = []
    previous = ""
    if not unicode:
        text = unicodedata.normalize("NFC", text)
    for cluster in _CLUSTER.findall(text):
        if len(cluster) > 1 and not unicode and all(m in _ACCENTS for m in cluster[1:]):
            pieces.append(_accented(cluster[0], cluster[1:]))
            previous = ""
            continue
        for char in cluster:
            if previous + char in _LIGATURES:
                pieces.append("{}")
            previous = char
            pieces.append(_encode_char(char, unicode=unicode, grouped=grouped))
    return "".join(pieces)


def _encode_char(char: str, *, unicode: bool, grouped: bool) -> str:
    special = _ASCII_SPECIALS.get(char)
    if special is not None:
        return "{" + special.removesuffix("{}") + "}" if grouped else special
    if char.isascii() or unicode:
        return char
    return _encode_non_ascii(char)


@functools.cache
def _encode_non_ascii(char: str) -> str:
    latex: str = _unicode_encoder().unicode_to_latex(char)
    if latex == char or not latex.startswith("\\"):
        return latex
    # A BibTeX "special character" is a brace group starting with a backslash: BibTeX then
    # treats it as one letter when it changes case, sorts or abbreviates first names.
    return "{" + latex + "}"


@functools.cache
def latex_roundtrips(char: str) -> bool:
    """Whether ``char`` survives ``decode(encode(char))`` in LaTeX (non-``unicode``) mode."""
    encoded = encode(char)
    return decode(encoded) == char and (char.isascii() or encoded.isascii())
