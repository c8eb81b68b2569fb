"""Pairs per second of the local and the Ray engine on the same mixed-length pairs.

    python benchmarks/bench_engines.py [--n 5000] [--precision fp32] [--concurrency 2]
        [--ray-batch-size 256] [--num-cpus 0.5] [--address ADDR] [--engines local ray]

Pairs: half MNLI dev, half SNLI dev (a seeded sample, shuffled), read from
../shared/data (or the hub). Each engine's time is the whole ``score_pairs`` call,
model loading included: for Ray that is the actors starting and each loading the
model, on a Ray that is already up (its start-up is printed apart, as on a cluster
it is paid once). Local scoring without the load is printed too. It also prints the
largest probability difference between the engines. Not a test: figures for the README.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import time

import numpy as np
import torch

from claimbench.models import NLIModel, load_benchmark
from claimbench.models.engine import RayOptions, score_pairs

from _common import cpu_model  # noqa: E402  (benchmarks/ is on sys.path when run as a script)


def mixed_pairs(n: int, seed: int) -> list[tuple[str, str]]:
    pairs = []
    for name, k in (("mnli", n - n // 2), ("snli", n // 2)):
        ds = load_benchmark(name, "dev", limit=k, seed=seed)
        pairs += list(zip(ds["premise"], ds["hypothesis"]))
    random.Random(seed).shuffle(pairs)
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000, help="number of pairs (5000)")
    ap.add_argument("--model", default=None, help="model name or path (shipped default)")
    ap.add_argument("--precision", choices=("fp32", "bf16"), default="fp32")
    ap.add_argument("--batch-size", type=int, default=32, help="model batch size (32)")
    ap.add_argument("--concurrency", type=int, default=2, help="Ray actors (2)")
    ap.add_argument("--ray-batch-size", type=int, default=256, help="pairs per Ray batch (256)")
    ap.add_argument("--num-cpus", type=float, default=0.5, help="CPUs per Ray actor (0.5)")
    ap.add_argument("--address", default=None, help="Ray cluster to join (default: local Ray)")
    ap.add_argument("--engines", nargs="+", choices=("local", "ray"), default=["local", "ray"])
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)

    pairs = mixed_pairs(args.n, args.seed)
    chars = np.array([len(p) + len(h) for p, h in pairs])
    options = {"precision": args.precision, "batch_size": args.batch_size}
    ray_opts = RayOptions(address=args.address, concurrency=args.concurrency,
                          batch_size=args.ray_batch_size, num_cpus=args.num_cpus)
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores, load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}; torch {torch.__version__} "
          f"({torch.get_num_threads()} threads)")
    print(f"pairs: {len(pairs)} (MNLI+SNLI dev), premise+hypothesis {chars.mean():.0f} chars on "
          f"average, {chars.min()}-{chars.max()}")
    print(f"settings: model {args.model or 'default'}, {args.precision}, model batch "
          f"{args.batch_size}; Ray: {ray_opts}")

    results = {}
    if "local" in args.engines:
        t = time.perf_counter()
        model = NLIModel(args.model, **options)
        load = time.perf_counter() - t
        t = time.perf_counter()
        results["local"] = model.predict(pairs)
        score = time.perf_counter() - t
        print(f"local: {len(pairs) / (load + score):8.1f} pairs/s with the model load "
              f"({load:.1f} s load + {score:.1f} s scoring); {len(pairs) / score:.1f} pairs/s "
              f"scoring only")
        del model
    if "ray" in args.engines:
        import ray

        t = time.perf_counter()
        if args.address:
            ray.init(address=args.address, logging_level=logging.WARNING)
        else:
            ray.init(include_dashboard=False, object_store_memory=300 * 1024**2,
                     logging_level=logging.WARNING)
        start = time.perf_counter() - t
        cpus = ray.cluster_resources().get("CPU", 0)
        try:
            t = time.perf_counter()
            results["ray"] = score_pairs(pairs, model=args.model, model_options=options,
                                         engine="ray", ray=ray_opts)
            wall = time.perf_counter() - t
        finally:
            ray.shutdown()
        print(f"ray:   {len(pairs) / wall:8.1f} pairs/s with the actors' start and model loads "
              f"({wall:.1f} s; {args.concurrency} actors x {args.num_cpus:g} CPU on a Ray of "
              f"{cpus:g} CPUs; Ray start-up {start:.1f} s not counted)")
    if len(results) == 2:
        diff = np.abs(results["local"].probs - results["ray"].probs).max()
        same = np.mean(np.array(results["local"].labels) == np.array(results["ray"].labels))
        print(f"local vs ray: max |dp| {diff:.2e}, label agreement {same:.4f}")


if __name__ == "__main__":
    main()
