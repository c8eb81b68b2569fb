"""The stages depend one way: claims -> models -> verify -> eval -> cli.

Each module of a stage may import its own stage, an earlier one, or the stage-neutral
top-level modules (``errors``, ``io``, ``_hf``, ``_data``, ``defaults``, ``metrics``);
never a later stage. Checked on the source (every ``from ..X`` / ``claimbench.X``
import, including the lazy ones inside functions) and, for the claims stage, on a live
interpreter: the claims stage never imports torch.
"""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys

import pytest

pytestmark = pytest.mark.unit

SRC = pathlib.Path(__file__).resolve().parents[1] / "src" / "claimbench"
ORDER = ["claims", "models", "verify", "eval", "_api", "cli"]     # _api: the notebook API (top level)
NEUTRAL = {"errors", "io", "_hf", "_data", "defaults", "metrics", "__init__"}


def _imported_stages(path: pathlib.Path) -> set[str]:
    stage_depth = len(path.relative_to(SRC).parts) - 1      # 1 inside a stage package
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0 and (node.module or "").startswith("claimbench."):
                out.add(node.module.split(".")[1])
            elif node.level > stage_depth and node.module:
                out.add(node.module.split(".")[0])
            elif node.level > stage_depth:
                out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name.split(".")[1] for a in node.names if a.name.startswith("claimbench."))
    return out


@pytest.mark.parametrize("stage", ["claims", "models", "verify", "eval"])
def test_no_stage_imports_a_later_one(stage):
    later = set(ORDER[ORDER.index(stage) + 1:])
    bad = {}
    for path in sorted((SRC / stage).rglob("*.py")):
        wrong = _imported_stages(path) & later
        if wrong:
            bad[str(path.relative_to(SRC))] = sorted(wrong)
    assert not bad, f"imports of later stages: {bad}"


def test_stage_neutral_modules_import_no_stage():
    for name in NEUTRAL - {"__init__"}:
        path = SRC / f"{name}.py"
        assert not _imported_stages(path) & set(ORDER), name


def test_the_claims_stage_does_not_import_torch():
    """Importing every claims module loads no torch. (Running spaCy does: thinc, spaCy's
    machine-learning library, imports torch when it is installed; the claims stage's
    own code never does, checked on the source below.)"""
    code = ("import sys, importlib, pkgutil, claimbench.claims as c\n"
            "for m in pkgutil.iter_modules(c.__path__): importlib.import_module('claimbench.claims.' + m.name)\n"
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stderr
    for path in sorted((SRC / "claims").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0] in ("torch", "transformers") for n in names), path.name


def test_import_claimbench_and_help_stay_light():
    code = ("import sys, claimbench, claimbench.cli\n"
            "claimbench.cli.build_parser()\n"
            "print(sorted(m for m in ('torch', 'transformers', 'spacy', 'sklearn') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stderr
