"""A small web site on 127.0.0.1 for fetch and ingest tests: ETags, Last-Modified, 304s, faults.

    with SeedSite() as site:
        site.put("/a.html", b"<html>...</html>", "text/html")
        site.url("/a.html")           # http://127.0.0.1:PORT/a.html
        site.fail("/a.html", 500)     # every request answers 500
        site.slow("/a.html", 2.0)     # sleeps before answering
        site.redirect("/old", "/a.html")
        site.log                      # [(method, path, headers)] of every request
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SEEDS = Path(__file__).parent / "data" / "seeds"


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    location: str | None = None
    delay: float = 0.0
    modified: float = field(default_factory=lambda: time.time() - 3600)
    headers: dict[str, str] = field(default_factory=dict)
    conditional: bool = True  # answer 304 to matching If-None-Match / If-Modified-Since
    chunked: bool = False  # no Content-Length: the body ends when the connection closes
    failures: int = 0  # answer ``status`` this many times, then 200

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


class SeedSite:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, str, dict[str, str]]] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                site._answer(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    # set-up --------------------------------------------------------------------------------------
    def __enter__(self) -> SeedSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8", **kw) -> Route:
        with self._lock:
            self.routes[path] = Route(body=body, content_type=content_type, **kw)
            return self.routes[path]

    def fail(self, path: str, status: int) -> None:
        with self._lock:
            self.routes[path].status = status

    def flaky(self, path: str, status: int, times: int, **headers: str) -> None:
        """Answer ``status`` (with ``headers``) to the next ``times`` requests, then serve normally."""
        with self._lock:
            route = self.routes[path]
            route.status, route.failures = status, times
            route.headers.update({k.replace('_', '-'): v for k, v in headers.items()})

    def heal(self, path: str) -> None:
        with self._lock:
            self.routes[path].status = 200
            self.routes[path].delay = 0.0

    def slow(self, path: str, seconds: float) -> None:
        with self._lock:
            self.routes[path].delay = seconds

    def redirect(self, path: str, target: str, status: int = 301) -> None:
        with self._lock:
            self.routes[path] = Route(status=status, location=target)

    def put_seeds(self) -> dict[str, str]:
        """Serve every seed rendition under /html/... and /pdf/...; returns {seed name: path}."""
        paths = {}
        for file in sorted(SEEDS.glob("html/*.html")) + sorted(SEEDS.glob("pdf/*.pdf")):
            path = f"/{file.parent.name}/{file.name}"
            ctype = "application/pdf" if file.suffix == ".pdf" else "text/html; charset=utf-8"
            self.put(path, file.read_bytes(), ctype)
            paths[file.stem] = path
        return paths

    def requests_to(self, path: str) -> list[dict[str, str]]:
        return [headers for _m, p, headers in self.log if p == path]

    # serving -------------------------------------------------------------------------------------
    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        headers = {k.lower(): v for k, v in handler.headers.items()}
        with self._lock:
            self.log.append(("GET", handler.path, headers))
            route = self.routes.get(handler.path)
        if route is None:
            return self._send(handler, 404, b"not found", {"Content-Type": "text/plain"})
        if route.delay:
            time.sleep(route.delay)
        if route.location is not None:
            return self._send(handler, route.status, b"", {"Location": route.location})
        if route.status != 200 and route.failures:
            with self._lock:
                route.failures -= 1
                status = route.status
                if route.failures == 0:
                    route.status = 200
            return self._send(handler, status, b"error", {"Content-Type": "text/plain", **route.headers})
        if route.status != 200:
            return self._send(handler, route.status, b"error", {"Content-Type": "text/plain", **route.headers})
        out = {"Content-Type": route.content_type, "ETag": route.etag,
               "Last-Modified": formatdate(route.modified, usegmt=True), **route.headers}
        if route.conditional and self._not_modified(route, headers):
            return self._send(handler, 304, b"", {"ETag": route.etag})
        self._send(handler, 200, route.body, out, length=not route.chunked)

    @staticmethod
    def _not_modified(route: Route, headers: dict[str, str]) -> bool:
        if "if-none-match" in headers:
            return route.etag in [t.strip() for t in headers["if-none-match"].split(",")]
        if "if-modified-since" in headers:
            try:
                return parsedate_to_datetime(headers["if-modified-since"]).timestamp() >= int(route.modified)
            except (TypeError, ValueError):
                return False
        return False

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str],
              length: bool = True) -> None:
        try:
            handler.send_response(status)
            for key, value in headers.items():
                handler.send_header(key, value)
            if status != 304 and length:
                handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            if status != 304 and body:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
