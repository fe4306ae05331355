"""``naravard stats``: what the store holds."""

from __future__ import annotations

import json

import click

from .common import settings_from, store_options


@click.command()
@store_options
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(sources, output, config, as_json):
    """Count sources, documents, named graphs, triples, mentions and statements, and concepts per type.

    Concepts are counted as found in the sources (distinct concepts any source mentions) and as
    known to the thesaurus and gazetteer. After `naravard ingest` of the bundled sources this shows
    5 sources and concepts of all five scored types (principle, shift, actor, report, region).
    """
    from ..api import stats as run_stats
    from ..graph.stats import render_stats

    result = run_stats(settings_from(sources, output, config))
    click.echo(json.dumps(result.as_dict(), indent=2) if as_json else render_stats(result).rstrip())
