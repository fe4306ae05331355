"""`naravard parse FILE`: readable output and the whole record as JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main

SEEDS = Path(__file__).parent / "data" / "seeds"
HALLAND = SEEDS / "html" / "004_d90b2f1525f3968f.html"


def run(*args: str):
    return CliRunner().invoke(main, ["parse", *args], catch_exceptions=False)


def test_readable_output():
    result = run(str(HALLAND))
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("God och nära vård i Halland\n===")
    assert re.search(r"\nCanonical: +https://www\.regionhalland\.se/vard-och-halsa/samverkan-vard-och-omsorg/", out)
    assert re.search(r"\nSite: +Region Halland\n", out)
    assert "\n# God och nära vård i Halland\n" in out
    assert "\n## Varför behövs nära vård?\n" in out
    assert "  • Från fokus på organisation till fokus på person och relation\n" \
           "  • Från invånare och patienter som passiva mottagare till aktiva medskapare\n" in out
    assert "[Bild: Diagram som visar antal invånare" in out
    assert "[document] Målbild god och nära vård - kortversion (PDF)\n" \
           "      https://www.regionhalland.se/assets/uploads/malbild-god-och-nara-vard-kortversion.pdf" in out
    for chrome in ("Godkänn alla", "Hjälpte informationen", "Kollektivtrafik", "Box 517"):
        assert chrome not in out


def test_readable_output_shows_dates_and_asides():
    out = run(str(SEEDS / "html" / "003_8c9dd47ca4ff3804.html")).output
    assert re.search(r"\nPublished: +2019-10-15\n", out)
    assert "## Informationsansvarig\n\n│ Lisbeth Löpare Johansson\n│ Konsult\n" in out


def test_json_is_the_whole_record_with_offsets():
    result = run("--json", str(HALLAND))
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert set(record) >= {"location", "media_type", "sha256", "text", "metadata", "sections", "blocks", "links"}
    assert record["metadata"]["title"] == "God och nära vård i Halland"
    text = record["text"]
    for block in record["blocks"]:
        assert text[block["start"]:block["end"]].strip()
    pdf = next(link for link in record["links"] if link["href"].endswith(".pdf"))
    assert pdf["is_document"] is True
    assert text[pdf["start"]:pdf["end"]] == "Målbild god och nära vård - kortversion (PDF)"


def test_text_file_and_media_type_override():
    result = run(str(SEEDS / "text" / "003_8c9dd47ca4ff3804.txt"))
    assert result.exit_code == 0
    assert result.output.startswith("Omställning till en nära vård\n")
    as_text = run("--media-type", "text/plain", str(HALLAND))
    assert as_text.exit_code == 0 and "text/plain" in as_text.output and "<div" in as_text.output


def test_missing_file_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["parse", str(tmp_path / "saknas.html")])
    assert result.exit_code == 1
    assert f"Error: {tmp_path / 'saknas.html'}: file not found" in result.output
    assert "Traceback" not in result.output


def test_empty_page_is_a_one_line_error(tmp_path):
    page = tmp_path / "tom.html"
    page.write_text("<html><body><nav><a href='/'>Start</a></nav></body></html>", encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(page)])
    assert result.exit_code == 1
    assert "the page has no readable text" in result.output
    assert "Hint:" in result.output


def test_help_documents_the_options():
    out = CliRunner().invoke(main, ["parse", "--help"]).output
    for option in ("--json", "--media-type", "--config"):
        assert option in out
