"""The docstring examples of the verify stage that need no model run as tests."""

import doctest
import importlib

import pytest


@pytest.mark.parametrize("name", ["pairclf"])
def test_docstring_examples(name):
    module = importlib.import_module(f"claimbench.verify.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted and result.failed == 0
