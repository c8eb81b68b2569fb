"""The SQLite store on real files: schema versions, migrations, WAL, cache keys, resumable runs."""

import sqlite3
import subprocess
import sys

import pytest

from claimbench.errors import InputError
from claimbench.eval.fixtures import LabeledPair
from claimbench.eval.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreError

from evalkit import make_rows


def pairs(n=3):
    return [LabeledPair(r["id"], r["premise"], r["hypothesis"], r["label"], split=r["split"])
            for r in make_rows(n)]


def test_new_store_is_versioned_and_in_wal_mode(tmp_path):
    path = str(tmp_path / "sub" / "runs.db")
    with Store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 10_000
        assert s.integrity_check() == "ok"
    with Store(path) as s:                      # reopening changes nothing
        assert s.schema_version() == SCHEMA_VERSION


def test_old_store_is_migrated_and_keeps_its_runs(tmp_path):
    path = str(tmp_path / "old.db")
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("INSERT INTO schema_version VALUES (1)")
    conn.execute("INSERT INTO runs (created_at, status, model, suite, config_key, config) "
                 "VALUES ('2024-01-01', 'failed', 'm', 's', 'k', '{}')")
    conn.commit()
    conn.close()
    with Store(path) as s:
        assert s.schema_version() == 2
        assert [r["model"] for r in s.list_runs()] == ["m"]
        assert s.metric_rows() == []            # the table migration 2 adds


def test_store_from_a_newer_claimbench_is_refused(tmp_path):
    path = str(tmp_path / "new.db")
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_version SET version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="schema version 99 was written by a newer claimbench"):
        Store(path)


def test_not_a_database_and_missing_store(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_text("this is not sqlite\n" * 100)
    with pytest.raises(StoreError, match="not a usable results store"):
        Store(str(junk))
    with pytest.raises(InputError, match="no results store here"):
        Store(str(tmp_path / "absent.db"), create=False)
    assert not (tmp_path / "absent.db").exists()


def test_cache_rows_belong_to_one_model_key(tmp_path):
    with Store(str(tmp_path / "r.db")) as s:
        ps = pairs(2)
        rid, _ = s.start_run(model="m", model_key="key-a", suite="s", config={}, config_key="c", pairs=ps)
        s.put_predictions(rid, "key-a", [(ps[0].input_sha256, (0.2, 0.3, 0.5), False)])
        assert s.cached_inputs("key-a") == {ps[0].input_sha256}
        assert s.cached_inputs("key-b") == set()
        assert s.get_predictions("key-b", [ps[0].input_sha256]) == {}
        assert s.get_run(rid)["n_scored"] == 1


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_interrupted_run_is_resumed_live_one_is_not(tmp_path):
    with Store(str(tmp_path / "r.db")) as s:
        kw = dict(model="m", model_key="k", suite="s", config={}, config_key="same", pairs=pairs())
        first, resumed = s.start_run(**kw)
        assert not resumed
        second, resumed = s.start_run(**kw)      # first is owned by this live process
        assert second != first and not resumed
        s.conn.execute("UPDATE runs SET owner_pid = ? WHERE id = ?", (_dead_pid(), first))
        again, resumed = s.start_run(**kw)
        assert (again, resumed) == (first, True)
        assert s.get_run(first)["attempts"] == 2
        s.release_run(second)                    # released (e.g. Ctrl-C): resumable at once
        assert s.start_run(**kw) == (second, True)
        assert len(s.run_pairs(first)) == 3


def test_unknown_run_ids(tmp_path):
    with Store(str(tmp_path / "r.db")) as s:
        with pytest.raises(InputError, match="no run 7"):
            s.get_run(7)
        with pytest.raises(InputError, match="must be a number"):
            s.get_run("seven")


def _open_at_once(path, barrier, results):
    barrier.wait()
    try:
        with Store(path) as s:
            results.put(s.schema_version())
    except Exception as exc:                 # reported to the parent, which fails the test
        results.put(repr(exc))


def test_processes_creating_one_store_at_the_same_moment_all_open_it(tmp_path):
    """Each creator switches the new file to WAL; SQLite refuses that switch at once
    (no busy timeout) while another holds the file: the store retries instead of failing."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    outcomes = []
    for trial in range(10):
        path = str(tmp_path / f"race{trial}.db")
        barrier, results = ctx.Barrier(4), ctx.Queue()
        procs = [ctx.Process(target=_open_at_once, args=(path, barrier, results)) for _ in range(4)]
        for p in procs:
            p.start()
        outcomes += [results.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(timeout=60)
    assert outcomes == [SCHEMA_VERSION] * 40
