"""Integrity of the gold extraction corpus in ``claims/``: schema, offsets, ids, coverage.

These checks read the real article and gold files (no model); they guard the corpus that
``claimbench eval-extraction`` scores against, so a hand edit that shifts an offset or drops
an id fails here first.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter

import jsonschema
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLAIMS_DIR = os.path.join(ROOT, "claims")
ARTICLES = os.path.join(CLAIMS_DIR, "articles")
GOLD = os.path.join(CLAIMS_DIR, "gold")
CORPUS_PAIRS = os.path.join(GOLD, "corpus_pairs.json")
# Issue 3: at least two articles on each of these; others (court, cyber...) are extra.
REQUIRED_TOPICS = ("arms", "sanctions", "elections", "health", "corporate", "sports")


def _load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _slugs():
    return sorted(name[:-5] for name in os.listdir(GOLD)
                  if name.endswith(".json") and name != "corpus_pairs.json")


SLUGS = _slugs()
GOLD_VALIDATOR = jsonschema.Draft202012Validator(_load(os.path.join(CLAIMS_DIR, "gold.schema.json")))


@pytest.fixture(scope="module")
def corpus():
    """{slug: (article text, gold dict)} for every gold file."""
    out = {}
    for slug in SLUGS:
        with open(os.path.join(ARTICLES, f"{slug}.txt"), encoding="utf-8", newline="") as f:
            out[slug] = (f.read(), _load(os.path.join(GOLD, f"{slug}.json")))
    return out


def _spans(gold):
    """Every (where, span dict) of a gold file that carries offsets."""
    for kind in ("claims", "denials", "non_denials"):
        for i, rec in enumerate(gold.get(kind, [])):
            yield f"{kind}[{i}]", rec
    for att in gold["attributions"]:
        for part in ("source", "cue", "content"):
            if att[part] is not None:
                yield f"{att['id']}.{part}", att[part]


def test_every_gold_file_has_its_article_and_back():
    articles = sorted(n[:-4] for n in os.listdir(ARTICLES) if n.endswith(".txt"))
    assert articles == SLUGS


@pytest.mark.parametrize("slug", SLUGS)
def test_gold_file_matches_schema(slug, corpus):
    _, gold = corpus[slug]
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in GOLD_VALIDATOR.iter_errors(gold)]
    assert errors == []
    assert gold["doc_id"] == slug


@pytest.mark.parametrize("slug", SLUGS)
def test_article_is_plain_news_text(slug, corpus):
    text, _ = corpus[slug]
    assert "\r" not in text and text.endswith("\n") and not text.startswith("\ufeff")
    headline, body = text.split("\n", 1)
    assert headline.strip() and not headline.rstrip().endswith(".")
    assert 300 <= len(text.split()) <= 700


@pytest.mark.parametrize("slug", SLUGS)
def test_every_span_slices_its_article(slug, corpus):
    text, gold = corpus[slug]
    for where, span in _spans(gold):
        assert 0 <= span["start"] < span["end"] <= len(text), where
        assert text[span["start"]:span["end"]] == span["text"], where


@pytest.mark.parametrize("slug", SLUGS)
def test_ids_are_unique_and_references_resolve(slug, corpus):
    _, gold = corpus[slug]
    claims = {c["id"]: c for c in gold["claims"]}
    denials = {d["id"]: d for d in gold["denials"]}
    assert len(claims) == len(gold["claims"])
    assert len(denials) == len(gold["denials"])
    assert len({a["id"] for a in gold["attributions"]}) == len(gold["attributions"])
    for d in gold["denials"]:
        claim = claims[d["claim_id"]]
        assert claim["type"] == "denial", d["id"]
        # the claim record covers the denial sentence
        assert claim["start"] <= d["start"] and d["end"] <= claim["end"], d["id"]
    denial_claims = {d["claim_id"] for d in gold["denials"]}
    assert {c["id"] for c in gold["claims"] if c["type"] == "denial"} == denial_claims
    pairs = [(p["claim_id"], p["denial_id"]) for p in gold["pairs"]]
    assert len(set(pairs)) == len(pairs)
    for claim_id, denial_id in pairs:
        assert claim_id in claims and denial_id in denials
        assert claims[claim_id]["type"] != "denial", claim_id


@pytest.mark.parametrize("slug", SLUGS)
def test_annotation_conventions_hold(slug, corpus):
    text, gold = corpus[slug]
    claims = sorted(gold["claims"], key=lambda c: c["start"])
    for a, b in zip(claims, claims[1:]):
        assert a["end"] <= b["start"], f"{a['id']} overlaps {b['id']}"
    for c in claims:
        # the article's own voice has no source; every other source is named in the text
        assert (c["source"] is None) == (c["source_type"] == "article"), c["id"]
        if c["source"]:
            assert c["source"].lower() in text.lower(), c["id"]
        assert c["text"] == c["text"].strip() and c["text"][-1] not in ".,;:", c["id"]
        assert c.get("standalone"), c["id"]
    by_span = {(c["start"], c["end"]): c for c in claims}
    for att in gold["attributions"]:
        content = att["content"]
        claim = by_span.get((content["start"], content["end"]))
        if claim is None:
            # a denial verb's complement ("denied [that it sold drones]") lies inside the denial claim
            claim = next(c for c in claims if c["type"] == "denial"
                         and c["start"] <= content["start"] and content["end"] <= c["end"])
        assert att["source_name"] == claim["source"], att["id"]
        assert att["source_type"] == claim["source_type"], att["id"]
    denial_spans = [(d["start"], d["end"]) for d in gold["denials"]]
    for nd in gold["non_denials"]:
        assert all(nd["end"] <= s or e <= nd["start"] for s, e in denial_spans), nd["text"]


def test_corpus_pairs_match_their_schema_and_resolve(corpus):
    pairs = _load(CORPUS_PAIRS)
    jsonschema.validate(pairs, _load(os.path.join(CLAIMS_DIR, "corpus_pairs.schema.json")))
    assert pairs, "cross-article pairs are part of the corpus"
    keys = [(p["claim_doc"], p["claim_id"], p["denial_doc"], p["denial_id"]) for p in pairs]
    assert len(set(keys)) == len(keys)
    for p in pairs:
        assert p["claim_doc"] != p["denial_doc"]
        claims = {c["id"]: c for c in corpus[p["claim_doc"]][1]["claims"]}
        denials = {d["id"] for d in corpus[p["denial_doc"]][1]["denials"]}
        assert claims[p["claim_id"]]["type"] != "denial" and p["denial_id"] in denials


def test_corpus_covers_what_the_extraction_scores_need(corpus):
    assert len(corpus) >= 15
    assert "harbor-drones" in corpus, "the demo article"
    for slug, (_, gold) in corpus.items():
        types = Counter(c["type"] for c in gold["claims"])
        assert types["attributed"] + types["quote"] >= 1, slug
        assert gold["attributions"] and gold["denials"], slug
        assert types["hedged"] >= 1, slug
        assert gold["non_denials"], slug
    topics = Counter(gold.get("topic") for _, gold in corpus.values())
    for topic in REQUIRED_TOPICS:
        assert topics[topic] >= 2, topic
    # the structures the rules must generalise over all occur somewhere in the corpus
    kinds = Counter(a["kind"] for _, g in corpus.values() for a in g["attributions"])
    assert kinds["direct"] and kinds["indirect"] and kinds["mixed"]
    source_types = {c["source_type"] for _, g in corpus.values() for c in g["claims"]}
    assert {"government", "state_media", "spokesperson", "analyst", "anonymous", "article"} <= source_types
    cues = {a["cue"]["text"].lower() for _, g in corpus.values() for a in g["attributions"] if a["cue"]}
    assert {"according to", "has said", "said"} <= cues
    denial_cues = {d["cue"].lower() for _, g in corpus.values() for d in g["denials"]}
    assert {"denied", "rejected", "dismissed", "baseless", "no such", "never"} <= denial_cues
    assert any(p["label"] == "entailment" for _, g in corpus.values() for p in g["pairs"])
    # "he said" after a named speaker: a pronoun source resolved to a name
    assert any(a["source"] and re.fullmatch(r"(?i)he|she|they|it", a["source"]["text"])
               for _, g in corpus.values() for a in g["attributions"])
