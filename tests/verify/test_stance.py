"""The stance classifier: fit, predict, save and load; verify uses it when given one, and
the plain NLI stance without; features come from real model readings."""

import numpy as np
import pytest

from claimbench.verify.document import NLI_STANCE, verify
from claimbench.verify.stance import STANCE_FEATURES, StanceClassifier, feature_matrix

DOC = ("The ministry on Monday denied that it had sold drones to the rebels. "
       "Officials called the report baseless.")
CLAIM = "The ministry sold drones to the rebels."


def _toy():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(90, len(STANCE_FEATURES)))
    y = ["supports"] * 30 + ["denies"] * 30 + ["reports"] * 30
    X[:30, 0] += 3
    X[30:60, 1] += 3
    return X, y


def test_fit_predict_roundtrip(tmp_path):
    X, y = _toy()
    clf = StanceClassifier.fit(X, y, note="toy")
    acc = np.mean(np.array(clf.predict(X)) == np.array(y))
    assert acc > 0.8
    p = clf.predict_proba(X)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    path = tmp_path / "stance.json"
    clf.save(str(path))
    again = StanceClassifier.load(str(path))
    np.testing.assert_allclose(again.predict_proba(X), p)
    assert again.fitted["note"] == "toy"


def test_unknown_labels_and_bad_files_are_refused(tmp_path):
    X, _ = _toy()
    with pytest.raises(Exception, match="unknown stance"):
        StanceClassifier.fit(X[:3], ["supports", "agrees", "denies"])
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    with pytest.raises(Exception, match="not a stance classifier"):
        StanceClassifier.load(str(bad))


def test_verify_without_classifier_is_the_plain_nli_stance(nli_model):
    v = verify(CLAIM, DOC, nli_model, stance_model=None)
    assert v.stance == NLI_STANCE[v.label] == v.nli_stance
    assert set(v.features) == set(STANCE_FEATURES)
    # the document's denials of the claim come back with it
    assert v.denials and all(d["denied"] for d in v.denials)


def test_verify_with_a_classifier_reports_its_probabilities(nli_model):
    base = verify(CLAIM, DOC, nli_model, stance_model=None)
    X = feature_matrix([base.features] * 3)
    X[1] = X[1] * 0.0
    X[2] = X[2] + 1.0
    clf = StanceClassifier.fit(X, ["denies", "supports", "reports"], C=10.0)
    v = verify(CLAIM, DOC, nli_model, stance_model=clf)
    assert set(v.stance_probs) == {"supports", "denies", "reports"}
    assert v.stance == max(v.stance_probs, key=v.stance_probs.get) == "denies"
    assert v.to_dict()["stance_probs"] == v.stance_probs


def test_empty_document_is_unrelated(nli_model):
    assert verify(CLAIM, "   ", nli_model).stance == "unrelated"
