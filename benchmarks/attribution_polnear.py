"""Measure the attribution rules on PolNeAR dev (or train): span agreement with the gold.

Usage (from the repository root):
    .venv/bin/python benchmarks/attribution_polnear.py [--split dev] [--limit N]

Prints attribution precision/recall/F1 (an attribution matches when its content span
overlaps the gold one with character F1 >= 0.5), and for matched attributions the
share whose source, cue and content spans agree exactly (after stripping quote marks,
punctuation and spaces) or partially (character F1 >= 0.5). PolNeAR annotates
speech, beliefs and intentions ("X expects", "criticism of"), a wider scope than the
quotations claimbench extracts, so recall is bounded well below 1. Data:
../shared/data/attribution/polnear/ (never copied into the project).
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


def evaluate(split: str = "dev", limit: int | None = None) -> dict:
    from claimbench.claims.attribution import find_attributions
    from claimbench.claims.coref import Mentions
    from claimbench.claims.nlp import parse_documents
    from claimbench.claims.types import Document
    from claimbench.eval.extraction import score_attributions

    path = os.path.join(DATA, f"{split}.jsonl")
    rows = [json.loads(line) for line in open(path, encoding="utf-8")][:limit]
    parsed = parse_documents([Document(r["id"], r["text"]) for r in rows])
    totals: dict[str, int] = {}
    for r, p in zip(rows, parsed):
        pred = []
        for m in find_attributions(p, Mentions(p)):
            a = m.attribution
            pred.append({part: (getattr(a, part).start, getattr(a, part).end) if getattr(a, part) else None
                         for part in ("source", "cue", "content")})
        gold = [{"source": g["source"], "cue": g["cue"], "content": g["content"]} for g in r["attributions"]]
        for k, v in score_attributions(r["text"], gold, pred).items():
            totals[k] = totals.get(k, 0) + v
    m = totals["matched"]
    p = m / totals["predicted"] if totals["predicted"] else 0.0
    rc = m / totals["gold"] if totals["gold"] else 0.0
    out = {"documents": len(rows), "gold": totals["gold"], "predicted": totals["predicted"], "matched": m,
           "precision": p, "recall": rc, "f1": 2 * p * rc / (p + rc) if p + rc else 0.0}
    for part in ("source", "cue", "content"):
        for how in ("exact", "partial"):
            out[f"{part}_{how}"] = totals[f"{part}_{how}"] / m if m else 0.0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--limit", type=int, help="first N documents only")
    args = ap.parse_args()
    if not os.path.isdir(DATA):
        sys.exit(f"PolNeAR data not found at {DATA}")
    t = time.time()
    res = evaluate(args.split, args.limit)
    res["seconds"] = round(time.time() - t, 1)
    for k, v in res.items():
        print(f"{k:18} {v:.3f}" if isinstance(v, float) else f"{k:18} {v}")


if __name__ == "__main__":
    main()
