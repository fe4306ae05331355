"""``naravard sources``: list, add and check the catalogue."""

from __future__ import annotations

import click

from ..catalogue import KINDS
from .common import settings_from, store_options


@click.group()
def sources():
    """List, add and check the sources of the catalogue (sources/*.toml)."""


@sources.command("list")
@store_options
def list_(sources, output, config):
    """List every source with the outcome of its last ingest."""
    from ..api import list_sources

    for row in list_sources(settings_from(sources, output, config)):
        s = row.source
        status = row.status or "never ingested"
        click.echo(f"{s.id:<40} {s.kind:<4} {status:<14} {row.concepts:>5} concepts  {s.publisher}"
                   + (f" ({s.region})" if s.region else ""))
        click.echo(f"{'':40} {s.url}" + ("  [snapshot]" if s.snapshot else ""))


@sources.command()
@store_options
@click.argument("url")
@click.option("--publisher", required=True, help="Who publishes it, e.g. 'Region Halland'.")
@click.option("--kind", type=click.Choice(KINDS), required=True, help="What the URL serves.")
@click.option("--region", default=None, help="The region (län) it is about, e.g. 'Halland'.")
@click.option("--id", "source_id", default=None, help="Source id.  [default: derived from the URL]")
@click.option("--title", default=None, help="Title, if the page's own is not good.")
@click.option("--language", default="sv", show_default=True, help="Language code.")
@click.option("--follow-pdfs", is_flag=True, help="Also ingest the PDFs the page links to on the same site.")
def add(sources, output, config, url, publisher, kind, region, source_id, title, language, follow_pdfs):
    """Add URL to the catalogue (one new .toml file); `naravard ingest` then fetches it."""
    from ..api import add_source

    path = add_source(settings_from(sources, output, config), url, publisher=publisher, kind=kind, region=region,
                      source_id=source_id, title=title, language=language, follow_pdfs=follow_pdfs)
    click.echo(f"added {url} in {path}")


@sources.command()
@store_options
@click.option("--offline", is_flag=True, help="Check the catalogue and snapshots only, not the URLs.")
def check(sources, output, config, offline):
    """Validate the catalogue and check that every source's URL answers (and its snapshot is sound).

    Exits with status 1 when the catalogue is invalid or any source has a problem.
    """
    from ..api import check_sources

    results = check_sources(settings_from(sources, output, config, offline=offline or None))
    for r in results:
        mark = click.style("ok  ", fg="green") if r.ok else click.style("FAIL", fg="red")
        click.echo(f"{mark} {r.source_id:<40} {r.detail}")
    bad = sum(not r.ok for r in results)
    click.echo(f"{len(results)} sources, {bad} with problems")
    if bad:
        raise click.exceptions.Exit(1)
