"""A hostile server cannot hang, exhaust or crash a run, nor collect credentials elsewhere.

Each case goes through ``als-refs check --online`` and is bounded well under 60 s."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from als_refs.cli.main import main
from tests.crossref.server import CrossrefServer

GOOD = "10.1002/mus.26117"
OTHER = "10.1155/2011/403808"
BAD = "10.5555/als-refs-malformed"
RIVERA = "10.3109/21678421.2012.751614"
# Constructed: a record of the shape the issue describes ({"family": 5} and worse).
MALFORMED = {
    "DOI": BAD,
    "type": "journal-article",
    "title": ["A work"],
    "author": [{"family": 5, "given": ["x"]}],
    "issued": {"date-parts": [["2018", None]]},
    "volume": {"no": 1},
    "page": {"a": 1},
}
SOURCE = (
    'document = "x.txt"\n\n[[citation]]\nline = 1\nkind = "reference"\ntext = "Rivera, I., '
    "Ajroud-Driss, S., Casey, P., Heller, S., Allen, J., Siddique, T. and Sufit, R. (2013) "
    "Prevalence and characteristics of pain in early and late stages of ALS.  Amyotrophic Lateral "
    f'Sclerosis and Frontotemporal Degeneration Journal doi:{RIVERA}."\n\n'
    '[[citation]]\nline = 2\nkind = "reference"\n'
    f'text = "Smith, J. (2018) A work. Neurology 1:2-3. doi:{BAD}"\n'
)


def _bib(tmp_path: Path, *dois: str) -> Path:
    entries = [
        f"@article{{ref{i},\n  title = {{A work}},\n  year = {{2018}},\n  doi = {{{doi}}}\n}}\n"
        for i, doi in enumerate(dois)
    ]
    path = tmp_path / "refs.bib"
    path.write_text("\n".join(entries), encoding="utf-8")
    return path


def _check(server: CrossrefServer, path: Path, *extra: str) -> tuple[int, float]:
    started = time.monotonic()
    code = main(
        [
            "check",
            str(path),
            "--online",
            "--crossref-url",
            server.url,
            "--no-cache",
            "--timeout",
            "2",
            "--retries",
            "1",
            *extra,
        ]
    )
    return code, time.monotonic() - started


@pytest.mark.parametrize("fault", ["drip", "endless"])
def test_a_body_that_drips_or_never_ends_is_cut_off(
    crossref_server: CrossrefServer, tmp_path: Path, fault: str
) -> None:
    crossref_server.drip_seconds = 0.5
    crossref_server.faults.extend([fault, fault])
    code, elapsed = _check(crossref_server, _bib(tmp_path, GOOD))
    assert code == 3
    assert elapsed < 20


def test_an_endless_body_is_refused_past_the_size_limit(crossref_server: CrossrefServer) -> None:
    from als_refs.crossref.client import CrossrefClient
    from als_refs.errors import ServiceHTTPError
    from als_refs.transport import RetryPolicy, Transport

    crossref_server.faults.append("endless")
    transport = Transport(timeout=30.0, retry=RetryPolicy(attempts=1), max_body=1_000_000)
    transport.session.trust_env = False
    client = CrossrefClient(transport=transport, base_url=crossref_server.url)
    with pytest.raises(ServiceHTTPError, match="larger than"):
        client.get_work(GOOD)


@pytest.mark.parametrize("value", ["99999", "nan", "inf", "-1e999", "soon"])
def test_retry_after_is_clamped_or_ignored(
    crossref_server: CrossrefServer, tmp_path: Path, value: str
) -> None:
    crossref_server.retry_after = value
    crossref_server.faults.append("429")
    code, elapsed = _check(crossref_server, _bib(tmp_path, GOOD))
    assert elapsed < 20
    # A wait over 60 s gives up at once (service failure); garbage is ignored and retried.
    assert (code == 3) == (value == "99999"), code


@pytest.mark.parametrize(
    ("limit", "interval"), [("1", "99999999999m"), ("1", "3600s"), ("nan", "inf"), ("5", "nan")]
)
def test_absurd_advertised_limits_are_a_service_failure_or_ignored(
    crossref_server: CrossrefServer, tmp_path: Path, limit: str, interval: str
) -> None:
    crossref_server.enforce = False
    crossref_server.rate_limit_limit = limit
    crossref_server.rate_limit_interval = interval
    code, elapsed = _check(crossref_server, _bib(tmp_path, GOOD, OTHER))
    assert elapsed < 20
    slow = interval in ("99999999999m", "3600s")
    assert (code == 3) == slow, code


def test_a_malformed_record_is_an_issue_on_its_reference(
    crossref_server: CrossrefServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crossref_server.serve_also([MALFORMED])
    code, _ = _check(crossref_server, _bib(tmp_path, GOOD, BAD), "--format", "json")
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    report = json.loads(out)
    assert report["references"] == 2
    assert "Traceback" not in err
    malformed = [i for i in report["issues"] if i["code"] == "registered-malformed"]
    assert [(i["line"], i["severity"]) for i in malformed] == [(7, "warning")], malformed  # ref1
    assert BAD in malformed[0]["message"]


def test_a_malformed_record_in_a_resolve_is_an_issue_and_the_lockfile_is_written(
    crossref_server: CrossrefServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "lib"
    (library / "sources").mkdir(parents=True)
    (library / "als-refs.toml").write_text(
        '[bibliography]\nstyles = ["apa"]\nformats = ["text"]\n', encoding="utf-8"
    )
    (library / "sources" / "x.toml").write_text(SOURCE, encoding="utf-8")
    crossref_server.serve_also([MALFORMED])
    args = ["resolve", str(library), "--crossref-url", crossref_server.url, "--no-cache"]
    assert main([*args, "--timeout", "5", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    issues = [i for i in json.loads(out)["issues"] if i["code"] == "registered-malformed"]
    assert [(i["line"], i["severity"]) for i in issues] == [(2, "warning")], issues
    assert "author, issued, page, volume" in issues[0]["message"]
    lock = json.loads((library / "als-refs.lock.json").read_text(encoding="utf-8"))
    statuses = {key: entry["status"] for key, entry in lock["references"].items()}
    assert statuses == {f"doi:{RIVERA}": "verified", f"doi:{BAD}": "verified"}
    assert main(["build", str(library)]) == 0  # and the stored record builds
    text = (library / "bibliography" / "apa.txt").read_text(encoding="utf-8")
    assert "Smith, J. (2018). A work." in text


def test_a_redirect_to_another_origin_is_not_followed(
    crossref_server: CrossrefServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = CrossrefServer().start()  # another port of 127.0.0.1: another origin
    try:
        crossref_server.redirect_to = f"{elsewhere.url}/works/{GOOD}"
        crossref_server.faults.extend(["redirect"] * 4)
        code, elapsed = _check(crossref_server, _bib(tmp_path, GOOD), "--token", "secret")
    finally:
        elsewhere.stop()
    out, err = capsys.readouterr()
    assert code == 3
    assert "to another origin" in out + err
    assert elapsed < 20
    assert elsewhere.tokens == []  # never asked, so never given the token
    assert crossref_server.tokens.count("Bearer secret") == len(crossref_server.tokens) > 0


def test_a_redirect_within_the_origin_is_followed_with_the_token(
    crossref_server: CrossrefServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = _bib(tmp_path, GOOD)
    assert _check(crossref_server, bib)[0] in (0, 1)
    asked = crossref_server.log[0]  # the request a redirect will now point back to
    crossref_server.reset_counters()
    crossref_server.redirect_to = f"{crossref_server.url}{asked}"
    crossref_server.faults.append("redirect")
    code, _ = _check(crossref_server, bib, "--token", "secret")
    assert code in (0, 1), capsys.readouterr().err
    assert crossref_server.log[:2] == [asked, asked]
    assert crossref_server.tokens[-len(crossref_server.log) :] == ["Bearer secret"] * len(
        crossref_server.log
    )


def test_a_body_dripping_under_the_read_timeout_still_meets_the_deadline(
    crossref_server: CrossrefServer, tmp_path: Path
) -> None:
    """Each byte comes within --timeout (so no single read times out), the whole never does."""
    crossref_server.drip_seconds = 1.0
    crossref_server.faults.extend(["drip", "drip"])
    code, elapsed = _check(crossref_server, _bib(tmp_path, GOOD), "--timeout", "3")
    assert code == 3
    assert elapsed < 15
