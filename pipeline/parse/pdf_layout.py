"""Layout of one PDF page: runs become lines, lines become blocks, blocks are put in reading order.

* **Lines.** Runs on one baseline are joined left to right; a horizontal gap wider than about one
  em starts a new line (the gutter between two columns, the space between two diagram boxes). A
  lone list marker ("•", "–", "1.") stays with the text after it.
* **Blocks.** A line continues the block above it when it is in the same drawn box, overlaps it
  horizontally, has the same size and weight, and sits one line pitch below; a list marker, a
  paragraph gap, a first-line indent or a change of style starts a new block.
* **Reading order** is a recursive XY cut: columns (x-gaps that no block crosses) are read left to
  right, each top to bottom; where no gutter runs through the whole region, it is cut into
  horizontal bands at y-gaps. A band holding a wide element (a heading bar, a full-width
  paragraph) stands alone; the bands between such separators are read together as one
  multi-column stretch unless they disagree about the columns. Full-width elements thereby come in
  page order between the column groups above and below them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .pdf_content import Run, Shape
from .pdf_words import BULLETS, MARKER, join_lines, strip_bullet

SPLIT_GAP = 1.2  # a gap wider than this many ems splits a baseline into separate lines
WORD_GAP = 0.12  # a gap wider than this many ems between runs is a word space


@dataclass(slots=True)
class Line:
    """One line of text in one column."""

    text: str
    x0: float
    x1: float
    y: float  # baseline
    size: float
    bold: bool
    italic: bool
    marker: str = ""  # list marker at the start ("•", "–", "1."), if any
    text_x0: float = 0.0  # where the text after the marker starts
    box: Shape | None = None  # innermost drawn box around the line

    @property
    def top(self) -> float:
        return self.y + 0.8 * self.size

    @property
    def bottom(self) -> float:
        return self.y - 0.25 * self.size


@dataclass(slots=True)
class Block:
    """Consecutive lines that belong together: a paragraph, heading, list item or quote."""

    lines: list[Line]
    page: int
    kind: str = "paragraph"
    level: int = 0
    x0: float = field(default=0.0)
    x1: float = field(default=0.0)
    top: float = field(default=0.0)
    bottom: float = field(default=0.0)
    _text: str | None = None

    def fit(self) -> Block:
        self._text = None
        self.x0 = min(ln.x0 for ln in self.lines)
        self.x1 = max(ln.x1 for ln in self.lines)
        self.top = max(ln.top for ln in self.lines)
        self.bottom = min(ln.bottom for ln in self.lines)
        return self

    @property
    def text(self) -> str:
        """The block's lines joined (a bullet or dash marker removed); computed once after :meth:`fit`."""
        if self._text is None:
            texts = [ln.text for ln in self.lines]
            marker = self.lines[0].marker
            if marker and (marker in BULLETS or marker in "-–—*"):  # numbers ("1.", "a)") stay in the text
                first = texts[0][len(marker):] if texts[0].startswith(marker) else texts[0]
                texts[0] = strip_bullet(first).strip()
            self._text = join_lines(texts)
        return self._text

    @property
    def size(self) -> float:
        return max(self.lines, key=lambda ln: len(ln.text)).size

    @property
    def bold(self) -> bool:
        return all(ln.bold for ln in self.lines)

    @property
    def italic(self) -> bool:
        return all(ln.italic for ln in self.lines)


# ------------------------------------------------------------------------------- lines
def make_lines(runs: Sequence[Run]) -> list[Line]:
    """Group runs by baseline, then split each baseline at wide gaps."""
    lines: list[Line] = []
    row: list[Run] = []
    for run in sorted(runs, key=lambda r: (-r.y, r.x0)):
        if row and abs(row[0].y - run.y) > 0.35 * min(row[0].size, run.size):
            lines.extend(_split_row(row))
            row = []
        row.append(run)
    if row:
        lines.extend(_split_row(row))
    return lines


def _split_row(row: list[Run]) -> list[Line]:
    row.sort(key=lambda r: r.x0)
    groups: list[list[Run]] = [[row[0]]]
    for run in row[1:]:
        last = groups[-1][-1]
        if run.text == last.text and abs(run.x0 - last.x0) < 0.2 * run.size:
            continue  # the same text printed twice (faux bold or a shadow)
        gap = run.x0 - last.x1
        size = max(run.size, last.size)
        lone_marker = len(groups[-1]) == 1 and MARKER.match(last.text.strip())
        if gap > SPLIT_GAP * size and not (lone_marker and gap < 4 * size):
            groups.append([run])
        else:
            groups[-1].append(run)
    return [_line(g) for g in groups]


def _line(runs: list[Run]) -> Line:
    parts = [runs[0].text]
    for prev, run in zip(runs, runs[1:], strict=False):
        gap = run.x0 - prev.x1
        if gap > WORD_GAP * max(run.size, prev.size) and not parts[-1].endswith(" ") and not run.text.startswith(" "):
            parts.append(" ")
        parts.append(run.text)
    text = "".join(parts).strip()
    main = max(runs, key=lambda r: len(r.text.strip()))
    marker, text_x0, body = _marker(runs, text)
    return Line(text=text, x0=runs[0].x0, x1=max(r.x1 for r in runs), y=main.y, size=main.size,
                bold=all(r.bold for r in body), italic=all(r.italic for r in body), marker=marker,
                text_x0=text_x0)


def _marker(runs: list[Run], text: str) -> tuple[str, float, list[Run]]:
    """The list marker that starts a line, where the text after it starts, and the text's runs."""
    first = runs[0].text.strip()
    rest = [r for r in runs[1:] if r.text.strip()]
    if rest and MARKER.match(first) and (first in BULLETS or rest[0].x0 - runs[0].x1 >= 0.3 * runs[0].size):
        return first, rest[0].x0, rest
    if text[:1] in BULLETS:
        frac = 2 / max(len(runs[0].text), 2)
        return text[0], runs[0].x0 + frac * (runs[0].x1 - runs[0].x0), [r for r in runs if r.text.strip()]
    return "", runs[0].x0, [r for r in runs if r.text.strip()]


def assign_boxes(lines: Sequence[Line], shapes: Sequence[Shape]) -> None:
    """Set each line's ``box`` to the smallest drawn rectangle around it."""
    boxes = sorted((s for s in shapes if s.width >= 8 and s.height >= 6), key=lambda s: s.width * s.height)
    if not boxes:
        return
    for line in lines:
        for s in boxes:
            if (s.x0 - 1 <= line.x0 and line.x1 <= s.x1 + 1
                    and s.y0 - 1 <= line.y - 0.2 * line.size and line.y + 0.7 * line.size <= s.y1 + 1):
                line.box = s
                break


# ------------------------------------------------------------------------------ blocks
def make_blocks(lines: Sequence[Line], page: int) -> list[Block]:
    """Group lines into blocks (top to bottom; each line joins the best block ending just above it)."""
    blocks: list[Block] = []
    extents: list[list[float]] = []  # [x0, x1, pitch] per block
    for line in sorted(lines, key=lambda ln: (-ln.y, ln.x0)):
        best, best_overlap = -1, 0.0
        for i, block in enumerate(blocks):
            overlap = _continues(block, extents[i], line)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best < 0:
            blocks.append(Block([line], page))
            extents.append([line.x0, line.x1, 0.0])
            continue
        block, ext = blocks[best], extents[best]
        pitch = block.lines[-1].y - line.y
        ext[2] = pitch if not ext[2] else min(ext[2], pitch)
        ext[0], ext[1] = min(ext[0], line.x0), max(ext[1], line.x1)
        block.lines.append(line)
    return [b.fit() for b in blocks]


def _continues(block: Block, ext: list[float], line: Line) -> float:
    """How well ``line`` continues ``block`` (its horizontal overlap), or 0 if it does not."""
    prev = block.lines[-1]
    size = max(prev.size, line.size)
    dy = prev.y - line.y
    limit = 1.75 * size if not ext[2] else min(1.75 * size, 1.3 * ext[2])
    if not 0.4 * size < dy <= limit or line.marker or line.box is not prev.box:
        return 0.0
    if abs(prev.size - line.size) > 0.12 * size or line.bold != prev.bold or line.italic != prev.italic:
        return 0.0
    x0, x1 = ext[0], ext[1]
    first = block.lines[0]
    if first.marker and line.x0 < first.text_x0 - 0.3 * size:
        return 0.0  # a line at the marker's position is not a continuation of the item
    if prev.text.rstrip().endswith((".", "!", "?", ":")) and (line.text[:1].isupper() or line.text[:1].isdigit()):
        indented = line.x0 > x0 + 0.8 * size and not first.marker
        short = prev.x1 - x0 < 0.6 * (max(x1, line.x1) - x0)
        if indented or short:
            return 0.0  # the previous line ended a paragraph
    return max(0.0, min(x1, line.x1) - max(x0, line.x0))


def box_owners(blocks: Sequence[Block]) -> dict[int, int]:
    """How many blocks have lines in each drawn box (keyed by the box's id)."""
    owners: dict[int, int] = {}
    for b in blocks:
        for key in {id(ln.box) for ln in b.lines if ln.box is not None}:
            owners[key] = owners.get(key, 0) + 1
    return owners


def sole_box(block: Block, owners: dict[int, int]) -> Shape | None:
    """The drawn box that holds ``block`` and nothing else, if there is one."""
    box = block.lines[0].box
    if box is not None and all(ln.box is box for ln in block.lines) and owners.get(id(box)) == 1:
        return box
    return None


def expand_to_boxes(blocks: Sequence[Block]) -> None:
    """Give a block that alone fills a drawn box (a heading bar, a framed note) the box's extent.

    A heading on a full-width bar is then seen as full width by :func:`reading_order`, even when
    its text is short.
    """
    owners = box_owners(blocks)
    for b in blocks:
        box = sole_box(b, owners)
        if box is not None:
            b.x0, b.x1 = min(b.x0, box.x0), max(b.x1, box.x1)
            b.top, b.bottom = max(b.top, box.y1), min(b.bottom, box.y0)


# ------------------------------------------------------------------------ reading order
def reading_order(items: list, gutter: float) -> list:
    """``items`` (anything with x0, x1, top, bottom) in reading order; see the module docstring."""
    if len(items) <= 1:
        return list(items)
    columns = split_columns(items, gutter)
    if len(columns) > 1:
        return [it for col in columns for it in reading_order(col, gutter)]
    bands = _bands(items)
    groups = _group_bands(bands, gutter) if len(bands) > 1 else bands
    if len(groups) == 1:
        return sorted(items, key=lambda it: (-it.top, it.x0))
    return [it for group in groups for it in reading_order(group, gutter)]


def _group_bands(bands: list[list], gutter: float) -> list[list]:
    """Join consecutive bands that belong to one multi-column stretch.

    A band that is one wide element (a full-width heading, bar or paragraph, with nothing beside
    it) stands alone. Other bands are joined unless they disagree about columns: one has a gutter
    that the other's items cross.
    """
    x0 = min(it.x0 for band in bands for it in band)
    x1 = max(it.x1 for band in bands for it in band)
    wide = 0.6 * (x1 - x0)
    groups: list[list] = []
    prev_wide = True
    for band in bands:
        is_wide = any(it.x1 - it.x0 >= wide for it in band) and len(split_columns(band, gutter)) == 1
        if groups and not is_wide and not prev_wide and not _conflict(groups[-1], band, gutter):
            groups[-1] = groups[-1] + band
        else:
            groups.append(band)
        prev_wide = is_wide
    return groups


def _conflict(upper: list, lower: list, gutter: float) -> bool:
    if len(split_columns(upper + lower, gutter)) > 1:
        return False
    return len(split_columns(upper, gutter)) > 1 or len(split_columns(lower, gutter)) > 1


def split_columns(items: list, gutter: float) -> list[list]:
    """Items grouped by vertical gaps at least ``gutter`` wide that no item crosses, left to right."""
    ordered = sorted(items, key=lambda it: it.x0)
    columns: list[list] = [[ordered[0]]]
    right = ordered[0].x1
    for it in ordered[1:]:
        if it.x0 - right >= gutter:
            columns.append([it])
        else:
            columns[-1].append(it)
        right = max(right, it.x1)
    return columns


def _bands(items: list) -> list[list]:
    """Items grouped by horizontal gaps that no item crosses, top to bottom."""
    ordered = sorted(items, key=lambda it: -it.top)
    bands: list[list] = [[ordered[0]]]
    low = ordered[0].bottom
    for it in ordered[1:]:
        if it.top < low:
            bands.append([it])
        else:
            bands[-1].append(it)
        low = min(low, it.bottom)
    return bands
