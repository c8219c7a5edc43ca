# ruff: noqa: E501  (reference strings kept on one line, as written)
"""The parser's fast paths give what the plain paths give: the features the tagger reads as
bytes, records rendered one by one and joined, and ``als-refs parse`` over worker processes."""

from __future__ import annotations

import io
import json

import pytest

from als_refs.cli import parse_pool
from als_refs.cli.main import main
from als_refs.formats import csljson, jsonl
from als_refs.models import Name, Reference
from als_refs.parsing import features, parse_reference, train
from als_refs.parsing.features import encoded_features, sequence_features, tokenize

ODD = [
    "“Quoted (and [bracketed]) title,” J. Stud. 2(3):4–5 (1999); In: Proc. Conf.: Vol. 1. pp. 1-2.",
    "a " * 450,  # more tokens than MAX_TOKENS
    "x",
    "Æsop. Ægyptian fables. Παρίσι: Ελληνικά, 1888. ISBN 978-3-16-148410-0 doi:10.1000/xyz",
]
LINES = [
    "Handy CR, Krudy C, Boulis N, Federici T. (2011) Pain in amyotrophic lateral sclerosis: a neglected aspect of disease.  Neurology Research International 2011, 403808.",
    "",
    ":::: ((( garbage",
    "Rivera I, Smith J. Prevalence of things. Neurology. 2016 Apr 19;86(16):1474-81. doi:10.1212/WNL.0000000000002507",
    "Sykes, Stephen, Power and Christian Theology, London: Continuum, 2006.",
    "Handy CR, Krudy C, Boulis N, Federici T. (2011) Pain in amyotrophic lateral sclerosis: a neglected aspect of disease.  Neurology Research International 2011, 403808.",
    "Brent, J. R., Franz, C. K., Coleman, J. M., III, & Ajroud-Driss, S. (2020). ALS: Management problems. Neurologic Clinics, 38(3), 565–575.",
]  # fmt: skip


def test_encoded_features_are_the_features_as_utf8() -> None:
    sequences = [example.tokens for example in train.project_examples()]
    sequences += [[token for token, _, _ in tokenize(text)] for text in ODD]
    assert len(sequences) > 100
    for tokens in sequences:
        plain = sequence_features(tokens)
        assert encoded_features(tokens) == [[f.encode() for f in item] for item in plain]


def test_features_of_a_place_in_the_string() -> None:
    tokens = [
        token for token, _, _ in tokenize("Smith J. (2016) “A (new) study.” Neurology: In press.")
    ]
    feats = sequence_features(tokens)
    assert "first" in feats[0] and "pos=0" in feats[0] and "rel=0" in feats[0]
    assert "last" in feats[-1] and "aftercolon" in feats[-1] and "afteryear" in feats[-1]
    opening = tokens.index("(")
    assert "inparen" in feats[opening + 1] and "inparen" not in feats[opening]
    assert "+1:p=(" in feats[opening - 1] and "-2:p=(" in feats[opening + 2]
    assert not any(f.startswith(("-1:suf", "+1:pre")) for item in feats for f in item)


def test_ascii_shape_in_one_pass_is_the_patterns_shape() -> None:
    ascii_chars = [chr(code) for code in range(128)]
    tokens = (
        ascii_chars + [a + b for a in ascii_chars for b in "aZ9_.-x"] + ["Xx99-ABCd", "e1000097"]
    )
    for token in tokens:
        assert token.translate(features._ASCII_SHAPE) == features._letter_classes(token), repr(
            token
        )
    assert features._shape("AAAA-bbbb1234") == "XX-xxdd"
    assert features._shape("Ærø-Œuvre") == "Xxx-xx"  # Œ is past À-Þ: read as a small letter


def _references() -> list[Reference]:
    found = [parse_reference(text).reference for text in LINES]
    odd = Reference(id="odd", title='line\nbreak "quoted"\ttab', author=(Name(literal="Ω"),))
    return [r for r in found if r is not None] + [odd]


def test_records_rendered_apart_join_into_the_writers_text() -> None:
    references = _references()
    whole = json.dumps(
        [r.to_csl() for r in references], ensure_ascii=False, indent=2, sort_keys=True
    )
    assert csljson.write_string(references) == whole + "\n"
    assert csljson.join_items([]) == json.dumps([], indent=2) + "\n"
    lines = "".join(
        json.dumps(r.to_csl(), ensure_ascii=False, sort_keys=True) + "\n" for r in references
    )
    assert jsonl.write_string(references) == lines


def _run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(LINES * 3) + "\n"))
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("output_format", ["csl-json", "jsonl"])
def test_parse_over_workers_prints_what_one_process_prints(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    monkeypatch.setattr(parse_pool, "CHUNK", 4)  # several chunks, finishing in any order
    serial = _run(monkeypatch, capsys, ["parse", "-v", "-f", output_format, "--jobs", "1"])
    pooled = _run(monkeypatch, capsys, ["parse", "-v", "-f", output_format, "--jobs", "2"])
    assert pooled == serial
    code, out, err = pooled
    ids = [
        item["id"]
        for item in (
            json.loads(out) if output_format == "csl-json" else map(json.loads, out.splitlines())
        )
    ]
    assert len(ids) == len(LINES) * 3 == len(set(ids))
    assert ids[5].endswith("-2") and ids[7].endswith("-3")  # the repeated string, renamed in order
    assert code == 0 and "<stdin>:2: warning: empty-reference" in err


def test_who_gets_workers() -> None:
    assert parse_pool.workers_for(50_000, "bibtex", None) == 1  # written as a whole
    assert parse_pool.workers_for(10, "csl-json", None) == 1
    assert parse_pool.workers_for(10, "csl-json", 3) == 3
    assert parse_pool.workers_for(10, "csl-json", 0) == 1
    assert parse_pool.workers_for(50_000, "jsonl", None) == parse_pool.idle_cores() >= 1


def test_only_idle_cores_get_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1, 2, 3})
    monkeypatch.setattr("os.getloadavg", lambda: (0.2, 0.0, 0.0))
    assert parse_pool.workers_for(50_000, "csl-json", None) == 4
    monkeypatch.setattr("os.getloadavg", lambda: (2.6, 0.0, 0.0))
    assert parse_pool.workers_for(50_000, "csl-json", None) == 1
    monkeypatch.setattr("os.getloadavg", lambda: (9.0, 0.0, 0.0))
    assert parse_pool.workers_for(50_000, "csl-json", None) == 1
    assert parse_pool.workers_for(50_000, "csl-json", 2) == 2  # asked for: given
