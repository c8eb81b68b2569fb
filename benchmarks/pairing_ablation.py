"""What the NLI reading adds to pair labels: leave-one-article-out pair F1 of the pair
classifier fitted with and without its NLI features, on the gold corpus.

    python benchmarks/pairing_ablation.py [--model NAME_OR_PATH] [--json OUT.json]

Every candidate pair of the 17 gold articles is scored in both directions once. Then,
for each article in turn, a :class:`~claimbench.verify.pairclf.PairClassifier` is
fitted (weights and threshold) on the candidates of the other 16 and labels that
article's candidates; pair F1 counts every gold contradiction pair, in and across
articles, also those no candidate reaches (as ``eval-extraction`` does). Feature sets:
all (the shipped classifier's), pairing features only (no NLI), and each NLI direction
alone. With 17 articles a difference of a few hundredths is within noise. Not a test:
it prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import ROOT  # noqa: E402

FEATURE_SETS = {
    "all (NLI both directions + pairing)": lambda f: True,
    "pairing features only (no NLI)": lambda f: not f.startswith(("forward_", "backward_")),
    "forward NLI + pairing": lambda f: not f.startswith("backward_"),
    "backward NLI + pairing": lambda f: not f.startswith("forward_"),
}


def leave_one_out(X: np.ndarray, y: np.ndarray, denial_doc: np.ndarray, golds, corpus_pairs) -> dict:
    from claimbench.eval.extraction import count_gold_pairs
    from claimbench.verify.pairclf import PairClassifier

    ids = sorted(g["doc_id"] for g in golds)
    tp = predicted = 0
    for doc in ids:
        train, test = denial_doc != doc, denial_doc == doc
        if not y[train].any():
            continue
        clf = PairClassifier.fit(X[train], y[train],
                                 n_positive=count_gold_pairs(golds, corpus_pairs, set(ids) - {doc}))
        pred = clf.predict(X[test])
        tp += int((pred & y[test]).sum())
        predicted += int(pred.sum())
    gold = count_gold_pairs(golds, corpus_pairs, set(ids))
    return {"f1": 2 * tp / (predicted + gold), "precision": tp / predicted if predicted else 0.0,
            "recall": tp / gold, "tp": tp, "predicted": predicted, "gold": gold}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="NLI model (default: the shipped one)")
    ap.add_argument("--json", metavar="OUT.json", help="also write the figures here")
    args = ap.parse_args(argv)

    from claimbench.claims.documents import load_gold
    from claimbench.eval.extraction import gold_targets
    from claimbench.models import NLIModel
    from claimbench.verify import analyze_corpus
    from claimbench.verify.pairclf import FEATURES, verdict_features

    golds, docs, corpus_pairs = load_gold(os.path.join(ROOT, "claims", "gold"),
                                          os.path.join(ROOT, "claims", "articles"))
    result = analyze_corpus(docs, NLIModel(args.model), label_pairs=False)
    X = verdict_features(result.verdicts)
    y = gold_targets(result.verdicts, result.analyses, golds, corpus_pairs)
    denial_doc = np.array([v.pair.denial_doc for v in result.verdicts])
    print(f"{len(docs)} gold articles, {len(y)} candidate pairs, {int(y.sum())} of them gold contradictions")
    print("leave-one-article-out pair F1 (in and across articles):")
    out = {}
    for name, keep in FEATURE_SETS.items():
        # A feature left out is zeroed: an all-zero column gets weight 0 (L2-regularised).
        masked = X * np.array([keep(f) for f in FEATURES], dtype=float)
        out[name] = leave_one_out(masked, y, denial_doc, golds, corpus_pairs)
        s = out[name]
        print(f"  {name:<40} F1 {s['f1']:.3f}  P {s['precision']:.3f}  R {s['recall']:.3f}  "
              f"({s['tp']} / {s['predicted']} / {s['gold']})")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=1)


if __name__ == "__main__":
    main()
