"""Graph stage: extractions become named graphs in a store.

    build.py       source_graph (one source's quads; source_nquads: the same as N-Quads text), ontology_quads,
                   run_quads — the contracts
    annotate.py    mentions as Web Annotations, stated relations with evidence, co-occurrences with counts
    ontology.py    the ontology folder as quads; kind classes and label lookups read from it
    runs.py        ingest runs as PROV activities
    quads.py       a quad collector (N-Quads lines), literal helpers in Oxigraph's canonical forms
    store.py       the Store interface and open_store (embedded Oxigraph or a SPARQL 1.1 server)
    oxigraph_store.py, sparql_store.py   the two backends
    binding.py     safe parameter binding (VALUES)
    jsonld.py      compact JSON-LD with a context
    validate.py    SHACL validation (pyshacl)
    stats.py       counts of sources, documents, triples and concepts per type

The model is described in ontology/README.md.
"""
