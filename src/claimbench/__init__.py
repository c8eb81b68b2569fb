"""claimbench: a workbench for fact-claim verification.

Stages, each a subpackage, data flowing one way (a later stage imports earlier ones,
never the reverse; ``tests/test_stages.py`` checks it):

- ``claims``: text -> Document -> claims, attributions, denials (spaCy and rules);
- ``models``: NLI models (load, predict, train, engines);
- ``verify``: candidate claim/denial pairs (sentence encoder), the pair classifier, pair
  verdicts, a claim checked against a document;
- ``eval``: fixtures, suites, runs, store, reports, extraction scored against gold;
- ``cli``: the ``claimbench`` command, a thin layer over the functions below.

Stage-neutral modules: ``metrics`` (every metric, on scikit-learn), ``errors``, ``io``,
``defaults``. Heavy libraries (torch, transformers, spaCy) are imported lazily, inside
the functions that need them, so ``import claimbench`` and ``claimbench --help`` stay fast.

The main jobs in a notebook::

    import claimbench as cb
    result = cb.analyze(["Officials said the plant leaked. The plant denied that it leaked."])
    result.to_frame("pairs")                       # claim/denial pairs with their verdicts
    cb.verify("The plant leaked.", text).stance    # supports / denies / reports / unrelated
    cb.score([("premise", "hypothesis")]).to_frame()
    cb.run_suite("smoke").to_frame()               # a bundled suite, by name
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_WHERE = {
    # ``verify`` is the verify stage, a callable module (claimbench/verify/__init__.py)
    "analyze": "claimbench._api", "verify": "claimbench", "load_model": "claimbench.models.loading",
    "score": "claimbench._api", "run_suite": "claimbench._api",
    "evaluate_extraction": "claimbench.eval.extraction",
    "data_path": "claimbench._data", "suite_path": "claimbench._data",
    "fixture_path": "claimbench._data", "suites": "claimbench._data",
    "load_suite": "claimbench._api",
    # what notebooks look at next: documents, highlighting, the results store, metrics
    "Document": "claimbench.claims.types", "load_documents": "claimbench.claims.documents",
    "highlight_analysis": "claimbench.claims.display", "highlight_html": "claimbench.claims.display",
    "Mark": "claimbench.claims.display", "LABEL_COLOURS": "claimbench.claims.display",
    "ModelSpec": "claimbench.eval.runner", "Store": "claimbench.eval.store",
    "load_runs": "claimbench.eval.store", "load_metrics": "claimbench.eval.store",
    "load_predictions": "claimbench.eval.store", "compare_runs": "claimbench.eval.compare",
    "LABELS": "claimbench.metrics", "reliability": "claimbench.metrics",
    "ClaimbenchError": "claimbench.errors", "InputError": "claimbench.errors",
}
__all__ = ["__version__", *sorted(_WHERE)]


def __getattr__(name: str) -> Any:
    if name == "verify":
        return importlib.import_module("claimbench.verify")
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
