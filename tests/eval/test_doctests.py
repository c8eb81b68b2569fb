"""The docstring examples of the evaluation modules run as tests."""

import doctest
import importlib

import pytest

MODULES = ["fixtures", "suites", "metrics", "bootstrap", "results", "store", "manifest", "runner",
           "compare", "plots", "report"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"claimbench.eval.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
