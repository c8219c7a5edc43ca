"""citeproc-js's title case of field values (``textcase.title_case_value``).

The first inputs are titles of the real items in ``tests/data/render-real/items.json`` and the
expected strings what citeproc-js 2.4.63 printed for them (``expected/*.json.gz``), quotes left
straight because pairing them happens after the case change. The cases marked "constructed" were
written here; their expected strings are the output of citeproc-js 2.4.63's own
``CSL.Output.Formatters.title`` on them.
"""

from __future__ import annotations

import pytest

from als_refs.styles.textcase import title_case_value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            "On the relation between 'visual research methods' and contemporary visual culture",
            "On the Relation between 'visual Research Methods' and Contemporary Visual Culture",
            id="unpaired-straight-quote-keeps-case",
        ),
        pytest.param(
            "Solid phase equilibria in the au-ga-as, au-ga-sb, au-in-as, and au-in-sb ternaries",
            "Solid Phase Equilibria in the Au-Ga-as, Au-Ga-Sb, Au-in-as, and Au-in-Sb Ternaries",
            id="stop-word-after-hyphen",
        ),
        pytest.param(
            "La psychologie de l’enfant", "La Psychologie de l’enfant", id="after-apostrophe"
        ),
        pytest.param(
            "Frithuswith (<i>d.</i> 727)", "Frithuswith (<i>d.</i> 727)", id="one-letter-word"
        ),
        pytest.param(
            "Technisches schreiben: (Nicht nur) für informatiker",
            "Technisches Schreiben: (Nicht Nur) Für Informatiker",
            id="after-colon-and-bracket",
        ),
        pytest.param(
            "Phase separation in single InxGa1-xN nanowires revealed through a hard x-ray "
            "synchrotron nanoprobe",
            "Phase Separation in Single InxGa1-xN Nanowires Revealed through a Hard x-Ray "
            "Synchrotron Nanoprobe",
            id="hyphenated-letter",
        ),
        pytest.param(
            'A <span class="nocase">pH</span> study of <sc>dna</sc> in the lab',
            'A <span class="nocase">pH</span> Study of <sc>dna</sc> in the Lab',
            id="constructed-protected-spans",
        ),
        pytest.param("what it is for", "What It Is For", id="constructed-last-stop-word"),
        pytest.param(
            "the vh region of vitamin vs1 in vi",
            "The vh Region of Vitamin vs1 in Vi",
            id="constructed-v-dot-pattern",
        ),
    ],
)
def test_title_case_value_as_citeproc_js(value: str, expected: str) -> None:
    assert title_case_value(value) == expected
