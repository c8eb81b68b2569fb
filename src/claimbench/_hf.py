"""Small helpers around Hugging Face libraries, shared by every stage."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence

# Concurrent CPU batches at most: more would multiply activation memory for large
# models for little gain; each stream gets torch's threads divided among them.
MAX_STREAMS = 4


@contextlib.contextmanager
def quiet_loading():
    """Hide transformers' per-tensor loading bar: a CLI user sees our progress, not its."""
    from transformers.utils import logging as hf_logging

    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


def run_batches(run: Callable[[int], None], starts: Sequence[int], *, device_type: str = "cpu") -> None:
    """Call ``run(start)`` for every batch start, in up to :data:`MAX_STREAMS` CPU streams.

    A small encoder's matmuls are too small to split well over torch's intra-op
    threads, while two batches at once keep two cores busy: on the CPU the batches
    run in ``min(MAX_STREAMS, threads)`` threads that share torch's threads between
    them (on 2 cores, two streams of one thread each). ``run`` must write its own
    results in place; which items share a batch is the caller's, so results do not
    depend on the streams. Other devices run the batches in order.
    """
    import torch

    threads = torch.get_num_threads()
    streams = min(MAX_STREAMS, threads, len(starts)) if device_type == "cpu" else 1
    try:
        if streams <= 1:
            for start in starts:
                run(start)
            return
        from concurrent.futures import ThreadPoolExecutor

        torch.set_num_threads(threads // streams)
        try:
            with ThreadPoolExecutor(streams, thread_name_prefix="batches") as pool:
                list(pool.map(run, starts))
        finally:
            torch.set_num_threads(threads)
    finally:
        if device_type == "cpu":
            release_memory()


def release_memory() -> None:
    """Hand memory that was freed back to the operating system (glibc only; else nothing).

    Batches of varying shapes, in several threads, leave glibc's heaps full of freed
    but unreturned blocks: on a 1,000-article ``analyze`` that was hundreds of MB of
    resident memory no object used. ``malloc_trim`` returns them; it takes milliseconds.
    """
    import ctypes
    import ctypes.util
    import sys

    if not sys.platform.startswith("linux"):
        return
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):           # musl and other libcs have no malloc_trim
        return
    trim(0)
