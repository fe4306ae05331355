"""``naravard serve``: a read-only SPARQL endpoint with a query page."""

from __future__ import annotations

import click

from .common import settings_from, store_options


@click.command()
@store_options
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Keep 127.0.0.1 unless the endpoint must be reachable from elsewhere.")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=7878, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=None,
              help="Stop a query after this many seconds (HTTP 503).  [default: query_timeout setting, 30]")
@click.option("--max-results", type=click.IntRange(min=1), default=None,
              help="Cut results off after this many rows.  [default: max_results setting, 100000]")
def serve(sources, output, config, host, port, timeout, max_results):
    """Serve the store over the SPARQL 1.1 Protocol, read-only, with a query page.

    \b
    Open http://127.0.0.1:7878/ for the query page (saved queries with their parameters, free SPARQL,
    results as a table). SPARQL clients use http://127.0.0.1:7878/sparql (GET or POST; results as
    SPARQL JSON, XML, CSV or TSV, graphs as Turtle, N-Triples, JSON-LD or RDF/XML by Accept header).
    SPARQL Update is refused. Saved queries: /saved/NAME?PARAM=VALUE.

    The store is opened read-only: `naravard query` still works meanwhile. Restart the endpoint after
    an ingest to serve the new data. Stop it with Ctrl-C.
    """
    from ..api import serve as run_serve

    settings = settings_from(sources, output, config, query_timeout=timeout, max_results=max_results)
    run_serve(settings, host, port, on_ready=lambda url: click.echo(
        f"SPARQL endpoint {url}sparql (query page {url}); timeout {settings.query_timeout:g} s, "
        f"at most {settings.max_results} rows; Ctrl-C to stop", err=True))
