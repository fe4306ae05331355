"""The snapshot cache and conditional requests; fetch() choosing between snapshot and network."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fetchserver import SEEDS, SeedSite

from pipeline.errors import FetchError, NotFoundError
from pipeline.fetch import fetch, open_client, uses_network
from pipeline.fetch.cache import SnapshotCache
from pipeline.settings import Settings
from pipeline.types import Source

PAGE = (SEEDS / "html" / "001_89d0feb55d85cc09.html").read_bytes()


@pytest.fixture
def site():
    with SeedSite() as s:
        s.put("/page.html", PAGE)
        yield s


def make_settings(tmp_path, **kw) -> Settings:
    values = dict(output=tmp_path / "out", rate_limit=0, retries=0, backoff=0, timeout=5,
                  allowed_hosts=("127.0.0.1",))
    values.update(kw)
    return Settings(**values)


def source_for(url: str, snapshot=None) -> Source:
    return Source(id="gnesta", url=url, publisher="Gnesta kommun", kind="html", snapshot=snapshot)


def test_second_request_is_conditional_and_304_serves_the_cached_bytes(tmp_path, site):
    settings = make_settings(tmp_path)
    cache = SnapshotCache(settings.output)
    source = source_for(site.url("/page.html"))
    first = fetch(source, settings, cache)
    assert first.status == 200 and first.content == PAGE and first.etag
    assert cache.blob_path(first.sha256).read_bytes() == PAGE

    second = fetch(source, settings, cache)
    assert second.status == 304
    assert second.content == PAGE and second.sha256 == first.sha256 and second.media_type == "text/html"
    sent = site.requests_to("/page.html")
    assert "if-none-match" not in sent[0]
    assert sent[1]["if-none-match"] == first.etag and sent[1]["if-modified-since"] == first.last_modified


def test_changed_page_is_fetched_again_and_every_version_kept(tmp_path, site):
    settings = make_settings(tmp_path)
    cache = SnapshotCache(settings.output)
    source = source_for(site.url("/page.html"))
    first = fetch(source, settings, cache)
    site.put("/page.html", PAGE.replace(b"Gnesta", b"Trosa"))
    second = fetch(source, settings, cache)
    assert second.status == 200 and second.sha256 != first.sha256 and b"Trosa" in second.content
    assert cache.read(first.sha256) == PAGE  # the old snapshot is still there
    assert cache.lookup(source.url).sha256 == second.sha256


def test_lost_snapshot_means_an_unconditional_request(tmp_path, site):
    settings = make_settings(tmp_path)
    cache = SnapshotCache(settings.output)
    source = source_for(site.url("/page.html"))
    first = fetch(source, settings, cache)
    cache.blob_path(first.sha256).unlink()
    assert cache.conditional_headers(source.url) == {}
    again = fetch(source, settings, cache)
    assert again.status == 200 and again.content == PAGE


def test_last_modified_alone_makes_a_conditional_request(tmp_path, site):
    settings = make_settings(tmp_path)
    cache = SnapshotCache(settings.output)
    source = source_for(site.url("/page.html"))
    first = fetch(source, settings, cache)
    cache.remember(replace(first, etag=None))
    assert cache.conditional_headers(source.url) == {"If-Modified-Since": first.last_modified}
    assert fetch(source, settings, cache).status == 304


def test_modes_decide_between_snapshot_and_network(tmp_path, site):
    snapshot = SEEDS / "html" / "001_89d0feb55d85cc09.html"
    pinned = source_for(site.url("/page.html"), snapshot=snapshot)
    unpinned = source_for(site.url("/page.html"))
    default, online, offline = (make_settings(tmp_path), make_settings(tmp_path, online=True),
                                make_settings(tmp_path, offline=True))
    assert not uses_network(pinned, default) and uses_network(unpinned, default)
    assert uses_network(pinned, online) and not uses_network(pinned, offline)

    cache = SnapshotCache(default.output)
    got = fetch(pinned, default, cache)
    assert got.from_snapshot and got.url == site.url("/page.html") and got.content == PAGE
    assert site.log == []  # a pinned source is read from its snapshot by default
    assert fetch(pinned, online, cache).from_snapshot is False
    with pytest.raises(FetchError, match="has no local snapshot and we are offline"):
        fetch(unpinned, offline, cache)


def test_online_falls_back_to_the_snapshot_only_when_asked_and_only_on_network_failure(tmp_path, site):
    snapshot = SEEDS / "html" / "001_89d0feb55d85cc09.html"
    settings = make_settings(tmp_path, online=True)
    cache = SnapshotCache(settings.output)
    site.fail("/page.html", 503)
    pinned = source_for(site.url("/page.html"), snapshot=snapshot)
    with pytest.raises(FetchError, match="HTTP 503"):
        fetch(pinned, settings, cache)
    assert fetch(pinned, settings, cache, fallback=True).from_snapshot
    site.fail("/page.html", 404)
    with pytest.raises(NotFoundError):  # gone is gone: no fallback
        fetch(pinned, settings, cache, fallback=True)


def test_a_client_is_reused_across_fetches(tmp_path, site):
    settings = make_settings(tmp_path)
    cache = SnapshotCache(settings.output)
    site.put("/other.html", PAGE.replace(b"Gnesta", b"Flen"))
    with open_client(settings) as client:
        a = fetch(source_for(site.url("/page.html")), settings, cache, client=client)
        b = fetch(source_for(site.url("/other.html")), settings, cache, client=client)
    assert a.sha256 != b.sha256
    assert [p for _m, p, _h in site.log].count("/robots.txt") == 1  # robots.txt read once per host
