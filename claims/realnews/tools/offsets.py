"""Turn annotator span strings into verified character offsets.

An annotator writes a span as the substring itself, optionally followed by
``~~N`` to pick the N-th occurrence (0-based) when the substring occurs more than
once. ``locate`` finds it with ``str.find`` and checks ``text[s:e] == string``.
No dataset text lives in this module.
"""
from __future__ import annotations

OCC_SEP = "~~"


class SpanError(ValueError):
    pass


def parse(spec: str) -> tuple[str, int]:
    """Split ``"words~~N"`` into ``("words", N)``; no suffix means occurrence 0."""
    if OCC_SEP in spec:
        s, _, n = spec.rpartition(OCC_SEP)
        if n.isdigit():
            return s, int(n)
    return spec, 0


def locate(text: str, spec: str, *, unique: bool = True) -> list[int]:
    """Return ``[start, end]`` of the chosen occurrence of ``spec`` in ``text``.

    With ``unique`` and no explicit ``~~N``, a substring occurring more than once
    is an error, so ambiguous spans are never resolved silently.
    """
    s, occ = parse(spec)
    if not s or s != s.strip():
        raise SpanError(f"empty span or surrounding whitespace: {s!r}")
    starts, i = [], text.find(s)
    while i != -1:
        starts.append(i)
        i = text.find(s, i + 1)
    if not starts:
        raise SpanError(f"span not found: {s!r}")
    if unique and OCC_SEP not in spec and len(starts) > 1:
        raise SpanError(f"span occurs {len(starts)} times, give ~~N: {s!r}")
    if occ >= len(starts):
        raise SpanError(f"occurrence {occ} of {s!r} not found ({len(starts)} found)")
    start = starts[occ]
    end = start + len(s)
    assert text[start:end] == s
    return [start, end]


def locate_all(text: str, specs: list[str], **kw) -> list[list[int]]:
    """``locate`` for each spec, in order."""
    return [locate(text, sp, **kw) for sp in specs]


def joined(text: str, spans: list[list[int]]) -> str:
    """The spans' text joined with single spaces (what a proposition reads as)."""
    return " ".join(text[s:e] for s, e in spans)


def verify(text: str, span: list[int], expected: str) -> None:
    s, e = span
    if text[s:e] != expected:
        raise SpanError(f"offset check failed at {span}")
