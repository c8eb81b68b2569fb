"""Write the notebooks of this directory from the cell sources below, without outputs.

The cells here are the source of truth: edit them, then run

    .venv/bin/python notebooks/_build.py

(``tests/test_notebooks.py`` fails when a stored notebook differs from what this
writes, and executes each one). Cell ids are derived from the notebook name and the
cell's position, so rebuilding an unchanged notebook leaves the file byte-identical.
"""

from __future__ import annotations

import os
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = os.path.dirname(os.path.abspath(__file__))

# The notebooks use only the notebook API (``import claimbench as cb``); bundled articles
# and suites are addressed by name (cb.data_path, cb.load_suite), wherever claimbench is installed.

EXPLORE = [
    ("md", """\
# Explore one article

Runs the claims stage and the NLI verifier on one news article and shows what they find:

1. the claims, attributions and denials **highlighted in the text** (hover over a mark for its details);
2. tables of the claims, denials and attributions;
3. the candidate (claim, denial) **pairs** with their probabilities;
4. the **evidence for a verdict**: one claim checked against the whole article with `verify`.

The default article is the project's demo, `claims/articles/harbor-drones.txt`. Change the model or the
article in the next cell only; everything after it follows. The same steps on the command line:
`claimbench analyze ARTICLE.txt` and `claimbench verify --claim TEXT --document ARTICLE.txt`."""),
    ("parameters", """\
# ==================== Settings: choose the model here ====================
MODEL = None   # None: the shipped default (claimbench-nli-minilm, offline).
               # Or any hub id, local checkpoint directory or alias from `claimbench models`,
               # e.g. "cross-encoder/nli-deberta-v3-base" (downloaded once).
ARTICLE = "claims/articles/harbor-drones.txt"   # a bundled article (cb.data_path), or any file path
# ==========================================================================="""),
    ("code", """\
import os

import pandas as pd
from IPython.display import HTML, display

import claimbench as cb

pd.set_option("display.max_colwidth", 160)

model = cb.load_model(MODEL)
pd.Series(model.info(), name=model.name).to_frame()"""),
    ("md", """\
## Analyse the article

`cb.analyze` parses the text with spaCy, finds attributions (who says what), denials and claims,
pairs each denial with the claims it may answer (sentence similarity, shared entities, position)
and scores every pair in both NLI directions with the model."""),
    ("code", """\
document, = cb.load_documents([ARTICLE if os.path.exists(ARTICLE) else cb.data_path(ARTICLE)])
corpus = cb.analyze([document], model=model, cross_top_k=0)   # one article: no cross-document pairs
analysis = corpus.analyses[0]
print(f"{document.id}: {len(analysis.claims)} claims, {len(analysis.attributions)} attributions, "
      f"{len(analysis.denials)} denials, {len(corpus.verdicts)} candidate pairs")"""),
    ("md", """\
## Highlighted text

Claims in yellow, denials in red, the source of an attribution in blue and its cue ("said",
"denied", "according to") in green. Where marks overlap, the innermost one gives the colour;
the tooltip lists them all. The article text is HTML-escaped, so markup inside it shows as text."""),
    ("code", """\
display(HTML(cb.highlight_analysis(analysis)))"""),
    ("md", """\
## Claims

`text` is the span in the article; `standalone` is the rewrite that reads correctly on its own
(pronouns and short names resolved) and is what the NLI model sees."""),
    ("code", """\
claims = corpus.to_frame("claims").set_index("id")
display(claims["type"].value_counts().to_frame().T)
claims[["type", "source", "source_type", "start", "end", "text", "standalone"]]"""),
    ("md", """\
## Denials

`denied` is the proposition the denial rejects, stated positively: it is the hypothesis of the
pairs below."""),
    ("code", """\
denials = corpus.to_frame("denials").reindex(
    columns=["id", "denier", "cue", "denied", "claim_id", "targets", "start", "end", "text"]).set_index("id")
denials"""),
    ("md", """\
## Attributions

A quote that continues the previous speaker has no source or cue of its own."""),
    ("code", """\
def span_text(span):
    return None if span is None else span.text


attributions = pd.DataFrame(
    [{"id": a.id, "source": span_text(a.source), "resolved source": a.source_name,
      "source_type": a.source_type, "cue": span_text(a.cue), "kind": a.kind,
      "content": span_text(a.content)} for a in analysis.attributions],
    columns=["id", "source", "resolved source", "source_type", "cue", "kind", "content"]).set_index("id")
attributions"""),
    ("md", """\
## Pairs: claims against denials

Each row is a claim (premise) and the proposition a denial rejects (hypothesis). The label reads
from the denial's side: `contradiction` means the claim asserts what the denial rejects (they
disagree), `entailment` means the claim agrees with the denial. Both NLI directions are scored and
combined (see `claimbench.verify`). Sorted by contradiction probability."""),
    ("code", """\
pairs = corpus.to_frame("pairs").rename(columns={
    "claim_id": "claim", "denial_id": "denial", "premise": "premise (claim)", "hypothesis": "hypothesis (denied)"})
pairs = pairs.reindex(columns=["claim", "denial", "label", "p_entailment", "p_neutral", "p_contradiction",
                               "similarity", "premise (claim)", "hypothesis (denied)"])
pairs = pairs.sort_values("p_contradiction", ascending=False, ignore_index=True)
pairs.round(3)"""),
    ("md", """\
## Evidence for a verdict

`cb.verify` checks one claim against the whole article: it scores chunks of whole sentences within
the model's token budget, then the sentences of the most decisive chunks one by one (the evidence,
with their character offsets in the article), and the article's denials. The **stance** adds what
plain NLI misses: `supports` (the article's own voice entails the claim), `denies` (someone denies
it, or a sentence contradicts it), `reports` (only attributed statements entail it) or `unrelated`.

The claim checked here is the one a denial rejects most strongly according to the pairs above;
set `claim_text` to any sentence to check something else."""),
    ("code", """\
claim_text = pairs["premise (claim)"].iloc[0] if len(pairs) else analysis.claims[0].standalone
verdict = cb.verify(claim_text, document.text, model=model, analysis=analysis)
print(f"claim:   {verdict.claim}\\nlabel:   {verdict.label}\\nstance:  {verdict.stance}\\n"
      f"score:   {verdict.score:+.3f} (max entailment - max contradiction over {verdict.chunks} chunks)")
pd.Series(verdict.probs, name="probability").to_frame().T.round(3)"""),
    ("code", """\
evidence = verdict.to_frame()
# the offsets index the article text exactly
evidence["slices the article"] = [document.text[s:e] == t
                                  for s, e, t in zip(evidence["start"], evidence["end"], evidence["text"])]
evidence.round(3)"""),
    ("code", """\
# denials in the article that match the claim (their denied proposition entails it or is entailed by it)
pd.DataFrame(verdict.denials, columns=["id", "denier", "denied", "start", "end", "match"]).round(3)"""),
    ("code", """\
marks = [cb.Mark(e.start, e.end, e.label,
              f"{e.label}: " + ", ".join(f"{k} {p:.2f}" for k, p in e.probs.items())
              + (f" (attributed to {e.source})" if e.attributed else ""))
         for e in verdict.evidence]
display(HTML(cb.highlight_html(document.text, marks, colours=cb.LABEL_COLOURS)))"""),
]

COMPARE = [
    ("md", """\
# Compare models

Runs the evaluation harness on a small suite with two models into a SQLite results store, then
reads the runs back with pandas:

1. the runs, one row each (`cb.load_runs`: one call);
2. metrics with 95% bootstrap intervals side by side, and a paired comparison (deltas with
   intervals and p-values, McNemar on accuracy);
3. the pairs where the two models disagree;
4. per-slice results and calibration (reliability diagram).

By default both models are the shipped checkpoint: as is, and with a 48-token budget per pair, so
long premises get truncated. The harness keys a model by its weights' fingerprint *and* its
preprocessing (precision, max length, tokenizer, label scheme), so the two are two models with
separate prediction caches. Put any hub id or local checkpoint in `MODELS` to compare real
alternatives; the first two entries are the ones compared pair by pair.

The command line does the same with `claimbench eval SUITE --model A --model B`, `claimbench runs`,
`claimbench compare RUN_A RUN_B` and `claimbench report RUN --out DIR`."""),
    ("parameters", """\
# ==================== Settings: the models to compare and the suite ====================
import claimbench as cb

MODELS = {                                        # display name -> how to load it
    "default": cb.ModelSpec(None),                # the shipped model, fp32
    "default, 48 tokens": cb.ModelSpec(None, max_length=48),
    # "default bf16": cb.ModelSpec(None, precision="bf16"),
    # "deberta-v3-base": cb.ModelSpec("cross-encoder/nli-deberta-v3-base"),   # any hub id or path
}
SUITE = "smoke"                                   # a bundled suite (cb.suites()) or a .toml path; smoke: 30 pairs
STORE = None      # None: a fresh temporary SQLite file; or a path such as "runs/claimbench.db"
# ========================================================================================"""),
    ("code", """\
import tempfile
from dataclasses import asdict
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

pd.set_option("display.max_colwidth", 120)
store_path = STORE or str(Path(tempfile.mkdtemp(prefix="claimbench-")) / "runs.db")
suite = cb.load_suite(SUITE)
print(f"suite {suite.name!r}: {suite.description}\\nstore: {store_path}")"""),
    ("md", """\
## Run the suite with each model

`cb.run_suite` scores only the pairs the store's cache lacks for that model and preprocessing, then
computes every metric with bootstrap intervals and records the run."""),
    ("code", """\
results = {name: cb.run_suite(suite, model=spec, store=store_path) for name, spec in MODELS.items()}
run_name = {r.run_id: name for name, r in results.items()}
for name, r in results.items():
    print(f"{name}: run {r.run_id} {r.status}, {r.n_pairs} pairs "
          f"({r.n_scored} scored, {r.n_cached} from the cache)")"""),
    ("md", """\
## The runs

One call loads every run of the store into a DataFrame; the settings that make the two models
differ come from each run's recorded configuration."""),
    ("code", """\
runs = cb.load_runs(store_path)
runs = runs[runs["id"].isin(run_name)].assign(name=lambda f: f["id"].map(run_name))
with cb.Store(store_path, create=False) as store:
    recorded = {i: store.get_run(i) for i in runs["id"]}
runs["precision"] = [recorded[i]["config"]["preprocessing"]["precision"] for i in runs["id"]]
runs["max_length"] = [recorded[i]["config"]["preprocessing"]["max_length"] for i in runs["id"]]
runs["model_key"] = [recorded[i]["model_key"][:12] for i in runs["id"]]
eval_split = recorded[runs["id"].iloc[0]]["results"]["eval_split"]
runs.set_index("name")"""),
    ("md", """\
## Metrics with 95% bootstrap intervals

`cb.load_metrics` gives every metric of every run in long format (split, slice, value, interval)."""),
    ("code", """\
HEADLINE = ["accuracy", "balanced_accuracy", "macro_f1", "f1_contradiction", "roc_auc", "pr_auc", "ece"]
metrics = cb.load_metrics(store_path)
metrics = metrics[metrics["run_id"].isin(run_name)].assign(model=lambda f: f["run_id"].map(run_name))
overall = metrics[(metrics["split"] == eval_split) & (metrics["slice_field"] == "")
                  & metrics["name"].isin(HEADLINE)]


def with_interval(row):
    if pd.isna(row["value"]):
        return "n/a"
    interval = "" if pd.isna(row["ci_low"]) else f" [{row['ci_low']:.3f}, {row['ci_high']:.3f}]"
    return f"{row['value']:.3f}{interval}"


(overall.assign(cell=overall.apply(with_interval, axis=1))
 .pivot(index="name", columns="model", values="cell").reindex(index=HEADLINE, columns=list(MODELS)))"""),
    ("code", """\
def bars_with_intervals(ax, table, names):
    \"\"\"Horizontal bars of table[("value", name)] per row, one colour per name, with intervals.\"\"\"
    height = 0.8 / len(names)
    for k, name in enumerate(names):
        value, low, high = (table[(col, name)].to_numpy(dtype=float) for col in ("value", "ci_low", "ci_high"))
        err = np.nan_to_num(np.clip([value - low, high - value], 0, None))
        ys = np.arange(len(table)) + k * height
        ax.barh(ys, np.nan_to_num(value), height=height, xerr=err, capsize=2, label=name)
        for y, v in zip(ys, value):
            ax.text(0.01, y, "n/a" if np.isnan(v) else f"{v:.2f}", va="center", fontsize=7)
    ax.set_yticks(np.arange(len(table)) + 0.4 - height / 2, table.index)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.05)
    ax.legend(loc="lower right", fontsize=8)


table = overall.pivot(index="name", columns="model", values=["value", "ci_low", "ci_high"])
table = table.reindex([m for m in HEADLINE if m in table.index])
fig, ax = plt.subplots(figsize=(7, 4))
bars_with_intervals(ax, table, list(MODELS))
ax.set_xlabel(f"{eval_split} score (95% bootstrap interval)")
ax.set_title(f"{suite.name}: headline metrics")
plt.show()"""),
    ("md", """\
## Paired comparison of the first two models

Both runs are resampled on the same pairs, so the interval of the difference is much tighter than
the two separate intervals suggest. McNemar's exact test looks only at the pairs exactly one
model gets right."""),
    ("code", """\
A, B = list(MODELS)[:2]
comparison = cb.compare_runs(store_path, results[A].run_id, results[B].run_id)
test = comparison.mcnemar
print(f"{B!r} minus {A!r} on {comparison.n} shared {comparison.split} pairs. McNemar: "
      f"{test.only_a} right only for {A!r}, {test.only_b} right only for {B!r}, p = {test.p_value:.3f}")
for note in comparison.notes:
    print("note:", note)
deltas = pd.DataFrame([asdict(d) for d in comparison.deltas]).set_index("metric")
deltas.assign(ci=[f"[{lo:+.3f}, {hi:+.3f}]" for lo, hi in deltas["ci"]]).round(3)"""),
    ("md", """\
## Pairs where the models disagree

`cb.load_predictions` returns a run's pairs with the gold label, the three probabilities, the
predicted label and whether the premise was truncated to fit the model's budget."""),
    ("code", """\
predictions = {name: cb.load_predictions(store_path, r.run_id) for name, r in results.items()}
both = predictions[A].merge(
    predictions[B][["id", "p_entailment", "p_neutral", "p_contradiction", "predicted", "correct", "truncated"]],
    on="id", suffixes=(f" [{A}]", f" [{B}]"))
disagree = both[both[f"predicted [{A}]"] != both[f"predicted [{B}]"]]
print(f"{len(disagree)} of {len(both)} pairs get different labels")
disagree[["id", "category", "label", f"predicted [{A}]", f"predicted [{B}]", f"p_contradiction [{A}]",
          f"p_contradiction [{B}]", f"truncated [{B}]", "premise", "hypothesis"]].round(3)"""),
    ("code", """\
# the pairs whose probabilities moved most, whether or not their label changed
cols = ["p_entailment", "p_neutral", "p_contradiction"]
shift = np.abs(both[[f"{c} [{A}]" for c in cols]].to_numpy()
               - both[[f"{c} [{B}]" for c in cols]].to_numpy()).max(axis=1)
both.assign(largest_shift=shift).nlargest(5, "largest_shift")[
    ["id", "label", f"predicted [{A}]", f"predicted [{B}]", "largest_shift", f"truncated [{B}]",
     "hypothesis"]].round(3)"""),
    ("md", """\
## Per-slice results

Every slice field of the suite (here the fixture `category`), with bootstrap intervals. Slices of
a small suite hold a few pairs each, so the intervals are wide: read them before the bars."""),
    ("code", """\
for field in [f for f in metrics["slice_field"].unique() if f]:
    sliced = metrics[(metrics["slice_field"] == field) & (metrics["name"] == "accuracy")]
    table = sliced.pivot(index="slice_value", columns="model", values=["value", "ci_low", "ci_high"])
    sizes = sliced.groupby("slice_value")["n"].first()
    table.index = [f"{value} (n={sizes[value]})" for value in table.index]
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(table) + 1.5))
    bars_with_intervals(ax, table, list(MODELS))
    ax.set_xlabel("accuracy (95% bootstrap interval)")
    ax.set_title(f"{suite.name}: accuracy by {field}")
    plt.show()"""),
    ("md", """\
## Calibration

Reliability diagram of the top label: pairs binned by the model's confidence, against the share
of them it gets right. A calibrated model follows the diagonal; the ECE is the count-weighted gap.
Marker sizes follow the number of pairs in the bin."""),
    ("code", """\
fig, ax = plt.subplots(figsize=(5.5, 5))
ax.plot([0, 1], [0, 1], ls="--", color="grey", lw=1, label="perfect calibration")
ece = runs.set_index("name")["ece"]
for name, frame in predictions.items():
    frame = frame[frame["split"] == eval_split]
    rel = cb.reliability(frame["label"].map(cb.LABELS.index).to_numpy(),
                      frame[["p_entailment", "p_neutral", "p_contradiction"]].to_numpy(), n_bins=10)
    line, = ax.plot(rel.confidence, rel.accuracy, marker="o", label=f"{name} (ECE {ece[name]:.3f})")
    ax.scatter(rel.confidence, rel.accuracy, s=25 * rel.counts, color=line.get_color(), alpha=0.3)
ax.set_xlim(0, 1)
ax.set_ylim(-0.04, 1.05)
ax.set_xlabel("confidence (top-label probability)")
ax.set_ylabel("accuracy")
ax.set_title(f"{suite.name}: reliability")
ax.legend(loc="upper left", fontsize=8)
plt.show()"""),
]

NOTEBOOKS = {"explore-article.ipynb": EXPLORE, "compare-models.ipynb": COMPARE}

METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python", "pygments_lexer": "ipython3"},
}


def build(name: str) -> nbformat.NotebookNode:
    """The notebook ``name`` as written to disk: no outputs, no execution counts."""
    stem = name.removesuffix(".ipynb")
    cells = []
    for i, (kind, source) in enumerate(NOTEBOOKS[name]):
        cell_id = f"{stem}-{i:02d}"
        if kind == "md":
            cells.append(new_markdown_cell(source, id=cell_id))
        else:
            cell = new_code_cell(source, id=cell_id)
            if kind == "parameters":             # papermill's convention for the settings cell
                cell.metadata["tags"] = ["parameters"]
            cells.append(cell)
    nb = new_notebook(cells=cells, metadata=METADATA)
    nbformat.validate(nb)
    return nb


def render(name: str) -> str:
    return nbformat.writes(build(name)) + "\n"


def main() -> int:
    for name in NOTEBOOKS:
        path = os.path.join(HERE, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(render(name))
        print(f"wrote {os.path.relpath(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
