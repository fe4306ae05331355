"""``naravard export``: the graph as RDF, or a network view for Gephi, Cytoscape, yEd, spreadsheets and reports."""

from __future__ import annotations

from pathlib import Path

import click

from .common import settings_from, store_options

VIEW_HELP = ("Network view: concepts (all concept types; relations and weighted co-occurrence), document-concept "
             "(bipartite), actor-principle, actor-region, citations (documents and reports).")


@click.command()
@store_options
@click.option("--out", "-o", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write; its extension picks the format (for .csv two files: NAME.nodes.csv and "
                   "NAME.edges.csv).")
@click.option("--format", "-f", "format_name", metavar="NAME", default=None,
              help="Format, when the extension does not say it. RDF: the formats of the RDF exporter (e.g. "
                   "trig, turtle, nquads, jsonld, rdfxml). Networks: graphml (yEd, Cytoscape, Gephi), gexf "
                   "(Gephi), cyjs (Cytoscape), json (node-link, D3), csv (Gephi spreadsheet import, Excel), "
                   "dot (Graphviz), svg, png (drawings), html (interactive page that works offline).")
@click.option("--view", default="concepts", show_default=True, metavar="NAME", help=VIEW_HELP)
@click.option("--type", "types", multiple=True, metavar="TYPE",
              help="Keep only concepts of this type (repeatable): principle, shift, actor, report, region, goal, "
                   "focus_area, success_factor, driving_force, initiative. Documents stay in document views.")
@click.option("--source", "source_ids", multiple=True, metavar="ID",
              help="Keep only what this source says (repeatable; ids as in sources/*.toml).")
@click.option("--region", default=None, metavar="NAME",
              help="Keep only the sources about this region (e.g. Halland, 'Region Sörmland').")
@click.option("--min-weight", type=click.FloatRange(min=0), default=0.0, show_default=True,
              help="Drop edges lighter than this (co-occurrence count, mentions, sources stating a relation), "
                   "and the nodes left without edges.")
def export(sources, output, config, out, format_name, view, types, source_ids, region, min_weight):
    """Write the graph, or a network view of it, to a file.

    \b
    Examples:
      naravard export --out output/graph.trig                # every named graph, as TriG
      naravard export --out output/graph.html                # interactive page (offline)
      naravard export --out output/concepts.gexf             # Gephi: colours and sizes by type
      naravard export --out output/actors.csv --view actor-principle --min-weight 2
      naravard export --out output/halland.graphml --region Halland --type actor --type principle

    Network files carry, per node, the IRI, Swedish label, type, kind, number of sources and mentions,
    degree, community (Louvain) and centrality (betweenness, PageRank); per edge its type, weight and
    the sources it comes from. The same store always gives byte-identical files.
    """
    from ..api import export as run_export
    from ..export.base import ExportOptions

    settings = settings_from(sources, output, config)
    options = ExportOptions(view=view, types=tuple(types), sources=tuple(source_ids), region=region,
                            min_weight=min_weight)
    written = run_export(out, settings, format=format_name, options=options)
    if written.format.kind != "network" and (types or region or min_weight or view != "concepts"):
        click.echo("note: --view, --type, --region and --min-weight apply to network formats only", err=True)
    files = ", ".join(f"{p} ({p.stat().st_size / 1024:.1f} kB)" for p in written.paths if p.exists())
    what = f"view {view}" if written.format.kind == "network" else "RDF"
    click.echo(f"wrote {files}: {written.format.name}, {what}, in {written.seconds:.2f} s")
