"""PubMed client and mapping against the local E-utilities server (recorded + constructed)."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from als_refs.errors import ServiceHTTPError
from als_refs.pubmed.client import PubMedClient
from als_refs.pubmed.mapping import PubMedRecord, own_ids, parse_articles
from als_refs.transport import Transport

from .server import RECORDED, PubMedServer


def _record(client: PubMedClient, pmid: str) -> PubMedRecord:
    record = client.fetch([pmid])[pmid]
    assert isinstance(record, PubMedRecord), record
    return record


def test_recorded_record_maps_to_the_hub_model(pubmed: PubMedClient) -> None:
    reference = _record(pubmed, "29963580").reference
    assert reference.pmid == "29963580"
    assert reference.pmcid == "PMC6022861"
    assert reference.doi == "10.1117/1.jmi.5.2.026002"
    assert reference.volume == "5" and reference.issue == "2" and reference.page == "026002"
    assert reference.container_title_short == "J Med Imaging (Bellingham)"
    assert reference.issued is not None and reference.issued.date_parts == ((2018, 4),)


def test_own_ids_never_come_from_the_reference_list() -> None:
    text = (RECORDED / "ncbi_efetch_pubmed_29963580.xml").read_text(encoding="utf-8")
    article = ET.fromstring(text).find("PubmedArticle")
    assert article is not None
    cited = {n.text for n in article.findall(".//ReferenceList//ArticleId")}
    assert "25144646" in cited
    assert own_ids(article)["pubmed"] == "29963580"
    assert set(own_ids(article).values()) & cited == set()


def test_record_without_elocation_reads_the_article_id_list() -> None:
    text = (RECORDED / "ncbi_efetch_pubmed_12091962_9997.xml").read_text(encoding="utf-8")
    records, problems = parse_articles(text)
    assert problems == []
    by_pmid = {r.pmid: r.reference for r in records}
    assert by_pmid["12091962"].doi is None
    assert by_pmid["9997"].doi == "10.1016/0005-2795(76)90109-4"


def test_batches_and_identification(pubmed: PubMedClient, pubmed_server: PubMedServer) -> None:
    before = len(pubmed_server.log)
    found = pubmed.fetch(["29963580", "9997", "12091962", "1"])
    assert set(found) == {"29963580", "9997", "12091962"}
    requests = pubmed_server.log[before:]
    assert len(requests) == 1
    assert "tool=als-refs" in requests[0] and "email=t%40example.org" in requests[0]


def test_retraction_erratum_and_update_without_doi(pubmed: PubMedClient) -> None:
    retracted = _record(pubmed, "90000001")
    assert retracted.reference.doi is None
    kinds = {(n.kind, n.direction, n.other) for n in retracted.notices}
    assert ("retraction", "updated-by", "pmid:90000002") in kinds
    assert ("correction", "updated-by", "pmid:90000003") in kinds
    updated = _record(pubmed, "90000004")
    assert [(n.kind, n.other) for n in updated.notices] == [("new_version", "pmid:90000005")]


def test_citation_matcher_and_search(pubmed: PubMedClient) -> None:
    found = pubmed.citmatch(
        {
            "weiss": {
                "journal": "Neurology",
                "year": "2016",
                "volume": "86",
                "first_page": "1474",
                "author": "weiss md",
            },
            "nothing": {"journal": "Neurology", "year": "1900", "volume": "1", "first_page": "1"},
        }
    )
    assert found == {"weiss": "26911633", "nothing": None}
    assert pubmed.search("randomized trial mexiletine ALS") == ["26911633"]
    assert pubmed.search("abcXYZ") == []


def test_id_converter(pubmed: PubMedClient) -> None:
    records = pubmed.convert_ids(["10.1212/WNL.0000000000002507"])
    assert records == [
        {"pmid": "26911633", "pmcid": "PMC4831036", "doi": "10.1212/WNL.0000000000002507"}
    ]
    assert pubmed.convert_ids(["PMC0"]) == []


def test_a_non_pubmed_answer_is_a_service_error(
    pubmed_server: PubMedServer, pubmed_transport: Transport
) -> None:
    wrong = PubMedClient(transport=pubmed_transport, base_url=pubmed_server.url + "/nope")
    with pytest.raises(ServiceHTTPError, match="404"):
        wrong.fetch(["29963580"])


def test_recorded_id_converter_bodies_are_the_shape_served() -> None:
    import json

    ok = json.loads((RECORDED / "pmc_idconv_doi_ng590.json").read_text(encoding="utf-8"))
    error = json.loads(
        (RECORDED / "pmc_idconv_error_idtype_mismatch.json").read_text(encoding="utf-8")
    )
    assert {"status", "responseDate", "request", "records"} <= set(ok)
    assert error["status"] == "error" and "records" not in error


def test_rate_without_and_with_key(pubmed_server: PubMedServer, tmp_path: Path) -> None:
    from als_refs.transport import Transport

    plain = PubMedClient(transport=Transport(), base_url=pubmed_server.url)
    keyed = PubMedClient(transport=Transport(), base_url=pubmed_server.url, api_key="k")
    assert plain.limits.rate == 3.0 and keyed.limits.rate == 10.0
    time.sleep(1.0)  # the server counts requests per second: start from a quiet second
    refused = pubmed_server.refused
    for client, count in ((plain, 7), (keyed, 21)):
        client.transport.session.trust_env = False
        started = time.monotonic()
        for n in range(count):
            client.search(f"mexiletine {n}")
        elapsed = time.monotonic() - started
        # Paced, not refused: the server answers 429 past 3/s (10/s with a key).
        assert elapsed >= (count - 1) / client.limits.rate * 0.95, elapsed
        assert pubmed_server.refused == refused
