"""The notebook API: ``import claimbench as cb`` and the main jobs in one call each."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

import claimbench as cb

TEXT = "Officials said the plant leaked. The plant denied that it leaked."


def test_import_claimbench_is_light_and_lists_the_api():
    code = "import sys, claimbench as cb; cb.data_path; print('torch' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
    for name in ("analyze", "verify", "load_model", "score", "run_suite", "evaluate_extraction"):
        assert name in dir(cb)


def test_analyze_without_a_model_and_its_frames():
    result = cb.analyze({"plant": TEXT}, nli=False)
    claims = result.to_frame("claims")
    assert isinstance(claims, pd.DataFrame) and set(claims["doc"]) == {"plant"}
    pairs = result.to_frame("pairs")
    assert len(pairs) >= 1 and pairs["label"].isna().all()
    with pytest.raises(ValueError, match="kind must be one of"):
        result.to_frame("sentences")


def test_analyze_verify_and_score_with_the_session_model(nli_model):
    pairs = cb.analyze([TEXT], model=nli_model).to_frame("pairs")
    assert pairs.loc[0, "label"] == "contradiction" and "p_contradiction" in pairs
    verdict = cb.verify("The plant leaked.", TEXT, model=nli_model)
    assert verdict.stance == "denies" and len(verdict.to_frame()) >= 1
    frame = cb.score([("A man sleeps.", "A man is awake."), {"premise": "a", "hypothesis": "b"}],
                     model=nli_model).to_frame()
    assert list(frame.columns) == ["label", "entailment", "neutral", "contradiction", "truncated"]
    assert len(frame) == 2


def test_bundled_data_by_name():
    assert {"smoke", "news-denials"} <= set(cb.suites())
    assert cb.suite_path("smoke").endswith("smoke.toml")
    assert cb.fixture_path("smoke").endswith("smoke.jsonl")
    assert cb.data_path("claims/gold").endswith("gold")
    with pytest.raises(cb.InputError, match="did you mean smoke"):
        cb.suite_path("smok")


def test_run_suite_by_name(nli_model, tmp_path):
    run = cb.run_suite("smoke", model=nli_model, store=str(tmp_path / "runs.db"), n_bootstrap=0)
    frame = run.to_frame()
    assert frame.loc[0, "status"] == "finished" and frame.loc[0, "n_pairs"] == 30
    assert 0 <= frame.loc[0, "accuracy"] <= 1
