"""Claims from whole documents: offsets, types, standalone text, bad input, the seed article."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimbench.claims.extract import analyze_documents, analyze_text
from claimbench.claims.types import Document

from hypo import examples


def check_offsets(text: str, a) -> None:
    for c in a.claims:
        assert 0 <= c.start <= c.end <= len(text) and text[c.start:c.end] == c.text
    for d in a.denials:
        assert text[d.start:d.end] == d.text
    for att in a.attributions:
        for part in (att.source, att.cue, att.content):
            if part is not None:
                assert text[part.start:part.end] == part.text
    for s in a.document.sentences:
        assert text[s.start:s.end] == s.text


ARTICLE = """Port authority denies smuggling claims
GRENVIK, May 2 (Meridian Wire) - Customs investigators said on Tuesday that containers of untaxed cigarettes had passed through the port of Grenvik since January.
The port authority denied that it had allowed the shipments through. "Every container is scanned," its director, Hana Loft, told reporters. She said the investigators' figures were "baseless".
The shipments may have been worth 40 million crowns, according to a customs official who spoke on condition of anonymity.
The port handled a record 2.1 million containers last year, and its new terminal opens in June.
Is the port safe? Here is what we know.
"""


def test_article_claims_types_sources_and_standalone():
    a = analyze_text(ARTICLE, "port")
    check_offsets(ARTICLE, a)
    by_text = {c.text: c for c in a.claims}
    assert not any("Port authority denies smuggling claims" in t for t in by_text), "headline is no claim"
    assert not any(t.startswith("Is the port") or t.startswith("Here is") for t in by_text)
    c = by_text["containers of untaxed cigarettes had passed through the port of Grenvik since January"]
    assert (c.type, c.source, c.source_type) == ("attributed", "Customs investigators", "government")
    quote = by_text["Every container is scanned"]
    assert quote.type == "quote" and quote.source == "Hana Loft"
    hedged = next(c for c in a.claims if c.text.startswith("The shipments may have been worth"))
    assert hedged.type == "hedged" and hedged.source_type == "anonymous"
    own = [c for c in a.claims if c.source is None]
    assert {c.text for c in own} >= {"The port handled a record 2.1 million containers last year",
                                     "its new terminal opens in June"}
    assert all(c.type == "assertion" for c in own)
    deniers = {d.denier for d in a.denials}
    assert "The port authority" in deniers
    d = next(d for d in a.denials if d.denier == "The port authority")
    assert d.denied == "The port authority allowed the shipments through"   # back-shift undone
    # "its new terminal": the standalone text names the port
    terminal = by_text["its new terminal opens in June"]
    assert terminal.standalone.lower().startswith("the port") or "port" in terminal.standalone.split("'")[0].lower()


@pytest.mark.parametrize("text", ["", "   \n\t ", "\r\n\r\n", "Hello.", "(With inputs from agencies)",
                                  "Why?", "???", "<p></p>"])
def test_inputs_without_claims(text):
    a = analyze_text(text)
    check_offsets(text, a)
    assert a.claims == [] and a.denials == []


def test_single_sentence_and_very_long_sentence():
    one = "The ferry sank near the harbour on Sunday."
    a = analyze_text(one)
    assert [(c.text, c.type) for c in a.claims] == [("The ferry sank near the harbour on Sunday", "assertion")]
    long = "The council said " + ", ".join(f"road {i} will close" for i in range(800)) + "."
    a = analyze_text(long)
    check_offsets(long, a)
    assert a.claims


def test_html_input_offsets_index_the_html():
    html = ("<html><body><h1>Mill closes</h1><p>The mill <i>closed</i> on Friday, the union said.</p>"
            "<p>The owner denied that it had cut wages.</p></body></html>")
    a = analyze_text(html)
    check_offsets(html, a)
    assert any("<i>closed</i>" in c.text and c.source == "the union" for c in a.claims)
    assert [d.denier for d in a.denials] == ["The owner"]


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_never_crashes_and_offsets_always_slice(text):
    a = analyze_text(text)
    check_offsets(text, a)


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([
    "The minister said", " the plan", " had failed", ".", "\n", "“", "”", '"', " denied that", " it",
    " never", " sold", " drones", " <b>", "</b>", " &amp;", "\r\n", "- ", " analysts said", ",",
    " according to", " officials", " é", " 漢字", " 🙂", "  ", "\t"]), max_size=40).map("".join))
def test_news_like_fragments_never_crash(text):
    a = analyze_text(text)
    check_offsets(text, a)


def test_batch_analysis_matches_single_and_rejects_non_documents():
    docs = [Document("a", ARTICLE), Document("b", "The ferry sank on Sunday, police said.")]
    batch = analyze_documents(docs)
    assert [c.text for c in batch[1].claims] == [c.text for c in analyze_text(docs[1].text).claims]
    with pytest.raises(TypeError, match="Document"):
        analyze_documents(["plain string"])


# --------------------------------------------------------------------------- the seed article
@pytest.fixture(scope="module")
def seed(seed_article):
    text = open(seed_article, encoding="utf-8").read()
    return text, analyze_text(text, "seed")


def test_seed_white_house_claim_and_denial(seed):
    text, a = seed
    check_offsets(text, a)
    shipped = [c for c in a.claims if "shipped weapons" in c.text and c.source and "White House" in c.source]
    assert shipped and shipped[0].type == "attributed" and shipped[0].source_type == "government"
    arms = [d for d in a.denials if "arms transactions" in d.denied]
    assert arms and all(d.denier == "North Korea and Russia" for d in arms)
    assert all(" deny " not in f" {d.denied} " for d in arms)


def test_seed_kcna_non_denial_and_analysts(seed):
    text, a = seed
    kcna = text.index("KCNA did not refer")
    assert not any(d.start <= kcna < d.end for d in a.denials)
    kcna_claim = [c for c in a.claims if c.text.startswith("KCNA did not refer")]
    assert kcna_claim and kcna_claim[0].type == "assertion"
    analysts = [c for c in a.claims if c.source_type == "analyst"]
    assert len(analysts) >= 2 and all("analyst" in c.source.lower() for c in analysts)
    assert any(c.text.startswith("The Russian visit raises the prospect") for c in analysts)


def test_a_garbled_name_before_a_denial_does_not_break_extraction():
    # found by tests/test_properties.py: the parser made a determiner the root of a
    # PERSON entity glued to unassigned and Thai characters
    text = "\ufffa\u0f86\u0e01\u0e32The ministry denied that it had sold drones to the rebels."
    a = analyze_text(text)
    (d,) = a.denials
    assert d.denied.endswith("The ministry sold drones to the rebels")
    for c in a.claims:
        assert text[c.start:c.end] == c.text
