"""Records for the synthetic training strings: the repository's real records, recombined.

Records come from the CSL-JSON, MEDLINE and RIS fixtures of :data:`SOURCES` (real items from
citation-js (MIT), jgm/citeproc (BSD-2-Clause), biblatex-examples (LPPL), Better BibTeX (MIT),
Biopython's PubMed exports and the project's own lockfile; see each directory's README). A record
of each kind (:data:`KINDS`: journal articles first, books, chapters, reports, theses, web pages,
trial registrations, preprints) starts from a real record of its type; names, titles, containers,
dates and numbers are swapped in from other records of the same family, name counts vary (one
to forty, now and then a group author), page forms vary ("e12345", "S12-S19", "1474-81").
No measuring set is read.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SOURCES = (
    "tests/data/render-real/items.json",
    "references/references.json",
    "tests/formats/data/biopython/pubmed_result1.txt",
    "tests/formats/data/biopython/pubmed_result2.txt",
    "tests/formats/data/biopython/pubmed_result3.txt",
    "tests/formats/data/pubmed_29963580_12091962.nbib",
    "tests/formats/data/publisher_crossref_examples.ris",
)
"""The record files (repository paths); their hashes go into the model's manifest."""


_KEEP = frozenset(
    {"type", "title", "title-short", "container-title", "container-title-short", "author",
     "editor", "translator", "issued", "volume", "issue", "page", "publisher",
     "publisher-place", "edition", "genre", "DOI", "URL", "PMID", "PMCID", "collection-title",
     "collection-number", "number", "accessed", "event-place", "event-title", "language",
     "ISBN", "medium", "status"}
)  # fmt: skip
_FAMILIES = {
    "article": ("article-journal", "article-magazine", "article-newspaper", "article", "review"),
    "chapter": ("chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary"),
    "book": ("book", "report", "thesis", "pamphlet", "manuscript"),
    "web": ("webpage", "post-weblog", "dataset", "software"),
}
_FAMILY_OF = {t: family for family, types in _FAMILIES.items() for t in types}
# What to generate: (CSL type or a form of ours, weight).
_KINDS = (
    ("article-journal", 55), ("chapter", 7), ("paper-conference", 4), ("book", 9),
    ("report", 5), ("thesis", 2), ("webpage", 7), ("trial", 4), ("preprint", 4),
    ("article-newspaper", 1), ("article-magazine", 2),
)  # fmt: skip
_REGISTRIES = (
    ("ClinicalTrials.gov", "https://clinicaltrials.gov/study/{id}", "NCT"),
    ("ClinicalTrials.gov", "https://clinicaltrials.gov/ct2/show/{id}", "NCT"),
    ("ISRCTN registry", "https://www.isrctn.com/{id}", "ISRCTN"),
)
_PREPRINT_SERVERS = ("medRxiv", "bioRxiv", "arXiv", "Research Square", "SSRN", "Preprints")
_GROUP_WORDS = ("Study Group", "Investigators", "Consortium", "Collaborative Group",
                "Working Group", "Trial Group", "Task Force", "Writing Committee")  # fmt: skip

# ---------------------------------------------------------------- source records


@cache
def source_items() -> tuple[dict[str, Any], ...]:
    """Every record of :data:`SOURCES` as CSL-JSON, in file order."""
    out: list[dict[str, Any]] = []
    for name in SOURCES:
        path = REPO / name
        if name.endswith(".json"):
            out.extend(json.loads(path.read_text(encoding="utf-8")))
            continue
        from als_refs.formats import medline, ris

        reader = ris if name.endswith(".ris") else medline
        result = reader.parse_string(path.read_text(encoding="utf-8"), source=name)
        out.extend(ref.to_csl() for ref in result.references)
    return tuple({k: v for k, v in item.items() if k in _KEEP} for item in out if item.get("type"))


@dataclass
class Pools:
    """Values of each variable, by type family, to recombine records from."""

    items: dict[str, list[dict[str, Any]]]
    values: dict[tuple[str, str], list[Any]]
    people: list[dict[str, str]]
    literal_names: list[str]
    public: dict[str, list[str]]
    """Field values of a public training set (GROBID's: journal names, article and book
    titles, publishers, places, group authors), by its label."""


@cache
def pools(public: Path | None = None) -> Pools:
    """The pools of the repository's records, and of ``public`` (a JSONL training set in
    GROBID's labels) when given."""
    items: dict[str, list[dict[str, Any]]] = {family: [] for family in _FAMILIES}
    values: dict[tuple[str, str], list[Any]] = {}
    people: list[dict[str, str]] = []
    literal: list[str] = []
    for item in source_items():
        family = _FAMILY_OF.get(str(item["type"]))
        for key in ("author", "editor"):
            for name in item.get(key) or []:
                if name.get("literal"):
                    literal.append(str(name["literal"]))
                elif _real_name(name):
                    people.append({k: str(v) for k, v in name.items() if k in _NAME_KEYS})
        if family is None or not _real_title(item.get("title")):
            continue
        items[family].append(item)
        for key, value in item.items():
            if key not in {"type", "author", "editor", "translator"}:
                values.setdefault((family, key), []).append(value)
    return Pools(items, values, people, literal, _public_values(public) if public else {})


_PUBLIC_FIELDS = ("title-a", "title-j", "title-m", "publisher", "pubPlace", "orgName-collaboration")


def _public_values(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {key: [] for key in _PUBLIC_FIELDS}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = json.loads(line)["fields"] if line.strip() else {}
            for key in _PUBLIC_FIELDS:
                found = fields.get(key) or []
                for value in [found] if isinstance(found, str) else found:
                    value = " ".join(str(value).split()).strip(" ,;:")
                    if len(value) > 2 and value.count("(") == value.count(")"):
                        out[key].append(value.rstrip(".") if key == "title-a" else value)
    return out


def _public(rng: random.Random, table: Pools, key: str, chance: float) -> str | None:
    values = table.public.get(key)
    return rng.choice(values) if values and rng.random() < chance else None


_NAME_KEYS = ("family", "given", "non-dropping-particle", "dropping-particle", "suffix")


def _real_title(title: Any) -> bool:
    """Test fixtures hold placeholder titles ("Title", "Lorem Ipsum", "A&b%c"): not those."""
    words = str(title or "").split()
    if any(c in str(title) for c in "{}_\\$^~"):
        return False  # TeX left in a converted record
    return (
        len(words) >= 3
        and sum(w.isalpha() for w in words) >= 2
        and "lorem" not in str(title).lower()
    )


def _real_name(name: dict[str, Any]) -> bool:
    family, given = str(name.get("family") or ""), str(name.get("given") or "")
    placeholder = family.lower() in {
        "author",
        "editor",
        "family",
        "name",
        "doe",
        "lastname",
        "dummy",
    }
    return (
        bool(family and given) and not any(c.isdigit() for c in family + given) and not placeholder
    )


# ---------------------------------------------------------------- recombined records


def make_record(rng: random.Random, number: int, table: Pools | None = None) -> dict[str, Any]:
    """One record of a kind drawn by :data:`_KINDS`, recombined from the source records (and
    the public set's values, when ``table`` holds them)."""
    table = table or pools()
    kind = weighted(rng, _KINDS)
    if kind == "trial":
        return _trial(rng, number, table)
    csl_type = "article" if kind == "preprint" else kind
    family = _FAMILY_OF[csl_type]
    base = _base(rng, table, family, csl_type)
    item = deepcopy(base)
    item["type"] = csl_type
    item["id"] = f"s{number}"
    for key in list(item):
        if key not in {"type", "id", "author", "editor"} and rng.random() < 0.4:
            candidates = table.values.get((family, key))
            if candidates:
                item[key] = deepcopy(rng.choice(candidates))
    if rng.random() < 0.6 or not item.get("author"):
        item["author"] = _names(rng, table)
    if family == "chapter" and rng.random() < 0.5:
        item["editor"] = _names(rng, table, most=4)
    _public_fields(rng, table, family, item)
    _vary_date(rng, item)
    if family == "article":
        _vary_numbers(rng, item)
    if kind == "preprint":
        item["container-title"] = rng.choice(_PREPRINT_SERVERS)
        item.pop("volume", None), item.pop("issue", None), item.pop("page", None)
    if family == "web":
        item.setdefault("URL", _url(rng, item))
        item["accessed"] = {
            "date-parts": [[rng.randint(2005, 2026), rng.randint(1, 12), rng.randint(1, 28)]]
        }
    return item


def weighted(rng: random.Random, choices: Sequence[tuple[str, int]]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _base(rng: random.Random, table: Pools, family: str, csl_type: str) -> dict[str, Any]:
    records = table.items[family]
    same = [item for item in records if item["type"] == csl_type]
    return rng.choice(same if same and rng.random() < 0.7 else records)


def _public_fields(rng: random.Random, table: Pools, family: str, item: dict[str, Any]) -> None:
    choices = {
        "article": (("title", "title-a", 0.5), ("container-title", "title-j", 0.6)),
        "chapter": (("title", "title-a", 0.3), ("container-title", "title-m", 0.5)),
        "book": (("title", "title-m", 0.4), ("publisher", "publisher", 0.4)),
    }.get(family, ())
    for key, public_key, chance in (*choices, ("publisher-place", "pubPlace", 0.3)):
        value = _public(rng, table, public_key, chance)
        if value and (key in item or key == "title" or key == "container-title"):
            item[key] = value
            if key == "container-title":
                item.pop("container-title-short", None)


def _names(rng: random.Random, table: Pools, most: int = 40) -> list[dict[str, str]]:
    roll = rng.random()
    if roll < 0.2:
        count = 1
    elif roll < 0.5:
        count = rng.randint(2, 3)
    elif roll < 0.8:
        count = rng.randint(4, 6)
    elif roll < 0.95:
        count = rng.randint(7, 12)
    else:
        count = rng.randint(13, 40)
    names: list[dict[str, str]] = [dict(rng.choice(table.people)) for _ in range(min(count, most))]
    if rng.random() < 0.06:
        group = _group_name(rng, table)
        names.insert(
            rng.randint(0, len(names)) if rng.random() < 0.5 else len(names), {"literal": group}
        )
    return names


def _group_name(rng: random.Random, table: Pools) -> str:
    """A group author ("Mexiletine Trial Investigators"): a real institutional name, or words
    of a real title before one of the words groups call themselves."""
    public = _public(rng, table, "orgName-collaboration", 0.4)
    if public:
        return public
    if table.literal_names and rng.random() < 0.3:
        return rng.choice(table.literal_names)
    title = str(rng.choice(table.items["article"])["title"])
    words = [w for w in title.split()[1:] if w.isalpha() and len(w) > 3]
    head = " ".join(w[:1].upper() + w[1:] for w in words[: rng.randint(1, 2)]) or "Collaborative"
    return f"{head} {rng.choice(_GROUP_WORDS)}"


def _vary_date(rng: random.Random, item: dict[str, Any]) -> None:
    if rng.random() < 0.5 and item.get("issued"):
        return
    parts = [rng.randint(1965, 2026)]
    if rng.random() < 0.35:
        parts.append(rng.randint(1, 12))
        if rng.random() < 0.4:
            parts.append(rng.randint(1, 28))
    item["issued"] = {"date-parts": [parts]}


def _vary_numbers(rng: random.Random, item: dict[str, Any]) -> None:
    if rng.random() < 0.6:
        item["volume"] = str(rng.choice((rng.randint(1, 40), rng.randint(1, 400))))
    if rng.random() < 0.5:
        issue = str(rng.randint(1, 12))
        item["issue"] = rng.choice(
            (issue, issue, issue, f"Suppl {rng.randint(1, 3)}", f"{issue}-{int(issue) + 1}")
        )
    elif rng.random() < 0.3:
        item.pop("issue", None)
    if rng.random() < 0.6:
        item["page"] = _pages(rng)
    if rng.random() < 0.5:
        item["DOI"] = f"10.{rng.randint(1000, 99999)}/{_token(rng)}"
    if rng.random() < 0.25:
        item["PMID"] = str(rng.randint(1_000_000, 39_999_999))


def _pages(rng: random.Random) -> str:
    first = rng.randint(1, 3000)
    last = first + rng.randint(1, 25)
    form = rng.randint(0, 5)
    if form == 0:
        return f"e{rng.randint(100, 99999)}"
    if form == 1:
        return str(first)
    if form == 2:
        return f"S{first}-S{last}"
    if form == 3:
        short = str(last)[-2:] if last >= 100 and last // 100 == first // 100 else str(last)
        return f"{first}-{short}"
    return f"{first}-{last}"


def _token(rng: random.Random) -> str:
    """The part of a made-up DOI after the prefix, in one of the shapes publishers use."""
    form = rng.randint(0, 3)
    if form == 0:
        journal = rng.choice(("j", "s", "nature", "journal.pone", "bmj"))
        return f"{journal}.{rng.randint(1000, 99999)}"
    if form == 1:
        issn = f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
        return f"S{issn}({rng.randint(10, 25)}){rng.randint(10000, 99999)}-{rng.randint(0, 9)}"
    if form == 2:
        letters = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(3))
        return f"{letters}.{rng.randint(2000, 2026)}.{rng.randint(1, 999)}"
    return str(rng.randint(10_000_000, 99_999_999))


def _url(rng: random.Random, item: dict[str, Any]) -> str:
    words = [w.strip(".,:;?!()").lower() for w in str(item.get("title", "page")).split()[:4]]
    slug = "-".join(w for w in words if w.isalnum()) or "page"
    host = rng.choice(
        (
            "www.who.int",
            "www.cdc.gov",
            "www.nice.org.uk",
            "www.nih.gov",
            "www.alsa.org",
            "www.mndassociation.org",
            "www.ema.europa.eu",
        )
    )
    return f"https://{host}/{slug}"


def _trial(rng: random.Random, number: int, table: Pools) -> dict[str, Any]:
    registry, url, prefix = rng.choice(_REGISTRIES)
    trial_id = f"{prefix}{rng.randint(0, 99_999_999):08d}"
    title = _public(rng, table, "title-a", 0.5) or rng.choice(table.items["article"])["title"]
    item: dict[str, Any] = {
        "id": f"s{number}",
        "type": rng.choice(("webpage", "report")),
        "title": title,
        "publisher": registry,
        "number": trial_id,
        "URL": url.format(id=trial_id),
        "genre": "Clinical trial registration",
        "accessed": {
            "date-parts": [[rng.randint(2010, 2026), rng.randint(1, 12), rng.randint(1, 28)]]
        },
    }
    if rng.random() < 0.5:
        item["container-title"] = registry
    if rng.random() < 0.6:
        item["author"] = rng.choice(
            ([{"literal": _group_name(rng, table)}], _names(rng, table, most=3))
        )
    _vary_date(rng, item)
    return item
