"""Hostile inputs through the real command line: one matrix of input x command (issue 7).

Every command that reads user files gets each hostile input: ``analyze`` on a text
file and on a ``.jsonl`` corpus, ``score``, ``verify --batch``, ``verify --document``,
and ``eval`` on a fixture file and on a suite. Each cell of :data:`MATRIX` is either

- ``Err(pattern, line)``: exit status 2, exactly one line on stderr,
  ``claimbench: error: FILE:LINE: ...`` (``FILE: ...`` when the problem is the whole
  file), no traceback, and nothing left behind (no ``--out`` file; for ``eval`` no
  results store); or
- ``Ok(check)``: exit status 0 and the output README "Input handling" documents.

Rejected inputs run in this process through ``claimbench.cli.main(argv)``, one call
each (the fast tier); they stop before any model loads. Accepted
inputs are bundled per command (one process per command, module fixtures): all the
accepted text files go to one ``analyze`` call, and the accepted records of the
JSON-lines commands to one file each, written with a BOM and CRLF line ends, so every
bundle also exercises those. Each cell then checks its own document or record. Big
inputs are generated at run time.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from analysis_checks import check_offsets
from clirun import run_cli, run_cli_inprocess

CLAIM = "The port authority allowed the shipments through."
ARTICLE = ("Customs investigators said on Tuesday that untaxed cigarettes had passed through the "
           "port of Grenvik.\nThe port authority denied that it had allowed the shipments through.\n")
HTML = ("<!doctype html><html><head><title>Port</title><script>var said = 'the port denied it';"
        "</script></head><body><p>Customs investigators said the port had let <b>untaxed</b> "
        "cigarettes through.</p><p>The port authority denied that it had allowed the shipments "
        "&amp; the cargo through.</p></body></html>")
FOREIGN = ("Министр обороны заявил во вторник, что доклад о поставках оружия является ложным. "
           "Представитель министерства отрицал, что страна продавала беспилотники повстанцам. "
           "Агентство сообщило об этом вечером после встречи в столице.")
LONG_SENTENCE = ("The council said that " + ", ".join(
    f"road {i} in the northern district will close for repairs" for i in range(60)) + ".")
# ~700 tokens (> 512, the model's limit) in ~3,300 characters: one block, one sentence
NO_DENIAL = "The ferry sank near the harbour on Sunday, police said.\n"
# raw in JSON strings (claimbench writes JSON lines with ensure_ascii=False); str.splitlines
# would cut a line there
SEPARATORS = "The port closed on Monday,\u2028officials said.\x85The ferry sank."
FIFTY_MB = 50 * 1024 * 1024
LIMIT = 1_000_000          # the default --max-chars


# --------------------------------------------------------------------------- the cells
@dataclass(frozen=True)
class Err:
    """Rejected: one stderr line naming the file (and ``line``, when not None)."""

    pattern: str
    line: int | None


@dataclass(frozen=True)
class Ok:
    """Accepted: ``check_<name>(result, case)`` below passes on the command's output."""

    name: str


def record(command: str, i: int, **fields) -> dict[str, Any]:
    """A valid record of ``command``'s JSON-lines input, with ``fields`` overridden."""
    base = {"analyze.jsonl": {"id": f"doc{i}", "text": ARTICLE},
            "score": {"id": f"p{i}", "premise": ARTICLE, "hypothesis": CLAIM},
            "verify --batch": {"id": f"v{i}", "claim": CLAIM, "document": ARTICLE},
            "eval fixtures": {"id": f"f{i}", "premise": ARTICLE, "hypothesis": CLAIM,
                              "label": "contradiction"}}[command]
    return {**base, **fields}


REQUIRED = {"analyze.jsonl": "text", "score": "hypothesis", "verify --batch": "document",
            "eval fixtures": "label"}
JSONL = tuple(REQUIRED)
SUITE_HEAD = 'name = "hostile"\n'


def jsonl(*rows: dict | str) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows)


def good_then(command: str, second: dict | str) -> str:
    """A good record on line 1, ``second`` on line 2."""
    return jsonl(record(command, 1), second)


def without(command: str, field: str) -> dict:
    r = record(command, 2)
    del r[field]
    return r


# Hostile file contents: a builder per command, bytes or text written as is.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
UTF16 = ARTICLE.encode("utf-16-le")          # valid UTF-8, every other byte NUL


def bad_utf8_on_line_3(command: str) -> bytes:
    if command in ("analyze.txt", "verify --document"):
        return ARTICLE.encode() + b"He said caf\xe9.\n"
    if command == "eval suite":
        return SUITE_HEAD.encode() + b"# comment\nfixtures = [\"caf\xe9.jsonl\"]\n"
    return jsonl(record(command, 1), record(command, 2)).encode() + b'{"id": "caf\xe9"}\n'


NO_RECORDS = Err(r"no records \(the file is empty\)", None)
NO_SUITE = Err(r"the suite names no fixtures and no benchmarks", None)
BINARY = Err(r"invalid UTF-8 \(byte 0x89 at offset 0\)", 1)
NUL = Err(r"binary data, not UTF-8 text \(NUL byte at offset 1\)", 1)
TOO_LONG = Err(rf"the document is {FIFTY_MB:,} characters, over the limit of {LIMIT:,} "
               r"\(max_chars, --max-chars; 0 for no limit\)", None)     # line: where LIMIT is passed

# hostile input: (its file content for a command, {command: expected}). Content None: the
# accepted cells' inputs are in the bundles below, the 50 MB article in its fixture.
MATRIX: dict[str, tuple[Callable[[str], Any] | None, dict[str, Err | Ok]]] = {
    "empty file": (lambda c: b"", {
        "analyze.txt": Ok("empty_document"), "verify --document": Ok("no_evidence"),
        **{c: NO_RECORDS for c in JSONL}, "eval suite": NO_SUITE}),
    "whitespace only": (lambda c: b" \n\t\r\n   \n", {
        "analyze.txt": Ok("empty_document"), "verify --document": Ok("no_evidence"),
        **{c: NO_RECORDS for c in JSONL}, "eval suite": NO_SUITE}),
    "binary data": (lambda c: PNG, {c: BINARY for c in (
        "analyze.txt", "verify --document", *JSONL)} | {"eval suite": Err(r"invalid UTF-8", 1)}),
    "UTF-16 text (NUL bytes)": (lambda c: UTF16, {c: NUL for c in (
        "analyze.txt", "verify --document", *JSONL)} | {"eval suite": Err(r"invalid TOML", 1)}),
    "invalid UTF-8 on line 3": (bad_utf8_on_line_3, {c: Err(r"invalid UTF-8", 3) for c in (
        "analyze.txt", "verify --document", *JSONL, "eval suite")}),
    "BOM + CRLF": (None, {c: Ok("bom_crlf") for c in (
        "analyze.txt", "verify --document", *JSONL, "eval suite")}),
    "broken JSON line": (lambda c: SUITE_HEAD + "fixtures = [\n" if c == "eval suite"
                         else good_then(c, '{"id": "x", "premise": '), {
        **{c: Err(r"invalid JSON \(", 2) for c in JSONL}, "eval suite": Err(r"invalid TOML", 2)}),
    "missing field": (lambda c: good_then(c, without(c, REQUIRED[c])), {
        c: Err(rf"missing field '{REQUIRED[c]}'", 2) for c in JSONL}),
    "missing id (corpus)": (lambda c: good_then(c, without(c, "id")), {
        "analyze.jsonl": Err(r"missing or invalid field 'id'", 2)}),
    "field of the wrong type": (lambda c: good_then(c, record(c, 2, **{REQUIRED[c]: 5})), {
        c: Err(rf"field '{REQUIRED[c]}' must be a string, got int", 2) for c in JSONL}),
    "extra fields": (lambda c: SUITE_HEAD + 'fixtures = ["f.jsonl"]\nowner = "desk"\n', {
        "analyze.jsonl": Ok("extra_fields"), "score": Ok("extra_fields"),
        "verify --batch": Ok("extra_fields"), "eval fixtures": Ok("extra_fields"),
        "eval suite": Err(r"unknown key 'owner'; known keys: ", 3)}),
    "unknown label value": (lambda c: SUITE_HEAD + 'fixtures = ["f.jsonl"]\nlabel_map = {REFUTES = '
                            '"refuted"}\n' if c == "eval suite"
                            else good_then(c, record(c, 2, label="REFUTES")), {
        "eval fixtures": Err(r"field 'label': unknown label 'REFUTES', expected one of entailment, "
                             r"neutral, contradiction", 2),
        "eval suite": Err(r"label_map maps to \['refuted'\]", 3),
        "score": Ok("label_kept_as_input_label")}),
    "fields clashing with the output": (lambda c: good_then(c, record(c, 2, label="x", input_label="y")), {
        "score": Err(r"fields 'label' and 'input_label' are both taken", 2)}),
    "duplicate ids": (lambda c: good_then(c, record(c, 1)), {
        "analyze.jsonl": Err(r"duplicate document id 'doc1'", 2),
        "eval fixtures": Err(r"field 'id': duplicate id 'f1' \(first at ", 2),
        "score": Ok("duplicate_ids_kept"), "verify --batch": Ok("duplicate_ids_kept")}),
    "zero pairs": (lambda c: SUITE_HEAD + 'fixtures = ["f.jsonl"]\nsplits = ["dev"]\n', {
        "analyze.txt": Ok("no_pairs"),
        "eval suite": Err(r"suite 'hostile' has no pairs in splits \['dev'\]", None)}),
    "suite naming a missing fixture": (lambda c: SUITE_HEAD + 'fixtures = ["f.jsonl", "gone.jsonl"]\n', {
        "eval suite": Err(r"fixtures: 'gone.jsonl' not found", 2)}),
    "50 MB article": (None, {
        "analyze.txt": TOO_LONG, "verify --document": TOO_LONG,
        "analyze.jsonl": Err(TOO_LONG.pattern, 1),
        "verify --batch": Err(TOO_LONG.pattern.replace("the document", "field 'document'"), 1),
        "score": Ok("fifty_mb_premise")}),
    "2,000-sentence article": (None, {"analyze.txt": Ok("many_sentences")}),
    "sentence over the token limit": (None, {
        c: Ok("long_sentence") for c in ("analyze.txt", "score", "verify --batch", "eval fixtures")}),
    "HTML instead of text": (None, {
        c: Ok("html") for c in ("analyze.txt", "score", "verify --batch", "eval fixtures")}),
    "U+2028 / U+0085 inside JSON strings": (None, {
        c: Ok("line_separators") for c in ("analyze.jsonl", "score", "verify --batch", "eval fixtures")}),
    "non-English text": (None, {
        c: Ok("foreign") for c in ("analyze.txt", "analyze.jsonl", "score", "verify --batch",
                                   "eval fixtures")}),
}

COMMANDS = ("analyze.txt", "analyze.jsonl", "score", "verify --batch", "verify --document",
            "eval fixtures", "eval suite")


def cells(kind: type) -> list:
    return [pytest.param(case, cmd, cell, id=f"{case} | {cmd}")
            for case, (_, row) in MATRIX.items() for cmd, cell in row.items() if isinstance(cell, kind)]


# --------------------------------------------------------------------------- running a command
def argv(command: str, path: str, out: str) -> list[str]:
    """The command line for ``command`` reading ``path``; ``out`` is its output (eval: the store)."""
    if command.startswith("analyze"):
        return ["analyze", path, "--no-model", "--out", out]
    if command == "score":
        return ["score", path, "--out", out]
    if command == "verify --batch":
        return ["verify", "--batch", path, "--out", out]
    if command == "verify --document":
        return ["verify", "--claim", CLAIM, "--document", path, "--out", out]
    return ["eval", path, "--store", out, "--bootstrap", "0", "--format", "json"]


def input_name(command: str) -> str:
    return {"analyze.txt": "article.txt", "verify --document": "article.txt",
            "analyze.jsonl": "corpus.jsonl", "score": "pairs.jsonl", "verify --batch": "batch.jsonl",
            "eval fixtures": "fixtures.jsonl", "eval suite": "suite.toml"}[command]


def write(path, content: str | bytes) -> str:
    with open(path, "wb") as fh:
        fh.write(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


def assert_rejected(proc, path: str, out: str, expected: Err) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.rstrip("\n").split("\n")
    assert len(lines) == 1, proc.stderr
    where = re.escape(os.path.basename(path)) + (f":{expected.line}" if expected.line else "")
    assert re.match(rf"claimbench: error: \S*{where}: {expected.pattern}", lines[0]), lines[0]
    assert not os.path.exists(out), "a failed run left its output behind"
    assert proc.stdout == ""


@pytest.fixture(scope="module")
def fifty_mb(tmp_path_factory):
    """The 50 MB article as a text file, a corpus line and a verify batch line."""
    d = tmp_path_factory.mktemp("big")
    text = (ARTICLE * (FIFTY_MB // len(ARTICLE) + 1))[:FIFTY_MB]
    return {"text": text,
            "analyze.txt": write(d / "article.txt", text),
            "verify --document": str(d / "article.txt"),
            "analyze.jsonl": write(d / "corpus.jsonl", jsonl({"id": "big", "text": text})),
            "verify --batch": write(d / "batch.jsonl", jsonl(record("verify --batch", 1, document=text)))}


@pytest.mark.parametrize("case, command, expected", cells(Err))
def test_rejected(case, command, expected, tmp_path, request):
    build = MATRIX[case][0]
    if build is None:                              # the 50 MB article, written once per module
        big = request.getfixturevalue("fifty_mb")
        path = big[command]
        line = big["text"].count("\n", 0, LIMIT) + 1 if expected.line is None else expected.line
        expected = Err(expected.pattern, line)
    else:
        path = write(tmp_path / input_name(command), build(command))
        if command == "eval suite":                # the fixture the suite files name
            write(tmp_path / "f.jsonl", jsonl(record("eval fixtures", 1)))
    out = str(tmp_path / ("runs.db" if command.startswith("eval") else "out.json"))
    assert_rejected(run_cli_inprocess(*argv(command, path, out)), path, out, expected)


# --------------------------------------------------------------------------- accepted inputs
def bom_crlf(text: str) -> bytes:
    return ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")


@dataclass
class Bundle:
    """One run of a command over all its accepted cells."""

    proc: Any
    output: Any
    inputs: dict[str, Any]        # what the cells fed in (texts, records, file names)


def read_lines(path) -> list[dict]:
    """JSON lines as written (split at "\n" only: raw U+2028 may sit inside strings)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


def run_ok(*args: str):
    proc = run_cli(*args)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    return proc


@pytest.fixture(scope="module")
def analyze_bundle(tmp_path_factory):
    """``analyze`` over one text file per accepted case, plus a corpus with a BOM and CRLF."""
    d = tmp_path_factory.mktemp("analyze")
    texts = {"empty file": b"", "whitespace only": b" \n\t\r\n   \n", "BOM + CRLF": bom_crlf(ARTICLE),
             "zero pairs": NO_DENIAL, "sentence over the token limit": LONG_SENTENCE + "\n",
             "HTML instead of text": HTML, "non-English text": FOREIGN}
    names = {case: f"t{i}" for i, case in enumerate(texts)}
    files = [write(d / f"{names[c]}.txt", t) for c, t in texts.items()]
    corpus = [{"id": "c1", "text": ARTICLE, "source": "wire", "tags": ["a", "b"]},
              {"id": 2, "text": NO_DENIAL, "extra": None},
              {"id": "c3", "text": FOREIGN},
              {"id": "c4", "text": SEPARATORS}]
    files.append(write(d / "corpus.jsonl", bom_crlf(jsonl(*corpus))))
    out = d / "out.json"
    proc = run_ok("analyze", *files, "--no-model", "--out", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    docs = {doc["id"]: doc for doc in data["documents"]}
    raw = {c: (t.decode("utf-8-sig") if isinstance(t, bytes) else t) for c, t in texts.items()}
    return Bundle(proc, data, {"docs": docs, "names": names, "texts": raw, "corpus": corpus,
                               "files": files})


@pytest.fixture(scope="module")
def many_sentences(tmp_path_factory):
    """2,000 sentences (no denials, so no pairing) through ``analyze``."""
    return _big_article(tmp_path_factory, 2000, denials=False)


def news_sentences(n: int, *, denials: bool) -> str:
    templates = ("Officials in district {i} said the bridge would close on Monday.",
                 "The port handled {i} containers last year.",
                 "Residents of block {i} complained about the noise, according to the mayor.",
                 "The new terminal {i} opens in June.")
    out = []
    for i in range(n):
        if denials and i % 100 == 99:
            out.append(f"The company denied that it had sold {i} drones to the rebels.")
        else:
            out.append(templates[i % 4].format(i=i))
        out.append("\n\n" if i % 8 == 7 else " ")
    return "".join(out)


def _big_article(tmp_path_factory, n: int, *, denials: bool, model: bool = False):
    d = tmp_path_factory.mktemp(f"sentences{n}")
    text = news_sentences(n, denials=denials)
    path = write(d / "long.txt", text)
    out = d / "out.json"
    proc = run_ok("analyze", path, "--out", str(out), *([] if model else ["--no-model"]))
    return Bundle(proc, json.loads(out.read_text()), {"text": text, "n": n})


@pytest.fixture(scope="module")
def score_bundle(tmp_path_factory):
    """``score`` over one BOM + CRLF file holding every accepted record (50 MB premise included)."""
    d = tmp_path_factory.mktemp("score")
    huge = (ARTICLE * (FIFTY_MB // len(ARTICLE) + 1))[:FIFTY_MB]
    rows = {"BOM + CRLF": [record("score", 1)],
            "extra fields": [record("score", 2, note="kept", meta={"by": "desk"})],
            "unknown label value": [record("score", 3, label="REFUTES")],
            "duplicate ids": [record("score", 4), record("score", 4, hypothesis="The port is closed.")],
            "50 MB article": [record("score", 5, premise=huge)],
            "sentence over the token limit": [record("score", 6, premise=LONG_SENTENCE)],
            "HTML instead of text": [record("score", 7, premise=HTML)],
            "non-English text": [record("score", 8, premise=FOREIGN, hypothesis="Министр солгал.")],
            "U+2028 / U+0085 inside JSON strings": [record("score", 9, premise=SEPARATORS)]}
    flat = [r for rs in rows.values() for r in rs]
    path = write(d / "pairs.jsonl", bom_crlf(jsonl(*flat)))
    out = d / "out.jsonl"
    proc = run_ok("score", path, "--out", str(out))
    got = read_lines(out)
    return Bundle(proc, got, {"rows": rows, "flat": flat})


@pytest.fixture(scope="module")
def verify_bundle(tmp_path_factory):
    """``verify --batch`` over one BOM + CRLF file holding every accepted record."""
    d = tmp_path_factory.mktemp("verify")
    rows = {"BOM + CRLF": [record("verify --batch", 1)],
            "extra fields": [record("verify --batch", 2, desk="europe", priority=3)],
            "duplicate ids": [record("verify --batch", 3), record("verify --batch", 3, document=NO_DENIAL)],
            "sentence over the token limit": [record("verify --batch", 4, document=LONG_SENTENCE,
                                                     claim="Road 7 will close for repairs.")],
            "HTML instead of text": [record("verify --batch", 5, document=HTML)],
            "non-English text": [record("verify --batch", 6, document=FOREIGN)],
            "U+2028 / U+0085 inside JSON strings": [record("verify --batch", 7, document=SEPARATORS,
                                                           claim="The ferry sank.")]}
    flat = [r for rs in rows.values() for r in rs]
    path = write(d / "batch.jsonl", bom_crlf(jsonl(*flat)))
    out = d / "out.jsonl"
    proc = run_ok("verify", "--batch", path, "--out", str(out))
    got = read_lines(out)
    return Bundle(proc, got, {"rows": rows, "flat": flat, "path": path})


@pytest.fixture(scope="module")
def eval_bundle(tmp_path_factory):
    """``eval`` of a BOM + CRLF suite naming a BOM + CRLF fixture file of every accepted record."""
    from claimbench.eval.store import Store

    d = tmp_path_factory.mktemp("eval")
    rows = {"BOM + CRLF": [record("eval fixtures", 1), record("eval fixtures", 2, label="neutral",
                                                              hypothesis="The ferry sank.")],
            "extra fields": [record("eval fixtures", 3, reviewer="desk", notes={"hard": True})],
            "sentence over the token limit": [record("eval fixtures", 4, premise=LONG_SENTENCE,
                                                     hypothesis="Road 7 will close.", label="entailment")],
            "HTML instead of text": [record("eval fixtures", 5, premise=HTML)],
            "non-English text": [record("eval fixtures", 6, premise=FOREIGN,
                                        hypothesis="Министр солгал.", label="neutral")],
            "U+2028 / U+0085 inside JSON strings": [record("eval fixtures", 7, premise=SEPARATORS)]}
    flat = [r for rs in rows.values() for r in rs]
    write(d / "f.jsonl", bom_crlf(jsonl(*flat)))
    suite = write(d / "suite.toml", bom_crlf(SUITE_HEAD + 'fixtures = ["f.jsonl"]\n'))
    store = str(d / "runs.db")
    proc = run_ok("eval", suite, "--store", store, "--bootstrap", "0", "--format", "json")
    runs = json.loads(proc.stdout)
    with Store(store, create=False) as db:
        run = db.get_run(runs[0]["run_id"])
        preds = db.prediction_rows(run["id"])
    return Bundle(proc, {"runs": runs, "run": run, "preds": preds}, {"rows": rows, "flat": flat})


def verify_document(tmp_path, content: bytes | str) -> tuple[Any, dict, str]:
    path = write(tmp_path / "article.txt", content)
    out = tmp_path / "out.json"
    proc = run_ok("verify", "--claim", CLAIM, "--document", path, "--out", str(out))
    return proc, json.loads(out.read_text(encoding="utf-8")), path


BUNDLES = {"analyze.txt": "analyze_bundle", "analyze.jsonl": "analyze_bundle", "score": "score_bundle",
           "verify --batch": "verify_bundle", "eval fixtures": "eval_bundle", "eval suite": "eval_bundle"}


@dataclass
class Case:
    name: str
    command: str
    tmp_path: Any


@pytest.mark.integration                 # one real process per command and bundle
@pytest.mark.parametrize("case, command, expected", cells(Ok))
def test_accepted(case, command, expected, tmp_path, request):
    if case == "2,000-sentence article":
        result = request.getfixturevalue("many_sentences")
    elif command == "verify --document":
        result = None                      # one run per document: the check makes it
    else:
        result = request.getfixturevalue(BUNDLES[command])
    globals()[f"check_{expected.name}"](result, Case(case, command, tmp_path))


# --------------------------------------------------------------------------- the checks
def _probs_ok(probs: dict) -> None:
    assert set(probs) == {"entailment", "neutral", "contradiction"}
    assert abs(sum(probs.values()) - 1) < 1e-5 and all(0 <= v <= 1 for v in probs.values())


def _doc(result: Bundle, case: str) -> tuple[dict, str]:
    return result.inputs["docs"][result.inputs["names"][case]], result.inputs["texts"][case]


def _ids(result: Bundle, case: str) -> list:
    return [r["id"] for r in result.inputs["rows"][case]]


def _out_rows(result: Bundle, case: str) -> list[dict]:
    """The output rows of ``case``'s records, found by position (output keeps input order)."""
    flat = result.inputs["flat"]
    assert [r.get("id") for r in result.output] == [r["id"] for r in flat]
    start = next(i for i, r in enumerate(flat) if r is result.inputs["rows"][case][0])
    return result.output[start:start + len(result.inputs["rows"][case])]


def _pred_rows(result: Bundle, case: str) -> list[dict]:
    by_id = {p["pair_id"]: p for p in result.output["preds"]}
    return [by_id[i] for i in _ids(result, case)]


def check_empty_document(result: Bundle, case: Case) -> None:
    doc, _ = _doc(result, case.name)
    assert doc["sentences"] == [] and doc["claims"] == [] and doc["denials"] == [] and doc["pairs"] == []


def check_no_evidence(_, case: Case) -> None:
    content = MATRIX[case.name][0](case.command)
    _, verdict, _ = verify_document(case.tmp_path, content)
    assert (verdict["label"], verdict["stance"], verdict["chunks"], verdict["evidence"]) == \
        ("neutral", "unrelated", 0, [])
    _probs_ok(verdict["probs"])


def check_bom_crlf(result: Bundle, case: Case) -> None:
    c = case.command
    if c == "analyze.txt":
        doc, text = _doc(result, case.name)
        assert not text.startswith("\ufeff") and "\r\n" in text
        check_offsets(doc, text)
        assert all("\r" not in s["text"] for s in doc["sentences"])
        assert [d["denier"] for d in doc["denials"]] == ["The port authority"]
        assert any("untaxed cigarettes" in cl["text"] for cl in doc["claims"])
    elif c == "analyze.jsonl":
        docs = result.inputs["docs"]
        assert {"c1", "2", "c3", "c4"} <= set(docs)
        check_offsets(docs["c1"], ARTICLE)
        assert [d["denier"] for d in docs["c1"]["denials"]] == ["The port authority"]
    elif c == "verify --document":
        proc, verdict, _ = verify_document(case.tmp_path, bom_crlf(ARTICLE))
        text = ARTICLE.replace("\n", "\r\n")            # offsets index the text without its BOM
        assert verdict["evidence"]
        for e in verdict["evidence"]:
            assert text[e["start"]:e["end"]] == e["text"]
        assert verdict["stance"] == "denies" and verdict["denials"]
    elif c in ("score", "verify --batch"):
        out = _out_rows(result, case.name)
        assert [r["id"] for r in out] == _ids(result, case.name)     # the BOM did not eat the first key
        for r in result.output:
            _probs_ok(r["probs"])
    else:                                                        # eval: the suite and its fixture
        assert [r["status"] for r in result.output["runs"]] == ["finished"]
        assert result.output["runs"][0]["suite"] == "hostile"
        assert [p["pair_id"] for p in result.output["preds"]] == [r["id"] for r in result.inputs["flat"]]
        assert all(p["p_entailment"] is not None for p in result.output["preds"])


def check_extra_fields(result: Bundle, case: Case) -> None:
    c = case.command
    if c == "analyze.jsonl":                  # ignored; integer ids become strings
        docs = result.inputs["docs"]
        assert docs["2"]["claims"] and "source" not in docs["c1"] and "tags" not in docs["c1"]
    elif c == "score":                        # passed through untouched
        (row,) = _out_rows(result, case.name)
        assert row["note"] == "kept" and row["meta"] == {"by": "desk"}
    elif c == "verify --batch":               # the output is the id and the verdict
        (row,) = _out_rows(result, case.name)
        assert row["id"] == "v2" and "desk" not in row and "priority" not in row
        _probs_ok(row["probs"])
    else:                                     # eval: kept with the pair, scored like any other
        (p,) = _pred_rows(result, case.name)
        assert p["p_entailment"] is not None


def check_label_kept_as_input_label(result: Bundle, case: Case) -> None:
    (row,) = _out_rows(result, case.name)     # score predicts; the input's label is kept aside
    assert row["input_label"] == "REFUTES"
    assert row["label"] in {"entailment", "neutral", "contradiction"}


def check_duplicate_ids_kept(result: Bundle, case: Case) -> None:
    rows = _out_rows(result, case.name)       # one output row per input row, in input order
    assert len(rows) == 2 and rows[0]["id"] == rows[1]["id"]
    if case.command == "score":
        assert [r["hypothesis"] for r in rows] == [CLAIM, "The port is closed."]
    else:
        assert rows[0]["stance"] == "denies"      # each scored against its own document
        assert rows[1]["evidence"][0]["text"] == NO_DENIAL.strip()


def check_no_pairs(result: Bundle, case: Case) -> None:
    doc, text = _doc(result, case.name)
    check_offsets(doc, text)
    assert doc["claims"] and doc["denials"] == [] and doc["pairs"] == []


def check_fifty_mb_premise(result: Bundle, case: Case) -> None:
    (row,) = _out_rows(result, case.name)     # scored on the first 512 tokens, flagged
    assert row["truncated"] is True and len(row["premise"]) == FIFTY_MB
    _probs_ok(row["probs"])


def check_many_sentences(result: Bundle, case: Case) -> None:
    (doc,) = result.output["documents"]
    text = result.inputs["text"]
    assert len(doc["sentences"]) == result.inputs["n"]
    assert len(doc["claims"]) >= result.inputs["n"] * 0.9
    check_offsets(doc, text)


def check_long_sentence(result: Bundle, case: Case) -> None:
    c = case.command
    if c == "analyze.txt":
        doc, text = _doc(result, case.name)
        check_offsets(doc, text)
        assert len(doc["sentences"]) == 1 and doc["claims"]
    elif c == "score":
        (row,) = _out_rows(result, case.name)
        assert row["truncated"] is True
        _probs_ok(row["probs"])
    elif c == "verify --batch":
        (row,) = _out_rows(result, case.name)
        assert row["truncated"] is True and row["chunks"] == 1
        assert row["evidence"] and LONG_SENTENCE.startswith(row["evidence"][0]["text"][:40])
    else:
        (p,) = _pred_rows(result, case.name)
        assert p["truncated"] == 1
        assert result.output["run"]["results"]["truncated"] == 1


def check_html(result: Bundle, case: Case) -> None:
    c = case.command
    if c == "analyze.txt":                    # tags blanked for analysis; offsets index the HTML
        doc, text = _doc(result, case.name)
        check_offsets(doc, text)
        assert [d["denier"] for d in doc["denials"]] == ["The port authority"]
        assert not any("var said" in s["text"] or "<title>" in s["text"] for s in doc["sentences"])
    elif c == "score":                        # scored as given
        (row,) = _out_rows(result, case.name)
        assert row["premise"] == HTML
        _probs_ok(row["probs"])
    elif c == "verify --batch":
        (row,) = _out_rows(result, case.name)
        assert row["evidence"] and not any("var said" in e["text"] for e in row["evidence"])
        for e in row["evidence"]:
            assert HTML[e["start"]:e["end"]] == e["text"]
        assert row["denials"] and row["denials"][0]["denier"] == "The port authority"
    else:
        (p,) = _pred_rows(result, case.name)
        assert p["premise"] == HTML and p["p_entailment"] is not None


def check_line_separators(result: Bundle, case: Case) -> None:
    c = case.command                          # the record is read whole, its text unchanged
    if c == "analyze.jsonl":
        doc = result.inputs["docs"]["c4"]
        check_offsets(doc, SEPARATORS)
        assert doc["claims"]
    elif c == "score":
        (row,) = _out_rows(result, case.name)
        assert row["premise"] == SEPARATORS
        _probs_ok(row["probs"])
    elif c == "verify --batch":
        (row,) = _out_rows(result, case.name)
        for e in row["evidence"]:
            assert SEPARATORS[e["start"]:e["end"]] == e["text"]
        assert row["evidence"]
    else:
        (p,) = _pred_rows(result, case.name)
        assert p["premise"] == SEPARATORS and p["p_entailment"] is not None


def check_foreign(result: Bundle, case: Case) -> None:
    c = case.command
    warnings = [line for line in result.proc.stderr.splitlines() if "does not look like English" in line]
    if c == "analyze.txt":
        doc, text = _doc(result, case.name)
        check_offsets(doc, text)
        name = result.inputs["names"][case.name] + ".txt"
        assert any(name in w for w in warnings), result.proc.stderr
    elif c == "analyze.jsonl":
        check_offsets(result.inputs["docs"]["c3"], FOREIGN)
        assert any("corpus.jsonl:3" in w for w in warnings), result.proc.stderr
        assert not any("corpus.jsonl:1" in w or "corpus.jsonl:2" in w for w in warnings)
    elif c == "verify --batch":
        (row,) = _out_rows(result, case.name)
        _probs_ok(row["probs"])
        line = [r["id"] for r in result.inputs["flat"]].index("v6") + 1
        assert [w.split(" does not")[0].rsplit(" ", 1)[-1] for w in warnings] == \
            [f"{result.inputs['path']}:{line}"]
    elif c == "score":                        # scored as given, no language check
        (row,) = _out_rows(result, case.name)
        _probs_ok(row["probs"])
        assert not warnings
    else:
        (p,) = _pred_rows(result, case.name)
        assert p["premise"] == FOREIGN and p["p_entailment"] is not None


# --------------------------------------------------------------------------- the big one
@pytest.mark.slow
def test_ten_thousand_sentences_with_denials_are_analysed_and_paired(tmp_path_factory):
    result = _big_article(tmp_path_factory, 10_000, denials=True, model=True)
    (doc,) = result.output["documents"]
    assert len(doc["sentences"]) == 10_000
    check_offsets(doc, result.inputs["text"])
    assert len(doc["denials"]) == 100
    # entailment: a claim that is itself a denial agrees with the denial it is paired with
    assert doc["pairs"] and all(p["label"] in {"contradiction", "neutral", "entailment"} for p in doc["pairs"])
    assert len(doc["pairs"]) <= 100 * 8 + sum(len(d["targets"]) for d in doc["denials"])


@pytest.mark.slow
def test_ten_thousand_sentence_document_is_verified_in_chunks(tmp_path):
    text = news_sentences(10_000, denials=True)
    proc, verdict, _ = verify_document(tmp_path, text)
    assert verdict["chunks"] >= 10_000 * 12 // 512 and verdict["truncated"] is False
    assert verdict["evidence"] and verdict["stance"] in {"supports", "denies", "reports", "unrelated"}
    for e in verdict["evidence"]:
        assert text[e["start"]:e["end"]] == e["text"]
    _probs_ok(verdict["probs"])
