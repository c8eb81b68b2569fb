"""Reading articles and gold annotations from disk, with one-line errors.

- A plain-text file is one document; its id is the file name without extension
  (the path, when two files share a name).
- A ``.jsonl`` file is a corpus: one ``{"id", "text"}`` object per line.
- A gold directory holds ``<doc_id>.json`` files valid under ``claims/gold.schema.json``
  and, optionally, ``corpus_pairs.json``; each document's text is
  ``<articles>/<doc_id>.txt`` and every gold span must slice it exactly.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

from ..errors import InputError
from ..io import read_jsonl, read_text
from .types import Document

GOLD_SCHEMA = "gold.schema.json"


def load_documents(paths: Sequence[str]) -> list[Document]:
    """Documents from text files and JSON-lines corpora, ids unique.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); p = os.path.join(d, "a.txt")
    >>> _ = open(p, "w").write("Officials said it rained.")
    >>> [(x.id, x.text) for x in load_documents([p])]
    [('a', 'Officials said it rained.')]
    """
    docs: list[Document] = []
    seen: dict[str, str] = {}
    stems = [os.path.splitext(os.path.basename(p))[0] for p in paths]
    for path, stem in zip(paths, stems):
        if path.endswith(".jsonl"):
            for row in read_jsonl(path, required=("text",)):
                line = row["__line__"]
                if "id" not in row or not isinstance(row["id"], (str, int)) or isinstance(row["id"], bool):
                    raise InputError("missing or invalid field 'id' (a string or integer)", path=path,
                                     line=line, field="id")
                doc_id = str(row["id"])
                if doc_id in seen:
                    raise InputError(f"duplicate document id {doc_id!r} (also in {seen[doc_id]})",
                                     path=path, line=line, field="id")
                seen[doc_id] = f"{path}:{line}"
                docs.append(Document(doc_id, row["text"], meta={"path": path, "line": line}))
            continue
        text = read_text(path)
        doc_id = stem if stems.count(stem) == 1 else path
        if doc_id in seen:
            raise InputError(f"duplicate document id {doc_id!r} (also in {seen[doc_id]})", path=path)
        seen[doc_id] = path
        docs.append(Document(doc_id, text, meta={"path": path}))
    return docs


def load_gold(gold_dir: str, articles_dir: str) -> tuple[list[dict[str, Any]], list[Document],
                                                           list[dict[str, Any]]]:
    """Gold annotations, their articles and the cross-document pairs of a gold directory."""
    import jsonschema

    if not os.path.isdir(gold_dir):
        raise InputError("no such gold directory", path=gold_dir)
    schema_path = os.path.join(os.path.dirname(os.path.abspath(gold_dir)), GOLD_SCHEMA)
    schema = json.loads(read_text(schema_path)) if os.path.exists(schema_path) else None
    golds, docs = [], []
    for name in sorted(os.listdir(gold_dir)):
        if not name.endswith(".json") or name == "corpus_pairs.json":
            continue
        path = os.path.join(gold_dir, name)
        gold = _load_json(path)
        if schema is not None:
            err = next(iter(jsonschema.Draft202012Validator(schema).iter_errors(gold)), None)
            if err is not None:
                where = "/".join(str(x) for x in err.absolute_path) or "(root)"
                raise InputError(f"not valid under {GOLD_SCHEMA} at {where}: {err.message}", path=path)
        article = os.path.join(articles_dir, gold["doc_id"] + ".txt")
        text = read_text(article)
        for kind in ("claims", "denials"):
            for rec in gold[kind]:
                if text[rec["start"]:rec["end"]] != rec["text"]:
                    raise InputError(f"{kind} {rec['id']}: offsets {rec['start']}:{rec['end']} do not "
                                     f"slice {article} to its text", path=path)
        golds.append(gold)
        docs.append(Document(gold["doc_id"], text, meta={"path": article}))
    if not golds:
        raise InputError("no gold annotation files (*.json)", path=gold_dir)
    pairs_path = os.path.join(gold_dir, "corpus_pairs.json")
    corpus_pairs = _load_json(pairs_path) if os.path.exists(pairs_path) else []
    if not isinstance(corpus_pairs, list):
        raise InputError("expected a JSON list of pairs", path=pairs_path)
    return golds, docs, corpus_pairs


def _load_json(path: str) -> Any:
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON ({exc.msg}, column {exc.colno})", path=path, line=exc.lineno) from None
