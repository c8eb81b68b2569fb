"""FactCC-style perturbations: new contradiction and neutral pairs from supported ones.

Each *kind* rewrites one entailment pair (premise P, hypothesis H, with P entailing H)
into a new labeled pair. The label each kind yields, and why:

================  =====================================================  ===============
kind              what changes                                           label
================  =====================================================  ===============
negation          H's main verb is negated (``sold`` -> ``did not        contradiction
                  sell``, ``was`` -> ``was not``) or its negation is
                  removed (``did not cut`` -> ``did cut``); a
                  quantified subject (``More than 30 people``) is
                  negated as a whole (``It is not true that ...``)
number_swap       one number in H (not a date) changes by a wide        contradiction
                  margin; after ``more than`` / ``fewer than`` the new
                  bound lies beyond every number in P
date_swap         a month, weekday, day or year in H changes; a range    contradiction
                  (``between 2018 and 2022``) moves as a whole
entity_swap       a named entity in H is replaced by another of the      contradiction if the
                  same NER type, taken from P when P has one (the        new entity comes
                  FactCC manner) or else from the pool of all input      from P, else
                  pairs                                                  neutral
denial_framing    a party's denial of H becomes the premise              neutral
                  (``Officials denied that H`` / H), or is the new
                  hypothesis of P (P / ``Officials denied that H``)
================  =====================================================  ===============

The labels follow ``eval/fixtures/README.md``: an article-voice negation contradicts
the claim; a party's denial of a claim neither entails nor contradicts the claim
itself (neutral). An entity swap is only a contradiction when the premise gives the
role to someone else (a role swap among P's own entities); an entity P never
mentions makes H unverifiable. These labels are defaults: generated pairs are read
by a person before they are kept as fixtures (``eval/fixtures/perturbed_reviewed.jsonl``).

Each generated pair records ``perturbation`` (its kind) and ``source`` =
``"generated:<parent id>"``; its id is ``<parent id>.<kind code>``, and ``split``
and ``doc_id`` are inherited, so a parent's dev/test assignment carries over.
Randomness comes from ``random.Random`` seeded with the seed, the parent id and the
kind, so a pair's perturbation does not change when other pairs are added.

To add a kind: write ``_kind(self, ctx) -> (premise, hypothesis, label) | None`` and
list it in :data:`KINDS`, :data:`KIND_CODES` and :data:`KIND_CATEGORY`.

>>> pairs = [{"id": "x-1", "premise": "The ministry sold 40 drones to Karsova in May 2021.",
...           "hypothesis": "The ministry sold drones.", "label": "entailment"}]
>>> [(p["perturbation"], p["label"]) for p in Perturber(kinds=["negation"]).generate(pairs)]
[('negation', 'contradiction')]
"""

from __future__ import annotations

import difflib
import logging
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import InputError

logger = logging.getLogger(__name__)

KINDS: tuple[str, ...] = ("negation", "entity_swap", "number_swap", "date_swap", "denial_framing")
"""Every perturbation kind, in the order they are documented."""

KIND_CODES = {"negation": "neg", "entity_swap": "ent", "number_swap": "num",
              "date_swap": "date", "denial_framing": "deny"}
KIND_CATEGORY = {"negation": "negation", "entity_swap": "entity_swap",
                 "number_swap": "numbers", "date_swap": "dates",
                 "denial_framing": "explicit_denial"}

SWAP_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
NUMBER_TYPES = ("", "CARDINAL", "MONEY", "PERCENT", "QUANTITY")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                "seventeen", "eighteen", "nineteen", "twenty")
FRAMERS = ("Officials", "A government spokesperson", "A spokesperson", "The authorities")

_NEG_WORDS = {"not", "n't", "never"}
_NEG_CONTRACTIONS = {"ca": "can", "wo": "will", "sha": "shall"}
# Words that make a sentence's negation a matter of scope, not of one "not".
_NEGATIVE_QUANTIFIERS = {"no", "none", "nobody", "nothing", "neither", "nor", "nowhere", "noone"}
_QUANTIFIERS = {"all", "every", "each", "everyone", "everybody", "everything", "some", "most",
                "many", "several", "few", "both", "any", "more", "fewer", "less", "only"}
_LOWER_BOUND = ("more than", "over", "at least", "above", "exceeding", "upwards of")
_UPPER_BOUND = ("fewer than", "less than", "under", "at most", "below", "up to", "nearly",
                "almost")
_APPROX = ("about", "around", "roughly", "approximately", "some", "nearly", "almost")
# A date after these words bounds an interval; moving it may keep H true.
_DATE_BOUNDARY = {"before", "after", "since", "until", "till", "by", "from"}
_FRACTIONS = {"third", "thirds", "quarter", "quarters", "half", "halves", "fifth", "fifths"}
_YEAR_RE = re.compile(r"^(19|20)\d\d$")
_NUM_RE = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")


@dataclass(frozen=True)
class PerturbedPair:
    """One generated pair; :meth:`to_dict` gives the fixture line (``eval/fixture.schema.json``)."""

    id: str
    premise: str
    hypothesis: str
    label: str
    perturbation: str
    parent: str
    category: str
    split: str | None = None
    doc_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.id, "premise": self.premise, "hypothesis": self.hypothesis,
               "label": self.label, "category": self.category,
               "source": f"generated:{self.parent}", "perturbation": self.perturbation}
        if self.split is not None:
            out["split"] = self.split
        if self.doc_id is not None:
            out["doc_id"] = self.doc_id
        return out


@dataclass
class _Context:
    """What a kind sees of one parent pair: its texts, their parses and an rng."""

    premise: str
    hypothesis: str
    p_doc: Any
    h_doc: Any
    rng: random.Random
    pool: Mapping[str, Sequence[str]]


@dataclass(kw_only=True)
class Perturber:
    """Generate perturbed pairs from the entailment pairs of a fixture set.

    Parameters
    ----------
    seed : int, default 0
        Seeds every random choice (with each parent's id), so output is reproducible.
    kinds : sequence of str, default all of :data:`KINDS`
        The kinds to try.
    per_pair : int, default 1
        At most this many generated pairs per parent, each of a different kind; the
        kinds are tried in a seeded random order and those that do not apply (no
        number to swap, ...) are skipped.

    Examples
    --------
    >>> gen = Perturber(seed=1, kinds=["number_swap"])
    >>> out = gen.generate([{"id": "a", "premise": "Fire killed 14 people.",
    ...                      "hypothesis": "Fire killed 14 people.", "label": "entailment"}])
    >>> out[0]["source"], out[0]["perturbation"], out[0]["hypothesis"] != "Fire killed 14 people."
    ('generated:a', 'number_swap', True)
    """

    seed: int = 0
    kinds: Sequence[str] = KINDS
    per_pair: int = 1
    _pool: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        if isinstance(self.kinds, str):
            self.kinds = [k for k in self.kinds.split(",") if k.strip()]
        kinds = [k.strip() for k in self.kinds]
        for k in kinds:
            if k not in KINDS:
                close = difflib.get_close_matches(k, KINDS, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise InputError(f"kinds: unknown perturbation kind {k!r}{hint}; "
                                 f"known: {', '.join(KINDS)}")
        if not kinds:
            raise InputError(f"kinds: give at least one of {', '.join(KINDS)}")
        self.kinds = tuple(dict.fromkeys(kinds))
        if not isinstance(self.per_pair, int) or self.per_pair < 1:
            raise InputError(f"per_pair must be an integer >= 1, got {self.per_pair!r}")

    # -- public -----------------------------------------------------------------
    def generate(self, fixtures: Iterable[Mapping[str, Any]], *,
                 show_progress_bar: bool = False) -> list[dict[str, Any]]:
        """Perturb every entailment pair of ``fixtures``; return the new fixture lines.

        Pairs of other labels only feed the entity pool. Records need ``id``,
        ``premise``, ``hypothesis`` and ``label``; a missing one raises
        :class:`~claimbench.errors.InputError` naming the record's line when it came
        from :func:`claimbench.io.read_jsonl`.
        """
        rows = [self._check(r, i) for i, r in enumerate(fixtures, start=1)]
        docs = self._parse({t for r in rows for t in (r["premise"], r["hypothesis"])},
                           show_progress_bar=show_progress_bar)
        self._pool = _entity_pool(docs.values())
        out: list[dict[str, Any]] = []
        for r in rows:
            if r["label"] != "entailment":
                continue
            order = list(self.kinds)
            random.Random(f"{self.seed}:{r['id']}").shuffle(order)
            made = 0
            for kind in order:
                pair = self._make(r, kind, docs)
                if pair is not None:
                    out.append(pair.to_dict())
                    made += 1
                    if made >= self.per_pair:
                        break
        logger.info("generated %d pairs from %d entailment pairs", len(out),
                    sum(r["label"] == "entailment" for r in rows))
        return out

    def perturb(self, fixture: Mapping[str, Any], kind: str) -> PerturbedPair | None:
        """One kind applied to one pair, or ``None`` when the kind does not apply.

        The entity pool is the one built by the last :meth:`generate` call (empty
        before), so ``entity_swap`` falls back to entities of the premise only.
        """
        if kind not in KINDS:
            raise InputError(f"kind: unknown perturbation kind {kind!r}; known: {', '.join(KINDS)}")
        r = self._check(fixture, None)
        return self._make(r, kind, self._parse({r["premise"], r["hypothesis"]}))

    # -- internals --------------------------------------------------------------
    @staticmethod
    def _check(r: Mapping[str, Any], index: int | None) -> Mapping[str, Any]:
        if not isinstance(r, Mapping):
            raise InputError(f"fixture {index}: expected an object, got {type(r).__name__}")
        for f in ("id", "premise", "hypothesis", "label"):
            if not isinstance(r.get(f), str) or not r.get(f):
                where = r.get("__line__")
                raise InputError(f"field {f!r} must be a non-empty string"
                                 + ("" if where else f" (record {index})"),
                                 line=where, field=f)
        return r

    @staticmethod
    def _parse(texts: Iterable[str], *, show_progress_bar: bool = False) -> dict[str, Any]:
        from tqdm.auto import tqdm

        from ..claims.nlp import load_nlp

        texts = sorted(texts)
        nlp = load_nlp()
        docs = nlp.pipe(texts, batch_size=64)
        return dict(zip(texts, tqdm(docs, total=len(texts), desc="parsing",
                                    disable=not show_progress_bar)))

    def _make(self, r: Mapping[str, Any], kind: str, docs: Mapping[str, Any]) -> PerturbedPair | None:
        ctx = _Context(r["premise"], r["hypothesis"], docs[r["premise"]], docs[r["hypothesis"]],
                       random.Random(f"{self.seed}:{r['id']}:{kind}"), self._pool)
        made = getattr(self, f"_{kind}")(ctx)
        if made is None:
            return None
        premise, hypothesis, label = made
        if (premise, hypothesis) == (r["premise"], r["hypothesis"]):
            return None
        return PerturbedPair(f"{r['id']}.{KIND_CODES[kind]}", premise, hypothesis, label, kind,
                             r["id"], KIND_CATEGORY[kind], r.get("split"), r.get("doc_id"))

    # -- kinds: each returns (premise, hypothesis, label) or None -----------------
    @staticmethod
    def _negation(ctx: _Context):
        new = negate(ctx.h_doc)
        return None if new is None else (ctx.premise, new, "contradiction")

    @staticmethod
    def _number_swap(ctx: _Context):
        p_numbers = [v for t in ctx.p_doc if (v := _number_value(t)) is not None
                     and t.ent_type_ in NUMBER_TYPES]
        candidates = [t for t in ctx.h_doc if _swappable_number(t)]
        if not candidates:
            return None
        tok = ctx.rng.choice(candidates)
        value = _number_value(tok)
        before = _words_before(tok, 2)
        if any(before.endswith(b) for b in _LOWER_BOUND if b not in _APPROX):
            new_value = max([value, *p_numbers]) * ctx.rng.choice((2, 3, 4))
        elif any(before.endswith(b) for b in _UPPER_BOUND if b not in _APPROX):
            new_value = min([value, *p_numbers]) // ctx.rng.choice((2, 3, 4))
            if new_value < 1:
                return None
        elif any(before.endswith(b) for b in _APPROX):
            new_value = value * ctx.rng.choice((3, 4, 5)) if ctx.rng.random() < 0.7 else value / 4
        else:
            new_value = _exact_change(value, ctx.rng)
        text = _format_number(new_value, tok.text)
        if text is None or _number_value_text(text) == value:
            return None
        return ctx.premise, _replace_token(ctx.h_doc, tok, text), "contradiction"

    @staticmethod
    def _date_swap(ctx: _Context):
        spans = [e for e in ctx.h_doc.ents if e.label_ == "DATE" and not _date_bounded(e)]
        options = []
        for ent in spans:
            toks = list(ent)
            years = [t for t in toks if _YEAR_RE.match(t.text)]
            if years:
                options.append(("year", ent, years))
            for t in toks:
                if t.text in MONTHS:
                    options.append(("month", ent, [t]))
                    day = _day_next_to(t)
                    if day is not None:
                        options.append(("day", ent, [day]))
                elif t.text in WEEKDAYS:
                    options.append(("weekday", ent, [t]))
        if not options:
            return None
        what, ent, toks = ctx.rng.choice(options)
        if what == "year":
            values = [int(t.text) for t in toks]
            delta = (max(values) - min(values) + ctx.rng.randint(1, 3)) * ctx.rng.choice((-1, 1))
            repl = {t.i: str(int(t.text) + delta) for t in toks}
        elif what == "month":
            repl = {toks[0].i: ctx.rng.choice([m for m in MONTHS if m != toks[0].text])}
        elif what == "weekday":
            repl = {toks[0].i: ctx.rng.choice([d for d in WEEKDAYS if d != toks[0].text])}
        else:
            day = int(toks[0].text)
            repl = {toks[0].i: str(ctx.rng.choice([d for d in range(1, 29) if abs(d - day) >= 2]))}
        return ctx.premise, _rebuild(ctx.h_doc, repl), "contradiction"

    @staticmethod
    def _entity_swap(ctx: _Context):
        ents = [e for e in ctx.h_doc.ents if e.label_ in SWAP_TYPES]
        ctx.rng.shuffle(ents)
        h_lower = ctx.hypothesis.lower()
        for ent in ents:
            def usable(c: str) -> bool:
                return (c.lower() not in h_lower and not _overlaps(c, ent.text))
            local = sorted({e.text for e in ctx.p_doc.ents if e.label_ == ent.label_ and usable(e.text)})
            if local:
                new, label = ctx.rng.choice(local), "contradiction"
            else:
                pool = [c for c in ctx.pool.get(ent.label_, ()) if usable(c)
                        and c.lower() not in ctx.premise.lower()]
                if not pool:
                    continue
                new, label = ctx.rng.choice(pool), "neutral"
            new = _match_article(new, ent)
            text = ctx.hypothesis[:ent.start_char] + new + ctx.hypothesis[ent.end_char:]
            return ctx.premise, _capitalise(text), label
        return None

    @staticmethod
    def _denial_framing(ctx: _Context):
        doc = ctx.h_doc
        if any(t.lemma_.lower() in ("deny", "denial") for t in doc) or \
                ctx.hypothesis.lower().startswith("according to"):
            return None  # a denial of a denial, or of a report, says nothing clear
        clause = ctx.hypothesis.strip().rstrip(".")
        if doc[0].pos_ != "PROPN" and doc[0].text != "I":
            clause = clause[0].lower() + clause[1:]
        orgs = [e.text for e in doc.ents if e.label_ == "ORG"]
        framers = list(FRAMERS)
        if orgs:
            org = orgs[0]
            framers.append("A spokesperson for " + (org[0].lower() + org[1:]
                                                    if org.startswith("The ") else org))
        framed = f"{ctx.rng.choice(framers)} denied that {clause}."
        if ctx.rng.random() < 0.5:
            return framed, ctx.hypothesis, "neutral"
        return ctx.premise, framed, "neutral"


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
    if negs:
        neg = negs[0]
        repl: dict[int, str] = {neg.i: ""}
        prev = doc[neg.i - 1] if neg.i > 0 else None
        if neg.lower_ == "n't" and prev is not None and prev.lower_ in _NEG_CONTRACTIONS:
            repl[prev.i] = _same_case(_NEG_CONTRACTIONS[prev.lower_], prev.text)
        return _rebuild(doc, repl)
    subject = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if subject and any(t.lower_ in _QUANTIFIERS or t.dep_ in ("nummod", "quantmod")
                       or t.tag_ == "CD" for t in subject[0].subtree):
        # "More than 30 people were not killed" changes scope; negate the whole claim.
        text = doc.text.strip()
        first = doc[0]
        if first.pos_ != "PROPN":
            text = text[0].lower() + text[1:]
        return "It is not true that " + text
    auxes = [c for c in root.children if c.dep_ in ("aux", "auxpass") and c.i < root.i]
    if auxes:
        return _rebuild(doc, {auxes[0].i: auxes[0].text + _ws(auxes[0]) + "not"})
    if root.lemma_ == "be" or root.pos_ == "AUX":
        return _rebuild(doc, {root.i: root.text + " not"})
    support = {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(root.tag_)
    if support is None:
        return None
    return _rebuild(doc, {root.i: f"{support} not {root.lemma_}"})


# -- helpers ----------------------------------------------------------------------
def _ws(tok) -> str:
    return tok.whitespace_ or " "


def _rebuild(doc, repl: Mapping[int, str]) -> str:
    """The doc's text with tokens replaced (an empty string drops the token and its space)."""
    parts = []
    for t in doc:
        if t.i in repl:
            if repl[t.i] == "":
                if parts and not t.whitespace_:
                    parts[-1] = parts[-1].rstrip()
                continue
            parts.append(repl[t.i] + t.whitespace_)
        else:
            parts.append(t.text_with_ws)
    return _capitalise("".join(parts).strip())


def _replace_token(doc, tok, text: str) -> str:
    return _rebuild(doc, {tok.i: text})


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _same_case(word: str, like: str) -> str:
    return word.capitalize() if like[:1].isupper() else word


def _words_before(tok, n: int) -> str:
    doc = tok.doc
    return " ".join(t.lower_ for t in doc[max(0, tok.i - n):tok.i])


def _number_value_text(text: str) -> float | None:
    low = text.lower()
    if low in NUMBER_WORDS:
        return float(NUMBER_WORDS.index(low))
    if _NUM_RE.match(text):
        return float(text.replace(",", ""))
    return None


def _number_value(tok) -> float | None:
    if not tok.like_num or tok.ent_type_ in ("DATE", "TIME", "ORDINAL"):
        return None
    return _number_value_text(tok.text)


def _swappable_number(tok) -> bool:
    value = _number_value(tok)
    if value is None or tok.ent_type_ not in NUMBER_TYPES:
        return False
    if _YEAR_RE.match(tok.text):
        return False  # a year outside a DATE entity is still a date
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if nxt is not None and nxt.lower_ in _FRACTIONS:
        return False  # "two thirds"
    if nxt is not None and nxt.text in ("-", "–") or prev is not None and prev.text in ("-", "–"):
        return False  # part of a name such as TX-41
    return True


def _exact_change(value: float, rng: random.Random) -> float:
    options = [value * 2, value * 3, value + max(2, round(value * 0.5))]
    if value >= 4:
        options.append(value // 2)
    digits = str(int(value)) if value == int(value) else ""
    if len(digits) == 2 and digits[0] != digits[1] and digits[1] != "0":
        options.append(float(digits[::-1]))      # 14 -> 41, the classic misreading
    return rng.choice([o for o in options if o != value])


def _format_number(value: float, like: str) -> str | None:
    if like.lower() in NUMBER_WORDS:
        if value == int(value) and 0 <= value < len(NUMBER_WORDS):
            return _same_case(NUMBER_WORDS[int(value)], like)
        return None if value != int(value) else f"{int(value):,}"
    decimals = len(like.split(".")[1]) if "." in like else 0
    if decimals == 0 and value != int(value):
        value = round(value)
        if value < 1:
            return None
    text = f"{value:,.{decimals}f}" if "," in like or value >= 10_000 else f"{value:.{decimals}f}"
    return text


def _date_bounded(ent) -> bool:
    doc = ent.doc
    first = ent[0].lower_
    prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return first in _DATE_BOUNDARY or prev in _DATE_BOUNDARY


def _day_next_to(month_tok):
    doc = month_tok.doc
    for j in (month_tok.i + 1, month_tok.i - 1):
        if 0 <= j < len(doc) and doc[j].text.isdigit() and 1 <= int(doc[j].text) <= 31 \
                and doc[j].ent_type_ == "DATE":
            return doc[j]
    return None


def _entity_pool(docs: Iterable[Any]) -> dict[str, list[str]]:
    pool: dict[str, set[str]] = {}
    for doc in docs:
        for e in doc.ents:
            if e.label_ in SWAP_TYPES:
                pool.setdefault(e.label_, set()).add(_strip_article(e.text))
    return {k: sorted(v) for k, v in pool.items()}


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _match_article(new: str, ent) -> str:
    """Keep "the" as the replaced entity had it (``the Drevian ministry`` -> ``the X``)."""
    bare = _strip_article(new)
    if ent.text.lower().startswith("the "):
        return ent.text[:4] + bare
    return bare


def _overlaps(a: str, b: str) -> bool:
    """Whether two entity strings share a word (``Tomas Vell`` and ``Vell``)."""
    wa = {w.lower().strip(".,'’s") for w in _strip_article(a).split()}
    wb = {w.lower().strip(".,'’s") for w in _strip_article(b).split()}
    return bool(wa & wb) or a.lower() in b.lower() or b.lower() in a.lower()


def label_of(kind: str, *, from_premise: bool = True) -> str:
    """The label a kind yields by default (see the module table).

    >>> label_of("negation"), label_of("entity_swap", from_premise=False)
    ('contradiction', 'neutral')
    """
    if kind not in KINDS:
        raise InputError(f"kind: unknown perturbation kind {kind!r}; known: {', '.join(KINDS)}")
    if kind == "denial_framing":
        return "neutral"
    if kind == "entity_swap" and not from_premise:
        return "neutral"
    return "contradiction"


__all__ = ["KINDS", "KIND_CATEGORY", "KIND_CODES", "PerturbedPair", "Perturber", "label_of",
           "negate"]
