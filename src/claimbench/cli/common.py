"""Options shared by several commands, declared once."""

from __future__ import annotations

import argparse

from ..defaults import BATCH_SIZE


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
    p.add_argument("--precision", choices=("auto", "fp32", "bf16", "int8"), default="auto",
                   help="inference precision: auto (default: bf16 where the CPU has native bf16, "
                        "AVX512-BF16 or AMX, else fp32), fp32, bf16 (autocast), int8 (dynamic "
                        "quantization, CPU only; see benchmarks/bench_backend.py)")
    p.add_argument("--batch-size", type=int, default=BATCH_SIZE, metavar="N", help=f"pairs per batch ({BATCH_SIZE})")
    p.add_argument("--trust-remote-code", action="store_true",
                   help="allow a hub model's own code to run (off by default)")
    p.add_argument("--allow-pickle", action="store_true",
                   help="allow pickle-based weights (.bin); safetensors only by default")


def model_options(args: argparse.Namespace) -> dict:
    """The :class:`~claimbench.models.NLIModel` keyword options given on the command line."""
    from ..models.labels import parse_label_map

    if args.batch_size < 1:
        from ..errors import InputError
        raise InputError(f"--batch-size must be >= 1, got {args.batch_size}")
    return dict(revision=args.revision, label_map=parse_label_map(args.label_map),
                trust_remote_code=args.trust_remote_code, allow_pickle=args.allow_pickle,
                precision=args.precision, batch_size=args.batch_size)


def load_model(args: argparse.Namespace, name: str | None = None):
    """Build an :class:`~claimbench.models.NLIModel` from parsed model options, or a
    :class:`~claimbench.models.engine.RayNLIModel` when the command has ``--engine ray``."""
    from ..models.engine import engine_model

    options = model_options(args)
    engine = getattr(args, "engine", "local")
    return engine_model(name if name is not None else getattr(args, "model", None), engine=engine,
                        ray=ray_options(args) if engine == "ray" else None, **options)


def _at_least(minimum: float, kind: type, *, strict: bool = False):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        if value < minimum or (strict and value == minimum):
            raise argparse.ArgumentTypeError(f"must be {'>' if strict else '>='} {minimum}, "
                                             f"got {text}")
        return value
    return parse


def add_engine_options(p: argparse.ArgumentParser) -> None:
    """--engine {local,ray} and the Ray engine's settings (see :class:`RayOptions`)."""
    g = p.add_argument_group("engine", "where the NLI model runs (Ray: pip install 'claimbench[ray]')")
    g.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="local: this process (default); ray: Ray Data actors, one model each")
    g.add_argument("--ray-address", metavar="ADDR",
                   help="Ray cluster to join ('auto' on a cluster node, ray://HOST:10001); "
                        "default: start a local Ray for this run")
    g.add_argument("--ray-concurrency", type=_at_least(1, int), default=2, metavar="N",
                   help="number of actors, each with its own copy of the model (2)")
    g.add_argument("--ray-batch-size", type=_at_least(1, int), default=256, metavar="N",
                   help="pairs per batch handed to an actor (256)")
    g.add_argument("--ray-num-cpus", type=_at_least(0, float, strict=True), default=0.5,
                   metavar="F", help="CPUs reserved per actor (0.5)")
    g.add_argument("--ray-num-gpus", type=_at_least(0, float), default=0.0, metavar="F",
                   help="GPUs reserved per actor (0)")


def ray_options(args: argparse.Namespace):
    """A :class:`~claimbench.models.engine.RayOptions` from parsed engine options."""
    from ..models.engine import RayOptions

    return RayOptions(address=args.ray_address, concurrency=args.ray_concurrency,
                      batch_size=args.ray_batch_size, num_cpus=args.ray_num_cpus,
                      num_gpus=args.ray_num_gpus)
