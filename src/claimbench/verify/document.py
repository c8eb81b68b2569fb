"""Check one claim against a whole document (``claimbench verify``, ``cb.verify``).

The document is analysed (claims, attributions, denials); the document in chunks is
scored against the claim with the NLI model, then the sentences of the decisive chunks
in both directions, and the denials' propositions against the claim. The verdict
carries the NLI label and probabilities (``label``, ``probs``: what the text says about
the claim), the ``evidence_k`` sentences that bear most on it, the document's denials
that match the claim, and a ``stance``: ``supports``, ``denies`` or ``reports`` (the
document relays or hedges the claim without taking a side) from the learned
:class:`~claimbench.verify.stance.StanceClassifier` (its probabilities in
``stance_probs``), or ``unrelated`` for a document with no sentence. Without a stance
classifier the stance is the plain NLI label's (entailment: supports, contradiction:
denies, neutral: reports), the baseline the classifier is measured against.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..claims.extract import DocumentAnalysis, analyze_documents
from ..claims.nlp import mask_html
from ..claims.types import Document
from ..models.labels import LABELS
from .corpus import _as_dict

logger = logging.getLogger(__name__)

THRESHOLD = 0.5          # a denial matches the claim when an entailment probability reaches this
# ... or when this share of the claim's content words is in the denied proposition.
DENIAL_WORD_MATCH = 0.5
STANCES = ("supports", "denies", "reports", "unrelated")
NLI_STANCE = {"entailment": "supports", "contradiction": "denies", "neutral": "reports"}
_DEFAULT = object()      # stance classifier argument: the one shipped with the default model

@dataclass
class Evidence:
    """A sentence of the document that bears on the claim."""

    text: str
    start: int
    end: int
    label: str
    probs: dict[str, float]
    attributed: bool = False
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "label": self.label,
                "probs": self.probs, "attributed": self.attributed, "source": self.source}


@dataclass
class Verdict:
    """A claim checked against a document."""

    claim: str
    label: str
    probs: dict[str, float]
    score: float
    stance: str
    evidence: list[Evidence] = field(default_factory=list)
    denials: list[dict[str, Any]] = field(default_factory=list)
    chunks: int = 0
    truncated: bool = False
    stance_probs: dict[str, float] = field(default_factory=dict)
    features: dict[str, float] = field(default_factory=dict)   # the stance classifier's inputs

    @property
    def nli_stance(self) -> str:
        """The plain NLI label read as a stance (the baseline the stance model must beat)."""
        return NLI_STANCE[self.label] if self.chunks else "unrelated"

    def to_frame(self):
        """The evidence sentences as a pandas DataFrame (``p_<label>`` probability columns)."""
        import pandas as pd

        rows = [{**{k: v for k, v in e.to_dict().items() if k != "probs"},
                 **{f"p_{k}": p for k, p in e.probs.items()}} for e in self.evidence]
        return pd.DataFrame(rows, columns=None if rows else ["text", "start", "end", "label"])

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "label": self.label, "probs": self.probs, "score": self.score,
                "stance": self.stance, "stance_probs": self.stance_probs,
                "evidence": [e.to_dict() for e in self.evidence],
                "denials": self.denials, "chunks": self.chunks, "truncated": self.truncated}


def pack_sentences(lengths: Sequence[int], budget: int) -> list[list[int]]:
    """Group consecutive sentence indices so each group's token count fits ``budget``.

    A sentence longer than the budget is a chunk of its own (the model truncates it).

    >>> pack_sentences([5, 5, 5, 20, 2], 12)
    [[0, 1], [2], [3], [4]]
    """
    chunks: list[list[int]] = []
    cur: list[int] = []
    total = 0
    for i, n in enumerate(lengths):
        if cur and total + n > budget:
            chunks.append(cur)
            cur, total = [], 0
        cur.append(i)
        total += n
    if cur:
        chunks.append(cur)
    return chunks


def verify(claim: str, document_text: str, model, *, analysis: DocumentAnalysis | None = None,
           evidence_k: int = 3, stance_model: Any = _DEFAULT) -> Verdict:
    """Check ``claim`` against ``document_text`` (see the module docstring).

    >>> v = verify("The ministry sold drones.", "The ministry denied it sold drones.", model)  # doctest: +SKIP
    >>> v.stance                                                                               # doctest: +SKIP
    'denies'
    """
    return verify_many([(claim, document_text)], model, analyses=[analysis] if analysis else None,
                       evidence_k=evidence_k, stance_model=stance_model)[0]


def verify_many(items: Sequence[tuple[str, str]], model, *, analyses: Sequence[DocumentAnalysis] | None = None,
                evidence_k: int = 3, show_progress_bar: bool = False,
                stance_model: Any = _DEFAULT) -> list[Verdict]:
    """Verify many ``(claim, document_text)`` items; spaCy and the model run in batches.

    ``stance_model``: a :class:`~claimbench.verify.stance.StanceClassifier`, None for the
    plain NLI stance, or by default the one shipped beside the default model when
    ``model`` is the default model (a classifier is fitted for one NLI model's readings).
    """
    if stance_model is _DEFAULT:
        stance_model = _default_stance(model)
    items = [(str(c), str(t)) for c, t in items]
    for i, (c, _) in enumerate(items):
        if not c.strip():
            from ..errors import InputError
            raise InputError(f"item {i}: the claim is empty")
    if analyses is None:
        analyses = analyze_documents([Document(f"doc{i}", t) for i, (_, t) in enumerate(items)])
    tok = model.tokenizer
    special = tok.num_special_tokens_to_add(pair=True)
    # The model reads the text with HTML tags and entities blanked (same offsets), so
    # markup and scripts between sentences never reach it.
    views = [mask_html(text) for _, text in items]
    # 1) chunks of whole sentences within the budget, all items in one predict call
    plans = []
    chunk_pairs: list[tuple[str, str]] = []
    for (claim, _), view, a in zip(items, views, analyses):
        sents = a.document.sentences
        # verbose=False: over-long sentences are expected here (counted, then truncated)
        claim_len = len(tok(claim, add_special_tokens=False, verbose=False)["input_ids"])
        budget = max(16, model.max_length - claim_len - special)
        lengths = [len(x) for x in tok([view[s.start:s.end] for s in sents],
                                       add_special_tokens=False, verbose=False)["input_ids"]] \
            if sents else []
        chunks = pack_sentences(lengths, budget)
        first = len(chunk_pairs)
        for ch in chunks:
            s0, s1 = sents[ch[0]], sents[ch[-1]]
            chunk_pairs.append((view[s0.start:s1.end], claim))
        plans.append((chunks, first, any(n > budget for n in lengths)))
    chunk_probs = model.predict(chunk_pairs, show_progress_bar=show_progress_bar).probs \
        if chunk_pairs else np.zeros((0, 3))
    # 2) sentences of the decisive chunks, and the denials, in a second call
    second: list[tuple[str, str]] = []
    jobs = []
    for (claim, _), view, a, (chunks, first, _) in zip(items, views, analyses, plans):
        probs = chunk_probs[first:first + len(chunks)]
        order = np.argsort(-np.maximum(probs[:, 0], probs[:, 2]), kind="stable")[:3] if len(chunks) else []
        sent_idx = sorted({i for k in order for i in chunks[k]})
        s_first = len(second)
        second.extend((view[s.start:s.end], claim) for s in (a.document.sentences[i] for i in sent_idx))
        # and the reverse reading (claim -> sentence): a denial often reads as contradiction
        # only from the claim's side ("X never did Y" vs a claim with more detail)
        second.extend((claim, view[s.start:s.end]) for s in (a.document.sentences[i] for i in sent_idx))
        d_first = len(second)
        for d in a.denials:
            second.append((claim, d.denied))
            second.append((d.denied, claim))
        jobs.append((sent_idx, s_first, d_first))
    second_probs = model.predict(second, show_progress_bar=show_progress_bar).probs \
        if second else np.zeros((0, 3))
    out = []
    for (claim, _text), a, (chunks, first, truncated), (sent_idx, s_first, d_first) in \
            zip(items, analyses, plans, jobs):
        probs = chunk_probs[first:first + len(chunks)]
        n = len(sent_idx)
        sprobs = second_probs[s_first:s_first + n]
        bprobs = second_probs[s_first + n:s_first + 2 * n]
        dprobs = second_probs[d_first:d_first + 2 * len(a.denials)]
        out.append(_verdict(claim, a, probs, sent_idx, sprobs, bprobs, dprobs, len(chunks), truncated,
                            evidence_k, stance_model))
    return out


def _default_stance(model):
    """The shipped stance classifier, for the shipped model only (None otherwise)."""
    from ..models.registry import DEFAULT_MODEL
    from .stance import StanceClassifier

    if getattr(model, "name", None) != DEFAULT_MODEL:
        return None
    return StanceClassifier.default()


def _verdict(claim, a: DocumentAnalysis, chunk_probs, sent_idx, sprobs, bprobs, dprobs, n_chunks, truncated,
             evidence_k, stance_model=None) -> Verdict:
    from .stance import feature_matrix, stance_features

    if not len(chunk_probs):
        return Verdict(claim, "neutral", {"entailment": 0.0, "neutral": 1.0, "contradiction": 0.0}, 0.0,
                       "unrelated", chunks=0)
    e_star, c_star = float(chunk_probs[:, 0].max()), float(chunk_probs[:, 2].max())
    raw = np.array([e_star, max(0.0, 1.0 - e_star - c_star), c_star])
    raw = raw / raw.sum()
    probs = _as_dict(raw)
    label = LABELS[int(raw.argmax())]
    evidence = []
    for i, row in zip(sent_idx, sprobs):
        s = a.document.sentences[i]
        att = _attribution_of(a, s.start, s.end)
        evidence.append(Evidence(s.text, s.start, s.end, LABELS[int(row.argmax())], _as_dict(row),
                                 attributed=att is not None,
                                 source=(att.source_name or (att.source.text if att.source else None))
                                 if att is not None else None))
    denials = []
    claim_words = _content_words(claim)
    for k, d in enumerate(a.denials):
        fw, bw = dprobs[2 * k], dprobs[2 * k + 1]
        match = max(fw[0], bw[0])
        shared = len(claim_words & _content_words(d.denied)) / max(1, len(claim_words))
        if match >= THRESHOLD or shared >= DENIAL_WORD_MATCH or "entailment" in (
                LABELS[int(fw.argmax())], LABELS[int(bw.argmax())]):
            denials.append({"id": d.id, "denier": d.denier, "denied": d.denied, "start": d.start,
                            "end": d.end, "match": float(match), "shared_words": round(shared, 4),
                            "strength": getattr(d, "strength", "denial")})
    feats = stance_features(claim, a.document.text, n_sentences=len(a.document.sentences),
                            n_attributions=len(a.attributions), chunk_probs=chunk_probs,
                            sentences=[(f, b, e.attributed) for f, b, e in zip(sprobs, bprobs, evidence)],
                            denial_probs=[(dprobs[2 * k], dprobs[2 * k + 1]) for k in range(len(a.denials))])
    if stance_model is not None:
        p = stance_model.predict_proba(feature_matrix([feats]))[0]
        stance_probs = {c: float(x) for c, x in zip(stance_model.classes, p)}
        stance = max(stance_probs, key=stance_probs.get)
    else:
        stance_probs = {}
        stance = NLI_STANCE[label]
    evidence.sort(key=lambda e: -max(e.probs["entailment"], e.probs["contradiction"]))
    evidence = [e for e in evidence if e.label != "neutral"][:evidence_k] or evidence[:1]
    return Verdict(claim, label, probs, e_star - c_star, stance, evidence, denials, n_chunks, truncated,
                   stance_probs, feats)


def _attribution_of(a: DocumentAnalysis, start: int, end: int):
    """The attribution whose content covers most of a sentence, if any."""
    best, cover = None, 0
    for att in a.attributions:
        c = att.content
        if c is None:
            continue
        ov = max(0, min(end, c.end) - max(start, c.start))
        if ov > cover:
            best, cover = att, ov
    return best if cover >= 0.5 * max(1, end - start) else None


def _content_words(text: str | None) -> set[str]:
    from .stance import content_words

    return content_words(text or "")
