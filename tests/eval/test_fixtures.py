"""Loading and validating labeled fixture files: errors name file, line and field."""

import json

import pytest

from claimbench.errors import InputError
from claimbench.eval.fixtures import load_fixtures, pair_sha256

from evalkit import make_rows, write_jsonl


def test_loads_pairs_with_optional_fields_and_default_split(tmp_path):
    rows = make_rows(6)
    rows[0].pop("split")
    rows[1]["extra_note"] = "kept"
    pairs = load_fixtures(write_jsonl(tmp_path / "f.jsonl", rows))
    assert [p.id for p in pairs] == [r["id"] for r in rows]
    assert pairs[0].split == "test"                  # unsplit pairs are evaluation pairs
    assert pairs[1].extra == {"extra_note": "kept"}
    assert pairs[2].category == rows[2]["category"] and pairs[2].line == 3
    assert pairs[3].input_sha256 == pair_sha256(rows[3]["premise"], rows[3]["hypothesis"])


def test_split_filter(tmp_path):
    path = write_jsonl(tmp_path / "f.jsonl", make_rows(20))
    dev = load_fixtures(path, splits=["dev"])
    assert dev and all(p.split == "dev" for p in dev)
    assert len(dev) + len(load_fixtures(path, splits=["test"])) == 20


@pytest.mark.parametrize("mutate, line, field, message", [
    (lambda r: r.pop("premise"), 2, "premise", "missing field 'premise'"),
    (lambda r: r.update(label="refutes"), 2, "label", "unknown label 'refutes'"),
    (lambda r: r.update(hypothesis=7), 2, "hypothesis", "must be a string"),
    (lambda r: r.update(hypothesis="  "), 2, "hypothesis", "is empty"),
    (lambda r: r.update(split="train"), 2, "split", "unknown split 'train'"),
    (lambda r: r.update(id="t0000"), 2, "id", "duplicate id 't0000'"),
])
def test_bad_records_name_file_line_and_field(tmp_path, mutate, line, field, message):
    rows = make_rows(3)
    mutate(rows[1])
    path = write_jsonl(tmp_path / "bad.jsonl", rows)
    with pytest.raises(InputError, match=message) as err:
        load_fixtures(path)
    assert (err.value.path, err.value.line, err.value.field) == (path, line, field)
    assert str(err.value).startswith(f"{path}:{line}: ")


def test_duplicate_ids_across_files_point_at_the_first(tmp_path):
    a = write_jsonl(tmp_path / "a.jsonl", make_rows(2))
    b = write_jsonl(tmp_path / "b.jsonl", make_rows(2, start=1))
    with pytest.raises(InputError, match=r"duplicate id 't0001' \(first at .*a.jsonl:2\)"):
        load_fixtures([a, b])


def test_broken_json_and_empty_file(tmp_path):
    path = write_jsonl(tmp_path / "f.jsonl", [make_rows(1)[0], "{broken"])
    with pytest.raises(InputError, match=r"f.jsonl:2: invalid JSON"):
        load_fixtures(path)
    empty = write_jsonl(tmp_path / "e.jsonl", [])
    with pytest.raises(InputError, match="no records"):
        load_fixtures(empty)


def test_label_map_renames_before_validation(tmp_path):
    rows = make_rows(3)
    for r, lab in zip(rows, ["SUPPORTS", "NOT ENOUGH INFO", "REFUTES"]):
        r["label"] = lab
    path = write_jsonl(tmp_path / "f.jsonl", rows)
    mapping = {"SUPPORTS": "entailment", "NOT ENOUGH INFO": "neutral", "REFUTES": "contradiction"}
    assert [p.label for p in load_fixtures(path, label_map=mapping)] == [
        "entailment", "neutral", "contradiction"]


def test_json_schema_next_to_the_fixtures_is_enforced(tmp_path):
    schema = {"type": "object", "required": ["id", "premise", "hypothesis", "label", "category"],
              "properties": {"category": {"enum": ["explicit_denial", "paraphrase"]}}}
    (tmp_path / "fixture.schema.json").write_text(json.dumps(schema))
    (tmp_path / "fixtures").mkdir()
    rows = make_rows(4)
    rows[2]["category"] = "gossip"
    path = write_jsonl(tmp_path / "fixtures" / "f.jsonl", rows)
    with pytest.raises(InputError, match=r"f.jsonl:3: field 'category': 'gossip' is not one of") as err:
        load_fixtures(path)
    assert err.value.field == "category"
    rows[2].pop("category")
    path = write_jsonl(tmp_path / "fixtures" / "f.jsonl", rows)
    with pytest.raises(InputError, match=r"f.jsonl:3: field 'category': 'category' is a required"):
        load_fixtures(path)


def test_real_fixture_files_validate(real_fixture_files):
    for path in real_fixture_files:        # against eval/fixture.schema.json when it exists
        pairs = load_fixtures(path)
        assert len({p.id for p in pairs}) == len(pairs)
        assert {p.label for p in pairs} <= {"entailment", "neutral", "contradiction"}


def test_bom_crlf_and_blank_lines_are_read(tmp_path):
    rows = make_rows(3)
    text = "\r\n".join(json.dumps(r) for r in rows) + "\r\n\r\n   \r\n"
    path = tmp_path / "crlf.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert [p.id for p in load_fixtures(str(path))] == [r["id"] for r in rows]


@pytest.mark.parametrize("data, line, message", [
    (b"", None, "no records"),
    (b"  \n\n\t\n", None, "no records"),
    (b'{"id": "a"}\n\xff\xfe\x00binary\n', 2, "invalid UTF-8"),
    (b'["a", "b"]\n', 1, "expected a JSON object"),
])
def test_hostile_files(tmp_path, data, line, message):
    path = tmp_path / "x.jsonl"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as err:
        load_fixtures(str(path))
    assert err.value.line == line
