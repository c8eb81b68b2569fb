"""Text edits on spaCy parses, behind :mod:`claimbench.eval.perturb`.

Negation at the main verb, number parsing and formatting, date parts, and entity
pools. Functions take spaCy ``Doc``/``Token``/``Span`` objects and return plain
strings; none loads a model, so they are cheap to import.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

SWAP_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
NUMBER_TYPES = ("", "CARDINAL", "MONEY", "PERCENT", "QUANTITY")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                "seventeen", "eighteen", "nineteen", "twenty")

_NEG_WORDS = {"not", "n't", "never"}
_NEG_CONTRACTIONS = {"ca": "can", "wo": "will", "sha": "shall"}
# Words that make a sentence's negation a matter of scope, not of one "not".
_NEGATIVE_QUANTIFIERS = {"no", "none", "nobody", "nothing", "neither", "nor", "nowhere", "noone"}
_QUANTIFIERS = {"all", "every", "each", "everyone", "everybody", "everything", "some", "most",
                "many", "several", "few", "both", "any", "more", "fewer", "less", "only"}
LOWER_BOUND = ("more than", "over", "at least", "above", "exceeding", "upwards of")
UPPER_BOUND = ("fewer than", "less than", "under", "at most", "below", "up to", "nearly",
               "almost")
APPROX = ("about", "around", "roughly", "approximately", "some", "nearly", "almost")
# A date after these words bounds an interval; moving it may keep H true.
_DATE_BOUNDARY = {"before", "after", "since", "until", "till", "by", "from"}
_NPI = {"any": "some", "anything": "something", "anyone": "someone", "anybody": "somebody",
        "anywhere": "somewhere", "yet": "already"}
# Root verbs whose complement is someone's report; a denial of a report reads oddly.
REPORTING = {"say", "claim", "allege", "report", "reject", "dismiss", "deny", "describe",
             "cite", "blame", "tell", "accuse", "warn", "suggest", "announce", "promise",
             "confirm", "admit", "acknowledge", "concede", "dispute", "contest", "attribute"}
_NAME_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART",
               "LAW", "LANGUAGE"}
_FRACTIONS = {"third", "thirds", "quarter", "quarters", "half", "halves", "fifth", "fifths"}
YEAR_RE = re.compile(r"^(19|20)\d\d$")
_NUM_RE = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")


# -- negation -------------------------------------------------------------------
def negate(doc) -> str | None:
    """Negate a parsed sentence at its main verb, or remove the negation it has.

    Returns ``None`` when the sentence's negation is a matter of quantifier scope
    (``No one``, ``neither``) that one edit cannot express.

    >>> from claimbench.claims.nlp import load_nlp
    >>> negate(load_nlp()("The ministry sold drones."))
    'The ministry did not sell drones.'
    >>> negate(load_nlp()("The bank did not cut its rate."))
    'The bank did cut its rate.'
    """
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return None
    if any(t.lower_ in _NEGATIVE_QUANTIFIERS for t in doc):
        return None
    negs = [c for c in root.children if c.lower_ in _NEG_WORDS and c.dep_ == "neg"]
    subject = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not negs and subject and doc[subject[0].left_edge.i].lower_ == "not":
        negs = [doc[subject[0].left_edge.i]]   # "Not every member voted" -> "Every member voted"
    if negs:
        neg = negs[0]
        repl: dict[int, str] = {neg.i: ""}
        prev = doc[neg.i - 1] if neg.i > 0 else None
        if neg.lower_ == "n't" and prev is not None and prev.lower_ in _NEG_CONTRACTIONS:
            repl[prev.i] = _same_case(_NEG_CONTRACTIONS[prev.lower_], prev.text)
        # Without the negation, "anything" must become "something" to stay English.
        for t in doc[neg.i + 1:]:
            if t.lower_ in _NPI:
                repl[t.i] = _same_case(_NPI[t.lower_], t.text)
        return rebuild(doc, repl)
    if subject and any(t.lower_ in _QUANTIFIERS or t.dep_ in ("nummod", "quantmod")
                       or t.tag_ == "CD" for t in subject[0].subtree):
        # "More than 30 people were not killed" changes scope; negate the whole claim.
        return "It is not true that " + as_clause(doc) + "."
    auxes = [c for c in root.children if c.dep_ in ("aux", "auxpass") and c.i < root.i]
    if auxes:
        return rebuild(doc, {auxes[0].i: auxes[0].text + _ws(auxes[0]) + "not"})
    if root.lemma_ == "be" or root.pos_ == "AUX":
        return rebuild(doc, {root.i: root.text + " not"})
    support = {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(root.tag_)
    if support is None:
        return None
    return rebuild(doc, {root.i: f"{support} not {root.lemma_}"})


# -- helpers ----------------------------------------------------------------------
def negated(doc) -> bool:
    """Whether the sentence has a negation anywhere (``not``, ``never``, ``no one``)."""
    return any(t.dep_ == "neg" or t.lower_ in _NEGATIVE_QUANTIFIERS for t in doc)


def is_name(tok) -> bool:
    """Whether a token is (part of) a name, which keeps its capital inside a sentence."""
    return tok.pos_ == "PROPN" or tok.ent_type_ in _NAME_TYPES or tok.text == "I"


def as_clause(doc) -> str:
    """The sentence as a subordinate clause: no final period, a lower-case first word
    unless it is a name ("The Haldren Bridge collapsed." -> "the Haldren Bridge collapsed").
    """
    text = doc.text.strip().rstrip(".")
    if doc[0].tag_ == "DT" or not is_name(doc[0]):
        text = text[:1].lower() + text[1:]
    return text


def _ws(tok) -> str:
    return tok.whitespace_ or " "


def rebuild(doc, repl: Mapping[int, str]) -> str:
    """The doc's text with tokens replaced (an empty string drops the token and its space)."""
    parts = []
    for t in doc:
        if t.i in repl:
            if repl[t.i] == "":
                # keep one space between the neighbours: "ca|n't be" -> "can be"
                if parts and not t.whitespace_:
                    parts[-1] = parts[-1].rstrip()
                elif parts and not parts[-1].endswith(t.whitespace_):
                    parts[-1] += t.whitespace_
                continue
            parts.append(repl[t.i] + t.whitespace_)
        else:
            parts.append(t.text_with_ws)
    return capitalise("".join(parts).strip())


def replace_token(doc, tok, text: str) -> str:
    return rebuild(doc, {tok.i: text})


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _same_case(word: str, like: str) -> str:
    return word.capitalize() if like[:1].isupper() else word


def ends_with(words: str, phrases: Sequence[str], *, approx: bool = False) -> bool:
    """Whether ``words`` ends with one of ``phrases`` (approximators only if ``approx``)."""
    return any(words == p or words.endswith(" " + p) for p in phrases
               if approx or p not in APPROX)


def words_before(tok, n: int) -> str:
    """The ``n`` lower-cased words before a token, space-separated ("more than")."""
    doc = tok.doc
    return " ".join(t.lower_ for t in doc[max(0, tok.i - n):tok.i])


def number_value_text(text: str) -> float | None:
    """``"1,400"`` -> 1400.0, ``"nine"`` -> 9.0; ``None`` for anything else."""
    low = text.lower()
    if low in NUMBER_WORDS:
        return float(NUMBER_WORDS.index(low))
    if _NUM_RE.match(text):
        return float(text.replace(",", ""))
    return None


def number_value(tok) -> float | None:
    """A token's number, unless it belongs to a date, a time or an ordinal."""
    if not tok.like_num or tok.ent_type_ in ("DATE", "TIME", "ORDINAL"):
        return None
    return number_value_text(tok.text)


def swappable_number(tok) -> bool:
    """Whether a token is a count or amount that a number swap may change."""
    value = number_value(tok)
    if value is None or tok.ent_type_ not in NUMBER_TYPES:
        return False
    if not (tok.tag_ == "CD" or tok.lower_ in NUMBER_WORDS and tok.dep_ in ("nummod", "amod")):
        return False  # the tagger reads a sentence-initial "Eleven" as an adjective
    if tok.lower_ == "one" and tok.dep_ != "nummod":
        return False  # "the original one" is a pronoun, not a count
    if YEAR_RE.match(tok.text):
        return False  # a year outside a DATE entity is still a date
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if nxt is not None and nxt.lower_ in _FRACTIONS:
        return False  # "two thirds"
    if any(t is not None and t.text in ("-", "–") for t in (nxt, prev)):
        return False  # part of a name such as TX-41
    return True


def exact_change(value: float, rng: random.Random) -> float:
    """A clearly different value: doubled, tripled, halved, +50 % or digits reversed."""
    options = [value * 2, value * 3, value + max(2, round(value * 0.5))]
    if value >= 4:
        options.append(value // 2 if value == int(value) else value / 2)
    digits = str(int(value)) if value == int(value) else ""
    if len(digits) == 2 and digits[0] != digits[1] and digits[1] != "0":
        options.append(float(digits[::-1]))      # 14 -> 41, the classic misreading
    return rng.choice([o for o in options if o != value])


def format_number(value: float, like: str) -> str | None:
    """Write ``value`` the way ``like`` was written (a word, decimals, thousands commas)."""
    if like.lower() in NUMBER_WORDS:
        if value == int(value) and 0 <= value < len(NUMBER_WORDS):
            return _same_case(NUMBER_WORDS[int(value)], like)
        return None if value != int(value) else f"{int(value):,}"
    decimals = len(like.split(".")[1]) if "." in like else 0
    if decimals == 0 and value != int(value):
        value = round(value)
        if value < 1:
            return None
    plain = like.replace(",", "")
    # News style writes 1,230; keep a plain "2000" plain when the original was.
    commas = "," in like or (value >= 1000 and float(plain) < 1000)
    return f"{value:,.{decimals}f}" if commas else f"{value:.{decimals}f}"


def date_bounded(ent) -> bool:
    """Whether a DATE entity is an interval bound ("since July", "before 2020")."""
    doc = ent.doc
    first = ent[0].lower_
    prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return first in _DATE_BOUNDARY or prev in _DATE_BOUNDARY


def day_next_to(month_tok):
    """The day number written next to a month name ("March 14", "14 March"), if any."""
    doc = month_tok.doc
    for j in (month_tok.i + 1, month_tok.i - 1):
        if 0 <= j < len(doc) and doc[j].text.isdigit() and 1 <= int(doc[j].text) <= 31 \
                and doc[j].ent_type_ == "DATE":
            return doc[j]
    return None


def entity_pool(docs: Iterable[Any], *, common: Mapping[str, Sequence[str]] | None = None
                ) -> dict[str, list[str]]:
    """Entity strings by NER type.

    A string tagged with several types goes to its most frequent one (in ``common``,
    a pool built over more text, when given), which tames the small model's guesses on
    unfamiliar names; a one-word "entity" that also occurs in lower case ("Turnout" at
    the start of a sentence) is a common noun and is left out.
    """
    docs = list(docs)
    lower_words = {t.text for d in docs for t in d if t.text.islower()}
    votes: dict[str, dict[str, int]] = {}
    for doc in docs:
        for e in doc.ents:
            if e.label_ in SWAP_TYPES:
                core = entity_core(e.text)
                if " " not in core and core.lower() in lower_words:
                    continue
                counts = votes.setdefault(core, {})
                counts[e.label_] = counts.get(e.label_, 0) + 1
    typed = {t: k for k, names in (common or {}).items() for t in names}
    pool: dict[str, set[str]] = {}
    for text, counts in votes.items():
        if common is not None and text not in typed:
            continue
        best = typed.get(text) or max(sorted(counts), key=counts.__getitem__)
        pool.setdefault(best, set()).add(text)
    return {k: sorted(v) for k, v in pool.items()}


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def entity_core(text: str) -> str:
    """An entity without a leading "the" or a trailing possessive."""
    text = _strip_article(text)
    return text[:-2] if text.endswith(("'s", "’s")) else text


def _words(text: str) -> set[str]:
    return {re.sub(r"['’]s$", "", w.lower()).strip(".,") for w in _strip_article(text).split()}


def overlaps(a: str, b: str) -> bool:
    """Whether two entity strings share a word (``Tomas Vell`` and ``Vell``)."""
    return bool(_words(a) & _words(b)) or a.lower() in b.lower() or b.lower() in a.lower()
