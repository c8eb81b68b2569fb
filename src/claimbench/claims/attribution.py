"""Attribution on the dependency parse: who (source) says (cue) what (content).

Rules, in the order they are tried for each sentence:

1. A reporting verb (``say``, ``tell``, ``report``, ``claim``, ``warn``, ``deny``,
   ``add``, ...; :data:`REPORTING_VERBS`) is the cue. Its subject is the source
   (active ``nsubj``; the ``by`` agent of a passive; the subject of the governing
   clause for "..., saying ..." and "X was reported/quoted as saying ..."). Its
   clausal complement (``ccomp``) is the content; when it has none and hangs off
   a clause to its left ("X did Y, he said", a ``parataxis``), that clause is the
   content.
2. "according to X": X is the source, the rest of the clause the content.
3. Quotes: a content that starts right after an opening quote mark or ends right
   before a closing one is the whole quotation (which may run over several
   sentences of a paragraph); a reporting verb without content that follows a
   closing quote ("“...,” he said") or precedes a colon and an opening quote takes
   that quotation. ``kind`` is ``direct`` when the content is all quoted,
   ``mixed`` when part is, ``indirect`` otherwise. Content spans never include the
   quote marks, a leading "that" or final punctuation (the claim-span convention of
   ``claims/ANNOTATION.md``).

4. Wide cues (marked ``wide``; reported, but claims and denials use only rules 1-3):
   beliefs, intentions, evaluations and stances ("seemed to think", "is expected to",
   "wants to", "criticized", "endorsed"), directives and naming ("asked the crowd to",
   "called him ..."), noun cues ("the claim that", "criticism of") and adjectives
   ("confident that"), from the word lists of ``lexicon`` (section "real-news attribution").
   Actions ("released an ad", "hired") are not attributions.
5. "Name: words" at the start of a sentence, and a quotation signed with a dash and a
   name on the next line ("— Maria Lopez, a nurse").

A quotation over several sentences is one :class:`Attribution` with one match (so one
claim) per sentence; the rest of a quotation an attribution opens, a quotation of whole
sentences right after a quoted speaker's, and a paragraph left open before the next
quoting paragraph are added to that attribution. Every attribution has a ``cue_kind``
(:func:`cue_kind`: speech, belief, intention, evaluation, other).

Pronoun and definite sources are resolved by :class:`~claimbench.claims.coref.Mentions`,
and :func:`source_type` classifies the resolved phrase. To extend, add verbs to
:data:`REPORTING_VERBS` or a rule to :func:`find_attributions`; measure on PolNeAR
dev with ``python benchmarks/attribution_polnear.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .coref import Mentions, phrase_tokens
from .lexicon import (
    ADJ_CUES,
    AUDIENCE,
    BELIEF_CUES,
    CLAIM_NOUNS,
    COLON_NOT_SPEAKERS,
    CONTROL_VERBS,
    DENY_VERBS,
    DESCRIBING_PREPS,
    EVALUATION_CUES,
    FUNCTION_WORDS,
    INTENTION_CUES,
    NAME_PARTICLES,
    NEEDS_CLAUSE,
    NOUN_CUES,
    OBJECT_SPEECH,
    REFUSALS,
    REPORTING_VERBS,
    SPEECH_CUES,
    WIDE_CUES,
    WIDE_SKIP,
)
from .nlp import OPEN_QUOTES, STRAIGHT, Parsed, Sentence
from .types import Attribution, Span

TRIM_CHARS = " \t\r\n,.;:!?…—–-\"“”„«»‹›'"

# --------------------------------------------------------------------------- source types
ANON_RE = re.compile(r"\b(anonymity|familiar with|with (direct )?knowledge of|briefed on|not authori[sz]ed|"
                     r"declined to be (named|identified)|"
                     r"asked not to be (named|identified)|sources?|insiders?|people close to|"
                     r"person close to|unnamed|who requested anonymity)\b", re.I)
SPOKES_RE = re.compile(r"\b(spokes(man|woman|person|people|men|women)|press secretary|"
                       r"press officer|press office|mouthpiece)\b", re.I)
STATE_MEDIA_RE = re.compile(r"\b(state[- ](run|owned|controlled)?\s*(media|television|tv|news|"
                            r"broadcaster|agency|newspaper|radio|outlet)|state media|"
                            r"official news agency|state broadcaster|KCNA|Xinhua|TASS|RIA|"
                            r"Novosti|CCTV|Rodong Sinmun|IRNA|Press TV|Sputnik|SANA|KCTV|"
                            r"Global Times|People's Daily|People’s Daily)\b", re.I)
ANALYST_RE = re.compile(r"\b(analysts?|experts?|researchers?|scholars?|professors?|economists?|"
                        r"academics?|strategists?|observers?|commentators?|specialists?|"
                        r"think[- ]tank|fellows?|scientists?|consultants?|historians?)\b", re.I)
GOV_RE = re.compile(r"\b(government|ministry|ministries|minister|president|prime|premier|"
                    r"chancellor|officials?|department|administration|white house|kremlin|"
                    r"cabinet|parliament|lawmakers?|senators?|governors?|mayors?|"
                    r"ambassadors?|embassy|envoys?|regulators?|authorit(y|ies)|police|"
                    r"military|army|navy|commanders?|foreign office|state department|"
                    r"pentagon|council|prosecutors?|congress|senate|diplomats?|"
                    r"secretary|leader|king|queen|junta|ministers|customs|inspectors?|investigators?|"
                    r"coast guard|border guards?)\b", re.I)
ORG_FIRST_RE = re.compile(r"\b(company|firm|club|party|union|federation|league|team|bank|association|"
                          r"network|institute|group|corporation|officer|executive|chairman|chairwoman|"
                          r"director|manager|founder|owner|coach|lawyer|attorney|organi[sz]er)\b", re.I)
GOV_STRONG_RE = re.compile(r"\b(ministry|minister|government|officials?|white house|kremlin|"
                           r"prosecutors?|police|army|military|embassy|ambassador|parliament|senator)\b",
                           re.I)
ORG_RE = re.compile(r"\b(officer|executive|chairman|chairwoman|director|manager|founder|owner|"
                    r"coach|lawyer|attorney|organi[sz]er|company|firm|group|organi[sz]ation|union|association|club|team|"
                    r"federation|league|committee|board|campaign|party|bank|corporation|"
                    r"inc|ltd|institute|university|hospital|charity|panel|commission|"
                    r"agency|court|airline|manufacturer|maker|works|network|newspaper|"
                    r"broadcaster|wire|report|study|survey|statement)\b", re.I)


DOC_BY_RE = re.compile(r"^(?:an?|the)?\s*(?:\w+\s+)?(?:report|study|statement|survey|analysis|"
                       r"document|letter|review|investigation|audit|assessment|paper|memo)"
                       r"\s+(?:by|from)\s+(.+)$", re.I)


def source_type(phrase: str, *, ent_label: str | None = None) -> str:
    """Classify a source phrase (its resolved name) into a SOURCE_TYPES value.

    Precedence: anonymous > spokesperson > state media > analyst > government >
    organization > person; a country name (GPE) speaking is its government.

    >>> source_type("White House national security spokesman John Kirby")
    'spokesperson'
    >>> source_type("a person familiar with the talks")
    'anonymous'
    >>> source_type("North Korea", ent_label="GPE")
    'government'
    """
    if ANON_RE.search(phrase):
        return "anonymous"
    if SPOKES_RE.search(phrase):
        return "spokesperson"
    if STATE_MEDIA_RE.search(phrase):
        return "state_media"
    m = ANALYST_RE.search(phrase)
    if m and (m.group(0).islower() or m.start() == 0):          # "Panel of Experts" is a name, not analysts
        return "analyst"
    org = ORG_RE.search(phrase)
    gov = GOV_RE.search(phrase)
    # "club president Renzo Albani", "Civic Renewal leader": the organisation speaks
    if org and (not gov or ORG_FIRST_RE.search(phrase) and not GOV_STRONG_RE.search(phrase)):
        return "organization"
    if gov or ent_label in ("GPE", "NORP"):
        return "government"
    if ent_label in ("ORG", "FAC"):
        return "organization"
    if ent_label == "PERSON":
        return "person"
    return "other"


# --------------------------------------------------------------------------- cue kinds
CUE_KINDS: tuple[str, ...] = ("speech", "belief", "intention", "evaluation", "other")


def cue_kind(lemma: str) -> str:
    """The kind of attribution a cue lemma makes: speech, belief, intention, evaluation, other.

    Precedence in that order, from the word lists of ``lexicon`` (``SPEECH_CUES``...).
    Directives ("urge", "ask") and naming verbs ("call", "dub") are speech; a cue in no
    list (an action or a stance such as "endorse") is ``other``.

    >>> cue_kind("say"), cue_kind("believe"), cue_kind("plan"), cue_kind("criticism"), cue_kind("endorse")
    ('speech', 'belief', 'intention', 'evaluation', 'other')
    """
    lemma = lemma.lower()
    for kind, words in (("speech", SPEECH_CUES), ("belief", BELIEF_CUES), ("intention", INTENTION_CUES),
                        ("evaluation", EVALUATION_CUES)):
        if lemma in words:
            return kind
    return "other"


def cue_lemma(tokens) -> str:
    """The lemma that names a cue span's kind: the first token in a cue list, else the
    first verb, noun or adjective ("is expected to" -> "expect")."""
    toks = [t for t in tokens if not t.is_space and not t.is_punct]
    for t in toks:
        if cue_kind(t.lemma_) != "other" and t.lemma_.lower() not in ("be", "have", "do"):
            return t.lemma_.lower()
    for t in toks:
        if t.pos_ in ("VERB", "NOUN", "ADJ") and t.lemma_.lower() not in ("be", "have", "do"):
            return t.lemma_.lower()
    return toks[0].lemma_.lower() if toks else ""


# --------------------------------------------------------------------------- records
@dataclass
class AttributionMatch:
    """An attribution and the parse facts later stages need (sentence, cue token...)."""

    attribution: Attribution
    sentence: int
    cue_token: object | None
    source_tokens: list
    content_start: int
    content_end: int
    lemma: str
    mention: object | None = None       # coref Mention of the resolved source
    wide: bool = False                   # a belief/intention/evaluation/noun cue: no claim of its own

    @property
    def extent(self) -> tuple[int, int]:
        parts = [(self.content_start, self.content_end)]
        for sp in (self.attribution.source, self.attribution.cue):
            if sp is not None:
                parts.append((sp.start, sp.end))
        return min(a for a, _ in parts), max(b for _, b in parts)


def trim(text: str, a: int, b: int, *, chars: str = TRIM_CHARS) -> tuple[int, int]:
    """Shrink ``[a, b)`` past leading/trailing punctuation, quote marks and spaces."""
    while a < b and text[a] in chars:
        a += 1
    while b > a and text[b - 1] in chars:
        b -= 1
    # keep the closing quote mark of a quotation the span opens ('sold "more drones"')
    inner = text[a:b]
    if b < len(text) and text[b] in '"”»' and (inner.count('"') % 2 == 1 or inner.count("“") > inner.count("”")):
        b += 1
    if a > 0 and text[a - 1] in '"“«' and (inner.count('"') % 2 == 1 or inner.count("”") > inner.count("“")):
        a -= 1
    # an unmatched bracket left at either end
    if a < b and text[b - 1] == ")" and "(" not in text[a:b]:
        b -= 1
    if a < b and text[a] == "(" and ")" not in text[a:b]:
        a += 1
    return a, b


def _subject(verb):
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj", "expl"):
            return c, False
    for c in verb.children:
        if c.dep_ == "agent":
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj, False
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            return c, True
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG":
        return _subject(verb.head)
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in CONTROL_VERBS:
        return _subject(verb.head)        # "seemed to think", "wants to say"
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head, False
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head, False
    return None, False


def _as_saying_host(verb):
    """For "X was reported/quoted as saying", the passive verb whose subject speaks."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.dep_ == "prep":
        host = verb.head.head
        if host.pos_ in ("VERB", "AUX"):
            return host
    return None


class _Ctx:
    """Per-document state shared by the rules."""

    def __init__(self, parsed: Parsed, mentions: Mentions):
        self.parsed = parsed
        self.text = parsed.analysis_text
        self.mentions = mentions
        self.quotes = parsed.quotes

    def quote_around(self, a: int, b: int) -> tuple[int, int] | None:
        for q0, q1 in self.quotes:
            if q0 < b and a < q1 + 1 and q0 <= a + 2 and b <= q1 + 2:
                return q0, q1
        return None

    def inside_quote(self, pos: int) -> bool:
        return any(q0 < pos < q1 for q0, q1 in self.quotes)


def _cue_tokens(verb) -> list:
    toks = [verb]
    i = verb.i - 1
    while i >= 0 and verb.doc[i].dep_ in ("aux", "auxpass", "neg") and verb.doc[i].head == verb:
        toks.insert(0, verb.doc[i])
        i -= 1
    for c in verb.children:
        if c.dep_ == "prt" and c.i == toks[-1].i + 1:
            toks.append(c)
    return toks


def _span(s: Sentence, doc_text: str, a: int, b: int) -> Span:
    return Span(a, b, doc_text[a:b])


def find_attributions(parsed: Parsed, mentions: Mentions | None = None) -> list[AttributionMatch]:
    """All attributions of a parsed document, in text order (ids ``a1``, ``a2``...)."""
    mentions = mentions or Mentions(parsed)
    ctx = _Ctx(parsed, mentions)
    found: list[AttributionMatch] = []
    for s in parsed.sentences:
        found.extend(_sentence_attributions(ctx, s))
    found = [part for m in found for part in _split_conjoined(ctx, m)]
    found.extend(_dash_signed(ctx, found))
    found.extend(_continued_quotes(ctx, found))
    found.sort(key=lambda m: (m.attribution.content.start if m.attribution.content else 0))
    # one attribution per content: the verb closest to it wins ("said ... adding")
    unique: list[AttributionMatch] = []
    for m in found:
        if any(u.content_start == m.content_start and u.content_end == m.content_end for u in unique):
            continue
        unique.append(m)
    for i, a in enumerate(unique_attributions(unique), 1):
        a.id = f"a{i}"
    return unique


def unique_attributions(matches: list[AttributionMatch]) -> list[Attribution]:
    """The attributions of ``matches`` once each, in order: the sentences of one quotation
    are separate matches (one claim each) sharing one :class:`Attribution`."""
    seen: set[int] = set()
    out = []
    for m in matches:
        if id(m.attribution) not in seen:
            seen.add(id(m.attribution))
            out.append(m.attribution)
    return out


def _sentence_attributions(ctx: _Ctx, s: Sentence) -> list[AttributionMatch]:
    out = []
    for t in s.span:
        if t.lemma_.lower() == "accord" and t.lower_ == "according":
            m = _according_to(ctx, s, t)
        elif t.lemma_.lower() in REPORTING_VERBS and t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" \
                or t.lemma_.lower() in REPORTING_VERBS and t.pos_ == "VERB" and \
                any(c.dep_ in ("aux", "auxpass") for c in t.children):
            m = _reporting_verb(ctx, s, t)
            if m is None:
                m = _wide_cue(ctx, s, t)
        elif t.lemma_.lower() in WIDE_CUES and t.pos_ == "VERB" or t.lemma_.lower() in NOUN_CUES and \
                t.pos_ == "NOUN" or t.lemma_.lower() in ADJ_CUES and t.pos_ == "ADJ":
            m = _wide_cue(ctx, s, t)
        else:
            continue
        if m is not None:
            out.append(m)
    m = _colon_speaker(ctx, s)
    if m is not None:
        out.append(m)
    return out


# the complements that carry what a belief, intention or evaluation is about
_WIDE_DEPS = ("ccomp", "xcomp", "dobj", "prep", "attr", "oprd", "acomp", "dative")
_TIME_PREPS = ("in", "at", "during", "after", "before", "since", "until", "by", "from", "amid", "while")
_NOUN_PREPS = ("of", "for", "about", "against", "on", "over", "to", "with", "that")


def _wide_cue(ctx: _Ctx, s: Sentence, t) -> AttributionMatch | None:
    """Beliefs, intentions, evaluations, directives and naming ("seemed to think ...",
    "criticized X for ...", "asked the crowd to ...", "called him a ..."), noun cues
    ("the claim that ...", "criticism of ...") and adjectives ("confident that ...").

    The source is the subject (of the verb, or of the verb a noun or adjective cue
    hangs off; a possessive for a noun), the content what the cue's complements cover.
    Marked ``wide``: these attributions are reported, but claims and denials use only
    the reporting-verb ones.
    """
    lemma = t.lemma_.lower()
    if lemma in WIDE_SKIP or ctx.inside_quote(s.char(t)) or t.dep_ == "amod":
        return None
    if any(c.dep_ == "neg" for c in t.children) and any(c.dep_ == "ccomp" for c in t.children):
        return None                       # "did not say whether ...": nothing said; "did not mention X" is kept
    if lemma in ("speak", "talk") and not any(c.dep_ == "prep" and c.lower_ in ("about", "of", "on") and not any(
            x.lower_ == "condition" for x in c.children) for c in t.children):
        return None                       # "spoke to reporters", "speaking on condition of anonymity"
    if lemma in OBJECT_SPEECH and not any(c.dep_ in ("dobj", "dative") or c.dep_ in ("prep", "prt") and
                                          (c.lower_ in ("about", "on", "out", "of") or
                                           c.lower_ == "to" and lemma == "point")
                                          for c in t.children if c.i > t.i):
        return None
    if t.pos_ == "VERB":
        comps = [c for c in t.children if c.i > t.i and c.dep_ in _WIDE_DEPS and not c.is_punct
                 and (c.dep_ != "prep" or c.lower_ not in _TIME_PREPS)]
        if not comps:
            return None
        subj, passive = _subject(t)
        if lemma in ("seem", "appear"):
            inner = next((c for c in comps if c.dep_ == "xcomp"), None)
            if inner is not None and (inner.lemma_.lower() in WIDE_CUES or inner.lemma_.lower() in REPORTING_VERBS):
                return None               # "seemed to think that ...": the inner verb is the cue
            passive = True                # "They appear to be unanimous": a hedge, no source
        if passive and lemma not in BELIEF_CUES and lemma not in ("seem", "appear"):
            return None                   # "the price was not disclosed": no one's attitude
        if passive:
            subj = next((c for c in t.children if c.dep_ in ("nsubjpass", "nsubj")), None)
            if subj is not None and subj.lower_ in ("it", "there"):
                subj = None
            # "X is expected to win": X is the content's subject, no source
            comps = ([subj] if subj is not None else []) + comps
            subj = None
        elif subj is None:
            return None
        cue_toks = _cue_tokens(t)
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in ("seem", "appear"):
            cue_toks = _cue_tokens(t.head) + cue_toks
    else:
        comps = [c for c in t.children if c.i > t.i and (
            c.dep_ == "prep" and c.lower_ in _NOUN_PREPS or c.dep_ in ("ccomp", "xcomp")
            or c.dep_ == "acl" and c.tag_ != "VBN" and any(x.lower_ in ("that", "to") for x in c.children))]
        if not comps:
            return None
        subj = next((c for c in t.children if c.dep_ == "poss"), None)
        if subj is None and t.dep_ in ("dobj", "acomp", "attr", "pobj") and t.head.pos_ in ("VERB", "AUX"):
            host = t.head if t.dep_ != "pobj" else t.head.head
            if host.pos_ in ("VERB", "AUX"):
                subj, passive = _subject(host)
                if passive:
                    subj = None
        cue_toks = [t]
    comps = sorted(comps, key=lambda c: c.left_edge.i)
    toks = [x for x in t.doc[comps[0].left_edge.i:max(c.right_edge.i for c in comps) + 1] if not x.is_space]
    if subj is not None:
        toks = [x for x in toks if x.i not in {y.i for y in subj.subtree}] or toks
    if toks and toks[0].dep_ == "mark" and toks[0].lower_ in ("that",):
        toks = toks[1:]
    if len([x for x in toks if not x.is_punct]) < 2:
        return None
    a, b = trim(ctx.text, s.char(toks[0]), s.char_end(toks[-1]))
    if b - a < 3:
        return None
    stoks = phrase_tokens(subj) if subj is not None and subj.pos_ != "PRON" or subj is not None and \
        subj.lower_ not in ("it", "this", "that", "what", "which", "there") else []
    if stoks and s.char(stoks[0]) < b and a < s.char_end(stoks[-1]):
        if a <= s.char(t) < b and stoks[0].i < t.i:
            a, b = trim(ctx.text, s.char_end(t), b)      # "which he believes will ...": after the cue
            if b - a < 3:
                return None
        else:
            stoks = []
    cue = (min(s.char(x) for x in cue_toks), max(s.char_end(x) for x in cue_toks))
    m = _make(ctx, s, cue=cue, source_tokens=stoks, content=(a, b), lemma=lemma, cue_token=t)
    m.wide = True
    return m


def _colon_speaker(ctx: _Ctx, s: Sentence) -> AttributionMatch | None:
    """"Name: words" opening a sentence (a headline or a transcript line): Name says them."""
    toks = [x for x in s.span if not x.is_space]
    colon = next((x for x in toks[:7] if x.text == ":"), None)
    if colon is None or colon.i == toks[0].i:
        return None
    head = [x for x in toks if x.i < colon.i]
    if not head[0].text[:1].isupper() or head[-1].is_punct or head[-1].lower_ in COLON_NOT_SPEAKERS \
            or any(x.lower_ in COLON_NOT_SPEAKERS for x in head) \
            or not all(x.pos_ in ("PROPN", "PUNCT", "DET", "ADP", "NOUN", "ADJ", "CCONJ") for x in head) \
            or not any(x.pos_ in ("PROPN", "NOUN") for x in head):
        return None
    rest = [x for x in toks if x.i > colon.i]
    if not rest and s.index + 1 < len(ctx.parsed.sentences):
        # "Ann Coulter:" as a sentence of its own: what she says is the next one
        nxt = ctx.parsed.sentences[s.index + 1]
        a, b = trim(ctx.text, nxt.start, nxt.end)
        if b - a < 8 or ctx.text[s.end:nxt.start].count("\n") > 2:
            return None
    elif len([x for x in rest if not x.is_punct]) < 3:
        return None
    else:
        a, b = trim(ctx.text, s.char(rest[0]), s.char_end(rest[-1]))
    q = ctx.quote_around(a, b)
    if q is not None and a <= q[0] + 2:
        a, b = trim(ctx.text, min(a, q[0] + 1), max(b, q[1]))
    m = _make(ctx, s, cue=(s.char(colon), s.char_end(colon)), source_tokens=head, content=(a, b),
              lemma="say", cue_token=colon)
    m.wide = True
    return m


def _according_to(ctx: _Ctx, s: Sentence, t) -> AttributionMatch | None:
    to = next((c for c in t.children if c.lower_ == "to"), None)
    if to is None:
        return None
    src = next((c for c in to.children if c.dep_ == "pobj"), None)
    if src is None:
        return None
    own = {x.i for x in t.subtree}
    head = t.head
    while head.dep_ not in ("ROOT", "ccomp", "conj") and head.head != head:
        head = head.head
    rest = [x for x in head.subtree if x.i not in own and not x.is_space]
    if not rest:
        return None
    # the largest contiguous run of the clause outside "according to X"
    runs, cur = [], [rest[0]]
    for x in rest[1:]:
        if x.i == cur[-1].i + 1:
            cur.append(x)
        else:
            runs.append(cur)
            cur = [x]
    runs.append(cur)
    run = max(runs, key=len)
    a, b = trim(ctx.text, s.char(run[0]), s.char_end(run[-1]))
    if b - a < 3:
        return None
    stoks = phrase_tokens(src)
    return _make(ctx, s, cue=(s.char(t), s.char_end(to)), source_tokens=stoks,
                 content=(a, b), lemma="according to", cue_token=t)


def _reporting_verb(ctx: _Ctx, s: Sentence, verb) -> AttributionMatch | None:
    lemma = verb.lemma_.lower()
    if ctx.inside_quote(s.char(verb)) and ctx.quote_around(s.char(verb), s.char_end(verb)):
        return None                       # speech inside a quotation is content, not a cue
    if any(c.dep_ == "neg" for c in verb.children):
        return None                       # "did not say whether", "did not deny that": no statement
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSALS:
        return None                       # "declined to say", "refused to confirm"
    # "X was reported/quoted as saying ...": the passive host is part of the cue
    host = _as_saying_host(verb)
    if lemma in ("report", "quote") and any(c.dep_ == "prep" and c.lower_ == "as"
                                            and any(x.dep_ == "pcomp" for x in c.children)
                                            for c in verb.children):
        return None                       # handled at the inner "saying"
    if host is not None:
        subj = next((c for c in host.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        quoted = next((c for c in host.children if c.dep_ == "dobj"), None)
        if host.lemma_.lower() == "quote" and quoted is not None:
            subj = quoted                 # "the agency quoted the minister as saying": the minister
        passive = False
        cue_first = _cue_tokens(host)[0]
    else:
        subj, passive = _subject(verb)
        cue_first = _cue_tokens(verb)[0]
        if passive and lemma not in ("report", "quote", "cite"):
            # "it was announced that ..." / "X was told ...": no source, or a hearer
            if subj is not None and subj.lower_ != "it":
                return None
            subj = None
    if subj is not None and subj.lower_ in ("it", "this", "that", "what", "which", "who") \
            and subj.dep_ in ("expl",) :
        subj = None
    if subj is not None and subj.lower_ in ("what", "which", "that", "who") and subj.head == verb:
        # "Meridale Shipping, which ..., has denied": the relative pronoun's antecedent
        subj = verb.head if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN") else None
    cue_toks = _cue_tokens(verb)
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("seem", "appear"):
        cue_first = _cue_tokens(verb.head)[0]      # "seemed to think"
    cue = (min(s.char(cue_first), s.char(cue_toks[0])), s.char_end(cue_toks[-1]))
    content = _content(ctx, s, verb)
    if content is None:
        return None
    a, b = content
    stoks = phrase_tokens(subj) if subj is not None else []
    if stoks:
        sa, sb = s.char(stoks[0]), s.char_end(stoks[-1])
        if sa < b and a < sb:             # source inside the content: a bad parse
            if verb.dep_ == "parataxis" and verb.i < verb.head.i:
                pass                      # "The museum, he said, ...": the content encloses them
            elif verb.dep_ == "relcl" and a <= s.char(verb) < b:
                # "which state media claimed was a success": what follows the cue
                a, b = trim(ctx.text, s.char_end(verb), b)
                if b - a < 3:
                    return None
            elif subj.i < verb.i and s.char(subj) >= a:
                return None
            else:
                stoks = [subj]
    if not stoks and subj is None and verb.dep_ not in ("ROOT", "ccomp", "conj", "parataxis",
                                                         "advcl") and host is None:
        return None
    return _make(ctx, s, cue=cue, source_tokens=stoks, content=(a, b), lemma=lemma,
                 cue_token=verb)


def _content(ctx: _Ctx, s: Sentence, verb) -> tuple[int, int] | None:
    """Character range of what ``verb`` reports, or None."""
    text = ctx.text
    lemma = verb.lemma_.lower()
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    if any(c.dep_ == "mark" for c in verb.children):
        # "..., after a group of hospitals said it had found ...": a subordinate clause's
        # content is on its right; the clause on its left is the main clause
        comps = [c for c in comps if c.i > verb.i]
    comp = comps[-1] if comps and comps[-1].i > verb.i else (comps[0] if comps else None)
    if comp is None and lemma not in DENY_VERBS:
        comp = _that_clause(verb)
    if comp is not None and _question(comp):
        return None                       # "said whether ...", "did not say which districts"
    if comp is None and lemma in DENY_VERBS:
        # "rejected the accusation that ...", "denied selling drones": the object is the content
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "xcomp") and c.i > verb.i
                    and (c.lemma_.lower() in CLAIM_NOUNS or c.tag_ == "VBG")), None)
        if obj is None:
            return None
        kids = [x for x in obj.subtree if not x.is_space]
        return trim(text, s.char(kids[0]), s.char_end(kids[-1]))
    if comp is None and lemma in ("accuse", "charge", "blame"):
        # "accused the ministry of selling drones": the content is the of-phrase
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
        if prep is not None:
            kids = [x for x in prep.subtree if x.i != prep.i]
            obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < prep.i), None)
            if obj is not None:          # "accused the ministry of selling ...": from the accused
                kids = [x for x in verb.doc[obj.left_edge.i:prep.right_edge.i + 1]]
            if kids:
                return trim(text, s.char(kids[0]), s.char_end(kids[-1]))
        return None
    if comp is not None:
        toks = [x for x in comp.subtree if not x.is_space]
        if comp.i < verb.i:
            # content left of the cue: keep only tokens left of the source/cue
            toks = [x for x in toks if x.i < verb.i]
        if comp.dep_ != "ccomp":
            # a clause found through "that" (a misparse): from the word after "that"
            that = next(x for x in verb.doc[verb.i + 1:comp.i] if x.lower_ == "that")
            toks = [x for x in verb.doc[that.i + 1:comp.right_edge.i + 1] if not x.is_space]
        obj = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < comp.i), None)
        if obj is not None and comp.i > verb.i and obj.ent_type_ not in ("PERSON", "ORG") \
                and lemma not in ("tell", "inform", "brief", "assure", "warn", "remind") \
                and not any(c.dep_ == "mark" and c.lower_ == "that" for c in comp.children) \
                and obj.pos_ != "PRON" and obj.lemma_.lower() not in AUDIENCE:
            # "said Russia's overtures to North Korea come ...": the object begins the clause
            toks = [x for x in verb.doc[obj.left_edge.i:comp.right_edge.i + 1] if not x.is_space]
        if lemma in NEEDS_CLAUSE and (comp.lemma_.lower() in REPORTING_VERBS or any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("what", "which")
                for c in comp.children)):
            return None
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "what" and c.i < verb.i
               for c in comp.children):
            return None                   # "what analysts said appeared to be": a hedge
        first = toks[0]
        if first.dep_ == "mark" and first.lower_ in ("that", "whether", "if") and first.head == comp:
            toks = toks[1:]
        # a trailing ", meaning ..." / ", saying ..." is the writer's gloss, not the statement
        gloss = next((c for c in comp.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > comp.i
                      and c.i > 0 and c.doc[c.left_edge.i - 1].text == ","), None)
        if gloss is not None:
            toks = [x for x in toks if x.i < gloss.left_edge.i - 1]
        if not toks:
            return None
        a, b = s.char(toks[0]), s.char_end(toks[-1])
    elif verb.dep_ == "parataxis" and verb.i < verb.head.i and verb.head.pos_ in ("VERB", "AUX") \
            and _set_off(verb):
        # "The museum, Mr. Varga said, celebrated ...": the clause around the reporting clause
        toks = [x for x in verb.head.subtree if not x.is_space]
        a, b = s.char(toks[0]), s.char_end(toks[-1])
    elif verb.dep_ in ("parataxis", "ccomp", "advcl", "conj") and verb.i > verb.head.i \
            and verb.head.pos_ in ("VERB", "AUX") and verb.head.lemma_.lower() not in REPORTING_VERBS:
        own = {x.i for x in verb.subtree}
        toks = [x for x in verb.head.subtree if x.i not in own and x.i < verb.i and not x.is_space]
        if not toks:
            return None
        a, b = s.char(toks[0]), s.char_end(toks[-1])
    else:
        q = _adjacent_quote(ctx, s, verb)
        if q is None:
            return None
        a, b = q[0] + 1, q[1]
    if lemma in NEEDS_CLAUSE and comp is None and lemma not in DENY_VERBS:
        if verb.dep_ != "parataxis":
            return None
    q = ctx.quote_around(a, b)
    if q is not None:
        starts_after_open = text[q[0]] in OPEN_QUOTES + STRAIGHT and a <= q[0] + 2
        ends_before_close = b >= q[1] - 2
        if starts_after_open or ends_before_close:
            a, b = min(a, q[0] + 1), max(b, q[1])
    a, b = trim(text, a, b)
    if b - a < 2:
        return None
    return a, b


def _set_off(verb) -> bool:
    """The clause of ``verb`` stands between commas or dashes ("..., she said, ...")."""
    doc, marks = verb.doc, (",", "—", "–")
    left, right = verb.left_edge.i, verb.right_edge.i
    before = doc[left].text in marks or left > 0 and doc[left - 1].text in marks
    after = doc[right].text in marks or right + 1 < len(doc) and doc[right + 1].text in marks
    return before and after


def _that_clause(verb):
    """A clause introduced by "that" that the parser hung elsewhere ("told journalists at
    the site that the drones had been launched", parsed as a relative clause)."""
    for x in verb.doc[verb.i + 1:min(len(verb.doc), verb.i + 12)]:
        if x.lower_ == "that" and x.dep_ in ("dobj", "nsubj", "mark", "det") and x.head.pos_ in ("VERB", "AUX") \
                and x.head.i > x.i and x.head.dep_ in ("relcl", "acl", "ccomp", "advcl") \
                and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > x.i for c in x.head.children):
            return x.head
        if x.pos_ in ("VERB", "AUX") and x.dep_ not in ("acl", "relcl", "amod"):
            break
    return None


def _question(comp) -> bool:
    """An indirect question: "whether ...", "which districts ...", "how many ..."."""
    first = comp.left_edge
    # "if" opening a conditional clause inside the statement ("If X, Y will ...") is no question
    return first.lower_ in ("whether", "if") and first.dep_ == "mark" and first.head == comp or \
        first.tag_ in ("WDT", "WP", "WRB") and first.lower_ != "that" and first.i < comp.i


def _adjacent_quote(ctx: _Ctx, s: Sentence, verb) -> tuple[int, int] | None:
    """A quotation just before the cue ("“...,” he said") or just after it ("said: “...”")."""
    text = ctx.text
    first = min([x for x in verb.subtree if x.dep_ in ("nsubj", "nsubjpass")] + [verb],
                key=lambda x: x.i)
    left = s.char(first)
    for q0, q1 in ctx.quotes:
        between = text[q1 + 1:left] if q1 < left else None
        if between is not None and len(between) <= 3 and not between.strip(" ,\n"):
            return q0, q1
    right = s.char_end(verb)
    for q0, q1 in ctx.quotes:
        gap = text[right:q0] if q0 >= right else None
        if gap is not None and len(gap) <= 12 and gap.strip() in (":", ",", "", ": ") or \
                gap is not None and re.fullmatch(r"\s*(in a statement|on \w+)?\s*[:,]?\s*", gap or "x"):
            return q0, q1
    return None


def _kind(ctx: _Ctx, a: int, b: int) -> str:
    q = ctx.quote_around(a, b)
    if q is not None and q[0] < a and b <= q[1] + 1:
        return "direct"
    if any(a <= q0 < b or a < q1 <= b for q0, q1 in ctx.quotes):
        return "mixed"
    return "indirect"


def _split_conjoined(ctx: _Ctx, m: AttributionMatch) -> list[AttributionMatch]:
    """"said X had sold drones and had sent technicians": one statement per clause.

    A conjunct is split off when it has its own subject or auxiliary ("and that Y",
    "and had sent"); "freeze assets and bar banks" stays one proposition.
    """
    if m.attribution.kind == "direct":
        return _split_sentences(ctx, m)
    if m.cue_token is None:
        return [m]
    s = ctx.parsed.sentences[m.sentence]
    a, b = m.content_start, m.content_end
    inside = [t for t in s.span if a <= s.char(t) < b]
    if not inside:
        return [m]
    idx = {t.i for t in inside}
    root = next((t for t in inside if t.head.i not in idx or t.head == t), None)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return [m]
    conj = next((c for c in inside if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.head.i in idx
                 and (c.head == root or any(x.dep_ == "mark" and x.lower_ == "that" for x in c.children))
                 and any(x.dep_ in ("nsubj", "nsubjpass", "auxpass", "mark") or x.dep_ == "aux" and x.lower_ != "to"
                         for x in c.children)),
                None)
    cc = next((c for c in conj.head.children if c.dep_ == "cc" and c.i < conj.i), None) \
        if conj is not None else None
    if conj is None or cc is None or ctx.inside_quote(s.char(cc)):
        return [m]
    first = trim(ctx.text, a, s.char(cc))
    left = conj.left_edge
    while left.i < conj.i and (left.dep_ in ("mark", "cc") or left.is_punct):
        left = left.doc[left.i + 1]
    second = trim(ctx.text, s.char(left), b)
    if first[1] - first[0] < 8 or second[1] - second[0] < 8:
        return [m]
    out = []
    doc_text = ctx.parsed.document.text
    for pa, pb in (first, second):
        att = Attribution(id="", source=m.attribution.source, cue=m.attribution.cue,
                          content=Span(pa, pb, doc_text[pa:pb]),
                          source_type=m.attribution.source_type,
                          source_name=m.attribution.source_name, kind=_kind(ctx, pa, pb),
                          cue_kind=m.attribution.cue_kind)
        out.append(AttributionMatch(att, m.sentence, m.cue_token, m.source_tokens, pa, pb, m.lemma,
                                    m.mention))
    return out


def _split_sentences(ctx: _Ctx, m: AttributionMatch) -> list[AttributionMatch]:
    """A quotation of several sentences: one statement per sentence."""
    parts = []
    for s in ctx.parsed.sentences:
        a, b = max(s.start, m.content_start), min(s.end, m.content_end)
        if a < b:
            a, b = trim(ctx.text, a, b)
            if b - a >= 8:
                parts.append((a, b, s.index))
    if len(parts) < 2:
        return [m]
    # one attribution, one match (and so one claim) per sentence
    return [AttributionMatch(m.attribution, m.sentence, m.cue_token, m.source_tokens, a, b, m.lemma, m.mention)
            for a, b, _si in parts]


def _continued_quotes(ctx: _Ctx, found: list[AttributionMatch]) -> list[AttributionMatch]:
    """A quotation right after a quoted speaker's, with no cue of its own, is theirs too;
    so are the further sentences of a quotation that an attribution opens ("said that X
    “is like Y. Z.”") and a paragraph that opens a quote left unclosed before the next
    paragraph's quotation (the convention for a quote over several paragraphs)."""
    out = _quote_tails(ctx, found)
    found = found + out
    doc_text = ctx.parsed.document.text
    for q0, q1 in ctx.quotes:
        a, b = trim(ctx.text, q0 + 1, q1)
        if b - a < 15 or len(ctx.text[a:b].split()) < 4:
            continue
        if any(m.content_start < b and a < m.content_end for m in found):
            continue
        s = ctx.parsed.sentence_at(a)
        if s is None or ctx.text[s.start:s.end].strip(TRIM_CHARS) != ctx.text[a:b].strip(TRIM_CHARS):
            continue            # only a quotation that is a whole sentence of its own
        prev = [m for m in found if m.content_end <= q0 and m.attribution.kind in ("direct", "mixed")
                and s.index - m.sentence <= 2]
        if not prev:
            continue
        p = prev[-1]
        # the same speaker's quotation goes on: one attribution whose content runs to here
        att = p.attribution
        if att.content is not None and att.content.end < b:
            att.content = Span(att.content.start, b, doc_text[att.content.start:b])
        out.append(AttributionMatch(att, s.index, None, [], a, b, "quote", p.mention))
    return out


_DASH_SIGN_RE = re.compile(r"[ \t]*(?:\n[ \t]*){0,2}[—–]\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4})")


def _dash_signed(ctx: _Ctx, found: list[AttributionMatch]) -> list[AttributionMatch]:
    """A quotation signed with a dash and a name ("“...” — Maria Lopez, a nurse"), as vox
    pops and epigraphs are: the name is the source, the dash the cue."""
    out: list[AttributionMatch] = []
    for q0, q1 in ctx.quotes:
        m = _DASH_SIGN_RE.match(ctx.text, q1 + 1)
        if m is None:
            continue
        a, b = trim(ctx.text, q0 + 1, q1)
        if b - a < 8 or any(f.content_start < b and a < f.content_end for f in found):
            continue
        s = ctx.parsed.sentence_at(m.start(1))
        if s is None:
            continue
        name = [t for t in s.span if m.start(1) <= s.char(t) < m.end(1)]
        if not name:
            continue
        dash = m.start(1) - 1
        while dash > q1 and ctx.text[dash] not in "—–":
            dash -= 1
        first = _make(ctx, s, cue=(dash, dash + 1), source_tokens=name, content=(a, b), lemma="say",
                      cue_token=name[0])
        for qs in ctx.parsed.sentences:
            sa, sb = trim(ctx.text, max(qs.start, a), min(qs.end, b))
            if sb - sa >= 8 and qs.start < b and a < qs.end:
                out.append(AttributionMatch(first.attribution, qs.index, None, name, sa, sb, "say", first.mention))
    return out


def _quote_tails(ctx: _Ctx, found: list[AttributionMatch]) -> list[AttributionMatch]:
    out: list[AttributionMatch] = []
    core = [m for m in found if not m.wide]

    def covered(a: int, b: int) -> bool:
        return any(m.content_start < b and a < m.content_end for m in core + out)

    def add(owner: AttributionMatch, s: Sentence) -> None:
        a, b = trim(ctx.text, s.start, s.end)
        if b - a < 8 or covered(a, b):
            return
        att = owner.attribution
        if att.content is not None and (att.content.end < b or a < att.content.start):
            ca, cb = min(a, att.content.start), max(b, att.content.end)
            att.content = Span(ca, cb, ctx.parsed.document.text[ca:cb])
        out.append(AttributionMatch(att, s.index, None, [], a, b, "quote", owner.mention))

    for q0, q1 in ctx.quotes:
        owner = next((m for m in core if m.content_start <= q0 + 2 and q0 < m.content_end < q1 - 2), None)
        if owner is None:
            continue
        for s in ctx.parsed.sentences:
            if s.start >= owner.content_end and s.end <= q1 + 2:
                add(owner, s)
    # a paragraph that leaves a quotation open (the next one quotes on): from its last
    # opening mark to its end the speaker is the one quoted in it, or in the next paragraph
    text = ctx.text
    paras = [(mt.start(), mt.end()) for mt in re.finditer(r"[^\n]+", text)]
    for k, (a, b) in enumerate(paras):
        body = text[a:b]
        opens = [a + i for i, ch in enumerate(body) if ch == "“"]
        straight = [a + i for i, ch in enumerate(body) if ch == '"']
        if len(opens) > body.count("”"):
            start = opens[-1]
        elif len(straight) % 2 == 1:
            start = straight[-1]
        else:
            continue
        if k + 1 >= len(paras) or text[paras[k + 1][0]:paras[k + 1][1]].lstrip()[:1] not in "“\"":
            continue
        here = [m for m in core + out if a <= m.content_start < start and m.attribution.kind != "indirect"]
        nxt = paras[k + 1]
        owner = here[-1] if here else next((m for m in core if nxt[0] <= m.content_start < nxt[1]), None)
        if owner is None:
            continue
        for s in ctx.parsed.sentences:
            if start <= s.start + 2 and s.end <= b + 1:
                add(owner, s)
    # a quotation of its own sentences right after a quoted speaker's: theirs too
    for q0, q1 in ctx.quotes:
        s0 = ctx.parsed.sentence_at(q0 + 1)
        if s0 is None or s0.start < q0 - 1 or q1 - q0 < 15 or covered(q0 + 1, q1):
            continue
        prev = [m for m in core + out if m.content_end <= q0 + 1 and m.attribution.kind in ("direct", "mixed")
                and 0 <= s0.index - m.sentence <= 3]
        if not prev:
            continue
        owner = max(prev, key=lambda m: m.content_end)
        for s in ctx.parsed.sentences:
            if q0 <= s.start + 1 and s.end <= q1 + 2:
                add(owner, s)
    return out


def person_name(name: str, *, affiliation: bool = True) -> str:
    """A name as the claims convention gives it: a lower-case descriptor before the name
    dropped, a capitalised title kept, and (``affiliation``, for a person) "of ..." after
    the name dropped.

    >>> person_name("ministry spokesperson Lidia Varga"), person_name("Foreign Minister Teodor Brask of Osk")
    ('Lidia Varga', 'Foreign Minister Teodor Brask')
    """
    words = name.split()
    if affiliation and " of " in name and words and words[0][:1].isupper():
        head, _, _ = name.partition(" of ")
        if head.split()[-1][:1].isupper() and len(head.split()) >= 2:
            words = head.split()        # "Hanna Weiss of the Ashgrove Institute"
    lower = [i for i, w in enumerate(words) if w[:1].islower() and w.lower() not in NAME_PARTICLES]
    if lower and lower[-1] + 1 < len(words) and all(w[:1].isupper() for w in words[lower[-1] + 1:]) \
            and words[lower[-1]].isalpha() and words[lower[-1]] not in FUNCTION_WORDS:
        words = words[lower[-1] + 1:]   # "Dorran spokesperson Elsa Marten" -> "Elsa Marten"
    return " ".join(words)


def _described(ctx: _Ctx, s: Sentence, root, source_tokens) -> str | None:
    """A common-noun source with the phrases that say who it is ("analysts at the firm")."""
    end = source_tokens[-1].i
    for c in root.children:
        if c.i > end and c.dep_ in ("prep", "amod") and c.lower_ in DESCRIBING_PREPS and c.i == end + 1:
            toks = []
            for t in c.subtree:            # up to a comma: "the firm Obsidian Gate, which ..."
                if t.is_punct and t.text in ",;:(" or t.pos_ in ("VERB", "AUX"):
                    break
                toks.append(t)
            if len(toks) < 2:
                break
            end = toks[-1].i
    if end == source_tokens[-1].i:
        return None
    a, b = s.char(source_tokens[0]), s.char_end(root.doc[end])
    return " ".join(ctx.parsed.document.text[a:b].split())


def _make(ctx: _Ctx, s: Sentence, *, cue, source_tokens, content, lemma, cue_token
          ) -> AttributionMatch:
    doc_text = ctx.parsed.document.text
    a, b = content
    kind = _kind(ctx, a, b)
    source = None
    name, mention = None, None
    label = None
    if source_tokens:
        sa, sb = s.char(source_tokens[0]), s.char_end(source_tokens[-1])
        source = _span(s, doc_text, sa, sb)
        name, mention = ctx.mentions.name_for(s, source_tokens)
        rel = source_tokens[0]
        if len(source_tokens) == 1 and rel.lower_ in ("which", "who", "that") and rel.head.dep_ == "relcl" \
                and rel.head.head.pos_ in ("NOUN", "PROPN"):
            # "the agency, which has denied ...": the span stays "which", the name is the antecedent's
            name, mention = ctx.mentions.name_for(s, phrase_tokens(rel.head.head))
        label = next((t.ent_type_ for t in source_tokens if t.ent_type_), None)
    if mention is not None:
        ctx.mentions.speakers.append(mention)
    if name:
        # "A report by the UN panel says": the panel is the source
        m = DOC_BY_RE.match(name)
        if m:
            name = m.group(1)
    if source_tokens and name:
        root = next((t for t in source_tokens if t.head not in source_tokens or t.head == t),
                    source_tokens[0])
        if root.pos_ == "NOUN" and name == source.text and (mention is None or not mention.named):
            # an unnamed group keeps its description: "officials in Vellmark"
            name = _described(ctx, s, root, source_tokens) or name
        else:
            name = person_name(name, affiliation=mention is not None and mention.kind == "person"
                               or root.ent_type_ == "PERSON")
    phrase = name or (source.text if source else "")
    if source_tokens:
        # the whole subject phrase types the source: "X, a researcher at ...", "an official,
        # speaking on condition of anonymity"
        root = next((t for t in source_tokens if t.head not in source_tokens or t.head == t),
                    source_tokens[0])
        full = " ".join(t.text for t in root.subtree if t.i < cue_token.i or cue_token.i < root.i)
        phrase = f"{phrase} {full}" if full not in phrase else phrase
    if mention is not None:
        label = {"person": "PERSON", "org": "ORG", "gpe": "GPE"}.get(mention.kind, label)
    stype = source_type(phrase, ent_label=label) if phrase else "anonymous"
    if stype == "other" and (source_tokens and source_tokens[-1].lower_ in ("he", "she")
                             or mention is not None and mention.kind == "person"):
        stype = "person"
    attribution = Attribution(id="", source=source, cue=_span(s, doc_text, *cue),
                              content=_span(s, doc_text, a, b), source_type=stype,
                              source_name=name or None, kind=kind, cue_kind=cue_kind(lemma.split()[0]))
    return AttributionMatch(attribution, s.index, cue_token, source_tokens, a, b, lemma, mention)
