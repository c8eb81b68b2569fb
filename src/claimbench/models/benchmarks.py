"""Public NLI, stance and claim-evidence sets as ``(premise, hypothesis, label)`` datasets.

Each set is declared once in :data:`BENCHMARKS`: its hub id and split names (for
users online), the file that holds the same split in a local copy (as laid out
in ``shared/data``), and its label map. :func:`load_benchmark` reads whichever is
available through one code path: rows come out of ``datasets`` and are mapped by
the same :func:`_normalise`, so a hub copy and a local copy give the same records.

Add a set by adding a :class:`BenchmarkSpec` row. Labels outside the map are
dropped (e.g. SNLI's ``-1`` for "no gold label").
"""

from __future__ import annotations

import difflib
import json
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError

E, N, C = "entailment", "neutral", "contradiction"
NOT_E = "not_entailment"


@dataclass(frozen=True)
class BenchmarkSpec:
    name: str
    hub: str | None                       # "path" or "path:config"
    splits: dict[str, str]                # our split name -> hub split name
    local: dict[str, str]                 # our split name -> file under the data dir
    columns: tuple[str, str, str]         # premise, hypothesis, label column names
    label_map: dict[Any, str]
    reader: str = "auto"                  # how to read the local file (see _read_local)
    tokenized: bool = False               # text has spaces before punctuation ("it 's")
    license: str = ""
    trainable: bool = False               # may train the shipped model (shared/data/README)
    notes: str = ""
    local_columns: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # per split
    # Splits cut from another split by file row (before any label filtering):
    # name -> (base split, first row, end row or None).
    slices: dict[str, tuple[str, int, int | None]] = field(default_factory=dict)
    encoding: str = "utf-8"


# MNLI dev_matched and SNLI dev may train the model except their first rows, which are
# the validation slices (shared/data/README.md): select recipes and checkpoints there.
VALIDATION_ROWS = 2000
_VALIDATION_SLICES = {"validation": ("dev", 0, VALIDATION_ROWS), "dev_rest": ("dev", VALIDATION_ROWS, None)}


_ENC = {"entailment": E, "neutral": N, "contradiction": C}
BENCHMARKS: dict[str, BenchmarkSpec] = {s.name: s for s in [
    BenchmarkSpec("mnli", "nyu-mll/multi_nli", {"train": "train", "dev": "validation_matched"},
                  {"train": "nli/mnli/train_20k.tsv", "dev": "nli/mnli/dev_matched.csv"},
                  ("premise", "hypothesis", "label"),
                  {0: E, 1: N, 2: C, **_ENC}, tokenized=True, license="OANC / CC BY-SA 3.0 (mixed)",
                  trainable=True, notes="local train is a 20k subset; its text is tokenized",
                  local_columns={"train": ("sentence1", "sentence2", "label")}, slices=_VALIDATION_SLICES),
    BenchmarkSpec("snli", "stanfordnlp/snli", {"train": "train", "dev": "validation"},
                  {"train": "nli/snli/train_18k.tsv+nli/snli/extra_2k.tsv", "dev": "nli/snli/dev.tsv"},
                  ("premise", "hypothesis", "label"),
                  {0: E, 1: N, 2: C, **_ENC}, reader="snli", tokenized=True,
                  license="CC BY-SA 4.0", trainable=True, slices=_VALIDATION_SLICES),
    BenchmarkSpec("cad_snli", None, {}, {"train": "nli/cad_snli/train_all_combined.tsv",
                                         "dev": "nli/cad_snli/dev_all_combined.tsv"},
                  ("sentence1", "sentence2", "gold_label"), dict(_ENC), license="Apache-2.0",
                  trainable=True, notes="counterfactually revised SNLI (Kaushik et al. 2020)"),
    BenchmarkSpec("conjnli", None, {}, {"train": "nli/conjnli/adversarial_train_15k.tsv",
                                        "dev": "nli/conjnli/conj_dev.tsv"},
                  ("Premise", "Hypothesis", "Label"), dict(_ENC), encoding="utf-8-sig", license="MIT",
                  trainable=True, notes="conjunctions; train is weakly labelled, dev is human"),
    *[BenchmarkSpec(f"curriculum_{t}", None, {}, {"train": f"nli/curriculum_synthetic/{t}.zip",
                                                  "dev": f"nli/curriculum_synthetic/{t}.zip"},
                    ("premise", "hypothesis", "gold_label"), dict(_ENC), reader="curriculum",
                    license="MIT", trainable=True, notes="template data: augmentation and probes")
      for t in ("negation", "boolean", "quantifier", "conditional", "comparative")],
    BenchmarkSpec("fool_me_twice", None, {}, {"dev": "claims/fool_me_twice/dev.jsonl",
                                              "test": "claims/fool_me_twice/test.jsonl"},
                  ("evidence", "claim", "label"), {"SUPPORTS": E, "REFUTES": C}, reader="fool_me_twice",
                  license="Apache-2.0 (evidence CC BY-SA)", trainable=True,
                  notes="2-way; gold evidence sentences as premise"),
    BenchmarkSpec("fever_symmetric", None, {}, {"dev": "claims/fever_symmetric/fever_symmetric_dev.jsonl",
                                                "test": "claims/fever_symmetric/fever_symmetric_test.jsonl"},
                  ("evidence", "claim", "gold_label"), {"SUPPORTS": E, "REFUTES": C}, tokenized=True,
                  license="CC BY-SA 3.0", trainable=True, notes="2-way bias stress set (v0.2)"),
    BenchmarkSpec("covid_fact", None, {}, {"dev": "claims/covid_fact/rte_dev.tsv"},
                  ("sentence1", "Sentence2", "entailment"), {"entailment": E, "not_entailment": NOT_E},
                  license="unstated", notes="evaluation only; 2-way (RTE format)"),
    BenchmarkSpec("healthver", None, {}, {"dev": "claims/healthver/healthver_dev.csv",
                                          "test": "claims/healthver/healthver_test.csv"},
                  ("evidence", "claim", "label"), {"Supports": E, "Neutral": N, "Refutes": C},
                  license="unstated", notes="evaluation only"),
    BenchmarkSpec("rte", "nyu-mll/glue:rte", {"train": "train", "dev": "validation"},
                  {"train": "nli/rte/train.tsv", "dev": "nli/rte/dev.tsv"},
                  ("sentence1", "sentence2", "label"), {0: E, 1: NOT_E, "entailment": E,
                                                         "not_entailment": NOT_E},
                  license="GLUE terms", trainable=True, notes="2-way"),
    *[BenchmarkSpec(f"anli_r{r}", "facebook/anli", {"dev": f"dev_r{r}"},
                    {"dev": f"nli/anli/R{r}/dev.jsonl"}, ("premise", "hypothesis", "label"),
                    {0: E, 1: N, 2: C, "e": E, "n": N, "c": C}, license="CC BY-NC 4.0",
                    notes="evaluation only", local_columns={"dev": ("context", "hypothesis", "label")}) for r in (1, 2, 3)],
    *[BenchmarkSpec(f"negation_{k.lower()}", None, {}, {"test": f"nli/negation/{k}.txt"},
                    ("Text", "Hypothesis", "gold_label"),
                    {**_ENC, "not_entailment": NOT_E}, reader="negation", license="MIT",
                    notes="stress set (Hossain et al. 2020); evaluation only")
      for k in ("MNLI", "SNLI", "RTE")],
    BenchmarkSpec("breaking_nli", None, {}, {"test": "nli/breaking_nli/breaking_nli_dataset.zip"},
                  ("sentence1", "sentence2", "gold_label"), dict(_ENC), reader="breaking_nli",
                  license="CC BY-SA 4.0", notes="lexical stress set; evaluation only"),
    BenchmarkSpec("sick", None, {}, {"train": "nli/sick/SICK.txt", "dev": "nli/sick/SICK.txt",
                                     "test": "nli/sick/SICK.txt"},
                  ("sentence_A", "sentence_B", "entailment_label"),
                  {"ENTAILMENT": E, "NEUTRAL": N, "CONTRADICTION": C}, reader="sick",
                  license="unstated", notes="evaluation only"),
    BenchmarkSpec("commitment_bank", "aps/super_glue:cb", {"train": "train", "dev": "validation"},
                  {"train": "nli/commitment_bank/train.csv", "dev": "nli/commitment_bank/dev.csv"},
                  ("premise", "hypothesis", "label"), {0: E, 1: C, 2: N, **_ENC},
                  license="unstated", notes="evaluation only"),
    BenchmarkSpec("emergent", None, {}, {"train": "stance/emergent/url-versions-2015-06-14-clean-train.csv"},
                  ("articleHeadline", "claimHeadline", "articleHeadlineStance"),
                  {"for": E, "observing": N, "against": C}, license="MIT (repository)",
                  trainable=True, notes="article headline as premise, claim as hypothesis"),
    BenchmarkSpec("fnc1", None, {}, {"train": "stance/fnc1/FNC_Full_body_train.json.zip"},
                  ("body", "claim", "label"), {"agree": E, "discuss": N, "disagree": C},
                  reader="fnc1", license="unstated (Apache-2.0 repository)", trainable=True,
                  notes="related pairs only; article body as premise, headline as hypothesis"),
    BenchmarkSpec("climate_fever", "tdiggelm/climate_fever", {"test": "test"},
                  {"test": "claims/climate_fever/climate-fever.jsonl"},
                  ("evidence", "claim", "evidence_label"),
                  {"SUPPORTS": E, "NOT_ENOUGH_INFO": N, "REFUTES": C, 0: E, 1: C, 2: N},
                  reader="climate_fever", license="unstated", notes="evidence sentence as premise"),
    BenchmarkSpec("vitaminc", "tals/vitaminc", {"train": "train", "dev": "validation", "test": "test"},
                  {}, ("evidence", "claim", "label"),
                  {"SUPPORTS": E, "NOT ENOUGH INFO": N, "REFUTES": C}, license="CC BY-SA 3.0",
                  notes="hub only here"),
    BenchmarkSpec("fever_nli", "pietrolesci/nli_fever", {"train": "train", "dev": "dev"},
                  {}, ("premise", "hypothesis", "label"), {0: E, 1: N, 2: C},
                  license="CC BY-SA 3.0", notes="hub only here"),
]}


def default_data_dir() -> str | None:
    """``$CLAIMBENCH_DATA_DIR``, else ``../shared/data`` next to a source checkout, if present."""
    env = os.environ.get("CLAIMBENCH_DATA_DIR")
    if env:
        return env
    here = os.path.dirname(os.path.abspath(__file__))
    for cand in (os.path.join(os.getcwd(), "..", "shared", "data"),
                 os.path.join(here, "..", "..", "..", "..", "shared", "data")):
        if os.path.isdir(cand):
            return os.path.normpath(cand)
    return None


def get_spec(name: str) -> BenchmarkSpec:
    """The spec of a benchmark; unknown names get close-match suggestions."""
    if name in BENCHMARKS:
        return BENCHMARKS[name]
    close = difflib.get_close_matches(name, BENCHMARKS, n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise InputError(f"unknown benchmark {name!r}{hint}; known: {', '.join(BENCHMARKS)}")


_DETOK = [(re.compile(r"-LRB-"), "("), (re.compile(r"-RRB-"), ")"), (re.compile(r"-LSB-"), "["),
          (re.compile(r"-RSB-"), "]"), (re.compile(r" n't\b"), "n't"), (re.compile(r" (['’](s|re|ve|ll|d|m))\b", re.I), r"\1"),
          (re.compile(r" ([.,!?;:%)\]])"), r"\1"), (re.compile(r"([(\[$]) "), r"\1"),
          (re.compile(r"\s+"), " ")]


def detokenize(text: str) -> str:
    """Undo PTB-style tokenization ("it 's" -> "it's", "do n't" -> "don't", "end ." -> "end.").

    >>> detokenize("He said it 's fine , do n't worry .")
    "He said it's fine, don't worry."
    """
    for pat, rep in _DETOK:
        text = pat.sub(rep, text)
    return text.strip()


def _read_local(spec: BenchmarkSpec, split: str, data_dir: str):
    """Read a local copy into a ``datasets.Dataset`` with the spec's column names."""
    import datasets
    import pandas as pd

    paths = [os.path.join(data_dir, p) for p in spec.local[split].split("+")]
    for p in paths:
        if not os.path.exists(p):
            raise InputError(f"{spec.name}/{split}: local file not found", path=p)
    if spec.reader == "snli" and split == "train":
        frames = [pd.read_csv(p, sep="\t", header=None, names=["l1", "l2", "premise", "hypothesis"],
                              quoting=3, dtype=str) for p in paths]
        df = pd.concat(frames)
        df["label"] = df["l1"].map({"1": N, "2": C, "3": E})
        return datasets.Dataset.from_pandas(df[["premise", "hypothesis", "label"]], preserve_index=False)
    if spec.reader == "negation":
        enc = "cp1252" if not paths[0].endswith("SNLI.txt") else "utf-8"
        df = pd.read_csv(paths[0], sep="\t", encoding=enc, quoting=3, dtype=str)
        return datasets.Dataset.from_pandas(df, preserve_index=False)
    if spec.reader == "breaking_nli":
        with zipfile.ZipFile(paths[0]) as zf:
            name = next(n for n in zf.namelist() if n.endswith("dataset.jsonl"))
            rows = [json.loads(line) for line in zf.read(name).decode("utf-8").splitlines() if line.strip()]
        return datasets.Dataset.from_list([{k: r[k] for k in (*spec.columns, "category")} for r in rows])
    if spec.reader == "sick":
        df = pd.read_csv(paths[0], sep="\t", dtype=str, quoting=3)
        want = {"train": "TRAIN", "dev": "TRIAL", "test": "TEST"}[split]
        return datasets.Dataset.from_pandas(df[df["SemEval_set"] == want], preserve_index=False)
    if spec.reader == "fnc1":
        with zipfile.ZipFile(paths[0]) as zf:
            name = zf.namelist()[0]
            rows = [json.loads(line) for line in zf.read(name).decode("utf-8").splitlines() if line.strip()]
        return datasets.Dataset.from_list([{"body": r["body"], "claim": r["claim"], "label": r["label"]}
                                           for r in rows])
    if spec.reader == "curriculum":
        with zipfile.ZipFile(paths[0]) as zf:
            want = {"train": "train.jsonl", "dev": "val.jsonl"}[split]
            name = next(n for n in zf.namelist() if n.endswith("/" + want) and "__MACOSX" not in n)
            rows = [json.loads(line) for line in zf.read(name).decode("utf-8").splitlines() if line.strip()]
        return datasets.Dataset.from_list([{k: str(r[k]) for k in spec.columns} for r in rows])
    if spec.reader == "fool_me_twice":
        with open(paths[0], encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        return datasets.Dataset.from_list([{"evidence": " ".join(e["text"] for e in r["gold_evidence"]),
                                            "claim": r["text"], "label": r["label"]} for r in rows])
    if spec.reader == "climate_fever":
        rows = []
        with open(paths[0], encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    r = json.loads(line)
                    rows += [{"claim": r["claim"], "evidence": ev["evidence"],
                              "evidence_label": ev["evidence_label"]} for ev in r["evidences"]]
        return datasets.Dataset.from_list(rows)
    if paths[0].endswith(".jsonl"):
        return datasets.load_dataset("json", data_files=paths, split="train")
    sep = "\t" if paths[0].endswith((".tsv", ".txt")) else ","
    df = pd.concat([pd.read_csv(p, sep=sep, dtype=str, quoting=3 if sep == "\t" else 0,
                                keep_default_na=False, encoding=spec.encoding) for p in paths])
    return datasets.Dataset.from_pandas(df, preserve_index=False)


def _read_hub(spec: BenchmarkSpec, split: str, revision: str | None = None):
    import datasets

    path, _, config = spec.hub.partition(":")
    return datasets.load_dataset(path, config or None, split=spec.splits[split], revision=revision)


def _normalise(spec: BenchmarkSpec, ds, columns: tuple[str, str, str], *, detok: bool):
    p_col, h_col, l_col = columns
    fix: Callable[[str], str] = detokenize if (detok and spec.tokenized) else (lambda s: s)

    def convert(row):
        raw = row[l_col]
        key = raw.strip() if isinstance(raw, str) else raw
        label = spec.label_map.get(key)
        if label is None and isinstance(key, str) and key.lstrip("-").isdigit():
            label = spec.label_map.get(int(key))
        return {"premise": fix(str(row[p_col] or "")), "hypothesis": fix(str(row[h_col] or "")),
                "label": label or ""}

    keep = [c for c in ("category",) if c in ds.column_names]
    ds = ds.map(convert, remove_columns=[c for c in ds.column_names if c not in keep])
    return ds.filter(lambda r: r["label"] != "" and r["premise"] != "" and r["hypothesis"] != "")


def load_benchmark(name: str, split: str, *, data_dir: str | None = None, detok: bool = True,
                   limit: int | None = None, seed: int = 0, revision: str | None = None):
    """Load one split of a benchmark as a ``datasets.Dataset`` (premise, hypothesis, label).

    Reads the local copy under ``data_dir`` (default :func:`default_data_dir`) when it
    has that split, otherwise the hub. ``limit`` keeps a seeded random sample.

    >>> ds = load_benchmark("snli", "dev", limit=5)   # doctest: +SKIP
    >>> sorted(ds.column_names)                       # doctest: +SKIP
    ['hypothesis', 'label', 'premise']
    """
    spec = get_spec(name)
    data_dir = data_dir if data_dir is not None else default_data_dir()
    if split in spec.slices:
        base, start, end = spec.slices[split]
        raw, columns = _read_raw(spec, base, data_dir, revision)
        raw = raw.select(range(start, len(raw) if end is None else min(end, len(raw))))
    else:
        raw, columns = _read_raw(spec, split, data_dir, revision)
    ds = _normalise(spec, raw, columns, detok=detok)
    if limit is not None and limit < len(ds):
        ds = ds.shuffle(seed=seed).select(range(limit))
    return ds


def _read_raw(spec: BenchmarkSpec, split: str, data_dir: str | None, revision: str | None):
    """The split's rows as stored (local copy first, else the hub) and their column names."""
    name = spec.name
    if data_dir and split in spec.local and all(
            os.path.exists(os.path.join(data_dir, p)) for p in spec.local[split].split("+")):
        raw = _read_local(spec, split, data_dir)
        columns = spec.local_columns.get(split, spec.columns)
    elif spec.hub and split in spec.splits:
        raw = _read_hub(spec, split, revision)
        columns = spec.columns
    else:
        where = f"no local copy under {data_dir}" if data_dir else "no data directory"
        raise InputError(f"benchmark {name!r} split {split!r} is not available: {where}"
                         + ("" if spec.hub else " and it has no hub source"))
    return raw, columns


def parse_dataset_ref(ref: str) -> tuple[str, str, int | None]:
    """Parse ``name:split[:limit]`` (``mnli:train``, ``snli:dev:2000``).

    >>> parse_dataset_ref("mnli:train:500")
    ('mnli', 'train', 500)
    """
    parts = ref.split(":")
    if len(parts) not in (2, 3):
        raise InputError(f"dataset reference {ref!r} must look like name:split or name:split:limit")
    return parts[0], parts[1], int(parts[2]) if len(parts) == 3 else None
