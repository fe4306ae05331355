"""Fonts of a PDF, as the content interpreter needs them: decoding, glyph widths, weight and slant.

pypdf's font model (``pypdf.generic._font.Font``: encodings, ToUnicode maps, widths) is used as is;
what this module adds is a cache per font object for the whole document (pypdf rebuilds each font on
every page) and one ``str.translate`` table per font that does, in C, what pypdf does per character
(encoding, then ToUnicode map), with ligatures spelt out and control characters dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from pypdf.generic import DictionaryObject, IndirectObject

try:  # not re-exported by pypdf.generic; pypdf's own text extraction uses it
    from pypdf.generic._font import Font
except ImportError as exc:  # pragma: no cover - only with an incompatible pypdf
    raise ImportError("pipeline.parse.pdf needs pypdf>=5 with pypdf.generic._font.Font") from exc

# Ligatures spelt out, odd spaces made plain, control characters dropped.
CLEAN = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st",
         0xA0: " ", 0x2009: " ", 0x202F: " ",
         **{c: None for c in (*range(32), *range(0x7F, 0xA0)) if c != 9}}
# WinAnsiEncoding shows its unused codes as a bullet (ISO 32000-1, Annex D, note 6); reportlab writes
# "•" in the standard fonts as 0x7F.
WINANSI_UNUSED = (0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D)


@dataclass(frozen=True, slots=True)
class FontInfo:
    font: Font
    bold: bool
    italic: bool
    simple: bool  # one byte per code: word spacing applies to code 32
    width_scale: float  # glyph space -> text space (1/1000, or a Type3 FontMatrix)
    table: dict  # str.translate table: code (simple fonts) or decoded character -> Unicode text

    def decode(self, data: bytes) -> tuple[str, str]:
        """Unicode text of ``data``, and the character keys of its glyph widths (as pypdf keys them)."""
        if self.simple:
            keys = data.decode("latin-1")
            return keys.translate(self.table), keys
        encoding = self.font.encoding
        try:
            codes = data.decode(encoding, "surrogatepass")
        except UnicodeDecodeError:
            codes = data.decode(encoding, "replace")
        except LookupError:
            codes = data.decode("latin-1")
        return codes.translate(self.table), codes


class FontCache:
    """Fonts built once per font object for the whole document."""

    def __init__(self) -> None:
        self._fonts: dict[object, FontInfo | None] = {}

    def get(self, ref: object) -> FontInfo | None:
        """The font behind ``ref`` (a reference or a dictionary), None if it cannot be decoded."""
        key = (ref.idnum, ref.generation) if isinstance(ref, IndirectObject) else id(ref)
        if key not in self._fonts:
            try:
                self._fonts[key] = font_info(ref.get_object())
            except Exception:  # a broken font dictionary: its text cannot be decoded
                self._fonts[key] = None
        return self._fonts[key]


def font_info(font_dict: DictionaryObject) -> FontInfo:
    font = Font.from_font_resource(font_dict)
    name = font.name.lower()
    desc = font.font_descriptor
    weight = str(desc.weight).lower()
    bold = (any(w in name for w in ("bold", "black", "heavy", "semibold", "demi"))
            or bool(desc.flags & (1 << 18)) or weight in ("bold", "semibold", "black", "heavy")
            or (weight.isdigit() and int(weight) >= 600))
    italic = any(w in name for w in ("italic", "oblique")) or bool(desc.flags & (1 << 6)) or desc.italic_angle != 0
    scale = 0.001
    if font.sub_type == "Type3":
        try:
            scale = abs(float(font_dict.get("/FontMatrix")[0])) or 0.001
        except (TypeError, IndexError, ValueError):
            pass
    return FontInfo(font, bold, italic, isinstance(font.encoding, dict), scale, _table(font, _winansi(font_dict)))


def _winansi(font_dict: DictionaryObject) -> bool:
    encoding = font_dict.get("/Encoding")
    if isinstance(encoding, IndirectObject):
        encoding = encoding.get_object()
    if isinstance(encoding, DictionaryObject):
        encoding = encoding.get("/BaseEncoding")
    return encoding == "/WinAnsiEncoding"


def _table(font: Font, winansi: bool = False) -> dict:
    """One translation table doing what pypdf does per character: encoding, then ToUnicode map."""
    cmap = font.character_map or {}
    if isinstance(font.encoding, dict):
        table = {}
        for code in range(256):
            char = font.encoding.get(code, chr(code))
            table[code] = cmap.get(char, char)
            if winansi and code in WINANSI_UNUSED and table[code] == chr(code):
                table[code] = "•"
    else:
        table = {ord(k): v for k, v in cmap.items() if isinstance(k, str) and len(k) == 1}
    for code, repl in CLEAN.items():
        if table.get(code, chr(code)) == chr(code):
            table[code] = repl
    return {k: (v.translate(CLEAN) if isinstance(v, str) else v) for k, v in table.items()}
