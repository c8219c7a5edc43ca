"""Every labelled work in every style (Vancouver, AMA, APA, Harvard, Chicago, MLA, IEEE, Nature,
the seeds' web style): each field the style writes must be read back exactly."""

from __future__ import annotations

import pytest

from als_refs.models import Reference
from als_refs.parsing import parse_reference

from .labelled_records import labelled_strings

CASES = labelled_strings()


def _field(reference: Reference, key: str) -> str | None:
    if key == "family":
        first = reference.author[0] if reference.author else None
        return (first.family or first.literal) if first else None
    if key == "container":
        return reference.container_title
    if key == "year":
        return str(reference.year) if reference.year else None
    if key == "page":
        return reference.page or reference.number
    value = getattr(reference, key)
    return value if value is None else str(value)


@pytest.mark.parametrize(
    ("style", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_fields_read_back(style: str, text: str, expected: dict[str, str]) -> None:
    result = parse_reference(text)
    reference = result.reference
    assert reference is not None
    got = {key: _field(reference, key) for key in expected}
    assert got == expected
    for noise in ("Abstract", "Full Text", "Subscription"):
        dumped = reference.model_dump_json(exclude={"provenance"})
        assert noise not in dumped


def test_there_are_hundreds_of_cases_in_nine_styles() -> None:
    assert len(CASES) >= 300
    assert len({style for style, _, _ in CASES}) == 9
