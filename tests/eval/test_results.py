"""All metrics of a run: splits, the dev-tuned threshold frozen for test, slices, headline."""

import json

import numpy as np
import pytest

from claimbench.eval.fixtures import LabeledPair
from claimbench.eval.metrics import ContradictionThreshold, ThresholdedF1, classification_report
from claimbench.eval.results import MAX_SLICE_VALUES, compute_results, sha256_json

LABELS = ("entailment", "neutral", "contradiction")


def case(n=120, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    logits = rng.normal(size=(n, 3))
    logits[np.arange(n), y] += 1.2
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    pairs = [LabeledPair(f"p{i}", f"premise {i}", f"hypothesis {i}", LABELS[y[i]],
                         category=("numbers", "dates", "hedge")[i % 3],
                         source="team" if i % 2 else f"generated:p{i - 1}",
                         perturbation=None if i % 4 else "negation",
                         split="dev" if i % 5 < 2 else "test") for i in range(n)]
    return pairs, probs


def test_threshold_is_tuned_on_dev_and_frozen_for_test():
    pairs, probs = case()
    r = compute_results(pairs, probs, n_bootstrap=200, seed=3)
    dev = np.array([p.split == "dev" for p in pairs])
    y = np.array([LABELS.index(p.label) for p in pairs])
    tuned = ContradictionThreshold().compute(references=y[dev], probs=probs[dev])
    frozen = ThresholdedF1(tuned["threshold"]).compute(references=y[~dev], probs=probs[~dev])
    assert r["eval_split"] == "test" and r["threshold"]["tuned_on"] == "dev"
    assert r["threshold"]["value"] == pytest.approx(tuned["threshold"])
    assert r["threshold"]["test"] == pytest.approx(frozen)
    assert r["headline"]["f1_at_threshold"] == pytest.approx(frozen["f1"])
    test_report = classification_report(y[~dev], probs[~dev])
    assert r["headline"]["accuracy"] == pytest.approx(test_report["accuracy"])
    assert r["splits"]["dev"]["n"] == dev.sum() and r["splits"]["test"]["n"] == (~dev).sum()
    lo, hi = r["threshold"]["ci"]["f1"]
    assert lo <= frozen["f1"] <= hi


def test_slices_on_the_evaluation_split():
    pairs, probs = case()
    r = compute_results(pairs, probs, n_bootstrap=0)
    assert set(r["slices"]) == {"category", "source", "perturbation"}
    assert set(r["slices"]["category"]) == {"numbers", "dates", "hedge"}
    assert set(r["slices"]["source"]) == {"team", "generated"}          # kind:detail -> kind
    assert set(r["slices"]["perturbation"]) == {"(none)", "negation"}
    test = [i for i, p in enumerate(pairs) if p.split == "test" and p.category == "dates"]
    dates = classification_report([pairs[i].label for i in test], probs[test])
    assert r["slices"]["category"]["dates"]["accuracy"] == pytest.approx(dates["accuracy"])
    assert r["slices"]["category"]["dates"]["n"] == len(test)


def test_too_many_values_is_no_slice_and_one_value_is_the_whole_split():
    pairs, probs = case()
    pairs = [LabeledPair(p.id, p.premise, p.hypothesis, p.label, category=f"c{i}", source="team",
                         split=p.split) for i, p in enumerate(pairs)]
    r = compute_results(pairs, probs, n_bootstrap=0)
    assert r["slices"] == {}
    assert f"test category: {sum(p.split == 'test' for p in pairs)} distinct values, not sliced" in r["warnings"]
    assert len({p.category for p in pairs}) > MAX_SLICE_VALUES


def test_ill_defined_slices_become_notes_and_json_nulls():
    pairs, probs = case(60)
    # No gold contradiction in the "hedge" test slice.
    pairs = [LabeledPair(p.id, p.premise, p.hypothesis,
                         "neutral" if p.category == "hedge" and p.label == "contradiction" else p.label,
                         category=p.category, split=p.split) for p in pairs]
    r = compute_results(pairs, probs, n_bootstrap=50)
    hedge = r["slices"]["category"]["hedge"]
    assert hedge["roc_auc"] is None and hedge["f1_contradiction"] == 0.0
    assert any(w.startswith("test category=hedge:") for w in r["warnings"])
    json.dumps(r, allow_nan=False)                 # strict JSON: NaN became null


def test_only_test_pairs_means_no_threshold_and_results_are_deterministic():
    pairs, probs = case()
    pairs = [LabeledPair(p.id, p.premise, p.hypothesis, p.label, split="test") for p in pairs]
    r = compute_results(pairs, probs, n_bootstrap=100, seed=1)
    assert r["threshold"] == {"tuned_on": None, "reason": "no dev pairs to tune on"}
    assert r["headline"]["threshold"] is None and list(r["splits"]) == ["test"]
    assert sha256_json(r) == sha256_json(compute_results(pairs, probs, n_bootstrap=100, seed=1))
    assert sha256_json(r) != sha256_json(compute_results(pairs, probs, n_bootstrap=100, seed=2))
