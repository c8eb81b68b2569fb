"""Domain records of the claims stage: Document, Span, Claim, Attribution, Denial, Pair.

Every span indexes the document text exactly as given (``text[start:end]``),
so offsets survive CRLF line ends, BOM-less Unicode and odd spacing. Records are
plain dataclasses; ``to_dict`` gives the JSON shape the command line writes
(documented in ``claims/analysis.schema.json``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ClaimType = Literal["assertion", "attributed", "denial", "quote", "hedged"]
SourceType = Literal["government", "state_media", "spokesperson", "analyst", "anonymous",
                     "article", "organization", "person", "other"]
CLAIM_TYPES: tuple[str, ...] = ("assertion", "attributed", "denial", "quote", "hedged")
SOURCE_TYPES: tuple[str, ...] = ("government", "state_media", "spokesperson", "analyst",
                                 "anonymous", "article", "organization", "person", "other")


@dataclass(frozen=True)
class Span:
    """A character range of a document and the text it covers."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Document:
    """An input text with an id; analysis fills ``sentences`` (character spans)."""

    id: str
    text: str
    sentences: list[Span] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])


@dataclass
class Attribution:
    """Who says what: source, cue (``said``, ``according to``) and content spans."""

    id: str
    source: Span | None
    cue: Span | None
    content: Span | None
    source_type: str = "other"
    source_name: str | None = None       # resolved name ("he" -> "Kim Jong Un")
    kind: str = "indirect"               # direct, indirect, mixed: how much of the content is quoted
    # What the cue reports: speech, belief, intention, evaluation or other (attribution.cue_kind).
    # Named cue_kind because ``kind`` already means direct/indirect/mixed in the JSON output.
    cue_kind: str = "speech"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source and self.source.to_dict(),
                "cue": self.cue and self.cue.to_dict(),
                "content": self.content and self.content.to_dict(),
                "source_type": self.source_type, "source_name": self.source_name,
                "kind": self.kind, "cue_kind": self.cue_kind}


@dataclass
class Claim:
    """A check-worthy proposition: its span, a standalone rewrite, type and source."""

    id: str
    start: int
    end: int
    text: str                            # exactly document.text[start:end]
    standalone: str                      # reads correctly out of context
    type: str = "assertion"
    source: str | None = None            # resolved source name, None for the article itself
    source_type: str = "article"
    attribution_id: str | None = None
    entities: list[str] = field(default_factory=list)
    doc_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("doc_id")
        return d


@dataclass
class Denial:
    """A statement that denies a proposition: the denier and the proposition, made positive."""

    id: str
    start: int
    end: int
    text: str
    denier: str | None
    denied: str                          # standalone positive proposition
    cue: str | None = None               # "deny", "rejected", "baseless"...
    claim_id: str | None = None          # the claim record of the denial sentence itself
    doc_id: str | None = None
    targets: list[str] = field(default_factory=list)   # claims a bare "the accusation" refers to
    target_source: str | None = None     # whose claims it rejects ("the panel's findings")
    strength: str = "denial"             # "denial", or "doubt" ("casts doubt on", "likely a hoax")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("doc_id")
        return d


@dataclass
class Pair:
    """A candidate (claim, denial) pair to score; ``doc ids`` differ across documents."""

    claim_id: str
    denial_id: str
    claim_doc: str
    denial_doc: str
    premise: str                         # the claim's standalone text
    hypothesis: str                      # the denied proposition
    similarity: float = 0.0
    shared_entities: list[str] = field(default_factory=list)
    rank: int = 0                        # 0 = the denial's best candidate (in its document, or across)
    features: dict[str, float] = field(default_factory=dict)   # verify.pairing.PAIR_FEATURES
