"""Shared fixtures: the shipped model (loaded once), the shared data and the seed article;
the test tiers.

Tests that need ``../shared`` skip cleanly when it is absent.

Tiers (``pytest -m``): ``unit`` is the default fast tier (``make test``); ``integration``
runs real processes, notebooks, Ray and training (``make test-all``); ``slow`` are long
tests (full-dataset accuracy, large inputs). A test is ``integration`` when it is marked
so or uses one of :data:`INTEGRATION_FIXTURES`; everything neither integration nor slow
is marked ``unit`` here, at collection.
"""

from __future__ import annotations

import os

import pytest

from clirun import run_cli, run_cli_inprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
DATA_DIR = os.path.join(SHARED, "data")
SEED_ARTICLE = os.path.join(SHARED, "seed", "nk-russia-victory-day.txt")

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# Hypothesis profiles: "dev" (default, `make test`) runs each property test with 60% of the
# examples it asks for (a budget written for 25 examples); "ci" (`make test-all`,
# HYPOTHESIS_PROFILE=ci) four times as many. Tests scale their budgets with hypo.examples.
from hypothesis import HealthCheck, settings  # noqa: E402

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("dev", max_examples=15, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("ci", max_examples=100, deadline=None, suppress_health_check=_QUIET,
                          print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


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
def nli_model_raw(nli_model):
    """The shipped weights without their calibration temperature: what a plain Hugging Face
    checkpoint saved from them loads as (same precision)."""
    from claimbench.models import NLIModel

    return NLIModel.from_loaded(nli_model.model, nli_model.tokenizer, name=nli_model.name,
                                precision=nli_model.precision)


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
    """``claimbench ARGS`` through ``claimbench.cli.main(argv)`` in this process: same exit
    status, stdout and stderr as the command, without a process start per call."""
    return run_cli_inprocess


@pytest.fixture
def cli_process():
    """``python -m claimbench ARGS`` in a real subprocess (integration tier)."""
    return run_cli


INTEGRATION_FIXTURES = {"cli_process", "ray_cluster", "executed"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if INTEGRATION_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.integration)
        if not any(item.get_closest_marker(m) for m in ("integration", "slow")):
            item.add_marker(pytest.mark.unit)


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
