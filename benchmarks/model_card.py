"""Every figure of the default model's card, for one or two models side by side.

Usage (from the repository root):
    .venv/bin/python benchmarks/model_card.py --model models/claimbench-nli-minilm \\
        [--baseline OLD_MODEL_DIR] [--plots models/claimbench-nli-minilm] [--json OUT.json]

For each model: accuracy, macro-F1, contradiction F1 and expected calibration error (15
bins) on every set of the recipe's ``eval`` list (the MNLI and SNLI validation slices
first), and on the team's news-denials fixture test split (``claimbench eval``'s suite).
With ``--plots``, reliability diagrams of the validation slices, before and after the
temperature, are written there. Prints the CPU flags it ran on; needs ../shared/data.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import numpy as np

from _common import machine, print_machine

RECIPE = "models/claimbench-nli-minilm/recipe.toml"


def evaluate(model_dir: str, refs: list[str]) -> dict:
    from claimbench.models.training import evaluate_model

    out = evaluate_model(model_dir, refs, out_file=os.devnull)
    out["news_denials:test"] = news_denials(model_dir)
    return out


def news_denials(model_dir: str) -> dict:
    """The news-denials suite's test split, scored by the eval harness's metrics."""
    from claimbench._data import fixture_path
    from claimbench.eval.fixtures import load_fixtures
    from claimbench.metrics import benchmark_scores
    from claimbench.models import NLIModel

    pairs = load_fixtures(fixture_path("news_denials"), splits=["test"])
    pred = NLIModel(model_dir).predict([(p.premise, p.hypothesis) for p in pairs])
    return {"n": len(pairs), **benchmark_scores([p.label for p in pairs], pred.labels, pred.probs)}


def reliability_plots(model_dir: str, out_dir: str) -> list[str]:
    from claimbench.eval.plots import reliability_png
    from claimbench.models import LABELS, NLIModel
    from claimbench.models.training import load_labeled

    written = []
    for calibrated in (False, True):
        model = NLIModel(model_dir, calibrated=calibrated)
        for ref in ("mnli:validation", "snli:validation"):
            triples = load_labeled(ref, data_dir=None)
            probs = model.predict([(p, h) for p, h, _ in triples]).probs
            refs = np.array([LABELS.index(y) for _, _, y in triples])
            name = f"reliability-{ref.split(':')[0]}-{'calibrated' if calibrated else 'raw'}.png"
            with open(os.path.join(out_dir, name), "wb") as fh:
                fh.write(reliability_png(refs, probs, n_bins=15))
            written.append(name)
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="models/claimbench-nli-minilm")
    ap.add_argument("--baseline", help="another model directory, scored the same way beside it")
    ap.add_argument("--plots", metavar="DIR", help="write reliability diagrams here")
    ap.add_argument("--json", metavar="FILE", help="write the figures here")
    args = ap.parse_args()
    from claimbench.models.training import TrainConfig

    info = machine()
    print_machine(info)
    refs = TrainConfig.from_toml(RECIPE).eval
    result = {"machine": info, "models": {}}
    for name in filter(None, (args.baseline, args.model)):
        result["models"][name] = evaluate(name, refs)
    if args.plots:
        result["plots"] = reliability_plots(args.model, args.plots)
    names = list(result["models"])
    print("| set | n | " + " | ".join(f"{n}: acc / macro-F1 / contr. F1 / ECE" for n in names) + " |")
    print("|---|---|" + "---|" * len(names))
    for ref in [*refs, "news_denials:test"]:
        cells = []
        for n in names:
            r = result["models"][n][ref]
            cells.append(" / ".join(f"{r[k]:.3f}" if k in r else "-"
                                    for k in ("accuracy", "macro_f1", "contradiction_f1", "ece")))
        print(f"| {ref} | {result['models'][names[-1]][ref]['n']} | " + " | ".join(cells) + " |")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=2)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
