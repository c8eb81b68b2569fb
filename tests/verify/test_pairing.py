"""Candidate pairs: the right claim ranks first, own claims are excluded, counts stay linear."""

from __future__ import annotations

import pytest

from claimbench.claims.extract import analyze_documents
from claimbench.claims.types import Document
from claimbench.verify.pairing import SentenceEncoder, find_pairs

DOC_A = ("Inspectors said the Brenna refinery had dumped oil waste into the Sella river in March. "
         "The refinery employs 900 people. Ticket prices at the city zoo rose by ten percent. "
         "The refinery denied that it had dumped waste into the river.")
DOC_B = "Fishermen said the Sella river was full of dead fish after the refinery dumped oil waste."


@pytest.fixture(scope="module")
def analyses():
    return analyze_documents([Document("a", DOC_A), Document("b", DOC_B)])


def test_encoder_gives_unit_vectors_and_similar_texts_are_close():
    enc = SentenceEncoder.default()
    v = enc.encode(["The refinery dumped waste into the river.", "Waste was dumped in the river by the refinery.",
                    "Zoo ticket prices rose."])
    assert v.shape == (3, 384)
    assert abs(float((v[0] ** 2).sum()) - 1) < 1e-4
    assert v[0] @ v[1] > v[0] @ v[2]


def test_pairs_rank_the_accusation_first_and_exclude_the_denial_itself(analyses):
    a = analyses[0]
    assert len(a.denials) == 1
    d = a.denials[0]
    pairs = find_pairs(analyses, top_k=2, cross_top_k=1)
    same = [p for p in pairs if p.claim_doc == "a"]
    assert same and all(p.claim_id != d.claim_id for p in same)
    first = a.claim(same[0].claim_id)
    assert "dumped oil waste" in first.text
    assert same[0].hypothesis == d.denied and same[0].premise == first.standalone
    assert not any("zoo" in a.claim(p.claim_id).text.lower() for p in same[:1])
    cross = [p for p in pairs if p.claim_doc == "b"]
    assert len(cross) == 1 and cross[0].denial_doc == "a"


def test_number_of_pairs_grows_linearly(analyses):
    docs = [Document(f"d{i}", DOC_A) for i in range(6)]
    many = analyze_documents(docs)
    pairs = find_pairs(many, top_k=2, cross_top_k=3, min_score=-10)
    n_denials = sum(len(a.denials) for a in many)
    assert 0 < len(pairs) <= n_denials * (2 + 3)


def test_no_denials_no_pairs_and_bad_k():
    a = analyze_documents([Document("x", "The bridge opened on Monday.")])
    assert find_pairs(a) == []
    with pytest.raises(ValueError, match="top_k"):
        find_pairs(a, top_k=-1)


def test_unrelated_documents_give_no_cross_pairs_and_the_default_cap_holds(analyses):
    other = analyze_documents([Document("zoo", "Ticket prices at the city zoo rose by ten percent on Monday. "
                                               "The zoo said visitor numbers had doubled.")])
    pairs = find_pairs([analyses[0], *other])
    assert pairs and all(p.claim_doc == "a" for p in pairs)     # nothing near the denial in "zoo"
    assert len(pairs) <= len(analyses[0].denials) * 8 + sum(len(d.targets) for d in analyses[0].denials)


def test_blocked_similarities_give_the_pairs_one_denial_at_a_time_gives(monkeypatch):
    """Similarities come from one matrix product per block of denials; the candidates,
    their order and ranks must not depend on the block size."""
    import os

    import claimbench.verify.pairing as pairing
    from claimbench.claims.documents import load_gold

    claims_dir = os.path.join(os.path.dirname(__file__), "..", "..", "claims")
    _, docs, _ = load_gold(os.path.join(claims_dir, "gold"), os.path.join(claims_dir, "articles"))
    corpus = analyze_documents(docs[:8])

    monkeypatch.setattr(pairing, "SIM_BLOCK", 5)          # several blocks, the last one short
    blocked = find_pairs(corpus)
    assert len({(p.denial_doc, p.denial_id) for p in blocked}) > 10   # more denials than a block
    monkeypatch.setattr(pairing, "SIM_BLOCK", 1)
    single = find_pairs(corpus)
    key = (lambda p: (p.claim_doc, p.claim_id, p.denial_doc, p.denial_id, p.rank))
    assert [key(p) for p in single] == [key(p) for p in blocked]
    # the sums run in another order: the last float32 digits may differ, the 6th decimal at most
    assert max(abs(a.similarity - b.similarity) for a, b in zip(single, blocked)) < 2e-6


def test_encoder_bf16_stays_close_to_fp32():
    enc = SentenceEncoder.default()
    texts = ["The ministry sold drones to the rebels.", "Drones were sold.", "The match was fixed."]
    a, b = enc.encode(texts), enc.encode(texts, precision="bf16")
    assert (a * b).sum(axis=1).min() > 0.999
    with pytest.raises(ValueError, match="precision"):
        enc.encode(texts, precision="int8")
