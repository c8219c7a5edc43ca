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

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from pylatexenc.latexencode import UnicodeToLatexEncoder

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

# What our decoder must read exactly as the encoder means it (pylatexenc reads
# ``\textasciicircum`` as U+02C6 and does not know the brace macros).
_DECODE_MACROS = [
    MacroTextSpec("textbraceleft", "{"),
    MacroTextSpec("textbraceright", "}"),
    MacroTextSpec("textasciicircum", "^"),
    MacroTextSpec("textasciitilde", "~"),
    MacroTextSpec("textbackslash", "\\"),
]


_BARE_PERCENT = re.compile(r"(?<!\\)%")


@functools.cache
def _decoder() -> LatexNodes2Text:
    db = get_default_latex_context_db().filter_context()
    db.add_context_category("als-refs", macros=_DECODE_MACROS, prepend=True)
    return LatexNodes2Text(latex_context=db, math_mode="text")


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
    if not any(c in latex for c in "\\{}$%~-`'!?"):
        return latex
    text: str = _decoder().latex_to_text(_BARE_PERCENT.sub(r"\\%", latex))
    return text


def encode(text: str, *, unicode: bool = False, grouped: bool = False) -> str:
    """Unicode text to a BibTeX-safe LaTeX string (raw UTF-8 kept when ``unicode`` is true).

    ``grouped`` wraps each escape in braces (``{\\&}``), as BibTeX name lists need: bibtexparser
    drops a name word that is a bare escape (``A, \\& and B``).
    """
    pieces: list[str] = []
    previous = ""
    for char in text:
        if previous + char in _LIGATURES:
            pieces.append("{}")
        previous = char
        special = _ASCII_SPECIALS.get(char)
        if special is not None:
            pieces.append("{" + special.removesuffix("{}") + "}" if grouped else special)
        elif char.isascii() or unicode:
            pieces.append(char)
        else:
            pieces.append(_encode_non_ascii(char))
    return "".join(pieces)


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
