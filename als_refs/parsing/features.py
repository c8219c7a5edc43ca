"""Tokens of a reference string and the features the sequence labeller reads from them.

A token is a URL or DOI, a number range (``1474-81``), a number, a word (with a trailing
stop kept: ``J.``, ``Res.``) or one punctuation character. Features of the token itself are
cached by its text (reference lists repeat their words); features of its place (position,
brackets, what came before) are computed per string.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import AnyStr, Generic

from als_refs.parsing import lexicons as lx

TOKEN = re.compile(
    r"(?:https?://|www\.)[^\s<>\"]+?(?=[.,;)\]]*(?:\s|$))"
    r"|10\.\d{4,9}/\S+?(?=[.,;\]]*(?:\s|$))"
    r"|[A-Za-z]?\d+[-–—‐‑−][A-Za-z]?\d+"
    r"|\d+[^\W\d_]\w*"
    r"|\d+"
    r"|[^\W\d_][^\W_]*(?:[-'’.][^\W_]+)*\.?"
    r"|\S"
)
MAX_TOKENS = 400

_OPEN = frozenset("([{")
_CLOSE = frozenset(")]}")
_QUOTES = frozenset("\"“”„«»'‘’")
_BRACKETS = _OPEN | _CLOSE | _QUOTES
_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """``(token, start, end)`` for each token, at most :data:`MAX_TOKENS`."""
    matches = islice(TOKEN.finditer(text), MAX_TOKENS)
    return [(match.group(0), match.start(), match.end()) for match in matches]


_UPPER = re.compile(r"[A-ZÀ-Þ]")
_OTHER_LETTER = re.compile(r"[^\WX\d_]")
_DIGIT = re.compile(r"\d")
_REPEATED = re.compile(r"(.)\1{2,}")


_ASCII_SHAPE = str.maketrans(
    string.ascii_uppercase + string.ascii_lowercase + string.digits, "X" * 26 + "x" * 26 + "d" * 10
)  # what _letter_classes does to an ASCII token, in one pass


def _shape(token: str) -> str:
    shape = token.translate(_ASCII_SHAPE) if token.isascii() else _letter_classes(token)
    return _REPEATED.sub(_two, shape)


def _letter_classes(token: str) -> str:
    """Capitals -> X, other letters -> x, digits -> d."""
    shape = _UPPER.sub("X", token)
    shape = _OTHER_LETTER.sub("x", shape)
    return _DIGIT.sub("d", shape)


def _two(run: re.Match[str]) -> str:
    return run.group(1) * 2


@lru_cache(maxsize=200_000)
def token_features(token: str) -> tuple[str, ...]:
    """What the token says by itself (lexicons, shape, digits)."""
    lower = token.lower()
    bare = lower.rstrip(".")
    feats = [f"s={_shape(token)}"]
    if len(token) == 1 and not token.isalnum():
        feats.append(f"p={token}")
        if token in _OPEN:
            feats.append("open")
        elif token in _CLOSE:
            feats.append("close")
        elif token in _QUOTES:
            feats.append("quote")
        return tuple(feats)
    feats.append(f"w={bare}" if len(bare) <= 20 else "w=LONG")
    if len(bare) > 3:
        feats.append(f"suf={bare[-3:]}")
        feats.append(f"pre={bare[:3]}")
    feats.append(f"len={min(len(bare), 12)}")
    if token.endswith("."):
        feats.append("dot")
    if token[0].isupper():
        feats.append("cap")
        if token.isupper() and len(bare) > 1:
            feats.append("allcaps")
    elif token[0].islower():
        feats.append("lower")
    if bare.isdigit():
        feats.extend(_number_features(bare))
    elif "-" in token or "–" in token or "—" in token:
        if any(c.isdigit() for c in token):
            feats.append("range")
        else:
            feats.append("hyphen")
    if token.startswith(("http", "www.")):
        feats.append("url")
    elif token.startswith("10.") and "/" in token:
        feats.append("doi")
    if _ROMAN.match(bare):
        feats.append("roman")
    if len(bare) == 1 and token[0].isupper():
        feats.append("initial")
    feats.extend(_lexicon_features(bare))
    return tuple(feats)


def _number_features(digits: str) -> list[str]:
    feats = [f"digits={min(len(digits), 6)}"]
    value = int(digits[:9])
    if len(digits) == 4 and 1500 <= value <= 2039:
        feats.append("year")
    if value <= 31 and value > 0:
        feats.append("small")
    return feats


_LEXICONS = (
    ("month", lx.MONTHS),
    ("journal", lx.JOURNAL_WORDS),
    ("publisher", lx.PUBLISHER_WORDS),
    ("place", lx.PLACES),
    ("org", lx.ORGANISATION_WORDS),
    ("editor", lx.EDITOR_WORDS),
    ("translator", lx.TRANSLATOR_WORDS),
    ("edition", lx.EDITION_WORDS),
    ("genre", lx.GENRE_WORDS),
    ("pagew", lx.PAGE_WORDS),
    ("volw", lx.VOLUME_WORDS),
    ("issw", lx.ISSUE_WORDS),
    ("conn", lx.CONNECTORS),
    ("in", lx.CONTAINER_MARKS),
    ("access", lx.ACCESS_WORDS),
    ("noise", lx.NOISE_WORDS),
    ("given", lx.GIVEN_NAMES),
)


def _lexicon_features(bare: str) -> list[str]:
    feats = [f"lex={name}" for name, words in _LEXICONS if bare in words]
    if bare in {"al", "al."}:
        feats.append("etal")
    return feats


_NEIGHBOURS = ("-1:", "-2:", "+1:", "+2:")
_FLAGS = ("last", "inparen", "inquote", "afteryear", "afterin", "aftercolon", "first")


@lru_cache(maxsize=200_000)
def _own(token: str) -> tuple[str, ...]:
    return ("bias", *token_features(token))


@lru_cache(maxsize=200_000)
def _as_neighbour(token: str) -> tuple[tuple[str, ...], ...]:
    """The token's features as its neighbours read them: ``-1:``, ``-2:``, ``+1:``, ``+2:``."""
    own = [f for f in token_features(token) if not f.startswith(("suf", "pre"))]
    return tuple(tuple(prefix + f for f in own) for prefix in _NEIGHBOURS)


@lru_cache(maxsize=200_000)
def _own_encoded(token: str) -> tuple[bytes, ...]:
    return tuple(f.encode() for f in _own(token))


@lru_cache(maxsize=200_000)
def _as_neighbour_encoded(token: str) -> tuple[tuple[bytes, ...], ...]:
    return tuple(tuple(f.encode() for f in feats) for feats in _as_neighbour(token))


def _bucket(value: int, limits: tuple[int, ...]) -> int:
    for index, limit in enumerate(limits):
        if value <= limit:
            return index
    return len(limits)


def _buckets(name: str, limits: tuple[int, ...]) -> tuple[str, ...]:
    """``name=bucket`` for every value up to one past the last limit (look up ``min(v, top)``)."""
    return tuple(f"{name}={_bucket(value, limits)}" for value in range(limits[-1] + 2))


@dataclass(frozen=True)
class _Spelling(Generic[AnyStr]):
    """The feature strings, as ``str`` (training, reading) or UTF-8 ``bytes`` (what crfsuite
    takes without converting): both spellings hold the same features."""

    own: Callable[[str], tuple[AnyStr, ...]]
    near: Callable[[str], tuple[tuple[AnyStr, ...], ...]]
    pos: tuple[AnyStr, ...]
    rel: tuple[AnyStr, ...]
    sent: tuple[AnyStr, ...]
    left: tuple[AnyStr, ...]
    since: tuple[AnyStr, ...]
    flags: tuple[AnyStr, ...]  # in the order of _FLAGS
    spell: Callable[[list[str]], list[AnyStr]]  # features computed per string (the window)


_TEXT = _Spelling(
    own=_own,
    near=_as_neighbour,
    pos=_buckets("pos", (0, 1, 2, 3, 5, 8, 12, 20)),
    rel=tuple(f"rel={tenth}" for tenth in range(10)),
    sent=_buckets("sent", (0, 1, 2, 3, 4)),
    left=_buckets("left", (0, 1, 2, 3, 4)),
    since=_buckets("since", (0, 1, 2, 4, 7)),
    flags=_FLAGS,
    spell=lambda feats: feats,
)


def _encode(spelled: tuple[str, ...]) -> tuple[bytes, ...]:
    return tuple(f.encode() for f in spelled)


_BYTES = _Spelling(
    own=_own_encoded,
    near=_as_neighbour_encoded,
    pos=_encode(_TEXT.pos),
    rel=_encode(_TEXT.rel),
    sent=_encode(_TEXT.sent),
    left=_encode(_TEXT.left),
    since=_encode(_TEXT.since),
    flags=_encode(_TEXT.flags),
    spell=lambda feats: [f.encode() for f in feats],
)
_STOPS = frozenset(".?!")


def sequence_features(tokens: list[str]) -> list[list[str]]:
    """One feature list per token: its own features, its neighbours', and its place."""
    return _sequence(tokens, _TEXT)


def encoded_features(tokens: list[str]) -> list[list[bytes]]:
    """:func:`sequence_features` as UTF-8 bytes, the form the tagger reads fastest."""
    return _sequence(tokens, _BYTES)


def _sequence(tokens: list[str], spelling: _Spelling[AnyStr]) -> list[list[AnyStr]]:
    count = len(tokens)
    out: list[list[AnyStr]] = []
    depth = 0
    quoted = False
    sentences = 0
    seen_year = False
    seen_in = False
    seen_colon = False
    ends = [_ends_sentence(token) for token in tokens]
    total = sum(ends)
    since_punct = 0
    near = [spelling.near(token) for token in tokens]
    own, pos, rel, sent, left, since = (
        spelling.own, spelling.pos, spelling.rel, spelling.sent, spelling.left, spelling.since
    )  # fmt: skip
    last, inparen, inquote, afteryear, afterin, aftercolon, first = spelling.flags
    top_pos, top_sent, top_left, top_since = (len(t) - 1 for t in (pos, sent, left, since))
    windows = _windows(tokens)
    for index, token in enumerate(tokens):
        feats = list(own(token))
        feats.append(pos[index] if index < top_pos else pos[top_pos])
        feats.append(rel[index * 10 // count])
        feats.append(sent[sentences] if sentences < top_sent else sent[top_sent])
        feats.append(left[total - sentences] if total - sentences < top_left else left[top_left])
        feats.append(since[since_punct] if since_punct < top_since else since[top_since])
        if index == count - 1:
            feats.append(last)
        if depth:
            feats.append(inparen)
        if quoted:
            feats.append(inquote)
        if seen_year:
            feats.append(afteryear)
        if seen_in:
            feats.append(afterin)
        if seen_colon:
            feats.append(aftercolon)
        if index > 0:
            feats.extend(near[index - 1][0])
            if index > 1:
                feats.extend(near[index - 2][1])
        else:
            feats.append(first)
        if index + 1 < count:
            feats.extend(near[index + 1][2])
            if index + 2 < count:
                feats.extend(near[index + 2][3])
        feats.extend(spelling.spell(windows[index]))
        out.append(feats)
        if token in _BRACKETS:
            depth, quoted = _bracket_state(token, depth, quoted)
        since_punct = 0 if len(token) == 1 and not token.isalnum() else since_punct + 1
        if ends[index]:
            sentences += 1
        elif token.isdigit() and len(token) == 4:
            seen_year = True
        elif token in {"In", "In:", "in:"}:
            seen_in = True
        elif token == ":":
            seen_colon = True
    return out


def _ends_sentence(token: str) -> bool:
    return token in _STOPS or (token.endswith(".") and len(token) > 3 and token[0].islower())


def _bracket_state(token: str, depth: int, quoted: bool) -> tuple[int, bool]:
    if token in _OPEN:
        return depth + 1, quoted
    if token in _CLOSE:
        return max(depth - 1, 0), quoted
    if token in _QUOTES and len(token) == 1:
        return depth, not quoted
    return depth, quoted


def _bare(token: str) -> str:
    lower = token.lower()
    return lower if len(lower) <= 20 else "LONG"


def _windows(tokens: list[str]) -> list[list[str]]:
    """Per token: pairs of neighbouring words, words three away, and the nearest punctuation
    either side (with its distance): the cues a whitespace tokeniser would carry on the word."""
    count = len(tokens)
    bare = [_bare(token) for token in tokens]
    after, before = _nearest_marks(tokens)
    out = []
    for index in range(count):
        here = bare[index]
        feats = []
        if index > 0:
            feats.append(f"-1|0={bare[index - 1]}|{here}")
        if index + 1 < count:
            feats.append(f"0|+1={here}|{bare[index + 1]}")
        if index > 2:
            feats.append(f"-3:w={bare[index - 3]}")
        if index + 3 < count:
            feats.append(f"+3:w={bare[index + 3]}")
        for name, j in (("nextp", after[index]), ("prevp", before[index])):
            if j < 0:
                feats.append(f"{name}=END")
            else:
                feats.append(f"{name}={tokens[j]}")
                feats.append(f"{name}{_bucket(abs(j - index), (1, 2, 3, 5))}={tokens[j]}")
        out.append(feats)
    return out


def _nearest_marks(tokens: list[str]) -> tuple[list[int], list[int]]:
    """For each token, the index of the nearest punctuation mark after it and before it
    (-1: none), in two passes instead of a scan from every token."""
    count = len(tokens)
    marks = [_is_mark(token) for token in tokens]
    after = [-1] * count
    before = [-1] * count
    nearest = -1
    for index in range(count - 1, -1, -1):
        after[index] = nearest
        if marks[index]:
            nearest = index
    nearest = -1
    for index in range(count):
        before[index] = nearest
        if marks[index]:
            nearest = index
    return after, before


def _is_mark(token: str) -> bool:
    return (len(token) == 1 and not token.isalnum()) or token.endswith(".")
