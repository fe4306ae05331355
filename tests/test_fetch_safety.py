"""Safe fetching: schemes, non-public addresses (checked again at connect time), redirects, rate limit."""

from __future__ import annotations

import pytest
from fetchserver import SeedSite

from pipeline.errors import UnsafeURLError
from pipeline.fetch import safety
from pipeline.fetch.http import HttpClient
from pipeline.settings import Settings


@pytest.fixture
def site():
    with SeedSite() as s:
        s.put("/page.html", b"<html><body><p>Hej</p></body></html>")
        yield s


def settings(tmp_path, **kw) -> Settings:
    return Settings(output=tmp_path, rate_limit=0, retries=0, backoff=0, timeout=5, **kw)


@pytest.mark.parametrize("url, word", [
    ("file:///etc/passwd", "'file'"),
    ("ftp://example.org/x.pdf", "'ftp'"),
    ("gopher://example.org/", "'gopher'"),
    ("/relative/path.html", "relative URL"),
])
def test_only_http_and_https_are_fetched(url, word, tmp_path):
    with pytest.raises(UnsafeURLError) as err:
        safety.check_url(url, settings(tmp_path))
    assert str(err.value).startswith(f"{url}: refused: only http and https URLs are fetched")
    assert word in str(err.value)


@pytest.mark.parametrize("address, public", [
    ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.9", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("0.0.0.0", False), ("224.0.0.1", False), ("100.64.0.1", False),
    ("::1", False), ("fe80::1", False), ("fc00::1", False), ("::ffff:127.0.0.1", False), ("240.0.0.1", False),
    ("93.184.216.34", True), ("2606:2800:220:1:248:1893:25c8:1946", True),
])
def test_non_public_addresses_are_recognised(address, public):
    assert safety.is_public(address) is public


def test_loopback_refused_without_the_allowance(tmp_path, site):
    client = HttpClient(settings(tmp_path))
    with pytest.raises(UnsafeURLError) as err:
        client.get(site.url("/page.html"))
    assert str(err.value) == (f"{site.url('/page.html')}: refused: 127.0.0.1 resolves to the non-public "
                              "address 127.0.0.1")
    assert "allowed_hosts" in err.value.hint
    assert site.log == []  # nothing reached the server


def test_host_name_resolving_to_loopback_refused(tmp_path):
    with pytest.raises(UnsafeURLError, match="localhost resolves to the non-public address"):
        safety.check_url("http://localhost:9/", settings(tmp_path))


def test_allowed_host_and_private_allowance_let_the_request_through(tmp_path, site):
    for s in (settings(tmp_path, allowed_hosts=("127.0.0.1",)), settings(tmp_path, allow_private_addresses=True)):
        with HttpClient(s) as client:
            assert client.get(site.url("/page.html")).status == 200


def test_connect_time_check_catches_a_changed_dns_answer(tmp_path, monkeypatch):
    """The URL check passed (a public answer); at connect time the name resolves to loopback."""
    backend = safety.GuardedBackend(settings(tmp_path))
    monkeypatch.setattr(safety, "resolve", lambda host, port: ["127.0.0.1"])
    with pytest.raises(UnsafeURLError, match="rebind.example resolves to the non-public address 127.0.0.1"):
        backend.connect_tcp("rebind.example", 80, timeout=1)


def test_redirect_to_another_scheme_refused(tmp_path, site):
    site.redirect("/moved", "ftp://127.0.0.1/file.pdf")
    with HttpClient(settings(tmp_path, allowed_hosts=("127.0.0.1",))) as client:
        with pytest.raises(UnsafeURLError) as err:
            client.get(site.url("/moved"))
    assert str(err.value) == (f"{site.url('/moved')}: refused redirect from {site.url('/moved')} to "
                              "ftp://127.0.0.1/file.pdf: only http and https are followed")


def test_redirect_to_a_private_host_refused(tmp_path, site):
    """127.0.0.1 is allowed, 'localhost' is not: a redirect there is checked and refused."""
    port = site.server.server_address[1]
    site.redirect("/moved", f"http://localhost:{port}/page.html")
    with HttpClient(settings(tmp_path, allowed_hosts=("127.0.0.1",))) as client:
        with pytest.raises(UnsafeURLError, match="localhost resolves to the non-public address"):
            client.get(site.url("/moved"))
    assert [p for _m, p, _h in site.log] == ["/moved"]


def test_rate_limiter_spaces_requests_to_one_host(tmp_path, monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr(safety.time, "sleep", slept.append)
    limiter = safety.HostRateLimiter(tmp_path / "hosts", interval=5.0)
    limiter.wait("example.org")
    assert slept == []
    limiter.wait("example.org")
    assert len(slept) == 1 and 0 < slept[0] <= 5.0
    limiter.wait("other.example")  # another host is not held back
    assert len(slept) == 1
    limiter.wait("example.org", at_least=30.0)  # robots.txt Crawl-delay lengthens the interval
    assert len(slept) == 2 and 5.0 < slept[1] <= 30.0
