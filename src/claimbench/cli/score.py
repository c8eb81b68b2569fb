"""``claimbench score``, ``claimbench models`` and ``claimbench train``."""

from __future__ import annotations

import argparse
import json
import sys

from .common import add_engine_options, add_model_options, model_options, ray_options

OUTPUT_FIELDS = ("probs", "label", "truncated", "scheme")   # what score adds to each line

PROGRESS_FROM_PAIRS = 256     # a progress bar (on a terminal) from this many input pairs on


def register(sub) -> None:
    p = sub.add_parser("score", help="score premise/hypothesis pairs from JSON lines",
                       description="Read JSON lines with `premise` and `hypothesis` (optional "
                                   "`id`; other fields pass through, an input `label` as "
                                   "`input_label`) and write them back with `probs`, `label` and "
                                   "`truncated`. `-` is stdin/stdout.")
    p.add_argument("input", metavar="IN.jsonl")
    p.add_argument("--out", default="-", metavar="OUT.jsonl", help="output file (default stdout)")
    add_model_options(p)
    add_engine_options(p)
    p.set_defaults(handler=cmd_score)

    p = sub.add_parser("models", help="list known models and where each loads from")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=cmd_models)

    p = sub.add_parser("train", help="fine-tune an NLI cross-encoder from a recipe (resumable)")
    p.add_argument("recipe", metavar="RECIPE.toml")
    p.add_argument("--work-dir", required=True, help="checkpoints go here; rerun to resume")
    p.add_argument("--out", help="write the compact model here when training ends")
    p.add_argument("--data-dir", help="local copies of the datasets (default ../shared/data "
                                      "when present, else the hub)")
    p.add_argument("--seed", type=int, help="override the recipe's seed")
    p.add_argument("--epochs", type=int, help="override the recipe's epochs")
    p.add_argument("--no-eval", action="store_true", help="skip the evaluation at the end")
    p.set_defaults(handler=cmd_train)


def cmd_score(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..io import atomic_writer, read_jsonl, strip_line_numbers
    from ..models.engine import score_pairs

    rows = read_jsonl(args.input, required=("premise", "hypothesis"))
    # An input field named like an output one (a gold "label") is kept as input_<name>,
    # never silently replaced by the prediction.
    for row in rows:
        for key in OUTPUT_FIELDS:
            if key in row and f"input_{key}" in row:
                raise InputError(f"fields {key!r} and 'input_{key}' are both taken; score writes "
                                 f"its {key!r} and moves yours to 'input_{key}'",
                                 path=args.input, line=row["__line__"], field=key)
    preds = score_pairs([(r["premise"], r["hypothesis"]) for r in rows], model=args.model,
                        model_options=model_options(args), engine=args.engine,
                        ray=ray_options(args) if args.engine == "ray" else None,
                        show_progress_bar=sys.stderr.isatty() and len(rows) > PROGRESS_FROM_PAIRS)
    with atomic_writer(args.out) as fh:
        for row, pred in zip(rows, preds):
            out = strip_line_numbers(row)
            for key in OUTPUT_FIELDS:
                if key in out:
                    out[f"input_{key}"] = out.pop(key)
            out.update(pred.to_dict())
            if pred.scheme != "3-way":
                out["scheme"] = pred.scheme
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 0


def cmd_models(args: argparse.Namespace) -> int:
    from ..models.registry import known_models

    rows = known_models()
    if args.format == "json":
        print(json.dumps(rows, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title="claimbench models")
    for col in ("name", "loads_from", "description"):
        table.add_column(col.replace("_", " "))
    for r in rows:
        table.add_row(r["name"], r["loads_from"], r["description"])
    Console().print(table)
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from ..models.training import TrainConfig, Trainer, evaluate_model

    cfg = TrainConfig.from_toml(args.recipe, seed=args.seed, epochs=args.epochs,
                                data_dir=args.data_dir)
    trainer = Trainer(cfg, args.work_dir)
    summary = trainer.run()
    print(json.dumps({k: v for k, v in summary.items() if k != "history"}))
    if args.out:
        trainer.export(args.out)
        if cfg.calibrate:
            from ..models.calibration import calibrate_model

            print(json.dumps({"calibration": calibrate_model(args.out, cfg.calibrate, data_dir=cfg.data_dir)}))
        if not args.no_eval:
            results = evaluate_model(args.out, cfg.eval, data_dir=cfg.data_dir)
            print(json.dumps(results, indent=2))
    return 0
