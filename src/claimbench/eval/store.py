"""The results store: runs, their pairs, cached predictions and metrics in one SQLite file.

Tables (schema version in ``schema_version``; see :data:`MIGRATIONS`):

``runs``
    One row per (model, suite) evaluation: ``status`` running / finished / failed,
    ``model_key`` (which cache rows it reads), ``config_key`` (what makes a later
    invocation the same run, to resume it), JSON ``config``, ``manifest``,
    ``results``, ``results_sha256``, ``error``, owner host/pid and heartbeat.
``run_pairs``
    The labeled pairs of a run, in order, with their text and slice fields.
``predictions``
    The cache: probabilities keyed by ``(model_key, input_sha256)``. ``model_key``
    is the sha256 of the model fingerprint (weights, config, label map) and the
    preprocessing settings (max_length, precision, tokenizer, truncation policy), so a
    row is only ever served to the same model scoring the same way.
``models``
    What each ``model_key`` stands for.
``metrics``
    Long-format scalar metrics: split, slice, name, value and CI bounds.

Concurrency: WAL journal, a busy timeout, and every write in a short ``BEGIN
IMMEDIATE`` transaction, so several processes can write one store. Predictions are
committed batch by batch: a killed run keeps what it scored.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from ..errors import ClaimbenchError, InputError
from .fixtures import LabeledPair

logger = logging.getLogger(__name__)

DEFAULT_STORE = os.path.join("runs", "claimbench.db")
BUSY_TIMEOUT_MS = 60_000
STALE_AFTER_S = 600      # a run owned by another host with no heartbeat for this long is resumable

MIGRATIONS: list[list[str]] = [
    [  # 1: runs, their pairs, the prediction cache
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
            model TEXT NOT NULL,
            model_key TEXT,
            suite TEXT NOT NULL,
            config_key TEXT NOT NULL,
            config TEXT NOT NULL,
            manifest TEXT,
            results TEXT,
            results_sha256 TEXT,
            error TEXT,
            owner_host TEXT,
            owner_pid INTEGER,
            heartbeat TEXT,
            attempts INTEGER NOT NULL DEFAULT 1,
            n_pairs INTEGER NOT NULL DEFAULT 0,
            n_scored INTEGER NOT NULL DEFAULT 0)""",
        """CREATE TABLE run_pairs (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            pair_id TEXT NOT NULL,
            input_sha256 TEXT NOT NULL,
            premise TEXT NOT NULL,
            hypothesis TEXT NOT NULL,
            label TEXT NOT NULL,
            split TEXT NOT NULL,
            category TEXT, source TEXT, perturbation TEXT, doc_id TEXT, file TEXT, line INTEGER,
            PRIMARY KEY (run_id, position))""",
        """CREATE TABLE predictions (
            model_key TEXT NOT NULL,
            input_sha256 TEXT NOT NULL,
            p_entailment REAL NOT NULL,
            p_neutral REAL NOT NULL,
            p_contradiction REAL NOT NULL,
            truncated INTEGER NOT NULL,
            scored_by_run INTEGER,
            created_at TEXT NOT NULL,
            PRIMARY KEY (model_key, input_sha256)) WITHOUT ROWID""",
        """CREATE TABLE models (
            model_key TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            preprocessing TEXT NOT NULL,
            info TEXT NOT NULL)""",
        "CREATE INDEX runs_by_config ON runs(config_key, status)",
    ],
    [  # 2: long-format metrics
        """CREATE TABLE metrics (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            split TEXT NOT NULL,
            slice_field TEXT NOT NULL DEFAULT '',
            slice_value TEXT NOT NULL DEFAULT '',
            name TEXT NOT NULL,
            value REAL,
            ci_low REAL,
            ci_high REAL,
            n INTEGER,
            PRIMARY KEY (run_id, split, slice_field, slice_value, name))""",
    ],
]
SCHEMA_VERSION = len(MIGRATIONS)
_PAIR_COLS = ("pair_id", "input_sha256", "premise", "hypothesis", "label", "split", "category",
              "source", "perturbation", "doc_id", "file", "line")


def now() -> str:
    """UTC time as ISO-8601 with microseconds (sorts as text)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


class StoreError(ClaimbenchError):
    """The store cannot be used (newer schema, not a claimbench store, locked for too long)."""


def _owner_alive(host: str | None, pid: int | None, heartbeat: str | None) -> bool:
    if pid is None:
        return False
    if host != socket.gethostname():
        if not heartbeat:
            return False
        age = datetime.now(UTC) - datetime.fromisoformat(heartbeat)
        return age.total_seconds() < STALE_AFTER_S
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Store:
    """An open results store (created and migrated on first use).

    Parameters
    ----------
    path : str
        The SQLite file (default ``runs/claimbench.db``).
    create : bool, default True
        Create a missing file; when False a missing store is an :class:`InputError`.

    Examples
    --------
    >>> import tempfile, os
    >>> with Store(os.path.join(tempfile.mkdtemp(), "r.db")) as s:
    ...     s.schema_version(), s.list_runs()
    (2, [])
    """

    def __init__(self, path: str = DEFAULT_STORE, *, create: bool = True):
        self.path = path
        if not create and not os.path.isfile(path):
            raise InputError("no results store here (run `claimbench eval` first or pass --store)",
                             path=path)
        if os.path.dirname(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
        try:
            self.conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                        check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._enable_wal()
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable results store ({exc})") from None

    def _enable_wal(self) -> None:
        """Switch to the WAL journal, waiting for another process that is doing the same.

        Two processes that create one store at the same moment both ask for WAL; the
        switch needs the database to itself, and SQLite answers "database is locked"
        at once, without its busy timeout, while the other one holds it.
        """
        self._execute_when_unlocked("PRAGMA journal_mode = WAL", tries=10, wait_s=0.1)

    def _execute_when_unlocked(self, sql: str, *, tries: int, wait_s: float) -> None:
        """Run ``sql``, retrying (after ``wait_s``, then 2x, 3x... as long) while SQLite answers
        "database is locked" at once instead of waiting out its busy timeout."""
        for attempt in range(tries):
            try:
                self.conn.execute(sql)
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == tries - 1:
                    raise
                time.sleep(wait_s * (attempt + 1))

    # ------------------------------------------------------------------ plumbing
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the write lock up front (``BEGIN IMMEDIATE``)."""
        try:
            self._execute_when_unlocked("BEGIN IMMEDIATE", tries=5, wait_s=0.5)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.path}: {exc}") from None
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT version FROM schema_version").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self, upto: int = SCHEMA_VERSION) -> None:
        with self.transaction() as c:
            c.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            version = self.schema_version()
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.path}: schema version {version} was written by a newer "
                                 f"claimbench (this one knows up to {SCHEMA_VERSION})")
            for number in range(version + 1, upto + 1):
                for statement in MIGRATIONS[number - 1]:
                    c.execute(statement)
                logger.info("%s: migrated the store to schema version %d", self.path, number)
            if upto > version:
                c.execute("DELETE FROM schema_version")
                c.execute("INSERT INTO schema_version (version) VALUES (?)", (upto,))

    def integrity_check(self) -> str:
        """``ok`` when SQLite finds the file sound."""
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

    # ------------------------------------------------------------------ runs
    def register_model(self, model_key: str, *, fingerprint: str, preprocessing: dict[str, Any],
                       info: dict[str, Any]) -> None:
        with self.transaction() as c:
            c.execute("INSERT OR IGNORE INTO models VALUES (?, ?, ?, ?)",
                      (model_key, fingerprint, json.dumps(preprocessing, sort_keys=True),
                       json.dumps(info, sort_keys=True)))

    def start_run(self, *, model: str, model_key: str, suite: str, config: dict[str, Any],
                  config_key: str, pairs: Sequence[LabeledPair]) -> tuple[int, bool]:
        """Resume an interrupted run with the same ``config_key`` or open a new one.

        Returns ``(run_id, resumed)``. A run is interrupted when its status is still
        ``running`` and its owner process is gone (same host) or silent (other hosts).
        """
        host, pid = socket.gethostname(), os.getpid()
        with self.transaction() as c:
            for row in c.execute("SELECT id, owner_host, owner_pid, heartbeat FROM runs "
                                 "WHERE config_key = ? AND status = 'running' ORDER BY id",
                                 (config_key,)).fetchall():
                if not _owner_alive(row["owner_host"], row["owner_pid"], row["heartbeat"]):
                    c.execute("UPDATE runs SET owner_host = ?, owner_pid = ?, heartbeat = ?, "
                              "attempts = attempts + 1 WHERE id = ?", (host, pid, now(), row["id"]))
                    return int(row["id"]), True
            cur = c.execute(
                "INSERT INTO runs (created_at, status, model, model_key, suite, config_key, config,"
                " owner_host, owner_pid, heartbeat, n_pairs) VALUES (?, 'running', ?, ?, ?, ?, ?, ?,"
                " ?, ?, ?)", (now(), model, model_key, suite, config_key,
                              json.dumps(config, sort_keys=True), host, pid, now(), len(pairs)))
            run_id = int(cur.lastrowid)
            c.executemany(f"INSERT INTO run_pairs (run_id, position, {', '.join(_PAIR_COLS)}) "
                          f"VALUES ({', '.join('?' * (len(_PAIR_COLS) + 2))})",
                          [(run_id, i, p.id, p.input_sha256, p.premise, p.hypothesis, p.label,
                            p.split, p.category, p.source, p.perturbation, p.doc_id, p.file, p.line)
                           for i, p in enumerate(pairs)])
            return run_id, False

    def record_failed_run(self, *, model: str, suite: str, config: dict[str, Any], config_key: str,
                          error: str) -> int:
        """A run that never started scoring (e.g. its model would not load)."""
        with self.transaction() as c:
            cur = c.execute(
                "INSERT INTO runs (created_at, finished_at, status, model, suite, config_key, config,"
                " error) VALUES (?, ?, 'failed', ?, ?, ?, ?, ?)",
                (now(), now(), model, suite, config_key, json.dumps(config, sort_keys=True), error))
            return int(cur.lastrowid)

    def fail_run(self, run_id: int, error: str) -> None:
        with self.transaction() as c:
            c.execute("UPDATE runs SET status = 'failed', error = ?, finished_at = ?, owner_pid = NULL"
                      " WHERE id = ?", (error, now(), run_id))

    def release_run(self, run_id: int) -> None:
        """Leave a run ``running`` but ownerless, so the next invocation resumes it."""
        with self.transaction() as c:
            c.execute("UPDATE runs SET owner_pid = NULL WHERE id = ? AND status = 'running'", (run_id,))

    def finish_run(self, run_id: int, *, results: dict[str, Any], manifest: dict[str, Any],
                   results_sha256: str, metric_rows: Iterable[tuple]) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM metrics WHERE run_id = ?", (run_id,))
            c.executemany("INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          [(run_id, *row) for row in metric_rows])
            c.execute("UPDATE runs SET status = 'finished', finished_at = ?, results = ?, "
                      "manifest = ?, results_sha256 = ?, owner_pid = NULL WHERE id = ?",
                      (now(), json.dumps(results, sort_keys=True, allow_nan=False),
                       json.dumps(manifest, sort_keys=True), results_sha256, run_id))

    def get_run(self, run_id: int | str) -> dict[str, Any]:
        """One run as a dict (JSON columns decoded); unknown ids are an :class:`InputError`."""
        try:
            key = int(run_id)
        except (TypeError, ValueError):
            raise InputError(f"run id must be a number, got {run_id!r}") from None
        row = self.conn.execute("SELECT * FROM runs WHERE id = ?", (key,)).fetchone()
        if row is None:
            raise InputError(f"no run {key} in this store", path=self.path)
        return _decode(row)

    def list_runs(self) -> list[dict[str, Any]]:
        """All runs, oldest first."""
        return [_decode(r) for r in self.conn.execute("SELECT * FROM runs ORDER BY id")]

    def run_pairs(self, run_id: int) -> list[LabeledPair]:
        rows = self.conn.execute(f"SELECT {', '.join(_PAIR_COLS)} FROM run_pairs WHERE run_id = ? "
                                 "ORDER BY position", (run_id,)).fetchall()
        return [LabeledPair(r["pair_id"], r["premise"], r["hypothesis"], r["label"],
                            category=r["category"], source=r["source"], perturbation=r["perturbation"],
                            split=r["split"], doc_id=r["doc_id"], file=r["file"], line=r["line"])
                for r in rows]

    # ------------------------------------------------------------------ prediction cache
    def cached_inputs(self, model_key: str) -> set[str]:
        """Input hashes this model (with these preprocessing settings) has already scored."""
        return {r[0] for r in self.conn.execute(
            "SELECT input_sha256 FROM predictions WHERE model_key = ?", (model_key,))}

    def put_predictions(self, run_id: int, model_key: str, rows: Sequence[tuple[str, Sequence[float], bool]]
                        ) -> None:
        """Commit one scored batch ``[(input_sha256, (pe, pn, pc), truncated), ...]`` and beat."""
        stamp = now()
        with self.transaction() as c:
            c.executemany("INSERT OR IGNORE INTO predictions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          [(model_key, sha, float(p[0]), float(p[1]), float(p[2]), int(bool(t)),
                            run_id, stamp) for sha, p, t in rows])
            c.execute("UPDATE runs SET n_scored = n_scored + ?, heartbeat = ? WHERE id = ?",
                      (len(rows), stamp, run_id))

    def get_predictions(self, model_key: str, shas: Iterable[str]
                        ) -> dict[str, tuple[tuple[float, float, float], bool]]:
        wanted = set(shas)
        out = {}
        for r in self.conn.execute("SELECT input_sha256, p_entailment, p_neutral, p_contradiction, "
                                   "truncated FROM predictions WHERE model_key = ?", (model_key,)):
            if r[0] in wanted:
                out[r[0]] = ((r[1], r[2], r[3]), bool(r[4]))
        return out

    def metric_rows(self, run_id: int | None = None) -> list[dict[str, Any]]:
        sql, args = "SELECT * FROM metrics", ()
        if run_id is not None:
            sql, args = sql + " WHERE run_id = ?", (int(run_id),)
        return [dict(r) for r in self.conn.execute(sql + " ORDER BY run_id, split, slice_field, "
                                                   "slice_value, name", args)]

    def prediction_rows(self, run_id: int) -> list[dict[str, Any]]:
        """A run's pairs joined with its cached predictions, in pair order."""
        run = self.get_run(run_id)
        rows = self.conn.execute(
            f"SELECT rp.position, {', '.join('rp.' + c for c in _PAIR_COLS)}, p.p_entailment, "
            "p.p_neutral, p.p_contradiction, p.truncated FROM run_pairs rp LEFT JOIN predictions p "
            "ON p.model_key = ? AND p.input_sha256 = rp.input_sha256 WHERE rp.run_id = ? "
            "ORDER BY rp.position", (run["model_key"], run["id"])).fetchall()
        return [dict(r) for r in rows]


def _decode(row: sqlite3.Row) -> dict[str, Any]:
    out = dict(row)
    for key in ("config", "manifest", "results"):
        if out.get(key):
            out[key] = json.loads(out[key])
    return out


HEADLINE_COLUMNS = ("n", "accuracy", "macro_f1", "f1_contradiction", "roc_auc", "pr_auc", "ece",
                    "f1_at_threshold")


def run_summary(run: dict[str, Any]) -> dict[str, Any]:
    """The listing form of a run: id, model, suite, time, status and headline metrics."""
    headline = (run.get("results") or {}).get("headline", {})
    out = {"id": run["id"], "model": run["model"], "suite": run["suite"], "time": run["created_at"],
           "status": run["status"]}
    out.update({k: headline.get(k) for k in HEADLINE_COLUMNS})
    if run.get("error"):
        out["error"] = run["error"]
    return out


def load_runs(db: str | Store = DEFAULT_STORE):
    """All runs of a store as a ``pandas.DataFrame`` (one row per run, headline metrics as columns).

    >>> import tempfile, os
    >>> load_runs(os.path.join(tempfile.mkdtemp(), "r.db")).empty   # doctest: +SKIP
    True
    """
    import pandas as pd

    store = db if isinstance(db, Store) else Store(db, create=False)
    try:
        frame = pd.DataFrame([run_summary(r) for r in store.list_runs()],
                             columns=["id", "model", "suite", "time", "status", *HEADLINE_COLUMNS])
    finally:
        if store is not db:
            store.close()
    frame["time"] = pd.to_datetime(frame["time"], utc=True)
    return frame


def load_predictions(db: str | Store, run_id: int):
    """A run's pairs with gold label, probabilities and predicted label, as a ``DataFrame``."""
    import pandas as pd

    from .fixtures import LABELS

    store = db if isinstance(db, Store) else Store(db, create=False)
    try:
        frame = pd.DataFrame(store.prediction_rows(run_id))
    finally:
        if store is not db:
            store.close()
    if frame.empty:
        return frame
    probs = frame[["p_entailment", "p_neutral", "p_contradiction"]].to_numpy()
    frame["predicted"] = [LABELS[i] if row == row else None
                          for i, row in zip(probs.argmax(axis=1), probs[:, 0])]
    frame["correct"] = frame["predicted"] == frame["label"]
    frame["truncated"] = frame["truncated"].astype("boolean")
    return frame.rename(columns={"pair_id": "id"}).drop(columns=["position"])


def load_metrics(db: str | Store, run_id: int | None = None):
    """Long-format metrics (run_id, split, slice_field, slice_value, name, value, ci_low, ci_high, n)."""
    import pandas as pd

    store = db if isinstance(db, Store) else Store(db, create=False)
    try:
        return pd.DataFrame(store.metric_rows(run_id),
                            columns=["run_id", "split", "slice_field", "slice_value", "name", "value",
                                     "ci_low", "ci_high", "n"])
    finally:
        if store is not db:
            store.close()
