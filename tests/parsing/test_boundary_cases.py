# ruff: noqa: E501  (reference strings kept on one line, as written)
"""Where the title ends and the container starts, in forms the first rules misread.

Hand-written references modelled on real published works (not taken from any public test
set), each checked field by field.
"""

from __future__ import annotations

from typing import Any

import pytest

from als_refs.parsing import parse_reference


def _fields(text: str) -> dict[str, Any]:
    reference = parse_reference(text).reference
    assert reference is not None
    return {
        "families": [a.family or a.literal for a in reference.author],
        "title": reference.title,
        "container_title": reference.container_title,
        "volume": reference.volume,
        "issue": reference.issue,
        "page": reference.page,
        "year": reference.year,
        "publisher": reference.publisher,
        "place": reference.publisher_place,
    }


CASES: list[tuple[str, dict[str, Any]]] = [
    # a Vancouver list goes on past names no unit pattern reads
    (
        "Lindqvist J, Ahlgren M, Ruiz-de la Peña E, van HK, Olsen T. Muscle cramp frequency after sodium channel blockade. Muscle Nerve 2017; 55:112-118.",
        {
            "families": ["Lindqvist", "Ahlgren", "Ruiz-de la Peña", "van", "Olsen"],
            "title": "Muscle cramp frequency after sodium channel blockade",
            "container_title": "Muscle Nerve",
            "volume": "55",
            "page": "112-118",
            "year": 2017,
        },
    ),
    (
        "Marques P, Schön-feld KR, Abreu JC. Cortical excitability in early motor neuron disease. Clin Neurophysiol 2015; 126:1530-1537.",
        {
            "families": ["Marques", "Schön-feld", "Abreu"],
            "title": "Cortical excitability in early motor neuron disease",
            "container_title": "Clin Neurophysiol",
            "year": 2015,
        },
    ),
    # a quoted title after a lead the name patterns do not read
    (
        'Richard Feynman, "Simulating physics with computers," Int. J. Theor. Phys. 21, 467-488 (1982).',
        {
            "families": ["Feynman"],
            "title": "Simulating physics with computers",
            "container_title": "Int. J. Theor. Phys.",
            "volume": "21",
            "page": "467-488",
            "year": 1982,
        },
    ),
    (
        'ISO/IEC 27001: "Information security management systems - Requirements", International Organization for Standardization, 2013.',
        {
            "families": [],
            "title": "Information security management systems - Requirements",
            "year": 2013,
        },
    ),
    (
        'World Meteorological Organization (WMO), 2018, "Guide to Climatological Practices", Geneva.',
        {"title": "Guide to Climatological Practices", "year": 2018},
    ),
    # Vancouver without the stop between the title and the journal
    (
        "Okafor N, Brandt L. Serum creatine kinase as a marker of disease progression Ann Neurol 2019; 85:101-109.",
        {
            "families": ["Okafor", "Brandt"],
            "title": "Serum creatine kinase as a marker of disease progression",
            "container_title": "Ann Neurol",
            "volume": "85",
            "page": "101-109",
            "year": 2019,
        },
    ),
    # ACM/Elsevier exports: title, year, journal, volume and pages, with no punctuation
    (
        "Kohonen, T., Oja, E. Fast adaptive formation of orthogonalizing filters 1996 IEEE Transactions on Neural Networks 7 1234--1245",
        {
            "families": ["Kohonen", "Oja"],
            "title": "Fast adaptive formation of orthogonalizing filters",
            "container_title": "IEEE Transactions on Neural Networks",
            "volume": "7",
            "year": 1996,
        },
    ),
    (
        "Marr, D., Poggio, T. Cooperative computation of stereo disparity 1976 Science 194 283--287",
        {
            "title": "Cooperative computation of stereo disparity",
            "container_title": "Science",
            "year": 1976,
        },
    ),
    # a stop written against the next word: "glance.J Cell Sci"
    (
        "Nakamura, T. & Ortiz, L. Stress granules at a glance.J Cell Sci 129 ,4211-4220 (2016).",
        {
            "families": ["Nakamura", "Ortiz"],
            "title": "Stress granules at a glance",
            "container_title": "J Cell Sci",
            "volume": "129",
            "page": "4211-4220",
            "year": 2016,
        },
    ),
    # a volume written against the journal's name, as PDF extraction leaves it
    (
        "R. Alvarez, M. Chen, Coherent control of exciton spin, Nature Photonics3, 211- 215(2009 ).",
        {
            "title": "Coherent control of exciton spin",
            "container_title": "Nature Photonics",
            "volume": "3",
            "page": "211-215",
            "year": 2009,
        },
    ),
    # the French extent and series of a book are not its container
    (
        "DURAND, Claire. Soins infirmiers en neurologie. Paris : Masson, 2009. 312 p. (Savoirs et pratiques).",
        {
            "title": "Soins infirmiers en neurologie",
            "container_title": None,
            "publisher": "Masson",
            "place": "Paris",
            "year": 2009,
        },
    ),
    # "Master’s thesis" with a typographic apostrophe; "Retrieved from" before a URL
    (
        "[7] K. Ito, “Adaptive filtering for surface electromyography,” Master’s thesis, University of Toronto, 2011.",
        {
            "title": "Adaptive filtering for surface electromyography",
            "container_title": None,
            "year": 2011,
        },
    ),
    (
        "ALS Association. (2020). Living with ALS: managing muscle cramps. Retrieved from https://www.als.org/cramps",
        {"title": "Living with ALS: managing muscle cramps", "container_title": None, "year": 2020},
    ),
    # an imprint in brackets names only the publisher and the year; a series before it
    (
        "P. Lindqvist, Electrophysiology of the Motor Unit (Oxford Univ. Press, 2004).",
        {
            "title": "Electrophysiology of the Motor Unit",
            "container_title": None,
            "publisher": "Oxford Univ. Press",
            "year": 2004,
        },
    ),
    (
        "H. Stone, Ion Channels and Excitability, Lecture Notes in Physiology (Springer, 2012).",
        {"title": "Ion Channels and Excitability", "publisher": "Springer", "year": 2012},
    ),
    # MLA/Chicago notes: "Family, Given, Title" is one name; a given-first chain needs an
    # "and" or a year after it
    (
        "Sacks, Oliver, Seeing Voices: A Journey into the World of the Deaf (Berkeley, CA: University of California Press, 1989).",
        {
            "families": ["Sacks"],
            "title": "Seeing Voices: A Journey into the World of the Deaf",
            "year": 1989,
        },
    ),
    (
        "Ward, Geoffrey C., Ken Burns, and Kevin Baker. Baseball: An Illustrated History. New York: Knopf, 1994.",
        {
            "families": ["Ward", "Burns", "Baker"],
            "title": "Baseball: An Illustrated History",
            "year": 1994,
        },
    ),
    (
        "Hopper, Anna, Louis Roy, 2014, Cramp thresholds in trained cyclists, Journal of Sports Sciences 32 (4): 301-309.",
        {
            "families": ["Hopper", "Roy"],
            "title": "Cramp thresholds in trained cyclists",
            "year": 2014,
        },
    ),
    # a single given-first name with a middle initial; initials "J-P."; a third given name
    (
        "Oliver W. Sacks. Migraine: Understanding a Common Disorder. Berkeley: University of California Press, 1985.",
        {"families": ["Sacks"], "title": "Migraine: Understanding a Common Disorder", "year": 1985},
    ),
    (
        "Dupuis, J-P. (2011). La crampe musculaire: physiologie et traitement. Lyon: Presses universitaires de Lyon.",
        {
            "families": ["Dupuis"],
            "title": "La crampe musculaire: physiologie et traitement",
            "year": 2011,
        },
    ),
    (
        "Silva, Ana Maria Ferreira. Doenças do neurônio motor. São Paulo: Atheneu, 2010.",
        {
            "families": ["Silva"],
            "title": "Doenças do neurônio motor",
            "publisher": "Atheneu",
            "year": 2010,
        },
    ),
    # French lists: "FAMILY, Given. FAMILY, Given. Title"
    (
        "MARTIN, Sophie. LEROY, Paul. Les crampes nocturnes. Soins, mars 2015, n°793. p. 40-42.",
        {
            "families": ["MARTIN", "LEROY"],
            "title": "Les crampes nocturnes",
            "container_title": "Soins",
        },
    ),
    # an abbreviated journal after the title's comma is one name ("Cosmet. Toilet.")
    (
        "M. Laurent, P. Okafor, Sun protection factors measured in vitro, Cosmet. Toilet. 121 (2006) 45-52.",
        {
            "title": "Sun protection factors measured in vitro",
            "container_title": "Cosmet. Toilet.",
            "volume": "121",
            "page": "45-52",
            "year": 2006,
        },
    ),
    # astrophysics lists: an initial written against the family name
    (
        "Moreau P. L., KesslerR .T .,2015 ,MNRAS ,450 ,1120",
        {
            "families": ["Moreau", "Kessler"],
            "container_title": "MNRAS",
            "volume": "450",
            "year": 2015,
        },
    ),
    # the title took the first word of an abbreviated journal
    (
        "Hale S and Mbeki T 2019 Thermal noise in suspended test masses for interferometric detectors Class. Quantum Grav. 36 105004",
        {
            "title": "Thermal noise in suspended test masses for interferometric detectors",
            "container_title": "Class. Quantum Grav.",
            "volume": "36",
            "year": 2019,
        },
    ),
    # a book's publisher read after the title's comma or semicolon
    (
        "S. B. Pope, Turbulent Flows, Cambridge Univ. Press, 2000.",
        {
            "title": "Turbulent Flows",
            "container_title": None,
            "publisher": "Cambridge Univ. Press",
            "year": 2000,
        },
    ),
    (
        "Jackson J D 1975 Classical Electrodynamics; Wiley, New York",
        {
            "title": "Classical Electrodynamics",
            "container_title": None,
            "publisher": "Wiley",
            "place": "New York",
            "year": 1975,
        },
    ),
]


def test_series_and_collection_are_kept() -> None:
    series = parse_reference(
        "H. Stone, Ion Channels and Excitability, Lecture Notes in Physiology (Springer, 2012)."
    ).reference
    french = parse_reference(
        "DURAND, Claire. Soins infirmiers en neurologie. Paris : Masson, 2009. 312 p. (Savoirs et pratiques)."
    ).reference
    assert series is not None and french is not None
    assert series.collection_title == "Lecture Notes in Physiology"
    assert french.collection_title == "Savoirs et pratiques"
    assert french.type == "book"


def test_retrieved_from_is_not_part_of_the_url() -> None:
    reference = parse_reference(
        "ALS Association. (2020). Living with ALS. Retrieved from https://www.als.org/cramps"
    ).reference
    assert reference is not None and reference.url == "https://www.als.org/cramps"


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_fields(text: str, expected: dict[str, Any]) -> None:
    got = _fields(text)
    assert {key: got[key] for key in expected} == expected


@pytest.mark.parametrize(
    ("text", "doi", "kept"),
    [
        (
            "A. Rossi, Spin chains, Phys. Rev. B 95 (2017) 085101.doi :10.1103/PhysRevB.95.085101.URL https: //link.aps.org/doi/10.1103/PhysRevB.95.085101",
            "10.1103/physrevb.95.085101",
            {"url": "https://link.aps.org/doi/10.1103/PhysRevB.95.085101"},
        ),
        (
            'K. Ito, "Entropy bounds," JHEP 1703 ,021 ( 2017)doi :10.1007/JHEP03(2017)021[arXiv :1701.01234[hep -th]].',
            "10.1007/jhep03(2017)021",
            {"number": "arXiv:1701.01234"},
        ),
        (
            "Lee, S. et al. Stable electrodes for sodium cells. Nat. Energy, 4, 101-109, doi:10.1038/s41560-018-0001-x(2019).",
            "10.1038/s41560-018-0001-x",
            {"year": 2019},
        ),
        (
            "Moyle LC, Ortiz R. 2012. Hybrid sterility in tomato. Genetics 191:1-10. doi:10.1534/genetics.112.139899.PMID:22345678.",
            "10.1534/genetics.112.139899",
            {"pmid": "22345678"},
        ),
    ],
    ids=["url-glued", "arxiv-glued", "year-glued", "pmid-glued"],
)
def test_what_is_glued_to_a_doi_is_not_part_of_it(
    text: str, doi: str, kept: dict[str, Any]
) -> None:
    reference = parse_reference(text).reference
    assert reference is not None
    assert reference.doi == doi
    for key, value in kept.items():
        assert getattr(reference, key) == value
