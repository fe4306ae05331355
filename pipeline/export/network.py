"""Network formats: a view of the graph written for Gephi, Cytoscape, yEd, spreadsheets, D3 and reports.

    graphml  GraphML with typed keys (yEd, Cytoscape, Gephi)
    gexf     GEXF 1.3 with colours, sizes and positions by type (Gephi)
    cyjs     Cytoscape.js JSON, as Cytoscape desktop imports and exports it
    json     node-link JSON (D3's force layout reads ``nodes`` and ``links``)
    csv      two files, ``NAME.nodes.csv`` and ``NAME.edges.csv`` (Gephi's spreadsheet import, Kumu, Excel)
    dot      Graphviz DOT
    svg/png  a drawing for reports (matplotlib)
    html     one self-contained interactive page that works offline

Every format writes the view named by ``ExportOptions.view`` (see :mod:`views`), nodes and edges in
sorted order, so two exports of the same store are identical. Symmetric relations (co-occurrence,
collaboration) are written once, from the smaller node id to the larger, with ``directed`` false:
files are directed graphs, since networkx and several readers refuse graphs that mix both kinds.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
from lxml import etree

from ..errors import ExportError
from . import style
from .base import ExportOptions, Format, register_format
from .views import build_view

SEPARATOR = "; "  # joins lists (sources) in formats whose attributes are scalars
NODE_FIELDS = (("label", "string"), ("iri", "string"), ("type", "string"), ("kind", "string"),
               ("source_count", "int"), ("mention_count", "int"), ("sources", "string"), ("degree", "int"),
               ("weighted_degree", "double"), ("community", "int"), ("betweenness", "double"),
               ("pagerank", "double"))
EDGE_FIELDS = (("type", "string"), ("weight", "double"), ("sources", "string"), ("source_count", "int"),
               ("directed", "boolean"))
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://gexf.net/1.3"


def scalar(value) -> str | int | float | bool:
    """An attribute value as a scalar: tuples and lists joined with ``SEPARATOR``."""
    return SEPARATOR.join(value) if isinstance(value, list | tuple) else value


def text(value, kind: str) -> str:
    value = scalar(value)
    if kind == "boolean":
        return "true" if value else "false"
    return str(value)


def edges(G: nx.MultiDiGraph):
    """(index, source, target, attributes) in the view's sorted order."""
    for i, (u, v, data) in enumerate(G.edges(data=True)):
        yield i, u, v, data


def _write_bytes(out: Path, data: bytes) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as exc:
        raise ExportError(f"{out}: cannot write the export: {exc.strerror or exc}",
                          hint="check that the directory is writable and the disk not full", subject=str(out)) from exc


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# GraphML -------------------------------------------------------------------------------------------

def graphml_bytes(G: nx.MultiDiGraph) -> bytes:
    types = {"string": "string", "int": "int", "double": "double", "boolean": "boolean"}
    root = etree.Element(f"{{{GRAPHML_NS}}}graphml", nsmap={None: GRAPHML_NS})
    keys = {}
    for scope, fields in (("node", NODE_FIELDS), ("edge", EDGE_FIELDS)):
        for name, kind in fields:
            kid = f"{scope[0]}_{name}"
            keys[(scope, name)] = kid
            etree.SubElement(root, f"{{{GRAPHML_NS}}}key", id=kid, attrib={
                "for": scope, "attr.name": name, "attr.type": types[kind]})
    graph = etree.SubElement(root, f"{{{GRAPHML_NS}}}graph", id=G.graph.get("name", "G"), edgedefault="directed")
    for node, attrs in G.nodes(data=True):
        el = etree.SubElement(graph, f"{{{GRAPHML_NS}}}node", id=node)
        for name, kind in NODE_FIELDS:
            etree.SubElement(el, f"{{{GRAPHML_NS}}}data", key=keys[("node", name)]).text = text(attrs[name], kind)
    for i, u, v, attrs in edges(G):
        el = etree.SubElement(graph, f"{{{GRAPHML_NS}}}edge", id=f"e{i}", source=u, target=v)
        for name, kind in EDGE_FIELDS:
            etree.SubElement(el, f"{{{GRAPHML_NS}}}data", key=keys[("edge", name)]).text = text(attrs[name], kind)
    return _xml(root)


# GEXF 1.3 ------------------------------------------------------------------------------------------

def gexf_bytes(G: nx.MultiDiGraph, positions: dict[str, tuple[float, float]] | None = None) -> bytes:
    """GEXF 1.3. Colour, size and position are written in the GEXF namespace, as the published 1.3
    schema defines them (Gephi reads them by local name, whatever their namespace)."""
    types = {"string": "string", "int": "integer", "double": "double", "boolean": "boolean"}
    q = f"{{{GEXF_NS}}}"
    root = etree.Element(q + "gexf", nsmap={None: GEXF_NS}, version="1.3")
    meta = etree.SubElement(root, q + "meta")
    etree.SubElement(meta, q + "creator").text = "naravard"
    etree.SubElement(meta, q + "description").text = f"naravard network view: {G.graph.get('view', '')}"
    graph = etree.SubElement(root, q + "graph", defaultedgetype="directed", mode="static")
    for scope, fields in (("node", NODE_FIELDS), ("edge", EDGE_FIELDS)):
        attributes = etree.SubElement(graph, q + "attributes", attrib={"class": scope, "mode": "static"})
        for i, (name, kind) in enumerate(fields):
            etree.SubElement(attributes, q + "attribute", id=f"{scope[0]}{i}", title=name, type=types[kind])
    nodes = etree.SubElement(graph, q + "nodes", count=str(G.number_of_nodes()))
    for node, attrs in G.nodes(data=True):
        el = etree.SubElement(nodes, q + "node", id=node, label=" ".join(str(attrs["label"]).split()))
        _attvalues(el, "n", NODE_FIELDS, attrs)
        r, g, b = style.rgb(attrs["type"])
        etree.SubElement(el, q + "color", r=str(r), g=str(g), b=str(b), a="1.0")
        etree.SubElement(el, q + "size", value=str(style.node_size(attrs["mention_count"])))
        if positions and node in positions:
            x, y = positions[node]
            etree.SubElement(el, q + "position", x=f"{x * 500:.2f}", y=f"{y * 500:.2f}", z="0.0")
    edges_el = etree.SubElement(graph, q + "edges", count=str(G.number_of_edges()))
    for i, u, v, attrs in edges(G):
        el = etree.SubElement(edges_el, q + "edge", id=f"e{i}", source=u, target=v, label=attrs["type"],
                              kind=attrs["type"], weight=repr(float(attrs["weight"])))
        _attvalues(el, "e", EDGE_FIELDS, attrs)
    return _xml(root)


def _attvalues(el, prefix: str, fields, attrs: dict) -> None:
    values = etree.SubElement(el, f"{{{GEXF_NS}}}attvalues")
    for i, (name, kind) in enumerate(fields):
        etree.SubElement(values, f"{{{GEXF_NS}}}attvalue", attrib={"for": f"{prefix}{i}", "value": text(attrs[name], kind)})


# JSON: Cytoscape.js and node-link ------------------------------------------------------------------

def cyjs_data(G: nx.MultiDiGraph, positions: dict[str, tuple[float, float]] | None = None) -> dict:
    nodes = []
    for node, attrs in G.nodes(data=True):
        data = {"id": node, "name": attrs["label"], "value": node}
        data.update({k: (list(v) if isinstance(v, tuple) else v) for k, v in attrs.items() if k != "label"})
        data["label"], data["colour"] = attrs["label"], style.colour(attrs["type"])
        entry = {"data": data}
        if positions and node in positions:
            x, y = positions[node]
            entry["position"] = {"x": round(x * 500, 2), "y": round(y * 500, 2)}
        nodes.append(entry)
    edge_list = []
    for i, u, v, attrs in edges(G):
        data = {"id": f"e{i}", "source": u, "target": v, "key": attrs["type"], "interaction": attrs["type"],
                "name": f"{u} ({attrs['type']}) {v}"}
        data.update({k: (list(val) if isinstance(val, tuple) else val) for k, val in attrs.items()})
        edge_list.append({"data": data})
    return {"format_version": "1.0", "generated_by": "naravard", "target_cytoscapejs_version": "~3.2",
            "data": {"name": G.graph.get("name", ""), "view": G.graph.get("view", "")},
            "directed": True, "multigraph": True, "elements": {"nodes": nodes, "edges": edge_list}}


def node_link_data(G: nx.MultiDiGraph) -> dict:
    def plain(attrs: dict) -> dict:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in attrs.items()}

    return {"directed": True, "multigraph": True,
            "graph": {"name": G.graph.get("name", ""), "view": G.graph.get("view", "")},
            "nodes": [{"id": n, **plain(a)} for n, a in G.nodes(data=True)],
            "links": [{"source": u, "target": v, "key": a["type"], **plain(a)} for _, u, v, a in edges(G)]}


def _json_bytes(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# CSV -----------------------------------------------------------------------------------------------

def csv_paths(out: Path) -> tuple[Path, Path]:
    """``x.csv`` -> ``x.nodes.csv`` and ``x.edges.csv`` (also from ``x.nodes.csv`` or ``x.edges.csv``)."""
    name = out.name[: -len(".csv")] if out.name.lower().endswith(".csv") else out.name
    for part in (".nodes", ".edges"):
        if name.lower().endswith(part):
            name = name[: -len(part)]
    return out.with_name(f"{name}.nodes.csv"), out.with_name(f"{name}.edges.csv")


def csv_tables(G: nx.MultiDiGraph) -> tuple[list[list], list[list]]:
    """Rows with Gephi's column names first (Id, Label; Source, Target, Type, Id, Label, Weight)."""
    node_rows = [["Id", "Label"] + [f for f, _ in NODE_FIELDS if f != "label"]]
    for node, attrs in G.nodes(data=True):
        node_rows.append([node, attrs["label"]] + [scalar(attrs[f]) for f, _ in NODE_FIELDS if f != "label"])
    extra = [f for f, _ in EDGE_FIELDS if f not in ("type", "weight", "directed")]
    edge_rows = [["Source", "Target", "Type", "Id", "Label", "Weight", "relation", "directed"] + extra]
    for i, u, v, attrs in edges(G):
        edge_rows.append([u, v, "Directed", f"e{i}", attrs["type"], attrs["weight"], attrs["type"],
                          text(attrs["directed"], "boolean")] + [scalar(attrs[f]) for f in extra])
    return node_rows, edge_rows


def _csv_bytes(rows: list[list]) -> bytes:
    import io

    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


# DOT -----------------------------------------------------------------------------------------------

def dot_quote(value) -> str:
    """A DOT double-quoted string; backslashes doubled so labels show literally, newlines as spaces."""
    s = str(scalar(value)).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + " ".join(s.splitlines()) + '"'


def dot_text(G: nx.MultiDiGraph) -> str:
    lines = [f"digraph {dot_quote(G.graph.get('name', 'naravard'))} {{",
             '  graph [overlap=false, splines=true, fontname="DejaVu Sans"];',
             '  node [shape=ellipse, style=filled, fontname="DejaVu Sans", fontcolor=white];',
             '  edge [color="#00000066"];']
    for node, attrs in G.nodes(data=True):
        parts = [f"{name}={dot_quote(attrs[name])}" for name, _ in NODE_FIELDS]
        parts.append(f"fillcolor={dot_quote(style.colour(attrs['type']))}")
        lines.append(f"  {dot_quote(node)} [{', '.join(parts)}];")
    for i, u, v, attrs in edges(G):
        parts = [f"id={dot_quote(f'e{i}')}", f"key={dot_quote(attrs['type'])}"]
        parts += [f"{name}={dot_quote(text(attrs[name], kind))}" for name, kind in EDGE_FIELDS]
        if not attrs["directed"]:
            parts.append("dir=none")
        lines.append(f"  {dot_quote(u)} -> {dot_quote(v)} [{', '.join(parts)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# Writers -------------------------------------------------------------------------------------------

def _positions(G: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    from .drawing import layout

    return layout(G)


def write_graphml(store, out: Path, options: ExportOptions) -> None:
    _write_bytes(out, graphml_bytes(build_view(store, options, quotes=False)))


def write_gexf(store, out: Path, options: ExportOptions) -> None:
    G = build_view(store, options, quotes=False)
    _write_bytes(out, gexf_bytes(G, _positions(G)))


def write_cyjs(store, out: Path, options: ExportOptions) -> None:
    G = build_view(store, options, quotes=False)
    _write_bytes(out, _json_bytes(cyjs_data(G, _positions(G))))


def write_node_link(store, out: Path, options: ExportOptions) -> None:
    _write_bytes(out, _json_bytes(node_link_data(build_view(store, options, quotes=False))))


def write_csv(store, out: Path, options: ExportOptions) -> None:
    node_rows, edge_rows = csv_tables(build_view(store, options, quotes=False))
    nodes_path, edges_path = csv_paths(out)
    _write_bytes(nodes_path, _csv_bytes(node_rows))
    _write_bytes(edges_path, _csv_bytes(edge_rows))


def write_dot(store, out: Path, options: ExportOptions) -> None:
    _write_bytes(out, dot_text(build_view(store, options, quotes=False)).encode("utf-8"))


def write_svg(store, out: Path, options: ExportOptions) -> None:
    from .drawing import draw

    _write_bytes(out, draw(build_view(store, options, quotes=False), "svg"))


def write_png(store, out: Path, options: ExportOptions) -> None:
    from .drawing import draw

    _write_bytes(out, draw(build_view(store, options, quotes=False), "png"))


def write_html(store, out: Path, options: ExportOptions) -> None:
    from .html_page import render

    G = build_view(store, options)  # the page shows quotes
    _write_bytes(out, render(G, _positions(G)).encode("utf-8"))


FORMATS = (
    Format("graphml", (".graphml",), "application/graphml+xml", "network", write_graphml, aliases=("yed",)),
    Format("gexf", (".gexf",), "application/gexf+xml", "network", write_gexf, aliases=("gephi",)),
    Format("cyjs", (".cyjs",), "application/json", "network", write_cyjs, aliases=("cytoscape",)),
    Format("json", (".json",), "application/json", "network", write_node_link, aliases=("node-link", "d3")),
    Format("csv", (".csv",), "text/csv", "network", write_csv, aliases=("spreadsheet",)),
    Format("dot", (".dot", ".gv"), "text/vnd.graphviz", "network", write_dot, aliases=("graphviz",)),
    Format("svg", (".svg",), "image/svg+xml", "network", write_svg),
    Format("png", (".png",), "image/png", "network", write_png),
    Format("html", (".html", ".htm"), "text/html", "network", write_html, aliases=("page",)),
)
for _fmt in FORMATS:
    register_format(_fmt)
