"""Tokens of a reference string and the features the sequence labeller reads from them.

A token is a URL or DOI, a number range (``1474-81``), a number, a word (with a trailing
stop kept: ``J.``, ``Res.``) or one punctuation character. Features of the token itself are
cached by its text (reference lists repeat their words); features of its place (position,
brackets, what came before) are computed per string.
"""

from __future__ import annotations

import re
from functools import lru_cache

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
_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """``(token, start, end)`` for each token, at most :data:`MAX_TOKENS`."""
    found: list[tuple[str, int, int]] = []
    for match in TOKEN.finditer(text):
        found.append((match.group(0), match.start(), match.end()))
        if len(found) >= MAX_TOKENS:
            break
    return found


def _shape(token: str) -> str:
    shape = re.sub(r"[A-ZÀ-Þ]", "X", token)
    shape = re.sub(r"[^\WX\d_]", "x", shape)
    shape = re.sub(r"\d", "d", shape)
    return re.sub(r"(.)\1{2,}", r"\1\1", shape)


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


@lru_cache(maxsize=200_000)
def _prefixed(prefix: str, token: str) -> tuple[str, ...]:
    return tuple(prefix + f for f in token_features(token) if not f.startswith(("suf", "pre")))


def _bucket(value: int, limits: tuple[int, ...]) -> int:
    for index, limit in enumerate(limits):
        if value <= limit:
            return index
    return len(limits)


_STOPS = frozenset(".?!")


def sequence_features(tokens: list[str]) -> list[list[str]]:
    """One feature list per token: its own features, its neighbours', and its place."""
    count = len(tokens)
    out: list[list[str]] = []
    depth = 0
    quoted = False
    sentences = 0
    seen_year = False
    seen_in = False
    seen_colon = False
    total = sum(_ends_sentence(token) for token in tokens)
    since_punct = 0
    bare = [_bare(token) for token in tokens]
    for index, token in enumerate(tokens):
        feats = ["bias", *token_features(token)]
        feats.append(f"pos={_bucket(index, (0, 1, 2, 3, 5, 8, 12, 20))}")
        feats.append(f"rel={index * 10 // max(count, 1)}")
        feats.append(f"sent={_bucket(sentences, (0, 1, 2, 3, 4))}")
        feats.append(f"left={_bucket(total - sentences, (0, 1, 2, 3, 4))}")
        feats.append(f"since={_bucket(since_punct, (0, 1, 2, 4, 7))}")
        if index == count - 1:
            feats.append("last")
        if depth:
            feats.append("inparen")
        if quoted:
            feats.append("inquote")
        if seen_year:
            feats.append("afteryear")
        if seen_in:
            feats.append("afterin")
        if seen_colon:
            feats.append("aftercolon")
        if index > 0:
            feats.extend(_prefixed("-1:", tokens[index - 1]))
            if index > 1:
                feats.extend(_prefixed("-2:", tokens[index - 2]))
        else:
            feats.append("first")
        if index + 1 < count:
            feats.extend(_prefixed("+1:", tokens[index + 1]))
            if index + 2 < count:
                feats.extend(_prefixed("+2:", tokens[index + 2]))
        feats.extend(_window(tokens, index, bare))
        out.append(feats)
        depth, quoted = _bracket_state(token, depth, quoted)
        since_punct = 0 if len(token) == 1 and not token.isalnum() else since_punct + 1
        if _ends_sentence(token):
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


def _window(tokens: list[str], index: int, bare: list[str]) -> list[str]:
    """Pairs of neighbouring words, words three away, and the nearest punctuation either side
    (with its distance): the cues a whitespace tokeniser would carry on the word itself."""
    count = len(tokens)
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
    for step, name in ((1, "nextp"), (-1, "prevp")):
        j = index + step
        while 0 <= j < count and not _is_mark(tokens[j]):
            j += step
        if 0 <= j < count:
            feats.append(f"{name}={tokens[j]}")
            feats.append(f"{name}{_bucket(abs(j - index), (1, 2, 3, 5))}={tokens[j]}")
        else:
            feats.append(f"{name}=END")
    return feats


def _is_mark(token: str) -> bool:
    return (len(token) == 1 and not token.isalnum()) or token.endswith(".")
