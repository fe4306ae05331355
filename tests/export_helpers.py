"""Shared helpers of the export tests: the hand-written fixture graph loaded into an Oxigraph store."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

DATA = Path(__file__).parent / "data" / "export"
FIXTURE = DATA / "graph.trig"
SCHEMAS = DATA / "schemas"


class FixtureStore:
    """An in-memory store with the ``select`` of the store contract, over the fixture graph."""

    def __init__(self, *paths: Path, union_default_graph: bool = False):
        self.inner = ox.Store()
        for path in paths or (FIXTURE,):
            self.inner.load(path=str(path), format=ox.RdfFormat.from_extension(path.suffix.lstrip(".")))
        self.union = union_default_graph

    def select(self, sparql: str, params=None) -> list[dict]:
        result = self.inner.query(sparql, use_default_graph_as_union=self.union,
                                  substitutions={ox.Variable(k): v for k, v in (params or {}).items()})
        names = [v.value for v in result.variables]
        return [{n: sol[n] for n in names if sol[n] is not None} for sol in result]

    def quads(self, graph=None):
        return self.inner.quads_for_pattern(None, None, None, graph)

    def graphs(self):
        return list(self.inner.named_graphs())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
