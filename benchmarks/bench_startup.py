"""Start-up: ``claimbench --help`` wall time (and that it imports no torch), and the default
model's first prediction from a fresh process.

    python benchmarks/bench_startup.py [--repeat 5] [--cores 2] [--quick] [--json OUT.json]

Every figure is a whole new Python process, timed from launch to exit; the median of
``--repeat`` runs counts (the first run also pays a cold file cache, which the median
leaves out but the printout shows). ``python -X importtime -m claimbench --help`` lists
what ``--help`` imports: torch, transformers, spaCy, datasets and sklearn must not be
among them (the CLI imports them inside the commands that need them).

First prediction: ``NLIModel()`` + ``predict`` of one pair in a fresh ``python -c``
(import, load of the shipped delta over its base package, one forward pass), and the
same through the command line, ``claimbench score`` of a one-line file. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import (  # noqa: E402
    ROOT,
    Report,
    add_standard_options,
    claimbench_cmd,
    core_env,
    limit_cores,
    machine,
    print_machine,
    run_process,
)

TARGET_HELP = 1.0
TARGET_FIRST = 5.0
HEAVY = ("torch", "transformers", "spacy", "datasets", "sklearn", "scipy", "pandas", "ray")
PAIR = ("The ministry said it had never sold drones to the rebels.",
        "The ministry sold drones to the rebels.")
FIRST_PREDICTION = (
    "import time; t0 = time.perf_counter()\n"
    "from claimbench.models import NLIModel\n"
    "t1 = time.perf_counter(); m = NLIModel(); t2 = time.perf_counter()\n"
    f"label = m.predict({PAIR!r}).label; t3 = time.perf_counter()\n"
    "import json; print(json.dumps({'import': t1 - t0, 'load': t2 - t1, 'predict': t3 - t2, "
    "'label': label}))\n")


def heavy_imports() -> list[str]:
    """Top-level packages of HEAVY that ``claimbench --help`` imports (``-X importtime``)."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "claimbench", "--help"],
                          capture_output=True, text=True, env=core_env(None), cwd=ROOT, check=True)
    names = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in proc.stderr.splitlines()
             if line.startswith("import time:") and "|" in line}
    return sorted(names & set(HEAVY))


def median_run(cmd: list[str], repeat: int, cores: int, stdout_path: str | None = None):
    runs = [run_process(cmd, cores=cores, stdout_path=stdout_path).check() for _ in range(repeat)]
    walls = [r.wall_s for r in runs]
    return statistics.median(walls), walls


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="runs of each; the median counts (5)")
    add_standard_options(ap, quick="two runs of each", seed=False)
    args = ap.parse_args(argv)
    if args.quick:
        args.repeat = min(args.repeat, 2)
    limit_cores(args.cores)
    info = machine(None)
    info["cores_used"] = args.cores
    print_machine(info)
    report = Report("bench_startup", info)

    help_s, walls = median_run(claimbench_cmd("--help"), args.repeat, args.cores)
    print(f"claimbench --help: median {help_s:.3f} s ({', '.join(f'{w:.3f}' for w in walls)})")
    report.add("startup: claimbench --help", help_s, "s", f"< {TARGET_HELP:g} s", help_s < TARGET_HELP)
    heavy = heavy_imports()
    print(f"heavy packages imported by --help: {', '.join(heavy) or 'none'}")
    report.add("startup: heavy packages imported by --help", len(heavy), "", "0 (no torch)",
               not heavy, ", ".join(heavy) or "none of " + "/".join(HEAVY))

    with tempfile.TemporaryDirectory(prefix="claimbench-bench-startup-") as work:
        out = os.path.join(work, "split.json")
        first_s, walls = median_run([sys.executable, "-c", FIRST_PREDICTION], args.repeat, args.cores,
                                    stdout_path=out)
        with open(out, encoding="utf-8") as fh:
            split = json.load(fh)
        print(f"first prediction, fresh python: median {first_s:.2f} s ({', '.join(f'{w:.2f}' for w in walls)});"
              f" last run: import {split['import']:.2f} s, load {split['load']:.2f} s, predict "
              f"{split['predict']:.3f} s -> {split['label']}")
        report.add("startup: default model's first prediction (library)", first_s, "s",
                   f"< {TARGET_FIRST:g} s", first_s < TARGET_FIRST,
                   f"import {split['import']:.1f} + load {split['load']:.1f} + predict "
                   f"{split['predict']:.2f} s")
        pair_file = os.path.join(work, "one.jsonl")
        with open(pair_file, "w", encoding="utf-8") as fh:
            fh.write(json.dumps({"premise": PAIR[0], "hypothesis": PAIR[1]}) + "\n")
        cli_s, walls = median_run(claimbench_cmd("score", pair_file), args.repeat, args.cores)
        print(f"first prediction, claimbench score (one pair): median {cli_s:.2f} s "
              f"({', '.join(f'{w:.2f}' for w in walls)})")
        report.add("startup: default model's first prediction (claimbench score)", cli_s, "s",
                   f"< {TARGET_FIRST:g} s", cli_s < TARGET_FIRST)
    report.finish(args.json)


if __name__ == "__main__":
    main()
