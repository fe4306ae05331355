"""The corpus summary: counts across every source, kept in one named graph, ``{base}graph/summary``.

A source graph says what one document states and mentions. Questions about the whole corpus (which
relations are stated, and in how many sources; which concepts occur together; which actors appear
with a principle) aggregate over every source graph, at a cost that grows with the store. The
summary holds those aggregates once, as one small node per row, so the saved queries that answer
them read a few thousand nodes instead of a million quads::

    summary_ntriples(store, base) -> bytes     # the summary graph as N-Triples, computed from the store
    summary_from_contributions(store, pairs, base) -> bytes   # the same, added up from each graph's share
    refresh_summary(store, base, contributions=None) -> int   # compute it, write what changed; its size

Ingest refreshes the summary at the end of every run that wrote or removed a graph, so it always
describes the source graphs in the store. It adds up each graph's contribution, worked out when the
graph was built and kept in history (:mod:`pipeline.graph.contribution`); when history does not
account for every source graph in the store, and for ``naravard summarize``, the aggregates are
computed from the store by SPARQL instead, over ``GRAPHS_PER_QUERY`` source graphs at a time and
added up, so the memory a refresh takes does not grow with the store. Both give the same bytes.

The nodes (classes and properties in ``ontology/naravard.ttl``):

- ``nvo:RelationSummary``: one per (subject, predicate, object) stated by an ``nvo:Statement`` in
  any source, with ``nvo:passageCount`` (its evidence passages summed over the sources) and
  ``nvo:sourceCount``;
- ``nvo:CoOccurrenceSummary``: one per pair of concepts mentioned in the same sentence, in each
  direction (the sources' ``nvo:CoOccurrence`` nodes write a pair once), with ``nvo:passageCount``
  (sentences, summed) and ``nvo:sourceCount``;
- ``nvo:PrincipleActorSummary``: one per principle and actor mentioned in the same document, with
  ``nvo:documentCount`` and ``nvo:objectMentionCount`` (the actor's mentions in those documents).

Each carries the Swedish labels of its two concepts (the thesaurus label, else the one the first
source that found the concept gave it) and, for actors, their kind, so reading a row needs no join.
Node IRIs are ``{base}summary/{kind}/{digest of the key}``: stable across runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .. import iri
from ..vocab import NVO, RDF, sparql_prologue
from .contribution import Contribution, literal_value

GRAPHS_PER_QUERY = 200  # source graphs aggregated by one query: bounds the memory a query takes

# Each query aggregates the source graphs listed in its ``VALUES ?g`` (one part of the store at a
# time, so its hash tables stay small however large the store grows), written as joins of one-pattern
# sub-selects (hash joins of index scans; see ontology/README.md, "Fast queries"). The parts' sums
# and counts add up: a graph is in one part only. ``?g0`` is the first graph holding the row.
RELATIONS = """
SELECT ?a ?p ?b (SUM(?n) AS ?count) (COUNT(DISTINCT ?g) AS ?graphs) (MIN(?g) AS ?g0)
WHERE {
  { SELECT ?g ?s WHERE { VALUES ?g { %(graphs)s } GRAPH ?g { ?s a nvo:Statement } } }
  { SELECT ?g ?s ?p WHERE { VALUES ?g { %(graphs)s } GRAPH ?g { ?s rdf:predicate ?p } } }
  { SELECT ?g ?s ?a WHERE { VALUES ?g { %(graphs)s } GRAPH ?g { ?s rdf:subject ?a } } }
  { SELECT ?g ?s ?b WHERE { VALUES ?g { %(graphs)s } GRAPH ?g { ?s rdf:object ?b } } }
  { SELECT ?g ?s ?n WHERE { VALUES ?g { %(graphs)s } GRAPH ?g { ?s nvo:evidenceCount ?n } } }
}
GROUP BY ?a ?p ?b
"""

CO_OCCURRENCES = """
SELECT ?a ?b (SUM(?n) AS ?count) (COUNT(DISTINCT ?g) AS ?graphs) (MIN(?g) AS ?g0)
WHERE {
  { SELECT ?g ?s WHERE { VALUES ?g { %(graphs)s } GRAPH ?g { ?s a nvo:CoOccurrence } } }
  { SELECT ?g ?s ?a WHERE { VALUES ?g { %(graphs)s } GRAPH ?g { ?s rdf:subject ?a } } }
  { SELECT ?g ?s ?b WHERE { VALUES ?g { %(graphs)s } GRAPH ?g { ?s rdf:object ?b } } }
  { SELECT ?g ?s ?n WHERE { VALUES ?g { %(graphs)s } GRAPH ?g { ?s nvo:evidenceCount ?n } } }
}
GROUP BY ?a ?b
"""

PRINCIPLE_ACTORS = """
SELECT ?a ?b (SUM(?n) AS ?count) (COUNT(DISTINCT ?g) AS ?graphs) (MIN(?g) AS ?g0)
WHERE {
  { SELECT ?g ?b WHERE { VALUES ?g { %(graphs)s } GRAPH ?g { ?b a nvo:Actor } } }
  { SELECT ?g ?occurrence ?b WHERE { VALUES ?g { %(graphs)s } GRAPH ?g { ?occurrence nvo:concept ?b } } }
  { SELECT ?g ?occurrence ?n WHERE { VALUES ?g { %(graphs)s } GRAPH ?g { ?occurrence nvo:mentionCount ?n } } }
  { SELECT ?g ?a WHERE { VALUES ?g { %(graphs)s } GRAPH ?g { ?a a nvo:Principle } } }
  { SELECT ?g ?a WHERE { VALUES ?g { %(graphs)s } GRAPH ?g { ?doc nvo:mentions ?a } } }
}
GROUP BY ?a ?b
"""

# The Swedish label (and kind) of a concept: the thesaurus', else the one the row's first graph gives.
ONTOLOGY_VALUES = """
SELECT ?c ?label ?kind WHERE {
  GRAPH <%(ontology)s> {
    { ?c skos:prefLabel ?label FILTER(lang(?label) = "sv") } UNION { ?c nvo:kind ?kind }
  }
}
"""
GRAPH_VALUES = """
SELECT ?c ?g ?label ?kind WHERE {
  VALUES (?c ?g) { %(pairs)s }
  GRAPH ?g { { ?c skos:prefLabel ?label FILTER(lang(?label) = "sv") } UNION { ?c nvo:kind ?kind } }
}
"""

# (class, IRI segment, query, key variables, {variable: property}, both directions)
_TABLES = (
    (NVO.RelationSummary, "relation", RELATIONS, ("a", "p", "b"),
     {"a": NVO.summarySubject, "p": NVO.summaryPredicate, "b": NVO.summaryObject, "aLabel": NVO.subjectLabel,
      "bLabel": NVO.objectLabel, "count": NVO.passageCount, "graphs": NVO.sourceCount}, False),
    (NVO.CoOccurrenceSummary, "co-occurrence", CO_OCCURRENCES, ("a", "b"),
     {"a": NVO.summarySubject, "b": NVO.summaryObject, "aLabel": NVO.subjectLabel, "bLabel": NVO.objectLabel,
      "count": NVO.passageCount, "graphs": NVO.sourceCount}, True),
    (NVO.PrincipleActorSummary, "principle-actor", PRINCIPLE_ACTORS, ("a", "b"),
     {"a": NVO.summarySubject, "b": NVO.summaryObject, "aLabel": NVO.subjectLabel, "bLabel": NVO.objectLabel,
      "bKind": NVO.objectKind, "graphs": NVO.documentCount, "count": NVO.objectMentionCount}, False),
)
_SWAP = {"a": "b", "b": "a", "aLabel": "bLabel", "bLabel": "aLabel"}


def source_graphs(store, base: str = iri.DEFAULT_BASE_IRI) -> list[str]:
    """The named graphs of sources (not the ontology, the runs or the summary)."""
    own = iri.own_graphs(base)
    return [g for g in store.graphs() if g not in own]


def summary_ntriples(store, base: str = iri.DEFAULT_BASE_IRI) -> bytes:
    """The summary of the source graphs in ``store`` as N-Triples lines, sorted (see the module docstring)."""
    prologue = sparql_prologue()
    graphs = source_graphs(store, base)
    ontology = _ontology_values(store, prologue, base)

    def table_rows():  # one table at a time: its rows are dropped after
        for _cls, _segment, query, key, _properties, _both in _TABLES:
            yield _aggregate(store, prologue + query, graphs, key)

    def in_graphs(pairs: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[str | None, str | None]]:
        found: dict = {}
        for i in range(0, len(pairs), 500):
            text = " ".join(f"({c} <{g}>)" for c, g in pairs[i:i + 500])
            for r in store.select(prologue + GRAPH_VALUES % {"pairs": text}):
                _keep_least(found, (str(r["c"]), r["g"].value), _term(r["label"]), _term(r["kind"]))
        return found

    return _write(table_rows(), ontology, in_graphs, base)


def summary_from_contributions(store, contributions: Iterable[tuple[str, Contribution]],
                               base: str = iri.DEFAULT_BASE_IRI) -> bytes:
    """The same summary as :func:`summary_ntriples`, added up from each source graph's contribution
    (``(graph IRI, Contribution)`` pairs, one per source graph in the store; see
    :mod:`pipeline.graph.contribution`). Only the thesaurus labels are read from the store."""
    tables: list[dict[tuple, dict]] = [{}, {}, {}]
    labels: dict[str, dict[str, tuple[str | None, str | None]]] = {}
    for graph, c in contributions:
        for table, rows in zip(tables, (c.relations, c.co_occurrences, c.principle_actors), strict=True):
            for key, n in rows.items():
                _merge(table, key, n, 1, graph)
        labels[graph] = c.labels
    keys = [key for _cls, _segment, _query, key, _properties, _both in _TABLES]
    rows = (_rows(table, key) for key, table in zip(keys, tables, strict=True))

    def in_graphs(pairs: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[str | None, str | None]]:
        return {(c, g): labels.get(g, {}).get(c, (None, None)) for c, g in pairs}

    return _write(rows, _ontology_values(store, sparql_prologue(), base), in_graphs, base)


def _write(tables: Iterable[list[dict]], ontology: dict, in_graphs: Callable, base: str) -> bytes:
    """The summary's N-Triples, sorted, from the rows of each table (in ``_TABLES`` order): each row's
    key terms, ``count``, ``graphs`` and ``g0``; labels and kinds from ``ontology`` (concept -> values),
    else from ``in_graphs`` ([(concept, graph)] -> {(concept, graph): values})."""
    rdf_type = f"<{RDF.type}>"
    lines: list[bytes] = []
    for (cls, segment, _query, key, properties, both), rows in zip(_TABLES, tables, strict=True):
        values = _concept_values(ontology, in_graphs, rows)
        for row in rows:
            for side in ("a", "b"):
                row[f"{side}Label"], row[f"{side}Kind"] = values.get((row[side], row["g0"]), (None, None))
        if both:  # each pair from the other side too (unless the sources also wrote it that way round)
            keys = {(r["a"], r["b"]) for r in rows}
            rows += [{_SWAP.get(k, k): v for k, v in r.items()} for r in rows if (r["b"], r["a"]) not in keys]
        predicates = {var: f"<{prop}>" for var, prop in properties.items()}
        cls_term = f"<{cls}>"
        for row in rows:
            node = f"<{base}summary/{segment}/{iri.digest(*(_value(row[k]) for k in key))}>"
            lines.append(f"{node} {rdf_type} {cls_term} .".encode())
            for var, predicate in predicates.items():
                term = row.get(var)
                if term is not None:
                    lines.append(f"{node} {predicate} {_ntriples(term)} .".encode())
    lines.sort()
    return b"\n".join(lines) + b"\n" if lines else b""


def _aggregate(store, query: str, graphs: list[str], key: tuple[str, ...]) -> list[dict]:
    """The query's rows summed over parts of ``graphs``: counts added, the first graph kept (terms as N-Triples)."""
    merged: dict[tuple, dict] = {}
    for i in range(0, len(graphs), GRAPHS_PER_QUERY):
        part = " ".join(f"<{g}>" for g in graphs[i:i + GRAPHS_PER_QUERY])
        for row in store.select(query % {"graphs": part}):
            _merge(merged, tuple(str(row[v]) for v in key), int(row["count"].value), int(row["graphs"].value),
                   row["g0"].value)
    return _rows(merged, key)


def _rows(table: dict[tuple, dict], key: tuple[str, ...]) -> list[dict]:
    """The merged rows of a table, each with its key terms under the key's variable names."""
    return [{**dict(zip(key, k, strict=True)), **row} for k, row in table.items()]


def _merge(table: dict[tuple, dict], key: tuple, count: int, graphs: int, g0: str) -> None:
    """Add a part's row to ``table``: counts added, the least graph kept (as MIN does)."""
    seen = table.get(key)
    if seen is None:
        table[key] = {"count": count, "graphs": graphs, "g0": g0}
    else:
        seen["count"] += count
        seen["graphs"] += graphs
        seen["g0"] = min(seen["g0"], g0)


def _ontology_values(store, prologue: str, base: str) -> dict[str, tuple[str | None, str | None]]:
    """Concept -> (least Swedish label, least kind) in the ontology graph (the thesaurus and gazetteer)."""
    ontology: dict = {}
    for r in store.select(prologue + ONTOLOGY_VALUES % {"ontology": iri.ontology_graph(base)}):
        _keep_least(ontology, str(r["c"]), _term(r["label"]), _term(r["kind"]))
    return ontology


def _concept_values(ontology: dict, in_graphs: Callable, rows: list[dict]) -> dict[tuple, tuple]:
    """(concept, first graph) -> (label, kind): the thesaurus' values, else that graph's (the least, if several)."""
    pairs = sorted({(row[side], row["g0"]) for row in rows for side in ("a", "b") if row[side].startswith("<")})
    found = in_graphs([p for p in pairs if p[0] not in ontology or None in ontology[p[0]]])
    out = {}
    for concept, graph in pairs:
        known, given = ontology.get(concept, (None, None)), found.get((concept, graph), (None, None))
        out[(concept, graph)] = (known[0] or given[0], known[1] or given[1])
    return out


def _keep_least(table: dict, key, label: str | None, kind: str | None) -> None:
    """Keep the least label and the least kind seen for ``key`` (as MIN does in SPARQL); N-Triples literals."""
    old_label, old_kind = table.get(key, (None, None))
    if label is not None and (old_label is None or literal_value(label) < literal_value(old_label)):
        old_label = label
    if kind is not None and (old_kind is None or literal_value(kind) < literal_value(old_kind)):
        old_kind = kind
    table[key] = (old_label, old_kind)


def _term(term) -> str | None:
    return None if term is None else str(term)


def _value(term: str) -> str:
    """The value of an N-Triples IRI or literal (what a node's digest is made of)."""
    return term[1:-1] if term.startswith("<") else literal_value(term)


def _ntriples(term) -> str:
    return term if isinstance(term, str) else f'"{term}"^^<http://www.w3.org/2001/XMLSchema#integer>'


def refresh_summary(store, base: str = iri.DEFAULT_BASE_IRI,
                    contributions: Iterable[tuple[str, Contribution]] | None = None) -> int:
    """Recompute the summary graph and write the triples that changed; its size in triples.

    From ``contributions`` when given (see :func:`summary_from_contributions`), else from the
    store's source graphs. The changes are written in parts of a bounded size rather than one
    transaction: a single transaction rewriting the summary of a large store takes over a gigabyte
    (24 M quads: 450 k summary triples). The summary is derived data; ingest marks it stale until
    the write is done (see :meth:`pipeline.ingest._Run.summarize`), so a run killed part-way leaves
    it to the next run.
    """
    data = (summary_ntriples(store, base) if contributions is None
            else summary_from_contributions(store, contributions, base))
    store.load_graph(iri.summary_graph(base), data, atomic=False)
    return data.count(b"\n")
