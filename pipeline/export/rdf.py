"""RDF export formats: the store (or some of its named graphs) written to one file.

    turtle   .ttl      all selected graphs merged into one graph (repeated triples once)
    trig     .trig     the dataset, one block per named graph
    nquads   .nq       the dataset, one quad per line
    ntriples .nt       merged graph, one triple per line
    jsonld   .jsonld   the dataset as compact JSON-LD with a @context (prefixes)
    rdfxml   .rdf      merged graph as RDF/XML

Output is canonical: quads are sorted (graph, subject, predicate, object), so two exports of the
same data are byte-identical and diff well. ``ExportOptions.sources`` limits the export to those
sources' graphs; by default every graph is written (sources, ontology and run records). Prefixes
follow the store's base IRI, read from its graph names.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .. import iri
from ..errors import ExportError
from ..settings import DEFAULT_BASE_IRI
from ..vocab import rdf_prefixes
from .base import ExportOptions, Format, register_format

_PYOX = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
DATASET_FORMATS = ("trig", "nquads", "jsonld")


def selected_graphs(store, options: ExportOptions) -> list[str]:
    """The graph IRIs to export: those of ``options.sources`` (all graphs when empty)."""
    graphs = store.graphs()
    if not options.sources:
        return graphs
    base = store_base(graphs)
    wanted = [iri.graph(s, base) for s in options.sources]
    missing = [s for s, g in zip(options.sources, wanted, strict=True) if g not in graphs]
    if missing:
        raise ExportError(f"no graph in the store for source(s) {', '.join(missing)}", subject=missing[0],
                          hint="run `naravard ingest` for them, or check the ids with `naravard sources list`")
    return wanted


def store_base(graphs: Iterable[str]) -> str:
    """The base IRI the store was built with, read from its graph names (``{base}graph/…``)."""
    for g in graphs:
        if "/graph/" in g:
            return g[: g.rindex("/graph/") + 1]
    return DEFAULT_BASE_IRI


def sorted_quads(store, graphs: list[str]) -> list[ox.Quad]:
    quads: list[ox.Quad] = []
    for g in sorted(graphs):
        quads.extend(sorted(store.quads(g), key=lambda q: (str(q.subject), str(q.predicate), str(q.object))))
    return quads


def merged_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    return sorted(set(q.triple for q in quads), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def write_rdf(store, out: Path, options: ExportOptions, fmt: str) -> None:
    """Write the selected graphs of ``store`` to ``out`` in ``fmt`` (a key of this module's formats)."""
    graphs = selected_graphs(store, options)
    base = store_base(graphs)
    quads = sorted_quads(store, graphs)
    data: list = quads if fmt in DATASET_FORMATS else merged_triples(quads)
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "jsonld":
            from ..graph.jsonld import write_jsonld

            with out.open("w", encoding="utf-8") as fh:
                write_jsonld(data, fh, base)
            return
        prefixes = None if fmt in ("nquads", "ntriples") else rdf_prefixes(base)
        with out.open("wb") as fh:
            ox.serialize(data, fh, _PYOX[fmt], prefixes=prefixes)
    except OSError as exc:
        raise ExportError(f"{out}: cannot write: {exc.strerror or exc}", subject=str(out)) from exc


def _writer(fmt: str):
    def write(store, out: Path, options: ExportOptions | None = None) -> None:
        write_rdf(store, out, options or ExportOptions(), fmt)

    write.__name__ = f"write_{fmt}"
    write.__doc__ = f"Write the store as {fmt} (see pipeline.export.rdf)."
    return write


FORMATS = (
    Format("turtle", (".ttl",), "text/turtle", "rdf", _writer("turtle"), aliases=("ttl",)),
    Format("trig", (".trig",), "application/trig", "rdf", _writer("trig")),
    Format("nquads", (".nq",), "application/n-quads", "rdf", _writer("nquads"), aliases=("n-quads", "nq")),
    Format("ntriples", (".nt",), "application/n-triples", "rdf", _writer("ntriples"), aliases=("n-triples", "nt")),
    Format("jsonld", (".jsonld", ".json-ld"), "application/ld+json", "rdf", _writer("jsonld"), aliases=("json-ld",)),
    Format("rdfxml", (".rdf", ".owl"), "application/rdf+xml", "rdf", _writer("rdfxml"), aliases=("rdf/xml", "rdf-xml")),
)

for _fmt in FORMATS:
    register_format(_fmt)
