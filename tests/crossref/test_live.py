"""A handful of checks against the real Crossref API. Off by default: run with ``-m live``
(and network access; pytest-socket must allow it: ``--force-enable-socket``)."""

from __future__ import annotations

import os

import pytest
import requests

from als_refs.crossref.client import CrossrefClient
from als_refs.crossref.mapping import notices, work_to_reference
from als_refs.errors import DOINotFoundError

pytestmark = pytest.mark.live

MAILTO = os.environ.get("ALS_REFS_MAILTO", "als-refs@example.org")


@pytest.fixture
def live_client() -> CrossrefClient:
    session = requests.Session()
    return CrossrefClient(session=session, mailto=MAILTO, timeout=20)


def test_live_single_work(live_client: CrossrefClient) -> None:
    ref = work_to_reference(live_client.get_work("10.1212/WNL.0000000000002507"))
    assert ref.author[0].family == "Weiss"
    assert ref.volume == "86"
    assert ref.container_title == "Neurology"


def test_live_batch_maps_back_case_insensitively(live_client: CrossrefClient) -> None:
    dois = ["10.1212/WNL.0000000000002507", "10.1002/MUS.26117", "10.1155/2011/403808"]
    works = live_client.get_works(dois)
    assert set(works) == set(dois)
    assert live_client.stats.requests == 1


def test_live_not_found_and_agency(live_client: CrossrefClient) -> None:
    with pytest.raises(DOINotFoundError):
        live_client.get_work("10.1371/notarealdoi")
    assert live_client.get_agency("10.1002/mus.26117") == "crossref"


def test_live_search_finds_chio_2012(live_client: CrossrefClient) -> None:
    items = live_client.search(
        "Chiò A, Canosa A, Gallo S (2012) Pain in amyotrophic lateral sclerosis: a "
        "population-based controlled study. European Journal of Neurology 19(4), 551-555"
    )
    assert items[0]["DOI"].lower() == "10.1111/j.1468-1331.2011.03540.x"


def test_live_cochrane_versions(live_client: CrossrefClient) -> None:
    """Checks the assumption in tests/data/crossref: the 2008 review is updated by .pub3."""
    work = live_client.get_work("10.1002/14651858.CD005226.pub2")
    assert work_to_reference(work).year == 2008
    assert any((n.other or "").endswith("cd005226.pub3") for n in notices(work))
