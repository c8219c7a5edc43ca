"""Trial registrations in the medical styles: registry and identifier printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from als_refs.clinicaltrials.mapping import read_study, study_to_reference
from als_refs.styles import format_bibliography

STUDY = Path(__file__).parents[1] / "data" / "clinicaltrials" / "constructed" / "NCT01849770.json"


@pytest.mark.parametrize("style", ["american-medical-association", "nlm-citation-sequence", "apa"])
def test_trials_print_with_registry_and_identifier(style: str) -> None:
    study = read_study(json.loads(STUDY.read_text(encoding="utf-8")))
    text = format_bibliography([study_to_reference(study, id="trial")], style)
    assert "ClinicalTrials.gov" in text
    assert "NCT01849770" in text
    assert "A Safety and Tolerability Study of Mexiletine" in text
