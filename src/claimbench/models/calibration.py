"""Temperature scaling: one scalar that makes a model's probabilities mean what they say.

A fine-tuned cross-encoder is over-confident (expected calibration error 0.11-0.22 on
held-out NLI sets before this step). Dividing the logits by a temperature ``T`` fitted
by maximum likelihood on validation pairs (Guo et al., 2017) leaves every label as it
was (the arg-max does not move) and fixes most of that. The shipped model stores its
``T`` in ``artifact.json`` and :class:`~claimbench.models.nli.NLIModel` applies it by
default (``calibrated=False`` gives the raw softmax).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..io import atomic_writer
from .labels import LABELS

# The search interval for T: wide enough for any sane model, narrow enough to be safe.
TEMPERATURE_BOUNDS = (0.05, 20.0)


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Row-wise softmax of ``logits / temperature``, numerically stable."""
    z = np.asarray(logits, dtype=np.float64) / temperature
    if len(z) == 0:
        return z
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def nll(logits: np.ndarray, labels: np.ndarray, temperature: float = 1.0) -> float:
    """Mean negative log-likelihood of integer ``labels`` under ``softmax(logits / T)``."""
    p = softmax(logits, temperature)
    return float(-np.mean(np.log(np.clip(p[np.arange(len(labels)), labels], 1e-12, None))))


def fit_temperature(logits: np.ndarray, labels: Sequence[int]) -> float:
    """The ``T`` that minimises the NLL of ``labels`` (bounded scalar search on log T).

    >>> rng = np.random.default_rng(0)
    >>> y = rng.integers(0, 3, 2000)
    >>> logits = rng.normal(size=(2000, 3)); logits[np.arange(2000), y] += 1.0
    >>> round(fit_temperature(logits * 4, y) / fit_temperature(logits, y), 1)   # scale-equivariant
    4.0
    """
    from scipy.optimize import minimize_scalar

    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels, dtype=int)
    if len(labels) == 0:
        raise ValueError("fit_temperature needs at least one labelled pair")
    lo, hi = np.log(TEMPERATURE_BOUNDS)
    res = minimize_scalar(lambda t: nll(logits, labels, float(np.exp(t))), bounds=(lo, hi),
                          method="bounded", options={"xatol": 1e-4})
    return float(np.exp(res.x))


def calibrate_model(model_dir: str, refs: list[str], *, data_dir: str | None = None,
                    precision: str = "auto") -> dict[str, Any]:
    """Fit the temperature of the artifact in ``model_dir`` on 3-way sets ``refs`` and store it.

    Written to ``artifact.json`` under ``calibration``, with the NLL before and after.
    """
    from .artifact import ARTIFACT_FILE, is_artifact_dir
    from .nli import NLIModel
    from .training import load_labeled

    if not is_artifact_dir(model_dir):
        raise ValueError(f"{model_dir} is not a claimbench model directory (no {ARTIFACT_FILE})")
    model = NLIModel(model_dir, precision=precision, calibrated=False)
    all_logits, all_labels = [], []
    for ref in refs:
        triples = load_labeled(ref, data_dir=data_dir)
        logits, _ = model.predict_logits([(p, h) for p, h, _ in triples])
        cols = [model.scheme.index[name] for name in LABELS]
        all_logits.append(logits[:, cols])
        all_labels.append(np.array([LABELS.index(y) for _, _, y in triples]))
    logits, labels = np.concatenate(all_logits), np.concatenate(all_labels)
    t = fit_temperature(logits, labels)
    info = {"method": "temperature", "temperature": round(t, 4), "fitted_on": refs, "pairs": int(len(labels)),
            "nll_before": round(nll(logits, labels), 4), "nll_after": round(nll(logits, labels, t), 4),
            "precision": model.precision}
    path = os.path.join(model_dir, ARTIFACT_FILE)
    with open(path, encoding="utf-8") as fh:
        meta = json.load(fh)
    meta["calibration"] = info
    with atomic_writer(path) as fh:
        json.dump(meta, fh, indent=2)
        fh.write("\n")
    return info
