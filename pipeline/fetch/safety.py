"""Safe fetching: which URLs and addresses may be requested, and how often per host.

naravard fetches URLs written by others (catalogue entries, links inside pages, redirects), so every
request is checked before it is made:

- only ``http`` and ``https`` URLs (a redirect to ``ftp:``, ``file:`` or anything else is refused);
- the host is resolved and every address must be public: loopback, link-local, private, reserved,
  multicast and unspecified addresses are refused unless ``Settings.allow_private_addresses`` is on
  or the host is listed in ``Settings.allowed_hosts``;
- the same check runs again at connect time (:class:`GuardedBackend`), on the very address the socket
  connects to, so a DNS answer that changes between the check and the request cannot slip through.

:class:`HostRateLimiter` spaces requests to one host by ``Settings.rate_limit`` seconds, across worker
processes (a lock file per host under the output directory).
"""

from __future__ import annotations

import fcntl
import ipaddress
import os
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpcore

from ..errors import UnsafeURLError
from ..settings import Settings

SCHEMES = ("http", "https")


def host_of(url: str) -> str:
    """The lower-case host of ``url`` ('' when it has none)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def check_scheme(url: str) -> None:
    """Refuse anything but an http(s) URL with a host."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise UnsafeURLError(f"{url}: not a valid URL", subject=url) from exc
    if parts.scheme.lower() not in SCHEMES:
        raise UnsafeURLError(
            f"{url}: refused: only http and https URLs are fetched, not {parts.scheme or 'a relative URL'!r}",
            hint="use an http(s) URL; local files go in the catalogue as `snapshot = ...`",
            subject=url,
        )
    if not parts.hostname:
        raise UnsafeURLError(f"{url}: refused: the URL has no host", subject=url)


def is_public(address: str) -> bool:
    """True for a globally routable unicast address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (ip.is_loopback or ip.is_link_local or ip.is_private or ip.is_reserved
                or ip.is_multicast or ip.is_unspecified or not ip.is_global)


def host_allowed(host: str, settings: Settings) -> bool:
    """True when ``host`` may resolve to a non-public address (settings say so)."""
    return settings.allow_private_addresses or host.lower().strip("[]") in {h.lower() for h in settings.allowed_hosts}


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (raises UnsafeURLError when it does not resolve)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeURLError(f"{host}: host name does not resolve ({exc})", subject=host,
                             hint="check the URL and the network connection") from exc
    return list(dict.fromkeys(info[4][0] for info in infos))


def check_address(host: str, address: str, settings: Settings, url: str | None = None) -> None:
    if not is_public(address) and not host_allowed(host, settings):
        subject = url or host
        raise UnsafeURLError(
            f"{subject}: refused: {host} resolves to the non-public address {address}",
            hint="set allow_private_addresses = true or add the host to allowed_hosts in naravard.toml "
                 "if this is intended",
            subject=subject,
        )


def check_url(url: str, settings: Settings) -> None:
    """Raise UnsafeURLError unless ``url`` is http(s) and its host resolves only to allowed addresses."""
    check_scheme(url)
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host_allowed(host, settings):
        return
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:
        raise UnsafeURLError(f"{url}: invalid port", subject=url) from exc
    for address in resolve(host, port):
        check_address(host, address, settings, url)


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, checking the address it actually connects to."""

    def __init__(self, settings: Settings):
        super().__init__()
        self.settings = settings

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        if host_allowed(host, self.settings):
            return super().connect_tcp(host, port, timeout, local_address, socket_options)
        addresses = resolve(host, port)
        for address in addresses:
            check_address(host, address, self.settings)
        last: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:  # try the next address, like socket.create_connection
                last = exc
        raise last or httpcore.ConnectError(f"cannot connect to {host}:{port}")


class HostRateLimiter:
    """At most one request per ``interval`` seconds to one host, shared by every process of a run."""

    def __init__(self, directory: Path, interval: float):
        self.directory = directory
        self.interval = interval

    def wait(self, host: str, at_least: float | None = None) -> None:
        """Block until ``host`` may be asked again (``at_least``: a longer interval, e.g. robots' Crawl-delay)."""
        interval = max(self.interval, min(at_least or 0.0, 60.0))
        if interval <= 0 or not host:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / (host.replace(":", "_").replace("/", "_") + ".lock")
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # the next process waits here while we sleep: that is the point
            raw = os.pread(fd, 64, 0)
            try:
                last = float(raw.decode() or 0)
            except ValueError:
                last = 0.0
            delay = last + interval - time.time()
            if delay > 0:
                time.sleep(min(delay, interval))
            stamp = f"{time.time():.6f}".encode()
            os.ftruncate(fd, 0)
            os.pwrite(fd, stamp, 0)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
