"""The real-news development set: team annotations of Emergent headlines and FNC-1 bodies.

The annotations (``claims/realnews/``, see its ``ANNOTATION.md``) hold ids, character
offsets and labels only; the text stays in the public datasets under ``../shared/data``
(``CLAIMBENCH_DATA_DIR``). :func:`load_headlines` and :func:`load_bodies` join the two and
check the SHA-1 of every text against the one it was annotated on.

Every record belongs to a story (Emergent ``claimId``, FNC-1 body id) and every story to
one half, :func:`story_split`: ``tune`` (develop rules, fit models) or ``report`` (figures
only). Scoring (:func:`score_headlines`, :func:`score_bodies`) compares what the claims
stage extracts with the gold, with the rules written in each function.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import InputError

SPLITS = ("tune", "report")
EMERGENT_CSV = "stance/emergent/url-versions-2015-06-14-clean-train.csv"
FNC1_BODIES_CSV = "stance/fnc1/train_bodies.csv"
# A denied proposition is judged right when its content words overlap the gold ones at
# this F1 or more, and its polarity is right (see proposition_correct).
PROPOSITION_MIN_F1 = 0.5
# A predicted denier names the gold one when this share of the gold's content words is in it.
DENIER_MIN_SHARE = 0.5
_NEGATORS = frozenset("not no never n't nobody nothing none neither nor without".split())
_STOP = frozenset("a an the of to in on at for by with from and or but is are was were be been being "
                  "it its this that these those as has have had do does did will would can could "
                  "'s s".split())
_WORD = re.compile(r"[A-Za-z0-9]+(?:'[a-z]+)?|n't")


def story_split(story_id: str) -> str:
    """``tune`` or ``report``: a stable hash of the story id, so a story never straddles both.

    >>> story_split("d54aaf40-b6a8-11e4-8507-b58af63d1078") in SPLITS
    True
    """
    return SPLITS[hashlib.sha1(str(story_id).encode("utf-8")).digest()[0] % 2]


def realnews_dir() -> str:
    """Where the annotations are (``claims/realnews``, packaged or in the checkout)."""
    from .._data import data_path

    return os.environ.get("CLAIMBENCH_REALNEWS_DIR") or data_path("claims/realnews")


def _data_dir(data_dir: str | None) -> str:
    from ..models.benchmarks import default_data_dir

    d = data_dir or default_data_dir()
    if not d or not os.path.isdir(d):
        raise InputError("the real-news set needs the public datasets (../shared/data or "
                         "CLAIMBENCH_DATA_DIR): not found")
    return d


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _cut(text: str, span: Sequence[int] | None) -> str | None:
    return None if span is None else text[span[0]:span[1]]


def _joined(text: str, spans: Iterable[Sequence[int]]) -> str:
    return " ".join(text[s:e].strip() for s, e in spans)


@dataclass
class Headline:
    """One annotated Emergent headline, joined with its text."""

    row: int
    story: str
    split: str
    text: str
    claim: str
    stance: str                      # the dataset's for / against / observing
    is_denial: bool
    strength: str | None = None
    denier: str | None = None
    cue: str | None = None
    proposition: str | None = None
    proposition_in: str | None = None


def load_headlines(data_dir: str | None = None, *, split: str | None = None) -> list[Headline]:
    """The annotated Emergent train headlines (``split``: ``tune``, ``report`` or all)."""
    import pandas as pd

    path = os.path.join(_data_dir(data_dir), EMERGENT_CSV)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows = {int(r[df.columns[0]]): r for _, r in df.iterrows()}
    ann_path = os.path.join(realnews_dir(), "emergent_headlines.jsonl")
    out = []
    with open(ann_path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            a = json.loads(line)
            r = rows.get(a["row"])
            text = r["articleHeadline"] if r is not None else None
            if text is None or _sha1(text) != a["sha1"]:
                raise InputError(f"row {a['row']}: the headline differs from the annotated one "
                                 "(another copy of Emergent?)", path=ann_path, line=line_no)
            claim = r["claimHeadline"]
            prop = a.get("proposition")
            prop_text = None
            if prop:
                prop_text = _joined(claim if prop["in"] == "claim" else text, prop["spans"])
            h = Headline(a["row"], a["claim_id"], story_split(a["claim_id"]), text, claim,
                         r["articleHeadlineStance"], a["is_denial"], a.get("strength"),
                         _cut(text, a.get("denier")), _cut(text, a.get("cue")), prop_text,
                         prop["in"] if prop else None)
            if split is None or h.split == split:
                out.append(h)
    return out


@dataclass
class Body:
    """One annotated FNC-1 body: its text and the gold in ``claims/ANNOTATION.md``'s schema."""

    body_id: int
    split: str
    text: str
    gold: dict[str, Any]
    stances: str
    headlines: list[tuple[str, str]] = field(default_factory=list)   # (headline, stance)


def _span_dict(text: str, span: Sequence[int] | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span[0], "end": span[1], "text": text[span[0]:span[1]]}


def load_bodies(data_dir: str | None = None, *, split: str | None = None) -> list[Body]:
    """The annotated FNC-1 train bodies, with gold records in the ``claims/gold`` schema."""
    import pandas as pd

    d = _data_dir(data_dir)
    bodies = pd.read_csv(os.path.join(d, FNC1_BODIES_CSV), dtype={"Body ID": int}, keep_default_na=False)
    texts = dict(zip(bodies["Body ID"], bodies["articleBody"]))
    stances_path = os.path.join(d, "stance/fnc1/train_stances.related.derived.csv")
    heads: dict[int, list[tuple[str, str]]] = {}
    if os.path.exists(stances_path):
        st = pd.read_csv(stances_path, dtype={"Body ID": int}, keep_default_na=False)
        for h, b, s in zip(st["Headline"], st["Body ID"], st["Stance"]):
            heads.setdefault(int(b), []).append((h, s))
    out = []
    for path in sorted(glob.glob(os.path.join(realnews_dir(), "fnc1", "*.json"))):
        with open(path, encoding="utf-8") as fh:
            a = json.load(fh)
        text = texts.get(a["body_id"])
        if text is None or _sha1(text) != a["sha1"]:
            raise InputError(f"body {a['body_id']}: the text differs from the annotated one", path=path)
        sp = story_split(str(a["body_id"]))
        if split is not None and sp != split:
            continue
        out.append(Body(a["body_id"], sp, text, _gold_record(a, text, heads.get(a["body_id"], [])),
                        a.get("headline_stances", ""), heads.get(a["body_id"], [])))
    return out


def _gold_record(a: dict[str, Any], text: str, headlines: list[tuple[str, str]]) -> dict[str, Any]:
    claims = [{"id": c["id"], "start": c["start"], "end": c["end"], "text": text[c["start"]:c["end"]],
               "type": c["type"], "source": _cut(text, c.get("source")),
               "source_type": c.get("source_type")} for c in a["claims"]]
    atts = [{"id": t["id"], "source": _span_dict(text, t.get("source")), "cue": _span_dict(text, t.get("cue")),
             "content": _span_dict(text, t.get("content")), "kind": t.get("kind"),
             "cue_kind": t.get("cue_kind")} for t in a["attributions"]]
    denials = []
    for x in a["denials"]:
        prop = x.get("proposition") or {}
        if prop.get("in") == "headline" and headlines:
            src = headlines[min(int(prop.get("headline", 0)), len(headlines) - 1)][0]
        else:
            src = text
        denials.append({"id": x["id"], "start": x["start"], "end": x["end"], "text": text[x["start"]:x["end"]],
                        "denier": _cut(text, x.get("denier")), "cue": _cut(text, x.get("cue")),
                        "strength": x.get("strength"), "denied": _joined(src, prop.get("spans", [])),
                        "antecedent": _span_dict(text, x.get("antecedent")), "claim_id": x.get("claim_id")})
    return {"doc_id": f"fnc1-{a['body_id']}", "claims": claims, "attributions": atts, "denials": denials,
            "non_denials": [_span_dict(text, s) for s in a.get("non_denials", [])],
            "pairs": a.get("pairs", []), "bylines": [_span_dict(text, s) for s in a.get("bylines", [])]}


# ---------------------------------------------------------------------- judging


def content_words(text: str | None) -> list[str]:
    """Lower-cased word tokens without stop words and negators (what propositions are compared on)."""
    if not text:
        return []
    return [w for w in (m.group(0).lower() for m in _WORD.finditer(text))
            if w not in _STOP and w not in _NEGATORS]


def _negated(text: str) -> bool:
    words = [m.group(0).lower() for m in _WORD.finditer(text or "")]
    return any(w in _NEGATORS or w.endswith("n't") for w in words)


def proposition_correct(predicted: str | None, gold: str | None) -> bool:
    """Right content (content-word F1 >= :data:`PROPOSITION_MIN_F1`) and right polarity:
    a positive gold proposition must not come back negated, and vice versa.

    >>> proposition_correct("Apple is building a car.", "Apple is building a car")
    True
    >>> proposition_correct("There is truth whatsoever to these claims", "X stole the money")
    False
    """
    if not predicted or not gold:
        return False
    from ..metrics import token_f1

    if _negated(predicted) != _negated(gold):
        return False
    return token_f1(" ".join(content_words(predicted)), " ".join(content_words(gold))) >= PROPOSITION_MIN_F1


def denier_matches(predicted: str | None, gold: str | None) -> bool:
    """Both absent (the article's own voice), or the predicted denier holds at least
    :data:`DENIER_MIN_SHARE` of the gold denier's content words."""
    if gold is None:
        return predicted is None or not content_words(predicted)
    g = set(content_words(gold))
    if not g or predicted is None:
        return False
    return len(g & set(content_words(predicted))) / len(g) >= DENIER_MIN_SHARE


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def score_headlines(headlines: Sequence[Headline], analyses: Sequence[Any]) -> dict[str, Any]:
    """Denial detection on headlines (each analysed as a one-line document).

    - ``denier_recall``: of gold denials that name a denier, the share with a predicted
      denial whose denier matches (:func:`denier_matches`);
    - ``denial_recall``: of all gold denials, the share with any predicted denial;
    - ``false_denial_rate``: of gold non-denials, the share with a predicted denial;
    - ``proposition_accuracy``: of gold denials whose proposition is in the headline, the
      share whose best predicted denial states it (:func:`proposition_correct`).
    """
    named = found_named = found = n_den = false = n_non = prop_ok = n_prop = 0
    misses: list[int] = []
    for h, a in zip(headlines, analyses):
        preds = list(a.denials)
        if not h.is_denial:
            n_non += 1
            false += bool(preds)
            continue
        n_den += 1
        found += bool(preds)
        if h.denier is not None:
            named += 1
            ok = any(denier_matches(d.denier, h.denier) for d in preds)
            found_named += ok
            if not ok:
                misses.append(h.row)
        if h.proposition_in == "headline":
            n_prop += 1
            prop_ok += any(proposition_correct(d.denied, h.proposition) for d in preds)

    return {"headlines": len(headlines), "denials": n_den, "named_deniers": named,
            "denier_recall": _ratio(found_named, named), "denial_recall": _ratio(found, n_den),
            "false_denial_rate": _ratio(false, n_non), "non_denials": n_non,
            "proposition_accuracy": _ratio(prop_ok, n_prop), "propositions": n_prop,
            "missed_rows": misses}


def _span_of(x: Any) -> dict[str, Any]:
    return {"id": x.id, "start": x.start, "end": x.end}


@dataclass
class _Tally:
    """Matched, predicted and gold counts of one kind of span over many documents."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def match(self, gold: list[dict[str, Any]], predicted: Sequence[Any]
              ) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
        """One-to-one matches ``{pred_id: gold_id}`` (counted here) and the gold records by id."""
        from .extraction import match_spans

        m = match_spans(gold, [_span_of(x) for x in predicted])
        self.tp += len(m)
        self.predicted += len(predicted)
        self.gold += len(gold)
        return m, {g["id"]: g for g in gold}


def score_bodies(bodies: Sequence[Body], analyses: Sequence[Any]) -> dict[str, Any]:
    """Claims, sources, denials and denied propositions on annotated bodies.

    Spans match one-to-one when they overlap by half of both (``eval.extraction.match_spans``).
    ``claim_precision`` counts predicted claims that match a gold claim; ``source_accuracy``
    is over matched claims with a gold source (the predicted source holds half its content
    words; the article's voice must come back as no source); ``proposition_accuracy`` is
    over matched denials.
    """
    from .extraction import match_spans

    claims, denials = _Tally(), _Tally()
    src_ok = src_n = prop_ok = byline_claims = 0
    for b, a in zip(bodies, analyses):
        gold = b.gold
        m, gold_claim = claims.match(gold["claims"], a.claims)
        for c in a.claims:
            if c.id in m:
                src_n += 1
                src_ok += denier_matches(c.source, gold_claim[m[c.id]]["source"])
        if gold["bylines"]:
            byl = [{"id": f"b{i}", **s} for i, s in enumerate(gold["bylines"])]
            byline_claims += len(match_spans(byl, [_span_of(c) for c in a.claims]))
        dm, gold_denial = denials.match(gold["denials"], a.denials)
        for d in a.denials:
            if d.id in dm:
                prop_ok += proposition_correct(d.denied, gold_denial[dm[d.id]]["denied"])
    tp, pred_n, gold_n = claims.tp, claims.predicted, claims.gold
    d_tp, d_pred, d_gold = denials.tp, denials.predicted, denials.gold

    p, r = _ratio(tp, pred_n), _ratio(tp, gold_n)
    dp, dr = _ratio(d_tp, d_pred), _ratio(d_tp, d_gold)
    return {"bodies": len(bodies), "claim_precision": p, "claim_recall": r,
            "claim_f1": (2 * p * r / (p + r)) if p and r else 0.0,
            "source_accuracy": _ratio(src_ok, src_n), "bylines_as_claims": byline_claims,
            "denial_precision": dp, "denial_recall": dr,
            "denial_f1": (2 * dp * dr / (dp + dr)) if dp and dr else 0.0,
            "proposition_accuracy": _ratio(prop_ok, d_tp), "gold_denials": d_gold}


# ---------------------------------------------------------------------- stance
STANCE_OF = {"for": "supports", "against": "denies", "observing": "reports",
             "agree": "supports", "disagree": "denies", "discuss": "reports"}


@dataclass
class StanceItem:
    """A claim and a document with its gold stance (supports / denies / reports)."""

    dataset: str                      # emergent or fnc1
    story: str
    split: str
    claim: str
    document: str
    stance: str


def _components(edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Union-find: each node -> the smallest node of its connected component."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def load_stance_items(data_dir: str | None = None, *, split: str | None = None,
                      fnc1_limit: int | None = None, seed: int = 0) -> list[StanceItem]:
    """Emergent train (claim vs article headline, every row) and FNC-1 train related pairs
    (headline vs body), split by story. FNC-1 stories are the connected components of the
    headline-body graph, so no headline or body is on both sides; ``fnc1_limit`` keeps a
    seeded random sample of that many FNC-1 pairs per split (bodies are long to score).
    """
    import random

    import pandas as pd

    d = _data_dir(data_dir)
    em = pd.read_csv(os.path.join(d, EMERGENT_CSV), dtype=str, keep_default_na=False)
    items = [StanceItem("emergent", cid, story_split(cid), claim, head, STANCE_OF[st])
             for claim, head, st, cid in zip(em["claimHeadline"], em["articleHeadline"],
                                             em["articleHeadlineStance"], em["claimId"])]
    bodies = pd.read_csv(os.path.join(d, FNC1_BODIES_CSV), dtype={"Body ID": int}, keep_default_na=False)
    texts = dict(zip(bodies["Body ID"], bodies["articleBody"]))
    st = pd.read_csv(os.path.join(d, "stance/fnc1/train_stances.related.derived.csv"),
                     dtype={"Body ID": int}, keep_default_na=False)
    rows = list(zip(st["Headline"], st["Body ID"], st["Stance"]))
    comp = _components((f"h:{h}", f"b:{b}") for h, b, _ in rows)
    by_split: dict[str, list[StanceItem]] = {s: [] for s in SPLITS}
    for h, b, s in rows:
        story = comp[f"b:{b}"]
        sp = story_split(story)
        by_split[sp].append(StanceItem("fnc1", story, sp, h, texts[b], STANCE_OF[s]))
    for lst in by_split.values():
        if fnc1_limit is not None and len(lst) > fnc1_limit:
            lst = random.Random(seed).sample(lst, fnc1_limit)
        items.extend(lst)
    return [it for it in items if split is None or it.split == split]


def score_stance(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 and per-stance F1 over supports / denies / reports."""
    from sklearn.metrics import accuracy_score, f1_score

    labels = ["supports", "denies", "reports"]
    per = f1_score(gold, predicted, labels=labels, average=None, zero_division=0)
    return {"n": len(gold), "accuracy": float(accuracy_score(gold, predicted)),
            "macro_f1": float(f1_score(gold, predicted, labels=labels, average="macro", zero_division=0)),
            **{f"{lab}_f1": float(f) for lab, f in zip(labels, per)}}


STANCE_CHUNK = 64        # items verified per batch between cache writes


def stance_readings(items: Sequence[StanceItem], model, *, cache_path: str | None = None,
                    show_progress_bar: bool = True) -> list[dict[str, Any]]:
    """``verify`` every item without a stance classifier: per item the stance features
    and the plain NLI label. Readings are cached in ``cache_path`` (JSON lines keyed by the
    model's fingerprint and the texts), appended as batches finish, so a stopped run
    resumes where it stopped and a refit costs no NLI."""
    from tqdm.auto import tqdm

    from ..claims.extract import analyze_documents
    from ..claims.types import Document
    from ..verify.document import verify_many

    fp = getattr(model, "fingerprint", "")

    def key(it: StanceItem) -> str:
        return hashlib.sha1(f"{fp}\0{it.claim}\0{it.document}".encode()).hexdigest()

    cache: dict[str, dict[str, Any]] = {}
    if cache_path and os.path.exists(cache_path):
        with open(cache_path, encoding="utf-8") as fh:
            for line in fh:
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:      # a line cut by a crash: score it again
                    continue
                cache[row["key"]] = row
    todo = [it for it in items if key(it) not in cache]
    bar = tqdm(total=len(todo), desc="verifying", unit="item", disable=not show_progress_bar or not todo)
    for start in range(0, len(todo), STANCE_CHUNK):
        chunk = todo[start:start + STANCE_CHUNK]
        # FNC-1 bodies come with several headlines: each distinct text is analysed once
        texts = list(dict.fromkeys(it.document for it in chunk))
        analysed = dict(zip(texts, analyze_documents([Document(f"d{i}", t) for i, t in enumerate(texts)])))
        verdicts = verify_many([(it.claim, it.document) for it in chunk], model, stance_model=None,
                               analyses=[analysed[it.document] for it in chunk])
        rows = [{"key": key(it), "features": v.features, "nli_stance": v.nli_stance,
                 "denials": len(v.denials)} for it, v in zip(chunk, verdicts)]
        for r in rows:
            cache[r["key"]] = r
        if cache_path:
            os.makedirs(os.path.dirname(os.path.abspath(cache_path)), exist_ok=True)
            with open(cache_path, "a", encoding="utf-8") as fh:
                fh.writelines(json.dumps(r) + "\n" for r in rows)
        bar.update(len(chunk))
    bar.close()
    return [cache[key(it)] for it in items]


# FNC-1 related pairs verified per split (bodies are long: about a second each on 2 cores).
FNC1_PER_SPLIT = 700


def evaluate_realnews(model=None, *, data_dir: str | None = None, fit_stance: str | None = None,
                      stance_model: Any = None, fnc1_per_split: int = FNC1_PER_SPLIT, seed: int = 0,
                      cache_path: str | None = None, stance: bool = True) -> dict[str, Any]:
    """Every real-news figure: extraction on both halves, and stance on the ``report`` half
    (Emergent and FNC-1, the plain NLI label beside the stance classifier).

    ``fit_stance``: fit a :class:`~claimbench.verify.stance.StanceClassifier` on the
    ``tune`` half's readings and save it there (else ``stance_model``, else the shipped one).
    """
    from ..claims.extract import analyze_documents
    from ..claims.types import Document
    from ..metrics import ExpectedCalibrationError

    out: dict[str, Any] = {"extraction": {}}
    for split in SPLITS:
        hs = load_headlines(data_dir, split=split)
        res = score_headlines(hs, analyze_documents([Document(f"h{h.row}", h.text) for h in hs]))
        res.pop("missed_rows")
        bs = load_bodies(data_dir, split=split)
        out["extraction"][split] = {
            "headlines": res,
            "bodies": score_bodies(bs, analyze_documents([Document(f"b{b.body_id}", b.text) for b in bs]))}
    if not stance:
        return out
    from ..models.loading import as_model
    from ..verify.stance import StanceClassifier, feature_matrix

    model = as_model(model)
    items = load_stance_items(data_dir, fnc1_limit=fnc1_per_split, seed=seed)
    rows = stance_readings(items, model, cache_path=cache_path)
    tune = [(it, r) for it, r in zip(items, rows) if it.split == "tune"]
    report = [(it, r) for it, r in zip(items, rows) if it.split == "report"]
    if fit_stance:
        stance_model = StanceClassifier.fit(
            feature_matrix([r["features"] for _, r in tune]), [it.stance for it, _ in tune],
            model=getattr(model, "name", None), fingerprint=getattr(model, "fingerprint", None),
            data="Emergent train + FNC-1 train related pairs, tune half of the stories "
                 f"(FNC-1: {fnc1_per_split} sampled, seed {seed})")
        stance_model.save(fit_stance)
    elif stance_model is None:
        stance_model = StanceClassifier.default()
    out["stance"] = {"model": getattr(model, "name", None), "fnc1_per_split": fnc1_per_split,
                     "tune_items": len(tune), "report_items": len(report)}
    for ds in ("emergent", "fnc1"):
        part = [(it, r) for it, r in report if it.dataset == ds]
        gold = [it.stance for it, _ in part]
        res = {"nli_baseline": score_stance(gold, [r["nli_stance"] for _, r in part])}
        if stance_model is not None and part:
            X = feature_matrix([r["features"] for _, r in part])
            probs = stance_model.predict_proba(X)
            res["stance_model"] = score_stance(gold, [stance_model.classes[i] for i in probs.argmax(1)])
            refs = np.array([stance_model.classes.index(g) for g in gold])
            res["stance_model"]["ece"] = ExpectedCalibrationError(n_bins=15).compute(
                references=refs, probs=probs)["ece"]
        out["stance"][ds] = res
    return out
