"""Records that flow between the stages.

    Source ──fetch──▶ Fetched ──parse──▶ Document ──extract──▶ Extraction ──graph──▶ named graph

Every record is a frozen dataclass passed whole. Character offsets (``start``/``end``) always index
``Document.text``, the one canonical text of a document, so a mention, a block and a quote can be
compared and cut out of it without searching.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# Concept types scored by the evaluation, then the further types the extractor may produce.
SCORED_TYPES = ("principle", "shift", "actor", "report", "region")
CONCEPT_TYPES = SCORED_TYPES + ("goal", "focus_area", "success_factor", "driving_force", "initiative")

BLOCK_KINDS = (
    "heading",
    "paragraph",
    "list_item",
    "table_row",
    "diagram_pair",
    "quote",
    "caption",
    "aside",
)


@dataclass(frozen=True, slots=True)
class Source:
    """One entry of the catalogue (``sources/*.toml``)."""

    id: str
    url: str
    publisher: str
    kind: str  # "html" | "pdf" | "text"
    language: str = "sv"
    region: str | None = None
    title: str | None = None
    snapshot: Path | None = None  # local copy used offline
    follow_pdfs: bool = False  # follow links to PDFs on the same site (depth 1)
    catalogue_file: Path | None = None


@dataclass(frozen=True, slots=True)
class Fetched:
    """Raw bytes of one source as retrieved, with what the transport said about them."""

    url: str
    content: bytes
    media_type: str  # e.g. "text/html", "application/pdf", "text/plain"
    sha256: str
    retrieved: str  # ISO 8601 UTC
    source_id: str | None = None
    charset: str | None = None  # from the Content-Type header, if any
    etag: str | None = None
    last_modified: str | None = None
    status: int = 200  # 304 when a conditional request found it unchanged
    final_url: str | None = None
    redirects: tuple[str, ...] = ()
    from_snapshot: bool = False
    path: Path | None = None  # local file it was read from, if any


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of content: its kind and its span in the canonical text."""

    kind: str  # one of BLOCK_KINDS
    start: int
    end: int
    level: int = 0  # heading level (1-6) for headings, nesting depth for list items
    page: int | None = None  # 1-based page for PDFs
    section: int | None = None  # index into Document.sections


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the span of text it governs (heading included)."""

    heading: str
    level: int
    start: int
    end: int
    heading_start: int
    heading_end: int


@dataclass(frozen=True, slots=True)
class Link:
    """An outgoing link. ``start``/``end`` locate the anchor text in the canonical text (-1 if absent)."""

    href: str
    text: str
    start: int = -1
    end: int = -1
    is_document: bool = False  # points to a PDF, Office file or similar


@dataclass(frozen=True, slots=True)
class Pair:
    """A from→to pair recovered from a two-column diagram (e.g. a förflyttning)."""

    from_start: int
    from_end: int
    to_start: int
    to_end: int
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    site_name: str | None = None
    publisher: str | None = None
    author: str | None = None
    description: str | None = None
    keywords: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601 date
    modified: str | None = None  # ISO 8601 date
    page_count: int | None = None
    running_lines: tuple[str, ...] = ()  # PDF running headers/footers removed from the text


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed document: canonical text plus structure over it."""

    location: str  # URL or file path the bytes came from
    media_type: str
    sha256: str
    text: str
    metadata: Metadata = field(default_factory=Metadata)
    sections: tuple[Section, ...] = ()
    blocks: tuple[Block, ...] = ()
    links: tuple[Link, ...] = ()
    pairs: tuple[Pair, ...] = ()
    warnings: tuple[str, ...] = ()
    source_id: str | None = None


@dataclass(frozen=True, slots=True)
class Concept:
    """A thing the extractor found: a thesaurus concept or one discovered in the text."""

    iri: str
    type: str  # one of CONCEPT_TYPES
    pref_label: str
    labels: tuple[str, ...] = ()  # other labels (thesaurus alt/hidden labels, discovered variants)
    kind: str | None = None  # subtype, e.g. "region", "municipality", "sou", "person"
    in_thesaurus: bool = False
    notation: str | None = None  # e.g. SCB code, "SOU 2020:19"


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a concept in a document."""

    concept: str  # IRI of the Concept
    start: int
    end: int
    surface: str
    extractor: str  # which rule or matcher found it
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class Relation:
    """A statement the text makes, with its evidence span."""

    subject: str  # concept IRI
    predicate: str  # local name in the naravard vocabulary, e.g. "publishes", "locatedIn"
    object: str  # concept IRI, or a literal for datatype relations (e.g. target year)
    start: int
    end: int
    extractor: str
    literal: bool = False


@dataclass(frozen=True, slots=True)
class Extraction:
    """All that was extracted from one document, each concept once."""

    document: Document
    concepts: tuple[Concept, ...] = ()
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()

    def mentions_of(self, iri: str) -> tuple[Mention, ...]:
        return tuple(m for m in self.mentions if m.concept == iri)
