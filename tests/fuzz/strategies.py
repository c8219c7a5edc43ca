"""Hypothesis strategies for hostile CLI runs: files, folders and configs (all constructed).

Each strategy draws a :class:`~tests.fuzz.harness.Case` for one command. Texts mix fragments
known to hurt (a BOM, NUL/FF/ESC, brace and bracket runs, ``\\n@misc{``, LaTeX commands, long
digit runs, right-to-left marks, surrogate-free astral characters) with arbitrary text, real
citation lines from the project's own sources, and arbitrary bytes.
"""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import strategies as st

from .answers import online_cases
from .corpus import FAST, SOURCES, library
from .harness import Case

FRAGMENTS = (
    "\ufeff",
    "\x00",
    "\x0c",
    "\x1b[31m",
    "\r\n",
    "\u2028",
    "\u202e",
    "\U0001d518",
    "{" * 60,
    "}" * 30,
    "[" * 40,
    "\n@misc{x,",
    '@string{s = "v"}',
    " # ",
    "\\input{/etc/passwd}",
    "\\write18{rm -rf /}",
    "^^5c",
    "<script>alert(1)</script>",
    "&amp;&#x0;",
    "9" * 400,
    "10.1000/,#?..",
    "doi:10.3109/21678421.2012.751614",
    "et al.",
    "(2013)",
    "[1]",
    "References\n",
    "\n1. ",
    "NCT01234567",
    "PMID: 12345678",
    "~",
    "%",
    "$x^2$",
    '"',
    "\\",
)

CITATIONS = tuple(
    line.split("=", 1)[1].strip().strip('"')
    for path in SOURCES
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.startswith("text = ")
)

PATHS = (
    "references.bib",
    "out/x.bib",
    "../x.bib",
    "../../outside/victim.bib",
    "{outside}/victim.txt",
    ".",
    "",
    "sources",
    "sources/a.toml",
    "als-refs.toml",
    "references.json",
    "citekeys.json",
    "bibliography/apa.txt",
    "a/../b.json",
    "C:\\\\x.bib",
    "x\\u0000y",
    "./references.bib",
    "bibliography",
)
STYLES = (
    "apa",
    "apa",
    "american-medical-association",
    "nlm-citation-sequence",
    "american-medical-association",
    "nlm-citation-sequence",
    "chicago-author-date",
    "no-such-style",
    "styles/mine.csl",
    "../mine.csl",
    "{outside}/victim.txt",
    "a b",
    "",
)
CSL_TYPES = ("article-journal", "book", "chapter", "webpage", "report", "nonsense", "")
CSL_FIELDS = (
    "title",
    "author",
    "editor",
    "issued",
    "container-title",
    "volume",
    "issue",
    "page",
    "DOI",
    "ISBN",
    "ISSN",
    "PMID",
    "URL",
    "publisher",
    "custom",
    "note",
    "language",
    "accessed",
)
BIB_TYPES = ("article", "book", "inproceedings", "misc", "string", "comment", "preamble", "x")
BIB_FIELDS = ("author", "title", "journal", "year", "volume", "pages", "doi", "month", "crossref")


def hostile_text(max_size: int = 12) -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(FRAGMENTS),
        st.sampled_from(CITATIONS),
        st.text(max_size=20),
        st.text(alphabet=st.characters(codec="ascii"), max_size=20),
    )
    return st.lists(piece, max_size=max_size).map("".join)


def hostile_bytes(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[bytes]:
    base = (text if text is not None else hostile_text()).map(
        lambda s: s.encode("utf-8", "surrogatepass")
    )
    return st.one_of(
        base,
        base,
        base,
        st.tuples(st.sampled_from((b"", b"\xef\xbb\xbf")), base).map(b"".join),
        st.tuples(base, st.binary(min_size=1, max_size=4), base).map(b"".join),
        st.binary(max_size=200),
    )


def json_values() -> st.SearchStrategy[Any]:
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        hostile_text(4),
    )
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(hostile_text(2), inner, max_size=4)
        ),
        max_leaves=12,
    )


@st.composite
def csl_items(draw: st.DrawFn) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": draw(st.one_of(hostile_text(3), st.integers(), st.none())),
        "type": draw(st.sampled_from(CSL_TYPES)),
    }
    for name in draw(st.lists(st.sampled_from(CSL_FIELDS), max_size=6, unique=True)):
        if name in ("author", "editor") and draw(st.booleans()):
            names = st.fixed_dictionaries(
                {},
                optional={
                    "family": st.one_of(hostile_text(3), json_values()),
                    "given": hostile_text(3),
                    "literal": hostile_text(3),
                },
            )
            item[name] = draw(st.lists(names, max_size=4))
        elif name in ("issued", "accessed") and draw(st.booleans()):
            parts = st.lists(st.one_of(st.integers(-(10**6), 10**6), hostile_text(2)), max_size=3)
            item[name] = {"date-parts": draw(st.lists(parts, max_size=2))}
        else:
            item[name] = draw(st.one_of(hostile_text(6), json_values()))
    return item


def csl_json_bytes() -> st.SearchStrategy[bytes]:
    documents = st.one_of(
        st.lists(csl_items(), max_size=5).map(lambda items: json.dumps(items, ensure_ascii=False)),
        json_values().map(json.dumps),
        st.integers(1, 3000).map(lambda n: "[" * n + "]" * n),
    )
    return hostile_bytes(documents)


def jsonl_bytes() -> st.SearchStrategy[bytes]:
    lines = st.lists(st.one_of(csl_items().map(json.dumps), hostile_text(4)), max_size=5)
    return hostile_bytes(lines.map("\n".join))


@st.composite
def bib_entries(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(BIB_TYPES))
    key = draw(st.one_of(st.from_regex(r"[a-z][a-z0-9:_-]{0,12}", fullmatch=True), hostile_text(2)))
    fields = []
    for name in draw(st.lists(st.sampled_from(BIB_FIELDS), max_size=5)):
        value = draw(hostile_text(5))
        shape = draw(st.sampled_from(("{%s}", '"%s"', "%s", '{%s} # "x"', "%s # mac")))
        fields.append(f"  {name} = {shape.replace('%s', value)}")
    closing = draw(st.sampled_from(("}\n", "", "}}\n", ")\n")))
    return f"@{kind}{{{key},\n" + ",\n".join(fields) + "\n" + closing


def bibtex_bytes() -> st.SearchStrategy[bytes]:
    body = st.lists(st.one_of(bib_entries(), hostile_text(3)), max_size=5).map("\n".join)
    return hostile_bytes(body)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        pairs = ", ".join(f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items())
        return "{" + pairs + "}"
    return '""'


def toml_table(name: str | None, values: dict[str, Any]) -> str:
    head = f"[{name}]\n" if name else ""
    return head + "".join(f"{key} = {toml_value(value)}\n" for key, value in values.items())


@st.composite
def configs(draw: st.DrawFn) -> bytes:
    path = st.one_of(st.sampled_from(PATHS), st.sampled_from(("out/a.bib", "b.json", "k.json")))
    top = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "sources": st.lists(
                    st.sampled_from(("sources/*.toml", "**/*.toml", "/abs/*.toml", "", "../*")),
                    max_size=2,
                ),
                "lockfile": path,
                "name": hostile_text(2),
                "unknown": st.integers(),
            },
        )
    )
    outputs = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "bibtex": path,
                "csl-json": path,
                "citekeys": path,
                "bibtex-unicode": st.booleans(),
            },
        )
    )
    styles = st.lists(st.sampled_from(STYLES), max_size=2)
    formats = st.lists(st.sampled_from(("text", "html", "markdown", "pdf")), min_size=1, max_size=2)
    bibliography = draw(
        st.fixed_dictionaries(
            {"styles": styles, "formats": formats},
            optional={"directory": path, "locale": st.sampled_from(("en-GB", "xx", ""))},
        )
    )
    text = toml_table(None, top) + toml_table("outputs", outputs)
    text += toml_table("bibliography", bibliography)
    garbage = draw(st.sampled_from(("",) * 6 + ("x = [[[", "[outputs]\n", "x = " + "[" * 600)))
    return (text + garbage).encode("utf-8", "surrogatepass")


@st.composite
def source_files(draw: st.DrawFn) -> bytes:
    citation = st.fixed_dictionaries(
        {
            "line": st.integers(-5, 10**20),
            "text": st.one_of(st.sampled_from(CITATIONS), hostile_text().filter(bool)),
        },
        optional={
            "kind": st.sampled_from(("reference", "trial", "prose", "bogus")),
            "section": hostile_text(2),
            "mention": st.integers(-2, 5),
            "fix": st.dictionaries(st.sampled_from(CSL_FIELDS), json_values(), max_size=3),
        },
    )
    document = draw(st.one_of(st.just("seeds/x.txt"), st.just("a.md"), hostile_text(2)))
    text = f"document = {toml_value(document)}\n"
    for entry in draw(st.lists(citation, max_size=4)):
        text += "\n[[citation]]\n" + "".join(
            f"{key} = {toml_value(value)}\n" for key, value in entry.items()
        )
    plain = st.just(text.encode())
    return draw(st.one_of(plain, plain, plain, hostile_bytes(st.just(text))))


@st.composite
def lockfiles(draw: st.DrawFn) -> bytes:
    doi = "10.3109/21678421.2012.751614"
    work = draw(st.dictionaries(st.sampled_from(CSL_FIELDS), json_values(), max_size=6))
    work.setdefault("DOI", doi)
    entry = {
        "id": draw(hostile_text(2)),
        "status": draw(st.sampled_from(("verified", "found-by-search", "error", "x"))),
        "doi": draw(st.sampled_from((doi, None, 5))),
        "registered": work,
        "match": draw(st.one_of(st.none(), json_values())),
    }
    key = draw(st.sampled_from((f"doi:{doi}", "cited:seeds/x.txt:1", "id:x")))
    lock = {"als-refs-lock": draw(st.sampled_from((1, 1, 2, "1"))), "references": {key: entry}}
    return json.dumps(lock).encode()


@st.composite
def library_cases(draw: st.DrawFn) -> Case:
    files: dict[str, bytes] = {}
    for number in range(draw(st.integers(0, 2))):
        files[f"sources/zz{number}.toml"] = draw(source_files())
    if draw(st.integers(0, 2)) == 0:
        files["als-refs.lock.json"] = draw(st.one_of(lockfiles(), lockfiles(), hostile_bytes()))
    if draw(st.integers(0, 3)) == 0:
        files["citekeys.json"] = draw(
            st.one_of(json_values().map(lambda v: json.dumps(v).encode()), hostile_bytes())
        )
    if draw(st.integers(0, 3)) == 0:
        files["styles/mine.csl"] = draw(hostile_bytes())
    links = draw(
        st.dictionaries(
            st.sampled_from(
                (
                    "lib/.references.bib.tmp",
                    "lib/bibliography",
                    "lib/references.json",
                    "lib/sources/l.toml",
                )
            ),
            st.sampled_from(
                ("{outside}", "{outside}/victim.txt", "{outside}/victim.bib", ".", "/")
            ),
            max_size=1,
        )
    )
    links = links if draw(st.integers(0, 3)) == 0 else {}
    command = draw(
        st.sampled_from((("build", "lib"), ("build", "--check", "lib"), ("check", "lib")))
    )
    config = draw(st.one_of(st.just(FAST), st.just(FAST), configs()))
    return Case(command[0], command[1:], library(config, files), links=links)


SUFFIXES = {".bib": bibtex_bytes, ".json": csl_json_bytes, ".jsonl": jsonl_bytes}


@st.composite
def record_files(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from(tuple(SUFFIXES)))
    return f"in{suffix}", draw(SUFFIXES[suffix]())


@st.composite
def convert_cases(draw: st.DrawFn) -> Case:
    name, content = draw(record_files())
    target = draw(st.sampled_from(("out.bib", "out.json", "out.jsonl", "-")))
    extra = ("--to", "bibtex") if target == "-" else ()
    flags = draw(st.lists(st.sampled_from(("--strict", "--unicode")), unique=True, max_size=2))
    return Case("convert", (name, target, *extra, *flags), {name: content})


@st.composite
def format_cases(draw: st.DrawFn) -> Case:
    name, content = draw(record_files())
    files = {name: content}
    style = draw(st.sampled_from(STYLES))
    if style == "styles/mine.csl":
        files[style] = draw(hostile_bytes())
    output = draw(st.sampled_from(("text", "html", "markdown")))
    return Case("format", (name, "--style", style, "--to", output), files)


@st.composite
def check_cases(draw: st.DrawFn) -> Case:
    name, content = draw(record_files())
    flags = draw(
        st.lists(
            st.sampled_from(("--strict", "--format=json", "--format=github")),
            max_size=2,
            unique=True,
        )
    )
    return Case("check", (*flags, name), {name: content})


@st.composite
def extract_cases(draw: st.DrawFn) -> Case:
    suffix = draw(st.sampled_from((".txt", ".md", ".html")))
    body = draw(hostile_text(30))
    if suffix == ".html" and draw(st.booleans()):
        depth = draw(st.integers(1, 3000))
        body = "<div>" * depth + body + "</div>" * depth
    name = f"doc{suffix}"
    fmt = draw(st.sampled_from(("csl-json", "bibtex", "jsonl", "source")))
    return Case("extract", (name, "--format", fmt), {name: draw(hostile_bytes(st.just(body)))})


@st.composite
def parse_cases(draw: st.DrawFn) -> Case:
    kind = draw(st.sampled_from(("reference", "trial", "prose")))
    fmt = draw(st.sampled_from(("csl-json", "bibtex", "jsonl")))
    flags = ("--kind", kind, "--format", fmt)
    if draw(st.booleans()):
        strings = draw(
            st.lists(hostile_text(8).filter(lambda s: "\x00" not in s), min_size=1, max_size=3)
        )
        return Case("parse", (*flags, *strings))
    return Case("parse", flags, stdin=draw(hostile_bytes(hostile_text(20))))


COMMANDS = {
    "parse": parse_cases,
    "extract": extract_cases,
    "convert": convert_cases,
    "format": format_cases,
    "check": check_cases,
    "build": library_cases,
    "online": online_cases,
}


def any_case() -> st.SearchStrategy[Case]:
    return st.one_of(*(strategy() for strategy in COMMANDS.values()))
