"""The verify stage: candidate claim/denial pairs, the pair classifier, pair verdicts and
claim-vs-document checks.

It takes the claims stage's analyses (:func:`claimbench.claims.analyze_documents`) and an
NLI model (:mod:`claimbench.models`): :func:`find_pairs` ranks candidate claims for each
denial with the MiniLM sentence encoder (:class:`SentenceEncoder`, which lives here so the
claims stage never imports torch), :func:`verify_corpus` scores them in both directions and
labels them with the :class:`PairClassifier`, :func:`verify` checks one claim against a
document. Fitting the pair classifier on gold pairs is :func:`fit_on_gold`; the gold
matching it needs is the eval stage's (:mod:`claimbench.eval.extraction`).

Public names are imported lazily, so importing the package loads neither spaCy nor torch.

The package is also the notebook call ``claimbench.verify(claim, document)``: once the
stage is imported, Python binds ``claimbench.verify`` to this module, so the module
itself is callable (``_Stage.__call__`` below).
"""

from __future__ import annotations

import sys
import types
from typing import Any

from .._lazy import lazy_exports

_WHERE = {
    "find_pairs": "pairing", "SentenceEncoder": "pairing", "PAIR_FEATURES": "pairing",
    "PairClassifier": "pairclf", "fit_on_gold": "pairclf", "best_threshold": "pairclf",
    "PairVerdict": "corpus", "CorpusAnalysis": "corpus", "ClaimGraph": "corpus",
    "analyze_corpus": "corpus", "verify_corpus": "corpus", "judge_pairs": "corpus",
    "relabel": "corpus",
    "Verdict": "document", "Evidence": "document", "verify": "document", "verify_many": "document",
}
__all__ = sorted(_WHERE)


__getattr__, __dir__ = lazy_exports(__name__, _WHERE)



class _Stage(types.ModuleType):
    def __call__(self, claim: str, document: str, *, model: Any = None, evidence_k: int = 3,
                 analysis: Any = None):
        """``claimbench.verify(claim, document)``: check ``claim`` against the text of
        ``document``: label, probabilities, stance (supports / denies / reports / unrelated)
        and evidence sentences (``.to_frame()``). ``model``: a loaded model, a name, or None
        for the shipped one (loaded once per session); ``analysis``: the document's
        ``DocumentAnalysis`` when already made (``cb.analyze``)."""
        from ..models.loading import as_model
        from .document import verify

        return verify(claim, document, as_model(model), evidence_k=evidence_k, analysis=analysis)


sys.modules[__name__].__class__ = _Stage
