"""Metric values against hand-computed cases; the vectorised bootstrap against scikit-learn."""

import warnings

import numpy as np
import pytest

from claimbench.errors import InputError
from claimbench.eval.bootstrap import WeightedStats, bootstrap_ci, mcnemar, paired_bootstrap
from claimbench.eval.metrics import (
    METRICS,
    ContradictionThreshold,
    ThresholdedF1,
    UndefinedMetricWarning,
    classification_report,
    load_metric,
)

E, N, C = "entailment", "neutral", "contradiction"
# Six pairs worked by hand. Predicted (argmax): E, N, N, N, C, E.
GOLD = [E, E, N, N, C, C]
PROBS = np.array([[0.72, 0.18, 0.10],    # E -> E, confidence .72
                  [0.25, 0.45, 0.30],    # E -> N, .45
                  [0.12, 0.66, 0.22],    # N -> N, .66
                  [0.05, 0.58, 0.37],    # N -> N, .58
                  [0.08, 0.17, 0.75],    # C -> C, .75
                  [0.48, 0.22, 0.30]])   # C -> E, .48


def test_argmax_metrics_match_hand_computation():
    r = classification_report(GOLD, PROBS)
    assert r["accuracy"] == pytest.approx(4 / 6)
    assert r["confusion_matrix"] == [[1, 1, 0], [0, 2, 0], [1, 0, 1]]
    # entailment: tp 1 of 2 predicted, 1 of 2 gold; neutral: 2 of 3 predicted, 2 of 2 gold;
    # contradiction: 1 of 1 predicted, 1 of 2 gold.
    assert (r["precision_entailment"], r["recall_entailment"], r["f1_entailment"]) == pytest.approx((0.5, 0.5, 0.5))
    assert (r["precision_neutral"], r["recall_neutral"], r["f1_neutral"]) == pytest.approx((2 / 3, 1.0, 0.8))
    assert (r["precision_contradiction"], r["recall_contradiction"], r["f1_contradiction"]) == pytest.approx((1.0, 0.5, 2 / 3))
    assert r["macro_f1"] == pytest.approx((0.5 + 0.8 + 2 / 3) / 3)
    assert r["balanced_accuracy"] == pytest.approx((0.5 + 1.0 + 0.5) / 3)
    assert r["support_contradiction"] == 2 and r["n"] == 6


def test_contradiction_auc_by_hand():
    # P(contradiction): gold contradictions .75 and .30; others .10 .30 .22 .37.
    # ROC: .75 beats all 4; .30 beats .10 and .22, ties .30, loses to .37 -> 6.5 of 8.
    # AP: at .75 P=1 R=.5; at the .30 tie P=2/4 R=1 -> .5*1 + .5*.5.
    r = load_metric("contradiction_auc").compute(references=GOLD, probs=PROBS)
    assert r == pytest.approx({"roc_auc": 6.5 / 8, "pr_auc": 0.75})


def test_expected_calibration_error_by_hand():
    # Bins of width .1: [.72 .75] both right, [.45 .48] both wrong, [.66] right, [.58] right.
    expected = (2 * abs(1 - 0.735) + 2 * abs(0 - 0.465) + abs(1 - 0.66) + abs(1 - 0.58)) / 6
    assert load_metric("ece").compute(references=GOLD, probs=PROBS)["ece"] == pytest.approx(expected)
    assert load_metric("ece", n_bins=1).compute(references=GOLD, probs=PROBS)["ece"] == pytest.approx(
        abs(4 / 6 - PROBS.max(axis=1).mean()))


def test_threshold_tuned_on_dev_and_applied_frozen():
    # Thresholds .75 and .30 both give F1 2/3 on these pairs; ties go to the lower (more recall).
    tuned = ContradictionThreshold().compute(references=GOLD, probs=PROBS)
    assert tuned["threshold"] == pytest.approx(0.30) and tuned["f1"] == pytest.approx(2 / 3)
    assert (tuned["precision"], tuned["recall"]) == pytest.approx((0.5, 1.0))
    test_probs = np.array([[0.05, 0.05, 0.9], [0.4, 0.4, 0.2], [0.3, 0.4, 0.3], [0.8, 0.1, 0.1]])
    # Frozen .30 flags pairs 0 and 2: one hit, one false alarm, one miss.
    frozen = ThresholdedF1(tuned["threshold"]).compute(references=[C, C, N, E], probs=test_probs)
    assert frozen == pytest.approx({"precision": 0.5, "recall": 0.5, "f1": 0.5})


def test_slice_without_contradictions_warns_and_falls_back():
    probs = np.array([[0.7, 0.2, 0.1], [0.2, 0.2, 0.6]])
    with pytest.warns(UndefinedMetricWarning, match="contradiction"):
        r = classification_report([E, N], probs)
    assert r["f1_contradiction"] == 0.0 and r["recall_contradiction"] == 0.0
    assert np.isnan(r["roc_auc"]) and np.isnan(r["pr_auc"])
    with pytest.warns(UndefinedMetricWarning):
        nan = classification_report([E, N], probs, zero_division=np.nan)
    assert np.isnan(nan["recall_contradiction"])
    with pytest.warns(UndefinedMetricWarning, match="without gold contradictions"):
        assert np.isnan(ContradictionThreshold().compute(references=[E, N], probs=probs)["threshold"])


def test_metric_objects_validate_inputs():
    assert set(METRICS) >= {"accuracy", "balanced_accuracy", "macro_f1", "per_class",
                            "confusion_matrix", "contradiction_auc", "ece"}
    with pytest.raises(InputError, match="did you mean accuracy"):
        load_metric("acuracy")
    acc = load_metric("accuracy")
    with pytest.raises(TypeError, match="missing \\['predictions'\\]"):
        acc.compute(references=[E])
    with pytest.raises(InputError, match="unknown label 'refutes'"):
        acc.compute(references=["refutes"], predictions=[E])
    with pytest.raises(InputError, match="differ in length"):
        acc.compute(references=[E, N], predictions=[E])
    with pytest.raises(InputError, match="shape"):
        load_metric("ece").compute(references=[E], probs=[[1.0, 0.0]])


def _random_case(n, seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    logits = rng.normal(size=(n, 3))
    logits[np.arange(n), y] += 1.0
    p = np.round(np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True), 2)   # rounding makes ties
    return y, p / p.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("n, seed, zero_division", [(40, 0, 0.0), (300, 1, 0.0), (25, 2, np.nan), (7, 3, 1.0)])
def test_vectorised_formulas_equal_scikit_learn_at_unit_weights(n, seed, zero_division):
    y, p = _random_case(n, seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        ref = classification_report(y, p, zero_division=zero_division)
        t = ContradictionThreshold().compute(references=y, probs=p)["threshold"]
        ref_t = ThresholdedF1(t, zero_division=zero_division).compute(references=y, probs=p)
    got = WeightedStats(y, p, threshold=t, zero_division=zero_division)(np.ones((1, n)))
    for name, values in got.items():
        expected = ref_t[name.removesuffix("_at_threshold")] if name.endswith("_at_threshold") else ref[name]
        np.testing.assert_allclose(values[0], expected, rtol=1e-12, atol=1e-12, err_msg=name)


def test_bootstrap_is_seeded_and_brackets_the_estimate():
    y, p = _random_case(400, 5)
    a = bootstrap_ci(y, p, n_resamples=300, seed=7)
    assert a == bootstrap_ci(y, p, n_resamples=300, seed=7)
    assert a != bootstrap_ci(y, p, n_resamples=300, seed=8)
    point = classification_report(y, p)
    for name in ("accuracy", "macro_f1", "roc_auc", "ece"):
        lo, hi = a[name]
        assert lo < point[name] < hi, name
        assert hi - lo < 0.25


def test_bootstrap_intervals_narrow_as_the_sample_grows():
    # Speed (1,000 resamples of 20,000 pairs) is measured by benchmarks/bench_harness.py;
    # here only what the intervals do: bracket the estimate, and shrink about as
    # 1/sqrt(n) (10x the pairs: about a third of the width).
    widths = {}
    for n in (2_000, 20_000):
        y, p = _random_case(n, 9)
        ci = bootstrap_ci(y, p, n_resamples=300, seed=0, threshold=0.4)
        point = classification_report(y, p)["accuracy"]
        assert ci["accuracy"][0] < point < ci["accuracy"][1]
        assert ci["f1_at_threshold"][0] < ci["f1_at_threshold"][1]
        widths[n] = ci["accuracy"][1] - ci["accuracy"][0]
    assert widths[20_000] < 0.03
    assert 0.2 < widths[20_000] / widths[2_000] < 0.5


def test_mcnemar_exact_p_value_by_hand():
    gold = [0] * 10
    a = [0] * 8 + [1, 1]                   # right on 0..7
    b = [0, 0, 0] + [1] * 5 + [0, 0]       # right on 0..2, 8, 9
    m = mcnemar(gold, a, b)
    # 5 pairs only A got right, 2 only B: two-sided binomial p = 2 * (1 + 7 + 21) / 2**7.
    assert (m.only_a, m.only_b) == (5, 2)
    assert m.p_value == pytest.approx(58 / 128)
    assert m.statistic == pytest.approx((3 - 1) ** 2 / 7)


def test_paired_bootstrap_detects_a_real_difference_and_not_a_null_one():
    y, p = _random_case(200, 4)
    same = paired_bootstrap(y, p, p.copy(), n_resamples=200, seed=0, metrics=["accuracy"])["accuracy"]
    assert same.delta == 0 and same.ci == (0.0, 0.0) and same.p_value == 1.0
    worse = np.roll(p, 1, axis=1)           # predictions shifted to a wrong class
    d = paired_bootstrap(y, p, worse, n_resamples=200, seed=0)["accuracy"]
    assert d.delta < -0.3 and d.ci[1] < 0 and d.p_value < 0.01
