"""The rule parser's vocabulary: sentence boundaries and the abbreviations that are not one,
journal and publisher words, abbreviated journal names, and the places of publication."""

from __future__ import annotations

import re

BOUNDARY = re.compile(r"(?<=[^\s])([.?!])[\"”’]?\s+(?=[^\s,;:)\]])")
NOT_SENTENCE_END = re.compile(
    r"(?:[A-Z]|e\.g|i\.e|vs|al|Dr|St|Mr|Mrs|Ms|Prof|no|No|Vol|vol|pp|ed|eds|Ed|Eds|Jn|Sc|Ph|"
    r"Inc|Ltd|Co|Jr|Sr|Nos|approx|ca|cf|Fig|Suppl|Dept|Univ|Int|Nat|Natl|Am|Eur|Br|Jpn|Chem|"
    r"Phys|Soc|Rev|Lett|Res|Med|Sci|Proc|Trans|Acad|Biol|Clin|Neurol|Psychiatry|Ann|Arch|Assoc|"
    r"Inst|Mol|Biochem|Pharmacol|Engl|Nucl|Appl|Math|Astron|Astrophys|Geophys|Mech|Eng|Comput|"
    r"Opt|Mater|Struct|Exp|Theor|Stat|Neurosci|Physiol|Immunol|Microbiol|Genet|Ecol|Environ|"
    r"Polym|Surf|Cryst|Electron|Instrum|Lect|Adv|Curr|Opin|Bull|Chin|Commun|Comm|Zh|Syst|Anal|"
    r"Sov|Mon|Roy|Philos|Sect|Ser|Quant|Geol|Mineral|Petrol|Oncol|Cardiol|Dermatol|Endocrinol|"
    r"Gastroenterol|Hepatol|Nephrol|Ophthalmol|Pediatr|Psychol|Radiol|Surg|Urol|Epidemiol)$"
)
_ABBREV_WORD = re.compile(r"^(?:[A-Z][A-Za-z]{0,11}[.:]?|[A-Z]+|of|and|&|the|de|der|für|et)$")
JOURNAL_WORDS = re.compile(
    r"\b(?:Journal|J|Rev|Review|Reviews|Annals|Ann|Proceedings|Proc|Letters|Lett|Bulletin|Bull|"
    r"Transactions|Trans|Archives|Arch|Acta|Research|Res|Medicine|Med|Science|Sci|Nature|Lancet|"
    r"Neurology|Neurol|Cell|Reports|Rep|Database|Quarterly|Magazine|Physics|Phys|Chem|Chemistry|"
    r"International|Int|American|Am|European|Eur|British|Br|Systematic|Clinical|Clin|BMJ|JAMA|"
    r"PLoS|PLOS|ONE|Brain|Muscle|Nerve)\b"
)
PUBLISHER_WORDS = re.compile(
    r"\b(?:Press|Publish\w*|Publications?|Verlag|Springer|Elsevier|Wiley|Blackwell|Academic|"
    r"Lippincott|Saunders|Mosby|Churchill|Thieme|Karger|Routledge|Sage|SAGE|Books|Oxford|"
    r"Cambridge University|McGraw|Prentice|Addison|Pearson|Norton|Penguin|CRC|Humana|Inc\.?|"
    r"Ltd\.?|Co\.|Company|Editions?|Éditions|Verlag|Media|Health)\b"
)
_COUNTRIES = frozenset(
    {
        "Canada", "USA", "U.S.A", "UK", "U.K", "England", "Scotland", "Ireland", "France",
        "Germany", "Italy", "Spain", "Portugal", "Netherlands", "Belgium", "Switzerland",
        "Austria", "Sweden", "Norway", "Denmark", "Finland", "Poland", "Russia", "China",
        "Japan", "Korea", "India", "Australia", "Brazil", "Mexico", "Argentina", "Israel",
        "Greece", "Turkey", "Egypt", "Africa", "Chile", "Hungary", "Czechia", "Quebec",
        "Ontario", "California", "Texas", "Colorado", "Arizona", "Alberta",
    }
)  # fmt: skip


def ends_with_place(text: str) -> bool:
    """The text (or its last word) is a known city or country."""
    text = text.strip(" ,.")
    word = text.rsplit(" ", 1)[-1]
    return any(w in _COUNTRIES or w in CITIES for w in (word, text))


CITY_LIST = re.compile(r"\s(?:and|&|–|-)\s|\s?[–/-]\s?")
CITIES = frozenset(
    {
        "Abingdon",
        "Amsterdam",
        "Ann Arbor",
        "Antwerp",
        "Athens",
        "Atlanta",
        "Austin",
        "Baltimore",
        "Barcelona",
        "Basel",
        "Basingstoke",
        "Beijing",
        "Berkeley",
        "Berlin",
        "Bern",
        "Beverly Hills",
        "Bloomington",
        "Bogotá",
        "Bologna",
        "Bordeaux",
        "Boston",
        "Bruges",
        "Brussels",
        "Bruxelles",
        "Buenos Aires",
        "Cambridge",
        "Chapel Hill",
        "Chicago",
        "Cleveland",
        "Columbus",
        "Copenhagen",
        "Dallas",
        "Denver",
        "Detroit",
        "Dijon",
        "Dordrecht",
        "Dublin",
        "Durham",
        "Edinburgh",
        "Englewood Cliffs",
        "Firenze",
        "Florence",
        "Frankfurt",
        "Geneva",
        "Gent",
        "Genève",
        "Ghent",
        "Grenoble",
        "Göttingen",
        "Hamburg",
        "Harmondsworth",
        "Heidelberg",
        "Helsinki",
        "Hillsdale",
        "Hoboken",
        "Houston",
        "Ithaca",
        "Kraków",
        "Köln",
        "Lausanne",
        "Leiden",
        "Leipzig",
        "Leuven",
        "Lille",
        "Lima",
        "Lisboa",
        "Lisbon",
        "London",
        "Los Angeles",
        "Louvain",
        "Lyon",
        "Madison",
        "Madrid",
        "Mahwah",
        "Marseille",
        "Melbourne",
        "Milan",
        "Milano",
        "Minneapolis",
        "Montpellier",
        "Montreal",
        "Montréal",
        "Moscow",
        "Munich",
        "México",
        "München",
        "Nancy",
        "Nantes",
        "Naples",
        "Napoli",
        "New Haven",
        "New York",
        "Newbury Park",
        "Norwood",
        "Oslo",
        "Oxford",
        "Paris",
        "Philadelphia",
        "Pittsburgh",
        "Prague",
        "Praha",
        "Princeton",
        "Québec",
        "Rennes",
        "Rio de Janeiro",
        "Roma",
        "Rome",
        "San Francisco",
        "Santiago",
        "Seattle",
        "Seoul",
        "Sevilla",
        "Shanghai",
        "Singapore",
        "Stanford",
        "Stockholm",
        "Strasbourg",
        "Stuttgart",
        "Sydney",
        "São Paulo",
        "Thousand Oaks",
        "Tokyo",
        "Torino",
        "Toronto",
        "Toulouse",
        "Turin",
        "Tübingen",
        "Upper Saddle River",
        "Urbana",
        "Utrecht",
        "Venezia",
        "Venice",
        "Vienna",
        "Warsaw",
        "Warszawa",
        "Washington",
        "Wien",
        "Zurich",
        "Zürich",
        "Aarhus",
        "Aberdeen",
        "Albany",
        "Aldershot",
        "Baton Rouge",
        "Belfast",
        "Bergen",
        "Bombay",
        "Bonn",
        "Boulder",
        "Brighton",
        "Bristol",
        "Bucharest",
        "Budapest",
        "Burlington",
        "Cairo",
        "Calcutta",
        "Cape Town",
        "Cardiff",
        "Coimbra",
        "Delhi",
        "Dresden",
        "Farnham",
        "Freiburg",
        "Glasgow",
        "Granada",
        "Hong Kong",
        "Hove",
        "Istanbul",
        "Jerusalem",
        "Johannesburg",
        "Kiev",
        "Kolkata",
        "Kyiv",
        "Kyoto",
        "Lanham",
        "Leeds",
        "Leningrad",
        "Liverpool",
        "Lund",
        "Malden",
        "Manchester",
        "Marburg",
        "Mexico City",
        "Mumbai",
        "Münster",
        "Nairobi",
        "New Brunswick",
        "New Delhi",
        "Notre Dame",
        "Osaka",
        "Ottawa",
        "Padova",
        "Padua",
        "Pisa",
        "Porto",
        "Poznań",
        "Saint Petersburg",
        "Salamanca",
        "Siena",
        "Sofia",
        "St. Petersburg",
        "Taipei",
        "Tel Aviv",
        "Uppsala",
        "Valencia",
        "Vancouver",
        "Westport",
        "Wrocław",
    }
)


def looks_like_journal(text: str) -> bool:
    """Abbreviated journal names: "J. Am. Chem. Soc.", "Br J Anaesth", "Phys.Rev .Lett ."."""
    words = text.replace(".", ". ").split()
    if not words or len(words) > 9:
        return False
    abbreviated = sum(1 for w in words if _ABBREV_WORD.match(w))
    if abbreviated < len(words):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    dotted = sum(1 for w in words[:-1] if w.endswith(".") and len(w) <= 12)
    if dotted and dotted * 2 >= capitalised - 1:
        return True
    return len(words) <= 3 and bool(JOURNAL_WORDS.search(text))
