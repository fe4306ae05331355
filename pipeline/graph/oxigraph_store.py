"""The embedded store: an on-disk pyoxigraph (RocksDB) store, written in transactions.

``replace_graph`` is atomic — a failure or a ``kill -9`` part-way leaves the previous graph:

- a graph that does not exist yet (or is empty) is written with one ``Store.load`` (one transaction);
- an existing graph is changed by one SPARQL update ``DELETE DATA {…} ; INSERT DATA {…}`` holding
  only the triples that differ (one transaction). Re-writing an unchanged graph writes nothing.

``load_graph`` does the same from N-Triples bytes (with ``atomic=False``, removals as updates of at
most ``UPDATE_BATCH`` triples, additions as such updates when they are few and bulk-loaded
``BULK_BATCH`` triples at a time when the graph is new or they are many: bounded memory, no single
transaction); with ``bulk=True`` a graph that does not exist
yet is bulk-loaded (``Store.bulk_load``: sorted files handed to RocksDB, about twice as fast as a
transaction, not atomic). A kill part-way may leave part of that new graph; since an existing graph
is always replaced whole, the next write of the graph repairs it. Both compare the graphs as
N-Triples lines (the old one dumped by Oxigraph), so no Python object is made per quad. Each bulk
load adds a few small files that overlap the others, so queries slow down until :meth:`optimize`
compacts the store.

Queries run with the union of all named graphs as the default graph. A store opened with
``read_only=True`` takes no lock, so a query endpoint and command-line queries can read at the same
time; it sees the data as of the moment it was opened.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from .binding import bind
from .store import Term, in_graph, rows, write_nquads

UPDATE_BATCH = 20_000  # triples per DATA block, to keep each update text moderate
BULK_BATCH = 100_000  # triples per bulk load of a non-atomic write: bounds the memory the loader takes


class OxigraphStore:
    """See the module docstring and :mod:`pipeline.graph.store` for the contract."""

    def __init__(self, path: Path, *, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self._store = _open(self.path, read_only)

    # -- writing ---------------------------------------------------------------------------
    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        self._writable()
        g = _graph_node(graph)
        triples = [q.triple for q in quads]  # all of them before anything is written
        self._write(g, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b"", bulk=False)

    def load_graph(self, graph: str, ntriples: bytes, *, bulk: bool = False, atomic: bool = True) -> None:
        self._writable()
        self._write(_graph_node(graph), ntriples, bulk=bulk, atomic=atomic)

    def load_new_graphs(self, parts: Sequence[tuple[str, bytes]]) -> None:
        """Bulk-load graphs the store does not hold yet, all in one load: ``(graph, nquads)`` pairs whose
        every quad is in its graph. Not atomic, as ``load_graph(..., bulk=True)``: a kill part-way can
        leave part of them, which the next write of each graph replaces."""
        store = self._writable()
        data = b"".join(in_graph(nquads, graph) for graph, nquads in parts)  # checked before anything is written
        try:
            store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise StoreError(f"{self.path}: invalid data in graphs {', '.join(g for g, _ in parts)}: {_one_line(exc)}",
                             subject=str(self.path), hint="a bug in the graph builder; nothing else was changed") from exc
        except OSError as exc:
            raise StoreError(f"{self.path}: could not load {len(parts)} new graphs: {exc}", subject=str(self.path),
                             hint="check disk space and permissions; the next ingest loads them again") from exc

    def optimize(self) -> None:
        """Compact the whole store (after bulk loads): queries read fewer, sorted files."""
        try:
            self._writable().optimize()
        except OSError as exc:
            raise StoreError(f"{self.path}: could not compact the store: {exc}", subject=str(self.path),
                             hint="the data is intact; the next ingest tries again") from exc

    def add(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        store, g = self._writable(), _graph_node(graph)
        try:
            store.extend([ox.Quad(q.subject, q.predicate, q.object, g) for q in quads])
        except OSError as exc:
            raise StoreError(f"{self.path}: could not add to graph {graph}: {exc}", subject=str(self.path),
                             hint="nothing was added; check disk space and permissions") from exc

    def _write(self, g: ox.NamedNode, triples: bytes, *, bulk: bool, atomic: bool = True) -> None:
        """Make graph ``g`` hold exactly ``triples`` (N-Triples lines); in one transaction unless not ``atomic``."""
        store = self._live()
        try:
            if not triples.strip():
                if store.contains_named_graph(g):
                    store.remove_graph(g)
                return
            old = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g)
            if not old and (bulk or atomic):
                load = store.bulk_load if bulk else store.load
                load(triples, format=ox.RdfFormat.N_TRIPLES, to_graph=g)
                return
            removed, added = _diff_lines(old, triples)
            if atomic:
                parts = _updates(g, "DELETE DATA", removed) + _updates(g, "INSERT DATA", added)
                if parts:
                    store.update(" ;\n".join(parts))
                return
            for update in _updates(g, "DELETE DATA", removed):
                store.update(update)
            if not old or len(added) >= BULK_BATCH:  # the bulk loader's cheaper path (leaves a store to compact)
                for i in range(0, len(added), BULK_BATCH):
                    store.bulk_load(b"\n".join(added[i:i + BULK_BATCH]), format=ox.RdfFormat.N_TRIPLES, to_graph=g)
                return
            for update in _updates(g, "INSERT DATA", added):  # a small change: no files left to compact
                store.update(update)
        except SyntaxError as exc:
            raise StoreError(f"{self.path}: graph {g.value}: invalid data: {_one_line(exc)}", subject=g.value,
                             hint="a bug in the graph builder; the previous content of the graph is kept") from exc
        except OSError as exc:
            raise StoreError(f"{self.path}: could not write graph {g.value}: {exc}", subject=str(self.path),
                             hint="the previous content of the graph is kept; check disk space and permissions") from exc

    def remove_graph(self, graph: str) -> None:
        store = self._writable()
        try:
            store.remove_graph(_graph_node(graph))
        except OSError as exc:
            raise StoreError(f"{self.path}: could not remove graph {graph}: {exc}", subject=str(self.path)) from exc

    # -- reading ---------------------------------------------------------------------------
    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._live().named_graphs() if isinstance(g, ox.NamedNode))

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        g = _graph_node(graph) if graph else None
        return iter(self._live().quads_for_pattern(None, None, None, g))

    def count(self) -> int:
        return len(self._live())

    def select(self, sparql: str, params: dict[str, str] | None = None) -> list[dict[str, Term | None]]:
        result = self.query(sparql, params)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("select() needs a SELECT query", hint="use query() for ASK, CONSTRUCT and DESCRIBE")
        return rows(result)

    def query(self, sparql: str, params: dict[str, str] | None = None, *,
              default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = ()):
        """QuerySolutions for SELECT, bool for ASK, list of Triples for CONSTRUCT/DESCRIBE.

        ``default_graphs`` / ``named_graphs`` set the dataset as the SPARQL protocol's
        ``default-graph-uri`` / ``named-graph-uri`` do; by default the default graph is the union of all.
        """
        text = bind(sparql, params)
        dataset: dict = {"use_default_graph_as_union": not default_graphs}
        if default_graphs:
            dataset["default_graph"] = [_graph_node(g) for g in default_graphs]
        if named_graphs:
            dataset["named_graphs"] = [_graph_node(g) for g in named_graphs]
        try:
            result = self._live().query(text, **dataset)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {_one_line(exc)}", hint="check the query text",
                             subject=sparql) from exc
        except OSError as exc:
            raise StoreError(f"{self.path}: query failed: {exc}", subject=str(self.path)) from exc
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QueryTriples):
            return list(result)
        return result

    def dump_nquads(self, out: BinaryIO, *, sorted_: bool = True) -> None:
        write_nquads(self._live(), out, sorted_=sorted_)

    # -- lifecycle -------------------------------------------------------------------------
    def flush(self) -> None:
        if self._store is not None and not self.read_only:
            self._store.flush()

    def close(self) -> None:
        if self._store is not None:
            self.flush()
            self._store = None  # RocksDB closes when the last reference goes

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _live(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"{self.path}: the store is closed", subject=str(self.path))
        return self._store

    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only", subject=str(self.path),
                             hint="open it with read_only=False to write")
        return self._live()


def _open(path: Path, read_only: bool) -> ox.Store:
    try:
        if read_only:
            if not (path / "CURRENT").is_file():
                raise StoreError(f"{path}: no store here", subject=str(path),
                                 hint="run `naravard ingest` first, or pass --output to the folder holding store/")
            return ox.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as exc:
        message = str(exc)
        if "lock" in message.lower():
            raise StoreError(f"{path}: the store is in use by another naravard process", subject=str(path),
                             hint="wait for the other ingest to finish (queries and serve open it read-only)") from exc
        raise StoreError(f"{path}: cannot open the store: {message}", subject=str(path)) from exc


def _one_line(exc: BaseException, limit: int = 240) -> str:
    """Oxigraph's parse errors span lines and list every expected token: one line, cut to ``limit``."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _graph_node(graph: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(graph)
    except ValueError as exc:
        raise StoreError(f"invalid graph IRI {graph!r}", subject=graph) from exc


def _diff_lines(old: bytes, new: bytes) -> tuple[list[bytes], list[bytes]]:
    """The N-Triples lines of ``old`` not in ``new`` (sorted) and those of ``new`` not in ``old`` (in order)."""
    before = set(old.split(b"\n"))
    after = dict.fromkeys(new.split(b"\n"))
    removed = sorted(line for line in before if line and line not in after)
    added = [line for line in after if line and line not in before]
    return removed, added


def _updates(graph: ox.NamedNode, verb: str, lines: list[bytes]) -> list[str]:
    """SPARQL ``DELETE DATA`` / ``INSERT DATA`` operations of at most ``UPDATE_BATCH`` triples each
    (N-Triples lines are valid SPARQL ``DATA`` triples); joined with ``;`` they are one transaction."""
    parts: list[str] = []
    for i in range(0, len(lines), UPDATE_BATCH):
        body = b"\n".join(lines[i:i + UPDATE_BATCH]).decode("utf-8")
        parts.append(f"{verb} {{ GRAPH <{graph.value}> {{\n{body}\n}} }}")
    return parts
