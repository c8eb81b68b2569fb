"""Evaluation runs: score a suite's pairs with a model through the cache, compute, record.

A run is one (model, suite) pair. :func:`run_suite` opens it in the store (or
resumes an interrupted one with the same configuration), scores the pairs the cache
lacks batch by batch, committing each batch, then computes the metrics, the
manifest and the results digest and marks the run finished. :func:`run_many` runs
every model on every suite; a model that fails is recorded as a failed run and the
others go on.

Batches follow a fixed plan (unique inputs sorted by length, then hash), and a
batch is committed whole, so a resumed run with the same batch size scores exactly
the batches an uninterrupted run would have scored, in the same company: its
predictions, and hence its metrics, are bit-identical. With ``engine="ray"`` (a
:class:`~claimbench.models.engine.RayNLIModel`) the same batches go to Ray actors, one
forward pass each, and are committed as they come back, in any order; the run's
configuration records the engine. A run counts as interrupted
when its owner process is gone (see :meth:`Store.start_run`); a run still owned by a
live process is never taken over, so two concurrent invocations get two runs.

>>> from claimbench.eval import load_suite, run_suite          # doctest: +SKIP
>>> run_suite(load_suite("eval/suites/news_denials.toml"), "claimbench-nli-minilm",
...           store="runs/claimbench.db").headline               # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from ..defaults import BATCH_SIZE, N_BOOTSTRAP
from ..errors import ClaimbenchError
from .fixtures import LabeledPair
from .manifest import build_manifest
from .results import compute_results, jsonable, sha256_json
from .store import DEFAULT_STORE, Store
from .suites import Suite

logger = logging.getLogger(__name__)

TRUNCATION_POLICY = "premise-first"   # NLIModel cuts the premise before the hypothesis


class RunFailed(ClaimbenchError, RuntimeError):
    """A run broke off while scoring or computing; it is recorded as failed in the store."""

    def __init__(self, run_id: int, message: str, *, error: str = ""):
        super().__init__(message)
        self.run_id, self.error = run_id, error or message


@dataclass(frozen=True)
class ModelSpec:
    """How to load one model: a name or path and the :class:`~claimbench.models.NLIModel` options.

    >>> ModelSpec("roberta-large-mnli", precision="bf16").display_name
    'roberta-large-mnli'
    """

    name: str | None = None
    revision: str | None = None
    label_map: Mapping[str, str] | None = None
    precision: str = "auto"
    batch_size: int = BATCH_SIZE
    max_length: int | None = None
    trust_remote_code: bool = False
    allow_pickle: bool = False

    @property
    def display_name(self) -> str:
        from ..models.registry import DEFAULT_MODEL

        return self.name or DEFAULT_MODEL

    def load(self, *, engine: str = "local", ray=None):
        """The model: an ``NLIModel``, or with ``engine="ray"`` a ``RayNLIModel``
        (``ray``: its :class:`~claimbench.models.engine.RayOptions`)."""
        from ..models.engine import engine_model

        return engine_model(self.name, engine=engine, ray=ray, revision=self.revision,
                            label_map=self.label_map, trust_remote_code=self.trust_remote_code,
                            allow_pickle=self.allow_pickle, precision=self.precision,
                            batch_size=self.batch_size, max_length=self.max_length)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["name"] = self.display_name
        out["label_map"] = dict(self.label_map) if self.label_map else None
        return out


@dataclass
class RunResult:
    """What one (model, suite) run came to. ``n_scored``/``n_cached`` count this attempt only."""

    run_id: int
    model: str
    suite: str
    status: str
    headline: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    resumed: bool = False
    n_pairs: int = 0
    n_scored: int = 0
    n_cached: int = 0
    results_sha256: str | None = None

    def to_frame(self):
        """One row: the run's identity and status, then its headline metrics."""
        import pandas as pd

        row = {"run_id": self.run_id, "model": self.model, "suite": self.suite, "status": self.status,
               "n_pairs": self.n_pairs, **{k: v for k, v in self.headline.items()
                                           if not isinstance(v, (dict, list))}}
        return pd.DataFrame([row])


def preprocessing(model) -> dict[str, Any]:
    """The settings besides the weights that change a model's outputs for the same pair."""
    tok = model.tokenizer
    backend = getattr(tok, "backend_tokenizer", None)
    if backend is not None:
        # The backend's truncation/padding state changes with each call; the vocabulary,
        # normaliser and pre-tokeniser are what define the tokenizer.
        spec = {k: v for k, v in json.loads(backend.to_str()).items() if k not in ("truncation", "padding")}
        tok_id = sha256_json(spec)
    else:
        vocab = json.dumps(sorted(tok.get_vocab().items()), ensure_ascii=False)
        tok_id = hashlib.sha256((type(tok).__name__ + vocab).encode()).hexdigest()
    return {"max_length": int(model.max_length), "precision": model.precision,
            "truncation": TRUNCATION_POLICY, "tokenizer_sha256": tok_id,
            "scheme": model.scheme.scheme}


def model_key(model) -> str:
    """The cache key of a model: its fingerprint together with its preprocessing settings."""
    return sha256_json({"fingerprint": model.fingerprint, "preprocessing": preprocessing(model)})


def pairs_sha256(pairs: Sequence[LabeledPair]) -> str:
    """Digest of a run's labeled pairs (text, label, split and slice fields, in order)."""
    return sha256_json([[p.id, p.input_sha256, p.label, p.split, p.category, p.source,
                         p.perturbation, p.doc_id] for p in pairs])


def _metric_rows(results: dict[str, Any]) -> list[tuple]:
    rows: list[tuple] = []

    def add(split: str, fld: str, value: str, block: dict[str, Any]) -> None:
        ci = block.get("ci", {})
        for name, v in block.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool) and name != "n":
                lo, hi = ci.get(name, (None, None))
                rows.append((split, fld, value, name, v, lo, hi, block.get("n")))

    for split, block in results["splits"].items():
        add(split, "", "", block)
    for fld, groups in results["slices"].items():
        for value, block in groups.items():
            add(results["eval_split"], fld, value, block)
    thr = results["threshold"]
    if thr.get("value") is not None:
        ev = results["eval_split"]
        n = results["splits"][ev]["n"]
        rows.append((ev, "", "", "threshold", thr["value"], None, None, n))
        for name, v in thr.get(ev, {}).items():
            lo, hi = thr.get("ci", {}).get(name, (None, None))
            rows.append((ev, "", "", f"{name}_at_threshold", v, lo, hi, n))
    return rows


def _score_missing(model, store: Store, run_id: int, key: str, pairs: Sequence[LabeledPair], *,
                   batch_size: int, label: str, show_progress: bool) -> tuple[int, int]:
    from ..models.engine import predict_batches

    unique = {p.input_sha256: (p.premise, p.hypothesis) for p in pairs}
    plan = sorted(unique, key=lambda s: (-len(unique[s][0]) - len(unique[s][1]), s))
    batches = [plan[i:i + batch_size] for i in range(0, len(plan), batch_size)]
    cached = store.cached_inputs(key)
    todo = [b for b in batches if not cached.issuperset(b)]
    n_todo = sum(len(b) for b in todo)
    from tqdm.auto import tqdm

    with tqdm(total=len(plan), initial=len(plan) - n_todo, desc=label, unit="pair",
              disable=not show_progress, leave=False) as bar:
        # Each planned batch is one forward pass on either engine and is committed as it
        # arrives (the Ray engine returns batches in the order they finish).
        for b, preds in predict_batches(model, [[unique[s] for s in batch] for batch in todo]):
            batch = todo[b]
            store.put_predictions(run_id, key, [(s, preds.probs[i], bool(preds.truncated[i]))
                                                for i, s in enumerate(batch)])
            bar.update(len(batch))
    return n_todo, len(plan) - n_todo


def run_suite(suite: Suite, model, *, store: Store | str = DEFAULT_STORE, seed: int = 0,
              n_bootstrap: int = N_BOOTSTRAP, batch_size: int | None = None, show_progress: bool = False,
              pairs: Sequence[LabeledPair] | None = None, data_dir: str | None = None) -> RunResult:
    """Evaluate one model on one suite and record the run; returns its :class:`RunResult`.

    Parameters
    ----------
    suite : Suite
    model : NLIModel, RayNLIModel, ModelSpec or str
        A loaded model (a ``RayNLIModel`` scores on Ray), or what to load locally.
    store : Store or str, default ``runs/claimbench.db``
    seed : int, default 0
        Seeds the bootstrap.
    n_bootstrap : int, default 1000
        Bootstrap resamples for the confidence intervals (0: none).
    batch_size : int, optional
        Pairs per scored (and committed) batch; default the model's.
    pairs : list of LabeledPair, optional
        The suite's pairs when already loaded.
    """
    own = isinstance(store, str)
    db = Store(store) if own else store
    try:
        if isinstance(model, (str, ModelSpec)) or model is None:
            spec = model if isinstance(model, ModelSpec) else ModelSpec(model)
            model = spec.load()
        return _run(suite, model, db, seed=seed, n_bootstrap=n_bootstrap,
                    batch_size=batch_size or model.batch_size, show_progress=show_progress,
                    pairs=pairs if pairs is not None else suite.load_pairs(data_dir=data_dir))
    finally:
        if own:
            db.close()


def _run(suite: Suite, model, db: Store, *, seed: int, n_bootstrap: int, batch_size: int,
         show_progress: bool, pairs: Sequence[LabeledPair]) -> RunResult:
    from ..models.engine import engine_info

    key = model_key(model)
    prep = preprocessing(model)
    info = model.info()
    db.register_model(key, fingerprint=model.fingerprint, preprocessing=prep, info=info)
    settings = {"seed": seed, "n_bootstrap": n_bootstrap}
    # The engine is recorded but not part of the config key: both engines give the same
    # predictions (to float noise), so they share the cache and resume each other's runs.
    config = {"suite": suite.to_dict(), "model": info, "preprocessing": prep,
              "batch_size": batch_size, "engine": engine_info(model), **settings}
    pairs_digest = pairs_sha256(pairs)
    config_key = sha256_json({"model_key": key, "suite": suite.name, "pairs": pairs_digest,
                              **settings})
    run_id, resumed = db.start_run(model=model.name, model_key=key, suite=suite.name,
                                   config=config, config_key=config_key, pairs=pairs)
    if resumed:
        logger.info("resuming run %d (%s on %s)", run_id, model.name, suite.name)
    try:
        n_scored, n_cached = _score_missing(model, db, run_id, key, pairs, batch_size=batch_size,
                                            label=f"{model.name} / {suite.name}",
                                            show_progress=show_progress)
        found = db.get_predictions(key, {p.input_sha256 for p in pairs})
        missing = [p.id for p in pairs if p.input_sha256 not in found]
        if missing:
            raise RuntimeError(f"{len(missing)} pairs have no stored prediction (e.g. {missing[0]})")
        probs = np.array([found[p.input_sha256][0] for p in pairs], dtype=np.float64)
        results = compute_results(pairs, probs, seed=seed, n_bootstrap=n_bootstrap)
        results["truncated"] = int(sum(found[p.input_sha256][1] for p in pairs))
        results_digest = sha256_json(results)
        manifest = build_manifest(
            run_id=run_id, model=info, model_key=key, preprocessing=prep, suite=suite.to_dict(),
            fixture_sha256=suite.fixture_hashes(), config=config, seed=seed,
            results_sha256=results_digest, n_pairs=len(pairs),
            predictions_sha256=sha256_json([[p.id, p.input_sha256, *found[p.input_sha256][0]]
                                            for p in pairs]))
        db.finish_run(run_id, results=results, manifest=jsonable(manifest),
                      results_sha256=results_digest, metric_rows=_metric_rows(results))
    except KeyboardInterrupt:
        db.release_run(run_id)
        raise
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
        db.fail_run(run_id, error)
        raise RunFailed(run_id, f"run {run_id} ({model.name} on {suite.name}) failed: {error}",
                        error=error) from exc
    return RunResult(run_id, model.name, suite.name, "finished", results["headline"],
                     resumed=resumed, n_pairs=len(pairs), n_scored=n_scored, n_cached=n_cached,
                     results_sha256=results_digest)


def run_many(suites: Sequence[Suite], models: Sequence[ModelSpec | str] | None = None, *,
             model_options: Mapping[str, Any] | None = None, store: Store | str = DEFAULT_STORE,
             seed: int = 0, n_bootstrap: int = N_BOOTSTRAP, batch_size: int | None = None,
             show_progress: bool = False, data_dir: str | None = None, engine: str = "local",
             ray=None) -> list[RunResult]:
    """Every model on every suite; a failing model is recorded and the rest go on.

    ``models`` defaults to each suite's own ``models`` (or the shipped model); models
    given by name get ``model_options`` (:class:`ModelSpec` fields: precision,
    max_length, label_map...). All
    suites' pairs load first, so bad input stops everything before the store is
    opened or any model loads. Each model loads once. ``engine="ray"`` scores on Ray
    actors (``ray``: :class:`~claimbench.models.engine.RayOptions`); one Ray session
    serves all models and suites.
    """
    from ..models.engine import ENGINES, import_ray, ray_session

    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    if engine == "ray":
        import_ray()  # a missing Ray stops the run before anything is written
    # Bad input stops everything before the store is touched or any model loads.
    loaded = [(suite, suite.load_pairs(data_dir=data_dir)) for suite in suites]
    own = isinstance(store, str)
    db = Store(store) if own else store
    try:
        with ray_session(ray) if engine == "ray" else contextlib.nullcontext():
            return _run_each(loaded, models, db, model_options=model_options, seed=seed,
                             n_bootstrap=n_bootstrap, batch_size=batch_size,
                             show_progress=show_progress, engine=engine, ray=ray)
    finally:
        if own:
            db.close()


def _run_each(loaded, models, db: Store, *, model_options, seed: int, n_bootstrap: int,
              batch_size: int | None, show_progress: bool, engine: str, ray) -> list[RunResult]:
    from ..models.registry import DEFAULT_MODEL

    wanted: dict[str, tuple[ModelSpec, list[tuple[Suite, list[LabeledPair]]]]] = {}
    for suite, pairs in loaded:
        names = models or suite.models or [DEFAULT_MODEL]
        for m in names:
            spec = m if isinstance(m, ModelSpec) else ModelSpec(m, **(model_options or {}))
            ident = json.dumps(spec.to_dict(), sort_keys=True)
            wanted.setdefault(ident, (spec, []))[1].append((suite, pairs))
    results: list[RunResult] = []
    for spec, todo in wanted.values():
        try:
            model = spec.load(engine=engine, ray=ray)
        except Exception as exc:           # a model that cannot load fails alone
            error = f"{type(exc).__name__}: {exc}"
            logger.error("model %s failed to load: %s", spec.display_name, error)
            for suite, _ in todo:
                rid = db.record_failed_run(model=spec.display_name, suite=suite.name,
                                           config={"suite": suite.to_dict(),
                                                   "model": spec.to_dict(), "seed": seed,
                                                   "engine": {"engine": engine}},
                                           config_key="failed", error=error)
                results.append(RunResult(rid, spec.display_name, suite.name, "failed",
                                         error=error))
            continue
        for suite, pairs in todo:
            try:
                results.append(_run(suite, model, db, seed=seed, n_bootstrap=n_bootstrap,
                                    batch_size=batch_size or model.batch_size,
                                    show_progress=show_progress, pairs=pairs))
            except RunFailed as exc:
                logger.error("%s", exc)
                logger.debug("traceback", exc_info=True)
                results.append(RunResult(exc.run_id, model.name, suite.name, "failed",
                                         error=exc.error))
    return results
