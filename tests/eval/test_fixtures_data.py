"""The shipped fixture data itself: schema, ids, splits, balance, coverage, and that
``eval/fixtures/README.md`` tells the truth about it. Fast; no model needed."""

from __future__ import annotations

import collections
import json
import os
import re

import jsonschema
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EVAL = os.path.join(ROOT, "eval")
FIXTURES = os.path.join(EVAL, "fixtures")
SCHEMA = os.path.join(EVAL, "fixture.schema.json")
README = os.path.join(FIXTURES, "README.md")
SEED_DIR = os.path.join(os.path.dirname(ROOT), "shared", "seed")

LABELS = ("entailment", "neutral", "contradiction")
REQUIRED_CATEGORIES = {"explicit_denial", "partial_denial", "non_denial",
                       "attributed_vs_unattributed", "hedge", "negation", "numbers", "dates",
                       "entity_swap", "paraphrase", "unrelated"}
ONE_LABEL_BY_DEFINITION = {"paraphrase": "entailment", "unrelated": "neutral",
                           "unsupported_detail": "neutral"}


def read(name: str) -> list[dict]:
    path = os.path.join(FIXTURES, name)
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module")
def team():
    return read("news_denials.jsonl")


@pytest.fixture(scope="module")
def perturbed():
    return read("perturbed_reviewed.jsonl")


@pytest.fixture(scope="module")
def validator():
    with open(SCHEMA, encoding="utf-8") as fh:
        schema = json.load(fh)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def fixture_files():
    return sorted(f for f in os.listdir(FIXTURES) if f.endswith(".jsonl"))


@pytest.mark.parametrize("name", fixture_files())
def test_every_line_validates_against_the_schema(name, validator):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            errors = [e.message for e in validator.iter_errors(json.loads(line))]
            assert not errors, f"{name}:{lineno}: {errors}"


@pytest.mark.parametrize("record, field", [
    ({"id": "x", "premise": "P.", "hypothesis": "H.", "label": "contradicts"}, "label"),
    ({"id": "x", "premise": "P.", "hypothesis": "H.", "label": "neutral", "split": "train"}, "split"),
    ({"id": "x", "premise": "P.", "hypothesis": "H.", "label": "neutral",
      "perturbation": "paraphrase"}, "perturbation"),
    ({"id": "x", "premise": "P.", "hypothesis": "H.", "label": "neutral", "catgory": "dates"},
     None),                                                     # a misspelt field is refused
    ({"id": "x", "premise": " ", "hypothesis": "H.", "label": "neutral"}, "premise"),
    ({"id": "x", "premise": "P.", "hypothesis": "H.", "label": "neutral",
      "source": "copied"}, "source"),
])
def test_schema_rejects_bad_records(validator, record, field):
    errors = list(validator.iter_errors(record))
    assert errors
    if field is not None:
        assert any(list(e.path) == [field] for e in errors)


def test_schema_accepts_a_null_perturbation(validator):
    assert validator.is_valid({"id": "a", "premise": "P.", "hypothesis": "H.",
                               "label": "entailment", "perturbation": None})


def test_team_set_size_source_and_unique_ids(team):
    assert len(team) >= 420
    ids = [r["id"] for r in team]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"nd-\d{4}", i) for i in ids)
    assert {r["source"] for r in team} == {"team"}
    assert all("perturbation" not in r for r in team)
    pairs = [(r["premise"], r["hypothesis"]) for r in team]
    assert len(set(pairs)) == len(pairs), "the same pair is written twice"


def test_ids_are_unique_across_files():
    # `claimbench eval eval/fixtures/*.jsonl` loads them together
    ids = [r["id"] for name in fixture_files() for r in read(name)]
    assert len(set(ids)) == len(ids)


def test_every_pair_has_a_category_split_and_doc_id(team):
    for r in team:
        assert r.get("category") and r.get("split") in ("dev", "test") and r.get("doc_id"), r["id"]


def test_text_is_clean(team, perturbed):
    for r in team + perturbed:
        for field in ("premise", "hypothesis"):
            text = r[field]
            assert text == text.strip() and "  " not in text, (r["id"], field)
            assert text[-1] in '.!?"”', (r["id"], field, text)
            assert text[0].isupper() or text[0].isdigit() or text[0] == '"', (r["id"], field)


@pytest.mark.parametrize("name", ["news_denials.jsonl", "perturbed_reviewed.jsonl"])
def test_no_story_is_split_across_dev_and_test(name):
    splits = collections.defaultdict(set)
    for r in read(name):
        splits[r["doc_id"]].add(r["split"])
    mixed = sorted(d for d, s in splits.items() if len(s) > 1)
    assert not mixed


def test_dev_and_test_sizes(team):
    docs = {r["doc_id"]: r["split"] for r in team}
    dev_docs = sum(s == "dev" for s in docs.values())
    assert 0.3 <= dev_docs / len(docs) <= 0.5
    dev = sum(r["split"] == "dev" for r in team)
    assert 0.3 <= dev / len(team) <= 0.5


@pytest.mark.parametrize("split", [None, "dev", "test"])
def test_labels_are_balanced(team, split):
    rows = [r for r in team if split is None or r["split"] == split]
    counts = collections.Counter(r["label"] for r in rows)
    for label in LABELS:
        assert 0.28 <= counts[label] / len(rows) <= 0.40, (split, counts)


def test_enough_contradictions_in_each_split_for_f1_to_mean_something(team):
    for split in ("dev", "test"):
        n = sum(r["label"] == "contradiction" and r["split"] == split for r in team)
        assert n >= 80, (split, n)


def test_categories_are_covered_with_mixed_labels(team):
    by_cat = collections.defaultdict(collections.Counter)
    for r in team:
        by_cat[r["category"]][r["label"]] += 1
    assert REQUIRED_CATEGORIES <= set(by_cat)
    for cat, counts in by_cat.items():
        assert sum(counts.values()) >= 10, cat
        if cat in ONE_LABEL_BY_DEFINITION:
            assert set(counts) == {ONE_LABEL_BY_DEFINITION[cat]}, cat
        else:
            assert len(counts) >= 2, (cat, counts)
    # the denial categories are the point of the set: every label appears in each
    for cat in ("explicit_denial", "partial_denial", "non_denial", "attributed_vs_unattributed",
                "hedge", "negation", "numbers", "dates"):
        assert set(by_cat[cat]) == set(LABELS), cat


def test_convention_is_applied_to_bare_denials(team):
    """A party's denial neither entails nor contradicts the bare claim (README rule 3)."""
    bare = [r for r in team if r["category"] == "explicit_denial"
            and re.match(r"^\S.* denied (that |any |reports |social )", r["premise"])
            and not re.search(r"\b(denied|rejected|confirmed|admitted|acknowledged|said|"
                              r"comment|respond|dismissed|conceded|accepted)\b", r["hypothesis"])]
    assert len(bare) >= 10
    assert {r["label"] for r in bare} == {"neutral"}, [r["id"] for r in bare if r["label"] != "neutral"]


def test_smoke_set_is_a_balanced_test_subset(team):
    smoke = read("smoke.jsonl")
    by_id = {r["id"]: r for r in team}
    assert 20 <= len(smoke) <= 40
    for r in smoke:
        assert r["id"].startswith("smoke-")
        original = by_id[r["id"].removeprefix("smoke-")]
        assert dict(r, id=original["id"]) == original
        assert r["split"] == "test"
    counts = collections.Counter(r["label"] for r in smoke)
    assert min(counts[label] for label in LABELS) >= 8


def test_perturbed_pairs_point_at_entailment_parents(team, perturbed):
    from claimbench.eval.perturb import KIND_CODES

    by_id = {r["id"]: r for r in team}
    assert len(perturbed) >= 80
    for r in perturbed:
        parent_id = r["source"].removeprefix("generated:")
        parent = by_id[parent_id]
        assert parent["label"] == "entailment"
        assert r["id"] == f"{parent_id}.{KIND_CODES[r['perturbation']]}"
        assert (r["split"], r["doc_id"]) == (parent["split"], parent["doc_id"])
        assert (r["premise"], r["hypothesis"]) != (parent["premise"], parent["hypothesis"])
    assert {r["perturbation"] for r in perturbed} == set(KIND_CODES)


def _table(text: str, heading: str) -> list[list[str]]:
    section = text.split(heading, 1)[1]
    rows = []
    for line in section.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            rows.append([c.strip().strip("*") for c in line.strip("|").split("|")])
        elif rows and not line.startswith("|"):
            break
    return rows[1:]                                  # drop the header row


def test_readme_category_table_matches_the_file(team):
    with open(README, encoding="utf-8") as fh:
        text = fh.read()
    table = {row[0]: [int(x) for x in row[1:]] for row in _table(text, "## Categories")}
    by_cat = collections.defaultdict(collections.Counter)
    for r in team:
        by_cat[r["category"]][r["label"]] += 1
        by_cat["all"][r["label"]] += 1
    assert set(table) == set(by_cat)
    for cat, counts in by_cat.items():
        assert table[cat] == [counts[label] for label in LABELS] + [sum(counts.values())], cat


def test_readme_review_note_matches_the_file(perturbed):
    with open(README, encoding="utf-8") as fh:
        text = fh.read()
    kept = int(re.search(r"\*\*(\d+) kept\*\*", text).group(1))
    assert kept == len(perturbed)
    rows = _table(text, "**reviewed:**")
    per_kind = collections.Counter(r["perturbation"] for r in perturbed)
    assert {row[0]: int(row[2]) for row in rows} == dict(per_kind)
    for row in rows:
        assert int(row[1]) == int(row[2]) + int(row[4]), row   # generated = kept + dropped


def test_no_sentence_is_copied_from_the_seed_article(team):
    if not os.path.isdir(SEED_DIR):
        pytest.skip("../shared/seed is absent")
    ours = " ".join(r["premise"] + " " + r["hypothesis"] for r in team)
    for name in os.listdir(SEED_DIR):
        with open(os.path.join(SEED_DIR, name), encoding="utf-8", errors="replace") as fh:
            sentences = re.split(r"(?<=[.!?])\s+", fh.read())
        long = [s.strip() for s in sentences if len(s.split()) >= 8]
        assert not [s for s in long if s in ours], name
