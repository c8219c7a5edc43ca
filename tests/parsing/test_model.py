"""The shipped labeller: it loads, labels, and was trained on exactly the inputs the training
script reads now (training is not rerun here: ``python -m als_refs.parsing.train`` does that)."""

from __future__ import annotations

import json

from als_refs.parsing import train
from als_refs.parsing.labeller import label_text, tagger

SHARED = train.REPO.parent / "shared"


def _manifest() -> dict[str, object]:
    data: dict[str, object] = json.loads(train.MANIFEST_FILE.read_text(encoding="utf-8"))
    return data


def test_model_loads_and_labels() -> None:
    labels = set(tagger().labels())
    assert {"author", "title", "container", "date", "volume", "pages"} <= labels
    labelled = label_text("Smith J. A study of things. Neurology. 2016;86(16):1474-81.")
    assert labelled.parsed.title and labelled.parsed.container
    assert all(0.0 <= c <= 1.0 for c in labelled.confidence.values())


def test_model_file_is_the_one_the_manifest_names() -> None:
    manifest = _manifest()
    assert manifest["model_sha256"] == train.sha256(train.MODEL_FILE)
    assert train.MODEL_FILE.stat().st_size < 8_000_000  # a few MB at most


def test_training_inputs_match_the_manifest() -> None:
    """Training sets (../shared/parsing), the project's labelled strings, the feature code."""
    manifest = _manifest()
    recorded = manifest["inputs"]
    assert isinstance(recorded, dict)
    # A model trained with synthetic strings also depends on their records, generator and styles.
    files = train.input_files(SHARED, synthetic=bool(manifest.get("synthetic")))
    assert set(recorded) == set(files)
    for name, path in files.items():
        assert recorded[name] == train.sha256(path), f"{name}: changed since the model was trained"
