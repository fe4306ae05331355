"""From the lines of every page to the Document: running lines, blocks, kinds, reading order, emission.

Document-level decisions live here because they need all pages: which margin lines repeat (running
headers and footers), the body text size (headings are judged against it), the heading levels, and
which quotes repeat. Then each page is laid out (:mod:`.pdf_layout`, :mod:`.pdf_diagram`) and
its blocks are fed to the :class:`~.builder.DocumentBuilder` in reading order; a paragraph that a
column or page break cuts mid-sentence is joined again.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..types import Block as DocBlock
from .builder import DocumentBuilder
from .pdf_content import Shape
from .pdf_diagram import Diagram, find_diagrams
from .pdf_layout import Block, Line, assign_boxes, expand_to_boxes, make_blocks, reading_order
from .pdf_meta import anchor_text, is_document
from .pdf_words import BULLETS, first_seen, fold, is_page_number, join_lines, normalise, repeated_on_page, running_keys

MARGIN = 0.1  # share of the page height at the top and bottom where running lines live
HEADING_RATIO = 1.15  # a block this much larger than the body text can be a heading
_SENTENCE_END = (".", "!", "?", ":", ";", "…", '"', "”", "»", ")")


@dataclass(slots=True)
class PageText:
    """What the parser read from one page."""

    number: int  # 1-based
    width: float
    height: float
    lines: list[Line]
    shapes: tuple[Shape, ...] = ()
    links: list[tuple[str, tuple[float, float, float, float]]] = field(default_factory=list)
    ocr: list[list[str]] | None = None  # paragraphs (lists of lines) read by OCR
    items: list = field(default_factory=list)  # blocks and diagrams in reading order


def remove_running_lines(pages: Sequence[PageText]) -> tuple[str, ...]:
    """Drop running headers/footers and page numbers from the pages' lines; return their texts.

    A candidate is a line in the top or bottom margin that stands apart from the body text (no body
    line follows it at line spacing); it is dropped when it is a page number, or when its text
    (digits aside) recurs in the margins of most pages.
    """
    candidates = [_margin_lines(p) for p in pages]
    keys = running_keys([[ln.text for ln in lines] for lines in candidates])
    removed: list[str] = []
    for page, lines in zip(pages, candidates, strict=True):
        drop = {id(ln) for ln in lines if normalise(ln.text) in keys or is_page_number(ln.text)}
        removed.extend(ln.text for ln in page.lines if id(ln) in drop)
        page.lines = [ln for ln in page.lines if id(ln) not in drop]
    return first_seen(removed)


def _margin_lines(page: PageText) -> list[Line]:
    """Lines in the top or bottom margin with no body line following them at line spacing."""
    top, bottom = page.height * (1 - MARGIN), page.height * MARGIN
    body = [ln for ln in page.lines if bottom <= ln.y <= top]
    out = []
    for line in page.lines:
        if bottom <= line.y <= top:
            continue
        sign = 1.0 if line.y > top else -1.0  # body text lies below a header, above a footer
        reach = 1.6 * line.size
        if not any(0 < sign * (line.y - o.y) <= reach and o.x1 > line.x0 and o.x0 < line.x1 for o in body):
            out.append(line)
    return out


def body_size(pages: Sequence[PageText]) -> float:
    """The most common text size, weighted by characters (10 when the document has no text)."""
    counts: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            counts[round(line.size * 2) / 2] += len(line.text)
    return counts.most_common(1)[0][0] if counts else 10.0


def layout_page(page: PageText, body: float) -> None:
    """Blocks and diagrams of ``page`` in reading order (into ``page.items``)."""
    assign_boxes(page.lines, page.shapes)
    blocks = make_blocks(page.lines, page.number)
    diagrams = find_diagrams(blocks, page.shapes, page.number)
    cells = {id(c) for d in diagrams for c in d.blocks()}
    items: list = [piece for b in blocks if id(b) not in cells for piece in _split_short_lines(b, body)]
    expand_to_boxes(items)
    page.items = reading_order(items + diagrams, gutter=max(4.0, 0.8 * body))


def _split_short_lines(block: Block, body: float) -> list[Block]:
    """A stack of short lines (an address, a contact list) as one block per line."""
    lines = block.lines
    if (3 <= len(lines) <= 8 and block.size < 1.1 * body and not lines[0].marker
            and all(len(ln.text) <= 30 and not ln.text.endswith(("-", ",")) for ln in lines)):
        return [Block([ln], block.page).fit() for ln in lines]
    return [block]


def classify(pages: Sequence[PageText], body: float) -> None:
    """Set each block's kind (heading, list_item, quote, paragraph) and each heading's level."""
    blocks = [it for p in pages for it in p.items if isinstance(it, Block)]
    sizes: dict[int, float] = {}
    for b in blocks:
        marker = b.lines[0].marker
        if marker and (marker in BULLETS or (b.size < HEADING_RATIO * body and not b.bold)):
            b.kind = "list_item"
        elif _is_heading(b, body):
            b.kind = "heading"
            sizes[id(b)] = b.size if b.size >= HEADING_RATIO * body else 0.0
        elif b.italic and not b.bold and b.size >= 1.05 * body and len(b.text.split()) <= 60:
            b.kind = "quote"
    levels = _levels(sorted(set(sizes.values()), reverse=True))
    for b in blocks:
        if b.kind == "heading":
            b.level = levels[sizes[id(b)]]


def _is_heading(b: Block, body: float) -> bool:
    text = b.text
    if not (0 < len(text) <= 150 and len(b.lines) <= 3 and len(text.split()) <= 20):
        return False
    if text.endswith((".", ",", ";", ":")) or not any(ch.isalpha() for ch in text):
        return False
    if b.italic and not b.bold:
        return False
    if b.size >= HEADING_RATIO * body:
        return True
    return b.bold and b.size >= 0.98 * body and len(b.lines) == 1 and len(text) <= 80


def _levels(sizes: list[float]) -> dict[float, int]:
    """Heading level per size: sizes within 15 % of each other share a level; 0.0 (bold body text) last."""
    levels: dict[float, int] = {}
    level, prev = 0, None
    for size in sizes:
        if prev is None or size == 0.0 or prev / size > HEADING_RATIO:
            level += 1
        levels[size] = min(level, 6)
        prev = size
    return levels


class Emitter:
    """Feeds blocks to the builder: drops repeated quotes, joins paragraphs split by a column break."""

    def __init__(self, builder: DocumentBuilder, pages: Sequence[PageText]) -> None:
        self.builder = builder
        self.seen: dict[str, DocBlock | None] = {}
        self.repeated = repeated_on_page((it.page, it.text) for p in pages for it in p.items
                                         if isinstance(it, Block) and it.kind in ("paragraph", "quote"))
        self.pending: list[Block] = []
        self.emitted: dict[int, DocBlock | None] = {}  # id(layout block) -> document block
        self.title: str | None = None

    def page(self, page: PageText) -> None:
        if page.ocr is not None:
            self.flush()
            for para in page.ocr:
                self.builder.add("paragraph", join_lines(para), page=page.number)
            return
        for item in page.items:
            if isinstance(item, Diagram):
                self.flush()
                for left, right in item.rows:
                    self.builder.pair(left.text, right.text, page=item.page)
            else:
                self.block(item)

    def block(self, b: Block) -> None:
        text = b.text
        if b.kind in ("paragraph", "quote") and len(text.split()) >= 3:
            key = fold(text)
            if (b.page, key) in self.repeated:
                b.kind = "quote"  # the same text twice on one page: a pull-quote
            if b.kind == "quote":
                if key in self.seen:  # a repeated pull-quote: keep the first one only
                    self.emitted[id(b)] = self.seen[key]
                    return
                self.seen[key] = None
        if b.kind == "paragraph" and self.pending and _continues(self.pending[-1], b):
            self.pending.append(b)
            return
        self.flush()
        if b.kind == "paragraph":
            self.pending = [b]
            return
        if b.kind == "heading":
            doc_block = self.builder.heading(text, b.level, page=b.page)
            if b.level == 1 and self.title is None:
                self.title = text
        else:
            doc_block = self.builder.add(b.kind, text, level=1 if b.kind == "list_item" else 0, page=b.page)
        self._record([b], doc_block)

    def flush(self) -> None:
        if not self.pending:
            return
        blocks, self.pending = self.pending, []
        doc_block = self.builder.add("paragraph", join_lines(b.text for b in blocks), page=blocks[0].page)
        self._record(blocks, doc_block)

    def _record(self, blocks: list[Block], doc_block: DocBlock | None) -> None:
        for b in blocks:
            self.emitted[id(b)] = doc_block
            key = fold(b.text)
            if key in self.seen and self.seen[key] is None:
                self.seen[key] = doc_block

    def links(self, page: PageText) -> None:
        """Record the page's link annotations, with the text under them as anchor text."""
        owner = {id(ln): b for b in page.items if isinstance(b, Block) for ln in b.lines}
        for href, rect in page.links:
            text, line = anchor_text(page.lines, rect)
            block = self.emitted.get(id(owner.get(id(line)))) if line is not None else None
            self.builder.link(href, text, block=block, is_document=is_document(href))


def _continues(prev: Block, b: Block) -> bool:
    """Whether ``b`` continues the paragraph ``prev`` across a column or page break."""
    text = prev.text
    first = b.text[:1]
    if not first.islower() or text.endswith(_SENTENCE_END) or re.search(r"\d$", text):
        return False
    if abs(prev.size - b.size) > 0.1 * prev.size or prev.bold != b.bold or prev.italic != b.italic:
        return False
    return b.page > prev.page or b.top > prev.bottom
