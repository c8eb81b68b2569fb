"""Runs of the real shipped model on real fixture files into a real SQLite store."""

import copy
import sqlite3

import numpy as np
import pytest
import torch

from claimbench.eval import load_predictions, load_runs, resolve_targets, run_suite
from claimbench.eval.fixtures import file_sha256, load_fixtures
from claimbench.eval.metrics import classification_report
from claimbench.eval.results import sha256_json
from claimbench.eval.runner import model_key, preprocessing
from claimbench.eval.store import Store
from claimbench.models import NLIModel


def copy_store(src: str, dst: str) -> str:
    """A consistent copy of a WAL-mode store (SQLite's online backup)."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return dst


def test_reference_run_is_recorded_with_its_manifest(reference, nli_model):
    pairs = load_fixtures(reference.path)
    unique = len({p.input_sha256 for p in pairs})
    r = reference.result
    assert (r.status, r.n_pairs, r.n_scored, r.n_cached, r.resumed) == ("finished", len(pairs), unique, 0, False)
    with Store(reference.db) as s:
        run = s.get_run(r.run_id)
        assert run["status"] == "finished" and run["n_scored"] == unique
        assert run["results_sha256"] == sha256_json(run["results"]) == r.results_sha256
        m = run["manifest"]
        assert m["fixtures"] == {reference.path: file_sha256(reference.path)}
        assert m["model"]["fingerprint"] == nli_model.fingerprint
        assert m["model_key"] == model_key(nli_model) == run["model_key"]
        assert m["seed"] == 0 and m["config"]["batch_size"] == 32
        assert all(m["packages"][k] for k in ("claimbench", "torch", "transformers", "datasets", "scikit-learn"))
        assert m["git"] is None or len(m["git"]["commit"]) == 40
        rows = s.prediction_rows(r.run_id)
    # Stored probabilities are the model's (batch composition moves them by float noise only:
    # ~1e-7 in fp32, ~1e-3 in bf16, which precision="auto" picks on CPUs with native bf16).
    sample = rows[:6]
    direct = nli_model.predict([(x["premise"], x["hypothesis"]) for x in sample]).probs
    stored = np.array([[x["p_entailment"], x["p_neutral"], x["p_contradiction"]] for x in sample])
    np.testing.assert_allclose(stored, direct, atol=1e-4 if nli_model.precision == "fp32" else 5e-3)
    # The headline is the metrics of the stored predictions on the evaluation split.
    res = run["results"]
    ev = [x for x in rows if x["split"] == res["eval_split"]]
    again = classification_report([x["label"] for x in ev],
                                  [[x["p_entailment"], x["p_neutral"], x["p_contradiction"]] for x in ev])
    for k in ("accuracy", "macro_f1", "f1_contradiction", "roc_auc", "ece"):
        assert res["headline"][k] == pytest.approx(again[k]), k
    if {p.split for p in pairs} == {"dev", "test"}:
        assert res["threshold"]["tuned_on"] == "dev" and 0 <= res["threshold"]["value"] <= 1
    assert "category" in res["slices"]


def test_metrics_table_and_dataframes(reference):
    runs = load_runs(reference.db)
    assert runs["id"].tolist() == [reference.result.run_id]
    assert runs.loc[0, "accuracy"] == pytest.approx(reference.result.headline["accuracy"])
    preds = load_predictions(reference.db, reference.result.run_id)
    assert len(preds) == reference.result.n_pairs
    assert {"id", "premise", "hypothesis", "label", "predicted", "p_contradiction", "split",
            "category"} <= set(preds.columns)
    test = preds[preds["split"] == "test"]
    assert test["correct"].mean() == pytest.approx(reference.result.headline["accuracy"])
    with Store(reference.db) as s:
        rows = {(r["split"], r["slice_field"], r["name"]): r for r in s.metric_rows(reference.result.run_id)}
    acc = rows[("test", "", "accuracy")]
    assert acc["value"] == pytest.approx(reference.result.headline["accuracy"])
    assert acc["ci_low"] <= acc["value"] <= acc["ci_high"] and acc["n"] == len(test)


def test_second_run_is_served_from_the_cache(reference, nli_model, tmp_path):
    db = copy_store(reference.db, str(tmp_path / "copy.db"))
    again = run_suite(reference.suite, nli_model, store=db, batch_size=32)
    assert again.run_id != reference.result.run_id
    assert (again.n_scored, again.n_cached) == (0, reference.result.n_scored)
    assert again.results_sha256 == reference.result.results_sha256


def test_cache_never_crosses_models(nli_model, fixture_file, tmp_path):
    db = str(tmp_path / "runs.db")
    suite = resolve_targets([fixture_file])[0]
    name = nli_model.name
    base = run_suite(suite, nli_model, store=db, n_bootstrap=0)
    assert base.n_scored == 30
    same = {"temperature": nli_model.temperature, "precision": nli_model.precision}   # the calibration too
    variants = {
        "label map": NLIModel.from_loaded(nli_model.model, nli_model.tokenizer, name=name, label_map={
            "entailment": "contradiction", "contradiction": "entailment", "neutral": "neutral"}, **same),
        "max_length": NLIModel.from_loaded(nli_model.model, nli_model.tokenizer, name=name, max_length=24, **same),
    }
    changed = copy.deepcopy(nli_model.model)
    with torch.no_grad():
        changed.classifier.bias[0] += 1.0       # same name, different weights
    variants["weights"] = NLIModel.from_loaded(changed, nli_model.tokenizer, name=name, **same)
    keys = {model_key(nli_model)}
    for what, model in variants.items():
        keys.add(model_key(model))
        r = run_suite(suite, model, store=db, n_bootstrap=0)
        assert (r.n_scored, r.n_cached) == (30, 0), what
    assert len(keys) == 4
    assert preprocessing(variants["max_length"])["max_length"] == 24
    frames = {r: load_predictions(db, r) for r in range(1, 5)}
    # Swapped labels: the second run's contradiction column is the first run's entailment column.
    np.testing.assert_allclose(frames[2]["p_contradiction"], frames[1]["p_entailment"], atol=1e-5)
    assert frames[3]["truncated"].any() and not frames[1]["truncated"].any()
    assert not np.allclose(frames[4]["p_entailment"], frames[1]["p_entailment"])
    assert run_suite(suite, nli_model, store=db, n_bootstrap=0).n_cached == 30   # own cache still served
