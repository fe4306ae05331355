"""Compact JSON-LD with a context, written directly from triples or quads.

The context declares the prefixes of :data:`pipeline.vocab.PREFIXES` plus ``nv`` for the data base
IRI; keys, ``@type`` values and ``@id`` values are compacted with them. Each subject becomes one node
object (subjects and properties sorted, so the output is stable); a dataset becomes one
``{"@id": graph, "@graph": […]}`` entry per named graph. The writer works on sorted input in one
pass, so it does not build an in-memory RDF graph.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

import pyoxigraph as ox

from ..vocab import PREFIXES, XSD

XSD_STRING = str(XSD.string)


def context(base: str) -> dict[str, str]:
    return {"nv": base, **PREFIXES}


def write_jsonld(statements: Iterable[ox.Quad | ox.Triple], out: TextIO, base: str) -> None:
    """Write triples (one graph) or quads (a dataset) as compact JSON-LD."""
    ctx = context(base)
    prefixes = sorted(ctx.items(), key=lambda kv: -len(kv[1]))
    by_graph: dict[str | None, dict[str, dict[str, list]]] = {}
    for st in statements:
        g = st.graph_name.value if isinstance(st, ox.Quad) and isinstance(st.graph_name, ox.NamedNode) else None
        node = by_graph.setdefault(g, {}).setdefault(_ref(st.subject), {})
        node.setdefault(st.predicate.value, []).append(st.object)
    graphs = []
    for g in sorted(by_graph, key=lambda x: (x is not None, x or "")):
        nodes = [_node(s, props, prefixes) for s, props in sorted(by_graph[g].items())]
        graphs.append(nodes if g is None else {"@id": _compact(g, prefixes), "@graph": nodes})
    if list(by_graph) in ([None], []):
        body = graphs[0] if graphs else []
    else:  # default-graph nodes (if any) sit beside the named graphs
        body = [n for entry in graphs for n in (entry if isinstance(entry, list) else [entry])]
    json.dump({"@context": ctx, "@graph": body}, out, ensure_ascii=False, indent=1)
    out.write("\n")


def _ref(term) -> str:
    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"


def _node(subject: str, props: dict[str, list], prefixes) -> dict:
    node: dict = {"@id": subject if subject.startswith("_:") else _compact(subject, prefixes)}
    types = sorted(_compact(o.value, prefixes) for o in props.pop(_RDF_TYPE, []) if isinstance(o, ox.NamedNode))
    if types:
        node["@type"] = types
    for p in sorted(props):
        node[_compact(p, prefixes)] = [_value(o, prefixes) for o in sorted(props[p], key=str)]
    return node


def _value(term, prefixes) -> dict | str:
    if isinstance(term, ox.NamedNode):
        return {"@id": _compact(term.value, prefixes)}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == XSD_STRING:
        return term.value
    return {"@value": term.value, "@type": _compact(term.datatype.value, prefixes)}


def _compact(iri: str, prefixes) -> str:
    for prefix, ns in prefixes:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
