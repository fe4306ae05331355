"""``naravard validate``: check the store against the SHACL shapes."""

from __future__ import annotations

import click

from .common import settings_from, store_options


@click.command()
@store_options
@click.option("--max", "max_shown", type=click.IntRange(min=1), default=50, show_default=True,
              help="Print at most this many results per graph.")
def validate(sources, output, config, max_shown):
    """Validate every named graph of the store against ontology/shapes.ttl (SHACL, pyshacl).

    Each source's graph is checked together with the thesaurus and gazetteer entries it refers to;
    the ontology graph and the run records are checked on their own. Violations are printed per
    graph, one line each (focus node, property, message, offending value); warnings are printed too
    but do not fail. Exits with status 1 when there is any violation.
    """
    from ..api import validate as run_validate

    report = run_validate(settings_from(sources, output, config))
    for graph in report.graphs:
        results = [r for r in report.results if r.graph == graph]
        violations = sum(r.severity == "Violation" for r in results)
        mark = click.style("ok  ", fg="green") if not violations else click.style("FAIL", fg="red")
        click.echo(f"{mark} {graph}: {violations} violation(s), {len(results) - violations} warning(s)")
        for r in results[:max_shown]:
            click.echo(f"     {r.line()}")
        if len(results) > max_shown:
            click.echo(f"     … and {len(results) - max_shown} more")
    verdict = "conforms" if report.conforms else f"does not conform: {len(report.violations)} violation(s)"
    click.echo(f"{len(report.graphs)} graphs checked; the store {verdict}")
    if not report.conforms:
        raise click.exceptions.Exit(1)
