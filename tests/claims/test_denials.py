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


# --------------------------------------------------------------------------- article bodies
def body_denials(text: str):
    a = analyze_text(text)
    for d in a.denials:
        assert text[d.start:d.end] == d.text
    return [(d.text, d.denier, d.denied, d.strength) for d in a.denials]


@pytest.mark.parametrize("text, span, denier, denied", [
    # a bare "these allegations" / "these claims" resolves to the accusation, stated positively
    ('A newspaper reported that the minister had taken bribes from a builder. "We categorically deny '
     'these allegations," a spokesman said.', "We categorically deny these allegations", "a spokesman",
     "The minister took bribes from a builder"),
    # "no truth to X" is never turned into "truth to X": X is resolved
    ("A website claimed the actor had died in a crash. His agent said there was no truth to the reports.",
     "there was no truth to the reports", "His agent", "The actor died in a crash"),
    # someone's "that's bogus" means the main claim before it, not its ", saying ..." tail
    ("A senator told reporters that the fleet had been sold, saying he heard it from an admiral. "
     "But the navy says that's bogus.", "that's bogus", "the navy", "The fleet was sold"),
    # an extraposed "it wasn't true that P" (typographic apostrophe)
    ("A blog said the trophy had been stolen. Club officials said it wasn’t true that the trophy had "
     "been stolen.", "it wasn’t true that the trophy had been stolen", "Club officials", "The trophy was stolen"),
])
def test_body_denials_resolve_what_they_deny(text, span, denier, denied):
    assert (span, denier, denied, "denial") in body_denials(text)


@pytest.mark.parametrize("text, span, denied", [
    # article voice: the story is a hoax -> the story the article is about
    ("A website reported that a shark swam in the flooded mall. The story is a hoax.",
     "The story is a hoax", "A shark swam in the flooded mall"),
    # a thing called a hoax is said to be real; hedges and "rumoured" are left out
    ("Fans feared the trophy had been stolen from the club museum. The rumoured theft of the trophy in "
     "Leeds appears to be a false alarm.", "The rumoured theft of the trophy in Leeds appears to be a false alarm",
     "The theft of the trophy in Leeds is real"),
    ("A clip showing a goat voting was shared widely online. The clip appears to have been a hoax.",
     "The clip appears to have been a hoax", "The clip showing a goat voting was real"),
    # "it" in "shows it to be a hoax" is the clip before, not the footage compared with
    ("The post presented the clip of a goat voting as real, but comparison with other footage from the "
     "day shows it to be a hoax.", "comparison with other footage from the day shows it to be a hoax",
     "The clip of a goat voting was real"),
    # a correction of earlier reports
    ("A blog said she stole a painting. She did not, as some sites report, steal the painting from the gallery.",
     "She did not, as some sites report, steal the painting from the gallery", "She stole the painting from the gallery"),
    ("The driver who was taken to hospital on Friday is a woman - not a man as previously reported.",
     "The driver who was taken to hospital on Friday is a woman - not a man as previously reported",
     "The driver who was taken to hospital on Friday is a man"),
])
def test_article_voice_denials(text, span, denied):
    assert (span, None, denied, "denial") in body_denials(text)


def test_recanting_takes_back_the_speakers_own_claim():
    text = "In 2013 the mayor said that a tanker had been hit by gunfire. Last week the mayor recanted that story."
    assert body_denials(text) == [("the mayor recanted that story", "the mayor", "A tanker was hit by gunfire",
                                   "denial")]


@pytest.mark.parametrize("text, span, denier, denied", [
    ("A tabloid reported that the singer had bought an island. Her agent cast doubt on the report.",
     "Her agent cast doubt on the report", "Her agent", "The singer bought an island"),
    ("Scientists are skeptical that the comet will hit the moon.",
     "Scientists are skeptical that the comet will hit the moon", "Scientists", "The comet will hit the moon"),
    ("A blog said the club would move to Leeds. The chairman said it was unlikely that the club would move.",
     "it was unlikely that the club would move", "The chairman", "The club would move"),
])
def test_doubt_is_a_weaker_denial(text, span, denier, denied):
    assert (span, denier, denied, "doubt") in body_denials(text)


@pytest.mark.parametrize("text", [
    "A magazine reported that the band would split. The band declined to comment.",
    "A magazine reported that the band would split. The report could not be verified.",
    "A magazine reported that the band would split. The report could not be confirmed by the agency.",
    "A gas tank exploded in the market on Sunday. No one was hurt.",
    "The chairman said it is unlikely to rain on the day of the parade.",
    "The chef said the restaurant had never served anything like it before.",
    "Her mother said the family never realized how famous the show would become.",
    "Undercounting is not the same thing as hiding, the minister said.",
    "A watchdog, which has been rebutting similar claims for years, published its audit.",
    "It is not a hoax, the museum said of the painting.",
    "Nobody knows if the video is fake.",
])
def test_body_non_denials(text):
    assert body_denials(text) == []
