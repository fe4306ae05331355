"""The graph store interface, and ``open_store`` which picks the backend from the settings.

Contract (others code against it)::

    with open_store(settings) as store:          # or open_store(settings, read_only=True)
        store.replace_graph(graph_iri, quads)     # atomic: on failure or kill the old graph stays
        store.load_graph(graph_iri, ntriples, bulk=False, atomic=True)  # the same from N-Triples bytes (see below)
        store.load_new_graphs([(graph_iri, nquads), …])  # graphs not in the store yet, as N-Quads (see below)
        store.add(graph_iri, quads)               # append to a graph, in one transaction
        store.remove_graph(graph_iri)
        store.graphs() -> list[str]               # named graph IRIs, sorted
        store.quads(graph_iri | None) -> Iterator[Quad]
        store.select(sparql, params) -> list[dict[str, Term | None]]   # one dict per row, every variable
        store.query(sparql, params)               # raw: QuerySolutions (SELECT), bool (ASK), list[Triple]
        store.dump_nquads(binary_file, sorted_=True)   # canonical, sorted N-Quads
        store.count() -> int                      # number of quads
        store.optimize()                          # compact after bulk loads (see below)

Queries see the union of all named graphs as their default graph (no ``GRAPH`` needed), and
``GRAPH ?g`` still names the graph each triple comes from. ``params`` are bound safely (see
:mod:`pipeline.graph.binding`): an absolute IRI or ``<…>`` becomes an IRI, anything else a string
literal, or pass ``pyoxigraph`` terms directly.

``load_graph`` is what ingest uses for a graph the store holds: the graph the workers hand over as
N-Quads is cut to N-Triples bytes (see :func:`triple_lines`), which go to the store without becoming
Python objects. An existing graph is replaced in one transaction, as by ``replace_graph``. With
``bulk=True`` a graph that does not exist yet is bulk-loaded, about twice as fast but not atomic: a
kill part-way can leave part of that new graph. The next ``load_graph`` or ``replace_graph`` of the
graph replaces whatever is there, so ingest, which records a source as done only after its graph is
written, repairs it on the next run. ``load_new_graphs`` bulk-loads many new graphs at once, from the
N-Quads the workers keep (cheaper than one load each; not atomic either; see
:mod:`pipeline.graph.loader`). With ``atomic=False`` the graph is written in transactions of a
bounded number of triples instead of one, for a large derived graph (the corpus summary) whose single
transaction would take gigabytes; a kill part-way leaves a mix of old and new triples until the next
write of the graph.
Bulk loads leave the embedded store in many small files, which slows queries down until
``optimize()`` compacts it (a full compaction: its cost grows with the whole store).

Backends register under kind ``store`` in :mod:`pipeline.registry`:

- ``oxigraph`` (default): the embedded on-disk pyoxigraph store at ``settings.store_path``
  (``output/store``); :mod:`.oxigraph_store`.
- ``http`` / ``https``: any SPARQL 1.1 server named by ``settings.store_url`` — writes through the
  Graph Store HTTP Protocol (``PUT`` replaces a named graph whole), reads through the SPARQL 1.1
  Protocol; :mod:`.sparql_store`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO, Protocol, runtime_checkable

import pyoxigraph as ox

from .. import registry
from ..errors import ConfigError, StoreError
from ..settings import Settings

Term = ox.NamedNode | ox.Literal | ox.BlankNode


@runtime_checkable
class Store(Protocol):
    """What every backend offers (see the module docstring)."""

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None: ...

    def load_graph(self, graph: str, ntriples: bytes, *, bulk: bool = False, atomic: bool = True) -> None: ...

    def load_new_graphs(self, parts: Sequence[tuple[str, bytes]]) -> None: ...

    def add(self, graph: str, quads: Iterable[ox.Quad]) -> None: ...

    def remove_graph(self, graph: str) -> None: ...

    def graphs(self) -> list[str]: ...

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]: ...

    def select(self, sparql: str, params: dict[str, str] | None = None) -> list[dict[str, Term | None]]: ...

    def query(self, sparql: str, params: dict[str, str] | None = None): ...

    def dump_nquads(self, out: BinaryIO, *, sorted_: bool = True) -> None: ...

    def count(self) -> int: ...

    def optimize(self) -> None: ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc) -> None: ...


def open_store(settings: Settings, *, read_only: bool = False) -> Store:
    """The store the settings name: a SPARQL server if ``store_url`` is set, else the on-disk Oxigraph store.

    ``read_only`` opens the embedded store without taking its write lock, so several readers (e.g.
    ``naravard serve`` and ``naravard query``) can use it at once; writes then raise StoreError.
    """
    url = settings.store_url
    scheme = url.split(":", 1)[0].lower() if url else "oxigraph"
    factory = registry.lookup("store", scheme)
    if factory is None:
        raise ConfigError(f"store_url {url!r}: unsupported scheme {scheme!r}",
                          hint=f"use one of: {', '.join(registry.names('store'))}", subject=url)
    return factory(settings, read_only=read_only)


def _open_oxigraph(settings: Settings, *, read_only: bool = False) -> Store:
    from .oxigraph_store import OxigraphStore

    return OxigraphStore(settings.store_path, read_only=read_only)


def _open_sparql(settings: Settings, *, read_only: bool = False) -> Store:
    from .sparql_store import SparqlStore

    return SparqlStore.from_settings(settings, read_only=read_only)


registry.register("store", "oxigraph", _open_oxigraph, aliases=("embedded", "file"))
registry.register("store", "http", _open_sparql, aliases=("https",))


def rows(solutions, variables: list[str] | None = None) -> list[dict[str, Term | None]]:
    """SELECT solutions as dicts holding every variable (None when unbound)."""
    names = variables or [v.value for v in solutions.variables]
    return [{name: solution[name] for name in names} for solution in solutions]


def nquads_line(quad: ox.Quad) -> str:
    return f"{quad} .\n"


def triple_lines(nquads: bytes, graph: str) -> bytes:
    """N-Quads whose every quad is in ``graph``, as N-Triples (``<s> <p> <o> .`` lines).

    The N-Quads the graph builder writes (one quad per line, graph term last) are cut with a bytes
    replace, without parsing; any other valid N-Quads are parsed. A quad in another graph (or in the
    default graph) is a StoreError: loading the result into ``graph`` would silently move it.
    """
    data, end, builders = _lines(nquads, graph)
    return data.replace(end, b" .\n") if builders else _parsed_triples(data, graph)


def in_graph(nquads: bytes, graph: str) -> bytes:
    """``nquads`` ending in a newline, once checked that every quad is in ``graph`` (as
    :func:`triple_lines` does: the graph builder's N-Quads without parsing); StoreError otherwise."""
    data, _, builders = _lines(nquads, graph)
    if not builders:
        _parsed_triples(data, graph)
    return data


def _lines(nquads: bytes, graph: str) -> tuple[bytes, bytes, bool]:
    """``nquads`` ending in a newline, the end every line of ``graph`` has in the graph builder's form,
    and whether every line has it."""
    end = f" <{graph}> .\n".encode()
    data = nquads if nquads.endswith(b"\n") or not nquads else nquads + b"\n"
    return data, end, data.count(b"\n") == data.count(end)


def _parsed_triples(data: bytes, graph: str) -> bytes:
    try:
        quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    except SyntaxError as exc:
        raise StoreError(f"graph {graph}: invalid N-Quads: {exc}", subject=graph,
                         hint="pass the bytes pyoxigraph.serialize(..., RdfFormat.N_QUADS) makes") from exc
    stray = next((q for q in quads if getattr(q.graph_name, "value", None) != graph), None)
    if stray is not None:
        raise StoreError(f"graph {graph}: a quad to write is in another graph: {stray}", subject=graph,
                         hint="every quad must name the graph it is written to")
    return ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)


def write_nquads(quads: Iterable[ox.Quad], out: BinaryIO, *, sorted_: bool = True) -> None:
    """Write quads as N-Quads, one per line; sorted (by code point, i.e. by UTF-8 bytes) for a canonical dump."""
    lines: Iterable[str] = (nquads_line(q) for q in quads)
    if sorted_:
        lines = sorted(lines)
    for line in lines:
        out.write(line.encode("utf-8"))
