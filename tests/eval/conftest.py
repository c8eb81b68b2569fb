"""Fixtures of the evaluation tests (helpers live in ``evalkit.py``)."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

from evalkit import REAL_FIXTURES, REAL_SUITES, make_rows, write_jsonl


@pytest.fixture
def fixture_file(tmp_path):
    """A 30-pair fixture file in tmp_path."""
    return write_jsonl(tmp_path / "pairs.jsonl", make_rows(30))


def _files_or_skip(folder: str, suffix: str, what: str) -> list[str]:
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder)
                   if f.endswith(suffix)) if os.path.isdir(folder) else []
    if not files:
        pytest.skip(f"{what} has no {suffix} files yet")
    return files


@pytest.fixture
def real_fixture_files():
    return _files_or_skip(REAL_FIXTURES, ".jsonl", "eval/fixtures")


@pytest.fixture
def real_suite_files():
    return _files_or_skip(REAL_SUITES, ".toml", "eval/suites")


@pytest.fixture(scope="session")
def bench_file(tmp_path_factory):
    """Every third line of the real ``eval/fixtures/news_denials.jsonl`` (a copy: the file
    may be edited meanwhile; a third keeps the tests quick on two cores), or a generated
    240-pair stand-in until it exists."""
    directory = tmp_path_factory.mktemp("bench")
    real = os.path.join(REAL_FIXTURES, "news_denials.jsonl")
    if os.path.isfile(real):
        with open(real, encoding="utf-8") as fh:
            lines = [line for line in fh if line.strip()]
        return write_jsonl(directory / "news_denials.jsonl", [line.rstrip("\n") for line in lines[::3]])
    return write_jsonl(directory / "news_denials.jsonl", make_rows(240))


@pytest.fixture(scope="session")
def reference(bench_file, nli_model, tmp_path_factory):
    """One uninterrupted run of the shipped model on ``bench_file`` (batch size 32)."""
    from claimbench.eval import resolve_targets, run_suite

    db = str(tmp_path_factory.mktemp("reference") / "ref.db")
    suite = resolve_targets([bench_file])[0]
    result = run_suite(suite, nli_model, store=db, batch_size=32)
    return SimpleNamespace(db=db, suite=suite, result=result, path=bench_file)
