# ruff: noqa: E501  (reference strings kept on one line, as written)
"""Hand-written references in the shapes that break parsers, each checked field by field.

Written by the project from real published works (books, chapters, theses, physics and chemistry
shorthand, group authors, non-Latin scripts, web pages), not taken from any public test set.
"""

from __future__ import annotations

from typing import Any

import pytest

from als_refs.models import Reference
from als_refs.parsing import expand_page_range, parse_reference


def _read(reference: Reference, key: str) -> Any:
    if key == "families":
        return [a.family or a.literal for a in reference.author]
    if key == "givens":
        return [a.given for a in reference.author]
    if key == "editors":
        return [a.family or a.literal for a in reference.editor]
    if key == "year":
        return reference.year
    if key == "date":
        return (
            reference.issued.date_parts[0]
            if reference.issued and reference.issued.date_parts
            else None
        )
    return getattr(reference, key)


CASES: list[tuple[str, dict[str, Any]]] = [
    # Vancouver with a full date, Epub and PMID; et al. (kept: the list ends in "others")
    (
        "Weiss MD, Macklin EA, Simmons Z, Knox AS, Greenblatt DJ, Atassi N, et al. A randomized trial of mexiletine in ALS: safety and effects on muscle cramps and progression. Neurology. 2016 Apr 19;86(16):1474-81. doi: 10.1212/WNL.0000000000002507. Epub 2016 Mar 4. PMID: 26945070; PMCID: PMC4836880.",
        {"families": ["Weiss", "Macklin", "Simmons", "Knox", "Greenblatt", "Atassi", "others"], "date": (2016, 4, 19),
         "volume": "86", "issue": "16", "page": "1474-81", "pmid": "26945070", "pmcid": "PMC4836880",
         "container_title": "Neurology", "doi": "10.1212/wnl.0000000000002507", "type": "article-journal"},
    ),
    # group author after the names, with "for the"
    (
        "Bensimon G, Lacomblez L, Meininger V, for the ALS/Riluzole Study Group. A controlled trial of riluzole in amyotrophic lateral sclerosis. N Engl J Med. 1994;330(9):585-91.",
        {"families": ["Bensimon", "Lacomblez", "Meininger", "ALS/Riluzole Study Group"], "year": 1994,
         "title": "A controlled trial of riluzole in amyotrophic lateral sclerosis", "container_title": "N Engl J Med",
         "container_title_short": "N Engl J Med"},
    ),
    # group author alone
    (
        "World Health Organization. Global status report on noncommunicable diseases 2014. Geneva: World Health Organization; 2014.",
        {"families": ["World Health Organization"], "year": 2014, "publisher_place": "Geneva",
         "publisher": "World Health Organization", "type": "book"},
    ),
    # book with edition, place and publisher (NLM)
    (
        "Kandel ER, Schwartz JH, Jessell TM. Principles of neural science. 4th ed. New York: McGraw-Hill; 2000.",
        {"families": ["Kandel", "Schwartz", "Jessell"], "title": "Principles of neural science", "edition": "4",
         "publisher_place": "New York", "publisher": "McGraw-Hill", "year": 2000, "type": "book"},
    ),
    # chapter in an edited book (NLM)
    (
        "Rowland LP. Amyotrophic lateral sclerosis and related disorders. In: Rowland LP, Pedley TA, editors. Merritt's neurology. 12th ed. Philadelphia: Lippincott Williams & Wilkins; 2010. p. 802-8.",
        {"families": ["Rowland"], "editors": ["Rowland", "Pedley"], "container_title": "Merritt's neurology",
         "edition": "12", "publisher_place": "Philadelphia", "page": "802-8", "year": 2010, "type": "chapter"},
    ),
    # APA chapter with (Eds.) and (pp.)
    (
        "Mitsumoto, H., & Rabkin, J. G. (2007). Palliative care for patients with amyotrophic lateral sclerosis. In H. Mitsumoto (Ed.), Amyotrophic lateral sclerosis: A guide for patients and families (pp. 221–238). Demos Medical Publishing.",
        {"families": ["Mitsumoto", "Rabkin"], "editors": ["Mitsumoto"], "year": 2007,
         "container_title": "Amyotrophic lateral sclerosis: A guide for patients and families", "page": "221-238",
         "publisher": "Demos Medical Publishing", "type": "chapter"},
    ),
    # conference paper (IEEE)
    (
        "J. Lafferty, A. McCallum, and F. Pereira, “Conditional random fields: Probabilistic models for segmenting and labeling sequence data,” in Proc. 18th Int. Conf. Machine Learning, 2001, pp. 282–289.",
        {"families": ["Lafferty", "McCallum", "Pereira"], "year": 2001, "page": "282-289",
         "title": "Conditional random fields: Probabilistic models for segmenting and labeling sequence data",
         "container_title": "Proc. 18th Int. Conf. Machine Learning", "type": "paper-conference"},
    ),
    # thesis
    (
        "Smith J. Respiratory function in motor neuron disease [PhD thesis]. London: University of London; 1998.",
        {"families": ["Smith"], "year": 1998, "type": "thesis"},
    ),
    # physics shorthand, no title
    (
        "P. W. Higgs, Phys. Rev. Lett. 13, 508 (1964).",
        {"families": ["Higgs"], "title": None, "container_title": "Phys. Rev. Lett.", "volume": "13", "page": "508", "year": 1964},
    ),
    # chemistry shorthand with "et"
    (
        "E. J. COREY et A. VENKATESWARLU. J. Am. Chem. Soc. 94, 6190 (1972).",
        {"families": ["COREY", "VENKATESWARLU"], "container_title": "J. Am. Chem. Soc.", "volume": "94", "page": "6190", "year": 1972},
    ),
    # IOP style: spaced initials, year without punctuation, article number
    (
        "Rosen D R, Siddique T and Patterson D 1993 Nature 362 59-62",
        {"families": ["Rosen", "Siddique", "Patterson"], "givens": ["D. R.", "T.", "D."], "year": 1993,
         "container_title": "Nature", "volume": "362", "page": "59-62"},
    ),
    # astronomy: names, year, journal abbreviation, volume, page
    (
        "Hubble, E. 1929, PNAS, 15, 168",
        {"families": ["Hubble"], "year": 1929, "container_title": "PNAS", "volume": "15", "page": "168"},
    ),
    # particles and suffixes
    (
        "van den Berg LH, de Jong SW, Brown RH Jr. Genetics of amyotrophic lateral sclerosis. Lancet Neurol. 2012;11(3):230-1.",
        {"families": ["Berg", "Jong", "Brown"], "year": 2012, "volume": "11", "issue": "3", "page": "230-1"},
    ),
    # diacritics and hyphenated family names
    (
        "Chiò A, Logroscino G, Hardiman O, Swingler R, Mitchell D, Beghi E, et al. Prognostic factors in ALS: a critical review. Amyotroph Lateral Scler. 2009;10(5-6):310-23.",
        {"families": ["Chiò", "Logroscino", "Hardiman", "Swingler", "Mitchell", "Beghi", "others"], "issue": "5-6", "page": "310-23"},
    ),
    # Cochrane review with issue and article number
    (
        "Miller RG, Mitchell JD, Moore DH. Riluzole for amyotrophic lateral sclerosis (ALS)/motor neuron disease (MND). Cochrane Database Syst Rev. 2012 Mar 14;(3):CD001447. doi: 10.1002/14651858.CD001447.pub3.",
        {"families": ["Miller", "Mitchell", "Moore"], "date": (2012, 3, 14), "issue": "3", "number": "CD001447",
         "container_title": "Cochrane Database Syst Rev", "doi": "10.1002/14651858.cd001447.pub3"},
    ),
    # e-locator article number
    (
        "Moher D, Liberati A, Tetzlaff J, Altman DG. Preferred reporting items for systematic reviews and meta-analyses: the PRISMA statement. PLoS Med. 2009;6(7):e1000097.",
        {"volume": "6", "issue": "7", "number": "e1000097", "page": None},
    ),
    # web page with URL and access date
    (
        "ALS Association. Understanding ALS. https://www.als.org/understanding-als. Accessed March 3, 2021.",
        {"families": ["ALS Association"], "url": "https://www.als.org/understanding-als", "title": "Understanding ALS", "type": "webpage"},
    ),
    # trial registration
    (
        "Mexiletine in sporadic amyotrophic lateral sclerosis. ClinicalTrials.gov identifier: NCT01849770. Updated 2016.",
        {"trial_ids": ("NCT01849770",), "year": 2016},
    ),
    # Korean
    (
        "홍길동, 김철수, '근위축성 측삭경화증 환자의 통증 연구,' 대한신경과학회지, 제30권, 제2호, pp.101-110, 2012.",
        {"families": ["홍길동", "김철수"], "title": "근위축성 측삭경화증 환자의 통증 연구", "container_title": "대한신경과학회지",
         "volume": "30", "issue": "2", "page": "101-110", "year": 2012},
    ),
    # Chinese (GB/T 7714)
    (
        "王伟, 李娜. 肌萎缩侧索硬化症患者肌肉痉挛的治疗[J]. 中华神经科杂志, 2015, 48(3): 201-205.",
        {"families": ["王伟", "李娜"], "title": "肌萎缩侧索硬化症患者肌肉痉挛的治疗", "container_title": "中华神经科杂志",
         "volume": "48", "issue": "3", "page": "201-205", "year": 2015},
    ),
    # MLA book
    (
        "Sacks, Oliver. The Man Who Mistook His Wife for a Hat. Summit Books, 1985.",
        {"families": ["Sacks"], "givens": ["Oliver"], "title": "The Man Who Mistook His Wife for a Hat",
         "publisher": "Summit Books", "year": 1985, "type": "book"},
    ),
    # Chicago notes-style book with the imprint in brackets
    (
        "Stephen Hawking, A Brief History of Time (New York: Bantam Books, 1988).",
        {"title": "A Brief History of Time", "publisher": "Bantam Books", "publisher_place": "New York", "year": 1988},
    ),
    # no date
    (
        "Muscular Dystrophy Association. ALS and muscle cramps. (n.d.). Retrieved from https://www.mda.org/disease/als",
        {"year": None, "url": "https://www.mda.org/disease/als"},
    ),
    # navigation noise of web reference lists
    (
        "Oskarsson B, Moore D, Mozaffar T, et al. Mexiletine for muscle cramps in amyotrophic lateral sclerosis: a randomized, double-blind crossover trial. Muscle Nerve. 2018;58(1):42-48. [PMC free article] [PubMed] [Google Scholar] [CrossRef]",
        {"container_title": "Muscle Nerve", "page": "42-48", "pmcid": None},
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_hard_case(text: str, expected: dict[str, Any]) -> None:
    reference = parse_reference(text).reference
    assert reference is not None
    got = {key: _read(reference, key) for key in expected}
    assert got == expected


@pytest.mark.parametrize(
    ("written", "expanded"),
    [("1474-81", "1474-1481"), ("42-48", "42-48"), ("e1610-e1623", "e1610-e1623"), ("99-101", "99-101"),
     ("1999-2", "1999-2"), ("S12-4", "S12-S14"), ("551", "551"), ("xii-xv", "xii-xv"), ("123-9", "123-129")],
)  # fmt: skip
def test_expand_page_range(written: str, expanded: str) -> None:
    assert expand_page_range(written) == expanded


def test_as_written_doi_and_confidence() -> None:
    result = parse_reference(
        "Rivera, I., Ajroud-Driss, S. and Sufit, R. (2013) Prevalence and characteristics of pain in early and late stages of ALS.  Amyotrophic Lateral Sclerosis and Frontotemporal Degeneration Journal doi:10.3109/21678421.2012.751614.  Abstract  |  Full Text (Subscription Required)"
    )
    reference = result.reference
    assert reference is not None
    assert reference.doi == "10.3109/21678421.2012.751614"
    assert reference.provenance.confidence is not None and reference.provenance.confidence >= 0.8
    assert reference.provenance.fields["DOI"] == "document"
    assert not result.issues


def test_warnings_name_what_is_missing() -> None:
    result = parse_reference("Some words without any structure at all")
    codes = {issue.code for issue in result.issues}
    assert {"no-author", "no-date"} <= codes
    assert result.reference is not None
    assert (result.reference.provenance.confidence or 0) < 0.7
