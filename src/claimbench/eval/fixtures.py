"""Labeled fixture pairs: loading and validating JSON-lines fixture files.

A fixture file holds one labeled pair per line::

    {"id": "nd-001", "premise": "...", "hypothesis": "...", "label": "contradiction",
     "category": "explicit_denial", "source": "team", "perturbation": null,
     "split": "dev", "doc_id": "harbor-drones"}

``id``, ``premise``, ``hypothesis`` and ``label`` are required; ``label`` is one of
entailment / neutral / contradiction (after an optional ``label_map``); ``split``
is ``dev`` or ``test`` and defaults to ``test`` (unsplit pairs are evaluation
data). Other fields are kept in :attr:`LabeledPair.extra`.

Validation is two-layered: the built-in checks above always run; when a
``fixture.schema.json`` (JSON Schema) sits in the fixture file's directory or its
parent (as ``eval/fixture.schema.json`` does for ``eval/fixtures/*.jsonl``), each
record is also checked against it. Every problem raises
:class:`~claimbench.errors.InputError` naming the file, the line and the field.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..errors import InputError
from ..io import read_jsonl

LABELS = ("entailment", "neutral", "contradiction")
SPLITS = ("dev", "test")
SLICE_FIELDS = ("category", "source", "perturbation")
SCHEMA_FILE = "fixture.schema.json"
_OPTIONAL_TEXT = ("category", "source", "perturbation", "split", "doc_id")
_KNOWN = {"id", "premise", "hypothesis", "label", *_OPTIONAL_TEXT}


@dataclass(frozen=True)
class LabeledPair:
    """One labeled premise/hypothesis pair, with where it came from.

    >>> p = LabeledPair("a1", "Officials denied the report.", "The report is true.", "contradiction")
    >>> p.split, len(p.input_sha256)
    ('test', 64)
    """

    id: str
    premise: str
    hypothesis: str
    label: str
    category: str | None = None
    source: str | None = None
    perturbation: str | None = None
    split: str = "test"
    doc_id: str | None = None
    file: str | None = None
    line: int | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def input_sha256(self) -> str:
        """sha256 of the model input (premise and hypothesis): what caches key on."""
        return pair_sha256(self.premise, self.hypothesis)


def pair_sha256(premise: str, hypothesis: str) -> str:
    """sha256 of a pair, unambiguous about where the premise ends.

    >>> pair_sha256("a", "bc") != pair_sha256("ab", "c")
    True
    """
    return hashlib.sha256(json.dumps([premise, hypothesis], ensure_ascii=False).encode()).hexdigest()


def file_sha256(path: str) -> str:
    """sha256 of a file's bytes (for run manifests)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def find_schema(path: str) -> str | None:
    """The ``fixture.schema.json`` that governs a fixture file, if any (its dir or the parent)."""
    here = os.path.dirname(os.path.abspath(path))
    for directory in (here, os.path.dirname(here)):
        cand = os.path.join(directory, SCHEMA_FILE)
        if os.path.isfile(cand):
            return cand
    return None


@lru_cache(maxsize=8)
def _validator(schema_path: str, mtime: float):
    import jsonschema

    try:
        with open(schema_path, encoding="utf-8") as fh:
            schema = json.load(fh)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as exc:
        raise InputError(f"unusable JSON Schema: {str(exc).splitlines()[0]}", path=schema_path) from None
    return cls(schema)


def _schema_errors(schema_path: str, record: dict[str, Any], path: str, line: int) -> None:
    validator = _validator(schema_path, os.path.getmtime(schema_path))
    errors = sorted(validator.iter_errors(record), key=lambda e: (list(e.path), e.message))
    if errors:
        err = errors[0]
        where = ".".join(str(p) for p in err.path) or None
        if where is None and err.validator == "required":
            where = next((f for f in err.validator_value if f not in record), None)
        label = f"field {where!r}: " if where else ""
        raise InputError(f"{label}{err.message} (schema {os.path.basename(schema_path)})",
                         path=path, line=line, field=where)


def _check_text(row: dict[str, Any], name: str, path: str, line: int, *, required: bool) -> str | None:
    if name not in row or row[name] is None:
        if required:
            raise InputError(f"missing field {name!r}", path=path, line=line, field=name)
        return None
    value = row[name]
    if name == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise InputError(f"field {name!r} must be a string, got {type(value).__name__}",
                         path=path, line=line, field=name)
    if required and not value.strip():
        raise InputError(f"field {name!r} is empty", path=path, line=line, field=name)
    return value


def parse_record(row: dict[str, Any], *, path: str, line: int,
                 label_map: Mapping[str, str] | None = None,
                 schema: str | None = None) -> LabeledPair:
    """Validate one decoded fixture record and build its :class:`LabeledPair`."""
    row = {k: v for k, v in row.items() if k != "__line__"}
    if label_map and isinstance(row.get("label"), str) and row["label"] in label_map:
        row["label"] = label_map[row["label"]]
    if schema:
        _schema_errors(schema, row, path, line)
    values = {name: _check_text(row, name, path, line, required=True)
              for name in ("id", "premise", "hypothesis", "label")}
    if values["label"] not in LABELS:
        hint = " (map it with label_map in the suite)" if not label_map else ""
        raise InputError(f"field 'label': unknown label {values['label']!r}, expected one of "
                         f"{', '.join(LABELS)}{hint}", path=path, line=line, field="label")
    opt = {name: _check_text(row, name, path, line, required=False) for name in _OPTIONAL_TEXT}
    split = opt.pop("split") or "test"
    if split not in SPLITS:
        raise InputError(f"field 'split': unknown split {split!r}, expected dev or test",
                         path=path, line=line, field="split")
    extra = {k: v for k, v in row.items() if k not in _KNOWN}
    return LabeledPair(values["id"], values["premise"], values["hypothesis"], values["label"],
                       split=split, file=path, line=line, extra=extra, **opt)


def load_fixtures(paths: str | Sequence[str], *, splits: Iterable[str] | None = None,
                  label_map: Mapping[str, str] | None = None, schema: str | None = None
                  ) -> list[LabeledPair]:
    """Load and validate fixture files; ids must be unique across all of them.

    Parameters
    ----------
    paths : str or list of str
        JSON-lines fixture files.
    splits : iterable of str, optional
        Keep only these splits (``dev``, ``test``); default all.
    label_map : mapping, optional
        Renames fixture labels before validation (``{"REFUTES": "contradiction"}``).
    schema : str, optional
        JSON Schema file to validate against; default :func:`find_schema` per file.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "f.jsonl")
    >>> _ = open(p, "w").write('{"id": "x", "premise": "A.", "hypothesis": "B.", "label": "neutral"}\\n')
    >>> [(q.id, q.label, q.split) for q in load_fixtures(p)]
    [('x', 'neutral', 'test')]
    """
    if isinstance(paths, str):
        paths = [paths]
    keep = set(splits) if splits is not None else None
    if keep is not None and keep - set(SPLITS):
        raise InputError(f"unknown split(s) {sorted(keep - set(SPLITS))}, expected dev or test")
    pairs: list[LabeledPair] = []
    seen: dict[str, tuple[str, int]] = {}
    for path in paths:
        sch = schema if schema is not None else find_schema(path)
        for row in read_jsonl(path):
            line = row["__line__"]
            pair = parse_record(row, path=path, line=line, label_map=label_map, schema=sch)
            if pair.id in seen:
                f0, l0 = seen[pair.id]
                raise InputError(f"field 'id': duplicate id {pair.id!r} (first at {f0}:{l0})",
                                 path=path, line=line, field="id")
            seen[pair.id] = (path, line)
            if keep is None or pair.split in keep:
                pairs.append(pair)
    return pairs


def benchmark_pairs(ref: str, *, label_map: Mapping[str, str] | None = None, seed: int = 0,
                    data_dir: str | None = None) -> list[LabeledPair]:
    """Pairs of a public benchmark split ``name:split[:limit]`` as evaluation (test) pairs.

    Labels go through ``label_map``; a set whose labels still are not 3-way (RTE's
    ``not_entailment``) is refused, since contradiction metrics need three classes.
    """
    from ..models.benchmarks import load_benchmark, parse_dataset_ref

    name, split, limit = parse_dataset_ref(ref)
    ds = load_benchmark(name, split, data_dir=data_dir, limit=limit, seed=seed)
    out = []
    for i, row in enumerate(ds):
        label = (label_map or {}).get(row["label"], row["label"])
        if label not in LABELS:
            raise InputError(f"benchmark {ref!r} has label {label!r}; map it to entailment/neutral/"
                             f"contradiction with label_map, or use a 3-way set")
        out.append(LabeledPair(f"{name}:{split}:{i}", row["premise"], row["hypothesis"], label,
                               category=row.get("category"), source=name, split="test",
                               file=ref))
    return out
