"""Plain text (``text/plain``): paragraphs separated by blank lines, bullet lines as list items.

A short line that stands alone between blank lines and does not end in a sentence mark is taken
as a heading (level 2; the first one, level 1).
"""

from __future__ import annotations

import re

from .. import registry
from ..settings import Settings
from ..types import Document, Fetched, Metadata
from .builder import DocumentBuilder
from .encoding import decode_text

BULLET = re.compile(r"^\s*(?:[•\-\*–·▪●◦]|\d{1,2}[.)])\s+")


def parse_text(fetched: Fetched, settings: Settings) -> Document:
    text = decode_text(fetched.content, declared=fetched.charset, where=fetched.url)
    builder = DocumentBuilder()
    title = None
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [ln for ln in chunk.split("\n") if ln.strip()]
        if not lines:
            continue
        if any(BULLET.match(ln) for ln in lines):
            for ln in lines:
                if BULLET.match(ln):
                    builder.add("list_item", BULLET.sub("", ln, count=1), level=1)
                elif builder.length:  # continuation line of the previous item or a lead-in
                    builder.add("paragraph", ln)
            continue
        para = " ".join(ln.strip() for ln in lines)
        if len(lines) == 1 and _is_heading(para):
            builder.heading(para, 1 if title is None else 2)
            title = title or para
        else:
            builder.add("paragraph", para)
    return builder.build(location=fetched.url, media_type=fetched.media_type, sha256=fetched.sha256,
                         metadata=Metadata(title=title), source_id=fetched.source_id)


def _is_heading(line: str) -> bool:
    return len(line) <= 90 and not re.search(r"[.!:;,]$", line) and len(line.split()) <= 12


registry.register("parser", "text/plain", parse_text, aliases=("text", "text/markdown"))
