"""Trial registrations in the medical styles: registry and identifier printed, as citeproc-js
prints the same items (``tests/data/clinicaltrials/citeproc-js``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from als_refs.clinicaltrials.mapping import read_study, study_to_reference
from als_refs.formats import csljson
from als_refs.styles import format_bibliography

DATA = Path(__file__).parents[1] / "data" / "clinicaltrials"
STUDY = DATA / "constructed" / "NCT01849770.json"
STYLES = ["american-medical-association", "nlm-citation-sequence", "apa"]


@pytest.mark.parametrize("style", STYLES)
def test_trials_print_with_registry_and_identifier(style: str) -> None:
    study = read_study(json.loads(STUDY.read_text(encoding="utf-8")))
    text = format_bibliography([study_to_reference(study, id="trial")], style)
    assert "ClinicalTrials.gov" in text
    assert "NCT01849770" in text
    assert "A Safety and Tolerability Study of Mexiletine" in text


@pytest.mark.parametrize("style", STYLES)
def test_registrations_print_as_citeproc_js_prints_them(style: str) -> None:
    items = csljson.parse_string((DATA / "citeproc-js" / "items.json").read_text(encoding="utf-8"))
    expected = json.loads((DATA / "citeproc-js" / f"{style}.json").read_text(encoding="utf-8"))
    text = format_bibliography(list(items.references), style)
    assert text.strip().splitlines() == [e["entry"] for e in expected]
