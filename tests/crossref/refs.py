"""The seed articles' citations as the parser gives them (hand-written, for the Crossref tests)."""

from __future__ import annotations

from als_refs.models import DateParts, Location, Name, Provenance, Reference

DOC = "references/sources/000_a9e708bc8353a378.toml"
PROSE_DOC = "references/sources/004_dcdbdca86207c0b1.toml"
PROSE = (
    "Recent clinical trials, published in the journal Neurology in 2016 and Muscle and Nerve in "
    "2018, suggest that mexiletine also may be effective in reducing the frequency and effect of "
    "muscle cramps in ALS."
)


def _names(*pairs: str) -> tuple[Name, ...]:
    return tuple(Name(family=p.split(",")[0], given=p.split(",")[1].strip()) for p in pairs)


def _at(line: int, raw: str, document: str = DOC, kind: str = "reference") -> Provenance:
    return Provenance(locations=(Location(document=document, line=line, raw=raw, kind=kind),))


RIVERA_RAW = (
    "Rivera, I., Ajroud-Driss, S., Casey, P., Heller, S., Allen, J., Siddique, T. and Sufit, R. "
    "(2013) Prevalence and characteristics of pain in early and late stages of ALS. Amyotrophic "
    "Lateral Sclerosis and Frontotemporal Degeneration Journal doi:10.3109/21678421.2012.751614."
)
CHIO_RAW = (
    "Chiò, A., Canosa, A., Gallo, S., Moglia, C., Ilardi, A., Cammarosano, S., Papurello, D. and "
    "Calvo, A (2012) Pain in amyotrophic lateral sclerosis: a population-based controlled study. "
    "European Journal of Neurology 19(4),  551-555."
)
BALDINGER_RAW = (
    "Baldinger, R., Katzberg, H.D. and Weber M (2012) Treatment for cramps in amyotrophic lateral "
    "sclerosis/motor neuron disease. Cochrane Database of Systematic Reviews, doi: "
    "10.1002/14651858.CD004157.pub2."
)
BRETT_RAW = (
    "Brettschneider, J., Kurent, J., Ludolph, A. and Mitchell, J.D. (2010) Drug therapy for pain "
    "in amyotrophic lateral sclerosis or motor neuron disease. Cochrane Database of Systematic "
    "Reviews, doi: 10.1002/14651858.CD005226.pub2."
)
HANDY_RAW = (
    "Handy CR, Krudy C, Boulis N, Federici T. (2011) Pain in amyotrophic lateral sclerosis: a "
    "neglected aspect of disease. Neurology Research International 2011, 403808."
)

RIVERA = Reference(
    id="rivera2013",
    title="Prevalence and characteristics of pain in early and late stages of ALS",
    author=_names(
        "Rivera, I.",
        "Ajroud-Driss, S.",
        "Casey, P.",
        "Heller, S.",
        "Allen, J.",
        "Siddique, T.",
        "Sufit, R.",
    ),
    container_title="Amyotrophic Lateral Sclerosis and Frontotemporal Degeneration Journal",
    issued=DateParts.from_ymd(2013),
    doi="10.3109/21678421.2012.751614",
    provenance=_at(44, RIVERA_RAW),
)
CHIO = Reference(
    id="chio2012",
    title="Pain in amyotrophic lateral sclerosis: a population-based controlled study",
    author=_names(
        "Chiò, A.",
        "Canosa, A.",
        "Gallo, S.",
        "Moglia, C.",
        "Ilardi, A.",
        "Cammarosano, S.",
        "Papurello, D.",
        "Calvo, A.",
    ),
    container_title="European Journal of Neurology",
    volume="19",
    issue="4",
    page="551-555",
    issued=DateParts.from_ymd(2012),
    provenance=_at(46, CHIO_RAW),
)
BALDINGER = Reference(
    id="baldinger2012",
    title="Treatment for cramps in amyotrophic lateral sclerosis/motor neuron disease",
    author=_names("Baldinger, R.", "Katzberg, H.D.", "Weber, M."),
    container_title="Cochrane Database of Systematic Reviews",
    issued=DateParts.from_ymd(2012),
    doi="10.1002/14651858.CD004157.pub2",
    provenance=_at(48, BALDINGER_RAW),
)
BRETTSCHNEIDER = Reference(
    id="brettschneider2010",
    title="Drug therapy for pain in amyotrophic lateral sclerosis or motor neuron disease",
    author=_names("Brettschneider, J.", "Kurent, J.", "Ludolph, A.", "Mitchell, J.D."),
    container_title="Cochrane Database of Systematic Reviews",
    issued=DateParts.from_ymd(2010),
    doi="10.1002/14651858.CD005226.pub2",
    provenance=_at(50, BRETT_RAW),
)
HANDY = Reference(
    id="handy2011",
    title="Pain in amyotrophic lateral sclerosis: a neglected aspect of disease",
    author=_names("Handy, C.R.", "Krudy, C.", "Boulis, N.", "Federici, T."),
    container_title="Neurology Research International",
    volume="2011",
    number="403808",
    issued=DateParts.from_ymd(2011),
    provenance=_at(54, HANDY_RAW),
)
NEUROLOGY_2016 = Reference(
    id="candidate-neurology-2016",
    container_title="Neurology",
    issued=DateParts.from_ymd(2016),
    provenance=Provenance(
        locations=(Location(document=PROSE_DOC, line=11, raw=PROSE, kind="prose"),), candidate=True
    ),
)
MUSCLE_NERVE_2018 = Reference(
    id="candidate-muscle-nerve-2018",
    container_title="Muscle and Nerve",
    issued=DateParts.from_ymd(2018),
    provenance=Provenance(
        locations=(Location(document=PROSE_DOC, line=11, raw=PROSE, kind="prose"),), candidate=True
    ),
)
SEED_REFERENCES = (
    RIVERA,
    CHIO,
    BALDINGER,
    BRETTSCHNEIDER,
    HANDY,
    NEUROLOGY_2016,
    MUSCLE_NERVE_2018,
)
