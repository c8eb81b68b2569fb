"""Sentence analysis: offsets into the text as given, line-break rules, HTML, long input."""

from __future__ import annotations

from claimbench.claims.nlp import mask_html, parse_document, split_blocks
from claimbench.claims.types import Document


def _sentences(text: str) -> list[str]:
    doc = parse_document(Document("t", text)).document
    for s in doc.sentences:
        assert text[s.start:s.end] == s.text
    return [s.text for s in doc.sentences]


def test_bullet_lines_without_final_punctuation_are_sentences():
    text = ("- Harbour strike enters second week\n- Unions reject wage offer\n"
            "Dock workers in Port Anvel stayed out on Monday. Talks resume on Friday.")
    assert _sentences(text) == ["- Harbour strike enters second week", "- Unions reject wage offer",
                                "Dock workers in Port Anvel stayed out on Monday.", "Talks resume on Friday."]


def test_hard_wrapped_line_continues_the_sentence():
    text = "The mayor said the bridge\nwould reopen in May. Traffic is light."
    assert _sentences(text) == ["The mayor said the bridge\nwould reopen in May.", "Traffic is light."]


def test_crlf_offsets_slice_the_original_text():
    text = "Headline without stop\r\nThe council met on Tuesday.\r\nIt voted to close the pool.\r\n"
    sents = _sentences(text)
    assert sents[1:] == ["The council met on Tuesday.", "It voted to close the pool."]


def test_html_tags_are_blanked_but_offsets_index_the_html():
    html = "<html><body><p>The port reopened on <b>Monday</b>.</p><p>Ships queued &amp; waited.</p></body></html>"
    masked = mask_html(html)
    assert len(masked) == len(html) and "<" not in masked
    sents = _sentences(html)
    assert sents[0].startswith("The port reopened on") and "<b>Monday</b>" in sents[0]
    assert sents[1] == "Ships queued &amp; waited."


def test_empty_and_whitespace_input_give_no_sentences():
    assert _sentences("") == []
    assert _sentences("  \n\t \r\n ") == []


def test_dateline_is_not_part_of_the_first_sentence():
    text = "Ferry operator cuts routes\nOSLIN, June 3 (Meridian Wire) - The ferry operator cut four routes."
    assert _sentences(text)[1] == "The ferry operator cut four routes."


def test_very_long_block_is_cut_under_the_block_limit():
    from claimbench.claims.nlp import MAX_BLOCK_CHARS

    text = " ".join(["word"] * 6000)             # one 30,000-character sentence, no punctuation
    blocks = split_blocks(text)
    assert len(blocks) > 1 and all(b - a <= MAX_BLOCK_CHARS for a, b in blocks)
    sents = _sentences(text)
    assert sents and "".join(sents).replace(" ", "") == text.replace(" ", "")
