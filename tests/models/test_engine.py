"""The Ray engine gives the local engine's results: same order, same labels, close probs.

One local Ray (2 CPUs, 2 actors of 0.5 CPU each) is started for the module and shut
down after it. Pairs are 200 MNLI dev pairs when ``../shared/data`` is present (mixed
lengths), otherwise the tiny fixture file repeated and shuffled.

Tolerances: fp32 results agree to 1e-3 (measured: 1.0e-6). bf16 results depend on
which pairs share a batch, in the local engine too (scoring the same pairs in other
batches moves probabilities by ~3e-3), and Ray batches differ from local ones, so bf16
is held to 1e-2 and its labels must agree wherever the top two are 2e-2 apart.
"""

from __future__ import annotations

import json
import logging
import os
import random
import sys

import numpy as np
import pytest

from claimbench.errors import ClaimbenchError, InputError, ModelLoadError
from claimbench.io import read_jsonl
from claimbench.models.engine import RayOptions, score_pairs

ray = pytest.importorskip("ray", reason="the Ray engine needs `pip install 'claimbench[ray]'`")

HERE = os.path.dirname(os.path.abspath(__file__))
TINY = os.path.join(HERE, "..", "data", "tiny_nli.jsonl")
TOL = {"fp32": 1e-3, "bf16": 1e-2}
TWO_ACTORS = RayOptions(concurrency=2, batch_size=32, num_cpus=0.5)


@pytest.fixture(scope="module")
def ray_cluster():
    """A local Ray with 2 CPUs and a small object store, stopped after this module."""
    ray.init(num_cpus=2, object_store_memory=300 * 1024**2, include_dashboard=False,
             logging_level=logging.WARNING, log_to_driver=False)
    try:
        yield ray.cluster_resources()
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def pairs(request):
    try:
        data_dir = request.getfixturevalue("data_dir")
    except pytest.skip.Exception:  # no ../shared/data: fall back to the fixture file
        data_dir = None
    if data_dir:
        from claimbench.models import load_benchmark

        ds = load_benchmark("mnli", "dev", data_dir=data_dir, limit=200)
        return list(zip(ds["premise"], ds["hypothesis"]))
    rows = read_jsonl(TINY) * 8
    random.Random(0).shuffle(rows)
    return [(r["premise"], r["hypothesis"]) for r in rows]


def assert_same(local, remote, tol):
    """Same length, shape, truncation and scheme; labels equal unless a near-tie; probs close."""
    assert len(remote) == len(local)
    assert remote.probs.shape == local.probs.shape == (len(local), 3)
    np.testing.assert_array_equal(remote.truncated, local.truncated)
    assert remote.scheme == local.scheme
    top2 = np.sort(local.probs, axis=1)[:, -2:]
    clear = (top2[:, 1] - top2[:, 0]) > 2 * tol
    assert clear.mean() > 0.8  # the check below must cover most pairs to mean anything
    assert [a for a, c in zip(remote.labels, clear) if c] == [a for a, c in zip(local.labels, clear) if c]
    diff = float(np.abs(remote.probs - local.probs).max())
    assert diff <= tol
    return diff


@pytest.mark.parametrize("precision", ["fp32", pytest.param("bf16", marks=pytest.mark.slow)])
def test_ray_matches_local(ray_cluster, pairs, nli_model, precision):
    assert ray_cluster["CPU"] == 2
    options = {"precision": precision}
    local = (score_pairs(pairs, model=nli_model) if precision == "fp32"  # the fixture is fp32
             else score_pairs(pairs, model_options=options))
    remote = score_pairs(pairs, engine="ray", model_options=options, ray=TWO_ACTORS)
    if precision == "fp32":
        assert remote.labels == local.labels
    diff = assert_same(local, remote, TOL[precision])
    print(f"\n{precision}: {len(pairs)} pairs, max |p_ray - p_local| = {diff:.2e}")
    # The fixture's Ray is still up: score_pairs used it and left it running.
    assert ray.is_initialized()
    if precision == "bf16":
        # Batches are fixed before Ray schedules them: a rerun gives the very same numbers.
        again = score_pairs(pairs, engine="ray", model_options=options, ray=TWO_ACTORS)
        np.testing.assert_array_equal(again.probs, remote.probs)


def test_ray_engine_empty_input(ray_cluster):
    preds = score_pairs([], engine="ray", ray=TWO_ACTORS)
    assert len(preds) == 0 and preds.probs.shape == (0, 3)


def test_ray_model_error_is_one_line(ray_cluster, tmp_path):
    with pytest.raises(ModelLoadError, match="on a Ray worker: cannot load model") as info:
        score_pairs([("a", "b")] * 4, model=str(tmp_path / "no-such-model"), engine="ray",
                    ray=RayOptions(concurrency=1))
    assert "\n" not in str(info.value)


def test_loaded_model_refused_for_ray(nli_model):
    with pytest.raises(ValueError, match="each actor loads its own copy"):
        score_pairs([("a", "b")], model=nli_model, engine="ray")
    with pytest.raises(ValueError, match="a loaded NLIModel keeps its own options"):
        score_pairs([("a", "b")], model=nli_model, model_options={"precision": "bf16"})


def test_bad_engine_and_pairs_fail_before_scoring():
    with pytest.raises(ValueError, match=r"engine must be one of \('local', 'ray'\), got 'spark'"):
        score_pairs([("a", "b")], engine="spark")
    with pytest.raises(InputError, match="pair 1 must be"):
        score_pairs([("a", "b"), ("only premise",)], engine="ray")


def test_missing_ray_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # what `import ray` sees when it is absent
    with pytest.raises(ClaimbenchError, match=r"pip install 'claimbench\[ray\]'"):
        score_pairs([("a", "b")], engine="ray")


@pytest.mark.parametrize("bad", [dict(concurrency=0), dict(batch_size=0), dict(num_cpus=0)])
def test_ray_options_validated(bad):
    with pytest.raises(ValueError, match=f"RayOptions.{next(iter(bad))}"):
        RayOptions(**bad)


def test_cli_ray_engine_matches_local(cli, nli_model, tmp_path):
    """`claimbench score --engine ray` starts its own local Ray and writes what local scores."""
    out = tmp_path / "ray.jsonl"
    res = cli("score", TINY, "--engine", "ray", "--ray-concurrency", "2", "--out", str(out))
    assert res.returncode == 0, res.stderr
    rows = read_jsonl(TINY)
    local = score_pairs([(r["premise"], r["hypothesis"]) for r in rows], model=nli_model)
    remote = [json.loads(x) for x in out.read_text().splitlines()]
    assert [r["id"] for r in remote] == [r["id"] for r in rows]
    assert [r["label"] for r in remote] == local.labels
    for r, pred in zip(remote, local):
        assert set(r) == {"id", "premise", "hypothesis", "label", "probs", "truncated"}
        assert r["truncated"] == pred.truncated
        assert max(abs(r["probs"][k] - pred.probs[k]) for k in pred.probs) <= TOL["fp32"]


@pytest.mark.slow
def test_cli_joins_running_cluster(ray_cluster, cli, nli_model, tmp_path):
    """--ray-address joins the module's Ray (as on a cluster) and leaves it running."""
    out = tmp_path / "ray.jsonl"
    address = ray.get_runtime_context().gcs_address
    res = cli("score", TINY, "--engine", "ray", "--ray-address", address,
              "--ray-concurrency", "2", "--out", str(out))
    assert res.returncode == 0, res.stderr
    rows = read_jsonl(TINY)
    local = score_pairs([(r["premise"], r["hypothesis"]) for r in rows], model=nli_model)
    remote = [json.loads(x) for x in out.read_text().splitlines()]
    assert [r["label"] for r in remote] == local.labels
    assert ray.cluster_resources()["CPU"] == 2  # still up after the CLI disconnected


def test_cli_bad_ray_option_is_usage_error(cli):
    res = cli("score", TINY, "--engine", "ray", "--ray-num-cpus", "0")
    assert res.returncode == 2
    assert "--ray-num-cpus: must be > 0" in res.stderr
