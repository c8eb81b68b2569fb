"""``precision="int8"`` (dynamic quantization) on the real shipped model: it loads, keeps the
fp32 model it was given intact, and labels real pairs as fp32 does.

Its speed and its MNLI accuracy against fp32 are measured by benchmarks/bench_backend.py,
not here.
"""

import json

import numpy as np
import pytest
import torch

from claimbench.models import LABELS, NLIModel, load_benchmark

PLAIN = [
    ("The ministry never sold drones to the rebels.", "The ministry sold drones to the rebels."),
    ("A man is playing a guitar on a stage in front of a crowd.", "A man is performing music."),
    ("The council approved the budget on Tuesday.", "The budget was approved."),
]


@pytest.fixture(scope="module")
def int8_model(nli_model):
    return NLIModel.from_loaded(nli_model.model, nli_model.tokenizer, name=nli_model.name,
                                precision="int8", temperature=nli_model.temperature)


def test_int8_quantizes_a_copy_and_keeps_the_fingerprint(nli_model, int8_model):
    linear = [m for m in nli_model.model.modules() if type(m) is torch.nn.Linear]
    quantized = [m for m in int8_model.model.modules()
                 if isinstance(m, torch.ao.nn.quantized.dynamic.Linear)]
    kept = [m for m in int8_model.model.modules() if type(m) is torch.nn.Linear]
    assert quantized and kept                         # width-reducing layers stay fp32
    assert all(m.in_features > m.out_features for m in kept)
    assert len(quantized) + len(kept) == len(linear)
    # the fp32 model handed in is untouched (quantize_dynamic works on a copy)
    assert all(type(m) is torch.nn.Linear for m in linear)
    assert int8_model.fingerprint == nli_model.fingerprint
    assert int8_model.info()["precision"] == "int8" and int8_model.device.type == "cpu"


def test_int8_predicts_well_formed_probabilities_in_input_order(int8_model):
    pred = int8_model.predict(PLAIN)
    assert pred.probs.shape == (len(PLAIN), 3)
    np.testing.assert_allclose(pred.probs.sum(axis=1), 1.0, atol=1e-6)
    assert pred.labels == [LABELS[i] for i in pred.probs.argmax(axis=1)]
    alone = np.vstack([int8_model.predict([p]).probs for p in PLAIN])
    # activations are scaled per batch: up to ~0.05 apart (0.054 measured on the v2 model)
    np.testing.assert_allclose(pred.probs, alone, atol=0.08)


def test_int8_labels_agree_with_fp32_on_plain_and_real_pairs(nli_model, int8_model, data_dir):
    assert int8_model.predict(PLAIN).labels == nli_model.predict(PLAIN).labels
    ds = load_benchmark("mnli", "dev", data_dir=data_dir, limit=64, seed=3)
    pairs = list(zip(ds["premise"], ds["hypothesis"]))
    fp32, int8 = nli_model.predict(pairs), int8_model.predict(pairs)
    agree = np.mean(np.array(fp32.labels) == np.array(int8.labels))
    assert agree >= 0.85, agree
    assert np.abs(fp32.probs - int8.probs).mean() < 0.05


def test_int8_refuses_a_gpu_device(nli_model):
    with pytest.raises(ValueError, match="int8.*CPU only"):
        NLIModel.from_loaded(nli_model.model, nli_model.tokenizer, precision="int8", device="cuda")


def test_score_cli_with_int8(cli, nli_model, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"premise": p, "hypothesis": h}) + "\n" for p, h in PLAIN))
    p = cli("score", str(src), "--precision", "int8")
    assert p.returncode == 0, p.stderr
    rows = [json.loads(line) for line in p.stdout.splitlines()]
    assert [r["label"] for r in rows] == nli_model.predict(PLAIN).labels
