"""The PDF parser on the seed brochure "Målbild Nära vård i Sörmland" (4 pages, columns, a diagram)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline import registry
from pipeline.api import parse_file
from pipeline.parse.pdf import parse_pdf

SEEDS = Path(__file__).parent / "data" / "seeds"
PDF = SEEDS / "pdf" / "002_22302e1f0b8a3a12.pdf"
SEED_TEXT = SEEDS / "text" / "002_22302e1f0b8a3a12.txt"
PULL_QUOTE = "Individens behov och förutsättningar."
FOOTER = "FoU i Sörmland | Målbild Nära vård i Sörmland"
PAIRS = [
    ("Organisation", "Person och relation"),
    ("Passiv mottagare", "Aktiv medskapare"),
    ("Reaktiv", "Proaktiv och hälsofrämjande"),
    ("Isolerade vård- och omsorgsinsatser", "Sammanhållet utifrån personens fokus"),
]


@pytest.fixture(scope="module")
def doc():
    return parse_file(PDF)


def block_text(doc, block) -> str:
    return doc.text[block.start:block.end]


def seed_lines() -> list[str]:
    """The seed's lines as the PDF has them: markdown marks dropped, the 9 repeated pull-quotes removed."""
    out = []
    for raw in SEED_TEXT.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^- ", "", raw.strip()).replace("**", "").replace("*", "")
        line = line.replace(" " + PULL_QUOTE, "").strip()
        if line:
            out.append(line)
    return out


def test_registered_for_pdf_media_type():
    assert registry.lookup("parser", "application/pdf") is parse_pdf
    assert registry.lookup("parser", "pdf") is parse_pdf


def test_every_seed_line_is_in_the_text(doc):
    missing = [line for line in seed_lines() if line not in doc.text]
    assert missing == []


def test_reading_order_follows_the_pages(doc):
    lines = seed_lines()
    back_cover = lines[: lines.index("230124") + 1]  # the seed puts page 4's panel first
    rest = lines[len(back_cover):]
    pos = 0
    for line in rest + back_cover:
        found = doc.text.find(line, pos)
        assert found >= 0, f"{line!r} is not after position {pos}"
        pos = found + len(line)


def test_running_footer_removed_and_kept_as_metadata(doc):
    assert "Sida 2 av 4" not in doc.text
    assert "Målbild Nära vård i Sörmland" not in doc.text
    assert FOOTER in doc.metadata.running_lines
    assert {f"Sida {n} av 4" for n in range(1, 5)} <= set(doc.metadata.running_lines)


def test_the_four_shifts_are_ordered_pairs(doc):
    got = [(doc.text[p.from_start:p.from_end], doc.text[p.to_start:p.to_end]) for p in doc.pairs]
    assert got == PAIRS
    assert {p.page for p in doc.pairs} == {2}
    pair_blocks = [b for b in doc.blocks if b.kind == "diagram_pair"]
    assert [block_text(doc, b) for b in pair_blocks] == [f"{a} → {b}" for a, b in PAIRS]


def test_blocks_carry_page_numbers(doc):
    assert all(b.page in (1, 2, 3, 4) for b in doc.blocks)
    page_of = {block_text(doc, b): b.page for b in doc.blocks if b.kind == "heading"}
    assert page_of["MÅLBILD NÄRA VÅRD I SÖRMLAND"] == 1
    assert page_of["Bakgrund och syfte"] == 2
    assert page_of["Hit ska vi 2035!"] == 3
    assert page_of["Vad behöver vi?"] == 4
    last = [b for b in doc.blocks if block_text(doc, b) == "230124"]
    assert len(last) == 1 and last[0].page == 4


def test_metadata(doc):
    meta = doc.metadata
    assert meta.title == "Målbild Nära vård i Sörmland"
    assert meta.author == "FoU i Sörmland"
    assert meta.publisher == "FoU i Sörmland"
    assert meta.published == "2023-01-24"
    assert meta.modified == "2023-01-24"
    assert meta.language == "sv-SE"
    assert meta.page_count == 4
    assert meta.description.startswith("Målbild för omställningen")
    assert meta.keywords == ("nära vård", "målbild", "Sörmland", "omställning")
    assert doc.media_type == "application/pdf"
    assert doc.warnings == ()


def test_headings_and_levels(doc):
    headings = {block_text(doc, b): b.level for b in doc.blocks if b.kind == "heading"}
    for title in ("Bakgrund och syfte", "Hit ska vi 2035!", "Vad behöver vi?"):
        assert headings[title] == 1
    assert headings["Tillsammans"] == headings["Nära"] == headings["God hälsa, vård och omsorg"] == 2
    assert "Förutsättningar och framgångsfaktorer:" not in headings  # a lead-in, not a heading


def test_split_word_heading_is_one_heading_as_the_seed_reads_it(doc):
    # "Om mål" and "bilden" are two runs 0.18 em apart: read as a word break, like the seed.
    found = [b for b in doc.blocks if b.kind == "heading" and "bilden" in block_text(doc, b)]
    assert [block_text(doc, b) for b in found] == ["Om mål bilden"]
    assert found[0].page == 4 and found[0].level == 2
    section = doc.sections[found[0].section]
    assert section.heading == "Om mål bilden"
    assert "Målbilden beskriver riktningen" in doc.text[section.start:section.end]


def test_repeated_pull_quote_collapsed(doc):
    assert doc.text.count(PULL_QUOTE) == 1
    quotes = [b for b in doc.blocks if b.kind == "quote"]
    assert [block_text(doc, b) for b in quotes] == [PULL_QUOTE]
    assert quotes[0].page == 2


def test_suspended_hyphens_kept(doc):
    assert "Isolerade vård- och omsorgsinsatser" in doc.text
    assert "gemensamt ansvar för att vård- och omsorgsinsatser samordnas" in doc.text
    assert "hälso- och sjukvården" in doc.text
    assert "vårdoch" not in doc.text


def test_column_break_mid_sentence_is_joined(doc):
    assert "för att förebygga ohälsa och sjukdom. Vid behov" in doc.text


def test_bullets_are_list_items(doc):
    items = [block_text(doc, b) for b in doc.blocks if b.kind == "list_item"]
    assert len(items) == 12
    assert items[0] == "Tillsammans – genom delaktighet och samordning med individens fokus"
    assert "Individens fokus – inga beslut om mig utan mig" in items
    assert items[-1] == "Satsningar – från några till alla"
    assert not any(i.startswith("•") for i in items)


def test_links_with_anchor_text(doc):
    links = {link.href: link for link in doc.links}
    project = links["https://www.fou.sormland.se/projekt/nara-varld"]
    assert project.text == "www.fou.sormland.se/projekt/nara-varld"
    assert doc.text[project.start:project.end] == project.text
    assert not project.is_document
    home = links["https://www.fou.sormland.se"]
    assert doc.text[home.start:home.end] == "www.fou.sormland.se"
