"""The stance of a document towards a claim, learned: ``supports``, ``denies`` or ``reports``.

A hand rule over NLI labels did worse on real headlines (accuracy 0.48) than the plain NLI
label (0.74): real documents hedge ("reportedly", "rumoured"), attribute, and deny in
words a small NLI model does not read as contradiction. :class:`StanceClassifier` is a
multinomial logistic regression (scikit-learn) over :data:`STANCE_FEATURES`: the NLI
reading of the document's chunks and of its best-matching sentences in both directions
(split by the article's own voice and attributed sentences), the denials the claims
stage finds and how well their propositions match the claim, and hedge, attribution,
denial-word, question and overlap cues. It is fitted on real stance data (Emergent and
FNC-1 train, the ``tune`` half of their stories) by ``claimbench eval-realnews
--fit-stance``; the shipped one is ``stance.json`` beside the default model.

Its probabilities are those of the regression (log-loss fitted); the reliability on the
``report`` half is in the model card. A document with no sentence is ``unrelated``.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..claims import lexicon
from ..errors import InputError
from ..io import load_dataclass, save_dataclass

STANCES = ("supports", "denies", "reports")
FILENAME = "stance.json"
# Words whose presence in a document says it only relays, hedges or questions a claim.
_HEDGE_RE = re.compile(r"\b(" + "|".join(sorted(
    lexicon.HEDGE_WORDS | {"rumou?red", "rumou?rs?", "claims?", "claimed", "alleged", "report(?:ed|s)?",
                           "unconfirmed", "unverified", "speculat\\w*", "may", "might", "could",
                           "according", "purported", "said", "says", "suggests?"})) + r")\b", re.I)
_DENY_RE = re.compile(r"\b(" + "|".join(sorted(
    (lexicon.DENY_VERBS | lexicon.FALSITY) - {"show", "theatre", "theater", "wrong", "unfair"}
    | {"denie[sd]", "denying", "debunk\\w*", "not true", "no truth", "untrue", "hoax\\w*",
       "fake[ds]?", "satir\\w*", "rebuff\\w*", "refut\\w*", "shoots? down", "shot down",
       "dismiss\\w*", "slam\\w*", "doubts?", "skeptic\\w*", "sceptic\\w*", "not", "n't", "no", "never"}))
    + r")\b", re.I)
_WORD = re.compile(r"[a-z0-9]+")
# Function words left out when claim and text are compared word by word.
_STOP = frozenset("the and for that with from this have has had was were are been not but its their "
                  "they his her she him who which what when will would could should about into than "
                  "then there also said says".split())

STANCE_FEATURES = (
    "chunk_entailment", "chunk_contradiction",
    "own_entailment", "own_contradiction", "attributed_entailment", "attributed_contradiction",
    "back_entailment", "back_contradiction",
    "denials", "denial_match", "denial_contradiction",
    "hedge_words", "deny_words", "question", "attributions", "overlap", "short_document",
    "short_x_deny_words", "short_x_hedge_words",
)


def content_words(text: str) -> set[str]:
    """Lower-cased words of three letters or more, function words left out."""
    return {w for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _STOP}


def stance_features(claim: str, text: str, *, n_sentences: int, n_attributions: int,
                    chunk_probs: np.ndarray, sentences: Sequence[tuple[np.ndarray, np.ndarray, bool]],
                    denial_probs: Sequence[tuple[np.ndarray, np.ndarray]]) -> dict[str, float]:
    """The :data:`STANCE_FEATURES` of one claim/document item.

    ``chunk_probs`` are the NLI readings (document chunk -> claim, LABELS order);
    ``sentences`` holds, for each best-matching sentence, its forward reading (sentence ->
    claim), its backward reading (claim -> sentence) and whether it is attributed;
    ``denial_probs`` the readings (claim -> denied proposition, and the reverse) of each
    denial the claims stage found.
    """
    e, c = 0, 2

    def best(rows, col, pick=lambda s: True):
        return max((float(f[col]) for f, b, att in rows if pick(att)), default=0.0)

    n_words = max(1, len(_WORD.findall(text.lower())))
    short = 1.0 if n_sentences <= 2 else 0.0
    hedge = min(1.0, 10 * len(_HEDGE_RE.findall(text)) / n_words)
    deny = min(1.0, 10 * len(_DENY_RE.findall(text)) / n_words)
    cw = content_words(claim)
    overlap = len(cw & content_words(text)) / max(1, len(cw))
    feats = {
        "chunk_entailment": float(chunk_probs[:, e].max()) if len(chunk_probs) else 0.0,
        "chunk_contradiction": float(chunk_probs[:, c].max()) if len(chunk_probs) else 0.0,
        "own_entailment": best(sentences, e, lambda att: not att),
        "own_contradiction": best(sentences, c, lambda att: not att),
        "attributed_entailment": best(sentences, e, lambda att: att),
        "attributed_contradiction": best(sentences, c, lambda att: att),
        "back_entailment": max((float(b[e]) for f, b, att in sentences), default=0.0),
        "back_contradiction": max((float(b[c]) for f, b, att in sentences), default=0.0),
        "denials": math.log1p(len(denial_probs)),
        "denial_match": max((max(float(fw[e]), float(bw[e])) for fw, bw in denial_probs), default=0.0),
        "denial_contradiction": max((max(float(fw[c]), float(bw[c])) for fw, bw in denial_probs),
                                    default=0.0),
        "hedge_words": hedge,
        "deny_words": deny,
        "question": 1.0 if "?" in text else 0.0,
        "attributions": min(1.0, n_attributions / max(1, n_sentences)),
        "overlap": overlap,
        "short_document": short,
        "short_x_deny_words": short * deny,
        "short_x_hedge_words": short * hedge,
    }
    return feats


def feature_matrix(rows: Sequence[dict[str, float]]) -> np.ndarray:
    """``(n, len(STANCE_FEATURES))`` from feature dicts."""
    return np.array([[r[name] for name in STANCE_FEATURES] for r in rows], dtype=np.float64
                    ).reshape(len(rows), len(STANCE_FEATURES))


@dataclass
class StanceClassifier:
    """Multinomial logistic regression over standardised :data:`STANCE_FEATURES`.

    >>> X = np.eye(len(STANCE_FEATURES))[[0, 0, 1, 1, 2, 2]]
    >>> clf = StanceClassifier.fit(X, ["supports", "supports", "denies", "denies", "reports", "reports"])
    >>> clf.predict(X[[0, 2, 4]])
    ['supports', 'denies', 'reports']
    """

    coef: list[list[float]]
    intercept: list[float]
    mean: list[float]
    scale: list[float]
    classes: tuple[str, ...] = STANCES
    features: tuple[str, ...] = STANCE_FEATURES
    fitted: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        self.features, self.classes = tuple(self.features), tuple(self.classes)
        if self.features != STANCE_FEATURES:
            raise ValueError("stance classifier features differ from this version's: refit it "
                             "(claimbench eval-realnews --fit-stance)")
        if np.asarray(self.coef).shape != (len(self.classes), len(self.features)):
            raise ValueError("stance classifier weights do not fit its classes and features")

    @classmethod
    def fit(cls, X: np.ndarray, y: Sequence[str], *, C: float = 1.0, balanced: bool = True,
            **provenance: Any) -> "StanceClassifier":
        """Fit on feature rows ``X`` and stance labels ``y`` (classes balanced by default:
        denials are rare in real data and the costliest to miss)."""
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler

        y = list(y)
        unknown = set(y) - set(STANCES)
        if unknown:
            raise InputError(f"unknown stance labels {sorted(unknown)}; expected {STANCES}")
        scaler = StandardScaler().fit(X)
        lr = LogisticRegression(C=C, max_iter=5000, class_weight="balanced" if balanced else None)
        lr.fit(scaler.transform(X), y)
        order = [list(lr.classes_).index(s) for s in STANCES if s in lr.classes_]
        classes = tuple(lr.classes_[i] for i in order)
        return cls([[float(w) for w in lr.coef_[i]] for i in order],
                   [float(lr.intercept_[i]) for i in order],
                   [float(m) for m in scaler.mean_], [float(s) for s in scaler.scale_], classes,
                   fitted={"C": C, "balanced": balanced, "items": len(y),
                           "per_class": {s: y.count(s) for s in STANCES}, **provenance})

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """``(n, len(classes))`` class probabilities."""
        Z = (np.asarray(X, dtype=np.float64) - np.asarray(self.mean)) / np.asarray(self.scale)
        logits = Z @ np.asarray(self.coef).T + np.asarray(self.intercept)
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    def predict(self, X: np.ndarray) -> list[str]:
        return [self.classes[i] for i in self.predict_proba(X).argmax(axis=1)]

    def save(self, path: str) -> None:
        save_dataclass(self, path)

    @classmethod
    def load(cls, path: str) -> "StanceClassifier":
        return load_dataclass(cls, path, what="stance classifier")

    @classmethod
    def default(cls) -> "StanceClassifier | None":
        """The classifier shipped beside the default model (None if it has none)."""
        from ..models.registry import default_model_dir

        path = os.path.join(default_model_dir(), FILENAME)
        return cls.load(path) if os.path.exists(path) else None
