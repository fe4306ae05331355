"""DocumentBuilder: the one place where canonical text, blocks, sections and offsets are assembled.

Parsers feed it content in reading order; it joins blocks with a blank line, records each block's
span, derives sections from headings, and locates link anchors and diagram pairs in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..types import Block, Document, Link, Metadata, Pair, Section

_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_inline(text: str) -> str:
    """Fold runs of white space inside a block to one space (line breaks too) and trim."""
    text = text.replace("\u00ad", "").replace("\u200b", "")
    return _SPACE.sub(" ", text.replace("\r", " ").replace("\n", " ")).strip()


class DocumentBuilder:
    SEPARATOR = "\n\n"

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._blocks: list[Block] = []
        self._headings: list[tuple[int, int, int, str]] = []  # (start, end, level, text)
        self._links: list[Link] = []
        self._pairs: list[Pair] = []
        self._text_at: dict[int, str] = {}  # block start -> block text, to place link anchors cheaply
        self.warnings: list[str] = []

    @property
    def length(self) -> int:
        return self._length

    def _append(self, text: str) -> tuple[int, int]:
        if self._parts:
            self._parts.append(self.SEPARATOR)
            self._length += len(self.SEPARATOR)
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        self._text_at[start] = text
        return start, self._length

    def add(self, kind: str, text: str, *, level: int = 0, page: int | None = None, clean: bool = True) -> Block | None:
        """Add one block; returns it, or None when the text is empty after cleaning."""
        text = clean_inline(text) if clean else text.strip()
        if not text:
            return None
        start, end = self._append(text)
        block = Block(kind=kind, start=start, end=end, level=level, page=page)
        self._blocks.append(block)
        if kind == "heading":
            self._headings.append((start, end, level or 2, text))
        return block

    def heading(self, text: str, level: int, page: int | None = None) -> Block | None:
        return self.add("heading", text, level=level, page=page)

    def pair(self, left: str, right: str, page: int | None = None) -> Pair | None:
        """Add a from→to diagram pair as one block "left → right" and record both spans."""
        left, right = clean_inline(left), clean_inline(right)
        if not left or not right:
            return None
        arrow = " → "
        start, end = self._append(left + arrow + right)
        self._blocks.append(Block(kind="diagram_pair", start=start, end=end, page=page))
        pair = Pair(start, start + len(left), start + len(left) + len(arrow), end, page)
        self._pairs.append(pair)
        return pair

    def link(self, href: str, text: str, *, block: Block | None = None, is_document: bool = False,
             locate: bool = True) -> None:
        """Record a link; its anchor text is located inside ``block`` (or the last block) when present,
        after the previous link's anchor when both are in the same block. ``locate=False`` records a
        link whose anchor is not part of the text (start and end stay -1)."""
        text = clean_inline(text)
        start = end = -1
        target = block or (self._blocks[-1] if self._blocks and locate else None)
        if text and target is not None:
            block_text = self._text_at.get(target.start, "")
            prev = self._links[-1] if self._links else None  # links of one block come in text order
            after = prev.end - target.start if prev and target.start <= prev.start < target.end else 0
            pos = block_text.find(text, after)
            if pos < 0:
                pos = block_text.find(text)
            if pos >= 0:
                start, end = target.start + pos, target.start + pos + len(text)
        self._links.append(Link(href=href, text=text, start=start, end=end, is_document=is_document))

    def build(self, *, location: str, media_type: str, sha256: str, metadata: Metadata,
              source_id: str | None = None, warnings: tuple[str, ...] = ()) -> Document:
        text = "".join(self._parts)
        sections = self._sections()
        blocks = self._with_sections(self._blocks, sections)
        return Document(
            location=location,
            media_type=media_type,
            sha256=sha256,
            text=text,
            metadata=metadata,
            sections=sections,
            blocks=blocks,
            links=tuple(self._links),
            pairs=tuple(self._pairs),
            warnings=tuple(self.warnings) + tuple(warnings),
            source_id=source_id,
        )

    def _sections(self) -> tuple[Section, ...]:
        out: list[Section] = []
        for i, (start, end, level, text) in enumerate(self._headings):
            stop = self._length
            for nstart, _nend, nlevel, _t in self._headings[i + 1:]:
                if nlevel <= level:
                    stop = max(nstart - len(self.SEPARATOR), end)
                    break
            out.append(Section(heading=text, level=level, start=start, end=stop, heading_start=start, heading_end=end))
        return tuple(out)

    @staticmethod
    def _with_sections(blocks: list[Block], sections: tuple[Section, ...]) -> tuple[Block, ...]:
        """Each block with the index of the innermost (last-starting) section containing it."""
        starts = [s.start for s in sections]
        out = []
        for block in blocks:
            i = bisect_right(starts, block.start) - 1  # sections[:i+1] all start at or before the block
            while i >= 0:
                s = sections[i]
                if block.start <= s.end or block.start < s.heading_end:
                    break
                i -= 1
            out.append(block if i < 0 else Block(block.kind, block.start, block.end, block.level, block.page, i))
        return tuple(out)
