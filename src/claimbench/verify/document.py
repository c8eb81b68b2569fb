"""Check one claim against a whole document (``claimbench verify``, ``cb.verify``).

The document is analysed (claims, attributions, denials); each of its sentences, and
the document in chunks, is scored against the claim with the NLI model in both
directions. The verdict carries the label and probabilities, the ``evidence_k``
sentences that bear most on the claim, and a ``stance``: ``supports``, ``denies`` (a
denial in the document rejects what the claim says), ``reports`` (the document only
attributes it to someone) or ``unrelated``.
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
STANCES = ("supports", "denies", "reports", "unrelated")

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

    def to_frame(self):
        """The evidence sentences as a pandas DataFrame (``p_<label>`` probability columns)."""
        import pandas as pd

        rows = [{**{k: v for k, v in e.to_dict().items() if k != "probs"},
                 **{f"p_{k}": p for k, p in e.probs.items()}} for e in self.evidence]
        return pd.DataFrame(rows, columns=None if rows else ["text", "start", "end", "label"])

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "label": self.label, "probs": self.probs, "score": self.score,
                "stance": self.stance, "evidence": [e.to_dict() for e in self.evidence],
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
           evidence_k: int = 3) -> Verdict:
    """Check ``claim`` against ``document_text`` (see the module docstring).

    >>> v = verify("The ministry sold drones.", "The ministry denied it sold drones.", model)  # doctest: +SKIP
    >>> v.stance                                                                               # doctest: +SKIP
    'denies'
    """
    return verify_many([(claim, document_text)], model, analyses=[analysis] if analysis else None,
                       evidence_k=evidence_k)[0]


def verify_many(items: Sequence[tuple[str, str]], model, *, analyses: Sequence[DocumentAnalysis] | None = None,
                evidence_k: int = 3, show_progress_bar: bool = False) -> list[Verdict]:
    """Verify many ``(claim, document_text)`` items; spaCy and the model run in batches."""
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
        sprobs = second_probs[s_first:s_first + len(sent_idx)]
        dprobs = second_probs[d_first:d_first + 2 * len(a.denials)]
        out.append(_verdict(claim, a, probs, sent_idx, sprobs, dprobs, len(chunks), truncated, evidence_k))
    return out


def _verdict(claim, a: DocumentAnalysis, chunk_probs, sent_idx, sprobs, dprobs, n_chunks, truncated,
             evidence_k) -> Verdict:
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
    for k, d in enumerate(a.denials):
        fw, bw = dprobs[2 * k], dprobs[2 * k + 1]
        match = max(fw[0], bw[0])
        if match >= THRESHOLD or LABELS[int(fw.argmax())] == "entailment" or LABELS[int(bw.argmax())] == "entailment":
            denials.append({"id": d.id, "denier": d.denier, "denied": d.denied, "start": d.start,
                            "end": d.end, "match": float(match)})
    stance = _stance(evidence, denials)
    evidence.sort(key=lambda e: -max(e.probs["entailment"], e.probs["contradiction"]))
    evidence = [e for e in evidence if e.label != "neutral"][:evidence_k] or evidence[:1]
    return Verdict(claim, label, probs, e_star - c_star, stance, evidence, denials, n_chunks, truncated)


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


def _stance(evidence: list[Evidence], denials: list[dict]) -> str:
    def strongest(label: str, attributed: bool) -> float:
        # a sentence counts for a label when that label is its argmax
        return max((e.probs[label] for e in evidence if e.attributed == attributed and e.label == label),
                   default=0.0)

    own_e, own_c = strongest("entailment", False), strongest("contradiction", False)
    att_e, att_c = strongest("entailment", True), strongest("contradiction", True)
    if own_e > own_c:
        return "supports"
    if denials or own_c or att_c:
        return "denies"
    if att_e:
        return "reports"
    return "unrelated"
