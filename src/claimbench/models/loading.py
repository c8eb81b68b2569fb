"""Models by name, loaded once per process: what the notebook API and the verify stage's
``claimbench.verify(claim, document)`` hand to the stages.

A model argument may be a loaded model (returned as it is), a hub id, local path or alias,
or None for the shipped default; :func:`load_model` keeps the last few loaded, keyed by
name and options, so a notebook pays for each load once.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

KEEP = 4     # models kept loaded (name and options differ)


def load_model(name: str | None = None, **options: Any):
    """An :class:`~claimbench.models.NLIModel` by hub id, local path or alias (None: the
    shipped claimbench-nli-minilm); ``options`` as ``NLIModel`` takes them (``precision``,
    ``batch_size``, ``revision``, ``label_map``...). The same name and options give the same
    model object for the rest of the session."""
    return _load(name, tuple(sorted((k, _hashable(v)) for k, v in options.items())))


def as_model(model: Any):
    """``model`` itself when it is a loaded model, else :func:`load_model` of the name (or None)."""
    return model if model is not None and not isinstance(model, str) else load_model(model)


def _hashable(value: Any) -> Any:
    return tuple(sorted(value.items())) if isinstance(value, Mapping) else value


@functools.lru_cache(maxsize=KEEP)
def _load(name: str | None, options: tuple):
    from .nli import NLIModel

    return NLIModel(name, **{k: dict(v) if k == "label_map" and v else v for k, v in options})
