"""RDF exports, each written with pyoxigraph (or our JSON-LD writer) and read back by rdflib."""

from __future__ import annotations

import json

import pytest
import rdflib
from graph_helpers import open_seed_store

from pipeline import iri
from pipeline.errors import ExportError
from pipeline.export.base import ExportOptions, format_for

FORMATS = [  # extension, rdflib parser, holds named graphs
    ("ttl", "turtle", False), ("trig", "trig", True), ("nq", "nquads", True), ("nt", "nt", False),
    ("jsonld", "json-ld", True), ("rdf", "xml", False),
]


def key(term):
    if isinstance(term, rdflib.Literal):
        value = term.value if term.value is not None else str(term)
        return ("literal", str(value), str(term.datatype or ""), term.language or "")
    return (type(term).__name__, str(term))


_CACHE: dict = {}


def store_statements(store, graphs=None, with_graph=True):
    if (graphs, with_graph) not in _CACHE:
        _CACHE[(graphs, with_graph)] = _statements(store, graphs, with_graph)
    return _CACHE[(graphs, with_graph)]


def _statements(store, graphs, with_graph):
    out = set()
    for g in graphs or store.graphs():
        data = "".join(f"{q} .\n" for q in store.quads(g))
        parsed = rdflib.Dataset()
        parsed.parse(data=data, format="nquads")
        for s, p, o, _ in parsed.quads((None, None, None, None)):
            out.add((key(s), key(p), key(o), g if with_graph else None))
    return out


def read_back(path, parser, dataset):
    if dataset:
        ds = rdflib.Dataset()
        ds.parse(path, format=parser)
        return {(key(s), key(p), key(o), str(g.identifier if hasattr(g, "identifier") else g))
                for s, p, o, g in ds.quads((None, None, None, None))}
    graph = rdflib.Graph().parse(path, format=parser)
    return {(key(s), key(p), key(o), None) for s, p, o in graph}


@pytest.fixture(scope="module")
def store():
    with open_seed_store() as opened:
        yield opened


@pytest.mark.parametrize("ext, parser, dataset", FORMATS, ids=[f[0] for f in FORMATS])
def test_export_is_read_back_by_an_independent_parser(store, tmp_path, ext, parser, dataset):
    out = tmp_path / f"graph.{ext}"
    fmt = format_for(out)
    assert fmt.kind == "rdf"
    fmt.write(store, out, ExportOptions())
    assert read_back(out, parser, dataset) == store_statements(store, with_graph=dataset)
    again = tmp_path / f"again.{ext}"
    fmt.write(store, again, ExportOptions())
    assert again.read_bytes() == out.read_bytes()


def test_export_of_some_sources_holds_only_their_graphs(store, tmp_path):
    out = tmp_path / "gnesta.trig"
    format_for(out).write(store, out, ExportOptions(sources=("gnesta-nara-vard",)))
    graphs = {g for *_, g in read_back(out, "trig", True)}
    assert graphs == {iri.graph("gnesta-nara-vard")}
    with pytest.raises(ExportError, match="no graph in the store for source\\(s\\) nowhere"):
        format_for(out).write(store, out, ExportOptions(sources=("nowhere",)))


def test_json_ld_has_a_context_and_compact_keys(store, tmp_path):
    out = tmp_path / "graph.jsonld"
    format_for(out).write(store, out, ExportOptions(sources=("region-halland-god-och-nara-vard",)))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["@context"]["nvo"] == "https://w3id.org/naravard/ontology#"
    assert data["@context"]["nv"] == "https://w3id.org/naravard/"
    [graph] = data["@graph"]
    assert graph["@id"] == "nv:graph/region-halland-god-och-nara-vard"
    documents = [n for n in graph["@graph"] if "nvo:Document" in n.get("@type", [])]
    assert len(documents) == 1 and "nvo:sha256" in documents[0] and "nvo:mentions" in documents[0]


def test_turtle_uses_readable_prefixes(store, tmp_path):
    out = tmp_path / "graph.ttl"
    format_for(out).write(store, out, ExportOptions(sources=("gnesta-nara-vard",)))
    text = out.read_text(encoding="utf-8")
    assert "@prefix principle: <https://w3id.org/naravard/concept/principle/> ." in text
    assert "\\/" not in text  # no escaped slashes in prefixed names


def test_formats_are_found_by_name_and_alias():
    assert format_for(None, "json-ld").name == "jsonld"
    assert format_for(None, "n-quads").name == "nquads"
    assert format_for(None, "ttl").media_type == "text/turtle"
