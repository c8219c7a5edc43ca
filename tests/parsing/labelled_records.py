# ruff: noqa: E501  (a data table: one work per block, long titles kept on one line)
"""The project's own labelled references: real published works, written out in many styles.

Each record holds what a reference list gives about a work; ``render`` writes it the way a
citation style does and returns the string with the fields the parser must read from it. The
styles are written from the style guides (Vancouver/NLM, AMA 11, APA 7, Harvard, Chicago
author-date, MLA 9, IEEE, Nature, Cochrane) and from the seed articles' web style.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Person:
    family: str
    initials: str  # "MD", "RH"
    given: str = ""  # full given name when known: "Michael D."
    particle: str = ""  # "van", "van den"
    suffix: str = ""  # "Jr"

    @property
    def full_family(self) -> str:
        return f"{self.particle} {self.family}".strip()


@dataclass(frozen=True)
class Work:
    authors: tuple[Person, ...]
    title: str
    journal: str
    abbrev: str
    year: int
    volume: str = ""
    issue: str = ""
    pages: str = ""  # full range "1474-1481"
    number: str = ""  # article number
    doi: str = ""
    et_al: bool = False
    month: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def _p(family: str, initials: str, given: str = "", **kw: str) -> Person:
    return Person(family, initials, given, **kw)


WORKS: tuple[Work, ...] = (
    Work(
        (_p("Weiss", "MD", "Michael D."), _p("Macklin", "EA", "Eric A."), _p("Simmons", "Z", "Zachary")),
        "A randomized trial of mexiletine in ALS: safety and effects on muscle cramps and progression",
        "Neurology", "Neurology", 2016, "86", "16", "1474-1481", doi="10.1212/WNL.0000000000002507",
        et_al=True, month="Apr 19",
    ),
    Work(
        (_p("Oskarsson", "B", "Björn"), _p("Moore", "D", "Dan"), _p("Mozaffar", "T", "Tahseen")),
        "Mexiletine for muscle cramps in amyotrophic lateral sclerosis: a randomized, double-blind crossover trial",
        "Muscle & Nerve", "Muscle Nerve", 2018, "58", "1", "42-48", doi="10.1002/mus.26117", et_al=True,
    ),
    Work(
        (_p("Chiò", "A", "Adriano"), _p("Canosa", "A", "Antonio"), _p("Gallo", "S", "Sara")),
        "Pain in amyotrophic lateral sclerosis: a population-based controlled study",
        "European Journal of Neurology", "Eur J Neurol", 2012, "19", "4", "551-555",
        doi="10.1111/j.1468-1331.2011.03540.x", et_al=True,
    ),
    Work(
        (_p("Rosen", "DR", "Daniel R."), _p("Siddique", "T", "Teepu"), _p("Patterson", "D", "David")),
        "Mutations in Cu/Zn superoxide dismutase gene are associated with familial amyotrophic lateral sclerosis",
        "Nature", "Nature", 1993, "362", "6415", "59-62", doi="10.1038/362059a0", et_al=True,
    ),
    Work(
        (_p("Brown", "RH", "Robert H.", suffix="Jr"), _p("Al-Chalabi", "A", "Ammar")),
        "Amyotrophic lateral sclerosis",
        "New England Journal of Medicine", "N Engl J Med", 2017, "377", "2", "162-172",
        doi="10.1056/NEJMra1603471",
    ),
    Work(
        (_p("Bensimon", "G", "Gilbert"), _p("Lacomblez", "L", "Lucette"), _p("Meininger", "V", "Vincent")),
        "A controlled trial of riluzole in amyotrophic lateral sclerosis",
        "New England Journal of Medicine", "N Engl J Med", 1994, "330", "9", "585-591",
        doi="10.1056/NEJM199403033300901",
    ),
    Work(
        (_p("Cedarbaum", "JM", "Jesse M."), _p("Stambler", "N", "Nancy"), _p("Malta", "E", "Errol")),
        "The ALSFRS-R: a revised ALS functional rating scale that incorporates assessments of respiratory function",
        "Journal of the Neurological Sciences", "J Neurol Sci", 1999, "169", "1-2", "13-21",
        doi="10.1016/S0022-510X(99)00210-5", et_al=True,
    ),
    Work(
        (_p("Brooks", "BR", "Benjamin R."), _p("Miller", "RG", "Robert G."), _p("Swash", "M", "Michael"), _p("Munsat", "TL", "Theodore L.")),
        "El Escorial revisited: revised criteria for the diagnosis of amyotrophic lateral sclerosis",
        "Amyotrophic Lateral Sclerosis and Other Motor Neuron Disorders",
        "Amyotroph Lateral Scler Other Motor Neuron Disord", 2000, "1", "5", "293-299",
        doi="10.1080/146608200300079536",
    ),
    Work(
        (_p("DeJesus-Hernandez", "M", "Mariely"), _p("Mackenzie", "IR", "Ian R."), _p("Boeve", "BF", "Bradley F.")),
        "Expanded GGGGCC hexanucleotide repeat in noncoding region of C9ORF72 causes chromosome 9p-linked FTD and ALS",
        "Neuron", "Neuron", 2011, "72", "2", "245-256", doi="10.1016/j.neuron.2011.09.011", et_al=True,
    ),
    Work(
        (_p("Neumann", "M", "Manuela"), _p("Sampathu", "DM", "Deepak M."), _p("Kwong", "LK", "Linda K.")),
        "Ubiquitinated TDP-43 in frontotemporal lobar degeneration and amyotrophic lateral sclerosis",
        "Science", "Science", 2006, "314", "5796", "130-133", doi="10.1126/science.1134108", et_al=True,
    ),
    Work(
        (_p("Miller", "T", "Timothy"), _p("Cudkowicz", "M", "Merit"), _p("Shaw", "PJ", "Pamela J.")),
        "Phase 1-2 trial of antisense oligonucleotide tofersen for SOD1 ALS",
        "New England Journal of Medicine", "N Engl J Med", 2020, "383", "2", "109-119",
        doi="10.1056/NEJMoa2003715", et_al=True,
    ),
    Work(
        (_p("Es", "MA", "Michael A.", particle="van"), _p("Hardiman", "O", "Orla"), _p("Chio", "A", "Adriano")),
        "Amyotrophic lateral sclerosis",
        "Lancet", "Lancet", 2017, "390", "10107", "2084-2098", doi="10.1016/S0140-6736(17)31287-4",
        et_al=True,
    ),
    Work(
        (_p("Taylor", "JP", "J. Paul"), _p("Brown", "RH", "Robert H.", suffix="Jr"), _p("Cleveland", "DW", "Don W.")),
        "Decoding ALS: from genes to mechanism",
        "Nature", "Nature", 2016, "539", "7628", "197-206", doi="10.1038/nature20413",
    ),
    Work(
        (_p("Al-Chalabi", "A", "Ammar"), _p("Hardiman", "O", "Orla")),
        "The epidemiology of ALS: a conspiracy of genes, environment and time",
        "Nature Reviews Neurology", "Nat Rev Neurol", 2013, "9", "11", "617-628",
        doi="10.1038/nrneurol.2013.203",
    ),
    Work(
        (_p("Katzberg", "HD", "Hans D."), _p("Khan", "AH", "Ahmed H."), _p("So", "YT", "Yuen T.")),
        "Assessment: symptomatic treatment for muscle cramps (an evidence-based review)",
        "Neurology", "Neurology", 2010, "74", "8", "691-696", doi="10.1212/WNL.0b013e3181d0ccca",
    ),
    Work(
        (_p("Handy", "CR", "Chalonda R."), _p("Krudy", "C", "Christina"), _p("Boulis", "N", "Nicholas"), _p("Federici", "T", "Thais")),
        "Pain in amyotrophic lateral sclerosis: a neglected aspect of disease",
        "Neurology Research International", "Neurol Res Int", 2011, "2011", "", "", number="403808",
        doi="10.1155/2011/403808",
    ),
    Work(
        (_p("LeCun", "Y", "Yann"), _p("Bengio", "Y", "Yoshua"), _p("Hinton", "G", "Geoffrey")),
        "Deep learning",
        "Nature", "Nature", 2015, "521", "7553", "436-444", doi="10.1038/nature14539",
    ),
    Work(
        (_p("Watson", "JD", "James D."), _p("Crick", "FHC", "Francis H. C.")),
        "Molecular structure of nucleic acids: a structure for deoxyribose nucleic acid",
        "Nature", "Nature", 1953, "171", "4356", "737-738", doi="10.1038/171737a0",
    ),
    Work(
        (_p("Shannon", "CE", "Claude E."),),
        "A mathematical theory of communication",
        "Bell System Technical Journal", "Bell Syst Tech J", 1948, "27", "3", "379-423",
        doi="10.1002/j.1538-7305.1948.tb01338.x",
    ),
    Work(
        (_p("Lowry", "OH", "Oliver H."), _p("Rosebrough", "NJ", "Nira J."), _p("Farr", "AL", "A. Lewis"), _p("Randall", "RJ", "Rose J.")),
        "Protein measurement with the Folin phenol reagent",
        "Journal of Biological Chemistry", "J Biol Chem", 1951, "193", "1", "265-275",
    ),
    Work(
        (_p("Laemmli", "UK", "Ulrich K."),),
        "Cleavage of structural proteins during the assembly of the head of bacteriophage T4",
        "Nature", "Nature", 1970, "227", "5259", "680-685", doi="10.1038/227680a0",
    ),
    Work(
        (_p("Kaplan", "EL", "Edward L."), _p("Meier", "P", "Paul")),
        "Nonparametric estimation from incomplete observations",
        "Journal of the American Statistical Association", "J Am Stat Assoc", 1958, "53", "282",
        "457-481", doi="10.1080/01621459.1958.10501452",
    ),
    Work(
        (_p("Higgins", "JPT", "Julian P. T."), _p("Thompson", "SG", "Simon G.")),
        "Quantifying heterogeneity in a meta-analysis",
        "Statistics in Medicine", "Stat Med", 2002, "21", "11", "1539-1558", doi="10.1002/sim.1186",
    ),
    Work(
        (_p("DerSimonian", "R", "Rebecca"), _p("Laird", "N", "Nan")),
        "Meta-analysis in clinical trials",
        "Controlled Clinical Trials", "Control Clin Trials", 1986, "7", "3", "177-188",
        doi="10.1016/0197-2456(86)90046-2",
    ),
    Work(
        (_p("Page", "MJ", "Matthew J."), _p("McKenzie", "JE", "Joanne E."), _p("Bossuyt", "PM", "Patrick M.")),
        "The PRISMA 2020 statement: an updated guideline for reporting systematic reviews",
        "BMJ", "BMJ", 2021, "372", "", "", number="n71", doi="10.1136/bmj.n71", et_al=True,
    ),
    Work(
        (_p("Moher", "D", "David"), _p("Liberati", "A", "Alessandro"), _p("Tetzlaff", "J", "Jennifer"), _p("Altman", "DG", "Douglas G.")),
        "Preferred reporting items for systematic reviews and meta-analyses: the PRISMA statement",
        "PLoS Medicine", "PLoS Med", 2009, "6", "7", "", number="e1000097",
        doi="10.1371/journal.pmed.1000097",
    ),
    Work(
        (_p("Kiernan", "MC", "Matthew C."), _p("Vucic", "S", "Steve"), _p("Cheah", "BC", "Benjamin C.")),
        "Amyotrophic lateral sclerosis",
        "Lancet", "Lancet", 2011, "377", "9769", "942-955", doi="10.1016/S0140-6736(10)61156-7",
        et_al=True,
    ),
    Work(
        (_p("Paganoni", "S", "Sabrina"), _p("Macklin", "EA", "Eric A."), _p("Hendrix", "S", "Suzanne")),
        "Trial of sodium phenylbutyrate-taurursodiol for amyotrophic lateral sclerosis",
        "New England Journal of Medicine", "N Engl J Med", 2020, "383", "10", "919-930",
        doi="10.1056/NEJMoa1916945", et_al=True,
    ),
    Work(
        (_p("Renton", "AE", "Alan E."), _p("Majounie", "E", "Elisa"), _p("Waite", "A", "Adrian")),
        "A hexanucleotide repeat expansion in C9ORF72 is the cause of chromosome 9p21-linked ALS-FTD",
        "Neuron", "Neuron", 2011, "72", "2", "257-268", doi="10.1016/j.neuron.2011.09.010", et_al=True,
    ),
    Work(
        (_p("Shefner", "JM", "Jeremy M."), _p("Al-Chalabi", "A", "Ammar"), _p("Baker", "MR", "Mark R.")),
        "A proposal for new diagnostic criteria for ALS",
        "Clinical Neurophysiology", "Clin Neurophysiol", 2020, "131", "8", "1975-1978",
        doi="10.1016/j.clinph.2020.04.005", et_al=True,
    ),
    Work(
        (_p("Hinchcliffe", "M", "Marcus"), _p("Smith", "A", "Alan")),
        "Riluzole: real-world evidence supports significant extension of median survival times in patients with amyotrophic lateral sclerosis",
        "Degenerative Neurological and Neuromuscular Disease", "Degener Neurol Neuromuscul Dis", 2017,
        "7", "", "61-70", doi="10.2147/DNND.S135748",
    ),
    Work(
        (_p("Berg", "LH", "Leonard H.", particle="van den"), _p("Sorenson", "E", "Eric"), _p("Gronseth", "G", "Gary")),
        "Revised Airlie House consensus guidelines for design and implementation of ALS clinical trials",
        "Neurology", "Neurology", 2019, "92", "14", "e1610-e1623", doi="10.1212/WNL.0000000000007242",
        et_al=True,
    ),
    Work(
        (_p("Bradford", "MM", "Marion M."),),
        "A rapid and sensitive method for the quantitation of microgram quantities of protein utilizing the principle of protein-dye binding",
        "Analytical Biochemistry", "Anal Biochem", 1976, "72", "", "248-254",
        doi="10.1016/0003-2697(76)90527-3",
    ),
    Work(
        (_p("Müller", "K", "Kathrin"), _p("Brenner", "D", "David"), _p("Weydt", "P", "Patrick")),
        "Comprehensive analysis of the mutation spectrum in 301 German ALS families",
        "Journal of Neurology, Neurosurgery & Psychiatry", "J Neurol Neurosurg Psychiatry", 2018,
        "89", "8", "817-827", doi="10.1136/jnnp-2017-317611", et_al=True,
    ),
)  # fmt: skip


# --- rendering ---------------------------------------------------------------------------

Expected = dict[str, str]


def _short_range(pages: str) -> str:
    """NLM abbreviates ranges: 1474-1481 -> 1474-81."""
    if "-" not in pages:
        return pages
    first, last = pages.split("-", 1)
    if not (first.isdigit() and last.isdigit()) or len(first) != len(last):
        return pages
    i = 0
    while i < len(first) - 1 and first[i] == last[i]:
        i += 1
    return f"{first}-{last[i:]}"


def _vancouver_name(p: Person) -> str:
    name = f"{p.full_family} {p.initials}"
    return f"{name} {p.suffix}" if p.suffix else name


def _dotted(initials: str) -> str:
    return " ".join(f"{c}." for c in initials)


def _dotted_tight(initials: str) -> str:
    return "".join(f"{c}." for c in initials)


def _inverted(p: Person, tight: bool = False) -> str:
    """APA/Harvard/Nature form: "Weiss, M. D." (tight: "Weiss, M.D.")."""
    name = f"{p.full_family}, {_dotted_tight(p.initials) if tight else _dotted(p.initials)}"
    return f"{name}, {p.suffix}." if p.suffix else name


def _given_first(p: Person) -> str:
    given = p.given or _dotted(p.initials)
    name = f"{given} {p.full_family}"
    return f"{name} {p.suffix}." if p.suffix else name


def _initials_first(p: Person) -> str:
    name = f"{_dotted(p.initials)} {p.full_family}"
    return f"{name}, {p.suffix}." if p.suffix else name


def _join(names: list[str], last_sep: str, sep: str = ", ") -> str:
    if len(names) == 1:
        return names[0]
    return sep.join(names[:-1]) + last_sep + names[-1]


def _expected(w: Work, container: str, pages: str | None = None, **extra: str) -> Expected:
    first = w.authors[0]
    out: Expected = {
        "family": first.family,
        "title": w.title,
        "container": container,
        "year": str(w.year),
    }
    if w.volume:
        out["volume"] = w.volume
    if w.issue:
        out["issue"] = w.issue
    page = pages if pages is not None else w.pages
    if page:
        out["page"] = page
    if w.doi:
        out["doi"] = w.doi.lower()
    out.update(extra)
    return out


def _number_or_pages(w: Work, pages: str) -> str:
    return w.number or pages


def vancouver(w: Work) -> tuple[str, Expected]:
    names = ", ".join(_vancouver_name(p) for p in w.authors) + (", et al" if w.et_al else "")
    date = f"{w.year} {w.month}" if w.month else str(w.year)
    pages = _short_range(w.pages)
    loc = f"{w.volume}({w.issue})" if w.issue else w.volume
    text = f"{names}. {w.title}. {w.abbrev}. {date};{loc}:{_number_or_pages(w, pages)}."
    if w.doi:
        text += f" doi: {w.doi}."
    exp = _expected(w, w.abbrev, pages)
    if w.number:
        exp.pop("page", None)
    return text, exp


def ama(w: Work) -> tuple[str, Expected]:
    names = ", ".join(_vancouver_name(p) for p in w.authors) + (", et al" if w.et_al else "")
    loc = f"{w.volume}({w.issue})" if w.issue else w.volume
    text = f"{names}. {w.title}. {w.abbrev}. {w.year};{loc}:{_number_or_pages(w, w.pages)}."
    if w.doi:
        text += f" doi:{w.doi}"
    exp = _expected(w, w.abbrev)
    if w.number:
        exp.pop("page", None)
    return text, exp


def apa(w: Work) -> tuple[str, Expected]:
    names = [_inverted(p) for p in w.authors]
    authors = _join(names, ", & ") if len(names) > 1 else names[0]
    loc = f"{w.volume}({w.issue})" if w.issue else w.volume
    text = f"{authors} ({w.year}). {w.title}. {w.journal}, {loc}, {w.number or w.pages}."
    if w.doi:
        text += f" https://doi.org/{w.doi}"
    exp = _expected(w, w.journal)
    if w.number:
        exp.pop("page", None)
    return text, exp


def harvard(w: Work) -> tuple[str, Expected]:
    names = [_inverted(p, tight=True) for p in w.authors]
    authors = _join(names, " and ")
    loc = f"{w.volume}({w.issue})" if w.issue else w.volume
    pages = f"pp. {w.pages}" if w.pages else w.number
    text = f"{authors} ({w.year}) '{w.title}', {w.journal}, {loc}, {pages}."
    if w.doi:
        text += f" doi:{w.doi}."
    exp = _expected(w, w.journal)
    if w.number:
        exp.pop("page", None)
    return text, exp


def chicago(w: Work) -> tuple[str, Expected]:
    first, rest = w.authors[0], w.authors[1:]
    lead = f"{first.full_family}, {first.given or _dotted(first.initials)}"
    if first.suffix:
        lead += f", {first.suffix}."
    names = [lead] + [_given_first(p) for p in rest]
    authors = _join(names, ", and ") if len(names) > 2 else " and ".join(names)
    loc = f"{w.volume} ({w.issue})" if w.issue else w.volume
    stop = "" if authors.endswith(".") else "."
    text = f"{authors}{stop} {w.year}. “{w.title}.” {w.journal} {loc}: {w.number or w.pages}."
    if w.doi:
        text += f" https://doi.org/{w.doi}."
    exp = _expected(w, w.journal)
    if w.number:
        exp.pop("page", None)
    return text, exp


def mla(w: Work) -> tuple[str, Expected]:
    first = w.authors[0]
    lead = f"{first.full_family}, {first.given or _dotted(first.initials)}"
    if len(w.authors) == 2:
        authors = f"{lead}, and {_given_first(w.authors[1])}"
    elif len(w.authors) > 2:
        authors = f"{lead}, et al"
    else:
        authors = lead
    authors = authors.rstrip(".")
    parts = [f"vol. {w.volume}"]
    if w.issue:
        parts.append(f"no. {w.issue}")
    parts.append(str(w.year))
    if w.pages:
        parts.append(f"pp. {w.pages}")
    elif w.number:
        parts.append(w.number)
    text = f"{authors}. “{w.title}.” {w.journal}, {', '.join(parts)}."
    if w.doi:
        text += f" https://doi.org/{w.doi}."
    exp = _expected(w, w.journal)
    if w.number:
        exp.pop("page", None)
    return text, exp


def ieee(w: Work) -> tuple[str, Expected]:
    names = [_initials_first(p) for p in w.authors]
    authors = _join(names, ", and ") if len(names) > 2 else " and ".join(names)
    if w.et_al:
        authors = names[0] + " et al."
    parts = [f"vol. {w.volume}"]
    if w.issue:
        parts.append(f"no. {w.issue}")
    if w.pages:
        parts.append(f"pp. {w.pages}")
    elif w.number:
        parts.append(f"Art. no. {w.number}")
    parts.append(str(w.year))
    sep = "" if authors.endswith(".") else ","
    text = f"{authors}{sep} “{w.title},” {w.abbrev}, {', '.join(parts)}"
    text += f", doi: {w.doi}." if w.doi else "."
    exp = _expected(w, w.abbrev)
    if w.number:
        exp.pop("page", None)
    return text, exp


def nature(w: Work) -> tuple[str, Expected]:
    names = [_inverted(p) for p in w.authors]
    authors = _join(names, " & ") if len(names) > 1 else names[0]
    if w.et_al:
        authors = names[0] + " et al."
    end = "" if authors.endswith(".") else "."
    text = f"{authors}{end} {w.title}. {w.abbrev} {w.volume}, {w.number or w.pages} ({w.year})."
    exp = _expected(w, w.abbrev)
    exp.pop("issue", None)
    exp.pop("doi", None)
    if w.number:
        exp.pop("page", None)
    return text, exp


def web(w: Work) -> tuple[str, Expected]:
    """The seed articles' style: "Surname, I., Surname, I. and Surname, I. (Year) Title. ..." """
    names = [_inverted(p, tight=True) for p in w.authors]
    authors = _join(names, " and ")
    text = f"{authors} ({w.year}) {w.title}.  {w.journal}"
    if w.issue and w.pages:
        text += f" {w.volume}({w.issue}),  {w.pages}."
    if w.doi:
        text += f" doi:{w.doi}."
    text += "  Abstract  |  Full Text (Subscription Required)"
    exp = _expected(w, w.journal)
    if not (w.issue and w.pages):
        for key in ("volume", "issue", "page"):
            exp.pop(key, None)
    return text, exp


STYLES: dict[str, Callable[[Work], tuple[str, Expected]]] = {
    "vancouver": vancouver,
    "ama": ama,
    "apa": apa,
    "harvard": harvard,
    "chicago": chicago,
    "mla": mla,
    "ieee": ieee,
    "nature": nature,
    "web": web,
}


def labelled_strings() -> list[tuple[str, str, Expected]]:
    """(style, reference string, expected fields) for every work in every style."""
    return [(name, *render(work)) for name, render in STYLES.items() for work in WORKS]
