"""A store on any SPARQL 1.1 server (Oxigraph server, Apache Jena Fuseki, Virtuoso, GraphDB, QLever …).

Writes use the SPARQL 1.1 Graph Store HTTP Protocol: ``replace_graph`` is one ``PUT`` of the whole
named graph as N-Triples (the server replaces it in one operation, so a failure keeps the old
graph), ``load_graph`` the same from N-Triples bytes, ``add`` one ``POST`` (the server appends the
triples in one operation), ``remove_graph`` one ``DELETE``. Reads use the SPARQL 1.1 Protocol (form-encoded ``POST``).
So that queries see the union of the named graphs, as on the embedded store, every query names all
graphs as ``default-graph-uri`` and ``named-graph-uri``.

Endpoints: ``store_url`` + ``/query`` and ``/store`` (Oxigraph's layout), or set ``store_query_url``
and ``store_data_url`` for other servers (Fuseki: ``…/ds/query`` and ``…/ds/data``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO

import httpx
import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..settings import Settings
from .binding import bind
from .store import Term, rows, triple_lines, write_nquads

RESULTS_JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"


class SparqlStore:
    """See the module docstring and :mod:`pipeline.graph.store` for the contract."""

    def __init__(self, query_url: str, data_url: str, *, timeout: float = 30.0, read_only: bool = False,
                 client: httpx.Client | None = None):
        self.query_url = query_url
        self.data_url = data_url
        self.read_only = read_only
        self._client = client or httpx.Client(timeout=timeout, follow_redirects=False,
                                              headers={"User-Agent": "naravard store client"})

    @classmethod
    def from_settings(cls, settings: Settings, *, read_only: bool = False) -> SparqlStore:
        base = (settings.store_url or "").rstrip("/")
        return cls(settings.store_query_url or f"{base}/query", settings.store_data_url or f"{base}/store",
                   timeout=settings.query_timeout, read_only=read_only)

    # -- writing ---------------------------------------------------------------------------
    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        self._check_writable()
        triples = list(dict.fromkeys(q.triple for q in quads))
        if not triples:
            self.remove_graph(graph)
            return
        self._put(graph, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))

    def load_graph(self, graph: str, ntriples: bytes, *, bulk: bool = False, atomic: bool = True) -> None:
        """As ``replace_graph``: one PUT, which the server applies whole (``bulk`` and ``atomic`` change nothing here)."""
        self._check_writable()
        if not ntriples.strip():
            self.remove_graph(graph)
            return
        self._put(graph, ntriples)

    def load_new_graphs(self, parts: Sequence[tuple[str, bytes]]) -> None:
        """One PUT per graph (the Graph Store Protocol writes one graph at a time)."""
        for graph, nquads in parts:
            self.load_graph(graph, triple_lines(nquads, graph))

    def add(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        self._check_writable()
        triples = list(dict.fromkeys(q.triple for q in quads))
        if not triples:
            return
        response = self._send("POST", self.data_url, params={"graph": graph},
                              content=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES),
                              headers={"Content-Type": NTRIPLES})
        self._expect(response, (200, 201, 204), f"add to graph {graph}")

    def _put(self, graph: str, body: bytes) -> None:
        response = self._send("PUT", self.data_url, params={"graph": graph}, content=body,
                              headers={"Content-Type": NTRIPLES})
        self._expect(response, (200, 201, 204), f"replace graph {graph}")

    def remove_graph(self, graph: str) -> None:
        self._check_writable()
        response = self._send("DELETE", self.data_url, params={"graph": graph})
        self._expect(response, (200, 204, 404), f"remove graph {graph}")

    # -- reading ---------------------------------------------------------------------------
    def graphs(self) -> list[str]:
        response = self._post_query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", RESULTS_JSON, union=False)
        solutions = ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)
        return sorted(s["g"].value for s in solutions if isinstance(s["g"], ox.NamedNode))

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        for name in [graph] if graph else self.graphs():
            response = self._send("GET", self.data_url, params={"graph": name}, headers={"Accept": NTRIPLES})
            if response.status_code == 404:
                continue
            self._expect(response, (200,), f"read graph {name}")
            g = ox.NamedNode(name)
            for q in ox.parse(response.content, ox.RdfFormat.N_TRIPLES):
                yield ox.Quad(q.subject, q.predicate, q.object, g)

    def optimize(self) -> None:
        """Nothing to do: the server manages its own storage."""

    def count(self) -> int:
        result = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(result[0]["n"].value) if result else 0

    def select(self, sparql: str, params: dict[str, str] | None = None) -> list[dict[str, Term | None]]:
        result = self.query(sparql, params)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("select() needs a SELECT query", hint="use query() for ASK, CONSTRUCT and DESCRIBE")
        return rows(result)

    def query(self, sparql: str, params: dict[str, str] | None = None):
        """QuerySolutions for SELECT, bool for ASK, list of Triples for CONSTRUCT/DESCRIBE."""
        response = self._post_query(bind(sparql, params), f"{RESULTS_JSON}, {NTRIPLES};q=0.9")
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if media == NTRIPLES or media.startswith("text/turtle"):
                fmt = ox.RdfFormat.N_TRIPLES if media == NTRIPLES else ox.RdfFormat.TURTLE
                return [q.triple for q in ox.parse(response.content, fmt)]
            result = ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.query_url}: unreadable response ({media}): {exc}", subject=self.query_url) from exc
        return bool(result) if isinstance(result, ox.QueryBoolean) else result

    def dump_nquads(self, out: BinaryIO, *, sorted_: bool = True) -> None:
        write_nquads(self.quads(), out, sorted_=sorted_)

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> SparqlStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- HTTP ------------------------------------------------------------------------------
    def _post_query(self, sparql: str, accept: str, *, union: bool = True) -> httpx.Response:
        form: list[tuple[str, str]] = [("query", sparql)]
        if union:
            names = self.graphs()
            form += [("default-graph-uri", g) for g in names] + [("named-graph-uri", g) for g in names]
        response = self._send("POST", self.query_url, data=form, headers={"Accept": accept})
        if response.status_code == 400:
            raise QueryError(f"SPARQL query refused by {self.query_url}: {response.text.strip()[:300]}",
                             hint="check the query text", subject=sparql)
        self._expect(response, (200,), "query")
        return response

    def _send(self, method: str, url: str, **kwargs) -> httpx.Response:
        if "data" in kwargs:  # a list of pairs: form-encode it ourselves so repeated keys survive
            from urllib.parse import urlencode

            kwargs["content"] = urlencode(kwargs.pop("data")).encode()
            kwargs.setdefault("headers", {})["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            return self._client.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            raise StoreError(f"{url}: the SPARQL server did not answer in time", subject=url,
                             hint="raise query_timeout in naravard.toml or check the server") from exc
        except httpx.HTTPError as exc:
            raise StoreError(f"{url}: cannot reach the SPARQL server: {exc}", subject=url,
                             hint="check store_url in naravard.toml and that the server is running") from exc

    def _expect(self, response: httpx.Response, ok: tuple[int, ...], what: str) -> None:
        if response.status_code not in ok:
            raise StoreError(f"{response.request.url}: could not {what}: HTTP {response.status_code} "
                             f"{response.text.strip()[:200]}", subject=str(response.request.url))

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.data_url}: the store is open read-only", subject=self.data_url)
