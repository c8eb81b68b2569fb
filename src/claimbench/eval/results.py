"""All metrics of one run, from its labeled pairs and predicted probabilities.

The result is a plain JSON-ready dict (NaN written as ``null``)::

    {"eval_split": "test",                      # test when present, else dev
     "splits": {"dev": {...}, "test": {...}},   # classification_report + "ci"
     "threshold": {"tuned_on": "dev", "value": 0.41, "dev": {...}, "test": {...}, "ci": {...}},
     "slices": {"category": {"explicit_denial": {...}}, "source": {...}, "perturbation": {...}},
     "headline": {"n": ..., "accuracy": ..., "macro_f1": ..., "f1_contradiction": ...,
                  "roc_auc": ..., "pr_auc": ..., "ece": ..., "threshold": ..., "f1_at_threshold": ...},
     "warnings": ["..."], "settings": {"seed": 0, "n_bootstrap": 1000, ...}}

Each ``ci`` maps a metric to its ``[low, high]`` bootstrap interval. Slices are
computed on the evaluation split; pairs without a value form the ``(none)`` slice;
``source`` values written ``kind:detail`` (``generated:nd-0001``) slice by ``kind``;
a field with a single value, or more than :data:`MAX_SLICE_VALUES`, is left out.
The contradiction threshold is tuned on dev and frozen for test.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..metrics import (
    ContradictionThreshold,
    ThresholdedF1,
    UndefinedMetricWarning,
    classification_report,
    label_codes,
)
from .bootstrap import bootstrap_ci
from .fixtures import SLICE_FIELDS, LabeledPair

logger = logging.getLogger(__name__)

HEADLINE = ("n", "accuracy", "balanced_accuracy", "macro_f1", "f1_contradiction", "roc_auc",
            "pr_auc", "ece", "threshold", "f1_at_threshold")
NONE_SLICE = "(none)"
MAX_SLICE_VALUES = 30     # more distinct values than this is an id, not a slice


def slice_value(pair: LabeledPair, field: str) -> str:
    """The slice a pair falls in for ``field``; ``kind:detail`` sources group by ``kind``.

    >>> slice_value(LabeledPair("a", "p", "h", "neutral", source="generated:nd-0001"), "source")
    'generated'
    """
    value = getattr(pair, field) or NONE_SLICE
    return value.split(":", 1)[0] if field == "source" else value


def jsonable(obj: Any) -> Any:
    """Numpy scalars to Python, NaN/inf to None, tuples to lists (recursively)."""
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, np.ndarray)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        return float(obj) if math.isfinite(obj) else None
    return obj


def canonical_json(obj: Any) -> str:
    """Deterministic JSON (sorted keys, no NaN) for hashing and storage."""
    return json.dumps(jsonable(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def sha256_json(obj: Any) -> str:
    return hashlib.sha256(canonical_json(obj).encode()).hexdigest()


def _report(y: np.ndarray, p: np.ndarray, *, n_bootstrap: int, seed: int,
            zero_division: float, n_bins: int) -> dict[str, Any]:
    out = classification_report(y, p, zero_division=zero_division, n_bins=n_bins)
    if n_bootstrap > 0 and len(y):
        out["ci"] = bootstrap_ci(y, p, n_resamples=n_bootstrap, seed=seed, n_bins=n_bins,
                                 zero_division=zero_division)
    return out


def _threshold(split_y: dict[str, np.ndarray], split_p: dict[str, np.ndarray], eval_split: str, *,
               n_bootstrap: int, seed: int, zero_division: float) -> dict[str, Any]:
    if "dev" not in split_y:
        return {"tuned_on": None, "reason": "no dev pairs to tune on"}
    dev = ContradictionThreshold().compute(references=split_y["dev"], probs=split_p["dev"])
    if not math.isfinite(dev["threshold"]):
        return {"tuned_on": None, "reason": "no gold contradictions in dev"}
    out: dict[str, Any] = {"tuned_on": "dev", "value": dev["threshold"], "dev": dev}
    if eval_split != "dev":
        y, p = split_y[eval_split], split_p[eval_split]
        out[eval_split] = ThresholdedF1(dev["threshold"], zero_division=zero_division).compute(
            references=y, probs=p)
        if n_bootstrap > 0:
            ci = bootstrap_ci(y, p, n_resamples=n_bootstrap, seed=seed, threshold=dev["threshold"],
                              metrics=["precision_at_threshold", "recall_at_threshold",
                                       "f1_at_threshold"], zero_division=zero_division)
            out["ci"] = {k.replace("_at_threshold", ""): v for k, v in ci.items()}
    return out


def _scoped(notes: list[str], scope: str, fn, *args, **kwargs):
    """Call ``fn``, turning the metric warnings it raises into notes prefixed with ``scope``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UndefinedMetricWarning)
        out = fn(*args, **kwargs)
    for w in caught:
        if issubclass(w.category, UndefinedMetricWarning):
            note = f"{scope}: {w.message}"
            if note not in notes:
                notes.append(note)
                logger.info("%s", note)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return out


def compute_results(pairs: Sequence[LabeledPair], probs: np.ndarray, *, seed: int = 0,
                    n_bootstrap: int = 1000, zero_division: float = 0.0, n_bins: int = 10
                    ) -> dict[str, Any]:
    """Metrics of one run: per split, tuned threshold, slices, headline (see module doc).

    >>> from claimbench.eval.fixtures import LabeledPair
    >>> pairs = [LabeledPair(str(i), "p", "h", l) for i, l in enumerate(["neutral", "contradiction"])]
    >>> r = compute_results(pairs, np.array([[.1, .8, .1], [.1, .2, .7]]), n_bootstrap=0)
    >>> r["eval_split"], r["headline"]["accuracy"]
    ('test', 1.0)
    """
    probs = np.asarray(probs, dtype=np.float64)
    if len(pairs) != len(probs):
        raise ValueError(f"{len(pairs)} pairs but {len(probs)} probability rows")
    y_all = label_codes([p.label for p in pairs], name="references")
    split_of = np.array([p.split for p in pairs])
    kw = dict(n_bootstrap=n_bootstrap, seed=seed, zero_division=zero_division, n_bins=n_bins)
    notes: list[str] = []
    split_y = {s: y_all[split_of == s] for s in ("dev", "test") if (split_of == s).any()}
    split_p = {s: probs[split_of == s] for s in split_y}
    eval_split = "test" if "test" in split_y else "dev"
    results: dict[str, Any] = {"eval_split": eval_split, "splits": {}, "slices": {}}
    for s in split_y:
        results["splits"][s] = _scoped(notes, s, _report, split_y[s], split_p[s], **kw)
    results["threshold"] = _scoped(notes, "threshold", _threshold, split_y, split_p, eval_split,
                                   n_bootstrap=n_bootstrap, seed=seed, zero_division=zero_division)
    in_eval = split_of == eval_split
    for fld in SLICE_FIELDS:
        values = np.array([slice_value(p, fld) for p in pairs], dtype=object)
        distinct = set(values[in_eval])
        if len(distinct) < 2:                   # one value: the slice is the whole split
            continue
        if len(distinct) > MAX_SLICE_VALUES:
            notes.append(f"{eval_split} {fld}: {len(distinct)} distinct values, not sliced")
            continue
        results["slices"][fld] = {
            v: _scoped(notes, f"{eval_split} {fld}={v}", _report, y_all[in_eval & (values == v)],
                       probs[in_eval & (values == v)], **kw)
            for v in sorted(set(values[in_eval]))}
    main = results["splits"][eval_split]
    thr = results["threshold"]
    results["headline"] = {k: main.get(k) for k in HEADLINE if k in main}
    results["headline"]["threshold"] = thr.get("value")
    results["headline"]["f1_at_threshold"] = thr.get(eval_split, {}).get("f1")
    results["warnings"] = notes
    results["settings"] = {"seed": seed, "n_bootstrap": n_bootstrap, "confidence": 0.95,
                           "n_bins": n_bins, "zero_division": zero_division}
    return jsonable(results)
