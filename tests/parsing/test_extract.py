# ruff: noqa: E501  (sample documents: one reference a line, as written)
"""Document extraction: sections by heading or shape, entry splitting, places, trials, prose."""

from __future__ import annotations

from als_refs.models import Location, Reference
from als_refs.parsing import extract_citations, merge_duplicates, parse_citation

VANCOUVER_LIST = """\
# Mexiletine and cramps

Cramps are common in ALS and often painful.

## References

1. Weiss MD, Macklin EA, Simmons Z, et al. A randomized trial of mexiletine in ALS: safety and effects on muscle cramps and progression. Neurology. 2016 Apr 19;86(16):1474-81. doi: 10.1212/WNL.0000000000002507. Epub 2016 Mar 4. PMID: 26945070.
2. Oskarsson B, Moore D, Mozaffar T, et al. Mexiletine for muscle cramps in amyotrophic lateral sclerosis: a randomized, double-blind crossover trial. Muscle Nerve. 2018;58(1):42-48. [PubMed] [Google Scholar]
"""


def test_markdown_reference_list() -> None:
    citations = extract_citations(VANCOUVER_LIST, document="notes.md")
    assert [(c.kind, c.line, c.section) for c in citations] == [
        ("reference", 7, "References"),
        ("reference", 8, "References"),
    ]
    weiss = citations[0].result.reference
    assert weiss is not None
    assert weiss.author[0].family == "Weiss"
    assert weiss.issued is not None and weiss.issued.date_parts == ((2016, 4, 19),)
    assert (weiss.volume, weiss.issue, weiss.page) == ("86", "16", "1474-81")
    assert weiss.pmid == "26945070"
    assert weiss.doi == "10.1212/wnl.0000000000002507"
    assert weiss.container_title == "Neurology"
    oskarsson = citations[1].result.reference
    assert oskarsson is not None
    assert oskarsson.container_title == "Muscle Nerve"
    assert "PubMed" not in (oskarsson.model_dump_json(exclude={"provenance"}))
    assert "[PubMed]" not in citations[1].text


def test_places_point_at_the_text() -> None:
    citations = extract_citations(VANCOUVER_LIST, document="notes.md")
    for citation in citations:
        location = citation.result.reference.provenance.locations[0]  # type: ignore[union-attr]
        assert location.document == "notes.md"
        assert VANCOUVER_LIST[citation.start : citation.end] == location.raw
        assert VANCOUVER_LIST.splitlines()[citation.line - 1].startswith(location.raw or "?")


WRAPPED = """\
Bibliography

Weiss MD, Macklin EA, Simmons Z. A randomized trial of mexiletine in ALS:
safety and effects on muscle cramps and progression. Neurology.
2016;86(16):1474-81.
Brown RH Jr, Al-Chalabi A. Amyotrophic lateral sclerosis. N Engl J Med. 2017;377(2):162-72.

[1] Bensimon G, Lacomblez L, Meininger V. A controlled trial of riluzole in amyotrophic lateral sclerosis. N Engl J Med. 1994;330(9):585-91. [2] Miller RG, Mitchell JD, Moore DH. Riluzole for amyotrophic lateral sclerosis (ALS)/motor neuron disease (MND). Cochrane Database Syst Rev. 2012;(3):CD001447.
"""


def test_entries_spanning_lines_and_run_together() -> None:
    citations = extract_citations(WRAPPED)
    assert [(c.line, c.end_line) for c in citations] == [(3, 5), (6, 6), (8, 8), (8, 8)]
    first = citations[0].result.reference
    assert first is not None
    assert first.title == (
        "A randomized trial of mexiletine in ALS: safety and effects on muscle cramps and progression"
    )
    assert first.page == "1474-81"
    brown = citations[1].result.reference
    assert brown is not None
    assert brown.author[0].family == "Brown" and brown.author[0].suffix == "Jr."
    bensimon, miller = citations[2].result.reference, citations[3].result.reference
    assert bensimon is not None and miller is not None
    assert bensimon.author[0].family == "Bensimon"
    assert miller.author[0].family == "Miller"
    assert miller.number == "CD001447"
    assert WRAPPED[citations[3].start :].startswith("[2] Miller RG")


HTML = """<html><body><h1>Cramps</h1><p>Mexiletine helps, see below.</p>
<h2>Literature Cited</h2>
<ol><li>Chi&ograve; A, Canosa A, Gallo S, et al. Pain in amyotrophic lateral sclerosis: a population-based controlled study. Eur J Neurol. 2012;19(4):551-5.</li>
<li>Handy CR, Krudy C, Boulis N, Federici T. Pain in amyotrophic lateral sclerosis: a neglected aspect of disease. Neurol Res Int. 2011;2011:403808.</li></ol>
</body></html>"""


def test_html_document() -> None:
    citations = extract_citations(HTML, document="page.html")
    assert [c.section for c in citations] == ["Literature Cited", "Literature Cited"]
    chio = citations[0].result.reference
    assert chio is not None
    assert chio.author[0].family == "Chiò"
    assert (chio.volume, chio.issue, chio.page) == ("19", "4", "551-5")
    handy = citations[1].result.reference
    assert handy is not None
    assert (handy.volume, handy.number) == ("2011", "403808")


def test_reference_found_by_shape_outside_a_section() -> None:
    text = (
        "Some prose about cramps.\n\n"
        "Rivera, I., Ajroud-Driss, S. and Sufit, R. (2013) Prevalence of pain in ALS. "
        "Amyotrophic Lateral Sclerosis and Frontotemporal Degeneration 14(5), 1-5.\n"
    )
    citations = extract_citations(text)
    assert [(c.kind, c.line, c.section) for c in citations] == [("reference", 3, None)]


def test_trial_listings_and_registry_numbers() -> None:
    text = (
        "Clinical Trials\n\n"
        "Mexiletine for the treatment of muscle cramps in ALS.  Contact | ALS TDI | Website\n\n"
        "Safety of mexiletine in sporadic ALS (NCT01849770), ClinicalTrials.gov.\n"
    )
    citations = extract_citations(text)
    assert [c.kind for c in citations] == ["trial", "trial"]
    first, second = (c.result.reference for c in citations)
    assert first is not None and second is not None
    assert first.type == "report" and first.genre == "Clinical trial registration"
    assert first.title == "Mexiletine for the treatment of muscle cramps in ALS"
    assert first.publisher is None and not first.trial_ids
    assert second.trial_ids == ("NCT01849770",)
    assert second.publisher == "ClinicalTrials.gov"


def test_prose_candidates() -> None:
    text = (
        "Background\n\n"
        "A trial published in the journal Neurology in 2016 showed fewer cramps. Results "
        "appeared in Muscle & Nerve (2018) as well.\n"
    )
    citations = extract_citations(text)
    found = [
        (c.kind, c.result.reference.container_title, c.result.reference.year)  # type: ignore[union-attr]
        for c in citations
    ]
    assert found == [("prose", "Neurology", 2016), ("prose", "Muscle & Nerve", 2018)]
    for citation in citations:
        reference = citation.result.reference
        assert reference is not None
        assert reference.provenance.candidate
        assert reference.title is None
    first, second = (c.result.reference for c in citations)
    assert first is not None and second is not None
    assert first.note == "trial fewer cramps"  # the venue is a field, not a topic
    assert second.note == "Results"


def test_prose_without_citation_gives_nothing() -> None:
    text = "ALS is a disease of motor neurons.\n\nIt was described in 1869 by Charcot.\n"
    assert extract_citations(text) == []


def test_parse_citation_kinds() -> None:
    trial = parse_citation("A safety study of mexiletine.  Contact | ALS TDI | Website", "trial")
    assert trial.reference is not None
    assert trial.reference.title == "A safety study of mexiletine"
    assert "no-trial-id" in {i.code for i in trial.issues}
    prose = parse_citation("Nothing is cited in this sentence at all.", "prose")
    assert prose.reference is not None and prose.reference.provenance.candidate
    assert "no-citation" in {i.code for i in prose.issues}
    neals = parse_citation(
        "A phase II, 60 patient NEALS-sponsored multicenter randomized controlled trial of "
        "Mexiletine in the treatment of ALS was recently completed.",
        "prose",
    )
    assert neals.reference is not None
    assert neals.reference.genre == "Phase II clinical trial"
    assert neals.reference.note is not None and neals.reference.note.startswith("NEALS")


def _located(reference: Reference, document: str, line: int) -> Reference:
    location = Location(document=document, line=line)
    provenance = reference.provenance.model_copy(update={"locations": (location,)})
    return reference.model_copy(update={"provenance": provenance})


def test_merge_duplicates_across_documents() -> None:
    weiss_a = parse_citation(
        "Weiss MD, Macklin EA, Simmons Z. A randomized trial of mexiletine in ALS. Neurology. "
        "2016;86(16):1474-81. doi:10.1212/WNL.0000000000002507"
    ).reference
    weiss_b = parse_citation(
        "Weiss, M. D. et al. (2016). A randomized trial of mexiletine in ALS. Neurology, 86, "
        "1474-1481. https://doi.org/10.1212/wnl.0000000000002507"
    ).reference
    chio_a = parse_citation(
        "Chiò A, Canosa A. Pain in amyotrophic lateral sclerosis. Eur J Neurol. 2012;19:551-5."
    ).reference
    chio_b = parse_citation(
        "Chio, A. and Canosa, A. (2012) Pain in Amyotrophic Lateral Sclerosis. European "
        "Journal of Neurology 19(4), 551-555."
    ).reference
    assert None not in (weiss_a, weiss_b, chio_a, chio_b)
    records = [
        _located(weiss_a, "a.txt", 3),  # type: ignore[arg-type]
        _located(chio_a, "a.txt", 5),  # type: ignore[arg-type]
        _located(weiss_b, "b.txt", 9),  # type: ignore[arg-type]
        _located(chio_b, "b.txt", 11),  # type: ignore[arg-type]
    ]
    merged = merge_duplicates(records)
    assert len(merged) == 2
    weiss, chio = merged
    assert [(loc.document, loc.line) for loc in weiss.provenance.locations] == [
        ("a.txt", 3), ("b.txt", 9),
    ]  # fmt: skip
    assert [(loc.document, loc.line) for loc in chio.provenance.locations] == [
        ("a.txt", 5), ("b.txt", 11),
    ]  # fmt: skip
    assert chio.issue == "4"  # filled in from the second citation


def test_candidates_are_not_merged_into_records() -> None:
    record = parse_citation(
        "Weiss MD. A trial of mexiletine. Neurology. 2016;86:1474-81."
    ).reference
    candidate = parse_citation(
        "It was published in the journal Neurology in 2016.", "prose"
    ).reference
    assert record is not None and candidate is not None
    assert len(merge_duplicates([record, candidate])) == 2
