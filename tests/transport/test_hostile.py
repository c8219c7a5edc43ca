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
    work = {
        "DOI": BAD,
        "type": "journal-article",
        "title": ["A work"],
        "author": [{"family": 5, "given": ["x"]}],
        "issued": {"date-parts": [["2018", None]]},
        "volume": {"no": 1},
    }
    crossref_server.serve_also([work])
    code, _ = _check(crossref_server, _bib(tmp_path, GOOD, BAD), "--format", "json")
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    report = json.loads(out)
    assert report["references"] == 2
    assert "Traceback" not in err


def test_a_redirect_to_another_origin_is_not_followed(
    crossref_server: CrossrefServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crossref_server.faults.extend(["redirect"] * 4)
    code, elapsed = _check(crossref_server, _bib(tmp_path, GOOD), "--token", "secret")
    _, err = capsys.readouterr()
    assert code == 3
    assert "another origin" in err or elapsed < 20
    assert crossref_server.tokens.count("Bearer secret") == len(crossref_server.tokens)
