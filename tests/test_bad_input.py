"""Bad input through the command line: one exact, one-line message per case, naming the file, URL or
query and what to do; exit status 1 when the whole command failed; no traceback unless --debug.

The corpus is tests/data/bad/ (see tests/bad_corpus.py); the large PDFs are generated per test. In a
multi-source ingest the good sources are stored and the summary lists every failure.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from bad_corpus import BAD, CATALOGUE, bomb_pdf, corpus, many_pages_pdf, oversize_file, slow_layout_pdf
from click.testing import CliRunner
from fetchserver import SeedSite

from pipeline import iri
from pipeline.cli import main
from pipeline.graph.store import open_store
from pipeline.settings import PROJECT_ROOT, Settings

BUNDLED = PROJECT_ROOT / "sources"
GOOD = sorted(p.stem for p in BUNDLED.glob("*.toml"))
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8


def naravard(*args: str | Path):
    return CliRunner().invoke(main, [str(a) for a in args])


def messages(result) -> list[str]:
    """The Error:/Hint: lines the command printed."""
    return [ln for ln in result.output.splitlines() if ln.startswith(("Error: ", "Hint: "))]


def failed(result, error: str, hint: str | None = None) -> None:
    """The command failed as a whole with exactly this message (and hint), and no traceback."""
    assert result.exit_code == 1, result.output
    assert messages(result) == [f"Error: {error}"] + ([f"Hint: {hint}"] if hint else []), result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def uri(path: Path) -> str:
    return path.resolve().as_uri()


def config(tmp_path: Path, **values) -> Path:
    def toml(v):
        return f"[{', '.join(toml(x) for x in v)}]" if isinstance(v, list | tuple) else (
            str(v).lower() if isinstance(v, bool) else repr(v).replace("'", '"'))

    path = tmp_path / "naravard.toml"
    path.write_text("".join(f"{k} = {toml(v)}\n" for k, v in values.items()), encoding="utf-8")
    return path


# -- naravard parse: one file, the command fails as a whole -------------------------------------------
def test_malformed_html_parses_what_a_browser_would_show():
    result = naravard("parse", BAD / "malformed.html")
    assert result.exit_code == 0, result.output
    for text in ("# Nära vård", "Vi arbetar med personcentrerad vård nära invånarna i hela länet.",
                 "Primärvården är navet", "Samverkan med kommunerna"):
        assert text in result.output


def test_truncated_html_keeps_what_arrived():
    result = naravard("parse", BAD / "truncated.html")
    assert result.exit_code == 0, result.output
    assert "# God och nära vård i Halland" in result.output
    assert "Kärnan i nära vård är ett personcentrerat arbetssätt." in result.output


def test_binary_named_html():
    path = BAD / "binary.html"
    failed(naravard("parse", path), f"{uri(path)}: content is binary, not a web page, PDF or text",
           "check that the address or file holds the document itself (not an image, archive or Office file)")


def test_empty_html_page():
    path = BAD / "empty.html"
    failed(naravard("parse", path), f"{uri(path)}: the page has no readable text",
           "check that the address serves the page itself, not a script-rendered shell or a login page")


def test_empty_text_file():
    path = BAD / "empty.txt"
    failed(naravard("parse", path), f"{uri(path)}: the text is empty",
           "check that the file or address holds the document's text")


def test_undecodable_text():
    path = BAD / "undecodable.txt"
    failed(naravard("parse", path),
           f"{uri(path)}: the text cannot be decoded: it is neither UTF-8 nor a known encoding",
           "save it as UTF-8, or declare its charset (Content-Type or <meta charset>)")


def test_truncated_pdf():
    path = BAD / "truncated.pdf"
    failed(naravard("parse", path),
           f"{path}: the PDF is truncated (no end-of-file marker) and cannot be read (Stream has ended unexpectedly)",
           "download the file again, or open and re-save it in a PDF reader")


def test_corrupt_pdf():
    path = BAD / "corrupt.pdf"
    result = naravard("parse", path)
    assert result.exit_code == 1
    error, hint = messages(result)
    assert error.startswith(f"Error: {path}: the PDF is corrupt and cannot be read (")
    assert hint == "Hint: download the file again, or open and re-save it in a PDF reader"


def test_encrypted_pdf():
    path = BAD / "encrypted.pdf"
    failed(naravard("parse", path), f"{path}: the PDF is protected by a password",
           "save an unprotected copy (e.g. `qpdf --decrypt --password=… in.pdf out.pdf`)")


def test_pdf_with_hundreds_of_pages_is_capped_and_the_cap_is_a_setting(tmp_path):
    path = many_pages_pdf(tmp_path / "many.pdf", 600)
    failed(naravard("parse", path), f"{path}: 600 pages, over the cap of 500 pages",
           "raise max_pdf_pages in naravard.toml if the whole document is wanted")
    result = naravard("parse", "--config", config(tmp_path, max_pdf_pages=1000), path)
    assert result.exit_code == 0, result.output
    assert "Pages:         600" in result.output


def test_decompression_bomb_is_refused_by_default(tmp_path):
    path = bomb_pdf(tmp_path / "bomb.pdf", 200)  # 200 kB that inflate to 200 MB
    assert path.stat().st_size < 300_000
    failed(naravard("parse", path),
           f"{path}: page 1: a compressed stream inflates to more than 75000000 bytes (decompression bomb?)",
           "raise max_inflated_bytes in naravard.toml if the file is genuine")


def test_inflation_cap_is_a_setting(tmp_path):
    path = bomb_pdf(tmp_path / "small-bomb.pdf", 20)
    assert naravard("parse", path).exit_code == 0
    failed(naravard("parse", "--config", config(tmp_path, max_inflated_bytes=5_000_000), path),
           f"{path}: page 1: a compressed stream inflates to more than 5000000 bytes (decompression bomb?)",
           "raise max_inflated_bytes in naravard.toml if the file is genuine")


def test_file_over_the_size_cap(tmp_path):
    path = oversize_file(tmp_path / "big.html", 4096)
    failed(naravard("parse", "--config", config(tmp_path, max_bytes=1000), path),
           f"{path}: file is 4096 bytes, over the cap of 1000 bytes",
           "raise max_bytes in naravard.toml if the file is genuine")


def test_page_that_defeats_the_cooperative_time_checks_is_stopped(tmp_path):
    """4000 lines drawn on one spot are read fast but laid out slowly: the hard time limit stops it."""
    path = slow_layout_pdf(tmp_path / "slow.pdf", 4000)
    result = naravard("parse", "--config", config(tmp_path, parse_timeout=1), path)
    assert result.exit_code == 1
    error, hint = messages(result)
    assert error.startswith(f"Error: {uri(path)}: parsing took longer than 1 s") or \
        error.startswith(f"Error: {path}: parsing took longer than 1 s")
    assert hint.startswith("Hint: raise parse_timeout in naravard.toml")


def test_missing_file():
    path = BAD / "does-not-exist.html"
    failed(naravard("parse", path), f"{path}: file not found", "check the path")


def test_document_without_concepts_is_not_an_error():
    path = BAD / "no-concept.html"
    result = naravard("extract", path)
    assert result.exit_code == 0
    assert result.output.splitlines() == [f"{path}: 0 concepts, 0 mentions, 0 relations"]


def test_debug_shows_the_traceback():
    path = BAD / "binary.html"
    assert "Traceback" not in naravard("parse", path).output
    result = naravard("--debug", "parse", path)
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.output
    assert f"Error: {uri(path)}: content is binary, not a web page, PDF or text" in result.output


def test_a_bug_is_one_line_too(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom\non two lines")

    monkeypatch.setattr("pipeline.api.parse_file", broken)
    failed(naravard("parse", BAD / "malformed.html"), "internal error RuntimeError: boom on two lines",
           "this is a bug in naravard; run again with --debug and report the traceback")
    result = naravard("--debug", "parse", BAD / "malformed.html")
    assert result.exit_code == 1 and isinstance(result.exception, RuntimeError)


# -- invalid catalogue: the ingest stops before it starts -------------------------------------------
def _ingest_catalogue(case: str, tmp_path: Path):
    catalogue = tmp_path / case
    shutil.copytree(BAD / CATALOGUE / case, catalogue)
    result = naravard("ingest", "--sources", catalogue, "--output", tmp_path / "out", "--jobs", "1")
    assert not (tmp_path / "out" / "store").exists()  # nothing was written
    return catalogue, result


def test_catalogue_entry_without_url(tmp_path):
    catalogue, result = _ingest_catalogue("missing-url", tmp_path)
    failed(result, f"{catalogue / 'source.toml'} [utan-adress]: missing required field 'url'",
           "every source needs id, url, publisher and kind")


def test_catalogue_entry_of_unknown_kind(tmp_path):
    catalogue, result = _ingest_catalogue("unknown-kind", tmp_path)
    failed(result, f"{catalogue / 'source.toml'} [fel-sort]: unknown kind 'docx'", "kind must be one of html, pdf, text")


def test_catalogue_with_duplicate_id(tmp_path):
    catalogue, result = _ingest_catalogue("duplicate-id", tmp_path)
    failed(result, f"{catalogue / 'b.toml'}: duplicate source id 'samma' (also in {catalogue / 'a.toml'})",
           "give every source its own id")


def test_catalogue_file_that_is_not_toml(tmp_path):
    catalogue, result = _ingest_catalogue("bad-toml", tmp_path)
    with pytest.raises(tomllib.TOMLDecodeError) as err:
        tomllib.loads((catalogue / "source.toml").read_text(encoding="utf-8"))
    failed(result, f"{catalogue / 'source.toml'}: not a readable TOML file: {err.value}",
           "fix the TOML syntax there (quotes closed, one key = value per line)")


def test_catalogue_entry_with_a_file_url(tmp_path):
    catalogue, result = _ingest_catalogue("not-http", tmp_path)
    failed(result, f"{catalogue / 'source.toml'} [lokal-fil]: url must be an http(s) URL, got 'file:///etc/passwd'",
           "give the web address; a local copy goes in `snapshot = ...`")


def test_missing_catalogue(tmp_path):
    failed(naravard("ingest", "--sources", tmp_path / "nowhere", "--output", tmp_path / "out"),
           f"{tmp_path / 'nowhere'}: catalogue not found",
           "pass --sources with a directory of .toml files, or run naravard in the project folder")


# -- a multi-source ingest: the good sources are stored, the summary lists the failures -----------
def _add(catalogue: Path, source_id: str, kind: str, *, snapshot: Path | None = None, url: str | None = None) -> str:
    url = url or f"https://www.example.se/{source_id}"
    entry = f'id = "{source_id}"\nurl = "{url}"\npublisher = "Region Exempel"\nkind = "{kind}"\n'
    if snapshot is not None:
        target = catalogue / "snapshots" / snapshot.name
        shutil.copy(snapshot, target)
        entry += f'snapshot = "snapshots/{snapshot.name}"\n'
    (catalogue / f"{source_id}.toml").write_text(entry, encoding="utf-8")
    return url


def test_bad_sources_fail_alone_and_are_listed_in_the_summary(tmp_path):
    catalogue, output = tmp_path / "sources", tmp_path / "out"
    shutil.copytree(BUNDLED, catalogue)
    big = tmp_path / "generated"
    big.mkdir()
    snap = catalogue / "snapshots"
    with SeedSite() as site:
        site.put("/bild.html", PNG, "text/html; charset=utf-8")  # a binary served as text/html
        expected = {
            "x-binary": f"{_add(catalogue, 'x-binary', 'html', snapshot=BAD / 'binary.html')}: content is binary, "
                        "not a web page, PDF or text",
            "x-served-binary": f"{_add(catalogue, 'x-served-binary', 'html', url=site.url('/bild.html'))}: content is "
                               "binary, not a web page, PDF or text",
            "x-empty-page": f"{_add(catalogue, 'x-empty-page', 'html', snapshot=BAD / 'empty.html')}: the page has no "
                            "readable text",
            "x-empty-text": f"{_add(catalogue, 'x-empty-text', 'text', snapshot=BAD / 'empty.txt')}: the text is empty",
            "x-undecodable": f"{_add(catalogue, 'x-undecodable', 'text', snapshot=BAD / 'undecodable.txt')}: the text "
                             "cannot be decoded: it is neither UTF-8 nor a known encoding",
            "x-truncated-pdf": None,
            "x-encrypted": None,
            "x-many-pages": None,
            "x-bomb": None,
            "x-oversize": None,
        }
        _add(catalogue, "x-truncated-pdf", "pdf", snapshot=BAD / "truncated.pdf")
        expected["x-truncated-pdf"] = (f"{(snap / 'truncated.pdf').resolve()}: the PDF is truncated (no end-of-file "
                                       "marker) and cannot be read (Stream has ended unexpectedly)")
        _add(catalogue, "x-encrypted", "pdf", snapshot=BAD / "encrypted.pdf")
        expected["x-encrypted"] = f"{(snap / 'encrypted.pdf').resolve()}: the PDF is protected by a password"
        _add(catalogue, "x-many-pages", "pdf", snapshot=many_pages_pdf(big / "many.pdf", 600))
        expected["x-many-pages"] = f"{(snap / 'many.pdf').resolve()}: 600 pages, over the cap of 500 pages"
        _add(catalogue, "x-bomb", "pdf", snapshot=bomb_pdf(big / "bomb.pdf", 100))
        expected["x-bomb"] = (f"{(snap / 'bomb.pdf').resolve()}: page 1: a compressed stream inflates to more than "
                              "75000000 bytes (decompression bomb?)")
        _add(catalogue, "x-oversize", "html", snapshot=oversize_file(big / "big.html", 300_000))
        expected["x-oversize"] = f"{(snap / 'big.html').resolve()}: file is 300000 bytes, over the cap of 200000 bytes"
        _add(catalogue, "x-no-concept", "html", snapshot=BAD / "no-concept.html")
        _add(catalogue, "x-malformed", "html", snapshot=BAD / "malformed.html")

        settings = config(tmp_path, max_bytes=200_000, allowed_hosts=["127.0.0.1"], rate_limit=0)
        result = naravard("ingest", "--sources", catalogue, "--output", output, "--config", settings, "--jobs", "1")

    assert result.exit_code == 0, result.output  # some sources made it: the command as a whole did not fail
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    total = len(GOOD) + len(expected) + 2
    assert f"{total} sources in" in result.output
    assert f": {len(GOOD) + 2} new, 0 changed, 0 unchanged, {len(expected)} failed, 0 gone, 0 removed" in result.output
    summary = [ln for ln in lines if ln.startswith("failed: ")]
    assert summary == [f"failed: {sid}: {message}" for sid, message in sorted(expected.items())]
    for source_id in expected:  # each failure also under its own line, as it happened
        line = next(i for i, ln in enumerate(lines) if ln.startswith("failed ") and f" {source_id} " in ln)
        assert lines[line + 1].strip() == expected[source_id]
    from pipeline.catalogue import load_catalogue

    order = [ln.split()[1] for ln in lines if ln.startswith(("new ", "failed "))]  # as the sources were recorded
    assert order == [s.id for s in load_catalogue(catalogue)]  # in catalogue order, new graphs loaded in batches
    note = "no concept of the reform found; check that the source is about it (see ontology/thesaurus)"
    line = next(i for i, ln in enumerate(lines) if ln.startswith("new ") and " x-no-concept " in ln)
    assert lines[line + 1].strip() == note

    with open_store(Settings(output=output), read_only=True) as store:
        graphs = set(store.graphs())
        for source_id in [*GOOD, "x-no-concept", "x-malformed"]:
            assert iri.graph(source_id) in graphs, source_id
        for source_id in expected:
            assert iri.graph(source_id) not in graphs, source_id
        malformed = len(list(store.quads(iri.graph("x-malformed"))))
    assert malformed > 0


# -- queries and exports -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("store") / "out"
    result = naravard("ingest", "--sources", BUNDLED, "--output", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    return out


def test_sparql_syntax_error(store_dir):
    result = naravard("query", "--output", store_dir, "SELECT ?s WHERE { ?s a nvo:Source ")
    assert result.exit_code == 1
    error, hint = messages(result)
    assert error.startswith('Error: inline query: SPARQL syntax error: error at line 1, column 35: expected one of ",", ')
    assert hint == "Hint: check the query text"
    assert "Traceback" not in result.output


def test_sparql_syntax_error_in_a_query_file(store_dir):
    result = naravard("query", "--output", store_dir, BAD / "broken.rq")
    assert result.exit_code == 1
    error, hint = messages(result)
    assert error.startswith("Error: query 'broken': SPARQL syntax error: error at line 4, column 1: expected one of ")
    assert len(error) < 320 and hint == "Hint: check the query text"


def test_unknown_saved_query(store_dir):
    failed(naravard("query", "--output", store_dir, "no-such-query"), "unknown saved query 'no-such-query'",
           "run `naravard query --list` to see the saved queries")


def test_sparql_update_is_refused_by_query(store_dir):
    failed(naravard("query", "--output", store_dir, "PREFIX ex: <https://example.se/>\n"
                    "INSERT DATA { ex:a ex:b ex:c }"),
           "inline query: SPARQL Update is refused: queries are read-only",
           "the graph changes only through `naravard ingest`")
    ask = naravard("query", "--output", store_dir, "--format", "json", "ASK { <https://example.se/a> ?p ?o }")
    assert ask.exit_code == 0 and '"boolean":false' in ask.output.replace(" ", "")


def test_query_without_a_store(tmp_path):
    failed(naravard("query", "--output", tmp_path / "empty", "SELECT * WHERE { ?s ?p ?o }"),
           f"{tmp_path / 'empty' / 'store'}: no store here",
           "run `naravard ingest` first, or pass --output to the folder holding store/")


def test_unknown_export_format(store_dir, tmp_path):
    out = tmp_path / "graph.foo"
    result = naravard("export", "--output", store_dir, "--out", out)
    assert result.exit_code == 1
    error, hint = messages(result)
    assert error == f"Error: {out}: cannot tell the export format from the extension '.foo'"
    assert hint.startswith("Hint: use --format with one of: ") and "graphml" in hint
    result = naravard("export", "--output", store_dir, "--out", tmp_path / "graph.trig", "--format", "nope")
    assert messages(result)[0] == "Error: unknown export format 'nope'" and result.exit_code == 1


def test_unknown_export_view(store_dir, tmp_path):
    failed(naravard("export", "--output", store_dir, "--out", tmp_path / "g.graphml", "--view", "nope"),
           "unknown view 'nope' for --view",
           "choose one of: actor-principle, actor-region, citations, concepts, document-concept")


def test_corpus_generators_are_the_committed_files():
    """The committed bad inputs are what tests/bad_corpus.py makes (regenerate after editing it)."""
    for name, data in corpus().items():
        assert (BAD / name).read_bytes() == data, name


# -- settings -------------------------------------------------------------------------------------------------
def test_setting_of_the_wrong_type(tmp_path):
    settings = config(tmp_path, max_bytes="mycket")
    failed(naravard("parse", "--config", settings, BAD / "malformed.html"),
           f"{settings}: setting 'max_bytes' must be a whole number ≥ 0, not 'mycket'", "see README, section Settings")


def test_unknown_setting(tmp_path):
    settings = config(tmp_path, max_byte=10)
    failed(naravard("parse", "--config", settings, BAD / "malformed.html"),
           f"{settings}: unknown setting 'max_byte'", "see README, section Settings")


def test_settings_file_that_is_not_toml(tmp_path):
    settings = tmp_path / "naravard.toml"
    settings.write_text("max_bytes = \n", encoding="utf-8")
    failed(naravard("parse", "--config", settings, BAD / "malformed.html"),
           f"{settings}: cannot read settings: Invalid value (at line 1, column 13)",
           "check the path and the TOML syntax (key = value, strings in quotes)")


def test_catalogue_id_reserved_for_naravards_own_graphs(tmp_path):
    catalogue = tmp_path / "reserved"
    catalogue.mkdir()
    (catalogue / "source.toml").write_text(
        'id = "runs"\nurl = "https://example.se/"\npublisher = "X"\nkind = "html"\n', encoding="utf-8")
    result = naravard("ingest", "--sources", catalogue, "--output", tmp_path / "out", "--jobs", "1")
    failed(result, f"{catalogue / 'source.toml'} [runs]: the id 'runs' is reserved for naravard's own graphs",
           "choose another id for this source")


def test_extract_goes_on_after_a_bad_file():
    import json

    bad, good = BAD / "binary.html", PROJECT_ROOT / "tests/data/seeds/html/000_2e63142665466fcf.html"
    result = CliRunner().invoke(main, ["extract", str(bad), str(good), "--json"])
    assert result.exit_code == 1
    assert f"Error: {uri(bad)}: content is binary, not a web page, PDF or text" in result.stderr
    docs = json.loads(result.stdout)["documents"]
    assert [d["file"] for d in docs] == [str(good)]
    assert any(c["type"] == "principle" for c in docs[0]["concepts"])
