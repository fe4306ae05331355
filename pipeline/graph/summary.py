"""The corpus summary: counts across every source, kept in one named graph, ``{base}graph/summary``.

A source graph says what one document states and mentions. Questions about the whole corpus (which
relations are stated, and in how many sources; which concepts occur together; which actors appear
with a principle) aggregate over every source graph, at a cost that grows with the store. The
summary holds those aggregates once, as one small node per row, so the saved queries that answer
them read a few thousand nodes instead of a million quads::

    summary_ntriples(store, base) -> bytes     # the summary graph as N-Triples, computed from the store
    refresh_summary(store, base) -> int        # compute it and write it (one transaction); its size

Ingest refreshes the summary at the end of every run that wrote or removed a graph, so it always
describes the source graphs in the store. The nodes (classes and properties in ``ontology/naravard.ttl``):

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

from .. import iri
from ..vocab import NVO, RDF, sparql_prologue

_LABELS = """
  OPTIONAL {{ GRAPH ?og {{ <https://w3id.org/naravard/ontology> a owl:Ontology }} }}
  OPTIONAL {{ GRAPH ?og {{ ?{a} skos:prefLabel ?{a}L1 FILTER(lang(?{a}L1) = "sv") }} }}
  OPTIONAL {{ GRAPH ?g0 {{ ?{a} skos:prefLabel ?{a}L2 FILTER(lang(?{a}L2) = "sv") }} }}
  OPTIONAL {{ GRAPH ?og {{ ?{b} skos:prefLabel ?{b}L1 FILTER(lang(?{b}L1) = "sv") }} }}
  OPTIONAL {{ GRAPH ?g0 {{ ?{b} skos:prefLabel ?{b}L2 FILTER(lang(?{b}L2) = "sv") }} }}
"""

# Each query is written as joins of one-pattern sub-selects (hash joins of index scans), labels looked
# up last, per row of the aggregate (see ontology/README.md, "Fast queries").
RELATIONS = """
SELECT ?a ?p ?b (MIN(COALESCE(?aL1, ?aL2)) AS ?aLabel) (MIN(COALESCE(?bL1, ?bL2)) AS ?bLabel) ?passages ?sources
WHERE {
  {
    SELECT ?a ?p ?b (SUM(?n) AS ?passages) (COUNT(DISTINCT ?g) AS ?sources) (MIN(?g) AS ?g0)
    WHERE {
      { SELECT ?g ?s WHERE { GRAPH ?g { ?s a nvo:Statement } } }
      { SELECT ?s ?p WHERE { ?s rdf:predicate ?p } }
      { SELECT ?s ?a WHERE { ?s rdf:subject ?a } }
      { SELECT ?s ?b WHERE { ?s rdf:object ?b } }
      { SELECT ?s ?n WHERE { ?s nvo:evidenceCount ?n } }
    }
    GROUP BY ?a ?p ?b
  }
""" + _LABELS.format(a="a", b="b") + """
}
GROUP BY ?a ?p ?b ?passages ?sources
"""

CO_OCCURRENCES = """
SELECT ?a ?b (MIN(COALESCE(?aL1, ?aL2)) AS ?aLabel) (MIN(COALESCE(?bL1, ?bL2)) AS ?bLabel) ?passages ?sources
WHERE {
  {
    SELECT ?a ?b (SUM(?n) AS ?passages) (COUNT(DISTINCT ?g) AS ?sources) (MIN(?g) AS ?g0)
    WHERE {
      { SELECT ?g ?s WHERE { GRAPH ?g { ?s a nvo:CoOccurrence } } }
      { SELECT ?s ?a WHERE { ?s rdf:subject ?a } }
      { SELECT ?s ?b WHERE { ?s rdf:object ?b } }
      { SELECT ?s ?n WHERE { ?s nvo:evidenceCount ?n } }
    }
    GROUP BY ?a ?b
  }
""" + _LABELS.format(a="a", b="b") + """
}
GROUP BY ?a ?b ?passages ?sources
"""

PRINCIPLE_ACTORS = """
SELECT ?a ?b (MIN(COALESCE(?aL1, ?aL2)) AS ?aLabel) (MIN(COALESCE(?bL1, ?bL2)) AS ?bLabel)
       (MIN(COALESCE(?kind1, ?kind2)) AS ?kind) ?documents ?mentions
WHERE {
  {
    SELECT ?a ?b (COUNT(DISTINCT ?g) AS ?documents) (SUM(?n) AS ?mentions) (MIN(?g) AS ?g0)
    WHERE {
      { SELECT ?g ?b WHERE { GRAPH ?g { ?b a nvo:Actor } } }
      { SELECT ?g ?occurrence ?b WHERE { GRAPH ?g { ?occurrence nvo:concept ?b } } }
      { SELECT ?occurrence ?n WHERE { ?occurrence nvo:mentionCount ?n } }
      { SELECT ?g ?a WHERE { GRAPH ?g { ?a a nvo:Principle } } }
      { SELECT ?g ?a WHERE { GRAPH ?g { ?doc nvo:mentions ?a } } }
    }
    GROUP BY ?a ?b
  }
""" + _LABELS.format(a="a", b="b") + """
  OPTIONAL { GRAPH ?og { ?b nvo:kind ?kind1 } }
  OPTIONAL { GRAPH ?g0 { ?b nvo:kind ?kind2 } }
}
GROUP BY ?a ?b ?documents ?mentions
"""

# (class, IRI segment, query, the variables that make a row's key, {variable: property}, both directions)
_TABLES = (
    (NVO.RelationSummary, "relation", RELATIONS, ("a", "p", "b"),
     {"a": NVO.summarySubject, "p": NVO.summaryPredicate, "b": NVO.summaryObject, "aLabel": NVO.subjectLabel,
      "bLabel": NVO.objectLabel, "passages": NVO.passageCount, "sources": NVO.sourceCount}, False),
    (NVO.CoOccurrenceSummary, "co-occurrence", CO_OCCURRENCES, ("a", "b"),
     {"a": NVO.summarySubject, "b": NVO.summaryObject, "aLabel": NVO.subjectLabel, "bLabel": NVO.objectLabel,
      "passages": NVO.passageCount, "sources": NVO.sourceCount}, True),
    (NVO.PrincipleActorSummary, "principle-actor", PRINCIPLE_ACTORS, ("a", "b"),
     {"a": NVO.summarySubject, "b": NVO.summaryObject, "aLabel": NVO.subjectLabel, "bLabel": NVO.objectLabel,
      "kind": NVO.objectKind, "documents": NVO.documentCount, "mentions": NVO.objectMentionCount}, False),
)
_SWAP = {"a": "b", "b": "a", "aLabel": "bLabel", "bLabel": "aLabel"}


def summary_ntriples(store, base: str = iri.DEFAULT_BASE_IRI) -> bytes:
    """The summary of the source graphs in ``store`` as N-Triples lines, sorted (see the module docstring)."""
    prologue = sparql_prologue()
    rdf_type = f"<{RDF.type}>"
    lines: list[str] = []
    for cls, segment, query, key, properties, both in _TABLES:
        predicates = {var: f"<{prop}>" for var, prop in properties.items()}
        cls_term = f"<{cls}>"
        rows = store.select(prologue + query)
        if both:  # each pair from the other side too (unless the sources also wrote it that way round)
            keys = {(r["a"], r["b"]) for r in rows}
            rows += [{_SWAP.get(k, k): v for k, v in r.items()} for r in rows if (r["b"], r["a"]) not in keys]
        for row in rows:
            node = f"<{base}summary/{segment}/{iri.digest(*(row[k].value for k in key))}>"
            lines.append(f"{node} {rdf_type} {cls_term} .")
            for var, predicate in predicates.items():
                term = row.get(var)
                if term is not None:
                    lines.append(f"{node} {predicate} {term} .")
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8") if lines else b""


def refresh_summary(store, base: str = iri.DEFAULT_BASE_IRI) -> int:
    """Recompute the summary graph and write it (one transaction: only the triples that differ); its size."""
    data = summary_ntriples(store, base)
    store.load_graph(iri.summary_graph(base), data)
    return data.count(b"\n")
