"""HTML views of an analysis: claims, attributions and denials highlighted in the text.

Conventions:
- All document text, and every tooltip, kind and colour, goes through
  :func:`html.escape` before any markup is added, so an article containing
  ``<script>`` shows the tag as text and cannot run code in a notebook or a browser.
- Marks may overlap (a denial clause spans its denier's name, an attribution's cue
  sits between claims). The text is cut at every mark boundary and each piece takes
  the colour of the innermost mark covering it, underlined in the colour of the
  outermost one when their kinds differ; its tooltip lists every mark that covers it.
  The markup is therefore flat: ``<mark>`` elements never nest.
- A mark's ``kind`` picks its colour from ``colours`` (default :data:`KIND_COLOURS`);
  to highlight something else (evidence sentences by NLI label, say), pass marks with
  your own kinds and a ``colours`` mapping for them.

>>> out = highlight_html("Officials said <b>it</b> rained.", [Mark(0, 9, "source", "who")], legend=False)
>>> "&lt;b&gt;it&lt;/b&gt;" in out and "<b>" not in out
True
>>> out.count("<mark")
1
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:                       # the claims pipeline itself is not needed to draw marks
    from .extract import DocumentAnalysis

KIND_COLOURS: dict[str, str] = {
    "claim": "#fff176",                 # yellow
    "denial": "#ff8a80",                # red
    "source": "#90caf9",                # blue: who is speaking
    "cue": "#a5d6a7",                   # green: "said", "denied", "according to"
}
KIND_NAMES: dict[str, str] = {"claim": "claim", "denial": "denial", "source": "attribution source",
                              "cue": "attribution cue"}
# For marks of evidence sentences, by their NLI label.
LABEL_COLOURS: dict[str, str] = {"entailment": "#a5d6a7", "neutral": "#e0e0e0",
                                 "contradiction": "#ff8a80"}

_MARK_STYLE = "background:{colour};color:#000;padding:0 1px;border-radius:2px"
_BOX_STYLE = "white-space:pre-wrap;line-height:1.7;font-family:Georgia,serif;max-width:60em"


@dataclass(frozen=True)
class Mark:
    """A character range of the text to highlight: ``text[start:end]``, a kind and a tooltip."""

    start: int
    end: int
    kind: str
    note: str = ""


def analysis_marks(analysis: "DocumentAnalysis") -> list[Mark]:
    """Marks for every claim (``denial`` kind for denial claims), denial, and attribution
    source and cue of an analysis. Attribution contents are not marked: their claims are.
    """
    marks: list[Mark] = []
    for c in analysis.claims:
        who = f" · source: {c.source} ({c.source_type})" if c.source else ""
        marks.append(Mark(c.start, c.end, "denial" if c.type == "denial" else "claim",
                          f"{c.id} · {c.type}{who}\n{c.standalone}"))
    for d in analysis.denials:
        marks.append(Mark(d.start, d.end, "denial",
                          f"{d.id} · denied by {d.denier or '(unknown)'}: {d.denied}"))
    for a in analysis.attributions:
        name = a.source_name or (a.source.text if a.source is not None else None)
        if a.source is not None:
            marks.append(Mark(a.source.start, a.source.end, "source",
                              f"{a.id} · source: {name} ({a.source_type})"))
        if a.cue is not None:
            marks.append(Mark(a.cue.start, a.cue.end, "cue", f"{a.id} · cue ({a.kind})"))
    return marks


def highlight_html(text: str, marks: Sequence[Mark], *, colours: Mapping[str, str] | None = None,
                   legend: bool = True) -> str:
    """``text`` as HTML with ``marks`` drawn as ``<mark>`` spans (see the module docstring).

    Parameters
    ----------
    text : str
        The document text the marks index.
    marks : sequence of Mark
        ``0 <= start <= end <= len(text)``; kinds must be keys of ``colours``.
    colours : mapping, optional
        Kind -> CSS colour; default :data:`KIND_COLOURS`.
    legend : bool, default True
        Put a line with one sample per kind used above the text.

    Returns
    -------
    str
        One ``<div>``; line breaks of the text are kept (``white-space: pre-wrap``).
    """
    colours = KIND_COLOURS if colours is None else colours
    for m in marks:
        if m.kind not in colours:
            raise ValueError(f"mark kind must be one of {sorted(colours)}, got {m.kind!r}")
        if not 0 <= m.start <= m.end <= len(text):
            raise ValueError(f"mark {m.start}:{m.end} is outside the text (0:{len(text)}) "
                             f"or ends before it starts")
    order = {k: i for i, k in enumerate(colours)}
    ranked = sorted(marks, key=lambda m: (m.start, m.end))
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    pieces: list[str] = []
    active: list[Mark] = []
    nxt = 0
    # One sweep over the boundaries: marks join the active set at their start and
    # leave at their end, so a long document with many marks stays linear-ish.
    for a, b in zip(bounds, bounds[1:]):
        while nxt < len(ranked) and ranked[nxt].start <= a:
            active.append(ranked[nxt])
            nxt += 1
        active = [m for m in active if m.end > a]
        piece = html.escape(text[a:b])
        if not active:
            pieces.append(piece)
            continue
        inner = min(active, key=lambda m: (m.end - m.start, order[m.kind]))
        # the tooltip reads from the outermost mark inwards
        title = "\n".join(dict.fromkeys(m.note or KIND_NAMES.get(m.kind, m.kind)
                                        for m in sorted(active, key=lambda m: (m.start, -m.end))))
        style = _MARK_STYLE.format(colour=colours[inner.kind])
        outer = max(active, key=lambda m: (m.end - m.start, -order[m.kind]))
        if outer.kind != inner.kind:
            # a cue inside a denial clause: underline it in the clause's colour
            style += f";box-shadow:inset 0 -3px 0 {colours[outer.kind]}"
        pieces.append(f'<mark class="cb-{html.escape(inner.kind, quote=True)}" '
                      f'style="{html.escape(style, quote=True)}" '
                      f'title="{html.escape(title, quote=True)}">{piece}</mark>')
    head = _legend([k for k in colours if any(m.kind == k for m in marks)], colours) if legend else ""
    return f'<div class="cb-highlight" style="{_BOX_STYLE}">{head}{"".join(pieces)}</div>'


def _legend(kinds: Sequence[str], colours: Mapping[str, str]) -> str:
    samples = [f'<mark style="{html.escape(_MARK_STYLE.format(colour=colours[k]), quote=True)}">'
               f'{html.escape(KIND_NAMES.get(k, k))}</mark>' for k in kinds]
    return f'<div class="cb-legend" style="margin-bottom:0.6em">{" ".join(samples)}</div>'


def highlight_analysis(analysis: "DocumentAnalysis", *, legend: bool = True) -> str:
    """The analysed document as HTML with its claims, denials and attributions marked.

    >>> from claimbench.claims import analyze_text
    >>> out = highlight_analysis(analyze_text("The ministry denied that it sold drones <to> rebels."))
    >>> 'class="cb-denial"' in out and "&lt;to&gt;" in out
    True
    """
    return highlight_html(analysis.document.text, analysis_marks(analysis), legend=legend)


__all__ = ["Mark", "KIND_COLOURS", "LABEL_COLOURS", "analysis_marks", "highlight_html",
           "highlight_analysis"]
