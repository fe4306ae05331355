"""From→to box diagrams: two columns of short text groups, read as ordered (left, right) pairs.

Brochures on "förflyttningar" draw each shift as a row: a box with the *från* state on the left, an
arrow, a box with the *till* state on the right, rows stacked below each other. Extracted line by
line, such a diagram reads "Organisation Person och relation Passiv mottagare …", which loses which
state belongs to which. This module finds the layout, not the words:

* a **cell** is a short block (a few words, at most three lines);
* a **row** is two cells side by side – overlapping vertically, a clear gap between them, nothing
  else in the gap, and no third cell on the same row (that would be a table);
* a **diagram** is two or more rows stacked with nothing between them, their left cells aligned
  with each other and their right cells too;
* and it needs **evidence** that it is drawn as a diagram: each cell in its own drawn box, or a
  shape (an arrow, a line) in the gap, in at least half of the rows – or else three or more rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .pdf_content import Shape
from .pdf_layout import Block

MAX_CELL_CHARS = 60
MAX_CELL_WORDS = 8


@dataclass(slots=True)
class Diagram:
    rows: list[tuple[Block, Block]]
    page: int
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0

    def fit(self) -> Diagram:
        cells = [c for row in self.rows for c in row]
        self.x0, self.x1 = min(c.x0 for c in cells), max(c.x1 for c in cells)
        self.top, self.bottom = max(c.top for c in cells), min(c.bottom for c in cells)
        return self


def find_diagrams(blocks: Sequence[Block], shapes: Sequence[Shape], page: int) -> list[Diagram]:
    """The from→to diagrams among ``blocks`` (their cells are the blocks of the rows)."""
    cells = [b for b in blocks if _is_cell(b)]
    if len(cells) < 4:
        return []
    rows = _rows(cells, blocks)
    out = []
    for chain in _chains(rows, blocks):
        if len(chain) >= 2 and (len(chain) >= 3 or _drawn(chain, shapes)):
            out.append(Diagram(chain, page).fit())
    return out


def _is_cell(block: Block) -> bool:
    text = block.text
    return (len(block.lines) <= 3 and not block.lines[0].marker and 0 < len(text) <= MAX_CELL_CHARS
            and len(text.split()) <= MAX_CELL_WORDS and any(ch.isalpha() for ch in text))


def _v_overlap(a, b) -> float:
    return min(a.top, b.top) - max(a.bottom, b.bottom)


def _rows(cells: list[Block], blocks: Sequence[Block]) -> list[tuple[Block, Block]]:
    rows = []
    for a in cells:
        right = [b for b in cells if b is not a and b.x0 > a.x1 and _same_row(a, b)]
        left = [b for b in cells if b is not a and b.x1 < a.x0 and _same_row(a, b)]
        if left or len(right) != 1:
            continue  # not the left cell of a two-cell row
        b = right[0]
        size = max(a.size, b.size)
        if b.x0 - a.x1 < 1.5 * size:
            continue
        if any(c is not a and c is not b and c.x0 >= a.x1 - 1 and c.x1 <= b.x0 + 1 and _v_overlap(a, c) > 0
               for c in blocks):
            continue  # something else sits in the gap
        if any(c is not a and c is not b and c.x0 > b.x1 and _same_row(b, c) for c in cells):
            continue  # a third cell: a table row, not a from→to pair
        rows.append((a, b))
    return sorted(rows, key=lambda r: -max(r[0].top, r[1].top))


def _same_row(a: Block, b: Block) -> bool:
    return _v_overlap(a, b) >= 0.5 * min(a.top - a.bottom, b.top - b.bottom)


def _chains(rows: list[tuple[Block, Block]], blocks: Sequence[Block]) -> list[list[tuple[Block, Block]]]:
    chains: list[list[tuple[Block, Block]]] = []
    used = {id(c) for row in rows for c in row}
    for row in rows:
        if chains and _stacks(chains[-1][-1], row, blocks, used):
            chains[-1].append(row)
        else:
            chains.append([row])
    return chains


def _stacks(upper: tuple[Block, Block], lower: tuple[Block, Block], blocks: Sequence[Block], used: set) -> bool:
    """Whether ``lower`` is the next row of the diagram whose last row is ``upper``."""
    for a, b in zip(upper, lower, strict=True):
        width = max(a.x1 - a.x0, b.x1 - b.x0)
        centred = abs((a.x0 + a.x1) - (b.x0 + b.x1)) / 2 <= 0.25 * width
        if not (centred or abs(a.x0 - b.x0) <= 0.5 * a.size or abs(a.x1 - b.x1) <= 0.5 * a.size):
            return False
    if not upper[1].x0 > lower[0].x1 - 1 or not lower[1].x0 > upper[0].x1 - 1:
        return False
    up_top, up_bottom = _row_extent(upper)
    low_top, _ = _row_extent(lower)
    if not -1 <= up_bottom - low_top <= max(1.2 * (up_top - up_bottom), 2 * upper[0].size):
        return False
    x0, x1 = min(upper[0].x0, lower[0].x0), max(upper[1].x1, lower[1].x1)
    return not any(id(c) not in used and c.top > low_top and c.bottom < up_bottom and c.x1 > x0 and c.x0 < x1
                   for c in blocks)


def _own_box(cell: Block, other: Block) -> Shape | None:
    """The drawn box around ``cell`` alone (not one that also holds the other cell of its row)."""
    box = cell.lines[0].box
    if box is None or all(ln.box is box for ln in other.lines):
        return None
    return box


def _row_extent(row: tuple[Block, Block]) -> tuple[float, float]:
    """Top and bottom of a row: of its cells' own boxes where drawn, else of their text."""
    tops, bottoms = [], []
    for cell, other in (row, row[::-1]):
        box = _own_box(cell, other)
        tops.append(box.y1 if box else cell.top)
        bottoms.append(box.y0 if box else cell.bottom)
    return max(tops), min(bottoms)


def _drawn(chain: list[tuple[Block, Block]], shapes: Sequence[Shape]) -> bool:
    """Whether at least half of the rows have their cells in boxes or a shape in the gap."""
    hits = 0
    for a, b in chain:
        boxed = _own_box(a, b) is not None and _own_box(b, a) is not None
        low, high = max(a.bottom, b.bottom), min(a.top, b.top)
        connector = any(s.x0 >= a.x1 - 2 and s.x1 <= b.x0 + 2 and s.y1 >= low and s.y0 <= high
                        for s in shapes if s.paint != "image")
        hits += boxed or connector
    return 2 * hits >= len(chain)
