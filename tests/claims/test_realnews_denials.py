"""Regression floor for headline and body denials on the real-news tune split.

Skips when ../shared/data is absent. The floors sit a little below the figures the rules
reach (tune headlines: named-denier recall 0.89, denial recall 0.91, false-denial rate 0.00,
proposition accuracy 0.88; tune bodies: denial precision 1.00, recall 0.72, proposition
accuracy 0.69), so a change that loses ground fails here.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_tune_headline_denials_stay_above_floor(data_dir):
    from claimbench.claims.extract import analyze_documents
    from claimbench.claims.types import Document
    from claimbench.eval.realnews import load_headlines, score_headlines

    hs = load_headlines(data_dir, split="tune")
    res = score_headlines(hs, analyze_documents([Document(f"h{h.row}", h.text) for h in hs]))
    assert res["denier_recall"] >= 0.85
    assert res["denial_recall"] >= 0.85
    assert res["false_denial_rate"] <= 0.03
    assert res["proposition_accuracy"] >= 0.80


def test_tune_body_denials_stay_above_floor(data_dir):
    from claimbench.claims.extract import analyze_documents
    from claimbench.claims.types import Document
    from claimbench.eval.realnews import load_bodies, score_bodies

    bs = load_bodies(data_dir, split="tune")
    res = score_bodies(bs, analyze_documents([Document(f"b{b.body_id}", b.text) for b in bs]))
    assert res["denial_precision"] >= 0.85
    assert res["denial_recall"] >= 0.65
    assert res["proposition_accuracy"] >= 0.60
