"""The learned labeller: tokens of a cleaned reference string -> labelled fields + confidences.

A linear-chain CRF (python-crfsuite) trained by :mod:`als_refs.parsing.train` labels every
token; runs of one label become fields of a :class:`~als_refs.parsing.parsed.Parsed`
(names go through the project's name code). Each field's confidence comes from the CRF's
marginals: the least sure token inside the field, and the most likely token just outside it
that also wants the label (a boundary in doubt).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from als_refs.models import Name
from als_refs.parsing import lexicons as lx
from als_refs.parsing.features import encoded_features, tokenize
from als_refs.parsing.name_runs import split_names
from als_refs.parsing.names import scan_authors
from als_refs.parsing.parsed import Parsed
from als_refs.parsing.structure_dates import MONTHS

MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "parser" / "labeller.crfsuite"

_ETAL = re.compile(r"[,;]?\s*\bet\.?\s?al\b\.?|\band others\b|…", re.I)
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20[0-3]\d)(?!\d)")
_DAY = re.compile(r"(?<![\d])(\d{1,2})(?!\d)")
_NUMBER_MARK = re.compile(
    r"^(?:vols?|volume|bd|band|tome|t|jg|no|nr|num|number|issue|iss|heft|n|pp?|pages?|s|art)"
    r"\.?\s*(?=[\w])",
    re.I,
)
_GROUP_WORDS = lx.ORGANISATION_WORDS
_PUNCT = frozenset(".,;:()[]{}\"“”'‘’/-–—")


@dataclass
class Labelled:
    parsed: Parsed
    confidence: dict[str, float] = field(default_factory=dict)
    """Per-field confidence, keyed by CSL variable (``title``, ``container-title``...)."""
    sequence: float = 1.0
    """The model's probability that its whole labelling of the string is right."""


@lru_cache(maxsize=1)
def tagger() -> Any:
    import pycrfsuite  # type: ignore[import-untyped]

    opened = pycrfsuite.Tagger()
    opened.open(str(MODEL_FILE))
    return opened


@dataclass(frozen=True)
class _Run:
    label: str
    first: int
    last: int  # token indexes, inclusive


def label_text(text: str, *, numbered: bool = False) -> Labelled:
    """Label one cleaned reference string."""
    found = tokenize(text)
    if not found:
        return Labelled(Parsed())
    words = [token for token, _, _ in found]
    model = tagger()
    tagged: list[str] = model.tag(encoded_features(words))
    sequence = float(model.probability(tagged))
    labels = _article_numbers(words, tagged)
    runs = _container_runs(words, _volume_in_pages(words, _runs(words, labels)))
    result = Parsed()
    confidence: dict[str, float] = {}
    taken: set[str] = set()
    for run in runs:
        if run.label in taken and run.label not in {"author"}:
            continue
        value = text[found[run.first][1] : found[_balanced_end(words, run)][2]]
        key = _apply(run.label, value, result)
        if key:
            taken.add(run.label)
            score = _run_confidence(model, labels, tagged, run)
            confidence[key] = min(confidence.get(key, 1.0), score)
    _imprint_not_container(result, confidence)
    _section_letter(result)
    _group_before_title(result)
    result.kind = _kind(result, set(labels))
    return Labelled(result, confidence, sequence)


_IMPRINT = re.compile(
    r"^(?P<place>[A-Z][\w.]*(?:,?\s(?:[A-Z][\w.]*|de|do|da|del|am|an|upon|sur)){0,3})"
    r"\s?:\s?(?P<publisher>\S.*)$"
)


def _imprint_not_container(result: Parsed, confidence: dict[str, float]) -> None:
    """A post-rule: "London: Continuum" with no volume, issue or pages is a book's imprint,
    not a journal (the model invents a container there)."""
    imprint = _IMPRINT.match(result.container or "")
    if not imprint or result.volume or result.issue or result.page or result.publisher:
        return
    place_words = imprint.group("place").lower().replace(",", " ").split()
    publisher_words = imprint.group("publisher").lower().replace(",", " ").split()
    if not any(w.rstrip(".") in lx.PLACES for w in place_words) and not any(
        w.rstrip(".") in lx.PUBLISHER_WORDS for w in publisher_words
    ):
        return
    result.place, result.publisher, result.container = (
        imprint.group("place"),
        imprint.group("publisher").strip(" .,;"),
        None,
    )
    score = confidence.pop("container-title", 1.0)
    confidence["publisher"] = confidence["publisher-place"] = score


_LETTERED_VOLUME = re.compile(r"^([A-Z])\s?(\d+)$")


def _section_letter(result: Parsed) -> None:
    """A post-rule: "Phys. Rev. D59" -- the letter is the journal's section (GROBID's and
    the project's convention: container "Phys. Rev. D", volume "59")."""
    lettered = _LETTERED_VOLUME.match(result.volume or "")
    if lettered and result.container and not re.search(r"\b[A-Z]$", result.container):
        result.container = f"{result.container} {lettered.group(1)}"
        result.volume = lettered.group(2)


_FOR_GROUP_TITLE = re.compile(
    r"^(?:for|on behalf of)\s+(?:the\s+)?(?P<group>[^.]{3,80}?)\.\s+(?P<title>\S.*)$", re.I
)


def _group_before_title(result: Parsed) -> None:
    """A post-rule: "..., for the ALS/Riluzole Study Group. A controlled trial ..." -- the
    group is the last author, not the start of the title."""
    found = _FOR_GROUP_TITLE.match(result.title or "")
    if found and _is_group(found.group("group")):
        result.authors = (*result.authors, Name(literal=found.group("group")))
        result.title = found.group("title")


def _article_numbers(words: list[str], labels: list[str]) -> list[str]:
    """A post-rule: an article number after the journal ("2011, 403808", ":CD001447", "e1000097")
    is one; the model has no label for it and reads it as text or a publisher."""
    out = _year_as_volume(words, labels)
    for i, (word, label) in enumerate(zip(words, labels, strict=True)):
        if label in _NOT_NUMBERS or not _ARTICLE_NUMBER.match(word.rstrip(".")):
            continue
        if "container" in labels[:i] and "pages" not in labels[:i]:
            out[i] = "pages"
    return out


def _year_as_volume(words: list[str], labels: list[str]) -> list[str]:
    """A post-rule: a second bare year straight after the journal, with no volume, is the
    volume ("(2011) ... Neurology Research International 2011, 403808")."""
    out = list(labels)
    if "volume" in labels:
        return out
    for i in range(1, len(words)):
        after_container = labels[i - 1] == "container"
        if labels[i] == "date" and after_container and words[i].isdigit() and "date" in labels[:i]:
            out[i] = "volume"
    return out


_NOT_NUMBERS = frozenset({"pages", "volume", "issue", "date", "doi", "url", "pmid", "pmcid"})


def _runs(words: list[str], labels: list[str]) -> list[_Run]:
    """Maximal runs of one label; punctuation inside a run does not break it."""
    runs: list[_Run] = []
    current, first, last = "", -1, -1  # the open run: its label and token span
    for i, label in enumerate(labels):
        if label == "punc" or label == "other":
            continue
        if label == current and _only_punct_between(labels, last, i):
            last = i
            continue
        if current:
            runs.append(_Run(current, first, last))
        current, first, last = label, i, i
    if current:
        runs.append(_Run(current, first, last))
    return runs


def _volume_in_pages(words: list[str], runs: list[_Run]) -> list[_Run]:
    """A post-rule: pages read as "362 59-62" with no volume -- the bare number is the volume."""
    if any(run.label == "volume" for run in runs):
        return runs
    for i, run in enumerate(runs):
        first, last = words[run.first], words[run.last]
        two = run.label == "pages" and run.last == run.first + 1 and first.isdigit()
        if two and any(c.isdigit() for c in last) and not last.isdigit():
            split = [_Run("volume", run.first, run.first), _Run("pages", run.last, run.last)]
            return [*runs[:i], *split, *runs[i + 1 :]]
    return runs


_IN_MARKS = frozenset({"in", "in:", "dans", "im"})


def _container_runs(words: list[str], runs: list[_Run]) -> list[_Run]:
    """Post-rules on the model's title and container runs: a container with no title is the
    title; with no container, a title run that goes on past ". In" / ", in:" is a title and
    then the book it is in, and a second, separate title run (after "In: editors (eds.)") is
    the container."""
    if not any(run.label == "title" for run in runs):
        return _container_as_title(words, runs)
    runs = _quoted_title(words, runs)
    if any(run.label == "container" for run in runs):
        return runs
    out: list[_Run] = []
    for run in runs:
        cut = _in_mark(words, run) if run.label == "title" else None
        if cut is not None:
            out += [_Run("title", run.first, cut - 1), _Run("container", cut, run.last)]
        else:
            out.append(run)
    titles = [i for i, run in enumerate(out) if run.label == "title"]
    if len(titles) >= 2 and not any(run.label == "container" for run in out):
        second = out[titles[1]]
        out[titles[1]] = _Run("container", second.first, second.last)
    return out


_CLOSING = {"“": "”", "«": "»", '"': '"', "‘": "’", "„": "“"}


def _quoted_title(words: list[str], runs: list[_Run]) -> list[_Run]:
    """A title that opens with a quote ends at its closing quote: what the run holds after
    it is the container when the record has none ("“Criteria.” The Claim of Reason, ...")."""
    for i, run in enumerate(runs):
        if run.label != "title":
            continue
        opening = run.first - 1 if run.first and words[run.first - 1] in _CLOSING else run.first
        closing = _CLOSING.get(words[opening])
        if closing is None:
            return runs
        end = next((j for j in range(run.first + 1, run.last) if words[j] == closing), None)
        rest = [j for j in range(end + 1, run.last + 1) if words[j][:1].isalnum()] if end else []
        if end is None or not rest:
            return runs
        has_container = any(r.label == "container" for r in runs)
        tail = [] if has_container else [_Run("container", rest[0], run.last)]
        return [*runs[:i], _Run("title", run.first, end), *tail, *runs[i + 1 :]]
    return runs


def _container_as_title(words: list[str], runs: list[_Run]) -> list[_Run]:
    """No title but a container not marked "In", and no volume, issue or pages: the work
    itself (a book) is the title. (With numbers it is a journal cited without the article's
    title: "J. Am. Chem. Soc. 103, 2450 (1981).")"""
    if any(run.label in {"volume", "issue", "pages"} for run in runs):
        return runs
    for i, run in enumerate(runs):
        if run.label == "container":
            if words[run.first].lower() in _IN_MARKS:
                break
            return [*runs[:i], _Run("title", run.first, run.last), *runs[i + 1 :]]
    return runs


def _in_mark(words: list[str], run: _Run) -> int | None:
    """Index of an "In"/"in:" inside a title run, after a stop or comma and before more text."""
    for i in range(run.first + 2, run.last - 1):
        word, before = words[i], words[i - 1]
        if word.lower() not in _IN_MARKS:
            continue
        after_stop = before in {".", ",", "?", "!", '"', "”", "’"} or before.endswith(".")
        marked = word[0].isupper() or word.endswith(":") or words[i + 1] == ":"
        if after_stop and marked:
            return i
    return None


_PAIRS = {"(": ")", "[": "]", "“": "”"}


def _balanced_end(words: list[str], run: _Run) -> int:
    """A run's last token, moved past a closing bracket the run opened ("(a review)")."""
    inside = words[run.first : run.last + 1]
    last = run.last
    for opening, closing in _PAIRS.items():
        unclosed = inside.count(opening) > inside.count(closing)
        if unclosed and last + 1 < len(words) and words[last + 1] == closing:
            last += 1
    return last


def _only_punct_between(labels: list[str], last: int, index: int) -> bool:
    return last + 1 == index or all(labels[j] == "punc" for j in range(last + 1, index))


def _run_confidence(model: Any, labels: list[str], tagged: list[str], run: _Run) -> float:
    """How sure the model is of the run's tokens and of its two edges. A token a post-rule
    relabelled (a year after the journal read as the volume) counts with the model's marginal
    of its own label: the model has no marginal for the rule's reading of it."""
    inside = min(
        model.marginal(run.label if labels[i] == tagged[i] else tagged[i], i)
        for i in range(run.first, run.last + 1)
    )
    outside = 0.0
    for j in (run.first - 1, run.last + 1):
        if 0 <= j < len(labels) and labels[j] != "punc":
            outside = max(outside, model.marginal(run.label, j))
    return float(min(inside, 1.0 - outside))


_TEXT_FIELDS = {
    "title": ("title", "title"),
    "container": ("container", "container-title"),
    "collection": ("collection", "collection-title"),
    "publisher": ("publisher", "publisher"),
    "place": ("place", "publisher-place"),
    "edition": ("edition", "edition"),
    "genre": ("genre", "genre"),
}


def _apply(label: str, value: str, result: Parsed) -> str | None:
    """Store one labelled run in ``result``; the CSL key it filled, or None."""
    if label in _TEXT_FIELDS:
        attribute, key = _TEXT_FIELDS[label]
        cleaned = _strip_marks(value, label)
        if label == "edition":
            cleaned = _edition(cleaned)
        if not cleaned:
            return None
        setattr(result, attribute, cleaned)
        return key
    if label in {"author", "editor", "translator"}:
        return _apply_names(label, value, result)
    if label == "date":
        return _apply_date(value, result)
    if label in {"volume", "issue", "pages"}:
        number = _number(value)
        if not number:
            return None
        if label == "pages" and _ARTICLE_NUMBER.match(number):
            result.number = number
            return "number"
        attribute = "page" if label == "pages" else label
        setattr(result, attribute, number)
        return "page" if label == "pages" else label
    return None


_ARTICLE_NUMBER = re.compile(r"^(?:[eE]\d{3,}|\d{6,}|CD\d{6})$")
_ORDINAL_EDITION = re.compile(
    r"^(\d{1,3})(?:st|nd|rd|th|e|\.)?\s*(?:ed|edn|edition|aufl)?\.?$", re.I
)


def _edition(value: str) -> str:
    """ "4th ed." -> "4": CSL's edition is the number when the text gives one."""
    ordinal = _ORDINAL_EDITION.match(value)
    return ordinal.group(1) if ordinal else value


_CONTAINER_MARK = re.compile(r"^(?:in|dans|im)\s*:?\s+", re.I)
_ABBREVIATED = re.compile(r"\w\.(?:\s|$)")
_EDITION_TAIL = re.compile(r"\s*\b(?:ed|edn|edition)\.?$", re.I)


def _strip_marks(value: str, label: str) -> str:
    value = value.strip(" ,;:")
    if label in {"container", "collection"}:
        value = _CONTAINER_MARK.sub("", value)
    if label in {"title", "container", "collection"}:
        if value[:1] in '"“‘«' and value[-1:] in '"”’»':
            value = value[1:-1]
        value = value.strip(' "“”‘’«»,;:')
        if value.endswith(".") and (label == "title" or not _ABBREVIATED.search(value[:-1])):
            value = value[:-1].rstrip()
    if label == "place" or label == "publisher":
        value = value.strip(" .,;:()[]")
    return value


def _apply_names(label: str, value: str, result: Parsed) -> str | None:
    names, et_al = names_from(value)
    if not names:
        return None
    if label == "author":
        result.authors = result.authors + names
        result.et_al = result.et_al or et_al
        return "author"
    if label == "editor":
        result.editors = result.editors + names
        return "editor"
    return None  # translators are read, not stored: Parsed has no place for them


_EDITOR_MARK = re.compile(
    r"\(?\b(?:eds?|editors?|edited by|hrsg|hg|dir|coord|trans|transl|translated by)\b\.?\)?"
    r"|^(?:in|by)\s*:?\s+",
    re.I,
)


def names_from(value: str) -> tuple[tuple[Name, ...], bool]:
    """Names of one author/editor run, and whether it ends in "et al."."""
    et_al = bool(_ETAL.search(value))
    whole = " ".join(_EDITOR_MARK.sub(" ", value).split()).strip(" ,;:&")
    scan = scan_authors(whole)
    if scan.names and scan.end >= len(whole.rstrip(" .")) - 1:
        return scan.names, et_al or scan.et_al  # the rules' name reader took the whole run
    text = _ETAL.sub("", value)
    text = _EDITOR_MARK.sub(" ", text)
    text = " ".join(text.split()).strip(" .,;:&")
    if not text:
        return (), et_al
    names: list[Name] = []
    for piece in re.split(r";\s*", text) if ";" in text else [text]:
        piece = piece.strip(" .,:&")
        if not piece:
            continue
        if _is_group(piece):
            names.append(Name(literal=piece))
            continue
        found = _person_names(piece)
        names.extend(found or (Name(literal=piece),))
    return tuple(names), et_al


def _is_group(piece: str) -> bool:
    words = piece.lower().replace(",", " ").split()
    return len(words) >= 2 and any(w.rstrip(".") in _GROUP_WORDS for w in words)


def _person_names(piece: str) -> tuple[Name, ...]:
    return split_names(piece)


def _apply_date(value: str, result: Parsed) -> str | None:
    year = _YEAR.search(value)
    if not year:
        return None
    result.year = int(year.group(1))
    result.date_text = value.strip(" ()[].,;:")
    month = next(
        (
            MONTHS[w[:3].lower()]
            for w in re.findall(r"[^\W\d_]{3,}", value)
            if w[:3].lower() in MONTHS
        ),
        None,
    )
    if month:
        result.month = month
        rest = value[: year.start()] + " " + value[year.end() :]
        day = _DAY.search(rest)
        if day and 1 <= int(day.group(1)) <= 31:
            result.day = int(day.group(1))
    return "issued"


def _number(value: str) -> str:
    value = value.strip(" ,;:.")
    value = _NUMBER_MARK.sub("", value).strip(" ,;:.")
    if value.startswith("(") and value.endswith(")"):
        value = value[1:-1].strip()
    value = value.strip("()[] ")
    return re.sub(r"\s?[-–—‐‑−]{1,2}\s?", "-", value)


_THESIS = re.compile(r"\b(?:thesis|dissertation|ph\.?\s?d|doctoral|master)", re.I)
_REPORT = re.compile(r"\b(?:report|working paper|technical|white paper)", re.I)
_PROCEEDINGS = re.compile(r"\b(?:proc|proceedings|conference|symposium|workshop|congress)", re.I)
_PREPRINT = re.compile(r"\b(?:preprint|arxiv|biorxiv|medrxiv)", re.I)


def _kind(result: Parsed, labels: set[str]) -> str:
    genre = result.genre or ""
    container = result.container or ""
    if _THESIS.search(genre):
        return "thesis"
    if _REPORT.search(genre):
        return "report"
    if _PREPRINT.search(container) or _PREPRINT.search(genre):
        return "article"
    if container:
        if _PROCEEDINGS.search(container):
            return "paper-conference"
        if result.editors or (result.publisher and not result.volume):
            return "chapter"
        return "article-journal"
    if result.publisher or result.place or result.edition:
        return "book"
    if "url" in labels and not result.volume:
        return "webpage"
    return "article-journal"
