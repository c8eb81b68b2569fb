"""Checks on ``claimbench analyze`` JSON output shared by test modules (a module of its
own, not ``conftest``: see ``clirun``)."""

from __future__ import annotations


def check_offsets(doc: dict, text: str) -> None:
    """Every span of an analysed document slices the text to the reported text."""
    for c in doc["claims"]:
        assert text[c["start"]:c["end"]] == c["text"]
    for d in doc["denials"]:
        assert text[d["start"]:d["end"]] == d["text"]
    for a in doc["attributions"]:
        for part in (a["source"], a["cue"], a["content"]):
            if part:
                assert text[part["start"]:part["end"]] == part["text"]
    for s in doc["sentences"]:
        assert text[s["start"]:s["end"]] == s["text"]
