"""Headlines: sentence-casing for the parser, and the lexical parts of headline denials.

A news headline is often written in Title Case ("Agency Denies Plan To Close Plant") or in
capitals, which the English parser reads as a run of proper nouns. :func:`sentence_case`
gives the parser a copy in sentence case *of the same length* (only letters change case),
so every token offset still indexes the original text; :func:`restore_case` maps words of
a string built from the cased copy (a denier, a denied proposition) back to the original
spelling. :func:`is_headline_line` says which lines get this treatment: a single line in
Title Case or capitals, never normal prose.

The rest are the word lists and string helpers the headline denial rules in
:mod:`claimbench.claims.denials` use: labels before a colon that are no speaker ("HOAX:",
"Fact check:"), and the segments a headline is cut into.

>>> sentence_case("Agency Denies Plan To Close Plant")
'Agency denies plan to close plant'
>>> len(sentence_case("OFFICIALS: REPORT IS FALSE")) == len("OFFICIALS: REPORT IS FALSE")
True
"""

from __future__ import annotations

import functools
import re

_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
# short words that Title Case capitalises and sentence case does not
_MINOR = frozenset("a an and as at but by for from in into is of on or the to with was were are be "
                   "not no its it his her their our my your this that these those has have had will "
                   "would can could should may might do does did says say said than then over up "
                   "down out off after before about".split())
# words that stay capitalised whatever their case in the headline
_KEEP = frozenset("I US UK UN EU NHL NFL NBA NASA FBI CIA DHS USDA ISIS ISIL GOP CEO TV UAE WH NSA "
                  "NYC LA DC BBC CNN NBC CBS ABC AP MTV".split())
LABELS = frozenset("hoax fact check update updated exclusive op-ed oped debunk debunked rumor rumour "
                   "breaking report watch video photos photo analysis opinion editorial pants on fire "
                   "duped again sorry whoa wow confirmed false true fake alert news satire viral "
                   "myth busted live explainer".split())


@functools.lru_cache(maxsize=1)
def _lemmas():
    try:
        from lemminflect import getAllLemmas
    except ImportError:                # optional: every word counts as an ordinary word
        return None
    return getAllLemmas


def _ordinary(word: str) -> bool:
    """An English common word (lower-cased in sentence case), not a name."""
    low = word.lower()
    if low in _MINOR:
        return True
    get = _lemmas()
    if get is None:
        return True
    return bool(get(low)) or bool(get(low.rstrip("s")))


def is_headline_line(line: str) -> bool:
    """A single line written in Title Case or capitals (at least three words, most of the
    longer words capitalised).

    >>> is_headline_line("Minister Says Port Will Not Close"), is_headline_line("The port will not close.")
    (True, False)
    """
    if "\n" in line.strip():
        return False
    words = _WORD.findall(line)
    if len(words) < 3:
        return False
    long = [w for w in words if len(w) > 3 or w.lower() not in _MINOR]
    if not long:
        return False
    caps = sum(1 for w in long if w[:1].isupper())
    return caps / len(long) >= 0.75


def sentence_case(line: str) -> str:
    """``line`` in sentence case, same length: the first word of each part (after a colon,
    question mark, dash...) and words that are not ordinary English words (names) keep
    their capital; known acronyms stay in capitals."""
    all_caps = sum(c.isupper() for c in line) > 0.7 * max(1, sum(c.isalpha() for c in line))
    out = list(line)
    first = True
    for m in _WORD.finditer(line):
        w = m.group(0)
        before = line[max(0, m.start() - 3):m.start()]
        if re.search(r"[:?!;|]\s*$|[-–—]\s+$|^\s*$|[\"“‘']$", before) or m.start() == 0:
            first = True
        core = w.strip(".'’-")
        if core in _KEEP or (core.isupper() and len(core) <= 4 and not all_caps and not _ordinary(core)):
            first = False
            continue
        if first:
            rep = w[:1] + w[1:].lower() if (w.isupper() or w.istitle()) else w
            first = False
        elif w.isupper() and (all_caps or _ordinary(core)):
            rep = w.lower() if _ordinary(core) else w[:1] + w[1:].lower()
        elif w[:1].isupper() and w[1:] == w[1:].lower() and _ordinary(core):
            rep = w.lower()
        else:
            rep = w
        out[m.start():m.end()] = rep
    return "".join(out)


def unshout(line: str) -> str:
    """``line`` with its shouted ordinary words ("DENIES", "NOT") in lower case, same length."""
    def low(m: re.Match) -> str:
        w = m.group(0)
        core = w.strip(".'’-")
        return w.lower() if len(core) > 2 and core.isupper() and core not in _KEEP and _ordinary(core) \
            and m.start() > 0 else w
    return _WORD.sub(low, line)


def case_for_parser(line: str) -> str:
    """The copy of a one-line block the parser sees: sentence case for a Title Case or
    capitals headline, shouted words lowered otherwise; prose comes back unchanged."""
    if "\n" in line:
        return line
    if is_headline_line(line):
        return sentence_case(line)
    return unshout(line)


def restore_case(text: str | None, original: str, cased: str) -> str | None:
    """Words of ``text`` (built from the cased copy) spelled as in ``original``: each word
    the casing changed gets its original spelling back."""
    if not text or original == cased:
        return text
    table: dict[str, str] = {}
    for a, b in zip(_WORD.finditer(cased), _WORD.finditer(original)):
        if a.group(0) != b.group(0):
            table.setdefault(a.group(0), b.group(0))
    if not table:
        return text

    def swap(m: re.Match) -> str:
        return table.get(m.group(0), m.group(0))

    out = _WORD.sub(swap, text)
    return out[:1].upper() + out[1:] if text[:1].isupper() else out


def is_label(phrase: str) -> bool:
    """A label before a colon ("HOAX", "Fact check", "Update"), not a speaker."""
    words = [w.lower().strip(".'’") for w in _WORD.findall(phrase)]
    return bool(words) and (all(w in LABELS for w in words) or words[-1] in LABELS)


__all__ = ["is_headline_line", "sentence_case", "unshout", "case_for_parser", "restore_case", "is_label", "LABELS"]
