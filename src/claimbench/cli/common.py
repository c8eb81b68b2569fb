"""Options shared by several commands, declared once."""

from __future__ import annotations

import argparse


def add_model_options(p: argparse.ArgumentParser, *, multiple: bool = False) -> None:
    """--model (one, or repeatable), --revision, --label-map, --precision, trust/pickle flags."""
    if multiple:
        p.add_argument("--model", action="append", metavar="NAME_OR_PATH",
                       help="model to use (repeat for several); default: the shipped model")
    else:
        p.add_argument("--model", metavar="NAME_OR_PATH",
                       help="hub id, local directory or alias (see `claimbench models`); "
                            "default: the shipped claimbench-nli-minilm")
    p.add_argument("--revision", help="hub revision (branch, tag or commit)")
    p.add_argument("--label-map", metavar="NAME=LABEL,...",
                   help="map the model's label names, e.g. LABEL_0=entailment,LABEL_1=neutral,"
                        "LABEL_2=contradiction")
    p.add_argument("--precision", choices=("fp32", "bf16"), default="fp32",
                   help="inference precision (bf16 uses autocast; default fp32)")
    p.add_argument("--batch-size", type=int, default=32, metavar="N", help="pairs per batch (32)")
    p.add_argument("--trust-remote-code", action="store_true",
                   help="allow a hub model's own code to run (off by default)")
    p.add_argument("--allow-pickle", action="store_true",
                   help="allow pickle-based weights (.bin); safetensors only by default")


def load_model(args: argparse.Namespace, name: str | None = None):
    """Build an :class:`~claimbench.models.NLIModel` from parsed model options."""
    from ..models.labels import parse_label_map
    from ..models.nli import NLIModel

    if args.batch_size < 1:
        from ..errors import InputError
        raise InputError(f"--batch-size must be >= 1, got {args.batch_size}")
    return NLIModel(name if name is not None else getattr(args, "model", None),
                    revision=args.revision, label_map=parse_label_map(args.label_map),
                    trust_remote_code=args.trust_remote_code, allow_pickle=args.allow_pickle,
                    precision=args.precision, batch_size=args.batch_size)
