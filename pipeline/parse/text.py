"""Plain text (``text/plain``, also light Markdown): paragraphs, list items and headings.

Blocks are separated by blank lines. Inside a run of lines:

* a bullet line ("•", "-", "*", "–", "1.", "a)") starts a list item; indented lines after it
  continue the item;
* a line continues the previous one when that one was wrapped (long, or followed by a line in
  lower case, and not ending a sentence); otherwise it starts a new block. A hyphen at a line
  break is kept: "vård-" + "och omsorgsinsatser" stays "vård- och omsorgsinsatser";
* a Markdown heading ("## Bakgrund") is a heading of that level; a short line standing alone
  between blank lines that does not end like a sentence is a heading (level 1 for the first,
  then 2);
* a line that is only a labelled date ("Publicerad: 15 oktober 2019") is metadata, not text.

Markdown emphasis markers (``**fet**``, ``*kursiv*``) are removed.
"""

from __future__ import annotations

import re

from .. import registry
from ..errors import EmptyDocumentError
from ..settings import Settings
from ..types import Document, Fetched, Metadata
from .builder import DocumentBuilder, clean_inline
from .dates import date_line, parse_date
from .encoding import decode_bytes

BULLET = re.compile(r"^\s*(?:[•\-\*–·▪●◦‣]|\d{1,2}[.)]|[a-z][)])\s+")
MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_SENTENCE_END = re.compile(r"[.!?:;]$")
_SUSPENDED = re.compile(r"^(?:och|eller|samt|respektive|resp\.|till|som|men)\b", re.IGNORECASE)
_NOT_HEADING = re.compile(r"^[\w-]+:\s|www\.|://|@|^\d")
_WRAPPED = 60  # a line this long that does not end a sentence was wrapped by the writer


def parse_text(fetched: Fetched, settings: Settings) -> Document:
    decoded = decode_bytes(fetched.content, declared=fetched.charset, where=fetched.url)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    builder = DocumentBuilder()
    state = _State()
    for chunk in re.split(r"\n[ \t]*\n", text):
        lines = [ln.rstrip() for ln in chunk.split("\n") if ln.strip()]
        if lines:
            _chunk(lines, builder, state)
    if builder.length == 0:
        raise EmptyDocumentError(f"{fetched.url}: the text is empty", subject=fetched.url,
                                 hint="check that the file or address holds the document's text")
    metadata = Metadata(title=state.title, published=state.dates.get("published"),
                        modified=state.dates.get("modified"))
    return builder.build(location=fetched.url, media_type=fetched.media_type, sha256=fetched.sha256,
                         metadata=metadata, source_id=fetched.source_id, warnings=decoded.warnings)


class _State:
    def __init__(self) -> None:
        self.title: str | None = None
        self.dates: dict[str, str] = {}


def _chunk(lines: list[str], builder: DocumentBuilder, state: _State) -> None:
    if len(lines) == 1 and not BULLET.match(lines[0]):
        line = _unmark(lines[0].strip())
        heading = MD_HEADING.match(line)
        if heading:
            _heading(builder, state, heading.group(2), len(heading.group(1)))
            return
        if _date_line(line, state):
            return
        if _is_heading(line):
            _heading(builder, state, line, 1 if state.title is None else 2)
            return
    kind, current, level = None, [], 0
    for raw in lines:
        line = _unmark(raw)
        heading = MD_HEADING.match(line)
        bullet = BULLET.match(line)
        if heading or bullet or _date_line(line.strip(), state, peek=True):
            _flush(builder, kind, current, level)
            kind, current = None, []
            if heading:
                _heading(builder, state, heading.group(2), len(heading.group(1)))
            elif bullet:
                indent = len(line) - len(line.lstrip())
                kind, current, level = "list_item", [line[bullet.end():].strip()], 1 + indent // 4
            else:
                _date_line(line.strip(), state)
            continue
        line = line.strip()
        if current and (kind == "list_item" and raw[:1].isspace() or _continues(current[-1], line)):
            current.append(line)
        else:
            _flush(builder, kind, current, level)
            kind, current, level = "paragraph", [line], 0
    _flush(builder, kind, current, level)


def _continues(previous: str, line: str) -> bool:
    if _SENTENCE_END.search(previous):
        return False
    if line.startswith(("www.", "http://", "https://")):
        return False
    return len(previous) >= _WRAPPED or line[:1].islower() or previous.endswith("-")


def _flush(builder: DocumentBuilder, kind: str | None, lines: list[str], level: int) -> None:
    if not kind or not lines:
        return
    text = clean_inline(lines[0])
    for line in lines[1:]:
        text = _join(text, clean_inline(line))
    builder.add(kind, text, level=level, clean=False)


def _join(previous: str, line: str) -> str:
    if previous.endswith("-") and not previous.endswith(" -"):
        # "vård-" + "och omsorgsinsatser": a suspended hyphen keeps its space; "e-" + "tjänster" joins
        return previous + (" " if _SUSPENDED.match(line) else "") + line
    if len(previous.rsplit("\n", 1)[-1]) < _WRAPPED and _SENTENCE_END.search(previous) is None \
            and not line[:1].islower():
        return previous + "\n" + line  # a deliberate line break (an address, a name and a title)
    return previous + " " + line


def _heading(builder: DocumentBuilder, state: _State, text: str, level: int) -> None:
    text = clean_inline(text)
    if builder.heading(text, level) is not None and state.title is None:
        state.title = text


def _date_line(line: str, state: _State, peek: bool = False) -> bool:
    dates = date_line(line)
    if dates is None:
        return False
    if not peek:
        for d in dates:
            if d.iso:
                state.dates.setdefault(d.kind, d.iso)
    return True


def _unmark(line: str) -> str:
    if "*" not in line and "__" not in line:
        return line
    return _EMPHASIS.sub(r"\1", _STRONG.sub(r"\2", line))


def _is_heading(line: str) -> bool:
    """A short line that does not read like a sentence, a "Label: value" pair, an address or a date."""
    if len(line) > 90 or len(line.split()) > 12 or re.search(r"[.!:;,]$", line):
        return False
    if _NOT_HEADING.search(line) or not re.search(r"[^\W\d_]", line):
        return False
    return parse_date(line) is None


registry.register("parser", "text/plain", parse_text, aliases=("text", "text/markdown"))
