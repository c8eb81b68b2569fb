"""The metrics of every stage, on scikit-learn: one implementation of each.

Training (:func:`claimbench.models.training.evaluate_model` via :func:`benchmark_scores`),
extraction scoring (:mod:`claimbench.eval.extraction` via :func:`prf_counts` and
:func:`token_f1`) and evaluation runs (:mod:`claimbench.eval.results`) all score here.
The module is stage-neutral (numpy, scikit-learn, :mod:`claimbench.errors`), so any stage
may import it; ``claimbench.eval.metrics`` re-exports it.

Classification metrics for NLI predictions are small objects in the manner of HF ``evaluate``.

Each metric has a ``name``, the ``inputs`` it needs and ``compute(**inputs) -> dict``.
Inputs are named ``references`` (gold labels), ``predictions`` (predicted labels)
and ``probs`` (an ``(n, 3)`` array in :data:`LABELS` order); labels may be names
or column indices. ``compute`` validates and converts, then ``_compute`` does the
work with scikit-learn.

A value that is legal to ask for but undefined on the data (the contradiction
recall of a slice with no gold contradictions, ROC-AUC with one class) emits
:class:`UndefinedMetricWarning` and takes the ``zero_division`` (precision, recall,
F1) or ``undefined`` (AUC, calibration) fallback instead of raising.

Add a metric by subclassing :class:`Metric` and listing it in :data:`METRICS`.

>>> m = load_metric("accuracy")
>>> m.compute(references=["neutral", "contradiction"], predictions=["neutral", "neutral"])
{'accuracy': 0.5}
"""

from __future__ import annotations

import difflib
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from sklearn.exceptions import UndefinedMetricWarning as _SkUndefined

from .errors import InputError

LABELS = ("entailment", "neutral", "contradiction")
CONTRADICTION = 2


class UndefinedMetricWarning(_SkUndefined):
    """A metric is ill-defined on this data; its fallback value was used."""


def label_codes(values: Sequence[Any] | np.ndarray, *, name: str = "labels") -> np.ndarray:
    """Label names or indices as an int array of column indices into :data:`LABELS`.

    >>> label_codes(["contradiction", "entailment", 1]).tolist()
    [2, 0, 1]
    """
    arr = np.asarray(values, dtype=object) if not isinstance(values, np.ndarray) else values
    if arr.dtype.kind in "iu":
        out = arr.astype(np.int64)
    else:
        index = {label: i for i, label in enumerate(LABELS)}
        try:
            out = np.array([v if isinstance(v, (int, np.integer)) else index[v] for v in arr],
                           dtype=np.int64)
        except KeyError as exc:
            raise InputError(f"{name}: unknown label {exc.args[0]!r}, expected one of "
                             f"{', '.join(LABELS)}") from None
    if out.size and (out.min() < 0 or out.max() > 2):
        raise InputError(f"{name}: label indices must be 0, 1 or 2")
    return out.reshape(-1)


def check_probs(probs: Any) -> np.ndarray:
    """An ``(n, 3)`` float array of rows summing to 1 (2-way models: contradiction column 0)."""
    p = np.asarray(probs, dtype=np.float64)
    if p.ndim != 2 or p.shape[1] != 3:
        raise InputError(f"probs must have shape (n, 3), got {p.shape}")
    if p.size and (not np.isfinite(p).all() or np.abs(p.sum(axis=1) - 1).max() > 1e-3):
        raise InputError("probs rows must be finite and sum to 1")
    return p


def _warn(message: str) -> None:
    warnings.warn(message, UndefinedMetricWarning, stacklevel=4)


def bin_ids(confidence: np.ndarray, n_bins: int) -> np.ndarray:
    """Uniform bin of each confidence, exactly as ``sklearn.calibration.calibration_curve``."""
    return np.searchsorted(np.linspace(0.0, 1.0, n_bins + 1)[1:-1], confidence)


class Metric:
    """Base class: validates ``inputs`` and hands them to ``_compute``."""

    name: ClassVar[str]
    inputs: ClassVar[tuple[str, ...]]
    description: ClassVar[str] = ""

    def compute(self, **inputs: Any) -> dict[str, Any]:
        missing = [k for k in self.inputs if k not in inputs]
        extra = [k for k in inputs if k not in self.inputs]
        if missing or extra:
            raise TypeError(f"{self.name}.compute() takes {', '.join(self.inputs)}; "
                            f"missing {missing}, unexpected {extra}")
        arrays: dict[str, np.ndarray] = {}
        for key, value in inputs.items():
            arrays[key] = check_probs(value) if key == "probs" else label_codes(value, name=key)
        sizes = {k: len(v) for k, v in arrays.items()}
        if len(set(sizes.values())) > 1:
            raise InputError(f"{self.name}: inputs differ in length {sizes}")
        return self._compute(**arrays)

    def _compute(self, **arrays: np.ndarray) -> dict[str, Any]:
        raise NotImplementedError

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({opts})"


def _quiet(fn, *args, **kwargs):
    """Call a scikit-learn function with its own warnings silenced (ours are raised instead)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


class Accuracy(Metric):
    """Fraction of pairs whose predicted label is the gold label."""

    name, inputs = "accuracy", ("references", "predictions")

    def _compute(self, references, predictions):
        from sklearn.metrics import accuracy_score

        if len(references) == 0:
            _warn("accuracy of zero pairs")
            return {"accuracy": float("nan")}
        return {"accuracy": float(accuracy_score(references, predictions))}


class BalancedAccuracy(Metric):
    """Mean recall over the gold classes present."""

    name, inputs = "balanced_accuracy", ("references", "predictions")

    def _compute(self, references, predictions):
        from sklearn.metrics import balanced_accuracy_score

        if len(references) == 0:
            _warn("balanced accuracy of zero pairs")
            return {"balanced_accuracy": float("nan")}
        return {"balanced_accuracy": float(_quiet(balanced_accuracy_score, references, predictions))}


class _PRF(Metric):
    inputs = ("references", "predictions")

    def __init__(self, *, zero_division: float = 0.0):
        if not (zero_division in (0.0, 1.0) or np.isnan(zero_division)):
            raise ValueError(f"zero_division must be 0.0, 1.0 or nan, got {zero_division!r}")
        self.zero_division = zero_division

    def _undefined(self, references, predictions) -> None:
        gold = np.bincount(references, minlength=3)
        pred = np.bincount(predictions, minlength=3)
        empty = [LABELS[i] for i in range(3) if gold[i] == 0 or pred[i] == 0]
        if empty:
            _warn(f"precision/recall ill-defined for {empty} (no gold or no predicted pairs); "
                  f"using zero_division={self.zero_division}")

    def _prfs(self, references, predictions):
        from sklearn.metrics import precision_recall_fscore_support

        self._undefined(references, predictions)
        return _quiet(precision_recall_fscore_support, references, predictions, labels=[0, 1, 2],
                      zero_division=self.zero_division)


class MacroF1(_PRF):
    """Unweighted mean of the three classes' F1."""

    name = "macro_f1"

    def _compute(self, references, predictions):
        from sklearn.metrics import f1_score

        self._undefined(references, predictions)
        return {"macro_f1": float(_quiet(f1_score, references, predictions, labels=[0, 1, 2],
                                         average="macro", zero_division=self.zero_division))}


class PerClass(_PRF):
    """Precision, recall, F1 and support of each class (``f1_contradiction``, ...)."""

    name = "per_class"

    def _compute(self, references, predictions):
        p, r, f, s = self._prfs(references, predictions)
        out: dict[str, Any] = {}
        for i, label in enumerate(LABELS):
            out[f"precision_{label}"] = float(p[i])
            out[f"recall_{label}"] = float(r[i])
            out[f"f1_{label}"] = float(f[i])
            out[f"support_{label}"] = int(s[i])
        return out


class ConfusionMatrix(Metric):
    """Counts, rows gold and columns predicted, in :data:`LABELS` order."""

    name, inputs = "confusion_matrix", ("references", "predictions")

    def _compute(self, references, predictions):
        from sklearn.metrics import confusion_matrix

        cm = confusion_matrix(references, predictions, labels=[0, 1, 2])
        return {"confusion_matrix": cm.tolist(), "labels": list(LABELS)}


class ContradictionAUC(Metric):
    """Contradiction vs rest: ROC-AUC and PR-AUC (average precision) of P(contradiction)."""

    name, inputs = "contradiction_auc", ("references", "probs")

    def __init__(self, *, undefined: float = float("nan")):
        self.undefined = undefined

    def _compute(self, references, probs):
        from sklearn.metrics import average_precision_score, roc_auc_score

        y = references == CONTRADICTION
        if y.all() or not y.any():
            _warn("contradiction ROC-AUC/PR-AUC need both contradiction and other pairs; "
                  f"using {self.undefined}")
            return {"roc_auc": self.undefined, "pr_auc": self.undefined}
        score = probs[:, CONTRADICTION]
        return {"roc_auc": float(roc_auc_score(y, score)),
                "pr_auc": float(average_precision_score(y, score))}


@dataclass(frozen=True)
class Reliability:
    """Per-bin counts, accuracy and mean confidence of the top label (non-empty bins)."""

    edges: np.ndarray
    counts: np.ndarray
    accuracy: np.ndarray
    confidence: np.ndarray


def reliability(references: np.ndarray, probs: np.ndarray, *, n_bins: int = 10) -> Reliability:
    """Bin the top-label confidence uniformly (``calibration_curve``) and measure each bin."""
    from sklearn.calibration import calibration_curve

    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == references).astype(int)
    counts = np.bincount(bin_ids(conf, n_bins), minlength=n_bins)
    if correct.all() or not correct.any():
        # calibration_curve wants both outcomes; the per-bin means are still plain means.
        ids = bin_ids(conf, n_bins)
        acc = np.bincount(ids, weights=correct, minlength=n_bins)[counts > 0] / counts[counts > 0]
        mean_conf = np.bincount(ids, weights=conf, minlength=n_bins)[counts > 0] / counts[counts > 0]
    else:
        acc, mean_conf = calibration_curve(correct, conf, n_bins=n_bins, strategy="uniform")
    return Reliability(np.linspace(0, 1, n_bins + 1), counts[counts > 0], acc, mean_conf)


class ExpectedCalibrationError(Metric):
    """Top-label ECE: sum over confidence bins of (bin share) x |accuracy - confidence|.

    scikit-learn has no ECE; the bins are those of ``calibration_curve`` (uniform).
    """

    name, inputs = "ece", ("references", "probs")

    def __init__(self, *, n_bins: int = 10, undefined: float = float("nan")):
        if n_bins < 1:
            raise ValueError(f"n_bins must be >= 1, got {n_bins}")
        self.n_bins, self.undefined = n_bins, undefined

    def _compute(self, references, probs):
        if len(references) == 0:
            _warn("ECE of zero pairs")
            return {"ece": self.undefined}
        rel = reliability(references, probs, n_bins=self.n_bins)
        gap = np.abs(rel.accuracy - rel.confidence)
        return {"ece": float((rel.counts * gap).sum() / rel.counts.sum())}


class ContradictionThreshold(Metric):
    """Tune the P(contradiction) threshold that maximises contradiction-vs-rest F1.

    Fit it on dev with this metric, then freeze it with :class:`ThresholdedF1` on test.
    """

    name, inputs = "contradiction_threshold", ("references", "probs")

    def _compute(self, references, probs):
        from sklearn.metrics import precision_recall_curve

        y = references == CONTRADICTION
        if not y.any():
            _warn("cannot tune a contradiction threshold without gold contradictions")
            nan = float("nan")
            return {"threshold": nan, "f1": nan, "precision": nan, "recall": nan}
        precision, recall, thresholds = precision_recall_curve(y, probs[:, CONTRADICTION])
        p, r = precision[:-1], recall[:-1]
        with np.errstate(divide="ignore", invalid="ignore"):
            f1 = np.where(p + r > 0, 2 * p * r / (p + r), 0.0)
        best = int(np.argmax(f1))
        return {"threshold": float(thresholds[best]), "f1": float(f1[best]),
                "precision": float(p[best]), "recall": float(r[best])}


class ThresholdedF1(_PRF):
    """Contradiction-vs-rest precision, recall, F1 when P(contradiction) >= a fixed threshold."""

    name, inputs = "thresholded_f1", ("references", "probs")

    def __init__(self, threshold: float, *, zero_division: float = 0.0):
        super().__init__(zero_division=zero_division)
        self.threshold = threshold

    def _compute(self, references, probs):
        from sklearn.metrics import precision_recall_fscore_support

        y = references == CONTRADICTION
        pred = probs[:, CONTRADICTION] >= self.threshold
        if not y.any() or not pred.any():
            _warn("thresholded contradiction P/R ill-defined (no gold or no predicted "
                  f"contradictions); using zero_division={self.zero_division}")
        p, r, f, _ = _quiet(precision_recall_fscore_support, y, pred, average="binary",
                            zero_division=self.zero_division)
        return {"precision": float(p), "recall": float(r), "f1": float(f)}


METRICS: dict[str, type[Metric]] = {m.name: m for m in (
    Accuracy, BalancedAccuracy, MacroF1, PerClass, ConfusionMatrix, ContradictionAUC,
    ExpectedCalibrationError, ContradictionThreshold, ThresholdedF1)}


# --------------------------------------------------------------------------- from counts, texts
def prf_counts(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from counts: ``tp`` matches of ``n_pred`` predicted and
    ``n_gold`` gold items (span matching, where there are no label arrays).

    Nothing predicted and nothing to find scores 1.0; one side empty scores 0.0.

    >>> prf_counts(3, 4, 6)["f1"]
    0.6
    """
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "predicted": n_pred, "gold": n_gold}


def _tokens(s: str) -> list[str]:
    return re.findall(r"\w+", (s or "").lower())


def token_f1(a: str, b: str) -> float:
    """Token-overlap F1 of two texts (lower-cased words, each matched once).

    >>> token_f1("the drones were sold", "drones sold")
    0.6666666666666666
    """
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    common = 0
    rest = list(tb)
    for t in ta:
        if t in rest:
            rest.remove(t)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def load_metric(name: str, **options: Any) -> Metric:
    """A metric by name; unknown names get close-match suggestions.

    >>> load_metric("macro_f1", zero_division=0.0).name
    'macro_f1'
    """
    if name not in METRICS:
        close = difflib.get_close_matches(name, METRICS, n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise InputError(f"unknown metric {name!r}{hint}; known: {', '.join(METRICS)}")
    return METRICS[name](**options)


def classification_report(references: Any, probs: Any, *, zero_division: float = 0.0,
                          n_bins: int = 10) -> dict[str, Any]:
    """Every argmax metric above on one set of pairs, as one flat dict.

    >>> r = classification_report(["contradiction", "neutral", "entailment"],
    ...                           [[0.1, 0.2, 0.7], [0.2, 0.5, 0.3], [0.6, 0.3, 0.1]])
    >>> r["accuracy"], r["f1_contradiction"], r["roc_auc"]
    (1.0, 1.0, 1.0)
    """
    refs, p = label_codes(references, name="references"), check_probs(probs)
    preds = p.argmax(axis=1)
    out: dict[str, Any] = {"n": int(len(refs))}
    for metric in (Accuracy(), BalancedAccuracy(), MacroF1(zero_division=zero_division),
                   PerClass(zero_division=zero_division), ConfusionMatrix()):
        out.update(metric.compute(references=refs, predictions=preds))
    out.update(ContradictionAUC().compute(references=refs, probs=p))
    out.update(ExpectedCalibrationError(n_bins=n_bins).compute(references=refs, probs=p))
    out.pop("labels")
    return out


# Bins of the expected calibration error the model card reports (the "15 bins").
ECE_BINS = 15


def benchmark_scores(references: Sequence[str], predictions: Sequence[str], probs: Any = None
                     ) -> dict[str, float]:
    """Accuracy and macro-F1 of label names, as :func:`~claimbench.models.training.evaluate_model`
    reports them; 3-way references also get contradiction F1, and with ``probs`` (LABELS
    order) the expected calibration error over :data:`ECE_BINS` bins. 2-way references
    (``entailment`` / ``not_entailment``) are scored as entailment vs rest.

    >>> benchmark_scores(["entailment", "not_entailment"], ["entailment", "contradiction"])
    {'accuracy': 1.0, 'macro_f1': 1.0}
    """
    from sklearn.metrics import accuracy_score, f1_score

    if "not_entailment" in set(references):
        y = ["entailment" if g == "entailment" else "not_entailment" for g in references]
        p = ["entailment" if x == "entailment" else "not_entailment" for x in predictions]
        return {"accuracy": accuracy_score(y, p), "macro_f1": f1_score(y, p, average="macro")}
    out = {"accuracy": accuracy_score(references, predictions),
           "macro_f1": f1_score(references, predictions, average="macro", labels=list(LABELS),
                                zero_division=0),
           "contradiction_f1": f1_score(references, predictions, labels=["contradiction"],
                                        average="macro", zero_division=0)}
    if probs is not None:
        out.update(ExpectedCalibrationError(n_bins=ECE_BINS).compute(references=list(references), probs=probs))
    return out
