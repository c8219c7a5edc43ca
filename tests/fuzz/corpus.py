"""The hostile corpus: every file, folder and config case of issue 14 ("Why"), as CLI runs.

All of it is constructed (written for these tests from the issue's descriptions), not recorded.
The citation texts of the libraries are the project's own ``references/sources`` (real citations
of the seed articles). Cases marked ``routed_to`` crash in code another issue owns; they stay
out of the CI slice until fixed there, and ``benchmarks/fuzz_cli.py`` reports how they do.
"""

from __future__ import annotations

import json
from pathlib import Path

from .harness import Case

REPO = Path(__file__).resolve().parents[2]
SOURCES = sorted((REPO / "references" / "sources").glob("*.toml"))
FAST = b'[bibliography]\nstyles = ["apa"]\nformats = ["text"]\n'
ITEM = {
    "id": "a",
    "type": "article-journal",
    "title": "Pain in ALS",
    "author": [{"family": "Rivera"}],
}
GOOD_BIB = (
    b"@article{good,\n  author = {Rivera, I.},\n  title = {Pain in ALS},\n  year = {2013}\n}\n"
)


def library(config: bytes = FAST, files: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """A library in ``lib/``: two real source files, the config, and extra files (by their
    path inside the library)."""
    layout = {f"lib/sources/{p.name}": p.read_bytes() for p in SOURCES[:2]}
    layout["lib/als-refs.toml"] = config
    layout.update({f"lib/{name}": content for name, content in (files or {}).items()})
    return layout


def build(
    name: str,
    config: bytes = FAST,
    files: dict[str, bytes] | None = None,
    routed_to: str | None = None,
) -> Case:
    return Case("build", ("lib",), library(config, files), name=name, routed_to=routed_to)


def with_bibliography(extra: str) -> bytes:
    return FAST + extra.encode()


def config_cases() -> list[Case]:
    outputs = [
        ('bibtex = "../../outside/x.bib"', "bibtex-dotdot"),
        ('bibtex = "{outside}/victim.bib"', "bibtex-absolute"),
        ('csl-json = "../x.json"', "csl-json-dotdot"),
        ('citekeys = "../../outside/victim.txt"', "citekeys-outside"),
        ('bibtex = "sources/' + SOURCES[0].name + '"', "bibtex-over-source"),
        ('bibtex = "references.json"', "two-outputs-one-file"),
        ('bibtex = "."', "bibtex-dot"),
        ('bibtex = ""', "bibtex-empty"),
        ('bibtex = "als-refs.toml"', "bibtex-over-config"),
        ('bibtex = "sources"', "bibtex-a-folder"),
        ('bibtex = "x\\u0000y.bib"', "bibtex-nul"),
    ]
    cases = [build(name, b"[outputs]\n" + line.encode() + b"\n" + FAST) for line, name in outputs]
    cases += [
        build("lockfile-outside", b'lockfile = "../../outside/victim.txt"\n' + FAST),
        build("sources-absolute", b'sources = ["/abs/*.toml"]\n' + FAST),
        build("sources-empty", b'sources = [""]\n' + FAST),
        build("directory-outside", with_bibliography('directory = "../../outside"\n')),
        build("formats-pdf", b'[bibliography]\nstyles = ["apa"]\nformats = ["pdf"]\n'),
        build("style-missing", b'[bibliography]\nstyles = ["no-such-style"]\nformats = ["text"]\n'),
        build(
            "style-not-utf8",
            b'[bibliography]\nstyles = ["styles/mine.csl"]\nformats = ["text"]\n',
            {"styles/mine.csl": b'<?xml version="1.0"?>\n<style>\xe9\xff</style>\n'},
        ),
        build(
            "style-not-xml",
            b'[bibliography]\nstyles = ["styles/mine.csl"]\nformats = ["text"]\n',
            {"styles/mine.csl": b"<style <<<"},
        ),
        build("toml-500-deep", b"x = " + b"[" * 500 + b"]" * 500 + b"\n"),
        build("toml-not-utf8", b'name = "\xff"\n'),
        build("lockfile-not-utf8", FAST, files={"als-refs.lock.json": b'{"x": "\xfe"}'}),
        build("lockfile-deep", FAST, files={"als-refs.lock.json": b"[" * 100_000 + b"]" * 100_000}),
        build("citekeys-deep", FAST, files={"citekeys.json": b"{" * 1000}),
        build("citekeys-not-utf8", FAST, files={"citekeys.json": b'{"a": "\xff"}'}),
        build("source-deep", FAST, files={"sources/zz.toml": b"x = " + b"[" * 500 + b"]" * 500}),
        build("source-not-utf8", FAST, files={"sources/zz.toml": b'document = "\xff"\n'}),
        build("source-bom", FAST, files={"sources/zz.toml": b'\xef\xbb\xbfdocument = "x.txt"\n'}),
    ]
    planted = {
        "lib/.references.bib.tmp": "{outside}/victim.bib",
        "lib/.references.json.tmp": "{outside}/victim.txt",
    }
    cases += [
        Case("build", ("lib",), library(), links=planted, name="planted-temp-symlink"),
        Case(
            "build",
            ("lib",),
            library(),
            links={"lib/bibliography": "{outside}"},
            name="output-folder-symlink",
        ),
        Case(
            "build",
            ("lib",),
            library(),
            links={"lib/references.bib": "{outside}/victim.bib"},
            name="output-file-symlink",
        ),
        Case(
            "build",
            ("lib",),
            library(),
            links={"lib/sources/evil.toml": "{outside}/victim.txt"},
            name="source-symlink-outside",
        ),
        Case(
            "resolve",
            ("lib", "--offline"),
            library(b'lockfile = "../x.json"\n'),
            name="resolve-lock-out",
        ),
    ]
    return cases


def lockfile_cases() -> list[Case]:
    """Registered metadata in a lockfile is an answer from a server, stored: as hostile."""
    doi = "10.3109/21678421.2012.751614"
    source = (
        b'document = "x.txt"\n[[citation]]\nline = 1\nkind = "reference"\n'
        b'text = "Rivera I (2013) Prevalence of pain in ALS. Amyotroph Lateral Scler 14:1-4. '
        + f'doi:{doi}"\n'.encode()
    )
    works = {
        "author-family-int": {"author": [{"family": 5}], "title": ["T"]},
        "title-not-list": {"title": 7, "issued": {"date-parts": [["x"]]}},
        "issued-garbage": {"issued": {"date-parts": "2013"}, "volume": [1]},
        "page-dict": {"page": {"a": 1}, "container-title": None, "ISSN": 5},
    }
    cases = []
    for name, work in works.items():
        lock = {
            "als-refs-lock": 1,
            "references": {
                f"doi:{doi}": {
                    "id": "x",
                    "status": "verified",
                    "doi": doi,
                    "registered": {"DOI": doi, "type": "journal-article", **work},
                }
            },
        }
        files = library(FAST, {"sources/zz.toml": source})
        files["lib/als-refs.lock.json"] = json.dumps(lock).encode()
        cases.append(Case("build", ("lib",), files, name=f"lock-{name}"))
    return cases


def file_cases() -> list[Case]:
    deep_json = b"[" * 100_000 + b"]" * 100_000
    cases = [
        Case(
            "convert",
            ("in.json", "out.bib"),
            {"in.json": b"\xef\xbb\xbf" + json.dumps([ITEM]).encode()},
            name="json-bom",
        ),
        Case(
            "convert",
            ("in.json", "out.bib"),
            {"in.json": b'[{"id": "a", "type": '},
            name="json-invalid",
        ),
        Case(
            "check", ("in.json",), {"in.json": b'[{"id": "a", "type": '}, name="check-json-invalid"
        ),
        Case(
            "convert",
            ("in.json", "out.bib"),
            {"in.json": deep_json},
            name="json-100k-deep",
        ),
        Case(
            "convert",
            ("in.json", "out.bib"),
            {"in.json": b"[" + b"9" * 5000 + b"]"},
            name="json-5000-digits",
        ),
        Case(
            "convert",
            ("in.json", "out.bib"),
            {"in.json": json.dumps([{**ITEM, "custom": "x"}, {**ITEM, "id": "b"}]).encode()},
            name="csl-custom-not-object",
        ),
        Case(
            "format",
            ("in.json",),
            {"in.json": json.dumps([{**ITEM, "custom": []}]).encode()},
            name="format-custom-list",
        ),
        Case(
            "check",
            ("in.json",),
            {
                "in.json": json.dumps(
                    [{**ITEM, "custom": "x", "accessed": "y", "title": []}]
                ).encode()
            },
            name="custom-not-object-beside-other-bad-fields",
        ),
        Case(
            "convert",
            ("in.bib", "out.json"),
            {"in.bib": b"@misc{x, title = " + b"{" * 250 + b"a" + b"}" * 250 + b"}\n" + GOOD_BIB},
            name="bib-250-braces",
        ),
        Case(
            "convert",
            ("in.bib", "out.json"),
            {"in.bib": GOOD_BIB.replace(b"2013", b"20\x0013\x0c\x1b")},
            name="bib-control-chars",
        ),
        Case(
            "convert",
            ("in.bib", "out.json"),
            {"in.bib": b'@article{a, volume = 2 # "3", year = 2000}\n'},
            name="bib-concat",
        ),
        Case(
            "convert",
            ("in.bib", "out.json"),
            {"in.bib": b"@article{a, journal = undefinedmacro, year = 2000}\n"},
            name="bib-undefined-string",
        ),
        Case(
            "convert",
            ("in.bib", "out.json"),
            {"in.bib": b"@article{a, title = {extra} brace}}, year={2000}}\n"},
            name="bib-brace-imbalance",
        ),
        Case(
            "convert",
            ("in.json", "out.bib"),
            {"in.json": json.dumps([{**ITEM, "title": "x\n@misc{y,"}]).encode()},
            name="json-newline-at",
        ),
        Case(
            "convert",
            ("in.json", "out.bib"),
            {"in.json": json.dumps([{**ITEM, "author": [{"family": "\\relax{"}]}]).encode()},
            name="json-name-backslash",
        ),
        Case(
            "convert",
            ("in.bib", "out.json"),
            {"in.bib": b"@article{a, title = {Caf\xe9}}\n"},
            name="bib-latin1",
        ),
        Case(
            "extract",
            ("doc.txt",),
            {
                "doc.txt": b"\xef\xbb\xbfReferences\n"
                b"1. Rivera I (2013) Pain in ALS. Neurology 1:2.\n"
            },
            name="extract-bom",
        ),
        Case(
            "extract",
            ("doc.md",),
            {"doc.md": b"# References\n\n1. Rivera I. \xff\xfe Pain.\n"},
            name="extract-not-utf8",
        ),
        Case(
            "extract",
            ("doc.html",),
            {"doc.html": b"<div>" * 5000 + b"Rivera I (2013) Pain." + b"</div>" * 5000},
            name="extract-deep-html",
        ),
        Case(
            "parse", (), stdin=b"Rivera I (2013) Pain in ALS.\n\xc3(\n", name="parse-stdin-not-utf8"
        ),
        Case(
            "parse", (), stdin=b"\xef\xbb\xbfRivera I (2013) Pain in ALS.\n", name="parse-stdin-bom"
        ),
        Case("parse", ("\x00\x1b[2J" + "(" * 5000,), name="parse-control-and-parens"),
        Case(
            "format",
            ("in.json", "--style", "{outside}/victim.txt"),
            {"in.json": json.dumps([ITEM]).encode()},
            name="format-style-not-csl",
        ),
    ]
    cases.append(
        Case(
            "format",
            ("in.json", "--style", "mine.csl"),
            {"in.json": json.dumps([ITEM]).encode(), "mine.csl": b"<style>\xff</style>"},
            name="format-style-not-utf8",
        )
    )
    many = [
        {**ITEM, "id": f"w{i}", "title": f"Work {i}", "issued": {"date-parts": [[2013]]}}
        for i in range(703)
    ]
    cases.append(
        Case(
            "format",
            ("in.json", "--style", "apa"),
            {"in.json": json.dumps(many).encode()},
            name="year-suffix-past-zz",
        )
    )
    return cases


def corpus() -> list[Case]:
    return config_cases() + lockfile_cases() + file_cases()
