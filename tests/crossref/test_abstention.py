"""Search abstains when the cited work is absent and only its neighbours are registered.

For each of 60 constructed works (never served) the server holds a neighbour real lists confuse
it with, in turn its preprint, a meeting abstract of the same study, an erratum or another
version five years on, and a same-topic work by the same first author. Every record here is
constructed (10.5555 test prefix), shaped like the recorded work messages in
../shared/crossref-examples. Without the vetoes of ``matching.veto`` some neighbours are
accepted (measured: 4 of the 60 same-topic works).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from als_refs.crossref.client import CrossrefClient
from als_refs.models import DateParts, Location, Name, Provenance, Reference
from als_refs.resolve import resolve_references

from .conftest import FAST_RETRY, FAST_SEARCH
from .server import CrossrefServer

TOPICS = ["cramps", "pain", "fatigue", "dysphagia", "sleep", "weight loss", "spasticity", "mood"]
MEASURES = ["prevalence", "treatment", "natural history", "biomarkers", "quality of life"]
FAMILIES = ["Almeida", "Brandt", "Cortez", "Dahl", "Eriksen", "Fischer", "Greco", "Horvat"]
COUNT = 60


def _work(doi: str, kind: str, title: str, family: str, year: int, **extra: Any) -> dict[str, Any]:
    return {
        "DOI": doi,
        "type": kind,
        "title": [title],
        "author": [{"given": "A", "family": family, "sequence": "first", "affiliation": []}],
        "container-title": ["Constructed Journal of Neuromuscular Testing"],
        "short-container-title": ["Constr J Neuromuscul Test"],
        "issued": {"date-parts": [[year]]},
        "published": {"date-parts": [[year]]},
        "publisher": "Constructed Test Publisher",
        **extra,
    }


def _case(n: int) -> tuple[Reference, list[dict[str, Any]]]:
    topic, measure = TOPICS[n % len(TOPICS)], MEASURES[n % len(MEASURES)]
    family = FAMILIES[n % len(FAMILIES)]
    title = f"{measure.capitalize()} of {topic} in motor neuron disease: cohort {n}"
    year, volume, issue, page = 2010 + n % 10, str(5 + n % 9), str(1 + n % 4), 100 + 10 * n
    base = f"10.5555/als-refs.absent-{n}"
    neighbours = [
        _work(f"{base}.preprint", "posted-content", title, family, year - 1),
        _work(
            f"{base}.abstract",
            "journal-article",
            title,
            family,
            year,
            volume=str(int(volume) + 20),
            issue="Suppl 1",
            page=f"P{n}",
        ),
        _work(
            f"{base}.erratum",
            "journal-article",
            f"Erratum: {title}",
            family,
            year,
            volume=volume,
            issue=issue,
            page=str(page + 40),
            **{"update-to": [{"DOI": base, "type": "erratum", "label": "Erratum"}]},
        ),
        _work(
            f"{base}.v2", "journal-article", title, family, year + 5, volume=str(int(volume) + 5)
        ),
        _work(
            f"{base}.topic",
            "journal-article",
            f"{measure.capitalize()} of {topic} in motor neuron disease: a registry study {n}",
            family,
            year,
            volume=volume,
            issue=str(int(issue) + 1),
            page=str(page + 500),
        ),
    ]
    journal = f"Constr J Neuromuscul Test {volume}({issue}), {page}-{page + 9}."
    # One version-like neighbour per query besides the same-topic work: no tie between
    # same-title neighbours may hide a wrong acceptance behind the runner-up margin.
    neighbours = [neighbours[n % 4], neighbours[4]]
    raw = f"{family} A. ({year}) {title}. {journal}"
    cited = Reference(
        id=f"absent{n}",
        title=title,
        author=(Name(family=family, given="A"),),
        container_title="Constr J Neuromuscul Test",
        issued=DateParts.from_ymd(year),
        volume=volume,
        issue=issue,
        page=f"{page}-{page + 9}",
        provenance=Provenance(locations=(Location(document="absent.txt", line=n + 1, raw=raw),)),
    )
    return cited, neighbours


@pytest.fixture
def neighbour_server() -> Iterator[CrossrefServer]:
    works = [w for n in range(COUNT) for w in _case(n)[1]]
    server = CrossrefServer(works).start()
    yield server
    server.stop()


def test_no_neighbour_is_accepted_for_an_absent_work(
    neighbour_server: CrossrefServer, session: requests.Session
) -> None:
    cited = [_case(n)[0] for n in range(COUNT)]
    client = CrossrefClient(
        session=session,
        base_url=neighbour_server.url,
        mailto="tests@example.org",
        retry=FAST_RETRY,
        search_limits=FAST_SEARCH,
    )
    results = resolve_references(cited, client, suggest=False)
    assert len(results) == COUNT >= 50
    accepted = [(r.reference.id, r.doi) for r in results if r.status == "found-by-search"]
    assert accepted == []
    # the neighbours were there to be taken: every search saw them
    kinds = {c.doi.rsplit(".", 1)[1] for r in results if r.match for c in r.match.candidates}
    assert kinds == {"preprint", "abstract", "erratum", "v2", "topic"}
