"""Token-level rewriting: resolve pronouns, make a negated clause positive.

A rewrite is a mapping from token index to its replacement ("" drops the token
and its trailing space); everything else is copied with its own spacing, so the
output reads like the input.

>>> from claimbench.claims.nlp import load_nlp
>>> doc = load_nlp()("They did not sell drones.")
>>> render(list(doc)[:-1], positive_edits(doc[3]))
'They sold drones'
"""

from __future__ import annotations

import functools

from .lexicon import CLAIM_NOUNS, TIME_NOUNS

# "never paid anyone" -> "paid someone"
SOME = {"anyone": "someone", "anybody": "somebody", "anything": "something", "anywhere": "somewhere"}


@functools.lru_cache(maxsize=4096)
def inflect(lemma: str, tag: str) -> str:
    """``lemma`` in the Penn tag's form ("sell", "VBD" -> "sold"), via lemminflect."""
    try:
        from lemminflect import getInflection
    except ImportError:              # optional: fall back to regular forms
        getInflection = None
    if getInflection is not None:
        forms = getInflection(lemma, tag=tag)
        if forms:
            return forms[0]
    if tag in ("VBD", "VBN"):
        return lemma + ("d" if lemma.endswith("e") else "ed")
    if tag == "VBZ":
        return lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s")
    return lemma


def original_text(token) -> str:
    """The token as the document spells it (a headline is parsed in sentence case,
    :func:`~claimbench.claims.headlines.case_for_parser`)."""
    orig = token.doc.user_data.get("original_text")
    return orig[token.idx:token.idx + len(token.text)] if orig else token.text


def render(tokens, edits: dict[int, str] | None = None) -> str:
    """The text of ``tokens`` with ``edits`` applied, spacing kept, first letter capital."""
    edits = edits or {}
    tokens = list(tokens)
    kept = {t.i for t in tokens}
    parts: list[str] = []
    for t in tokens:
        if t.i in edits:
            rep = edits[t.i]
            if rep:
                parts.append(rep + t.whitespace_)
            elif parts and not t.whitespace_ and parts[-1].endswith(" ") and t.i + 1 < len(t.doc) \
                    and not t.doc[t.i + 1].is_punct:
                pass
            elif parts and t.whitespace_ and not parts[-1].endswith(" "):
                parts[-1] += " "             # "wasn't stolen" -> "was stolen", not "wasstolen"
            continue
        gap = t.whitespace_
        if not gap and t.i + 1 < len(t.doc) and t.doc[t.i + 1].whitespace_ and t.doc[t.i + 1].is_quote \
                and t.i + 1 not in kept:
            gap = " "                     # 'in the "snow" today' without its quotes: "snow today"
        parts.append(original_text(t) + gap)
    text = " ".join("".join(parts).split())
    for bad, good in ((" ,", ","), (" .", "."), (" ’s", "’s"), (" 's", "'s")):
        text = text.replace(bad, good)
    return text[:1].upper() + text[1:] if text else text


def positive_edits(verb) -> dict[int, str]:
    """Edits that remove the negation of ``verb``'s clause ("did not sell" -> "sold"),
    and of the clauses conjoined to it ("never paid anyone and never staged anything").
    """
    edits = _positive_edits(verb)
    for conj in verb.conjuncts:
        if conj.i > verb.i and conj.pos_ in ("VERB", "AUX") and negated(conj):
            edits.update(_positive_edits(conj))
    return edits


def _positive_edits(verb) -> dict[int, str]:
    edits: dict[int, str] = {}
    negs = [c for c in verb.children if c.dep_ == "neg" or c.lower_ in ("never", "not", "n't")]
    for aux in (c for c in verb.children if c.dep_ in ("aux", "auxpass")):
        negs.extend(c for c in aux.children if c.dep_ == "neg")
    for n in negs:
        edits[n.i] = ""
    do = next((c for c in verb.children if c.dep_ == "aux" and c.lemma_ == "do"), None)
    if do is not None and negs:
        edits[do.i] = ""
        tag = {"did": "VBD", "does": "VBZ"}.get(do.lower_, "VBP")
        form = inflect(verb.lemma_, tag)
        edits[verb.i] = form[:1].upper() + form[1:] if verb.text[:1].isupper() else form
    for t in verb.subtree:
        if t.lower_ == "ever" and t.dep_ == "advmod":
            edits[t.i] = ""
        elif t.lower_ == "any" and t.dep_ == "det":
            nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            if nxt is not None and t.head.tag_ in ("NN", "NNP") and nxt.lower_ not in ("more",):
                edits[t.i] = "an" if nxt.lower_[:1] in "aeiou" else "a"
            else:
                edits[t.i] = ""
        elif t.lower_ == "any" and t.dep_ in ("nsubj", "nsubjpass", "dobj"):
            edits[t.i] = "some"
        elif t.lower_ == "no" and t.dep_ == "det":
            such = next((c for c in t.head.children if c.lower_ == "such"), None)
            if such is not None:
                edits[such.i] = ""
            # a singular count noun needs an article back: "no such plan" -> "a plan",
            # "No hospital has been told" -> "A hospital ..."; "no ballot stuffing" stays bare
            count = t.head.tag_ == "NN" and (such is not None or t.head.dep_ in ("nsubj", "nsubjpass"))
            nxt = t.doc[t.i + 2] if such is not None and such.i == t.i + 1 else t.doc[t.i + 1]
            article = ("an" if nxt.lower_[:1] in "aeiou" else "a") if count else ""
            edits[t.i] = article.capitalize() if article and t.text[:1].isupper() else article
        elif t.lower_ in SOME:
            edits[t.i] = SOME[t.lower_]
        elif t.lower_ in ("nothing", "nobody", "none") and t.dep_ in ("nsubj", "dobj", "nsubjpass"):
            edits[t.i] = {"nothing": "something", "nobody": "somebody", "none": "some"}[t.lower_]
        elif t.lower_ in ("either",) and t.dep_ in ("advmod", "preconj"):
            edits[t.i] = ""
    return edits


def asides(tokens) -> set[int]:
    """Indices of the asides in ``tokens`` that a denied proposition leaves out: a
    non-restrictive clause or participle after a comma (", where dead fish washed up",
    ", saying its checks found the batch clean"), an appositive description of a name
    (", a rebel group fighting ...") and an "according to" credit.
    """
    idx = {t.i for t in tokens}
    drop: set[int] = set()
    for t in tokens:
        if t.i in drop:
            continue
        left = t.left_edge.i
        after_comma = left > 0 and t.doc[left - 1].text == "," and left > t.head.i
        aside = after_comma and (
            t.dep_ == "relcl"
            or t.dep_ in ("advcl", "acl") and t.tag_ in ("VBG", "VBN") and t.left_edge.i == t.i
            or t.dep_ == "appos" and t.pos_ == "NOUN" and t.head.pos_ == "PROPN")
        credit = t.dep_ == "prep" and t.lower_ == "according"
        if not (aside or credit):
            continue
        span = set(range(left, t.right_edge.i + 1))
        if left > 0 and t.doc[left - 1].text == ",":
            span.add(left - 1)
        nxt = t.right_edge.i + 1
        if nxt < len(t.doc) and t.doc[nxt].text == "," and (aside or credit and left == min(idx)):
            span.add(nxt)
        drop |= span & idx
    return drop


def backshift_edits(verb) -> dict[int, str]:
    """Edits that undo the back-shift of reported speech in ``verb``'s clause: a denied
    proposition is stated as the accuser would state it ("denied that it had sold drones"
    -> "sold drones", "had been contaminated" -> "was contaminated").

    Only the past perfect is undone; "would" and the simple past are left alone, and so
    is a perfect with a time frame ("had not been used for two years": a state, not an
    event).
    """
    edits: dict[int, str] = {}
    for v in [verb, *(c for c in verb.conjuncts if c.i > verb.i and c.pos_ in ("VERB", "AUX"))]:
        edits.update(_backshift(v))
    return edits


def _backshift(verb) -> dict[int, str]:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    had = next((a for a in auxes if a.lower_ == "had"), None)
    if had is None or any(a.tag_ == "MD" for a in auxes) or verb.tag_ not in ("VBN", "VBG"):
        return {}
    if any(c.dep_ == "prep" and c.lower_ in ("for", "since") and _time_span(c) for c in verb.children):
        return {}                              # "had been closed for two years"
    been = next((a for a in auxes if a.lower_ == "been" and a.i > had.i), None)
    edits = {had.i: ""}
    if been is not None:
        edits[been.i] = "were" if _plural_subject(verb) else "was"
    elif verb.tag_ == "VBN":
        if verb.lemma_ == "be":
            edits[verb.i] = "were" if _plural_subject(verb) else "was"
        else:
            edits[verb.i] = inflect(verb.lemma_, "VBD")
    else:
        return {}                              # a gerund with "had" and no "been": a misparse
    return edits


def _time_span(prep) -> bool:
    """"for two years", "since December": a stretch of time, not "for the shipments"."""
    return any(t.ent_type_ in ("DATE", "TIME") or t.lemma_.lower() in TIME_NOUNS for t in prep.subtree)


def _plural_subject(verb) -> bool:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return False
    if subj.lower_ in ("any", "none", "some", "all"):     # "any of the pilots": the pilots
        of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is not None:
            subj = obj
    return subj.tag_ in ("NNS", "NNPS") or subj.lower_ in ("they", "we", "you") or \
        any(c.dep_ == "conj" for c in subj.children)


def negated(verb) -> bool:
    """Whether ``verb`` (or its auxiliary) carries "not", "n't" or "never"."""
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
        return True
    return any(a.dep_ in ("aux", "auxpass") and any(c.dep_ == "neg" for c in a.children)
               for a in verb.children)


# --------------------------------------------------------------------------- propositions
# A denied proposition, or a claim a denial refers back to, written out standalone.
def clause_text(clause, edits: dict[int, str]) -> str:
    toks = [t for t in clause.subtree if not t.is_space]
    while toks and (toks[0].dep_ == "mark" and toks[0].head == clause or toks[0].is_punct):
        toks = toks[1:]
    toks = toks[claim_frame_end(toks):]
    return proposition(toks, edits, clause)


def claim_frame_end(toks: list) -> int:
    """Where the proposition starts when a clause opens with its own frame: "accusations by
    the ministry that P", "the union's claim that P" (the parser sometimes makes the claim
    noun the subject of P). 0 when there is no such frame."""
    noun = next((k for k, t in enumerate(toks[:4]) if t.pos_ == "NOUN" and
                 (t.lemma_.lower() in CLAIM_NOUNS or t.lower_ in CLAIM_NOUNS)), None)
    if noun is None:
        return 0
    for k in range(noun + 1, min(len(toks), noun + 12)):
        t = toks[k]
        if t.lower_ == "that":
            return k + 1 if k + 1 < len(toks) else 0
        if t.pos_ in ("VERB", "AUX"):
            return 0
    return 0


def owner_edits(clause, denier: str | None, edits: dict[int, str]) -> dict[int, str]:
    """"waste from its mine had poisoned the river", denied by the company: "its" is the
    denier's when no pronoun subject or named subject of the clause can own it."""
    if not denier:
        return {}
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ in ("PRON", "PROPN") and subj.lower_ not in PARTITIVES or \
            subj.i in edits and subj.lower_ not in PARTITIVES:
        return {}
    owner = possessive(denier)
    return {t.i: owner if t.i != clause.left_edge.i else owner[:1].upper() + owner[1:]
            for t in clause.subtree if t.lower_ == "its" and t.dep_ == "poss" and t.i not in edits}


def possessive(name: str) -> str:
    """"The firm" -> "the firm's" (for the middle of a sentence), "Halvik Foods" -> "Halvik Foods'"."""
    if name.startswith("The ") and not name[4:5].isupper():
        name = "the " + name[4:]
    return name + ("'" if name.endswith("s") else "'s")


PARTITIVES = {"any", "none"}


def proposition(toks: list, edits: dict[int, str], verb=None) -> str:
    """``toks`` rendered as a standalone proposition: asides left out, the back-shift of
    reported speech undone for ``verb``'s clause, a denied partitive subject made whole
    ("any of the oil came from Karsk" -> "the oil came from Karsk"); ``edits`` win over
    all but the last."""
    drop = asides(toks)
    toks = [t for t in toks if t.i not in drop]
    quotes = [k for k, t in enumerate(toks) if t.is_quote]
    if len(quotes) % 2 or any(0 < k and toks[k - 1].i != toks[k].i - 1 for k in quotes):
        toks = [t for t in toks if not t.is_quote]       # a quotation cut short: drop its marks
    edits = dict(edits)
    for t in toks:
        of = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        if t.lower_ in PARTITIVES and t.dep_ in ("nsubj", "nsubjpass") and of is not None and \
                of.lower_ == "of" and of.head == t and any(c.dep_ == "pobj" for c in of.children):
            edits[t.i] = ""
            edits[of.i] = ""
    while toks and toks[-1].is_punct and not toks[-1].is_quote:
        toks = toks[:-1]
    while toks and toks[-1].is_punct and toks[-1].is_quote and \
            not any(t.is_quote for t in toks[:-1]):
        toks = toks[:-1]
    while toks and toks[-1].is_punct and toks[-1].text in ",;:.":
        toks = toks[:-1]
    if verb is not None and verb.pos_ in ("VERB", "AUX"):
        edits = {**backshift_edits(verb), **edits}
    return render(toks, edits)
