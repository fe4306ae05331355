"""Showing a Document to a person (readable text) or to a program (JSON with every offset).

Used by ``naravard parse``; nothing here prints.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict

from ..types import Block, Document

_BULLET = "•"
_COMPACT = frozenset({"list_item", "table_row", "diagram_pair"})


def to_json(document: Document) -> str:
    """The whole record as JSON: text, metadata, sections, blocks, links and pairs with offsets."""
    return json.dumps(asdict(document), ensure_ascii=False, indent=2, default=str)


def to_text(document: Document, width: int = 100) -> str:
    """A readable rendering: title and metadata, then the blocks under their headings, then links."""
    lines = _header(document)
    lines.append("")
    page = None
    previous = None
    for block in document.blocks:
        if block.page is not None and block.page != page:
            page = block.page
            lines += [f"── page {page} " + "─" * max(0, min(width, 60) - 10 - len(str(page))), ""]
        elif previous in _COMPACT and block.kind == previous and lines and lines[-1] == "":
            lines.pop()  # consecutive list items, rows and pairs without blank lines between
        lines += _block(document.text[block.start:block.end], block, width)
        lines.append("")
        previous = block.kind
    lines += _links(document)
    if document.warnings:
        lines += ["Warnings:"] + [f"  {w}" for w in document.warnings] + [""]
    return "\n".join(lines).rstrip() + "\n"


def _header(doc: Document) -> list[str]:
    m = doc.metadata
    title = m.title or "(untitled)"
    rows = [
        ("Location", doc.location),
        ("Canonical", m.canonical_url),
        ("Language", m.language),
        ("Site", m.site_name),
        ("Publisher", m.publisher),
        ("Author", m.author),
        ("Published", m.published),
        ("Modified", m.modified),
        ("Pages", str(m.page_count) if m.page_count else None),
        ("Keywords", ", ".join(m.keywords) if m.keywords else None),
        ("Description", m.description),
        ("Running lines", " · ".join(m.running_lines) if m.running_lines else None),
    ]
    documents = sum(1 for link in doc.links if link.is_document)
    summary = (f"{doc.media_type} · {len(doc.text):,} characters · {len(doc.blocks)} blocks · "
               f"{len(doc.sections)} sections · {len(doc.links)} links ({documents} to documents)")
    out = [title, "=" * min(len(title), 100)]
    out += [f"{label + ':':<15}{value}" for label, value in rows if value]
    out.append(f"{'Content:':<15}{summary}")
    out.append(f"{'sha256:':<15}{doc.sha256}")
    return out


def _block(text: str, block: Block, width: int) -> list[str]:
    kind = block.kind
    if kind == "heading":
        return ["#" * max(1, block.level) + " " + " ".join(text.split())]
    if kind == "list_item":
        indent = "  " * max(0, block.level - 1)
        return _wrap(text, width, indent + f"  {_BULLET} ", indent + "    ")
    if kind == "quote":
        return _wrap(text, width, "> ", "> ")
    if kind == "caption":
        return _wrap(f"[{text}]", width, "  ", "  ")
    if kind == "aside":
        return _wrap(text, width, "│ ", "│ ")
    if kind in ("table_row", "diagram_pair"):
        return ["  " + line for line in text.split("\n")]
    return _wrap(text, width, "", "")


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    out: list[str] = []
    for i, line in enumerate(text.split("\n")):
        out += textwrap.wrap(line, width=width, initial_indent=first if i == 0 else rest,
                             subsequent_indent=rest, break_long_words=False, break_on_hyphens=False) or [rest]
    return out


def _links(doc: Document) -> list[str]:
    if not doc.links:
        return []
    out = ["Links:"]
    for link in doc.links:
        mark = "[document] " if link.is_document else ""
        out.append(f"  {mark}{link.text or '(no text)'}")
        out.append(f"      {link.href}")
    return out + [""]
