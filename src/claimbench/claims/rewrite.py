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

NEGATIONS = {"not", "n't", "never", "no longer"}
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


def render(tokens, edits: dict[int, str] | None = None) -> str:
    """The text of ``tokens`` with ``edits`` applied, spacing kept, first letter capital."""
    edits = edits or {}
    parts: list[str] = []
    for t in tokens:
        if t.i in edits:
            rep = edits[t.i]
            if rep:
                parts.append(rep + t.whitespace_)
            elif parts and not t.whitespace_ and parts[-1].endswith(" ") and t.i + 1 < len(t.doc) \
                    and not t.doc[t.i + 1].is_punct:
                pass
            continue
        parts.append(t.text_with_ws)
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


def negated(verb) -> bool:
    """Whether ``verb`` (or its auxiliary) carries "not", "n't" or "never"."""
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
        return True
    return any(a.dep_ in ("aux", "auxpass") and any(c.dep_ == "neg" for c in a.children)
               for a in verb.children)
