"""Normalising a checkpoint's label names to entailment / neutral / contradiction.

Label order is per-checkpoint data: it is read from ``config.id2label``, never
assumed. Spellings seen on the hub (``ENTAILMENT``, ``entails``, ``contradict``,
``not_entailment``, ``non-entailment``...) map to the three canonical names; a
2-class model maps to entailment vs not_entailment. Anything else is an error
that tells the user how to pass a mapping.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import LabelSchemeError

LABELS: tuple[str, str, str] = ("entailment", "neutral", "contradiction")
"""The fixed column order of every probability array claimbench returns."""

NOT_ENTAILMENT = "not_entailment"

_SYNONYMS = {
    "entailment": "entailment", "entail": "entailment", "entails": "entailment",
    "entailed": "entailment", "e": "entailment",
    "neutral": "neutral", "n": "neutral",
    "contradiction": "contradiction", "contradict": "contradiction",
    "contradicts": "contradiction", "contradictory": "contradiction", "c": "contradiction",
    "notentailment": NOT_ENTAILMENT, "nonentailment": NOT_ENTAILMENT,
    "notentailed": NOT_ENTAILMENT,
}


def _canon(name: str) -> str | None:
    return _SYNONYMS.get(re.sub(r"[^a-z]", "", str(name).lower()))


@dataclass(frozen=True)
class LabelScheme:
    """How a checkpoint's output columns map to claimbench's fixed columns.

    ``index[c]`` is the model's output index for canonical column ``c``
    (``None`` when the model has no such class). ``binary`` is true for
    entailment vs not_entailment models: their not_entailment probability is
    reported under ``neutral`` and ``contradiction`` is 0.
    """

    index: dict[str, int | None]
    binary: bool
    names: tuple[str, ...]

    @property
    def scheme(self) -> str:
        return "2-way" if self.binary else "3-way"


def label_scheme(id2label: Mapping[int, str], label_map: Mapping[str, str] | None = None
                 ) -> LabelScheme:
    """Build the :class:`LabelScheme` of a config's ``id2label``.

    ``label_map`` overrides names: ``{"LABEL_0": "contradiction", ...}``.

    >>> label_scheme({0: "CONTRADICTION", 1: "ENTAILMENT", 2: "NEUTRAL"}).index
    {'entailment': 1, 'neutral': 2, 'contradiction': 0}
    >>> label_scheme({0: "entailment", 1: "not_entailment"}).scheme
    '2-way'
    """
    id2label = {int(k): str(v) for k, v in id2label.items()}
    names = tuple(id2label[i] for i in sorted(id2label))
    override = {str(k): str(v) for k, v in (label_map or {}).items()}
    mapped: dict[int, str | None] = {}
    for i, name in id2label.items():
        target = override.get(name, override.get(str(i), name))
        mapped[i] = _canon(target)
    values = [v for v in mapped.values()]
    hint = ("pass a mapping from the model's label names to entailment/neutral/contradiction, "
            "e.g. label_map={'LABEL_0': 'entailment', 'LABEL_1': 'neutral', 'LABEL_2': "
            "'contradiction'} in Python or --label-map LABEL_0=entailment,LABEL_1=neutral,"
            "LABEL_2=contradiction on the command line")
    if None in values or len(set(values)) != len(values):
        raise LabelSchemeError(f"cannot read the model's labels {list(names)} as an NLI scheme: {hint}")
    if set(values) == set(LABELS):
        return LabelScheme({c: values.index(c) for c in LABELS}, False, names)
    if set(values) in ({"entailment", NOT_ENTAILMENT}, {"entailment", "neutral"}):
        # A 2-class model whose second class is written "neutral" is still not_entailment.
        other = next(i for i, v in mapped.items() if v != "entailment")
        ent = next(i for i, v in mapped.items() if v == "entailment")
        return LabelScheme({"entailment": ent, "neutral": other, "contradiction": None}, True, names)
    raise LabelSchemeError(f"unsupported label set {list(names)} (need 3-way or entailment vs "
                           f"not_entailment): {hint}")


def parse_label_map(text: str | None) -> dict[str, str] | None:
    """Parse ``--label-map LABEL_0=entailment,LABEL_1=neutral`` into a dict.

    >>> parse_label_map("LABEL_0=entailment, LABEL_1=neutral")
    {'LABEL_0': 'entailment', 'LABEL_1': 'neutral'}
    """
    if not text:
        return None
    out = {}
    for part in text.split(","):
        if "=" not in part:
            raise LabelSchemeError(f"--label-map entries look like NAME=entailment, got {part.strip()!r}")
        k, v = part.split("=", 1)
        out[k.strip()] = v.strip()
    return out
