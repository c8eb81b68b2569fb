"""Which numeric precision to run a model in: ``auto`` picks bf16 only where it is native.

bf16 autocast is fast on CPUs with native bf16 instructions (AVX512-BF16 or AMX) and
many times *slower* on CPUs without them, where torch emulates it: one training step
of 32 pairs took 13 s in bf16 against 0.48 s in fp32 on a host with no AVX-512. So
``auto`` (the default of ``score``, ``eval``, ``analyze``, ``verify`` and ``train``)
reads the CPU flags and chooses; ``fp32`` and ``bf16`` force a choice.
"""

from __future__ import annotations

import functools

# /proc/cpuinfo flags that mean the CPU computes bf16 natively.
NATIVE_BF16_FLAGS = ("avx512_bf16", "amx_bf16")


@functools.cache
def cpu_flags() -> frozenset[str]:
    """The CPU's feature flags (Linux ``/proc/cpuinfo``; empty where it cannot be read)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("flags"):
                    return frozenset(line.split(":", 1)[1].split())
    except OSError:
        pass
    return frozenset()


def native_bf16_flags() -> list[str]:
    """The flags among :data:`NATIVE_BF16_FLAGS` this CPU has (what benchmarks print)."""
    return [f for f in NATIVE_BF16_FLAGS if f in cpu_flags()]


def resolve_precision(precision: str, device_type: str = "cpu") -> str:
    """``auto`` -> ``bf16`` where bf16 is native (CPU flags, or a CUDA GPU that supports it),
    else ``fp32``; any other value is returned unchanged.

    >>> resolve_precision("fp32")
    'fp32'
    >>> resolve_precision("auto") in ("bf16", "fp32")
    True
    """
    if precision != "auto":
        return precision
    if device_type == "cuda":
        import torch

        return "bf16" if torch.cuda.is_bf16_supported() else "fp32"
    return "bf16" if native_bf16_flags() else "fp32"
