"""The data that ships with claimbench, addressable by name wherever it is installed.

The gold corpus (``claims/``: articles, gold annotations, schemas) and the evaluation
suites and fixtures (``eval/``) are top-level folders of the repository. A wheel carries
them as ``claimbench/_data/claims`` and ``claimbench/_data/eval`` (``force-include`` in
``pyproject.toml``); a source checkout or an editable install reads the repository's
own folders. :func:`data_path` prefers the packaged copy and falls back to the checkout,
so neither notebooks nor tests look for the repository root.

Names are relative paths below those folders (``"claims/gold"``, ``"eval/suites"``);
:func:`suite_path` and :func:`fixture_path` also take a bare name (``"smoke"``).
"""

from __future__ import annotations

import difflib
import os

from .errors import InputError

_PACKAGE = os.path.dirname(os.path.abspath(__file__))
_ROOTS = (os.path.join(_PACKAGE, "_data"),                    # an installed wheel
          os.path.dirname(os.path.dirname(_PACKAGE)))         # src/claimbench -> the checkout
TOPS = ("claims", "eval")


def data_path(name: str) -> str:
    """The path of bundled data ``name`` (``"claims/gold"``, ``"eval/fixtures/smoke.jsonl"``).

    >>> os.path.basename(data_path("eval/suites"))
    'suites'
    """
    top = name.replace("\\", "/").split("/", 1)[0]
    if top not in TOPS:
        raise InputError(f"bundled data lives under {' or '.join(TOPS)}/, got {name!r}")
    for root in _ROOTS:
        path = os.path.join(root, name)
        if os.path.exists(path):
            return path
    raise InputError(f"no bundled data {name!r} (looked in {', '.join(_ROOTS)})")


def _named(folder: str, name: str, suffix: str) -> str:
    if name.endswith(suffix) and os.path.exists(name):
        return name
    directory = data_path(folder)
    path = os.path.join(directory, name if name.endswith(suffix) else name + suffix)
    if os.path.exists(path):
        return path
    known = sorted(f.removesuffix(suffix) for f in os.listdir(directory) if f.endswith(suffix))
    close = difflib.get_close_matches(name, known, n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise InputError(f"unknown {folder.split('/')[-1][:-1]} {name!r}{hint}; known: {', '.join(known)}")


def suite_path(name: str) -> str:
    """A suite by name (``"smoke"`` -> ``eval/suites/smoke.toml``) or by path."""
    return _named("eval/suites", name, ".toml")


def fixture_path(name: str) -> str:
    """A fixture file by name (``"news_denials"`` -> ``eval/fixtures/news_denials.jsonl``) or by path."""
    return _named("eval/fixtures", name, ".jsonl")


def suites() -> list[str]:
    """The names of the bundled suites."""
    return sorted(f.removesuffix(".toml") for f in os.listdir(data_path("eval/suites")) if f.endswith(".toml"))
