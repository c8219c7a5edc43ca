"""One limiter per host, through the CLI: DOI lookups and searches together stay under the limits
the server advertises and enforces (429 past them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from als_refs.cli.main import main
from tests.crossref.refs import BALDINGER_RAW, BRETT_RAW, CHIO_RAW, HANDY_RAW, RIVERA_RAW
from tests.crossref.server import CrossrefServer


def _library(root: Path) -> Path:
    (root / "sources").mkdir(parents=True)
    (root / "als-refs.toml").write_text(
        'name = "t"\nsources = ["sources/*.toml"]\n\n[bibliography]\nstyles = []\n',
        encoding="utf-8",
    )
    lines = ['document = "seeds/000_a9e708bc8353a378.txt"\n']
    texts = [RIVERA_RAW, CHIO_RAW, BALDINGER_RAW, BRETT_RAW, HANDY_RAW] * 2
    for line, text in enumerate(texts, start=10):
        quoted = json.dumps(text.replace("doi", "doi" if line < 15 else "see"))
        lines.append(f'[[citation]]\nline = {line}\nkind = "reference"\ntext = {quoted}\n')
    (root / "sources" / "000.toml").write_text("\n".join(lines), encoding="utf-8")
    return root


@pytest.mark.parametrize("mailto", [False, True], ids=["public", "polite"])
def test_dois_and_searches_share_one_limiter(
    crossref_server: CrossrefServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    mailto: bool,
) -> None:
    crossref_server.rate_limit_limit = "5"
    crossref_server.rate_limit_interval = "1s"
    crossref_server.concurrency_limit = "1"
    crossref_server.latency = 0.02
    library = _library(tmp_path / "references")
    extra = ["--mailto", "t@example.org"] if mailto else []
    code = main(
        ["resolve", str(library), "--crossref-url", crossref_server.url, "--no-cache", *extra]
    )
    out, err = capsys.readouterr()
    assert code in (0, 1), out + err
    searches = [p for p in crossref_server.log if "query.bibliographic" in p]
    lookups = [p for p in crossref_server.log if "filter=doi" in p or p.startswith("/works/")]
    assert searches and lookups  # the run really mixed both kinds
    assert crossref_server.rejected == 0
    assert crossref_server.max_in_flight == 1
    assert all("select=" in p for p in crossref_server.log if p.startswith("/works?"))


def test_the_server_does_enforce_what_it_advertises(crossref_server: CrossrefServer) -> None:
    import requests

    crossref_server.rate_limit_limit = "2"
    with requests.Session() as session:
        session.trust_env = False
        statuses = [
            session.get(f"{crossref_server.url}/works/10.1002%2Fmus.26117").status_code
            for _ in range(4)
        ]
    assert statuses[:2] == [200, 200]
    assert 429 in statuses[2:]
