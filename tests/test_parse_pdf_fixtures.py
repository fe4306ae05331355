"""The PDF parser on generated fixtures: columns, hyphenation, running lines, diagrams, scans, broken files."""

from __future__ import annotations

import dataclasses
import logging
import re

import pdf_fixtures as fx
import pytest

from pipeline.api import parse_file
from pipeline.errors import ParseError, TooLargeError
from pipeline.parse import pdf_ocr
from pipeline.settings import Settings


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    return fx.build_all(tmp_path_factory.mktemp("pdf"))


def texts(doc, kind=None, page=None):
    return [doc.text[b.start:b.end] for b in doc.blocks
            if (kind is None or b.kind == kind) and (page is None or b.page == page)]


@pytest.mark.parametrize("page", [1, 2])
def test_three_columns_read_column_by_column(pdfs, page):
    doc = parse_file(pdfs["three_columns.pdf"])
    blocks = texts(doc, page=page)
    assert blocks[0] == ("Tre kolumner" if page == 1 else "Tre kolumner, rad för rad")
    expected = [(col, part) for col in (1, 2, 3) for part in (1, 2)]
    assert len(blocks[1:]) == len(expected)
    for text, (col, part) in zip(blocks[1:], expected, strict=True):
        assert text == fx.column_paragraph(col, part)


def test_interleaved_content_stream_is_what_plain_extraction_mixes(pdfs):
    from pypdf import PdfReader

    plain = PdfReader(pdfs["three_columns.pdf"]).pages[1].extract_text()
    assert "Kolumn 1 stycke 1 börjar här. Kolumn 2 stycke 1" in plain  # columns mixed line by line
    assert "Kolumn 1 stycke 1 börjar här. Kolumn 2" not in parse_file(pdfs["three_columns.pdf"]).text


def test_hyphenation_rejoined_and_suspended_hyphens_kept(pdfs):
    doc = parse_file(pdfs["hyphenation.pdf"])
    assert texts(doc) == [fx.HYPHEN_TEXT, fx.COMPOUND_TEXT]
    assert "förbättra" in doc.text and "förbätt-" not in doc.text


def test_running_header_and_footer(pdfs):
    doc = parse_file(pdfs["running_lines.pdf"])
    for line in (fx.HEADER, "www.example.se", "Sida 1 av 2", "Sida 2 av 2"):
        assert line not in doc.text
        assert line in doc.metadata.running_lines
    assert {b.page for b in doc.blocks} == {1, 2}
    assert texts(doc, "heading") == ["Årsrapport 2024"]
    assert "Detta är sidan 2 av rapporten om nära vård i regionen." in texts(doc, page=2)[0]
    assert doc.metadata.page_count == 2


def test_link_to_a_document_keeps_its_anchor(pdfs):
    doc = parse_file(pdfs["running_lines.pdf"])
    (link,) = doc.links
    assert link.href == fx.REPORT_URL and link.is_document
    assert link.text == "Läs hela rapporten (PDF)"
    assert doc.text[link.start:link.end] == link.text


def test_person_author_is_not_the_publisher(pdfs):
    meta = parse_file(pdfs["running_lines.pdf"]).metadata
    assert meta.author == "Anna Andersson" and meta.publisher is None
    assert meta.title == "Årsrapport 2024"


def test_diagram_found_by_layout_not_by_words(pdfs):
    doc = parse_file(pdfs["diagram.pdf"])
    pairs = [(doc.text[p.from_start:p.from_end], doc.text[p.to_start:p.to_end]) for p in doc.pairs]
    assert pairs == list(fx.DIAGRAM_ROWS)
    assert texts(doc)[0] == "Förflyttningar"
    # the two-row contact list beside no boxes or arrows is not a diagram
    assert "Telefon" in doc.text and not any("Telefon" in a or "Telefon" in b for a, b in pairs)


def test_scanned_page_without_tesseract_is_reported(pdfs, monkeypatch):
    monkeypatch.setattr(pdf_ocr, "available", lambda: False)
    doc = parse_file(pdfs["scanned.pdf"])
    assert doc.text == ""
    assert doc.warnings == (f"{pdfs['scanned.pdf']}: page 1 has no text layer; "
                            "install tesseract-ocr and tesseract-ocr-swe to OCR it",)


@pytest.mark.skipif(not pdf_ocr.available(), reason="needs tesseract-ocr and tesseract-ocr-swe (make system-deps)")
def test_scanned_page_is_read_by_ocr(pdfs):
    doc = parse_file(pdfs["scanned.pdf"])
    for word in ("Nära", "vård", "Sörmland", "Omställningen", "hälsa", "trygghet"):
        assert word in doc.text
    assert {b.page for b in doc.blocks} == {1}
    assert any("read by OCR" in w for w in doc.warnings)


def test_encrypted_with_password_is_refused(pdfs):
    with pytest.raises(ParseError, match=r"encrypted\.pdf: the PDF is protected by a password") as info:
        parse_file(pdfs["encrypted.pdf"])
    assert "qpdf --decrypt" in info.value.hint


def test_encrypted_without_user_password_is_read(pdfs):
    assert parse_file(pdfs["owner_only.pdf"]).text == "Skyddat dokument om nära vård."


@pytest.mark.parametrize(("name", "what"), [("truncated.pdf", "truncated"), ("corrupt.pdf", "corrupt")])
def test_broken_files_raise_parse_error(pdfs, name, what):
    with pytest.raises(ParseError, match=rf"{re.escape(name)}: the PDF is {what}") as info:
        parse_file(pdfs[name], media_type="application/pdf")
    assert "\n" not in str(info.value)
    assert "download the file again" in info.value.hint


def test_empty_file_raises_parse_error(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(ParseError, match="empty.pdf"):
        parse_file(path, media_type="application/pdf")


def test_page_cap(pdfs):
    with pytest.raises(TooLargeError, match=r"running_lines\.pdf: 2 pages, over the cap of 1 pages"):
        parse_file(pdfs["running_lines.pdf"], Settings(max_pdf_pages=1))


def test_time_cap(pdfs):
    with pytest.raises(TooLargeError, match=r"long_report\.pdf: parsing took longer than 0 s \(stopped at page 1 of 20\)"):
        parse_file(pdfs["long_report.pdf"], Settings(parse_timeout=0))


def test_byte_cap(pdfs):
    from pipeline.fetch.local import read_file
    from pipeline.parse.pdf import parse_pdf

    fetched = read_file(pdfs["hyphenation.pdf"])
    with pytest.raises(TooLargeError, match="over the cap of 100 bytes"):
        parse_pdf(fetched, Settings(max_bytes=100))


def test_pypdf_warnings_are_captured_not_printed(pdfs, tmp_path, capsys):
    data = pdfs["hyphenation.pdf"].read_bytes()
    broken = re.sub(rb"startxref\s+\d+", b"startxref\n999999", data)  # a wrong xref offset pypdf recovers from
    path = tmp_path / "bad_xref.pdf"
    path.write_bytes(broken)
    doc = parse_file(path)
    assert texts(doc) == [fx.HYPHEN_TEXT, fx.COMPOUND_TEXT]
    assert any("pypdf:" in w and "bad_xref.pdf" in w for w in doc.warnings)
    assert capsys.readouterr().err == ""


def test_pypdf_messages_outside_a_parse_still_reach_logging():
    from pipeline.parse.pdf import pypdf_messages

    class Keep(logging.Handler):
        def __init__(self):
            super().__init__()
            self.messages = []

        def emit(self, record):
            self.messages.append(record.getMessage())

    keep = Keep()
    logging.getLogger().addHandler(keep)
    try:
        with pypdf_messages() as inside:
            logging.getLogger("pypdf._reader").warning("inside a parse")
        logging.getLogger("pypdf._reader").warning("outside a parse")
    finally:
        logging.getLogger().removeHandler(keep)
    assert inside == ["inside a parse"]
    assert keep.messages == ["outside a parse"]


def test_long_report_pages_and_footer(pdfs):
    doc = parse_file(pdfs["long_report.pdf"])
    assert doc.metadata.page_count == 20
    assert {b.page for b in doc.blocks} == set(range(1, 21))
    assert "Sida 7 av 20" in doc.metadata.running_lines and "Sida 7 av 20" not in doc.text
    headings = texts(doc, "heading")
    assert headings == [f"Avsnitt {n}" for n in range(1, 21)]
    assert all(dataclasses.is_dataclass(b) for b in doc.blocks)


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_page_turned_by_rotate_is_read_upright(pdfs, tmp_path, degrees):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(pdfs["hyphenation.pdf"]).pages:
        page.rotate(degrees)
        writer.add_page(page)
    path = tmp_path / f"turned_{degrees}.pdf"
    writer.write(path)
    assert texts(parse_file(path)) == [fx.HYPHEN_TEXT, fx.COMPOUND_TEXT]


def test_sideways_margin_label_is_dropped(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "label.pdf"
    c = Canvas(str(path), invariant=1)
    c.setFont("Helvetica", 10)
    c.drawString(72, 700, "Brödtexten står upprätt och läses som vanligt på sidan.")
    c.saveState()
    c.translate(30, 300)
    c.rotate(90)
    c.drawString(0, 0, "Marginaltext")
    c.restoreState()
    c.showPage()
    c.save()
    assert parse_file(path).text == "Brödtexten står upprätt och läses som vanligt på sidan."


def test_bullet_in_a_standard_font_is_a_list_item(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "bullets.pdf"
    c = Canvas(str(path), invariant=1)
    c.setFont("Helvetica", 11)
    for i, item in enumerate(("Tillit – goda relationer", "Samsyn – utgå från målbild")):
        c.drawString(72, 700 - 20 * i, "•")  # reportlab writes it as WinAnsi code 0x7F
        c.drawString(90, 700 - 20 * i, item)
    c.showPage()
    c.save()
    doc = parse_file(path)
    assert texts(doc, "list_item") == ["Tillit – goda relationer", "Samsyn – utgå från målbild"]


def test_layout_failure_keeps_the_text_with_a_warning(pdfs, monkeypatch):
    from pipeline.parse import pdf

    def broken(page, body):
        raise ValueError("unexpected geometry")

    monkeypatch.setattr(pdf, "layout_page", broken)
    doc = parse_file(pdfs["hyphenation.pdf"])
    assert texts(doc)[0] == "Regionen vill förbätt-"
    assert doc.warnings == (f"{pdfs['hyphenation.pdf']}: page 1: layout analysis failed (unexpected geometry); "
                            "its lines are kept in top-to-bottom order",)
