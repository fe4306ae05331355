"""Turning bytes into text: BOM, declared charset, then detection; no mojibake in å, ä, ö."""

from __future__ import annotations

import codecs

from ..errors import ParseError

BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode_text(content: bytes, *, declared: str | None = None, where: str = "document") -> str:
    """Decode ``content``: a BOM wins, then the declared charset if the bytes fit it, then UTF-8,
    then detection (charset-normalizer), then windows-1252 (the usual legacy charset of Swedish sites)."""
    for bom, enc in BOMS:
        if content.startswith(bom):
            return content[len(bom):].decode(enc, errors="replace")
    candidates = []
    if declared:
        candidates.append(declared)
    candidates.append("utf-8")
    for enc in candidates:
        try:
            return content.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(content[:200_000]).best()
        if best is not None and best.encoding:
            return content.decode(best.encoding, errors="replace")
    except ImportError:  # optional: fall through to windows-1252
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ParseError(f"{where}: text cannot be decoded in any known encoding", subject=where) from exc
