"""Round trips of every network format in the registry, schema validation, and determinism."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import igraph
import networkx as nx
import pytest
from export_helpers import SCHEMAS, FixtureStore
from lxml import etree, html

from pipeline import registry
from pipeline.errors import ExportError
from pipeline.export import style
from pipeline.export.base import ExportOptions, format_for
from pipeline.export.network import SEPARATOR, csv_paths
from pipeline.export.views import build_view
from pipeline.export.writer import output_paths

HOSTILE_ID = "actor.script-alert-x-script-co"
HOSTILE = '<script>alert("x")</script> & Co'
NETWORK_FORMATS = sorted(n for n in registry.names("exporter") if registry.lookup("exporter", n).kind == "network")


@pytest.fixture(scope="module")
def store():
    return FixtureStore()


@pytest.fixture(scope="module")
def graph(store):
    return build_view(store, ExportOptions())


def write(store, tmp_path: Path, name: str, view: str = "concepts") -> Path:
    fmt = registry.lookup("exporter", name)
    out = tmp_path / f"{view}{fmt.extensions[0]}"
    fmt.write(store, out, ExportOptions(view=view))
    return out


# Readers: each returns (nodes {id: {label, type}}, edges {(source, target, type): weight}) ---------------

def from_nx(G) -> tuple[dict, dict]:
    nodes = {n: {"label": d["label"], "type": d["type"]} for n, d in G.nodes(data=True)}
    edges = {(u, v, d["type"]): float(d["weight"]) for u, v, d in G.edges(data=True)}
    return nodes, edges


def read_graphml(path: Path):
    return from_nx(nx.read_graphml(path, force_multigraph=True))


def read_gexf(path: Path):
    return from_nx(nx.read_gexf(path))


def read_cyjs(path: Path):
    return from_nx(nx.cytoscape_graph(json.loads(path.read_text(encoding="utf-8"))))


def read_json(path: Path):
    return from_nx(nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="links"))


def read_csv(path: Path):
    nodes_path, edges_path = csv_paths(path)
    with nodes_path.open(encoding="utf-8", newline="") as f:
        nodes = {r["Id"]: {"label": r["Label"], "type": r["type"]} for r in csv.DictReader(f)}
    with edges_path.open(encoding="utf-8", newline="") as f:
        edges = {(r["Source"], r["Target"], r["relation"]): float(r["Weight"]) for r in csv.DictReader(f)}
    return nodes, edges


def _undot(value: str) -> str:
    value = value[1:-1] if value.startswith('"') else value
    return re.sub(r'\\(.)', r"\1", value)


def read_dot(path: Path):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # pydot's use of older pyparsing names
        import pydot

        (dot,) = pydot.graph_from_dot_data(path.read_text(encoding="utf-8"))
    nodes = {_undot(n.get_name()): {"label": _undot(n.get("label")), "type": _undot(n.get("type"))}
             for n in dot.get_nodes() if n.get_name() not in ("node", "graph", "edge")}
    edges = {(_undot(e.get_source()), _undot(e.get_destination()), _undot(e.get("type"))): float(_undot(e.get("weight")))
             for e in dot.get_edges()}
    return nodes, edges


def read_html(path: Path):
    doc = html.fromstring(path.read_bytes())
    (data,) = doc.xpath('//script[@id="graph-data"]')
    payload = json.loads(data.text)
    nodes = {n["id"]: {"label": n["label"], "type": n["type"]} for n in payload["nodes"]}
    edges = {(e["source"], e["target"], e["type"]): float(e["weight"]) for e in payload["edges"]}
    return nodes, edges


def read_svg(path: Path):
    """Drawings keep no ids: markers are counted, the labels read back from the text elements."""
    root = etree.parse(str(path)).getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    markers = root.xpath('//s:g[@id="nodes"]/*[self::s:path or self::s:use]', namespaces=ns)
    lines = root.xpath('//s:g[@id="edges"]/s:path', namespaces=ns)
    labels = {g.get("id")[len("label-"):]: "".join(g.xpath(".//s:text//text()", namespaces=ns))
              for g in root.xpath('//s:g[starts-with(@id, "label-")]', namespaces=ns)}
    return len(markers), len(lines), labels


READERS = {"graphml": read_graphml, "gexf": read_gexf, "cyjs": read_cyjs, "json": read_json, "csv": read_csv,
           "dot": read_dot, "html": read_html}
PICTURES = {"svg", "png"}


def test_every_network_format_has_a_round_trip_reader():
    assert set(NETWORK_FORMATS) == set(READERS) | PICTURES


@pytest.mark.parametrize("name", sorted(READERS))
@pytest.mark.parametrize("view", ["concepts", "document-concept", "citations"])
def test_round_trip_keeps_nodes_edges_labels_types_and_weights(store, tmp_path, name, view):
    G = build_view(store, ExportOptions(view=view))
    expected = from_nx(G)
    nodes, edges = READERS[name](write(store, tmp_path, name, view))
    assert nodes == expected[0]
    assert edges == expected[1]


@pytest.mark.parametrize("name", NETWORK_FORMATS)
def test_two_exports_are_byte_identical(store, tmp_path, name):
    fmt = registry.lookup("exporter", name)
    a = output_paths(fmt, write(store, tmp_path / "a", name))
    b = output_paths(fmt, write(store, tmp_path / "b", name))
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_svg_drawing_has_every_node_edge_and_the_labels_as_text(store, graph, tmp_path):
    markers, lines, labels = read_svg(write(store, tmp_path, "svg"))
    assert markers == graph.number_of_nodes()
    assert lines == graph.number_of_edges()
    assert labels[HOSTILE_ID] == HOSTILE  # real text, escaped: the drawing holds no script element
    assert labels["principle.personcentrering"] == "Personcentrering"
    assert not etree.parse(str(tmp_path / "concepts.svg")).xpath("//*[local-name()='script']")


def test_png_drawing_shows_the_type_colours(store, graph, tmp_path):
    from PIL import Image

    image = Image.open(write(store, tmp_path, "png")).convert("RGB")
    assert image.width > 1000 and image.height > 800
    colours = {c for _, c in image.getcolors(maxcolors=1 << 20)}
    for node_type in {d["type"] for _, d in graph.nodes(data=True)}:
        assert style.rgb(node_type) in colours, node_type


# GraphML: schema, networkx and igraph --------------------------------------------------------------------

def test_graphml_validates_against_the_graphml_structure_schema(store, tmp_path):
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "graphml-structure.xsd")))
    for view in registry.names("view"):
        doc = etree.parse(str(write(store, tmp_path, "graphml", view)))
        assert schema.validate(doc), schema.error_log
    broken = etree.parse(str(tmp_path / "concepts.graphml"))
    broken.getroot().find(".//{http://graphml.graphdrawing.org/xmlns}edge").set("source", "missing")
    assert not schema.validate(broken)


def test_graphml_typed_values_read_back_in_networkx_and_igraph(store, graph, tmp_path):
    path = write(store, tmp_path, "graphml")
    G = nx.read_graphml(path, force_multigraph=True)
    g = igraph.Graph.Read_GraphML(str(path))
    assert (G.number_of_nodes(), G.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert (g.vcount(), g.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert g.is_directed()
    by_id = {v["id"]: v for v in g.vs}
    for node, attrs in graph.nodes(data=True):
        for key in ("label", "iri", "type", "kind", "source_count", "mention_count", "degree", "community",
                    "betweenness", "pagerank"):
            assert G.nodes[node][key] == attrs[key], (node, key)
            assert by_id[node][key] == pytest.approx(attrs[key]) if not isinstance(attrs[key], str) \
                else by_id[node][key] == attrs[key]
        assert G.nodes[node]["sources"] == SEPARATOR.join(attrs["sources"])
    igraph_edges = {(g.vs[e.source]["id"], g.vs[e.target]["id"], e["type"]): e for e in g.es}
    for u, v, attrs in graph.edges(data=True):
        e = igraph_edges[(u, v, attrs["type"])]
        assert e["weight"] == attrs["weight"]
        assert e["sources"] == SEPARATOR.join(attrs["sources"])
        assert bool(e["directed"]) is attrs["directed"]


# GEXF 1.3: schema, networkx, colours and sizes -----------------------------------------------------------

def test_gexf_validates_against_the_published_gexf_1_3_schema(store, tmp_path):
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "gexf-1.3" / "gexf.xsd")))
    for view in registry.names("view"):
        doc = etree.parse(str(write(store, tmp_path, "gexf", view)))
        assert schema.validate(doc), schema.error_log
        assert doc.getroot().get("version") == "1.3"


def test_gexf_colours_sizes_and_attributes(store, graph, tmp_path):
    path = write(store, tmp_path, "gexf")
    ns = {"g": "http://gexf.net/1.3"}
    root = etree.parse(str(path)).getroot()
    for el in root.xpath("//g:node", namespaces=ns):
        attrs = graph.nodes[el.get("id")]
        colour = el.find("g:color", ns)
        assert (int(colour.get("r")), int(colour.get("g")), int(colour.get("b"))) == style.rgb(attrs["type"])
        assert float(el.find("g:size", ns).get("value")) == style.node_size(attrs["mention_count"])
        assert el.find("g:position", ns) is not None
    G = nx.read_gexf(path)
    assert G.nodes[HOSTILE_ID]["label"] == HOSTILE
    assert G.nodes["principle.personcentrering"]["mention_count"] == 6
    e = G.edges["principle.personcentrering", "principle.samverkan"]
    assert (e["type"], e["weight"], e["directed"]) == ("coOccursWith", 6.0, False)
    assert e["sources"] == "region-halland-god-och-nara-vard; skl-omstallning-nara-vard"


# CSV, Cytoscape, DOT details ----------------------------------------------------------------------------

@pytest.mark.parametrize(("out", "nodes", "edges"), [
    ("x/graph.csv", "x/graph.nodes.csv", "x/graph.edges.csv"),
    ("graph.nodes.csv", "graph.nodes.csv", "graph.edges.csv"),
    ("graph.edges.CSV", "graph.nodes.csv", "graph.edges.csv"),
    ("a.b.csv", "a.b.nodes.csv", "a.b.edges.csv"),
])
def test_csv_file_names(out, nodes, edges):
    assert csv_paths(Path(out)) == (Path(nodes), Path(edges))


def test_csv_has_gephi_columns_and_escapes_text(store, tmp_path):
    out = write(store, tmp_path, "csv")
    nodes_path, edges_path = csv_paths(out)
    assert not out.exists()
    header = nodes_path.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("Id,Label,iri,type,kind,source_count,mention_count,sources,degree")
    assert edges_path.read_text(encoding="utf-8").splitlines()[0].startswith("Source,Target,Type,Id,Label,Weight")
    rows = list(csv.DictReader(io.StringIO(nodes_path.read_text(encoding="utf-8"))))
    assert next(r for r in rows if r["Id"] == HOSTILE_ID)["Label"] == HOSTILE


def test_cytoscape_json_has_elements_positions_and_interactions(store, graph, tmp_path):
    data = json.loads(write(store, tmp_path, "cyjs").read_text(encoding="utf-8"))
    assert len(data["elements"]["nodes"]) == graph.number_of_nodes()
    node = next(n for n in data["elements"]["nodes"] if n["data"]["id"] == "principle.personcentrering")
    assert node["data"]["name"] == "Personcentrering" and set(node["position"]) == {"x", "y"}
    assert node["data"]["sources"] == list(graph.nodes["principle.personcentrering"]["sources"])
    edge = data["elements"]["edges"][0]["data"]
    assert {"id", "source", "target", "interaction", "weight", "sources"} <= set(edge)


def test_dot_renders_symmetric_relations_without_arrows(store, tmp_path):
    text = write(store, tmp_path, "dot").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if '"principle.personcentrering" -> "principle.samverkan"' in x)
    assert "dir=none" in line
    assert 'label="<script>alert(\\"x\\")</script> & Co"' in text


# Resolving the format -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("out", "name", "expected"), [
    ("g.graphml", None, "graphml"), ("g.gexf", None, "gexf"), ("g.cyjs", None, "cyjs"), ("g.json", None, "json"),
    ("g.CSV", None, "csv"), ("g.gv", None, "dot"), ("g.svg", None, "svg"), ("g.png", None, "png"),
    ("g.htm", None, "html"), ("g.xml", "yed", "graphml"), ("g.xml", "gephi", "gexf"), ("g", "cytoscape", "cyjs"),
])
def test_format_from_extension_or_name(out, name, expected):
    assert format_for(Path(out), name).name == expected


def test_unknown_extension_names_the_file_and_lists_formats():
    with pytest.raises(ExportError) as err:
        format_for(Path("graph.xyz"))
    assert str(err.value) == "graph.xyz: cannot tell the export format from the extension '.xyz'"
    assert "gexf" in err.value.hint and "graphml" in err.value.hint
