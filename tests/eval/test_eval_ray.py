"""`claimbench eval --engine ray` records the run the local engine records.

The command joins a local Ray of 2 CPUs started for this module (the ``ray_cluster``
fixture) and scores the smoke suite (30 pairs) with 2 actors of 0.5 CPU, in batches of
8 so that both actors get work. The local run scores the same batches in this process.
Tolerance: fp32 probabilities within 1e-3 (measured: 0.0, as both engines score the
same batches; see tests/models/test_engine.py). Both sides run fp32 explicitly: in bf16
(``auto`` on CPUs with native bf16) the kernels depend on the thread count, 3e-3 apart.
"""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from claimbench.eval import load_suite, run_suite
from claimbench.eval.store import Store, load_predictions

from evalkit import REAL_SUITES

pytest.importorskip("ray", reason="the Ray engine needs `pip install 'claimbench[ray]'`")

SMOKE = os.path.join(REAL_SUITES, "smoke.toml")
TOL = 1e-3


def test_eval_on_ray_matches_local(ray_cluster, cli_process, nli_model_fp32, tmp_path):
    nli_model = nli_model_fp32
    cli = cli_process
    ray_db, local_db = str(tmp_path / "ray.db"), str(tmp_path / "local.db")
    res = cli("eval", SMOKE, "--engine", "ray", "--ray-address", ray_cluster.address,
              "--ray-concurrency", "2", "--batch-size", "8", "--bootstrap", "200",
              "--precision", "fp32", "--store", ray_db, "--format", "json")
    assert res.returncode == 0, res.stderr
    [remote] = json.loads(res.stdout)
    assert (remote["status"], remote["n_scored"], remote["n_cached"]) == ("finished", 30, 0)
    local = run_suite(load_suite(SMOKE), nli_model, store=local_db, batch_size=8, n_bootstrap=200)

    # Predictions: same pairs in the same order, same labels, close probabilities.
    pr, pl = load_predictions(ray_db, remote["run_id"]), load_predictions(local_db, local.run_id)
    assert list(pr["id"]) == list(pl["id"]) and len(pl) == 30
    assert list(pr["predicted"]) == list(pl["predicted"])
    assert list(pr["truncated"]) == list(pl["truncated"])
    cols = ["p_entailment", "p_neutral", "p_contradiction"]
    diff = float(np.abs(pr[cols].to_numpy() - pl[cols].to_numpy()).max())
    print(f"\neval on the smoke suite: max |p_ray - p_local| = {diff:.2e}")
    assert diff <= TOL
    # Metrics: label-based ones equal, probability-based ones within the tolerance.
    for name in ("n", "accuracy", "macro_f1", "f1_contradiction"):
        assert remote["headline"][name] == local.headline[name], name
    for name in ("pr_auc", "ece"):
        assert remote["headline"][name] == pytest.approx(local.headline[name], abs=TOL), name

    # The manifest records the engine; the model's identity is the same as the local run's.
    with Store(ray_db, create=False) as s:
        ray_run = s.get_run(remote["run_id"])
    with Store(local_db, create=False) as s:
        local_run = s.get_run(local.run_id)
    engine = ray_run["manifest"]["config"]["engine"]
    assert engine["engine"] == "ray"
    assert (engine["address"], engine["concurrency"], engine["num_cpus"]) == (ray_cluster.address, 2, 0.5)
    assert local_run["manifest"]["config"]["engine"] == {"engine": "local"}
    assert ray_run["model_key"] == local_run["model_key"]
    assert ray_run["manifest"]["model"] == local_run["manifest"]["model"]

    # Same model key: a local run on the Ray run's store finds every pair in the cache.
    again = run_suite(load_suite(SMOKE), nli_model, store=ray_db, batch_size=8, n_bootstrap=200)
    assert (again.n_scored, again.n_cached) == (0, 30)
    assert again.results_sha256 == remote["results_sha256"]
