"""Salience-based resolution of "he", "they", "the ministry" to the names an article gives.

Not a full coreference system: a document's mentions (named entities and the
subjects of clauses) are collected in order, each with the fullest name the
article gives for it ("Kirby" -> "White House national security spokesman John
Kirby"). A pronoun or a definite description ("the minister", "the ministry")
resolves to the most salient compatible earlier mention: the latest one, with
subjects preferred over other roles and the current sentence preferred over
earlier ones. Compatibility: he/she -> a person; they -> a plural group, a
conjunction or an organisation; it -> an organisation, a country or a singular
group noun; "the <noun>" -> a mention whose head or title is that noun.

>>> from claimbench.claims.nlp import parse_document
>>> from claimbench.claims.types import Document
>>> p = parse_document(Document("d", "Interior Minister Dana Reyes spoke. She said no."))
>>> m = Mentions(p)
>>> s = p.sentences[1]
>>> m.resolve(s, s.span[0]).name
'Interior Minister Dana Reyes'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    DOC_NOUNS,
    GROUP_HEADS,
    ORG_GENERIC,
    PERSON_HEADS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    PRONOUNS,
    THING_PRONOUNS,
)
from .nlp import Parsed, Sentence

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
ORG_SUFFIX = re.compile(r"\b(Minerals|Motors|Shipping|Biologics|Group|Holdings|Inc|Ltd|Corp|"
                        r"Corporation|Bank|Telecom|Energy|Airlines?|Works|Network|Research|Maritime|"
                        r"Nutrition|Pharma|Foods|Mining|Oil|Gas|Media|Systems|Technologies|Partners|"
                        r"Capital|Industries|Company|Co|LLC|PLC|AG|SA)\b")


@dataclass
class Mention:
    """An entity mention with the fullest name the article gives for it."""

    start: int
    end: int
    sentence: int
    text: str
    name: str
    kind: str          # person, org, gpe, group
    plural: bool
    head: str          # lower-case lemma of the head word
    words: frozenset   # lower-case lemmas of the whole phrase (titles included)
    subject: bool
    named: bool = False   # from the NER (a name), not a common noun phrase
    titled: bool = False  # a name with a title ("spokesperson Lidia Varga")


def phrase_tokens(token) -> list:
    """The noun phrase of ``token``: its subtree without relative clauses, trailing commas."""
    toks = [t for t in token.subtree]
    skip = set()
    for c in token.children:
        keep = ("of", "by") if token.lemma_.lower() in DOC_NOUNS else ("of",)
        gerund = c.dep_ == "prep" and any(x.dep_ == "pcomp" for x in c.children)
        if c.dep_ in ("relcl", "acl", "punct") or (c.dep_ == "prep" and c.i > token.i
                                                   and (c.lower_ not in keep or gerund)):
            skip.update(x.i for x in c.subtree)
    toks = [t for t in toks if t.i not in skip]
    # keep a contiguous run around the head
    run = [token]
    idx = {t.i for t in toks}
    i = token.i - 1
    while i >= 0 and i in idx:
        run.insert(0, token.doc[i])
        i -= 1
    i = token.i + 1
    while i in idx:
        run.append(token.doc[i])
        i += 1
    while run and (run[-1].is_punct or run[-1].dep_ == "cc"):
        run.pop()
    while run and run[0].is_punct:
        run.pop(0)
    return run or [token]


def _name_of(tokens) -> str:
    parts = []
    for k, t in enumerate(tokens):
        parts.append(t.text_with_ws)
        if k + 1 < len(tokens) and tokens[k + 1].i != t.i + 1 and not t.whitespace_:
            parts.append(" ")          # tokens taken from two places ("director" + "Hana Loft")
    return " ".join("".join(parts).split())


def _fullest(token, ent=None) -> list:
    """Title + name: compounds, adjectives and possessors left of a name's head."""
    head = token
    if ent is not None:
        head = ent.root
    toks = [t for t in head.subtree if t.i <= head.i]
    run = [head]
    i = head.i - 1
    allowed = {t.i for t in toks if t.dep_ in ("compound", "amod", "poss", "case", "nmod", "det",
                                              "nummod", "punct") or t.head.i != head.i}
    while i >= 0 and i in allowed and not head.doc[i].is_punct:
        run.insert(0, head.doc[i])
        i -= 1
    # "the", "neighbouring Osk"; the head itself stays, whatever the parser made of it
    # (a garbled entity can have a determiner as its root)
    while len(run) > 1 and (run[0].dep_ == "det" or run[0].dep_ == "amod" and run[0].head.i == head.i
                            and run[0].text.islower()):
        run.pop(0)
    if ent is not None:
        # the rest of the name when the parser hangs it off the first name ("Ivo" <- "Markan")
        run.extend(t for t in ent if t.i > run[-1].i)
    # an appositive title: "the defence minister, Kang Sun Nam," or "Kang, the minister"
    if head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN"):
        title = [t for t in _fullest(head.head) if t.i < head.head.i + 1]
        if head.head.pos_ == "NOUN":
            run = title + [t for t in run if t.i > head.head.i]
    return run


def _appos_title(ent) -> frozenset:
    """Lemmas of a name's appositive description ("Jan Okker, Verin's lawyer")."""
    root = ent.root
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.append(root.head)
    return frozenset(t.lemma_.lower() for n in nouns for t in n.subtree
                     if t.pos_ in ("NOUN", "ADJ") and t.i not in range(ent.start, ent.end))


def _titled_name(ent):
    """The person inside an entity the NER mislabels ("Dorran spokesperson Elsa Marten" as a
    WORK_OF_ART): a lower-case person title followed by capitalised names; else None."""
    toks = list(ent)
    for k in range(len(toks) - 2, -1, -1):
        t = toks[k]
        if t.pos_ == "NOUN" and t.text.islower() and t.lemma_.lower() in PERSON_HEADS:
            rest = toks[k + 1:]
            if rest and all(x.pos_ == "PROPN" and x.text[:1].isupper() for x in rest):
                span = ent.doc[t.i:ent.end]     # from the title: "Dorran" is not her name
                span.label_ = "PERSON"
                return span
            break
    return None


def _has_person_title(ent) -> bool:
    root = ent.root
    if len(ent) < 2 or not all(t.pos_ == "PROPN" for t in ent):
        return False
    prev = ent.doc[ent.start - 1] if ent.start > 0 else None
    titled = prev is not None and prev.pos_ == "NOUN" and prev.lemma_.lower() in PERSON_HEADS \
        and prev.head.i in range(ent.start, ent.end)
    appos = root.dep_ == "appos" and root.head.lemma_.lower() in PERSON_HEADS
    return titled or appos


class Mentions:
    """The mentions of one parsed document, in text order, with resolution helpers."""

    def __init__(self, parsed: Parsed):
        self.parsed = parsed
        self.items: list[Mention] = []
        self._names: dict[str, str] = {}      # name token -> fullest person name
        self._orgs: dict[str, str] = {}       # first word -> fullest organisation name
        self.speakers: list[Mention] = []     # resolved sources, in text order
        for s in parsed.sentences:
            self._collect(s)
        self.items.sort(key=lambda m: m.start)
        self._vote_kinds()
        self._name_descriptions()

    # ------------------------------------------------------------------ building
    def _add(self, s: Sentence, tokens, kind: str, *, name: str | None = None, named: bool = False,
             titled: bool = False) -> None:
        head = max(tokens, key=lambda t: (t.dep_ not in ("compound", "amod", "poss", "det"), t.i)) \
            if len(tokens) > 1 else tokens[0]
        roots = [t for t in tokens if t.head not in tokens or t.head == t]
        head = roots[0] if roots else head
        plural = head.tag_ in ("NNS", "NNPS") or any(t.dep_ == "conj" and t.head in tokens
                                                      for t in tokens)
        start, end = s.char(tokens[0]), s.char_end(tokens[-1])
        subject = head.dep_ in ("nsubj", "nsubjpass") or head.head.dep_ in ("nsubj", "nsubjpass") \
            and head.dep_ in ("appos", "compound", "conj")     # not "Verin's" in "Verin's doctor said"
        m = Mention(start, end, s.index, _name_of(tokens), name or _name_of(tokens), kind, plural,
                    head.lemma_.lower(), frozenset(t.lemma_.lower() for t in tokens), subject,
                    named, titled)
        self.items.append(m)

    def _collect(self, s: Sentence) -> None:
        seen: set[int] = set()
        for ent in s.span.ents:
            inner_title = ent.label_ not in NAME_LABELS
            if inner_title:
                ent = _titled_name(ent)
                if ent is None:
                    continue
            kind = {"PERSON": "person", "ORG": "org", "GPE": "gpe", "NORP": "group",
                    "FAC": "org", "LOC": "gpe"}[ent.label_]
            titled = inner_title or _has_person_title(ent)
            if kind in ("org", "gpe") and titled:
                kind = "person"   # "spokesperson Lidia Varga" tagged ORG by the NER
            toks = _fullest(ent.root, ent) if kind == "person" else list(ent)
            if kind != "person" and ent.root.dep_ in ("poss",):
                continue   # "Russia's defence minister": the minister is the mention
            name = _name_of(toks)
            if kind == "person":
                for t in ent:
                    if t.pos_ == "PROPN" and len(t.text) > 1:
                        prev = self._names.get(t.text)
                        if prev is None or len(name) > len(prev):
                            self._names[t.text] = name
                name = self._names.get(ent[-1].text, name)
            else:
                name = self._org_name(" ".join(_name_of(ent).split()).removeprefix("the ")
                                      .removeprefix("The "))
            self._add(s, list(ent), kind, name=name, named=True, titled=titled)
            title = _appos_title(ent)
            if title:
                m = self.items[-1]
                m.words = m.words | title
            seen.update(t.i for t in ent)
        for t in s.span:
            if t.i not in seen and t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass") \
                    and t.text in self._names and not t.ent_type_:
                # a surname the NER missed, of a person named earlier ("Marten confirmed")
                self._add(s, [t], "person", name=self._names[t.text], named=True)
                seen.add(t.i)
                continue
            if t.i not in seen and t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass") \
                    and not t.ent_type_ and t.text[:1].isupper():
                # a name the NER missed as the subject of a clause ("Vellcote Minerals
                # rejected ..."): an organisation unless a person of that name is known
                toks = [x for x in t.subtree if x.i <= t.i and x.pos_ == "PROPN" and x.dep_ in
                        ("compound", "nsubj", "nsubjpass") and not x.ent_type_]
                toks = [x for x in toks if all(y.i in {z.i for z in toks} for y in t.doc[x.i:t.i + 1])]
                if toks:
                    prev = t.doc[toks[0].i - 1] if toks[0].i > 0 else None
                    if prev is not None and prev.pos_ == "NOUN" and prev.text.islower() \
                            and prev.lemma_.lower() in PERSON_HEADS:
                        # "Norrland spokesperson Vera Lind": a titled person
                        name = _name_of(_fullest(t))
                        for x in toks:
                            self._names.setdefault(x.text, name)
                        self._add(s, toks, "person", name=name, named=True, titled=True)
                    else:
                        self._add(s, toks, "org", name=self._org_name(_name_of(toks)), named=True)
                    seen.update(x.i for x in toks)
                    continue
            if t.i in seen or t.pos_ not in ("NOUN", "PROPN"):
                continue
            if t.dep_ not in ("nsubj", "nsubjpass", "pobj", "dobj", "appos", "conj"):
                continue
            lemma = t.lemma_.lower()
            if lemma not in GROUP_HEADS and t.lower_ not in GROUP_HEADS:
                continue
            toks = phrase_tokens(t)
            if any(x.i in seen for x in toks) and not any(x.ent_type_ == "PERSON" for x in toks):
                # "Calvera's Ministry of Defence": the whole phrase is the better name
                pass
            kind = "person" if lemma in PERSON_HEADS and t.tag_ == "NN" else "group"
            if kind == "group" and t.tag_ == "NN":
                kind = "org"
            self._add(s, toks, kind)
            seen.update(x.i for x in toks if x.i == t.i)

    def _org_name(self, name: str) -> str:
        """The fullest organisation name starting with ``name`` ("Pellion" -> "Pellion
        Biologics"); a new multi-word name of capitalised words is remembered."""
        words = name.split()
        prev = self._orgs.get(words[0]) if words else None
        if prev is not None and len(prev) > len(name) and prev.startswith(name + " "):
            return prev                   # "Harlan Ridge" -> "Harlan Ridge Research"
        if len(words) == 1:
            return name
        if all(w[:1].isupper() for w in words) and not any(w.endswith(("'s", "’s")) for w in words):
            prev = self._orgs.get(words[0])
            if prev is None or len(name) > len(prev):
                self._orgs[words[0]] = name
        return name

    def _name_descriptions(self) -> None:
        """"the company", "the league": the name they resolve to, so that a later "it"
        that resolves to the description gets the name."""
        for m in self.items:
            if m.named or m.kind not in ("org", "group") or not m.text.lower().startswith("the ") \
                    or m.head not in ORG_GENERIC:
                continue
            s = self.parsed.sentences[m.sentence]
            tok = next((t for t in s.span if s.char(t) >= m.start and t.lemma_.lower() == m.head), None)
            if tok is None:
                continue
            ante = self.resolve(s, tok)
            if ante is not None and (ante.named or ante.name != ante.text):
                m.name = ante.name

    def _vote_kinds(self) -> None:
        """One kind per name: the NER tags "Osk" a person once and a country twice."""
        from collections import Counter

        votes: dict[str, Counter] = {}
        for m in self.items:
            if m.named:
                # a titled name ("prosecutor Ilse Grunwald") settles it: the NER often
                # tags a bare surname ORG or GPE
                votes.setdefault(m.text.split()[-1], Counter())[m.kind] += 5 if m.titled else 1
        for m in self.items:
            if not m.named:
                continue
            kind = votes[m.text.split()[-1]].most_common(1)[0][0]
            if kind != m.kind:
                m.kind = kind
                m.name = self._names.get(m.text.split()[-1], m.text) if kind == "person" else \
                    m.text.removeprefix("the ").removeprefix("The ")

    # ------------------------------------------------------------------ lookup
    def full_name(self, text: str) -> str:
        """The fullest name known for a person named ``text`` (else ``text``)."""
        parts = text.split()
        if parts:
            return self._names.get(parts[-1], self._names.get(parts[0], text))
        return text

    def resolve(self, s: Sentence, token) -> Mention | None:
        """The antecedent of a pronoun or definite description at ``token`` (or None)."""
        low = token.lower_
        pos = s.char(token)
        if low in PERSON_PRONOUNS:
            # a surname the NER tagged ORG still names a person the article has titled
            ok = lambda m: (m.kind == "person" or m.named and m.text in self._names) \
                and not m.plural   # noqa: E731
        elif low in PLURAL_PRONOUNS:
            ok = lambda m: m.plural or m.kind in ("org", "gpe")   # noqa: E731
        elif low in THING_PRONOUNS:
            ok = lambda m: not m.plural and m.kind in ("org", "gpe", "group")   # noqa: E731
        elif token.pos_ == "NOUN":
            lemma = token.lemma_.lower()
            ok = lambda m: (lemma == m.head or m.kind == "person" and lemma in m.words  # noqa: E731
                            or m.named and lemma in m.words
                            or lemma in ORG_GENERIC and m.named and (m.kind == "org" or ORG_SUFFIX.search(m.name))) \
                and len(m.name) > len(token.text) and not m.name.lower().startswith(("the ", "a ", "an "))
        else:
            return None
        quoted = self.parsed.in_quote(pos)
        speakers = {(m.start, m.end) for m in self.speakers}
        best, best_score = None, None
        for m in self.items:
            if m.start >= pos:
                break
            if s.index - m.sentence > 6 or not ok(m):
                continue
            if m.start <= pos < m.end or (not quoted and self.parsed.in_quote(m.start)):
                continue
            # the last speaker within two sentences beats a later non-speaking mention
            speaker = (m.start, m.end) in speakers and s.index - m.sentence <= 2 \
                and token.dep_ in ("nsubj", "nsubjpass")
            described = token.pos_ == "NOUN" and (token.lemma_.lower() in m.words)
            # "the company": a name that looks like a company, then the subject of a sentence
            corporate = token.pos_ == "NOUN" and token.lemma_.lower() in ORG_GENERIC and (
                bool(ORG_SUFFIX.search(m.name)), m.subject)
            # "he"/"she": a person who is the subject in this or the previous sentence
            # beats the last speaker further back ("Osterveld told the court ... He said")
            near = low in PERSON_PRONOUNS and m.subject and s.index - m.sentence <= 1
            score = (near, speaker, described, corporate or (False, False),
                     low in PLURAL_PRONOUNS and m.plural, m.sentence, m.subject, m.start)
            if best_score is None or score > best_score:
                best, best_score = m, score
        return best

    def name_for(self, s: Sentence, tokens) -> tuple[str, Mention | None]:
        """Resolved name of a phrase (pronoun, "the minister", a surname) and its mention."""
        if not tokens:
            return "", None
        head = next((t for t in tokens if t.head not in tokens or t.head == t), tokens[-1])
        text = _name_of(tokens)
        appos = next((c for c in head.children if c.dep_ == "appos"
                      and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG"))), None)
        if head.pos_ == "NOUN" and appos is not None:
            # "the network's medical director, Dr Lotte Brand": the name is the appositive
            own = [t for t in phrase_tokens(appos) if t.dep_ != "appos" or t == appos]
            name = _name_of([t for t in own if not t.is_punct or t.i < own[-1].i])
            return self.full_name(name) if head.ent_type_ == "PERSON" else name, None
        if head.pos_ == "PROPN" and any(c.dep_ == "appos" for c in head.children):
            cut = min(c.left_edge.i for c in head.children if c.dep_ == "appos")
            tokens = [t for t in tokens if t.i < cut]
            while tokens and tokens[-1].is_punct:
                tokens.pop()
            text = _name_of(tokens) or text
        # "the company", "its president", "Verin's lawyer"; not "the port authority"
        described = head.pos_ == "NOUN" and tokens[-1] == head and (
            len(tokens) == 2 and tokens[0].lower_ in ("the", "its", "his", "her", "their", "our")
            or len(tokens) == 3 and tokens[1].tag_ == "POS") and (
            head.lemma_.lower() in PERSON_HEADS | ORG_GENERIC | GROUP_HEADS)
        if head.lemma_.lower() in ("office", "camp", "aide", "team") and tokens[0].lower_ in ("his", "her"):
            m = self.resolve(s, tokens[0])     # "her office said": the person
            if m is not None:
                return m.name, m
        if head.lower_ in PRONOUNS or described:
            m = self.resolve(s, head)
            if m is not None:
                return m.name, m
            return text, None
        pos = s.char(head)
        own = next((m for m in self.items if m.start <= pos < m.end), None)
        if head.ent_type_ == "PERSON" or head.pos_ == "PROPN":
            full = self.full_name(head.text)
            if full != head.text and len(full) > len(text):
                return full, own
            if own is not None and own.named and own.kind == "org" and len(own.name) > len(text) \
                    and own.name.startswith(text):
                return own.name, own          # "Pellion" -> "Pellion Biologics"
            if head.ent_type_ != "PERSON" and tokens[-1] == head:
                # "the Post" after "The New York Post": the fuller name named before
                bare = text[4:] if text.lower().startswith("the ") else text
                longer = [m for m in self.items if m.named and m.end <= pos and m.kind != "person"
                          and m.name.split()[-1] == head.text and len(m.name) > len(bare) + 2
                          and bare in m.name]
                if longer:
                    m = max(longer, key=lambda m: len(m.name))
                    return m.name, m
        return text, own
