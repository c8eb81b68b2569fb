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
                  bound passes P's nearest number (skipped when that
                  number is itself a bound: ``at least 27``)
date_swap         a month, weekday, day or year in H changes; a range    contradiction
                  (``between 2018 and 2022``) moves as a whole; dates
                  after ``since`` / ``before``... are left alone
entity_swap       a named entity in H is replaced by another of the      contradiction if the
                  same NER type and shape, taken from P when P has one   new entity comes
                  (the FactCC manner), else from pairs with the same     from P, else
                  ``doc_id``, else from the pool of all input pairs      neutral
denial_framing    a party's denial of H becomes the premise              neutral
                  (``Officials denied that H`` / H), or is the new
                  hypothesis of P (P / ``Officials denied that H``)
================  =====================================================  ===============

The labels follow ``eval/fixtures/README.md``: an article-voice negation contradicts
the claim; a party's denial of a claim neither entails nor contradicts the claim
itself (neutral). An entity swap is only a contradiction when the premise gives the
role to someone else (a role swap among P's own entities); an entity P never
mentions makes H unverifiable. Swaps are skipped when H is negated (``did not cut
rates on Monday`` stays true). These labels are defaults: generated pairs are read
by a person before they are kept as fixtures (``eval/fixtures/perturbed_reviewed.jsonl``).
Review found two systematic exceptions: a date swap on a repeatable event
(``Inflation exceeded 6 percent in March``) is neutral, and spaCy's small model types
invented names poorly, so many entity swaps are nonsense and are dropped.

Each generated pair records ``perturbation`` (its kind) and ``source`` =
``"generated:<parent id>"``; its id is ``<parent id>.<kind code>``, and ``split``
and ``doc_id`` are inherited, so a parent's dev/test assignment carries over.
Randomness comes from ``random.Random`` seeded with the seed, the parent id and the
kind, so a pair's perturbation does not change when other pairs are added (except
an entity swap that draws on the pool those pairs feed).

To add a kind: write a static method ``_<kind>(ctx) -> (premise, hypothesis, label)
| None`` on :class:`Perturber` and list the kind in :data:`KINDS`, :data:`KIND_CODES`
and :data:`KIND_CATEGORY`.

>>> pairs = [{"id": "x-1", "premise": "The ministry sold 40 drones to Karsova in May 2021.",
...           "hypothesis": "The ministry sold drones.", "label": "entailment"}]
>>> [(p["perturbation"], p["label"]) for p in Perturber(kinds=["negation"]).generate(pairs)]
[('negation', 'contradiction')]
"""

from __future__ import annotations

import difflib
import functools
import logging
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ._perturb_text import (
    APPROX,
    LOWER_BOUND,
    MONTHS,
    NUMBER_TYPES,
    REPORTING,
    SWAP_TYPES,
    UPPER_BOUND,
    WEEKDAYS,
    YEAR_RE,
    as_clause,
    capitalise,
    date_bounded,
    day_next_to,
    ends_with,
    entity_core,
    entity_pool,
    exact_change,
    format_number,
    negate,
    negated,
    number_value,
    number_value_text,
    overlaps,
    rebuild,
    replace_token,
    swappable_number,
    words_before,
)

logger = logging.getLogger(__name__)

KINDS: tuple[str, ...] = ("negation", "entity_swap", "number_swap", "date_swap", "denial_framing")
"""Every perturbation kind, in the order they are documented."""

KIND_CODES = {"negation": "neg", "entity_swap": "ent", "number_swap": "num",
              "date_swap": "date", "denial_framing": "deny"}
KIND_CATEGORY = {"negation": "negation", "entity_swap": "entity_swap",
                 "number_swap": "numbers", "date_swap": "dates",
                 "denial_framing": "explicit_denial"}

FRAMERS = ("Officials", "A government spokesperson", "A spokesperson", "The authorities")


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
    doc_pool: Mapping[str, Sequence[str]]


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
    _doc_pools: dict[str, dict[str, list[str]]] = field(default_factory=dict, init=False,
                                                        repr=False)

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
        self._pool = entity_pool(docs.values())
        by_doc: dict[str, list[Any]] = {}
        for r in rows:
            if r.get("doc_id"):
                by_doc.setdefault(r["doc_id"], []).extend(
                    (docs[r["premise"]], docs[r["hypothesis"]]))
        # A story's own entities make the most plausible swaps; types still vote corpus-wide.
        self._doc_pools = {d: entity_pool(ds, common=self._pool) for d, ds in by_doc.items()}
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
    def _check(r: Any, index: int | None) -> Mapping[str, Any]:
        """A fixture as a mapping (a :class:`~claimbench.eval.fixtures.LabeledPair` converts)."""
        if not isinstance(r, Mapping):
            if not hasattr(r, "premise"):
                raise InputError(f"fixture {index}: expected a mapping or a LabeledPair, "
                                 f"got {type(r).__name__}")
            fields = ("id", "premise", "hypothesis", "label", "split", "doc_id")
            r = {f: getattr(r, f, None) for f in fields} | {"__line__": getattr(r, "line", None)}
        for f in ("id", "premise", "hypothesis", "label"):
            if not isinstance(r.get(f), str) or not r.get(f).strip():
                where = f"line {r['__line__']}" if r.get("__line__") else f"record {index}"
                raise InputError(f"field {f!r} must be a non-empty string ({where})", field=f)
        return r

    @staticmethod
    def _parse(texts: Iterable[str], *, show_progress_bar: bool = False) -> dict[str, Any]:
        return _parse_all(tuple(sorted(texts)), show_progress_bar)

    def _make(self, r: Mapping[str, Any], kind: str, docs: Mapping[str, Any]
              ) -> PerturbedPair | None:
        ctx = _Context(r["premise"], r["hypothesis"], docs[r["premise"]], docs[r["hypothesis"]],
                       random.Random(f"{self.seed}:{r['id']}:{kind}"), self._pool,
                       self._doc_pools.get(r.get("doc_id") or "", {}))
        made = getattr(self, f"_{kind}")(ctx)  # one method per kind, named after it
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
        return None if new is None else (ctx.premise, new, label_of("negation"))

    @staticmethod
    def _number_swap(ctx: _Context):
        if negated(ctx.h_doc):
            return None  # "did not kill 40" stays true when 40 becomes 80
        p_numbers = [(v, words_before(t, 2)) for t in ctx.p_doc
                     if (v := number_value(t)) is not None and t.ent_type_ in NUMBER_TYPES]
        candidates = [t for t in ctx.h_doc if swappable_number(t)]
        if not candidates:
            return None
        tok = ctx.rng.choice(candidates)
        value = number_value(tok)
        before = words_before(tok, 2)
        if ends_with(before, LOWER_BOUND):
            # "more than 20" when P says 27: the new bound must pass the premise's number,
            # taken as the nearest one above the old bound.
            above = [(v, b) for v, b in p_numbers if v >= value]
            if not above:
                return None
            anchor, bound = min(above)
            if ends_with(bound, LOWER_BOUND):
                return None   # P's "at least 27" sets no ceiling to pass
            new_value = anchor * ctx.rng.choice((2, 3, 4))
        elif ends_with(before, UPPER_BOUND):
            below = [(v, b) for v, b in p_numbers if v <= value]
            if not below:
                return None
            anchor, bound = max(below)
            if ends_with(bound, UPPER_BOUND):
                return None
            new_value = anchor / ctx.rng.choice((2, 3, 4))
            if new_value < 1:
                return None
        elif ends_with(before, APPROX, approx=True):
            new_value = value * ctx.rng.choice((3, 4, 5)) if ctx.rng.random() < 0.7 else value / 4
        else:
            new_value = exact_change(value, ctx.rng)
        text = format_number(new_value, tok.text)
        if text is None or number_value_text(text) == value:
            return None
        return ctx.premise, replace_token(ctx.h_doc, tok, text), label_of("number_swap")

    @staticmethod
    def _date_swap(ctx: _Context):
        if negated(ctx.h_doc):
            return None  # "did not cut rates on Monday" is no contradiction of Thursday
        spans = [e for e in ctx.h_doc.ents if e.label_ == "DATE" and not date_bounded(e)]
        options = []
        for ent in spans:
            toks = list(ent)
            years = [t for t in toks if YEAR_RE.match(t.text)]
            if years:
                options.append(("year", ent, years))
            for t in toks:
                if t.text in MONTHS:
                    options.append(("month", ent, [t]))
                    day = day_next_to(t)
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
        return ctx.premise, rebuild(ctx.h_doc, repl), label_of("date_swap")

    @staticmethod
    def _entity_swap(ctx: _Context):
        if negated(ctx.h_doc):
            return None
        ents = [e for e in ctx.h_doc.ents if e.label_ in SWAP_TYPES]
        ctx.rng.shuffle(ents)
        h_lower = ctx.hypothesis.lower()
        for ent in ents:
            core = entity_core(ent.text)
            size = len(core.split())

            def usable(c: str, size: int = size, core: str = core) -> bool:
                # Same shape (a surname for a surname, a full name for a full name)
                # keeps the sentence grammatical; no shared word keeps it a real swap.
                return (len(c.split()) == size and c.lower() not in h_lower
                        and not overlaps(c, core))
            local = sorted({entity_core(e.text) for e in ctx.p_doc.ents
                            if e.label_ == ent.label_ and usable(entity_core(e.text))})
            if local:
                new, label = ctx.rng.choice(local), label_of("entity_swap", from_premise=True)
            else:
                pool = [c for c in ctx.doc_pool.get(ent.label_, ()) if usable(c)
                        and c.lower() not in ctx.premise.lower()]
                pool = pool or [c for c in ctx.pool.get(ent.label_, ()) if usable(c)
                                and c.lower() not in ctx.premise.lower()]
                if not pool:
                    continue
                new, label = ctx.rng.choice(pool), label_of("entity_swap", from_premise=False)
            start = ent.start_char + ent.text.find(core)   # "the" and "'s" stay in place
            text = ctx.hypothesis[:start] + new + ctx.hypothesis[start + len(core):]
            return ctx.premise, capitalise(text), label
        return None

    @staticmethod
    def _denial_framing(ctx: _Context):
        doc = ctx.h_doc
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None or root.lemma_.lower() in REPORTING or negated(doc) or \
                any(t.lemma_.lower() in ("deny", "denial") for t in doc) or \
                ctx.hypothesis.lower().startswith("according to"):
            return None  # a denial of a report, or of a negation, reads as a riddle
        clause = as_clause(doc)
        orgs = [e.text for e in doc.ents if e.label_ == "ORG"]
        framers = list(FRAMERS)
        if orgs:
            org = orgs[0]
            framers.append("A spokesperson for " + (org[0].lower() + org[1:]
                                                    if org.startswith("The ") else org))
        framed = f"{ctx.rng.choice(framers)} denied that {clause}."
        if ctx.rng.random() < 0.5:
            return framed, ctx.hypothesis, label_of("denial_framing")
        return ctx.premise, framed, label_of("denial_framing")



@functools.lru_cache(maxsize=4)
def _parse_all(texts: tuple[str, ...], show_progress_bar: bool) -> dict[str, Any]:
    """Parse texts once per process: runs with other kinds or seeds reuse the parses."""
    from tqdm.auto import tqdm

    from ..claims.nlp import load_nlp

    docs = load_nlp().pipe(texts, batch_size=64)
    return dict(zip(texts, tqdm(docs, total=len(texts), desc="parsing",
                                disable=not show_progress_bar)))


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
