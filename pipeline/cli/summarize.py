"""``naravard summarize``: recompute the corpus summary graph."""

from __future__ import annotations

import click

from .common import settings_from, store_options


@click.command()
@store_options
def summarize(sources, output, config):
    """Recompute the corpus summary (graph/summary) from the source graphs in the store.

    The summary holds the counts across all sources that `stated-relations`, `co-occurrence` and
    `actors-with-principle` read. `naravard ingest` recomputes it whenever it changes a graph, so
    this is only needed when several machines ingest parts of a catalogue into one SPARQL server:
    run it once after the last of them has finished.
    """
    from ..api import summarize as run_summarize

    triples = run_summarize(settings_from(sources, output, config))
    click.echo(f"summary: {triples} triples")
