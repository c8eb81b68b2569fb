"""Run every performance benchmark and print one table: figure, value, target, met?

    python benchmarks/run_all.py [--quick] [--only score backend analyze harness startup]
        [--json OUT.json]

Each script runs as its own process (so one's memory or threads never touch
another's), prints its own output as it goes, and hands its figures back through
``--json``; the combined table comes last, in Markdown, ready for the README. ``--quick``
passes ``--quick`` to every script: tiny sizes, a smoke check of the scripts, not figures
to publish. Run it on an idle machine: each script warns when the load average says
the timings are not representative.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import Figure, format_table, machine, print_machine  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = {"startup": "bench_startup.py", "harness": "bench_harness.py", "score": "bench_score.py",
           "backend": "bench_backend.py", "analyze": "bench_analyze.py"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="tiny sizes: check that the scripts run")
    ap.add_argument("--only", nargs="+", choices=list(SCRIPTS), default=list(SCRIPTS))
    ap.add_argument("--json", metavar="OUT", help="also write every script's figures here")
    args = ap.parse_args()
    info = machine(None)
    print_machine(info)
    figures: list[Figure] = []
    collected, failed = [], []
    with tempfile.TemporaryDirectory(prefix="claimbench-run-all-") as work:
        for name in args.only:
            out = os.path.join(work, f"{name}.json")
            cmd = [sys.executable, os.path.join(HERE, SCRIPTS[name]), "--json", out]
            if args.quick:
                cmd.append("--quick")
            print(f"\n=== {SCRIPTS[name]}{' --quick' if args.quick else ''}", flush=True)
            t = time.perf_counter()
            code = subprocess.call(cmd)
            print(f"=== {SCRIPTS[name]}: {time.perf_counter() - t:.0f} s, exit {code}", flush=True)
            if code != 0 or not os.path.exists(out):
                failed.append(name)
                continue
            with open(out, encoding="utf-8") as fh:
                data = json.load(fh)
            collected.append(data)
            figures += [Figure(**f) for f in data["figures"]]
    print(f"\n## Performance figures{' (--quick: smoke sizes, not for publishing)' if args.quick else ''}\n")
    print(format_table(figures))
    missed = [f for f in figures if f.met is False]
    print(f"\n{sum(f.met is True for f in figures)} targets met, {len(missed)} missed"
          + (f"; scripts that failed: {', '.join(failed)}" if failed else ""))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"machine": info, "quick": args.quick, "scripts": collected}, fh, indent=1)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
