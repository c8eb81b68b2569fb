"""``claimbench eval``, ``runs``, ``compare`` and ``report``: the evaluation harness commands."""

from __future__ import annotations

import argparse
import json
import sys

from ..defaults import N_BOOTSTRAP
from .common import add_engine_options, add_model_options, ray_options

DEFAULT_STORE = "runs/claimbench.db"   # same as claimbench.eval.store.DEFAULT_STORE


def _store_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", default=DEFAULT_STORE, metavar="DB",
                   help=f"results database (SQLite; default {DEFAULT_STORE})")


def register(sub) -> None:
    p = sub.add_parser("eval", help="evaluate models on suites or fixture files",
                       description="Score suites (.toml) or fixture files (.jsonl) with one or more "
                                   "models, store predictions and metrics, and print each run's id "
                                   "and headline metrics. Interrupted runs resume from the cache. "
                                   "Exit status 1 when some run failed.")
    p.add_argument("targets", nargs="+", metavar="SUITE_OR_FIXTURES")
    add_model_options(p, multiple=True)
    p.add_argument("--max-length", type=int, metavar="N",
                   help="token budget per pair (default: the model's, at most 512)")
    _store_option(p)
    p.add_argument("--seed", type=int, default=0, help="bootstrap and sampling seed (0)")
    p.add_argument("--bootstrap", type=int, default=N_BOOTSTRAP, metavar="N",
                   help=f"bootstrap resamples for 95%% intervals ({N_BOOTSTRAP}; 0 for none)")
    p.add_argument("--data-dir", help="local copies of public benchmarks named in suites")
    p.add_argument("--format", choices=("table", "json"), default="table",
                   help="how to print the runs (table)")
    add_engine_options(p)
    p.set_defaults(handler=cmd_eval)

    p = sub.add_parser("runs", help="list the runs in a results store, oldest first")
    _store_option(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=cmd_runs)

    p = sub.add_parser("compare", help="compare two runs on their shared pairs (paired tests)")
    p.add_argument("run_a", metavar="RUN_A")
    p.add_argument("run_b", metavar="RUN_B")
    _store_option(p)
    p.add_argument("--bootstrap", type=int, default=N_BOOTSTRAP, metavar="N", help=f"resamples ({N_BOOTSTRAP})")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=cmd_compare)

    p = sub.add_parser("report", help="write a run's Markdown and HTML report with plots")
    p.add_argument("run", metavar="RUN")
    p.add_argument("--out", required=True, metavar="DIR", help="directory for the report files")
    _store_option(p)
    p.set_defaults(handler=cmd_report)


def _console():
    """A rich console; piped output gets a wide fixed width instead of 80 columns."""
    from rich.console import Console

    return Console() if sys.stdout.isatty() else Console(width=160)


def _num(v) -> str:
    return "n/a" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)


def cmd_eval(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..eval.suites import resolve_targets
    from ..models.labels import parse_label_map

    for name, value in (("--batch-size", args.batch_size), ("--max-length", args.max_length)):
        if value is not None and value < 1:
            raise InputError(f"{name} must be >= 1, got {value}")
    if args.bootstrap < 0:
        raise InputError(f"--bootstrap must be >= 0, got {args.bootstrap}")
    suites = resolve_targets(args.targets)
    options = dict(revision=args.revision, label_map=parse_label_map(args.label_map),
                   precision=args.precision, batch_size=args.batch_size,
                   max_length=args.max_length, trust_remote_code=args.trust_remote_code,
                   allow_pickle=args.allow_pickle)
    from ..eval.runner import run_many  # after the suites parse: a bad suite fails fast

    results = run_many(suites, args.model, model_options=options, store=args.store, seed=args.seed,
                       n_bootstrap=args.bootstrap, batch_size=args.batch_size,
                       show_progress=sys.stderr.isatty(), data_dir=args.data_dir,
                       engine=args.engine, ray=ray_options(args) if args.engine == "ray" else None)
    if args.format == "json":
        from dataclasses import asdict

        print(json.dumps([asdict(r) for r in results], indent=2))
    else:
        for r in results:
            if r.status != "finished":
                print(f"run {r.run_id}  {r.model} on {r.suite}  FAILED: {r.error}")
                continue
            h = r.headline
            how = (f"resumed, {r.n_cached} cached + {r.n_scored} scored" if r.resumed else
                   f"{r.n_scored} scored, {r.n_cached} cached")
            print(f"run {r.run_id}  {r.model} on {r.suite}  n={h.get('n')} ({how})  "
                  f"accuracy={_num(h.get('accuracy'))}  macro_f1={_num(h.get('macro_f1'))}  "
                  f"contradiction_f1={_num(h.get('f1_contradiction'))}  "
                  f"pr_auc={_num(h.get('pr_auc'))}  ece={_num(h.get('ece'))}")
    return 1 if any(r.status != "finished" for r in results) else 0


def cmd_runs(args: argparse.Namespace) -> int:
    from ..eval.store import Store, run_summary

    with Store(args.store, create=False) as store:
        rows = [run_summary(r) for r in store.list_runs()]
    if args.format == "json":
        print(json.dumps(rows, indent=2))
        return 0
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=escape(f"runs in {args.store}"))
    text_cols = ("id", "time", "model", "suite", "status")
    num_cols = ("n", "accuracy", "macro_f1", "f1_contradiction")
    for c in text_cols:
        table.add_column(c, overflow="fold", no_wrap=c in ("id", "time", "status"))
    for c in num_cols:
        table.add_column(c.replace("_", " ").replace("f1 contradiction", "contra F1"),
                         justify="right", no_wrap=True)
    for r in rows:
        when = str(r["time"])[:16].replace("T", " ")
        table.add_row(str(r["id"]), when, escape(r["model"]), escape(r["suite"]), r["status"],
                      *[_num(r.get(c)) for c in num_cols])
    _console().print(table)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from ..eval.compare import compare_runs

    c = compare_runs(args.store, args.run_a, args.run_b, n_resamples=args.bootstrap, seed=args.seed)
    if args.format == "json":
        print(json.dumps(c.to_dict(), indent=2))
        return 0
    from rich.table import Table

    table = Table(title=f"run {c.run_b} vs run {c.run_a} on {c.n} shared {c.split} pairs "
                        f"(delta = B - A)")
    for col in ("metric", "A", "B", "delta", "95% CI", "p"):
        table.add_column(col, justify="left" if col == "metric" else "right")
    for d in c.deltas:
        table.add_row(d.metric, _num(d.a), _num(d.b), _num(d.delta),
                      f"[{_num(d.ci[0])}, {_num(d.ci[1])}]", _num(d.p_value))
    console = _console()
    console.print(table)
    m = c.mcnemar
    console.print(f"McNemar (accuracy): A only right {m.only_a}, B only right {m.only_b}, "
                  f"exact p = {m.p_value:.4g}")
    for note in c.notes:
        console.print(f"note: {note}", markup=False)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from ..eval.report import write_report

    files = write_report(args.store, args.run, args.out)
    print(files.html)
    print(files.markdown)
    return 0
