"""The FactCC-style perturbation generator (``claimbench.eval.perturb``) and its command.

Runs spaCy's small English model on a handful of sentences; no NLI model is needed.
"""

from __future__ import annotations

import json
import os
import re

import jsonschema
import pytest

from claimbench.errors import InputError
from claimbench.eval.perturb import KIND_CODES, KINDS, Perturber, label_of, negate

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMA = os.path.join(ROOT, "eval", "fixture.schema.json")
NEWS = os.path.join(ROOT, "eval", "fixtures", "news_denials.jsonl")
REVIEWED = os.path.join(ROOT, "eval", "fixtures", "perturbed_reviewed.jsonl")
README = os.path.join(ROOT, "eval", "fixtures", "README.md")

PAIRS = [
    {"id": "t-1", "doc_id": "bridge", "split": "test", "category": "paraphrase",
     "premise": "The Haldren Bridge in Sorvo collapsed on March 14, 2023, killing nine people.",
     "hypothesis": "Nine people died when the Haldren Bridge collapsed in March 2023.",
     "label": "entailment"},
    {"id": "t-2", "doc_id": "bridge", "split": "test",
     "premise": "Engineer Anna Berg said the bridge had been inspected by Peter Holm in 2019.",
     "hypothesis": "Anna Berg said the bridge had been inspected.", "label": "entailment"},
    {"id": "t-3", "doc_id": "bank", "split": "dev",
     "premise": "The Central Bank of Valmara did not cut its main rate on Thursday.",
     "hypothesis": "The Central Bank of Valmara did not cut its main rate.", "label": "entailment"},
    {"id": "t-4", "doc_id": "bank", "split": "dev",
     "premise": "The bank raised its rate to 5.25 percent on Friday.",
     "hypothesis": "The bank lowered its rate.", "label": "contradiction"},
]


@pytest.fixture(scope="module")
def nlp():
    from claimbench.claims.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="module")
def validator():
    with open(SCHEMA, encoding="utf-8") as fh:
        return jsonschema.Draft202012Validator(json.load(fh))


def one(kind: str, premise: str, hypothesis: str, *, seed: int = 0):
    return Perturber(seed=seed, kinds=[kind]).perturb(
        {"id": "p", "premise": premise, "hypothesis": hypothesis, "label": "entailment"}, kind)


# -- the generator as a whole ---------------------------------------------------------

def test_same_seed_same_output_and_seeds_differ():
    a = Perturber(seed=7, per_pair=5).generate(PAIRS)
    b = Perturber(seed=7, per_pair=5).generate(PAIRS)
    assert a == b and a
    outputs = {json.dumps(Perturber(seed=s, per_pair=5).generate(PAIRS)) for s in range(6)}
    assert len(outputs) > 1


def test_outputs_record_kind_parent_and_inherit_split(validator):
    parents = {p["id"]: p for p in PAIRS}
    out = Perturber(seed=0, per_pair=len(KINDS)).generate(PAIRS)
    assert {o["perturbation"] for o in out} == set(KINDS)
    for o in out:
        assert validator.is_valid(o), o
        parent = parents[o["source"].removeprefix("generated:")]
        assert parent["label"] == "entailment"              # t-4 is no parent
        assert o["id"] == f"{parent['id']}.{KIND_CODES[o['perturbation']]}"
        assert (o["split"], o["doc_id"]) == (parent["split"], parent["doc_id"])
        assert (o["premise"], o["hypothesis"]) != (parent["premise"], parent["hypothesis"])
        assert o["label"] in ("neutral", "contradiction")


def test_per_pair_caps_the_pairs_per_parent_with_distinct_kinds():
    for k in (1, 2, 3):
        out = Perturber(seed=1, per_pair=k).generate(PAIRS)
        by_parent: dict[str, list[str]] = {}
        for o in out:
            by_parent.setdefault(o["source"], []).append(o["perturbation"])
        assert by_parent and all(len(v) <= k and len(set(v)) == len(v) for v in by_parent.values())
    assert len(Perturber(seed=1, per_pair=3).generate(PAIRS)) > len(Perturber(seed=1).generate(PAIRS))


def test_only_the_requested_kinds_are_made():
    out = Perturber(seed=0, kinds=["date_swap", "number_swap"], per_pair=2).generate(PAIRS)
    assert out and {o["perturbation"] for o in out} <= {"date_swap", "number_swap"}


def test_unknown_kind_and_bad_per_pair_are_refused_with_a_hint():
    with pytest.raises(InputError, match=r"unknown perturbation kind 'negaton' \(did you mean 'negation'\?\)"):
        Perturber(kinds=["negaton"])
    with pytest.raises(InputError, match="per_pair must be an integer >= 1"):
        Perturber(per_pair=0)
    with pytest.raises(InputError, match="field 'premise' must be a non-empty string"):
        Perturber().generate([{"id": "x", "premise": "", "hypothesis": "H.", "label": "entailment"}])


def test_default_labels():
    assert [label_of(k) for k in KINDS] == ["contradiction", "contradiction", "contradiction",
                                           "contradiction", "neutral"]
    assert label_of("entity_swap", from_premise=False) == "neutral"


# -- negation ---------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("The ministry sold drones to Karsova.", "The ministry did not sell drones to Karsova."),
    ("The union says the plant will close.", "The union does not say the plant will close."),
    ("The ward will close at the end of June.", "The ward will not close at the end of June."),
    ("Dario Vessoni is the chief executive.", "Dario Vessoni is not the chief executive."),
    ("Tomas Vell was arrested on Tuesday.", "Tomas Vell was not arrested on Tuesday."),
    ("The bank did not cut its rate.", "The bank did cut its rate."),
    ("Marova has never appeared on television.", "Marova has appeared on television."),
    ("The repair will not cost owners anything.", "The repair will cost owners something."),
    ("The treaty can't be changed.", "The treaty can be changed."),
    ("Not every board member supported the closures.", "Every board member supported the closures."),
    ("More than 30 people were injured in the collapse.",
     "It is not true that more than 30 people were injured in the collapse."),
])
def test_negation_flips_the_main_verb(nlp, sentence, expected):
    assert negate(nlp(sentence)) == expected


@pytest.mark.parametrize("sentence", ["No one was hurt in the landing.",
                                      "Neither company commented on the report."])
def test_negation_leaves_quantifier_scope_alone(nlp, sentence):
    assert negate(nlp(sentence)) is None


def test_negation_pair_is_a_contradiction_with_a_changed_hypothesis():
    pair = one("negation", "The ministry sold drones.", "The ministry sold drones.")
    assert pair.hypothesis != "The ministry sold drones." and " not " in pair.hypothesis
    assert (pair.premise, pair.label, pair.perturbation) == ("The ministry sold drones.",
                                                             "contradiction", "negation")


# -- number and date swaps -----------------------------------------------------------------

def _numbers(text: str) -> list[float]:
    return [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


@pytest.mark.parametrize("seed", range(5))
def test_number_swap_changes_one_number_and_nothing_else(seed):
    hyp = "The fire killed 14 people in Sorvo."
    pair = one("number_swap", "A fire in Sorvo killed 14 people.", hyp, seed=seed)
    assert pair.label == "contradiction"
    assert _numbers(pair.hypothesis) != [14.0]
    assert re.sub(r"\d[\d,]*", "#", pair.hypothesis) == re.sub(r"\d[\d,]*", "#", hyp)


@pytest.mark.parametrize("seed", range(5))
def test_a_lower_bound_moves_past_the_premise_number(seed):
    pair = one("number_swap", "The governor said 27 people had been killed.",
               "The governor said more than 20 people had been killed.", seed=seed)
    assert _numbers(pair.hypothesis)[0] > 27


def test_a_bound_against_a_bound_is_left_alone():
    # "at least 27" sets no ceiling, so no "more than N" can contradict it
    assert one("number_swap", "The governor said at least 27 people had been killed.",
               "The governor said more than 20 people had been killed.") is None


def test_number_words_stay_words_and_dates_are_not_numbers():
    pair = one("number_swap", "Nine people died on March 14.", "Nine people died.")
    assert pair.hypothesis.split()[0] in {"Eighteen", "Three", "Four", "Fourteen", "Nineteen"} or \
        pair.hypothesis.split()[0].isdigit()
    assert one("number_swap", "The bridge fell on March 14.", "The bridge fell on March 14.") is None


@pytest.mark.parametrize("seed", range(6))
def test_date_swap_changes_the_date(seed):
    hyp = "The bridge collapsed on March 14, 2023."
    pair = one("date_swap", "The bridge collapsed on March 14, 2023.", hyp, seed=seed)
    assert pair.label == "contradiction" and pair.hypothesis != hyp
    words = pair.hypothesis.split()
    assert words[:4] == hyp.split()[:4]                       # only the date part moved


def test_a_year_range_moves_as_a_whole():
    for seed in range(4):
        pair = one("date_swap", "The audit covered admissions between 2018 and 2022.",
                   "The admissions took place between 2018 and 2022.", seed=seed)
        start, end = (int(y) for y in re.findall(r"\b\d{4}\b", pair.hypothesis))
        assert end - start == 4 and (end < 2018 or start > 2022)


@pytest.mark.parametrize("hypothesis", ["Complaints have arrived since July.",
                                        "The bank did not cut rates on Thursday."])
def test_date_swap_skips_interval_bounds_and_negated_claims(hypothesis):
    assert one("date_swap", hypothesis, hypothesis) is None


# -- entity swap and denial framing -----------------------------------------------------

def test_entity_swap_from_the_premise_is_a_role_swap():
    premise = "Engineer Anna Berg said the bridge had been inspected by Peter Holm in 2019."
    pair = one("entity_swap", premise, "Anna Berg said the bridge had been inspected.")
    assert pair.hypothesis == "Peter Holm said the bridge had been inspected."
    assert pair.label == "contradiction"


def test_entity_swap_from_the_pool_is_neutral():
    pairs = [{"id": "a", "premise": "Anna Berg resigned on Monday.",
              "hypothesis": "Anna Berg resigned.", "label": "entailment"},
             {"id": "b", "premise": "Peter Holm met reporters in Sorvo.",
              "hypothesis": "Peter Holm met reporters.", "label": "neutral"}]
    out = Perturber(kinds=["entity_swap"]).generate(pairs)
    assert [(o["hypothesis"], o["label"]) for o in out] == [("Peter Holm resigned.", "neutral")]


def test_denial_framing_turns_support_into_a_reported_denial():
    premise, hyp = "The ministry sold drones to Karsova in 2021.", "The ministry sold drones to Karsova."
    seen = set()
    for seed in range(8):
        pair = one("denial_framing", premise, hyp, seed=seed)
        assert pair.label == "neutral"
        framed = pair.premise if pair.premise != premise else pair.hypothesis
        assert re.fullmatch(r"[A-Z][\w ]* denied that the ministry sold drones to Karsova\.", framed)
        seen.add("premise" if pair.premise != premise else "hypothesis")
    assert seen == {"premise", "hypothesis"}                   # both directions occur


def test_denial_framing_skips_reports_and_negations():
    assert one("denial_framing", "X.", "Officials said the ministry sold drones.") is None
    assert one("denial_framing", "X.", "The ministry did not sell drones.") is None


# -- the reviewed fixtures still come from this generator -------------------------------

def test_reviewed_pairs_are_reproduced_by_the_documented_runs():
    with open(NEWS, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    run_a = Perturber(seed=0).generate(rows)
    run_b = Perturber(seed=0, kinds=["number_swap", "date_swap"]).generate(rows)
    generated = {o["id"]: o for o in run_a + run_b}
    with open(REVIEWED, encoding="utf-8") as fh:
        reviewed = [json.loads(line) for line in fh]
    with open(README, encoding="utf-8") as fh:
        note = fh.read()
    total = int(re.search(r"union has \*\*(\d+)\*\* generated", note).group(1))
    fixed = int(re.search(r"\*\*(\d+) fixed\*\*", note).group(1))
    hint = ("the generator's output changed: regenerate and review perturbed_reviewed.jsonl "
            "(eval/fixtures/README.md, 'reviewed')")
    assert len(generated) == total, hint
    changed = [r["id"] for r in reviewed if r != generated.get(r["id"])]
    assert all(r["id"] in generated for r in reviewed), hint
    assert len(changed) == fixed, (hint, changed)
    for i in changed:          # a fix touches the text or the label, never the bookkeeping
        a, b = generated[i], next(r for r in reviewed if r["id"] == i)
        assert {k for k in a if a[k] != b[k]} <= {"premise", "hypothesis", "label"}


# -- the command line -------------------------------------------------------------------

def test_cli_writes_what_the_library_makes(cli, tmp_path, validator):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(p) + "\n" for p in PAIRS))
    out = tmp_path / "out.jsonl"
    p = cli("perturb", str(src), "--out", str(out), "--seed", "3", "--per-pair", "2",
            "--kinds", "negation,number_swap,date_swap")
    assert p.returncode == 0, p.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows and all(validator.is_valid(r) for r in rows)
    expected = Perturber(seed=3, per_pair=2,
                         kinds=["negation", "number_swap", "date_swap"]).generate(PAIRS)
    assert rows == expected                          # same seed, another process: same pairs
    assert f"{len(rows)} pairs from 3 entailment pairs" in p.stderr


def test_cli_bad_input_is_one_line_and_leaves_no_file(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(PAIRS[0]) + "\n" + json.dumps(dict(PAIRS[1], label="yes")) + "\n")
    out = tmp_path / "out.jsonl"
    p = cli("perturb", str(src), "--out", str(out))
    assert p.returncode == 2
    assert p.stderr.strip().count("\n") == 0 and f"{src}:2:" in p.stderr and "label" in p.stderr
    assert not out.exists()
    p = cli("perturb", str(src), "--out", str(out), "--kinds", "negation,swap")
    assert p.returncode == 2 and "unknown perturbation kind 'swap'" in p.stderr
    assert not out.exists()
