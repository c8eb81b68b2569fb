"""Evaluation suites declared as TOML data, loaded into a :class:`Suite`.

A suite file::

    name = "news-denials"
    description = "Team-written denial pairs"
    fixtures = ["../fixtures/news_denials.jsonl"]   # relative to this file
    splits = ["dev", "test"]
    models = ["claimbench-nli-minilm"]                # used when --model is not given
    label_map = {}                                    # fixture label -> canonical label
    benchmarks = ["snli:dev:500"]                     # public sets, name:split[:limit]
    include = ["base.toml"]                           # suites this one extends

Conventions:
- ``include`` is applied first, in order; this file's keys then override scalars,
  ``splits`` and ``models``, are merged into ``label_map`` and appended to
  ``fixtures`` and ``benchmarks`` (duplicates dropped). Cycles are an error.
- Paths are relative to the file that names them and may not leave the suite
  tree: the directory of the suite file, or its parent when that directory is
  called ``suites`` (``eval/suites/x.toml`` may name ``eval/fixtures/...``).
  Absolute paths, ``..`` escapes and symlinks pointing outside are refused.
- Unknown keys and wrong types raise :class:`~claimbench.errors.InputError` with
  the file and the line of the key.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from .fixtures import LABELS, SPLITS, LabeledPair, benchmark_pairs, file_sha256, load_fixtures

_LIST_KEYS = ("fixtures", "splits", "models", "benchmarks", "include")
_KEYS = {"name", "description", "label_map", *_LIST_KEYS}


@dataclass(frozen=True)
class Suite:
    """A set of fixtures (and benchmark splits) evaluated together.

    >>> s = Suite("demo", fixtures=("a.jsonl",))
    >>> s.splits
    ('dev', 'test')
    """

    name: str
    description: str = ""
    fixtures: tuple[str, ...] = ()
    splits: tuple[str, ...] = SPLITS
    models: tuple[str, ...] = ()
    label_map: dict[str, str] = field(default_factory=dict)
    benchmarks: tuple[str, ...] = ()
    path: str | None = None          # the suite file, None for bare fixture files

    def load_pairs(self, *, data_dir: str | None = None) -> list[LabeledPair]:
        """All pairs of the suite's fixtures and benchmarks, in the selected splits.

        Benchmark samples (``name:split:N``) are drawn with seed 0, so every run of a
        suite sees the same pairs whatever its bootstrap seed.
        """
        pairs = load_fixtures(list(self.fixtures), splits=self.splits,
                              label_map=self.label_map or None)
        seen = {p.id for p in pairs}
        for ref in self.benchmarks:
            for p in benchmark_pairs(ref, label_map=self.label_map or None, seed=0,
                                     data_dir=data_dir):
                if p.split in self.splits and p.id not in seen:
                    seen.add(p.id)
                    pairs.append(p)
        if not pairs:
            raise InputError(f"suite {self.name!r} has no pairs in splits {list(self.splits)}",
                             path=self.path)
        return pairs

    def fixture_hashes(self) -> dict[str, str]:
        """sha256 of each fixture file, for the run manifest."""
        return {p: file_sha256(p) for p in self.fixtures}

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description, "path": self.path,
                "fixtures": list(self.fixtures), "splits": list(self.splits),
                "models": list(self.models), "label_map": dict(self.label_map),
                "benchmarks": list(self.benchmarks)}


def suite_root(path: str) -> str:
    """The directory a suite file's paths must stay inside."""
    directory = os.path.dirname(os.path.realpath(path))
    return os.path.dirname(directory) if os.path.basename(directory) == "suites" else directory


def _key_line(text: str, key: str) -> int | None:
    m = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _contained(ref: str, base_dir: str, root: str, *, path: str, line: int | None, key: str) -> str:
    if not isinstance(ref, str) or not ref:
        raise InputError(f"{key}: entries must be non-empty strings, got {ref!r}", path=path, line=line)
    if os.path.isabs(ref) or ref.startswith("~"):
        raise InputError(f"{key}: {ref!r} is absolute; paths in suites are relative to the suite "
                         f"file", path=path, line=line)
    full = os.path.realpath(os.path.join(base_dir, ref))
    if os.path.commonpath([full, root]) != root:
        raise InputError(f"{key}: {ref!r} points outside the suite directory {root}", path=path,
                         line=line)
    return full


def _read(path: str) -> tuple[dict[str, Any], str]:
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path=path) from None
    try:
        text = raw.decode("utf-8-sig")
        return tomllib.loads(text), text
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("invalid UTF-8", path=path, line=line) from None
    except tomllib.TOMLDecodeError as exc:
        # Python < 3.14 puts the position only in the message: "(at line 3, column 7)".
        msg = str(exc)
        m = re.search(r"\s*\(at line (\d+), column \d+\)$", msg)
        if m:
            line, msg = int(m.group(1)), msg[: m.start()]
        elif msg.endswith("(at end of document)"):
            line, msg = text.count("\n") or 1, msg[: -len(" (at end of document)")]
        else:
            line = None
        raise InputError(f"invalid TOML ({msg})", path=path, line=line) from None


def _check(data: dict[str, Any], text: str, path: str) -> None:
    for key, value in data.items():
        line = _key_line(text, key)
        if key not in _KEYS:
            raise InputError(f"unknown key {key!r}; known keys: {', '.join(sorted(_KEYS))}",
                             path=path, line=line)
        if key in _LIST_KEYS and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise InputError(f"{key} must be a list of strings", path=path, line=line)
        if key in ("name", "description") and not isinstance(value, str):
            raise InputError(f"{key} must be a string", path=path, line=line)
        if key == "label_map":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise InputError("label_map must be a table of strings", path=path, line=line)
            bad = sorted(v for v in value.values() if v not in LABELS)
            if bad:
                raise InputError(f"label_map maps to {bad}; targets must be one of "
                                 f"{', '.join(LABELS)}", path=path, line=line)
        if key == "splits":
            bad = sorted(set(value) - set(SPLITS))
            if bad or not value:
                raise InputError(f"splits must name dev and/or test, got {value}", path=path, line=line)


def _load(path: str, root: str, stack: tuple[str, ...]) -> dict[str, Any]:
    real = os.path.realpath(path)
    if real in stack:
        raise InputError(f"include cycle: {' -> '.join(stack + (real,))}", path=path)
    data, text = _read(path)
    _check(data, text, path)
    base_dir = os.path.dirname(real)
    merged: dict[str, Any] = {"fixtures": [], "benchmarks": [], "label_map": {}}
    for ref in data.get("include", []):
        inc = _contained(ref, base_dir, root, path=path, line=_key_line(text, "include"), key="include")
        if not os.path.isfile(inc):
            raise InputError(f"include: {ref!r} not found", path=path, line=_key_line(text, "include"))
        sub = _load(inc, root, stack + (real,))
        for key, value in sub.items():
            if key in ("fixtures", "benchmarks"):
                merged[key] += [v for v in value if v not in merged[key]]
            elif key == "label_map":
                merged[key].update(value)
            elif key != "name":          # a suite is named by itself, never by its base

                merged[key] = value
    line = _key_line(text, "fixtures")
    for ref in data.get("fixtures", []):
        full = _contained(ref, base_dir, root, path=path, line=line, key="fixtures")
        if not os.path.isfile(full):
            raise InputError(f"fixtures: {ref!r} not found", path=path, line=line)
        if full not in merged["fixtures"]:
            merged["fixtures"].append(full)
    merged["benchmarks"] += [b for b in data.get("benchmarks", []) if b not in merged["benchmarks"]]
    merged["label_map"].update(data.get("label_map", {}))
    for key in ("name", "description", "splits", "models"):
        if key in data:
            merged[key] = data[key]
    return merged


def load_suite(path: str) -> Suite:
    """Load a suite TOML file (resolving ``include``) into a :class:`Suite`.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> _ = open(os.path.join(d, "f.jsonl"), "w").write("")
    >>> _ = open(os.path.join(d, "s.toml"), "w").write('name = "s"\\nfixtures = ["f.jsonl"]\\n')
    >>> load_suite(os.path.join(d, "s.toml")).name
    's'
    """
    merged = _load(path, suite_root(path), ())
    name = merged.get("name") or os.path.splitext(os.path.basename(path))[0]
    if not merged["fixtures"] and not merged["benchmarks"]:
        raise InputError("the suite names no fixtures and no benchmarks", path=path)
    return Suite(name, description=merged.get("description", ""),
                 fixtures=tuple(merged["fixtures"]), splits=tuple(merged.get("splits", SPLITS)),
                 models=tuple(merged.get("models", ())), label_map=dict(merged["label_map"]),
                 benchmarks=tuple(merged["benchmarks"]), path=os.path.abspath(path))


def fixtures_suite(paths: Sequence[str]) -> Suite:
    """A suite made of bare fixture files named on the command line (all splits)."""
    for p in paths:
        if not os.path.isfile(p):
            raise InputError("no such file", path=p)
    name = "+".join(os.path.splitext(os.path.basename(p))[0] for p in paths)
    return Suite(name, fixtures=tuple(os.path.abspath(p) for p in paths))


def resolve_targets(targets: Sequence[str]) -> list[Suite]:
    """Suites for command-line targets: each ``.toml`` is a suite; all ``.jsonl`` files form one."""
    suites, loose = [], []
    for t in targets:
        if t.endswith(".toml"):
            suites.append(load_suite(t))
        elif t.endswith((".jsonl", ".json")):
            loose.append(t)
        else:
            raise InputError("expected a suite (.toml) or fixture file (.jsonl)", path=t)
    if loose:
        suites.append(fixtures_suite(loose))
    return suites
