"""Unit tests of the PDF parser's text rules and layout steps on hand-made input."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pipeline.parse.pdf_content import Run, Shape
from pipeline.parse.pdf_diagram import find_diagrams
from pipeline.parse.pdf_layout import assign_boxes, make_blocks, make_lines, reading_order
from pipeline.parse.pdf_meta import clean_title, is_document, publisher_from_author
from pipeline.parse.pdf_words import is_page_number, join_lines, running_keys


@pytest.mark.parametrize(("lines", "joined"), [
    (["Vi vill förbätt-", "ra vården."], "Vi vill förbättra vården."),
    (["vård-", "och omsorgsinsatser"], "vård- och omsorgsinsatser"),
    (["hälso-", "eller sjukvård"], "hälso- eller sjukvård"),
    (["barn-", "samt ungdomspsykiatri"], "barn- samt ungdomspsykiatri"),
    (["kommun-", "respektive regionnivå"], "kommun- respektive regionnivå"),
    (["hälso-, sjuk-", "och tandvård"], "hälso-, sjuk- och tandvård"),
    (["hälso-,", "sjuk- och tandvård"], "hälso-, sjuk- och tandvård"),
    (["covid-", "19"], "covid-19"),
    (["IT-", "stöd"], "IT-stöd"),
    (["e-", "hälsa"], "e-hälsa"),
    (["Region-", "Sörmland"], "Region-Sörmland"),
    (["fram\u00ad", "tiden"], "framtiden"),
    (["Tillsammans –", "genom samverkan"], "Tillsammans – genom samverkan"),
    (["  många   mellanslag ", "här"], "många mellanslag här"),
])
def test_join_lines(lines, joined):
    assert join_lines(lines) == joined


@pytest.mark.parametrize(("text", "expected"), [
    ("Sida 2 av 4", True), ("sida 12", True), ("3 (12)", True), ("Page 3 of 9", True), ("– 7 –", True),
    ("12", True), ("4/10", True), ("230124", False), ("2 kap. Bakgrund", False), ("Sida", False),
])
def test_page_numbers(text, expected):
    assert is_page_number(text) is expected


def test_running_keys_need_repetition():
    pages = [["Rapport 2024 | Sida 1"], ["Rapport 2024 | Sida 2", "Bild 1"], ["Rapport 2024 | Sida 3"], ["Annat"]]
    assert running_keys(pages) == {"rapport # | sida #"}
    assert running_keys([["Endast en gång"]]) == set()


@dataclass
class Box:
    name: str
    x0: float
    x1: float
    top: float
    bottom: float


def test_reading_order_three_columns_between_full_width_elements():
    items = [
        Box("title", 50, 545, 800, 780),
        Box("c1a", 50, 200, 760, 700), Box("c2a", 215, 365, 760, 720), Box("c3a", 380, 545, 760, 650),
        Box("c1b", 50, 200, 690, 600), Box("c2b", 215, 365, 710, 600), Box("c3b", 380, 545, 640, 600),
        Box("bar", 50, 545, 580, 560),
        Box("d1", 50, 290, 540, 400), Box("d2", 305, 545, 540, 300),
    ]
    order = [b.name for b in reading_order(items, gutter=8)]
    assert order == ["title", "c1a", "c1b", "c2a", "c2b", "c3a", "c3b", "bar", "d1", "d2"]


def test_reading_order_column_whose_first_item_is_alone_in_its_band():
    items = [Box("bar", 50, 545, 500, 480),
             Box("right1", 305, 545, 470, 430),  # the right column starts higher than the left one
             Box("left1", 50, 290, 420, 380), Box("right2", 305, 545, 420, 300), Box("left2", 50, 290, 370, 300)]
    assert [b.name for b in reading_order(items, gutter=8)] == ["bar", "left1", "left2", "right1", "right2"]


def run(text, x0, y, size=10.0, width=None, bold=False, italic=False):
    return Run(text, x0, x0 + (width if width is not None else 0.5 * size * len(text)), y, size, bold, italic)


def test_lines_split_at_gutters_and_keep_bullets_with_their_text():
    lines = make_lines([run("Vänster spalt", 50, 700), run("Höger spalt", 320, 700),
                        run("•", 50, 680, width=5), run("Punkt ett", 66, 680)])
    assert [(ln.text, ln.marker) for ln in lines] == [("Vänster spalt", ""), ("Höger spalt", ""), ("• Punkt ett", "•")]


def test_blocks_break_at_paragraph_gaps_and_style_changes():
    runs = [run("Rubrik", 50, 760, size=16, bold=True),
            run("Första raden i stycket", 50, 730), run("andra raden.", 50, 716),
            run("Nytt stycke efter luft.", 50, 690),
            run("Ett citat i kursiv stil", 50, 670, italic=True)]
    blocks = make_blocks(make_lines(runs), page=1)
    assert [b.text for b in blocks] == ["Rubrik", "Första raden i stycket andra raden.", "Nytt stycke efter luft.",
                                        "Ett citat i kursiv stil"]


def test_diagram_rows_from_boxes():
    runs, shapes = [], []
    for i, (left, right) in enumerate((("Från ett", "Till ett"), ("Från två", "Till två"))):
        y = 600 - i * 50
        shapes += [Shape(50, y - 15, 200, y + 20, "stroke"), Shape(300, y - 15, 450, y + 20, "stroke")]
        runs += [run(left, 90, y), run(right, 340, y)]
    runs.append(run("Brödtext under diagrammet som inte hör dit.", 50, 480))
    lines = make_lines(runs)
    assign_boxes(lines, shapes)
    blocks = make_blocks(lines, page=1)
    (diagram,) = find_diagrams(blocks, shapes, page=1)
    assert [(a.text, b.text) for a, b in diagram.rows] == [("Från ett", "Till ett"), ("Från två", "Till två")]


def test_two_columns_of_short_lines_without_boxes_are_not_a_diagram():
    runs = [run("Telefon", 50, 600), run("010-123 45 67", 300, 600),
            run("E-post", 50, 570), run("info@example.se", 300, 570)]
    assert find_diagrams(make_blocks(make_lines(runs), page=1), [], page=1) == []


@pytest.mark.parametrize(("author", "publisher"), [
    ("FoU i Sörmland", "FoU i Sörmland"), ("Region Halland", "Region Halland"), ("Socialstyrelsen", "Socialstyrelsen"),
    ("SKR", "SKR"), ("Anna Andersson", None), ("Microsoft Office User", None), ("jdoe", None), (None, None),
])
def test_publisher_from_author(author, publisher):
    assert publisher_from_author(author) == publisher


@pytest.mark.parametrize(("title", "clean"), [
    ("Målbild Nära vård i Sörmland", "Målbild Nära vård i Sörmland"),
    ("Microsoft Word - Rapport om nära vård", "Rapport om nära vård"),
    ("rapport_final_v3.docx", None), ("Untitled", None), ("", None),
])
def test_clean_title(title, clean):
    assert clean_title(title) == clean


def test_is_document():
    assert is_document("https://example.se/a/rapport.PDF")
    assert is_document("https://example.se/bilaga.docx?download=1")
    assert not is_document("https://example.se/sida.html")
    assert not is_document("https://www.fou.sormland.se")


def test_diagram_rows_joined_by_arrow_glyphs_far_apart():
    runs = []
    for i, (left, right) in enumerate((("Reaktiv", "Proaktiv"), ("Organisation", "Person och relation"),
                                       ("Passiv mottagare", "Aktiv medskapare"))):
        y = 600 - i * 48
        runs += [run(left, 100, y, bold=True), run("→", 290, y - 2, size=20, width=17),
                 run(right, 340, y, bold=True)]
    blocks = make_blocks(make_lines(runs), page=1)
    (diagram,) = find_diagrams(blocks, [], page=1)
    assert [(a.text, b.text) for a, b in diagram.rows] == [("Reaktiv", "Proaktiv"), ("Organisation", "Person och relation"),
                                                           ("Passiv mottagare", "Aktiv medskapare")]
    assert [a.text for a in diagram.arrows] == ["→"] * 3


def test_numbered_items_keep_their_numbers_bullets_do_not():
    runs = [run("1.", 50, 700, width=8), run("Första steget", 66, 700),
            run("2.", 50, 680, width=8), run("Andra steget", 66, 680),
            run("–", 50, 660, width=6), run("Ett tankstreck", 66, 660)]
    blocks = make_blocks(make_lines(runs), page=1)
    assert [(b.lines[0].marker, b.text) for b in blocks] == [("1.", "1. Första steget"), ("2.", "2. Andra steget"),
                                                             ("–", "Ett tankstreck")]
