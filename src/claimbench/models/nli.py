"""``NLIModel``: any sequence-classification NLI checkpoint behind one ``predict(pairs)``.

Conventions:
- Probabilities always come back as an ``(n, 3)`` array in the column order
  :data:`~claimbench.models.labels.LABELS` (entailment, neutral, contradiction),
  whatever the checkpoint's own label order.
- Pairs are ``(premise, hypothesis)``. Only the premise is truncated to fit the
  model's length budget (the hypothesis is the claim being tested); each result
  says whether its pair was truncated.
- Batches are sorted by length and padded per batch; results come back in input
  order. Inference runs under ``torch.inference_mode`` and is deterministic.
- On the CPU, batches run in up to ``MAX_STREAMS`` concurrent streams that share
  torch's threads (``claimbench._hf.run_batches``; on 2 cores: two streams of one
  thread each), which keeps both cores busy (``benchmarks/bench_score.py``). Which pairs
  share a batch does not depend on the streams, so scores stay reproducible for a
  given thread count.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from .._hf import quiet_loading, run_batches
from ..defaults import BATCH_SIZE
from ..errors import InputError, ModelLoadError
from .labels import LABELS, LabelScheme, label_scheme
from .registry import DEFAULT_MODEL, resolve

logger = logging.getLogger(__name__)

PRECISIONS = ("fp32", "bf16", "int8")   # plus "auto" (models.precision.resolve_precision)
# Texts longer than this many characters per token of budget are clipped before
# tokenizing (NLIModel._clip); English runs at about 4-5 characters per token.
CLIP_CHARS_PER_TOKEN = 64
# Pairs tokenized at once (NLIModel.chunks): their token lists, about 7 KB a pair as
# Python lists, are what would otherwise grow with the input.
ENCODE_CHUNK = 4096


@dataclass(frozen=True)
class Prediction:
    """One scored pair: the label, its probabilities by name, and the truncation flag."""

    label: str
    probs: dict[str, float]
    truncated: bool
    scheme: str = "3-way"

    def to_dict(self) -> dict[str, Any]:
        return {"probs": self.probs, "label": self.label, "truncated": self.truncated}


@dataclass(frozen=True)
class Predictions:
    """Scores of many pairs, in input order.

    ``probs`` is ``(n, 3)`` in :data:`LABELS` order; ``labels`` the argmax names;
    ``truncated`` whether each premise was cut to fit; ``scheme`` ``"3-way"`` or
    ``"2-way"`` (then ``neutral`` holds the not_entailment probability).
    """

    probs: np.ndarray
    labels: list[str]
    truncated: np.ndarray
    scheme: str = "3-way"
    columns: tuple[str, ...] = field(default=LABELS)

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, i: int) -> Prediction:
        return Prediction(self.labels[i], {c: float(p) for c, p in zip(self.columns, self.probs[i])},
                          bool(self.truncated[i]), self.scheme)

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def to_frame(self):
        """A pandas DataFrame: ``label``, one probability column per label, ``truncated``."""
        import pandas as pd

        frame = pd.DataFrame(np.asarray(self.probs), columns=list(self.columns))
        frame.insert(0, "label", list(self.labels))
        frame["truncated"] = np.asarray(self.truncated, dtype=bool)
        return frame


def _validate_pairs(pairs: Sequence[Sequence[str]]) -> list[tuple[str, str]]:
    out = []
    for i, pair in enumerate(pairs):
        if isinstance(pair, str) or len(pair) != 2:
            raise InputError(f"pair {i} must be (premise, hypothesis), got {type(pair).__name__}")
        p, h = pair
        if not isinstance(p, str) or not isinstance(h, str):
            raise InputError(f"pair {i}: premise and hypothesis must be strings")
        out.append((p, h))
    return out


def length_order(features: Sequence[Mapping[str, Any]]) -> np.ndarray:
    """The order pairs are batched in: longest first (stable), so each batch pads little.

    The Ray engine (:class:`~claimbench.models.engine.RayNLIModel`) batches by the same
    order, so both engines put the same pairs in the same forward pass.

    >>> length_order([{"input_ids": [1, 2]}, {"input_ids": [1, 2, 3]}, {"input_ids": [4, 5]}]).tolist()
    [1, 0, 2]
    """
    return np.argsort([-len(f["input_ids"]) for f in features], kind="stable")


def quantize_int8(model):
    """A copy of ``model`` whose widening and square ``nn.Linear`` layers run in int8.

    Dynamic quantization (``torch.ao.quantization.quantize_dynamic``): weights int8 per
    output channel, activations quantized per batch as they come, CPU kernels (fbgemm,
    VNNI where the CPU has it). Layers that narrow the width stay fp32: the feed-forward
    down-projection, whose input (the GELU output) has outliers that one activation
    scale per tensor flattens (quantizing it cost the most agreement with fp32), and the
    classifier head. Everything else (attention projections, feed-forward
    up-projection, pooler) is quantized.

    >>> import torch
    >>> m = torch.nn.Sequential(torch.nn.Linear(8, 32), torch.nn.GELU(), torch.nn.Linear(32, 8))
    >>> [type(x).__module__.startswith("torch.ao.nn.quantized") for x in quantize_int8(m)]
    [True, False, False]
    """
    import warnings

    import torch

    try:
        from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic
    except ImportError as exc:   # torch has announced moving eager quantization out
        raise ValueError(f"precision 'int8' needs torch.ao.quantization.quantize_dynamic, which "
                         f"torch {torch.__version__} lacks ({exc})") from None
    spec = {name: per_channel_dynamic_qconfig for name, mod in model.named_modules()
            if isinstance(mod, torch.nn.Linear) and mod.in_features <= mod.out_features}
    with warnings.catch_warnings():
        # torch flags eager-mode quantization as deprecated in favour of torchao; it works.
        warnings.simplefilter("ignore")
        return quantize_dynamic(model, spec, dtype=torch.qint8)


class NLIModel:
    """An NLI cross-encoder: load by name or path, ``predict`` pairs.

    Parameters
    ----------
    model : str, optional
        A hub id, a local directory, an alias from ``claimbench models``, or None
        for the shipped default (``claimbench-nli-minilm``).
    revision : str, optional
        Hub revision (branch, tag or commit) to load.
    label_map : dict, optional
        Maps the checkpoint's label names to entailment/neutral/contradiction when
        its ``config.id2label`` does not say (e.g. ``LABEL_0``).
    trust_remote_code : bool, default False
        Allow a hub repository's own Python code to run. Off unless asked.
    allow_pickle : bool, default False
        Allow pickle-based weights (``pytorch_model.bin``); safetensors otherwise.
    precision : {"auto", "fp32", "bf16", "int8"}, default "auto"
        ``auto`` is ``bf16`` where the hardware computes bf16 natively (CPU flags
        AVX512-BF16 or AMX, :func:`~claimbench.models.precision.resolve_precision`) and
        ``fp32`` elsewhere. ``bf16`` runs under CPU/GPU autocast. ``int8`` quantizes the linear layers'
        weights to int8 per output channel, activations dynamically per batch, on the
        CPU only (:func:`quantize_int8`; ``benchmarks/bench_backend.py`` measures its
        speed and accuracy against fp32).
    batch_size : int, default 32
    max_length : int, optional
        Token budget per pair; defaults to the model's limit, capped at 512.
    device : str, optional
        ``"cpu"``, ``"cuda"``...; defaults to CUDA when available.
    calibrated : bool, default True
        Apply the temperature stored with a claimbench model (``artifact.json``,
        :mod:`~claimbench.models.calibration`) to its probabilities. Labels do not
        change; ``False`` gives the raw softmax. Other checkpoints have no temperature.

    Examples
    --------
    >>> model = NLIModel()                                     # doctest: +SKIP
    >>> model.predict([("The ministry never sold drones.",
    ...                 "The ministry sold drones.")]).labels   # doctest: +SKIP
    ['contradiction']
    """

    def __init__(self, model: str | None = None, *, revision: str | None = None,
                 label_map: Mapping[str, str] | None = None, trust_remote_code: bool = False,
                 allow_pickle: bool = False, precision: str = "auto", batch_size: int = BATCH_SIZE,
                 max_length: int | None = None, device: str | None = None, calibrated: bool = True):
        from .artifact import artifact_temperature, is_artifact_dir, load_artifact

        self.name = model or DEFAULT_MODEL
        self.source = resolve(model)
        self.revision = revision
        temperature = 1.0
        with quiet_loading():
            if os.path.isdir(self.source) and is_artifact_dir(self.source):
                loaded = load_artifact(self.source)
                temperature = artifact_temperature(self.source) if calibrated else 1.0
            else:
                loaded = self._load_hf(self.source, revision, trust_remote_code, allow_pickle)
        self._setup(*loaded, label_map=label_map, precision=precision, batch_size=batch_size,
                    max_length=max_length, device=device, temperature=temperature)

    @classmethod
    def from_loaded(cls, model, tokenizer, *, name: str = "in-memory", **options) -> "NLIModel":
        """Wrap an already loaded ``transformers`` model and tokenizer (same options)."""
        self = cls.__new__(cls)
        self.name, self.source, self.revision = name, name, None
        self._setup(model, tokenizer, **options)
        return self

    def _setup(self, model, tokenizer, *, label_map=None, precision="auto", batch_size=32,
               max_length=None, device=None, temperature=1.0):
        import torch

        from .precision import resolve_precision

        gpu = torch.cuda.is_available() and precision != "int8"
        device = torch.device(device or ("cuda" if gpu else "cpu"))
        precision = resolve_precision(precision, device.type)
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, got {precision!r}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        if not temperature > 0:
            raise ValueError(f"temperature must be > 0, got {temperature}")
        self.precision = precision
        self.batch_size = batch_size
        self.temperature = float(temperature)
        self.device = device
        if precision == "int8" and self.device.type != "cpu":
            raise ValueError(f"precision 'int8' runs on the CPU only, got device {device!r}")
        self.model, self.tokenizer = model, tokenizer
        self.model.to(self.device)
        self.model.eval()
        self.scheme: LabelScheme = label_scheme(self.model.config.id2label, label_map)
        limit = getattr(self.tokenizer, "model_max_length", 512) or 512
        limit = min(int(limit), int(getattr(self.model.config, "max_position_embeddings", 512) or 512), 512)
        self.max_length = min(max_length, limit) if max_length else limit
        if precision == "int8":
            # The fingerprint names the weights as loaded, before quantizing (cache keys
            # add the precision), so it is taken while they are still there.
            _ = self.fingerprint
            self.model = quantize_int8(self.model)

    @staticmethod
    def _load_hf(source: str, revision, trust_remote_code: bool, allow_pickle: bool):
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        kwargs = dict(revision=revision, trust_remote_code=trust_remote_code)
        try:
            model = AutoModelForSequenceClassification.from_pretrained(
                source, use_safetensors=None if allow_pickle else True, **kwargs)
        except (OSError, ValueError) as exc:  # missing files, unknown architecture, bad config
            msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            if not allow_pickle and "safetensors" in str(exc).lower():
                msg = (f"{source} has no safetensors weights; pickle checkpoints are refused "
                       f"unless you pass allow_pickle=True (--allow-pickle): {msg}")
            raise ModelLoadError(f"cannot load model {source!r}: {msg}") from None
        try:
            tokenizer = AutoTokenizer.from_pretrained(source, **kwargs)
        except (OSError, ValueError) as exc:
            raise ModelLoadError(f"cannot load the tokenizer of {source!r}: {exc}") from None
        return model, tokenizer

    # ------------------------------------------------------------------ identity
    @cached_property
    def fingerprint(self) -> str:
        """sha256 over the weights, the config and the label map: what caches key on."""
        import torch

        h = hashlib.sha256()
        for name, tensor in sorted(self.model.state_dict().items()):
            t = tensor.detach().to("cpu").contiguous()
            h.update(name.encode())
            h.update(str(t.dtype).encode())
            h.update(str(tuple(t.shape)).encode())
            h.update(t.view(-1).view(torch.uint8).numpy().tobytes())
        h.update(self.model.config.to_json_string(use_diff=False).encode())
        h.update(json.dumps(self.scheme.index, sort_keys=True).encode())
        if self.temperature != 1.0:      # calibrated probabilities are other results
            h.update(f"temperature={self.temperature!r}".encode())
        return h.hexdigest()

    def info(self) -> dict[str, Any]:
        """Plain description of this model, for manifests and ``--format json`` output."""
        return {"name": self.name, "source": self.source, "revision": self.revision,
                "fingerprint": self.fingerprint, "scheme": self.scheme.scheme,
                "labels": list(self.scheme.names), "precision": self.precision,
                "max_length": self.max_length, "temperature": self.temperature}

    # ------------------------------------------------------------------ predict
    def encode(self, pairs: Sequence[tuple[str, str]]) -> tuple[list[dict[str, list[int]]], np.ndarray]:
        """Tokenize pairs, truncating only the premise; return features and truncation flags."""
        tok = self.tokenizer
        premises = [self._clip(p) for p, _ in pairs]
        hypotheses = [self._clip(h) for _, h in pairs]
        special = tok.num_special_tokens_to_add(pair=True)
        p_len = [len(x) for x in tok(premises, add_special_tokens=False, verbose=False)["input_ids"]]
        h_len = [len(x) for x in tok(hypotheses, add_special_tokens=False, verbose=False)["input_ids"]]
        truncated = np.array([a + b + special > self.max_length for a, b in zip(p_len, h_len)])
        if any(b + special >= self.max_length for b in h_len):
            # Some hypothesis alone overflows the budget: those pairs are cut on both sides.
            rows = [tok(p, h, max_length=self.max_length,
                        truncation="longest_first" if hl + special >= self.max_length else "only_first")
                    for p, h, hl in zip(premises, hypotheses, h_len)]
            return [dict(r) for r in rows], truncated
        feats = tok(premises, hypotheses, truncation="only_first", max_length=self.max_length)
        keys = list(feats.keys())
        return [{k: feats[k][i] for k in keys} for i in range(len(pairs))], truncated

    def _clip(self, text: str) -> str:
        """``text`` cut at a word boundary when the kept part already fills the token budget.

        Only the first ``max_length`` tokens of a text can reach the model, but the
        tokenizer would still read all of it (a 50 MB premise: minutes and gigabytes).
        The cut is made only when the prefix alone has ``max_length`` tokens, so the
        pair is truncated either way and its features are unchanged.
        """
        limit = CLIP_CHARS_PER_TOKEN * self.max_length
        if len(text) <= limit:
            return text
        cut = max(text.rfind(c, 0, limit) for c in " \n\t")
        if cut <= 0:
            return text
        n = len(self.tokenizer(text[:cut], add_special_tokens=False, verbose=False)["input_ids"])
        return text[:cut] if n >= self.max_length else text

    def predict_logits(self, pairs: Sequence[tuple[str, str]], *, batch_size: int | None = None,
                       show_progress_bar: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Raw logits in the checkpoint's own column order, in input order, plus truncation flags."""
        import torch

        pairs = _validate_pairs(pairs)
        n = len(pairs)
        out = np.zeros((n, self.model.config.num_labels), dtype=np.float32)
        if n == 0:
            return out, np.zeros(0, dtype=bool)
        bs = batch_size or self.batch_size
        bar = None
        if show_progress_bar:
            from tqdm.auto import tqdm
            bar = tqdm(total=sum(-(-min(ENCODE_CHUNK, n - o) // bs) for o in range(0, n, ENCODE_CHUNK)),
                       desc="scoring", unit="batch")
        truncated = np.zeros(n, dtype=bool)
        pad_lock = threading.Lock()          # one tokenizer, shared by the streams
        autocast = ((lambda: torch.autocast(self.device.type, dtype=torch.bfloat16))
                    if self.precision == "bf16" else contextlib.nullcontext)
        try:
            for offset, features, chunk_truncated, order in self.chunks(pairs):
                truncated[offset:offset + len(features)] = chunk_truncated

                def run(start: int, features=features, order=order, offset=offset) -> None:
                    idx = order[start:start + bs]
                    with pad_lock:
                        batch = self.tokenizer.pad([features[i] for i in idx], return_tensors="pt")
                    batch = {k: v.to(self.device) for k, v in batch.items()}
                    with torch.inference_mode(), autocast():       # both are per thread
                        out[offset + idx] = self.model(**batch).logits.float().cpu().numpy()
                    if bar is not None:
                        bar.update()

                run_batches(run, range(0, len(features), bs), device_type=self.device.type)
        finally:
            if bar is not None:
                bar.close()
        return out, truncated

    def chunks(self, pairs: Sequence[tuple[str, str]]
               ) -> Iterator[tuple[int, list[dict[str, list[int]]], np.ndarray, np.ndarray]]:
        """Pairs tokenized :data:`ENCODE_CHUNK` at a time: ``(offset, features, truncated, order)``.

        Within a chunk, pairs are batched in :func:`length_order`; the Ray engine cuts
        its batches from the same chunks, so both engines pad alike. Token lists of a
        chunk are dropped once it is scored: memory does not grow with the input.
        """
        for offset in range(0, len(pairs), ENCODE_CHUNK):
            features, truncated = self.encode(pairs[offset:offset + ENCODE_CHUNK])
            yield offset, features, truncated, length_order(features)

    def predict(self, pairs: Sequence[tuple[str, str]] | tuple[str, str], *,
                batch_size: int | None = None, show_progress_bar: bool = False
                ) -> Predictions | Prediction:
        """Score ``(premise, hypothesis)`` pairs.

        A single pair returns a :class:`Prediction`; a sequence returns
        :class:`Predictions` whose ``probs`` is ``(n, 3)`` in LABELS order.
        """
        single = isinstance(pairs, tuple) and len(pairs) == 2 and all(isinstance(x, str) for x in pairs)
        batch = [pairs] if single else list(pairs)
        logits, truncated = self.predict_logits(batch, batch_size=batch_size,
                                                show_progress_bar=show_progress_bar)
        probs = self._to_columns(logits)
        labels = [LABELS[i] for i in probs.argmax(axis=1)] if len(batch) else []
        result = Predictions(probs, labels, truncated, self.scheme.scheme)
        return result[0] if single else result

    def _to_columns(self, logits: np.ndarray) -> np.ndarray:
        """Softmax over the model's classes (logits / ``temperature``), laid out in LABELS order."""
        from .calibration import softmax

        p = softmax(logits, self.temperature)
        out = np.zeros((len(logits), 3), dtype=np.float64)
        for j, col in enumerate(LABELS):
            src = self.scheme.index[col]
            if src is not None:
                out[:, j] = p[:, src]
        return out

    def __repr__(self) -> str:
        return f"NLIModel({self.name!r}, scheme={self.scheme.scheme!r}, precision={self.precision!r})"
