"""The NLI layer on the real shipped model and real checkpoints derived from it."""

import copy
import os

import numpy as np
import pytest
import torch

from claimbench.errors import LabelSchemeError, ModelLoadError
from claimbench.models import LABELS, NLIModel

PAIRS = [
    ("The ministry never sold drones to the rebels.", "The ministry sold drones to the rebels."),
    ("A man is playing a guitar on a stage in front of a crowd.", "A man is performing music."),
    ("The river flooded the town in spring after days of heavy rain.", "The company reported record profits."),
    ("The council approved the budget on Tuesday.", "The budget was approved."),
]


def test_shipped_model_loads_offline_and_gets_plain_cases_right(nli_model):
    pred = nli_model.predict([PAIRS[0], PAIRS[1], PAIRS[3]])
    assert pred.labels == ["contradiction", "entailment", "entailment"]
    assert nli_model.scheme.scheme == "3-way"


def test_probabilities_have_fixed_columns_and_sum_to_one(nli_model):
    pred = nli_model.predict(PAIRS)
    assert pred.probs.shape == (len(PAIRS), 3)
    np.testing.assert_allclose(pred.probs.sum(axis=1), 1.0, atol=1e-6)
    assert pred.labels == [LABELS[i] for i in pred.probs.argmax(axis=1)]
    assert set(pred[0].probs) == set(LABELS)


def test_single_pair_returns_a_single_prediction(nli_model):
    one = nli_model.predict(PAIRS[0])
    many = nli_model.predict([PAIRS[0]])
    assert one.label == many.labels[0]
    assert one.probs == pytest.approx(many[0].probs, abs=1e-6)


def test_input_order_is_restored_after_length_sorting(nli_model_fp32):
    # Lengths chosen so that sorting reorders them (fp32: bf16 padding noise exceeds 1e-4).
    pairs = [PAIRS[3], (PAIRS[1][0] * 3, PAIRS[1][1]), PAIRS[0], PAIRS[2]]
    batched = nli_model_fp32.predict(pairs, batch_size=2).probs
    alone = np.vstack([nli_model_fp32.predict([p]).probs for p in pairs])
    np.testing.assert_allclose(batched, alone, atol=1e-4)


def test_deterministic(nli_model):
    a = nli_model.predict(PAIRS).probs
    b = nli_model.predict(PAIRS).probs
    np.testing.assert_array_equal(a, b)


def test_only_the_premise_is_truncated_and_flagged(nli_model):
    long_premise = " ".join(["The delegation visited the harbour and met the mayor."] * 120)
    hypothesis = "The delegation met the mayor of the harbour town."
    feats, truncated = nli_model.encode([(long_premise, hypothesis), PAIRS[0]])
    assert truncated.tolist() == [True, False]
    assert len(feats[0]["input_ids"]) == nli_model.max_length
    hyp_ids = nli_model.tokenizer(hypothesis, add_special_tokens=False)["input_ids"]
    ids = feats[0]["input_ids"]
    # The whole hypothesis survives, right before the final [SEP].
    assert ids[-len(hyp_ids) - 1:-1] == hyp_ids
    pred = nli_model.predict([(long_premise, hypothesis)])
    assert pred.truncated.tolist() == [True]


def test_hypothesis_longer_than_budget_still_scores(nli_model):
    huge = "word " * 1000
    pred = nli_model.predict([("short premise.", huge)])
    assert pred.truncated.tolist() == [True]
    assert pred.probs.shape == (1, 3)


def test_empty_batch(nli_model):
    pred = nli_model.predict([])
    assert pred.probs.shape == (0, 3) and pred.labels == []


def test_fingerprint_is_stable_and_weight_sensitive(nli_model):
    assert len(nli_model.fingerprint) == 64
    again = NLIModel()
    assert again.fingerprint == nli_model.fingerprint
    changed = NLIModel.from_loaded(copy.deepcopy(nli_model.model), nli_model.tokenizer)
    with torch.no_grad():
        changed.model.classifier.bias[0] += 0.01
    assert changed.fingerprint != nli_model.fingerprint


@pytest.fixture(scope="module")
def permuted_checkpoint(nli_model, tmp_path_factory):
    """The shipped model re-saved as a plain HF checkpoint with its labels in another order."""
    path = tmp_path_factory.mktemp("permuted")
    model = copy.deepcopy(nli_model.model)
    order = [2, 0, 1]  # new index i holds old class order[i]
    with torch.no_grad():
        model.classifier.weight.copy_(nli_model.model.classifier.weight[order])
        model.classifier.bias.copy_(nli_model.model.classifier.bias[order])
    old = nli_model.model.config.id2label
    model.config.id2label = {i: old[o].upper() for i, o in enumerate(order)}
    model.config.label2id = {v: k for k, v in model.config.id2label.items()}
    model.save_pretrained(path)
    nli_model.tokenizer.save_pretrained(path)
    return str(path)


def test_label_order_of_a_checkpoint_does_not_change_the_columns(nli_model, nli_model_raw, permuted_checkpoint):
    other = NLIModel(permuted_checkpoint)
    assert other.scheme.names != nli_model.scheme.names
    # a checkpoint saved from the weights has no calibration temperature: compare with the raw model
    np.testing.assert_allclose(other.predict(PAIRS).probs, nli_model_raw.predict(PAIRS).probs, atol=1e-5)
    assert other.fingerprint != nli_model.fingerprint


def test_generic_labels_need_a_mapping(nli_model_raw, permuted_checkpoint, tmp_path):
    import json
    import shutil

    path = tmp_path / "generic"
    shutil.copytree(permuted_checkpoint, path)
    cfg = json.loads((path / "config.json").read_text())
    names = cfg["id2label"]
    cfg["id2label"] = {k: f"LABEL_{k}" for k in names}
    cfg["label2id"] = {f"LABEL_{k}": int(k) for k in names}
    (path / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(LabelSchemeError, match="label"):
        NLIModel(str(path))
    mapping = {f"LABEL_{k}": v.lower() for k, v in names.items()}
    mapped = NLIModel(str(path), label_map=mapping)
    np.testing.assert_allclose(mapped.predict(PAIRS).probs, nli_model_raw.predict(PAIRS).probs, atol=1e-5)


def test_two_class_checkpoint_says_so(nli_model, tmp_path):
    from transformers import AutoModelForSequenceClassification

    model = copy.deepcopy(nli_model.model)
    cfg = copy.deepcopy(model.config)
    cfg.num_labels = 2
    cfg.id2label = {0: "entailment", 1: "not_entailment"}
    cfg.label2id = {"entailment": 0, "not_entailment": 1}
    two = AutoModelForSequenceClassification.from_config(cfg)
    state = {k: v for k, v in model.state_dict().items() if not k.startswith("classifier")}
    two.load_state_dict(state, strict=False)
    two.save_pretrained(tmp_path)
    nli_model.tokenizer.save_pretrained(tmp_path)
    binary = NLIModel(str(tmp_path))
    pred = binary.predict(PAIRS)
    assert pred.scheme == "2-way"
    assert np.all(pred.probs[:, 2] == 0.0)
    np.testing.assert_allclose(pred.probs.sum(axis=1), 1.0, atol=1e-6)


def test_pickle_checkpoints_are_refused_unless_allowed(nli_model, nli_model_raw, tmp_path):
    nli_model.model.config.save_pretrained(tmp_path)
    nli_model.tokenizer.save_pretrained(tmp_path)
    torch.save(nli_model.model.state_dict(), os.path.join(tmp_path, "pytorch_model.bin"))
    with pytest.raises(ModelLoadError, match="allow_pickle"):
        NLIModel(str(tmp_path))
    allowed = NLIModel(str(tmp_path), allow_pickle=True)
    np.testing.assert_allclose(allowed.predict(PAIRS).probs, nli_model_raw.predict(PAIRS).probs, atol=1e-5)


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelLoadError):
        NLIModel(str(tmp_path / "does-not-exist"))
