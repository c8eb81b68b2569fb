"""`claimbench analyze`, `verify` and `eval-extraction` through the real command line."""

from __future__ import annotations

import json
import os

import jsonschema
import pytest

from analysis_checks import check_offsets

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMA = os.path.join(ROOT, "claims", "analysis.schema.json")
ARTICLE = ("Refinery denies dumping claims\n"
           "Inspectors said the Brenna refinery had dumped oil waste into the Sella river in March.\n"
           "The refinery denied that it had dumped waste into the river. \"Our pipes are sealed,\" "
           "its manager, Ola Brenn, said.\n")


def test_analyze_json_is_valid_under_the_schema(cli, tmp_path):
    src = tmp_path / "refinery.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.json"
    p = cli("analyze", str(src), "--format", "json", "--out", str(out), "--top-k", "2")
    assert p.returncode == 0, p.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(json.load(open(SCHEMA))).validate(data)
    doc = data["documents"][0]
    assert doc["id"] == "refinery"
    check_offsets(doc, ARTICLE)
    assert [d["denier"] for d in doc["denials"]] == ["The refinery"]
    assert doc["pairs"] and all(abs(sum(p["probs"].values()) - 1) < 1e-4 for p in doc["pairs"])
    assert data["model"]["name"]


def test_analyze_jsonl_corpus_table_and_cross_document_pairs(cli, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n" +
                      json.dumps({"id": 7, "text": "Fishermen said the refinery dumped oil waste into the Sella."})
                      + "\n", encoding="utf-8")
    p = cli("analyze", str(corpus), "--no-model", "--format", "json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert [d["id"] for d in data["documents"]] == ["a", "7"]
    assert any(x["claim_doc"] == "7" and x["denial_doc"] == "a" for x in data["cross_document_pairs"])
    jsonschema.Draft202012Validator(json.load(open(SCHEMA))).validate(data)
    p = cli("analyze", str(corpus), "--no-model", "--format", "table")
    assert p.returncode == 0 and "claims" in p.stdout and "denials" in p.stdout


@pytest.mark.integration                      # worker processes
def test_analyze_in_worker_processes_gives_what_one_process_gives(cli, tmp_path):
    """--workers 2 parses in two spawned processes (the default from 128 documents)."""
    gold_articles = os.path.join(ROOT, "claims", "articles")
    names = sorted(os.listdir(gold_articles))[:5]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": n, "text": open(os.path.join(gold_articles, n),
                                                                  encoding="utf-8").read()}) + "\n"
                              for n in names), encoding="utf-8")
    runs = {}
    for workers in ("1", "2"):
        p = cli("analyze", str(corpus), "--no-model", "--workers", workers)
        assert p.returncode == 0, p.stderr
        runs[workers] = json.loads(p.stdout)
    assert runs["2"]["documents"] == runs["1"]["documents"]
    assert sum(len(d["denials"]) for d in runs["2"]["documents"]) > 5
    p = cli("analyze", str(corpus), "--no-model", "--workers", "0")
    assert p.returncode == 2 and "--workers" in p.stderr and "Traceback" not in p.stderr


def test_analyze_bad_input_names_file_and_line_and_writes_nothing(cli, tmp_path):
    corpus = tmp_path / "bad.jsonl"
    corpus.write_text('{"id": "a", "text": "Fine."}\n{"id": "b"}\n', encoding="utf-8")
    out = tmp_path / "out.json"
    p = cli("analyze", str(corpus), "--no-model", "--out", str(out))
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert f"{corpus}:2:" in p.stderr and "text" in p.stderr
    assert not out.exists()
    p = cli("analyze", str(tmp_path / "missing.txt"), "--no-model")
    assert p.returncode == 2 and "missing.txt" in p.stderr and "Traceback" not in p.stderr


def test_verify_single_and_batch(cli, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("The ministry denied that it sold drones to the rebels. It rained in Osk.", encoding="utf-8")
    p = cli("verify", "--claim", "The ministry sold drones to the rebels.", "--document", str(doc))
    assert p.returncode == 0, p.stderr
    r = json.loads(p.stdout)
    assert set(r["probs"]) == {"entailment", "neutral", "contradiction"}
    assert r["stance"] == "denies" and isinstance(r["evidence"], list)
    text = doc.read_text(encoding="utf-8")
    for e in r["evidence"]:
        assert text[e["start"]:e["end"]] == e["text"]
    batch = tmp_path / "in.jsonl"
    batch.write_text("".join(json.dumps({"id": i, "claim": c, "document": text}) + "\n"
                             for i, c in [("q2", "It rained in Osk."), ("q1", "The ministry sold drones.")]),
                     encoding="utf-8")
    out = tmp_path / "out.jsonl"
    p = cli("verify", "--batch", str(batch), "--out", str(out))
    assert p.returncode == 0, p.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["q2", "q1"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "claim": "A."}) + "\n", encoding="utf-8")
    p = cli("verify", "--batch", str(bad), "--out", str(tmp_path / "never.jsonl"))
    assert p.returncode == 2 and f"{bad}:1:" in p.stderr and "document" in p.stderr
    assert not (tmp_path / "never.jsonl").exists()


@pytest.mark.slow
def test_eval_extraction_on_the_gold_corpus(cli):
    gold = os.path.join(ROOT, "claims", "gold")
    if not os.path.isdir(gold) or not any(f.endswith(".json") and f != "corpus_pairs.json"
                                          for f in os.listdir(gold)):
        pytest.skip("no gold annotations yet")
    p = cli("eval-extraction", "--no-model", "--format", "json", cwd=ROOT)
    assert p.returncode == 0, p.stderr
    s = json.loads(p.stdout)
    for key in ("claims", "denials", "pairs"):
        assert {"precision", "recall", "f1"} <= set(s[key])
    # the targets for extraction (pairs need the model; see the report)
    assert s["claims"]["f1"] >= 0.85
    assert s["denials"]["f1"] >= 0.85
    assert s["source_accuracy"] >= 0.8
