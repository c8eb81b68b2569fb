"""HTML highlighting of an analysis: every mark drawn, all text escaped, overlaps handled."""

from __future__ import annotations

import doctest
import html
import re
from html.parser import HTMLParser

import pytest

from claimbench.claims import display
from claimbench.claims.display import Mark, analysis_marks, highlight_analysis, highlight_html
from claimbench.claims.extract import analyze_text

SCRIPT = "<script>alert(1)</script>"
ARTICLE = ("Drone ministry denies sales\n"
           "The ministry denied that it had sold drones to the rebels. " + SCRIPT + "\n"
           "Officials in Osk said the ministry had shipped the drones through Sable Harbor.\n"
           'A spokesperson said the claims were "baseless" <img src=x onerror=alert(2)>.\n')


class _Collect(HTMLParser):
    """The tags and the visible text of an HTML fragment, as a browser would parse it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.marks: list[str] = []
        self.text: list[str] = []
        self._in_mark = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "mark":
            self._in_mark += 1
            self.marks.append("")

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark -= 1

    def handle_data(self, data):
        self.text.append(data)
        if self._in_mark:
            self.marks[-1] += data


def parse(fragment: str) -> _Collect:
    p = _Collect()
    p.feed(fragment)
    p.close()
    return p


def test_script_in_the_article_stays_text():
    a = analyze_text(ARTICLE, "evil")
    out = highlight_analysis(a, legend=False)
    assert "<script" not in out.lower() and "<img" not in out.lower()
    assert html.escape(SCRIPT) in out
    p = parse(out)
    assert set(p.tags) <= {"div", "mark"}, p.tags
    # the browser shows exactly the article text, script tag included, as characters
    assert "".join(p.text) == ARTICLE


def test_every_claim_denial_and_attribution_is_drawn():
    a = analyze_text(ARTICLE, "evil")
    assert a.claims and a.denials and a.attributions
    out = highlight_analysis(a)
    p = parse(out)
    visible = "".join(p.text)
    # legend first, then the text; every claim's text lies inside marked pieces
    body = out[out.index("</div>") + len("</div>"):]
    marked = [m.start() for m in re.finditer("<mark", body)]
    assert len(marked) >= len(a.claims)
    for kind in ("claim", "denial", "source", "cue"):
        assert f'class="cb-{kind}"' in out, kind
    for c in a.claims:
        assert html.escape(c.id) in out                   # each claim's tooltip
    assert "attribution source" in visible and "denial" in visible   # legend


def test_overlapping_marks_give_flat_markup_and_innermost_colour():
    text = "The ministry denied selling drones."
    marks = [Mark(0, 34, "denial", "d1"), Mark(0, 12, "source", "a1"), Mark(13, 19, "cue", "a1 cue")]
    out = highlight_html(text, marks, legend=False)
    p = parse(out)
    assert "".join(p.text) == text
    assert p.marks == ["The ministry", " ", "denied", " selling drones"]
    # no <mark> inside another
    depth = 0
    for tok in re.findall(r"</?mark", out):
        depth += 1 if tok == "<mark" else -1
        assert depth in (0, 1)
    assert out.count('class="cb-source"') == 1 and out.count('class="cb-cue"') == 1
    # the tooltip of the source piece names both marks covering it
    assert 'title="d1\na1"' in out


def test_tooltips_and_custom_kinds_are_escaped():
    out = highlight_html("abc", [Mark(0, 3, 'x" onmouseover="alert(1)', '"><script>')],
                         colours={'x" onmouseover="alert(1)': "red"}, legend=True)
    assert "<script" not in out and 'onmouseover="' not in out
    assert set(parse(out).tags) <= {"div", "mark"}


def test_bad_marks_are_rejected_with_the_allowed_kinds():
    allowed = r"\['claim', 'cue', 'denial', 'source'\]"
    with pytest.raises(ValueError, match=rf"mark kind must be one of {allowed}, got 'quote'"):
        highlight_html("abc", [Mark(0, 1, "quote")])
    with pytest.raises(ValueError, match="outside the text"):
        highlight_html("abc", [Mark(2, 5, "claim")])
    with pytest.raises(ValueError, match="outside the text"):
        highlight_html("abc", [Mark(2, 1, "claim")])


def test_no_marks_is_the_escaped_text():
    out = highlight_html("a < b & c\n", [])
    assert parse(out).tags == ["div", "div"] and "a &lt; b &amp; c\n" in out


def test_marks_of_an_analysis_slice_its_text():
    a = analyze_text(ARTICLE, "evil")
    for m in analysis_marks(a):
        assert 0 <= m.start < m.end <= len(ARTICLE)
        assert ARTICLE[m.start:m.end].strip()


def test_docstring_examples():
    assert doctest.testmod(display, optionflags=doctest.ELLIPSIS).failed == 0
