"""Run the real ``claimbench`` command line in a subprocess (shared by conftest and tests).

A module of its own, not ``conftest``: with several ``conftest.py`` files in the tree,
``from conftest import ...`` finds whichever was imported first.
"""

from __future__ import annotations

import os
import subprocess
import sys


def run_cli(*args: str, stdin: str | None = None, cwd: str | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m claimbench ARGS`` offline; returns the completed process."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    return subprocess.run([sys.executable, "-m", "claimbench", *args], input=stdin,
                          capture_output=True, text=True, cwd=cwd, env=env, timeout=900)


def run_cli_inprocess(*args: str, stdin: str | None = None, cwd: str | None = None
                      ) -> subprocess.CompletedProcess:
    """Run ``claimbench.cli.main(ARGS)`` in this process, as :func:`run_cli` runs the command:
    same exit status, stdout and stderr (an uncaught exception becomes a traceback on
    stderr and status 1, as in a process). For the many rejected-input cases: no process
    start and no torch import per case."""
    import contextlib
    import io
    import logging
    import traceback

    from claimbench.cli import main

    out, err = io.StringIO(), io.StringIO()
    fake_stdin = io.TextIOWrapper(io.BytesIO((stdin or "").encode("utf-8")), encoding="utf-8")
    old_stdin, old_cwd = sys.stdin, os.getcwd()
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        sys.stdin = fake_stdin
        if cwd:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:               # argparse usage errors, --help
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except Exception:                       # noqa: BLE001 - reported as a process would
                traceback.print_exc()
                code = 1
    finally:
        sys.stdin = old_stdin
        os.chdir(old_cwd)
        root.handlers[:] = handlers                 # main() configures logging on each call
    return subprocess.CompletedProcess(["claimbench", *args], code, out.getvalue(), err.getvalue())
