"""What a bare reference in a denial points back to: "rejected the accusation",
"denied the report", "dismissed a report by X as baseless".

:func:`antecedent` picks the earlier claims the noun refers to: by the noun's own verb
("the accusation" <- "accused"), its modifiers ("the contamination claim"), its named
source ("the panel's findings"), or the report a lead sentence dismisses and the next
sentences describe. :func:`target_text` writes such a claim as the denied proposition,
without the frame of its report ("X accused Y of doing Z" -> "Y did Z").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .coref import phrase_tokens
from .lexicon import CLAIM_NOUN_VERBS
from .nlp import Sentence
from .rewrite import clause_text, inflect, proposition, render
from .types import Claim

if TYPE_CHECKING:                        # the rules' context; denials imports this module
    from .denials import _Ctx

def antecedent(ctx: _Ctx, s: Sentence, noun, denier: str | None, *, span: tuple[int, int] | None = None
                ) -> tuple[list[Claim], str | None]:
    """The claims a bare "the accusation" / "the panel's findings" / "it" refers to, the one
    meant most likely last.

    In order: the earlier claims of the source the noun names ("the panel's findings",
    "a report by X"); the claims next to the verb the noun names ("the accusation" ->
    "accused", within :data:`ANTECEDENT_WINDOW` sentences, or anywhere before for the
    noun's own verb; a headline names what the lead sentence says); the claims of the
    named source in the next :data:`REPORT_WINDOW` sentences, the first one meant (a lead
    that dismisses a report before describing it); the last earlier reported claim.
    """
    before = [c for c in ctx.claims if c.start < s.start and c.type != "denial"]
    others = [c for c in before if not same_speaker(c.source, denier)]
    later: list[Claim] = []
    name = None
    if noun is not None:
        # "the panel's findings", "accusations by Osk": the claims of that source
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
            owner = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if owner is not None and owner.lower_ not in ("its", "their", "his", "her", "our", "my"):
            name, _ = ctx.mentions.name_for(s, phrase_tokens(owner))
            name = _strip_possessive(name)
            owned = [c for c in ctx.claims if c.type != "denial" and same_speaker(c.source, name)]
            earlier = [c for c in owned if c.start < s.start]
            if earlier:
                return _best_last(ctx, s, earlier, span, denier), name
            # "a report by X": what X, or "the report", says in the next sentences
            later = list(reversed([c for c in ctx.claims if c.type != "denial" and c.start >= s.end and
                                   ctx.claim_sentence.get(c.id, -1) <= s.index + REPORT_WINDOW and
                                   (same_speaker(c.source, name) or _names_noun(c.source, noun))]))
        about = _about(ctx, noun, others)
        if about:
            return about, about[-1].source
        lemma = noun.lemma_.lower()
        own = CLAIM_NOUN_VERBS.get(lemma, set()) | {lemma} | ACCUSING_NOUNS.get(lemma, set())
        hits = _near_verb(ctx, s, noun, own, others, ANTECEDENT_WINDOW) or \
            _near_verb(ctx, s, noun, own - {"say", "report"}, others, None)
        if hits:
            return hits, hits[-1].source
        if later:
            return later, name
    if others:
        attributed = [c for c in others if c.source]
        return [(attributed or others)[-1]], (attributed or others)[-1].source
    return [], None


def _names_noun(source: str | None, noun) -> bool:
    """A claim source that is the noun itself: "The report", "the fraud report" for "a report by X"."""
    if not source:
        return False
    return source.lower().split()[-1] in (noun.lower_, noun.lemma_.lower())


def _stem_match(word: str, other: str) -> bool:
    n = max(4, len(word) - 4)
    return len(other) >= n and other[:n] == word[:n]


def _about(ctx: _Ctx, noun, others: list[Claim]) -> list[Claim]:
    """"the contamination claim": the latest earlier claim that speaks of contamination."""
    mods = [c.lower_ for c in noun.children if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ")
            and c.lower_ not in ("such", "same", "latest", "new", "earlier", "previous", "other")]
    if not mods:
        return []
    for c in reversed(others):
        words = c.standalone.lower().split()
        if all(any(_stem_match(m, w) for w in words) for m in mods):
            return [c]
    return []


ANTECEDENT_WINDOW = 6      # sentences back that "the report" may point to through "said"
REPORT_WINDOW = 2          # sentences after a lead's "dismissed a report by X" that describe it
# what else accuses: "the accusation" may answer "X blamed Y for ..."
ACCUSING_NOUNS = {n: {"accuse", "allege", "claim", "charge", "blame"}
                  for n in ("accusation", "allegation", "claim", "charge")}


def _near_verb(ctx: _Ctx, s: Sentence, noun, verbs: set[str], others: list[Claim],
               window: int | None) -> list[Claim]:
    """The claims (reported ones first) of the latest sentence before ``s`` using one of
    ``verbs``; a match in the headline means the lead sentence's claims."""
    first = 0 if window is None else max(0, s.index - window)
    for prev in reversed(ctx.parsed.sentences[first:s.index + 1]):
        if not any(t.lemma_.lower() in verbs for t in prev.span if t.i != noun.i or prev is not s):
            continue
        hits = [c for c in others if ctx.claim_sentence.get(c.id) == prev.index]
        if not hits and prev.index == 0 and others:
            lead = min(ctx.claim_sentence.get(c.id, 0) for c in others)
            hits = [c for c in others if ctx.claim_sentence.get(c.id) == lead]
        hits = [c for c in hits if c.type != "assertion"] or hits
        if hits:
            return hits
    return []


def _strip_possessive(name: str | None) -> str | None:
    """"the association’s" -> "the association"."""
    if not name:
        return name
    for suffix in ("’s", "'s", "’", "'"):
        if name.endswith(suffix):
            return name[:-len(suffix)]
    return name


def _best_last(ctx: _Ctx, s: Sentence, targets: list[Claim], span: tuple[int, int] | None,
               denier: str | None) -> list[Claim]:
    """``targets`` with the one sharing most content words with the denial moved last
    ("the association's count was wrong because it included patients who had died ..." ->
    "at least 64 people had died ..."); on a tie the order stays."""
    if len(targets) < 2 or span is None:
        return targets
    said = {w.lower() for w in (denier or "").split()}
    here = {w for w in content_lemmas(t for t in s.span if span[0] <= s.char(t) < span[1]) if w not in said}
    scores = [len(here & content_lemmas(claim_tokens(ctx, c))) for c in targets]
    k = max(range(len(targets)), key=lambda i: (scores[i], i))
    return targets[:k] + targets[k + 1:] + [targets[k]]


def content_lemmas(tokens) -> set[str]:
    return {t.lemma_.lower() for t in tokens if t.is_alpha and not t.is_stop and len(t) > 2}


def claim_tokens(ctx: _Ctx, claim: Claim) -> list:
    s = ctx.parsed.sentences[ctx.claim_sentence[claim.id]] if claim.id in ctx.claim_sentence else None
    sents = [s] if s is not None else ctx.parsed.sentences
    return [t for x in sents for t in x.span
            if claim.start <= x.char(t) < claim.end and not t.is_space]


def target_text(ctx: _Ctx, claim: Claim) -> str:
    """What an earlier claim asserts, without the frame of a report of it:
    "X accused Y of carrying out an attack" -> "Y carried out an attack", "AV1 reported that
    P" -> "P"; otherwise the claim's standalone text."""
    toks = claim_tokens(ctx, claim)
    idx = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in idx or t.head == t), None)
    if root is None:
        return claim.standalone
    lemma = root.lemma_.lower()
    if lemma in ("accuse", "charge", "blame"):
        obj = next((c for c in root.children if c.dep_ == "dobj"), None)
        prep = next((c for c in (obj.children if obj is not None else []) if c.dep_ == "prep"), None) \
            or next((c for c in root.children if c.dep_ == "prep" and c.lower_ in ("of", "with", "for")), None)
        ger = next((c for c in (prep.children if prep is not None else []) if c.tag_ == "VBG"), None)
        if obj is not None and ger is not None and obj.i < ger.i:
            who = [t for t in obj.subtree if t.i < prep.i]
            # to the claim's end: the parser often hangs the gerund's object elsewhere
            body = [t for t in toks if t.i >= ger.i]
            return proposition(who + body, {ger.i: inflect(ger.lemma_, "VBD")})
    comp = next((c for c in root.children if c.dep_ == "ccomp" and c.i > root.i), None)
    if lemma in ("say", "report", "allege", "claim", "announce", "state", "assert") and comp is not None:
        return clause_text(comp, {})
    if claim.standalone == render(toks):
        # nothing was resolved in it: asides and back-shift can go
        return proposition(toks, {}, root)
    return claim.standalone


def same_speaker(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    a, b = a.lower().removeprefix("the "), b.lower().removeprefix("the ")
    return a in b or b in a


def lead_proposition(ctx: _Ctx, s: Sentence) -> str | None:
    """What the document's first line (a headline or the lead) asserts, its report frame
    dropped ("A website reported that P" -> "P"): the story a body's "the story is a hoax"
    means when no earlier claim was found. None in the first sentence itself."""
    if s.index == 0 or not ctx.parsed.sentences:
        return None
    lead = ctx.parsed.sentences[0]
    toks = [t for t in lead.span if not t.is_space]
    root = next((t for t in toks if t.head == t), None)
    if root is None:
        return None
    comp = next((c for c in root.children if c.dep_ == "ccomp" and c.i > root.i), None)
    if root.lemma_.lower() in CLAIM_NOUN_VERBS.get("report", set()) | {"say", "report", "claim", "allege"} \
            and comp is not None:
        return clause_text(comp, {})
    return proposition(toks, {}, root) or None
