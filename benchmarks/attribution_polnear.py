"""Measure the attribution rules on PolNeAR dev (or train): span agreement with the gold.

Usage (from the repository root):
    .venv/bin/python benchmarks/attribution_polnear.py [--split dev] [--limit N] [--misses FILE]

Matching rule (one-to-one). Spans are compared after stripping quote marks, punctuation
and spaces at their ends. A predicted and a gold attribution are a candidate pair when
their content spans share at least one character; candidates are taken best first (by
the character F1 of the two content spans) and each gold and each prediction is used at
most once. Two figures come out of that rule:

- ``content``: the pair only needs the contents to overlap;
- ``source_content``: the sources must overlap too (a gold without a source matches a
  prediction without one; otherwise both need a source span and they share a character).

Precision is matched / predicted, recall matched / gold. Recall is also given per kind of
GOLD cue: the cue span's lemma (the first token in a cue word list, else its first verb,
noun or adjective) classified by :func:`claimbench.claims.attribution.cue_kind` into
speech, belief, intention, evaluation or other. For ``content`` matches the share of exact
(equal after stripping) and partial (character F1 >= 0.5) source, cue and content spans is
printed too. PolNeAR annotates speech, beliefs, intentions and some actions; claimbench
leaves actions and stances ("endorsed", "released an ad") out, so "other" recall stays low.

Develop on ``train``, report ``dev``. Data: ../shared/data/attribution/polnear/ (never
copied into the project; never used to fit shipped weights).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "src"))
DATA = os.path.join(ROOT, "..", "shared", "data", "attribution", "polnear")
STRIP = " \t\r\n,.;:!?…—–-\"“”„«»‹›'‘’"


def _strip(text: str, span) -> tuple[int, int] | None:
    if span is None:
        return None
    a, b = span
    while a < b and text[a] in STRIP:
        a += 1
    while b > a and text[b - 1] in STRIP:
        b -= 1
    return (a, b) if a < b else None


def _overlap(x, y) -> int:
    return max(0, min(x[1], y[1]) - max(x[0], y[0])) if x and y else 0


def _f1(x, y) -> float:
    o = _overlap(x, y)
    return 2 * o / ((x[1] - x[0]) + (y[1] - y[0])) if o else 0.0


def match(text: str, gold: list[dict], pred: list[dict], *, with_source: bool = False) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs under the rule in the module docstring."""
    from claimbench.eval.extraction import one_to_one

    g_c = [_strip(text, g["content"]) for g in gold]
    p_c = [_strip(text, p["content"]) for p in pred]
    cands = []
    for gi, gc in enumerate(g_c):
        for pi, pc in enumerate(p_c):
            if not _overlap(gc, pc):
                continue
            if with_source:
                gs, ps = _strip(text, gold[gi]["source"]), _strip(text, pred[pi]["source"])
                if (gs is None) != (ps is None) or gs is not None and not _overlap(gs, ps):
                    continue
            cands.append((_f1(gc, pc), gi, pi))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    return one_to_one(cands)


def _prf(m: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = m / n_pred if n_pred else 0.0
    r = m / n_gold if n_gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def evaluate(split: str = "dev", limit: int | None = None, misses: list | None = None) -> dict:
    from claimbench.claims.attribution import CUE_KINDS, cue_kind, cue_lemma, find_attributions, unique_attributions
    from claimbench.claims.coref import Mentions
    from claimbench.claims.nlp import parse_documents
    from claimbench.claims.types import Document

    path = os.path.join(DATA, f"{split}.jsonl")
    rows = [json.loads(line) for line in open(path, encoding="utf-8")][:limit]
    parsed = parse_documents([Document(r["id"], r["text"]) for r in rows])
    n_gold = n_pred = m_c = m_sc = 0
    parts = {f"{part}_{how}": 0 for part in ("source", "cue", "content") for how in ("exact", "partial")}
    by_kind = {k: [0, 0] for k in CUE_KINDS}          # kind -> [gold, matched]
    pred_kind = {k: 0 for k in CUE_KINDS}
    for r, p in zip(rows, parsed):
        text = r["text"]
        atts = unique_attributions(find_attributions(p, Mentions(p)))
        pred = [{part: (getattr(a, part).start, getattr(a, part).end) if getattr(a, part) else None
                 for part in ("source", "cue", "content")} for a in atts]
        for a in atts:
            pred_kind[a.cue_kind] = pred_kind.get(a.cue_kind, 0) + 1
        gold = [{"source": g["source"], "cue": g["cue"], "content": g["content"]} for g in r["attributions"]]
        n_gold += len(gold)
        n_pred += len(pred)
        mc = match(text, gold, pred)
        m_c += len(mc)
        m_sc += len(match(text, gold, pred, with_source=True))
        for gi, pi in mc:
            for part in ("source", "cue", "content"):
                gs, ps = _strip(text, gold[gi][part]), _strip(text, pred[pi][part])
                if gs is None or ps is None:
                    parts[f"{part}_exact"] += gs is None and ps is None
                    parts[f"{part}_partial"] += gs is None and ps is None
                    continue
                parts[f"{part}_exact"] += gs == ps
                parts[f"{part}_partial"] += _f1(gs, ps) >= 0.5
        hit = {gi for gi, _ in mc}
        used = {pi for _, pi in mc}
        for pi, a in enumerate(atts):
            if misses is not None and pi not in used:
                misses.append({"doc": r["id"], "kind": "false_positive:" + a.cue_kind, "cue": a.cue and a.cue.text,
                               "source": a.source and a.source.text, "content": a.content.text[:160]})
        for gi, g in enumerate(gold):
            a, b = g["cue"] or (0, 0)
            toks = [t for s in p.sentences for t in s.span if a <= s.char(t) < b]
            kind = cue_kind(cue_lemma(toks)) if toks else "other"
            by_kind[kind][0] += 1
            by_kind[kind][1] += gi in hit
            if misses is not None and gi not in hit:
                cue_found = any(x.cue and x.cue.start < b and a < x.cue.end for x in atts)
                misses.append({"doc": r["id"], "kind": kind, "cue": text[a:b], "cue_found": cue_found,
                               "source": text[slice(*g["source"])] if g["source"] else None,
                               "content": text[slice(*g["content"])][:160]})
    p_, r_, f_ = _prf(m_c, n_pred, n_gold)
    sp, sr, sf = _prf(m_sc, n_pred, n_gold)
    out = {"documents": len(rows), "gold": n_gold, "predicted": n_pred, "matched": m_c,
           "precision": p_, "recall": r_, "f1": f_,
           "source_content_matched": m_sc, "source_content_precision": sp, "source_content_recall": sr,
           "source_content_f1": sf}
    for k, v in parts.items():
        out[k] = v / m_c if m_c else 0.0
    for k, (g, m) in by_kind.items():
        out[f"recall_{k}"] = m / g if g else 0.0
        out[f"gold_{k}"] = g
        out[f"predicted_{k}"] = pred_kind[k]
    ns_g = sum(g for k, (g, _m) in by_kind.items() if k != "speech")
    ns_m = sum(m for k, (_g, m) in by_kind.items() if k != "speech")
    out["recall_non_speech"] = ns_m / ns_g if ns_g else 0.0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--limit", type=int, help="first N documents only")
    ap.add_argument("--misses", help="write the missed gold attributions (JSON lines) to this file")
    args = ap.parse_args()
    if not os.path.isdir(DATA):
        sys.exit(f"PolNeAR data not found at {DATA}")
    t = time.time()
    misses: list | None = [] if args.misses else None
    res = evaluate(args.split, args.limit, misses)
    res["seconds"] = round(time.time() - t, 1)
    for k, v in res.items():
        print(f"{k:26} {v:.3f}" if isinstance(v, float) else f"{k:26} {v}")
    if args.misses:
        with open(args.misses, "w", encoding="utf-8") as f:
            for m in misses:
                f.write(json.dumps(m, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
