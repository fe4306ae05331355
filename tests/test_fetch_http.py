"""HTTP fetching against a local server: User-Agent, retries, Retry-After, redirects, caps, media types."""

from __future__ import annotations

import pytest
from fetchserver import SEEDS, SeedSite

from pipeline.errors import FetchError, NotFoundError, TooLargeError
from pipeline.fetch import to_fetched
from pipeline.fetch.http import HttpClient, retry_after
from pipeline.settings import Settings

HTML = b"<!doctype html><html><head><title>T</title></head><body><p>Hej</p></body></html>"


@pytest.fixture
def site():
    with SeedSite() as s:
        s.put("/page.html", HTML)
        yield s


def client_for(tmp_path, sleeps: list[float] | None = None, **kw) -> HttpClient:
    values = dict(output=tmp_path, rate_limit=0, retries=2, backoff=0.5, timeout=5, allowed_hosts=("127.0.0.1",))
    values.update(kw)
    sink = sleeps.append if sleeps is not None else (lambda _s: None)
    return HttpClient(Settings(**values), sleep=sink)


def test_sends_the_descriptive_user_agent(tmp_path, site):
    with client_for(tmp_path, user_agent="naravard-test (+https://example.org/contact)") as client:
        response = client.get(site.url("/page.html"))
    assert response.status == 200 and response.content == HTML
    assert site.requests_to("/page.html")[0]["user-agent"] == "naravard-test (+https://example.org/contact)"


def test_retries_5xx_with_exponential_backoff(tmp_path, site):
    site.flaky("/page.html", 503, times=2)
    sleeps: list[float] = []
    with client_for(tmp_path, sleeps) as client:
        response = client.get(site.url("/page.html"))
    assert response.status == 200 and response.content == HTML
    assert sleeps == [0.5, 1.0]
    assert len(site.requests_to("/page.html")) == 3


def test_honours_retry_after_on_429(tmp_path, site):
    site.flaky("/page.html", 429, times=1, Retry_After="7")
    sleeps: list[float] = []
    with client_for(tmp_path, sleeps) as client:
        assert client.get(site.url("/page.html")).status == 200
    assert sleeps == [7.0]


def test_retry_after_is_capped(tmp_path, site):
    site.flaky("/page.html", 503, times=1, Retry_After="86400")
    sleeps: list[float] = []
    with client_for(tmp_path, sleeps, max_retry_wait=30.0) as client:
        client.get(site.url("/page.html"))
    assert sleeps == [30.0]


def test_retry_after_http_date():
    assert retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == pytest.approx(10.0)
    assert retry_after("120") == 120.0
    assert retry_after("soon") is None and retry_after(None) is None


def test_persistent_500_is_an_error_after_the_retries(tmp_path, site):
    site.fail("/page.html", 500)
    with client_for(tmp_path) as client, pytest.raises(FetchError) as err:
        client.get(site.url("/page.html"))
    assert str(err.value) == f"{site.url('/page.html')}: HTTP 500"
    assert len(site.requests_to("/page.html")) == 3


@pytest.mark.parametrize("status, word", [(404, "Not Found"), (410, "Gone")])
def test_404_and_410_mean_gone(tmp_path, site, status, word):
    site.fail("/page.html", status)
    with client_for(tmp_path) as client, pytest.raises(NotFoundError) as err:
        client.get(site.url("/page.html"))
    assert str(err.value) == f"{site.url('/page.html')}: HTTP {status} {word}"
    assert len(site.requests_to("/page.html")) == 1  # not retried


def test_timeout(tmp_path, site):
    site.slow("/page.html", 1.5)
    with client_for(tmp_path, timeout=0.2, retries=1) as client, pytest.raises(FetchError) as err:
        client.get(site.url("/page.html"))
    assert str(err.value) == f"{site.url('/page.html')}: timed out after 0.2 s (2 attempts)"


def test_redirects_are_followed_and_recorded(tmp_path, site):
    site.redirect("/old", "/moved")
    site.redirect("/moved", site.url("/page.html"), status=302)
    with client_for(tmp_path) as client:
        response = client.get(site.url("/old"))
    assert response.content == HTML
    assert response.url == site.url("/old") and response.final_url == site.url("/page.html")
    assert response.redirects == (site.url("/old"), site.url("/moved"))
    fetched = to_fetched(response, kind="html", source_id="s")
    assert fetched.final_url == site.url("/page.html") and fetched.redirects == response.redirects


def test_redirect_loop_stops(tmp_path, site):
    site.redirect("/a", "/b")
    site.redirect("/b", "/a")
    with client_for(tmp_path, max_redirects=4) as client, pytest.raises(FetchError) as err:
        client.get(site.url("/a"))
    assert str(err.value) == f"{site.url('/a')}: more than 4 redirects"


def test_size_cap_from_content_length(tmp_path, site):
    site.put("/big.html", b"<html>" + b"x" * 5000 + b"</html>")
    with client_for(tmp_path, max_bytes=1000) as client, pytest.raises(TooLargeError) as err:
        client.get(site.url("/big.html"))
    assert str(err.value) == f"{site.url('/big.html')}: response is 5013 bytes, over the cap of 1000 bytes"


def test_size_cap_while_streaming(tmp_path, site):
    site.put("/big.html", b"<html>" + b"x" * 500_000 + b"</html>", chunked=True)
    with client_for(tmp_path, max_bytes=100_000) as client, pytest.raises(TooLargeError) as err:
        client.get(site.url("/big.html"))
    assert str(err.value) == f"{site.url('/big.html')}: response exceeds the cap of 100000 bytes"


def test_media_type_from_header_checked_by_sniffing(tmp_path, site):
    pdf = (SEEDS / "pdf" / "002_22302e1f0b8a3a12.pdf").read_bytes()
    site.put("/brochure", pdf, "text/html; charset=utf-8")  # mislabelled PDF
    site.put("/page-as-binary.html", HTML, "application/octet-stream")  # generic type, telling name
    site.put("/plain", "Nära vård\n\nText.".encode("latin-1"), "text/plain; charset=ISO-8859-1")
    with client_for(tmp_path) as client:
        assert to_fetched(client.get(site.url("/brochure"))).media_type == "application/pdf"
        assert to_fetched(client.get(site.url("/page-as-binary.html"))).media_type == "text/html"
        plain = to_fetched(client.get(site.url("/plain")))
    assert plain.media_type == "text/plain" and plain.charset == "iso-8859-1"
