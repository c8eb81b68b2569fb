"""Run reports: Markdown, one self-contained HTML page, and the manifest, written atomically.

The HTML page has no external references: CSS is inline, figures are base64 PNGs,
and a Content-Security-Policy forbids scripts. Every string that comes from data
(fixture text, ids, slice names, model and suite names, errors) goes through
:func:`html.escape`, so an article containing ``<script>`` shows as text. The
Markdown escapes the same strings, since Markdown viewers render raw HTML.

>>> write_report("runs/claimbench.db", 1, "reports/run-1")      # doctest: +SKIP
ReportFiles(markdown='reports/run-1/report.md', html='reports/run-1/report.html', ...)
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import InputError
from ..io import atomic_writer
from .fixtures import LABELS
from .store import Store

HEADLINE_NAMES = {"accuracy": "Accuracy", "balanced_accuracy": "Balanced accuracy",
                  "macro_f1": "Macro-F1", "f1_contradiction": "Contradiction F1 (argmax)",
                  "roc_auc": "Contradiction ROC-AUC", "pr_auc": "Contradiction PR-AUC",
                  "ece": "Expected calibration error"}
MAX_EXAMPLES = 30
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;
color:#1b1f24;background:#fff;line-height:1.45;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.92rem}td,th{border:1px solid #d0d7de;padding:.25rem .55rem;
text-align:left;vertical-align:top}th{background:#f3f5f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
.meta{color:#57606a}.figs{display:flex;flex-wrap:wrap;gap:1rem}.figs figure{margin:0}.figs img{max-width:500px;border:1px solid #d0d7de}
.status-failed{color:#b3261e;font-weight:600}.status-finished{color:#1a7f37;font-weight:600}
pre{background:#f6f8fa;padding:.8rem;overflow:auto;font-size:.8rem}td.text{max-width:380px}
"""


@dataclass(frozen=True)
class ReportFiles:
    markdown: str
    html: str
    manifest: str


def _fmt(v: Any) -> str:
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def _ci(block: dict[str, Any], name: str) -> str:
    lo, hi = (block.get("ci") or {}).get(name, (None, None))
    return f"[{_fmt(lo)}, {_fmt(hi)}]" if lo is not None and hi is not None else ""


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _md(text: Any) -> str:
    """Text safe in a Markdown table cell: HTML escaped, Markdown punctuation escaped, one line."""
    s = html.escape(str(text), quote=False)
    s = re.sub(r"([\\`*_\[\]|#])", r"\\\1", s)
    return re.sub(r"\s+", " ", s).strip()


class _Data:
    """A run and its predictions, as the renderers need them."""

    def __init__(self, store: Store, run_id: int | str):
        self.run = store.get_run(run_id)
        self.results = self.run.get("results") or {}
        self.rows = store.prediction_rows(self.run["id"]) if self.results else []
        ev = self.results.get("eval_split")
        self.eval_rows = [r for r in self.rows if r["split"] == ev and r["p_entailment"] is not None]
        self.y = np.array([LABELS.index(r["label"]) for r in self.eval_rows], dtype=int)
        self.probs = np.array([[r["p_entailment"], r["p_neutral"], r["p_contradiction"]]
                               for r in self.eval_rows], dtype=float).reshape(-1, 3)

    def headline_rows(self) -> list[tuple[str, str, str]]:
        ev = self.results["eval_split"]
        block = self.results["splits"][ev]
        rows = [(label, _fmt(block.get(k)), _ci(block, k)) for k, label in HEADLINE_NAMES.items()]
        thr = self.results.get("threshold", {})
        if thr.get("value") is not None and ev in thr:
            rows.append((f"Contradiction F1 at dev-tuned threshold {thr['value']:.3f}",
                         _fmt(thr[ev].get("f1")), _ci(thr, "f1")))
        return rows

    def errors(self) -> list[dict[str, Any]]:
        """Misclassified evaluation pairs, most confident mistakes first."""
        out = []
        for r, p in zip(self.eval_rows, self.probs):
            pred = LABELS[int(p.argmax())]
            if pred != r["label"]:
                out.append({**r, "predicted": pred, "confidence": float(p.max())})
        return sorted(out, key=lambda r: -r["confidence"])[:MAX_EXAMPLES]


def _figures(d: _Data) -> list[tuple[str, bytes]]:
    from . import plots

    ev = d.results["eval_split"]
    figs = [(f"Confusion matrix ({ev})", plots.confusion_matrix_png(
                d.results["splits"][ev]["confusion_matrix"], title=f"Confusion matrix ({ev})")),
            ("Contradiction precision-recall", plots.pr_curve_png(
                d.y, d.probs, threshold=d.results.get("threshold", {}).get("value"))),
            ("Reliability diagram", plots.reliability_png(d.y, d.probs))]
    for fld, groups in d.results.get("slices", {}).items():
        figs.append((f"By {fld}", plots.slice_bars_png(groups, field=fld)))
    return figs


def _table(head: list[str], rows: list[list[str]], *, numeric_from: int = 1) -> str:
    out = ["<table><thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr></thead><tbody>"]
    for row in rows:
        cells = "".join(f'<td class="{"num" if i >= numeric_from else "text"}">{_e(c)}</td>'
                        for i, c in enumerate(row))
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def render_html(d: _Data) -> str:
    run = d.run
    title = f"claimbench run {run['id']}: {run['model']} on {run['suite']}"
    parts = [f"<h1>{_e(title)}</h1>",
             f'<p class="meta">status <span class="status-{_e(run["status"])}">{_e(run["status"])}'
             f"</span> · started {_e(run['created_at'])} · finished {_e(run.get('finished_at') or '-')}"
             f" · results sha256 <code>{_e(run.get('results_sha256') or '-')}</code></p>"]
    if run.get("error"):
        parts.append(f"<h2>Error</h2><pre>{_e(run['error'])}</pre>")
    if d.results:
        r = d.results
        ev = r["eval_split"]
        parts.append(f"<h2>Headline ({_e(ev)} split, n={_e(r['splits'][ev]['n'])})</h2>")
        parts.append(_table(["metric", "value", "95% CI"], [list(x) for x in d.headline_rows()]))
        thr = r.get("threshold", {})
        parts.append(f"<p>Contradiction threshold: {_e(_threshold_text(thr))}</p>")
        parts.append("<h2>Per class</h2>")
        block = r["splits"][ev]
        parts.append(_table(["class", "precision", "recall", "F1", "support"],
                            [[c, _fmt(block[f"precision_{c}"]), _fmt(block[f"recall_{c}"]),
                              _fmt(block[f"f1_{c}"]), _fmt(block[f"support_{c}"])] for c in LABELS]))
        parts.append("<h2>Splits</h2>")
        parts.append(_table(["split", "n", "accuracy", "macro-F1", "contradiction F1", "ROC-AUC",
                             "PR-AUC", "ECE"], _split_rows(r)))
        parts.append('<h2>Figures</h2><div class="figs">')
        for caption, png in _figures(d):
            data = base64.b64encode(png).decode("ascii")
            parts.append(f'<figure><img alt="{_e(caption)}" src="data:image/png;base64,{data}">'
                         f"<figcaption>{_e(caption)}</figcaption></figure>")
        parts.append("</div>")
        for fld, groups in r.get("slices", {}).items():
            parts.append(f"<h2>By {_e(fld)}</h2>")
            parts.append(_table([fld, "n", "accuracy", "macro-F1", "contradiction F1"],
                                [[g, _fmt(b["n"]), f"{_fmt(b.get('accuracy'))} {_ci(b, 'accuracy')}",
                                  _fmt(b.get("macro_f1")),
                                  f"{_fmt(b.get('f1_contradiction'))} {_ci(b, 'f1_contradiction')}"]
                                 for g, b in groups.items()]))
        if r.get("warnings"):
            parts.append("<h2>Ill-defined values</h2><ul>"
                         + "".join(f"<li>{_e(w)}</li>" for w in r["warnings"]) + "</ul>")
        errs = d.errors()
        if errs:
            parts.append(f"<h2>Most confident mistakes ({_e(ev)})</h2>")
            parts.append(_table(["id", "gold", "predicted", "confidence", "premise", "hypothesis"],
                                [[x["pair_id"], x["label"], x["predicted"], _fmt(x["confidence"]),
                                  x["premise"], x["hypothesis"]] for x in errs], numeric_from=9))
    if run.get("manifest"):
        parts.append("<h2>Manifest</h2><details><summary>run manifest</summary><pre>"
                     + _e(json.dumps(run["manifest"], indent=2, sort_keys=True)) + "</pre></details>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>\n"
            + "\n".join(parts) + "\n</body></html>\n")


def _threshold_text(thr: dict[str, Any]) -> str:
    if thr.get("value") is None:
        return f"not tuned ({thr.get('reason', 'n/a')})"
    return (f"{thr['value']:.3f}, tuned on dev (dev contradiction F1 {_fmt(thr['dev']['f1'])}) "
            "and frozen for test")


def _split_rows(r: dict[str, Any]) -> list[list[str]]:
    return [[s, _fmt(b["n"]), f"{_fmt(b.get('accuracy'))} {_ci(b, 'accuracy')}",
             f"{_fmt(b.get('macro_f1'))} {_ci(b, 'macro_f1')}",
             f"{_fmt(b.get('f1_contradiction'))} {_ci(b, 'f1_contradiction')}",
             _fmt(b.get("roc_auc")), _fmt(b.get("pr_auc")), _fmt(b.get("ece"))]
            for s, b in r["splits"].items()]


def render_markdown(d: _Data) -> str:
    run = d.run
    lines = [f"# claimbench run {run['id']}: {_md(run['model'])} on {_md(run['suite'])}", "",
             f"Status **{run['status']}**, started {run['created_at']}, finished "
             f"{run.get('finished_at') or '-'}. Results sha256 `{run.get('results_sha256') or '-'}`.",
             "Plots are in `report.html`; the manifest is in `manifest.json`.", ""]
    if run.get("error"):
        lines += ["## Error", "", _md(run["error"]), ""]
    if d.results:
        r = d.results
        ev = r["eval_split"]
        lines += [f"## Headline ({ev} split, n={r['splits'][ev]['n']})", "",
                  "| metric | value | 95% CI |", "|---|---:|---|"]
        lines += [f"| {a} | {b} | {c} |" for a, b, c in d.headline_rows()]
        lines += ["", f"Contradiction threshold: {_md(_threshold_text(r.get('threshold', {})))}", "",
                  "## Splits", "", "| split | n | accuracy | macro-F1 | contradiction F1 | ROC-AUC | "
                  "PR-AUC | ECE |", "|---|---:|---|---|---|---:|---:|---:|"]
        lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in _split_rows(r)]
        for fld, groups in r.get("slices", {}).items():
            lines += ["", f"## By {_md(fld)}", "", f"| {_md(fld)} | n | accuracy | contradiction F1 |",
                      "|---|---:|---|---|"]
            lines += [f"| {_md(g)} | {b['n']} | {_fmt(b.get('accuracy'))} {_ci(b, 'accuracy')} | "
                      f"{_fmt(b.get('f1_contradiction'))} {_ci(b, 'f1_contradiction')} |"
                      for g, b in groups.items()]
        if r.get("warnings"):
            lines += ["", "## Ill-defined values", ""] + [f"- {_md(w)}" for w in r["warnings"]]
        errs = d.errors()
        if errs:
            lines += ["", f"## Most confident mistakes ({ev})", "",
                      "| id | gold | predicted | confidence | premise | hypothesis |",
                      "|---|---|---|---:|---|---|"]
            lines += [f"| {_md(x['pair_id'])} | {x['label']} | {x['predicted']} | "
                      f"{x['confidence']:.3f} | {_md(x['premise'])} | {_md(x['hypothesis'])} |"
                      for x in errs]
    return "\n".join(lines) + "\n"


def write_report(store: Store | str, run_id: int | str, out_dir: str) -> ReportFiles:
    """Write ``report.md``, ``report.html`` and ``manifest.json`` for one run into ``out_dir``."""
    own = isinstance(store, str)
    db = Store(store, create=False) if own else store
    try:
        d = _Data(db, run_id)
    finally:
        if own:
            db.close()
    files = ReportFiles(os.path.join(out_dir, "report.md"), os.path.join(out_dir, "report.html"),
                        os.path.join(out_dir, "manifest.json"))
    page, text = render_html(d), render_markdown(d)
    manifest = d.run.get("manifest") or {"run_id": d.run["id"], "status": d.run["status"],
                                         "error": d.run.get("error"), "config": d.run["config"]}
    try:
        with atomic_writer(files.html) as fh:
            fh.write(page)
        with atomic_writer(files.markdown) as fh:
            fh.write(text)
        with atomic_writer(files.manifest) as fh:
            json.dump(manifest, fh, indent=2, sort_keys=True)
            fh.write("\n")
    except OSError as exc:
        raise InputError(f"cannot write the report: {exc.strerror or exc}", path=out_dir) from None
    return files
