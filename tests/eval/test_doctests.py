"""The docstring examples of the evaluation modules run as tests."""

import doctest
import importlib

import pytest

MODULES = ["fixtures", "suites", "extraction", "bootstrap", "results", "store", "manifest", "runner",
           "compare", "plots", "report"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"claimbench.eval.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


@pytest.mark.parametrize("name", ["claimbench.metrics", "claimbench._data", "claimbench.claims.names"])
def test_stage_neutral_docstring_examples(name):
    """The one metrics module (every stage scores with it), the data resolver, source names."""
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted and result.failed == 0
