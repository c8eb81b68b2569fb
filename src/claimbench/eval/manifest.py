"""Run manifests: everything needed to tell whether two runs are comparable or reproducible.

A manifest records the claimbench version and git commit, package versions, the
model (name, source, fingerprint, preprocessing), the suite with a sha256 of every
fixture file, the seed and configuration, and sha256 digests of the results and of
the predictions. It is stored with the run and written next to its reports.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from importlib import metadata
from typing import Any

from .. import __version__

PACKAGES = ("claimbench", "torch", "transformers", "datasets", "scikit-learn", "numpy", "scipy",
            "tokenizers", "safetensors")


def package_versions() -> dict[str, str | None]:
    """Installed versions of the packages that shape results (None when absent)."""
    out = {}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def git_state(path: str | None = None) -> dict[str, Any] | None:
    """Commit and dirty flag of the git checkout holding claimbench's source, if any."""
    where = path or os.path.dirname(os.path.abspath(__file__))
    try:
        commit = subprocess.run(["git", "-C", where, "rev-parse", "HEAD"], capture_output=True,
                                text=True, timeout=10)
        if commit.returncode != 0:
            return None
        # --no-optional-locks: a read-only look that never refreshes or locks the index.
        dirty = subprocess.run(["git", "--no-optional-locks", "-C", where, "status", "--porcelain",
                                "--untracked-files=no"],
                               capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return {"commit": commit.stdout.strip(),
            "dirty": bool(dirty.stdout.strip()) if dirty.returncode == 0 else None}


def build_manifest(*, run_id: int, model: dict[str, Any], model_key: str,
                   preprocessing: dict[str, Any], suite: dict[str, Any],
                   fixture_sha256: dict[str, str], config: dict[str, Any], seed: int,
                   results_sha256: str, predictions_sha256: str, n_pairs: int) -> dict[str, Any]:
    """Assemble a run manifest (a JSON-ready dict)."""
    return {
        "run_id": run_id,
        "claimbench": __version__,
        "git": git_state(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "packages": package_versions(),
        "model": model,
        "model_key": model_key,
        "preprocessing": preprocessing,
        "suite": suite,
        "fixtures": fixture_sha256,
        "n_pairs": n_pairs,
        "seed": seed,
        "config": config,
        "results_sha256": results_sha256,
        "predictions_sha256": predictions_sha256,
    }
