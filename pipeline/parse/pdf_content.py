"""Positioned content of one PDF page: text runs with their boxes, painted shapes and image placements.

pypdf's ``extract_text`` gives text in content-stream order and reports, through its visitor, only
where each *line* starts; it neither gives a run's width nor splits a line whose pieces sit in two
columns. The layout stage needs both, so this module interprets the content stream itself, in one
pass per page, with pypdf's parser (``ContentStream``) and pypdf's font model (:mod:`.pdf_fonts`).
It tracks the graphics and text state (``q Q cm BT Tf Td TD Tm T* Tc Tw Tz TL Ts``), shows
``Tj TJ ' "``, paints form XObjects with their matrix and resources, and records:

* :class:`Run` – a stretch of glyphs on one baseline in one font: text, x-extent, baseline, size,
  bold/italic (from the font name and descriptor);
* :class:`Shape` – the bounding box of each painted path (boxes, bars, arrows of a diagram);
* images – where each image is placed (to tell a scanned page from a page with a photo).

Coordinates are in the page's displayed orientation (``/Rotate`` applied), origin bottom-left of the
crop box, y growing upwards. Only upright text is kept; rotated margin labels are dropped.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from itertools import repeat

from pypdf.generic import ContentStream, DictionaryObject

from .pdf_fonts import FontCache

IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_SHAPES = 4000  # painted paths kept per page (maps and charts can have many thousands)
MAX_FORM_DEPTH = 12
_PATH_OPS = (b"m", b"l", b"c", b"v", b"y", b"re", b"h")
_PAINT_OPS = {b"S": "stroke", b"s": "stroke", b"f": "fill", b"F": "fill", b"f*": "fill", b"B": "both",
              b"B*": "both", b"b": "both", b"b*": "both", b"n": None}


@dataclass(frozen=True, slots=True)
class Run:
    """Glyphs drawn on one baseline in one font, as one piece of text."""

    text: str
    x0: float
    x1: float
    y: float  # baseline
    size: float  # font size on the page (text and CTM scaling applied)
    bold: bool
    italic: bool


@dataclass(frozen=True, slots=True)
class Shape:
    """Bounding box of a painted path or a placed image."""

    x0: float
    y0: float
    x1: float
    y1: float
    paint: str  # "fill" | "stroke" | "both" | "image"

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True, slots=True)
class PageContent:
    width: float
    height: float
    runs: tuple[Run, ...]
    shapes: tuple[Shape, ...]
    images: tuple[Shape, ...]


class Deadline:
    """Raises ``TimeoutError`` from :meth:`check` once ``seconds`` have passed."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise TimeoutError


def _mult(m: tuple, n: tuple) -> tuple:
    """Matrix product m × n (PDF row-vector convention: apply m first, then n)."""
    return (m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
            m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
            m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5])


def _apply(m: tuple, x: float, y: float) -> tuple[float, float]:
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


def page_matrix(page) -> tuple[tuple, float, float]:
    """The matrix from user space to displayed page space, and the displayed width and height."""
    box = page.cropbox
    x0, y0, x1, y1 = float(box.left), float(box.bottom), float(box.right), float(box.top)
    rotate = int(page.get("/Rotate", 0) or 0) % 360
    if rotate == 90:
        return (0.0, -1.0, 1.0, 0.0, -y0, x1), y1 - y0, x1 - x0
    if rotate == 180:
        return (-1.0, 0.0, 0.0, -1.0, x1, y1), x1 - x0, y1 - y0
    if rotate == 270:
        return (0.0, 1.0, -1.0, 0.0, y1, -x0), y1 - y0, x1 - x0
    return (1.0, 0.0, 0.0, 1.0, -x0, -y0), x1 - x0, y1 - y0


def read_page(page, reader, fonts: FontCache, deadline: Deadline | None = None) -> PageContent:
    """Interpret ``page``'s content stream and return its runs, shapes and image placements.

    One pass, except for a page whose text mostly runs sideways or upside down as displayed (a
    portrait page turned by ``/Rotate``): it is read a second time, turned so that its text is upright.
    """
    ctm, width, height = page_matrix(page)
    resources = page.get("/Resources")
    contents = page.get("/Contents")
    if contents is None or resources is None:
        return PageContent(width, height, (), (), ())
    stream = ContentStream(contents, reader, "bytes")
    interp = _Interpreter(reader, fonts, deadline, ctm)
    interp.run(stream, resources.get_object())
    interp.flush()
    kept = sum(len(r.text) for r in interp.runs)
    if interp.turned and max(interp.turned.values()) > max(2 * kept, 20):
        turn, width, height = _upright(max(interp.turned, key=interp.turned.get), width, height)
        interp = _Interpreter(reader, fonts, deadline, _mult(ctm, turn))
        interp.run(stream, resources.get_object())
        interp.flush()
    return PageContent(width, height, tuple(interp.runs), tuple(interp.shapes), tuple(interp.images))


def _upright(direction: int, width: float, height: float) -> tuple[tuple, float, float]:
    """The turn that makes text running at ``direction`` degrees read left to right, and the new size."""
    if direction == 90:
        return (0.0, -1.0, 1.0, 0.0, 0.0, width), height, width
    if direction == 270:
        return (0.0, 1.0, -1.0, 0.0, height, 0.0), height, width
    return (-1.0, 0.0, 0.0, -1.0, width, height), width, height


class _State:
    """The graphics and text state that ``q``/``Q`` save and restore (text matrices aside)."""

    __slots__ = ("ctm", "info", "size", "tc", "tw", "th", "tl", "ts")

    def __init__(self, ctm: tuple) -> None:
        self.ctm, self.info = ctm, None
        self.size = self.tc = self.tw = self.tl = self.ts = 0.0
        self.th = 1.0

    def save(self) -> tuple:
        return (self.ctm, self.info, self.size, self.tc, self.tw, self.th, self.tl, self.ts)

    def restore(self, saved: tuple) -> None:
        self.ctm, self.info, self.size, self.tc, self.tw, self.th, self.tl, self.ts = saved


class _Interpreter:
    """Runs the operators of a page (and of the forms it paints); one instance per page."""

    def __init__(self, reader, fonts: FontCache, deadline: Deadline | None, ctm: tuple) -> None:
        self.reader, self.fonts, self.deadline = reader, fonts, deadline
        self.runs: list[Run] = []
        self.shapes: list[Shape] = []
        self.images: list[Shape] = []
        self.state = _State(ctm)
        self.stack: list[tuple] = []
        self.tm = self.tlm = IDENTITY
        self.path: list[float] | None = None  # [x0, y0, x1, y1] of the path being built (page space)
        self.resources: DictionaryObject | dict = {}
        self.depth = 0
        self._pending: list = []  # [text parts, x0, x1, y, size, font, space gap] of the run being built
        self._ops = 0
        self.turned: dict[int, int] = {}  # characters of text not upright, by direction (90, 180, 270)
        self.handlers = {
            b"Tj": self._tj, b"TJ": self._tj_array, b"'": self._quote, b'"': self._double_quote,
            b"Td": self._td, b"TD": self._td_leading, b"Tm": self._tm, b"T*": self._next_line, b"BT": self._bt,
            b"Tf": self._tf, b"Tc": self._setter("tc"), b"Tw": self._setter("tw"), b"Tz": self._tz,
            b"TL": self._setter("tl"), b"Ts": self._setter("ts"), b"q": self._save, b"Q": self._restore,
            b"cm": self._cm, b"Do": self._do, b"INLINE IMAGE": lambda operands: self._image(),
            **{op: self._path_op(op) for op in _PATH_OPS},
            **{op: self._paint(paint) for op, paint in _PAINT_OPS.items()},
        }

    def run(self, stream: ContentStream, resources) -> None:
        outer = self.resources
        self.resources = resources
        handlers = self.handlers
        for operands, op in stream.operations:
            self._ops += 1
            if self.deadline is not None and self._ops % 4000 == 0:
                self.deadline.check()
            handler = handlers.get(op)
            if handler is not None:
                handler(operands)
        self.resources = outer

    # ------------------------------------------------------------------ text state
    def _setter(self, name: str):
        def handler(operands) -> None:
            setattr(self.state, name, _num(operands[0]) if operands else 0.0)
        return handler

    def _tz(self, operands) -> None:
        self.state.th = (_num(operands[0]) if operands else 100.0) / 100.0

    def _tf(self, operands) -> None:
        fonts = _entry(self.resources, "/Font")
        ref = fonts.raw_get(operands[0]) if operands and operands[0] in fonts else None
        self.state.info = self.fonts.get(ref) if ref is not None else None
        if len(operands) > 1:
            self.state.size = _num(operands[1])

    def _bt(self, operands) -> None:
        self.tm = self.tlm = IDENTITY

    def _td(self, operands) -> None:
        tx = _num(operands[0]) if operands else 0.0
        ty = _num(operands[1]) if len(operands) > 1 else 0.0
        self.tm = self.tlm = _mult((1.0, 0.0, 0.0, 1.0, tx, ty), self.tlm)

    def _td_leading(self, operands) -> None:
        self.state.tl = -(_num(operands[1]) if len(operands) > 1 else 0.0)
        self._td(operands)

    def _tm(self, operands) -> None:
        self.tm = self.tlm = tuple(_num(v) for v in operands[:6]) if len(operands) >= 6 else IDENTITY

    def _next_line(self, operands=()) -> None:
        self.tm = self.tlm = _mult((1.0, 0.0, 0.0, 1.0, 0.0, -self.state.tl), self.tlm)

    # ---------------------------------------------------------------- showing text
    def _tj(self, operands) -> None:
        self._show(operands[:1])

    def _tj_array(self, operands) -> None:
        if operands and isinstance(operands[0], list):
            self._show(operands[0])

    def _quote(self, operands) -> None:
        self._next_line()
        self._show(operands[-1:])

    def _double_quote(self, operands) -> None:
        if len(operands) >= 3:
            self.state.tw, self.state.tc = _num(operands[0]), _num(operands[1])
        self._next_line()
        self._show(operands[-1:])

    def _show(self, items) -> None:
        """Show strings (and apply TJ offsets), advancing the text matrix."""
        st = self.state
        info = st.info
        if info is None:
            return
        widths = info.font.character_widths
        default = widths["default"]
        for item in items:
            if isinstance(item, bytes):
                text, keys = info.decode(item)
                advance = sum(map(widths.get, keys, repeat(default))) * info.width_scale * st.size + st.tc * len(keys)
                if info.simple and st.tw:
                    advance += st.tw * keys.count(" ")
                advance *= st.th
                self._add(text, advance)
                self.tm = _mult((1.0, 0.0, 0.0, 1.0, advance, 0.0), self.tm)
            elif isinstance(item, (int, float)):
                self.tm = _mult((1.0, 0.0, 0.0, 1.0, -float(item) / 1000.0 * st.size * st.th, 0.0), self.tm)

    def _add(self, text: str, advance: float) -> None:
        """Extend the run being built with ``text``, or start a new run."""
        st = self.state
        m = _mult(self.tm, st.ctm)
        if m[0] <= 0 or abs(m[1]) > 0.05 * abs(m[0]) or m[3] <= 0:
            direction = 180 if abs(m[0]) >= abs(m[1]) else (90 if m[1] > 0 else 270)
            self.turned[direction] = self.turned.get(direction, 0) + len(text)
            return  # not upright: dropped (a margin label), unless most of the page is like this
        x0, y = _apply(m, 0.0, st.ts)
        x1 = x0 + advance * m[0]
        eff = st.size * math.hypot(m[2], m[3])
        if not text or eff <= 0.5:
            return
        p = self._pending
        if p:
            gap = x0 - p[2]
            same_line = abs(y - p[3]) < 0.05 * eff and p[5] is st.info and abs(p[4] - eff) < 0.01 * eff
            if same_line and -0.5 * eff < gap < eff:
                if gap >= p[6] and not p[0][-1].endswith(" ") and not text.startswith(" "):
                    p[0].append(" ")
                p[0].append(text)
                p[2] = max(p[2], x1)
                return
            self.flush()
        space = st.info.font.space_width * st.info.width_scale * eff
        self._pending = [[text], x0, x1, y, eff, st.info, max(0.1 * eff, 0.5 * space)]

    def flush(self) -> None:
        """Emit the run being built."""
        p = self._pending
        if not p:
            return
        self._pending = []
        text = "".join(p[0])
        if text.strip():
            self.runs.append(Run(text, p[1], p[2], p[3], p[4], p[5].bold, p[5].italic))

    # -------------------------------------------------------------------- graphics
    def _save(self, operands) -> None:
        self.stack.append(self.state.save())

    def _restore(self, operands) -> None:
        if self.stack:
            self.state.restore(self.stack.pop())

    def _cm(self, operands) -> None:
        if len(operands) >= 6:
            self.state.ctm = _mult(tuple(_num(v) for v in operands[:6]), self.state.ctm)

    def _path_op(self, op: bytes):
        def handler(operands) -> None:
            nums = [_num(v) for v in operands]
            if op == b"re" and len(nums) >= 4:
                points = [(nums[0], nums[1]), (nums[0] + nums[2], nums[1] + nums[3])]
            else:
                points = list(zip(nums[0::2], nums[1::2], strict=False))
            ctm, path = self.state.ctm, self.path
            for x, y in points:
                px, py = _apply(ctm, x, y)
                if path is None:
                    path = self.path = [px, py, px, py]
                else:
                    path[0], path[1] = min(path[0], px), min(path[1], py)
                    path[2], path[3] = max(path[2], px), max(path[3], py)
        return handler

    def _paint(self, paint: str | None):
        def handler(operands) -> None:
            path, self.path = self.path, None
            if path is not None and paint is not None and len(self.shapes) < MAX_SHAPES:
                self.shapes.append(Shape(path[0], path[1], path[2], path[3], paint))
        return handler

    def _do(self, operands) -> None:
        xobjects = _entry(self.resources, "/XObject")
        try:
            xobj = xobjects[operands[0]].get_object() if operands and operands[0] in xobjects else None
        except Exception:  # a broken reference: nothing to paint
            return
        if xobj is None:
            return
        subtype = xobj.get("/Subtype")
        if subtype == "/Image":
            self._image()
        elif subtype == "/Form" and self.depth < MAX_FORM_DEPTH:
            self.flush()
            self._save(())
            matrix = xobj.get("/Matrix")
            if matrix is not None:
                self._cm(list(matrix))
            resources = xobj.get("/Resources")
            self.depth += 1
            try:
                self.run(ContentStream(xobj, self.reader, "bytes"),
                         resources.get_object() if resources is not None else self.resources)
            finally:
                self.depth -= 1
                self.flush()
                self._restore(())

    def _image(self) -> None:
        ctm = self.state.ctm
        corners = [_apply(ctm, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        self.images.append(Shape(min(xs), min(ys), max(xs), max(ys), "image"))


def _entry(resources, key: str):
    """A resource sub-dictionary (fonts, XObjects), or an empty dict."""
    value = resources.get(key) if resources is not None else None
    return value.get_object() if value is not None else {}


def _num(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0
