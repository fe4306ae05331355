"""Network views: projections of the RDF graph into networkx graphs for the network formats.

    concepts          every concept type as nodes; extracted relations as typed edges; co-occurrence
                      edges weighted by their count (alias: concept, network)
    document-concept  bipartite: documents and the concepts they mention, weighted by mentions
                      (aliases: documents, bipartite)
    actor-principle   actors and principles: co-occurrence and other relations between them, and
                      "emphasises" from the actor that publishes a source to the principles it mentions
    actor-region      actors and places: locatedIn, responsibleFor, co-occurrence, ...
    citations         documents and reports: which documents mention (cite) which reports, and
                      reports citing reports (alias: reports)

Each view is ``fn(store, options) -> nx.MultiDiGraph`` registered under kind ``view``. Nodes are keyed
by a short, stable id (valid as an XML NMTOKEN, so GraphML accepts it) derived from the IRI; node
attributes: label, iri, type, kind, source_count, mention_count, sources, then the measures of
:mod:`metrics`. Edges are keyed by their type; attributes: type, weight, sources, source_count,
directed (False for symmetric relations such as co-occurrence). Nodes and edges are inserted in
sorted order so every writer produces identical files on identical input.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from .. import registry
from ..errors import ExportError
from ..settings import DEFAULT_BASE_IRI
from ..types import CONCEPT_TYPES
from . import metrics
from .base import ExportOptions
from .graphdata import GraphData, read_graph_data, read_quotes, select_sources

SYMMETRIC = {"coOccursWith", "collaboratesWith"}
QUOTES_PER_NODE = 3
NODE_TYPES = CONCEPT_TYPES + ("document",)


@dataclass
class _Builder:
    """Nodes and aggregated edges of a view before filtering; keyed by IRI."""

    data: GraphData
    nodes: dict[str, dict] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], dict] = field(default_factory=dict)

    def concept(self, iri: str) -> None:
        if iri in self.nodes:
            return
        info = self.data.concepts[iri]
        self.nodes[iri] = {"label": info.label, "iri": iri, "type": info.type, "kind": info.kind or ""}

    def document(self, iri: str) -> None:
        if iri not in self.nodes:
            doc = self.data.documents.get(iri)
            source = doc.source if doc else ""
            self.nodes[iri] = {"label": doc.title if doc else iri, "iri": iri, "type": "document", "kind": "",
                               "fixed_sources": (source,) if source else ()}

    def edge(self, u: str, v: str, etype: str, weight: float, source: str | None) -> None:
        directed = etype not in SYMMETRIC
        if not directed and v < u:
            u, v = v, u
        e = self.edges.setdefault((u, v, etype), {"weight": 0.0, "sources": set(), "directed": directed})
        e["weight"] += weight
        if source:
            e["sources"].add(source)


def node_id(iri: str) -> str:
    """A short readable id: ``{base}concept/principle/personcentrering`` -> ``principle.personcentrering``."""
    rest = iri.split("/concept/", 1)[1] if "/concept/" in iri else iri.removeprefix(DEFAULT_BASE_IRI)
    rest = re.sub(r"^[a-z]+://", "", rest)
    return re.sub(r"[^A-Za-z0-9._-]", "_", rest.replace("/", ".")).strip("._") or "node"


def _usage_stats(data: GraphData) -> dict[str, tuple[int, tuple[str, ...]]]:
    mentions: dict[str, int] = defaultdict(int)
    sources: dict[str, set[str]] = defaultdict(set)
    for u in data.usages:
        mentions[u.concept] += u.mentions
        mentions[u.document] += u.mentions
        sources[u.concept].add(u.source)
    return {k: (mentions[k], tuple(sorted(sources[k]))) for k in mentions}


def _check_types(types: tuple[str, ...]) -> set[str]:
    unknown = [t for t in types if t not in NODE_TYPES]
    if unknown:
        raise ExportError(f"unknown concept type {unknown[0]!r} for --type",
                          hint=f"choose from: {', '.join(NODE_TYPES)}", subject=unknown[0])
    return set(types)


def finish(b: _Builder, options: ExportOptions, name: str, *, keep_isolates: bool) -> nx.MultiDiGraph:
    """Filter by type and weight, give nodes their ids and attributes, compute the measures."""
    types = _check_types(options.types)
    keep = {iri for iri, n in b.nodes.items() if not types or n["type"] in types or n["type"] == "document"}
    edges = {k: e for k, e in b.edges.items()
             if k[0] in keep and k[1] in keep and e["weight"] >= options.min_weight}
    if not keep_isolates or options.min_weight > 0:
        linked = {k[0] for k in edges} | {k[1] for k in edges}
        keep = {iri for iri in keep if iri in linked}
    stats = _usage_stats(b.data)
    ids = _assign_ids(sorted(keep))
    G = nx.MultiDiGraph(name=name, view=name)
    for iri in sorted(keep, key=ids.get):
        attrs = dict(b.nodes[iri])
        mentions, sources = stats.get(iri, (0, ()))
        sources = attrs.pop("fixed_sources", None) or sources
        attrs.update(source_count=len(sources), mention_count=mentions, sources=sources)
        G.add_node(ids[iri], **attrs)
    for (u, v, etype), e in sorted(edges.items(), key=lambda kv: (ids[kv[0][0]], ids[kv[0][1]], kv[0][2])):
        sources = tuple(sorted(e["sources"]))
        G.add_edge(ids[u], ids[v], key=etype, type=etype, weight=round(e["weight"], 6), sources=sources,
                   source_count=len(sources), directed=e["directed"])
    metrics.annotate(G)
    G.graph["quotes"] = _quotes(b.data.quotes, ids, _per_node(options))
    G.graph["source_titles"] = {s.id: s.title or s.id for s in sorted(b.data.sources.values(), key=lambda s: s.id)}
    return G


def _space(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _per_node(options: ExportOptions) -> int:
    return int(options.extra.get("quotes_per_node", QUOTES_PER_NODE))


def _quotes(quotes, ids: dict[str, str], per_node: int) -> dict[str, list[dict[str, str]]]:
    """Up to ``per_node`` quotes per concept node, taken from as many different sources as possible."""
    by_concept: dict[str, dict[str, list[tuple[str, str, str]]]] = defaultdict(lambda: defaultdict(list))
    for q in quotes:  # sorted, so the choice is stable
        quote = (_space(q.prefix), _space(q.exact), _space(q.suffix))
        if q.concept in ids and quote not in by_concept[q.concept][q.source]:
            by_concept[q.concept][q.source].append(quote)
    out = {}
    for iri, per_source in sorted(by_concept.items()):
        picked: list[dict[str, str]] = []
        queues = [(src, list(quotes)) for src, quotes in sorted(per_source.items())]
        while len(picked) < per_node and any(quotes for _, quotes in queues):
            for src, quotes in queues:
                if quotes and len(picked) < per_node:
                    prefix, exact, suffix = quotes.pop(0)
                    picked.append({"source": src, "prefix": prefix, "exact": exact, "suffix": suffix})
        out[ids[iri]] = picked
    return out


def _assign_ids(iris: list[str]) -> dict[str, str]:
    ids: dict[str, str] = {}
    used: set[str] = set()
    for iri in iris:
        base = candidate = node_id(iri)
        n = 2
        while candidate in used:
            candidate, n = f"{base}_{n}", n + 1
        used.add(candidate)
        ids[iri] = candidate
    return ids


def _relevant(data: GraphData):
    """The statements of the selected sources, and background ones between concepts those sources mention."""
    mentioned = {u.concept for u in data.usages}
    return [st for st in data.statements
            if st.source is not None or (st.subject in mentioned and st.object in mentioned)]


def _statements(b: _Builder, types_a: set[str], types_b: set[str] | None = None) -> None:
    """Add the relations whose ends have the given types (one end in each set, if two sets)."""
    concepts = b.data.concepts
    for st in _relevant(b.data):
        ta, tb = concepts[st.subject].type, concepts[st.object].type
        ok = (ta in types_a and tb in types_a) if types_b is None else \
            (ta in types_a and tb in types_b) or (ta in types_b and tb in types_a)
        if ok:
            b.concept(st.subject)
            b.concept(st.object)
            b.edge(st.subject, st.object, st.predicate, st.weight, st.source)


def concept_network(data: GraphData, options: ExportOptions) -> nx.MultiDiGraph:
    b = _Builder(data)
    for u in data.usages:
        b.concept(u.concept)
    for st in _relevant(data):
        b.concept(st.subject)
        b.concept(st.object)
        b.edge(st.subject, st.object, st.predicate, st.weight, st.source)
    return finish(b, options, "concepts", keep_isolates=True)


def document_concept(data: GraphData, options: ExportOptions) -> nx.MultiDiGraph:
    b = _Builder(data)
    for u in data.usages:
        b.document(u.document)
        b.concept(u.concept)
        b.edge(u.document, u.concept, "mentions", u.mentions, u.source)
    return finish(b, options, "document-concept", keep_isolates=True)


def actor_principle(data: GraphData, options: ExportOptions) -> nx.MultiDiGraph:
    b = _Builder(data)
    _statements(b, {"actor"}, {"principle"})
    for u in data.usages:
        source = data.sources.get(u.source)
        publisher = source.publisher if source else None
        if publisher in data.concepts and data.concepts[publisher].type == "actor" \
                and data.concepts[u.concept].type == "principle":
            b.concept(publisher)
            b.concept(u.concept)
            b.edge(publisher, u.concept, "emphasises", u.mentions, u.source)
    return finish(b, options, "actor-principle", keep_isolates=False)


def actor_region(data: GraphData, options: ExportOptions) -> nx.MultiDiGraph:
    b = _Builder(data)
    _statements(b, {"actor"}, {"region"})
    return finish(b, options, "actor-region", keep_isolates=False)


def citations(data: GraphData, options: ExportOptions) -> nx.MultiDiGraph:
    b = _Builder(data)
    for u in data.usages:
        if data.concepts[u.concept].type == "report":
            b.document(u.document)
            b.concept(u.concept)
            b.edge(u.document, u.concept, "cites", u.mentions, u.source)
    for st in _relevant(data):
        if st.predicate == "cites" and data.concepts[st.object].type == "report":
            b.concept(st.subject)
            b.concept(st.object)
            b.edge(st.subject, st.object, "cites", st.weight, st.source)
    return finish(b, options, "citations", keep_isolates=False)


PROJECTIONS = {
    "concepts": (concept_network, ("concept", "network")),
    "document-concept": (document_concept, ("documents", "bipartite", "document_concept")),
    "actor-principle": (actor_principle, ("actor_principle", "actors-principles")),
    "actor-region": (actor_region, ("actor_region", "actors-regions")),
    "citations": (citations, ("reports", "report-citations")),
}


def _view(projection):
    def view(store, options: ExportOptions | None = None, *, quotes: bool = True) -> nx.MultiDiGraph:
        options = options or ExportOptions()
        data = select_sources(read_graph_data(store, quotes=False), options.sources, options.region)
        G = projection(data, options)
        if quotes:  # read once the nodes are known, and only as many as the nodes can show
            ids = {attrs["iri"]: node for node, attrs in G.nodes(data=True)}
            concepts = {iri for iri in ids if iri in data.concepts}
            G.graph["quotes"] = _quotes(read_quotes(store, data, concepts, _per_node(options)), ids, _per_node(options))
        return G

    view.__name__ = projection.__name__
    view.__doc__ = f"Read the store and build the {projection.__name__.replace('_', '-')} view."
    view.projection = projection
    return view


for _name, (_fn, _aliases) in PROJECTIONS.items():
    registry.register("view", _name, _view(_fn), aliases=_aliases)


def build_view(store, options: ExportOptions, *, quotes: bool = True) -> nx.MultiDiGraph:
    """The view named by ``options.view``, built from ``store`` with the options' filters.

    ``quotes=False`` skips reading the mention quotes (``G.graph["quotes"]`` is then empty): the
    formats other than the HTML page do not write them."""
    view = registry.lookup("view", options.view)
    if view is None:
        raise ExportError(f"unknown view {options.view!r} for --view",
                          hint=f"choose one of: {', '.join(registry.names('view'))}", subject=options.view)
    return view(store, options, quotes=quotes)
