"""ClinicalTrials.gov client and trial matching against the local registry server."""

from __future__ import annotations

import pytest

from als_refs.clinicaltrials.client import ClinicalTrialsClient, StudyNotFoundError
from als_refs.clinicaltrials.mapping import study_to_reference
from als_refs.clinicaltrials.matching import choose_trial

from .server import ClinicalTrialsServer

LISTING_CRAMPS = "Mexiletine for the treatment of muscle cramps in ALS."
LISTING_SAFETY = "A safety and tolerability study of mexiletine in patients with sporadic ALS."
NEALS = (
    "A phase II, 60 patient NEALS-sponsored multicenter randomized controlled trial of Mexiletine "
    "in the treatment of ALS was recently completed."
)
NEUROLOGY = (
    "Recent clinical trials, published in the journal Neurology in 2016 and Muscle and Nerve in "
    "2018, suggest that mexiletine also may be effective in reducing the frequency and effect of "
    "muscle cramps in ALS."
)


def _match(client: ClinicalTrialsClient, text: str, *, title: str | None = None) -> str | None:
    studies = client.search(title=title, term=None if title else text)
    match = choose_trial(text, studies, title=title)
    return match.accepted.study.nct_id if match.accepted else None


def test_recorded_study_and_its_results_publications(trials: ClinicalTrialsClient) -> None:
    study = trials.get_study("nct02552212")
    assert study.nct_id == "NCT02552212"
    assert study.results_pmids == ("35296532", "35733363")  # RESULT only, not DERIVED
    assert trials.get_study("NCT03630471").results_pmids == ()


def test_unknown_nct_is_not_found(trials: ClinicalTrialsClient) -> None:
    with pytest.raises(StudyNotFoundError):
        trials.get_study("NCT00000000")


def test_trial_listings_resolve_to_their_registrations(trials: ClinicalTrialsClient) -> None:
    assert _match(trials, LISTING_CRAMPS, title=LISTING_CRAMPS) == "NCT01811355"
    assert _match(trials, LISTING_SAFETY, title=LISTING_SAFETY) == "NCT01849770"


def test_the_neals_sentence_names_the_phase_ii_trial_and_its_results(
    trials: ClinicalTrialsClient,
) -> None:
    assert _match(trials, NEALS) == "NCT01849770"
    assert trials.get_study("NCT01849770").results_pmids == ("26911633",)


def test_a_sentence_about_publications_is_no_trial(trials: ClinicalTrialsClient) -> None:
    assert _match(trials, NEUROLOGY) is None


def test_no_trial_is_matched_among_look_alikes(
    trials: ClinicalTrialsClient, trials_server: ClinicalTrialsServer
) -> None:
    trials_server.only_decoys()
    decoys = [n for n in trials_server.studies if n.startswith("NCT9")]
    assert len(decoys) >= 20
    everything = [trials.get_study(n) for n in trials_server.studies]
    for text, title in [
        (LISTING_CRAMPS, LISTING_CRAMPS),
        (LISTING_SAFETY, LISTING_SAFETY),
        (NEALS, None),
        (NEUROLOGY, None),
    ]:
        match = choose_trial(text, everything, title=title)
        assert match.accepted is None, (text, match.accepted)


def test_a_registration_as_a_reference(trials: ClinicalTrialsClient) -> None:
    reference = study_to_reference(trials.get_study("NCT01849770"))
    assert reference.type == "report"
    assert reference.number == "NCT01849770"
    assert reference.publisher == "ClinicalTrials.gov"
    assert reference.url == "https://clinicaltrials.gov/study/NCT01849770"


def test_requests_are_paced_one_at_a_time(trials_server: ClinicalTrialsServer) -> None:
    from als_refs.transport import Transport

    client = ClinicalTrialsClient(transport=Transport(), base_url=trials_server.url)
    client.transport.session.trust_env = False
    for nct in ("NCT01849770", "NCT01811355", "NCT02552212"):
        client.get_study(nct)
    gaps = [b - a for a, b in zip(trials_server.times[-3:], trials_server.times[-2:], strict=False)]
    assert client.limits.rate == 1.0
    assert all(gap >= 0.9 for gap in gaps), gaps


def test_a_malformed_study_is_an_issue_not_a_crash(trials_server: ClinicalTrialsServer) -> None:
    from als_refs.models import Reference
    from als_refs.sources_resolve import SourceResolver
    from als_refs.transport import Transport

    trials_server.studies["NCT00000001"] = {"protocolSection": {"identificationModule": 5}}
    client = ClinicalTrialsClient(transport=Transport(), base_url=trials_server.url)
    client.transport.session.trust_env = False
    reference = Reference(id="t", title="A trial", trial_ids=("NCT00000001",))
    result = SourceResolver(pubmed=None, trials=client).resolve([reference])[0]
    assert [i.code for i in result.issues] == ["record-malformed"]
    assert not result.service_failed
