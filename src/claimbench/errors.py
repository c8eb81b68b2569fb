"""Errors that reach the user as one line: what is wrong, in which file, on which line."""

from __future__ import annotations


class ClaimbenchError(Exception):
    """Base class of the errors the command line prints as a single line (exit status 2)."""


class InputError(ClaimbenchError, ValueError):
    """Bad input data, located by file, line and (optionally) field.

    >>> str(InputError("missing field 'premise'", path="pairs.jsonl", line=3))
    "pairs.jsonl:3: missing field 'premise'"
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 field: str | None = None):
        self.path, self.line, self.field, self.reason = path, line, field, message
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)


class LabelSchemeError(ClaimbenchError, ValueError):
    """A model's labels cannot be mapped to entailment / neutral / contradiction."""


class ModelLoadError(ClaimbenchError, RuntimeError):
    """A model cannot be loaded (missing files, unsafe format refused, ...)."""
