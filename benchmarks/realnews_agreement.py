"""Inter-annotator agreement on the real-news development set: a 10% sample annotated a
second time, blind (``claims/realnews/second/``), against the first annotation.

Usage (from the repository root):
    .venv/bin/python benchmarks/realnews_agreement.py [--json claims/realnews/agreement.json]

Headlines (63 rows): is-denial (Cohen's kappa), strength, named denier (span overlap),
denied proposition (content-word F1 >= 0.5 between the two, as the scorer judges a
prediction). Bodies (5): claim spans and denial spans (one-to-one, half-overlap F1),
source agreement on matched claims, pairs (claim/denial/label over matched ids).
Needs ../shared/data (the text is never in the project).
"""

from __future__ import annotations

import argparse
import glob
import json
import os


def _overlap(a, b) -> bool:
    return bool(a and b and min(a[1], b[1]) > max(a[0], b[0]))


def headlines() -> dict:
    from sklearn.metrics import cohen_kappa_score

    from claimbench.eval.realnews import load_headlines, proposition_correct, realnews_dir

    first = {h.row: h for h in load_headlines()}
    with open(os.path.join(realnews_dir(), "emergent_headlines.jsonl"), encoding="utf-8") as fh:
        raw_first = {r["row"]: r for r in map(json.loads, fh)}
    with open(os.path.join(realnews_dir(), "second", "emergent_headlines.jsonl"), encoding="utf-8") as fh:
        second = [json.loads(line) for line in fh if line.strip()]
    a = [raw_first[r["row"]]["is_denial"] for r in second]
    b = [r["is_denial"] for r in second]
    both = [r for r in second if r["is_denial"] and raw_first[r["row"]]["is_denial"]]
    named = [r for r in both if raw_first[r["row"]]["denier"] or r["denier"]]
    props = 0
    for r in both:
        h = first[r["row"]]
        p = r["proposition"]
        text = h.claim if p["in"] == "claim" else h.text
        props += proposition_correct(" ".join(text[s:e] for s, e in p["spans"]), h.proposition)
    return {"rows": len(second), "is_denial_agreement": sum(x == y for x, y in zip(a, b)) / len(a),
            "is_denial_kappa": float(cohen_kappa_score(a, b)), "both_denial": len(both),
            "strength_agreement": sum(r["strength"] == raw_first[r["row"]]["strength"] for r in both) / len(both),
            "denier_agreement": sum(_overlap(r["denier"], raw_first[r["row"]]["denier"]) for r in named)
            / max(1, len(named)), "named_deniers": len(named),
            "proposition_agreement": props / len(both)}


def bodies() -> dict:
    from claimbench.eval.extraction import match_spans
    from claimbench.eval.realnews import realnews_dir

    tot = {"claims_a": 0, "claims_b": 0, "claims_matched": 0, "sources_same": 0, "denials_a": 0,
           "denials_b": 0, "denials_matched": 0, "pairs_a": 0, "pairs_b": 0, "pairs_matched": 0}
    for path in sorted(glob.glob(os.path.join(realnews_dir(), "second", "fnc1", "*.json"))):
        with open(path, encoding="utf-8") as fh:
            b = json.load(fh)
        with open(os.path.join(realnews_dir(), "fnc1", os.path.basename(path)), encoding="utf-8") as fh:
            a = json.load(fh)
        assert a["sha1"] == b["sha1"], path
        m = match_spans(a["claims"], b["claims"])                    # {b_id: a_id}
        ca, cb = {c["id"]: c for c in a["claims"]}, {c["id"]: c for c in b["claims"]}
        tot["claims_a"] += len(ca)
        tot["claims_b"] += len(cb)
        tot["claims_matched"] += len(m)
        tot["sources_same"] += sum((cb[k]["source"] is None) == (ca[v]["source"] is None)
                                   and (cb[k]["source"] is None or _overlap(cb[k]["source"], ca[v]["source"]))
                                   for k, v in m.items())
        dm = match_spans(a["denials"], b["denials"])
        tot["denials_a"] += len(a["denials"])
        tot["denials_b"] += len(b["denials"])
        tot["denials_matched"] += len(dm)
        pa = {(p["claim_id"], p["denial_id"], p["label"]) for p in a["pairs"]}
        pb = {(m.get(p["claim_id"]), dm.get(p["denial_id"]), p["label"]) for p in b["pairs"]}
        tot["pairs_a"] += len(pa)
        tot["pairs_b"] += len(pb)
        tot["pairs_matched"] += len(pa & pb)

    def f1(m, x, y):
        return 2 * m / (x + y) if x + y else None

    return {"bodies": len(glob.glob(os.path.join(realnews_dir(), "second", "fnc1", "*.json"))), **tot,
            "claim_span_f1": f1(tot["claims_matched"], tot["claims_a"], tot["claims_b"]),
            "source_agreement": tot["sources_same"] / max(1, tot["claims_matched"]),
            "denial_span_f1": f1(tot["denials_matched"], tot["denials_a"], tot["denials_b"]),
            "pair_f1": f1(tot["pairs_matched"], tot["pairs_a"], tot["pairs_b"])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", metavar="FILE", help="also write the figures here")
    args = ap.parse_args()
    out = {"headlines": headlines(), "bodies": bodies()}
    print(json.dumps(out, indent=2))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=2)
            fh.write("\n")


if __name__ == "__main__":
    main()
