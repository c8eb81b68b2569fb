"""The claims stage: claims, attributions and denials of news text, and candidate pairs.

Public names are imported lazily, so importing the package loads neither spaCy nor
torch. The pipeline: :func:`analyze_documents` (spaCy parse, attribution rules,
denial rules, claims) then :func:`find_pairs` (MiniLM candidates per denial); the
NLI verdicts live in :mod:`claimbench.models.verify`.

>>> from claimbench.claims import analyze_text
>>> [c.type for c in analyze_text("Officials said the bridge may close.").claims]
['hedged']
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["Document", "Span", "Claim", "Attribution", "Denial", "Pair", "DocumentAnalysis",
           "analyze_documents", "analyze_document", "analyze_text", "find_pairs", "SentenceEncoder",
           "load_documents", "load_gold", "score_extraction", "score_attributions", "source_type",
           "Mark", "highlight_analysis", "highlight_html"]

_WHERE = {"Document": "types", "Span": "types", "Claim": "types", "Attribution": "types",
          "Denial": "types", "Pair": "types", "DocumentAnalysis": "extract",
          "analyze_documents": "extract", "analyze_document": "extract", "analyze_text": "extract",
          "find_pairs": "pairing", "SentenceEncoder": "pairing", "load_documents": "documents",
          "load_gold": "documents", "score_extraction": "scoring", "score_attributions": "scoring",
          "source_type": "attribution", "Mark": "display", "highlight_analysis": "display",
          "highlight_html": "display"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
