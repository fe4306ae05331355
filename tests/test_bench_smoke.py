"""The benchmark runs end to end on a handful of generated documents and writes its JSON.

No timing is asserted: the figures themselves are only meaningful from a full ``make bench``.
"""

from __future__ import annotations

import io
import json
import random

import lxml.html
import pypdf
import pytest

from pipeline.bench import __main__ as bench
from pipeline.bench.corpus import ensure_corpus, write_catalogue
from pipeline.bench.corpus_html import make_page
from pipeline.bench.corpus_pdf import make_pdf
from pipeline.bench.names import Place, substitute
from pipeline.catalogue import load_catalogue

SEED_NAMES = ("Sörmland", "Halland", "Gnesta")


def test_generated_pages_are_deterministic_sized_and_relocated():
    first = [make_page(random.Random(f"t:{i}"), i) for i in range(6)]
    again = [make_page(random.Random(f"t:{i}"), i) for i in range(6)]
    assert [p.content for p in first] == [p.content for p in again]
    for page in first:
        assert 20_000 <= len(page.content) <= 160_000
        doc = lxml.html.fromstring(page.content)
        assert doc.findtext(".//title").endswith(page.publisher)
        assert doc.xpath("//link[@rel='canonical']/@href") == [page.url]
        assert len(doc.xpath("//h2")) >= 3
        text = doc.text_content()
        assert page.place.county in text or page.place.region in text
        assert not any(name in text for name in SEED_NAMES if name not in (page.place.county, page.place.region,
                                                                          page.place.municipality_short))


def test_generated_brochure_is_deterministic_and_extractable():
    doc = make_pdf(random.Random("t:pdf"), 0)
    assert doc.content == make_pdf(random.Random("t:pdf"), 0).content
    reader = pypdf.PdfReader(io.BytesIO(doc.content))
    assert len(reader.pages) == doc.pages and 2 <= doc.pages <= 45
    first = reader.pages[0].extract_text()
    assert "MÅLBILD" in first and "Sida 1" in first
    assert doc.place.county in "".join(p.extract_text() for p in reader.pages)


def test_substitute_replaces_longest_seed_name_first():
    place = Place("Region Gävleborg", "Gävleborg", "Sandvikens kommun", "Sandviken", "Gävle", ("Kiruna", "Lund"))
    text = "Region Sörmland och Sörmlands kommuner; Gnesta kommun i Gnesta; regionsormland.se; Ängelholm"
    assert substitute(text, place) == ("Region Gävleborg och Gävleborgs kommuner; Sandvikens kommun i Sandviken; "
                                       "regiongavleborg.se; Kiruna")


def test_corpus_cache_extends_and_catalogue_loads(tmp_path):
    small = ensure_corpus(tmp_path, 7, 2, 1)
    mtime = (small.root / small.html[0].path).stat().st_mtime_ns
    big = ensure_corpus(tmp_path, 7, 3, 1)
    assert big.html[:2] == small.html and (big.root / big.html[0].path).stat().st_mtime_ns == mtime
    sources = load_catalogue(write_catalogue(big, tmp_path / "catalogue.toml"))
    assert [s.id for s in sources] == ["bench-html-00000", "bench-html-00001", "bench-html-00002", "bench-pdf-00000"]
    assert all(s.snapshot.is_file() for s in sources)


@pytest.mark.slow
def test_benchmark_smoke_run_writes_json(tmp_path, capsys):
    status = bench.main(["--docs", "2", "--pdfs", "1", "--sample", "3", "--sizes", "5000", "--repeats", "1",
                         "--rdflib-timeout", "5", "--output", str(tmp_path)])
    out = capsys.readouterr().out
    assert status == 0
    latest = tmp_path / "bench" / "latest.json"
    data = json.loads(latest.read_text(encoding="utf-8"))
    assert data["errors"] == [], data["errors"]
    assert data["corpus"]["html_documents"] == 2 and data["corpus"]["pdf_documents"] == 1
    assert data["machine"]["cores"] >= 1 and data["machine"]["packages"]["pyoxigraph"]
    names = {f["name"] for f in data["figures"]}
    for name in ("ingest.html.pages_per_s", "ingest.pdf.pages_per_s", "parse.html.pages_per_s", "ingest.speedup",
                 "reingest.fraction",
                 "ingest.full.docs_per_s", "ingest.peak_rss", "export.graphml", "export.gexf", "export.html"):
        assert name in names
    assert any(n.startswith("query.0.005m.") for n in names)
    assert all(f["peak_rss"] for f in data["figures"] if f["name"].startswith("ingest.html.pages"))
    for jobs in (1, 2):  # CPU time and cores kept busy, next to the wall time of each sample run
        run = data["sample"][f"jobs_{jobs}"]
        assert run["cpu"] > 0 and 0 < run["cores"] <= data["machine"]["cores"] + 0.5
    assert len(list((tmp_path / "bench" / "history").glob("*.json"))) == 1
    assert "HTML ingest, end to end" in out and "written" in out
    assert not (tmp_path / "bench" / "work").exists()  # stores removed unless --keep


def test_close_watch_waits_for_the_finished_run_log_not_the_one_written_at_the_start(tmp_path, monkeypatch):
    import threading
    import time

    from pipeline.bench import measure, runs

    fired: list[str] = []
    monkeypatch.setattr(measure, "finish_now", lambda result: fired.append(result))
    log_dir = tmp_path / "runs"
    log_dir.mkdir()
    (log_dir / "old.json").write_text('{"status": "completed"}', encoding="utf-8")  # an earlier run's
    done = threading.Event()
    watch = threading.Thread(target=runs._watch_close, args=(log_dir, set(log_dir.glob("*.json")), time.perf_counter(),
                                                             done, lambda seconds, note: note, 0.2))
    watch.start()
    (log_dir / "new.json").write_text('{"status": "running"}', encoding="utf-8")  # the run begins
    time.sleep(1.0)
    assert fired == []  # a long run is not a hang
    (log_dir / "new.json").write_text('{"status": "completed"}', encoding="utf-8")  # ends; close never returns
    watch.join(5)
    assert len(fired) == 1 and "did not return" in fired[0]
