"""The examples in the identifiers' docstrings run and hold."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

from als_refs.identifiers import arxiv, doi, isbn, issn, nct, pubmed


@pytest.mark.parametrize("module", [arxiv, doi, isbn, issn, nct, pubmed], ids=lambda m: m.__name__)
def test_docstring_examples(module: ModuleType) -> None:
    result = doctest.testmod(module, verbose=False)
    assert result.attempted > 0
    assert result.failed == 0
