"""Decide which candidate claim/denial pairs the denial contradicts.

A candidate pair (``verify.pairing``) comes with pairing features (similarity, word
overlap with the denied proposition and with the denial sentence, who said the claim,
where it stands in the article...) and, once scored, with the NLI reading in both
directions. :class:`PairClassifier` is a logistic regression over all of them, fitted
on gold pairs (``claims/gold``), with the decision threshold that maximised pair F1 on
the documents it was fitted on. The shipped one (``pairing.json`` beside the default
model) was fitted with the default model on the first nine gold articles in sorted
order; the other eight are held out (``claimbench eval-extraction`` reports both).

Why learned weights instead of a hand rule: the NLI reading alone misses most gold pairs
(a small model calls "X sold the drones and shipped them through Y" vs "X sold armed
drones to the rebels" neutral: extra detail on both sides), and "the denial's k best
candidates" over-predicts, since denials answer one to three claims. The features say
which of the two to trust, and how much.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..claims.types import Pair
from ..errors import InputError
from ..io import load_dataclass, save_dataclass
from ..models.labels import LABELS
from .pairing import PAIR_FEATURES

logger = logging.getLogger(__name__)

DIRECTIONS = ("forward", "backward")    # claim -> denied proposition, and the reverse
NLI_FEATURES = ("forward_entailment", "forward_contradiction",
                "backward_entailment", "backward_contradiction")
FEATURES = NLI_FEATURES + PAIR_FEATURES
FILENAME = "pairing.json"


def feature_matrix(pairs: Sequence[Pair], forward: np.ndarray, backward: np.ndarray) -> np.ndarray:
    """``(n, len(FEATURES))``: the NLI probabilities (LABELS order) then ``Pair.features``."""
    if not len(forward) == len(backward) == len(pairs):
        raise ValueError(f"{len(pairs)} pairs, {len(forward)} forward and {len(backward)} backward rows")
    e, c = LABELS.index("entailment"), LABELS.index("contradiction")
    nli = np.stack([forward[:, e], forward[:, c], backward[:, e], backward[:, c]], axis=1) \
        if len(pairs) else np.zeros((0, len(NLI_FEATURES)))
    rest = np.array([[p.features.get(name, 0.0) for name in PAIR_FEATURES] for p in pairs],
                    dtype=np.float64).reshape(len(pairs), len(PAIR_FEATURES))
    return np.concatenate([nli, rest], axis=1)


@dataclass
class PairClassifier:
    """Logistic regression over :data:`FEATURES`; a pair is a contradiction at ``threshold``.

    >>> clf = PairClassifier.fit(np.eye(len(FEATURES))[[0, 0, 1, 1]], np.array([1, 1, 0, 0]))
    >>> clf.predict(np.eye(len(FEATURES))[[0, 1]]).tolist()
    [True, False]
    """

    coef: list[float]
    intercept: float
    threshold: float = 0.5
    features: tuple[str, ...] = FEATURES
    fitted: dict[str, Any] = field(default_factory=dict)   # provenance: model, documents, scores

    def __post_init__(self):
        self.features = tuple(self.features)
        if self.features != FEATURES:
            raise ValueError(f"classifier features {list(self.features)} are not this version's "
                             f"{list(FEATURES)}: refit it (claimbench eval-extraction --fit-pairing)")
        if len(self.coef) != len(FEATURES):
            raise ValueError(f"{len(self.coef)} weights for {len(FEATURES)} features")

    @classmethod
    def fit(cls, X: np.ndarray, y: np.ndarray, *, n_positive: int | None = None, C: float = 1.0,
            **provenance: Any) -> "PairClassifier":
        """Fit on candidate features ``X`` and gold labels ``y``.

        ``n_positive`` counts every gold pair, also those no candidate reaches, so
        that the threshold maximises the F1 that is reported.
        """
        from sklearn.linear_model import LogisticRegression

        y = np.asarray(y, dtype=bool)
        lr = LogisticRegression(C=C, max_iter=5000).fit(X, y)
        proba = lr.predict_proba(X)[:, 1]
        threshold = best_threshold(proba, y, n_positive=n_positive)
        return cls([float(w) for w in lr.coef_[0]], float(lr.intercept_[0]), threshold,
                   fitted={"C": C, "candidates": int(len(y)), "positives": int(y.sum()), **provenance})

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Probability that each pair is a contradiction (the denial rejects the claim)."""
        z = np.asarray(X, dtype=np.float64) @ np.asarray(self.coef) + self.intercept
        return 1 / (1 + np.exp(-z))

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.predict_proba(X) >= self.threshold

    def can_reach(self, X: np.ndarray, *, unknown: Sequence[str] = DIRECTIONS) -> np.ndarray:
        """Whether each row can still reach the threshold, whatever the NLI readings of
        the ``unknown`` directions (``"forward"``, ``"backward"``) turn out to be.

        Their columns in ``X`` are ignored. A direction's entailment and contradiction
        probabilities are at least 0 and sum to at most 1, so the most they can add to
        the logit is ``max(0, w_entailment, w_contradiction)``. A row for which this
        returns False is ``neutral`` under :meth:`predict` for every possible reading:
        ``claimbench analyze`` skips scoring it (:func:`~claimbench.verify.corpus.nli_cascade`).

        >>> clf = PairClassifier.fit(np.eye(len(FEATURES))[[0, 0, 1, 1]], np.array([1, 1, 0, 0]))
        >>> clf.can_reach(np.zeros((1, len(FEATURES))), unknown=[]).tolist()   # nothing left to learn
        [False]
        >>> clf.can_reach(np.zeros((1, len(FEATURES))), unknown=["forward"]).tolist()
        [True]
        """
        coef = np.asarray(self.coef, dtype=np.float64).copy()
        slack = 0.0
        for direction in unknown:
            cols = [FEATURES.index(f"{direction}_{label}") for label in ("entailment", "contradiction")]
            slack += max(0.0, *coef[cols])
            coef[cols] = 0.0
        z = np.asarray(X, dtype=np.float64) @ coef + self.intercept + slack
        # The same sigmoid as predict_proba, and a hair of slack against rounding.
        return 1 / (1 + np.exp(-z)) >= self.threshold - 1e-9

    # ------------------------------------------------------------------ files
    def save(self, path: str) -> None:
        save_dataclass(self, path)

    @classmethod
    def load(cls, path: str) -> "PairClassifier":
        return load_dataclass(cls, path, what="pair classifier")

    @classmethod
    def default(cls) -> "PairClassifier":
        """The classifier shipped beside the default model."""
        from ..models.registry import default_model_dir

        return cls.load(os.path.join(default_model_dir(), FILENAME))

    def describe(self) -> str:
        """One line for analysis settings and manifests."""
        model = self.fitted.get("model", "?")
        return (f"logistic regression over {len(self.features)} features (NLI both directions + "
                f"pairing), threshold {self.threshold:.3f}, fitted with {model}")


def best_threshold(proba: np.ndarray, y: np.ndarray, *, n_positive: int | None = None) -> float:
    """The probability cut that maximises F1 (ties: the higher cut, fewer pairs).

    Every distinct probability is a candidate cut (``proba >= cut`` is predicted), so
    the cut chosen is always a value some pair has.

    >>> best_threshold(np.array([0.9, 0.8, 0.3, 0.2]), np.array([True, True, False, True]))
    0.2
    >>> best_threshold(np.array([0.9, 0.8, 0.3, 0.2]), np.array([True, True, False, False]))
    0.8
    """
    proba, y = np.asarray(proba, dtype=np.float64), np.asarray(y, dtype=bool)
    n_positive = int(y.sum()) if n_positive is None else n_positive
    if not len(proba) or not n_positive:
        return 0.5
    order = np.argsort(-proba, kind="stable")
    p, hits = proba[order], np.cumsum(y[order])
    last = np.r_[p[1:] != p[:-1], True]          # the last row of each run of equal values
    cuts, tp, predicted = p[last], hits[last], np.flatnonzero(last) + 1
    f1 = 2 * tp / (predicted + n_positive)
    best = np.flatnonzero(f1 == f1.max())[0]      # cuts run high to low: the first is the highest
    return float(cuts[best])


# --------------------------------------------------------------------------- fitting on gold
def verdict_features(verdicts: Sequence) -> np.ndarray:
    """:func:`feature_matrix` of scored ``PairVerdict`` records (their stored NLI readings)."""
    def rows(attr):
        return np.array([[getattr(v, attr)[lab] for lab in LABELS] for v in verdicts]).reshape(-1, len(LABELS))
    return feature_matrix([v.pair for v in verdicts], rows("forward"), rows("backward"))


def fit_on_gold(verdicts: Sequence, is_gold: np.ndarray, tune_ids: set[str], *, n_positive: int,
                C: float = 1.0, **provenance: Any) -> PairClassifier:
    """Fit a :class:`PairClassifier` on the candidates whose denial is in ``tune_ids``.

    ``is_gold`` says which candidates are gold contradiction pairs and ``n_positive`` how
    many gold pairs the tuning documents have, found or not
    (:func:`claimbench.eval.extraction.gold_targets` and ``count_gold_pairs``).
    """
    verdicts = list(verdicts)
    if not verdicts:
        raise InputError("no candidate pairs to fit the pair classifier on")
    X = verdict_features(verdicts)
    y = np.asarray(is_gold, dtype=bool)
    tune = np.array([v.pair.denial_doc in tune_ids for v in verdicts])
    if not y[tune].any() or y[tune].all():
        raise InputError("the tuning documents need both gold and non-gold candidate pairs")
    return PairClassifier.fit(X[tune], y[tune], n_positive=n_positive, C=C, documents=sorted(tune_ids),
                              **provenance)
