"""Corpus analysis at scale: ``claimbench analyze`` on 100, 300 and 1,000 generated news
articles (~600 words each): wall time, NLI pairs scored, peak RSS, per-article slope.

    python benchmarks/bench_analyze.py [--sizes 100 300 1000] [--cores 2] [--precision bf16]
        [--profile 50] [--quick] [--json OUT.json]

Articles come from ``benchmarks/newsgen.py`` (seeded: the same corpus every run). Each
size is one whole ``claimbench analyze corpus.jsonl --out result.json`` process pinned to
``--cores`` CPUs, timed from start to exit; peak RSS is that of its process tree. NLI
readings are counted from the output's ``settings.nli_readings`` (the cascade scores a
candidate only while its reading can still change its label, ``verify.corpus.nli_cascade``).

Linearity: the per-article cost between consecutive sizes (marginal seconds per
article) should stay flat; a rising slope means some stage grows faster than the corpus.
``--profile N`` then profiles ``analyze_corpus`` in this process on N articles: the time
of each stage (spaCy parse + extraction rules, pairing with sentence embeddings, NLI
scoring, JSON output), and, when pyinstrument is installed (``pip install pyinstrument``),
its call tree. Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import newsgen  # noqa: E402

from _common import (  # noqa: E402
    Report,
    add_standard_options,
    claimbench_cmd,
    limit_cores,
    machine,
    print_machine,
    run_process,
)

TARGET_SECONDS_1000 = 300.0
TARGET_RSS_MB = 1536.0
TARGET_SLOPE_GROWTH = 1.25     # marginal s/article of the largest step vs the smallest


def write_corpus(path: str, n: int, seed: int) -> int:
    """Write ``n`` articles; return their word count."""
    docs = newsgen.generate(n, seed=seed)
    with open(path, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    return sum(len(d["text"].split()) for d in docs)


def count_output(path: str) -> dict:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    docs = data["documents"]
    same = sum(len(d["pairs"]) for d in docs)
    cross = len(data["cross_document_pairs"])
    readings = data["settings"]["nli_readings"]
    return {"claims": sum(len(d["claims"]) for d in docs), "denials": sum(len(d["denials"]) for d in docs),
            "candidates": readings["candidates"], "pairs": same + cross, "cross_pairs": cross,
            "nli_calls": readings["forward"] + readings["backward"]}


def profile_stages(n: int, seed: int, precision: str, tree: bool) -> None:
    """Time each stage of ``analyze_corpus`` on ``n`` articles here; pyinstrument's tree too."""
    from claimbench.claims.extract import analyze_documents, default_workers
    from claimbench.claims.nlp import load_nlp
    from claimbench.claims.types import Document
    from claimbench.models import NLIModel
    from claimbench.verify.corpus import analyze_corpus, nli_cascade
    from claimbench.verify.pairclf import PairClassifier
    from claimbench.verify.pairing import SentenceEncoder, find_pairs

    docs = [Document(d["id"], d["text"]) for d in newsgen.generate(n, seed=seed)]
    t = time.perf_counter()
    load_nlp()
    encoder = SentenceEncoder.default()
    model = NLIModel(precision=precision)
    loads = time.perf_counter() - t
    stages = []
    t = time.perf_counter()
    workers = default_workers(len(docs))
    analyses = analyze_documents(docs, workers=workers)
    stages.append((f"spaCy parse + extraction rules ({workers} processes)", time.perf_counter() - t))
    # find_pairs embeds every claim and denied proposition in one encode call, then ranks;
    # the two are timed apart by encoding first and handing find_pairs those vectors.
    texts = [c.standalone or c.text for a in analyses for c in a.claims] + \
        [d.denied for a in analyses for d in a.denials]
    t = time.perf_counter()
    enc_precision = "bf16" if precision == "bf16" else "fp32"
    vecs = encoder.encode(texts, precision=enc_precision)
    stages.append((f"pairing: sentence embeddings ({len(texts)} texts)", time.perf_counter() - t))

    class Encoded:
        def encode(self, asked, precision):
            return vecs if list(asked) == texts else encoder.encode(asked, precision=precision)

    t = time.perf_counter()
    pairs = find_pairs(analyses, encoder=Encoded(), precision=enc_precision)
    stages.append(("pairing: candidate ranking (find_pairs)", time.perf_counter() - t))
    t = time.perf_counter()
    _, readings = nli_cascade(pairs, model, PairClassifier.default())
    stages.append((f"NLI scoring ({readings['forward'] + readings['backward']} readings, "
                   f"{len(pairs)} candidates)", time.perf_counter() - t))
    # The whole analysis as the command runs it (JSON included), under pyinstrument when
    # installed: the call tree says which functions inside each stage take the time.
    try:
        from pyinstrument import Profiler
        profiler = Profiler(interval=0.005) if tree else None
    except ImportError:
        profiler = None
        if tree:
            print("(pip install pyinstrument for the call tree)")
    if profiler:
        profiler.start()
    result = analyze_corpus(docs, model, encoder=encoder, workers=workers)
    t = time.perf_counter()
    result.write_json(io.StringIO())
    stages.append(("JSON output", time.perf_counter() - t))
    if profiler:
        profiler.stop()
    total = sum(s for _, s in stages)
    print(f"\nstages on {n} articles ({len(pairs)} pairs; loading spaCy, encoder and NLI model "
          f"first took {loads:.1f} s):")
    for name, s in stages:
        print(f"  {name:<44}{s:8.2f} s  {s / total:6.1%}")
    if not profiler:
        return
    print(profiler.output_text(unicode=False, color=False, show_all=False, short_mode=False))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    ap.add_argument("--precision", default="bf16",
                    help="analyze --precision (bf16: the setting for large corpora; it costs no "
                         "accuracy here, README 'Performance')")
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="also profile analyze_corpus on N articles in this process")
    ap.add_argument("--no-tree", action="store_true", help="with --profile: stage times only")
    add_standard_options(ap, quick="sizes 5 10 20")
    args = ap.parse_args(argv)
    if args.quick:
        args.sizes = [5, 10, 20]
    sizes = sorted(args.sizes)
    limit_cores(args.cores)
    info = machine(None)
    info["cores_used"] = args.cores
    print_machine(info)
    report = Report("bench_analyze", info)
    work = tempfile.mkdtemp(prefix="claimbench-bench-analyze-")
    rows = []
    try:
        for n in sizes:
            corpus = os.path.join(work, f"news-{n}.jsonl")
            words = write_corpus(corpus, n, args.seed)
            out = os.path.join(work, f"result-{n}.json")
            run = run_process(claimbench_cmd("analyze", corpus, "--out", out, "--precision", args.precision),
                              cores=args.cores).check()
            counts = count_output(out)
            rows.append((n, run, counts))
            print(f"{n:>6} articles ({words / n:.0f} words each): {run.wall_s:7.1f} s, "
                  f"{run.wall_s / n:.3f} s/article, peak RSS {run.peak_rss_mb:6.0f} MB; "
                  f"{counts['claims']} claims, {counts['denials']} denials, {counts['candidates']} candidates, "
                  f"{counts['nli_calls']} NLI readings; {counts['pairs']} pairs listed "
                  f"({counts['cross_pairs']} across documents)",
                  flush=True)
            os.unlink(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    for n, run, counts in rows:
        report.add(f"analyze: {n} articles, wall time", run.wall_s, "s",
                   f"<= {TARGET_SECONDS_1000:.0f} s" if n == 1000 else "",
                   run.wall_s <= TARGET_SECONDS_1000 if n == 1000 else None)
        report.add(f"analyze: {n} articles, NLI pairs scored", counts["nli_calls"], "",
                   note=f"{counts['nli_calls'] / n:.1f} per article")
        report.add(f"analyze: {n} articles, peak RSS", run.peak_rss_mb, "MB",
                   f"<= {TARGET_RSS_MB:.0f} MB", run.peak_rss_mb <= TARGET_RSS_MB)
    if len(rows) >= 3:
        # Marginal cost between consecutive sizes: start-up (imports, model loads) cancels out.
        slopes = [(b[1].wall_s - a[1].wall_s) / (b[0] - a[0]) for a, b in zip(rows, rows[1:])]
        pair_rates = [c["nli_calls"] / n for n, _, c in rows]
        growth = slopes[-1] / slopes[0] if slopes[0] > 0 else float("inf")
        pair_growth = pair_rates[-1] / pair_rates[0] if pair_rates[0] else float("inf")
        print("marginal s/article between sizes: " + ", ".join(
            f"{a[0]}->{b[0]}: {s:.3f}" for (a, b, s) in zip(rows, rows[1:], slopes)))
        report.add("analyze: marginal s/article, last step / first step", growth, "x",
                   f"<= {TARGET_SLOPE_GROWTH:g}x (linear)", growth <= TARGET_SLOPE_GROWTH,
                   ", ".join(f"{s:.3f}" for s in slopes) + " s/article")
        report.add("analyze: NLI pairs per article, largest / smallest corpus", pair_growth, "x",
                   f"<= {TARGET_SLOPE_GROWTH:g}x (linear)", pair_growth <= TARGET_SLOPE_GROWTH)
    if args.profile:
        import torch
        torch.set_num_threads(args.cores)
        profile_stages(args.profile, args.seed, args.precision, tree=not args.no_tree)
    report.finish(args.json)


if __name__ == "__main__":
    main()
