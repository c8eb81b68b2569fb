"""Attribution patterns of real political news and wire copy (issue 14), on invented sentences:
beliefs, intentions, evaluations, noun cues, directives, parenthetical and split reporting
clauses, the speaker after the quote, quotations over several sentences and paragraphs,
dash-signed quotes; and what must stay out."""

from __future__ import annotations

import pytest

from claimbench.claims.attribution import CUE_KINDS, cue_kind, find_attributions, unique_attributions
from claimbench.claims.extract import analyze_text
from claimbench.claims.nlp import parse_document
from claimbench.claims.types import Document


def attributions(text: str):
    out = unique_attributions(find_attributions(parse_document(Document("t", text))))
    for a in out:
        for part in (a.source, a.cue, a.content):
            if part is not None:
                assert text[part.start:part.end] == part.text
        assert a.cue_kind in CUE_KINDS
    return out


def triples(text: str):
    return [(a.source and a.source.text, a.cue and a.cue.text, a.content.text, a.cue_kind) for a in attributions(text)]


@pytest.mark.parametrize("lemma, kind", [("say", "speech"), ("urge", "speech"), ("claim", "speech"),
                                         ("believe", "belief"), ("expect", "belief"), ("want", "intention"),
                                         ("proposal", "intention"), ("criticism", "evaluation"),
                                         ("endorse", "evaluation"), ("hire", "other"), ("release", "other")])
def test_cue_kind_by_lemma(lemma, kind):
    assert cue_kind(lemma) == kind


def test_belief_verbs():
    assert triples("The minister believes the economy will grow next year.") == [
        ("The minister", "believes", "the economy will grow next year", "belief")]
    assert triples("Lena Ortiz seemed to think the deal would collapse.") == [
        ("Lena Ortiz", "seemed to think", "the deal would collapse", "belief")]


def test_is_expected_to_has_no_source():
    (a,) = attributions("The council is expected to approve the budget on Friday.")
    assert a.source is None and a.cue.text == "is expected" and a.cue_kind == "belief"
    assert "approve the budget" in a.content.text


def test_intention_and_evaluation_verbs():
    (a,) = attributions("The mayor wants to close the old bridge by winter.")
    assert (a.source.text, a.cue_kind) == ("The mayor", "intention") and "close the old bridge" in a.content.text
    (a,) = attributions("Senator Hale criticized the tax on diesel fuel.")
    assert (a.source.text, a.cue.text, a.content.text, a.cue_kind) == \
        ("Senator Hale", "criticized", "the tax on diesel fuel", "evaluation")
    (a,) = attributions("He likened the plan to a tax on the poor.")
    assert (a.cue.text, a.content.text, a.cue_kind) == ("likened", "the plan to a tax on the poor", "evaluation")


def test_noun_cues():
    assert triples("The police's earlier claim that the driver fled was wrong.") == [
        ("The police's", "claim", "the driver fled", "speech")]
    (a,) = attributions("Farmers voiced criticism of the new tax on fuel.")
    assert (a.source.text, a.cue.text, a.content.text, a.cue_kind) == \
        ("Farmers", "criticism", "of the new tax on fuel", "evaluation")


def test_directive_and_naming():
    (a,) = attributions("The governor asked the crowd to stay calm during the count.")
    assert (a.source.text, a.cue.text, a.cue_kind) == ("The governor", "asked", "speech")
    assert a.content.text == "the crowd to stay calm during the count"
    (a,) = attributions("She called him “a genius” at the rally.")
    assert (a.source.text, a.cue.text) == ("She", "called") and "a genius" in a.content.text


def test_parenthetical_said_encloses_source_and_cue():
    (a,) = attributions("The museum, Mr. Varga said, celebrated the town's long history of trade.")
    assert (a.source.text, a.cue.text) == ("Mr. Varga", "said")
    assert a.content.text.startswith("The museum") and a.content.text.endswith("history of trade")


def test_relative_clause_claim_keeps_its_source():
    (a,) = attributions("The plant, which state media claimed was a success, closed in March.")
    assert (a.source.text, a.cue.text, a.content.text) == ("state media", "claimed", "was a success")


def test_speaker_after_the_quote_and_speech_verb_apart_from_its_clause():
    assert triples("“Being a father is my job now,” said Tomas Weil.") == [
        ("Tomas Weil", "said", "Being a father is my job now", "speech")]
    assert triples("The senator tweeted in the early morning hours that the vote had been rigged.") == [
        ("The senator", "tweeted", "the vote had been rigged", "speech")]


def test_multi_sentence_quote_is_one_attribution():
    text = "“The port is full. The ships wait for days,” the harbour master said."
    (a,) = attributions(text)
    assert a.content.text == "The port is full. The ships wait for days"
    assert a.source.text == "the harbour master"


def test_mixed_quote_running_into_a_second_sentence():
    text = ("Mira Tell said that writing about the town “is a little like writing about the moon. "
            "There are so many people who love it and fear it.”")
    (a,) = attributions(text)
    assert a.content.text.endswith("love it and fear it")
    claims = analyze_text(text).claims
    assert [c.source for c in claims] == ["Mira Tell", "Mira Tell"]


def test_quote_over_paragraphs_keeps_its_speaker():
    text = ('The student spoke out on Friday.\n'
            '"I have turned nineteen and after a lot of thought I have decided to tell everyone.\n'
            '"I used to hide it but my friends gave me the confidence to say it," she wrote. '
            '"I am the girl from the old cereal box."\n')
    claims = analyze_text(text).claims
    quoted = [c for c in claims if c.type == "quote"]
    assert len(quoted) == 3 and all(c.source == "she" or c.source for c in quoted)
    assert len({c.attribution_id for c in quoted}) == 1


def test_quote_sentences_after_a_cue_keep_the_speaker():
    text = ("“He was there when it happened,” Dorsett said, adding that he first assumed the noise "
            "was fireworks. “He is a very private person. He is not seeking publicity of any kind.”")
    claims = analyze_text(text).claims
    assert [c.source for c in claims if c.text.startswith("He is")] == ["Dorsett", "Dorsett"]


def test_dash_signed_quote():
    text = "“I came here for the jobs and I stayed for the people.”\n\n— Maria Lopez, a nurse"
    (a,) = attributions(text)
    assert (a.source.text, a.cue.text, a.cue_kind) == ("Maria Lopez", "—", "speech")
    assert a.content.text == "I came here for the jobs and I stayed for the people."[:-1]


def test_colon_speaker():
    (a,) = attributions("Mayor Ortiz: The new bridge will open in May.")
    assert (a.source.text, a.cue.text, a.content.text) == ("Mayor Ortiz", ":", "The new bridge will open in May")


@pytest.mark.parametrize("text", [
    "The bridge was closed for repairs on Monday.",
    "Update: The road has reopened.",
    "The senator spoke to reporters after the vote.",
    "An official, speaking on condition of anonymity, left the building.",
    "The campaign hired a new manager in June.",
    "The state of the roads has worsened since May.",
])
def test_not_attributions(text):
    assert attributions(text) == []


def test_wide_cues_do_not_make_claims_of_their_own():
    a = analyze_text("Senator Hale criticized the tax on diesel fuel.")
    assert [c.type for c in a.claims] == ["assertion"]
    assert [x.cue_kind for x in a.attributions] == ["evaluation"]
    assert a.to_dict()["attributions"][0]["cue_kind"] == "evaluation"
