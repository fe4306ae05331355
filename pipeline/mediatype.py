"""Media types: from a Content-Type header, a file name, and the bytes themselves (sniffing)."""

from __future__ import annotations

from pathlib import PurePath

HTML = "text/html"
PDF = "application/pdf"
TEXT = "text/plain"
XHTML = "application/xhtml+xml"

BY_EXTENSION = {".html": HTML, ".htm": HTML, ".xhtml": HTML, ".pdf": PDF, ".txt": TEXT, ".text": TEXT, ".md": TEXT}
BY_KIND = {"html": HTML, "pdf": PDF, "text": TEXT}


def from_header(content_type: str | None) -> tuple[str | None, str | None]:
    """Split a Content-Type header into (media type, charset)."""
    if not content_type:
        return None, None
    parts = [p.strip() for p in content_type.split(";")]
    media = parts[0].lower() or None
    charset = None
    for p in parts[1:]:
        if p.lower().startswith("charset="):
            charset = p.split("=", 1)[1].strip().strip('"').lower() or None
    if media == XHTML:
        media = HTML
    return media, charset


def from_name(name: str) -> str | None:
    return BY_EXTENSION.get(PurePath(name.split("?")[0]).suffix.lower())


def sniff(content: bytes) -> str | None:
    """Guess the media type from the first bytes; None when nothing is recognised."""
    head = content[:1024].lstrip(b"\xef\xbb\xbf\r\n\t ").lower()
    if content[:5] == b"%PDF-" or b"%pdf-" in content[:1024]:
        return PDF
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head:
        return HTML
    if _looks_binary(content[:4096]):
        return "application/octet-stream"
    return None


def _looks_binary(chunk: bytes) -> bool:
    if not chunk:
        return False
    if b"\x00" in chunk:
        return True
    control = sum(1 for b in chunk if b < 9 or 13 < b < 32)
    return control / len(chunk) > 0.05


def decide(content: bytes, *, header: str | None = None, name: str | None = None) -> str:
    """The media type to parse ``content`` as: sniffed PDF/binary wins over a wrong header or name."""
    sniffed = sniff(content)
    declared = header or (from_name(name) if name else None)
    if sniffed in (PDF, "application/octet-stream"):
        return sniffed
    if declared:
        return declared
    return sniffed or TEXT
