"""Score extraction output against gold annotations (``claims/gold/*.json``).

Works on the JSON shapes only (the ``analyze`` output and the gold files), so it
needs no model. Matching rules:

- **Spans** (claims, denials) match one-to-one, greedily by largest overlap, when
  the overlap covers at least half of the gold span *and* half of the predicted
  span (``min_overlap=0.5``). Claim precision/recall/F1 count those matches.
- **Source accuracy**: over matched claims, the share whose source agrees with
  gold (:func:`same_source`): both the article's own voice (``null``), or names
  equal after normalisation (case, a leading "the", possessive 's), or two names the
  article itself links to one entity:
  - *title and name*: the shorter is a name (capitalised) ending the longer, and the
    article writes the longer one ("Lidia Varga" / "ministry spokesperson Lidia
    Varga", "Marten" / "Elsa Marten");
  - *apposition*: the article writes one, a comma and the other ("Civic Renewal,
    Averon's main opposition party", "the registry's director, Anke Vos"), with at
    most three words between the first phrase and the comma ("Vellmark's ambassador
    in Kellen, Corin Aldt").
  Mere containment is not enough: "the ministry" is not "Norvala's health
  ministry", and "Osk" is not "Oskan officials". Without the article text only
  equal names agree.
- **Denials**: precision/recall/F1 of the matched denial spans; denier accuracy as
  for sources; ``denied_token_f1`` the mean token F1 of the denied propositions.
- **Pairs**: a predicted pair counts when its label is not ``neutral``; it is
  correct when its claim and denial match gold records forming a gold pair with
  the same label. Cross-document pairs are scored the same way against
  ``gold/corpus_pairs.json``, keyed by document ids.
- **Non-denials**: gold non-denial spans that a predicted denial overlaps.

>>> g = {"doc_id": "x", "claims": [{"id": "c1", "start": 0, "end": 10, "source": None}],
...      "denials": [], "pairs": []}
>>> p = {"id": "x", "claims": [{"id": "c1", "start": 0, "end": 9, "source": None}],
...      "denials": [], "pairs": []}
>>> score_extraction([g], [p])["claims"]["f1"]
1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..claims.names import same_source
from ..defaults import TUNE_DOCS
from ..metrics import prf_counts as _prf
from ..metrics import token_f1


def _overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def one_to_one(ranked: Iterable[tuple[Any, Any, Any]]) -> list[tuple[Any, Any]]:
    """Greedy one-to-one matching: walk ``(score, gold, pred)`` candidates best first (the
    caller orders them, ties included) and keep each one whose gold and prediction are
    both still free.

    >>> one_to_one([(0.9, "g1", "p1"), (0.8, "g1", "p2"), (0.7, "g2", "p2")])
    [('g1', 'p1'), ('g2', 'p2')]
    """
    used_g, used_p, out = set(), set(), []
    for _score, g, p in ranked:
        if g in used_g or p in used_p:
            continue
        used_g.add(g)
        used_p.add(p)
        out.append((g, p))
    return out


def match_spans(gold: Sequence[dict], pred: Sequence[dict], *, min_overlap: float = 0.5
                ) -> dict[str, str]:
    """Greedy one-to-one matching of spans: ``{pred_id: gold_id}``."""
    cands = []
    for g in gold:
        gl = max(1, g["end"] - g["start"])
        for p in pred:
            ov = _overlap(g, p)
            pl = max(1, p["end"] - p["start"])
            if ov >= min_overlap * gl and ov >= min_overlap * pl:
                cands.append((ov / max(gl, pl), g["id"], p["id"]))
    cands.sort(key=lambda c: -c[0])
    return {pid: gid for gid, pid in one_to_one(cands)}


def score_extraction(gold_docs: Sequence[dict[str, Any]], pred_docs: Sequence[dict[str, Any]], *,
                     corpus_pairs: Sequence[dict[str, Any]] = (),
                     cross_pairs: Sequence[dict[str, Any]] = (), min_overlap: float = 0.5,
                     texts: Mapping[str, str] | None = None,
                     claim_side_docs: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """Claim, source, denial and pair scores of ``pred_docs`` against ``gold_docs``.

    Documents are joined by id (gold ``doc_id``, prediction ``id``); a gold document
    with no prediction counts as all missed. ``texts`` maps document ids to the
    article texts, which :func:`same_source` needs to accept a title and a name the
    article links; without them only equal source names agree. ``claim_side_docs``:
    further gold documents whose claims cross-document pairs may name (when
    ``gold_docs`` is a subset of a corpus).
    """
    texts = texts or {}
    preds = {d["id"]: d for d in pred_docs}
    claim_tp = claim_pred = claim_gold = 0
    src_ok = src_n = stype_ok = 0
    den_tp = den_pred = den_gold = 0
    denier_ok = 0
    denied_f1: list[float] = []
    pair_tp = pair_pred = pair_gold = 0
    nd_total = nd_hit = 0
    maps: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
    per_doc = []
    for g in gold_docs:
        p = preds.get(g["doc_id"], {"claims": [], "denials": [], "pairs": []})
        cm = match_spans(g["claims"], p["claims"], min_overlap=min_overlap)
        dm = match_spans(g["denials"], p["denials"], min_overlap=min_overlap)
        maps[g["doc_id"]] = (cm, dm)
        gclaims = {c["id"]: c for c in g["claims"]}
        gden = {d["id"]: d for d in g["denials"]}
        claim_tp += len(cm)
        claim_pred += len(p["claims"])
        claim_gold += len(g["claims"])
        for c in p["claims"]:
            if c["id"] in cm:
                gc = gclaims[cm[c["id"]]]
                src_n += 1
                src_ok += same_source(gc.get("source"), c.get("source"), texts.get(g["doc_id"]))
                stype_ok += gc.get("source_type") == c.get("source_type")
        den_tp += len(dm)
        den_pred += len(p["denials"])
        den_gold += len(g["denials"])
        for d in p["denials"]:
            if d["id"] in dm:
                gd = gden[dm[d["id"]]]
                denier_ok += same_source(gd.get("denier"), d.get("denier"), texts.get(g["doc_id"]))
                denied_f1.append(token_f1(gd["denied"], d["denied"]))
        gold_pairs = {(x["claim_id"], x["denial_id"]): x["label"] for x in g["pairs"]}
        predicted = [x for x in p.get("pairs", []) if x.get("label") != "neutral"]
        tp = sum(1 for x in predicted
                 if gold_pairs.get((cm.get(x["claim_id"]), dm.get(x["denial_id"]))) == x["label"])
        pair_tp += tp
        pair_pred += len(predicted)
        pair_gold += len(gold_pairs)
        for nd in g.get("non_denials", []):
            nd_total += 1
            nd_hit += any(_overlap(nd, d) > 0.5 * (nd["end"] - nd["start"]) for d in p["denials"])
        per_doc.append({"doc_id": g["doc_id"], "claims": _prf(len(cm), len(p["claims"]), len(g["claims"])),
                        "denials": _prf(len(dm), len(p["denials"]), len(g["denials"])),
                        "pairs": _prf(tp, len(predicted), len(gold_pairs))})
    # cross-document pairs
    for g in claim_side_docs:
        if g["doc_id"] not in maps and g["doc_id"] in preds:
            maps[g["doc_id"]] = (match_spans(g["claims"], preds[g["doc_id"]]["claims"],
                                             min_overlap=min_overlap), {})
    gold_cross = {(x["claim_doc"], x["claim_id"], x["denial_doc"], x["denial_id"]): x["label"]
                  for x in corpus_pairs}
    cross_pred = [x for x in cross_pairs if x.get("label") != "neutral"]
    cross_tp = 0
    for x in cross_pred:
        cmap = maps.get(x["claim_doc"], ({}, {}))[0]
        dmap = maps.get(x["denial_doc"], ({}, {}))[1]
        key = (x["claim_doc"], cmap.get(x["claim_id"]), x["denial_doc"], dmap.get(x["denial_id"]))
        cross_tp += gold_cross.get(key) == x["label"]
    return {
        "documents": len(gold_docs),
        "matching": f"one-to-one span match, overlap >= {min_overlap:g} of both spans",
        "claims": _prf(claim_tp, claim_pred, claim_gold),
        "source_accuracy": src_ok / src_n if src_n else 0.0,
        "source_type_accuracy": stype_ok / src_n if src_n else 0.0,
        "denials": _prf(den_tp, den_pred, den_gold),
        "denier_accuracy": denier_ok / den_tp if den_tp else 0.0,
        "denied_token_f1": sum(denied_f1) / len(denied_f1) if denied_f1 else 0.0,
        "pairs": _prf(pair_tp, pair_pred, pair_gold),
        "cross_document_pairs": _prf(cross_tp, len(cross_pred), len(gold_cross)),
        "non_denials_flagged": {"flagged": nd_hit, "total": nd_total},
        "per_document": per_doc,
    }


def score_splits(gold_docs: Sequence[dict[str, Any]], pred_docs: Sequence[dict[str, Any]],
                 splits: Mapping[str, set[str]], *, corpus_pairs: Sequence[dict[str, Any]] = (),
                 cross_pairs: Sequence[dict[str, Any]] = (), **kwargs: Any) -> dict[str, dict[str, Any]]:
    """:func:`score_extraction` on each named subset of document ids.

    A cross-document pair belongs to the split of its denial's document.
    """
    return {name: score_extraction([g for g in gold_docs if g["doc_id"] in ids], pred_docs,
                                   corpus_pairs=[x for x in corpus_pairs if x["denial_doc"] in ids],
                                   cross_pairs=[x for x in cross_pairs if x["denial_doc"] in ids],
                                   claim_side_docs=gold_docs, **kwargs)
            for name, ids in splits.items()}


# --------------------------------------------------------------------------- the eval-extraction run
@dataclass
class ExtractionScores:
    """Scores of one ``eval-extraction`` run: ``scores`` is the JSON ``claimbench
    eval-extraction --format json`` prints (all documents, with the tuning and held-out
    splits' pair scores under ``"splits"``); ``classifier`` the pair classifier fitted on
    the tuning split when one was asked for."""

    scores: dict[str, Any]
    classifier: Any = None

    def to_dict(self) -> dict[str, Any]:
        return self.scores

    def to_frame(self):
        """One row per metric: ``metric``, ``precision``, ``recall``, ``f1``, ``tp``,
        ``predicted``, ``gold`` (accuracies fill ``f1`` only)."""
        import pandas as pd

        s = self.scores
        rows = [{"metric": key, **{k: s[key][k] for k in ("precision", "recall", "f1", "tp", "predicted", "gold")}}
                for key in ("claims", "denials", "pairs", "cross_document_pairs")]
        rows += [{"metric": key, "f1": s[key]} for key in
                 ("source_accuracy", "source_type_accuracy", "denier_accuracy", "denied_token_f1")]
        for name, split in s.get("splits", {}).items():
            for key in ("pairs", "cross_document_pairs"):
                rows.append({"metric": f"{key} ({name})", **{k: split[key][k] for k in
                             ("precision", "recall", "f1", "tp", "predicted", "gold")}})
        return pd.DataFrame(rows)


def evaluate_extraction(gold_dir: str | None = None, articles_dir: str | None = None, model=None, *,
                        tune_docs: int = TUNE_DOCS, pairing=None, fit_pairing: bool = False,
                        top_k: int | None = None, cross_top_k: int | None = None) -> ExtractionScores:
    """Extract, pair and verify the gold articles, then score them against the gold.

    Parameters
    ----------
    gold_dir, articles_dir : str, optional
        The gold annotations and their articles; default: the bundled gold corpus
        (``claims/gold``, ``claims/articles``; :func:`claimbench.data_path`).
    model : NLIModel, optional
        Without one, pairs get no label (extraction scores only).
    tune_docs : int, default 9
        The first ``tune_docs`` gold documents in sorted order are the tuning split, the
        rest held out; pair scores are reported for both.
    pairing : PairClassifier, optional
        Labels the pairs; default: the one shipped beside the default model.
    fit_pairing : bool, default False
        Fit a pair classifier on the tuning split's gold pairs and label with it
        (``ExtractionScores.classifier``); needs ``model``.
    top_k, cross_top_k : int, optional
        Candidate claims per denial in and across documents (:func:`~claimbench.verify.find_pairs`).
    """
    from .._data import data_path
    from ..claims.documents import load_gold
    from ..errors import InputError
    from ..verify.corpus import analyze_corpus, relabel
    from ..verify.pairclf import fit_on_gold
    from ..verify.pairing import CROSS_TOP_K, TOP_K

    top_k = TOP_K if top_k is None else top_k
    cross_top_k = CROSS_TOP_K if cross_top_k is None else cross_top_k
    golds, docs, corpus_pairs = load_gold(gold_dir or data_path("claims/gold"),
                                          articles_dir or data_path("claims/articles"))
    if not 0 <= tune_docs <= len(golds):
        raise InputError(f"--tune-docs must be between 0 and {len(golds)}, got {tune_docs}")
    if fit_pairing and model is None:
        raise InputError("--fit-pairing needs the NLI model (drop --no-model)")
    tune_ids = {g["doc_id"] for g in golds[:tune_docs]}
    analysis = analyze_corpus(docs, model, top_k=top_k, cross_top_k=cross_top_k,
                              pairing=pairing, label_pairs=not fit_pairing)
    clf = None
    if fit_pairing:
        is_gold = gold_targets(analysis.verdicts, analysis.analyses, golds, corpus_pairs)
        clf = fit_on_gold(analysis.verdicts, is_gold, tune_ids,
                          n_positive=count_gold_pairs(golds, corpus_pairs, tune_ids),
                          model=model.info()["name"], fingerprint=model.fingerprint,
                          top_k=top_k, cross_top_k=cross_top_k)
        relabel(analysis, clf)
    result = analysis.to_dict()
    splits = {"all": {g["doc_id"] for g in golds}, "tuning": tune_ids,
              "held_out": {g["doc_id"] for g in golds} - tune_ids}
    by_split = score_splits(golds, result["documents"], splits, corpus_pairs=corpus_pairs,
                            cross_pairs=result["cross_document_pairs"], texts={d.id: d.text for d in docs})
    scores = by_split["all"]
    scores["splits"] = {name: {k: by_split[name][k] for k in ("documents", "pairs", "cross_document_pairs")}
                        for name in ("tuning", "held_out")}
    scores["model"] = result["model"]
    scores["label_rule"] = result["settings"]["label_rule"]
    return ExtractionScores(scores, clf)


# --------------------------------------------------------------------------- gold pairs of candidates
def gold_targets(verdicts: Sequence, analyses: Sequence, golds: Sequence[dict[str, Any]],
                 corpus_pairs: Sequence[dict[str, Any]] = ()) -> np.ndarray:
    """Whether each candidate is a gold contradiction pair (claims and denials matched by span)."""
    by_id = {g["doc_id"]: g for g in golds}
    maps = {}
    for a in analyses:
        g = by_id.get(a.document.id)
        if g is not None:
            maps[a.document.id] = (match_spans(g["claims"], [c.to_dict() for c in a.claims]),
                                   match_spans(g["denials"], [d.to_dict() for d in a.denials]))
    gold = {(g["doc_id"], x["claim_id"], g["doc_id"], x["denial_id"])
            for g in golds for x in g["pairs"] if x["label"] == "contradiction"}
    gold |= {(x["claim_doc"], x["claim_id"], x["denial_doc"], x["denial_id"])
             for x in corpus_pairs if x["label"] == "contradiction"}
    out = []
    for v in verdicts:
        p = v.pair
        cm = maps.get(p.claim_doc, ({}, {}))[0]
        dm = maps.get(p.denial_doc, ({}, {}))[1]
        out.append((p.claim_doc, cm.get(p.claim_id), p.denial_doc, dm.get(p.denial_id)) in gold)
    return np.array(out, dtype=bool)


def count_gold_pairs(golds: Sequence[dict[str, Any]], corpus_pairs: Sequence[dict[str, Any]],
                     doc_ids: set[str]) -> int:
    """Gold contradiction pairs whose denial is in ``doc_ids`` (in and across documents)."""
    return (sum(1 for g in golds if g["doc_id"] in doc_ids for x in g["pairs"] if x["label"] == "contradiction")
            + sum(1 for x in corpus_pairs if x["denial_doc"] in doc_ids and x["label"] == "contradiction"))



# --------------------------------------------------------------------------- attribution spans
def _span_f1(a: tuple[int, int], b: tuple[int, int]) -> float:
    ov = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    if not ov:
        return 0.0
    p, r = ov / max(1, a[1] - a[0]), ov / max(1, b[1] - b[0])
    return 2 * p * r / (p + r)


def _strip(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A span without surrounding quote marks, punctuation and spaces (conventions differ)."""
    if span is None:
        return None
    a, b = span
    while a < b and (text[a].isspace() or text[a] in "\"“”'‘’,.;:—–-"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in "\"“”'‘’,.;:—–-"):
        b -= 1
    return a, b


def score_attributions(text: str, gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]],
                       *, min_f1: float = 0.5) -> dict[str, Any]:
    """Match predicted to gold attributions and score their source, cue and content spans.

    Spans are ``(start, end)`` pairs or None (``{"source", "cue", "content"}`` per
    record, as in PolNeAR). An attribution matches when its content spans overlap
    with character F1 >= ``min_f1`` (one-to-one, best first). For matched pairs:
    ``exact`` (equal after stripping quote marks, punctuation and spaces) and
    ``partial`` (character F1 >= 0.5) agreement of each part; both None agree.
    """
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            f = _span_f1(_strip(text, g["content"]), _strip(text, p["content"]))
            if f >= min_f1:
                cands.append((f, gi, pi))
    cands.sort(reverse=True)
    matches = [(gold[gi], pred[pi]) for gi, pi in one_to_one(cands)]
    out: dict[str, Any] = {"gold": len(gold), "predicted": len(pred), "matched": len(matches)}
    for part in ("source", "cue", "content"):
        exact = partial = 0
        for g, p in matches:
            gs, ps = _strip(text, g[part]), _strip(text, p[part])
            if gs is None or ps is None:
                exact += gs is None and ps is None
                partial += gs is None and ps is None
                continue
            exact += gs == ps
            partial += _span_f1(gs, ps) >= 0.5
        out[f"{part}_exact"] = exact
        out[f"{part}_partial"] = partial
    return out
