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

The rules run after claims are built, because a bare reference needs the earlier
claims; :func:`find_denials` returns them with the claim span each one covers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .attribution import AttributionMatch, _subject, trim
from .coref import Mentions, phrase_tokens
from .lexicon import (ACCUSATION_VERBS, CALL_VERBS, CLAIM_NOUN_VERBS, CLAIM_NOUNS, DENY_NEEDS_CLAIM,
                      DENY_VERBS, FALSITY, INVOLVEMENT, NOT_DENIAL_VERBS)
from .nlp import Parsed, Sentence
from .rewrite import inflect, negated, positive_edits, render
from .types import Claim, Denial

NOT_PROPOSITIONS = {"request", "entry", "bail", "access", "permission", "visa", "application",
                    "appeal", "motion", "bid", "offer", "proposal", "plan", "deal", "call",
                    "demand", "invitation", "resignation", "nomination", "candidate", "petition",
                    "loan", "license", "licence", "service", "chance", "opportunity", "right",
                    "benefit", "claimant", "protection", "asylum", "funding", "aid"}
MODAL_OR_FUTURE = {"will", "would", "can", "could", "may", "might", "shall", "should", "must", "wo",
                   "ca"}
THIRD_PERSON = {"have": "has", "are": "is", "am": "is", "were": "was", "do": "does"}
POSSESSIVE = {"it": "its", "they": "their", "he": "his", "she": "her", "we": "our"}


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


class _Ctx:
    def __init__(self, parsed: Parsed, mentions: Mentions, attributions: list[AttributionMatch],
                 claims: list[Claim], claim_sentence: dict[str, int]):
        self.parsed = parsed
        self.text = parsed.analysis_text
        self.mentions = mentions
        self.attributions = attributions
        self.claims = claims
        self.claim_sentence = claim_sentence

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
    out: list[DenialMatch] = []
    for s in parsed.sentences:
        if s.index in skip_sentences:
            continue
        for t in s.span:
            m = None
            lemma = t.lemma_.lower()
            if lemma in DENY_VERBS and t.pos_ == "VERB":
                m = _deny_verb(ctx, s, t)
            elif lemma == "plead" and t.pos_ == "VERB":
                m = _plea(ctx, s, t)
            elif lemma in FALSITY or t.lower_ in FALSITY:
                m = _falsity(ctx, s, t)
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
        if m is not None and not any(_overlaps(m, o) for o in out):
            out.append(m)
    out.sort(key=lambda m: m.denial.start)
    for i, m in enumerate(out, 1):
        m.denial.id = f"d{i}"
    return out


def _overlaps(a: DenialMatch, b: DenialMatch) -> bool:
    return a.denial.start < b.denial.end and b.denial.start < a.denial.end


# --------------------------------------------------------------------------- helpers
def _denier(ctx: _Ctx, s: Sentence, verb) -> tuple[str | None, list]:
    am = ctx.attribution_of(verb)
    if am is not None and am.attribution.source is not None:
        return am.attribution.source_name or am.attribution.source.text, am.source_tokens
    subj, passive = _subject(verb)
    if subj is None or passive:
        return None, []
    toks = phrase_tokens(subj)
    name, _ = ctx.mentions.name_for(s, toks)
    # "Calvera's state news agency, CNA": the appositive name is the denier's name
    appos = next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if appos is not None and subj.pos_ == "NOUN":
        name = " ".join(x.text for x in phrase_tokens(appos))
    return name, toks


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
    if subj is not None and subj.lower_ in ("it", "they", "he", "she", "we", "i"):
        edits[subj.i] = name
        poss = POSSESSIVE.get(subj.lower_)
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


def _clause_text(clause, edits: dict[int, str]) -> str:
    toks = [t for t in clause.subtree if not t.is_space]
    while toks and (toks[0].dep_ == "mark" and toks[0].head == clause or toks[0].is_punct):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    return render(toks, edits)


def _make(ctx: _Ctx, s: Sentence, *, span, denier, denied, cue, rule, attribution=None,
          targets=(), target_source=None, claim_span=None) -> DenialMatch | None:
    a, b = trim(ctx.text, *span)
    if denied and denied.split(" ", 1)[0].lower() == "that" and " " in denied:
        rest = denied.split(" ", 1)[1]     # "that Karsk had sold ...": the clause, not its marker
        denied = rest[:1].upper() + rest[1:]
    if b <= a or not denied:
        return None
    doc_text = ctx.parsed.document.text
    denial = Denial(id="", start=a, end=b, text=doc_text[a:b], denier=denier, denied=denied,
                    cue=cue)
    ca, cb = claim_span if claim_span else (a, b)
    return DenialMatch(denial, s.index, ca, cb, attribution, rule, list(targets), target_source)


# --------------------------------------------------------------------------- antecedents
def _antecedent(ctx: _Ctx, s: Sentence, noun, denier: str | None) -> tuple[list[Claim], str | None]:
    """The earlier claims a bare "the accusation" / "the panel's findings" / "it" refers to."""
    before = [c for c in ctx.claims if c.start < s.start and c.type != "denial"]
    others = [c for c in before if not _same_source(c.source, denier)]
    if noun is not None:
        # "the panel's findings", "accusations by Osk": the claims of that source
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
            owner = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if owner is not None and owner.lower_ not in ("its", "their", "his", "her", "our", "my"):
            name, _ = ctx.mentions.name_for(s, phrase_tokens(owner))
            owned = [c for c in ctx.claims if c.type != "denial" and _same_source(c.source, name)]
            if owned:
                return owned, name
        lemma = noun.lemma_.lower()
        verbs = CLAIM_NOUN_VERBS.get(lemma, set()) | {lemma}
        for prev in reversed(ctx.parsed.sentences[max(0, s.index - 6):s.index + 1]):
            if prev.index > s.index:
                continue
            if any(t.lemma_.lower() in verbs for t in prev.span if t.i != noun.i or prev is not s):
                hits = [c for c in others if ctx.claim_sentence.get(c.id) == prev.index]
                hits = [c for c in hits if c.type != "assertion"] or hits
                if hits:
                    return hits, hits[-1].source
    if others:
        attributed = [c for c in others if c.source]
        return [(attributed or others)[-1]], (attributed or others)[-1].source
    return [], None


def _same_source(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    a, b = a.lower().removeprefix("the "), b.lower().removeprefix("the ")
    return a in b or b in a


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
        denied = _clause_text(comp, edits)
        span = _clause_span(s, verb, subj_toks, list(comp.subtree))
        return _make(ctx, s, span=span, denier=denier, denied=denied, cue=verb.text, rule="A",
                     attribution=am)
    if xcomp is not None or (obj is not None and obj.tag_ == "VBG"):
        ger = xcomp if xcomp is not None else obj
        return _gerund(ctx, s, verb, ger, denier, subj_toks, am)
    if obj is None:
        if lemma != "deny":
            return None
        targets, tsource = _antecedent(ctx, s, None, denier)
        if not targets:
            return None
        span = _clause_span(s, verb, subj_toks, [])
        return _make(ctx, s, span=span, denier=denier, denied=targets[-1].standalone, cue=verb.text,
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
        denied = _clause_text(clause, edits)
        return _make(ctx, s, span=span, denier=denier, denied=denied, cue=verb.text, rule="A",
                     attribution=am)
    targets, tsource = _antecedent(ctx, s, obj, denier)
    if targets:
        denied = targets[-1].standalone
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
        denied = _clause_text(clause, edits)
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
    body = render(toks, edits)
    body = body[:1].lower() + body[1:]
    denied = f"{denier} {body}" if denier else body
    span = _clause_span(s, verb, subj_toks, toks)
    return _make(ctx, s, span=span, denier=denier, denied=denied, cue=verb.text, rule="A",
                 attribution=am)


# --------------------------------------------------------------------------- rules B-D
def _falsity(ctx: _Ctx, s: Sentence, word) -> DenialMatch | None:
    """"the findings were baseless" / "called the reports false" inside someone's statement."""
    head = word.head
    am = ctx.attribution_holding(s, word)
    if word.dep_ in ("acomp", "attr") and head.lemma_ == "be":
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or not (subj.lemma_.lower() in CLAIM_NOUNS or subj.lower_ in ("this", "that", "it",
                                                                                     "these", "those")):
            return None
        if subj.lower_ == "it" and any(c.dep_ in ("xcomp", "ccomp", "csubj") for c in head.children):
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
    if noun is not None:
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp")
                       and any(m.lower_ == "that" for m in c.children)), None)
        if clause is not None:
            drop = {t.i: "" for t in word.subtree}
            for k in (word.left_edge.i - 1, word.right_edge.i + 1):
                if 0 <= k < len(word.doc) and word.doc[k].is_quote:
                    drop[k] = ""
            return _make(ctx, s, span=(a, b), denier=denier, denied=_clause_text(clause, drop), cue=cue,
                         rule="B", attribution=am)
    targets, tsource = _antecedent(ctx, s, noun, denier)
    if not targets:
        return None
    span = (a, b)
    claim_span = (am.content_start, am.content_end) if am is not None and word.dep_ in ("acomp", "attr") else None
    return _make(ctx, s, span=span, denier=denier, denied=targets[-1].standalone, cue=cue, rule="B",
                 attribution=am, targets=list(targets), target_source=tsource,
                 claim_span=claim_span)


def _no_such(ctx: _Ctx, s: Sentence, no) -> DenialMatch | None:
    am = ctx.attribution_holding(s, no)
    if am is None:
        return None
    verb = no.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    edits = {no.i: ""}
    edits.update({c.i: "" for c in no.head.children if c.lower_ == "such"})
    toks = [t for t in verb.subtree if not t.is_space]
    while toks and (toks[0].dep_ == "mark" or toks[0].is_punct):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    denied = render(toks, edits)
    a, b = am.content_start, am.content_end
    return _make(ctx, s, span=(a, b), denier=_speaker_name(am), denied=denied, cue="no such", rule="C",
                 attribution=am)


def _none_quantifier(ctx: _Ctx, s: Sentence, q) -> DenialMatch | None:
    """"there was no ballot stuffing", "nobody has taken a cent", "has no plan to close" in
    someone's statement: a denial when the predicate accuses or asserts existence."""
    am = ctx.attribution_holding(s, q)
    if am is None:
        return None
    noun = q.head if q.dep_ == "det" else q
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
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
        edits[q.i] = "a" if noun.tag_ == "NN" and lemma == "have" else ""
        if lemma == "be" and noun.tag_ == "NN":
            edits[q.i] = ""
    else:
        edits[q.i] = {"nobody": "somebody", "none": "some", "nothing": "something"}.get(q.lower_, "")
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lower_ in ("it", "they", "we", "he", "she", "i"):
        edits.update(_subject_edits(ctx, verb, _pronoun_name(ctx, s, subj, am)))
    toks = [t for t in verb.subtree if not t.is_space and am.content_start <= s.char(t) < am.content_end]
    toks = _own_clause(toks, verb)
    if not toks:
        return None
    return _make(ctx, s, span=(am.content_start, am.content_end), denier=_speaker_name(am),
                 denied=render(toks, edits), cue=q.text, rule="C", attribution=am)


def _own_clause(toks: list, verb) -> list:
    """The verb's own clause: conjoined clauses ("... and we never will"), a leading
    subordinator and edge punctuation dropped."""
    conj = [c for c in verb.children if c.dep_ in ("conj", "cc")]
    drop = {x.i for c in conj for x in c.subtree}
    toks = [t for t in toks if t.i not in drop]
    while toks and (toks[0].dep_ == "mark" or toks[0].is_punct):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    return toks


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
        sv = ctx.parsed.sentence_at(s.char(v)) or s
        speaker = _speaker_name(am)
        edits = positive_edits(v)
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ in ("it", "they", "we", "he", "she", "i"):
            # the negation's edits win over the agreement of a dropped auxiliary
            edits = {**_subject_edits(ctx, v, _pronoun_name(ctx, sv, subj, am)), **edits}
        toks = [t for t in v.subtree if not t.is_space and
                not (t.dep_ == "conj" and t.head == v) and t.i >= min(x.i for x in v.subtree)]
        toks = _own_clause(toks, v)
        denied = render(toks, edits)
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
