"""Seeded bootstrap confidence intervals and paired significance tests, vectorised.

A bootstrap resample is a vector of multiplicities ``w`` (how often each pair was
drawn). Every metric here is a function of weighted counts, so one matrix product
``W @ F`` (resamples x pairs times pairs x features) yields the counts of all
resamples at once: confusion cells, calibration bins, thresholded hits; ROC-AUC and
average precision come from weighted cumulative sums over the pairs sorted once by
score. With all weights 1 the formulas equal scikit-learn's (tested), so the
intervals belong to the same metrics that :mod:`.metrics` reports.

Resamples are drawn in fixed-size chunks from ``numpy.random.default_rng(seed)``:
the same seed gives the same intervals. 1,000 resamples of 20,000 pairs take about
a second.

>>> import numpy as np
>>> y = np.array([0, 1, 2, 2]); p = np.eye(3)[[0, 1, 2, 0]] * 0.8 + 0.2 / 3
>>> ci = bootstrap_ci(y, p, n_resamples=200, seed=0, metrics=["accuracy"])
>>> 0 <= ci["accuracy"][0] <= 0.75 <= ci["accuracy"][1] <= 1
True
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from ..defaults import N_BOOTSTRAP
from ..metrics import CONTRADICTION, LABELS, bin_ids, check_probs, label_codes

CHUNK = 100
BASE_METRICS = ("accuracy", "balanced_accuracy", "macro_f1",
                *[f"{k}_{c}" for c in LABELS for k in ("precision", "recall", "f1")],
                "roc_auc", "pr_auc", "ece")
THRESHOLD_METRICS = ("precision_at_threshold", "recall_at_threshold", "f1_at_threshold")


class WeightedStats:
    """Metric values for any matrix of pair weights, from features prepared once."""

    def __init__(self, references, probs, *, threshold: float | None = None, n_bins: int = 10,
                 zero_division: float = 0.0):
        y = label_codes(references, name="references")
        p = check_probs(probs)
        self.n, self.n_bins, self.zero_division = len(y), n_bins, zero_division
        pred = p.argmax(axis=1)
        conf = p.max(axis=1)
        correct = (pred == y).astype(np.float64)
        bins = np.eye(n_bins)[bin_ids(conf, n_bins)]
        cells = np.eye(9)[y * 3 + pred]
        cols = [cells, bins, bins * conf[:, None], bins * correct[:, None]]
        self.threshold = threshold
        if threshold is not None:
            gold_c, hit = y == CONTRADICTION, p[:, CONTRADICTION] >= threshold
            cols.append(np.stack([gold_c & hit, ~gold_c & hit, gold_c & ~hit], axis=1))
        self.features = np.concatenate(cols, axis=1).astype(np.float64)
        # Sorted by P(contradiction) ascending, tied scores grouped, for the AUCs.
        score = p[:, CONTRADICTION]
        self.order = np.argsort(score, kind="stable")
        sorted_score = score[self.order]
        self.starts = np.flatnonzero(np.r_[True, sorted_score[1:] != sorted_score[:-1]])
        self.positive = (y[self.order] == CONTRADICTION).astype(np.float64)

    def __call__(self, weights: np.ndarray) -> dict[str, np.ndarray]:
        """Metric arrays, one value per row of ``weights`` (shape ``(b, n)``)."""
        zd = self.zero_division
        counts = weights @ self.features
        cm = counts[:, :9].reshape(-1, 3, 3)
        total = cm.sum(axis=(1, 2))
        tp = np.diagonal(cm, axis1=1, axis2=2)
        gold, predicted = cm.sum(axis=2), cm.sum(axis=1)
        out: dict[str, np.ndarray] = {}
        with np.errstate(divide="ignore", invalid="ignore"):
            out["accuracy"] = np.where(total > 0, tp.sum(axis=1) / total, np.nan)
            recall_present = np.where(gold > 0, tp / gold, np.nan)
            out["balanced_accuracy"] = _nanmean(recall_present)
            precision = np.where(predicted > 0, tp / predicted, zd)
            recall = np.where(gold > 0, tp / gold, zd)
            denom = gold + predicted          # 2tp + fp + fn
            f1 = np.where(denom > 0, 2 * tp / denom, zd)
        out["macro_f1"] = _nanmean(f1) if np.isnan(zd) else f1.mean(axis=1)
        for i, label in enumerate(LABELS):
            out[f"precision_{label}"], out[f"recall_{label}"] = precision[:, i], recall[:, i]
            out[f"f1_{label}"] = f1[:, i]
        nb = self.n_bins
        bin_n = counts[:, 9:9 + nb]
        gap = np.abs(counts[:, 9 + 2 * nb:9 + 3 * nb] - counts[:, 9 + nb:9 + 2 * nb]).sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            out["ece"] = np.where(total > 0, gap / bin_n.sum(axis=1), np.nan)
        if self.threshold is not None:
            t_tp, t_fp, t_fn = (counts[:, 9 + 3 * nb + k] for k in range(3))
            with np.errstate(divide="ignore", invalid="ignore"):
                out["precision_at_threshold"] = np.where(t_tp + t_fp > 0, t_tp / (t_tp + t_fp), zd)
                out["recall_at_threshold"] = np.where(t_tp + t_fn > 0, t_tp / (t_tp + t_fn), zd)
                d = 2 * t_tp + t_fp + t_fn
                out["f1_at_threshold"] = np.where(d > 0, 2 * t_tp / d, zd)
        out["roc_auc"], out["pr_auc"] = self._aucs(weights)
        return out

    def _aucs(self, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        w = weights[:, self.order]
        pos = np.add.reduceat(w * self.positive, self.starts, axis=1)
        neg = np.add.reduceat(w * (1 - self.positive), self.starts, axis=1)
        n_pos, n_neg = pos.sum(axis=1), neg.sum(axis=1)
        below = np.cumsum(neg, axis=1) - neg                 # negatives strictly lower
        with np.errstate(divide="ignore", invalid="ignore"):
            roc = (pos * (below + 0.5 * neg)).sum(axis=1) / (n_pos * n_neg)
            # Average precision: thresholds from the highest score down.
            tps = np.cumsum(pos[:, ::-1], axis=1)
            fps = np.cumsum(neg[:, ::-1], axis=1)
            prec = np.where(tps + fps > 0, tps / (tps + fps), 0.0)
            d_recall = pos[:, ::-1] / n_pos[:, None]
            ap = (d_recall * prec).sum(axis=1)
        defined = (n_pos > 0) & (n_neg > 0)
        return np.where(defined, roc, np.nan), np.where(defined, ap, np.nan)


def _nanmean(a: np.ndarray) -> np.ndarray:
    present = ~np.isnan(a)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(present.any(axis=1), np.nansum(a, axis=1) / present.sum(axis=1), np.nan)


def resample_weights(n: int, n_resamples: int, seed: int) -> Iterator[np.ndarray]:
    """Chunks of bootstrap multiplicity rows, ``(<=CHUNK, n)``, reproducible from ``seed``."""
    rng = np.random.default_rng(seed)
    done = 0
    while done < n_resamples:
        b = min(CHUNK, n_resamples - done)
        idx = rng.integers(0, n, size=(b, n)) + (np.arange(b) * n)[:, None]
        yield np.bincount(idx.ravel(), minlength=b * n).reshape(b, n).astype(np.float64)
        done += b


def _distribution(stats: Sequence[WeightedStats], n_resamples: int, seed: int
                  ) -> list[dict[str, np.ndarray]]:
    parts: list[list[dict[str, np.ndarray]]] = [[] for _ in stats]
    for w in resample_weights(stats[0].n, n_resamples, seed):
        for k, s in enumerate(stats):
            parts[k].append(s(w))
    return [{m: np.concatenate([c[m] for c in chunks]) for m in chunks[0]} for chunks in parts]


def _interval(values: np.ndarray, confidence: float) -> tuple[float, float]:
    v = values[~np.isnan(values)]
    if len(v) == 0:
        return (float("nan"), float("nan"))
    alpha = (1 - confidence) / 2
    lo, hi = np.quantile(v, [alpha, 1 - alpha])
    return (float(lo), float(hi))


def bootstrap_ci(references, probs, *, n_resamples: int = N_BOOTSTRAP, seed: int = 0,
                 confidence: float = 0.95, threshold: float | None = None,
                 metrics: Sequence[str] | None = None, n_bins: int = 10,
                 zero_division: float = 0.0) -> dict[str, tuple[float, float]]:
    """Percentile bootstrap interval of each metric (resamples where it is undefined dropped).

    ``threshold`` adds the ``*_at_threshold`` contradiction-vs-rest metrics.
    """
    stats = WeightedStats(references, probs, threshold=threshold, n_bins=n_bins,
                          zero_division=zero_division)
    if stats.n == 0 or n_resamples < 1:
        return {}
    dist = _distribution([stats], n_resamples, seed)[0]
    names = metrics or list(dist)
    return {m: _interval(dist[m], confidence) for m in names}


@dataclass(frozen=True)
class PairedDelta:
    """``b - a`` for one metric: observed delta, its bootstrap interval and two-sided p-value."""

    metric: str
    a: float
    b: float
    delta: float
    ci: tuple[float, float]
    p_value: float


def paired_bootstrap(references, probs_a, probs_b, *, n_resamples: int = N_BOOTSTRAP, seed: int = 0,
                     confidence: float = 0.95, metrics: Sequence[str] | None = None,
                     threshold_a: float | None = None, threshold_b: float | None = None,
                     zero_division: float = 0.0) -> dict[str, PairedDelta]:
    """Compare two systems on the same pairs, resampling pairs jointly.

    The p-value is twice the smaller share of resampled deltas on either side of 0
    (add-one smoothed): how often the sign of the difference flips under resampling.
    """
    with_t = threshold_a is not None and threshold_b is not None
    sa = WeightedStats(references, probs_a, threshold=threshold_a if with_t else None,
                       zero_division=zero_division)
    sb = WeightedStats(references, probs_b, threshold=threshold_b if with_t else None,
                       zero_division=zero_division)
    if sa.n == 0:
        return {}
    ones = np.ones((1, sa.n))
    point_a, point_b = sa(ones), sb(ones)
    da, db = _distribution([sa, sb], n_resamples, seed)
    out = {}
    for m in metrics or list(point_a):
        d = db[m] - da[m]
        d = d[~np.isnan(d)]
        obs = float(point_b[m][0] - point_a[m][0])
        if len(d):
            p = min(1.0, 2 * min((np.sum(d <= 0) + 1) / (len(d) + 1), (np.sum(d >= 0) + 1) / (len(d) + 1)))
        else:
            p = float("nan")
        out[m] = PairedDelta(m, float(point_a[m][0]), float(point_b[m][0]), obs,
                             _interval(db[m] - da[m], confidence), float(p))
    return out


@dataclass(frozen=True)
class McNemar:
    """Exact McNemar test on the pairs exactly one system got right."""

    only_a: int          # a right, b wrong
    only_b: int          # b right, a wrong
    statistic: float     # chi-square with continuity correction, for reference
    p_value: float       # exact two-sided binomial p-value


def mcnemar(references, predictions_a, predictions_b) -> McNemar:
    """McNemar's test of two systems' accuracy on the same pairs.

    >>> mcnemar([0, 0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 1]).p_value
    0.125
    """
    from scipy.stats import binomtest

    y = label_codes(references, name="references")
    a = label_codes(predictions_a, name="predictions_a") == y
    b = label_codes(predictions_b, name="predictions_b") == y
    only_a, only_b = int(np.sum(a & ~b)), int(np.sum(~a & b))
    n = only_a + only_b
    if n == 0:
        return McNemar(0, 0, 0.0, 1.0)
    stat = (abs(only_a - only_b) - 1) ** 2 / n
    return McNemar(only_a, only_b, float(stat), float(binomtest(only_a, n, 0.5).pvalue))
