"""Shared fixtures: the shipped model (loaded once), the shared data and the seed article.

Tests that need ``../shared`` skip cleanly when it is absent.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
DATA_DIR = os.path.join(SHARED, "data")
SEED_ARTICLE = os.path.join(SHARED, "seed", "nk-russia-victory-day.txt")

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture(scope="session")
def nli_model():
    """The shipped default model, loaded once per test session."""
    from claimbench.models import NLIModel

    return NLIModel()


@pytest.fixture(scope="session")
def data_dir():
    if not os.path.isdir(DATA_DIR):
        pytest.skip("../shared/data is absent")
    return DATA_DIR


@pytest.fixture(scope="session")
def seed_article():
    if not os.path.exists(SEED_ARTICLE):
        pytest.skip("../shared/seed is absent")
    return SEED_ARTICLE


def run_cli(*args: str, stdin: str | None = None, cwd: str | None = None) -> subprocess.CompletedProcess:
    """Run the real ``claimbench`` command line in a subprocess."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    return subprocess.run([sys.executable, "-m", "claimbench", *args], input=stdin,
                          capture_output=True, text=True, cwd=cwd, env=env, timeout=900)


@pytest.fixture
def cli():
    return run_cli
