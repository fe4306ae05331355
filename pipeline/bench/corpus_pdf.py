"""Generated PDF brochures (2–40 pages) in the manner of the seed brochure, built with reportlab.

A brochure has a cover (title band, "MÅLBILD" box, målområden), then pages of four kinds drawn at
random: running text with a pull-quote, a from→to diagram of boxes drawn row by row (so extraction
interleaves the columns, as in the seed), text flowing over two columns, and a bullet list of success
factors. The text is recombined from the seed brochure and the seed pages, with another region
substituted; every page has a running footer. Fonts are embedded TrueType subsets (DejaVu, else the
Vera fonts shipped with reportlab) so å, ä, ö and dashes extract correctly.
"""

from __future__ import annotations

import html
import io
import os
import random
import re
from dataclasses import dataclass
from functools import cache

from ..settings import PROJECT_ROOT
from .corpus_html import Pool, load_pool
from .names import Place, pick_place, substitute

SEED_TEXT = PROJECT_ROOT / "tests" / "data" / "seeds" / "text"
PAGE_W, PAGE_H = 595.27, 841.89
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 56, 56, 72
SEED_PAIRS = (("Organisation", "Person och relation"), ("Passiv mottagare", "Aktiv medskapare"),
              ("Reaktiv", "Proaktiv och hälsofrämjande"),
              ("Isolerade vård- och omsorgsinsatser", "Sammanhållet utifrån personens fokus"))
PAIR_RE = re.compile(r"^[Ff]rån (.{3,60}?) till (.{3,60}?)\.?$")
MAL = ("Tillsammans – genom delaktighet och samordning med individens fokus",
       "Nära – genom tillgänglighet och kontinuitet",
       "God hälsa, vård och omsorg – genom hälsofrämjande, förebyggande och rehabiliterande insatser")


@dataclass(frozen=True, slots=True)
class PdfDoc:
    content: bytes
    pages: int
    url: str
    publisher: str
    title: str
    place: Place


@cache
def _fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    dejavu = "/usr/share/fonts/truetype/dejavu"
    vera = os.path.join(os.path.dirname(__import__("reportlab").__file__), "fonts")
    for name, options in {"BSans": ("DejaVuSans.ttf", "Vera.ttf"), "BSans-Bold": ("DejaVuSans-Bold.ttf", "VeraBd.ttf"),
                          "BSans-Oblique": ("DejaVuSans-Oblique.ttf", "VeraIt.ttf")}.items():
        path = next(p for p in (os.path.join(dejavu, options[0]), os.path.join(vera, options[1])) if os.path.exists(p))
        pdfmetrics.registerFont(TTFont(name, path))
    pdfmetrics.registerFontFamily("BSans", normal="BSans", bold="BSans-Bold", italic="BSans-Oblique",
                                  boldItalic="BSans-Bold")


@cache
def _styles() -> dict:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    teal, green = colors.HexColor("#00505A"), colors.HexColor("#8DBF4B")
    body = ParagraphStyle("body", fontName="BSans", fontSize=10, leading=14.5, spaceAfter=7)
    return {
        "body": body,
        "h1": ParagraphStyle("h1", fontName="BSans-Bold", fontSize=22, leading=27, textColor=teal, spaceAfter=10),
        "h2": ParagraphStyle("h2", fontName="BSans-Bold", fontSize=14, leading=18, textColor=teal, spaceAfter=6),
        "pull": ParagraphStyle("pull", fontName="BSans-Oblique", fontSize=12.5, leading=17, textColor=teal,
                               leftIndent=12, spaceBefore=4, spaceAfter=10),
        "bullet": ParagraphStyle("bullet", parent=body, fontSize=11, leading=15, leftIndent=16, bulletIndent=0,
                                 bulletColor=green, spaceAfter=6),
        "box": ParagraphStyle("box", fontName="BSans-Bold", fontSize=10, leading=12.5, textColor=teal,
                              alignment=1),
        "cover": ParagraphStyle("cover", fontName="BSans-Bold", fontSize=22, leading=27, textColor=colors.white),
    }


@cache
def _seed_paragraphs() -> tuple[str, ...]:
    paras = []
    for path in sorted(SEED_TEXT.glob("*.txt")):
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            block = " ".join(block.split()).replace("**", "").replace("*", "")
            if len(block) > 80 and not block.startswith("- "):
                paras.append(block)
    return tuple(paras)


def _pairs(pool: Pool) -> tuple[tuple[str, str], ...]:
    found = [m.groups() for m in map(PAIR_RE.match, pool.items) if m]
    return SEED_PAIRS + tuple((a[0].upper() + a[1:], b[0].upper() + b[1:]) for a, b in found)


def _para(rng: random.Random, pool: Pool, place: Place) -> str:
    if rng.random() < 0.4:
        text = rng.choice(_seed_paragraphs())
    else:
        text = " ".join(rng.sample(pool.sentences, rng.randint(3, 5)))
    return html.escape(substitute(text, place))


def _page(kind: str, rng: random.Random, pool: Pool, place: Place) -> list:
    """Flowables for one page of ``kind``."""
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    st = _styles()
    heading = Paragraph(html.escape(substitute(rng.choice(pool.headings), place)), st["h1" if kind != "columns" else "h2"])
    out = [heading]
    if kind == "text":
        out += [Paragraph(_para(rng, pool, place), st["body"]) for _ in range(rng.randint(5, 7))]
        out.insert(rng.randint(2, len(out)), Paragraph("Individens behov och förutsättningar.", st["pull"]))
    elif kind == "columns":
        out += [Paragraph(_para(rng, pool, place), st["body"]) for _ in range(rng.randint(7, 10))]
    elif kind == "diagram":
        out.append(Paragraph(_para(rng, pool, place), st["body"]))
        rows = rng.sample(_pairs(pool), rng.randint(3, 6))
        data = [[Paragraph(html.escape(a), st["box"]), "→", Paragraph(html.escape(b), st["box"])] for a, b in rows]
        table = Table(data, colWidths=[200, 50, 200], rowHeights=48)
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "BSans-Bold"), ("FONTSIZE", (1, 0), (1, -1), 20),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (1, -1), "CENTER"),
                                   ("BOX", (0, 0), (0, -1), 0.8, "#00505A"), ("BOX", (2, 0), (2, -1), 0.8, "#00505A"),
                                   ("INNERGRID", (0, 0), (0, -1), 0.8, "#00505A"),
                                   ("INNERGRID", (2, 0), (2, -1), 0.8, "#00505A")]))
        out += [Spacer(1, 10), table]
    else:  # list of success factors
        out.append(Paragraph("Förutsättningar och framgångsfaktorer:", st["h2"]))
        out += [Paragraph(html.escape(substitute(i, place)), st["bullet"], bulletText="•")
                for i in rng.sample(pool.items, rng.randint(5, 9))]
    return out


def _templates(doc, publisher: str, title: str) -> list:
    from reportlab.lib import colors
    from reportlab.platypus import Frame, PageTemplate

    def footer(canv, d):
        canv.saveState()
        canv.setFillColor(colors.HexColor("#00505A"))
        canv.rect(0, PAGE_H - 14, PAGE_W, 14, stroke=0, fill=1)
        canv.setFont("BSans", 8)
        canv.setFillColor(colors.HexColor("#5A5A5A"))
        canv.drawString(MARGIN_X, 40, f"{publisher}  |  {title}")
        canv.drawRightString(PAGE_W - MARGIN_X, 40, f"Sida {d.page}")
        canv.restoreState()

    w, h = PAGE_W - 2 * MARGIN_X, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
    col = (w - 22) / 2
    return [
        PageTemplate("one", [Frame(MARGIN_X, MARGIN_BOTTOM, w, h, id="f")], onPageEnd=footer),
        PageTemplate("two", [Frame(MARGIN_X, MARGIN_BOTTOM, col, h, id="l"),
                             Frame(MARGIN_X + col + 22, MARGIN_BOTTOM, col, h, id="r")], onPageEnd=footer),
    ]


def make_pdf(rng: random.Random, index: int, pool: Pool | None = None) -> PdfDoc:
    """One brochure of 2–40 pages, deterministic from ``rng`` (reportlab invariant mode)."""
    from reportlab import rl_config
    from reportlab.platypus import BaseDocTemplate, NextPageTemplate, PageBreak, Paragraph

    rl_config.invariant = 1
    _fonts()
    pool = pool or load_pool()
    place = pick_place(rng)
    pages = max(2, min(40, round(rng.triangular(2, 40, 6))))
    publisher = rng.choice((place.region, f"FoU i {place.county}", place.municipality))
    title = rng.choice(("Målbild Nära vård i {c}", "Nära vård i {c}", "Handlingsplan för god och nära vård i {c}",
                        "Färdplan nära vård {c}")).format(c=place.county)
    st = _styles()
    story = [Paragraph(html.escape(title.upper()), st["cover"]), Paragraph("MÅLBILD", st["h2"])]
    story += [Paragraph(html.escape(m), st["bullet"], bulletText="•") for m in MAL]
    for _ in range(pages - 1):
        kind = rng.choices(("text", "diagram", "columns", "list"), weights=(5, 1, 3, 1))[0]
        story += [NextPageTemplate("two" if kind == "columns" else "one"), PageBreak()]
        story += _page(kind, rng, pool, place)
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=(PAGE_W, PAGE_H), title=title, author=publisher, lang="sv-SE",
                          subject=f"Omställningen till en god och nära vård i {place.county}",
                          keywords="nära vård, målbild, omställning", creator="naravard bench corpus")
    doc.addPageTemplates(_templates(doc, publisher, title))
    doc.build(story)
    url = f"https://www.{place.region_domain}.se/download/nara-vard/broschyr-{index:05d}.pdf"
    return PdfDoc(buf.getvalue(), doc.page, url, publisher, title, place)
