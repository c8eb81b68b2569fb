"""The notebooks in notebooks/: stored without outputs, in sync with notebooks/_build.py, and
executed end to end so that a broken notebook fails the suite.

Each notebook runs with nbclient in a ``python3`` kernel. jupyter_client starts that
kernelspec's ``python`` as ``sys.executable``, so the kernel is this interpreter (the
.venv's under ``make test``); a probe cell appended at run time checks it, and reads
back a few values from the kernel's namespace. The kernel's working directory is
notebooks/, as when Jupyter opens them there; temporary files (the compare notebook's
SQLite store) go to pytest's temporary directory. Both notebooks together take about
a minute and a half on two busy cores.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
from html.parser import HTMLParser

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOK_DIR = os.path.join(ROOT, "notebooks")
DEMO_ARTICLE = os.path.join(ROOT, "claims", "articles", "harbor-drones.txt")
PROBE_MARK = "CLAIMBENCH-PROBE "


def _load_build():
    spec = importlib.util.spec_from_file_location("notebooks_build", os.path.join(NOTEBOOK_DIR, "_build.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build()
NAMES = sorted(build.NOTEBOOKS)


# --------------------------------------------------------------------------- stored files
def test_every_notebook_is_built_and_tested():
    on_disk = sorted(n for n in os.listdir(NOTEBOOK_DIR) if n.endswith(".ipynb"))
    assert on_disk == NAMES, "add new notebooks to notebooks/_build.py so the tests run them"


@pytest.mark.parametrize("name", NAMES)
def test_stored_notebook_has_no_outputs(name):
    path = os.path.join(NOTEBOOK_DIR, name)
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    nbformat.validate(nbformat.reads(json.dumps(raw), as_version=4))
    code = [c for c in raw["cells"] if c["cell_type"] == "code"]
    assert code
    for cell in code:
        assert cell["outputs"] == [], f"{name}: a cell was saved with outputs"
        assert cell["execution_count"] is None, f"{name}: a cell was saved with an execution count"
    assert "widgets" not in raw["metadata"]
    assert raw["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("name", NAMES)
def test_stored_notebook_matches_its_build_script(name):
    with open(os.path.join(NOTEBOOK_DIR, name), encoding="utf-8") as f:
        stored = f.read()
    assert stored == build.render(name), (
        f"notebooks/{name} differs from what notebooks/_build.py writes: edit the cells in "
        f"_build.py and run `.venv/bin/python notebooks/_build.py`")


@pytest.mark.parametrize("name", NAMES)
def test_one_marked_settings_cell(name):
    nb = build.build(name)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and "Settings" in tagged[0].source
    if name == "explore-article.ipynb":
        assert re.search(r"^MODEL = None\b", tagged[0].source, re.M)
        assert "claims/articles/harbor-drones.txt" in tagged[0].source
    else:
        assert re.search(r'^SUITE = "smoke"', tagged[0].source, re.M)    # a bundled suite, by name


def test_explore_notebook_highlights_with_the_library_function():
    # tests/claims/test_display.py checks that this function escapes a <script> article
    source = "\n".join(c.source for c in build.build("explore-article.ipynb").cells)
    assert "cb.highlight_analysis(analysis)" in source


# --------------------------------------------------------------------------- execution
PROBES = {
    "explore-article.ipynb": """
import json as _json, sys as _sys, claimbench as _cb
print("CLAIMBENCH-PROBE " + _json.dumps({
    "prefix": _sys.prefix, "executable": _sys.executable, "claimbench": _cb.__file__,
    "model": model.name, "document": document.id, "n_claims": len(analysis.claims),
    "n_denials": len(analysis.denials), "n_attributions": len(analysis.attributions),
    "n_pairs": len(pairs), "claim_rows": len(claims),
    "pair_probs_sum": pairs[["p_entailment", "p_neutral", "p_contradiction"]].sum(axis=1).tolist(),
    "evidence_rows": len(evidence), "evidence_slices": bool(evidence["slices the article"].all()),
    "stance": verdict.stance, "claim": verdict.claim}))
""",
    "compare-models.ipynb": """
import json as _json, sys as _sys
print("CLAIMBENCH-PROBE " + _json.dumps({
    "prefix": _sys.prefix, "store": store_path, "runs": {n: r.run_id for n, r in results.items()},
    "status": runs["status"].tolist(), "model_keys": runs["model_key"].nunique(),
    "n_disagree": len(disagree), "eval_split": eval_split}))
""",
}


def _execute(name: str, tmp_dir: str):
    nb = nbformat.read(os.path.join(NOTEBOOK_DIR, name), as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBES[name], id="test-probe"))
    before = sorted(os.listdir(NOTEBOOK_DIR))
    saved = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = tmp_dir                 # the kernel inherits it: temp files land here
    try:
        client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=600,
                                         resources={"metadata": {"path": NOTEBOOK_DIR}})
        client.execute()                          # raises CellExecutionError on any cell error
    finally:
        if saved is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved
    assert sorted(os.listdir(NOTEBOOK_DIR)) == before, f"{name} wrote files into notebooks/"
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    probe = next(o.text for o in nb.cells[-1].outputs if o.output_type == "stream" and PROBE_MARK in o.text)
    return nb, json.loads(probe.split(PROBE_MARK, 1)[1]), tmp_dir


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    cache: dict[str, tuple] = {}

    def run(name: str):
        if name not in cache:
            cache[name] = _execute(name, str(tmp_path_factory.mktemp(name.split(".")[0])))
        return cache[name]

    return run


def _html_outputs(nb) -> list[str]:
    return [o.data["text/html"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if "data" in o and "text/html" in o.data]


def _stream(nb) -> str:
    return "".join(o.text for c in nb.cells if c.cell_type == "code" for o in c.outputs
                   if o.output_type == "stream" and o.name == "stdout")


class _Visible(HTMLParser):
    """The text a browser shows for a highlight block, without its legend, and the tags used."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.tags, self._legend = [], [], 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if self._legend or ("class", "cb-legend") in attrs:
            self._legend += 1 if tag == "div" else 0

    def handle_endtag(self, tag):
        if self._legend and tag == "div":
            self._legend -= 1

    def handle_data(self, data):
        if not self._legend:
            self.text.append(data)


def test_explore_notebook_runs_in_this_venv(executed):
    _, probe, _ = executed("explore-article.ipynb")
    assert os.path.realpath(probe["prefix"]) == os.path.realpath(sys.prefix)
    assert os.path.realpath(probe["executable"]) == os.path.realpath(sys.executable)
    assert os.path.realpath(probe["claimbench"]).startswith(os.path.join(os.path.realpath(ROOT), "src"))


def test_explore_notebook_shows_the_demo_article_highlighted(executed):
    nb, probe, _ = executed("explore-article.ipynb")
    assert probe["model"] == "claimbench-nli-minilm" and probe["document"] == "harbor-drones"
    # the demo article has claims, attributions and several denials (claims/README.md)
    assert probe["n_claims"] >= 10 and probe["n_attributions"] >= 5 and probe["n_denials"] >= 2
    blocks = [h for h in _html_outputs(nb) if 'class="cb-highlight"' in h]
    assert len(blocks) == 2                              # the analysis, then the evidence
    with open(DEMO_ARTICLE, encoding="utf-8") as f:
        article = f.read()
    analysis_html = blocks[0]
    for kind in ("claim", "denial", "source", "cue"):
        assert f'<mark class="cb-{kind}"' in analysis_html, kind
    parser = _Visible()
    parser.feed(analysis_html)
    assert "".join(parser.text) == article               # every character shown, once, in order
    assert set(parser.tags) <= {"div", "mark"}
    evidence_html = blocks[1]
    assert "<mark" in evidence_html
    assert not any("<script" in h.lower() for h in _html_outputs(nb))


def test_explore_notebook_tables_pairs_and_verdict(executed):
    nb, probe, _ = executed("explore-article.ipynb")
    html_out = "\n".join(_html_outputs(nb))
    for column in ("standalone", "denied", "resolved source", "p_contradiction", "hypothesis (denied)",
                   "slices the article"):
        assert column in html_out, column
    assert probe["claim_rows"] == probe["n_claims"]
    assert probe["n_pairs"] >= 1
    assert all(abs(s - 1) < 1e-5 for s in probe["pair_probs_sum"])
    assert probe["evidence_rows"] >= 1 and probe["evidence_slices"]
    assert probe["stance"] in ("supports", "denies", "reports", "unrelated")
    out = _stream(nb)
    assert f"stance:  {probe['stance']}" in out and probe["claim"] in out


def test_compare_notebook_runs_two_models_and_plots(executed):
    from claimbench.eval import load_predictions

    nb, probe, tmp_dir = executed("compare-models.ipynb")
    assert os.path.realpath(probe["prefix"]) == os.path.realpath(sys.prefix)
    assert probe["status"] == ["finished", "finished"]
    assert probe["model_keys"] == 2                       # the harness keys them as two models
    # STORE = None: a fresh temporary file, here under the test's temporary directory
    assert os.path.realpath(probe["store"]).startswith(os.path.realpath(tmp_dir) + os.sep)
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if "data" in o and "image/png" in o.data]
    assert len(images) >= 3                               # headline bars, slices, reliability
    html_out = "\n".join(_html_outputs(nb))
    # metrics side by side with their intervals: "0.500 [0.333, 0.667]"
    assert len(re.findall(r"\d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\]", html_out)) >= 10
    assert "p_value" in html_out and "largest_shift" in html_out
    # the disagreements the notebook reports are the ones in the store
    a, b = (load_predictions(probe["store"], run_id) for run_id in probe["runs"].values())
    assert list(a["id"]) == list(b["id"])
    expected = int((a["predicted"] != b["predicted"]).sum())
    assert probe["n_disagree"] == expected
    assert f"{expected} of {len(a)} pairs get different labels" in _stream(nb)


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_use_only_the_notebook_api(name):
    """``import claimbench as cb`` and ``cb.*``: no stage module, no repository-root hunting."""
    source = "\n".join(c.source for c in build.build(name).cells)
    assert "import claimbench as cb" in source
    assert not re.search(r"from claimbench|import claimbench\.", source)
    assert "pyproject.toml" not in source and "ROOT" not in source
