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

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any


def _overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


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
    out: dict[str, str] = {}
    used: set[str] = set()
    for _, gid, pid in cands:
        if pid in out or gid in used:
            continue
        out[pid] = gid
        used.add(gid)
    return out


def normalize_name(name: str | None) -> str:
    if not name:
        return ""
    s = name.lower().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s-]", " ", s)
    s = re.sub(r"^\s*(the|a|an)\s+", "", s)
    return " ".join(s.split())


def same_source(gold: str | None, pred: str | None, text: str | None = None) -> bool:
    """Source agreement: equal names, or names the article ``text`` links (module docstring).

    >>> same_source("Lidia Varga", "ministry spokesperson Lidia Varga",
    ...             "ministry spokesperson Lidia Varga said so.")
    True
    >>> same_source("Lidia Varga", "ministry spokesperson Lidia Varga")   # no text: no link
    False
    >>> same_source("the ministry", "Norvala's health ministry", "Norvala's health ministry said")
    False
    """
    if not gold and not pred:
        return True
    g, p = normalize_name(gold), normalize_name(pred)
    if not g or not p:
        return False
    if g == p:
        return True
    if not text:
        return False
    flat = _flat(text)
    short, long_, short_raw = (g, p, gold) if len(g) < len(p) else (p, g, pred)
    bare = short_raw.strip().removeprefix("the ").removeprefix("The ")
    if bare[:1].isupper() and (" " + long_).endswith(" " + short) and long_ in flat:
        return True
    for a, b in ((g, p), (p, g)):
        pattern = rf"\b{re.escape(a)}(?: [\w-]+){{0,3}} , (?:the |a |an )?{re.escape(b)}\b"
        if re.search(pattern, _commas(text)):
            return True
    return False


@functools.lru_cache(maxsize=8)
def _flat(text: str) -> str:
    """The whole article normalised like names (cached: pairing asks once per candidate)."""
    return normalize_name(text)


@functools.lru_cache(maxsize=8)
def _commas(text: str) -> str:
    """The text normalised like names, but with each comma kept as a lone "," token.

    Apposition is "A, B": :func:`same_source` looks for ``a ... , b`` here.
    """
    return " ".join(normalize_name(part) + " ," for part in text.split(",")).removesuffix(" ,")


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "predicted": n_pred, "gold": n_gold}


def _tokens(s: str) -> list[str]:
    return re.findall(r"\w+", (s or "").lower())


def token_f1(a: str, b: str) -> float:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    common = 0
    rest = list(tb)
    for t in ta:
        if t in rest:
            rest.remove(t)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


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
    used_g, used_p, matches = set(), set(), []
    for f, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matches.append((gold[gi], pred[pi]))
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
