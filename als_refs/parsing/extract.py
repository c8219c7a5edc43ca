"""Every citation a document makes: reference sections, trial listings, works named in prose.

Positions: ``line``/``end_line`` are 1-based lines of the text that was read, ``start``/``end``
character offsets into it (for HTML, into the text after tags are removed: block elements become
line breaks). ``Location.raw`` keeps the citation exactly as written, navigation links included;
``ExtractedCitation.text`` is the same text with trailing navigation ("Abstract | Full Text")
removed, which is what the source files record.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Literal

from als_refs.models import CitationKind, Location, ParseResult
from als_refs.parsing.names import scan_authors
from als_refs.parsing.reference import parse_reference
from als_refs.parsing.special import find_prose_mentions, parse_trial, prose_result

Kind = CitationKind
DocFormat = Literal["text", "markdown", "html"]

_HEADINGS = re.compile(
    r"^(?:#{1,6}\s*)?(?:\d{1,2}\.?\s+)?(?P<name>References?(?: and Notes| Cited| List)?|"
    r"Bibliography|Further Reading|Additional Reading|Suggested Reading|Recommended Reading|"
    r"Selected References|Key References|Literature Cited|Works Cited|Cited Literature|"
    r"Literature|Sources?|Citations|Notes and References|Patient Resources|Resources|"
    r"Clinical Trials|Related Trials|Literatur|Références|Bibliografía|Referencias)"
    r"\s*:?\s*(?:#{1,6})?$",
    re.IGNORECASE,
)
_NAV_TAIL = re.compile(
    r"(?:\s*(?:\||\bAbstract\b|\bFull Text\b(?:\s*\([^()\n]{0,40}\))?|\[PubMed\]|\[Google Scholar\]"
    r"|\[CrossRef\]|\bPubMed\b|\bGoogle Scholar\b|\bCrossRef\b|\bPMC free article\b|\bPDF\b))+\s*$",
    re.IGNORECASE,
)
_TRIAL_LISTING = re.compile(r"\bContact\s*\|[^|\n]{0,60}\|\s*Website\b|\bNCT\s?\d{8}\b", re.I)
_ENTRY_LABEL = re.compile(r"(?:^|\s)(?=\[\d{1,3}\]\s|\d{1,3}\.\s(?=[A-Z]))")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+(?=\s|$)|$)")
_IDENTIFIER = re.compile(r"\b10\.\d{4,9}/\S+|\bPMID:?\s?\d+|\bdoi:", re.IGNORECASE)
_VOLUME_PAGES = re.compile(r"\d+\s?(?:\(\s?\w+\s?\))?\s?[:,]\s?[A-Za-z]?\d+(?:\s?[-–]\s?\d+)?")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_BLOCK_TAGS = re.compile(
    r"<\s*/?\s*(?:p|div|li|ul|ol|h[1-6]|br|tr|td|th|table|section|article|header|footer|"
    r"blockquote|pre|dd|dt|dl)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_MD_LINK = re.compile(r"\[([^\]\n]{1,300})\]\((?:[^)\s]{1,500})\)")
_MD_MARKERS = re.compile(r"^(?:#{1,6}\s+|\s{0,3}[-*+]\s+|>\s?)")


@dataclass(frozen=True)
class ExtractedCitation:
    """One citation found in a document, where it is, and its parse."""

    kind: Kind
    text: str
    line: int
    end_line: int
    start: int
    end: int
    section: str | None
    result: ParseResult
    mention: int | None = None
    """For prose: which of the works the sentence names (0-based), when it names several."""


@dataclass(frozen=True)
class _Block:
    """A paragraph: consecutive non-blank lines."""

    lines: tuple[str, ...]
    first_line: int
    start: int

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def extract_citations(
    text: str, *, document: str | None = None, fmt: DocFormat | None = None
) -> list[ExtractedCitation]:
    """Every citation in ``text`` (plain text, Markdown or HTML; guessed when ``fmt`` is None)."""
    fmt = fmt or _guess_format(text)
    if fmt == "html":
        text = html_to_text(text)
    found: list[ExtractedCitation] = []
    section: str | None = None
    in_references = False
    for block in _blocks(text):
        heading = _heading(block, fmt)
        if heading is not None:
            section, in_references = heading, True
            continue
        if in_references and _ends_section(block):
            section, in_references = _plain(block.lines[0], fmt), False
            continue
        if in_references or _looks_like_reference(block):
            found.extend(_reference_entries(block, section, document, fmt))
        else:
            found.extend(_prose_citations(block, section, document))
    return found


def html_to_text(markup: str) -> str:
    """Readable text of an HTML page: scripts dropped, block elements on their own lines."""
    markup = _SCRIPT.sub(" ", markup)
    markup = _BLOCK_TAGS.sub("\n", markup)
    markup = _TAG.sub("", markup)
    lines = (html.unescape(line).strip() for line in markup.splitlines())
    return "\n".join(lines)


def _guess_format(text: str) -> DocFormat:
    head = text[:2000].lower()
    if "<html" in head or "<body" in head or "<p>" in head or "<div" in head:
        return "html"
    if re.search(r"^#{1,6}\s", text[:5000], re.MULTILINE) or _MD_LINK.search(text[:5000]):
        return "markdown"
    return "text"


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[str] = []
    first = start = 0
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                first, start = number, offset
            current.append(line)
        elif current:
            blocks.append(_Block(tuple(current), first, start))
            current = []
        offset += len(line) + 1
    if current:
        blocks.append(_Block(tuple(current), first, start))
    return blocks


def _heading(block: _Block, fmt: DocFormat) -> str | None:
    if len(block.lines) != 1:
        return None
    line = block.lines[0].strip()
    if len(line) > 60:
        return None
    match = _HEADINGS.match(line)
    if match:
        return _plain(line, fmt).strip(" :#")
    return None


def _ends_section(block: _Block) -> bool:
    """A short title-like line after a reference section starts a new, non-reference section."""
    if len(block.lines) != 1:
        return False
    line = block.lines[0].strip()
    if len(line) > 80 or line.endswith((".", ",", ";")) or _TRIAL_LISTING.search(line):
        return False
    if _YEAR.search(line) or _IDENTIFIER.search(line):
        return False
    return len(line.split()) <= 8


def _looks_like_reference(block: _Block) -> bool:
    """A paragraph outside a reference section that is shaped like a reference entry."""
    text = " ".join(block.lines).strip()
    if len(text) > 1500 or _TRIAL_LISTING.search(text):
        return bool(_TRIAL_LISTING.search(text)) and len(text) < 400
    scan = scan_authors(text)
    if not scan.names or not _YEAR.search(text[scan.end : scan.end + 40]):
        return False
    return bool(_IDENTIFIER.search(text) or _VOLUME_PAGES.search(text))


def _reference_entries(
    block: _Block, section: str | None, document: str | None, fmt: DocFormat
) -> list[ExtractedCitation]:
    out: list[ExtractedCitation] = []
    for line_index, start, raw in _entries(block):
        text = _plain(_without_navigation(raw), fmt)
        if not text or len(text) < 10:
            continue
        kind: Kind = "trial" if _is_trial(text, raw) else "reference"
        line = block.first_line + line_index
        end_line = line + raw.count("\n")
        location = Location(
            document=document,
            line=line,
            end_line=end_line,
            start=start,
            end=start + len(raw),
            section=section,
            kind=kind,
            raw=raw,
        )
        if kind == "trial":
            result = parse_trial(raw, location=location)
        else:
            result = parse_reference(" ".join(text.split()), location=location)
        out.append(
            ExtractedCitation(kind, text, line, end_line, start, start + len(raw), section, result)
        )
    return out


def _without_navigation(raw: str) -> str:
    """The entry without trailing link labels; only the end is searched (bounded work)."""
    raw = raw.strip()
    head, tail = raw[:-300], raw[-300:]
    return (head + _NAV_TAIL.sub("", tail)).strip()


def _is_trial(text: str, raw: str) -> bool:
    if not _TRIAL_LISTING.search(raw):
        return False
    return not scan_authors(text).names


def _entries(block: _Block) -> list[tuple[int, int, str]]:
    """(line index in block, start offset, raw text) of each entry of a reference paragraph."""
    lines = block.lines
    starts = [i for i, line in enumerate(lines) if i == 0 or _starts_entry(line, lines[i - 1])]
    entries: list[tuple[int, int, str]] = []
    offsets = _line_offsets(block)
    for n, first in enumerate(starts):
        last = starts[n + 1] if n + 1 < len(starts) else len(lines)
        raw = "\n".join(lines[first:last])
        entries.extend(_split_run_together(first, offsets[first], raw))
    return entries


def _starts_entry(line: str, previous: str) -> bool:
    stripped = line.strip()
    if re.match(r"^(?:\[\d{1,4}\]|\d{1,4}\.\s|[-*•]\s)", stripped):
        return True
    if _TRIAL_LISTING.search(previous) or previous.rstrip().endswith((".", "]", ")")):
        return bool(scan_authors(stripped).names) or bool(_TRIAL_LISTING.search(stripped))
    return False


def _split_run_together(line_index: int, start: int, raw: str) -> list[tuple[int, int, str]]:
    """Numbered entries written on one line ("[1] ... [2] ...") become separate entries."""
    cuts = [m.start() for m in _ENTRY_LABEL.finditer(raw) if m.start() > 0]
    cuts = [c for c in cuts if _label_number_follows(raw, c)]
    if not cuts:
        return [(line_index, start, raw)]
    pieces: list[tuple[int, int, str]] = []
    previous = 0
    for cut in [*cuts, len(raw)]:
        piece = raw[previous:cut]
        lead = len(piece) - len(piece.lstrip())
        text = piece.strip()
        if text:
            index = line_index + raw.count("\n", 0, previous + lead)
            pieces.append((index, start + previous + lead, text))
        previous = cut
    return pieces


def _label_number_follows(raw: str, cut: int) -> bool:
    before = raw[:cut].rstrip()
    return before.endswith((".", ")", "]")) and bool(re.search(r"\d|\w{3}", before[-12:]))


def _line_offsets(block: _Block) -> list[int]:
    offsets = []
    offset = block.start
    for line in block.lines:
        offsets.append(offset)
        offset += len(line) + 1
    return offsets


def _prose_citations(
    block: _Block, section: str | None, document: str | None
) -> list[ExtractedCitation]:
    out: list[ExtractedCitation] = []
    text = block.text
    for sentence in _SENTENCE.finditer(text):
        raw = sentence.group(0).strip()
        if len(raw) < 20:
            continue
        flat = " ".join(raw.split())
        mentions = find_prose_mentions(flat)
        if not mentions:
            continue
        lead = len(sentence.group(0)) - len(sentence.group(0).lstrip())
        start = block.start + sentence.start() + lead
        line = block.first_line + text.count("\n", 0, sentence.start() + lead)
        end_line = line + raw.count("\n")
        for index, mention in enumerate(mentions):
            location = Location(
                document=document,
                line=line,
                end_line=end_line,
                start=start,
                end=start + len(raw),
                section=section,
                kind="prose",
                raw=raw,
            )
            result = prose_result(mention, flat, location=location, id=_prose_id(flat, index))
            out.append(
                ExtractedCitation(
                    "prose",
                    flat,
                    line,
                    end_line,
                    start,
                    start + len(raw),
                    section,
                    result,
                    mention=index if len(mentions) > 1 else None,
                )
            )
    return out


def _prose_id(text: str, index: int) -> str:
    import hashlib

    return "prose-" + hashlib.sha1(f"{text}|{index}".encode()).hexdigest()[:10]


def _plain(text: str, fmt: DocFormat) -> str:
    if fmt != "markdown":
        return text
    text = _MD_MARKERS.sub("", text.strip())
    text = _MD_LINK.sub(r"\1", text)
    return re.sub(r"(\*\*|__|\*|_)(\S[^*_\n]{0,300}?)\1", r"\2", text)
