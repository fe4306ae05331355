"""Writing the blocks of a content element into a DocumentBuilder, in reading order.

Block elements (``p``, ``div``, ``li``, headings, ``blockquote``, ``figcaption``, table rows, …)
start and end blocks; inline elements only add text, so ``för<b>bätt</b>ra`` stays one word and a
link inside a sentence stays inside it. ``<br>`` becomes a line break inside the block. Kinds:
headings with their level, ``list_item`` with its nesting depth, ``table_row`` (cells joined with
" | "), ``caption`` (figure and table captions), ``quote``, ``paragraph``; inside an aside every
non-heading block is ``aside``.

Lines that are page metadata ("Publicerad: 15 oktober 2019", an empty "Senast ändrad:") are not
written; their dates are handed to the caller. Leftover widget lines ("Hjälpte informationen på
sidan dig?", "Dela sidan") and breadcrumb trails are dropped as well.
"""

from __future__ import annotations

import re

from .builder import DocumentBuilder
from .dates import DateMention, date_line
from .links import is_document_link, resolve

HEADING_LEVEL = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
_KIND_OF = {"li": "list_item", "blockquote": "quote", "figcaption": "caption", "caption": "caption"}
_SPECIAL = frozenset({"list_item", "quote", "caption", "aside"})
_LINE = "\u2028"  # stands for <br> until the block text is cleaned
CHROME_LINE = re.compile(
    r"^(?:(?:hjälpte|var|fick du|hittade du)\b.{0,60}\?|dela(?: sidan| på \w+)?|skriv ut(?: sidan)?|"
    r"tipsa(?: en vän| om sidan)?|(?:tillbaka )?till toppen|lyssna|läs upp|hoppa till (?:huvud)?innehållet|"
    r"(?:gå )?direkt till (?:huvud)?innehållet|till innehåll|du är här:?|visa alla|stäng|dölj)$",
    re.IGNORECASE,
)
_CRUMB_SEPARATOR = re.compile(r"[›»>/|]")
_NOT_WORD = re.compile(r"[\s›»>/|]+")


def clean_block_text(text: str) -> str:
    """Fold white space to single spaces, keep ``<br>`` breaks as single newlines, trim."""
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    if _LINE not in text:
        return " ".join(text.split())
    lines = (" ".join(part.split()) for part in text.split(_LINE))
    return "\n".join(line for line in lines if line)


class BlockWriter:
    """Walks lxml elements and adds their blocks and links to ``builder``."""

    def __init__(self, builder: DocumentBuilder, base_url: str | None):
        self.builder = builder
        self.base_url = base_url
        self.dates: list[DateMention] = []  # from metadata lines found in the content
        self.title: str | None = None  # text of the first h1 written
        self._buf: list[str] = []
        self._links: list[tuple[str, str, str | None]] = []  # (href, anchor text, type attribute)
        self._kind = "paragraph"
        self._level = 0
        self._depth = 0  # list nesting
        self._pre = 0
        self._open: list[list] = []  # anchors being read: [href, type, start index in the buffer]

    def write(self, el, kind: str = "paragraph") -> None:
        """Write ``el``'s content; ``kind="aside"`` makes every non-heading block an aside block."""
        saved = self._kind, self._level
        self._kind, self._level = kind, 0
        if el.tag in HEADING_LEVEL or el.tag in BLOCK_TAGS:
            self._block(el)
        else:
            self._inline(el)
        self.flush()
        self._kind, self._level = saved

    def heading(self, el) -> None:
        self.flush()
        self._heading(el)

    # -- walking -------------------------------------------------------------------------------
    def _inline(self, el) -> None:
        if el.text:
            self._buf.append(el.text.replace("\n", _LINE) if self._pre else el.text)
        for child in el:
            tag = child.tag
            if isinstance(tag, str):
                if tag == "br":
                    self._buf.append(_LINE)
                elif tag in BLOCK_TAGS:
                    self._block(child)
                elif tag == "a":
                    self._anchor(child)
                else:
                    self._inline(child)
            if child.tail:
                self._buf.append(child.tail.replace("\n", _LINE) if self._pre else child.tail)

    def _block(self, el) -> None:
        tag = el.tag
        if tag in HEADING_LEVEL:
            self.flush()
            self._heading(el)
            return
        if tag == "table" and not _is_layout_table(el):
            self.flush()
            self._table(el)
            return
        if tag == "hr":
            self.flush()
            return
        saved = self._kind, self._level, self._depth
        if tag in ("ul", "ol", "menu", "dir"):
            self._depth += 1
        elif tag == "li":
            if self._kind != "aside":
                self._kind, self._level = "list_item", max(self._depth, 1)
        elif tag in _KIND_OF and self._kind != "aside":
            self._kind, self._level = _KIND_OF[tag], 0
        elif self._kind not in _SPECIAL:
            self._kind, self._level = "paragraph", 0
        self._pre += tag == "pre"
        self.flush()
        self._inline(el)
        self.flush()
        self._pre -= tag == "pre"
        self._kind, self._level, self._depth = saved

    def _anchor(self, a) -> None:
        href = resolve(a.get("href"), self.base_url)
        if href is None:
            self._inline(a)
            return
        entry = [href, a.get("type"), len(self._buf)]
        self._open.append(entry)
        self._inline(a)
        if any(e is entry for e in self._open):  # no block took its text: it ends in this buffer
            self._open = [e for e in self._open if e is not entry]
            self._links.append((href, "".join(self._buf[entry[2]:]), entry[1]))

    def _claim_anchors(self, text: str | None = None) -> None:
        """Open anchors whose text is in the buffer about to be written become links of that block;
        an anchor around block content (a teaser card) takes the text of the first block inside it."""
        for entry in list(self._open):
            anchor = text if text is not None else "".join(self._buf[entry[2]:])
            if anchor.strip():
                self._links.append((entry[0], anchor, entry[1]))
                self._open = [e for e in self._open if e is not entry]
            else:
                entry[2] = 0  # its text starts with the next block

    def _heading(self, el) -> None:
        text, links = self._flat(el)
        text = text.replace("\n", " ")
        if self._open and text:
            saved, self._links = self._links, []
            self._claim_anchors(text)
            links, self._links = self._links + links, saved
        block = self.builder.add("heading", text, level=HEADING_LEVEL[el.tag], clean=False) if text else None
        if block is None:
            return
        if self.title is None and el.tag == "h1":
            self.title = text
        for href, anchor, mtype in links:
            self._add_link(href, anchor, block, mtype)

    def _table(self, table) -> None:
        for caption in table.iterchildren("caption"):
            self._emit("caption", 0, *self._flat(caption))
        for row in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
            cells, links = [], []
            for cell in row.iterchildren("td", "th"):
                text, cell_links = self._flat(cell)
                cells.append(text.replace("\n", " "))
                links.extend(cell_links)
            if any(cells):
                self._emit("table_row", 0, " | ".join(cells), links)

    def _flat(self, el) -> tuple[str, list]:
        """``el``'s text as one line of inline text (nested blocks joined by spaces), and its links."""
        saved = self._buf, self._links
        self._buf, self._links = [], []
        self._flatten(el)
        text, links = clean_block_text("".join(self._buf)), self._links
        self._buf, self._links = saved
        return text, links

    def _flatten(self, el) -> None:
        if el.text:
            self._buf.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                if child.tag == "br":
                    self._buf.append(" ")
                elif child.tag == "a":
                    mark = len(self._buf)
                    self._flatten(child)
                    href = resolve(child.get("href"), self.base_url)
                    if href:
                        self._links.append((href, "".join(self._buf[mark:]), child.get("type")))
                else:
                    block = child.tag in BLOCK_TAGS
                    if block:
                        self._buf.append(" ")
                    self._flatten(child)
                    if block:
                        self._buf.append(" ")
            if child.tail:
                self._buf.append(child.tail)

    # -- emitting ------------------------------------------------------------------------------
    def flush(self) -> None:
        if not self._buf:
            return
        if self._open:
            self._claim_anchors()
        text, links = clean_block_text("".join(self._buf)), self._links
        self._buf, self._links = [], []
        if text:
            self._emit(self._kind, self._level, text, links)

    def _emit(self, kind: str, level: int, text: str, links: list) -> None:
        if not text:
            return
        dates = date_line(text)
        if dates is not None:
            self.dates.extend(dates)
            return
        if CHROME_LINE.match(text) or _is_crumb_trail(text, links):
            return
        block = self.builder.add(kind, text, level=level, clean=False)
        if block is None:
            return
        for href, anchor, mtype in links:
            self._add_link(href, anchor, block, mtype)

    def _add_link(self, href: str, anchor: str, block, mtype: str | None) -> None:
        anchor = clean_block_text(anchor).replace("\n", " ")
        self.builder.link(href, anchor, block=block, is_document=is_document_link(href, anchor, mtype))


def _is_layout_table(table) -> bool:
    """Tables used for page layout are walked as blocks, not as rows of cells."""
    if (table.get("role") or "").lower() in ("presentation", "none"):
        return True
    if table.find(".//table") is not None:
        return True
    rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    if len(rows) == 1 and len(rows[0].xpath("./td|./th")) <= 1:
        return True
    for cell in table.iter("td"):
        blocks = [c for c in cell if c.tag in ("p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "blockquote")]
        if len(blocks) >= 3:
            return True
    return False


def _is_crumb_trail(text: str, links: list) -> bool:
    """"Start › Vård och hälsa › Nära vård": links joined by separators, nothing else of note."""
    if len(links) < 2 or any(ch in text for ch in ".!?:"):
        return False
    if len(_CRUMB_SEPARATOR.findall(text)) < len(links) - 1:
        return False
    rest = len(_NOT_WORD.sub("", text))
    linked = sum(len(_NOT_WORD.sub("", anchor)) for _href, anchor, _type in links)
    return rest - linked <= 0.5 * rest
