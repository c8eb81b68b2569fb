"""The faster backends against fp32: speed-up and MNLI dev-matched accuracy, with a verdict.

    python benchmarks/bench_backend.py [--backends int8 bf16] [--limit N] [--cores 2]
        [--model NAME] [--quick] [--json OUT.json]

Each backend is an ``NLIModel`` precision (``int8``: dynamic quantization of the linear
layers, see ``claimbench.models.nli.quantize_int8``; ``bf16``: autocast). The fp32 model
and each backend score the same MNLI dev-matched pairs (all 9,815 unless ``--limit``
takes a seeded sample) in this process, each after a one-batch warm-up, timed over
``predict`` alone (model loading and quantizing are printed apart). A backend is
accepted when its accuracy is less than 1 point below fp32's; the script prints
ACCEPT or REJECT for each (on a ``--limit`` sample the verdict is provisional).

Threads: this process is pinned to ``--cores`` CPUs and torch runs that many intra-op
threads (one per core: fbgemm's int8 and oneDNN's bf16 kernels split each matmul over
them, and a second thread on a core only contends for the same vector units) and one
inter-op thread (batches run one after another; there is nothing to overlap).
Tokenizer parallelism is off (its Rust threads would take cores from the matmuls).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import Report, add_standard_options, limit_cores, machine, print_machine, quiet_datasets  # noqa: E402

MAX_DROP_POINTS = 1.0


def timed_predict(model, pairs, batch_size: int):
    model.predict(pairs[:batch_size])                  # warm-up: kernel selection, packing
    t = time.perf_counter()
    pred = model.predict(pairs)
    return pred, time.perf_counter() - t


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backends", nargs="+", choices=("int8", "bf16"), default=["int8", "bf16"])
    ap.add_argument("--limit", type=int, default=None, help="a seeded sample of N pairs (all 9,815)")
    ap.add_argument("--model", default=None, help="model name or path (the shipped default)")
    ap.add_argument("--batch-size", type=int, default=32)
    add_standard_options(ap, quick="300 pairs")
    args = ap.parse_args(argv)
    if args.quick:
        args.limit = min(args.limit or 300, 300)
    quiet_datasets()
    import torch

    torch.set_num_interop_threads(1)
    limit_cores(args.cores)
    info = machine(args.cores)
    print_machine(info)
    report = Report("bench_backend", info)

    from claimbench.models import NLIModel, load_benchmark

    ds = load_benchmark("mnli", "dev", limit=args.limit, seed=args.seed)
    pairs = list(zip(ds["premise"], ds["hypothesis"]))
    gold = np.array(ds["label"])
    sample = f"a {len(pairs)}-pair sample (provisional verdict)" if args.limit else "all pairs"
    print(f"MNLI dev-matched: {len(pairs)} pairs ({sample}); model {args.model or 'shipped default'}")

    t = time.perf_counter()
    base = NLIModel(args.model, precision="fp32", batch_size=args.batch_size)
    load = time.perf_counter() - t
    ref, ref_s = timed_predict(base, pairs, args.batch_size)
    ref_acc = float(np.mean(np.array(ref.labels) == gold))
    print(f"fp32: accuracy {ref_acc:.4f}, {len(pairs) / ref_s:.1f} pairs/s (load {load:.1f} s)")
    report.add("backend: fp32 MNLI dev-matched accuracy", ref_acc, note=f"{len(pairs)} pairs")
    report.add("backend: fp32 scoring", len(pairs) / ref_s, "pairs/s")
    for backend in args.backends:
        t = time.perf_counter()
        model = NLIModel.from_loaded(base.model, base.tokenizer, name=base.name, precision=backend,
                                     batch_size=args.batch_size)
        prep = time.perf_counter() - t
        pred, secs = timed_predict(model, pairs, args.batch_size)
        acc = float(np.mean(np.array(pred.labels) == gold))
        drop = (ref_acc - acc) * 100
        speedup = ref_s / secs
        agree = float(np.mean(np.array(pred.labels) == np.array(ref.labels)))
        verdict = "ACCEPT" if drop < MAX_DROP_POINTS else "REJECT"
        print(f"{backend}: accuracy {acc:.4f} ({-drop:+.2f} points), {len(pairs) / secs:.1f} pairs/s, "
              f"{speedup:.2f}x fp32; labels agree with fp32 on {agree:.2%}; max |dp| "
              f"{np.abs(pred.probs - ref.probs).max():.3f} (set-up {prep:.1f} s)")
        print(f"{verdict} {backend}: accuracy drop {drop:.2f} points "
              f"({'<' if drop < MAX_DROP_POINTS else '>='} {MAX_DROP_POINTS:g}) on {sample}")
        report.add(f"backend: {backend} speed-up over fp32", speedup, "x",
                   note=f"{len(pairs) / secs:.0f} pairs/s")
        report.add(f"backend: {backend} MNLI accuracy drop", drop, "points",
                   f"< {MAX_DROP_POINTS:g} point", drop < MAX_DROP_POINTS,
                   f"{verdict}; accuracy {acc:.4f}, agree {agree:.1%}")
    report.finish(args.json)


if __name__ == "__main__":
    main()
