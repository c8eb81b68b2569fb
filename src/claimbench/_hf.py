"""Small helpers around Hugging Face libraries, shared by every stage."""

from __future__ import annotations

import contextlib


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
