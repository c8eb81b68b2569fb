"""Attribution rules on the parse: sources, cues, contents, quotes, resolution, source types."""

from __future__ import annotations

import pytest

from claimbench.claims.attribution import find_attributions, source_type
from claimbench.claims.nlp import parse_document
from claimbench.claims.types import Document


def attributions(text: str):
    out = [m.attribution for m in find_attributions(parse_document(Document("t", text)))]
    for a in out:
        for part in (a.source, a.cue, a.content):
            if part is not None:
                assert text[part.start:part.end] == part.text
    return out


def test_said_with_clause_after_and_before_the_cue():
    a = attributions("The harbour master said the channel would reopen on Friday.")
    assert [(x.source.text, x.cue.text, x.content.text, x.kind) for x in a] == [
        ("The harbour master", "said", "the channel would reopen on Friday", "indirect")]
    a = attributions("The channel will reopen on Friday, the harbour master has said.")
    assert (a[0].source.text, a[0].cue.text, a[0].content.text) == \
        ("the harbour master", "has said", "The channel will reopen on Friday")


def test_according_to():
    a = attributions("Grain exports fell by a third in March, according to the customs office.")
    assert (a[0].source.text, a[0].cue.text, a[0].content.text) == \
        ("the customs office", "according to", "Grain exports fell by a third in March")


def test_direct_quote_and_he_said_resolved_to_the_last_named_speaker():
    text = ('Fleet director Ivar Lund spoke at the depot. "The buses are old and we need new ones," '
            "he said.")
    a = attributions(text)
    assert a[0].kind == "direct"
    assert a[0].content.text == "The buses are old and we need new ones"
    # a lower-case descriptor is dropped from the name (claims/README.md, "Sources")
    assert a[0].source.text == "he" and a[0].source_name == "Ivar Lund"


def test_he_said_resolves_to_the_nearest_subject_not_the_last_speaker():
    text = ('Prosecutor Maja Tell said the mayor took bribes. Mayor Oskar Brill, 58, told the court '
            'he was innocent. He said the case was "a witch hunt".')
    a = attributions(text)
    last = next(x for x in a if "witch hunt" in x.content.text)
    assert last.source.text == "He" and last.source_name == "Mayor Oskar Brill"


def test_title_inside_a_mislabelled_name_and_a_missed_surname():
    text = ('"We have no such plan," Norrland spokesperson Vera Lind said. Lind confirmed that the '
            "plant was under review, but she rejected the union's figures.")
    a = attributions(text)
    assert a[0].source_name == "Vera Lind"
    assert {x.source_name for x in a[1:]} == {"Vera Lind"}


def test_mixed_quote():
    a = attributions('The regulator said the merger was "a serious risk" to consumers.')
    assert a[0].kind == "mixed" and a[0].content.text == 'the merger was "a serious risk" to consumers'


def test_state_media_reported_and_analysts_said():
    a = attributions("Belvar's state media reported that the navy had tested a new missile. "
                     "The test raises tensions in the strait, analysts said.")
    assert [(x.source_type, x.content.text) for x in a] == [
        ("state_media", "the navy had tested a new missile"),
        ("analyst", "The test raises tensions in the strait")]


def test_no_attribution_for_refusals_questions_and_plain_facts():
    assert attributions("The minister declined to say whether the plant would close.") == []
    assert attributions("The agency did not say how many tests were carried out.") == []
    assert attributions("The river flooded three villages on Sunday.") == []


@pytest.mark.parametrize("phrase, expected", [
    ("a person familiar with the talks", "anonymous"),
    ("officials who spoke on condition of anonymity", "anonymous"),
    ("ministry spokeswoman Ana Bel", "spokesperson"),
    ("the state news agency", "state_media"),
    ("analysts", "analyst"),
    ("Interior Minister Dana Reyes", "government"),
    ("the United Nations Panel of Experts", "organization"),
])
def test_source_type(phrase, expected):
    assert source_type(phrase) == expected
