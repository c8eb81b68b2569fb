"""Score NLI pairs in this process or on a Ray cluster, through one function.

:func:`score_pairs` is what ``claimbench score`` (and later ``eval`` and
``analyze``) call. Both engines run the same :meth:`NLIModel.predict
<claimbench.models.nli.NLIModel.predict>` and return the same
:class:`~claimbench.models.nli.Predictions`, in input order:

- ``engine="local"`` loads one model here and scores every pair.
- ``engine="ray"`` runs Ray Data ``map_batches`` with a pool of actors, each
  loading its own copy of the model once (:class:`_ScoreActor`). Rows carry their
  input position through the batches and are put back in order at the end.
  ``RayOptions.address`` joins a running cluster; without it a local Ray starts
  and is shut down when scoring ends. A Ray already initialised in this process
  (a notebook, a test fixture) is used as it is and left running.

Ray is an optional dependency (``pip install 'claimbench[ray]'``), imported only
when ``engine="ray"`` is asked for. To add an engine, add a ``_score_<name>``
function with the same signature and a branch in :func:`score_pairs`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import errors
from ..errors import ClaimbenchError
from .labels import LABELS

if TYPE_CHECKING:
    from .nli import NLIModel, Predictions

logger = logging.getLogger(__name__)

ENGINES = ("local", "ray")


@dataclass(frozen=True)
class RayOptions:
    """How ``engine="ray"`` runs.

    Parameters
    ----------
    address : str, optional
        Ray cluster to join (``"auto"``, ``"ray://host:10001"``, ``"host:6379"``);
        None starts a local Ray for this call and shuts it down afterwards.
    concurrency : int, default 2
        Number of actors, each holding one copy of the model.
    batch_size : int, default 256
        Pairs per Ray batch handed to an actor (the actor's model still runs its
        own ``batch_size`` per forward pass).
    num_cpus : float, default 0.5
        CPUs reserved per actor. Keep ``concurrency * num_cpus`` below the
        cluster's CPUs so Ray Data has room for its own tasks.
    num_gpus : float, default 0
        GPUs reserved per actor; the model then runs on the GPU Ray assigns.
    object_store_memory : int, optional
        Bytes of object store for a local Ray started here (Ray's default when None).

    >>> RayOptions(concurrency=4).batch_size
    256
    """

    address: str | None = None
    concurrency: int = 2
    batch_size: int = 256
    num_cpus: float = 0.5
    num_gpus: float = 0.0
    object_store_memory: int | None = None

    def __post_init__(self):
        if self.concurrency < 1:
            raise ValueError(f"RayOptions.concurrency must be >= 1, got {self.concurrency}")
        if self.batch_size < 1:
            raise ValueError(f"RayOptions.batch_size must be >= 1, got {self.batch_size}")
        if self.num_cpus <= 0:
            raise ValueError(f"RayOptions.num_cpus must be > 0, got {self.num_cpus}")
        if self.num_gpus < 0:
            raise ValueError(f"RayOptions.num_gpus must be >= 0, got {self.num_gpus}")


def score_pairs(pairs: Sequence[tuple[str, str]], *, model: "str | NLIModel | None" = None,
                model_options: Mapping[str, Any] | None = None, engine: str = "local",
                ray: RayOptions | None = None, show_progress_bar: bool = False) -> "Predictions":
    """Score ``(premise, hypothesis)`` pairs with an NLI model on the chosen engine.

    Parameters
    ----------
    pairs : sequence of (str, str)
    model : str or NLIModel, optional
        Name, path or alias (None: the shipped default), passed to
        ``NLIModel(model, **model_options)``. The local engine also accepts a
        loaded :class:`NLIModel`; the Ray engine needs a name, since every actor
        loads its own copy.
    model_options : dict, optional
        Keyword options of :class:`NLIModel` (``precision``, ``batch_size``,
        ``revision``, ``label_map``...).
    engine : {"local", "ray"}, default "local"
    ray : RayOptions, optional
        Settings of the Ray engine (defaults: ``RayOptions()``).
    show_progress_bar : bool, default False

    Returns
    -------
    Predictions
        ``probs`` ``(n, 3)`` in LABELS order, ``labels``, ``truncated``, in input order.

    Examples
    --------
    >>> preds = score_pairs([("The port stayed shut all week.", "The port opened on Monday.")],
    ...                     engine="local")          # doctest: +SKIP
    >>> preds.labels                                 # doctest: +SKIP
    ['contradiction']
    """
    from .nli import NLIModel, _validate_pairs

    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    pairs = _validate_pairs(pairs)
    options = dict(model_options or {})
    if isinstance(model, NLIModel) and options:
        raise ValueError("model_options apply when model is a name or path; a loaded NLIModel "
                         f"keeps its own options (got model_options={sorted(options)})")
    if engine == "local":
        nli = model if isinstance(model, NLIModel) else NLIModel(model, **options)
        return nli.predict(pairs, show_progress_bar=show_progress_bar)
    if isinstance(model, NLIModel):
        raise ValueError("engine='ray' needs the model's name or path, not a loaded NLIModel: "
                         "each actor loads its own copy (pass model=<name>, model_options=...)")
    return _score_ray(pairs, model, options, ray or RayOptions(), show_progress_bar)


def import_ray():
    """Import Ray, or say in one line how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401  (the data extra: pyarrow, pandas)
    except ImportError as exc:
        raise ClaimbenchError(f"engine 'ray' needs Ray Data ({exc}); install it with "
                              f"`pip install 'claimbench[ray]'`") from None
    return ray


class _ScoreActor:
    """One Ray actor: loads the model once, then scores the batches it is handed.

    A model that fails to load with a claimbench error (bad path, refused pickle,
    unmappable labels) is reported in an ``error`` column rather than raised: Ray
    passes a failed actor constructor back only as text, and the user should see
    the same one-line error as with the local engine.
    """

    def __init__(self, model: str | None, options: dict[str, Any]):
        from .nli import NLIModel

        self.model, self.error = None, None
        try:
            self.model = NLIModel(model, **options)
        except ClaimbenchError as exc:
            self.error = (type(exc).__name__, str(exc))

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        if self.error is not None:
            return {"row": batch["row"], "error": np.full(len(batch["row"]), "|".join(self.error))}
        pairs = list(zip(batch["premise"].tolist(), batch["hypothesis"].tolist()))
        preds = self.model.predict(pairs)
        return {"row": batch["row"], "probs": preds.probs, "label": np.asarray(preds.labels),
                "truncated": preds.truncated, "scheme": np.full(len(pairs), preds.scheme)}


def _score_ray(pairs: list[tuple[str, str]], model: str | None, options: dict[str, Any],
               opts: RayOptions, show_progress_bar: bool) -> "Predictions":
    from .nli import Predictions

    ray = import_ray()
    n = len(pairs)
    if n == 0:
        return Predictions(np.zeros((0, len(LABELS))), [], np.zeros(0, dtype=bool))
    _quiet_ray_data()
    connected_here = _ensure_ray(ray, opts)
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = show_progress_bar
        # Rows go out sorted by length so each actor batch pads little (as the local
        # engine does over all pairs); "row" carries each pair's input position back.
        order = sorted(range(n), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        items = [{"row": i, "premise": pairs[i][0], "hypothesis": pairs[i][1]} for i in order]
        # One block is one batch (batch_size=None below), so which pairs share a batch
        # does not depend on scheduling: reruns give the same numbers, in bf16 too.
        # Small inputs get smaller batches so that no actor of the pool sits idle.
        batch_size = max(1, min(opts.batch_size, -(-n // opts.concurrency)))
        ds = ray.data.from_items(items, override_num_blocks=-(-n // batch_size))
        ds = ds.map_batches(_ScoreActor, fn_constructor_kwargs={"model": model, "options": options},
                            compute=ray.data.ActorPoolStrategy(size=opts.concurrency),
                            batch_size=None, batch_format="numpy",
                            num_cpus=opts.num_cpus, num_gpus=opts.num_gpus or None)
        rows, probs, labels, truncated, schemes = [], [], [], [], set()
        for batch in ds.iter_batches(batch_size=None, batch_format="numpy"):
            if "error" in batch:
                name, _, message = str(batch["error"][0]).partition("|")
                raise getattr(errors, name, ClaimbenchError)(f"on a Ray worker: {message}")
            rows.append(batch["row"])
            probs.append(batch["probs"])
            labels.extend(batch["label"].tolist())
            truncated.append(batch["truncated"])
            schemes.update(batch["scheme"].tolist())
    finally:
        if connected_here:
            ray.shutdown()  # stops a local Ray we started; only disconnects from a cluster
    rows = np.concatenate(rows)
    if len(rows) != n or len(np.unique(rows)) != n:
        raise RuntimeError(f"Ray returned {len(rows)} rows ({len(np.unique(rows))} distinct) "
                           f"for {n} pairs")
    back = np.argsort(rows, kind="stable")
    return Predictions(np.concatenate(probs)[back].astype(np.float64),
                       [labels[i] for i in back], np.concatenate(truncated)[back].astype(bool),
                       schemes.pop())


def _quiet_ray_data() -> None:
    """Keep Ray Data's per-run INFO lines off the console unless claimbench logs at INFO."""
    if not logger.isEnabledFor(logging.INFO):
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        # It warns once that progress bars are off: we turned them off on purpose.
        logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)


def _ensure_ray(ray, opts: RayOptions) -> bool:
    """Join ``opts.address`` or start a local Ray; True when this call connected."""
    if ray.is_initialized():
        if opts.address:
            logger.info("Ray already initialised in this process; ignoring address=%r",
                        opts.address)
        return False
    if opts.address:
        ray.init(address=opts.address, logging_level=logging.WARNING,
                 log_to_driver=logger.isEnabledFor(logging.INFO))
        logger.info("joined Ray cluster at %s: %s", opts.address, ray.cluster_resources())
        return True
    ray.init(include_dashboard=False, object_store_memory=opts.object_store_memory,
             logging_level=logging.WARNING, log_to_driver=logger.isEnabledFor(logging.INFO))
    cpus = ray.cluster_resources().get("CPU", 0)
    if opts.concurrency * opts.num_cpus >= cpus:
        logger.warning("%d actors x %g CPUs take all %g CPUs of the local Ray, leaving none to "
                       "Ray Data's own tasks; lower the concurrency or CPUs per actor",
                       opts.concurrency, opts.num_cpus, cpus)
    return True
