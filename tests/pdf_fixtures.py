"""Generators for the PDF parser's test fixtures (reportlab, invariant mode: byte-for-byte reproducible).

Each function writes one PDF and returns its path. The tests build them into a temporary directory;
``python tests/pdf_fixtures.py DIR`` writes them all to DIR for a look in a PDF viewer.

Fonts: the standard Helvetica (WinAnsi: å ä ö – • are covered), so these fixtures exercise simple
fonts, while the seed brochure exercises embedded TrueType subsets.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph

W, H = A4
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13.5, spaceAfter=8)
TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=20, leading=24, spaceAfter=10)

FILLER = ("Vården och omsorgen ska utgå från individens behov och förutsättningar. Primärvården är navet "
          "och samverkar med kommunernas hälso- och sjukvård. Arbetet sker nära invånarna och i dialog "
          "med dem.")
HYPHEN_LINES = (
    "Regionen vill förbätt-",
    "ra samarbetet mellan vård-",
    "och omsorgsinsatser, liksom hälso-,",
    "sjuk- och tandvård i hela länet.",
)
HYPHEN_TEXT = ("Regionen vill förbättra samarbetet mellan vård- och omsorgsinsatser, liksom hälso-, sjuk- "
               "och tandvård i hela länet.")
COMPOUND_LINES = ("Arbetet med e-", "hälsa och IT-", "stöd fortsätter under året.")
COMPOUND_TEXT = "Arbetet med e-hälsa och IT-stöd fortsätter under året."
SCAN_LINES = ("Nära vård i Sörmland", "Omställningen till en god", "och nära vård gäller hälsa",
              "och trygghet för alla.")
DIAGRAM_ROWS = (("Sjukhuset", "Hemmet"), ("Specialistvård", "Primärvård"), ("Enskilda insatser", "Samordnade team"))
HEADER = "Region Exempel | Årsrapport 2024"
REPORT_URL = "https://www.example.se/dokument/arsrapport-2024.pdf"


def column_paragraph(col: int, part: int) -> str:
    return f"Kolumn {col} stycke {part} börjar här. {FILLER} Slut på kolumn {col} stycke {part}."


def _canvas(path: Path, **kw) -> Canvas:
    return Canvas(str(path), pagesize=A4, invariant=1, **kw)


def three_columns(path: Path) -> Path:
    """Two pages, each a full-width title over three columns of two paragraphs.

    Page 1 draws each column line by line; page 2 draws the lines row by row across the columns in
    one text object, so that the content stream interleaves the columns.
    """
    gap, margin, size, leading = 18, 50, 10, 13.5
    col_w = (W - 2 * margin - 2 * gap) / 3
    columns = []
    for col in (1, 2, 3):
        lines: list[str | None] = list(simpleSplit(column_paragraph(col, 1), "Helvetica", size, col_w))
        columns.append(lines + [None] + list(simpleSplit(column_paragraph(col, 2), "Helvetica", size, col_w)))
    c = _canvas(path)
    c.setTitle("Tre kolumner")
    c.setAuthor("Region Exempel")
    for page in (1, 2):
        c.setFont("Helvetica-Bold", 20)
        c.drawString(margin, H - 80, "Tre kolumner" if page == 1 else "Tre kolumner, rad för rad")
        text = c.beginText()
        text.setFont("Helvetica", size)
        positions = [[] for _ in columns]
        for i, col in enumerate(columns):
            y = H - 120
            for line in col:
                if line is None:
                    y -= 8
                    continue
                positions[i].append((margin + i * (col_w + gap), y, line))
                y -= leading
        order = ([p for col in positions for p in col] if page == 1 else
                 [col[r] for r in range(max(map(len, positions))) for col in positions if r < len(col)])
        for x, y, line in order:
            text.setTextOrigin(x, y)
            text.textOut(line)
        c.drawText(text)
        c.showPage()
    c.save()
    return path


def hyphenation(path: Path) -> Path:
    """Two paragraphs whose lines end in a broken word, suspended hyphens and compounds."""
    c = _canvas(path)
    c.setFont("Helvetica", 11)
    y = H - 100
    for lines in (HYPHEN_LINES, COMPOUND_LINES):
        for line in lines:
            c.drawString(72, y, line)
            y -= 14
        y -= 14
    c.showPage()
    c.save()
    return path


def running_lines(path: Path) -> Path:
    """Two pages with a running header and footer, a heading, and a link to a PDF report."""
    c = _canvas(path)
    c.setTitle("Årsrapport 2024")
    c.setAuthor("Anna Andersson")
    for page in (1, 2):
        c.setFont("Helvetica", 8)
        c.drawString(56, H - 40, HEADER)
        c.drawString(56, 30, "www.example.se")
        c.drawRightString(W - 56, 30, f"Sida {page} av 2")
        y = H - 100
        if page == 1:
            c.setFont("Helvetica-Bold", 20)
            c.drawString(56, y, "Årsrapport 2024")
            y -= 36
        c.setFont("Helvetica", 10)
        for line in (f"Detta är sidan {page} av rapporten om nära vård i regionen.",
                     "Vården ska vara tillgänglig, trygg och samordnad för invånarna."):
            c.drawString(56, y, line)
            y -= 14
        if page == 2:
            y -= 14
            anchor = "Läs hela rapporten (PDF)"
            c.drawString(56, y, anchor)
            c.linkURL(REPORT_URL, (56, y - 3, 56 + c.stringWidth(anchor, "Helvetica", 10), y + 10), relative=0)
        c.showPage()
    c.save()
    return path


def diagram(path: Path) -> Path:
    """A from→to diagram (boxes and arrows, three rows) and a two-row contact table without boxes."""
    c = _canvas(path)
    c.setFont("Helvetica-Bold", 18)
    c.drawString(56, H - 80, "Förflyttningar")
    box_w, box_h, top = 180, 36, H - 130
    for i, (left, right) in enumerate(DIAGRAM_ROWS):
        y = top - i * (box_h + 14) - box_h
        c.rect(56, y, box_w, box_h, stroke=1, fill=0)
        c.rect(W - 56 - box_w, y, box_w, box_h, stroke=1, fill=0)
        c.line(56 + box_w + 10, y + box_h / 2, W - 56 - box_w - 10, y + box_h / 2)
        c.setFont("Helvetica", 10)
        c.drawCentredString(56 + box_w / 2, y + box_h / 2 - 3, left)
        c.drawCentredString(W - 56 - box_w / 2, y + box_h / 2 - 3, right)
    c.setFont("Helvetica", 10)
    y = top - 3 * (box_h + 14) - 40
    c.drawString(56, y, "Kontakt med oss sker enklast via telefon eller e-post under kontorstid.")
    for label, value in (("Telefon", "010-123 45 67"), ("E-post", "info@example.se")):
        y -= 24
        c.drawString(56, y, label)
        c.drawString(300, y, value)
    c.showPage()
    c.save()
    return path


def scanned(path: Path) -> Path:
    """A page that is only an image of Swedish text (no text layer)."""
    import reportlab
    from PIL import Image, ImageDraw, ImageFont

    font_path = os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")
    image = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(font_path, 56)
    for i, line in enumerate(SCAN_LINES):
        draw.text((160, 240 + i * 100), line, fill=0, font=font)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    c = _canvas(path)
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, width=W, height=H)
    c.showPage()
    c.save()
    return path


def encrypted(path: Path, user_password: str = "hemligt") -> Path:
    """A one-page PDF encrypted with ``user_password`` (empty: opens without a password)."""
    c = _canvas(path, encrypt=StandardEncryption(user_password, ownerPassword="ägarlösen", strength=128))
    c.setFont("Helvetica", 11)
    c.drawString(72, H - 100, "Skyddat dokument om nära vård.")
    c.showPage()
    c.save()
    return path


def truncated(path: Path, source: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) * 3 // 5])
    return path


def corrupt(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.7\n" + b"\x8f\x00 not an object stream \xff" * 64 + b"\n%%EOF\n")
    return path


def long_report(path: Path, pages: int = 20) -> Path:
    """A report of ``pages`` pages: heading, two columns of paragraphs, running footer."""
    gap, margin = 20, 56
    col_w = (W - 2 * margin - gap) / 2

    def footer(canv, doc):
        canv.setFont("Helvetica", 8)
        canv.drawString(margin, 30, "Region Exempel | Rapport om nära vård")
        canv.drawRightString(W - margin, 30, f"Sida {doc.page} av {pages}")

    frames = [Frame(margin, 60, col_w, H - 120, id="left"), Frame(margin + col_w + gap, 60, col_w, H - 120, id="right")]
    doc = BaseDocTemplate(str(path), pagesize=A4, invariant=1, title="Rapport om nära vård", author="Region Exempel",
                          pageTemplates=[PageTemplate(frames=frames, onPageEnd=footer)])
    story: list = []
    for page in range(1, pages + 1):
        story.append(Paragraph(f"Avsnitt {page}", TITLE))
        for col in (1, 2):
            story += [Paragraph(column_paragraph(col, page * 10 + k), BODY) for k in range(6)]
            if page < pages or col == 1:
                story.append(FrameBreak())
    doc.build(story)
    return path


FIXTURES = {
    "three_columns.pdf": three_columns,
    "hyphenation.pdf": hyphenation,
    "running_lines.pdf": running_lines,
    "diagram.pdf": diagram,
    "scanned.pdf": scanned,
    "encrypted.pdf": encrypted,
    "corrupt.pdf": corrupt,
    "long_report.pdf": long_report,
}


def build_all(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {name: make(folder / name) for name, make in FIXTURES.items()}
    out["owner_only.pdf"] = encrypted(folder / "owner_only.pdf", user_password="")
    out["truncated.pdf"] = truncated(folder / "truncated.pdf", out["three_columns.pdf"])
    return out


if __name__ == "__main__":
    for name, p in build_all(Path(sys.argv[1] if len(sys.argv) > 1 else "pdf-fixtures")).items():
        print(f"{name}: {p}")
