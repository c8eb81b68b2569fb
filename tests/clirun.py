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
