"""``claimbench eval-realnews``: the figures on real news (the team's annotations of
Emergent and FNC-1 train, joined with ../shared/data), and the stance classifier's fit."""

from __future__ import annotations

import argparse
import json

from .common import add_model_options, load_model


def register(sub) -> None:
    p = sub.add_parser(
        "eval-realnews", help="score extraction and stance on the real-news development set",
        description="Headline denials (Emergent train) and claims, sources and denials in article "
                    "bodies (FNC-1 train) against the team's annotations (claims/realnews), on the "
                    "tune and report halves of the stories; the stance of documents towards claims "
                    "on the report half, the plain NLI label beside the stance classifier. Needs "
                    "the public datasets (../shared/data or $CLAIMBENCH_DATA_DIR).")
    p.add_argument("--data-dir", metavar="DIR", help="the public datasets (default ../shared/data)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--no-stance", action="store_true", help="extraction figures only (no model)")
    p.add_argument("--fit-stance", metavar="OUT.json",
                   help="fit the stance classifier on the tune half, write it here and report with it")
    p.add_argument("--stance", metavar="FILE", help="stance classifier to report (default: the shipped one)")
    p.add_argument("--fnc1-per-split", type=int, default=None, metavar="N",
                   help="FNC-1 pairs verified per half (default 700; bodies are slow to verify)")
    p.add_argument("--cache", default="runs/realnews_readings.jsonl", metavar="FILE",
                   help="NLI readings cache (resumes an interrupted run; refits cost no NLI)")
    add_model_options(p)
    p.set_defaults(handler=cmd_eval_realnews)


def cmd_eval_realnews(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..eval.realnews import FNC1_PER_SPLIT, evaluate_realnews
    from ..verify.stance import StanceClassifier

    n = FNC1_PER_SPLIT if args.fnc1_per_split is None else args.fnc1_per_split
    if n < 0:
        raise InputError(f"--fnc1-per-split must be >= 0, got {n}")
    model = None if args.no_stance else load_model(args)
    result = evaluate_realnews(model, data_dir=args.data_dir, fit_stance=args.fit_stance,
                               stance_model=StanceClassifier.load(args.stance) if args.stance else None,
                               fnc1_per_split=n, cache_path=args.cache, stance=not args.no_stance)
    if args.format == "json":
        print(json.dumps(result, indent=2))
    else:
        _print_tables(result)
    return 0


def _fmt(x) -> str:
    return "-" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)


def _print_tables(result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    t = Table(title="Real news: extraction (team annotations; develop on tune, report on report)")
    for col in ("measure", "tune", "report"):
        t.add_column(col)
    ex = result["extraction"]
    for part, keys in (("headlines", ("denier_recall", "denial_recall", "false_denial_rate",
                                      "proposition_accuracy")),
                       ("bodies", ("claim_precision", "claim_recall", "source_accuracy", "denial_precision",
                                   "denial_recall", "proposition_accuracy"))):
        for k in keys:
            t.add_row(f"{part}: {k.replace('_', ' ')}", _fmt(ex["tune"][part][k]), _fmt(ex["report"][part][k]))
    console.print(t)
    st = result.get("stance")
    if not st:
        return
    t = Table(title=f"Real news: stance on the report half ({st['model']})")
    for col in ("set", "measure", "plain NLI label", "stance model"):
        t.add_column(col)
    for ds in ("emergent", "fnc1"):
        res = st[ds]
        for k in ("accuracy", "macro_f1", "supports_f1", "denies_f1", "reports_f1", "ece"):
            t.add_row(ds, k.replace("_", " "), _fmt(res["nli_baseline"].get(k)),
                      _fmt(res.get("stance_model", {}).get(k)))
    console.print(t)
