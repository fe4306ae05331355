"""Query stage: SPARQL over the store — saved queries, safe parameters, output formats, the endpoint.

    from pipeline.query import run_query, render
    result = run_query(store, "shifts-by-source", {"region": "Halland"})
    print(render(result, "table"))

Modules: :mod:`.run` (find and run a query), :mod:`.library` (saved queries and their headers),
:mod:`.params` (typed parameters), :mod:`.formats` (table, CSV, TSV, JSON, XML, Turtle, JSON-LD),
:mod:`.server` (the read-only SPARQL endpoint behind ``naravard serve``).
"""

from __future__ import annotations

from .formats import FORMATS, render
from .library import SavedQuery, saved_queries
from .run import QueryResult, run_query

__all__ = ["FORMATS", "QueryResult", "SavedQuery", "render", "run_query", "saved_queries"]
