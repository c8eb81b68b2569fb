"""The ``claimbench`` command line: parses arguments and calls library functions.

Each command group lives in its own module with a ``register(subparsers)``
function; a module imports nothing heavy at import time, so ``claimbench --help``
never imports torch. Errors derived from :class:`~claimbench.errors.ClaimbenchError`
print as one line on stderr with exit status 2.

Exit statuses: 0 success, 1 a run finished but something in it failed (e.g. one
model of several in ``eval``), 2 bad input or usage, 130 interrupted.
"""

from __future__ import annotations

import argparse
import logging
import sys

from .. import __version__
from ..errors import ClaimbenchError

COMMAND_MODULES = ("score", "analyze", "evaluate", "perturb", "realnews")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
        prog="claimbench",
        description="Extract claims and denials from news, score them with NLI models, "
                    "and evaluate contradiction detection.")
    parser.add_argument("--version", action="version", version=f"claimbench {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="more log output (-v info, -vv debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{name}":
                continue  # a command group not built yet
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(args.verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.handler(args) or 0)
    except ClaimbenchError as exc:
        print(f"claimbench: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("claimbench: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
