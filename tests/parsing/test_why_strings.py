# ruff: noqa: E501  (reference strings kept on one line, as written)
"""The strings issue 9 names under "Why", each read field by field by the default parser.

The first two are quoted in the issue whole; the others are whole references the project wrote
around the fragment the issue quotes (the works are real: the mexiletine trial of the seeds and
a 2017 Acta Neurologica Scandinavica paper), so they are constructed strings, not recorded ones.
"""

from __future__ import annotations

from als_refs.formats.bibtex import write_string
from als_refs.models import Reference
from als_refs.parsing import parse_reference


def _families(reference: Reference) -> list[str | None]:
    return [a.family or a.literal for a in reference.author]


def test_suffix_iii_stays_with_its_name() -> None:
    text = "Brent, J. R., Franz, C. K., Coleman, J. M., III, & Ajroud-Driss, S. (2020). ALS: Management problems. Neurologic Clinics, 38(3), 565–575."
    reference = parse_reference(text).reference
    assert _families(reference) == ["Brent", "Franz", "Coleman", "Ajroud-Driss"]
    assert reference.author[2].suffix == "III"
    assert reference.title == "ALS: Management problems"
    assert reference.container_title == "Neurologic Clinics"
    assert (reference.volume, reference.issue, reference.page) == ("38", "3", "565-575")
    assert reference.year == 2020


def test_book_imprint_is_not_a_journal() -> None:
    text = "Sykes, Stephen, Power and Christian Theology, London: Continuum, 2006."
    reference = parse_reference(text).reference
    assert _families(reference) == ["Sykes"]
    assert reference.title == "Power and Christian Theology"
    assert reference.container_title is None
    assert reference.publisher == "Continuum"
    assert reference.publisher_place == "London"
    assert reference.type == "book"
    assert reference.year == 2006


def test_study_group_is_an_author_not_the_title() -> None:
    text = "Weiss MD, Macklin EA, Simmons Z, Knox AS, Greenblatt DJ, Atassi N, Graves M, Parziale N, Salameh JS, Quinn C, Brown RH Jr, Distad JB, Trivedi J, Shefner JM, Barohn RJ, Pestronk A, Swenson A, Cudkowicz ME; Mexiletine ALS Study Group. A randomized trial of mexiletine in ALS: Safety and effects on muscle cramps and progression. Neurology. 2016 Apr 19;86(16):1474-81."
    reference = parse_reference(text).reference
    families = _families(reference)
    assert families[0] == "Weiss"
    assert families[-2:] == ["Cudkowicz", "Mexiletine ALS Study Group"]
    assert reference.title == (
        "A randomized trial of mexiletine in ALS: Safety and effects on muscle cramps and progression"
    )
    assert reference.container_title == "Neurology"
    assert (reference.volume, reference.issue, reference.page) == ("86", "16", "1474-81")


def test_two_word_family_name_does_not_end_the_list() -> None:
    text = "Jakobsson Larsson, B., Ozanne, A. G., Nordin, K., & Nygren, I. (2017). A prospective study of quality of life in amyotrophic lateral sclerosis patients. Acta Neurologica Scandinavica, 136(6), 631–638."
    reference = parse_reference(text).reference
    assert _families(reference) == ["Jakobsson Larsson", "Ozanne", "Nordin", "Nygren"]
    assert reference.title == (
        "A prospective study of quality of life in amyotrophic lateral sclerosis patients"
    )
    assert reference.container_title == "Acta Neurologica Scandinavica"


def test_bracketed_doi_is_kept() -> None:
    text = "Weiss MD, Macklin EA, Simmons Z, et al. A randomized trial of mexiletine in ALS: Safety and effects on muscle cramps and progression. Neurology. 2016;86(16):1474-81 [DOI: 10.1212/WNL.0000000000002507]."
    result = parse_reference(text)
    assert result.reference.doi == "10.1212/wnl.0000000000002507"
    assert result.reference.container_title == "Neurology"


def test_et_al_is_kept_and_printed() -> None:
    text = "Weiss MD, Macklin EA, Simmons Z, et al. A randomized trial of mexiletine in ALS: Safety and effects on muscle cramps and progression. Neurology. 2016;86(16):1474-81."
    reference = parse_reference(text).reference
    assert _families(reference) == ["Weiss", "Macklin", "Simmons", "others"]
    assert " and others}" in write_string([reference])
