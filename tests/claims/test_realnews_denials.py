"""Regression floor for headline and body denials on the real-news tune split.

Skips when ../shared/data is absent. The floors sit a little below the figures the rules
reach (tune: named-denier recall 0.91, denial recall 0.91, false-denial rate 0.00,
proposition accuracy 0.88), so a change that loses ground fails here.
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
