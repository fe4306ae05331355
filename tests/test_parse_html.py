"""HTML parsing: main content, chrome removal, structure, links, metadata, encodings, robustness.

The seed pages (tests/data/seeds/html) are checked against their seed texts (tests/data/seeds/text):
every seed line that the page places in its content must be in the canonical text, and the chrome
that was built around it must not. Harder cases are in tests/data/html or generated here.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.api import parse_file
from pipeline.errors import EmptyDocumentError, ParseError, TooLargeError
from pipeline.parse import parse
from pipeline.parse.dates import date_line, find_labelled_dates, parse_date
from pipeline.parse.links import is_document_link, resolve
from pipeline.settings import Settings
from pipeline.types import Document, Fetched

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"
HTML = DATA / "html"
PAGES = sorted(p.stem for p in (SEEDS / "html").glob("*.html"))

# Seed lines the pages put outside the content (seeds README, "Per-page notes"): page metadata
# (dates, page id) and chrome (skip link, feedback widget, footer heading).
OUTSIDE_CONTENT = {
    "000": ["Uppdaterat: 5 juni 2023", "7NYV"],
    "001": [],
    "003": ["Publicerad: 15 oktober 2019", "Hjälpte informationen på sidan dig?", "Tack för att du hjälper oss!",
            "Sidfot"],
    "004": ["Direkt till innehållet", "Senast ändrad:"],
}
# Chrome added around the seed text (seeds README, "All added visible text"); none may survive.
CHROME = {
    "000": ["Hoppa till huvudinnehållet", "Vi använder kakor", "Godkänn alla kakor", "Endast nödvändiga kakor",
            "Lättläst", "Teckenspråk", "Kollektivtrafik", "Jobba hos oss", "Startsida", "Samverkan och utveckling",
            "Skriv ut", "Hjälpte informationen", "Vad kan vi göra bättre", "Tack för din återkoppling",
            "Relaterade sidor", "Vårdcentraler", "Digitala vårdbesök", "Kontakta Region Sörmland", "611 88 Nyköping",
            "Tillgänglighetsredogörelse", "Snabblänkar", "© Region Sörmland", "Uppdaterat", "7NYV"],
    "001": ["Hoppa till innehållet", "Lättläst", "Barn och utbildning", "Bygga, bo och miljö", "Du är här",
            "Särskilt boende", "Stöd till anhöriga", "Visa alla nyheter", "Hjälpte informationen",
            "Berätta gärna vad vi kan förbättra", "Tack för ditt svar", "Relaterat", "Rehabilitering",
            "646 80 Gnesta", "Kontaktcenter", "Felanmälan", "Kakor på gnesta.se", "Acceptera alla",
            "Bara nödvändiga"],
    "003": ["Till innehåll", "Till sök", "Kontakta oss", "In English", "Arbetsgivare, kollektivavtal",
            "Om SKL", "Hälsa, sjukvård", "Personcentrerad vård", "Samverkan kommun och region",
            "Kompetensförsörjning", "Till kontaktformuläret", "Relaterat", "E-hälsa",
            "Publikationer om hälsa och sjukvård", "Hjälpte informationen", "Tack för att du hjälper oss!",
            "Sidfot", "118 82 Stockholm", "Lediga jobb", "SKL använder kakor", "Jag förstår", "Publicerad"],
    "004": ["Direkt till innehållet", "Lättläst", "Languages", "Kollektivtrafik", "Press och media",
            "Samverkan vård och omsorg", "Samverkan mellan region och kommuner", "Uppföljning",
            "Hemsjukvård", "Psykisk hälsa",
            "Senast ändrad", "Hjälpte informationen", "Tack! Din återkoppling", "Relaterade länkar",
            "Hitta vårdcentral", "Hälsofrämjande arbete", "Box 517", "301 80 Halmstad", "Så hanterar vi",
            "Region Halland använder kakor", "Godkänn alla", "Inställningar", "Fylls i från sidans"],
}
TITLES = {
    "000": ("Nära vård", "https://regionsormland.se/vard-och-halsa/samverkan-och-utveckling/nara-vard/",
            "Region Sörmland"),
    "001": ("Nära vård", "https://www.gnesta.se/omsorg-och-stod/nara-vard.html", "Gnesta kommun"),
    "003": ("Omställning till en nära vård", "https://skl.se/halsasjukvard/naravard/omstallningtillennaravard.html",
            "Sveriges Kommuner och Landsting"),
    "004": ("God och nära vård i Halland",
            "https://www.regionhalland.se/vard-och-halsa/samverkan-vard-och-omsorg/god-och-nara-vard-i-halland/",
            "Region Halland"),
}


def seed(stem: str) -> Document:
    return parse_file(SEEDS / "html" / f"{stem}.html")


def squeeze(text: str) -> str:
    return " ".join(text.split())


def fetched(content: bytes, *, media_type: str = "text/html", charset: str | None = None,
            url: str = "https://www.exempel.se/sida") -> Fetched:
    return Fetched(url=url, content=content, media_type=media_type, sha256=hashlib.sha256(content).hexdigest(),
                   retrieved="2024-01-01T00:00:00Z", charset=charset)


def parse_html_bytes(content: bytes, **kw) -> Document:
    return parse(fetched(content, **kw))


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, doc.text[b.start:b.end]) for b in doc.blocks if b.kind == "heading"]


def assert_offsets(doc: Document) -> None:
    """Blocks, sections and link anchors all point at their own text in the canonical text."""
    previous_end = 0
    for block in doc.blocks:
        piece = doc.text[block.start:block.end]
        assert piece and piece == piece.strip(), block
        assert block.start >= previous_end
        previous_end = block.end
    for section in doc.sections:
        assert doc.text[section.heading_start:section.heading_end] == section.heading
        assert section.start <= section.heading_end <= section.end <= len(doc.text)
    for link in doc.links:
        if link.start >= 0:
            assert doc.text[link.start:link.end] == link.text


# -- the seed pages ---------------------------------------------------------------------------------

@pytest.mark.parametrize("stem", PAGES)
def test_every_content_line_of_the_seed_is_in_the_text(stem):
    doc = seed(stem)
    text = squeeze(doc.text)
    outside = OUTSIDE_CONTENT[stem[:3]]
    lines = (SEEDS / "text" / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    content = [squeeze(re.sub(r"^\s*[•\-]\s+", "", line)) for line in lines]
    missing = [line for line in content if line and line not in outside and line not in text]
    assert missing == []
    cursor = 0
    for line in (line for line in content if line and line not in outside):  # in the seed's order
        cursor = text.find(line, cursor)
        assert cursor >= 0, line


@pytest.mark.parametrize("stem", PAGES)
def test_no_chrome_survives(stem):
    doc = seed(stem)
    leaked = [snippet for snippet in CHROME[stem[:3]] if snippet in doc.text]
    assert leaked == []


@pytest.mark.parametrize("stem", PAGES)
def test_title_canonical_site_and_language(stem):
    doc = seed(stem)
    title, canonical, site = TITLES[stem[:3]]
    assert doc.metadata.title == title
    assert doc.metadata.canonical_url == canonical
    assert doc.metadata.site_name == site
    assert doc.metadata.publisher == site
    assert doc.metadata.language == "sv"
    assert doc.metadata.description
    assert doc.media_type == "text/html"
    assert doc.sha256 == hashlib.sha256((SEEDS / "html" / f"{stem}.html").read_bytes()).hexdigest()


def test_dates_of_the_seed_pages():
    assert (seed("000_2e63142665466fcf").metadata.published, seed("000_2e63142665466fcf").metadata.modified) \
        == (None, "2023-06-05")
    assert seed("003_8c9dd47ca4ff3804").metadata.published == "2019-10-15"
    assert seed("004_d90b2f1525f3968f").metadata.modified is None  # "Senast ändrad:" has no value
    assert seed("003_8c9dd47ca4ff3804").metadata.author == "Sveriges Kommuner och Landsting"


@pytest.mark.parametrize("stem", PAGES)
def test_offsets_index_the_canonical_text(stem):
    doc = seed(stem)
    assert_offsets(doc)
    assert doc.warnings == ()


def test_headings_and_levels():
    assert headings(seed("000_2e63142665466fcf")) == [
        (1, "Nära vård"), (2, "Nära vård - ett samarbete med individen i foku"),
        (2, "Samverkan för en effektivare vård"), (2, "Flexibel vård - digital när det är möjligt")]
    gnesta = headings(seed("001_89d0feb55d85cc09"))
    assert gnesta[0] == (1, "Nära vård")
    assert [level for level, _ in gnesta].count(2) == 7
    assert (3, "KTC är invigt") in gnesta
    halland = seed("004_d90b2f1525f3968f")
    assert headings(halland)[:3] == [(1, "God och nära vård i Halland"), (2, "Nationell spaning - Vad är nära vård?"),
                                     (2, "Varför behövs nära vård?")]
    assert [s.heading for s in halland.sections if s.level == 2][-1] == "Var finns mer information?"


def test_blocks_keep_lists_captions_and_section_membership():
    doc = seed("004_d90b2f1525f3968f")
    items = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "list_item"]
    assert items[:4] == ["Från fokus på organisation till fokus på person och relation",
                         "Från invånare och patienter som passiva mottagare till aktiva medskapare",
                         "Från isolerade vård- och omsorgsinsatser till sammanhållet utifrån personens fokus",
                         "Från reaktiv till proaktiv och hälsofrämjande"]
    captions = [b for b in doc.blocks if b.kind == "caption"]
    assert [doc.text[b.start:b.end] for b in captions] == [
        "Bild: Diagram som visar antal invånare i Halland i olika åldersgrupper år 2020 och 2030"]
    assert doc.sections[captions[0].section].heading == "Varför behövs nära vård?"
    # the double space of the seed is white space like any other
    assert "mellan Region Halland och de halländska kommunerna" in doc.text


def test_links_with_anchor_text_resolved_targets_and_documents():
    doc = seed("004_d90b2f1525f3968f")
    documents = [(link.text, link.href) for link in doc.links if link.is_document]
    assert documents == [
        ("Målbild god och nära vård - kortversion (PDF)",
         "https://www.regionhalland.se/assets/uploads/malbild-god-och-nara-vard-kortversion.pdf"),
        ("Målbild god och nära vård - kortversion (PowerPoint)",
         "https://www.regionhalland.se/assets/uploads/malbild-god-och-nara-vard-kortversion.pptx")]
    sou = next(link for link in doc.links if "sou.gov.se" in link.href)
    assert sou.text == "Effektiv vård (sou.gov.se)" and not sou.is_document
    assert doc.text[sou.start:sou.end] == sou.text
    assert all(link.start >= 0 for link in doc.links)
    # a relative link on a local snapshot resolves against the canonical URL
    sormland = seed("000_2e63142665466fcf")
    assert [link.href for link in sormland.links] == [
        "https://regionsormland.se/vard-och-halsa/samverkan-och-utveckling/nara-vard/sa-jobbar-vi-med-nara-vard/"]
    assert "https://webbutik.skl.se/sv/artiklar/nara-vard-i-angelholm.html" in {
        link.href for link in seed("003_8c9dd47ca4ff3804").links}


def test_information_asides_follow_the_content_and_link_lists_go():
    doc = seed("003_8c9dd47ca4ff3804")
    kinds = [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks]
    start = kinds.index(("heading", "Informationsansvarig"))
    assert kinds[start - 1] == ("paragraph", "Läs vidare")  # after the whole article
    assert kinds[start + 1] == ("aside", "Lisbeth Löpare Johansson\nKonsult")
    assert ("heading", "Kontakt") in kinds[start:]
    assert ("aside", "Välkommen att skicka din fråga till SKL!") in kinds
    person = doc.blocks[start + 1]
    assert doc.sections[person.section].heading == "Informationsansvarig"
    assert "Undermeny" not in doc.text and "Primärvård\n" not in doc.text


def test_feedback_heading_inside_main_is_not_a_section():
    doc = seed("000_2e63142665466fcf")
    assert all("Hjälpte" not in s.heading and "Relaterade" not in s.heading for s in doc.sections)


# -- harder pages -----------------------------------------------------------------------------------

def test_page_of_nested_divs_with_meaningless_classes():
    doc = parse_file(HTML / "nested_divs.html")
    assert doc.metadata.title == "Hemsjukvård i förändring"
    assert doc.text.startswith("Hemsjukvård i förändring\n\nKommunen och regionen bygger")
    for snippet in ("Vad förändras för dig?", "en gemensam plan för vård och omsorg",
                    "Läs mer i planen för omställningen som kommunfullmäktige antog i våras."):
        assert snippet in doc.text
    for chrome in ("Skola och förskola", "Trygghetslarm", "Anhörigstöd", "123 45 Exempelby", "Om kakor",
                   "Kontakta oss"):
        assert chrome not in doc.text


def test_tables_become_rows_with_cells():
    doc = parse_file(HTML / "table.html")
    rows = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "table_row"]
    assert rows == ["Indikator | 2021 | 2023", "Andel med fast vårdkontakt | 41 % | 56 %",
                    "Digitala besök per 1 000 invånare | 120 |", "Rapport | Uppföljning 2023"]
    kinds = {b.kind for b in doc.blocks}
    assert {"caption", "quote", "list_item", "heading", "paragraph"} <= kinds
    nested = [b for b in doc.blocks if b.kind == "list_item" and b.level == 2]
    assert [doc.text[b.start:b.end] for b in nested] == ["Data granskas av analysenheten."]
    links = {link.text: link for link in doc.links}
    assert links["Uppföljning 2023"].is_document  # by extension, resolved against <base href>
    assert links["Uppföljning 2023"].href == "https://www.regionexempel.se/vard/rapporter/uppfoljning-2023.pdf"
    assert links["kvartalsrapport"].is_document
    assert not links["regionens egen statistik"].is_document
    assert doc.metadata.title == "Uppföljning av nära vård"
    assert doc.metadata.keywords == ("nära vård", "uppföljning", "indikatorer")
    assert doc.metadata.modified == "2024-02-01"
    assert doc.metadata.language == "sv"
    assert "Region Exempel, Box 1" not in doc.text and "Start" not in doc.text
    assert_offsets(doc)


def test_json_ld_dates_and_title_from_the_title_element():
    doc = parse_file(HTML / "jsonld.html")
    assert doc.metadata.published == "2021-03-09"  # JSON-LD outranks the visible line
    assert doc.metadata.modified == "2023-11-20"
    assert doc.metadata.title == "Nära vård i Exempelby"  # <title> without " | Exempelby kommun"
    assert doc.metadata.canonical_url == "https://www.exempelby.se/nara-vard"
    assert "Publicerad" not in doc.text
    assert any("JSON-LD" in w for w in doc.warnings)


@pytest.mark.parametrize("name", ["cp1252_declared.html", "cp1252_declared_utf8.html"])
def test_windows_1252_pages_have_no_mojibake(name):
    doc = parse_file(HTML / name)
    assert doc.metadata.title == "Äldreomsorg på Öland"
    assert "Vård- och omsorgsförvaltningen ansvarar för äldreomsorgen." in doc.text
    assert "så länge som möjligt – med trygghet och självbestämmande. ”Nära vård”" in doc.text
    assert "Ã" not in doc.text and "\ufffd" not in doc.text


def test_windows_1252_declared_as_utf8_in_the_http_header():
    page = (HTML / "cp1252_declared.html").read_bytes().replace(b'<meta charset="windows-1252">', b"")
    doc = parse_html_bytes(page, charset="utf-8")
    assert "Äldreomsorg på Öland" in doc.text
    assert any("windows-1252" in w for w in doc.warnings)


def test_undeclared_windows_1252_and_utf8_declared_as_latin1():
    text = "<html><body><h1>Vårdcentral i Älmhult</h1><p>Öppet för alla åldrar.</p></body></html>"
    assert "Vårdcentral i Älmhult" in parse_html_bytes(text.encode("cp1252")).text
    doc = parse_html_bytes(text.encode("utf-8"), charset="iso-8859-1")
    assert "Öppet för alla åldrar." in doc.text


def test_double_encoded_page_is_repaired():
    text = "<html><body><h1>Nära vård</h1><p>Både vård- och omsorgsinsatser – för äldre på Öland.</p></body></html>"
    mojibake = text.encode("utf-8").decode("cp1252").encode("utf-8")
    doc = parse_html_bytes(mojibake, charset="utf-8")
    assert "Både vård- och omsorgsinsatser – för äldre på Öland." in doc.text
    assert any("double-encoded" in w for w in doc.warnings)


def test_http_equiv_declaration_and_header_precedence():
    body = "<html><head>{}</head><body><p>Vårdcentralen på Gärdet</p></body></html>"
    page = body.format('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">').encode("cp1252")
    assert parse_html_bytes(page).text == "Vårdcentralen på Gärdet"
    # the HTTP header outranks the markup (windows-1250 reads these bytes differently from 1252)
    page = body.format('<meta charset="windows-1252">').replace("Vårdcentralen på Gärdet", "Läkare i Łódź")
    assert parse_html_bytes(page.encode("cp1250"), charset="windows-1250").text == "Läkare i Łódź"


def test_bom_and_utf16():
    text = "<html><body><p>Hälso- och sjukvård på Åland</p></body></html>"
    assert parse_html_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"), charset="windows-1252").text == \
        "Hälso- och sjukvård på Åland"
    assert parse_html_bytes(text.encode("utf-16")).text == "Hälso- och sjukvård på Åland"


def test_malformed_and_truncated_page():
    doc = parse_file(HTML / "truncated.html")
    assert doc.metadata.title == "Trasig sida"
    for snippet in ("Första stycket saknar sitt sluttagg och fortsätter", "Andra stycket har fet och kursiv text",
                    "Tredje stycket står i en div som aldrig stängs.", "punkt två",
                    "Sista stycket bryts mitt i ett ord: förbättr"):
        assert snippet in doc.text
    assert "\ufffd" not in doc.text
    assert [link.text for link in doc.links] == ["länk utan slut"]
    assert_offsets(doc)


# -- inline and block structure ---------------------------------------------------------------------

def test_inline_elements_do_not_split_words_and_blocks_do():
    html = ("<html><body><main><h1>Rubrik</h1><p>för<b>bätt</b>ra <em>vård</em>- och <a href='/o'>omsorgs"
            "insatser</a>.<br>Ny rad</p><div>Ett<div>två</div>tre</div></main></body></html>")
    doc = parse_html_bytes(html.encode())
    blocks = [doc.text[b.start:b.end] for b in doc.blocks]
    assert blocks == ["Rubrik", "förbättra vård- och omsorgsinsatser.\nNy rad", "Ett", "två", "tre"]
    assert doc.links[0].text == "omsorgsinsatser" and doc.links[0].href == "https://www.exempel.se/o"


def test_hidden_elements_go_but_accordion_panels_stay():
    html = """<html><body><main><h1>Frågor</h1>
      <p>Synlig text om nära vård.</p>
      <p hidden>Dold text ett.</p><p aria-hidden="true">Dold text två.</p>
      <p style="display: none">Dold text tre.</p><span class="visually-hidden">Dold text fyra.</span>
      <button aria-controls="svar1">Vad är nära vård?</button>
      <div id="svar1" hidden><p>Nära vård är ett arbetssätt med individen i fokus.</p></div>
      <script>var dold = "Dold text fem";</script><style>p{}</style><noscript>Aktivera JavaScript</noscript>
      </main></body></html>"""
    doc = parse_html_bytes(html.encode())
    assert "Nära vård är ett arbetssätt med individen i fokus." in doc.text
    assert "Dold" not in doc.text and "JavaScript" not in doc.text and "var " not in doc.text


def test_date_lines_are_metadata_not_text():
    html = """<html><body><article><h1>Nyhet</h1><p>Publicerad 2020-02-03, uppdaterad 12 mars 2021</p>
      <p>Själva nyheten handlar om en ny vårdcentral.</p></article></body></html>"""
    doc = parse_html_bytes(html.encode())
    assert (doc.metadata.published, doc.metadata.modified) == ("2020-02-03", "2021-03-12")
    assert doc.text == "Nyhet\n\nSjälva nyheten handlar om en ny vårdcentral."


def test_title_heading_outside_main_is_kept():
    html = """<html><body><div class="hero"><h1>Vård nära dig</h1></div>
      <nav><a href="/">Start</a></nav>
      <main><p>Innehållet står här och är långt nog för att vara sidans huvudsakliga text om vården.</p></main>
      </body></html>"""
    doc = parse_html_bytes(html.encode())
    assert doc.text.startswith("Vård nära dig\n\nInnehållet står här")
    assert doc.metadata.title == "Vård nära dig"


def test_whole_page_form_wrapper_is_not_dropped():
    html = """<html><body><form id="aspnetForm" action="/sida.aspx"><div class="menu"><a href="/a">A</a>
      <a href="/b">B</a></div><div id="main"><h1>Sidan</h1><p>Text i ett formulär som omsluter hela sidan.</p>
      <input type="text" value="Sök"></div></form></body></html>"""
    assert parse_html_bytes(html.encode()).text == "Sidan\n\nText i ett formulär som omsluter hela sidan."


# -- dates and links -------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "iso"), [
    ("2019-10-15", "2019-10-15"), ("2019-10-15T08:00:00+02:00", "2019-10-15"), ("15 oktober 2019", "2019-10-15"),
    ("den 5 juni 2023 kl. 10.15", "2023-06-05"), ("5 jun. 2023", "2023-06-05"), ("05.06.2023", "2023-06-05"),
    ("June 5, 2023", "2023-06-05"), ("januari 2023", "2023-01"), ("D:20230124120000+01'00'", "2023-01-24"),
    ("20230124", "2023-01-24"), ("2023-13-45", None), ("Nära vård", None), ("", None)])
def test_parse_date(value, iso):
    assert parse_date(value) == iso


def test_date_lines():
    assert [(d.kind, d.iso) for d in date_line("Senast ändrad: 2023-06-05")] == [("modified", "2023-06-05")]
    assert [(d.kind, d.iso) for d in date_line("Sidan uppdaterades senast: 3 maj 2021")] == [("modified", "2021-05-03")]
    assert [(d.kind, d.iso) for d in date_line("Senast ändrad:")] == [("modified", None)]
    assert date_line("Uppdaterad") is None and date_line("Datum och ort") is None
    assert date_line("Publicerad: 15 oktober 2019 av kommunikationsavdelningen") is None
    assert [(d.kind, d.iso) for d in find_labelled_dates("Om oss\nPublicerad: 15 oktober 2019\n")] == \
        [("published", "2019-10-15")]
    assert find_labelled_dates("Rapporten publicerades 2019-10-15 av SKL.") == []  # prose, not a label


@pytest.mark.parametrize(("href", "text", "expected"), [
    ("/a/rapport.pdf", "Rapport", True), ("/a/b.PPTX?v=2", "Bilder", True), ("/a/sida", "Målbild (PDF)", True),
    ("/a/sida", "Årsrapport (pdf, 2,3 MB)", True), ("/a/sida", "Blankett [Word]", True),
    ("/a/pdf-sidan", "Om PDF-filer", False), ("/a/sida.html", "Sida", False)])
def test_document_links(href, text, expected):
    assert is_document_link(href, text) is expected


def test_link_resolution():
    assert resolve("../x.pdf", "https://a.se/b/c/") == "https://a.se/b/x.pdf"
    assert resolve("#top", "https://a.se/") is None and resolve("javascript:void(0)", "https://a.se/") is None
    assert resolve("mailto:info@a.se", "https://a.se/") == "mailto:info@a.se"


# -- errors -----------------------------------------------------------------------------------------

def test_binary_served_as_html_is_a_parse_error():
    with pytest.raises(ParseError, match=r"^https://www\.exempel\.se/sida: content is binary"):
        parse_html_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(ParseError, match="is a PDF"):
        parse_html_bytes(b"%PDF-1.7\n1 0 obj\n")


@pytest.mark.parametrize("content", [b"", b"   ", b"<html><head><title>x</title></head><body></body></html>",
                                     b"<html><body><nav><a href='/'>Start</a></nav><script>x()</script></body></html>"])
def test_page_without_text_is_an_empty_document(content):
    with pytest.raises(EmptyDocumentError) as err:
        parse_html_bytes(content)
    assert str(err.value).startswith("https://www.exempel.se/sida: ")
    assert "\n" not in str(err.value)


def test_size_cap():
    with pytest.raises(TooLargeError, match="over the cap of 100 bytes"):
        parse(fetched(b"<p>" + b"x" * 200 + b"</p>"), Settings(max_bytes=100))


def test_deeply_nested_page():
    def nested(depth: int) -> bytes:
        return ("<html><body>" + "<div>" * depth + "<p>Djup text om vård.</p>" + "</div>" * depth).encode()

    assert parse_html_bytes(nested(400)).text == "Djup text om vård."
    with pytest.raises(ParseError, match="nested too deeply"):
        parse_html_bytes(nested(5000))


def test_dispatch_by_media_type_aliases():
    page = b"<html><body><p>Text</p></body></html>"
    assert parse_html_bytes(page, media_type="application/xhtml+xml").text == "Text"
    xhtml = b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>V\xc3\xa5rd</p></body></html>'
    assert parse_html_bytes(xhtml).text == "Vård"


_TAGS = st.sampled_from(["div", "p", "span", "a", "ul", "li", "table", "tr", "td", "h2", "section", "aside",
                         "nav", "b", "br", "main", "article", "blockquote", "figure", "figcaption"])
_TEXT = st.text(alphabet="abcåäöÅÄÖ .,-–\n<>&", min_size=0, max_size=20)


@st.composite
def _markup(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 4 and draw(st.booleans()):
            tag = draw(_TAGS)
            close = draw(st.booleans()) or tag == "br"
            parts.append(f"<{tag} href='/x'>" + draw(_markup(depth + 1)) + (f"</{tag}>" if close else ""))
        else:
            parts.append(draw(_TEXT))
    return "".join(parts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_markup())
def test_any_markup_parses_or_fails_with_a_parse_error(markup):
    try:
        doc = parse_html_bytes(("<html><body>" + markup).encode("utf-8"))
    except EmptyDocumentError:
        return
    assert doc.text.strip()
    assert_offsets(doc)
