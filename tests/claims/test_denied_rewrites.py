"""The denied proposition of a denial: a standalone positive statement of what is denied.

Each case is an invented sentence for one rewrite rule of ``claims/denials.py`` and
``claims/rewrite.py`` (``claims/ANNOTATION.md``: "the proposition denied, rewritten as
a standalone positive statement").
"""

from __future__ import annotations

import pytest

from claimbench.claims.extract import analyze_text


def denials(text: str) -> list[tuple[str | None, str]]:
    a = analyze_text(text)
    for d in a.denials:
        assert text[d.start:d.end] == d.text
    return [(d.denier, d.denied) for d in a.denials]


def only_denial(text: str) -> tuple[str | None, str]:
    got = denials(text)
    assert len(got) == 1, got
    return got[0]


@pytest.mark.parametrize("text, denied", [
    # reported speech shifts the tense back; the denied proposition undoes it
    ("The company denied that it had sold weapons to the militia.", "The company sold weapons to the militia"),
    ("The council denied that the well had been poisoned by the factory.",
     "The well was poisoned by the factory"),
    # ... but a state over a stretch of time keeps its perfect
    ("The board rejected claims that the hall had been closed for two years.",
     "The hall had been closed for two years"),
])
def test_back_shift_of_reported_speech_is_undone(text, denied):
    assert only_denial(text)[1] == denied


@pytest.mark.parametrize("text, denied", [
    # an appositive description of a name
    ("The ministry denied that it had armed the Black Hill Brigade, a militia fighting the army in the north.",
     "The ministry armed the Black Hill Brigade"),
    # a participle after a comma ("saying ..."), and "its" is the denier's
    ("The firm denied that any tainted grain had left its silo in the port of Dunmore, saying its own tests "
     "had found the grain safe.", "A tainted grain left the firm's silo in the port of Dunmore"),
    # a non-restrictive relative clause
    ("The company rejected accusations by the regulator that its plant had polluted the lake, where hundreds "
     "of birds have died.", "The company's plant polluted the lake"),
])
def test_asides_are_left_out(text, denied):
    assert only_denial(text)[1] == denied


def test_accusations_by_someone_that_p_deny_p():
    denier, denied = only_denial("Vanta Oil rejected accusations by the environment ministry that a leak from "
                                 "its pipeline had polluted the Sorrow River.")
    assert denier == "Vanta Oil"
    assert denied == "A leak from Vanta Oil's pipeline polluted the Sorrow River"


def test_no_such_spells_out_the_earlier_description_and_keeps_a_denied_conjunct():
    got = denials("The union said it had seen a plan to shut the Tarvik mill before the winter. "
                  "\"There is no such plan, and there is no such letter,\" spokesman Ole Brandt said.")
    assert got == [("Ole Brandt",
                    "There is a plan to shut the Tarvik mill before the winter, and there is a letter")]


def test_there_is_no_bare_noun_takes_the_earlier_mention():
    got = denials("Halvia dismissed reports of a troop build-up near the Sorrel border as \"nonsense\". "
                  "\"There is no build-up,\" army spokesman Colonel Piet Varn said.")
    assert ("Colonel Piet Varn", "There is troop build-up near the Sorrel border") in got


@pytest.mark.parametrize("text, denied", [
    ("The shipper denied that any of its cargo came from Velland.", "The shipper's cargo came from Velland"),
    # "any of the pilots" is plural: "were"
    ("Skyra Air acknowledged that two of its jets had landed late but denied that any of the pilots had "
     "been drinking.", "The pilots were drinking"),
])
def test_denied_partitive_subject_is_made_whole(text, denied):
    assert only_denial(text)[1] == denied


def test_denier_of_but_denied_after_an_acknowledgement_is_the_speaker():
    # the parser joins "denied" to "had landed"; the airline, not "two of its jets", denies
    text = ("Skyra Air acknowledged that two of its jets had landed late but denied that any of the pilots "
            "had been drinking.")
    assert only_denial(text)[0] == "Skyra Air"


@pytest.mark.parametrize("text, expected", [
    pytest.param("Prosecutors said the club had paid referees. "
                 "\"We never bribed anyone,\" club treasurer Anna Holt said.",
                 ("Anna Holt", "Anna Holt bribed someone"), id="lower-case descriptor dropped from the denier"),
    pytest.param("Auditors said the party had paid voters. "
                 "\"We never paid anyone and we never forged anything,\" party leader Mia Strand said.",
                 ("Mia Strand", "Mia Strand paid someone and Mia Strand forged something"),
                 id="conjoined denials both kept"),
    pytest.param("Inspectors said the additive was found in the soup. "
                 "Halvik Foods said its plant had never used the additive.",
                 ("Halvik Foods", "Halvik Foods' plant used the additive"),
                 id="its in an organisation's statement is the organisation's"),
    pytest.param("Officials in Brenn on Tuesday accused Karsa Steel of dumping slag into the river that runs "
                 "past its mill. Karsa Steel rejected the accusation.",
                 ("Karsa Steel", "Karsa Steel dumped slag into the river that runs past Karsa Steel's mill"),
                 id="bare reference to an accusation takes what was alleged"),
    pytest.param("The TV channel reported on Friday that the mayor had taken a bribe from a builder. "
                 "The mayor denied the report.",
                 ("The mayor", "The mayor took a bribe from a builder"),
                 id="bare reference to a report takes its content, not the reporting frame"),
])
def test_denier_and_denied_proposition(text, expected):
    assert denials(text) == [expected]


def test_a_report_dismissed_before_it_is_described_is_what_it_says_next():
    a = analyze_text("Kelso Mining dismissed a report by the research firm Greystone as baseless. "
                     "The report says Kelso overstated its gold reserves by a third. "
                     "Greystone holds a short position in Kelso.")
    (d,) = a.denials
    assert "overstated" in d.denied and "short position" not in d.denied
    assert [a.claim(t).text for t in d.targets][-1].startswith("Kelso overstated")


def test_a_modified_claim_noun_refers_to_the_claim_about_it():
    a = analyze_text("A rival said the cyclist had doped. The cyclist's doctor said the positive test had been "
                     "caused by a contaminated vitamin pill. The pill maker dismissed the contamination claim "
                     "as a lie.")
    (d,) = a.denials
    assert d.denier == "The pill maker"
    assert d.denied == "The positive test was caused by a contaminated vitamin pill"


@pytest.mark.parametrize("text", [
    # nobody in the story said customer data was stolen: a report of a fact, no denial
    "Hackers shut down the grid for a day. The grid operator said no customer data had been stolen.",
    # "it would be wrong for X to comment" calls nothing false
    "He said it would be wrong for ministers to comment on the case.",
])
def test_negations_that_reject_no_ones_proposition_are_not_denials(text):
    assert denials(text) == []


def test_statement_inside_a_relative_clause_gets_its_subject():
    a = analyze_text("Civic Action published videos it said showed police officers burning ballots at a "
                     "school in Tarn.")
    assert "Videos showed police officers burning ballots at a school in Tarn" in [c.standalone
                                                                                   for c in a.claims]


def test_said_a_and_called_b_false_gives_two_denials_and_two_claims():
    text = ("The interior ministry accused Ostra of hacking the rail network. "
            "A spokesman for Ostra said the country \"has never attacked\" rail networks "
            "and called the ministry's claims \"absurd\".")
    a = analyze_text(text)
    assert len(a.denials) == 2, [(d.text, d.denied) for d in a.denials]
    first, second = a.denials
    assert second.text == "called the ministry's claims \"absurd\""
    assert first.text.endswith("rail networks") and "never" not in first.denied
    claims = {c.text: c for c in a.claims}
    assert claims[first.text].type == claims[second.text].type == "denial"
    assert claims[first.text].source == claims[second.text].source


def test_perfect_with_a_purpose_is_back_shifted_but_one_with_a_time_span_is_not():
    assert only_denial("The port authority rejected the accusation that the port had been used for the "
                       "shipments.")[1] == "The port was used for the shipments"
    assert only_denial("The board rejected claims that the hall had been closed since March.")[1] == \
        "The hall had been closed since March"
