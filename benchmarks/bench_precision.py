"""Does bf16 autocast cost accuracy? Score benchmark splits in fp32 and bf16; print accuracy,
contradiction F1, pairs/s and the largest probability difference.

    python benchmarks/bench_precision.py [--model NAME] [--sets mnli:dev snli:dev] [--limit N]

Needs ../shared/data (or hub access). Not a test: it prints figures for the README.
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import numpy as np
import torch
from sklearn.metrics import accuracy_score, f1_score

from claimbench.models import NLIModel, load_benchmark
from claimbench.models.benchmarks import parse_dataset_ref


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None)
    ap.add_argument("--sets", nargs="+", default=["mnli:dev", "snli:dev"])
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"torch {torch.__version__}, threads {torch.get_num_threads()}, "
          f"cpu capability {torch.backends.cpu.get_cpu_capability()}")
    models = {p: NLIModel(args.model, precision=p, batch_size=args.batch_size) for p in ("fp32", "bf16")}
    print(f"{'set':<16}{'precision':<10}{'n':>7}{'accuracy':>10}{'contr. F1':>11}{'pairs/s':>9}")
    for ref in args.sets:
        name, split, limit = parse_dataset_ref(ref)
        ds = load_benchmark(name, split, limit=limit)
        pairs = list(zip(ds["premise"], ds["hypothesis"]))
        probs = {}
        for prec, model in models.items():
            t = time.perf_counter()
            pred = model.predict(pairs)
            dt = time.perf_counter() - t
            probs[prec] = pred.probs
            acc = accuracy_score(ds["label"], pred.labels)
            cf1 = f1_score(ds["label"], pred.labels, labels=["contradiction"], average="macro")
            print(f"{ref:<16}{prec:<10}{len(pairs):>7}{acc:>10.4f}{cf1:>11.4f}{len(pairs) / dt:>9.1f}")
        diff = np.abs(probs["fp32"] - probs["bf16"])
        agree = (probs["fp32"].argmax(1) == probs["bf16"].argmax(1)).mean()
        print(f"{ref:<16}fp32 vs bf16: max |dp| {diff.max():.4f}, mean |dp| {diff.mean():.5f}, "
              f"label agreement {agree:.4f}")


if __name__ == "__main__":
    main()
