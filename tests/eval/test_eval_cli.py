"""``claimbench eval / runs / compare / report`` through the real command line.

Runs that load a model go through a subprocess (``cli``); commands that only read the
store, and input errors, call the same ``claimbench.cli.main`` in-process (``main``).
"""

import json
import os
import re

import pytest

from claimbench.cli import main as cli_main
from claimbench.eval import resolve_targets, run_suite
from claimbench.models import NLIModel

from evalkit import REAL_SUITES, make_rows, write_jsonl


@pytest.fixture(autouse=True)
def one_thread(monkeypatch):
    """Command-line runs here score a few pairs: one torch thread starts and runs faster
    on a busy machine."""
    monkeypatch.setenv("OMP_NUM_THREADS", "1")


@pytest.fixture
def main(capsys):
    """``claimbench ARGS`` in this process: (exit status, stdout, stderr)."""
    def run(*argv: str):
        capsys.readouterr()
        rc = cli_main(list(argv))
        out, err = capsys.readouterr()
        return rc, out, err
    return run


def test_eval_records_a_failing_model_and_goes_on(cli, main, tmp_path, fixture_file):
    # The real smoke suite (30 pairs) when it exists, else a generated fixture file.
    smoke = os.path.join(REAL_SUITES, "smoke.toml")
    target, name = (smoke, "smoke") if os.path.isfile(smoke) else (fixture_file, "pairs")
    not_a_model = tmp_path / "not-a-model"
    not_a_model.mkdir()
    db = str(tmp_path / "runs.db")
    p = cli("eval", target, "--store", db, "--model", "claimbench-nli-minilm",
            "--model", str(not_a_model), "--bootstrap", "200")
    assert p.returncode == 1, p.stderr
    assert "Traceback" not in p.stderr
    ok, failed = p.stdout.splitlines()
    assert re.match(rf"run 1  claimbench-nli-minilm on {name}  n=(\d+) \((\d+) scored, 0 cached\)  "
                    r"accuracy=[01]\.\d{3}  macro_f1=[01]\.\d{3}", ok), ok
    assert failed.startswith(f"run 2  {not_a_model} on {name}  FAILED: ")

    runs = json.loads(cli("runs", "--store", db, "--format", "json").stdout)
    assert [(r["id"], r["status"]) for r in runs] == [(1, "finished"), (2, "failed")]
    assert runs[0]["time"] < runs[1]["time"]
    assert {"id", "model", "suite", "time", "accuracy", "macro_f1", "f1_contradiction"} <= set(runs[0])
    assert 0 <= runs[0]["accuracy"] <= 1 and runs[1]["accuracy"] is None and str(not_a_model) in runs[1]["error"]
    rc, table, _ = main("runs", "--store", db)
    assert rc == 0 and "finished" in table and "failed" in table

    p = cli("report", "1", "--store", db, "--out", str(tmp_path / "report1"))
    assert p.returncode == 0, p.stderr
    assert main("report", "2", "--store", db, "--out", str(tmp_path / "report2"))[0] == 0
    for run in ("1", "2"):
        assert sorted(os.listdir(tmp_path / f"report{run}")) == ["manifest.json", "report.html", "report.md"]
    assert "failed" in (tmp_path / "report2" / "report.html").read_text()


@pytest.fixture(scope="module")
def two_runs(nli_model, tmp_path_factory):
    """A store with the shipped model and a label-swapped copy of it on the same pairs."""
    tmp_path = tmp_path_factory.mktemp("two")
    db = str(tmp_path / "two.db")
    suite = resolve_targets([write_jsonl(tmp_path / "pairs.jsonl", make_rows(30))])[0]
    swapped = NLIModel.from_loaded(nli_model.model, nli_model.tokenizer, name="swapped", label_map={
        "entailment": "contradiction", "contradiction": "entailment", "neutral": "neutral"})
    a = run_suite(suite, nli_model, store=db, n_bootstrap=100)
    b = run_suite(suite, swapped, store=db, n_bootstrap=100)
    return db, a, b


def test_compare_reports_deltas_with_significance(cli, main, two_runs):
    db, a, b = two_runs
    p = cli("compare", str(a.run_id), str(b.run_id), "--store", db, "--format", "json", "--bootstrap", "300")
    assert p.returncode == 0, p.stderr
    c = json.loads(p.stdout)
    assert (c["run_a"], c["run_b"], c["split"], c["n"]) == (a.run_id, b.run_id, "test", a.headline["n"])
    acc = next(d for d in c["deltas"] if d["metric"] == "accuracy")
    assert acc["a"] == pytest.approx(a.headline["accuracy"]) and acc["b"] == pytest.approx(b.headline["accuracy"])
    assert acc["delta"] == pytest.approx(acc["b"] - acc["a"])
    assert acc["ci"][0] <= acc["delta"] <= acc["ci"][1] and 0 < acc["p_value"] <= 1
    m = c["mcnemar"]
    assert 0 <= m["p_value"] <= 1 and m["only_a"] + m["only_b"] > 0
    rc, table, _ = main("compare", str(a.run_id), str(b.run_id), "--store", db)
    assert rc == 0 and "McNemar" in table and "accuracy" in table


def one_line_error(result, *fragments):
    rc, out, err = result
    assert rc == 2, (out, err)
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claimbench: error: "), err
    for f in fragments:
        assert f in lines[0], lines[0]


def test_bad_inputs_are_one_line_errors_and_leave_nothing_behind(cli, main, tmp_path):
    rows = make_rows(4)
    rows[2]["label"] = "refutes"
    bad = write_jsonl(tmp_path / "bad.jsonl", rows)
    db = tmp_path / "runs.db"
    p = cli("eval", bad, "--store", str(db))          # once for real: no traceback on stderr
    one_line_error((p.returncode, p.stdout, p.stderr), f"{bad}:3:", "unknown label 'refutes'")
    assert not db.exists()
    (tmp_path / "eval" / "suites").mkdir(parents=True)
    suite = tmp_path / "eval" / "suites" / "evil.toml"
    suite.write_text('fixtures = ["../../bad.jsonl"]\n')
    one_line_error(main("eval", str(suite), "--store", str(db)), f"{suite}:1:", "outside the suite directory")
    one_line_error(main("runs", "--store", str(db)), "no results store here")
    assert not db.exists()
    one_line_error(main("eval", bad, "--bootstrap", "-1"), "--bootstrap must be >= 0")
    (tmp_path / "not-sqlite.db").write_text("hello\n" * 50)
    one_line_error(main("runs", "--store", str(tmp_path / "not-sqlite.db")), "not a usable results store")


def test_report_and_compare_of_unknown_runs(main, two_runs, tmp_path):
    db, a, _ = two_runs
    out = tmp_path / "rep"
    one_line_error(main("report", "99", "--store", db, "--out", str(out)), "no run 99")
    assert not out.exists()
    one_line_error(main("compare", str(a.run_id), "99", "--store", db), "no run 99")
    (tmp_path / "file").write_text("x")
    one_line_error(main("report", str(a.run_id), "--store", db, "--out", str(tmp_path / "file")),
                   "cannot write the report")
