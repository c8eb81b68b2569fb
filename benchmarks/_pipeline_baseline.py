"""The naive baseline of bench_score.py: what a competent user writes first.

    python benchmarks/_pipeline_baseline.py MODEL_DIR IN.jsonl OUT.jsonl [--batch-size 32]

A ``transformers`` text-classification pipeline over the pairs in input order,
``batch_size=32``, all three scores per pair (``top_k=None``). ``truncation=True`` only
so that a pair over the model's length limit does not crash it. Run as a whole process
by bench_score.py, like ``claimbench score``; it writes one JSON line per pair with the
scores by the checkpoint's label names.
"""

import argparse
import json

from transformers import pipeline


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    with open(args.input, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    clf = pipeline("text-classification", model=args.model, device="cpu")
    inputs = [{"text": r["premise"], "text_pair": r["hypothesis"]} for r in rows]
    results = clf(inputs, batch_size=args.batch_size, top_k=None, truncation=True)
    with open(args.output, "w", encoding="utf-8") as fh:
        for r, scores in zip(rows, results):
            fh.write(json.dumps({"id": r.get("id"), "scores": {s["label"]: s["score"] for s in scores}})
                     + "\n")


if __name__ == "__main__":
    main()
