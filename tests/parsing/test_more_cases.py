# ruff: noqa: E501  (reference strings kept on one line, as written)
"""More hand-written references, modelled on real published works, each checked
field by field (not taken from any public test set)."""

from __future__ import annotations

from typing import Any

import pytest

from als_refs.parsing import parse_reference


def _fields(text: str) -> dict[str, Any]:
    reference = parse_reference(text).reference
    assert reference is not None
    return {
        "families": [a.family or a.literal for a in reference.author],
        "editors": [e.family or e.literal for e in reference.editor],
        "type": reference.type,
        "title": reference.title,
        "container_title": reference.container_title,
        "volume": reference.volume,
        "page": reference.page,
        "year": reference.year,
        "edition": reference.edition,
        "publisher": reference.publisher,
        "place": reference.publisher_place,
    }


CASES: list[tuple[str, dict[str, Any]]] = [
    # physics shorthand: the series letter is written against the volume
    (
        "S. Weinberg, Phys. Rev. D13, 974 (1976).",
        {
            "families": ["Weinberg"],
            "container_title": "Phys. Rev. D",
            "volume": "13",
            "page": "974",
            "year": 1976,
        },
    ),
    (
        "E. Witten, Nucl. Phys. B160, 57 (1979).",
        {
            "families": ["Witten"],
            "container_title": "Nucl. Phys. B",
            "volume": "160",
            "page": "57",
            "year": 1979,
        },
    ),
    (
        "S. Agostinelli et al., Geant4: a simulation toolkit, Nucl. Instrum. Meth. A506 (2003) 250.",
        {
            "families": ["Agostinelli", "others"],
            "title": "Geant4: a simulation toolkit",
            "container_title": "Nucl. Instrum. Meth. A",
            "volume": "506",
            "page": "250",
            "year": 2003,
        },
    ),
    # the same shape without a series letter keeps its volume as written
    (
        "J. M. Maldacena, Adv. Theor. Math. Phys. 2, 231 (1998).",
        {
            "families": ["Maldacena"],
            "container_title": "Adv. Theor. Math. Phys.",
            "volume": "2",
            "page": "231",
            "year": 1998,
        },
    ),
    # an edited book: the names before "eds." are its editors, the mark is not the title
    (
        "Keohane, Robert O., and Joseph S. Nye, eds. Transnational Relations and World Politics. Cambridge, MA: Harvard University Press, 1972.",
        {
            "families": [],
            "editors": ["Keohane", "Nye"],
            "title": "Transnational Relations and World Politics",
            "type": "book",
            "year": 1972,
        },
    ),
    (
        "Hobsbawm, E., and T. Ranger, eds. (1983), The Invention of Tradition (Cambridge: Cambridge University Press).",
        {
            "families": [],
            "editors": ["Hobsbawm", "Ranger"],
            "title": "The Invention of Tradition",
            "type": "book",
            "year": 1983,
        },
    ),
    (
        "Gunderson, L. H., and C. S. Holling (Eds.). 2002. Panarchy: understanding transformations in human and natural systems. Island Press, Washington, D.C.",
        {
            "families": [],
            "editors": ["Gunderson", "Holling"],
            "title": "Panarchy: understanding transformations in human and natural systems",
            "year": 2002,
        },
    ),
    # a title that starts with the word "Editors" is still the title, by its authors
    (
        "Smith R. Editors and the ethics of peer review. BMJ. 1999;318:4.",
        {
            "families": ["Smith"],
            "editors": [],
            "title": "Editors and the ethics of peer review",
            "container_title": "BMJ",
            "year": 1999,
        },
    ),
    # no author and no title: a journal name of several words, then volume, year and pages
    (
        "Progress in Polymer Science 32 (2007) 762–798",
        {
            "families": [],
            "title": None,
            "container_title": "Progress in Polymer Science",
            "volume": "32",
            "page": "762-798",
            "year": 2007,
        },
    ),
    (
        "Annals of the New York Academy of Sciences 1112 (2007) 119–129",
        {
            "title": None,
            "container_title": "Annals of the New York Academy of Sciences",
            "volume": "1112",
            "year": 2007,
        },
    ),
    # a title then its journal keeps both, even when both are capitalised
    (
        "Lengauer C, Kinzler KW, Vogelstein B. Genetic Instabilities in Human Cancers. Nature 396, 643-649 (1998).",
        {
            "families": ["Lengauer", "Kinzler", "Vogelstein"],
            "title": "Genetic Instabilities in Human Cancers",
            "container_title": "Nature",
            "volume": "396",
        },
    ),
    # a journal name first, read by the name scanner as an author, then only numbers
    (
        "Cell, Vol. 116, 281–297, January 23, 2004",
        {
            "families": [],
            "container_title": "Cell",
            "volume": "116",
            "page": "281-297",
            "year": 2004,
        },
    ),
    (
        "Kidney International, Vol. 71 (2007), pp. 31–38",
        {"families": [], "container_title": "Kidney International", "volume": "71", "year": 2007},
    ),
    (
        "Fermi E., Am. J. Phys., 17 (1949) 1132.",
        {
            "families": ["Fermi"],
            "container_title": "Am. J. Phys.",
            "volume": "17",
            "page": "1132",
            "year": 1949,
        },
    ),
    # names, a year and a journal: the names stay authors
    (
        "Spitzer, L. 1956, ApJ, 124, 20",
        {
            "families": ["Spitzer"],
            "container_title": "ApJ",
            "volume": "124",
            "page": "20",
            "year": 1956,
        },
    ),
    (
        "Smith J, Jones K. 2001; 5: 10-12.",
        {"families": ["Smith", "Jones"], "container_title": None},
    ),
    # a translator or editor after a book's title is not part of the title
    (
        "Bede, The Venerable. On Ezra and Nehemiah, trans. Scott DeGregorio. Liverpool, 2006.",
        {"title": "On Ezra and Nehemiah", "container_title": None, "year": 2006},
    ),
    (
        "Eco, Umberto. The Name of the Rose, trans. William Weaver. New York: Harcourt, 1983.",
        {"families": ["Eco"], "title": "The Name of the Rose", "year": 1983},
    ),
    # a book's place only, several cities
    (
        "Wilson, David R. Anglo-Saxon Paganism. London and New York, 1992.",
        {
            "families": ["Wilson"],
            "title": "Anglo-Saxon Paganism",
            "container_title": None,
            "year": 1992,
        },
    ),
    # an edition written after the title, bracketed or not, in figures or words
    (
        "Garner, B. A. (2009). Black's Law Dictionary (9th ed). St. Paul: West Publishing Co.",
        {"title": "Black's Law Dictionary", "edition": "9", "year": 2009},
    ),
    (
        "E. T. Whittaker and G. N. Watson, A Course of Modern Analysis, 4th ed. (Cambridge University Press, Cambridge, 1927).",
        {
            "families": ["Whittaker", "Watson"],
            "title": "A Course of Modern Analysis",
            "edition": "4",
            "year": 1927,
        },
    ),
    (
        "Lang, Serge. Algebra. Third edition. Addison-Wesley, Reading, MA, 1993.",
        {"families": ["Lang"], "title": "Algebra", "edition": "3", "year": 1993},
    ),
    # Vancouver lists with a two-word family name
    (
        "Hyltoft Petersen P, Fraser CG, Kallner A, Kenny D. Strategies to set global analytical quality specifications in laboratory medicine. Scand J Clin Lab Invest 1999;59:475-585.",
        {
            "families": ["Hyltoft Petersen", "Fraser", "Kallner", "Kenny"],
            "title": "Strategies to set global analytical quality specifications in laboratory medicine",
            "container_title": "Scand J Clin Lab Invest",
        },
    ),
    (
        "Stegeman CA, Cohen Tervaert JW, de Jong PE, Kallenberg CG. Trimethoprim-sulfamethoxazole for the prevention of relapses of Wegener's granulomatosis. N Engl J Med 1996;335:16-20.",
        {
            "families": ["Stegeman", "Cohen Tervaert", "Jong", "Kallenberg"],
            "title": "Trimethoprim-sulfamethoxazole for the prevention of relapses of Wegener's granulomatosis",
            "year": 1996,
        },
    ),
    # a title in title case after a Vancouver list is not a name
    (
        "Rowland LP, Shneider NA. Amyotrophic Lateral Sclerosis. N Engl J Med 2001;344:1688-700.",
        {
            "families": ["Rowland", "Shneider"],
            "title": "Amyotrophic Lateral Sclerosis",
            "container_title": "N Engl J Med",
        },
    ),
    # a book's imprint written publisher first, then the city and its state or country
    (
        "Box, G. E. P., and G. M. Jenkins. 1976. Time series analysis: forecasting and control. Holden-Day, San Francisco, CA.",
        {
            "title": "Time series analysis: forecasting and control",
            "container_title": None,
            "publisher": "Holden-Day",
            "place": "San Francisco, CA",
            "type": "book",
        },
    ),
    (
        "Pielou, E. C. 1984. The interpretation of ecological data. John Wiley and Sons, New York, USA.",
        {
            "container_title": None,
            "publisher": "John Wiley and Sons",
            "place": "New York, USA",
            "year": 1984,
        },
    ),
    # several contributors after the title, and a book with its editors named there
    (
        "Benjamin, Walter. Illuminations. Edited by Hannah Arendt. Translated by Harry Zohn. New York: Schocken, 1969.",
        {
            "families": ["Benjamin"],
            "editors": ["Arendt"],
            "title": "Illuminations",
            "container_title": None,
            "publisher": "Schocken",
            "type": "book",
        },
    ),
    # the author scan stops early; the rest before the quoted title is still names
    (
        'Ansoff, H. Igor and Richard G. Brandenburg. "A Language for Organization Design." Management Science, XVII (August, 1971), pp. B705-B731.',
        {
            "title": "A Language for Organization Design",
            "container_title": "Management Science",
        },
    ),
    (
        "Koelsch, Stefan, and Thomas Fritz, D. Yves v. Cramon, Karsten Müller, and Angela D. Friederici, “Investigating Emotion with Music: An fMRI Study,” Human Brain Mapping, 27 (2006), 239-250.",
        {
            "title": "Investigating Emotion with Music: An fMRI Study",
            "container_title": "Human Brain Mapping",
            "year": 2006,
        },
    ),
    # words of a sentence before the quotes are not names: the quotes are not taken as the title
    (
        "Smith, John. In the matter of “Public Health” and its limits. Law Review 12 (1990): 1-20.",
        {"families": ["Smith"]},
    ),
    # comma style: the chapter's title, then ", in" and the book or proceedings
    (
        "E. Witten, Quantum field theory and the Jones polynomial, in Braid Group, Knot Theory and Statistical Mechanics, World Scientific, 1989.",
        {
            "families": ["Witten"],
            "title": "Quantum field theory and the Jones polynomial",
            "type": "chapter",
        },
    ),
    (
        "A. Connes, Noncommutative differential geometry and the structure of space time, in: S. A. Huggett (Ed.), The Geometric Universe, Oxford University Press, 1998.",
        {
            "title": "Noncommutative differential geometry and the structure of space time",
            "editors": ["Huggett"],
        },
    ),
    # ", in" followed by lower case is part of the title
    (
        "J. Smith, Gene expression changes, in particular of HOX genes, during limb development, Dev. Biol. 300 (2006) 1-10.",
        {"title": "Gene expression changes, in particular of HOX genes, during limb development"},
    ),
    # the journal's first word was taken for a name; the journal runs on to the numbers
    (
        "J. Cell. Biochem. 88:1040–1047, 2003.",
        {"families": [], "container_title": "J. Cell. Biochem", "volume": "88", "year": 2003},
    ),
    (
        "Hunter, Curr. Opin. Cell Biol. 21: 140-146 (2009)",
        {
            "families": ["Hunter"],
            "container_title": "Curr. Opin. Cell Biol.",
            "volume": "21",
            "page": "140-146",
        },
    ),
    (
        "W. S. JOHNSON, JR. J. Am. Chem. Soc. 78, 6278 (1956).",
        {
            "families": ["JOHNSON"],
            "container_title": "J. Am. Chem. Soc.",
            "volume": "78",
            "year": 1956,
        },
    ),
    # "Bahcall J." is a name with its initial, not the start of "J. Phys. Rev."
    (
        "Waxman E. and Bahcall J. Phys. Rev. D59 (1999) 023002.",
        {
            "families": ["Waxman", "Bahcall"],
            "container_title": "Phys. Rev. D",
            "volume": "59",
            "year": 1999,
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_more_case(text: str, expected: dict[str, Any]) -> None:
    fields = _fields(text)
    for key, value in expected.items():
        assert fields[key] == value, (key, text)
