"""PDF document information and link annotations.

* :func:`metadata` – title, author, subject, keywords, dates (ISO 8601), language (``/Lang``), page
  count, and the publisher when the author field names an organisation rather than a person.
* :func:`page_links` – URI link annotations with their rectangles in displayed page space, and
  :func:`anchor_text` – the text of the lines under such a rectangle.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

from pypdf.generic import IndirectObject

from ..types import Metadata
from .dates import parse_date
from .pdf_content import _apply
from .pdf_layout import Line

DOCUMENT_SUFFIXES = frozenset({".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".pps", ".ppsx", ".odt",
                               ".ods", ".odp", ".rtf", ".epub"})
_APP_PREFIX = re.compile(r"^(?:microsoft\s+(?:word|powerpoint|excel)\s*-\s*)", re.IGNORECASE)
_FILE_NAME = re.compile(r"\.(?:docx?|pptx?|xlsx?|pdf|indd|odt|qxp|rtf)$", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"^(?:untitled|namnlös|slide\s*\d*|dokument\s*\d*|document\s*\d*|presentation\d*)$",
                         re.IGNORECASE)
# Author values that are software or an account, not a publisher.
_ACCOUNT = re.compile(r"(?:user|admin|owner|microsoft|adobe|office|unknown|anv[aä]ndare)", re.IGNORECASE)
_PLACEHOLDER_AUTHOR = re.compile(r"^(?:anonymous|unknown|okänd|user|admin|administrator|owner|author|författare)$",
                                 re.IGNORECASE)
_ORG_WORDS = re.compile(
    r"\b(?:region|kommun|kommuner|landsting|förbund|fou|skr|skl|myndighet|verket|styrelsen|socialstyrelsen|"
    r"departement|regeringen|institut|universitet|högskola|centrum|center|förening|stiftelse|rådet|nämnd|"
    r"förvaltning|ab|länsstyrelsen|vårdförbund|inspektionen)\b|\bi\b|\w+(?:verket|styrelsen|myndigheten)\b",
    re.IGNORECASE)


def _text(value) -> str | None:
    if isinstance(value, IndirectObject):
        value = value.get_object()
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value).replace("\x00", "")).strip()
    return text or None


def clean_title(title: str | None) -> str | None:
    """The document title, or None when the field holds a file name or a placeholder."""
    if not title:
        return None
    title = _APP_PREFIX.sub("", title).strip()
    if _FILE_NAME.search(title) or _NOT_A_NAME.match(title) or not any(ch.isalpha() for ch in title):
        return None
    return title


def publisher_from_author(author: str | None) -> str | None:
    """``author`` when it names an organisation ("FoU i Sörmland", "Region Halland"), else None."""
    if not author or len(author) > 120:
        return None
    if _ORG_WORDS.search(author):
        return author
    if _ACCOUNT.search(author):
        return None
    if re.search(r"\b[A-ZÅÄÖ]{2,}\b", author):
        return author  # an acronym: "SKR", "IVO"
    return None  # most likely a person ("Anna Svensson")


def metadata(reader, *, page_count: int, fallback_title: str | None, running: tuple[str, ...]) -> Metadata:
    info = {}
    try:
        raw = reader.metadata or {}
        info = {k: _text(raw.get(k)) for k in ("/Title", "/Author", "/Subject", "/Keywords", "/CreationDate",
                                                 "/ModDate")}
    except Exception:  # a broken /Info dictionary: treat as absent
        info = {}
    try:
        lang = _text(reader.trailer["/Root"].get("/Lang"))
    except Exception:
        lang = None
    author = info.get("/Author")
    if author and _PLACEHOLDER_AUTHOR.match(author):
        author = None
    keywords = tuple(k.strip() for k in re.split(r"[,;]", info.get("/Keywords") or "") if k.strip())
    return Metadata(
        title=clean_title(info.get("/Title")) or fallback_title,
        language=lang,
        publisher=publisher_from_author(author),
        author=author,
        description=info.get("/Subject"),
        keywords=keywords,
        published=parse_date(info.get("/CreationDate")),
        modified=parse_date(info.get("/ModDate")),
        page_count=page_count,
        running_lines=running,
    )


def is_document(href: str) -> bool:
    return PurePosixPath(urlsplit(href).path).suffix.lower() in DOCUMENT_SUFFIXES


def page_links(page, matrix: tuple, base: str) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(href, (x0, y0, x1, y1)) of the page's URI link annotations, in displayed page space."""
    out = []
    try:
        annots = page.get("/Annots")
        annots = annots.get_object() if annots is not None else []
    except Exception:
        return out
    for ref in annots or []:
        try:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            action = action.get_object() if action is not None else None
            if action is None or action.get("/S") != "/URI":
                continue
            href = _text(action.get("/URI"))
            rect = [float(v) for v in annot.get("/Rect")[:4]]
        except Exception:  # a malformed annotation: skip it
            continue
        if not href or href.lower().startswith("javascript:"):
            continue
        if base.startswith(("http://", "https://")) and not urlsplit(href).scheme:
            href = urljoin(base, href)
        (ax, ay), (bx, by) = _apply(matrix, rect[0], rect[1]), _apply(matrix, rect[2], rect[3])
        out.append((href, (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))))
    return out


def anchor_text(lines: Sequence[Line], rect: tuple[float, float, float, float]) -> tuple[str, Line | None]:
    """The text of ``lines`` under ``rect`` (cut to whole words) and the first such line."""
    x0, y0, x1, y1 = rect
    parts, first = [], None
    for line in sorted(lines, key=lambda ln: (-ln.y, ln.x0)):
        if not (y0 - 1 <= line.y <= y1 + 1 and line.x1 > x0 and line.x0 < x1):
            continue
        text = line.text
        width = line.x1 - line.x0
        if width > 0 and (line.x0 < x0 - 2 or line.x1 > x1 + 2):
            start = max(0, int((x0 - line.x0) / width * len(text)))
            end = min(len(text), int(round((x1 - line.x0) / width * len(text))))
            while 0 < start < len(text) and not text[start - 1].isspace():
                start -= 1
            while end < len(text) and not text[end].isspace():
                end += 1
            text = text[start:end]
        parts.append(text.strip())
        first = first or line
    return " ".join(p for p in parts if p), first
