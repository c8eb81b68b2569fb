"""Reading articles and gold annotations from disk, with one-line errors.

- A plain-text file is one document; its id is the file name without extension
  (the path, when two files share a name).
- A ``.jsonl`` file is a corpus: one ``{"id", "text"}`` object per line.
- A document longer than ``max_chars`` (default :data:`MAX_CHARS`) is refused with
  the file and line where the limit is passed; one that does not read like English
  is analysed, with a warning (the spaCy pipeline and the NLI models are English).
- A gold directory holds ``<doc_id>.json`` files valid under ``claims/gold.schema.json``
  and, optionally, ``corpus_pairs.json``; each document's text is
  ``<articles>/<doc_id>.txt`` and every gold span must slice it exactly.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Sequence
from typing import Any

from ..defaults import MAX_CHARS
from ..errors import InputError
from ..io import read_jsonl, read_text
from .nlp import mask_html
from .types import Document

GOLD_SCHEMA = "gold.schema.json"
# MAX_CHARS (claimbench.defaults) is spaCy's own default ``nlp.max_length``. Analysis
# time grows linearly with length (blocks are parsed one by one), so it bounds the run
# time of one document, far above news articles (rarely over 50,000 characters); 0 lifts it.
# Common English function words: they make up about a quarter of English prose and
# almost none of other languages (short ones shared with them, "a", "in", "on", left out).
_ENGLISH = frozenset("the of and to that is for it with said from are have has his not this but "
                     "they were be by at would which been will their who".split())
ENGLISH_MIN_SHARE = 0.08

logger = logging.getLogger(__name__)


def load_documents(paths: Sequence[str], *, max_chars: int = MAX_CHARS) -> list[Document]:
    """Documents from text files and JSON-lines corpora, ids unique, each at most
    ``max_chars`` characters (0: no limit).

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
                check_document(row["text"], max_chars=max_chars, path=path, line=line)
                docs.append(Document(doc_id, row["text"], meta={"path": path, "line": line}))
            continue
        text = read_text(path)
        doc_id = stem if stems.count(stem) == 1 else path
        if doc_id in seen:
            raise InputError(f"duplicate document id {doc_id!r} (also in {seen[doc_id]})", path=path)
        seen[doc_id] = path
        check_document(text, max_chars=max_chars, path=path)
        docs.append(Document(doc_id, text, meta={"path": path}))
    return docs


def check_document(text: str, *, max_chars: int = MAX_CHARS, path: str | None = None,
                   line: int | None = None, what: str = "the document") -> None:
    """Refuse a text over ``max_chars`` characters; warn when it does not look English.

    The error names ``line`` (a corpus record), or else the line of ``text`` where
    the limit is passed.

    >>> check_document("x" * 11, max_chars=10, path="a.txt")
    Traceback (most recent call last):
    ...
    claimbench.errors.InputError: a.txt:1: the document is 11 characters, over the limit of 10 (max_chars, --max-chars; 0 for no limit)
    """
    if max_chars and len(text) > max_chars:
        if line is None:
            line = text.count("\n", 0, max_chars) + 1
        raise InputError(f"{what} is {len(text):,} characters, over the limit of {max_chars:,} "
                         f"(max_chars, --max-chars; 0 for no limit)", path=path, line=line)
    share = english_share(text)
    if share is not None and share < ENGLISH_MIN_SHARE:
        where = f"{path}:{line}" if path and line else path or what
        logger.warning("%s does not look like English (%.0f%% common English words); claims, "
                       "denials and NLI labels are English-only and will be unreliable",
                       where, 100 * share)


def english_share(text: str) -> float | None:
    """Share of common English function words among the first 2,000 words of ``text``
    (None under 20 words: too short to tell).

    >>> round(english_share("The minister said that it was not true and that the report was false, "
    ...                     "but they would not say who had been told of it by the press."), 2)
    0.64
    >>> english_share("Министр заявил, что доклад ложный, и что никто не был об этом уведомлён "
    ...               "заранее, сообщило агентство в понедельник вечером после встречи.")
    0.0
    """
    # a run of ASCII letters is a word; any other letter counts alone (scripts without
    # spaces between words, such as Chinese, still give many "words")
    words = re.findall(r"[a-z]+|[^\W\d_]", mask_html(text[:20_000]).lower())[:2000]
    if len(words) < 20:
        return None
    return sum(w in _ENGLISH for w in words) / len(words)


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
