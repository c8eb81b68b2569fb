"""Headline casing and headline denials, on invented headlines."""

from __future__ import annotations

import pytest

from claimbench.claims.extract import analyze_text
from claimbench.claims.headlines import (
    case_for_parser,
    is_headline_line,
    is_label,
    restore_case,
    sentence_case,
)


def _one(text):
    ds = analyze_text(text).denials
    assert len(ds) == 1, (text, ds)
    return ds[0]


def test_sentence_case_keeps_length_and_names():
    line = "Karsk Foods Denies Plan To Close Kellwick Plant"
    cased = sentence_case(line)
    assert len(cased) == len(line)
    assert cased.startswith("Karsk") and "denies plan to close" in cased
    assert restore_case(cased[len("Karsk Foods "):], line, cased) == "Denies Plan To Close Kellwick Plant"


def test_headline_line_detection():
    assert is_headline_line("Port Authority Says Tankers Were Never Loaded")
    assert not is_headline_line("The port authority said the tankers were never loaded.")
    assert case_for_parser("Officials say the bridge will reopen.") == "Officials say the bridge will reopen."
    assert case_for_parser("Mayor DENIES bridge report") == "Mayor denies bridge report"


def test_labels_are_no_speakers():
    assert is_label("HOAX") and is_label("Fact check")
    assert not is_label("Harbour police")


@pytest.mark.parametrize("text, denier, denied", [
    pytest.param("Harbour Police: Report Of Stolen Ferry Is False", "Harbour Police", "stolen ferry",
                 marks=pytest.mark.xfail(reason="a colon speaker before a Title Case falsity predicate is missed")),
    ("Transit agency: No buses were rerouted through Dalby", "Transit agency", "buses were rerouted"),
    ("Ferry wasn't stolen: Police", "Police", "ferry was stolen"),
    ("Port chief rebuffs councillor's claim that tankers dumped oil", "Port chief", "tankers dumped oil"),
    ("Officials shoot down rumour that the bridge will close", "Officials", "bridge will close"),
    ("Lorvik Mining denies plan to cut 300 jobs", "Lorvik Mining", "Lorvik Mining plans to cut 300 jobs"),
    ("Mayor Says Bridge Closure Not Imminent", "Mayor", "bridge closure imminent"),
    ("Stolen ferry story was a hoax, harbour manager says", "harbour manager", "stolen ferry"),
])
def test_named_headline_denials(text, denier, denied):
    d = _one(text)
    assert d.denier and d.denier.lower() == denier.lower()
    assert denied.lower() in d.denied.lower()
    assert "not" not in d.denied.lower().split()
    assert d.strength == "denial"


@pytest.mark.parametrize("text, denied", [
    ("No, A Whale Did Not Swim Into The Dalby Canal", "whale swam into the dalby canal"),
    ("Report that the Dalby bridge collapsed is false", "dalby bridge collapsed"),
    ("Viral photo of flooded Dalby square is fake", "flooded dalby square"),
    ("Dalby ferry sinking? Nope", "dalby ferry sinking"),
])
def test_article_voice_headline_denials(text, denied):
    d = _one(text)
    assert d.denier is None
    assert denied in d.denied.lower()


@pytest.mark.parametrize("text", [
    "Scientists cast doubt on claim that a comet hit Dalby",
    "Glowing lake in Dalby likely a hoax",
    "Agency questions whether the crater was made by a meteor",
])
def test_doubt_is_a_weaker_denial(text):
    assert _one(text).strength == "doubt"


@pytest.mark.parametrize("text", [
    "Minister refuses to confirm or deny the bridge report",
    "Don't share this photo of the Dalby flood",
    "Was the Dalby ferry sinking a hoax?",
    "Fine, not prison, for Dalby ferry captain",
    "Council will reopen the Dalby bridge on Monday",
    "HOAX: the new Dalby ferry timetable explained",
])
def test_headline_non_denials(text):
    d = analyze_text(text).denials
    assert all(x.cue and x.cue.lower() != "hoax" for x in d) if text.startswith("HOAX") else d == []


def test_headline_offsets_index_the_original():
    text = "HARBOUR POLICE: FERRY WAS NOT STOLEN"
    d = _one(text)
    assert text[d.start:d.end] == d.text
    assert "FERRY" in d.denied.upper() and "not" not in d.denied.lower().split()
