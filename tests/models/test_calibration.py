"""Temperature scaling: the fit recovers a known temperature, labels never move, and the
shipped model's stored temperature is applied by default and can be switched off."""

import json
import shutil

import numpy as np
import pytest

from claimbench.models import NLIModel
from claimbench.models.artifact import artifact_temperature
from claimbench.models.calibration import calibrate_model, fit_temperature, nll, softmax
from claimbench.models.registry import default_model_dir

PAIRS = [("The ministry never sold drones to the rebels.", "The ministry sold drones to the rebels."),
         ("A man is playing a guitar on stage.", "A man is performing music."),
         ("The council approved the budget on Tuesday.", "The mayor resigned.")]


def test_fit_recovers_the_temperature_labels_were_drawn_at():
    rng = np.random.default_rng(1)
    logits = rng.normal(scale=3.0, size=(4000, 3))
    true_t = 2.5
    p = softmax(logits, true_t)
    labels = np.array([rng.choice(3, p=row) for row in p])
    t = fit_temperature(logits, labels)
    assert abs(t - true_t) < 0.25
    assert nll(logits, labels, t) <= nll(logits, labels, 1.0)


def test_fit_refuses_no_data():
    with pytest.raises(ValueError):
        fit_temperature(np.zeros((0, 3)), [])


def test_shipped_temperature_is_applied_and_keeps_labels(nli_model):
    t = artifact_temperature(default_model_dir())
    raw = NLIModel(calibrated=False, precision=nli_model.precision)
    assert nli_model.temperature == t and raw.temperature == 1.0
    a, b = nli_model.predict(PAIRS), raw.predict(PAIRS)
    assert a.labels == b.labels
    np.testing.assert_allclose(a.probs.sum(axis=1), 1.0, atol=1e-9)
    if t != 1.0:
        assert not np.allclose(a.probs, b.probs)
        assert nli_model.fingerprint != raw.fingerprint      # caches keep them apart
    assert nli_model.info()["temperature"] == t


def test_calibrate_model_writes_the_temperature(tmp_path, data_dir):
    model_dir = tmp_path / "model"
    shutil.copytree(default_model_dir(), model_dir)
    info = calibrate_model(str(model_dir), ["snli:validation:300"], data_dir=data_dir)
    meta = json.loads((model_dir / "artifact.json").read_text())
    assert meta["calibration"]["temperature"] == info["temperature"] > 0
    assert info["nll_after"] <= info["nll_before"] + 1e-9
    assert NLIModel(str(model_dir)).temperature == info["temperature"]
