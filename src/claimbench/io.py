"""Reading JSON lines with precise errors, and writing files atomically.

Every reader here names the file and 1-based line of a problem; every writer goes
through :func:`atomic_writer`, so a crash never leaves a partial output file.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from typing import IO, Any

from .errors import InputError


def read_text(path: str) -> str:
    """Read a UTF-8 text file (a BOM is dropped); ``-`` reads stdin.

    Invalid UTF-8 raises :class:`InputError` naming the line of the first bad byte;
    so does a NUL byte: text never holds one, while binary files and UTF-16 text
    (every other byte NUL, yet valid UTF-8) do.
    """
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise InputError(exc.strerror or str(exc), path=path) from None
        name = path
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                         path=name, line=line) from None
    nul = data.find(b"\0")
    if nul >= 0:
        raise InputError(f"binary data, not UTF-8 text (NUL byte at offset {nul})", path=name,
                         line=data[:nul].count(b"\n") + 1)
    return text


def read_jsonl(path: str, *, required: Sequence[str] = (), allow_empty: bool = False
               ) -> list[dict[str, Any]]:
    """Parse a JSON-lines file into a list of objects.

    Blank lines are skipped. Each record must be a JSON object holding ``required``
    fields as non-empty strings. Errors name the file and line.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "x.jsonl")
    >>> _ = open(p, "w").write('{"premise": "a", "hypothesis": "b"}\\n')
    >>> read_jsonl(p, required=["premise", "hypothesis"])
    [{'premise': 'a', 'hypothesis': 'b', '__line__': 1}]
    """
    text = read_text(path)
    name = "<stdin>" if path == "-" else path
    rows: list[dict[str, Any]] = []
    # Lines end at "\n" only (a CRLF's "\r" is JSON whitespace): str.splitlines would also
    # split inside strings at U+2028, U+0085... which JSON allows raw.
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON ({exc.msg}, column {exc.colno})", path=name,
                             line=lineno) from None
        if not isinstance(obj, dict):
            raise InputError(f"expected a JSON object, got {type(obj).__name__}", path=name,
                             line=lineno)
        for field in required:
            if field not in obj:
                raise InputError(f"missing field {field!r}", path=name, line=lineno, field=field)
            if not isinstance(obj[field], str):
                raise InputError(f"field {field!r} must be a string, got {type(obj[field]).__name__}",
                                 path=name, line=lineno, field=field)
        obj["__line__"] = lineno
        rows.append(obj)
    if not rows and not allow_empty:
        raise InputError("no records (the file is empty)", path=name)
    return rows


def strip_line_numbers(row: dict[str, Any]) -> dict[str, Any]:
    """The record without the ``__line__`` bookkeeping key that :func:`read_jsonl` adds."""
    return {k: v for k, v in row.items() if k != "__line__"}


@contextlib.contextmanager
def atomic_writer(path: str, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """Open ``path`` for writing through a temporary file, fsync'd and renamed on success.

    On an exception nothing is left at ``path`` (an older file there stays as it was).
    ``-`` writes to stdout, buffered until the block ends, so a failure prints nothing.
    """
    if path == "-":
        buf = io.StringIO()
        yield buf
        sys.stdout.write(buf.getvalue())
        sys.stdout.flush()
        return
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, mode, encoding=encoding if "b" not in mode else None) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_jsonl(path: str, rows: Sequence[dict[str, Any]]) -> None:
    """Write records as JSON lines, atomically."""
    with atomic_writer(path) as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def save_dataclass(obj: Any, path: str) -> None:
    """Write a dataclass of plain fields (a fitted classifier) as JSON, atomically."""
    import dataclasses

    with atomic_writer(path) as fh:
        json.dump(dataclasses.asdict(obj), fh, indent=1)
        fh.write("\n")


def load_dataclass(cls: Any, path: str, *, what: str) -> Any:
    """Read what :func:`save_dataclass` wrote; a missing or unfitting file is an ``InputError``."""
    try:
        with open(path, encoding="utf-8") as fh:
            return cls(**json.load(fh))
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except (json.JSONDecodeError, TypeError, ValueError) as exc:
        raise InputError(f"not a {what}: {exc}", path=path) from None
