"""Paired comparison of two finished runs on the pairs they share.

Pairs are matched by input (premise and hypothesis) and gold label, within run A's
evaluation split, so suites that share pairs under other ids compare too.
Each metric's delta (B - A) gets a paired-bootstrap interval and p-value; accuracy
also gets an exact McNemar test. Runs on different models over the same suite are
the usual case; a note says when the suites or fixture files differ.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from ..defaults import N_BOOTSTRAP
from ..errors import InputError
from .bootstrap import McNemar, PairedDelta, mcnemar, paired_bootstrap
from .store import Store

METRICS = ("accuracy", "balanced_accuracy", "macro_f1", "f1_contradiction", "roc_auc", "pr_auc",
           "ece")


@dataclass
class Comparison:
    """Run B against run A: deltas with intervals and p-values, and McNemar on accuracy."""

    run_a: int
    run_b: int
    split: str
    n: int
    deltas: list[PairedDelta]
    mcnemar: McNemar
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        from .results import jsonable

        return jsonable({"run_a": self.run_a, "run_b": self.run_b, "split": self.split, "n": self.n,
                         "deltas": [asdict(d) for d in self.deltas],
                         "mcnemar": asdict(self.mcnemar), "notes": self.notes})


def _aligned(store: Store, run: dict[str, Any], split: str):
    rows = store.prediction_rows(run["id"])
    return {(r["input_sha256"], r["label"]): (r["p_entailment"], r["p_neutral"], r["p_contradiction"])
            for r in rows if r["split"] == split and r["p_entailment"] is not None}


def compare_runs(store: Store | str, run_a: int | str, run_b: int | str, *,
                 n_resamples: int = N_BOOTSTRAP, seed: int = 0) -> Comparison:
    """Compare two finished runs of one store on their shared pairs.

    >>> c = compare_runs("runs/claimbench.db", 1, 2)              # doctest: +SKIP
    >>> [(d.metric, round(d.delta, 3), d.p_value) for d in c.deltas]   # doctest: +SKIP
    """
    from .fixtures import LABELS

    own = isinstance(store, str)
    db = Store(store, create=False) if own else store
    try:
        a, b = db.get_run(run_a), db.get_run(run_b)
        for r in (a, b):
            if r["status"] != "finished":
                raise InputError(f"run {r['id']} is {r['status']}; only finished runs compare")
        split = a["results"]["eval_split"]
        pa, pb = _aligned(db, a, split), _aligned(db, b, split)
        common = [k for k in pa if k in pb]
        if not common:
            raise InputError(f"runs {a['id']} and {b['id']} share no {split} pairs")
        notes = []
        if a["suite"] != b["suite"]:
            notes.append(f"different suites ({a['suite']} vs {b['suite']}): compared on the "
                         f"{len(common)} shared pairs")
        fa, fb = (r["manifest"].get("fixtures") for r in (a, b))
        if a["suite"] == b["suite"] and fa != fb:
            notes.append("the fixture files changed between the runs")
        if a.get("model_key") == b.get("model_key"):
            notes.append("both runs used the same model and settings")
        y = np.array([LABELS.index(k[1]) for k in common])
        probs_a = np.array([pa[k] for k in common])
        probs_b = np.array([pb[k] for k in common])
        ta = a["results"]["threshold"].get("value")
        tb = b["results"]["threshold"].get("value")
        names = list(METRICS) + (["f1_at_threshold"] if ta is not None and tb is not None else [])
        deltas = paired_bootstrap(y, probs_a, probs_b, n_resamples=n_resamples, seed=seed,
                                  metrics=names, threshold_a=ta, threshold_b=tb)
        test = mcnemar(y, probs_a.argmax(axis=1), probs_b.argmax(axis=1))
        return Comparison(a["id"], b["id"], split, len(common), [deltas[m] for m in names], test,
                          notes)
    finally:
        if own:
            db.close()
