"""``naravard serve``: a read-only SPARQL 1.1 Protocol endpoint with a query page.

    GET  /                         the query page (self-contained: no script or style from elsewhere)
    GET  /sparql?query=…           SPARQL 1.1 Protocol query (also default-graph-uri, named-graph-uri)
    POST /sparql                   form-encoded ``query=…``, or a body of type application/sparql-query
    GET  /saved                    the saved queries with their descriptions and parameters (JSON)
    GET  /saved/NAME?p=v&format=f  run a saved query with its parameters bound safely
    *    /update, update=…, application/sparql-update      403: the endpoint is read-only

The store is opened read-only (no lock), so ``naravard query`` keeps working next to it; restart the
endpoint after an ingest to see the new data. Each query runs in a worker process
(:mod:`.workers`) and is stopped after ``settings.query_timeout`` seconds (HTTP 503); results are
cut off after ``settings.max_results`` rows (header ``X-Result-Truncated: true``). By default it
binds to 127.0.0.1 only.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ..errors import ConfigError, StoreError
from ..settings import Settings
from .library import query_dir, saved_queries
from .page import PAGE
from .workers import Job, WorkerConfig, WorkerPool

MAX_BODY = 1_000_000  # bytes of a POSTed query


class EndpointServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], settings: Settings, pool: WorkerPool):
        super().__init__(address, Handler)
        self.settings = settings
        self.pool = pool

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def make_server(settings: Settings, host: str = "127.0.0.1", port: int = 7878, *, workers: int = 2) -> EndpointServer:
    """Start the workers and bind the endpoint (port 0 picks a free port); call ``serve_forever()`` on it."""
    if settings.store_url:
        raise ConfigError(f"the store is a SPARQL server ({settings.store_url}); query its own endpoint",
                          hint="naravard serve is for the embedded store")
    path = Path(settings.store_path)
    if not (path / "CURRENT").is_file():
        raise StoreError(f"{path}: no store here", subject=str(path),
                         hint="run `naravard ingest` first, or pass --output to the folder holding store/")
    config = WorkerConfig(path, Path(settings.ontology), settings.base_iri, settings.max_results)
    pool = WorkerPool(config, workers)
    try:
        return EndpointServer((host, port), settings, pool)
    except OSError as exc:
        pool.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                          hint="choose another --port") from exc


class Handler(BaseHTTPRequestHandler):
    server: EndpointServer
    protocol_version = "HTTP/1.1"
    server_version = "naravard-sparql"

    def log_message(self, fmt: str, *args) -> None:  # quiet: the CLI prints one line at start-up
        pass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path in ("/", "/index.html"):
            self._send(200, "text/html; charset=utf-8", PAGE.encode("utf-8"))
        elif url.path == "/saved":
            self._send(200, "application/json", json.dumps(self._catalogue(), ensure_ascii=False).encode("utf-8"))
        elif url.path.startswith("/saved/"):
            self._saved(url.path[len("/saved/"):], params)
        elif url.path == "/sparql":
            self._protocol(params)
        elif url.path == "/update":
            self._refuse_update()
        else:
            self._send(404, "text/plain; charset=utf-8", b"not found: try / or /sparql\n")

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(413, "text/plain; charset=utf-8", b"request too large\n")
            return
        body = self.rfile.read(length) if length else b""
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if url.path == "/update" or media == "application/sparql-update":
            self._refuse_update()
            return
        if url.path != "/sparql":
            self._send(404, "text/plain; charset=utf-8", b"not found: POST queries to /sparql\n")
            return
        params = parse_qs(url.query, keep_blank_values=True)
        if media == "application/sparql-query":
            params["query"] = [body.decode("utf-8", "replace")]
        elif media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        else:
            self._send(415, "text/plain; charset=utf-8",
                       b"send application/x-www-form-urlencoded or application/sparql-query\n")
            return
        self._protocol(params)

    def do_PUT(self) -> None:
        self._refuse_update()

    do_DELETE = do_PATCH = do_PUT

    # -- handlers ------------------------------------------------------------------------
    def _protocol(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._refuse_update()
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._send(400, "text/plain; charset=utf-8", b"give exactly one query parameter\n")
            return
        job = Job(sparql=queries[0], accept=self._accept(params),
                  default_graphs=tuple(params.get("default-graph-uri", ())),
                  named_graphs=tuple(params.get("named-graph-uri", ())))
        self._run(job)

    def _saved(self, name: str, params: dict[str, list[str]]) -> None:
        values = {k: v[-1] for k, v in params.items() if k != "format"}
        self._run(Job(saved=name, params=values, accept=self._accept(params)))

    def _run(self, job: Job) -> None:
        try:
            answer = self.server.pool.run(job, self.server.settings.query_timeout)
        except TimeoutError as exc:
            self._send(503, "text/plain; charset=utf-8", f"{exc}\n".encode())
            return
        headers = {"X-Result-Truncated": "true"} if answer.truncated else {}
        self._send(answer.status, answer.content_type, answer.body, headers)

    def _accept(self, params: dict[str, list[str]]) -> str:
        return (params.get("format") or [""])[-1] or self.headers.get("Accept", "")

    def _catalogue(self) -> list[dict]:
        return [{"name": q.name, "title": q.title, "description": q.description, "text": q.text,
                 "params": [{"name": p.name, "type": p.type, "required": p.required, "default": p.default,
                             "description": p.description} for p in q.params]}
                for q in saved_queries(query_dir(self.server.settings.ontology))]

    def _refuse_update(self) -> None:
        self._send(403, "text/plain; charset=utf-8", b"this endpoint is read-only: SPARQL Update is refused\n")

    def _send(self, status: int, media: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status, HTTPStatus(status).phrase)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if media.startswith("text/html"):
            self.send_header("Content-Security-Policy",
                             "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                             "connect-src 'self'")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7878, *, workers: int = 2,
          on_ready=None) -> None:
    """Serve until interrupted (Ctrl-C); ``on_ready(url)`` is called once the endpoint listens."""
    server = make_server(settings, host, port, workers=workers)
    try:
        if on_ready:
            on_ready(server.url)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
