"""The claims stage on the real-news development set (claims/realnews): headline denials
(Emergent train) and claims, sources and denials in article bodies (FNC-1 train).

Usage (from the repository root):
    .venv/bin/python benchmarks/realnews_extraction.py [--split tune|report|all] [--misses]

Prints one JSON line per part and split. Develop on ``tune``; ``report`` is for figures.
Needs ../shared/data (the text is never in the project; claims/realnews holds offsets).
"""

from __future__ import annotations

import argparse
import json
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="tune", choices=("tune", "report", "all"))
    ap.add_argument("--misses", action="store_true", help="also list the headline rows whose named denier was missed")
    args = ap.parse_args()
    from claimbench.claims.extract import analyze_documents
    from claimbench.claims.types import Document
    from claimbench.eval.realnews import load_bodies, load_headlines, score_bodies, score_headlines

    for split in ("tune", "report") if args.split == "all" else (args.split,):
        t = time.time()
        hs = load_headlines(split=split)
        res = score_headlines(hs, analyze_documents([Document(f"h{h.row}", h.text) for h in hs]))
        misses = res.pop("missed_rows")
        print(json.dumps({"part": "headlines", "split": split, **res, "seconds": round(time.time() - t, 1)}))
        if args.misses:
            print(json.dumps({"missed_rows": misses}))
        t = time.time()
        bs = load_bodies(split=split)
        res = score_bodies(bs, analyze_documents([Document(f"b{b.body_id}", b.text) for b in bs]))
        print(json.dumps({"part": "bodies", "split": split, **res, "seconds": round(time.time() - t, 1)}))


if __name__ == "__main__":
    main()
