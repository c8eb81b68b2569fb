"""Denials: the denier, the denied proposition made positive, and what is not a denial."""

from __future__ import annotations

import pytest

from claimbench.claims.extract import analyze_text


def denials(text: str):
    a = analyze_text(text)
    for d in a.denials:
        assert text[d.start:d.end] == d.text
        assert d.claim_id in {c.id for c in a.claims}
        assert a.claim(d.claim_id).type == "denial"
    return [(d.denier, d.denied) for d in a.denials]


@pytest.mark.parametrize("text, denier, denied", [
    ("Vellar and Osk deny they have conducted arms transactions.", "Vellar and Osk",
     "Vellar and Osk have conducted arms transactions"),
    ("The ministry denied that it sold drones to the rebels.", "The ministry",
     "The ministry sold drones to the rebels"),
    # "its" is the denier's; the back-shift of reported speech is undone
    ("The club rejected claims that its coach had bribed a referee.", "The club",
     "The club's coach bribed a referee"),
    ("The refinery denied dumping waste into the river.", "The refinery",
     "The refinery dumped waste into the river"),
    ("The mayor denied any involvement in the land deal.", "The mayor",
     "The mayor was involved in the land deal"),
])
def test_denied_proposition_is_positive(text, denier, denied):
    assert denials(text) == [(denier, denied)]


@pytest.mark.parametrize("sentence, positive", [
    ("We never paid anyone and we never staged anything.", "We paid someone and we staged something"),
    ("There is no such plan, and there is no such memo.", "There is a plan, and there is a memo"),
    ("No hospital has been told to change a cause of death.", "A hospital has been told to change a cause of death"),
    ("There was no ballot stuffing in Lowmarch.", "There was ballot stuffing in Lowmarch"),
])
def test_negation_removal_restores_articles_and_conjoined_clauses(sentence, positive):
    from claimbench.claims.nlp import load_nlp
    from claimbench.claims.rewrite import positive_edits, render

    doc = load_nlp()(sentence)
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert render(list(doc)[:-1], positive_edits(root)) == positive


def test_denial_inside_a_statement():
    got = denials("A company spokesman said the firm had never paid any official.")
    assert len(got) == 1 and got[0][0] == "A company spokesman"
    assert "never" not in got[0][1] and "paid" in got[0][1]


def test_dismissed_as_baseless_refers_back_to_the_claim():
    text = ("Auditors said the charity had moved funds to a shell company. "
            "The charity dismissed the report as baseless.")
    got = denials(text)
    assert len(got) == 1 and got[0][0] == "The charity"
    assert "moved funds" in got[0][1]


@pytest.mark.parametrize("text", [
    "The state agency did not refer to the war in the north.",
    "The ministry declined to comment on the report.",
    "The board has not decided whether to sell the stadium.",
    "No injuries were reported after the fire.",
    "The minister did not deny that the talks had stalled.",
    "The court rejected the appeal on Monday.",
    "The player was denied entry at the border.",
])
def test_non_denials(text):
    assert denials(text) == []
