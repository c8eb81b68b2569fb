"""Reports: self-contained HTML with plots, fixture text escaped, checked in headless Chromium."""

import base64
import json
import os
import re
import shutil
import subprocess

import pytest

from claimbench.eval import resolve_targets, run_suite, write_report
from claimbench.eval.store import Store

from evalkit import make_rows, write_jsonl

SCRIPT = "<script>document.title='PWNED'</script>"
IMG = "<img src=x onerror=\"document.title='PWNED'\">"


@pytest.fixture(scope="module")
def hostile_run(nli_model, tmp_path_factory):
    """A run whose fixtures carry markup in text, ids, slice names and the suite name."""
    tmp_path = tmp_path_factory.mktemp("hostile")
    rows = make_rows(30)
    for r in rows[:6]:
        r["premise"] = f"{SCRIPT} {r['premise']}"
        r["hypothesis"] = f"{r['hypothesis']} {IMG}"
        r["category"] = "<b>markup</b>"
        r["id"] = f"<i>{r['id']}</i>"
        r["split"] = "test"
    # Label the hostile pairs as the model does not predict them, so they are among the
    # mistakes the report prints in full.
    predicted = nli_model.predict([(r["premise"], r["hypothesis"]) for r in rows[:6]]).labels
    for r, label in zip(rows[:6], predicted):
        r["label"] = "neutral" if label != "neutral" else "contradiction"
    path = write_jsonl(tmp_path / "news<b>x.jsonl", rows)
    db = str(tmp_path / "runs.db")
    result = run_suite(resolve_targets([path])[0], nli_model, store=db, n_bootstrap=100)
    files = write_report(db, result.run_id, str(tmp_path / "report"))
    return db, result, files


def test_html_is_self_contained_with_plots(hostile_run):
    db, result, files = hostile_run
    page = open(files.html, encoding="utf-8").read()
    assert page.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//|file:)""", page, re.I)
    images = re.findall(r'<img alt="([^"]*)" src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    with Store(db) as s:
        slices = s.get_run(result.run_id)["results"]["slices"]
    assert len(images) == 3 + len(slices) and len(slices) >= 1
    for _, data in images:
        assert base64.b64decode(data).startswith(b"\x89PNG\r\n\x1a\n")
    assert {"Confusion matrix (test)", "Contradiction precision-recall", "Reliability diagram"} <= {
        a for a, _ in images}


def test_fixture_text_is_escaped(hostile_run):
    _, result, files = hostile_run
    page = open(files.html, encoding="utf-8").read()
    assert "<script" not in page.lower()
    assert "<img src=x" not in page and "<b>markup" not in page and "<i>t0" not in page
    assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt;" in page
    assert "&lt;b&gt;markup&lt;/b&gt;" in page and "news&lt;b&gt;x" in page
    md = open(files.markdown, encoding="utf-8").read()
    assert "<script" not in md.lower() and "<img" not in md and "&lt;script&gt;" in md
    manifest = json.load(open(files.manifest))
    assert manifest["run_id"] == result.run_id and manifest["results_sha256"] == result.results_sha256


def test_report_of_a_failed_run(tmp_path):
    db = str(tmp_path / "runs.db")
    with Store(db) as s:
        rid = s.record_failed_run(model="broken<script>", suite="s", config={}, config_key="x",
                                  error=f"ValueError: {SCRIPT}")
    files = write_report(db, rid, str(tmp_path / "rep"))
    page = open(files.html, encoding="utf-8").read()
    assert "failed" in page and "<script" not in page.lower() and "&lt;script&gt;" in page


def _chromium(*args, tmp_path):
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run",
           f"--user-data-dir={tmp_path / 'chromium-profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")),
                    reason="chromium is not installed: the headless screenshot test skips "
                           "(.ci/run installs it)")
def test_report_renders_in_headless_chromium_and_no_script_runs(hostile_run, tmp_path):
    import matplotlib.image

    _, _, files = hostile_run
    url = "file://" + os.path.abspath(files.html)
    shot = tmp_path / "shot.png"
    p = _chromium(f"--screenshot={shot}", "--window-size=1200,900", url, tmp_path=tmp_path)
    assert shot.exists(), p.stderr[-2000:]
    pixels = matplotlib.image.imread(str(shot))[..., :3]
    assert pixels.shape[:2] == (900, 1200)
    assert pixels.std() > 0.05                                 # not a blank page
    assert (pixels.min(axis=2) < 0.9).mean() > 0.01            # some ink on it
    dom = _chromium("--dump-dom", url, tmp_path=tmp_path).stdout
    assert "claimbench run" in dom
    assert "PWNED" not in re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert not re.search(r"<script", dom, re.I)                # the markup stayed text
