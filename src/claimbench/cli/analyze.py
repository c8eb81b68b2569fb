"""``claimbench analyze``, ``claimbench verify`` and ``claimbench eval-extraction``."""

from __future__ import annotations

import argparse
import json
import sys

from ..defaults import CROSS_TOP_K, MAX_CHARS, TOP_K, TUNE_DOCS
from .common import add_engine_options, add_model_options, load_model

# Progress bars (on a terminal only) from this many inputs on: fewer finish before a bar helps.
PROGRESS_FROM_DOCS = 20
PROGRESS_FROM_VERIFY_ITEMS = 50


def _add_pairing_options(p, *, no_model_help: str) -> None:
    """Candidate counts, --no-model and the model options: shared by analyze and eval-extraction."""
    p.add_argument("--top-k", type=int, default=TOP_K, metavar="K",
                   help=f"candidate claims per denial within its document ({TOP_K})")
    p.add_argument("--cross-top-k", type=int, default=CROSS_TOP_K, metavar="K",
                   help=f"candidate claims per denial from other documents ({CROSS_TOP_K})")
    p.add_argument("--no-model", action="store_true", help=no_model_help)
    p.add_argument("--pairing", metavar="FILE",
                   help="pair classifier (JSON) that labels the scored pairs; default: the one "
                        "shipped with the default model (eval-extraction --fit-pairing makes one)")
    add_model_options(p)


def _add_max_chars(p) -> None:
    p.add_argument("--max-chars", type=int, default=MAX_CHARS, metavar="N",
                   help=f"refuse documents longer than N characters ({MAX_CHARS:,}, spaCy's default "
                        "max_length; analysis time grows with length; 0 for no limit)")


def register(sub) -> None:
    p = sub.add_parser("analyze", help="extract claims, attributions and denials; pair and verify them",
                       description="Analyse news articles (plain text files, or a .jsonl corpus with "
                                   "`id` and `text`): claims, attributions, denials, candidate "
                                   "claim/denial pairs in and across documents, each scored with the "
                                   "NLI model. JSON output is described by claims/analysis.schema.json.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=("json", "table"), default="json")
    p.add_argument("--out", default="-", metavar="FILE", help="output file (default stdout)")
    _add_pairing_options(p, no_model_help="extract and pair only; pairs get no label")
    p.add_argument("--score-all", action="store_true",
                   help="score and list every candidate pair in both directions; by default only "
                        "the candidates the pair classifier could call a contradiction are scored "
                        "(the others are neutral whatever the model says) and listed")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="processes that parse and extract (default: one per CPU core from 128 "
                        "documents on, else 1)")
    add_engine_options(p)
    _add_max_chars(p)
    p.set_defaults(handler=cmd_analyze)

    p = sub.add_parser("verify", help="check a claim against a document (stance and evidence)",
                       description="Check one claim against a document, or a batch of JSON lines "
                                   "with `id`, `claim` and `document` (text): label, probs, score, "
                                   "stance (supports/denies/reports/unrelated) and evidence sentences.")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--claim", metavar="TEXT", help="the claim to check (with --document)")
    g.add_argument("--batch", metavar="IN.jsonl", help="JSON lines with id, claim, document")
    p.add_argument("--document", metavar="FILE", help="the document (text file; - for stdin)")
    p.add_argument("--out", default="-", metavar="FILE", help="output file (default stdout)")
    _add_max_chars(p)
    add_model_options(p)
    p.set_defaults(handler=cmd_verify)

    p = sub.add_parser("eval-extraction", help="score extraction and pairing against the gold corpus",
                       description="Claim P/R/F1 (one-to-one span match, overlap >= half of both "
                                   "spans), source accuracy, denial P/R/F1 and pair P/R/F1 against "
                                   "claims/gold.")
    p.add_argument("--gold-dir", metavar="DIR", help="gold annotations (default: the bundled claims/gold)")
    p.add_argument("--articles", metavar="DIR", help="their articles (default: the bundled claims/articles)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--tune-docs", type=int, default=TUNE_DOCS, metavar="N",
                   help="the first N gold documents in sorted order are the tuning split, the "
                        f"rest held out ({TUNE_DOCS}); scores are reported for both and overall")
    p.add_argument("--fit-pairing", metavar="OUT.json",
                   help="fit the pair classifier on the tuning split's gold pairs, write it here "
                        "and score with it")
    _add_pairing_options(p, no_model_help="score extraction only (no pair labels)")
    p.set_defaults(handler=cmd_eval_extraction)


def _check_k(args: argparse.Namespace) -> None:
    from ..errors import InputError

    for name in ("top_k", "cross_top_k"):
        v = getattr(args, name)
        if v is not None and v < 0:
            raise InputError(f"--{name.replace('_', '-')} must be >= 0, got {v}")


def _pairing(args: argparse.Namespace):
    from ..verify.pairclf import PairClassifier

    return PairClassifier.load(args.pairing) if args.pairing else None


def cmd_analyze(args: argparse.Namespace) -> int:
    from ..claims.documents import load_documents
    from ..claims.extract import analyze_documents, default_workers
    from ..errors import InputError
    from ..io import atomic_writer
    from ..verify.corpus import verify_corpus

    _check_k(args)
    _check_max_chars(args)
    if args.workers is not None and args.workers < 1:
        raise InputError(f"--workers must be >= 1, got {args.workers}")
    docs = load_documents(args.files, max_chars=args.max_chars)
    pairing = _pairing(args)
    progress = sys.stderr.isatty() and len(docs) > PROGRESS_FROM_DOCS
    # Extraction first, the model after: the parsing processes do not add up with the
    # model's memory (claimbench analyze's peak, benchmarks/bench_analyze.py).
    analyses = analyze_documents(docs, workers=args.workers or default_workers(len(docs)),
                                 show_progress_bar=progress)
    model = None if args.no_model else load_model(args)
    result = verify_corpus(analyses, model, top_k=args.top_k, cross_top_k=args.cross_top_k,
                           pairing=pairing, score_all=args.score_all, show_progress_bar=progress)
    with atomic_writer(args.out) as fh:
        if args.format == "json":
            result.write_json(fh)
        else:
            _print_tables(result.to_dict(), fh)
    return 0


def _print_tables(data: dict, fh) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=fh, width=160)
    for doc in data["documents"]:
        t = Table(title=f"{doc['id']}: claims", show_lines=False)
        for col in ("id", "type", "source", "text"):
            t.add_column(col, overflow="fold")
        for c in doc["claims"]:
            t.add_row(c["id"], c["type"], c["source"] or "(article)", c["text"])
        console.print(t)
        if doc["denials"]:
            t = Table(title=f"{doc['id']}: denials")
            for col in ("id", "denier", "cue", "denied"):
                t.add_column(col, overflow="fold")
            for d in doc["denials"]:
                t.add_row(d["id"], d["denier"] or "", d["cue"] or "", d["denied"])
            console.print(t)
        pairs = [p for p in doc["pairs"]] + [p for p in data["cross_document_pairs"]
                                             if p["denial_doc"] == doc["id"]]
        if pairs:
            t = Table(title=f"{doc['id']}: claim/denial pairs")
            # The label comes from the pair classifier (its score), which weighs the NLI
            # reading against the pairing features, so both are shown.
            for col in ("denial", "claim", "rank", "score", "label", "NLI p(contr.)", "claim text"):
                t.add_column(col, overflow="fold")
            for p in pairs:
                claim = f"{p['claim_doc']}:{p['claim_id']}" if "claim_doc" in p else p["claim_id"]
                # the raw reading of both directions (probs are the classifier's: score)
                combined = (p.get("nli") or {}).get("combined")
                pc = f"{combined['contradiction']:.2f}" if combined else "-"
                score = f"{p['score']:.2f}" if p.get("score") is not None else "-"
                t.add_row(p["denial_id"], claim, str(p.get("rank", "-")), score, p["label"] or "-", pc,
                          p["premise"])
            console.print(t)


def _check_max_chars(args: argparse.Namespace) -> None:
    from ..errors import InputError

    if args.max_chars < 0:
        raise InputError(f"--max-chars must be >= 0, got {args.max_chars}")


def cmd_verify(args: argparse.Namespace) -> int:
    from ..claims.documents import check_document
    from ..errors import InputError
    from ..io import atomic_writer, read_jsonl, read_text, strip_line_numbers
    from ..verify.document import verify_many

    _check_max_chars(args)
    if args.claim is not None:
        if not args.document:
            raise InputError("--claim needs --document FILE")
        if not args.claim.strip():
            raise InputError("--claim is empty")
        text = read_text(args.document)
        check_document(text, max_chars=args.max_chars, path=args.document)
        model = load_model(args)
        verdict = verify_many([(args.claim, text)], model)[0]
        with atomic_writer(args.out) as fh:
            fh.write(json.dumps(verdict.to_dict(), ensure_ascii=False) + "\n")
        return 0
    if args.document:
        raise InputError("--document is for --claim; --batch lines carry their own document")
    rows = read_jsonl(args.batch, required=("claim", "document"))
    for r in rows:
        if not r["claim"].strip():
            raise InputError("field 'claim' is empty", path=args.batch, line=r["__line__"], field="claim")
        check_document(r["document"], max_chars=args.max_chars, path=args.batch, line=r["__line__"],
                       what="field 'document'")
    model = load_model(args)
    verdicts = verify_many([(r["claim"], r["document"]) for r in rows], model,
                           show_progress_bar=sys.stderr.isatty() and len(rows) > PROGRESS_FROM_VERIFY_ITEMS)
    with atomic_writer(args.out) as fh:
        for r, v in zip(rows, verdicts):
            row = strip_line_numbers(r)
            out = {"id": row.get("id"), **v.to_dict()}
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 0


def cmd_eval_extraction(args: argparse.Namespace) -> int:
    from ..eval.extraction import evaluate_extraction

    _check_k(args)
    model = None if args.no_model else load_model(args)
    run = evaluate_extraction(args.gold_dir, args.articles, model, tune_docs=args.tune_docs,
                              pairing=_pairing(args), fit_pairing=bool(args.fit_pairing),
                              top_k=args.top_k, cross_top_k=args.cross_top_k)
    if run.classifier is not None:
        run.classifier.save(args.fit_pairing)
    scores = run.scores
    if args.format == "json":
        print(json.dumps(scores, indent=1))
        return 0
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"extraction vs gold ({scores['documents']} documents; {scores['matching']})")
    for col in ("metric", "precision", "recall", "F1 / accuracy", "tp / predicted / gold"):
        t.add_column(col)
    for key, name in (("claims", "claims"), ("denials", "denials"), ("pairs", "pairs (same document)"),
                      ("cross_document_pairs", "pairs (across documents)")):
        s = scores[key]
        t.add_row(name, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
                  f"{s['tp']} / {s['predicted']} / {s['gold']}")
    for key, name in (("source_accuracy", "source attribution accuracy"),
                      ("source_type_accuracy", "source type accuracy"),
                      ("denier_accuracy", "denier accuracy"),
                      ("denied_token_f1", "denied proposition token F1")):
        t.add_row(name, "", "", f"{scores[key]:.3f}", "")
    nd = scores["non_denials_flagged"]
    t.add_row("non-denials flagged as denials", "", "", "", f"{nd['flagged']} / {nd['total']}")
    for name, split in scores["splits"].items():
        for key, what in (("pairs", "same document"), ("cross_document_pairs", "across documents")):
            s = split[key]
            t.add_row(f"pairs ({what}), {name} split ({split['documents']} docs)", f"{s['precision']:.3f}",
                      f"{s['recall']:.3f}", f"{s['f1']:.3f}", f"{s['tp']} / {s['predicted']} / {s['gold']}")
    Console().print(t)
    return 0
