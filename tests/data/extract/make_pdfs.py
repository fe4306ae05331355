"""Build the PDF fixtures of this folder (reportlab, invariant mode: byte-for-byte reproducible).

    .venv/bin/python tests/data/extract/make_pdfs.py

gavleborg_fardplan.pdf: a three-page regional brochure in the style of a county's "färdplan" for
nära vård: an all-capitals cover, running header and footer with page numbers, a two-column page
with a lead-in "Vi behöver gå från:" and bullets, a numbered list and a contact line.

vardanalys_pm.pdf: a two-page agency memo: a cover with the series number, the title and the agency,
then a summary and a list of references.

kronoberg_strategi.pdf: a two-page regional strategy: an all-capitals cover, a background naming the
national agreement and an agency report, a two-column table "I dag | År 2030" and principles as
bullets with a dash.
"""

from __future__ import annotations

from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

rl_config.invariant = 1
W, H = A4
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13.5, spaceAfter=8)
BULLET = ParagraphStyle("bullet", parent=BODY, leftIndent=12, bulletIndent=2, spaceAfter=3)
H2 = ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=14, leading=18, spaceBefore=6, spaceAfter=6)
COVER = ParagraphStyle("cover", fontName="Helvetica-Bold", fontSize=24, leading=30, spaceAfter=18)
SUB = ParagraphStyle("sub", fontName="Helvetica", fontSize=13, leading=17, spaceAfter=8)


def _chrome(canvas, doc):
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.drawString(56, 28, "Region Gävleborg | Färdplan för nära vård 2024–2026")
    canvas.drawRightString(W - 56, 28, f"Sida {doc.page} av 3")
    canvas.restoreState()


def gavleborg(path: Path) -> Path:
    doc = BaseDocTemplate(str(path), pagesize=A4, title="Färdplan för nära vård i Gävleborg 2024–2026",
                          author="Region Gävleborg", subject="Färdplan nära vård", creator="make_pdfs.py")
    full = Frame(56, 56, W - 112, H - 112, id="full")
    left = Frame(56, 56, (W - 130) / 2, H - 112, id="left")
    right = Frame(74 + (W - 130) / 2, 56, (W - 130) / 2, H - 112, id="right")
    doc.addPageTemplates([PageTemplate("cover", [full], onPage=_chrome),
                          PageTemplate("two", [left, right], onPage=_chrome),
                          PageTemplate("one", [full], onPage=_chrome)])
    story = [
        Paragraph("FÄRDPLAN FÖR NÄRA VÅRD I GÄVLEBORG 2024–2026", COVER),
        Paragraph("Region Gävleborg och länets tio kommuner", SUB),
        Paragraph("Antagen av Regionalt politiskt samverkansforum 2023-12-07", SUB),
        NextPageTemplate("two"), PageBreak(),
        Paragraph("Inledning", H2),
        Paragraph("Färdplanen är vår gemensamma väg mot en god och nära vård. Den bygger på den nationella "
                  "Överenskommelse om God och nära vård 2023 mellan staten och Sveriges Kommuner och Regioner "
                  "(SKR) och på slutbetänkandet God och nära vård – En reform för ett hållbart hälso- och "
                  "sjukvårdssystem (SOU 2020:19).", BODY),
        Paragraph("Vi ska arbeta personcentrerat, hälsofrämjande och förebyggande. Invånaren ska möta en "
                  "sammanhållen vård med god kontinuitet, oavsett om hon bor i Gävle, Ljusdal eller Hofors.", BODY),
        FrameBreak(),
        Paragraph("Förflyttningar", H2),
        Paragraph("Vi behöver gå från:", BODY),
        Paragraph("reaktiv vård till proaktiv vård", BULLET, bulletText="•"),
        Paragraph("organisationens fokus till personens fokus", BULLET, bulletText="•"),
        Paragraph("sjukhuset som centrum till primärvården som nav", BULLET, bulletText="•"),
        NextPageTemplate("one"), PageBreak(),
        Paragraph("Insatsområden 2024–2026", H2),
        Paragraph("1. Hälsofrämjande arbetssätt", BODY),
        Paragraph("2. Kompetensförsörjning", BODY),
        Paragraph("3. Digital och fysisk vård i samspel", BODY),
        Paragraph("Uppföljning", H2),
        Paragraph("FoU Välfärd Region Gävleborg följer upp färdplanen tillsammans med Högskolan i Gävle. "
                  "Resultaten redovisas årligen för Regionalt politiskt samverkansforum.", BODY),
        Paragraph("Kontakt: Johan Berglund, strateg nära vård, Region Gävleborg", BODY),
    ]
    doc.build(story)
    return path


def _footer(template: str):
    """A page callback drawing one footer line, ``template`` formatted with the page number."""
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(56, 28, template.format(page=doc.page))
        canvas.restoreState()
    return draw


def vardanalys(path: Path) -> Path:
    doc = BaseDocTemplate(str(path), pagesize=A4, title="Fast läkarkontakt i primärvården – en kartläggning",
                          author="Myndigheten för vård- och omsorgsanalys", creator="make_pdfs.py")
    footer = _footer("Vårdanalys PM 2024:1 | Sida {page} av 2")
    doc.addPageTemplates([PageTemplate("memo", [Frame(56, 56, W - 112, H - 112)], onPage=footer)])
    story = [
        Paragraph("PM 2024:1", SUB),
        Paragraph("Fast läkarkontakt i primärvården – en kartläggning", COVER),
        Paragraph("Myndigheten för vård- och omsorgsanalys", SUB),
        PageBreak(),
        Paragraph("Sammanfattning", H2),
        Paragraph("Sedan den 1 juli 2022 ska alla som vill kunna välja en fast läkarkontakt. Vårdanalys har på "
                  "uppdrag av regeringen kartlagt hur regionerna har infört reformen. I Region Västernorrland och "
                  "Region Dalarna har andelen med fast läkarkontakt ökat mest, medan utvecklingen i Region Stockholm "
                  "har gått långsammare.", BODY),
        Paragraph("Kontinuitet i läkarkontakten är särskilt viktig för äldre med flera kroniska sjukdomar. Forskning "
                  "från Norge och Danmark visar att kontinuitet minskar både akuta inläggningar och dödlighet.", BODY),
        Paragraph("Vi rekommenderar att Socialstyrelsen tar fram en nationell indikator för relationell kontinuitet.",
                  BODY),
        Paragraph("Referenser", H2),
        Paragraph("Hansen, A. m.fl. (2021). Continuity of GP care. British Journal of General Practice.", BODY),
        Paragraph("Socialstyrelsen (2023). Uppföljning av primärvårdsreformen.", BODY),
        Paragraph("SOU 2020:19. God och nära vård – En reform för ett hållbart hälso- och sjukvårdssystem.", BODY),
    ]
    doc.build(story)
    return path


def kronoberg(path: Path) -> Path:
    doc = BaseDocTemplate(str(path), pagesize=A4, title="Strategi för nära vård i Kronoberg 2025–2030",
                          author="Region Kronoberg", creator="make_pdfs.py")
    footer = _footer("Region Kronoberg | Strategi för nära vård 2025–2030 | Sida {page} av 2")
    doc.addPageTemplates([PageTemplate("page", [Frame(56, 56, W - 112, H - 112)], onPage=footer)])
    table = Table([["I dag", "År 2030"], ["Vård på sjukhus", "Vård i hemmet"], ["Fokus på diagnos", "Fokus på hela människan"]],
                  colWidths=[200, 200])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica", 10), ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 10),
                               ("GRID", (0, 0), (-1, -1), 0.5, (0.6, 0.6, 0.6))]))
    story = [
        Paragraph("STRATEGI FÖR NÄRA VÅRD I KRONOBERG 2025–2030", COVER),
        Paragraph("Region Kronoberg och länets åtta kommuner", SUB),
        PageBreak(),
        Paragraph("Bakgrund", H2),
        Paragraph("Strategin bygger på den nationella Överenskommelse om God och nära vård och på Vårdanalys rapport "
                  "2024:3. Den har tagits fram av Region Kronoberg tillsammans med Kommunal utveckling i Kronoberg och "
                  "Linnéuniversitetet.", BODY),
        Paragraph("Förflyttningar", H2),
        table,
        Paragraph("Principer", H2),
        Paragraph("Personcentrerat – vi utgår från det som är viktigt för invånaren.", BULLET, bulletText="•"),
        Paragraph("Jämlikt – vården ges efter behov, oavsett var i länet man bor.", BULLET, bulletText="•"),
        Paragraph("Hälsofrämjande – vi stärker invånarnas egen förmåga.", BULLET, bulletText="•"),
    ]
    doc.build(story)
    return path


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    print(gavleborg(here / "gavleborg_fardplan.pdf"))
    print(vardanalys(here / "vardanalys_pm.pdf"))
    print(kronoberg(here / "kronoberg_strategi.pdf"))
