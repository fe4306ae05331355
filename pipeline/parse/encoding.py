"""Turning bytes into text: BOM, declared charset, then evidence from the bytes; no mojibake in å, ä, ö.

Swedish public-sector sites get this wrong in three classic ways, all handled here:

* windows-1252 bytes served or declared as UTF-8 (older CMSs): the bytes are not valid UTF-8, so
  they are decoded as windows-1252 instead (a few stray bytes in an otherwise valid UTF-8 page are
  replaced, not a reason to switch);
* UTF-8 bytes declared as ISO-8859-1/windows-1252: valid multi-byte UTF-8 sequences are strong
  evidence, so UTF-8 wins over the declaration;
* text that was double-encoded before it was served ("Ã¤" for "ä", "â€“" for "–"): repaired
  sequence by sequence by :func:`repair_mojibake`.

ISO-8859-1 is read as windows-1252, as browsers do (the WHATWG encoding standard).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import ParseError

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels browsers treat as windows-1252.
_LATIN = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252",
          "cp1252", "x-cp1252", "iso_8859-1", "iso-ir-100", "cp819", "ibm819"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-.]+)""", re.IGNORECASE)
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH = re.compile(rb"[\x80-\xff]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0 (but whitespace) and C1 control characters

# A UTF-8 sequence decoded as windows-1252: a lead character, then 1-3 continuation characters
# (bytes 0x80-0xBF read as windows-1252, or as C1 controls where windows-1252 leaves a hole).
_CONT = "\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019" \
        "\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_MOJIBAKE = re.compile(f"[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}|[\u00f0-\u00f4][{_CONT}]{{3}}")
_TELLTALE = re.compile("\u00c3[\u00a4\u00a5\u00b6\u201e\u2026\u2013\u00a9\u00bc]|\u00e2\u20ac")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def declared_charset(content: bytes) -> str | None:
    """The charset a document declares in its first bytes (``<meta charset>``, http-equiv, XML)."""
    head = content[:8192]
    m = _XML_DECL.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def decode_bytes(content: bytes, *, declared: str | None = None, sniff_meta: bool = False,
                 where: str = "document") -> Decoded:
    """Decode ``content``: a BOM wins; then the declared charset (``declared``, else with
    ``sniff_meta`` the one in the markup) unless the bytes contradict it; then UTF-8; then
    windows-1252. Double-encoded text is repaired afterwards."""
    for bom, enc in BOMS:
        if content.startswith(bom):
            return _finish(content[len(bom):].decode(enc, errors="replace"), enc, (), where)
    if declared is None and sniff_meta:
        declared = declared_charset(content)
    label = _normalise(declared)
    warnings: list[str] = []
    if label in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        label = None  # without a BOM, a UTF-16 declaration in ASCII-compatible markup is wrong
    if not _HIGH.search(content):
        return _finish(content.decode("ascii"), label or "utf-8", (), where)
    try:
        text = content.decode("utf-8")  # valid non-ASCII UTF-8 is never an accident in legacy text
        if label and label != "utf-8":
            warnings.append(f"{where}: declared {declared!r} but the bytes are UTF-8; read as UTF-8")
        return _finish(text, "utf-8", tuple(warnings), where)
    except UnicodeDecodeError:
        pass
    if label and label not in ("utf-8", "windows-1252"):
        try:
            return _finish(content.decode(label), label, (), where)
        except (UnicodeDecodeError, LookupError):
            warnings.append(f"{where}: bytes do not fit the declared charset {declared!r}")
            label = None
    head = codecs.getincrementaldecoder("utf-8")()
    try:  # a download cut inside the last character: drop the incomplete sequence
        text = head.decode(content, final=False)
        warnings.append(f"{where}: the text ends inside a character (truncated?); the partial character was dropped")
        return _finish(text, "utf-8", tuple(warnings), where)
    except UnicodeDecodeError:
        pass
    valid, invalid = _utf8_evidence(content)
    if valid > 4 * invalid:  # mostly UTF-8 with a few broken bytes (e.g. a truncated download)
        warnings.append(f"{where}: {invalid} byte(s) are not valid UTF-8 and were replaced")
        return _finish(content.decode("utf-8", errors="replace"), "utf-8", tuple(warnings), where)
    if label == "utf-8":
        warnings.append(f"{where}: declared UTF-8 but the bytes are windows-1252; read as windows-1252")
    return _finish(_decode_legacy(content, where), "windows-1252", tuple(warnings), where)


def decode_text(content: bytes, *, declared: str | None = None, where: str = "document") -> str:
    """Decode ``content`` (see :func:`decode_bytes`) and return only the text."""
    return decode_bytes(content, declared=declared, where=where).text


def _may_be_mojibake(text: str) -> bool:
    """Whether :data:`_TELLTALE` occurs in ``text``; both of its beginnings are looked for first with plain
    string search, which is several times faster than the pattern on a page that has neither."""
    return ("\u00c3" in text or "\u00e2\u20ac" in text) and _TELLTALE.search(text) is not None


def repair_mojibake(text: str) -> tuple[str, int]:
    """Undo UTF-8 that was read as windows-1252 ("Ã¤" → "ä"); returns the text and the number of
    sequences repaired. Only runs when tell-tale sequences of Swedish letters or punctuation occur."""
    if not _may_be_mojibake(text):
        return text, 0
    count = 0

    def fix(m: re.Match) -> str:
        nonlocal count
        try:
            fixed = _to_cp1252_bytes(m.group()).decode("utf-8")
        except (UnicodeDecodeError, UnicodeEncodeError):
            return m.group()
        count += 1
        return fixed

    return _MOJIBAKE.sub(fix, text), count


def _finish(text: str, encoding: str, warnings: tuple[str, ...], where: str) -> Decoded:
    repaired, count = repair_mojibake(text)
    if count:
        warnings = warnings + (f"{where}: repaired {count} double-encoded character sequence(s)",)
    return Decoded(repaired, encoding, warnings)


def _normalise(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _LATIN:
        return "windows-1252"
    if label in ("utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8"):
        return "utf-8"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _utf8_evidence(content: bytes) -> tuple[int, int]:
    """(valid multi-byte UTF-8 sequences, high bytes outside them)."""
    valid = _UTF8_MULTI.findall(content)
    high = len(_HIGH.findall(content))
    return len(valid), high - sum(len(v) for v in valid)


def _decode_legacy(content: bytes, where: str) -> str:
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(content[:200_000]).best()
        if best is not None and best.encoding:
            return content.decode(best.encoding, errors="replace")
    except (ImportError, LookupError):
        pass
    text = content.decode("latin-1")  # decodes every byte; control characters show it was the wrong guess
    if len(_CONTROL.findall(text)) > max(3, len(text) // 50):
        raise ParseError(f"{where}: the text cannot be decoded: it is neither UTF-8 nor a known encoding",
                         hint="save it as UTF-8, or declare its charset (Content-Type or <meta charset>)",
                         subject=where)
    return text


def _to_cp1252_bytes(s: str) -> bytes:
    out = bytearray()
    for ch in s:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) < 256:  # the C1 holes of windows-1252 (0x81, 0x8d, 0x8f, 0x90, 0x9d)
                out.append(ord(ch))
            else:
                raise
    return bytes(out)
