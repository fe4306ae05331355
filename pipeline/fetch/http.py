"""HTTP(S) fetching with httpx: polite, bounded and safe.

- a descriptive ``User-Agent`` (``Settings.user_agent``) and per-request timeouts (``Settings.timeout``);
- retries with exponential backoff (``Settings.retries``, ``Settings.backoff``) on 429, 5xx, timeouts
  and dropped connections, honouring ``Retry-After`` up to ``Settings.max_retry_wait`` seconds;
- redirects followed by hand (at most ``Settings.max_redirects``), each hop checked by
  :mod:`.safety` and robots.txt, and recorded (``Response.redirects``, ``Response.final_url``);
- the body streamed under a size cap (``Settings.max_bytes``) and a time cap
  (``Settings.fetch_max_seconds``);
- one request at a time per host, spaced by the rate limiter.

:meth:`HttpClient.request` returns any status; :meth:`HttpClient.get` turns 404/410 into
``NotFoundError`` and other failures into ``FetchError``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import FetchError, NotFoundError, TooLargeError, UnsafeURLError
from ..settings import Settings
from . import safety

REDIRECTS = (301, 302, 303, 307, 308)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 507, 508, 509, 520, 521, 522, 523, 524})


@dataclass(frozen=True, slots=True)
class Response:
    """One answer, after redirects: its status, the headers naravard uses, and the body."""

    url: str  # the URL asked for
    final_url: str  # the URL that answered
    status: int
    content: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    redirects: tuple[str, ...] = ()  # every URL that answered with a redirect, in order


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (now if now is not None else datetime.now(UTC).timestamp()))


def guarded_transport(settings: Settings) -> httpx.HTTPTransport:
    """An httpx transport whose sockets connect only to addresses :mod:`.safety` allows."""
    transport = httpx.HTTPTransport(trust_env=False, retries=0)
    # httpx has no public hook for the socket layer; its pool takes httpcore's network backend.
    transport._pool._network_backend = safety.GuardedBackend(settings)
    return transport


class HttpClient:
    """A polite, safe HTTP client for one run (or one worker process of a run)."""

    def __init__(self, settings: Settings, *, robots=None, rate_limiter: safety.HostRateLimiter | None = None,
                 transport: httpx.BaseTransport | None = None, sleep: Callable[[float], None] = time.sleep):
        self.settings = settings
        self.robots = robots
        self.rate_limiter = rate_limiter
        self.sleep = sleep
        self._client = httpx.Client(
            transport=transport or guarded_transport(settings),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,
            trust_env=False,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # public --------------------------------------------------------------------------------------
    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """GET ``url`` (200 or 304), raising NotFoundError on 404/410 and FetchError on other failures."""
        response = self.request(url, headers)
        if response.status in (200, 203, 304):
            return response
        where = url if response.final_url == url else f"{url} (redirected to {response.final_url})"
        if response.status in (404, 410):
            raise NotFoundError(f"{where}: HTTP {response.status} {'Gone' if response.status == 410 else 'Not Found'}",
                                hint="the page was moved or removed: find its new URL, or remove the source "
                                     "from the catalogue", subject=url)
        raise FetchError(f"{where}: HTTP {response.status}", subject=url,
                         hint="the server refused or failed; the previous data is kept, try again later")

    def request(self, url: str, headers: dict[str, str] | None = None, *, check_robots: bool = True,
                body: bool = True) -> Response:
        """Follow redirects from ``url`` and return the final answer, whatever its status."""
        redirects: list[str] = []
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            safety.check_url(current, self.settings)
            if check_robots and self.robots is not None:
                self.robots.check(current)
            status, raw_headers, content = self._with_retries(current, headers or {}, body)
            location = raw_headers.get("location")
            if status in REDIRECTS and location:
                target = urljoin(current, location.strip())
                if urlsplit(target).scheme.lower() not in safety.SCHEMES:
                    raise UnsafeURLError(f"{url}: refused redirect from {current} to {target}: only http and "
                                         "https are followed", subject=url)
                redirects.append(current)
                current = target
                continue
            return Response(url=url, final_url=current, status=status, content=content,
                            content_type=raw_headers.get("content-type"), etag=raw_headers.get("etag"),
                            last_modified=raw_headers.get("last-modified"), redirects=tuple(redirects))
        raise FetchError(f"{url}: more than {self.settings.max_redirects} redirects", subject=url,
                         hint="the site redirects in a loop; check the URL in a browser")

    # internals -----------------------------------------------------------------------------------
    def _with_retries(self, url: str, headers: dict[str, str], body: bool) -> tuple[int, httpx.Headers, bytes]:
        attempts = max(0, self.settings.retries) + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                status, raw_headers, content = self._once(url, headers, body)
            except httpx.TimeoutException as exc:
                if last:
                    raise FetchError(f"{url}: timed out after {self.settings.timeout:g} s "
                                     f"({attempts} attempt{'s' if attempts > 1 else ''})", subject=url,
                                     hint="the server is slow or down; the previous data is kept") from exc
                self.sleep(self._backoff(attempt, None))
                continue
            except httpx.TransportError as exc:
                if last:
                    raise FetchError(f"{url}: cannot connect: {exc or type(exc).__name__}", subject=url,
                                     hint="check the network and the URL; the previous data is kept") from exc
                self.sleep(self._backoff(attempt, None))
                continue
            if status in RETRY_STATUSES and not last:
                self.sleep(self._backoff(attempt, raw_headers.get("retry-after")))
                continue
            return status, raw_headers, content
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int, retry_after_header: str | None) -> float:
        wait = retry_after(retry_after_header)
        if wait is None:
            wait = self.settings.backoff * (2 ** attempt)
        return min(wait, self.settings.max_retry_wait)

    def _once(self, url: str, headers: dict[str, str], body: bool) -> tuple[int, httpx.Headers, bytes]:
        if self.rate_limiter is not None:
            delay = self.robots.crawl_delay(url) if self.robots is not None else None
            self.rate_limiter.wait(safety.host_of(url), delay)
        started = time.monotonic()
        with self._client.stream("GET", url, headers=headers) as resp:
            if not body or resp.status_code != 200:
                return resp.status_code, resp.headers, b""
            return resp.status_code, resp.headers, self._read_capped(url, resp, started)

    def _read_capped(self, url: str, resp: httpx.Response, started: float) -> bytes:
        cap = self.settings.max_bytes
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise TooLargeError(f"{url}: response is {declared} bytes, over the cap of {cap} bytes", subject=url,
                                hint="raise max_bytes in naravard.toml if the document is genuine")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > cap:
                    raise TooLargeError(f"{url}: response exceeds the cap of {cap} bytes", subject=url,
                                        hint="raise max_bytes in naravard.toml if the document is genuine")
                if time.monotonic() - started > self.settings.fetch_max_seconds:
                    raise TooLargeError(f"{url}: download took longer than {self.settings.fetch_max_seconds:g} s",
                                        subject=url, hint="raise fetch_max_seconds in naravard.toml")
                chunks.append(chunk)
        except httpx.DecodingError as exc:
            raise FetchError(f"{url}: the response body is not valid {resp.headers.get('content-encoding')} data",
                             subject=url) from exc
        return b"".join(chunks)
