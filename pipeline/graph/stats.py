"""Counts that describe a store: sources, documents, triples, and concepts per type.

``graph_stats(store, settings)`` answers "is everything there?" after an ingest, e.g. five sources
and concepts of all five scored types. Concepts are counted twice: those the sources mention
(``found``), and those the thesaurus and gazetteer define (``known``, in the ontology graph).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import iri
from ..settings import Settings
from ..types import CONCEPT_TYPES
from ..vocab import TYPE_CLASS, sparql_prologue

_TYPE_VALUES = " ".join(f'(<{cls}> "{t}")' for t, cls in TYPE_CLASS.items())
# one branch per type: Oxigraph hash-joins these, where a VALUES table inside GRAPH is looped over
_TYPE_UNION = " UNION ".join(f'{{ GRAPH ?g {{ ?c a <{cls}> }} BIND("{t}" AS ?type) }}' for t, cls in TYPE_CLASS.items())


@dataclass(frozen=True, slots=True)
class GraphStats:
    sources: int
    documents: int
    graphs: int
    triples: int
    mentions: int
    statements: int  # stated relations (nvo:Statement)
    co_occurrences: int = 0  # pairs of concepts in one sentence (nvo:CoOccurrence), per source
    concepts_found: dict[str, int] = field(default_factory=dict)  # type -> distinct concepts the sources mention
    concepts_known: dict[str, int] = field(default_factory=dict)  # type -> concepts of the thesaurus and gazetteer
    triples_per_graph: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"sources": self.sources, "documents": self.documents, "graphs": self.graphs,
                "triples": self.triples, "mentions": self.mentions, "statements": self.statements,
                "co_occurrences": self.co_occurrences,
                "concepts": {t: {"found": self.concepts_found.get(t, 0), "known": self.concepts_known.get(t, 0)}
                             for t in CONCEPT_TYPES},
                "triples_per_graph": self.triples_per_graph}


def graph_stats(store, settings: Settings) -> GraphStats:
    """Count what is in ``store`` (a few aggregate queries over the direct links; no mention scan per concept)."""
    prologue = sparql_prologue()
    ontology = iri.ontology_graph(settings.base_iri)

    def number(query: str) -> int:
        rows = store.select(prologue + query)
        return int(rows[0]["n"].value) if rows and rows[0]["n"] is not None else 0

    def per_type(query: str) -> dict[str, int]:
        return {r["type"].value: int(r["n"].value) for r in store.select(prologue + query)}

    found = per_type(f"""SELECT ?type (COUNT(DISTINCT ?c) AS ?n) WHERE {{
        {{ SELECT ?g ?c WHERE {{ GRAPH ?g {{ ?d nvo:mentions ?c }} }} }}
        {{ SELECT ?g ?c ?type WHERE {{ {_TYPE_UNION} }} }}
    }} GROUP BY ?type""")
    known = per_type(f"""SELECT ?type (COUNT(DISTINCT ?c) AS ?n) WHERE {{
        GRAPH <{ontology}> {{ ?c a ?class }} VALUES (?class ?type) {{ {_TYPE_VALUES} }}
    }} GROUP BY ?type""")
    per_graph = {r["g"].value: int(r["n"].value) for r in store.select(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")}
    return GraphStats(
        sources=number("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a nvo:Source } }"),
        documents=number("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d a nvo:Document } }"),
        graphs=len(per_graph),
        triples=sum(per_graph.values()),
        mentions=number("SELECT (COUNT(?m) AS ?n) WHERE { GRAPH ?g { ?m a oa:Annotation } }"),
        statements=number("SELECT (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s a nvo:Statement } }"),
        co_occurrences=number("SELECT (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s a nvo:CoOccurrence } }"),
        concepts_found=found,
        concepts_known=known,
        triples_per_graph=per_graph,
    )


def render_stats(stats: GraphStats) -> str:
    """A readable summary table."""
    lines = [
        f"sources     {stats.sources}",
        f"documents   {stats.documents}",
        f"graphs      {stats.graphs}",
        f"triples     {stats.triples}",
        f"mentions    {stats.mentions}",
        f"statements  {stats.statements}",
        f"co-occurrences  {stats.co_occurrences}",
        "",
        f"{'concept type':<16}{'in sources':>11}{'in thesaurus':>14}",
    ]
    for t in CONCEPT_TYPES:
        lines.append(f"{t:<16}{stats.concepts_found.get(t, 0):>11}{stats.concepts_known.get(t, 0):>14}")
    lines += ["", "triples per graph"]
    lines += [f"  {g}  {n}" for g, n in stats.triples_per_graph.items()]
    return "\n".join(lines) + "\n"
