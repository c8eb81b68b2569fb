"""Pair scoring, the claim graph and document verification with the shipped model."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimbench.claims.types import Document, Pair
from claimbench.verify.corpus import analyze_corpus, combine_directions, judge_pairs
from claimbench.verify.document import pack_sentences, verify, verify_many

from hypo import examples

LABELS = {"entailment", "neutral", "contradiction"}


def test_combine_directions_flips_to_the_pair_reading_and_sums_to_one():
    fw = np.array([[0.9, 0.05, 0.05], [0.05, 0.05, 0.9], [0.1, 0.8, 0.1]])
    bw = np.array([[0.3, 0.6, 0.1], [0.1, 0.2, 0.7], [0.2, 0.7, 0.1]])
    out = combine_directions(fw, bw)
    assert np.allclose(out.sum(axis=1), 1)
    assert out.argmax(axis=1).tolist() == [2, 0, 1]   # claim entails denied -> contradiction, etc.


def test_pack_sentences_respects_the_budget():
    chunks = pack_sentences([3, 4, 5, 9, 1, 1], 9)
    assert chunks == [[0, 1], [2], [3], [4, 5]]
    assert sum(chunks, []) == list(range(6))


def test_judge_pairs_keeps_order_and_labels_a_denied_accusation_contradiction(nli_model):
    from claimbench.claims.extract import analyze_documents
    from claimbench.verify.pairing import find_pairs

    text = ("Rebel commanders said the ministry sold drones to the rebels. The city zoo raised its "
            "ticket prices in March. The ministry denied that it had sold drones to the rebels.")
    pairs = find_pairs(analyze_documents([Document("a", text)]), top_k=3)
    by_claim = {p.premise: p for p in pairs}
    accusation = next(p for premise, p in by_claim.items() if "sold drones" in premise)
    zoo = next(p for premise, p in by_claim.items() if "zoo" in premise)
    out = judge_pairs([accusation, zoo], nli_model)
    assert [v.pair.claim_id for v in out] == ["c1", "c2"]
    for v in out:
        assert set(v.probs) == LABELS and abs(sum(v.probs.values()) - 1) < 1e-6
        assert set(v.forward) == LABELS and set(v.backward) == LABELS
    # a claim identical to the denied proposition is what the denial rejects; an unrelated
    # one far down the candidate list is not paired
    assert [v.label for v in out] == ["contradiction", "neutral"]
    assert out[0].score > out[1].score
    assert out[0].probs["contradiction"] > out[1].probs["contradiction"]


def test_pair_classifier_weighs_nli_and_pairing_features(tmp_path):
    from claimbench.verify.pairclf import FEATURES, PairClassifier, feature_matrix
    from claimbench.verify.pairing import PAIR_FEATURES

    clf = PairClassifier.default()
    assert clf.features == FEATURES and 0 < clf.threshold < 1
    assert clf.fitted["documents"] and clf.fitted["fingerprint"]
    base = {name: 0.0 for name in PAIR_FEATURES}
    close = Pair("c1", "d1", "a", "a", "p", "h", features={**base, "overlap_denial": 1.0, "overlap_denied": 1.0,
                                                           "best_overlap": 1.0, "before": 1.0, "top_ranked": 1.0,
                                                           "same_document": 1.0, "reported": 1.0})
    own = Pair("c2", "d1", "a", "a", "p", "h", features={**close.features, "source_is_denier": 1.0})
    neutral = np.array([[0.1, 0.8, 0.1]] * 2)
    entailed = np.array([[0.9, 0.05, 0.05]] * 2)
    p_close, p_own = clf.predict_proba(feature_matrix([close, own], neutral, neutral))
    assert p_own < p_close                 # a denial does not answer its own side's claims
    assert clf.predict_proba(feature_matrix([close], entailed[:1], entailed[:1]))[0] > p_close
    clf.save(str(tmp_path / "p.json"))
    assert PairClassifier.load(str(tmp_path / "p.json")) == clf


def test_pair_classifier_file_errors_name_the_file(tmp_path):
    from claimbench.errors import InputError
    from claimbench.verify.pairclf import PairClassifier

    bad = tmp_path / "bad.json"
    bad.write_text('{"coef": [1.0], "intercept": 0}')
    with pytest.raises(InputError, match="bad.json.*not a pair classifier"):
        PairClassifier.load(str(bad))


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.floats(0, 1), min_size=15, max_size=15), st.lists(st.floats(0, 1), min_size=6, max_size=6))
def test_can_reach_never_drops_a_pair_some_nli_reading_would_lift(pairing, raw):
    """Property: a row that can_reach rules out is neutral for every NLI reading."""
    from claimbench.verify.pairclf import PairClassifier

    clf = PairClassifier.default()
    fw, bw = np.array(raw[:3]) + 1e-6, np.array(raw[3:]) + 1e-6
    fw, bw = fw / fw.sum(), bw / bw.sum()                 # (entailment, neutral, contradiction)
    row = np.array([fw[0], fw[2], bw[0], bw[2], *pairing])[None]
    blind = row.copy()
    blind[:, :4] = 0.0
    if not clf.can_reach(blind)[0]:
        assert not clf.predict(row)[0]
    half = row.copy()
    half[:, 2:4] = 0.0                                    # forward known, backward not yet
    if not clf.can_reach(half, unknown=["backward"])[0]:
        assert not clf.predict(row)[0]
    assert clf.can_reach(row, unknown=[])[0] == clf.predict(row)[0]


def test_cascade_labels_every_pair_as_scoring_all_candidates_does(nli_model_fp32):
    """The cascade reads fewer NLI directions but gives the same contradictions (fp32: in
    bf16, which pairs share a padded batch moves scores by ~1e-3)."""
    from claimbench import data_path
    from claimbench.claims.documents import load_gold
    from claimbench.claims.extract import analyze_documents
    from claimbench.verify.corpus import verify_corpus

    _, docs, _ = load_gold(data_path("claims/gold"), data_path("claims/articles"))
    analyses = analyze_documents([d for d in docs if d.id.startswith(("harbor-drones", "sanctions-tanker"))])
    fast = verify_corpus(analyses, nli_model_fp32)             # one extraction, scored both ways
    full = verify_corpus(analyses, nli_model_fp32, score_all=True)
    readings = fast.settings["nli_readings"]
    assert readings["candidates"] == len(full.verdicts) == full.settings["nli_readings"]["forward"]
    assert readings["backward"] <= readings["forward"] < readings["candidates"]
    assert readings["backward"] <= len(fast.verdicts)          # a text pair is read once

    def key(v):
        return v.pair.claim_doc, v.pair.claim_id, v.pair.denial_doc, v.pair.denial_id

    contradictions = {key(v) for v in full.verdicts if v.label == "contradiction"}
    assert contradictions and {key(v) for v in fast.verdicts if v.label == "contradiction"} == contradictions
    scores = {key(v): v.score for v in full.verdicts}
    assert all(abs(v.score - scores[key(v)]) < 1e-5 for v in fast.verdicts)


def test_analyze_corpus_graph_and_json(nli_model):
    docs = [Document("a", "Inspectors said the refinery had dumped waste into the river. "
                          "The refinery denied that it had dumped waste into the river.")]
    res = analyze_corpus(docs, nli_model, top_k=2)
    data = res.to_dict()
    doc = data["documents"][0]
    assert doc["pairs"] and doc["pairs"][0]["label"] in LABELS
    kinds = {e["relation"] for e in data["graph"]["edges"]}
    assert {"asserts", "denies"} <= kinds
    assert data["model"]["fingerprint"] == nli_model.fingerprint
    streamed = io.StringIO()
    res.write_json(streamed)                  # what `claimbench analyze` writes, a document at a time
    assert streamed.getvalue() == json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def test_verify_long_document_chunks_and_evidence_offsets(nli_model):
    filler = " ".join(f"The council discussed item {i} of the budget on Monday." for i in range(120))
    text = filler + " The ministry denied that it sold drones to the rebels. " + filler
    v = verify("The ministry sold drones to the rebels.", text, nli_model)
    assert v.chunks > 1
    assert set(v.probs) == LABELS and abs(sum(v.probs.values()) - 1) < 1e-6
    assert v.label in LABELS and v.stance in {"supports", "denies", "reports", "unrelated"}
    assert -1 <= v.score <= 1
    for e in v.evidence:
        assert text[e.start:e.end] == e.text
    # the denial is found through the extracted denied proposition, whatever plain NLI says
    assert v.stance == "denies"
    assert any("denied" in e.text for e in v.evidence) or v.denials


def test_verify_stances_reports_and_empty(nli_model):
    claim = "The ministry sold drones to the rebels."
    reported, empty = verify_many([(claim, "The ministry sold drones to the rebels, officials say."),
                                   (claim, "   ")], nli_model)
    assert reported.stance in ("reports", "supports")
    assert reported.evidence and reported.evidence[0].attributed
    assert empty.stance == "unrelated" and empty.evidence == [] and empty.label == "neutral"


def test_verify_rejects_an_empty_claim(nli_model):
    from claimbench.errors import InputError

    with pytest.raises(InputError, match="empty"):
        verify("  ", "Some text.", nli_model)


# --------------------------------------------------------------------------- the seed article
def test_seed_white_house_claim_paired_with_the_denial_as_contradiction(seed_article, nli_model):
    """Needs a reasonable NLI model: the interim checkpoint may fail this one."""
    text = open(seed_article, encoding="utf-8").read()
    res = analyze_corpus([Document("seed", text)], nli_model, top_k=3)
    a = res.analyses[0]
    shipped = {c.id for c in a.claims if "shipped weapons" in c.text and c.source and "White House" in c.source}
    arms = {d.id for d in a.denials if "arms transactions" in d.denied}
    assert shipped and arms
    pairs = [v for v in res.verdicts if v.pair.claim_id in shipped and v.pair.denial_id in arms]
    assert pairs, "the White House claim is not among the denial's candidates"
    assert all(v.label == "contradiction" for v in pairs)
