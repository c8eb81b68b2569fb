"""Budgets of the property tests under the loaded Hypothesis profile (tests/conftest.py)."""

from hypothesis import settings

BASE = 25     # the "dev" profile's max_examples: a test's own budget is meant for it


def examples(n: int) -> int:
    """``n`` examples under the "dev" profile, proportionally more under "ci"."""
    return max(1, n * settings().max_examples // BASE)
