"""Crash safety and concurrency with real processes: SIGKILL mid-run, two writers on one store."""

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from claimbench.eval import run_suite
from claimbench.eval.fixtures import load_fixtures
from claimbench.eval.store import Store

from evalkit import make_rows, write_jsonl

pytestmark = pytest.mark.integration       # real processes, killed and restarted


def start_eval(*args: str, threads: int | None = None) -> subprocess.Popen:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    if threads:
        # Two processes with a thread pool each on a small machine mostly wait on each other.
        env["OMP_NUM_THREADS"] = str(threads)
    return subprocess.Popen([sys.executable, "-m", "claimbench", "eval", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def stored_predictions(db: str) -> int:
    if not os.path.exists(db):
        return 0
    try:
        with contextlib.closing(sqlite3.connect(db, timeout=30)) as c:
            return c.execute("SELECT COUNT(*) FROM predictions").fetchone()[0]
    except sqlite3.OperationalError:          # the schema is not there yet
        return 0


def kill_when(proc: subprocess.Popen, db: str, at_least: int, timeout: float = 600) -> bool:
    """SIGKILL ``proc`` once ``at_least`` predictions are committed; False if it ended first."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        if stored_predictions(db) >= at_least:
            os.kill(proc.pid, signal.SIGKILL)
            proc.communicate()
            return True
        time.sleep(0.02)
    proc.communicate()
    return False


def check_resumed(db: str, reference, nli_model, unique: int) -> None:
    before = stored_predictions(db)
    resumed = run_suite(reference.suite, nli_model, store=db, batch_size=32)
    assert resumed.n_cached == before and resumed.n_scored == unique - before
    assert resumed.results_sha256 == reference.result.results_sha256    # same metrics, bit for bit
    with Store(db) as s:
        assert s.integrity_check() == "ok"
        runs = s.list_runs()
        assert [r["status"] for r in runs] == ["finished"]
        # Every pair was scored and committed exactly once over both attempts.
        assert runs[0]["n_scored"] == unique
        assert stored_predictions(db) == unique
        with Store(reference.db) as ref:
            expected = ref.get_run(reference.result.run_id)["manifest"]["predictions_sha256"]
        assert runs[0]["manifest"]["predictions_sha256"] == expected


def test_run_killed_mid_scoring_resumes_without_rescoring(reference, nli_model, tmp_path):
    db = str(tmp_path / "runs.db")
    unique = len({p.input_sha256 for p in load_fixtures(reference.path)})
    proc = start_eval(reference.path, "--store", db, "--batch-size", "32")
    assert kill_when(proc, db, 64), "the run finished before it could be killed"
    assert 64 <= stored_predictions(db) < unique
    with Store(db) as s:
        (run,) = s.list_runs()
        assert run["status"] == "running"       # what a kill -9 leaves behind
    check_resumed(db, reference, nli_model, unique)


@pytest.mark.slow
def test_ten_kills_at_random_points_all_resume_identically(reference, nli_model, tmp_path):
    unique = len({p.input_sha256 for p in load_fixtures(reference.path)})
    rng = random.Random(1234)
    for trial in range(10):
        db = str(tmp_path / f"trial{trial}.db")
        proc = start_eval(reference.path, "--store", db, "--batch-size", "32")
        kill_when(proc, db, rng.randint(0, unique))   # 0: during start-up; unique: while finishing
        if os.path.exists(db):
            with Store(db) as s:
                if [r["status"] for r in s.list_runs()] == ["finished"]:
                    continue                           # it won the race: nothing to resume
        check_resumed(db, reference, nli_model, unique)


def test_two_processes_write_one_store(tmp_path):
    path = write_jsonl(tmp_path / "pairs.jsonl", make_rows(32))
    db = str(tmp_path / "shared.db")
    procs = [start_eval(path, "--store", db, "--batch-size", "2", "--seed", str(seed), "--bootstrap", "200",
                        threads=1) for seed in (1, 2)]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (_out, err) in zip(procs, outs):
        assert p.returncode == 0, err[-2000:]
        assert "Traceback" not in err
    with Store(db) as s:
        assert s.integrity_check() == "ok"
        runs = s.list_runs()
        assert sorted(r["status"] for r in runs) == ["finished", "finished"]
        for r in runs:
            rows = s.prediction_rows(r["id"])
            assert len(rows) == 32 and all(x["p_entailment"] is not None for x in rows)
        assert stored_predictions(db) == 32
        # Both processes raced over the same cache rows; together they scored at least all.
        assert sum(r["n_scored"] for r in runs) >= 32
