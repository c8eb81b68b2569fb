"""Verification with an NLI model: score claim/denial pairs, build the claim graph, and
check a claim against a long document (``claimbench analyze`` / ``claimbench verify``).

Pairs. A :class:`~claimbench.claims.types.Pair` holds the claim (premise) and the
denied proposition, stated *positively* (hypothesis). Both directions are scored,
claim -> denied and denied -> claim, all pairs of all documents in one
``NLIModel.predict`` call. The directions are combined as

    agree    = max(entailment forward, entailment backward)
    disagree = max(contradiction forward, contradiction backward)
    neutral  = mean(neutral forward, neutral backward)

renormalised to sum to 1. Because the hypothesis is what the denial *rejects*, the
pair's own label flips the NLI reading: a claim that entails the denied proposition
is **contradicted** by the denial (``probs["contradiction"] = agree``); a claim that
contradicts it agrees with the denial (``probs["entailment"] = disagree``). Max over
directions is used because either direction of entailment means the claim asserts
what is denied (one may be more specific than the other), and contradiction is
symmetric, so the stronger reading is the more reliable one.

The pair's ``label`` is ``contradiction`` when the pair classifier
(:class:`~claimbench.verify.pairclf.PairClassifier`: a logistic regression over the
four NLI probabilities and the pairing features, fitted on the gold pairs of the first
nine gold articles, ``claims/README.md``) gives it a probability at or above its
threshold, else ``neutral``; that probability is the pair's ``score``. ``entailment``
(the claim restates the denial) is left to ``probs``: on the tuning articles the
shipped model's "claim contradicts the denied proposition" reading was wrong more often
than right.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

import numpy as np

from ..claims.extract import DocumentAnalysis, analyze_documents
from ..claims.types import Document, Pair
from ..models.labels import LABELS
from .pairclf import PairClassifier, feature_matrix, verdict_features
from .pairing import CROSS_MIN_SCORE, CROSS_TOP_K, MIN_SCORE, TOP_K, find_pairs

logger = logging.getLogger(__name__)



# --------------------------------------------------------------------------- pairs
@dataclass
class PairVerdict:
    """A scored pair: its label and probabilities (claim vs denial), and both NLI directions."""

    pair: Pair
    label: str
    probs: dict[str, float]
    forward: dict[str, float]            # NLI(claim -> denied proposition)
    backward: dict[str, float]           # NLI(denied proposition -> claim)
    score: float | None = None           # the pair classifier's probability of contradiction
    nli_combined: dict[str, float] | None = None   # both directions combined (combine_directions)

    def __post_init__(self):
        if self.nli_combined is None and self.probs is not None:
            self.nli_combined = dict(self.probs)

    def to_dict(self, *, cross: bool = False) -> dict[str, Any]:
        p = self.pair
        d = {"claim_id": p.claim_id, "denial_id": p.denial_id, "label": self.label,
             "score": None if self.score is None else round(self.score, 4), "probs": self.probs,
             "similarity": round(p.similarity, 4), "rank": p.rank,
             "shared_entities": p.shared_entities, "premise": p.premise, "hypothesis": p.hypothesis,
             "features": {k: round(v, 4) for k, v in p.features.items()},
             "nli": {"forward": self.forward, "backward": self.backward, "combined": self.nli_combined}}
        if cross:
            d = {"claim_doc": p.claim_doc, "denial_doc": p.denial_doc, **d}
        return d


def _as_dict(row: np.ndarray) -> dict[str, float]:
    return {lab: float(v) for lab, v in zip(LABELS, row)}


def combine_directions(forward: np.ndarray, backward: np.ndarray) -> np.ndarray:
    """Pair probabilities ``(n, 3)`` in LABELS order from both NLI directions (see module doc).

    >>> combine_directions(np.array([[0.8, 0.1, 0.1]]), np.array([[0.2, 0.7, 0.1]])).round(3).tolist()
    [[0.077, 0.308, 0.615]]
    """
    e, n, c = 0, 1, 2
    agree = np.maximum(forward[:, e], backward[:, e])
    disagree = np.maximum(forward[:, c], backward[:, c])
    neutral = (forward[:, n] + backward[:, n]) / 2
    out = np.stack([disagree, neutral, agree], axis=1)   # entailment, neutral, contradiction
    total = out.sum(axis=1, keepdims=True)
    return out / np.where(total > 0, total, 1)


def judge_pairs(pairs: Sequence[Pair], model, *, classifier: PairClassifier | None = None,
                show_progress_bar: bool = False) -> list[PairVerdict]:
    """Score pairs in both directions with one ``model.predict`` call and label them
    with ``classifier`` (default: the one shipped with the default model).
    """
    verdicts = nli_verdicts(pairs, model, show_progress_bar=show_progress_bar)
    label_verdicts(verdicts, classifier or PairClassifier.default())
    return verdicts


def nli_verdicts(pairs: Sequence[Pair], model, *, show_progress_bar: bool = False) -> list[PairVerdict]:
    """Both NLI directions of every pair, one ``model.predict`` call; ``label`` stays None."""
    pairs = list(pairs)
    if not pairs:
        return []
    flat = [(p.premise, p.hypothesis) for p in pairs] + [(p.hypothesis, p.premise) for p in pairs]
    probs = model.predict(flat, show_progress_bar=show_progress_bar).probs
    fw, bw = probs[:len(pairs)], probs[len(pairs):]
    combined = combine_directions(fw, bw)
    return [PairVerdict(p, None, _as_dict(row), _as_dict(f), _as_dict(b))
            for p, row, f, b in zip(pairs, combined, fw, bw)]


def nli_cascade(pairs: Sequence[Pair], model, classifier: PairClassifier, *,
                show_progress_bar: bool = False) -> tuple[list[PairVerdict], dict[str, int]]:
    """The contradiction pairs' verdicts, as :func:`judge_pairs` gives them, with the NLI
    model run only where its reading can still change a label.

    The pair classifier is linear, so before any NLI call it can tell which candidates
    stay below its threshold whatever the model says (:meth:`PairClassifier.can_reach`):
    those are ``neutral`` and not scored. The rest are scored claim -> denied; of those,
    the ones the backward reading can no longer lift over the threshold are dropped too,
    and only the remainder is scored denied -> claim. Every verdict returned has both
    directions and the label :func:`judge_pairs` would give it; the candidates left
    out are exactly neutral ones. Identical text pairs are read once. Returns the
    verdicts (in candidate order) and the counts ``{"candidates", "forward",
    "backward"}``: candidates, and NLI readings made in each direction.
    """
    pairs = list(pairs)
    n = len(pairs)
    forward, backward = np.zeros((n, len(LABELS))), np.zeros((n, len(LABELS)))

    def read(idx: np.ndarray, into: np.ndarray, flip: bool) -> int:
        """NLI readings of ``pairs[idx]`` into ``into``; each distinct text pair is read
        once (a corpus repeats itself: wire copies, a claim quoted in several articles)."""
        texts = [(pairs[i].hypothesis, pairs[i].premise) if flip else (pairs[i].premise, pairs[i].hypothesis)
                 for i in idx]
        distinct = list(dict.fromkeys(texts))
        if distinct:
            row = {t: r for r, t in enumerate(distinct)}
            probs = model.predict(distinct, show_progress_bar=show_progress_bar).probs
            into[idx] = probs[[row[t] for t in texts]]
        return len(distinct)

    live = np.flatnonzero(classifier.can_reach(feature_matrix(pairs, forward, backward)))
    n_forward = read(live, forward, flip=False)
    if len(live):
        live = live[classifier.can_reach(feature_matrix([pairs[i] for i in live], forward[live], backward[live]),
                                         unknown=["backward"])]
    n_backward = read(live, backward, flip=True)
    combined = combine_directions(forward[live], backward[live])
    verdicts = [PairVerdict(pairs[i], None, _as_dict(row), _as_dict(forward[i]), _as_dict(backward[i]))
                for i, row in zip(live, combined)]
    label_verdicts(verdicts, classifier)
    counts = {"candidates": n, "forward": n_forward, "backward": n_backward}
    return verdicts, counts


def label_verdicts(verdicts: Sequence[PairVerdict], classifier: PairClassifier) -> None:
    """Set each scored verdict's ``score``, ``probs`` and ``label`` from ``classifier`` (in place).

    ``score`` is the classifier's probability that the denial contradicts the claim, and
    ``probs`` says the same: ``contradiction`` is the score, ``neutral`` the rest (the
    classifier tells contradiction from everything else; the raw NLI readings stay
    under ``nli``). The label is ``contradiction`` from the classifier's threshold on,
    except where the claim is itself a denial: two denials of one thing agree, whatever
    the words say, so such a pair is ``entailment`` (its probability moves there).
    """
    scores = classifier.predict_proba(verdict_features(verdicts)) if verdicts else []
    for v, s in zip(verdicts, scores):
        s = float(s)
        agree = bool(v.pair.features.get("claim_is_denial"))
        v.score = s
        v.probs = {"entailment": s if agree else 0.0, "neutral": 1.0 - s, "contradiction": 0.0 if agree else s}
        if s < classifier.threshold:
            v.label = "neutral"
        else:
            v.label = "entailment" if agree else "contradiction"


def relabel(result: "CorpusAnalysis", classifier: PairClassifier) -> "CorpusAnalysis":
    """``result`` with its pairs labelled by another classifier (no NLI call again)."""
    verdicts = [v for v in result.verdicts if v.forward is not None]
    label_verdicts(verdicts, classifier)
    result.graph = build_claim_graph(result.analyses, verdicts)
    result.settings["label_rule"] = classifier.describe()
    return result


# --------------------------------------------------------------------------- claim graph
@dataclass
class ClaimGraph:
    """Who asserts what, who denies it, and the verdict on each claim/denial pair.

    Nodes: ``source`` (a speaker, by resolved name; the article's own voice is
    ``article``), ``claim`` (``doc:claim_id``). Edges: ``asserts`` (source -> claim),
    ``denies`` (denier -> the denial's claim), and one edge per scored pair from the
    denial's claim to the candidate claim, with the pair label and probabilities.
    """

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"nodes": self.nodes, "edges": self.edges}


def build_claim_graph(analyses: Sequence[DocumentAnalysis], verdicts: Sequence[PairVerdict]) -> ClaimGraph:
    g = ClaimGraph()
    sources: dict[str, str] = {}

    def source_node(name: str | None, stype: str) -> str:
        key = "source:" + (name or "article")
        if key not in sources:
            sources[key] = key
            g.nodes.append({"id": key, "kind": "source", "name": name or "article", "source_type": stype})
        return key

    denial_claim: dict[tuple[str, str], str] = {}
    for a in analyses:
        doc = a.document.id
        for c in a.claims:
            cid = f"{doc}:{c.id}"
            g.nodes.append({"id": cid, "kind": "claim", "doc": doc, "claim_id": c.id, "text": c.standalone,
                            "type": c.type})
            g.edges.append({"source": source_node(c.source, c.source_type), "target": cid,
                            "relation": "asserts"})
        for d in a.denials:
            if d.claim_id:
                denial_claim[(doc, d.id)] = f"{doc}:{d.claim_id}"
                g.edges.append({"source": source_node(d.denier, "other"), "target": f"{doc}:{d.claim_id}",
                                "relation": "denies", "denial_id": d.id, "denied": d.denied})
    for v in verdicts:
        p = v.pair
        src = denial_claim.get((p.denial_doc, p.denial_id), f"{p.denial_doc}:{p.denial_id}")
        g.edges.append({"source": src, "target": f"{p.claim_doc}:{p.claim_id}", "relation": v.label,
                        "denial_id": p.denial_id, "probs": v.probs})
    return g


# --------------------------------------------------------------------------- corpus
@dataclass
class CorpusAnalysis:
    """Extraction, candidate pairs and verdicts of a corpus: the ``analyze`` output."""

    analyses: list[DocumentAnalysis]
    verdicts: list[PairVerdict]
    graph: ClaimGraph
    model: dict[str, Any] | None = None
    settings: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"documents": list(self._documents()), **self._rest()}

    def to_frame(self, kind: str = "pairs"):
        """A pandas DataFrame of the corpus's ``kind``: ``"pairs"`` (in and across
        documents, one row each, NLI probabilities as ``p_<label>`` columns), ``"claims"``,
        ``"denials"`` or ``"attributions"`` (one row each, with its ``doc`` id).

        >>> analysis.to_frame("claims")[["doc", "id", "type", "text"]]      # doctest: +SKIP
        """
        import pandas as pd

        kinds = ("pairs", "claims", "denials", "attributions")
        if kind not in kinds:
            raise ValueError(f"kind must be one of {kinds}, got {kind!r}")
        rows = []
        if kind == "pairs":
            for v in self.verdicts:
                d = v.to_dict(cross=True)
                d.pop("nli")
                d.update({f"p_{k}": p for k, p in (d.pop("probs") or {}).items()})
                d["features"] = d.pop("features")
                rows.append(d)
            return pd.DataFrame(rows)
        for a in self.analyses:
            rows += [{"doc": a.document.id, **r} for r in a.to_dict()[kind]]
        return pd.DataFrame(rows)

    def write_json(self, fh: TextIO) -> None:
        """Write :meth:`to_dict` as JSON to ``fh``, one document's record at a time.

        The same JSON as ``json.dump(self.to_dict(), fh, indent=1)``, without holding
        every document's record at once: on a large corpus those records, and the
        string made of them, would cost more memory than the analysis itself.
        """
        fh.write('{\n "documents": [')
        for i, doc in enumerate(self._documents()):
            fh.write(("," if i else "") + "\n" + _indented(doc, 2))
        fh.write("\n ]" if self.analyses else "]")
        for key, value in self._rest().items():
            fh.write(f',\n "{key}": ' + _indented(value, 1).lstrip())
        fh.write("\n}\n")

    def _documents(self) -> Iterator[dict[str, Any]]:
        by_doc: dict[str, list[PairVerdict]] = {a.document.id: [] for a in self.analyses}
        for v in self.verdicts:
            if v.pair.claim_doc == v.pair.denial_doc:
                by_doc[v.pair.claim_doc].append(v)
        for a in self.analyses:
            d = a.to_dict()
            d["pairs"] = [v.to_dict() for v in by_doc[a.document.id]]
            yield d

    def _rest(self) -> dict[str, Any]:
        cross = [v.to_dict(cross=True) for v in self.verdicts if v.pair.claim_doc != v.pair.denial_doc]
        return {"cross_document_pairs": cross, "graph": self.graph.to_dict(),
                "model": self.model, "settings": self.settings}


def _indented(value: Any, depth: int) -> str:
    """``json.dumps(value, indent=1)`` as it reads nested ``depth`` levels deep.

    Split on "\\n" only: str.splitlines (and textwrap.indent) would also break at the
    U+2028 or U+0085 a JSON string may hold, and indent inside it.
    """
    pad = " " * depth
    return pad + ("\n" + pad).join(json.dumps(value, ensure_ascii=False, indent=1).split("\n"))


def analyze_corpus(documents: Sequence[Document], model=None, *, workers: int = 1,
                   show_progress_bar: bool = False, **options: Any) -> CorpusAnalysis:
    """Extract (:func:`analyze_documents`, in ``workers`` processes), then pair and
    verify (:func:`verify_corpus`, which takes the other ``options``) a corpus.

    >>> result = analyze_corpus([Document("a", "Inspectors said the plant leaked. "
    ...                                         "The plant denied that it leaked.")], NLIModel())  # doctest: +SKIP
    >>> result.to_dict()["documents"][0]["pairs"][0]["label"]                                     # doctest: +SKIP
    'contradiction'
    """
    analyses = analyze_documents(documents, workers=workers, show_progress_bar=show_progress_bar)
    return verify_corpus(analyses, model, show_progress_bar=show_progress_bar, **options)


def verify_corpus(analyses: Sequence[DocumentAnalysis], model=None, *, top_k: int = TOP_K,
                  cross_top_k: int | None = CROSS_TOP_K, min_score: float = MIN_SCORE,
                  cross_min_score: float = CROSS_MIN_SCORE, encoder=None,
                  pairing: PairClassifier | None = None, label_pairs: bool = True,
                  score_all: bool = False, show_progress_bar: bool = False) -> CorpusAnalysis:
    """Pair the claims and denials of extracted documents and (with a model) verify them.

    Without ``model`` the candidate pairs are listed with ``label`` null. ``pairing``
    labels the scored pairs (default: the classifier shipped with the default model).
    The pairs listed are those :func:`nli_cascade` scores: every candidate the
    classifier could call a contradiction (the others are neutral whatever the model
    says). ``score_all=True`` scores and lists every candidate in both directions;
    ``label_pairs=False`` scores every candidate and labels none (to fit a classifier).
    ``settings["nli_readings"]`` counts the candidates and the readings made.
    """
    analyses = list(analyses)
    cross_top_k = CROSS_TOP_K if cross_top_k is None else cross_top_k
    # The sentence encoder follows the NLI model into bf16 (int8 has no encoder counterpart).
    precision = "bf16" if getattr(model, "precision", None) == "bf16" else "fp32"
    pairs = find_pairs(analyses, top_k=top_k, cross_top_k=cross_top_k, min_score=min_score,
                       cross_min_score=cross_min_score, encoder=encoder, precision=precision)
    readings = {"candidates": len(pairs), "forward": 0, "backward": 0}
    if model is not None and label_pairs:
        pairing = pairing or PairClassifier.default()
    else:
        pairing = None
    if model is None or not pairs:
        verdicts = [PairVerdict(p, None, None, None, None) for p in pairs]
    elif pairing is not None and not score_all:
        verdicts, readings = nli_cascade(pairs, model, pairing, show_progress_bar=show_progress_bar)
    else:
        verdicts = nli_verdicts(pairs, model, show_progress_bar=show_progress_bar)
        readings.update(forward=len(pairs), backward=len(pairs))
        if pairing is not None:
            label_verdicts(verdicts, pairing)
    graph = build_claim_graph(analyses, [v for v in verdicts if v.label is not None])
    from ..claims.nlp import nlp_info
    settings = {"top_k": top_k, "cross_top_k": cross_top_k, "min_score": min_score, "encoder_precision": precision,
                "cross_min_score": cross_min_score, "spacy": nlp_info() if analyses else None,
                "pairing": "cosine(all-MiniLM-L6-v2) + 0.1*shared entities + 1.0 if referred back; "
                           "same document: + 0.25 if before the denial - 0.1*log(1 + distance/200) "
                           "+ 0.1 if attributed or quoted",
                "combination": "contradiction=max entailment, entailment=max contradiction, "
                               "neutral=mean neutral over both directions, renormalised",
                "label_rule": pairing.describe() if pairing is not None else None,
                "scored": ("every candidate" if score_all or pairing is None else
                           "the candidates the label rule could call a contradiction (nli_cascade)"),
                "nli_readings": readings}
    return CorpusAnalysis(analyses, verdicts, graph, model.info() if model is not None else None, settings)
