"""Claims in real article bodies (issue 14), on invented text: bylines, datelines, credits,
captions, links and passages in other languages are no claims; quoted words keep their
speaker and are never the article's own assertion."""

from __future__ import annotations

import pytest

from claimbench.claims.extract import analyze_text

BODY = "The river burst its banks on Tuesday and flooded the lower town."


@pytest.mark.parametrize("line", [
    "kw/lm (AFP, dpa)",
    "The Wire Agency contributed to this report.",
    "Photo credit: Ana Ruiz / Getty Images",
    "PHOTOS: Ten towns that rebuilt after the floods",
    "RELATED: Mayor Opens New Flood Barrier In Eastbrook",
    "[This post has been updated.]",
    "(via Riverside Daily)",
    "Read more at www.example.org/floods",
    "Die Feuerwehr ist mit vielen Helfern vor Ort und die Lage ist nicht unter Kontrolle.",
])
def test_boilerplate_lines_are_not_claims(line):
    a = analyze_text(f"{BODY}\n\n{line}\n\nResidents said the water had reached the first floors.")
    texts = [c.text for c in a.claims]
    assert not any(t in line or line.strip("[]()") in t for t in texts), texts
    assert any("flooded the lower town" in t for t in texts)
    assert any(c.source == "Residents" for c in a.claims)


def test_embedded_post_signed_on_the_next_line_is_skipped():
    text = (f"{BODY}\n\nThe water is rising fast near the old mill, stay away from the bank\n"
            "— Flood Watch (@floodwatch) March 3, 2015\n\nThe mayor said the school would stay shut.")
    texts = [c.text for c in analyze_text(text).claims]
    assert not any("old mill" in t for t in texts)
    assert any("school would stay shut" in t for t in texts)


def test_title_case_related_story_line_is_skipped():
    text = f"{BODY}\n\nEastbrook Mayor Unveils New Flood Barrier Plan For Lower Town\n\nThe barrier cost two million."
    texts = [c.text for c in analyze_text(text).claims]
    assert not any("Unveils" in t for t in texts)
    assert any("barrier cost two million" in t for t in texts)


def test_quoted_sentences_keep_their_quoted_speaker():
    text = ('The engineer Pia Holm inspected the dam on Monday. "The wall is cracked. The water will find a way '
            'through," Holm said. "We have asked for pumps."')
    claims = analyze_text(text).claims
    quoted = [c for c in claims if c.type == "quote"]
    assert len(quoted) == 3
    assert {c.source for c in quoted} == {"Pia Holm"}
    assert not any(c.type == "assertion" and "cracked" in c.text for c in claims)


def test_unattributed_quoted_text_is_not_the_articles_own_assertion():
    text = ('A message shared thousands of times claimed the dam had failed. '
            '"The Eastbrook dam has collapsed and the valley will be under water by noon."')
    claims = analyze_text(text).claims
    quoted = [c for c in claims if "valley will be under water" in c.text]
    assert quoted and all(c.type != "assertion" and c.source_type != "article" for c in quoted)
