"""Plain-text parsing: paragraphs, list items, headings, date lines, wrapped lines, encodings."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from pipeline.api import parse_file
from pipeline.parse import parse
from pipeline.types import Document, Fetched

SEEDS = Path(__file__).parent / "data" / "seeds" / "text"
TEXTS = sorted(SEEDS.glob("*.txt"))


def parse_text_bytes(content: bytes, charset: str | None = None) -> Document:
    return parse(Fetched(url="file:///tmp/x.txt", content=content, media_type="text/plain",
                         sha256=hashlib.sha256(content).hexdigest(), retrieved="2024-01-01T00:00:00Z", charset=charset))


def blocks(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem[:3])
def test_every_seed_line_is_in_the_text_in_order(path):
    doc = parse_file(path)
    text = " ".join(doc.text.split())
    lines = [" ".join(re.sub(r"^\s*[•\-]\s+", "", line).replace("*", "").split())  # bullets, emphasis
             for line in path.read_text(encoding="utf-8").splitlines()]
    # date lines ("Publicerad: 15 oktober 2019", an empty "Senast ändrad:") are metadata
    content = [line for line in lines if line and not re.match(r"^(Publicerad|Uppdaterat|Senast ändrad):", line)]
    cursor, out_of_order = 0, []
    for line in content:  # each line after the one before it (short lines repeat, e.g. "Nära")
        pos = text.find(line, cursor)
        if pos < 0:
            out_of_order.append(line)
        else:
            cursor = pos + len(line)
    assert out_of_order == []
    for block in doc.blocks:
        piece = doc.text[block.start:block.end]
        assert piece and piece == piece.strip()


def test_seed_titles_and_dates():
    sormland = parse_file(SEEDS / "000_2e63142665466fcf.txt")
    assert sormland.metadata.title == "Nära vård"
    assert sormland.metadata.modified == "2023-06-05"
    assert "Uppdaterat" not in sormland.text
    skl = parse_file(SEEDS / "003_8c9dd47ca4ff3804.txt")
    assert skl.metadata.published == "2019-10-15"
    assert skl.metadata.title == "Omställning till en nära vård"
    assert blocks(skl)[0] == ("heading", "Omställning till en nära vård")


def test_seed_lists_headings_and_line_breaks():
    gnesta = parse_file(SEEDS / "001_89d0feb55d85cc09.txt")
    items = [text for kind, text in blocks(gnesta) if kind == "list_item"]
    assert items[:2] == ["från fokus på organisation till fokus på person och relation.",
                         "från brukare/patienter som passiva mottagare till aktiva medskapare"]
    assert len(items) == 20
    assert ("heading", "Vad innebär omställningen?") in blocks(gnesta)
    assert ("paragraph", "2023-09-04") in blocks(gnesta)  # a bare date is content, not a heading
    skl = parse_file(SEEDS / "003_8c9dd47ca4ff3804.txt")
    assert ("list_item", "Lisbeth Löpare Johansson\nKonsult") in blocks(skl)
    assert ("paragraph", "Publikation: Nära vård i Ängelholm") in blocks(skl)
    brochure = parse_file(SEEDS / "002_22302e1f0b8a3a12.txt")
    assert ("paragraph", "Isolerade vård- och omsorgsinsatser") in blocks(brochure)
    assert ("list_item", "Tillsammans – genom delaktighet och samordning med individens fokus") in blocks(brochure)
    assert ("paragraph", "www.fou.sormland.se/projekt/nara-varld") in blocks(brochure)


def test_wrapped_paragraphs_are_joined_and_short_lines_kept_apart():
    text = ("Rubrik\n\n"
            "Det här stycket är radbrutet av den som skrev det, ungefär vid\n"
            "sjuttio tecken, och ska bli ett enda stycke i den kanoniska\n"
            "texten.\n\n"
            "FoU i Sörmland\nDrottninggatan 16 B\n\n"
            "- en punkt som också är lång nog att brytas av skribenten vid\n"
            "  sjuttio tecken\n"
            "- en andra punkt om e-\ntjänster\n")
    doc = parse_text_bytes(text.encode("utf-8"))
    assert blocks(doc) == [
        ("heading", "Rubrik"),
        ("paragraph", "Det här stycket är radbrutet av den som skrev det, ungefär vid sjuttio tecken, och ska bli "
                      "ett enda stycke i den kanoniska texten."),
        ("paragraph", "FoU i Sörmland"),
        ("paragraph", "Drottninggatan 16 B"),
        ("list_item", "en punkt som också är lång nog att brytas av skribenten vid sjuttio tecken"),
        ("list_item", "en andra punkt om e-tjänster"),
    ]
    assert doc.metadata.title == "Rubrik"


def test_markdown_headings_and_emphasis():
    doc = parse_text_bytes("# Målbild\n\n## Bakgrund\n\nEn **viktig** och *tydlig* text.\n\n* punkt\n".encode())
    assert blocks(doc) == [("heading", "Målbild"), ("heading", "Bakgrund"),
                           ("paragraph", "En viktig och tydlig text."), ("list_item", "punkt")]
    assert [(s.heading, s.level) for s in doc.sections] == [("Målbild", 1), ("Bakgrund", 2)]


def test_legacy_encodings_and_crlf():
    text = "Äldreomsorg\r\n\r\nHemtjänst för äldre på Öland – året runt.\r\n"
    for content, charset in ((text.encode("cp1252"), None), (text.encode("cp1252"), "utf-8"),
                             (text.encode("utf-8"), "iso-8859-1"), (b"\xef\xbb\xbf" + text.encode("utf-8"), None)):
        doc = parse_text_bytes(content, charset)
        assert doc.text == "Äldreomsorg\n\nHemtjänst för äldre på Öland – året runt."
