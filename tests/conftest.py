"""Shared fixtures: the shipped model (loaded once), the shared data and the seed article.

Tests that need ``../shared`` skip cleanly when it is absent.
"""

from __future__ import annotations

import os

import pytest
from clirun import run_cli

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
def nli_model_fp32():
    """The shipped model in fp32, for tests whose tolerances are fp32's (the default,
    ``auto``, is bf16 on CPUs with native bf16, where padding moves scores by ~1e-3)."""
    from claimbench.models import NLIModel

    return NLIModel(precision="fp32")


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


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="module")
def ray_cluster():
    """A local Ray of 2 CPUs for the Ray engine's tests, started once per module and
    stopped after it (skips without Ray). Scoring with 2 actors of 0.5 CPU leaves room
    for Ray Data's own tasks; a subprocess joins it with ``--ray-address`` and the
    ``address`` in the returned namespace."""
    import logging
    from types import SimpleNamespace

    ray = pytest.importorskip("ray", reason="the Ray engine needs `pip install 'claimbench[ray]'`")
    ray.init(num_cpus=2, object_store_memory=300 * 1024**2, include_dashboard=False,
             logging_level=logging.WARNING, log_to_driver=False)
    try:
        yield SimpleNamespace(resources=ray.cluster_resources(),
                              address=ray.get_runtime_context().gcs_address)
    finally:
        ray.shutdown()
