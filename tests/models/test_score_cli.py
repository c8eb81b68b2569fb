"""``claimbench score`` and ``claimbench models`` through the real command line."""

import json

import pytest

GOOD = [
    {"id": "a", "premise": "The ministry never sold drones to the rebels.",
     "hypothesis": "The ministry sold drones to the rebels.", "note": "kept"},
    {"premise": "A man is playing a guitar on stage.", "hypothesis": "A man is performing music."},
]


def write(path, text: str | bytes):
    mode = "wb" if isinstance(text, bytes) else "w"
    with open(path, mode) as fh:
        fh.write(text)
    return str(path)


def test_score_file_to_file_passes_fields_through(cli, tmp_path):
    src = write(tmp_path / "in.jsonl", "".join(json.dumps(r) + "\n" for r in GOOD))
    out = tmp_path / "out.jsonl"
    p = cli("score", src, "--out", str(out))
    assert p.returncode == 0, p.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r.get("id") for r in rows] == ["a", None]
    assert rows[0]["note"] == "kept"
    for r in rows:
        assert set(r["probs"]) == {"entailment", "neutral", "contradiction"}
        assert abs(sum(r["probs"].values()) - 1) < 1e-6
        assert r["label"] == max(r["probs"], key=r["probs"].get)
        assert r["truncated"] is False
    assert rows[0]["label"] == "contradiction"


def test_score_stdin_to_stdout(cli):
    p = cli("score", "-", stdin=json.dumps(GOOD[1]) + "\n")
    assert p.returncode == 0, p.stderr
    rows = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["label"] in {"entailment", "neutral", "contradiction"}


@pytest.mark.parametrize("content, expect", [
    ('{"premise": "a", "hypothesis": "b"}\n{broken\n', r"in\.jsonl:2: invalid JSON"),
    ('{"premise": "a", "hypothesis": "b"}\n\n{"premise": "a"}\n', r"in\.jsonl:3: missing field 'hypothesis'"),
    ('{"premise": "a", "hypothesis": 5}\n', r"in\.jsonl:1: field 'hypothesis' must be a string"),
    ("", r"in\.jsonl: no records"),
    ("   \n\n", r"in\.jsonl: no records"),
    (b'{"premise": "caf\xe9", "hypothesis": "b"}\n', r"in\.jsonl:1: invalid UTF-8"),
    ('[1, 2]\n', r"in\.jsonl:1: expected a JSON object"),
])
def test_bad_input_is_one_line_exit_2_and_no_output(cli, tmp_path, content, expect):
    import re

    src = write(tmp_path / "in.jsonl", content)
    out = tmp_path / "out.jsonl"
    p = cli("score", src, "--out", str(out))
    assert p.returncode == 2
    assert "Traceback" not in p.stderr
    lines = [line for line in p.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and re.search(expect, lines[0]), p.stderr
    assert not out.exists()


def test_missing_input_file(cli, tmp_path):
    p = cli("score", str(tmp_path / "nope.jsonl"))
    assert p.returncode == 2 and "nope.jsonl" in p.stderr and "Traceback" not in p.stderr


def test_bom_and_crlf_are_accepted(cli, tmp_path):
    src = write(tmp_path / "in.jsonl", ("\ufeff" + json.dumps(GOOD[0]) + "\r\n").encode("utf-8"))
    p = cli("score", src)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["id"] == "a"


def test_models_lists_the_shipped_default(cli):
    p = cli("models", "--format", "json")
    assert p.returncode == 0, p.stderr
    rows = json.loads(p.stdout)
    names = {r["name"]: r for r in rows}
    assert "claimbench-nli-minilm" in names
    assert names["deberta-v3-base-nli"]["loads_from"].startswith("hub:")
