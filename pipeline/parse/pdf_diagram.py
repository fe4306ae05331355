"""From→to box diagrams: two columns of short text groups, read as ordered (left, right) pairs.

Brochures on "förflyttningar" draw each shift as a row: a box with the *från* state on the left, an
arrow, a box with the *till* state on the right, rows stacked below each other. Extracted line by
line, such a diagram reads "Organisation Person och relation Passiv mottagare …", which loses which
state belongs to which. This module finds the layout, not the words:

* a **cell** is a short block (a few words, at most three lines);
* a **row** is two cells side by side – overlapping vertically, a clear gap between them, nothing
  but an arrow in the gap, and no third cell on the same row (that would be a table);
* a **connector** is what shows a row is drawn as a diagram: each cell alone in its drawn box, or
  a shape (an arrow, a line) or an arrow glyph ("→") in the gap;
* a **diagram** is two or more rows stacked with nothing between them, left cells aligned with each
  other and right cells too, connected in at least half of its rows – or three or more rows set
  close together. Rows with connectors may lie further apart than bare rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .pdf_content import Shape
from .pdf_layout import Block, box_owners, sole_box

MAX_CELL_CHARS = 60
MAX_CELL_WORDS = 8
ARROW = re.compile(r"^[\s→⇒⟶⟹➔➜➝➞➙➛➡►▶▸»>–—-]*[→⇒⟶⟹➔➜➝➞➙➛➡►▶▸»>][\s→⇒⟶⟹➔➜➝➞➙➛➡►▶▸»>–—-]*$")


@dataclass(slots=True)
class Row:
    left: Block
    right: Block
    top: float  # of the cells' own boxes where drawn, else of their text
    bottom: float
    connected: bool
    arrows: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class Diagram:
    rows: list[tuple[Block, Block]]
    page: int
    arrows: list[Block] = field(default_factory=list)  # arrow glyphs between the cells
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0

    def fit(self) -> Diagram:
        cells = [c for row in self.rows for c in row]
        self.x0, self.x1 = min(c.x0 for c in cells), max(c.x1 for c in cells)
        self.top, self.bottom = max(c.top for c in cells), min(c.bottom for c in cells)
        return self

    def blocks(self) -> list[Block]:
        return [c for row in self.rows for c in row] + self.arrows


def find_diagrams(blocks: Sequence[Block], shapes: Sequence[Shape], page: int) -> list[Diagram]:
    """The from→to diagrams among ``blocks`` (their cells are the blocks of the rows)."""
    arrows = [b for b in blocks if ARROW.match(b.text)]
    cells = [b for b in blocks if _is_cell(b) and not ARROW.match(b.text)]
    if len(cells) < 4:
        return []
    owners = box_owners(blocks)
    others = [b for b in blocks if not any(b is a for a in arrows)]
    rows = _rows(cells, others, arrows, shapes, owners)
    out = []
    for chain in _chains(rows, others):
        connected = sum(r.connected for r in chain)
        if len(chain) >= 2 and (2 * connected >= len(chain) or len(chain) >= 3):
            diagram = Diagram([(r.left, r.right) for r in chain], page, [a for r in chain for a in r.arrows])
            out.append(diagram.fit())
    return out


def _is_cell(block: Block) -> bool:
    text = block.text
    return (len(block.lines) <= 3 and not block.lines[0].marker and 0 < len(text) <= MAX_CELL_CHARS
            and len(text.split()) <= MAX_CELL_WORDS and any(ch.isalpha() for ch in text))


def _v_overlap(a, b) -> float:
    return min(a.top, b.top) - max(a.bottom, b.bottom)


def _same_row(a: Block, b: Block) -> bool:
    return _v_overlap(a, b) >= 0.5 * min(a.top - a.bottom, b.top - b.bottom)


def _rows(cells: list[Block], blocks: list[Block], arrows: list[Block], shapes: Sequence[Shape],
          owners: dict[int, int]) -> list[Row]:
    rows = []
    for a in cells:
        right = [b for b in cells if b is not a and b.x0 > a.x1 and _same_row(a, b)]
        if len(right) != 1 or any(b is not a and b.x1 < a.x0 and _same_row(a, b) for b in cells):
            continue  # not the left cell of a two-cell row
        b = right[0]
        if b.x0 - a.x1 < 1.5 * max(a.size, b.size):
            continue
        if any(c is not a and c is not b and c.x0 >= a.x1 - 1 and c.x1 <= b.x0 + 1 and _v_overlap(a, c) > 0
               for c in blocks):
            continue  # text other than an arrow sits in the gap
        if any(c is not a and c is not b and c.x0 > b.x1 and _same_row(b, c) for c in cells):
            continue  # a third cell: a table row, not a from→to pair
        rows.append(_row(a, b, arrows, shapes, owners))
    return sorted(rows, key=lambda r: -r.top)


def _row(a: Block, b: Block, arrows: list[Block], shapes: Sequence[Shape], owners: dict[int, int]) -> Row:
    boxes = sole_box(a, owners), sole_box(b, owners)
    top = max(box.y1 if box else cell.top for box, cell in zip(boxes, (a, b), strict=True))
    bottom = min(box.y0 if box else cell.bottom for box, cell in zip(boxes, (a, b), strict=True))
    low, high = max(a.bottom, b.bottom), min(a.top, b.top)
    glyphs = [g for g in arrows if g.x0 >= a.x1 - 2 and g.x1 <= b.x0 + 2 and g.top >= low and g.bottom <= high]
    drawn = any(s.x0 >= a.x1 - 2 and s.x1 <= b.x0 + 2 and s.y1 >= low and s.y0 <= high
                for s in shapes if s.paint != "image")
    return Row(a, b, top, bottom, bool(glyphs) or drawn or None not in boxes, glyphs)


def _chains(rows: list[Row], blocks: Sequence[Block]) -> list[list[Row]]:
    chains: list[list[Row]] = []
    used = {id(c) for r in rows for c in (r.left, r.right)}
    for row in rows:
        if chains and _stacks(chains[-1][-1], row, blocks, used):
            chains[-1].append(row)
        else:
            chains.append([row])
    return chains


def _stacks(upper: Row, lower: Row, blocks: Sequence[Block], used: set) -> bool:
    """Whether ``lower`` is the next row of the diagram whose last row is ``upper``."""
    for a, b in ((upper.left, lower.left), (upper.right, lower.right)):
        width = max(a.x1 - a.x0, b.x1 - b.x0)
        centred = abs((a.x0 + a.x1) - (b.x0 + b.x1)) / 2 <= 0.25 * width
        if not (centred or abs(a.x0 - b.x0) <= 0.5 * a.size or abs(a.x1 - b.x1) <= 0.5 * a.size):
            return False
    if not upper.right.x0 > lower.left.x1 - 1 or not lower.right.x0 > upper.left.x1 - 1:
        return False
    size = max(upper.left.size, upper.right.size)
    reach = 5.0 if upper.connected and lower.connected else 2.0
    if not -1 <= upper.bottom - lower.top <= max(1.2 * (upper.top - upper.bottom), reach * size):
        return False
    x0, x1 = min(upper.left.x0, lower.left.x0), max(upper.right.x1, lower.right.x1)
    return not any(id(c) not in used and c.top > lower.top and c.bottom < upper.bottom and c.x1 > x0 and c.x0 < x1
                   for c in blocks)
