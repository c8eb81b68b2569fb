"""``claimbench perturb``: FactCC-style contradiction and neutral pairs from supported pairs."""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from ..eval.perturb import KINDS

PROGRESS_FROM_PAIRS = 200     # a progress bar (on a terminal) from this many input pairs on


def register(sub) -> None:
    p = sub.add_parser(
        "perturb", help="make contradiction/neutral pairs from entailment pairs (FactCC-style)",
        description="Read a fixture file (JSON lines with id, premise, hypothesis, label) and "
                    "write new pairs made from its entailment pairs by negation, entity, "
                    "number and date swaps and denial framing. Each output line records its "
                    "`perturbation` and `source` = generated:<parent id>; labels are defaults "
                    "documented in claimbench.eval.perturb and meant to be reviewed.")
    p.add_argument("input", metavar="IN.jsonl")
    p.add_argument("--out", default="-", metavar="OUT.jsonl", help="output file (default stdout)")
    p.add_argument("--seed", type=int, default=0, metavar="N", help="random seed (0)")
    p.add_argument("--kinds", default=",".join(KINDS), metavar="KIND,...",
                   help=f"perturbations to try (default all: {','.join(KINDS)})")
    p.add_argument("--per-pair", type=int, default=1, metavar="K",
                   help="at most K generated pairs per entailment pair, of different kinds (1)")
    p.set_defaults(handler=cmd_perturb)


def cmd_perturb(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..eval.fixtures import load_fixtures
    from ..eval.perturb import Perturber
    from ..io import write_jsonl

    gen = Perturber(seed=args.seed, kinds=args.kinds.split(","), per_pair=args.per_pair)
    pairs = load_fixtures(args.input)
    parents = sum(p.label == "entailment" for p in pairs)
    if not parents:
        raise InputError("no entailment pairs to perturb",
                         path="<stdin>" if args.input == "-" else args.input)
    out = gen.generate(pairs, show_progress_bar=sys.stderr.isatty() and len(pairs) > PROGRESS_FROM_PAIRS)
    write_jsonl(args.out, out)
    kinds = Counter(o["perturbation"] for o in out)
    counts = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    print(f"claimbench perturb: {len(out)} pairs from {parents} entailment pairs"
          + (f" ({counts})" if counts else ""), file=sys.stderr)
    return 0
