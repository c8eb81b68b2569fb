"""Claims, attributions and denials of news documents: :func:`analyze_documents`.

Claim conventions (``claims/ANNOTATION.md``):
- An attributed statement's claim is its content (the reported clause or the
  quoted words); a clause of the article's own voice is the sentence (or the
  independent clause) without its final punctuation. Conjoined clauses with their
  own subject or auxiliary ("... had sold drones and had sent technicians") are two
  claims; "freeze assets and bar banks" stays one.
- A denial expressed by its verb ("X denied that ...", "X rejected the accusation")
  is one claim of type ``denial`` spanning the denial clause; a denial inside
  someone's statement ("... had never sold", "the findings were baseless") turns
  that statement's claim into a ``denial``.
- ``type`` precedence: denial > hedged > quote > attributed > assertion.
- Not claims: the headline (a first line without final punctuation), questions,
  verbless fragments, parenthetical credits, transitions ("Here is what we know").
- ``standalone`` resolves pronouns, "the ministry" and a conjunct's missing subject
  to the names the article gives.

Every offset slices the document text exactly as given.

>>> a = analyze_text("The ministry denied that it sold drones to the rebels.")
>>> [(d.denier, d.denied) for d in a.denials]
[('The ministry', 'The ministry sold drones to the rebels')]
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .attribution import AttributionMatch, find_attributions, trim, unique_attributions
from .coref import NAME_LABELS, Mentions
from .denials import DenialMatch, find_denials
from .documents import _ENGLISH
from .lexicon import (
    BOILERPLATE_PHRASES,
    BOILERPLATE_STARTS,
    FOREIGN_WORDS,
    HEDGE_MODALS,
    HEDGE_PASSIVES,
    HEDGE_VERBS,
    HEDGE_WORDS,
    PRONOUN_SUBJECTS,
    TRANSITIONS,
)
from .nlp import BULLET_RE, FINAL_PUNCT, Parsed, Sentence, parse_documents
from .rewrite import render
from .types import Attribution, Claim, Denial, Document

logger = logging.getLogger(__name__)

ENTITY_LABELS = NAME_LABELS | {"EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
PARSE_CHUNK = 64          # documents parsed per spaCy stream in analyze_documents
PARALLEL_FROM = 128       # documents from which analyze_documents parses in several processes


@dataclass
class DocumentAnalysis:
    """Everything extracted from one document; every span slices ``document.text``."""

    document: Document
    claims: list[Claim] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    denials: list[Denial] = field(default_factory=list)

    def claim(self, claim_id: str) -> Claim:
        return next(c for c in self.claims if c.id == claim_id)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.document.id,
                "claims": [c.to_dict() for c in self.claims],
                "denials": [d.to_dict() for d in self.denials],
                "attributions": [a.to_dict() for a in self.attributions],
                "sentences": [s.to_dict() for s in self.document.sentences]}


def analyze_text(text: str, doc_id: str = "doc") -> DocumentAnalysis:
    """Analyse one text (see :func:`analyze_documents`)."""
    return analyze_documents([Document(doc_id, text)])[0]


def analyze_document(document: Document | str) -> DocumentAnalysis:
    """Analyse one :class:`Document` (or a plain string)."""
    if isinstance(document, str):
        document = Document("doc", document)
    return analyze_documents([document])[0]


def analyze_documents(documents: Sequence[Document], *, batch_size: int = 64, workers: int = 1,
                      show_progress_bar: bool = False) -> list[DocumentAnalysis]:
    """Claims, attributions and denials of many documents, parsed :data:`PARSE_CHUNK` at a time.

    ``workers`` > 1: that many processes parse and extract, each with its own spaCy
    pipeline (spaCy uses one core per process); results are the same as with one.
    They are started with ``spawn`` (the caller may hold torch's threads, which a fork
    would break), so a script that asks for them needs the usual ``if __name__ ==
    "__main__":`` guard; :func:`default_workers` is what ``claimbench analyze`` uses.

    >>> out = analyze_documents([Document("a", "Analysts said the deal may collapse.")])
    >>> [(c.type, c.text, c.source, c.source_type) for c in out[0].claims]
    [('hedged', 'the deal may collapse', 'Analysts', 'analyst')]
    """
    documents = list(documents)
    for d in documents:
        if not isinstance(d, Document):
            raise TypeError(f"documents must be Document records, got {type(d).__name__}")
    chunk = PARSE_CHUNK if workers <= 1 else min(PARSE_CHUNK, -(-len(documents) // (4 * workers)))
    chunks = [documents[i:i + chunk] for i in range(0, len(documents), chunk)]
    bar = None
    if show_progress_bar:
        from tqdm.auto import tqdm
        bar = tqdm(total=len(documents), desc="extracting", unit="doc")
    out: list[DocumentAnalysis] = []
    # Parsed chunk by chunk: a chunk's spaCy docs (about 0.5 MB per 600-word article) are
    # dropped once it is analysed, so memory stays flat however large the corpus.
    pool = None
    if workers > 1 and len(chunks) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: the caller may hold torch's thread pools, which do not survive a fork.
        pool = ProcessPoolExecutor(min(workers, len(chunks)), mp_context=multiprocessing.get_context("spawn"))
    try:
        results = pool.map(_analyze_chunk, chunks, [batch_size] * len(chunks)) if pool else \
            (_analyze_chunk(c, batch_size) for c in chunks)
        for docs, analyses in zip(chunks, results):
            for d, a in zip(docs, analyses):
                d.sentences = a.document.sentences     # a worker filled its own copy
                a.document = d
            out.extend(analyses)
            if bar is not None:
                bar.update(len(docs))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if bar is not None:
            bar.close()
    return out


def default_workers(n_documents: int) -> int:
    """Processes for :func:`analyze_documents`: one per usable CPU core from
    :data:`PARALLEL_FROM` documents on (fewer do not pay for the processes' start-up,
    about 2 s each), else 1.
    """
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores if n_documents >= PARALLEL_FROM else 1


def _analyze_chunk(documents: Sequence[Document], batch_size: int) -> list[DocumentAnalysis]:
    return [_analyze(p) for p in parse_documents(documents, batch_size=batch_size)]


# --------------------------------------------------------------------------- pipeline
@dataclass
class _Draft:
    start: int
    end: int
    sentence: int
    type: str
    source: str | None = None
    source_type: str = "article"
    attribution: AttributionMatch | None = None
    standalone: str = ""
    claim: Claim | None = None


def _analyze(p: Parsed) -> DocumentAnalysis:
    doc = p.document
    if not p.sentences:
        return DocumentAnalysis(doc)
    mentions = Mentions(p)
    found = find_attributions(p, mentions)
    # beliefs, intentions, evaluations and noun cues are reported, but claims and denials
    # are built on the reporting verbs, quotations and "according to"
    atts = [m for m in found if not m.wide]
    drafts = _claim_drafts(p, atts)
    claims = _finish(p, mentions, drafts)
    sent_of = {c.id: d.sentence for c, d in zip(claims, drafts)}
    skip = frozenset(s.index for s in p.sentences[:1] if _is_headline(p, s))
    dms = find_denials(p, mentions, atts, claims, sent_of, skip_sentences=skip)
    claims, denials = _apply_denials(p, mentions, drafts, dms)
    return DocumentAnalysis(doc, claims, unique_attributions(found), denials)


def _is_headline(p: Parsed, s: Sentence) -> bool:
    if s.index != 0 or len(p.blocks) < 2:
        return False
    text = p.analysis_text[s.start:s.end]
    first_block = p.blocks[0][0] + len(p.blocks[0][1].text)
    return s.end >= first_block - 1 and not text.rstrip().endswith(tuple(FINAL_PUNCT)) \
        and not BULLET_RE.match(text)


def _checkworthy(p: Parsed, s: Sentence, a: int, b: int) -> bool:
    text = p.analysis_text[a:b].strip()
    low = text.lower()
    whole = p.analysis_text[s.start:s.end].rstrip(" \"”’'»)")
    if not text or text.endswith("?") or whole.endswith("?") and b >= s.end - 3 or low.startswith(TRANSITIONS):
        return False
    if text.startswith("(") and text.endswith(")"):
        return False
    toks = [t for t in s.span if a <= s.char(t) < b and not t.is_space and not t.is_punct]
    if len(toks) < 3:
        return False
    if not any(t.pos_ in ("VERB", "AUX") for t in toks):
        return False
    root = s.span.root
    if root.tag_ == "VB" and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in root.children) \
            and a <= s.char(root) < b and s.char(toks[0]) == s.char(root):
        return False                         # an imperative: "Read the rest here"
    return True


def _sentence_bounds(p: Parsed, s: Sentence) -> tuple[int, int]:
    a, b = s.start, s.end
    m = BULLET_RE.match(p.analysis_text, a, b)
    if m:
        a = m.end()
    return trim(p.analysis_text, a, b)


def _claim_drafts(p: Parsed, atts: list[AttributionMatch]) -> list[_Draft]:
    drafts: list[_Draft] = []
    by_sentence: dict[int, list[AttributionMatch]] = {}
    for m in atts:
        cue = m.attribution.cue
        sent = p.sentence_at(cue.start) if cue is not None else p.sentence_at(m.content_start)
        by_sentence.setdefault(sent.index if sent else m.sentence, []).append(m)
    covered_by_quote: list[tuple[int, int]] = [(m.content_start, m.content_end) for m in atts]
    skip = _boilerplate_sentences(p)
    for s in p.sentences:
        if _is_headline(p, s) or s.index in skip:
            continue
        here = by_sentence.get(s.index, [])
        for m in here:
            cue = m.attribution.cue
            if cue is not None and any(o is not m and o.content_start <= cue.start < o.content_end
                                       for o in atts):
                continue                  # "X said he had been assured that ...": one statement
            if not _checkworthy(p, s, m.content_start, min(m.content_end, s.end)) and \
                    p.sentence_at(m.content_start) is s:
                continue
            drafts.append(_Draft(m.content_start, m.content_end, s.index,
                                 "quote" if m.attribution.kind == "direct" else "attributed",
                                 m.attribution.source_name or
                                 (m.attribution.source.text if m.attribution.source else None),
                                 m.attribution.source_type, m))
        a, b = _sentence_bounds(p, s)
        if any(ca <= a and b <= cb for ca, cb in covered_by_quote):
            continue                      # the sentence is inside someone's statement
        for a2, b2 in _own_voice(p, s, here, a, b):
            if _checkworthy(p, s, a2, b2):
                if any(q0 < a2 and b2 <= q1 + 1 for q0, q1 in p.quotes):
                    # quoted words with no speaker found (a hoax text, a slogan): never the article's voice
                    drafts.append(_Draft(a2, b2, s.index, "quote", None, "other"))
                else:
                    drafts.append(_Draft(a2, b2, s.index, "assertion"))
    drafts.sort(key=lambda d: d.start)
    return drafts


_WORD_RE = re.compile(r"[^\W\d_]+")
_DASH_SIGNATURE = re.compile(r"^\s*(?:[—–-]|â€”)+\s*\S")
_CREDIT_RE = re.compile(r"^\s*[a-z]{1,4}(?:/[a-z]{1,4})+\b|"
                        r"\((?:AFP|AP|dpa|Reuters|AFP, dpa|dpa, AFP|[A-Za-z, ]{2,20})\)\s*$")


def _boilerplate_sentences(p: Parsed) -> set[int]:
    """Sentences that are no claims: bylines and credits ("bw/jm (AFP, dpa)"), captions,
    links, update notes, embedded posts signed on the next line ("— Name (@handle) date"),
    related-story titles (a Title Case line without final punctuation after the first
    paragraph), lines signed with a dash, and passages not in English."""
    text = p.analysis_text
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    bad: list[tuple[int, int]] = []
    for k, (a, b) in enumerate(lines):
        line = text[a:b].strip()
        low = line.lower()
        if bad and bad[-1] == lines[k - 1] and text[lines[k - 1][0]:lines[k - 1][1]].strip().endswith(":") \
                and line[-1:] not in ".!?":
            bad.append((a, b))            # the story a "RELATED READING:" label links to
            continue
        nxt = text[lines[k + 1][0]:lines[k + 1][1]].strip() if k + 1 < len(lines) else ""
        words = _WORD_RE.findall(line)
        capital = sum(w[:1].isupper() for w in words if len(w) > 3) / max(1, sum(len(w) > 3 for w in words))
        if low.startswith(BOILERPLATE_STARTS) or any(x in low for x in BOILERPLATE_PHRASES) \
                or line[:1] in "[" and line.endswith("]") or line[:1] == "(" and line.endswith(")") \
                or _DASH_SIGNATURE.match(line) and len(words) <= 12 \
                or _CREDIT_RE.search(line) and len(words) <= 6 \
                or _DASH_SIGNATURE.match(nxt) and "(@" in nxt \
                or k > 0 and line[-1:] not in ".!?\"”’'»:)" and len(words) >= 4 and capital >= 0.7 \
                or _foreign(line):
            bad.append((a, b))
    out = set()
    for s in p.sentences:
        if any(a <= s.start < b for a, b in bad):
            out.add(s.index)
        elif _foreign(text[s.start:s.end]):
            out.add(s.index)
    return out


def _foreign(text: str) -> bool:
    """A passage in another language: English function words rare, foreign ones common."""
    words = [w.lower() for w in _WORD_RE.findall(text)]
    if len(words) < 5:
        return False
    english = sum(w in _ENGLISH or w in ("a", "in", "on", "an", "was", "as", "he", "she", "we", "i")
                  for w in words)
    foreign = sum(w in FOREIGN_WORDS for w in words)
    return foreign >= 2 and foreign > 2 * english


def _own_voice(p: Parsed, s: Sentence, atts: list[AttributionMatch], a: int, b: int
               ) -> list[tuple[int, int]]:
    """The article's own clauses in a sentence: what attributions leave uncovered."""
    text = p.analysis_text
    covered: set[int] = set()
    for m in atts:
        covered.update(range(m.content_start, m.content_end))
        cue, src = m.attribution.cue, m.attribution.source
        if cue is not None:
            covered.update(range(cue.start, cue.end))
            if src is not None and (abs(cue.start - src.end) <= 30 or abs(src.start - cue.end) <= 30):
                covered.update(range(src.start, src.end))
            root = _source_root(m)
            if root is not None and m.cue_token is not None and \
                    (root.head == m.cue_token or root.head == m.cue_token.head and
                     m.cue_token.dep_ == "pcomp" or root.head.head == m.cue_token):
                # the speaker's whole phrase ("an official, speaking on condition of anonymity,")
                toks = list(root.subtree)
                covered.update(range(s.char(toks[0]), s.char_end(toks[-1])))
    if not atts:
        return _split_clauses(p, s, a, b)
    toks = [t for t in s.span if a <= s.char(t) < b and not t.is_space]
    runs: list[list] = []
    cur: list = []
    for t in toks:
        if s.char(t) in covered:
            if cur:
                runs.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        runs.append(cur)
    out = []
    for run in runs:
        # "X did not refer to Y but <the speaker's title>": cut a verbless tail after "but"/"and"
        for k, t in enumerate(run):
            if t.dep_ == "cc" and t.lower_ in ("but", "and") and k > 3 and \
                    not any(x.pos_ in ("VERB", "AUX") for x in run[k + 1:]):
                run = run[:k]
                break
        while run and (run[0].is_punct or run[0].dep_ in ("cc", "mark") or run[0].lower_ in ("but", "and")):
            run = run[1:]
        while run and (run[-1].is_punct or run[-1].dep_ in ("cc", "mark")
                       or run[-1].lower_ in ("but", "and", "while", "as")):
            run = run[:-1]
        words = [t for t in run if not t.is_punct]
        if len(words) < 4 or not any(t.dep_ in ("nsubj", "nsubjpass") for t in run):
            continue
        if run[0].tag_ == "VBG" and run[0].dep_ in ("advcl", "acl", "xcomp"):
            continue                      # ", meaning it profits ...": a gloss on a statement
        ra, rb = trim(text, s.char(run[0]), s.char_end(run[-1]))
        out.extend(_split_clauses(p, s, ra, rb))
    return out


def _source_root(m: AttributionMatch):
    toks = m.source_tokens
    if not toks:
        return None
    return next((t for t in toks if t.head not in toks or t.head == t), toks[0])


def _split_clauses(p: Parsed, s: Sentence, a: int, b: int) -> list[tuple[int, int]]:
    """Independent clauses joined by ", and", "; " or "but", each with its own subject."""
    text = p.analysis_text
    toks = [t for t in s.span if a <= s.char(t) < b]
    idx = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in idx or t.head == t), None)
    if root is None:
        return [(a, b)]
    cuts = []
    for c in toks:
        if not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.head.pos_ in ("VERB", "AUX")
                and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)):
            continue
        h = c.head                        # the conjunct must hang off the main clause
        while h != root and h.dep_ in ("xcomp", "conj", "advcl") and h.head.i in idx:
            h = h.head
        if h != root:
            continue
        cc = [x for x in c.head.children if x.dep_ == "cc" and x.i < c.i] or \
            [x for x in toks if x.lower_ in (";",) and x.i < c.i]
        if cc and all(cc[-1].i > prev.i for prev, _ in cuts):
            cuts.append((cc[-1], c))
    if not cuts:
        return [(a, b)]
    out, start = [], a
    for cc, conj in cuts:
        left = trim(text, start, s.char(cc))
        if left[1] - left[0] >= 8:
            out.append(left)
        start = s.char(conj.left_edge)
    last = trim(text, start, b)
    if last[1] - last[0] >= 8:
        out.append(last)
    return out or [(a, b)]


# --------------------------------------------------------------------------- claims
def _finish(p: Parsed, mentions: Mentions, drafts: list[_Draft]) -> list[Claim]:
    claims = []
    for i, d in enumerate(drafts, 1):
        s = p.sentences[d.sentence]
        toks = _tokens(p, d.start, d.end)
        ctype = "hedged" if _hedged(toks) else d.type
        standalone = _standalone(p, mentions, s, toks, d.attribution)
        ents = _entities(p, d.start, d.end)
        claim = Claim(id=f"c{i}", start=d.start, end=d.end, text=p.document.text[d.start:d.end],
                      standalone=standalone, type=ctype, source=d.source,
                      source_type=d.source_type if d.source or d.type != "assertion" else "article",
                      attribution_id=d.attribution.attribution.id if d.attribution else None,
                      entities=ents, doc_id=p.document.id)
        d.claim = claim
        claims.append(claim)
    return claims


def _tokens(p: Parsed, a: int, b: int) -> list:
    out = []
    for s in p.sentences:
        if s.end <= a or s.start >= b:
            continue
        out.extend(t for t in s.span if a <= s.char(t) < b and not t.is_space)
    return out


def _hedged(toks) -> bool:
    for t in toks:
        low, lemma = t.lower_, t.lemma_.lower()
        if low in HEDGE_WORDS:
            return True
        if t.tag_ == "MD" and low in HEDGE_MODALS and not any(c.dep_ == "neg" for c in t.head.children):
            return True
        if lemma in HEDGE_VERBS and any(c.dep_ == "xcomp" for c in t.children):
            return True
        if lemma in HEDGE_PASSIVES and t.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in t.children) \
                and any(c.dep_ == "xcomp" for c in t.children):
            return True                  # "is believed to", "is expected to"
        if low in ("suspected", "alleged", "purported") and t.dep_ == "amod":
            return True
    return False


def _entities(p: Parsed, a: int, b: int) -> list[str]:
    out: list[str] = []
    for s in p.sentences:
        if s.end <= a or s.start >= b:
            continue
        for e in s.span.ents:
            if e.label_ in ENTITY_LABELS and a <= s.char(e[0]) and s.char_end(e[-1]) <= b:
                name = " ".join(e.text.split())
                name = name.removeprefix("the ").removeprefix("The ")
                for suffix in ("’s", "'s"):
                    name = name.removesuffix(suffix)
                if name and name not in out:
                    out.append(name)
    return out


def _standalone(p: Parsed, mentions: Mentions, s: Sentence, toks, am: AttributionMatch | None) -> str:
    """The claim text with pronouns, "the ministry" and a missing subject resolved."""
    if not toks:
        return ""
    edits: dict[int, str] = {}
    speaker = None
    if am is not None:
        speaker = am.attribution.source_name or (am.attribution.source.text if am.attribution.source else None)
    for t in toks:
        low = t.lower_
        if low in PRONOUN_SUBJECTS and t.pos_ == "PRON" and not _expletive(t):
            name = _pronoun(p, mentions, t, am, speaker)
            if name:
                if t.dep_ == "poss" or low in ("its", "their", "our") or (low == "her" and t.dep_ == "poss"):
                    name = name + ("'" if name.endswith("s") else "'s")
                edits[t.i] = name
        elif t.pos_ == "NOUN" and t.i > 0 and t.doc[t.i - 1].lower_ == "the" and t.doc[t.i - 1] in toks \
                and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "poss") \
                and not any(c.dep_ in ("compound", "amod", "prep") for c in t.children):
            sent = p.sentence_at(s.char(t) if t.doc is s.span.doc else -1) or s
            m = mentions.resolve(sent, t)
            if m is not None and m.kind in ("org", "person", "gpe") and m.name[:1].isupper():
                edits[t.doc[t.i - 1].i] = ""
                edits[t.i] = m.name
    if am is not None and am.lemma in ("accuse", "charge", "blame"):
        _accusation_edits(toks, edits)
    first = toks[0]
    # a conjunct without its own subject: "... and had sent technicians"
    if first.dep_ in ("aux", "auxpass") and first.head.dep_ == "conj" and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in first.head.children):
        head = first.head.head
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            name = _name_of_subject(p, mentions, subj, am, speaker)
            edits[first.i] = f"{name} {first.text}" if first.i not in edits else edits[first.i]
    # a statement inside a relative clause: "videos it said showed men ..." -> "Videos showed men ..."
    if first.pos_ in ("VERB", "AUX") and first.dep_ == "ccomp" and first.i not in edits and \
            not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in first.children) and \
            first.head.dep_ == "relcl" and first.head.head.pos_ == "NOUN" and first.head.head.i < first.i:
        noun = first.head.head
        words = [t for t in noun.subtree if t.i <= noun.i and t.dep_ not in ("det", "poss", "case")
                 and not t.is_punct]
        edits[first.i] = f"{render(words).lower()} {first.text}"
    text = render(toks, edits)
    return text.rstrip(" ,;:")


def _accusation_edits(toks, edits: dict[int, str]) -> None:
    """"the ministry of selling drones and shipping them" -> "the ministry sold drones and shipped them"."""
    from .rewrite import inflect

    for t in toks:
        if t.lower_ in ("of", "for") and t.dep_ == "prep" and t.head.lemma_.lower() in ("accuse", "charge", "blame"):
            edits[t.i] = ""
        elif t.tag_ == "VBG" and (t.dep_ == "pcomp" or t.dep_ == "conj" and t.head.tag_ == "VBG"):
            edits[t.i] = inflect(t.lemma_, "VBD")


def _name_of_subject(p: Parsed, mentions: Mentions, subj, am, speaker) -> str:
    if subj.lower_ in PRONOUN_SUBJECTS:
        return _pronoun(p, mentions, subj, am, speaker) or subj.text
    from .coref import phrase_tokens
    return render(phrase_tokens(subj))


def _expletive(t) -> bool:
    """ "It's been no secret", "it is likely that": an "it" with no referent."""
    if t.lower_ != "it":
        return False
    head = t.head
    if head.lemma_ in ("be", "seem", "appear", "take", "rain", "remain") and \
            any(c.dep_ in ("attr", "acomp", "ccomp", "xcomp") for c in head.children):
        return True
    return False


def _pronoun(p: Parsed, mentions: Mentions, t, am: AttributionMatch | None, speaker: str | None
             ) -> str | None:
    low = t.lower_
    sent = next((s for s in p.sentences if s.span.doc is t.doc and s.span.start <= t.i < s.span.end), None)
    if sent is None:
        return None
    subject = t.dep_ in ("nsubj", "nsubjpass")
    if low in ("them", "it", "him") and not subject and t.dep_ != "poss":
        return None                          # objects: too often not the speaker
    if am is not None and speaker and (subject or low in ("we", "our", "us")):
        mk = am.mention.kind if am.mention is not None else None
        plural = am.mention.plural if am.mention is not None else False
        if low in ("we", "our", "us"):
            return speaker
        if low in ("he", "she", "his", "him", "her") and (mk == "person" or am.attribution.source_type
                                                         in ("person", "spokesperson", "analyst")):
            return speaker
        if low in ("it", "its") and mk in ("org", "gpe", "group", None) and not plural \
                and am.attribution.source_type not in ("person", "spokesperson", "analyst"):
            return speaker
        if low in ("they", "their", "them") and (plural or mk in ("org", "group")):
            return speaker
    if low in ("we", "our", "us"):
        return None
    m = mentions.resolve(sent, t)
    return m.name if m is not None else None


# --------------------------------------------------------------------------- denials
def _apply_denials(p: Parsed, mentions: Mentions, drafts: list[_Draft], dms: list[DenialMatch]
                   ) -> tuple[list[Claim], list[Denial]]:
    claims = [d.claim for d in drafts]
    doc_text = p.document.text
    for dm in dms:
        if dm.split:
            claims = _split_statement(p, mentions, drafts, claims, dm)
    owner: dict[int, Claim] = {}
    for k, dm in enumerate(dms):
        lo, hi = dm.claim_start, dm.claim_end
        if dm.rule == "A":
            # the denial clause replaces the claims it overlaps (its own content, a remainder)
            hit = [c for c in claims if c.start < hi and lo < c.end and
                   (c.attribution_id is None or (dm.attribution is not None
                                                 and c.attribution_id == dm.attribution.attribution.id))]
            keep = [c for c in claims if c not in hit]
            s = p.sentences[dm.sentence]
            claim = Claim(id="", start=lo, end=hi, text=doc_text[lo:hi],
                          standalone=_standalone(p, mentions, s, _tokens(p, lo, hi), None),
                          type="denial", source=dm.denial.denier,
                          source_type=_denier_type(dm, hit),
                          attribution_id=dm.attribution.attribution.id if dm.attribution else None,
                          entities=_entities(p, lo, hi), doc_id=p.document.id)
            claims = sorted(keep + [claim], key=lambda c: (c.start, c.end))
            owner[k] = claim
        else:
            # the statement holding the denial becomes a denial claim
            holder = [c for c in claims if c.start <= dm.denial.start < c.end or
                      c.start < dm.denial.end and dm.denial.start < c.end]
            if dm.attribution is not None:
                holder = [c for c in holder if c.attribution_id == dm.attribution.attribution.id] or holder
            if holder:
                claim = min(holder, key=lambda c: abs(c.start - dm.denial.start))
                claim.type = "denial"
                owner[k] = claim
                # the denial span is the statement's claim span (after any clause split)
                dm.denial.start, dm.denial.end = claim.start, claim.end
                dm.denial.text = claim.text
    for i, c in enumerate(claims, 1):
        c.id = f"c{i}"
    for k, dm in enumerate(dms):
        c = owner.get(k)
        dm.denial.claim_id = c.id if c is not None and c in claims else None
        dm.denial.doc_id = p.document.id
        dm.denial.targets = [t.id for t in dm.targets if t in claims]
        dm.denial.target_source = dm.target_source
    return claims, [dm.denial for dm in dms]


def _split_statement(p: Parsed, mentions: Mentions, drafts: list[_Draft], claims: list[Claim],
                     dm: DenialMatch) -> list[Claim]:
    """Two claims for "X said A and called B's claims baseless": the statement's claim is cut
    where the denial starts (``DenialMatch.split``); both keep the source and the cue."""
    att = dm.attribution.attribution.id if dm.attribution is not None else None
    holder = next((c for c in claims if c.start < dm.denial.start < c.end and c.attribution_id == att), None)
    if holder is None:
        return claims
    text = p.document.text
    end = dm.denial.start
    while end > holder.start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    for joiner in (" and", " but"):
        if text[:end].endswith(joiner):
            end -= len(joiner)
    first, second = trim(p.analysis_text, holder.start, end), (dm.denial.start, holder.end)
    if first[1] - first[0] < 8:
        return claims
    am = next((d.attribution for d in drafts if d.claim is holder), None)
    s = p.sentences[dm.sentence]
    parts = []
    for a, b in (first, second):
        toks = _tokens(p, a, b)
        standalone = _standalone(p, mentions, s, toks, am)
        if toks and toks[0].pos_ == "VERB" and holder.source:
            # "called the ministry's claims absurd": the speaker is its subject
            standalone = f"{holder.source} {standalone[:1].lower()}{standalone[1:]}"
        parts.append(Claim(id=holder.id, start=a, end=b, text=text[a:b], standalone=standalone,
                           type="hedged" if _hedged(toks) else holder.type, source=holder.source,
                           source_type=holder.source_type, attribution_id=holder.attribution_id,
                           entities=_entities(p, a, b), doc_id=holder.doc_id))
    return sorted([c for c in claims if c is not holder] + parts, key=lambda c: (c.start, c.end))


def _denier_type(dm: DenialMatch, hit: list[Claim]) -> str:
    if dm.attribution is not None:
        return dm.attribution.attribution.source_type
    from .attribution import source_type
    return source_type(dm.denial.denier or "") if dm.denial.denier else "article"


__all__ = ["DocumentAnalysis", "analyze_documents", "analyze_document", "analyze_text"]
