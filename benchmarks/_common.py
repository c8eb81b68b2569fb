"""What the benchmark scripts share: the machine's description, figures and their table,
whole processes timed with their peak memory, a core budget, and the mixed-length NLI pairs.

Every ``bench_*.py`` script prints the machine it ran on, then its figures; with
``--json FILE`` it also writes them there, which is how ``run_all.py`` collects one
table. A figure says its target and whether it met it: targets are checked here, by
scripts that print numbers, never by timed assertions in the tests.

Core budget: the issue's figures are for 2 cores. ``limit_cores(n)`` pins this process
to ``n`` of the CPUs it may use and sets torch's intra-op threads to ``n`` (one thread
per core: more threads than cores only adds context switches to matmuls that already
fill a core each); child processes get the same pinning and ``OMP_NUM_THREADS`` /
``MKL_NUM_THREADS`` = ``n`` through :func:`core_env` and :func:`run_process`.
"""

from __future__ import annotations

import json
import os
import platform
import random
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Offline, like the Makefile and the tests: a benchmark must never wait on the network.
OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1",
           "TOKENIZERS_PARALLELISM": "false"}
for _k, _v in OFFLINE.items():
    os.environ.setdefault(_k, _v)


# --------------------------------------------------------------------------- machine
def add_standard_options(ap, *, quick: str, seed: bool = True) -> None:
    """The options every benchmark script takes: --cores, --seed, --quick, --json."""
    ap.add_argument("--cores", type=int, default=2, help="CPUs and threads for every side (2)")
    if seed:
        ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--quick", action="store_true", help=f"{quick}, a smoke check")
    ap.add_argument("--json", metavar="OUT", help="also write the figures here")


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (the platform's name elsewhere)."""
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def cpu_flags() -> list[str]:
    """The matrix-math extensions this CPU advertises (what bf16 and int8 speed rests on)."""
    wanted = ("avx2", "avx512f", "avx512_bf16", "avx512_vnni", "avx_vnni", "amx_bf16", "amx_int8")
    try:
        with open("/proc/cpuinfo") as fh:
            flags = next((line.split(":", 1)[1].split() for line in fh if line.startswith("flags")), [])
    except OSError:
        return []
    return [f for f in wanted if f in flags]


def machine(cores: int | None = None) -> dict:
    """CPU model, cores, load, torch version and threads: recorded with every figure."""
    info = {"cpu": cpu_model(), "cpu_flags": cpu_flags(), "cores": os.cpu_count(),
            "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
            "cores_used": cores, "load_average": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version()}
    if "torch" in sys.modules or cores is not None:
        import torch
        info.update(torch=torch.__version__, torch_threads=torch.get_num_threads(),
                    cpu_capability=torch.backends.cpu.get_cpu_capability())
    return info


def print_machine(info: dict) -> None:
    torch_part = (f"; torch {info['torch']} ({info['torch_threads']} threads, "
                  f"{info['cpu_capability']})" if "torch" in info else "")
    print(f"machine: {info['cpu']} [{' '.join(info['cpu_flags'])}], {info['cores']} cores "
          f"({info['cores_usable']} usable, {info['cores_used'] or 'all'} used), load average "
          f"{', '.join(f'{x:.1f}' for x in info['load_average'])}{torch_part}")
    if info["load_average"][0] > (info["cores_used"] or info["cores"] or 1) * 0.5:
        print("warning: the machine is busy (load average above half the cores used): "
              "timings are not representative")


def limit_cores(n: int | None) -> list[int] | None:
    """Pin this process to ``n`` usable CPUs and torch to ``n`` threads; return the CPUs."""
    if not n:
        return None
    cpus = sorted(os.sched_getaffinity(0))[:n]
    if len(cpus) < n:
        print(f"warning: asked for {n} cores, only {len(cpus)} usable")
    os.sched_setaffinity(0, cpus)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(len(cpus))
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(len(cpus))
    return cpus


def core_env(n: int | None, extra: dict | None = None) -> dict:
    """The environment of a child process held to ``n`` threads (offline, like ours)."""
    env = dict(os.environ, **OFFLINE)
    if n:
        env.update(OMP_NUM_THREADS=str(n), MKL_NUM_THREADS=str(n))
    env.update(extra or {})
    return env


# --------------------------------------------------------------------------- processes
@dataclass
class ProcessRun:
    """A whole process: its wall time, peak memory (RSS of its tree) and exit status."""

    cmd: list[str]
    wall_s: float
    peak_rss_mb: float
    returncode: int
    stderr_tail: str = ""

    def check(self) -> "ProcessRun":
        if self.returncode != 0:
            raise RuntimeError(f"{' '.join(self.cmd)} exited {self.returncode}:\n{self.stderr_tail}")
        return self


def run_process(cmd: Sequence[str], *, cores: int | None = None, env: dict | None = None,
                stdout_path: str | None = None, poll_s: float = 0.05) -> ProcessRun:
    """Run ``cmd`` to completion, pinned to ``cores`` CPUs; time it and track its peak RSS.

    Peak RSS is the larger of two readings: the kernel's own high-water mark of the
    child (``ru_maxrss`` from ``wait4``, exact for a single process) and the sum over the
    process tree sampled every ``poll_s`` (catches worker processes, if any).
    """
    import psutil

    cpus = sorted(os.sched_getaffinity(0))[:cores] if cores else None
    preexec = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
    out = open(stdout_path, "w") if stdout_path else subprocess.DEVNULL
    err_path = f"{stdout_path or '/tmp/claimbench-bench'}.{os.getpid()}.stderr"
    err = open(err_path, "w+")
    peak = [0]
    done = threading.Event()
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, env=env or core_env(cores),
                            preexec_fn=preexec, cwd=ROOT)

    def sample():
        try:
            root = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not done.is_set():
            total = 0
            try:
                for p in [root, *root.children(recursive=True)]:
                    total += p.memory_info().rss
            except psutil.Error:
                pass
            peak[0] = max(peak[0], total)
            done.wait(poll_s)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if stdout_path:
        out.close()
    err.seek(0)
    tail = err.read()[-3000:]
    err.close()
    os.unlink(err_path)
    rss = max(peak[0], usage.ru_maxrss * 1024) / 2**20   # ru_maxrss is in KiB on Linux
    return ProcessRun(list(cmd), wall, rss, proc.returncode, tail)


def claimbench_cmd(*args: str) -> list[str]:
    """``claimbench ARGS`` run by this Python (the project's venv when run from it)."""
    return [sys.executable, "-m", "claimbench", *args]


# --------------------------------------------------------------------------- figures
@dataclass
class Figure:
    """One measured figure, its target and whether it met it (None: no target)."""

    name: str
    value: float | None
    unit: str = ""
    target: str = ""
    met: bool | None = None
    note: str = ""

    def shown(self) -> str:
        if self.value is None:
            return "n/a"
        v = self.value
        text = f"{v:,.0f}" if abs(v) >= 100 else f"{v:.3g}" if abs(v) < 1 else f"{v:.2f}"
        return f"{text} {self.unit}".strip()


@dataclass
class Report:
    """The figures of one script, with the machine they were measured on."""

    script: str
    machine: dict
    figures: list[Figure] = field(default_factory=list)

    def add(self, *args, **kwargs) -> Figure:
        f = Figure(*args, **kwargs)
        self.figures.append(f)
        return f

    def finish(self, json_path: str | None) -> None:
        """Print the figures as a table; write them to ``json_path`` when given."""
        print()
        print(format_table(self.figures))
        if json_path:
            with open(json_path, "w", encoding="utf-8") as fh:
                json.dump({"script": self.script, "machine": self.machine,
                           "figures": [asdict(f) for f in self.figures]}, fh, indent=1)


def met_mark(met: bool | None) -> str:
    return "" if met is None else "yes" if met else "**no**"


def format_table(figures: Sequence[Figure]) -> str:
    """A Markdown table: figure, value, target, met (and a note)."""
    rows = [("figure", "value", "target", "met?", "note")]
    rows += [(f.name, f.shown(), f.target, met_mark(f.met), f.note) for f in figures]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


# --------------------------------------------------------------------------- data
def mixed_pairs(n: int, seed: int = 0) -> list[dict]:
    """``n`` NLI pairs of mixed length: 40% MNLI dev, 40% SNLI dev, 20% ANLI R1-R3 dev.

    A seeded sample of each (``load_benchmark(..., limit, seed)``), shuffled with the
    same seed, so input order mixes short SNLI captions with long ANLI paragraphs (what
    makes input-order batching pad a lot). Read from ../shared/data, or the hub.
    """
    from claimbench.models import load_benchmark

    anli = n // 5
    parts = [("mnli", "dev", (n - anli) // 2), ("snli", "dev", n - anli - (n - anli) // 2)]
    parts += [(f"anli_r{r}", "dev", anli // 3 + (1 if r <= anli % 3 else 0)) for r in (1, 2, 3)]
    rows = []
    for name, split, k in parts:
        if k <= 0:
            continue
        ds = load_benchmark(name, split, limit=k, seed=seed)
        rows += [{"id": f"{name}-{i}", "premise": p, "hypothesis": h, "gold": g}
                 for i, (p, h, g) in enumerate(zip(ds["premise"], ds["hypothesis"], ds["label"]))]
    random.Random(seed).shuffle(rows)
    return rows


def quiet_datasets() -> None:
    """No ``datasets`` progress bars in benchmark output."""
    try:
        import datasets

        datasets.disable_progress_bars()
    except ImportError:
        pass
