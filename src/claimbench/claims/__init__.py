"""The claims stage: text -> Document -> claims, attributions and denials (spaCy and rules).

Public names are imported lazily, so importing the package loads no spaCy; nothing in
this stage imports torch. The pipeline: :func:`analyze_documents` (spaCy parse,
attribution rules, denial rules, claims). Candidate pairs and verdicts are the next
stages' (:mod:`claimbench.verify`); scoring against gold is :mod:`claimbench.eval.extraction`.

>>> from claimbench.claims import analyze_text
>>> [c.type for c in analyze_text("Officials said the bridge may close.").claims]
['hedged']
"""

from __future__ import annotations

from .._lazy import lazy_exports

__all__ = ["Document", "Span", "Claim", "Attribution", "Denial", "Pair", "DocumentAnalysis",
           "analyze_documents", "analyze_document", "analyze_text",
           "load_documents", "load_gold", "source_type", "same_source",
           "Mark", "highlight_analysis", "highlight_html"]

_WHERE = {"Document": "types", "Span": "types", "Claim": "types", "Attribution": "types",
          "Denial": "types", "Pair": "types", "DocumentAnalysis": "extract",
          "analyze_documents": "extract", "analyze_document": "extract", "analyze_text": "extract",
          "load_documents": "documents", "load_gold": "documents", "same_source": "names",
          "source_type": "attribution", "Mark": "display", "highlight_analysis": "display",
          "highlight_html": "display"}


__getattr__, __dir__ = lazy_exports(__name__, _WHERE)
