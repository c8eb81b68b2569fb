"""The docstring examples of the model-layer modules that need no model run as tests."""

import doctest
import importlib

import pytest


@pytest.mark.parametrize("name", ["labels", "registry"])
def test_docstring_examples(name):
    module = importlib.import_module(f"claimbench.models.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted and result.failed == 0
