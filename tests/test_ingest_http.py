"""Re-ingesting over HTTP from a local site serving the seed renditions with ETags and Last-Modified."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fetchserver import SEEDS, SeedSite

from pipeline import iri
from pipeline.api import extract_files, ingest
from pipeline.cli import main
from pipeline.fingerprints import canonical_dump
from pipeline.graph.store import open_store
from pipeline.history import History
from pipeline.settings import Settings

PDF = (SEEDS / "pdf" / "002_22302e1f0b8a3a12.pdf").read_bytes()


@pytest.fixture
def site():
    with SeedSite() as s:
        s.put_seeds()
        yield s


def write_catalogue(directory, entries: dict[str, dict]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("*.toml"):
        old.unlink()
    for source_id, entry in entries.items():
        body = {"id": source_id, "publisher": "Testkommun", "kind": "html", **entry}
        text = "".join(f"{k} = {json.dumps(v) if not isinstance(v, bool) else str(v).lower()}\n"
                       for k, v in body.items())
        (directory / f"{source_id}.toml").write_text(text, encoding="utf-8")


def seed_catalogue(site: SeedSite) -> dict[str, dict]:
    entries = {}
    for path in sorted(p for _m, p in [(None, k) for k in site.routes] if p.startswith(("/html/", "/pdf/"))):
        stem = path.rsplit("/", 1)[1].split("_")[0]
        entries[f"seed-{stem}"] = {"url": site.url(path), "kind": "pdf" if path.endswith(".pdf") else "html"}
    return entries


def settings_for(tmp_path, **kw) -> Settings:
    values = dict(sources=tmp_path / "sources", output=tmp_path / "out", jobs=1, rate_limit=0, retries=1,
                  backoff=0, timeout=1.0, allowed_hosts=("127.0.0.1",))
    values.update(kw)
    return Settings(**values)


def graph_lines(settings: Settings, source_id: str) -> list[str]:
    with open_store(settings, read_only=True) as store:
        return sorted(f"{q} ." for q in store.quads(iri.graph(source_id, settings.base_iri)))


def dump(settings: Settings) -> bytes:
    with open_store(settings, read_only=True) as store:
        return canonical_dump(store, settings, run_metadata=True)


def by_id(report) -> dict:
    return {r.source_id: r for r in report.results}


def test_second_ingest_makes_only_conditional_requests_and_changes_nothing(tmp_path, site):
    settings = settings_for(tmp_path)
    write_catalogue(settings.sources, seed_catalogue(site))
    first = ingest(settings)
    assert {r.status for r in first.results} == {"new"} and len(first.results) == 5
    assert all(r.http_status == 200 and not r.from_snapshot for r in first.results)
    before, seen = dump(settings), len(site.log)

    second = ingest(settings)
    assert {r.status for r in second.results} == {"unchanged"}
    assert all(r.http_status == 304 for r in second.results)
    page_requests = [h for _m, p, h in site.log[seen:] if p != "/robots.txt"]
    assert len(page_requests) == 5
    assert all("if-none-match" in h and "if-modified-since" in h for h in page_requests)
    assert dump(settings) == before


def test_editing_one_page_changes_only_its_graph_and_diff_shows_it(tmp_path, site):
    settings = settings_for(tmp_path)
    entries = seed_catalogue(site)
    write_catalogue(settings.sources, entries)
    ingest(settings)
    others = {i: graph_lines(settings, i) for i in entries if i != "seed-004"}
    old = site.routes["/html/004_d90b2f1525f3968f.html"].body
    new = old.replace(b"</h1>", "</h1><p>Region Jämtland Härjedalen och Försäkringskassan samverkar om "
                                "hälsofrämjande arbete.</p>".encode(), 1)
    site.put("/html/004_d90b2f1525f3968f.html", new)
    report = ingest(settings)
    status = {r.source_id: r.status for r in report.results}
    assert status.pop("seed-004") == "changed" and set(status.values()) == {"unchanged"}
    assert {i: graph_lines(settings, i) for i in others} == others

    (tmp_path / "old.html").write_bytes(old)
    (tmp_path / "new.html").write_bytes(new)
    a, b = extract_files([tmp_path / "old.html", tmp_path / "new.html"])
    expected = {c.iri for c in b.concepts} - {c.iri for c in a.concepts}
    assert expected
    out = CliRunner().invoke(main, ["diff", "--json", "--output", str(settings.output)])
    data = json.loads(out.output)
    assert [d["source_id"] for d in data["sources"]] == ["seed-004"]
    assert {c["iri"] for c in data["sources"][0]["concepts_added"]} == expected
    assert {c["iri"] for c in data["sources"][0]["concepts_removed"]} == \
        {c.iri for c in a.concepts} - {c.iri for c in b.concepts}


@pytest.mark.parametrize("fault", ["500", "timeout"])
def test_server_error_or_timeout_keeps_the_previous_graph(tmp_path, site, fault):
    settings = settings_for(tmp_path, timeout=0.3)
    write_catalogue(settings.sources, seed_catalogue(site))
    ingest(settings)
    kept = graph_lines(settings, "seed-000")
    path = "/html/000_2e63142665466fcf.html"
    site.put(path, site.routes[path].body + b"<!-- changed -->")  # a change that must not be half-applied
    if fault == "500":
        site.fail(path, 500)
    else:
        site.slow(path, 1.0)
    report = ingest(settings)
    result = by_id(report)["seed-000"]
    assert result.status == "failed" and result.note == "previous graph kept"
    expected = "HTTP 500" if fault == "500" else "timed out after 0.3 s (2 attempts)"
    assert result.error == f"{site.url(path)}: {expected}"
    assert {r.status for r in report.results if r is not result} == {"unchanged"}
    assert graph_lines(settings, "seed-000") == kept
    site.heal(path)
    assert by_id(ingest(settings))["seed-000"].status == "changed"


def test_404_marks_gone_and_keeps_the_data(tmp_path, site):
    settings = settings_for(tmp_path)
    write_catalogue(settings.sources, seed_catalogue(site))
    ingest(settings)
    kept = graph_lines(settings, "seed-001")
    site.fail("/html/001_89d0feb55d85cc09.html", 404)
    report = ingest(settings)
    gone = by_id(report)["seed-001"]
    assert gone.status == "gone" and "HTTP 404 Not Found" in gone.error and report.totals["gone"] == 1
    assert graph_lines(settings, "seed-001") == kept
    state = History(settings).states()["seed-001"]
    assert state.status == "gone" and state.since and state.graph_hash
    site.heal("/html/001_89d0feb55d85cc09.html")
    assert by_id(ingest(settings))["seed-001"].status == "unchanged"


def test_robots_disallow_means_not_fetched(tmp_path, site):
    site.put("/robots.txt", b"User-agent: *\nDisallow: /pdf/\n", "text/plain")
    settings = settings_for(tmp_path)
    write_catalogue(settings.sources, seed_catalogue(site))
    report = ingest(settings)
    blocked = by_id(report)["seed-002"]
    assert blocked.status == "failed"
    assert blocked.error == f"{site.url('/pdf/002_22302e1f0b8a3a12.pdf')}: not fetched: disallowed by {site.url('/robots.txt')}"
    assert not any(p.startswith("/pdf/") for _m, p, _h in site.log)
    assert sum(r.status == "new" for r in report.results) == 4


def test_redirect_is_followed_and_recorded(tmp_path, site):
    site.redirect("/old-page", "/html/003_8c9dd47ca4ff3804.html")
    settings = settings_for(tmp_path)
    write_catalogue(settings.sources, {"moved": {"url": site.url("/old-page")}})
    result = ingest(settings).results[0]
    assert result.status == "new"
    assert result.final_url == site.url("/html/003_8c9dd47ca4ff3804.html")
    assert result.redirects == (site.url("/old-page"),)
    run_log = json.loads(next((settings.output / "runs").glob("*.json")).read_text())
    assert run_log["results"][0]["final_url"] == result.final_url


def test_linked_pdfs_are_followed_as_sources_of_their_own(tmp_path, site):
    page = "<html><head><title>Nära vård</title></head><body><main><h1>Nära vård i Testkommun</h1>" \
           "<p>Region Halland arbetar med personcentrering.</p>{links}</main></body></html>"
    one = '<p><a href="/files/malbild.pdf">Målbild (pdf)</a> <a href="https://elsewhere.example/x.pdf">x</a></p>'
    two = one + '<p><a href="/files/ny-broschyr.pdf">Ny broschyr</a></p>'
    site.put("/page.html", page.format(links=one).encode())
    site.put("/files/malbild.pdf", PDF, "application/pdf")
    site.put("/files/ny-broschyr.pdf", PDF + b"\n% a later edition\n", "application/pdf")
    settings = settings_for(tmp_path)
    write_catalogue(settings.sources, {"testkommun": {"url": site.url("/page.html"), "follow_pdfs": True}})

    first = ingest(settings)
    assert [(r.source_id.split("-")[0], r.status, r.parent) for r in first.results] == [
        ("testkommun", "new", None), ("testkommun.malbild", "new", "testkommun")]
    child = first.results[1]
    assert child.url == site.url("/files/malbild.pdf") and sum(child.counts.values()) > 0
    assert graph_lines(settings, child.source_id)  # a named graph of its own

    site.put("/page.html", page.format(links=two).encode())  # a new brochure is linked
    second = ingest(settings)
    assert [(r.source_id.split("-")[0], r.status) for r in second.results] == [
        ("testkommun", "changed"), ("testkommun.malbild", "unchanged"), ("testkommun.ny", "new")]
    assert second.results[1].source_id == child.source_id  # the id is stable

    site.put("/page.html", page.format(links="").encode())  # both links gone: the PDFs are retracted
    third = ingest(settings)
    assert sorted((r.source_id.split("-")[0], r.status) for r in third.results) == [
        ("testkommun", "changed"), ("testkommun.malbild", "removed"), ("testkommun.ny", "removed")]
    assert not any("elsewhere" in p for _m, p, _h in site.log)


def test_private_address_refused_without_the_allowance(tmp_path, site):
    settings = settings_for(tmp_path, allowed_hosts=())
    write_catalogue(settings.sources, seed_catalogue(site))
    report = ingest(settings)
    assert {r.status for r in report.results} == {"failed"} and report.all_failed
    assert all("refused: 127.0.0.1 resolves to the non-public address 127.0.0.1" in r.error for r in report.results)
    assert site.log == []


def test_redirect_to_another_scheme_refused(tmp_path, site):
    site.redirect("/to-ftp", "ftp://127.0.0.1/file.pdf")
    settings = settings_for(tmp_path)
    write_catalogue(settings.sources, {"ftp": {"url": site.url("/to-ftp")},
                                       "ok": {"url": site.url("/html/001_89d0feb55d85cc09.html")}})
    report = by_id(ingest(settings))
    assert report["ftp"].status == "failed"
    assert report["ftp"].error == (f"{site.url('/to-ftp')}: refused redirect from {site.url('/to-ftp')} to "
                                   "ftp://127.0.0.1/file.pdf: only http and https are followed")
    assert report["ok"].status == "new"
