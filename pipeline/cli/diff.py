"""``naravard diff``: concepts and statements added and removed between two ingest runs."""

from __future__ import annotations

import json

import click

from .common import settings_from, store_options


@click.command()
@store_options
@click.argument("run_a", required=False)
@click.argument("run_b", required=False)
@click.option("--source", "only", multiple=True, metavar="ID", help="Only this source (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the full diff as JSON.")
def diff(sources, output, config, run_a, run_b, only, as_json):
    """Show, per source, the concepts and statements added and removed between two runs.

    RUN_A and RUN_B are run ids (or unique prefixes) from OUTPUT/runs/; with none, the last two runs
    are compared; with one, that run is compared with the run before it. Statements are relations
    between concepts (e.g. locatedIn, publishes); the triple counts cover everything else too.
    """
    from ..api import diff_runs
    from ..diff import render

    report = diff_runs(settings_from(sources, output, config), run_a, run_b, sources=only)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(render(report))
