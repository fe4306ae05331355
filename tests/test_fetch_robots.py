"""robots.txt: rules honoured, fetched once per host, 4xx allows, 5xx disallows (RFC 9309)."""

from __future__ import annotations

import pytest
from fetchserver import SeedSite

from pipeline.errors import RobotsDisallowed
from pipeline.fetch import open_client
from pipeline.fetch.robots import RobotsPolicy, product_token
from pipeline.settings import Settings

HTML = b"<html><body><p>Hej</p></body></html>"


@pytest.fixture
def site():
    with SeedSite() as s:
        s.put("/open/page.html", HTML)
        s.put("/private/page.html", HTML)
        yield s


def settings(tmp_path) -> Settings:
    return Settings(output=tmp_path, rate_limit=0, retries=0, backoff=0, timeout=5, allowed_hosts=("127.0.0.1",),
                    user_agent="naravard/0.1 (+https://w3id.org/naravard/)")


def test_disallowed_path_is_not_fetched(tmp_path, site):
    site.put("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain")
    with open_client(settings(tmp_path)) as client:
        assert client.get(site.url("/open/page.html")).status == 200
        with pytest.raises(RobotsDisallowed) as err:
            client.get(site.url("/private/page.html"))
    assert str(err.value) == (f"{site.url('/private/page.html')}: not fetched: disallowed by "
                              f"{site.url('/robots.txt')}")
    paths = [p for _m, p, _h in site.log]
    assert "/private/page.html" not in paths
    assert paths.count("/robots.txt") == 1


def test_rules_for_our_product_token(tmp_path, site):
    site.put("/robots.txt", b"User-agent: naravard\nDisallow: /open/\n\nUser-agent: *\nDisallow:\n", "text/plain")
    with open_client(settings(tmp_path)) as client, pytest.raises(RobotsDisallowed):
        client.get(site.url("/open/page.html"))


def test_redirect_into_a_disallowed_path_is_refused(tmp_path, site):
    site.put("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain")
    site.redirect("/go", "/private/page.html")
    with open_client(settings(tmp_path)) as client, pytest.raises(RobotsDisallowed):
        client.get(site.url("/go"))
    assert "/private/page.html" not in [p for _m, p, _h in site.log]


def test_missing_robots_txt_allows_everything(tmp_path, site):
    with open_client(settings(tmp_path)) as client:
        assert client.get(site.url("/private/page.html")).status == 200


def test_unreachable_robots_txt_disallows_everything(tmp_path, site):
    site.put("/robots.txt", b"", "text/plain")
    site.fail("/robots.txt", 503)
    with open_client(settings(tmp_path)) as client, pytest.raises(RobotsDisallowed) as err:
        client.get(site.url("/open/page.html"))
    assert "robots.txt could not be read" in str(err.value)
    assert "/open/page.html" not in [p for _m, p, _h in site.log]


def test_crawl_delay_is_read():
    policy = RobotsPolicy("naravard/1.0", lambda url: (200, b"User-agent: *\nCrawl-delay: 4\nDisallow: /x\n"))
    policy.check("https://example.org/page")
    assert policy.crawl_delay("https://example.org/page") == 4.0
    assert not policy.allowed("https://example.org/x/y")
    assert product_token("naravard (+https://w3id.org/naravard/)") == "naravard"
