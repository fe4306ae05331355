"""``naravard query``: SPARQL over the store, inline, from a .rq file, or by a saved query's name."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import settings_from, store_options

FORMAT_NAMES = ("table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "jsonld", "rdfxml")


def _params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r}: write NAME=VALUE, e.g. region=Halland", param_hint="--param")
        params[name.strip()] = value
    return params


@click.command()
@store_options
@click.argument("query", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a parameter of the query (repeatable), e.g. --param region=Halland. Values are "
                   "converted to the type the query declares (concept, source, year, …) and bound as RDF "
                   "terms, never pasted into the query text.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMAT_NAMES), default="table", show_default=True,
              help="Output: a table; csv, tsv, json, xml (SPARQL 1.1 results formats) for SELECT and ASK; "
                   "turtle, ntriples, jsonld, rdfxml for CONSTRUCT and DESCRIBE.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Print at most this many rows.")
@click.option("--list", "list_saved", is_flag=True, help="List the saved queries with their descriptions and parameters.")
def query(sources, output, config, query, params, fmt, limit, list_saved):
    """Run a SPARQL query on the store and print the result.

    QUERY is SPARQL text, a path to a .rq file, the name of a saved query from ontology/queries
    (see --list), or - to read SPARQL from standard input. The prefixes nvo:, skos:, dct:, prov:,
    oa:, org:, schema:, dcat:, foaf:, rdf:, rdfs:, owl: and xsd: are predeclared, and the default
    graph is the union of all named graphs (GRAPH ?g names the source's graph).

    \b
    Examples:
      naravard query --list
      naravard query shifts-by-source
      naravard query actors-by-source --format csv
      naravard query principles-by-region --param region=Halland
      naravard query concept-card --param concept=principle/personcentrering --format turtle
      naravard query 'SELECT ?s WHERE { ?s a nvo:Source }'
    """
    settings = settings_from(sources, output, config)
    if list_saved:
        _list(settings)
        return
    if not query:
        raise click.UsageError("give a query: SPARQL text, a .rq file or a saved query's name (see --list)")
    from ..api import query as run_query
    from ..query.formats import render

    text = sys.stdin.read() if query == "-" else query
    result = run_query(Path(text) if text.endswith(".rq") and Path(text).is_file() else text,
                       _params(params), settings, limit=limit)
    click.echo(render(result, fmt, settings.base_iri), nl=False)
    if result.truncated and fmt == "table":
        click.echo(f"(first {limit} rows shown; drop --limit to see all)", err=True)


def _list(settings) -> None:
    from ..query.library import query_dir, saved_queries

    for q in saved_queries(query_dir(settings.ontology)):
        click.echo(click.style(q.name, bold=True) + f"  {q.title}")
        if q.description:
            click.echo(click.wrap_text(q.description, width=100, initial_indent="    ", subsequent_indent="    "))
        for p in q.params:
            flag = "required" if p.required else (f"default {p.default}" if p.default else "optional")
            click.echo(f"    --param {p.name}=…  ({p.type}, {flag}) {p.description}")
