"""Evaluation: labeled fixtures and suites, metrics with confidence intervals, cached
resumable runs in a SQLite store, comparisons and reports.

Modules: ``fixtures`` (load and validate labeled pairs), ``suites`` (TOML suites),
``metrics`` (:mod:`claimbench.metrics`, re-exported), ``extraction`` (claims,
denials and pairs against the gold corpus), ``bootstrap`` (vectorised CIs, paired
tests), ``results`` (all metrics of a run), ``store`` (SQLite), ``runner`` (runs),
``compare`` (two runs), ``report`` and ``plots`` (Markdown/HTML). Public names are
imported lazily, so ``import claimbench.eval`` is cheap.

For notebooks::

    from claimbench.eval import load_runs, load_predictions
    runs = load_runs("runs/claimbench.db")            # one row per run
    preds = load_predictions("runs/claimbench.db", runs.id.iloc[-1])
"""

from __future__ import annotations

from .._lazy import lazy_exports

_WHERE = {
    "Perturber": "perturb",
    "LabeledPair": "fixtures", "load_fixtures": "fixtures", "pair_sha256": "fixtures",
    "Suite": "suites", "load_suite": "suites", "resolve_targets": "suites",
    "Metric": "metrics", "METRICS": "metrics", "load_metric": "metrics",
    "classification_report": "metrics", "UndefinedMetricWarning": "metrics",
    "bootstrap_ci": "bootstrap", "paired_bootstrap": "bootstrap", "mcnemar": "bootstrap",
    "compute_results": "results",
    "score_extraction": "extraction", "score_attributions": "extraction",
    "evaluate_extraction": "extraction", "ExtractionScores": "extraction",
    "Store": "store", "load_runs": "store", "load_predictions": "store", "load_metrics": "store",
    "ModelSpec": "runner", "RunResult": "runner", "RunFailed": "runner", "run_suite": "runner",
    "run_many": "runner",
    "compare_runs": "compare", "Comparison": "compare",
    "write_report": "report",
}
__all__ = sorted(_WHERE)


__getattr__, __dir__ = lazy_exports(__name__, _WHERE)

