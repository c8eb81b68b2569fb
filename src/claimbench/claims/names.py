"""Source names: normalise them and tell when two name the same speaker.

Used where a claim's source is compared with a denier (pairing features,
:mod:`claimbench.verify.pairing`) and where a predicted source is compared with a gold
one (:mod:`claimbench.eval.extraction`). Names agree when both are the article's own
voice (``None``), when they are equal after normalisation (case, a leading "the", a
possessive 's), or when the article itself links them: *title and name* (the shorter
is a capitalised name ending the longer, and the article writes the longer one) or
*apposition* ("A, B" with at most three words between A and the comma).
"""

from __future__ import annotations

import functools
import re


def normalize_name(name: str | None) -> str:
    if not name:
        return ""
    s = name.lower().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s-]", " ", s)
    s = re.sub(r"^\s*(the|a|an)\s+", "", s)
    return " ".join(s.split())


def same_source(gold: str | None, pred: str | None, text: str | None = None) -> bool:
    """Source agreement: equal names, or names the article ``text`` links (module docstring).

    >>> same_source("Lidia Varga", "ministry spokesperson Lidia Varga",
    ...             "ministry spokesperson Lidia Varga said so.")
    True
    >>> same_source("Lidia Varga", "ministry spokesperson Lidia Varga")   # no text: no link
    False
    >>> same_source("the ministry", "Norvala's health ministry", "Norvala's health ministry said")
    False
    """
    if not gold and not pred:
        return True
    g, p = normalize_name(gold), normalize_name(pred)
    if not g or not p:
        return False
    if g == p:
        return True
    if not text:
        return False
    flat = _flat(text)
    short, long_, short_raw = (g, p, gold) if len(g) < len(p) else (p, g, pred)
    bare = short_raw.strip().removeprefix("the ").removeprefix("The ")
    if bare[:1].isupper() and (" " + long_).endswith(" " + short) and long_ in flat:
        return True
    for a, b in ((g, p), (p, g)):
        pattern = rf"\b{re.escape(a)}(?: [\w-]+){{0,3}} , (?:the |a |an )?{re.escape(b)}\b"
        if re.search(pattern, _commas(text)):
            return True
    return False


@functools.lru_cache(maxsize=8)
def _flat(text: str) -> str:
    """The whole article normalised like names (cached: pairing asks once per candidate)."""
    return normalize_name(text)


@functools.lru_cache(maxsize=8)
def _commas(text: str) -> str:
    """The text normalised like names, but with each comma kept as a lone "," token.

    Apposition is "A, B": :func:`same_source` looks for ``a ... , b`` here.
    """
    return " ".join(normalize_name(part) + " ," for part in text.split(",")).removesuffix(" ,")
