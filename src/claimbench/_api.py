"""The notebook API (``import claimbench as cb``): the main jobs, each in one call.

Thin wrappers over the stages' public functions, the same ones the command line calls:
``cb.analyze`` is ``claimbench analyze``, ``cb.verify`` (the verify stage, callable:
:mod:`claimbench.verify`) ``claimbench verify``, ``cb.score``
``claimbench score``, ``cb.run_suite`` ``claimbench eval`` on a bundled suite. Every result
has ``to_frame()``. A model argument takes a loaded model, a name, path or alias, or None
for the shipped default; models loaded by name are kept for the session
(:func:`claimbench.models.loading.load_model`), so a notebook pays for each load once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .defaults import CROSS_TOP_K, TOP_K
from .models.loading import as_model as _model
from .models.loading import load_model

__all__ = ["analyze", "load_model", "load_suite", "run_suite", "score"]


def _documents(texts: Any) -> list:
    from .claims.types import Document

    if isinstance(texts, str | Document):
        texts = [texts]
    if isinstance(texts, Mapping):
        return [Document(str(k), v) for k, v in texts.items()]
    return [t if isinstance(t, Document) else Document(f"doc{i}", t) for i, t in enumerate(texts)]


def analyze(texts: Any, *, model: Any = None, nli: bool = True, top_k: int = TOP_K,
            cross_top_k: int = CROSS_TOP_K, pairing: Any = None, workers: int = 1):
    """Claims, attributions, denials and claim/denial pairs of ``texts``, as ``claimbench
    analyze`` gives them.

    Parameters
    ----------
    texts : str, Document, list of either, or a mapping of id -> text
        List items without an id are named ``doc0``, ``doc1``...
    model : NLIModel or str, optional
        Scores the pairs (default: the shipped model).
    nli : bool, default True
        False: extract and pair only; pairs get no label (no model loads).
    top_k, cross_top_k, pairing, workers
        As ``claimbench analyze --top-k/--cross-top-k/--pairing/--workers``.

    Returns
    -------
    CorpusAnalysis
        ``.to_frame("pairs" | "claims" | "denials" | "attributions")``, ``.to_dict()``.
    """
    from .verify.corpus import analyze_corpus

    return analyze_corpus(_documents(texts), _model(model) if nli else None, workers=workers,
                          top_k=top_k, cross_top_k=cross_top_k, pairing=pairing)


def score(pairs: Sequence, *, model: Any = None, engine: str = "local", ray: Any = None,
          **model_options: Any):
    """NLI predictions of ``(premise, hypothesis)`` pairs (or dicts with those keys), in
    order: ``Predictions`` with ``.labels``, ``.probs`` and ``.to_frame()``. ``engine="ray"``
    scores on Ray actors, as ``claimbench score --engine ray``."""
    from .models.engine import score_pairs

    pairs = [(p["premise"], p["hypothesis"]) if isinstance(p, Mapping) else p for p in pairs]
    if engine == "local" and not model_options:
        model = _model(model)                  # loaded once per session
    return score_pairs(pairs, model=model, model_options=model_options or None, engine=engine, ray=ray)


def load_suite(name: str):
    """A suite, bundled by name (``"smoke"``; :func:`claimbench.suites`) or a ``.toml`` path."""
    from ._data import suite_path
    from .eval.suites import load_suite as _load_suite

    return _load_suite(suite_path(name))


def run_suite(name: Any, *, model: Any = None, store: str | None = None, **options: Any):
    """Run a suite, bundled (``"smoke"``, ``"news-denials"``; :func:`claimbench.suites`), a
    ``.toml`` path or a loaded ``Suite``, on one model (or a ``ModelSpec``); the run is recorded in ``store`` (default
    ``runs/claimbench.db``). Returns the ``RunResult`` (``.headline``, ``.to_frame()``);
    ``options`` as :func:`claimbench.eval.run_suite` takes them (``n_bootstrap``, ``seed``...)."""
    from .eval.runner import DEFAULT_STORE, ModelSpec
    from .eval.runner import run_suite as _run_suite

    suite = name if hasattr(name, "load_pairs") else load_suite(name)
    model = model if isinstance(model, ModelSpec) else _model(model)
    return _run_suite(suite, model, store=store or DEFAULT_STORE, **options)
