"""NLI models: load any Hugging Face NLI checkpoint or the shipped default, predict pairs.

Public names are imported lazily so that importing this package stays cheap.
"""

from __future__ import annotations

from .._lazy import lazy_exports

__all__ = ["NLIModel", "Prediction", "Predictions", "LABELS", "label_scheme", "load_benchmark",
           "DEFAULT_MODEL", "known_models", "score_pairs", "RayOptions", "RayNLIModel",
           "ray_session", "load_model"]

_WHERE = {"NLIModel": "nli", "Prediction": "nli", "Predictions": "nli", "LABELS": "labels",
          "label_scheme": "labels", "load_benchmark": "benchmarks", "DEFAULT_MODEL": "registry",
          "known_models": "registry", "score_pairs": "engine", "RayOptions": "engine",
          "RayNLIModel": "engine", "ray_session": "engine", "load_model": "loading"}


__getattr__, __dir__ = lazy_exports(__name__, _WHERE)
