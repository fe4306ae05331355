"""Fetch stage: a Source (or a local file) becomes a Fetched record of raw bytes.

Where the bytes come from:

==================================  ===============================================================
``--offline``                       the source's local snapshot; a source without one fails
default                             the local snapshot when the catalogue entry has one (bundled,
                                    pinned copies: ``make run`` needs no network), else HTTP
``--online``                        HTTP for every source; a snapshot is used only when the network
                                    fails *and* the source has never been ingested (``fallback``)
==================================  ===============================================================

HTTP goes through :class:`.http.HttpClient` (safety checks, robots.txt, rate limit, retries) and the
:class:`.cache.SnapshotCache` (conditional requests; a 304 yields the cached bytes with status 304).
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from .. import mediatype
from ..errors import FetchError, NotFoundError, RobotsDisallowed, TooLargeError, UnsafeURLError
from ..settings import Settings
from ..types import Fetched, Source
from .cache import SnapshotCache
from .local import now_iso, read_snapshot

PARSEABLE = (mediatype.HTML, mediatype.PDF, mediatype.TEXT)


def uses_network(source: Source, settings: Settings) -> bool:
    """True when :func:`fetch` would go to the network for ``source`` under ``settings``."""
    if settings.offline:
        return False
    return settings.online or source.snapshot is None


def open_client(settings: Settings):
    """An HttpClient wired with robots.txt and the per-host rate limit (close it when done)."""
    from .http import HttpClient
    from .robots import RobotsPolicy
    from .safety import HostRateLimiter

    client = HttpClient(settings, rate_limiter=HostRateLimiter(settings.output / "cache" / "hosts",
                                                               settings.rate_limit))

    def robots_fetch(url: str) -> tuple[int, bytes]:
        response = client.request(url, check_robots=False)
        return response.status, response.content

    client.robots = RobotsPolicy(settings.user_agent, robots_fetch)
    return client


def fetch(source: Source, settings: Settings, cache: SnapshotCache, *, client=None,
          fallback: bool = False) -> Fetched:
    """Retrieve ``source`` as the table above says; ``client`` is reused across calls when given."""
    if not uses_network(source, settings):
        return read_snapshot(source, settings)
    own = client is None
    client = client or open_client(settings)
    try:
        return fetch_url(source.url, settings, cache, client, kind=source.kind, source_id=source.id)
    except (NotFoundError, RobotsDisallowed, UnsafeURLError, TooLargeError):
        raise
    except FetchError:
        if fallback and source.snapshot is not None:
            return read_snapshot(source, settings)
        raise
    finally:
        if own:
            client.close()


def fetch_url(url: str, settings: Settings, cache: SnapshotCache, client, *, kind: str | None = None,
              source_id: str | None = None) -> Fetched:
    """GET ``url`` conditionally on the cached copy; keep what arrives in the cache."""
    conditional = cache.conditional_headers(url)
    response = client.get(url, conditional)
    if response.status == 304:
        cached = cache.not_modified(url, now_iso(), etag=response.etag, last_modified=response.last_modified,
                                    source_id=source_id)
        if cached is not None:
            return cached
        response = client.get(url)  # the cached copy vanished: ask again without conditions
        if response.status == 304:
            raise FetchError(f"{url}: server answered 304 Not Modified to an unconditional request",
                             subject=url)
    fetched = to_fetched(response, kind=kind, source_id=source_id)
    cache.remember(fetched)
    return fetched


def to_fetched(response, *, kind: str | None = None, source_id: str | None = None) -> Fetched:
    """A Fetched record from an HTTP response: media type from the header, checked by sniffing."""
    declared, charset = mediatype.from_header(response.content_type)
    if declared not in PARSEABLE:
        declared = mediatype.from_name(urlsplit(response.final_url).path) or mediatype.BY_KIND.get(kind or "")
    media = mediatype.decide(response.content, header=declared, name=urlsplit(response.final_url).path)
    return Fetched(
        url=response.url,
        content=response.content,
        media_type=media,
        sha256=hashlib.sha256(response.content).hexdigest(),
        retrieved=now_iso(),
        source_id=source_id,
        charset=charset,
        etag=response.etag,
        last_modified=response.last_modified,
        status=response.status,
        final_url=response.final_url,
        redirects=response.redirects,
    )
