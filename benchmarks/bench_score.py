"""NLI scoring throughput: ``claimbench score`` against a naive ``transformers`` pipeline,
and the achieved GFLOP/s as a fraction of this machine's matmul peak.

    python benchmarks/bench_score.py [--model DIR] [--n 2000] [--cores 2]
        [--precisions fp32 bf16] [--repeat 1] [--quick] [--json OUT.json]

Both sides are whole processes (Python start, imports, model load, scoring, writing),
run one after the other in this run on the same ``--n`` mixed-length pairs (40% MNLI
dev, 40% SNLI dev, 20% ANLI dev, seeded) and the same model, pinned to ``--cores``
CPUs with as many threads:

- baseline: ``benchmarks/_pipeline_baseline.py``, a ``text-classification`` pipeline,
  ``batch_size=32``, pairs in input order, ``top_k=None``;
- ``claimbench score IN.jsonl --model DIR --precision P`` for each precision.

``--model`` takes any local Hugging Face checkpoint. Without it the shipped model
(a delta over a base package, which a pipeline cannot read) is written once as a plain
checkpoint (``save_pretrained`` of the loaded model and tokenizer) to a temporary
directory, and both sides load that directory.

Hardware efficiency is measured in this process on the same pairs and cores: the
encoder FLOPs of the batches ``NLIModel`` actually runs (length-sorted, padded per
batch: 2 x weights x tokens for the dense layers, 4 x seq^2 x hidden per layer and
sequence for attention; checked against ``torch.utils.flop_counter``), divided by the
scoring time, against the best of large square matmuls (fp32 and bf16) with the same
threads. Needs ../shared/data (or hub access). Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import (  # noqa: E402
    Report,
    add_standard_options,
    claimbench_cmd,
    limit_cores,
    machine,
    mixed_pairs,
    print_machine,
    quiet_datasets,
    run_process,
)

TARGET_RATIO = 3.0
TARGET_PEAK_FRACTION = 0.5
HERE = os.path.dirname(os.path.abspath(__file__))


def materialize_shipped(out_dir: str) -> str:
    """The shipped model as a plain Hugging Face checkpoint (what a pipeline can load)."""
    from claimbench._hf import quiet_loading
    from claimbench.models import NLIModel

    nli = NLIModel()
    with quiet_loading():
        nli.model.save_pretrained(out_dir)
        nli.tokenizer.save_pretrained(out_dir)
    return out_dir


# --------------------------------------------------------------------------- FLOPs
def layer_flops(seq: int, hidden: int, ffn: int, *, attention: bool = True) -> int:
    """FLOPs of one transformer encoder layer on one sequence of ``seq`` tokens.

    Dense: Q, K, V, output (4 h x h) and the feed-forward (2 h x ffn) matrices, 2 FLOPs
    per weight per token. Attention: scores Q K^T and the weighted sum of V, each
    2 x seq^2 x h.
    """
    return seq * (8 * hidden * hidden + 4 * hidden * ffn) + (4 * seq * seq * hidden if attention else 0)


def model_flops(config, batches: list[tuple[int, int]], *, attention: bool = True) -> float:
    """Encoder + pooler + classifier FLOPs of ``(batch size, padded length)`` batches."""
    h, f, n_layers = config.hidden_size, config.intermediate_size, config.num_hidden_layers
    head = 2 * h * h + 2 * h * config.num_labels          # pooler and classifier, per sequence
    return float(sum(b * (n_layers * layer_flops(s, h, f, attention=attention) + head)
                     for b, s in batches))


def planned_batches(model, pairs: list[tuple[str, str]]) -> tuple[list[tuple[int, int]], list[int]]:
    """The ``(size, padded length)`` batches ``NLIModel.predict`` runs, and the real lengths."""
    features, _ = model.encode(pairs)
    lengths = sorted((len(f["input_ids"]) for f in features), reverse=True)
    bs = model.batch_size
    return [(len(lengths[i:i + bs]), lengths[i]) for i in range(0, len(lengths), bs)], lengths


def check_formula(model, pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """torch's FLOP counter over one real batch, divided by the formula's count for it
    (all of it, and the dense layers alone: the counter may not know the attention
    kernel a CPU build runs)."""
    import torch
    from torch.utils.flop_counter import FlopCounterMode

    features, _ = model.encode(pairs[:8])
    batch = model.tokenizer.pad(features, return_tensors="pt")
    counter = FlopCounterMode(display=False)
    with torch.inference_mode(), counter:
        model.model(**batch)
    shape = [(len(features), batch["input_ids"].shape[1])]
    counted = counter.get_total_flops()
    return (counted / model_flops(model.model.config, shape),
            counted / model_flops(model.model.config, shape, attention=False))


def matmul_peak(dtype_name: str, *, size: int = 2048, seconds: float = 2.0) -> float:
    """Best GFLOP/s of ``size`` x ``size`` matmuls in this dtype on torch's current threads."""
    import torch

    dtype = {"fp32": torch.float32, "bf16": torch.bfloat16}[dtype_name]
    a = torch.randn(size, size).to(dtype)
    b = torch.randn(size, size).to(dtype)
    c = torch.empty(size, size, dtype=dtype)
    torch.matmul(a, b, out=c)                                   # warm-up: kernel selection
    best, end = float("inf"), time.perf_counter() + seconds
    while time.perf_counter() < end:
        t = time.perf_counter()
        torch.matmul(a, b, out=c)
        best = min(best, time.perf_counter() - t)
    return 2 * size**3 / best / 1e9


def in_process_gflops(model_dir: str, pairs: list[tuple[str, str]], precision: str,
                      batch_size: int) -> dict:
    """Scoring time of ``NLIModel.predict`` here, and the FLOPs of what it ran."""
    from claimbench.models import NLIModel

    model = NLIModel(model_dir, precision=precision, batch_size=batch_size)
    model.predict(pairs[:batch_size])                            # warm-up: lazy kernel init
    t = time.perf_counter()
    model.predict(pairs)
    dt = time.perf_counter() - t
    batches, lengths = planned_batches(model, pairs)
    cfg = model.model.config if hasattr(model.model, "config") else None
    executed = model_flops(cfg, batches)
    useful = model_flops(cfg, [(1, n) for n in lengths])
    ratio = check_formula(model, pairs) if precision == "fp32" else None
    return {"seconds": dt, "pairs_per_s": len(pairs) / dt, "gflops": executed / dt / 1e9,
            "useful_gflops": useful / dt / 1e9, "padding": 1 - sum(lengths) / sum(b * s for b, s in batches),
            "tokens": sum(lengths), "formula_check": ratio}


# --------------------------------------------------------------------------- main
def read_probs(path: str, names: list[str] | None = None) -> np.ndarray:
    """(n, 3) probabilities in LABELS order from claimbench's or the baseline's output."""
    from claimbench.models.labels import LABELS

    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    if names is None:
        return np.array([[r["probs"][c] for c in LABELS] for r in rows])
    return np.array([[r["scores"][names[i]] for i in range(3)] for r in rows])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", metavar="DIR", help="a local Hugging Face checkpoint (default: "
                                                    "the shipped model, written out as one)")
    ap.add_argument("--n", type=int, default=2000, help="pairs (2000)")
    ap.add_argument("--precisions", nargs="+", default=["fp32", "bf16"],
                    help="claimbench precisions to run (fp32 bf16)")
    ap.add_argument("--batch-size", type=int, default=32, help="batch size of both sides (32)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each side; the fastest counts")
    add_standard_options(ap, quick="200 pairs")
    args = ap.parse_args(argv)
    if args.quick:
        args.n = min(args.n, 200)
    quiet_datasets()
    import torch  # noqa: F401  (so the machine line has torch's threads)

    limit_cores(args.cores)
    info = machine(args.cores)
    print_machine(info)
    report = Report("bench_score", info)
    work = tempfile.mkdtemp(prefix="claimbench-bench-score-")
    try:
        rows = mixed_pairs(args.n, args.seed)
        pairs = [(r["premise"], r["hypothesis"]) for r in rows]
        chars = np.array([len(p) + len(h) for p, h in pairs])
        from claimbench.io import write_jsonl
        in_path = os.path.join(work, "pairs.jsonl")
        write_jsonl(in_path, [{"id": r["id"], "premise": r["premise"], "hypothesis": r["hypothesis"]}
                              for r in rows])
        model_dir = args.model or materialize_shipped(os.path.join(work, "model"))
        print(f"pairs: {len(pairs)} (40% MNLI, 40% SNLI, 20% ANLI dev; seed {args.seed}), "
              f"{chars.mean():.0f} chars on average, {chars.min()}-{chars.max()}")
        print(f"model: {args.model or 'shipped claimbench-nli-minilm, written out to ' + model_dir}")

        base_out = os.path.join(work, "baseline.jsonl")
        base = min((run_process([sys.executable, os.path.join(HERE, "_pipeline_baseline.py"), model_dir,
                                 in_path, base_out, "--batch-size", str(args.batch_size)],
                                cores=args.cores).check() for _ in range(args.repeat)),
                   key=lambda r: r.wall_s)
        base_rate = len(pairs) / base.wall_s
        print(f"baseline pipeline: {base.wall_s:6.1f} s  {base_rate:7.1f} pairs/s  "
              f"peak RSS {base.peak_rss_mb:.0f} MB")
        report.add("score: naive pipeline (fp32), whole process", base_rate, "pairs/s")
        from transformers import AutoConfig

        from claimbench.models.labels import LABELS, label_scheme
        scheme = label_scheme(AutoConfig.from_pretrained(model_dir).id2label)
        base_probs = read_probs(base_out, [scheme.names[scheme.index[c]] for c in LABELS])

        for prec in args.precisions:
            out = os.path.join(work, f"claimbench-{prec}.jsonl")
            cmd = claimbench_cmd("score", in_path, "--out", out, "--model", model_dir,
                                 "--precision", prec, "--batch-size", str(args.batch_size))
            run = min((run_process(cmd, cores=args.cores).check() for _ in range(args.repeat)),
                      key=lambda r: r.wall_s)
            rate = len(pairs) / run.wall_s
            probs = read_probs(out)
            agree = float(np.mean(probs.argmax(1) == base_probs.argmax(1)))
            ratio = rate / base_rate
            print(f"claimbench {prec}:   {run.wall_s:6.1f} s  {rate:7.1f} pairs/s  peak RSS "
                  f"{run.peak_rss_mb:.0f} MB  {ratio:.2f}x the baseline; labels agree with "
                  f"the baseline on {agree:.2%}")
            report.add(f"score: claimbench {prec}, whole process", rate, "pairs/s")
            report.add(f"score: claimbench {prec} / naive pipeline", ratio, "x",
                       f">= {TARGET_RATIO:g}x", ratio >= TARGET_RATIO, f"labels agree {agree:.1%}")

        print("\nhardware efficiency (scoring in this process, same pairs and cores):")
        peaks = {}
        for prec in args.precisions:
            if prec not in ("fp32", "bf16"):
                continue
            # The peak is the best of a measure before and one after the scoring, so that a
            # moment of load from elsewhere lowers neither side of the fraction alone.
            secs = 1.0 if args.quick else 3.0
            before = matmul_peak(prec, seconds=secs)
            g = in_process_gflops(model_dir, pairs, prec, args.batch_size)
            peaks[prec] = max(before, matmul_peak(prec, seconds=secs))
            frac = g["gflops"] / peaks[prec]
            check = (f"; torch FLOP counter / formula on one batch: {g['formula_check'][0]:.3f} "
                     f"(dense part alone: {g['formula_check'][1]:.3f})" if g["formula_check"] else "")
            print(f"  {prec}: matmul peak {peaks[prec]:.1f} GFLOP/s (2048^2); scoring "
                  f"{g['pairs_per_s']:.1f} pairs/s, {g['tokens']} tokens, {g['padding']:.1%} padding; "
                  f"{g['gflops']:.1f} GFLOP/s executed ({frac:.1%} of peak), "
                  f"{g['useful_gflops']:.1f} on real tokens{check}")
            report.add(f"score: matmul peak {prec} (2048x2048, {args.cores} threads)", peaks[prec], "GFLOP/s")
            report.add(f"score: achieved {prec}, scoring in process", g["gflops"], "GFLOP/s")
            report.add(f"score: achieved / peak, {prec}", frac * 100, "%",
                       f">= {TARGET_PEAK_FRACTION:.0%}", frac >= TARGET_PEAK_FRACTION,
                       f"{g['pairs_per_s']:.0f} pairs/s in process")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report.finish(args.json)


if __name__ == "__main__":
    main()
