"""Property tests on hostile Unicode (issue 7): extraction, pairing, verification, scoring.

``tests/claims/test_extract.py`` already feeds extraction plain ``st.text()`` and
news-like fragments; here the text mixes news sentences (so claims and denials do
occur) with what breaks naive text code: control characters, line and paragraph
separators (U+2028, U+0085), format characters (RTL override, zero-width joiner, BOM),
combining marks, emoji sequences, right-to-left scripts, unspaced scripts, very long
tokens. Properties:

- extraction and pairing never crash, and every reported offset (claims, denials,
  attributions' source/cue/content, sentences, verify's evidence and denials) slices
  the source text to the reported text;
- every pair names a claim and a denial of the documents, with the claim's text as
  premise;
- ``NLIModel.predict`` and the ``score`` command return one probability row per input
  pair, in input order (ids preserved), each row summing to 1 (1e-5).

Examples are few (seconds per test); spaCy, the encoder and the model load once.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimbench.claims.extract import analyze_documents
from claimbench.claims.types import Document
from claimbench.verify.pairing import find_pairs

from clirun import run_cli
from hypo import examples

NEWS = ["Officials said the ministry sold drones to the rebels.",
        "The ministry denied that it had sold drones to the rebels.",
        "“We never sold anything,” a spokesman said.", "According to the report, the port closed.",
        "Analysts said the deal may collapse.", "\n", "\n\n", " ", "- ", ", ", "."]
ODD = ["🙂", "👩‍👩‍👧", "🇺🇦", "\u202e", "\u200d", "\u200b", "\ufeff", "e\u0301", "\u2028", "\u2029",
       "\x85", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\t", "\xa0", "\u3000",
       "שלום עולם", "مرحبا بالعالم", "漢字かな交じり文", "Ελληνικά", "<b>", "&amp;", "&#0;", '"', "“", "”"]
piece = st.one_of(
    st.sampled_from(NEWS), st.sampled_from(ODD),
    st.text(st.characters(categories=("Cc", "Cf", "Zl", "Zp", "Zs")), min_size=1, max_size=3),
    st.text(st.characters(categories=("Mn", "Me")), min_size=1, max_size=4),      # combining marks
    st.text(st.characters(exclude_categories=("Cs",)), max_size=12),              # anything else
    st.integers(200, 1500).map(lambda n: "x" * n),                                # a very long token
)
hostile_text = st.lists(piece, max_size=25).map("".join)
short_text = st.lists(piece, max_size=6).map("".join)

SETTINGS = settings(max_examples=examples(25))      # deadline, health checks: the profile's


def assert_slices(text: str, start: int, end: int, got: str) -> None:
    assert 0 <= start <= end <= len(text) and text[start:end] == got, (start, end, got)


def check_analysis(a) -> None:
    text = a.document.text
    for s in a.document.sentences:
        assert_slices(text, s.start, s.end, s.text)
    for c in a.claims:
        assert_slices(text, c.start, c.end, c.text)
    for d in a.denials:
        assert_slices(text, d.start, d.end, d.text)
    for att in a.attributions:
        for part in (att.source, att.cue, att.content):
            if part is not None:
                assert_slices(text, part.start, part.end, part.text)


@settings(SETTINGS, max_examples=examples(60))
@given(hostile_text, hostile_text)
def test_extraction_offsets_slice_hostile_unicode(a, b):
    docs = [Document("a", a), Document("b", b + NEWS[0] + " " + a + NEWS[1])]
    for analysis in analyze_documents(docs):
        check_analysis(analysis)


@settings(SETTINGS, max_examples=examples(12))
@given(st.lists(hostile_text, min_size=1, max_size=3), st.integers(0, 3), st.integers(0, 2))
def test_pairing_never_crashes_and_pairs_name_real_claims_and_denials(texts, top_k, cross_top_k):
    # news sentences between the hostile pieces, so there are denials to pair
    docs = [Document(f"d{i}", f"{t} {NEWS[0]} {t[::-1]} {NEWS[1]} {NEWS[2]}") for i, t in enumerate(texts)]
    analyses = analyze_documents(docs)
    pairs = find_pairs(analyses, top_k=top_k, cross_top_k=cross_top_k)
    by_doc = {a.document.id: a for a in analyses}
    n_denials = sum(len(a.denials) for a in analyses)
    assert len(pairs) <= n_denials * (top_k + cross_top_k) + sum(
        len(d.targets) for a in analyses for d in a.denials)
    for p in pairs:
        claim = by_doc[p.claim_doc].claim(p.claim_id)
        denial = next(d for d in by_doc[p.denial_doc].denials if d.id == p.denial_id)
        assert p.premise == (claim.standalone or claim.text)
        assert p.hypothesis in (denial.denied, p.premise)
        assert p.rank >= 0 and np.isfinite(p.similarity)
        assert claim.type != "denial" and (p.claim_doc, p.claim_id) != (p.denial_doc, denial.claim_id)
    for a in analyses:
        check_analysis(a)


@settings(SETTINGS, max_examples=examples(8))
@given(hostile_text, st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)
       .filter(lambda c: c.strip()))
def test_verify_evidence_and_denials_slice_the_document(nli_model, text, claim):
    from claimbench.verify import verify_many

    document = f"{text} {NEWS[0]} {NEWS[1]}"
    (analysis,) = analyze_documents([Document("d", document)])
    check_analysis(analysis)
    (v,) = verify_many([(claim, document)], nli_model, analyses=[analysis])
    assert abs(sum(v.probs.values()) - 1) < 1e-5
    assert v.evidence and v.chunks >= 1
    for e in v.evidence:
        assert_slices(document, e.start, e.end, e.text)
        assert abs(sum(e.probs.values()) - 1) < 1e-5
    spans = {d.id: (d.start, d.end, d.denied) for d in analysis.denials}
    for d in v.denials:                  # the analysis' denials, whose offsets slice (checked above)
        assert spans[d["id"]] == (d["start"], d["end"], d["denied"])


pair = st.tuples(hostile_text, hostile_text)


@settings(SETTINGS, max_examples=examples(10))
@given(st.lists(pair, min_size=1, max_size=6))
def test_predict_one_row_per_pair_in_input_order_summing_to_one(nli_model, pairs):
    got = nli_model.predict(pairs)
    assert got.probs.shape == (len(pairs), 3) and len(got.labels) == len(got.truncated) == len(pairs)
    assert np.allclose(got.probs.sum(axis=1), 1, atol=1e-5) and (got.probs >= 0).all()
    # the same pairs reversed come back reversed: rows follow the input, not the length sort
    back = nli_model.predict(pairs[::-1])
    assert np.allclose(back.probs[::-1], got.probs, atol=1e-4)
    assert list(back.truncated[::-1]) == list(got.truncated)


@pytest.mark.integration
@settings(SETTINGS, max_examples=examples(2))      # a process each: few, but many pairs in one file
@given(st.lists(st.tuples(short_text, short_text), min_size=1, max_size=20), st.booleans())
def test_score_command_keeps_ids_and_order(tmp_path_factory, pairs, ascii_only):
    d = tmp_path_factory.mktemp("score")
    rows = [{"id": f"r{i}", "premise": p, "hypothesis": h} for i, (p, h) in enumerate(pairs)]
    src = d / "in.jsonl"
    # raw Unicode (U+2028, NEL...) as claimbench itself writes JSON lines, or all escaped
    src.write_text("".join(json.dumps(r, ensure_ascii=ascii_only) + "\n" for r in rows), encoding="utf-8")
    out = d / "out.jsonl"
    proc = run_cli("score", str(src), "--out", str(out))
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n") if line]
    assert [(g["id"], g["premise"], g["hypothesis"]) for g in got] == \
        [(r["id"], r["premise"], r["hypothesis"]) for r in rows]
    for g in got:
        assert abs(sum(g["probs"].values()) - 1) < 1e-5
        assert g["label"] == max(g["probs"], key=g["probs"].get)
