"""Stress records for the consumer tests: every mapped entry type, every TeX special, diacritics."""

from __future__ import annotations

from als_refs.models import DateParts, Name, Reference

SPECIALS_TITLE = (
    "Prevalence of ALS & mRNA in 50% of Parkinson cases: $5, #1, a_b, ~x, x^2, "
    "{braced}, lone { and }, back\\slash – an en dash — and Neurology"
)
CHIO = Name(family="Chiò", given="Adriano")
BJORN = Name(family="Åkesson", given="Björn")
VAN_DEN_BERG = Name(family="Berg", given="Leonard H.", non_dropping_particle="van den", suffix="Jr")
GROUP = Name(literal="Mexiletine ALS Study Group")
DE_CARVALHO = Name(family="De Carvalho", given="Mamede")
DA_SILVA = Name(family="Silva", given="Ana", non_dropping_particle="da")
URL = "https://example.org/trials/a%20b_c?q=1&r=2#sec_2~x"


def stress_references(*, latin_only: bool = False) -> list[Reference]:
    """Records written by our writer for the compile tests.

    ``latin_only`` leaves out the Greek letter: with raw UTF-8 (``unicode=True``) pdflatex's
    ``inputenc`` only knows the characters of the loaded font encodings.
    """
    greek = "" if latin_only else " and α-synuclein"
    return [
        Reference(
            id="chio2013prevalence",
            type="article-journal",
            title=SPECIALS_TITLE + greek,
            author=(CHIO, BJORN, VAN_DEN_BERG, GROUP, DE_CARVALHO, DA_SILVA),
            container_title="Journal of Neurology, Neurosurgery & Psychiatry",
            container_title_short="J Neurol Neurosurg Psychiatry",
            volume="84",
            issue="12",
            page="1474-1481",
            issued=DateParts.from_ymd(2013, 5, 12),
            doi="10.1002/(SICI)1097-4636(199706)35:4<453::AID-JBM6>3.0.CO;2-N",
            pmid="23456789",
            pmcid="PMC3456789",
            issn="0022-3050",
            url=URL,
            trial_ids=("NCT01234567",),
        ),
        Reference(
            id="weber2012cochrane",
            type="article-journal",
            title="Treatment for cramps in amyotrophic lateral sclerosis/motor neuron disease",
            author=(Name(family="Baldinger", given="R."), Name(family="Weber", given="M.")),
            container_title="Cochrane Database of Systematic Reviews",
            number="CD004157",
            issue="4",
            issued=DateParts.from_ymd(2012, 4),
        ),
        Reference(
            id="neurology2016e403808",
            type="article-journal",
            title="An article number instead of pages",
            author=(Name(family="Oskarsson", given="Björn"),),
            container_title="Neurology",
            number="e403808",
            issued=DateParts.from_ymd(2016),
        ),
        Reference(
            id="brown2017book",
            type="book",
            title="Amyotrophic Lateral Sclerosis: A Guide for Patients & Families",
            editor=(
                Name(family="Mitsumoto", given="Hiroshi"),
                Name(family="Przedborski", given="S"),
            ),
            publisher="Demos Medical",
            publisher_place="New York",
            edition="3",
            issued=DateParts.from_ymd(2009),
            isbn="9781932603729",
        ),
        Reference(
            id="chapter2015pain",
            type="chapter",
            title="Pain management in motor neuron disease",
            author=(Name(family="Handy", given="Catherine R."),),
            editor=(Name(family="Oliver", given="David"),),
            container_title="Palliative Care in Amyotrophic Lateral Sclerosis",
            publisher="Oxford University Press",
            publisher_place="Oxford",
            page="91-104",
            issued=DateParts.from_ymd(2015),
        ),
        Reference(
            id="conf2019cramps",
            type="paper-conference",
            title="Cramps in ALS: a survey of 1,000 patients",
            author=(Name(family="Müller", given="Jürgen"),),
            container_title="Proceedings of the 30th International Symposium on ALS/MND",
            publisher_place="Perth",
            issued=DateParts.from_ymd(2019, 12),
        ),
        Reference(
            id="report2020registry",
            type="report",
            title="Annual report of the national ALS registry",
            author=(Name(literal="Centers for Disease Control and Prevention"),),
            publisher="Agency for Toxic Substances & Disease Registry",
            number="CS-2020_01",
            genre="Surveillance report",
            issued=DateParts.from_ymd(2020),
        ),
        Reference(
            id="thesis2018pain",
            type="thesis",
            title="Pain in ALS: prevalence & mechanisms",
            author=(Name(family="Łukasiewicz", given="Zoë"),),
            publisher="Université Paris-Saclay",
            genre="PhD thesis",
            issued=DateParts.from_ymd(2018),
        ),
        Reference(
            id="alsa2021website",
            type="webpage",
            title="Living with ALS: resources for patients",
            container_title="ALS Association",
            url="https://www.als.org/navigating-als/living-with-als?utm_source=x&id=1%2B2#top",
            accessed=DateParts.from_ymd(2021, 3, 4),
        ),
        Reference(
            id="pamphlet2010cramps",
            type="pamphlet",
            title="Muscle cramps: what patients should know",
            issued=DateParts.from_ymd(2010),
        ),
        Reference(
            id="draft2022mexiletine",
            type="manuscript",
            title="Mexiletine for cramps: a draft",
            author=(Name(family="Weiss", given="Michael D."),),
            note="Manuscript in preparation",
        ),
        Reference(
            id="nct01849770",
            type="report",
            title="Mexiletine for the treatment of muscle cramps in ALS",
            genre="Clinical trial registration",
            number="NCT01849770",
            url="https://clinicaltrials.gov/ct2/show/NCT01849770",
            trial_ids=("NCT01849770",),
        ),
        Reference(
            id="noyear2020",
            type="article-journal",
            title="An article without a year (in press)",
            author=(Name(family="O'Brien", given="Seán"),),
            container_title="Muscle & Nerve",
            status="in press",
        ),
    ]
