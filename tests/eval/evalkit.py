"""Helpers for the evaluation tests: small labeled fixture files written into tmp_path.

The pairs are templated news claims and denials written for these tests (not taken
from shared data). The real fixtures in ``eval/fixtures`` are used where they exist.
"""

from __future__ import annotations

import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REAL_FIXTURES = os.path.join(ROOT, "eval", "fixtures")
REAL_SUITES = os.path.join(ROOT, "eval", "suites")

ACTORS = ["The ministry", "The harbour authority", "The mayor's office", "The central bank",
          "The army", "The airline", "The union", "The energy company"]
ACTS = [("sold drones to the rebels", "never sold any drones to the rebels"),
        ("raised interest rates in March", "did not raise interest rates in March"),
        ("closed the northern terminal", "kept the northern terminal open"),
        ("signed the contract with the supplier", "refused to sign the contract with the supplier"),
        ("paid the fine in full", "has not paid any part of the fine")]
OTHER = ["plans to hire 200 staff next year", "opened a new office in the capital",
         "was founded more than forty years ago"]


def make_rows(n: int, *, start: int = 0) -> list[dict]:
    """``n`` labeled pairs cycling through the three labels, two categories and both splits."""
    rows = []
    for i in range(start, start + n):
        actor, (act, denial) = ACTORS[i % len(ACTORS)], ACTS[(i // 3) % len(ACTS)]
        label = ("entailment", "neutral", "contradiction")[i % 3]
        premise = f"{actor} {denial if label == 'contradiction' else act}, a spokesperson said on day {i}."
        hypothesis = {"entailment": f"{actor} {act}.",
                      "neutral": f"{actor} {OTHER[i % len(OTHER)]}.",
                      "contradiction": f"{actor} {act}."}[label]
        rows.append({"id": f"t{i:04d}", "premise": premise, "hypothesis": hypothesis, "label": label,
                     "category": ("explicit_denial", "paraphrase")[(i // 3) % 2],
                     "source": "tests", "perturbation": "negation" if i % 7 == 0 else None,
                     "split": "dev" if i % 5 < 2 else "test", "doc_id": f"doc{i % 4}"})
    return rows


def write_jsonl(path, rows) -> str:
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write((r if isinstance(r, str) else json.dumps(r)) + "\n")
    return str(path)
