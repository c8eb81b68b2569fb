"""The real-news development set: annotations join the shared text (skips without
../shared/data), stories never straddle the halves, and the judging rules."""

import json
import os

import pytest

from claimbench.eval import realnews as rn


def test_story_split_is_stable_and_two_way():
    ids = [f"story-{i}" for i in range(400)]
    splits = [rn.story_split(i) for i in ids]
    assert splits == [rn.story_split(i) for i in ids]
    assert 150 < splits.count("tune") < 250


def test_proposition_judging_wants_content_and_polarity():
    assert rn.proposition_correct("The ministry sold drones to the rebels.", "the ministry sold drones")
    # the inverted "no truth" bug of the issue: content without the accusation is wrong
    assert not rn.proposition_correct("There is truth whatsoever to these claims", "The mayor took bribes")
    assert not rn.proposition_correct("The ministry did not sell drones", "The ministry sold drones")
    assert not rn.proposition_correct(None, "The ministry sold drones")


def test_denier_matching():
    assert rn.denier_matches("The Kremlin", "Kremlin")
    assert rn.denier_matches(None, None)
    assert not rn.denier_matches("The White House", "Kremlin")
    assert not rn.denier_matches(None, "Kremlin")


def test_annotation_files_hold_no_text():
    folder = rn.realnews_dir()
    for name in ["emergent_headlines.jsonl", *[f"fnc1/{f}" for f in os.listdir(os.path.join(folder, "fnc1"))]]:
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            raw = fh.read()
        rows = [json.loads(x) for x in raw.splitlines()] if name.endswith(".jsonl") else [json.loads(raw)]
        for row in rows:
            for key in ("text", "body", "headline", "denied", "standalone"):
                assert key not in row, (name, key)
            for c in row.get("claims", []):
                assert set(c) <= {"id", "start", "end", "type", "source", "source_type"}


def test_headlines_join_and_split_by_story(data_dir):
    hs = rn.load_headlines(data_dir)
    assert len(hs) >= 600
    assert {h.split for h in hs} == {"tune", "report"}
    by_story = {}
    for h in hs:
        by_story.setdefault(h.story, set()).add(h.split)
    assert all(len(s) == 1 for s in by_story.values())
    den = [h for h in hs if h.is_denial]
    assert den and all(h.cue for h in den) and all(h.proposition for h in den)
    assert sum(h.stance == "against" for h in hs) >= 300


def test_bodies_join_with_gold_records(data_dir):
    bodies = rn.load_bodies(data_dir)
    assert len(bodies) >= 40
    for b in bodies:
        for c in b.gold["claims"]:
            assert b.text[c["start"]:c["end"]] == c["text"]
        for d in b.gold["denials"]:
            assert d["denied"] and d["strength"] in ("denial", "doubt")


def test_stance_items_keep_fnc1_stories_on_one_side(data_dir):
    items = rn.load_stance_items(data_dir, fnc1_limit=200, seed=3)
    fnc = [i for i in items if i.dataset == "fnc1"]
    assert len(fnc) == 400
    sides = {}
    for i in fnc:
        sides.setdefault(i.document, set()).add(i.split)
        sides.setdefault(i.claim, set()).add(i.split)
    assert all(len(s) == 1 for s in sides.values())
    assert {i.stance for i in items} == {"supports", "denies", "reports"}


def test_missing_data_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMBENCH_DATA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(Exception, match="public datasets"):
        rn.load_headlines()
