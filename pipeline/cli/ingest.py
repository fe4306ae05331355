"""``naravard ingest``: build or update the graph from the catalogue."""

from __future__ import annotations

import time

import click

from .common import settings_from, store_options

STATUS_STYLE = {"new": "green", "changed": "cyan", "unchanged": None, "failed": "red", "gone": "yellow",
                "removed": "magenta"}


@click.command()
@store_options
@click.option("--only", "only", multiple=True, metavar="ID", help="Ingest only this source (repeatable).")
@click.option("--offline", is_flag=True, help="Read local snapshots only; never use the network.")
@click.option("--online", is_flag=True,
              help="Fetch every source over HTTP, also those with a local snapshot (which is then used only "
                   "if the network fails and the source was never ingested).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None,
              help="Worker processes for fetch, parse and extract.  [default: number of cores]")
@click.option("--force", is_flag=True, help="Rebuild every source's graph, even when its content is unchanged.")
def ingest(sources, output, config, only, offline, online, jobs, force):
    """Fetch, parse and extract every source of the catalogue into one named graph per source.

    By default a source with a local snapshot (`snapshot = ...` in its catalogue entry, as for the
    bundled sources) is read from it, and a source without one is fetched over HTTP; --online fetches
    every source from the web, --offline none.

    Re-running is cheap: a source whose content is unchanged is skipped (conditional HTTP requests);
    a changed one has its graph replaced in one transaction; a source that fails keeps its previous
    graph; a 404/410 marks it gone (data kept); a source removed from the catalogue has its graph
    retracted. Each run is logged in OUTPUT/runs/ and in the store; `naravard diff` compares two runs.

    Exits with status 1 only when the catalogue is invalid or every source failed.
    """
    from ..api import ingest as run_ingest

    if offline and online:
        raise click.UsageError("--offline and --online exclude each other")
    settings = settings_from(sources, output, config, offline=offline or None, online=online or None, jobs=jobs)
    started = time.perf_counter()
    report = run_ingest(settings, only=only, force=force, on_result=_print_result)
    totals = report.totals
    summary = ", ".join(f"{totals[s]} {s}" for s in ("new", "changed", "unchanged", "failed", "gone", "removed"))
    click.echo(f"{len(report.results)} sources in {time.perf_counter() - started:.1f} s: {summary}")
    for result in report.results:  # the failures again, where they cannot scroll away
        if result.status == "failed":
            click.echo(f"failed: {result.source_id}: {result.error}")
    click.echo(f"run {report.run_id} logged in {settings.output / 'runs' / (report.run_id + '.json')}")
    if report.all_failed:
        raise click.exceptions.Exit(1)


def _print_result(result) -> None:
    counts = ", ".join(f"{t} {n}" for t, n in sorted(result.counts.items())) or "-"
    status = click.style(f"{result.status:<9}", fg=STATUS_STYLE.get(result.status))
    click.echo(f"{status} {result.source_id:<40} {counts:<60} {result.seconds:6.2f} s")
    if result.redirects:
        click.echo(f"{'':10}redirected to {result.final_url}")
    if result.error:
        click.echo(f"{'':10}{result.error}" + (f" ({result.note})" if result.note else ""))
        if result.hint:
            click.echo(f"{'':10}hint: {result.hint}")
    elif result.note:
        click.echo(f"{'':10}{result.note}")
