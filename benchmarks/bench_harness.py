"""Harness overhead on cached predictions: metrics plus 1,000 bootstrap resamples over
20,000 pairs, in memory and as a whole cached evaluation run.

    python benchmarks/bench_harness.py [--n 20000] [--resamples 1000] [--quick] [--json OUT.json]

Two figures, each the best of ``--repeat`` runs:

- in memory: ``classification_report`` + ``bootstrap_ci`` (1,000 resamples) on 20,000
  predictions, the core of every evaluation;
- a cached run: ``run_suite`` of the shipped model on a 20,000-pair fixture file whose
  predictions are all already in a fresh SQLite store (the state of a rerun), so nothing
  is scored: the store lookups, ``compute_results`` (metrics and bootstrap intervals of
  the test split and of the tuned threshold), the manifest and the store writes. The
  model is loaded before the clock starts (loading is start-up, see bench_startup.py).

Predictions are random but realistic (the gold class gets a logit bonus, probabilities
rounded to two decimals so that ties occur, as in real runs). Not a test: it prints
figures; the tests check the intervals' behaviour, not their speed.
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
from _common import Report, add_standard_options, limit_cores, machine, print_machine  # noqa: E402

TARGET_SECONDS = 5.0
LABELS = ("entailment", "neutral", "contradiction")


def predictions(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Gold codes and ``(n, 3)`` probabilities of a fair model (about 60% accurate)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    logits = rng.normal(size=(n, 3))
    logits[np.arange(n), y] += 1.0
    p = np.round(np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True), 2)
    return y, p / p.sum(axis=1, keepdims=True)


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def cached_run(n: int, resamples: int, seed: int, repeat: int, work: str) -> tuple[float, int]:
    """Seconds of ``run_suite`` with every prediction cached; also how many it scored (0)."""
    from claimbench.eval.fixtures import pair_sha256
    from claimbench.eval.runner import model_key, run_suite
    from claimbench.eval.store import Store
    from claimbench.eval.suites import fixtures_suite
    from claimbench.models import NLIModel

    y, p = predictions(n, seed)
    rows = [{"id": f"p{i}", "premise": f"Premise number {i} of the benchmark fixture.",
             "hypothesis": f"Hypothesis {i} about it.", "label": LABELS[y[i]],
             "split": "dev" if i % 5 == 0 else "test"} for i in range(n)]
    fixture = os.path.join(work, "cached.jsonl")
    with open(fixture, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows)
    model = NLIModel()
    key = model_key(model)
    suite = fixtures_suite([fixture])
    pairs = suite.load_pairs()
    times, scored = [], 0
    for i in range(repeat):
        db = Store(os.path.join(work, f"runs-{i}.db"))
        run_id, _ = db.start_run(model="warm-cache", model_key=key, suite="seed", config={},
                                 config_key="seed", pairs=[])
        db.put_predictions(run_id, key, [(pair_sha256(r["premise"], r["hypothesis"]), p[j], False)
                                         for j, r in enumerate(rows)])
        t = time.perf_counter()
        result = run_suite(suite, model, store=db, seed=seed, n_bootstrap=resamples, pairs=pairs)
        times.append(time.perf_counter() - t)
        scored = result.n_scored
        db.close()
    return min(times), scored


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20_000, help="cached predictions (20000)")
    ap.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (1000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest counts (3)")
    add_standard_options(ap, quick="2,000 pairs, one run each")
    args = ap.parse_args(argv)
    if args.quick:
        args.n, args.repeat = min(args.n, 2000), 1
    import torch  # noqa: F401  (threads on the machine line; the cached run loads the model)

    limit_cores(args.cores)
    info = machine(args.cores)
    print_machine(info)
    report = Report("bench_harness", info)

    from claimbench.eval.bootstrap import bootstrap_ci
    from claimbench.eval.metrics import classification_report

    y, p = predictions(args.n, args.seed)
    secs = best_of(args.repeat, lambda: (classification_report(y, p),
                                         bootstrap_ci(y, p, n_resamples=args.resamples, seed=args.seed)))
    print(f"metrics + {args.resamples} bootstrap resamples, {args.n} pairs in memory: {secs:.2f} s")
    target = args.n >= 20_000 and args.resamples >= 1000
    report.add(f"harness: metrics + {args.resamples} bootstrap resamples, {args.n:,} pairs", secs, "s",
               f"<= {TARGET_SECONDS:g} s", secs <= TARGET_SECONDS if target else None)

    work = tempfile.mkdtemp(prefix="claimbench-bench-harness-")
    try:
        secs, scored = cached_run(args.n, args.resamples, args.seed, args.repeat, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"cached evaluation run (run_suite, {args.n} pairs, {scored} scored): {secs:.2f} s")
    report.add(f"harness: cached eval run end to end, {args.n:,} pairs", secs, "s",
               f"<= {TARGET_SECONDS:g} s", secs <= TARGET_SECONDS if target else None,
               "store read, metrics and bootstraps (dev, test, threshold), manifest, store write")
    report.finish(args.json)


if __name__ == "__main__":
    main()
