"""Report figures drawn with matplotlib, returned as PNG bytes.

Figures are built on ``matplotlib.figure.Figure`` directly (no pyplot state, no
display backend), so they render the same in a headless batch job.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..metrics import CONTRADICTION, LABELS, reliability

DPI = 110


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight")
    return buf.getvalue()


def _plain(text: Any) -> str:
    """Text from fixtures as literal matplotlib text (``$`` would start mathtext)."""
    return str(text).replace("$", r"\$")


def _figure(width: float = 5.0, height: float = 4.0):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    return fig, fig.add_subplot()


def confusion_matrix_png(cm: Sequence[Sequence[int]], *, title: str = "Confusion matrix") -> bytes:
    """Counts with gold labels as rows, predicted as columns."""
    m = np.asarray(cm, dtype=float)
    fig, ax = _figure(5, 4.2)
    im = ax.imshow(m, cmap="Blues")
    fig.colorbar(im, ax=ax, fraction=0.046)
    ax.set_xticks(range(3), LABELS, rotation=20)
    ax.set_yticks(range(3), LABELS)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(title)
    top = m.max() or 1
    for i in range(3):
        for j in range(3):
            ax.text(j, i, f"{int(m[i, j])}", ha="center", va="center",
                    color="white" if m[i, j] > top / 2 else "black")
    return _png(fig)


def pr_curve_png(references: np.ndarray, probs: np.ndarray, *, threshold: float | None = None) -> bytes:
    """Contradiction-vs-rest precision-recall curve, the tuned threshold marked."""
    from sklearn.metrics import average_precision_score, precision_recall_curve

    y = references == CONTRADICTION
    fig, ax = _figure()
    if y.any() and not y.all():
        score = probs[:, CONTRADICTION]
        precision, recall, thresholds = precision_recall_curve(y, score)
        ap = average_precision_score(y, score)
        ax.step(recall, precision, where="post", label=f"AP = {ap:.3f}")
        ax.axhline(y.mean(), color="grey", ls="--", lw=1, label=f"base rate {y.mean():.2f}")
        if threshold is not None:
            pred = score >= threshold
            tp = float((pred & y).sum())
            p_at = tp / pred.sum() if pred.any() else 0.0
            ax.plot([tp / y.sum()], [p_at], "o", color="crimson",
                    label=f"dev-tuned threshold {threshold:.2f}")
        ax.legend(loc="lower left")
    else:
        ax.text(0.5, 0.5, "undefined: needs contradiction and other pairs", ha="center")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    ax.set_title("Contradiction precision-recall")
    return _png(fig)


def reliability_png(references: np.ndarray, probs: np.ndarray, *, n_bins: int = 10) -> bytes:
    """Reliability diagram of the top label: accuracy per confidence bin vs the diagonal."""
    fig, ax = _figure()
    ax.plot([0, 1], [0, 1], color="grey", ls="--", lw=1, label="perfect calibration")
    if len(references):
        rel = reliability(references, probs, n_bins=n_bins)
        width = 1.0 / n_bins
        ax.bar(rel.confidence, rel.accuracy, width=width * 0.9, alpha=0.7, edgecolor="black",
               label="accuracy in bin")
        for x, y, n in zip(rel.confidence, rel.accuracy, rel.counts):
            ax.text(x, min(y + 0.02, 1.0), str(int(n)), ha="center", fontsize=7)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("confidence (top-label probability)")
    ax.set_ylabel("accuracy")
    ax.set_title("Reliability diagram")
    ax.legend(loc="upper left")
    return _png(fig)


def slice_bars_png(groups: Mapping[str, Mapping[str, Any]], *, field: str,
                   metrics: Sequence[str] = ("accuracy", "f1_contradiction")) -> bytes:
    """Horizontal bars per slice value, one colour per metric, with bootstrap intervals."""
    names = list(groups)
    fig, ax = _figure(6.5, max(2.2, 0.45 * len(names) * len(metrics) + 1))
    height = 0.8 / len(metrics)
    for k, metric in enumerate(metrics):
        vals = np.array([groups[g].get(metric) if groups[g].get(metric) is not None else np.nan
                         for g in names], dtype=float)
        lo = np.array([(groups[g].get("ci") or {}).get(metric, [np.nan, np.nan])[0] for g in names],
                      dtype=float)
        hi = np.array([(groups[g].get("ci") or {}).get(metric, [np.nan, np.nan])[1] for g in names],
                      dtype=float)
        pos = np.arange(len(names)) + k * height
        err = np.vstack([np.clip(vals - lo, 0, None), np.clip(hi - vals, 0, None)])
        ax.barh(pos, np.nan_to_num(vals), height=height, label=metric,
                xerr=np.nan_to_num(err), capsize=2)
        for y, v in zip(pos, vals):
            ax.text(0.01, y, "n/a" if np.isnan(v) else f"{v:.2f}", va="center", fontsize=7)
    ax.set_yticks(np.arange(len(names)) + 0.4 - height / 2,
                  [_plain(f"{g} (n={groups[g].get('n')})") for g in names])
    ax.invert_yaxis()
    ax.set_xlim(0, 1.05)
    ax.set_xlabel("score (95% bootstrap interval)")
    ax.set_title(_plain(f"By {field}"))
    ax.legend(loc="lower right", fontsize=8)
    return _png(fig)
