"""Score NLI pairs in this process or on a Ray cluster.

Both engines run the same :meth:`NLIModel.predict <claimbench.models.nli.NLIModel.predict>`
and return the same :class:`~claimbench.models.nli.Predictions`, in input order:

- ``engine="local"`` loads one model here and scores every pair.
- ``engine="ray"`` runs Ray Data ``map_batches`` with a pool of actors, each
  loading its own copy of the model once (:class:`_ScoreActor`). The batches are
  the ones the local engine would make, fixed before Ray schedules anything, each
  one forward pass on an actor; they carry their index (and each pair its
  position) through Ray, and results are put back in order. ``RayOptions.address``
  joins a running cluster; without it a local Ray starts and is shut down when
  scoring ends (:func:`ray_session` holds one for several calls). A Ray already
  initialised in this process (a notebook, a test fixture) is used as it is and
  left running.

One path: :class:`RayNLIModel` is an ``NLIModel`` whose ``predict`` runs on Ray.
``eval`` and ``analyze`` use it in place of a local model (:func:`engine_model`
picks one of the two), :func:`score_pairs` (``claimbench score``) calls its
``predict``, and :func:`predict_batches` scores fixed batches on either engine for
the evaluation runner's batch-by-batch commits. All Ray scoring goes through
``_ray_batches``.

Ray is an optional dependency (``pip install 'claimbench[ray]'``), imported only
when ``engine="ray"`` is asked for. To add an engine, add a model class with
``predict``/``predict_batches`` like :class:`RayNLIModel` and a branch in
:func:`engine_model`, :func:`score_pairs` and :func:`predict_batches`.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import errors
from ..errors import ClaimbenchError
from .labels import LABELS

if TYPE_CHECKING:
    from .nli import NLIModel, Prediction, Predictions

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
        loads its own copy (and :class:`RayNLIModel` one here, for the batch plan
        and the fingerprint the actors check).
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
    return RayNLIModel(model, ray=ray, **options).predict(pairs, show_progress_bar=show_progress_bar)


def import_ray():
    """Import Ray, or say in one line how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401  (the data extra: pyarrow, pandas)
    except ImportError as exc:
        raise ClaimbenchError(f"engine 'ray' needs Ray Data ({exc}); install it with "
                              f"`pip install 'claimbench[ray]'`") from None
    return ray


def engine_model(model: str | None = None, *, engine: str = "local", ray: RayOptions | None = None,
                 **options) -> "NLIModel | RayNLIModel":
    """A model to hand to ``eval``/``analyze`` code: an :class:`NLIModel` for
    ``engine="local"``, a :class:`RayNLIModel` for ``engine="ray"``.

    >>> engine_model("claimbench-nli-minilm", engine="ray", precision="bf16")   # doctest: +SKIP
    RayNLIModel('claimbench-nli-minilm', precision='bf16', concurrency=2)
    """
    from .nli import NLIModel

    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    if engine == "ray":
        return RayNLIModel(model, ray=ray, **options)
    if ray is not None:
        raise ValueError("ray options apply only with engine='ray'")
    return NLIModel(model, **options)


class RayNLIModel:
    """An :class:`~claimbench.models.nli.NLIModel` whose ``predict`` runs on Ray actors.

    What ``claimbench score``, ``eval`` and ``analyze`` use with ``--engine ray``. It
    loads the model here too, on the CPU, for everything besides scoring: ``name``,
    ``fingerprint`` and ``info()`` (cache keys and manifests), ``tokenizer`` and
    ``max_length`` (truncation flags, sentence packing, and the batch plan).
    ``predict`` cuts the pairs into the batches :meth:`NLIModel.predict` would make
    (tokenized here, longest first, ``batch_size`` each) and sends them to a pool of
    actors, each loading its own copy by the same name and options and checking that
    its fingerprint matches this one.

    Parameters
    ----------
    model : str, optional
        Name, path or alias, as for :class:`NLIModel`; every actor loads it by this
        name, so a local directory must exist at the same path on every node.
    ray : RayOptions, optional
        Settings of the Ray engine (defaults: ``RayOptions()``).
    **options
        :class:`NLIModel` options (``precision``, ``batch_size``, ``max_length``...).

    Each ``predict`` call starts an actor pool, and a local Ray too unless one is
    connected: wrap several calls in :func:`ray_session` to start Ray once.

    >>> model = RayNLIModel(ray=RayOptions(concurrency=2))              # doctest: +SKIP
    >>> with ray_session(model.ray):                                    # doctest: +SKIP
    ...     preds = model.predict([("The port stayed shut.", "The port opened.")])
    """

    engine = "ray"
    # What the local copy answers for; scoring itself never runs here.
    _DELEGATED = frozenset({"name", "source", "revision", "fingerprint", "info", "tokenizer",
                            "max_length", "precision", "scheme", "batch_size"})

    def __init__(self, model: str | None = None, *, ray: RayOptions | None = None, **options):
        from .nli import NLIModel

        import_ray()  # say how to install Ray before loading anything
        self.model_arg, self.options = model, dict(options)
        self.ray = ray or RayOptions()
        self.local = NLIModel(model, **{**options, "device": "cpu"})

    def __getattr__(self, name: str):
        if name in RayNLIModel._DELEGATED:
            return getattr(self.__dict__["local"], name)
        raise AttributeError(f"{type(self).__name__!r} has no attribute {name!r}")

    def engine_info(self) -> dict[str, Any]:
        """The engine and its settings, for run configurations and manifests."""
        return {"engine": "ray", **asdict(self.ray)}

    def predict(self, pairs: Sequence[tuple[str, str]] | tuple[str, str], *,
                batch_size: int | None = None, show_progress_bar: bool = False
                ) -> "Predictions | Prediction":
        """Score pairs on the actors; same results and shapes as :meth:`NLIModel.predict`."""
        from .nli import Predictions, _validate_pairs

        single = isinstance(pairs, tuple) and len(pairs) == 2 and all(isinstance(x, str) for x in pairs)
        batch = _validate_pairs([pairs] if single else list(pairs))
        if not batch:
            return self.local.predict(batch)
        # The local engine's batches (NLIModel.predict_logits): tokenized here chunk by
        # chunk, longest first, cut every batch_size pairs; each is one forward pass on an actor.
        size = batch_size or self.batch_size
        chunks = [offset + order[i:i + size] for offset, features, _, order in self.local.chunks(batch)
                  for i in range(0, len(features), size)]
        probs = np.zeros((len(batch), len(LABELS)))
        labels: list[str] = [""] * len(batch)
        truncated = np.zeros(len(batch), dtype=bool)
        for k, preds in self.predict_batches([[batch[i] for i in c] for c in chunks],
                                             show_progress_bar=show_progress_bar):
            rows = chunks[k]
            probs[rows], truncated[rows] = preds.probs, preds.truncated
            for i, label in zip(rows, preds.labels):
                labels[i] = label
        result = Predictions(probs, labels, truncated, self.scheme.scheme)
        return result[0] if single else result

    def predict_batches(self, batches: Sequence[Sequence[tuple[str, str]]], *,
                        show_progress_bar: bool = False) -> Iterator[tuple[int, "Predictions"]]:
        """Each batch in one forward pass on an actor; ``(index, Predictions)`` as each finishes."""
        from .nli import _validate_pairs

        batches = [_validate_pairs(b) for b in batches]
        for i, b in enumerate(batches):
            if not b:
                yield i, self.local.predict(b)
        full = [i for i, b in enumerate(batches) if b]
        if not full:
            return
        with ray_session(self.ray):
            for k, preds in _ray_batches([batches[i] for i in full], self.model_arg, self.options,
                                         self.ray, forward_batch_size=max(len(b) for b in batches),
                                         fingerprint=self.fingerprint,
                                         show_progress_bar=show_progress_bar):
                yield full[k], preds

    def __repr__(self) -> str:
        return (f"RayNLIModel({self.name!r}, precision={self.precision!r}, "
                f"concurrency={self.ray.concurrency})")


def predict_batches(model: "NLIModel | RayNLIModel", batches: Sequence[Sequence[tuple[str, str]]], *,
                    show_progress_bar: bool = False) -> Iterator[tuple[int, "Predictions"]]:
    """Score each batch in one forward pass; yield ``(index, Predictions)`` per batch.

    What the evaluation runner commits batch by batch. An :class:`NLIModel` scores the
    batches here, in order; a :class:`RayNLIModel` on its actors, yielding each batch as
    it finishes (in any order). Either way a batch's pairs share one forward pass, so
    both engines pad them alike.

    >>> [(i, p.labels) for i, p in predict_batches(model, [[pair_a], [pair_b, pair_c]])]  # doctest: +SKIP
    [(0, ['neutral']), (1, ['entailment', 'contradiction'])]
    """
    if isinstance(model, RayNLIModel):
        yield from model.predict_batches(batches, show_progress_bar=show_progress_bar)
        return
    for i, batch in enumerate(batches):
        yield i, model.predict(list(batch), batch_size=max(1, len(batch)))


def engine_info(model) -> dict[str, Any]:
    """Where ``model`` scores: ``{"engine": "local"}`` or the Ray engine's settings.

    >>> engine_info(NLIModel())                                          # doctest: +SKIP
    {'engine': 'local'}
    """
    return model.engine_info() if isinstance(model, RayNLIModel) else {"engine": "local"}


class _ScoreActor:
    """One Ray actor: loads the model once, then scores the units it is handed.

    A unit (one input row) is a JSON list of ``[batch_index, forward_batch_size, pairs]``;
    each batch is one :meth:`NLIModel.predict` call and comes back as one output row per
    pair, tagged with its batch index and position.

    A model that fails to load with a claimbench error (bad path, refused pickle,
    unmappable labels), or whose fingerprint differs from the one the driver expects
    (a worker node with other weights under the same name), is reported in an ``error``
    column rather than raised: Ray passes a failed actor constructor back only as text,
    and the user should see the same one-line error as with the local engine.
    """

    def __init__(self, model: str | None, options: dict[str, Any], fingerprint: str | None = None):
        from .nli import NLIModel

        self.model, self.error = None, None
        try:
            self.model = NLIModel(model, **options)
        except ClaimbenchError as exc:
            self.error = (type(exc).__name__, str(exc))
            return
        if fingerprint is not None and self.model.fingerprint != fingerprint:
            self.error = ("ModelLoadError",
                          f"model {self.model.name!r} loads with fingerprint "
                          f"{self.model.fingerprint[:12]} on this worker but "
                          f"{fingerprint[:12]} on the driver; install the same weights on every node")

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        units = [json.loads(u) for u in batch["unit"].tolist()]
        if self.error is not None:
            n = sum(len(pairs) for unit in units for _, _, pairs in unit)
            return {"batch": np.zeros(n, dtype=np.int64), "error": np.full(n, "|".join(self.error))}
        index, position, probs, labels, truncated, schemes = [], [], [], [], [], []
        for unit in units:
            for b, forward, pairs in unit:
                preds = self.model.predict([tuple(p) for p in pairs], batch_size=forward)
                index.extend([b] * len(pairs))
                position.extend(range(len(pairs)))
                probs.append(preds.probs)
                labels.extend(preds.labels)
                truncated.append(preds.truncated)
                schemes.extend([preds.scheme] * len(pairs))
        return {"batch": np.asarray(index, dtype=np.int64), "pos": np.asarray(position, dtype=np.int64),
                "probs": np.concatenate(probs), "label": np.asarray(labels),
                "truncated": np.concatenate(truncated), "scheme": np.asarray(schemes)}


@contextlib.contextmanager
def ray_session(opts: RayOptions | None = None) -> Iterator[None]:
    """Hold one Ray connection for several scoring calls.

    Joins ``opts.address`` or starts a local Ray, and on exit disconnects (a local Ray
    started here stops). Inside, :func:`score_pairs` and :class:`RayNLIModel` reuse the
    connection instead of opening their own; a Ray already initialised in this process
    is used as it is and left running.

    >>> with ray_session(RayOptions(concurrency=2)):              # doctest: +SKIP
    ...     a = score_pairs(pairs_a, engine="ray")
    ...     b = score_pairs(pairs_b, engine="ray")
    """
    ray = import_ray()
    _quiet_ray_data()
    connected_here = _ensure_ray(ray, opts or RayOptions())
    try:
        yield
    finally:
        if connected_here:
            ray.shutdown()  # stops a local Ray we started; only disconnects from a cluster


def _ray_batches(batches: list[list[tuple[str, str]]], model: str | None, options: dict[str, Any],
                 opts: RayOptions, *, forward_batch_size: int, fingerprint: str | None,
                 show_progress_bar: bool) -> Iterator[tuple[int, "Predictions"]]:
    """Score each batch in one ``predict`` call on a Ray actor; yield ``(index, Predictions)``.

    Batches are yielded as they finish, in any order. Needs a Ray connection
    (:func:`ray_session`). Consecutive batches travel together in units of about
    ``opts.batch_size`` pairs (one unit per Ray block and per actor call), and fewer when
    that would leave actors idle. Which pairs share a forward pass is fixed here, before
    Ray schedules anything, so reruns give the same numbers, in bf16 too.
    """
    import ray

    from .nli import Predictions

    sizes = [len(b) for b in batches]
    per_unit = max(1, min(opts.batch_size // max(1, max(sizes, default=1)),
                          -(-len(batches) // opts.concurrency)))
    units = [json.dumps([[b, forward_batch_size, batches[b]]
                         for b in range(u, min(u + per_unit, len(batches)))], ensure_ascii=False)
             for u in range(0, len(batches), per_unit)]
    if not units:
        return
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = show_progress_bar
    ds = ray.data.from_items([{"unit": u} for u in units], override_num_blocks=len(units))
    ds = ds.map_batches(_ScoreActor, fn_constructor_kwargs={"model": model, "options": options,
                                                            "fingerprint": fingerprint},
                        compute=ray.data.ActorPoolStrategy(size=opts.concurrency),
                        batch_size=None, batch_format="numpy",
                        num_cpus=opts.num_cpus, num_gpus=opts.num_gpus or None)
    # An output block need not match one batch: rows are gathered per batch, and a batch
    # goes out once all its pairs are back.
    partial: dict[int, list[dict[str, np.ndarray]]] = {}
    have: dict[int, int] = {}
    done = 0
    for out in ds.iter_batches(batch_size=None, batch_format="numpy"):
        if "error" in out:
            name, _, message = str(out["error"][0]).partition("|")
            raise getattr(errors, name, ClaimbenchError)(f"on a Ray worker: {message}")
        for b in np.unique(out["batch"]).tolist():
            mask = out["batch"] == b
            partial.setdefault(b, []).append({k: v[mask] for k, v in out.items()})
            have[b] = have.get(b, 0) + int(mask.sum())
            if have[b] > sizes[b]:
                raise RuntimeError(f"Ray returned {have[b]} rows for batch {b} of {sizes[b]} pairs")
            if have[b] == sizes[b]:
                parts = partial.pop(b)
                got = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
                back = np.argsort(got["pos"], kind="stable")
                if not np.array_equal(got["pos"][back], np.arange(sizes[b])):
                    raise RuntimeError(f"Ray returned the wrong rows for batch {b}")
                done += 1
                yield b, Predictions(got["probs"][back].astype(np.float64),
                                     got["label"][back].tolist(),
                                     got["truncated"][back].astype(bool), str(got["scheme"][0]))
    if done != len(batches):
        raise RuntimeError(f"Ray returned {done} of {len(batches)} batches")


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
        try:
            ray.init(address=opts.address, logging_level=logging.WARNING,
                     log_to_driver=logger.isEnabledFor(logging.INFO))
        except ConnectionError as exc:  # e.g. "auto" with no Ray running on this node
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ClaimbenchError(f"cannot join the Ray cluster at {opts.address!r}: {first}") from None
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
