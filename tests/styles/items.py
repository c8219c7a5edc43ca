"""The project's own realistic test items for bibliography formatting (deterministic).

Written for als-refs (not taken from any shared data set): invented but realistic medical
references covering what the CSL engine must get right: 1 to 40 authors, particles and
diacritics, group authors, Cochrane reviews with CD numbers, article numbers without pages,
online-first articles without volume, books, chapters with editors, reports, trial
registrations, web pages with and without authors, and several works by one author in one year.
"""

from __future__ import annotations

import random
from typing import Any

Item = dict[str, Any]

FAMILIES = [
    ("Rivera", "Isabel"),
    ("Chiò", "Adriano"),
    ("Müller", "Jürgen"),
    ("Nakamura", "Haruki"),
    ("O'Brien", "Siobhán"),
    ("Kowalski", "Łukasz"),
    ("Andersen", "Peter M."),
    ("Al-Chalabi", "Ammar"),
    ("Zhang", "Wei"),
    ("Okafor", "Chinedu"),
    ("Søndergaard", "Mette"),
    ("Brown", "Robert H., Jr."),
    ("Leigh", "P. Nigel"),
    ("Turner", "Martin R."),
    ("Dupré", "Jean-Pierre"),
    ("García-Márquez", "Ana"),
    ("Smith", "John"),
    ("Kiernan", "Matthew C."),
    ("Gonçalves", "Inês"),
    ("Petrović", "Milan"),
    ("Hardiman", "Orla"),
    ("Ludolph", "Albert C."),
    ("Shaw", "Pamela J."),
    ("Cudkowicz", "Merit E."),
    ("Şahin", "Emre"),
    ("Nguyen", "Thi Mai"),
    ("Johansson", "Åsa"),
    ("Lee", "Min-Jung"),
    ("Ferreira", "José"),
    ("Wiesenfarth", "Maximilian"),
]

PARTICLE_NAMES: list[Item] = [
    {"family": "Berg", "given": "Leonard H.", "non-dropping-particle": "van den"},
    {"family": "Cruz", "given": "María", "non-dropping-particle": "de la"},
    {"family": "Damme", "given": "Philip", "non-dropping-particle": "van"},
    {"family": "Humboldt", "given": "Alexander", "dropping-particle": "von"},
    {"family": "Es", "given": "Michael A.", "non-dropping-particle": "van"},
    {"family": "Carvalho", "given": "Mamede", "non-dropping-particle": "de"},
]

GROUPS = [
    "ALS Association",
    "World Health Organization",
    "National Institute for Health and Care Excellence",
    "Writing Group on Edaravone (MCI186) ALS 19 Study",
    "Project MinE ALS Sequencing Consortium",
]

JOURNALS = [
    (
        "Amyotrophic Lateral Sclerosis and Frontotemporal Degeneration",
        "Amyotroph Lateral Scler Frontotemporal Degener",
    ),
    ("The Lancet Neurology", "Lancet Neurol"),
    ("Journal of Neurology, Neurosurgery & Psychiatry", "J Neurol Neurosurg Psychiatry"),
    ("Neurology", "Neurology"),
    ("Nature Genetics", "Nat Genet"),
    ("PLoS ONE", "PLoS One"),
    ("Muscle & Nerve", "Muscle Nerve"),
    ("The New England Journal of Medicine", "N Engl J Med"),
    ("JAMA Neurology", "JAMA Neurol"),
    ("Brain", "Brain"),
    ("Frontiers in Neurology", "Front Neurol"),
    ("Annals of Neurology", "Ann Neurol"),
]

TITLE_PARTS = [
    "Prevalence of amyotrophic lateral sclerosis in {place}",
    "Riluzole and survival in ALS: a population-based study",
    "Edaravone in amyotrophic lateral sclerosis—a randomised trial",
    "C9orf72 repeat expansions in familial and sporadic ALS",
    "Non-invasive ventilation in motor neuron disease: patients' experience",
    "Is ALS a multistep disease?",
    "Cognitive and behavioural change in ALS: the {place} cohort",
    "SOD1 mutations and disease progression over 10–15 years",
    "Diagnostic delay in amyotrophic lateral sclerosis",
    'Gastrostomy in ALS: "when" rather than "whether"',
    "Neurofilament light chain as a prognostic biomarker in ALS",
    "TDP-43 pathology in the motor cortex",
    "Epidemiology of motor neurone disease in {place}, 1990–2015",
    "Tofersen for SOD1 ALS",
    "Respiratory insufficiency & survival: a meta-analysis",
]

PLACES = ["Ireland", "Piemonte", "Japan", "the Faroe Islands", "São Paulo", "Łódź", "Scotland"]

CITIES = [
    ("London", "Wiley"),
    ("Oxford", "Oxford University Press"),
    ("New York", "Springer"),
    ("Cham", "Springer International Publishing"),
    ("Philadelphia", "Elsevier"),
    ("Geneva", "World Health Organization"),
]


def _person(rng: random.Random) -> Item:
    if rng.random() < 0.08:
        return dict(rng.choice(PARTICLE_NAMES))
    family, given = rng.choice(FAMILIES)
    if given.endswith(", Jr."):
        return {"family": family, "given": given[:-5], "suffix": "Jr."}
    return {"family": family, "given": given}


def _authors(rng: random.Random, count: int) -> list[Item]:
    names: list[Item] = []
    seen: set[tuple[str, str]] = set()
    while len(names) < count:
        person = _person(rng)
        key = (person["family"], person.get("given", ""))
        if key in seen and len(seen) < len(FAMILIES):
            continue
        seen.add(key)
        names.append(person)
    return names


def _title(rng: random.Random) -> str:
    return rng.choice(TITLE_PARTS).format(place=rng.choice(PLACES))


def _date(rng: random.Random, precision: int | None = None) -> Item:
    year = rng.randint(1994, 2024)
    kind = precision if precision is not None else rng.choice([1, 1, 2, 3])
    parts: list[int] = [year]
    if kind >= 2:
        parts.append(rng.randint(1, 12))
    if kind >= 3:
        parts.append(rng.randint(1, 28))
    return {"date-parts": [parts]}


def _pages(rng: random.Random) -> str:
    start = rng.randint(1, 2400)
    style = rng.random()
    if style < 0.15:
        return str(start)
    length = rng.randint(2, 18)
    end = start + length
    if style < 0.35:
        # Abbreviated ending as medical journals print it: 1123-9.
        first, last = str(start), str(end)
        common = 0
        while common < len(first) - 1 and first[common] == last[common]:
            common += 1
        return f"{first}-{last[common:]}"
    return f"{start}-{end}"


def journal_article(rng: random.Random, n: int, author_count: int) -> Item:
    journal, abbrev = rng.choice(JOURNALS)
    year_date = _date(rng)
    item: Item = {
        "id": f"article-{n:03d}",
        "type": "article-journal",
        "title": _title(rng),
        "author": _authors(rng, author_count),
        "container-title": journal,
        "container-title-short": abbrev,
        "volume": str(rng.randint(1, 400)),
        "issue": str(rng.randint(1, 12)),
        "page": _pages(rng),
        "issued": year_date,
    }
    if rng.random() < 0.6:
        item["DOI"] = f"10.{rng.randint(1000, 9999)}/j.{rng.randint(10000, 99999)}.{n}"
    if rng.random() < 0.15:
        del item["issue"]
    if rng.random() < 0.1:
        item["PMID"] = str(rng.randint(10000000, 39999999))
    return item


def special_articles(rng: random.Random) -> list[Item]:
    items: list[Item] = []
    for n in range(8):
        items.append(
            {
                "id": f"cochrane-{n}",
                "type": "article-journal",
                "title": rng.choice(
                    [
                        "Riluzole for amyotrophic lateral sclerosis (ALS)/"
                        "motor neuron disease (MND)",
                        "Mechanical ventilation for amyotrophic lateral sclerosis/"
                        "motor neuron disease",
                        "Enteral tube feeding for amyotrophic lateral sclerosis/"
                        "motor neuron disease",
                        "Exercise for amyotrophic lateral sclerosis/motor neuron disease",
                    ]
                ),
                "author": _authors(rng, rng.randint(1, 5)),
                "container-title": "Cochrane Database of Systematic Reviews",
                "container-title-short": "Cochrane Database Syst Rev",
                "issue": str(rng.randint(1, 12)),
                "number": f"CD00{rng.randint(1000, 9999)}",
                "issued": _date(rng, 1),
                "DOI": f"10.1002/14651858.CD00{rng.randint(1000, 9999)}.pub{rng.randint(2, 4)}",
            }
        )
    for n in range(12):
        journal = rng.choice(
            ["PLoS ONE", "Frontiers in Neurology", "Scientific Reports", "BMJ Open", "eLife"]
        )
        items.append(
            {
                "id": f"artnum-{n}",
                "type": "article-journal",
                "title": _title(rng),
                "author": _authors(rng, rng.randint(1, 9)),
                "container-title": journal,
                "volume": str(rng.randint(5, 19)),
                "issue": str(rng.randint(1, 12)),
                "number": rng.choice(
                    [f"e{rng.randint(10000, 99999)}", str(rng.randint(100000, 999999))]
                ),
                "issued": _date(rng),
                "DOI": f"10.3389/fneur.{rng.randint(2010, 2024)}.{rng.randint(100000, 999999)}",
            }
        )
    for n in range(10):
        journal, abbrev = rng.choice(JOURNALS)
        items.append(
            {
                "id": f"online-first-{n}",
                "type": "article-journal",
                "title": _title(rng),
                "author": _authors(rng, rng.randint(1, 7)),
                "container-title": journal,
                "container-title-short": abbrev,
                "issued": _date(rng, 3),
                "DOI": f"10.1080/21678421.{rng.randint(2015, 2024)}."
                f"{rng.randint(1000000, 9999999)}",
            }
        )
    for n in range(8):
        journal, abbrev = rng.choice(JOURNALS)
        authors: list[Item] = [{"literal": rng.choice(GROUPS)}]
        if n % 3 == 1:
            authors = _authors(rng, rng.randint(1, 4)) + authors
        items.append(
            {
                "id": f"group-{n}",
                "type": "article-journal",
                "title": _title(rng),
                "author": authors,
                "container-title": journal,
                "container-title-short": abbrev,
                "volume": str(rng.randint(1, 400)),
                "page": _pages(rng),
                "issued": _date(rng, 1),
            }
        )
    return items


def same_author_year() -> list[Item]:
    author = [
        {"family": "Chiò", "given": "Adriano"},
        {"family": "Logroscino", "given": "Giancarlo"},
    ]
    titles = [
        "Global epidemiology of amyotrophic lateral sclerosis: a systematic review",
        "Phenotypic heterogeneity of amyotrophic lateral sclerosis",
        "Development and evaluation of a clinical staging system",
    ]
    items: list[Item] = []
    for n, title in enumerate(titles):
        items.append(
            {
                "id": f"same-year-{n}",
                "type": "article-journal",
                "title": title,
                "author": author if n < 2 else author[:1],
                "container-title": "Neuroepidemiology",
                "volume": "41",
                "issue": str(n + 1),
                "page": f"{118 + 20 * n}-{130 + 20 * n}",
                "issued": {"date-parts": [[2013]]},
            }
        )
    items.append(
        {
            "id": "same-year-3",
            "type": "book",
            "title": "Motor neuron disease in practice",
            "author": [{"family": "Turner", "given": "Martin R."}],
            "publisher": "Oxford University Press",
            "publisher-place": "Oxford",
            "issued": {"date-parts": [[2019]]},
        }
    )
    items.append(
        {
            "id": "same-year-4",
            "type": "article-journal",
            "title": "Biomarkers in amyotrophic lateral sclerosis",
            "author": [{"family": "Turner", "given": "Martin R."}],
            "container-title": "The Lancet Neurology",
            "volume": "18",
            "page": "211-220",
            "issued": {"date-parts": [[2019, 2]]},
        }
    )
    return items


def books_and_chapters(rng: random.Random) -> list[Item]:
    items: list[Item] = []
    for n in range(12):
        place, publisher = rng.choice(CITIES)
        item: Item = {
            "id": f"book-{n}",
            "type": "book",
            "title": rng.choice(
                [
                    "Motor neuron disease: a practical manual",
                    "Amyotrophic lateral sclerosis",
                    "Palliative care in amyotrophic lateral sclerosis: "
                    "from diagnosis to bereavement",
                    "Clinical neurophysiology",
                    "Neuromuscular disorders: treatment and management",
                ]
            ),
            "author": _authors(rng, rng.randint(1, 3)),
            "publisher": publisher,
            "publisher-place": place,
            "issued": _date(rng, 1),
        }
        if n % 3 == 0:
            item["edition"] = str(rng.randint(2, 5))
        if n % 4 == 1:
            item["editor"] = item.pop("author")
        if n % 5 == 2:
            item["ISBN"] = "978-0-19-968110-5"
        items.append(item)
    for n in range(14):
        place, publisher = rng.choice(CITIES)
        items.append(
            {
                "id": f"chapter-{n}",
                "type": "chapter",
                "title": rng.choice(
                    [
                        "Genetics of amyotrophic lateral sclerosis",
                        "Respiratory management",
                        "Nutrition and gastrostomy",
                        "The El Escorial criteria revisited",
                        "Frontotemporal dementia and ALS",
                    ]
                ),
                "author": _authors(rng, rng.randint(1, 4)),
                "editor": _authors(rng, rng.randint(1, 3)),
                "container-title": rng.choice(
                    [
                        "Handbook of clinical neurology",
                        "Amyotrophic lateral sclerosis",
                        "Motor neuron disease",
                    ]
                ),
                "collection-title": "Handbook of Clinical Neurology" if n % 4 == 0 else None,
                "volume": str(rng.randint(80, 160)) if n % 4 == 0 else None,
                "publisher": publisher,
                "publisher-place": place,
                "page": _pages(rng),
                "issued": _date(rng, 1),
                "edition": "2" if n % 5 == 3 else None,
            }
        )
    return [{k: v for k, v in it.items() if v is not None} for it in items]


def reports_trials_web(rng: random.Random) -> list[Item]:
    items: list[Item] = []
    for n in range(10):
        item: Item = {
            "id": f"report-{n}",
            "type": "report",
            "title": rng.choice(
                [
                    "Motor neurone disease: assessment and management",
                    "Global burden of neurological disorders: estimates and projections",
                    "Access to specialist ALS care in rural areas",
                    "Cost of amyotrophic lateral sclerosis care in Europe",
                ]
            ),
            "author": [{"literal": rng.choice(GROUPS)}] if n % 2 == 0 else _authors(rng, 2),
            "publisher": rng.choice(
                [
                    "National Institute for Health and Care Excellence",
                    "World Health Organization",
                    "RAND Corporation",
                ]
            ),
            "publisher-place": rng.choice(["London", "Geneva", "Santa Monica, CA"]),
            "issued": _date(rng, rng.choice([1, 2])),
        }
        if n % 3 == 0:
            item["number"] = f"NG{rng.randint(10, 99)}"
            item["genre"] = "NICE guideline"
        if n % 2 == 1:
            item["URL"] = f"https://www.example.org/reports/{n}"
        items.append(item)
    for n in range(10):
        nct = f"NCT0{rng.randint(1000000, 5999999)}"
        items.append(
            {
                "id": f"trial-{n}",
                "type": "webpage",
                "title": rng.choice(
                    [
                        "Safety and efficacy of tofersen in adults with SOD1 ALS",
                        "A study of oral edaravone in amyotrophic lateral sclerosis",
                        "Masitinib in the treatment of ALS",
                        "Trial of high-caloric nutrition in ALS",
                    ]
                )
                + f" ({nct})",
                "container-title": "ClinicalTrials.gov",
                "number": nct,
                "URL": f"https://clinicaltrials.gov/study/{nct}",
                "issued": _date(rng, 3),
                "accessed": {"date-parts": [[2024, rng.randint(1, 12), rng.randint(1, 28)]]},
            }
        )
    for n in range(14):
        item = {
            "id": f"web-{n}",
            "type": "webpage",
            "title": rng.choice(
                [
                    "What is ALS?",
                    "Understanding motor neurone disease",
                    "ALS clinical research and treatment",
                    "Living with MND: a guide for carers",
                ]
            ),
            "container-title": rng.choice(["ALS Association", "MND Association", "NHS"]),
            "URL": f"https://www.als-example.org/page/{n}",
            "accessed": {"date-parts": [[2023, rng.randint(1, 12), rng.randint(1, 28)]]},
        }
        if n % 2 == 0:
            item["author"] = _authors(rng, rng.randint(1, 2))
        if n % 3 != 2:
            item["issued"] = _date(rng, rng.choice([1, 3]))
        items.append(item)
    return items


def tricky_titles() -> list[Item]:
    """Inline markup, apostrophes, quotes and ampersands in the data, as databases deliver them."""
    base: Item = {
        "type": "article-journal",
        "container-title": "Neurobiology of Disease",
        "container-title-short": "Neurobiol Dis",
        "volume": "12",
        "issue": "3",
        "page": "201-209",
        "issued": {"date-parts": [[2011, 7]]},
    }
    titles = [
        "Motor neuron loss in <i>Caenorhabditis elegans</i> expressing human SOD1",
        "Patients' and carers' views of gastrostomy: a qualitative study",
        'The "split hand" sign in ALS',
        "Diet & exercise in ALS: what's the evidence?",
        "TDP-43 in <i>Drosophila</i>: the <i>cabeza</i> connection",
        "H<sub>2</sub>O<sub>2</sub> and oxidative stress in motor neurons",
        "Ca<sup>2+</sup> homeostasis in ALS",
        "ALS—FTD: one disease or two?",
        "Reassessing O'Brien's staging: King's versus MiToS",
        "The 'Gold Coast' criteria for ALS",
    ]
    items: list[Item] = []
    for n, title in enumerate(titles):
        item = dict(base)
        item.update(
            {
                "id": f"tricky-{n}",
                "title": title,
                "author": [
                    {"family": ["Okafor", "Rivera", "Zhang"][n % 3], "given": "Chinedu"},
                    {"family": "Turner", "given": "Martin R."},
                ][: 1 + n % 2],
            }
        )
        items.append(item)
    items.append(
        {
            "id": "thesis-0",
            "type": "thesis",
            "title": "Respiratory function in amyotrophic lateral sclerosis",
            "author": [{"family": "Gonçalves", "given": "Inês"}],
            "genre": "PhD thesis",
            "publisher": "University of Lisbon",
            "publisher-place": "Lisbon",
            "issued": {"date-parts": [[2017]]},
        }
    )
    items.append(
        {
            "id": "book-editors-0",
            "type": "book",
            "title": "Amyotrophic lateral sclerosis",
            "editor": [
                {"family": "Brown", "given": "Robert H.", "suffix": "Jr."},
                {"family": "Al-Chalabi", "given": "Ammar"},
            ],
            "edition": "3",
            "publisher": "CRC Press",
            "publisher-place": "Boca Raton, FL",
            "issued": {"date-parts": [[2017]]},
            "DOI": "10.1201/9781315368559",
        }
    )
    return items


def build_items() -> list[Item]:
    """All test items, in citation order (this is the order numeric styles number them)."""
    rng = random.Random(20240505)
    items: list[Item] = []
    counts = [1, 1, 2, 2, 3, 3, 4, 5, 6, 6, 7, 8, 10, 12, 15, 20, 25, 30, 40]
    for n in range(130):
        count = counts[n % len(counts)] if n % 2 == 0 else rng.randint(1, 6)
        items.append(journal_article(rng, n, count))
    items += special_articles(rng)
    items += same_author_year()
    items += books_and_chapters(rng)
    items += reports_trials_web(rng)
    items += tricky_titles()
    rng.shuffle(items)
    return items
