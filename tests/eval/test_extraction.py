"""Scoring extraction against gold: the matching rules, on small hand-made records."""

from __future__ import annotations

from claimbench.eval.extraction import match_spans, same_source, score_attributions, score_extraction


def span(i, a, b, **kw):
    return {"id": i, "start": a, "end": b, **kw}


def test_span_match_needs_half_of_both_spans_and_is_one_to_one():
    gold = [span("g1", 0, 100), span("g2", 100, 140)]
    pred = [span("p1", 0, 140), span("p2", 10, 90), span("p3", 200, 210)]
    # p1 covers g1 but is too long for g2 (40 of its 140 characters); p2 fits g1 best
    assert match_spans(gold, pred) == {"p2": "g1"}
    assert match_spans(gold, pred[:1]) == {"p1": "g1"}


def test_same_source_accepts_only_names_the_article_links():
    text = ("Ministry spokesperson Lidia Varga said so. The party, Civic Renewal, objected. "
            "Norvala's health ministry said the ministry had acted. Oskan officials agreed.")
    assert same_source("the Central Election Commission", "The Central Election Commission")
    assert same_source(None, None)
    assert not same_source("Lidia Varga", None)
    # a title attached to the name in the article, and an apposition
    assert same_source("Lidia Varga", "ministry spokesperson Lidia Varga", text)
    assert same_source("Civic Renewal", "the party", text)
    # without the article nothing links them; containment alone is not a link
    assert not same_source("Lidia Varga", "ministry spokesperson Lidia Varga")
    assert not same_source("Norvala's health ministry", "the ministry", text)
    assert not same_source("Osk", "Oskan officials", text)
    assert not same_source("CTV", "Calvera's state broadcaster", text)


def test_score_extraction_counts_claims_denials_and_labelled_pairs():
    gold = {"doc_id": "x", "claims": [span("c1", 0, 20, source=None), span("c2", 30, 60, source="Ann Lee")],
            "denials": [span("d1", 30, 60, denier="Ann Lee", denied="The mill closed")],
            "pairs": [{"claim_id": "c1", "denial_id": "d1", "label": "contradiction"}],
            "non_denials": [span("n1", 70, 90)]}
    pred = {"id": "x", "claims": [span("c1", 0, 19, source=None), span("c2", 31, 60, source="Lee"),
                                  span("c3", 70, 90, source=None)],
            "denials": [span("d1", 31, 60, denier="Ann Lee", denied="The mill has closed")],
            "pairs": [{"claim_id": "c1", "denial_id": "d1", "label": "contradiction"},
                      {"claim_id": "c3", "denial_id": "d1", "label": "neutral"}]}
    s = score_extraction([gold], [pred], texts={"x": "Ann Lee spoke. Lee said the mill closed."})
    assert s["claims"]["tp"] == 2 and s["claims"]["predicted"] == 3 and s["claims"]["recall"] == 1.0
    assert s["source_accuracy"] == 1.0          # "Lee" is the "Ann Lee" the article names
    assert score_extraction([gold], [pred])["source_accuracy"] == 0.5   # no text: no link
    assert s["denials"]["f1"] == 1.0 and s["denier_accuracy"] == 1.0
    assert 0.5 < s["denied_token_f1"] < 1.0
    assert s["pairs"]["tp"] == 1 and s["pairs"]["predicted"] == 1     # neutral pairs are not predictions
    assert s["non_denials_flagged"] == {"flagged": 0, "total": 1}
    wrong = dict(pred, pairs=[{"claim_id": "c1", "denial_id": "d1", "label": "entailment"}])
    assert score_extraction([gold], [wrong])["pairs"]["tp"] == 0


def test_attribution_span_scores():
    text = 'Ann said "the mill closed" today.'
    gold = [{"source": (0, 3), "cue": (4, 8), "content": (9, 26)}]      # with the quote marks
    pred = [{"source": (0, 3), "cue": (4, 8), "content": (10, 25)}]     # without
    s = score_attributions(text, gold, pred)
    assert s["matched"] == 1 and s["source_exact"] == 1 and s["content_exact"] == 1
