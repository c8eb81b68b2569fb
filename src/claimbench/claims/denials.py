"""Denials on the dependency parse, with the denied proposition made positive.

A denial is found by one of four rules:

A. **Denying verb** (``deny``, ``reject``, ``dismiss ... as``, ``refute``...): the
   subject is the denier, the object the proposition: a ``that``-clause ("deny
   they have conducted arms transactions" -> "<denier> have conducted arms
   transactions"), a claim noun with its clause ("rejected claims that Y did Z"
   -> "Y did Z"), a gerund ("denied selling drones" -> "<denier> sold drones"), an
   involvement noun ("denied any involvement in X" -> "<denier> was involved in X"),
   or a bare reference ("denied it", "rejected that accusation", "dismissed the
   display as staged"), resolved to the earlier claim it refers to. ``reject`` and
   ``dismiss`` count only with a claim-like object ("rejected the offer" is no denial),
   and a negated verb ("did not deny that ...") is a concession, not a denial.
B. **Falsity words** in someone's statement: "the findings were baseless",
   "called the reports false" -> the claims the noun refers to.
C. **"no such"** in someone's statement: "said no such aircraft had left" ->
   "aircraft had left".
D. **Negated accusation** in someone's statement: "said it had never sold drones",
   "said the ministry did not ship weapons" (a predicate from
   :data:`~claimbench.claims.lexicon.ACCUSATION_VERBS`, or ``never`` with any action
   verb), made positive. Negations in the article's own voice ("KCNA did not refer
   to the war"), refusals ("declined to comment"), future or modal negations ("will
   not", "could not be confirmed") and "not yet" are not denials.

The denied proposition is written as a standalone positive statement
(``claims/ANNOTATION.md``): the back-shift of reported speech undone ("had sold" ->
"sold"), asides left out (an appositive description, ", where ...", ", saying ...",
"according to ..."), a claim frame dropped ("accusations by X that P" -> "P"), a
partitive subject made whole ("any of its cargo" -> "<denier>'s cargo"), "no such N" and
a bare "there is no N" spelled out as the article described N before, and a conjoined
clause kept only when it denies too. A bare reference takes what the earlier claim
asserts without the frame of its report ("X accused Y of doing Z" -> "Y did Z", "AV1
reported that P" -> "P"); :func:`~claimbench.claims.antecedents.antecedent` says which
claim it means.

The rules run after claims are built, because a bare reference needs the earlier
claims; :func:`find_denials` returns them with the claim span each one covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .antecedents import (
    antecedent,
    claim_tokens,
    content_lemmas,
    lead_proposition,
    same_speaker,
    target_text,
)
from .attribution import AttributionMatch, _subject, trim
from .coref import Mentions, phrase_tokens
from .headlines import is_headline_line, is_label, restore_case
from .lexicon import (
    ACCUSATION_VERBS,
    AS_REPORTED_VERBS,
    CALL_VERBS,
    CLAIM_NOUNS,
    DENY_NEEDS_CLAIM,
    DENY_VERBS,
    DOUBT_ADJ,
    DOUBT_NOUNS,
    DOUBT_VERBS,
    FALSITY,
    FRAME_VERBS,
    GROUP_HEADS,
    GROUP_PRONOUNS,
    HEADLINE_DENY_NEEDS_CLAIM,
    HEADLINE_DENY_PHRASES,
    HEADLINE_DENY_VERBS,
    HEADLINE_FALSITY,
    HEADLINE_LABEL_WORDS,
    HEADLINE_SAY_VERBS,
    HEDGES,
    INVOLVEMENT,
    MASS_NOUNS,
    MODAL_OR_FUTURE,
    NEVER_NOT_DENIAL,
    NO_TRUTH_NOUNS,
    NOT_DENIAL_MODALS,
    NOT_DENIAL_VERBS,
    NOT_PROPOSITIONS,
    NOT_TRUE,
    PERSON_HEADS,
    RAISING_VERBS,
    RETRACT_VERBS,
    SHARED_THINGS,
    SUBJECT_PRONOUNS,
    VOICE_FALSITY,
    VOICE_NOT_REAL,
)
from .nlp import Parsed, Sentence
from .rewrite import (
    asides,
    clause_text,
    inflect,
    negated,
    original_text,
    owner_edits,
    positive_edits,
    possessive,
    proposition,
    render,
)
from .types import Claim, Denial

THIRD_PERSON = {"have": "has", "are": "is", "am": "is", "were": "was", "do": "does"}
FIRST_PERSON_POSSESSIVE = {"we": "our", "i": "my"}


@dataclass
class DenialMatch:
    """A denial and the facts the claim builder needs."""

    denial: Denial
    sentence: int
    claim_start: int
    claim_end: int
    attribution: AttributionMatch | None = None      # the statement holding it (rules B-D)
    rule: str = "A"
    targets: list = field(default_factory=list)       # the earlier Claims a bare reference means
    target_source: str | None = None
    # a separately checkable part of its statement ("said A and called B's claims baseless"):
    # the statement's claim is split at the denial's start
    split: bool = False


class _Ctx:
    def __init__(self, parsed: Parsed, mentions: Mentions, attributions: list[AttributionMatch],
                 claims: list[Claim], claim_sentence: dict[str, int]):
        self.parsed = parsed
        self.text = parsed.analysis_text
        self.mentions = mentions
        self.attributions = attributions
        self.claims = claims
        self.claim_sentence = claim_sentence
        self.found: list[DenialMatch] = []        # the denials found so far

    def attribution_holding(self, s: Sentence, token) -> AttributionMatch | None:
        pos = s.char(token)
        best = None
        for m in self.attributions:
            if m.content_start <= pos < m.content_end and m.lemma not in DENY_VERBS:
                if best is None or m.content_end - m.content_start < best.content_end - best.content_start:
                    best = m
        return best

    def attribution_of(self, token) -> AttributionMatch | None:
        return next((m for m in self.attributions if m.cue_token is not None and m.cue_token == token),
                    None)


def find_denials(parsed: Parsed, mentions: Mentions, attributions: list[AttributionMatch],
                 claims: list[Claim], claim_sentence: dict[str, int], *,
                 skip_sentences: frozenset[int] = frozenset()) -> list[DenialMatch]:
    """All denials of a parsed document, in text order, ids ``d1``, ``d2``...

    ``skip_sentences`` (a headline, say) are not searched.
    """
    ctx = _Ctx(parsed, mentions, attributions, claims, claim_sentence)
    out: list[DenialMatch] = ctx.found
    for s in parsed.sentences:
        if s.index in skip_sentences:
            continue
        for t in s.span:
            m = None
            lemma = t.lemma_.lower()
            if lemma in DENY_VERBS and t.pos_ == "VERB":
                m = _deny_verb(ctx, s, t)
            elif lemma in RETRACT_VERBS and t.pos_ == "VERB":
                m = _retract(ctx, s, t)
            elif lemma == "plead" and t.pos_ == "VERB":
                m = _plea(ctx, s, t)
            elif lemma in FALSITY or t.lower_ in FALSITY:
                m = (_voice_falsity(ctx, s, t) if _raised(t) else None) or _falsity(ctx, s, t) or \
                    _voice_falsity(ctx, s, t)
            elif lemma in AS_REPORTED_VERBS and t.dep_ == "advcl" and any(
                    c.lower_ == "as" and c.dep_ in ("mark", "advmod") for c in t.children):
                m = _not_as_reported(ctx, s, t)
            elif t.lower_ in ("doubt", "doubts", "skeptical", "sceptical", "doubtful", "unlikely") and \
                    t.pos_ in ("NOUN", "ADJ"):
                m = _doubt(ctx, s, t)
            elif t.lower_ in NOT_TRUE and t.lower_ != "thing" and t.dep_ in ("acomp", "attr") and negated(t.head):
                m = _voice_falsity(ctx, s, t)
            elif t.lower_ == "no" and t.dep_ == "det" and t.head.lemma_.lower() in NO_TRUTH_NOUNS:
                m = _no_truth(ctx, s, t)
            elif t.lower_ == "no" and t.dep_ == "det" and any(c.lower_ == "such" for c in t.head.children):
                m = _no_such(ctx, s, t)
            elif t.lower_ in ("no", "nobody", "none", "nothing") and t.dep_ in ("det", "nsubj", "nsubjpass",
                                                                                "dobj", "attr"):
                m = _none_quantifier(ctx, s, t)
            if m is not None and not any(_overlaps(m, o) for o in out):
                out.append(m)
    for am in attributions:
        if am.sentence in skip_sentences:
            continue
        m = _negated_statement(ctx, am)
        if m is not None:
            for o in out:
                if o.split and o.attribution is am and _overlaps(m, o):
                    _end_before(ctx, m, o.denial.start)      # "A" of "said A and called B false"
        if m is not None and not any(_overlaps(m, o) for o in out):
            out.append(m)
    if not skip_sentences and is_headline_document(parsed):
        if not out:
            m = _headline_denial(ctx)
            if m is not None:
                out.append(m)
        for m in out:
            d = m.denial
            if d.denier and re.search(re.escape(d.denier) + r"\s*:", parsed.document.text, re.I) and \
                    any(w.lower() in HEADLINE_LABEL_WORDS for w in re.findall(r"[\w-]+", d.denier)):
                h = _Headline(ctx)
                cue = next((t for t in h.toks if original_text(t) == d.cue or t.text == d.cue), None)
                if cue is not None:
                    d.denier = _headline_speaker(ctx, h, cue)
    out.sort(key=lambda m: m.denial.start)
    for i, m in enumerate(out, 1):
        m.denial.id = f"d{i}"
    return out


def _end_before(ctx: _Ctx, m: DenialMatch, pos: int) -> None:
    """Cut ``m``'s span (and its claim's) before ``pos``, and before the "and" that joins them."""
    text = ctx.parsed.document.text
    end = pos
    while end > m.denial.start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    for joiner in (" and", " but"):
        if text[:end].endswith(joiner):
            end -= len(joiner)
    a, b = trim(ctx.text, m.denial.start, end)
    if b > a:
        m.denial.start, m.denial.end, m.denial.text = a, b, text[a:b]
        m.claim_start, m.claim_end = a, b


def _overlaps(a: DenialMatch, b: DenialMatch) -> bool:
    return a.denial.start < b.denial.end and b.denial.start < a.denial.end


# --------------------------------------------------------------------------- helpers
def _denier(ctx: _Ctx, s: Sentence, verb) -> tuple[str | None, list]:
    outer = _frame_verb(verb)
    if outer is not None:
        verb = outer
    am = ctx.attribution_of(verb)
    if am is not None and am.attribution.source is not None:
        return am.attribution.source_name or am.attribution.source.text, am.source_tokens
    subj, passive = _subject(verb)
    if subj is None or passive:
        return None, []
    toks = phrase_tokens(subj)
    if subj.lower_ in ("we", "i"):
        held = ctx.attribution_holding(s, verb)
        if held is not None and _speaker_name(held):
            # '"We categorically deny these allegations," a spokesman said'
            return _pronoun_name(ctx, s, subj, held), toks
    name, _ = ctx.mentions.name_for(s, toks)
    name = _clean_name(ctx, s, name)
    # "Calvera's state news agency, CNA": the appositive name is the denier's name
    appos = next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if appos is not None and subj.pos_ == "NOUN":
        name = " ".join(x.text for x in phrase_tokens(appos))
    return name, toks


def _frame_verb(verb):
    """The speaking verb a subjectless conjunct really belongs to: in "X acknowledged that
    two of its tankers had met ships but denied that ..." the parser joins "denied" to "met";
    X, not "two of its tankers", denies. None when ``verb`` has a subject of its own."""
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    h = verb.head
    while h.dep_ == "conj" and h.head != h:
        h = h.head
    if h.dep_ == "ccomp" and h.head.lemma_.lower() in FRAME_VERBS and h.head.i < verb.i:
        return h.head
    return None


def _clause_span(s: Sentence, verb, subject_toks, obj_tokens) -> tuple[int, int]:
    # a subject shared with an earlier conjunct ("X said ... but denied ...") stays out
    direct = any(t.head == verb for t in subject_toks)
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    toks = (list(subject_toks) if direct else aux) + [verb] + list(obj_tokens)
    first = min(toks, key=lambda t: t.i)
    last = max(toks, key=lambda t: t.i)
    # closing quote of a quotation that the object opened
    doc = verb.doc
    if last.i + 1 < len(doc) and doc[last.i + 1].text in "”\"’»" and \
            any(t.text in "“\"«" for t in obj_tokens):
        last = doc[last.i + 1]
    return s.char(first), s.char_end(last)


def _subject_edits(ctx: _Ctx, clause, name: str | None) -> dict[int, str]:
    """Replace a pronoun subject (and matching possessives) of ``clause`` by ``name``."""
    edits: dict[int, str] = {}
    if not name:
        return edits
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lower_ in SUBJECT_PRONOUNS:
        edits[subj.i] = name
        # "it had massed troops near its border": once the subject is named, "its" reads
        # as the subject's and stays; a first-person "our"/"my" would not
        poss = FIRST_PERSON_POSSESSIVE.get(subj.lower_)
        for t in clause.subtree:
            if t.lower_ == poss and t.dep_ == "poss":
                edits[t.i] = name + ("'" if name.endswith("s") else "'s")
        if subj.lower_ in ("we", "i") and " and " not in name:
            # "I have never taken" -> "Tomas Verin has taken": a name is third person singular
            for t in [clause, *clause.children]:
                if (t is clause or t.dep_ in ("aux", "auxpass")) and t.lower_ in THIRD_PERSON:
                    edits[t.i] = THIRD_PERSON[t.lower_]
    return edits


def _speaker_name(am: AttributionMatch | None) -> str | None:
    if am is None:
        return None
    return am.attribution.source_name or (am.attribution.source.text if am.attribution.source else None)


def _make(ctx: _Ctx, s: Sentence, *, span, denier, denied, cue, rule, attribution=None,
          targets=(), target_source=None, claim_span=None) -> DenialMatch | None:
    a, b = trim(ctx.text, *span)
    if denied and denied.split(" ", 1)[0].lower() == "that" and " " in denied:
        rest = denied.split(" ", 1)[1]     # "that Karsk had sold ...": the clause, not its marker
        denied = rest[:1].upper() + rest[1:]
    if b <= a or not denied:
        return None
    doc_text = ctx.parsed.document.text
    denier = _clean_name(ctx, s, denier)
    denial = Denial(id="", start=a, end=b, text=doc_text[a:b], denier=denier, denied=denied,
                    cue=cue)
    ca, cb = claim_span if claim_span else (a, b)
    return DenialMatch(denial, s.index, ca, cb, attribution, rule, list(targets), target_source)


def _clean_name(ctx: _Ctx, s: Sentence, name: str | None) -> str | None:
    """A denier's name as the conventions write it: a lower-case descriptor dropped
    ("commission chairman Piet Arnell" -> "Piet Arnell"), and a phrase the parser ran on
    cut back ("the ministry of instructing" -> "the ministry", then the fullest earlier
    name ending in "ministry": "Norvala's health ministry")."""
    if not name:
        return name
    words = name.split()
    caps = len(words)
    while caps > 0 and words[caps - 1][:1].isupper():
        caps -= 1
    if 0 < caps < len(words) - 1 and all(w[:1].islower() for w in words[:caps]) and \
            words[0].lower() not in ("the", "a", "an"):
        return " ".join(words[caps:])
    cut = re.search(r"\s+of\s+[a-z]+ing\b", name)
    if cut is None:
        return name
    head = name[:cut.start()]
    last = head.split()[-1].lower() if head.split() else ""
    for c in reversed([c for c in ctx.claims if c.start < s.start]):
        for who in (c.source,):
            if who and who.split()[-1].lower() == last and any(w[:1].isupper() for w in who.split()) \
                    and not re.search(r"\s+of\s+[a-z]+ing\b", who):
                return who
    return head


# --------------------------------------------------------------------------- rule A
def _deny_verb(ctx: _Ctx, s: Sentence, verb) -> DenialMatch | None:
    lemma = verb.lemma_.lower()
    if negated(verb):
        return None
    if verb.dep_ in ("amod", "acl") and verb.tag_ == "VBN":
        return None                                   # "the denied request"
    if any(c.dep_ == "nsubjpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children):
        return None                                   # "was denied bail", "the claim was rejected"
    denier, subj_toks = _denier(ctx, s, verb)
    comp = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.i != verb.i), None)
    xcomp = next((c for c in verb.children if c.dep_ in ("xcomp", "pcomp") and c.tag_ == "VBG"), None)
    as_prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    as_falsity = as_prep is not None and any(t.lemma_.lower() in FALSITY or t.lower_ in FALSITY
                                             for t in as_prep.subtree)
    am = ctx.attribution_of(verb)
    if comp is not None and lemma == "deny" or comp is not None and obj is None:
        edits = _subject_edits(ctx, comp, denier)
        edits.update(positive_edits(comp) if negated(comp) else _any_edits(comp))
        edits.update(owner_edits(comp, denier, edits))
        denied = clause_text(comp, edits)
        span = _clause_span(s, verb, subj_toks, list(comp.subtree))
        return _make(ctx, s, span=span, denier=denier, denied=denied, cue=verb.text, rule="A",
                     attribution=am)
    if xcomp is not None or (obj is not None and obj.tag_ == "VBG"):
        ger = xcomp if xcomp is not None else obj
        return _gerund(ctx, s, verb, ger, denier, subj_toks, am)
    if obj is None:
        if lemma != "deny":
            return None
        span = _clause_span(s, verb, subj_toks, [])
        targets, tsource = antecedent(ctx, s, None, denier, span=span)
        if not targets:
            return None
        return _make(ctx, s, span=span, denier=denier, denied=target_text(ctx, targets[-1]), cue=verb.text,
                     rule="A", attribution=am, targets=list(targets), target_source=tsource)
    olemma = obj.lemma_.lower()
    obj_toks = list(obj.subtree)
    if as_prep is not None:
        obj_toks += list(as_prep.subtree)
    span = _clause_span(s, verb, subj_toks, obj_toks)
    if olemma in INVOLVEMENT and lemma == "deny" and denier:
        rest = [t for c in obj.children if c.dep_ == "prep" for t in c.subtree]
        tail = render(rest, _any_edits(obj)) if rest else ""
        tail = tail[:1].lower() + tail[1:]
        denied = f"{denier} {INVOLVEMENT[olemma]}" + (f" {tail}" if tail else "")
        return _make(ctx, s, span=span, denier=denier, denied=denied, cue=verb.text, rule="A",
                     attribution=am)
    claim_like = olemma in CLAIM_NOUNS or obj.pos_ == "PRON" or obj.lower_ in ("this", "that")
    if lemma in DENY_NEEDS_CLAIM and not claim_like and not (lemma == "dismiss" and as_falsity):
        return None
    if olemma in NOT_PROPOSITIONS:
        return None
    if any(c.dep_ == "amod" and c.lower_ in ("similar", "such-like", "other") for c in obj.children):
        return None                                   # "has been rebutting similar claims": no claim in the story
    if not claim_like and lemma == "deny" and obj.pos_ not in ("NOUN", "PROPN"):
        return None
    clause = next((c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        clause = next((c for c in obj.children if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX")
                       and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)), None)
    if clause is None and olemma in CLAIM_NOUNS:
        # "accusations by the ministry that waste had poisoned the river": the parser hangs
        # the content clause on the accuser
        owners = [p.children for p in obj.children if p.dep_ == "prep" and p.lower_ in ("by", "from")]
        clause = next((c for kids in owners for o in kids if o.dep_ == "pobj" for c in o.children
                       if c.dep_ in ("acl", "ccomp", "relcl") and c.i > o.i
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                       and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)), None)
    if clause is not None:
        edits = _any_edits(clause)
        edits.update(_subject_edits(ctx, clause, denier))
        edits.update(_falsity_drops(clause))
        edits.update(owner_edits(clause, denier, edits))
        denied = clause_text(clause, edits)
        return _make(ctx, s, span=span, denier=denier, denied=denied, cue=verb.text, rule="A",
                     attribution=am)
    targets, tsource = antecedent(ctx, s, obj, denier, span=span)
    if targets:
        denied = target_text(ctx, targets[-1])
    elif olemma in CLAIM_NOUNS:
        of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ in ("of", "about")), None)
        if of is None or not list(of.children):
            return None
        np = render([t for t in of.subtree][1:])
        denied = f"There {'were' if of.children and next(of.children).tag_ == 'NNS' else 'was'} " \
                 f"{np[:1].lower() + np[1:]}"
    else:
        return None
    return _make(ctx, s, span=span, denier=denier, denied=denied, cue=verb.text, rule="A",
                 attribution=am, targets=list(targets), target_source=tsource)


def _retract(ctx: _Ctx, s: Sentence, verb) -> DenialMatch | None:
    """"X recanted that story", "X retracted the claim": X takes back X's own earlier claim."""
    if negated(verb) or verb.dep_ in ("amod", "acl", "relcl"):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or not (obj.lemma_.lower() in CLAIM_NOUNS or obj.lower_ in ("it", "this", "that")):
        return None
    denier, subj_toks = _denier(ctx, s, verb)
    if not denier:
        return None
    own = [c for c in ctx.claims if c.start < s.start and c.type != "denial" and same_speaker(c.source, denier)]
    if not own:
        return None
    span = _clause_span(s, verb, subj_toks, list(obj.subtree))
    targets = _main_claim(ctx, own)
    return _make(ctx, s, span=span, denier=denier, denied=target_text(ctx, targets[-1]), cue=verb.text,
                 rule="A", attribution=ctx.attribution_of(verb), targets=targets, target_source=denier)


def _plea(ctx: _Ctx, s: Sentence, verb) -> DenialMatch | None:
    """"pleaded not guilty to charges that he took bribes" -> "<denier> took bribes"."""
    words = {t.lower_ for t in verb.subtree if t.i < verb.i + 4}
    if not ({"innocent"} & words or {"not", "guilty"} <= words):
        return None
    denier, subj_toks = _denier(ctx, s, verb)
    noun = next((t for t in verb.subtree if t.lemma_.lower() in ("charge", "count", "accusation",
                                                                  "allegation") and t.pos_ == "NOUN"), None)
    if noun is None:
        return None
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")), None)
    if clause is not None:
        edits = _subject_edits(ctx, clause, denier)
        denied = clause_text(clause, edits)
    else:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of",)), None)
        if of is None:
            return None
        denied = f"{denier} committed {render(list(of.subtree)[1:])}"
    span = _clause_span(s, verb, subj_toks, list(noun.subtree))
    return _make(ctx, s, span=span, denier=denier, denied=denied, cue="pleaded not guilty", rule="A")


def _falsity_drops(clause) -> dict[int, str]:
    """Drop an "as pure fantasy" the parser hung inside the rejected clause."""
    drops: dict[int, str] = {}
    for t in clause.subtree:
        if t.dep_ == "prep" and t.lower_ == "as" and any(x.lemma_.lower() in FALSITY or x.lower_ in FALSITY
                                                         for x in t.subtree):
            drops.update({x.i: "" for x in t.subtree})
            for k in (t.left_edge.i - 1, t.right_edge.i + 1):
                if 0 <= k < len(t.doc) and t.doc[k].is_quote:
                    drops[k] = ""
    return drops


def _any_edits(clause) -> dict[int, str]:
    return {k: v for k, v in positive_edits(clause).items() if clause.doc[k].lower_ in ("any", "ever")}


def _gerund(ctx: _Ctx, s: Sentence, verb, ger, denier, subj_toks, am) -> DenialMatch | None:
    """"denied selling drones" -> "<denier> sold drones"; "having sold" -> "had sold"."""
    toks = [t for t in ger.subtree if not t.is_space]
    # "denied dumping waste into the river": a prepositional phrase the parser hung on "denied"
    for c in verb.children:
        if c.dep_ in ("prep", "dative") and c.i == toks[-1].i + 1:
            toks.extend(t for t in c.subtree if not t.is_space)
    edits = _any_edits(ger)
    having = next((c for c in ger.children if c.lower_ == "having" and c.dep_ == "aux"), None)
    if ger.lower_ == "having":
        edits[ger.i] = "had"
    elif having is not None:
        edits[having.i] = "had"
    else:
        edits[ger.i] = inflect(ger.lemma_, "VBD")
    body = proposition(toks, edits)
    body = body[:1].lower() + body[1:]
    denied = f"{denier} {body}" if denier else body
    span = _clause_span(s, verb, subj_toks, toks)
    return _make(ctx, s, span=span, denier=denier, denied=denied, cue=verb.text, rule="A",
                 attribution=am)


# --------------------------------------------------------------------------- rules B-D
def _falsity(ctx: _Ctx, s: Sentence, word) -> DenialMatch | None:
    """"the findings were baseless" / "called the reports false" inside someone's statement."""
    head = word.head
    split = False
    am = ctx.attribution_holding(s, word)
    if word.dep_ in ("acomp", "attr") and head.lemma_ == "be":
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or not (subj.lemma_.lower() in CLAIM_NOUNS or subj.lower_ in ("this", "that", "it",
                                                                                     "these", "those")):
            return None
        if subj.lower_ == "it" and any(c.dep_ in ("xcomp", "ccomp", "csubj") or c.dep_ == "advcl" and
                                       any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children)
                                       for c in head.children):
            return None                   # "it would be wrong for politicians to comment"
        if negated(head) or am is None:
            return None
        denier = _speaker_name(am)
        noun = subj if subj.pos_ == "NOUN" else None
        a, b = s.char(min(head.subtree, key=lambda t: t.i)), s.char_end(max(head.subtree, key=lambda t: t.i))
        cue = word.text
    else:
        call = head
        for _ in range(4):                # "called reports that ... had been contaminated 'baseless'"
            if call.lemma_.lower() in CALL_VERBS or call.head == call:
                break
            call = call.head
        if call.lemma_.lower() not in CALL_VERBS or call.lemma_.lower() == "dismiss":
            return None
        noun = next((t for t in call.subtree if t.lemma_.lower() in CLAIM_NOUNS and t.pos_ == "NOUN"), None)
        if noun is None or negated(call):
            return None
        denier, subj_toks = _denier(ctx, s, call)
        a, b = _clause_span(s, call, subj_toks, list(word.subtree) + [noun])
        cue = word.text
        am = ctx.attribution_of(call)
        outer = _frame_verb(call)
        held = ctx.attribution_of(outer) if outer is not None else None
        if am is None and held is not None and held.content_start < a < held.content_end:
            am, split = held, True         # "X said A and called B's claims baseless"
    if noun is not None:
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp")
                       and any(m.lower_ == "that" for m in c.children)), None)
        if clause is not None:
            drop = {t.i: "" for t in word.subtree}
            for k in (word.left_edge.i - 1, word.right_edge.i + 1):
                if 0 <= k < len(word.doc) and word.doc[k].is_quote:
                    drop[k] = ""
            m = _make(ctx, s, span=(a, b), denier=denier, denied=clause_text(clause, drop), cue=cue,
                      rule="B", attribution=am)
            if m is not None:
                m.split = split
            return m
    span = (a, b)
    targets, tsource = antecedent(ctx, s, noun, denier, span=span)
    if not targets:
        return None
    if noun is None:
        targets = _main_claim(ctx, targets)
    claim_span = (am.content_start, am.content_end) if am is not None and word.dep_ in ("acomp", "attr") else None
    m = _make(ctx, s, span=span, denier=denier, denied=target_text(ctx, targets[-1]), cue=cue, rule="B",
              attribution=am, targets=list(targets), target_source=tsource,
              claim_span=claim_span)
    if m is not None:
        m.split = split
    return m


def _falsity_predicate(word):
    """The copula a falsity word is the predicate of ("is a hoax", "be a false alarm",
    "wasn't true"), or None."""
    pred = word
    if word.dep_ == "amod" and word.head.dep_ in ("attr", "acomp"):
        pred = word.head                               # "a false alarm"
    if pred.dep_ not in ("acomp", "attr") or pred.head.lemma_ != "be":
        return None
    return pred.head


def _raised(word) -> bool:
    """A falsity predicate under "appears to be", "turned out to be", "shows it to be"."""
    be = _falsity_predicate(word)
    return be is not None and be.dep_ in ("xcomp", "ccomp") and be.head.lemma_.lower() in RAISING_VERBS


def _voice_falsity(ctx: _Ctx, s: Sentence, word) -> DenialMatch | None:
    """A story called false in the article's voice or anyone's: "the video appears to be a
    hoax", "the rumoured theft turned out to be a false alarm", "it wasn't true that P",
    "the report is false". The proposition: P of an extraposed "it ... that P", what a claim
    noun or a pronoun refers to, or the subject itself said to be real ("the video was real")."""
    low = word.lower_
    not_true = low in NOT_TRUE and low != "thing"      # "not the same thing as" compares
    if not not_true and low not in VOICE_FALSITY and word.lemma_.lower() not in VOICE_FALSITY:
        return None
    be = _falsity_predicate(word)
    if word.dep_ == "amod" and word.head.lower_ in VOICE_NOT_REAL:
        low = word.head.lower_                         # "a false alarm"
    if be is None or negated(be) != not_true:
        return None                                    # "is not a hoax", "is true"
    if any(t.text == "?" for t in s.span) or any(t.lower_ in ("if", "whether", "unless") for t in s.span
                                              if t.i < word.i and t.dep_ == "mark"):
        return None
    top = be
    while top.dep_ in ("xcomp", "ccomp") and top.head.lemma_.lower() in RAISING_VERBS:
        top = top.head
    if top.dep_ in ("advcl", "relcl", "acl", "pcomp", "csubj") or top.dep_ == "ccomp" and (
            top.head.lemma_.lower() in ("wonder", "ask", "question", "doubt", "deny") or negated(top.head)):
        return None
    subj = next((c for c in be.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        subj = next((c for c in top.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    auxes = {c.lower_ for x in (be, top) for c in x.children if c.dep_ in ("aux", "auxpass")}
    strength = "doubt" if auxes & {"may", "might", "could"} else "denial"
    am = ctx.attribution_holding(s, word)
    top_subj = next((c for c in top.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if am is not None and (am.cue_token is not None and am.cue_token.i == top.i or top is not be and
                           top_subj is not None and not am.content_start <= s.char(top_subj) < am.content_end):
        am = None                                      # "comparison with X shows it to be a hoax"
    denier = _speaker_name(am)
    cut = [c for c in top.children if c.dep_ in ("conj", "cc", "advcl") or c.dep_ == "punct" and c.i > word.i]
    toks = [t for t in top.subtree if not t.is_space and not any(t in c.subtree for c in cut)]
    if am is not None:
        toks = [t for t in toks if am.content_start <= s.char(t) < am.content_end] or toks
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
        toks = toks[:-1]
    while toks and (toks[0].is_punct or toks[0].dep_ in ("mark", "cc")):
        toks = toks[1:]
    if not toks:
        return None
    span = (s.char(toks[0]), s.char_end(toks[-1]))
    cue = ("not " if not_true else "") + word.text
    clause = next((c for c in be.children if c.dep_ in ("ccomp", "csubj", "advcl") and c.i > word.i
                   and any(m.lower_ == "that" for m in c.children)), None) if subj.lower_ == "it" else None
    if clause is None and subj.lemma_.lower() in CLAIM_NOUNS:
        clause = next((c for c in subj.children if c.dep_ in ("acl", "ccomp")
                       and any(m.lower_ == "that" for m in c.children)), None)
    targets: list = []
    tsource = None
    skip = frozenset(t.i for t in top_subj.subtree) if top_subj is not None and top is not be else frozenset()
    if clause is not None:                             # "it wasn't true that P", "the claim that P is false"
        denied = clause_text(clause, {})
    elif subj.lower_ in ("it", "this") and low in VOICE_NOT_REAL and \
            _thing_before(ctx, s, subj, skip) is not None:
        thing = _thing_before(ctx, s, subj, skip)     # "the clip ... shows it to be a hoax"
        as_ = {x.i for c in thing.subtree if c.dep_ == "prep" and c.lower_ == "as" for x in c.subtree}
        np = [t for t in thing.subtree if not t.is_space and t.dep_ not in ("relcl",) and t.i not in as_ and not (
            t.head == thing and t.dep_ in ("det", "poss") or t.head == thing and t.lower_ in _SUPPOSED)]
        np = _shorten([t for t in np if t.i not in asides(np)], thing)
        while np and np[-1].is_punct:
            np = np[:-1]
        text = render(np)
        denied = f"The {text[:1].lower() + text[1:]} {'were' if thing.tag_ == 'NNS' else 'was'} real"
    elif subj.lemma_.lower() in CLAIM_NOUNS or subj.lower_ in ("it", "this", "that", "these", "those"):
        if subj.lower_ in ("it", "this", "that", "these", "those") and not not_true and \
                low not in VOICE_NOT_REAL and am is None:
            return None                                # "that is false" in nobody's voice: too vague
        targets, tsource = antecedent(ctx, s, subj if subj.pos_ == "NOUN" else None, denier, span=span)
        if targets:
            if subj.pos_ != "NOUN":
                targets = _main_claim(ctx, targets)
            denied = target_text(ctx, targets[-1])
        else:
            denied = lead_proposition(ctx, s)          # "The story is a hoax": the story the article is about
    elif subj.pos_ in ("NOUN", "PROPN") and (low in VOICE_NOT_REAL or not_true):
        # "the video appears to be a hoax" -> "the video of <as described before> was real"
        np = [t for t in subj.subtree if not t.is_space and not (
            t.head == subj and t.dep_ == "amod" and t.lower_ in _SUPPOSED) and t.dep_ != "relcl"]
        desc = _earlier_description(ctx, s, subj)
        text = render(np, {subj.i: desc} if desc else {})
        text = re.sub(r"^(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat)\s+" + re.escape(desc) + r"$", "the " + desc, text) \
            if desc else text
        plural = subj.tag_ in ("NNS", "NNPS")
        past = be.tag_ in ("VBD",) or any(c.lower_ in ("have", "has", "had") for c in be.children) or \
            top.tag_ == "VBD"
        verb = ("were" if plural else "was") if past else ("are" if plural else "is")
        denied = f"{text[:1].upper() + text[1:]} {verb} real"
    else:
        return None
    # in the article's voice the clause is its own denial claim (rule A), in a statement the
    # statement's claim becomes one (rule B)
    m = _make(ctx, s, span=span, denier=denier, denied=denied, cue=cue, rule="B" if am else "A", attribution=am,
              targets=list(targets), target_source=tsource,
              claim_span=(am.content_start, am.content_end) if am is not None else None)
    if m is not None:
        m.denial.strength = strength
    return m


def _not_as_reported(ctx: _Ctx, s: Sentence, rep) -> DenialMatch | None:
    """A correction of earlier reports: "she did not, as some sites report, steal the
    painting" -> "She stole the painting"; "the driver is a woman - not a man as previously
    reported" -> "The driver is a man"."""
    head = rep.head
    aside = {x.i for x in rep.subtree}
    for k in (rep.left_edge.i - 1, rep.right_edge.i + 1):
        if 0 <= k < len(rep.doc) and rep.doc[k].text in ",-–—":
            aside.add(k)
    other = next((c for c in head.children if c.dep_ in ("appos", "conj") and c.i > head.i and any(
        rep.doc[k].lower_ == "not" for k in range(head.i + 1, c.i))), None) if head.pos_ == "NOUN" else None
    if other is not None or head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("appos", "conj") and \
            any(c.dep_ == "neg" for c in [*head.children, *head.head.children]):
        # "a woman - not a man as reported": man for woman
        right, head = (head, other) if other is not None else (head.head, head)
        verb = right.head
        if right.dep_ not in ("attr", "dobj", "pobj", "nsubj") or verb.pos_ not in ("VERB", "AUX"):
            return None
        wrong = [x for x in head.subtree if x.i not in aside and x.dep_ != "neg"]
        if not wrong:
            return None
        drop = {x.i for x in right.subtree} - {right.i}
        edits = {i: "" for i in drop}
        said = render(wrong)
        edits[right.i] = said if wrong[0].pos_ == "PROPN" else said[:1].lower() + said[1:]
        first = min((x.i for x in right.subtree if x.dep_ == "det" and x.head == right), default=None)
        if first is not None:
            edits[first] = ""
        toks = [x for x in verb.subtree if not x.is_space and not any(
            x in c.subtree for c in verb.children if c.dep_ in ("conj", "cc") or c.dep_ == "punct" and c.i > right.i)]
        span_toks = [x for x in toks if x.i <= rep.right_edge.i]
        denied = proposition([x for x in toks if x.i not in aside], edits, verb)
    elif head.pos_ in ("VERB", "AUX") and negated(head.head if head.dep_ == "aux" else head):
        verb = head.head if head.dep_ == "aux" else head      # "did not, as ..., steal"
        toks = [x for x in verb.subtree if not x.is_space]
        toks = _own_clause(toks, verb)
        span_toks = toks
        edits = positive_edits(verb)
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ in SUBJECT_PRONOUNS:
            who = ctx.mentions.resolve(s, subj)
            if who is not None:
                edits = {**_subject_edits(ctx, verb, who.name), **edits}
        denied = proposition([x for x in toks if x.i not in aside], edits, verb)
    else:
        return None
    while span_toks and span_toks[-1].is_punct:
        span_toks = span_toks[:-1]
    if not span_toks or not denied:
        return None
    am = ctx.attribution_holding(s, rep)
    span = (s.char(span_toks[0]), s.char_end(span_toks[-1]))
    if am is not None:
        return _make(ctx, s, span=span, denier=_speaker_name(am), denied=denied, cue="not", rule="B",
                     attribution=am, claim_span=(am.content_start, am.content_end))
    return _make(ctx, s, span=span, denier=None, denied=denied, cue="not", rule="A")


def _doubt(ctx: _Ctx, s: Sentence, word) -> DenialMatch | None:
    """Doubt, a weaker denial: "cast doubt on claims that P", "X is skeptical that P / of
    the report", "said it was unlikely that P" -> P (or what the claim noun refers to)."""
    low = word.lower_
    target = clause = None
    if word.pos_ == "NOUN":
        verb = word.head
        if verb.lemma_.lower() not in ("cast", "raise", "express", "throw", "pour", "voice") or negated(verb):
            return None
        on = [c for c in [*word.children, *verb.children] if c.dep_ == "prep" and c.lower_ in ("on", "over", "about")]
        target = next((o for p in on for o in p.children if o.dep_ in ("pobj", "pcomp")), None)
        denier, subj_toks = _denier(ctx, s, verb)
        top = verb
    else:
        be = word.head
        if word.dep_ != "acomp" or be.lemma_ != "be" or negated(be):
            return None
        subj = next((c for c in be.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        clause = next((c for c in [*be.children, *word.children] if c.dep_ in ("ccomp", "csubj", "advcl")
                       and c.i > word.i and any(m.lower_ in ("that", "whether") for m in c.children)), None)
        if low == "unlikely":
            if subj is None or subj.lower_ != "it" or clause is None or ctx.attribution_holding(s, word) is None:
                return None                            # "it is unlikely that P" in someone's statement only
        else:
            of = next((c for c in word.children if c.dep_ == "prep" and c.lower_ in ("of", "about")), None)
            target = next((o for o in of.children if o.dep_ == "pobj"), None) if of is not None else None
        denier, subj_toks = (None, []) if low == "unlikely" else _denier(ctx, s, be)
        top = be
    am = ctx.attribution_holding(s, word)
    if am is not None and (denier is None or low == "unlikely"):
        denier = _speaker_name(am)
    if target is not None and target.pos_ == "VERB":
        clause = target
    if target is not None and target.pos_ == "NOUN" and target.lemma_.lower() in CLAIM_NOUNS:
        clause = next((c for c in target.children if c.dep_ in ("acl", "ccomp")
                       and any(m.lower_ == "that" for m in c.children)), None) or clause
    toks = [t for t in top.subtree if not t.is_space and not any(
        t in c.subtree for c in top.children if c.dep_ in ("conj", "cc"))]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return None
    span = (s.char(toks[0]), s.char_end(toks[-1]))
    targets: list = []
    tsource = None
    if clause is not None:
        denied = clause_text(clause, {})
    elif target is not None and (target.lemma_.lower() in CLAIM_NOUNS or target.lower_ in ("it", "this", "that")):
        targets, tsource = antecedent(ctx, s, target if target.pos_ == "NOUN" else None, denier, span=span)
        if not targets:
            return None
        denied = target_text(ctx, targets[-1])
    else:
        return None
    m = _make(ctx, s, span=span, denier=denier, denied=denied, cue=word.text, rule="B" if am else "A",
              attribution=am, targets=targets, target_source=tsource,
              claim_span=(am.content_start, am.content_end) if am is not None else None)
    if m is not None:
        m.denial.strength = "doubt"
    return m


def _no_truth(ctx: _Ctx, s: Sentence, no) -> DenialMatch | None:
    """"There is no truth (whatsoever) to these claims", "no basis for the report": a denial of
    what the claims say (the claim noun's clause or the claims it refers to), never "there is
    truth to ..."."""
    noun = no.head
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("to", "in", "behind", "for")), None)
    if prep is None:
        verb = noun.head                               # "there is no truth whatsoever to ..."
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.i > noun.i
                     and c.lower_ in ("to", "in", "behind", "for")), None)
    target = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if target is None or not (target.lemma_.lower() in CLAIM_NOUNS or target.lower_ in ("it", "this", "that", "them")):
        return None
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    if {c.lower_ for c in verb.children if c.dep_ == "aux"} & MODAL_OR_FUTURE:
        return None
    am = ctx.attribution_holding(s, no)
    denier = _speaker_name(am)
    toks = [t for t in verb.subtree if not t.is_space]
    if am is not None:
        toks = [t for t in toks if am.content_start <= s.char(t) < am.content_end] or toks
    toks = _own_clause(toks, verb)
    if not toks:
        return None
    span = (s.char(toks[0]), s.char_end(toks[-1]))
    clause = next((c for c in target.children if c.dep_ in ("acl", "ccomp")
                   and any(m.lower_ == "that" for m in c.children)), None)
    targets: list = []
    tsource = None
    if clause is not None:
        denied = clause_text(clause, {})
    else:
        targets, tsource = antecedent(ctx, s, target if target.pos_ == "NOUN" else None, denier, span=span)
        denied = target_text(ctx, targets[-1]) if targets else lead_proposition(ctx, s)
    return _make(ctx, s, span=span, denier=denier, denied=denied, cue=f"no {noun.text}",
                 rule="B" if am else "A", attribution=am, targets=targets, target_source=tsource,
                 claim_span=(am.content_start, am.content_end) if am is not None else None)


def _main_claim(ctx: _Ctx, targets: list) -> list:
    """For a bare "that's bogus": the main claim of the statement the last target is in, not
    the ", saying ..." tail its speaker added."""
    k = ctx.claim_sentence.get(targets[-1].id)
    main = [c for c in ctx.claims if ctx.claim_sentence.get(c.id) == k and c.type != "denial"
            and same_speaker(c.source, targets[-1].source)]
    return [min(main, key=lambda c: c.start)] if main else targets


def _thing_before(ctx: _Ctx, s: Sentence, pron, skip: frozenset = frozenset()):
    """The shared thing an "it" calls a hoax: the nearest earlier video, photo, story... in
    this sentence (outside ``skip``) or the two before."""
    for prev in reversed(ctx.parsed.sentences[max(0, s.index - 2):s.index + 1]):
        for t in reversed([t for t in prev.span if prev is not s or t.i < pron.i and t.i not in skip]):
            if t.pos_ == "NOUN" and t.lemma_.lower() in SHARED_THINGS:
                return t
    return None


_SUPPOSED = {"rumored", "rumoured", "alleged", "supposed", "purported", "reported", "viral", "so-called"}


def _no_such(ctx: _Ctx, s: Sentence, no) -> DenialMatch | None:
    """"said no such aircraft had left" -> "aircraft had left"; "there is no such plan, and
    there is no such memo" -> "there is a plan to <as described earlier>, and there is a memo ..."."""
    am = ctx.attribution_holding(s, no)
    if am is None:
        return None
    verb = no.head
    while (verb.pos_ not in ("VERB", "AUX") or _gerund_noun(verb)) and verb.head != verb:
        verb = verb.head
    toks = [t for t in verb.subtree if not t.is_space]
    # a conjoined clause stays only when it denies too ("..., and there is no such memo")
    for c in verb.children:
        if c.dep_ == "conj" and not any(t.lower_ == "no" and t.dep_ == "det" for t in c.subtree):
            drop = {x.i for x in c.subtree} | {x.i for x in verb.children if x.dep_ == "cc" and x.i < c.i}
            toks = [t for t in toks if t.i not in drop]
    edits: dict[int, str] = {}
    for q in [t for t in toks if t.lower_ == "no" and t.dep_ == "det"]:
        edits.update(_no_edits(ctx, s, q))
    while toks and (toks[0].dep_ == "mark" or toks[0].is_punct):
        toks = toks[1:]
    denied = proposition(toks, edits, verb)
    a, b = am.content_start, am.content_end
    return _make(ctx, s, span=(a, b), denier=_speaker_name(am), denied=denied, cue="no such", rule="C",
                 attribution=am)


def _no_edits(ctx: _Ctx, s: Sentence, q) -> dict[int, str]:
    """Edits for one "no (such) N": drop "no"/"such", give a singular noun of an existential or
    a "no such" its article, and spell out a bare N as the article described it before."""
    noun = q.head
    such = [c for c in noun.children if c.lower_ == "such"]
    edits = {q.i: "", **{c.i: "" for c in such}}
    existential = noun.dep_ == "attr" and any(c.dep_ == "expl" for c in noun.head.children)
    desc = _earlier_description(ctx, s, noun) if (such or existential) else None
    if desc is not None:
        first = min((c.i for c in noun.children if c.dep_ in ("compound", "punct", "amod") and c.i < noun.i
                     and c.lower_ != "such"), default=noun.i)
        for k in range(first, noun.i):
            edits[k] = ""
        edits[noun.i] = desc
    if noun.tag_ == "NN" and (such or existential) and noun.lemma_.lower() not in MASS_NOUNS:
        word = desc or noun.text
        edits[q.i] = "an" if word[:1].lower() in "aeiou" else "a"
    return edits


def _shorten(toks: list, head, limit: int = 14) -> list:
    """``toks`` (a phrase headed by ``head``) cut to about ``limit`` tokens by dropping its
    most deeply attached prepositional phrases first."""
    def depth(t) -> int:
        d = 0
        while t != head and t.head != t:
            t, d = t.head, d + 1
        return d
    while len(toks) > limit:
        idx = {t.i for t in toks}
        preps = [t for t in toks if t.dep_ in ("prep", "relcl", "acl", "advcl") and t != head]
        if not preps:
            break
        worst = max(preps, key=lambda t: (depth(t), t.i))
        toks = [t for t in toks if t.i not in {x.i for x in worst.subtree} & idx]
    return toks


def _earlier_description(ctx: _Ctx, s: Sentence, noun) -> str | None:
    """A bare noun ("no such plan", "there is no build-up") spelled out as the article last
    described it ("plan to close its car plant in Kellwick"); None when no earlier mention
    says more than the noun."""
    if any(c.dep_ in ("prep", "acl", "relcl", "amod", "nummod") and c.lower_ != "such"
           for c in noun.children):
        return None                                   # already described
    core = [c for c in noun.children if c.dep_ in ("compound", "punct") and c.i < noun.i] + [noun]
    key = "".join(t.text for t in sorted(core, key=lambda t: t.i)).lower()
    for prev in reversed(ctx.parsed.sentences[:s.index]):
        for t in reversed(list(prev.span)):
            if t.lemma_.lower() != noun.lemma_.lower() or t.pos_ != "NOUN":
                continue
            sub = [x for x in t.subtree if not x.is_space]
            text = "".join(x.text for x in sub if x.i <= t.i).lower()
            if not text.endswith(key):
                continue
            keep = [x for x in sub if not (x.dep_ in ("det", "neg") and x.head == t)
                    and not (x.lower_ == "such" and x.head == t)]
            drop = asides(keep)
            keep = [x for x in keep if x.i not in drop]
            while keep and keep[-1].is_punct:
                keep = keep[:-1]
            keep = _shorten(keep, t)
            if len(keep) <= len(core):
                continue
            out = render(keep)
            return out[:1].lower() + out[1:] if not keep[0].pos_ == "PROPN" else out
    return None


def _none_quantifier(ctx: _Ctx, s: Sentence, q) -> DenialMatch | None:
    """"there was no ballot stuffing", "nobody has taken a cent", "has no plan to close" in
    someone's statement: a denial when the predicate accuses or asserts existence."""
    am = ctx.attribution_holding(s, q)
    if am is None:
        return None
    noun = q.head if q.dep_ == "det" else q
    verb = noun.head
    while (verb.pos_ not in ("VERB", "AUX") or _gerund_noun(verb)) and verb.head != verb:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or negated(verb):
        return None
    lemma = verb.lemma_.lower()
    if lemma in NOT_DENIAL_VERBS or noun.lemma_.lower() in ("evidence", "comment", "decision", "sign",
                                                            "indication", "injury", "casualty", "word",
                                                            "information", "date", "timetable"):
        return None
    existential = lemma == "be" and any(c.dep_ == "expl" for c in verb.children)
    possession = lemma == "have" and noun.lemma_.lower() in ("plan", "intention", "link", "tie",
                                                           "connection", "role", "involvement")
    if not (existential or possession or lemma in ACCUSATION_VERBS or lemma in ("tell", "instruct", "ask")):
        return None
    if {c.lower_ for c in verb.children if c.dep_ == "aux"} & MODAL_OR_FUTURE:
        return None
    edits = positive_edits(verb)
    if q.dep_ == "det":
        # "has no plan" -> "has a plan", "No hospital has been told" -> "A hospital ..."
        count = noun.tag_ == "NN" and (lemma == "have" or noun.dep_ in ("nsubj", "nsubjpass")) and \
            noun.lemma_.lower() not in MASS_NOUNS
        nxt = q.doc[q.i + 1] if q.i + 1 < len(q.doc) else noun
        edits[q.i] = ("an" if nxt.lower_[:1] in "aeiou" else "a") if count else ""
        if lemma == "be" and noun.tag_ == "NN":
            edits.update(_no_edits(ctx, s, q) if existential else {q.i: ""})
    else:
        edits[q.i] = {"nobody": "somebody", "none": "some", "nothing": "something"}.get(q.lower_, "")
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lower_ in SUBJECT_PRONOUNS:
        edits.update(_subject_edits(ctx, verb, _pronoun_name(ctx, s, subj, am)))
    toks = [t for t in verb.subtree if not t.is_space and am.content_start <= s.char(t) < am.content_end]
    toks = _own_clause(toks, verb)
    denied = proposition(toks, edits, verb) if toks else ""
    if not toks or not _put_forward(ctx, am, toks, verb, denied):
        return None
    return _make(ctx, s, span=(am.content_start, am.content_end), denier=_speaker_name(am),
                 denied=denied, cue=q.text, rule="C", attribution=am)


def _gerund_noun(t) -> bool:
    """A gerund used as a noun: "there was no ballot stuffing"."""
    return t.tag_ == "VBG" and t.dep_ in ("attr", "dobj", "nsubj", "nsubjpass", "pobj")


def _own_clause(toks: list, verb, *, keep=None) -> list:
    """The verb's own clause: conjoined clauses ("... and we never will"), a leading
    subordinator and edge punctuation dropped. ``keep(conj)`` keeps a conjoined clause
    (and its conjunction); an object only the dropped conjunct has ("has never conducted and
    will never conduct attacks") is kept for the verb."""
    conj = [c for c in verb.children if c.dep_ == "conj" and not (keep and keep(c))]
    kept = [c for c in verb.children if c.dep_ == "conj" and keep and keep(c)]
    cc = [c for c in verb.children if c.dep_ == "cc" and not any(k.i > c.i for k in kept)]
    drop = {x.i for c in conj + cc for x in c.subtree}
    if not any(c.dep_ in ("dobj", "attr", "ccomp", "xcomp") for c in verb.children):
        for c in conj:
            obj = next((x for x in c.children if x.dep_ == "dobj" and x.i > c.i), None)
            if obj is not None:
                drop -= {x.i for x in obj.subtree}
    toks = [t for t in toks if t.i not in drop]
    while toks and (toks[0].dep_ == "mark" or toks[0].is_punct):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    return toks


def _put_forward(ctx: _Ctx, am: AttributionMatch, toks: list, verb, denied: str = "") -> bool:
    """Whether someone else in the story speaks of what a "no ..." statement rejects: it
    shares a content word with a claim or denial of another source, or it is about the
    speaker's own conduct. "no customer data had been stolen" where nobody spoke of
    stolen data reports a fact and denies nothing (``claims/README.md``: negated rebuttals
    count when they reject a proposition someone has put forward)."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lower_ in SUBJECT_PRONOUNS:
        return True                        # the speaker's own conduct: "we never bribed anyone"
    speaker = _speaker_name(am)
    words = content_lemmas(toks)
    # words a rewrite spelled out ("there is no build-up" -> "troop build-up near ...")
    words |= {w.lower().removesuffix("s") for w in re.findall(r"[A-Za-z]{3,}", denied)} - \
        {t.lower_ for t in toks} - {"there", "the", "and", "was", "were"}
    for c in ctx.claims:
        if am.content_start <= c.start < am.content_end or c.start <= am.content_start < c.end:
            continue                                   # the statement itself
        if speaker and same_speaker(c.source, speaker):
            continue
        theirs = content_lemmas(claim_tokens(ctx, c))
        if words & theirs:
            return True
    for m in ctx.found:                    # a denial by someone else speaks of it too
        if speaker and same_speaker(m.denial.denier, speaker):
            continue
        s = ctx.parsed.sentences[m.sentence]
        if words & content_lemmas(t for t in s.span if m.denial.start <= s.char(t) < m.denial.end):
            return True
    return False


def _also_denied(conj) -> bool:
    """A conjoined clause that denies too ("... and we never staged anything"), not a
    promise ("... and we never will")."""
    if conj.pos_ != "VERB" or not negated(conj):
        return False
    if {c.lower_ for c in conj.children if c.dep_ in ("aux", "auxpass")} & MODAL_OR_FUTURE:
        return False
    return any(c.dep_ in ("dobj", "prep", "ccomp", "attr", "xcomp") for c in conj.children)


def _speaker_owner_edits(verb, am: AttributionMatch, speaker: str | None, edits: dict[int, str]
                         ) -> dict[int, str]:
    """"Halden said its factory had never handled the substance": "its" is the speaking
    organisation's when the clause has no pronoun subject to own it."""
    m = am.mention
    if m is not None:                      # "Halvik Foods" is one company, plural or not
        org = m.kind in ("org", "gpe") or m.kind == "group" and not m.plural
    else:
        org = am.attribution.source_type in ("government", "state_media")
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if not speaker or not org or subj is None or subj.lower_ in GROUP_PRONOUNS:
        return {}
    # only an "its" in the subject: elsewhere the subject itself may own it ("the company
    # booked revenue from a business owned by its executives")
    return {t.i: possessive(speaker) for t in subj.subtree
            if t.lower_ == "its" and t.dep_ == "poss" and t.i not in edits}


def _negated_statement(ctx: _Ctx, am: AttributionMatch) -> DenialMatch | None:
    """A statement whose main predicate is a negated accusation ("said it never sold ...")."""
    if am.lemma in DENY_VERBS or am.lemma in ("according to",):
        return None
    s = ctx.parsed.sentences[am.sentence]
    verbs = _content_verbs(ctx, am)
    for v in verbs:
        if not negated(v):
            continue
        lemma = v.lemma_.lower()
        auxes = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
        never = any(c.lower_ == "never" for c in v.children)
        if any(c.lower_ == "yet" for c in v.children) or lemma in NOT_DENIAL_VERBS:
            continue
        if auxes & MODAL_OR_FUTURE and not never:
            continue
        if not (lemma in ACCUSATION_VERBS or never and lemma not in ("be", "seem", "become")):
            continue
        if never and (lemma in NEVER_NOT_DENIAL or any(t.lower_ == "before" and t.dep_ == "advmod"
                                                       for t in v.subtree)):
            continue                       # "never realized ...", "had never sold X before": no answer
        sv = ctx.parsed.sentence_at(s.char(v)) or s
        speaker = _speaker_name(am)
        edits = positive_edits(v)
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ in SUBJECT_PRONOUNS:
            # the negation's edits win over the agreement of a dropped auxiliary
            edits = {**_subject_edits(ctx, v, _pronoun_name(ctx, sv, subj, am)), **edits}
        edits.update(_speaker_owner_edits(v, am, speaker, edits))
        toks = [t for t in v.subtree if not t.is_space]
        toks = _own_clause(toks, v, keep=lambda c: _also_denied(c))
        for c in v.children:
            if c.dep_ == "conj" and _also_denied(c):
                csubj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
                if csubj is not None and csubj.lower_ in SUBJECT_PRONOUNS:
                    edits = {**_subject_edits(ctx, c, _pronoun_name(ctx, sv, csubj, am)), **edits}
        denied = proposition(toks, edits, v)
        neg = next((c.text for c in v.children if c.lower_ in ("never", "not", "n't")), "not")
        if neg == "n't":
            neg = "not"
        return _make(ctx, s, span=(am.content_start, am.content_end), denier=speaker, denied=denied,
                     cue=neg, rule="D", attribution=am)
    return None


def _pronoun_name(ctx: _Ctx, s: Sentence, pron, am: AttributionMatch) -> str | None:
    """A subject pronoun in someone's statement: the speaker, the speaker's organisation, or coref."""
    low = pron.lower_
    speaker = _speaker_name(am)
    mention = am.mention
    if low in ("we", "i"):
        org = next((t for t in (am.source_tokens[0].sent if am.source_tokens else [])
                    if t.ent_type_ == "ORG" and t.i > am.source_tokens[-1].i
                    and t.head.dep_ in ("pobj",)), None) if am.source_tokens else None
        if org is not None:
            ent = next((e for e in org.doc.ents if e.start <= org.i < e.end), None)
            return ent.text if ent is not None else org.text
        return speaker
    if mention is not None:
        if low in ("he", "she") and mention.kind == "person" or \
                low in ("it",) and mention.kind in ("org", "gpe", "group") and not mention.plural or \
                low == "they" and (mention.plural or mention.kind in ("org", "group")):
            return speaker
    m = ctx.mentions.resolve(s, pron)
    return m.name if m is not None else None


def _content_verbs(ctx: _Ctx, am: AttributionMatch) -> list:
    """Top-level predicates of an attribution's content (root verbs and their conjuncts)."""
    out = []
    for s in ctx.parsed.sentences:
        if s.end <= am.content_start or s.start >= am.content_end:
            continue
        inside = [t for t in s.span if am.content_start <= s.char(t) < am.content_end]
        idx = {t.i for t in inside}
        for t in inside:
            if t.pos_ in ("VERB", "AUX") and (t.head.i not in idx or t.head == t) and t.dep_ != "aux":
                out.append(t)
                out.extend(c for c in t.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                           and c.i in idx)
    return out


# --------------------------------------------------------------------------- headlines
_SEGMENT_END = re.compile(r":\s+|\?\s*|\s[-–—|]+\s|;\s+|\.\s+(?=[A-Z])|!\s+")
_HEADLINE_NOISE = {"no", "nope", "sorry", "update", "updated", "yes", "oh", "hey", "whoa", "wow", "well", "so",
                   "debunk", "exclusive", "duped", "again"}
_FRAME_WORDS = {"that", "of", "about", "whether", "the", "a", "an", "its", "his", "her", "their", "this", "these",
                "those", "any"}


def is_headline_document(parsed: Parsed) -> bool:
    """A one-line document without final punctuation, or a Title Case line: a headline."""
    text = parsed.document.text.strip()
    if not text or "\n" in text or len(parsed.blocks) != 1 or len(text) > 300:
        return False
    return is_headline_line(text) or not text.endswith((".", "!", "\"", "”")) or len(parsed.sentences) == 1 \
        and len(text) < 160 and not text.endswith(".")


class _Headline:
    """Tokens of a one-line headline with the segments its punctuation cuts it into."""

    def __init__(self, ctx: _Ctx):
        self.ctx = ctx
        self.off, self.doc = ctx.parsed.blocks[0]
        self.text = ctx.parsed.document.text
        self.cased = self.doc.text
        self.bounds = [0]
        self.questions: set[int] = set()
        for m in _SEGMENT_END.finditer(self.text):
            if m.group(0).startswith("?"):
                self.questions.add(len(self.bounds) - 1)
            self.bounds.append(m.end())
        self.toks = [t for t in self.doc if not t.is_space]

    def seg(self, t) -> int:
        pos = self.off + t.idx
        return max(i for i, b in enumerate(self.bounds) if b <= pos)

    def seg_tokens(self, k: int) -> list:
        return [t for t in self.toks if self.seg(t) == k]

    def word(self, t) -> str:
        return original_text(t)


def _headline_denial(ctx: _Ctx) -> DenialMatch | None:
    """One denial of a headline in the article's or a named speaker's voice: a denying verb
    ("rebuffs claim ..."), a falsity word ("... is a hoax", "Fake ..."), or a negation
    ("X did not ...", "No threats were made"); the denier from the verb's subject, a
    speaker before or after a colon ("Agency: ...", "...: Police"), or a "says"."""
    h = _Headline(ctx)
    found = _headline_verb(ctx, h) or _headline_answer(ctx, h)
    if found is None:
        # the first cue outside a label ("X hoax: ..."), a falsity word or a negation
        cands = [c for c in (_headline_falsity(ctx, h), _headline_negation(ctx, h)) if c is not None]
        found = min(cands, key=lambda c: c[0].i) if cands else None
    if found is None:
        found = _headline_falsity(ctx, h, labels=True)
    if found is None:
        return None
    cue_tok, denier, denied, strength = found
    if denier is None:
        denier = _headline_speaker(ctx, h, cue_tok)
    denied = restore_case(denied, h.text[h.off:h.off + len(h.cased)], h.cased) if denied else denied
    denied = _tidy(denied)
    if not denied:
        return None
    if denier and denied.lower().startswith(denier.lower() + ":"):
        denied = _tidy(denied[len(denier) + 1:])
    first = re.match(r"(We|I)\s+(?!\w+ing\b)", denied)
    if first and denier:                   # "Agency: we did not ..." -> "Agency ..."
        denied = denier + denied[first.end(1):]
    s = ctx.parsed.sentence_at(h.off + cue_tok.idx) or ctx.parsed.sentences[0]
    a, b = ctx.parsed.sentences[0].start, ctx.parsed.sentences[-1].end
    m = _make(ctx, s, span=(a, b), denier=denier, denied=denied, cue=h.word(cue_tok), rule="H")
    if m is not None:
        m.denial.strength = strength
        m.rule = "A"
    return m


def _agent(t) -> str | None:
    """The "by ..." agent of a passive ("outed as fake by the police")."""
    for x in t.subtree:
        if x.lower_ == "by" and x.dep_ in ("agent", "prep"):
            obj = next((c for c in x.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return " ".join(original_text(y) for y in obj.subtree)
    return None


def _tidy(text: str | None) -> str | None:
    if not text:
        return text
    text = re.sub(r"\s+", " ", text).strip(" ,:;-–—\"“”'’")
    text = re.sub(r"\s+([,.;:?!])", r"\1", text)
    return text[:1].upper() + text[1:] if text else text


def _headline_speaker(ctx: _Ctx, h: _Headline, cue) -> str | None:
    """Who speaks a headline's denial: the statement holding the cue, a speaker before the
    colon ("Agency: no fighters at border"; not a label such as "HOAX:"), after the last
    colon ("...: Police"), or in an inverted "..., officials say"."""
    k = h.seg(cue)
    seg_start = h.bounds[k]
    m = re.match(r"(.{2,60}?)\s+(?:says|said|suggests|insists|claims|tells|confirms)\s", h.text[seg_start:], re.I)
    if m and h.off + cue.idx > seg_start + m.end():
        cand = [t for t in h.toks if seg_start <= h.off + t.idx < seg_start + m.end(1)]
        if _speaker_like(cand):
            return m.group(1).strip()
    s = ctx.parsed.sentence_at(h.off + cue.idx)
    if s is not None:
        am = ctx.attribution_holding(s, cue)
        name = _speaker_name(am)
        if name and not is_label(name) and am.attribution.source is not None and \
                am.attribution.source.start >= seg_start:
            return name
    colon = [i for i in range(1, len(h.bounds)) if h.text[:h.bounds[i]].rstrip().endswith(":")]
    for i in colon:
        if k < i:
            continue
        cand = h.seg_tokens(i - 1)
        first_person = any(x.lower_ in ("i", "we", "my", "our", "us") for x in h.seg_tokens(i))
        if _speaker_like(cand) or first_person and not any(x.lower_ in HEADLINE_LABEL_WORDS for x in cand) \
                and len(cand) <= 6:
            return _slice(h, cand)
    for i in colon:                                   # "Batmobile wasn't stolen: Cops"
        if i > k and i == len(h.bounds) - 1:
            cand = h.seg_tokens(i)
            if len(cand) <= 5 and _speaker_like(cand) and not any(x.pos_ in ("VERB", "AUX") for x in cand):
                return _slice(h, cand)
    m = re.search(r",\s*(?:says|said|suggests|insists|claims)\s+([^,]{2,60})$|,\s*([^,]{2,60}?)\s+"
                  r"(?:says|said|suggests|insists|claims)$", h.text.strip())
    if m and h.off + cue.idx < m.start():
        return (m.group(1) or m.group(2)).strip()
    return None


def _slice(h: _Headline, toks: list) -> str | None:
    """The original text from the first to the last word of ``toks``."""
    words = [t for t in toks if not t.is_punct]
    if not words:
        return None
    return h.text[h.off + words[0].idx:h.off + words[-1].idx + len(words[-1].text)]


def _speaker_like(toks: list) -> bool:
    """A noun phrase that can speak: no verb, at most eight words, a name or a person or
    group noun, no label word."""
    words = [t for t in toks if not t.is_punct]
    if not words or len(words) > 8:
        return False
    if any(t.lower_ in HEADLINE_LABEL_WORDS for t in words):
        return False
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in words) or words[-1].pos_ in ("ADJ", "ADV"):
        return False
    return any(t.pos_ == "PROPN" or t.text[:1].isupper() and (t.i > 0 or t.text.isupper()) for t in words) or \
        words[-1].lemma_.lower() in PERSON_HEADS | GROUP_HEADS | {"cop", "witness", "eyewitness", "police"}


def _content_after(h: _Headline, toks: list, denier: str | None = None) -> str:
    """What a denied object says, its claim frame dropped: "congressman's claim that ISIS
    ..." -> "ISIS ...", "plan to cut jobs" -> "<denier> plans to cut jobs", "stolen car
    rumour" -> "stolen car"."""
    toks = [t for t in toks if not t.is_space]
    while toks and (toks[-1].is_punct or toks[-1].lower_ in ("with", "after", "as", "and")):
        toks = toks[:-1]
    # a possessive owner and the claim noun ("Hunter's assertion", "reports of")
    heads = [i for i, t in enumerate(toks) if t.lemma_.lower() in CLAIM_NOUNS | {"plan", "rumor", "rumour", "report"}
             and t.pos_ in ("NOUN", "PROPN")]
    if heads:
        i = heads[0]
        noun = toks[i]
        if noun.lemma_.lower() == "plan" and i + 1 < len(toks) and toks[i + 1].lower_ == "to":
            rest = render(toks[i + 1:])
            who = denier or ""
            return f"{who} plans {rest[:1].lower() + rest[1:]}".strip()
        after = toks[i + 1:]
        before = [t for t in toks[:i] if t.tag_ != "POS" and not any(x.tag_ == "POS" for x in t.children)
                  and t.lower_ not in _FRAME_WORDS and t.dep_ != "poss"]
        if len([t for t in after if not t.is_punct]) >= 2:
            while after and after[0].lower_ in _FRAME_WORDS | {"by", "from"}:
                after = after[1:]
            return render(after)
        return render(before + after)
    while toks and toks[0].lower_ in _FRAME_WORDS:
        toks = toks[1:]
    return render(toks)


def _headline_verb(ctx: _Ctx, h: _Headline):
    """"X denies / rebuffs / shoots down / debunks / questions whether / casts doubt on ..."."""
    for t in h.toks:
        if h.seg(t) in h.questions:
            continue
        lemma = t.lemma_.lower()
        kids = {c.lower_ for c in t.children} | {c.lemma_.lower() for c in t.children}
        phrase = any((lemma, p) in HEADLINE_DENY_PHRASES for p in kids | {x.lower_ for x in t.subtree})
        doubt = lemma in DOUBT_VERBS and t.pos_ == "VERB" or \
            lemma in ("cast", "raise", "express", "pour") and kids & (DOUBT_NOUNS | {"doubt"})
        if t.pos_ != "VERB" and t.lower_.endswith("s") and t.lower_[:-1] in HEADLINE_DENY_VERBS | {"denie"} \
                and t.i > 0 and h.seg(t.doc[t.i - 1]) == h.seg(t):
            before = [x for x in h.toks if x.i < t.i and h.seg(x) == h.seg(t)]
            after = [x for x in h.toks if x.i > t.i and h.seg(x) == h.seg(t)]
            if _speaker_like(before) and after:
                name = " ".join(original_text(x) for x in before)
                return t, name, _content_after(h, after, name), "denial"
            continue
        if not (t.pos_ == "VERB" and (lemma in HEADLINE_DENY_VERBS or phrase) or doubt):
            continue
        if negated(t) or t.head.lemma_.lower() in ("refuse", "decline") or "confirm" in \
                {c.lemma_.lower() for c in t.conjuncts} | {t.head.lemma_.lower()}:
            return None                                # "refuses to confirm or deny"
        if lemma == "question" and not ({"whether", "if"} & {x.lower_ for x in t.subtree}
                                        or any(c.lemma_.lower() in CLAIM_NOUNS for c in t.children)):
            continue
        subj, passive = _subject(t)
        if t.dep_ in ("acl", "relcl", "amod") or t.tag_ == "VBN" and not any(
                c.dep_ == "nsubj" for c in t.children):
            subj, passive = None, True                 # "claim dismissed as hoax", "rumour put to rest"
        denier = None
        if subj is not None and subj.lower_ in DOUBT_NOUNS:
            subj = None
        if subj is not None and not passive:
            toks = [x for x in phrase_tokens(subj) if not x.is_punct or x.i < subj.i]
            denier = " ".join(original_text(x) for x in toks).replace(" 's", "'s") or None
        after = [x for x in h.toks if x.i > t.i and h.seg(x) == h.seg(t)]
        while after and (after[0].lower_ in ("down", "off", "doubt", "doubts", "on", "about", "over",
                                             "questions", "fun", "cold", "water") or after[0].is_punct):
            after = after[1:]
        obj_heads = [c for c in t.children if c.dep_ in ("dobj", "ccomp", "xcomp", "prep", "pcomp")]
        if passive or subj is None and not after:
            if True:
                # "claim dismissed as hoax": the subject is what is denied
                prev = [x for x in h.toks if x.i < t.i and h.seg(x) == h.seg(t)]
                claimish = any(x.lemma_.lower() in CLAIM_NOUNS | {"rumor", "rumour", "hoax", "story", "myth"}
                               for x in prev)
                if lemma in HEADLINE_DENY_NEEDS_CLAIM and not claimish:
                    continue
                if prev and lemma in HEADLINE_DENY_VERBS | DOUBT_VERBS | {"put", "cast"}:
                    return t, _agent(t), _content_after(h, prev), "doubt" if doubt else "denial"
            continue
        if not after:
            continue
        claimish = any(x.lemma_.lower() in CLAIM_NOUNS | {"rumor", "rumour", "hoax", "story", "myth"}
                       for x in after[:6]) or any(c.dep_ == "ccomp" for c in t.children)
        if lemma in HEADLINE_DENY_NEEDS_CLAIM and not claimish:
            continue
        if lemma == "deny" and after[0].lemma_.lower() in NOT_PROPOSITIONS - {"plan"}:
            continue
        if after[0].tag_ == "VBG" and denier:          # "denies making ..."
            body = render(after, {after[0].i: inflect(after[0].lemma_, "VBD")})
            denied = f"{denier} {body[:1].lower() + body[1:]}"
        else:
            denied = _content_after(h, after, denier)
        del obj_heads
        return t, denier, denied, "doubt" if doubt else "denial"
    for t in h.toks:                                    # "doubts cast over ...", "experts skeptical of ..."
        if h.seg(t) in h.questions:
            continue
        hedged = t.i > 0 and t.doc[t.i - 1].lower_ in HEDGES
        predicative = t.dep_ in ("acomp", "attr", "ROOT", "oprd")
        if (t.lower_ in DOUBT_NOUNS or t.lower_ in DOUBT_ADJ and (predicative or hedged)) \
                and not negated(t.head):
            rest = [x for x in h.toks if h.seg(x) == h.seg(t) and x.i != t.i]
            rest = [x for x in rest if x.lower_ not in HEDGES and x.lemma_.lower() not in ("cast", "raise")]
            return t, None, _content_after(h, rest), "doubt"
    return None


def _label_segment(h: _Headline, k: int) -> bool:
    """Segment ``k`` is a label before a colon ("Sons of Anarchy movie hoax:")."""
    if k + 1 >= len(h.bounds) or not h.text[:h.bounds[k + 1]].rstrip().endswith(":"):
        return False
    return any(t.lower_ in HEADLINE_LABEL_WORDS | HEADLINE_FALSITY for t in h.seg_tokens(k))


def _headline_falsity(ctx: _Ctx, h: _Headline, *, labels: bool = False):
    """"... is a hoax", "Fake X ...", "Rumours ... confirmed as false", "X isn't real"."""
    for t in h.toks:
        k = h.seg(t)
        low = t.lower_
        is_false = low in HEADLINE_FALSITY or t.lemma_.lower() in HEADLINE_FALSITY or \
            low in NOT_TRUE and negated_word(t)
        if not is_false or k in h.questions or _label_segment(h, k) != labels:
            continue
        if low in ("wrong", "crazy", "ridiculous", "absurd", "misleading", "inaccurate", "incorrect", "nonsense") \
                and t.dep_ not in ("acomp", "attr", "oprd", "ROOT", "xcomp", "ccomp") and not any(
                    a.lemma_.lower() in CALL_VERBS for a in list(t.ancestors)[:3]):
            continue
        call = t.head if t.head.lemma_.lower() in CALL_VERBS else None
        if call is not None and t.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "dobj", "advcl", "prep", "pobj") or \
                call is None and t.head.dep_ == "prep" and t.head.head.lemma_.lower() in CALL_VERBS:
            call = call or t.head.head
            obj = next((c for c in call.children if c.dep_ in ("dobj", "nsubjpass")), None)
            csubj, cpass = _subject(call)
            who = " ".join(original_text(x) for x in phrase_tokens(csubj)) if csubj is not None and not cpass \
                else _agent(call)
            if obj is not None and obj.i != t.i:
                toks = [x for x in obj.subtree if x.i != t.i and x not in list(t.subtree)]
                return t, who, _content_after(h, toks), "denial"
        seg = h.seg_tokens(k)
        hedged = any(x.lower_ in HEDGES for x in seg if x.i < t.i and t.i - x.i <= 4)
        strength = "doubt" if hedged else "denial"
        negs = [x for x in seg if x.lower_ in ("not", "n't", "never") and abs(x.i - t.i) <= 3]
        if negs and low not in NOT_TRUE:
            # "it was NOT a hoax", "they're not fake": the speaker says the story is true;
            # what is denied is that it is false (the negation rule writes it)
            if not labels:
                continue
            denied = render(seg, {x.i: "" for x in negs})
            return t, None, denied, strength
        head = t.head
        cop = head if head.lemma_ == "be" else (t if t.dep_ in ("acomp", "attr") else None)
        if t.dep_ in ("acomp", "attr") or head.lemma_ == "be" and t.dep_ in ("attr", "acomp", "amod", "compound"):
            be = t.head if t.head.lemma_ == "be" else None
            subj = next((c for c in be.children if c.dep_ in ("nsubj", "nsubjpass")), None) if be else None
            if subj is not None and subj.lower_ == "it":  # "It's rubbish that P"
                clause = next((c for c in be.children if c.dep_ in ("ccomp", "csubj", "advcl")), None)
                if clause is not None:
                    return t, None, _content_after(h, [x for x in clause.subtree if h.seg(x) == k]), strength
            if subj is not None:
                toks = [x for x in subj.subtree if h.seg(x) == k]
                return t, None, _content_after(h, toks), strength
        del cop
        # attributive or in another frame: the segment without the falsity words and hedges
        drop = {x.i for x in seg if x.lower_ in HEADLINE_FALSITY | HEDGES | {"not", "n't", "is", "was", "a",
                                                                               "totally", "completely",
                                                                               "definitely", "almost",
                                                                               "reportedly", "exposed",
                                                                               "outed", "confirmed", "as",
                                                                               "called", "report", "reports",
                                                                               "most", "just", "like"}
                or x.lower_ in NOT_TRUE and negs}
        rest = [x for x in seg if x.i not in drop and not (x.is_punct and x.i == seg[-1].i)]
        if len([x for x in rest if not x.is_punct]) < 2 and k > 0:
            rest = [x for x in h.seg_tokens(k - 1) if x.lower_ not in HEADLINE_FALSITY and x.lower_ not in
                    _HEADLINE_NOISE]
        if not rest:
            continue
        claim = next((x for x in rest if x.lemma_.lower() in ("claim", "say", "report") and x.pos_ == "VERB"), None)
        if claim is not None:                          # "Hoax report claims P" -> P
            comp = next((c for c in claim.children if c.dep_ in ("ccomp", "xcomp")), None)
            if comp is not None:
                rest = [x for x in comp.subtree if h.seg(x) == k]
        part = next((a for a in list(t.ancestors)[:3] if a.tag_ == "VBN"), None)
        who = _agent(part) if part is not None else None
        if who:
            by = next(x for x in part.subtree if x.lower_ == "by")
            rest = [x for x in rest if x not in list(by.subtree)]
        return t, who, _content_after(h, rest), strength
    return None


def negated_word(t) -> bool:
    """A word with a "not" before it or on it ("not true", "isn't real")."""
    if any(c.dep_ == "neg" for c in t.children) or any(c.dep_ == "neg" for c in t.head.children):
        return True
    doc = t.doc
    return any(doc[k].lower_ in ("not", "n't") for k in range(max(0, t.i - 3), t.i))


def _headline_negation(ctx: _Ctx, h: _Headline):
    """"X did not ...", "X not in ...", "No threats were made", "No, X isn't ..."."""
    for t in h.toks:
        k = h.seg(t)
        if k in h.questions or _label_segment(h, k):
            continue
        neg = t.lower_ in ("not", "n't", "never") or t.lower_ == "no" and t.dep_ == "det" and \
            t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ not in ("one", "longer", "more", "matter", "doubt")
        if not neg:
            continue
        head = t.head
        if head.lower_ in NOT_TRUE or t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in NOT_TRUE:
            continue                                   # "not true": a falsity word
        if t.lower_ in ("not", "n't") and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in ("only", "yet", "just"):
            continue
        if t.lower_ == "never" and head.lemma_.lower() in ("guess", "believe", "forget", "imagine"):
            continue
        auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")} | {head.lower_}
        prev = t.doc[t.i - 1].lower_ if t.i > 0 else ""
        if auxes & NOT_DENIAL_MODALS or prev in NOT_DENIAL_MODALS or prev in ("ca", "wo") and prev == "ca":
            continue
        seg = h.seg_tokens(k)
        if seg and seg[0].lower_ in ("do", "don't", "never") and seg[0].i == t.i - (seg[0].lower_ == "do") and \
                not any(c.dep_ == "nsubj" for c in head.children):
            continue                                   # "Don't share this photo"
        if head.lemma_.lower() in NOT_DENIAL_VERBS - {"confirm"} and head.lemma_.lower() not in ("say", "find"):
            continue
        if any(x.lemma_.lower() in ("refuse", "decline") for x in seg):
            continue
        if head.dep_ in ("advcl", "pcomp", "pobj", "relcl", "csubj") or \
                head.tag_ == "VBG" and head.dep_ not in ("ROOT", "acl", "ccomp"):
            continue                                   # "fed up with not having ...": no main clause
        if head.tag_ == "VB" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children) and \
                any(c.lemma_ == "do" for c in head.children):
            continue                                   # "don't shoot"
        if t.i > 0 and t.doc[t.i - 1].text == "," and (t.i + 1 < len(t.doc) and t.doc[t.i + 1].pos_ in (
                "DET", "NOUN", "PROPN", "ADJ") or not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)):
            continue                                   # "a ticket, not an arrest"
        if t.i > 0 and t.doc[t.i - 1].lower_ == "do" and t.lower_ in ("not", "n't"):
            verb = head if head.lemma_ != "do" else head.head
            lead = t.doc[t.i - 2] if t.i > 1 else None
            if lead is None or lead.is_punct or h.seg(lead) != k or \
                    not any(c.dep_ in ("nsubj", "nsubjpass") for c in [*verb.children, *head.children]):
                continue                               # "don't shoot"
        # the clause: the negated predicate's segment, without a speaker frame and interjections
        am = ctx.attribution_holding(ctx.parsed.sentence_at(h.off + t.idx) or ctx.parsed.sentences[0], t)
        toks = seg
        if am is not None:
            toks = [x for x in seg if am.content_start <= h.off + x.idx < am.content_end] or seg
        else:
            says = next((x for x in seg if x.lower_ in HEADLINE_SAY_VERBS and x.i < t.i
                         and x.pos_ == "VERB"), None)
            if says is not None:
                toks = [x for x in seg if x.i > says.i]
            tail = next((x for x in seg if x.lower_ in HEADLINE_SAY_VERBS and x.i > t.i and x.pos_ == "VERB"
                         and x != head and x not in list(head.subtree)), None)
            if tail is not None:
                cut = min([tail.i] + [c.i for c in tail.children if c.dep_ == "nsubj"])
                toks = [x for x in toks if x.i < cut]
        while toks and (toks[0].lower_ in _HEADLINE_NOISE and toks[0].i != t.i or toks[0].is_punct):
            toks = toks[1:]
        toks = [x for x in toks if not (x.lower_ == "despite" or any(a.lower_ == "despite" for a in x.ancestors)
                                        or x.lower_ == "contrary" or any(a.lower_ == "contrary" for a in x.ancestors))]
        but = next((x.i for x in toks if x.i > t.i and x.lower_ in ("but", "despite", "though", "although")), None)
        if but is not None:                            # "X didn't do Y, but that doesn't mean ..."
            toks = [x for x in toks if x.i < but]
            while toks and toks[-1].is_punct:
                toks = toks[:-1]
        edits = positive_edits(head) if head.pos_ in ("VERB", "AUX") else {}
        edits[t.i] = ""
        if t.lower_ == "no":
            edits[t.i] = ""
        if t.i > 0 and t.doc[t.i - 1].lower_ == "do" and t.lower_ in ("not", "n't"):
            edits[t.i - 1] = ""
        edits.update({x.i: "" for x in toks if x.lower_ == "actually"})
        denied = render(toks, edits)
        return t, None, denied, "doubt" if any(x.lower_ in HEDGES for x in seg if x.i < t.i and t.i - x.i <= 2) \
            else "denial"
    return None


def _headline_answer(ctx: _Ctx, h: _Headline):
    """"P? No, says X" / "P UPDATE: Nope" / "P? Probably not": the answer denies the segment before it."""
    answer = {"no", "nope", "not", "n't", "sorry", "update", "updated"} | HEDGES
    for k in range(1, len(h.bounds)):
        seg = [x for x in h.seg_tokens(k) if not x.is_punct]
        if seg and all(x.lower_ in answer for x in seg) and any(x.lower_ in ("no", "nope", "not") for x in seg):
            prev = [x for x in h.seg_tokens(k - 1) if not (x.is_punct and x.i == h.seg_tokens(k - 1)[-1].i)]
            prev = [x for x in prev if x.lower_ not in ("update", "updated")]
            if prev:
                cue = next(x for x in seg if x.lower_ in ("no", "nope", "not"))
                return cue, None, render(prev), "doubt" if any(x.lower_ in HEDGES for x in seg) else "denial"
    for t in h.toks:
        k = h.seg(t)
        rest = [x for x in h.seg_tokens(k) if x.i > t.i and not x.is_punct]
        if rest and (rest[0].lower_ not in HEADLINE_SAY_VERBS or any(x.pos_ in ("VERB", "AUX") and x.lower_ not in
                                                                      HEADLINE_SAY_VERBS for x in rest)):
            continue                                   # "Agency: No tankers were loaded" is no answer
        if t.lower_ in ("no", "nope") and k > 0 and (t.i == h.seg_tokens(k)[0].i):
            prev = [x for x in h.seg_tokens(k - 1) if not (x.is_punct and x.i == h.seg_tokens(k - 1)[-1].i)]
            prev = [x for x in prev if x.lower_ not in ("update", "updated")]
            if prev:
                return t, None, render(prev), "denial"
    return None
