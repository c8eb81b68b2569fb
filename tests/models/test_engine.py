"""The Ray engine gives the local engine's results: same order, same labels, close probs.

One local Ray (2 CPUs, 2 actors of 0.5 CPU each; the ``ray_cluster`` fixture) is
started for the module and shut down after it. Pairs are 200 MNLI dev pairs when
``../shared/data`` is present (mixed lengths), otherwise the tiny fixture file repeated
and shuffled.

Tolerances: 1e-3 in fp32 and in bf16 (measured on this CPU: 0.0 in both). The Ray
engine scores the very batches the local engine makes (same pairs in the same forward
pass, so the same padding), which matters in bf16: there, scoring the same pairs in
other batches moves probabilities by up to 1.4e-2 with the shipped model. What is left
is kernel and thread-count noise; bf16 labels must agree wherever the top two
probabilities are 2e-3 apart.
"""

from __future__ import annotations

import json
import os
import random
import sys
from dataclasses import asdict

import numpy as np
import pytest

from claimbench.errors import ClaimbenchError, InputError, ModelLoadError
from claimbench.io import read_jsonl
from claimbench.models.engine import RayNLIModel, RayOptions, engine_info, predict_batches, score_pairs

ray = pytest.importorskip("ray", reason="the Ray engine needs `pip install 'claimbench[ray]'`")

HERE = os.path.dirname(os.path.abspath(__file__))
TINY = os.path.join(HERE, "..", "data", "tiny_nli.jsonl")
ARTICLE = os.path.join(HERE, "..", "..", "claims", "articles", "election-recount.txt")
TOL = {"fp32": 1e-3, "bf16": 1e-3}
TWO_ACTORS = RayOptions(concurrency=2, batch_size=32, num_cpus=0.5)


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
def test_ray_matches_local(ray_cluster, pairs, nli_model_fp32, precision):
    assert ray_cluster.resources["CPU"] == 2
    options = {"precision": precision}
    local = (score_pairs(pairs, model=nli_model_fp32) if precision == "fp32"
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
    """A model that does not load fails on the driver, before any actor starts."""
    with pytest.raises(ModelLoadError, match="cannot load model") as info:
        score_pairs([("a", "b")] * 4, model=str(tmp_path / "no-such-model"), engine="ray",
                    ray=RayOptions(concurrency=1))
    assert "\n" not in str(info.value)


def test_worker_with_other_weights_is_a_one_line_error(ray_cluster, nli_model, tmp_path):
    """Actors check they load the driver's weights: here the directory changes after the
    driver loaded it, as when a worker node holds other weights under the same path."""
    import copy

    import torch

    path = str(tmp_path / "model")
    # A copy: save_pretrained rewrites the config it saves (architectures), and the
    # session's model must keep its fingerprint.
    weights = copy.deepcopy(nli_model.model)
    weights.save_pretrained(path)
    nli_model.tokenizer.save_pretrained(path)
    model = RayNLIModel(path, ray=RayOptions(concurrency=1))
    with torch.no_grad():
        list(weights.parameters())[-1].add_(1.0)
    weights.save_pretrained(path)
    with pytest.raises(ModelLoadError, match=r"on a Ray worker: model .* loads with fingerprint "
                                             r"\w+ on this worker but \w+ on the driver") as info:
        model.predict([("a", "b")] * 4)
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


def test_cli_ray_engine_matches_local(cli_process, nli_model, tmp_path):
    cli = cli_process
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
        # tiny_nli.jsonl has a gold "label": score keeps it as input_label
        assert set(r) == {"id", "premise", "hypothesis", "input_label", "label", "probs", "truncated"}
        assert r["truncated"] == pred.truncated
        assert max(abs(r["probs"][k] - pred.probs[k]) for k in pred.probs) <= TOL["fp32"]


@pytest.mark.slow
def test_cli_joins_running_cluster(ray_cluster, cli_process, nli_model, tmp_path):
    cli = cli_process
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


@pytest.fixture(scope="module")
def ray_model(ray_cluster):
    """The shipped model as eval and analyze get it with ``--engine ray``."""
    return RayNLIModel(ray=TWO_ACTORS, precision="fp32")


def test_ray_model_is_the_local_model_scored_on_ray(ray_model, nli_model_fp32, pairs):
    nli_model = nli_model_fp32
    """Same identity (what eval's cache and manifests key on), same predictions."""
    assert ray_model.fingerprint == nli_model.fingerprint
    assert ray_model.info() == nli_model.info()
    assert ray_model.max_length == nli_model.max_length
    assert ray_model.tokenizer("a", "b")["input_ids"] == nli_model.tokenizer("a", "b")["input_ids"]
    assert engine_info(ray_model) == {"engine": "ray", **asdict(TWO_ACTORS)}
    assert engine_info(nli_model) == {"engine": "local"}
    with pytest.raises(AttributeError, match="predict_logits"):
        ray_model.predict_logits  # noqa: B018  (scoring never falls back to the local copy)
    subset = pairs[:40]
    remote, local = ray_model.predict(subset), nli_model.predict(subset)
    assert remote.labels == local.labels
    assert_same(local, remote, TOL["fp32"])


def test_ray_model_streams_fixed_batches(ray_model, nli_model_fp32, pairs):
    nli_model = nli_model_fp32
    """predict_batches: every batch once, each one forward pass, as the local engine scores it."""
    batches = [pairs[i:i + 7] for i in range(0, 40, 7)] + [[]]
    got = dict(predict_batches(ray_model, batches))
    assert sorted(got) == list(range(len(batches)))
    for i, batch in enumerate(batches):
        local = nli_model.predict(batch, batch_size=max(1, len(batch)))
        assert got[i].labels == local.labels
        np.testing.assert_array_equal(got[i].truncated, local.truncated)
        np.testing.assert_allclose(got[i].probs, local.probs, rtol=0, atol=TOL["fp32"])


def test_cli_analyze_on_ray_matches_local(ray_cluster, cli_process, nli_model, tmp_path):
    cli = cli_process
    """`claimbench analyze --engine ray` (joining the module's Ray) gives the local pairs,
    labels and probabilities."""
    from claimbench.claims.documents import load_documents
    from claimbench.verify import analyze_corpus

    out = tmp_path / "ray.json"
    res = cli("analyze", ARTICLE, "--engine", "ray", "--ray-address", ray_cluster.address,
              "--ray-concurrency", "2", "--out", str(out))
    assert res.returncode == 0, res.stderr
    remote = json.loads(out.read_text())
    local = analyze_corpus(load_documents([ARTICLE]), nli_model).to_dict()
    assert remote["model"] == local["model"]
    rp, lp = remote["documents"][0]["pairs"], local["documents"][0]["pairs"]
    assert len(lp) >= 5
    assert [(p["denial_id"], p["claim_id"]) for p in rp] == [(p["denial_id"], p["claim_id"]) for p in lp]
    assert [p["label"] for p in rp] == [p["label"] for p in lp]
    diff = max(abs(got[k] - want[k]) for r, loc in zip(rp, lp)
               for got, want in ((r["probs"], loc["probs"]), (r["nli"]["forward"], loc["nli"]["forward"]),
                                 (r["nli"]["backward"], loc["nli"]["backward"]))
               for k in want)
    print(f"\nanalyze: {len(lp)} pairs, max |p_ray - p_local| = {diff:.2e}")
    assert diff <= TOL["fp32"]
