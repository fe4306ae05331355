"""What the network views need from the store, read with a handful of SPARQL queries.

The views never touch RDF themselves: :func:`read_graph_data` turns the store into plain records
(concepts, sources, documents, per-source mention counts, relation statements, quotes) and
:func:`select_sources` applies the source and region filters to them. Adapting the exports to a
change in the graph model means changing the queries here and nothing else.

The model read (``ontology/naravard.ttl``, written by :mod:`pipeline.graph.build`): concepts are
``skos:Concept`` with an ``nvo:`` type class, ``skos:prefLabel`` and ``nvo:kind``; each source has its
own named graph with its ``nvo:Source`` (``dct:publisher``, ``dct:spatial``), its ``nvo:Document``
snapshot, one ``nvo:Occurrence`` per mentioned concept (``nvo:mentionCount``), the Web Annotations of
its mentions (a ``oa:TextQuoteSelector`` with exact, prefix and suffix) and the relations it states,
as direct ``nvo:`` triples plus a reified statement (``rdf:subject``, ``rdf:predicate``,
``rdf:object``, read whatever its class, e.g. ``nvo:CoOccurrence``) with ``nvo:evidenceCount``. The thesaurus and
gazetteer live in the ontology graph; relations found there are background knowledge (no source).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from .. import iri as iris
from ..errors import ExportError, StoreError
from ..vocab import CLASS_TYPE, NVO_NS, SYMMETRIC_PREDICATES, sparql_prologue

NVO = NVO_NS
PREFIXES = sparql_prologue()

CLASS_TYPES = {cls[len(NVO):]: t for cls, t in CLASS_TYPE.items()}  # "Principle" -> "principle"
SEGMENT_TYPES = {seg: t for t, seg in iris.TYPE_SEGMENT.items()}
# nvo: properties between IRIs that are not relations between concepts
NOT_RELATIONS = {"mentions", "document", "concept", "evidence", "run", "source", "snapshot"}

# The queries follow ontology/README.md "Fast queries": each one starts from a selective pattern so
# Oxigraph looks rows up instead of scanning every quad, and OPTIONALs sit outside GRAPH.
Q_CONCEPT_IRIS = PREFIXES + """SELECT DISTINCT ?c WHERE { GRAPH ?g { ?c a skos:Concept } }"""
Q_CONCEPT_CLASSES = PREFIXES + """SELECT DISTINCT ?c ?o WHERE {
  VALUES ?c { %s }
  GRAPH ?g { ?c a ?o }
}"""
Q_CONCEPT_NAMES = PREFIXES + """SELECT DISTINCT ?c ?p ?o WHERE {
  VALUES ?p { skos:prefLabel nvo:kind }
  GRAPH ?g { ?c ?p ?o }
}"""
Q_SOURCES = PREFIXES + """SELECT ?g ?src ?id ?title ?publisher ?spatial WHERE { GRAPH ?g {
  ?src a nvo:Source .
  OPTIONAL { ?src dct:identifier ?id }
  OPTIONAL { ?src dct:title ?title }
  OPTIONAL { ?src dct:publisher ?publisher }
  OPTIONAL { ?src dct:spatial ?spatial }
} }"""
Q_DOCUMENTS = PREFIXES + """SELECT ?g ?d ?title WHERE { GRAPH ?g {
  ?d a nvo:Document . OPTIONAL { ?d dct:title ?title }
} }"""
Q_OCCURRENCES = PREFIXES + """SELECT ?g ?c ?d ?n WHERE { GRAPH ?g {
  ?occ a nvo:Occurrence ; nvo:concept ?c ; nvo:document ?d ; nvo:mentionCount ?n
} }"""
Q_DOC_LINKS = PREFIXES + """SELECT ?g ?d ?c WHERE { GRAPH ?g { ?d nvo:mentions ?c } }"""
Q_QUOTES = PREFIXES + """SELECT ?g ?c ?exact ?prefix ?suffix WHERE {
  GRAPH ?g {
    ?a a oa:Annotation ; oa:hasBody ?c ; oa:hasTarget ?t . ?t oa:hasSelector ?sel .
    ?sel a oa:TextQuoteSelector ; oa:exact ?exact .
  }
  OPTIONAL { GRAPH ?g { ?sel oa:prefix ?prefix } }
  OPTIONAL { GRAPH ?g { ?sel oa:suffix ?suffix } }
}"""
Q_RELATIONS = PREFIXES + f"""SELECT ?g ?s ?p ?o WHERE {{
  VALUES ?s {{ %s }}
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER(STRSTARTS(STR(?p), "{NVO}") && isIRI(?o))
}}"""
Q_EVIDENCE = PREFIXES + """SELECT ?g ?s ?p ?o ?n WHERE {
  GRAPH ?g { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }
  OPTIONAL { GRAPH ?g { ?st nvo:evidenceCount ?n } }
}"""
Q_QUOTED = PREFIXES + """SELECT DISTINCT ?g ?c WHERE { GRAPH ?g { ?a oa:hasBody ?c } }"""
Q_QUOTES_OF = PREFIXES + """SELECT ?g ?c ?exact ?prefix ?suffix WHERE {
  VALUES (?g ?c) { %s }
  GRAPH ?g {
    ?a oa:hasBody ?c ; a oa:Annotation ; oa:hasTarget ?t . ?t oa:hasSelector ?sel .
    ?sel a oa:TextQuoteSelector ; oa:exact ?exact .
  }
  OPTIONAL { GRAPH ?g { ?sel oa:prefix ?prefix } }
  OPTIONAL { GRAPH ?g { ?sel oa:suffix ?suffix } }
}"""
VALUES_BATCH = 400  # IRIs per VALUES block: keeps each query text small


@dataclass(frozen=True, slots=True)
class ConceptInfo:
    iri: str
    type: str
    label: str
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class SourceInfo:
    id: str
    graph: str
    iri: str | None = None
    title: str | None = None
    publisher: str | None = None  # IRI of the publishing actor, if known
    region: str | None = None  # label of the source's region
    region_iri: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    iri: str
    source: str
    title: str


@dataclass(frozen=True, slots=True)
class Usage:
    """How often one document (of one source) mentions one concept."""

    concept: str
    source: str
    document: str
    mentions: int


@dataclass(frozen=True, slots=True)
class Statement:
    """A relation between two concepts as one source states it (``source`` None: background knowledge)."""

    subject: str
    predicate: str  # local name, e.g. "publishes", "coOccursWith"
    object: str
    source: str | None
    weight: float = 1.0


@dataclass(frozen=True, slots=True, order=True)
class Quote:
    """A mention's quote: the exact words with a little context either side."""

    concept: str
    source: str
    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class GraphData:
    concepts: dict[str, ConceptInfo]
    sources: dict[str, SourceInfo]
    documents: dict[str, DocumentInfo]
    usages: tuple[Usage, ...]
    statements: tuple[Statement, ...]
    quotes: tuple[Quote, ...]
    graphs: dict[str, str] = field(default_factory=dict)  # named graph -> source id, for reading quotes later


def _v(row: dict, key: str) -> str | None:
    term = row.get(key)
    return None if term is None else term.value


def _select(store, query: str) -> list[dict]:
    try:
        return store.select(query)
    except StoreError:
        raise
    except Exception as exc:  # translate the store's own errors at this edge
        first = query.splitlines()[len(PREFIXES.splitlines())]
        raise ExportError(f"reading the graph for export failed ({first.strip()} …): {exc}",
                          hint="check the store with `naravard stats`; re-run `naravard ingest` if it is damaged") from exc


def _iri_batches(iris) -> list[str]:
    """``<a> <b> …`` blocks for a VALUES clause, ``VALUES_BATCH`` IRIs each, in sorted order."""
    ordered = sorted(iris)
    return [" ".join(f"<{i}>" for i in ordered[k:k + VALUES_BATCH]) for k in range(0, len(ordered), VALUES_BATCH)]


def read_concepts(store) -> dict[str, ConceptInfo]:
    """Every skos:Concept with its type (from its nvo: class, else its IRI), Swedish label and kind.

    The classes are looked up for the concepts only: every mention annotation and selector has a
    type too, and scanning all of them was most of the export's time on a large store."""
    classes: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    kinds: dict[str, str] = {}
    found = {row["c"].value for row in _select(store, Q_CONCEPT_IRIS)}
    for block in _iri_batches(found):
        for row in _select(store, Q_CONCEPT_CLASSES % block):
            classes[row["c"].value].add(row["o"].value)
    for row in _select(store, Q_CONCEPT_NAMES):
        c, p, o = row["c"].value, row["p"].value, row["o"]
        if p.endswith("prefLabel"):
            labels[c].setdefault(getattr(o, "language", None) or "", o.value)
        else:
            kinds[c] = o.value
    out = {}
    for c, cls in classes.items():
        if "http://www.w3.org/2004/02/skos/core#Concept" not in cls:
            continue
        ctype = _concept_type(c, cls)
        if ctype is None:
            continue
        names = labels.get(c, {})
        label = names.get("sv") or names.get("") or next(iter(sorted(names.values())), None) or c.rsplit("/", 1)[-1]
        out[c] = ConceptInfo(c, ctype, label, kinds.get(c))
    return out


def _concept_type(iri: str, classes: set[str]) -> str | None:
    for cls in sorted(classes):
        if cls.startswith(NVO) and cls[len(NVO):] in CLASS_TYPES:
            return CLASS_TYPES[cls[len(NVO):]]
    parts = iri.split("/concept/", 1)
    if len(parts) == 2 and "/" in parts[1]:
        segment = parts[1].split("/", 1)[0]
        return SEGMENT_TYPES.get(segment, segment.replace("-", "_"))
    return None


def source_id_of_graph(graph: str) -> str:
    """The source id of a named graph ``{base}graph/{id}``."""
    return graph.rstrip("/").rsplit("/", 1)[-1]


def read_sources(store, concepts: dict[str, ConceptInfo]) -> dict[str, SourceInfo]:
    out: dict[str, SourceInfo] = {}
    for row in _select(store, Q_SOURCES):
        graph = _v(row, "g")
        sid = _v(row, "id") or source_id_of_graph(graph)
        spatial = _v(row, "spatial")
        region = _v(row, "region") or (concepts[spatial].label if spatial in concepts else None)
        out[sid] = SourceInfo(sid, graph, _v(row, "src"), _v(row, "title"), _v(row, "publisher"), region, spatial)
    return out


def read_graph_data(store, *, quotes: bool = True) -> GraphData:
    """Everything the views need, read once from ``store`` (anything with ``select(sparql)``).

    ``quotes=False`` leaves the mention quotes out: only the HTML page shows them, and reading every
    mention's text is the largest single query on a big store."""
    concepts = read_concepts(store)
    sources = read_sources(store, concepts)
    doc_rows, occurrence_rows = _select(store, Q_DOCUMENTS), _select(store, Q_OCCURRENCES)
    # A source graph describes an nvo:Source, or at least holds documents or occurrences.
    by_graph = {s.graph: s.id for s in sources.values()}
    for row in doc_rows + occurrence_rows:
        by_graph.setdefault(_v(row, "g"), source_id_of_graph(_v(row, "g")))

    def sid(row: dict) -> str | None:
        return by_graph.get(_v(row, "g"))

    documents = {_v(r, "d"): DocumentInfo(_v(r, "d"), sid(r), _v(r, "title") or sid(r)) for r in doc_rows}
    first_doc: dict[str, str] = {}
    for doc in sorted(documents.values(), key=lambda d: d.iri):
        first_doc.setdefault(doc.source, doc.iri)
    counts: dict[tuple[str, str, str], int] = {}
    for row in occurrence_rows:
        s = sid(row)
        doc = _v(row, "d") or first_doc.get(s) or (sources[s].iri if s in sources else s)
        key = (_v(row, "c"), s, doc)
        counts[key] = counts.get(key, 0) + int(row["n"].value)
    for row in _select(store, Q_DOC_LINKS):  # a document linked to a concept without annotations
        if sid(row) is not None:
            counts.setdefault((_v(row, "c"), sid(row), _v(row, "d")), 1)
    usages = tuple(Usage(c, s, d, n) for (c, s, d), n in sorted(counts.items()) if c in concepts)
    quoted = tuple(sorted(Quote(_v(r, "c"), sid(r), _v(r, "exact"), _v(r, "prefix") or "", _v(r, "suffix") or "")
                          for r in _select(store, Q_QUOTES) if sid(r) is not None)) if quotes else ()
    return GraphData(concepts, sources, documents, usages, _read_statements(store, concepts, sid), quoted, by_graph)


def read_quotes(store, data: GraphData, concepts, per_concept: int) -> tuple[Quote, ...]:
    """The quotes of ``concepts`` from their first ``per_concept`` sources (by source id) that have any.

    That is every quote a view can pick when it takes at most ``per_concept`` quotes per concept,
    one source after another: reading only those sources keeps the page's export from reading the
    text of every mention in a large store."""
    if per_concept <= 0:
        return ()
    graphs_of: dict[str, list[str]] = defaultdict(list)  # source id -> its graphs
    for graph, source in sorted(data.graphs.items()):
        graphs_of[source].append(graph)
    candidates: dict[str, set[str]] = defaultdict(set)  # concept -> sources annotating it
    for row in _select(store, Q_QUOTED):
        c, source = _v(row, "c"), data.graphs.get(_v(row, "g"))
        if c in concepts and source is not None:
            candidates[c].add(source)
    queues = {c: sorted(sources) for c, sources in candidates.items()}
    found: dict[str, int] = defaultdict(int)  # concept -> sources read that had quotes
    quotes: list[Quote] = []
    while True:
        wanted = []
        for c, queue in queues.items():
            need = per_concept - found[c]
            wanted += [(c, queue.pop(0)) for _ in range(min(need, len(queue)))]
        if not wanted:
            break
        pairs = [(g, c) for c, source in wanted for g in graphs_of[source]]
        quoted = set()
        for k in range(0, len(pairs), VALUES_BATCH):
            block = " ".join(f"(<{g}> <{c}>)" for g, c in pairs[k:k + VALUES_BATCH])
            for r in _select(store, Q_QUOTES_OF % block):
                source = data.graphs[_v(r, "g")]
                quotes.append(Quote(_v(r, "c"), source, _v(r, "exact"), _v(r, "prefix") or "", _v(r, "suffix") or ""))
                quoted.add((_v(r, "c"), source))
        for c, _source in quoted:
            found[c] += 1
    return tuple(sorted(quotes))


def _read_statements(store, concepts: dict[str, ConceptInfo], sid) -> tuple[Statement, ...]:
    """Relations between concepts, once per stating source, weighted by their evidence count (the number
    of passages, so a co-occurrence's count); those outside any source graph are background knowledge.
    Symmetric relations are stored in both directions and read once, subject before object."""
    def key(s: str, p: str, o: str) -> tuple[str, str, str]:
        return (min(s, o), p, max(s, o)) if p in SYMMETRIC_PREDICATES else (s, p, o)

    weights: dict[tuple, float] = {}
    for row in _select(store, Q_EVIDENCE):
        p = _v(row, "p")
        if p.startswith(NVO) and sid(row) is not None:
            n = float(row["n"].value) if row.get("n") is not None else 1.0
            k = (*key(_v(row, "s"), p[len(NVO):], _v(row, "o")), sid(row))
            weights[k] = weights.get(k, 0.0) + n
    stated: dict[tuple, float] = {}
    background = set()
    rows = [row for block in _iri_batches(concepts) for row in _select(store, Q_RELATIONS % block)]
    for row in rows:
        s, p, o = _v(row, "s"), _v(row, "p")[len(NVO):], _v(row, "o")
        if p in NOT_RELATIONS or s not in concepts or o not in concepts or s == o:
            continue
        src = sid(row)
        if src is None:
            background.add(key(s, p, o))
        else:
            k = (*key(s, p, o), src)
            stated[k] = weights.get(k, 1.0)
    for k in background - {k[:3] for k in stated}:
        stated[(*k, None)] = 1.0
    return tuple(Statement(s, p, o, src, w) for (s, p, o, src), w in
                 sorted(stated.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2], kv[0][3] or "")))


def _region_matches(source: SourceInfo, wanted: str) -> bool:
    w = wanted.strip()
    if source.region_iri and w == source.region_iri:
        return True
    if not source.region:
        return False
    ws, rs = iris.slug(w), iris.slug(source.region)
    return ws == rs or ws.removeprefix("region-") == rs.removeprefix("region-")


def select_sources(data: GraphData, sources: tuple[str, ...] = (), region: str | None = None) -> GraphData:
    """Keep only what the given sources (and the sources about ``region``) say; background facts stay."""
    if not sources and not region:
        return data
    keep = set(data.sources) | {u.source for u in data.usages}
    if sources:
        unknown = sorted(set(sources) - keep)
        if unknown:
            raise ExportError(f"unknown source {unknown[0]!r} for --source",
                              hint=f"known sources: {', '.join(sorted(keep)) or '(none: run `naravard ingest`)'}",
                              subject=unknown[0])
        keep &= set(sources)
    if region:
        about = {s.id for s in data.sources.values() if _region_matches(s, region)}
        if not about:
            known = sorted({s.region for s in data.sources.values() if s.region})
            raise ExportError(f"no source is about the region {region!r} (--region)",
                              hint=f"regions of the sources: {', '.join(known) or '(none recorded)'}", subject=region)
        keep &= about
    return replace(
        data,
        sources={k: v for k, v in data.sources.items() if k in keep},
        documents={k: v for k, v in data.documents.items() if v.source in keep},
        usages=tuple(u for u in data.usages if u.source in keep),
        statements=tuple(s for s in data.statements if s.source is None or s.source in keep),
        quotes=tuple(q for q in data.quotes if q.source in keep),
        graphs={g: s for g, s in data.graphs.items() if s in keep},
    )
