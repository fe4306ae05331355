"""naravard sources list | add | check."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from fetchserver import SeedSite

from pipeline.catalogue import load_catalogue
from pipeline.catalogue_admin import id_from_url
from pipeline.cli import main
from pipeline.settings import PROJECT_ROOT

BUNDLED = PROJECT_ROOT / "sources"
IDS = sorted(p.stem for p in BUNDLED.glob("*.toml"))


@pytest.fixture
def catalogue(tmp_path):
    shutil.copytree(BUNDLED, tmp_path / "sources")
    return tmp_path / "sources"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_list_shows_every_source_and_its_last_ingest(catalogue, tmp_path):
    out = tmp_path / "out"
    result = run("sources", "list", "--sources", catalogue, "--output", out)
    assert result.exit_code == 0, result.output
    for source_id in IDS:
        line = next(ln for ln in result.output.splitlines() if ln.startswith(source_id + " "))
        assert "never ingested" in line
    assert "https://www.gnesta.se/omsorg-och-stod/nara-vard.html  [snapshot]" in result.output
    assert run("ingest", "--sources", catalogue, "--output", out, "--jobs", "1", "--only", "gnesta-nara-vard").exit_code == 0
    listed = run("sources", "list", "--sources", catalogue, "--output", out).output
    line = next(ln for ln in listed.splitlines() if ln.startswith("gnesta-nara-vard "))
    assert " new " in line and "Gnesta kommun (Sörmland)" in line and " 0 concepts" not in line


def test_add_writes_a_valid_entry(catalogue):
    url = "https://www.regionhalland.se/vard-och-halsa/nara-vard/broschyr.pdf"
    result = run("sources", "add", url, "--publisher", "Region Halland", "--kind", "pdf", "--region", "Halland",
                 "--sources", catalogue)
    assert result.exit_code == 0, result.output
    new_id = id_from_url(url)
    assert new_id == "regionhalland-vard-och-halsa-nara-vard-broschyr"
    assert result.output.strip() == f"added {url} in {catalogue / (new_id + '.toml')}"
    added = {s.id: s for s in load_catalogue(catalogue)}[new_id]
    assert (added.url, added.publisher, added.kind, added.region, added.snapshot) == (
        url, "Region Halland", "pdf", "Halland", None)


def test_add_refuses_duplicates_and_bad_urls(catalogue):
    url = "https://www.gnesta.se/omsorg-och-stod/nara-vard.html"
    dup = run("sources", "add", url, "--publisher", "Gnesta kommun", "--kind", "html", "--sources", catalogue)
    assert dup.exit_code == 1
    assert f"Error: {catalogue / 'gnesta-nara-vard.toml'}: {url} is already in the catalogue as 'gnesta-nara-vard'" \
        in dup.output
    same_id = run("sources", "add", "https://example.org/x", "--id", "gnesta-nara-vard", "--publisher", "X",
                  "--kind", "html", "--sources", catalogue)
    assert same_id.exit_code == 1 and "a source with id 'gnesta-nara-vard' already exists" in same_id.output
    ftp = run("sources", "add", "ftp://example.org/x.pdf", "--id", "ftp-x", "--publisher", "X", "--kind", "pdf",
              "--sources", catalogue)
    assert ftp.exit_code == 1 and "Error: 'ftp://example.org/x.pdf': not a valid http(s) URL" in ftp.output
    assert not (catalogue / "ftp-x.toml").exists()  # a refused entry leaves nothing behind
    assert len(load_catalogue(catalogue)) == len(IDS)


def test_add_to_a_single_file_catalogue(tmp_path):
    single = tmp_path / "catalogue.toml"
    single.write_text('[[source]]\nid = "a"\nurl = "https://example.org/a"\npublisher = "A"\nkind = "html"\n')
    result = run("sources", "add", "https://example.org/b \"quoted\"", "--id", "b", "--publisher", 'B "the" org',
                 "--kind", "html", "--follow-pdfs", "--sources", single)
    assert result.exit_code == 1
    assert "Error: 'https://example.org/b \"quoted\"': not a valid http(s) URL" in result.output
    result = run("sources", "add", "https://example.org/b", "--id", "b", "--publisher", 'B "the" org',
                 "--kind", "html", "--follow-pdfs", "--sources", single)
    assert result.exit_code == 0, result.output
    sources = load_catalogue(single)
    assert [(s.id, s.publisher, s.follow_pdfs) for s in sources] == [("a", "A", False), ("b", 'B "the" org', True)]


def test_check_reports_reachability(tmp_path):
    with SeedSite() as site:
        site.put("/ok.html", b"<html><body><p>Hej</p></body></html>")
        site.redirect("/moved", "/ok.html")
        catalogue = tmp_path / "sources"
        catalogue.mkdir()
        for name, path in (("ok", "/ok.html"), ("moved", "/moved"), ("missing", "/missing.html")):
            (catalogue / f"{name}.toml").write_text(
                f'id = "{name}"\nurl = "{site.url(path)}"\npublisher = "X"\nkind = "html"\n')
        config = tmp_path / "naravard.toml"
        config.write_text('allowed_hosts = ["127.0.0.1"]\nrate_limit = 0\nretries = 0\n')
        result = run("sources", "check", "--sources", catalogue, "--output", tmp_path / "out", "--config", config)
    assert result.exit_code == 1
    lines = {ln.split()[1]: ln for ln in result.output.splitlines() if ln.startswith(("ok", "FAIL"))}
    assert lines["ok"].startswith("ok ") and lines["ok"].endswith("HTTP 200, text/html")
    assert lines["moved"].endswith(f"HTTP 200, redirected to {site.url('/ok.html')}, text/html")
    assert lines["missing"].startswith("FAIL") and f"{site.url('/missing.html')}: HTTP 404" in lines["missing"]
    assert result.output.splitlines()[-1] == "3 sources, 1 with problems"


def test_check_offline_validates_snapshots(catalogue, tmp_path):
    ok = run("sources", "check", "--offline", "--sources", catalogue)
    assert ok.exit_code == 0, ok.output
    assert ok.output.splitlines()[-1] == f"{len(IDS)} sources, 0 with problems"
    (catalogue / "snapshots" / "002_22302e1f0b8a3a12.pdf").write_bytes(b"<html><body>not a pdf</body></html>")
    bad = run("sources", "check", "--offline", "--sources", catalogue)
    assert bad.exit_code == 1
    assert "snapshot 002_22302e1f0b8a3a12.pdf looks like text/html, not pdf" in bad.output


def test_check_refuses_an_invalid_catalogue(catalogue):
    (catalogue / "bad.toml").write_text('id = "bad"\nurl = "https://example.org"\npublisher = "X"\nkind = "doc"\n')
    result = run("sources", "check", "--offline", "--sources", catalogue)
    assert result.exit_code == 1 and "bad.toml [bad]: unknown kind 'doc'" in result.output
