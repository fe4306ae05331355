"""The SPARQL 1.1 server backend, against a real Oxigraph server started on 127.0.0.1 by the test."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from graph_helpers import build_store, free_port, open_seed_store, seed_store_dir

from pipeline.errors import QueryError, StoreError
from pipeline.graph.sparql_store import SparqlStore
from pipeline.graph.store import open_store
from pipeline.query import run_query
from pipeline.query.library import query_dir, saved_queries
from pipeline.settings import Settings

G = "https://w3id.org/naravard/graph/test"


def oxigraph_binary() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    proc = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if httpx.get(url + "/query", params={"query": "ASK {}"}, timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail(f"oxigraph server did not start: {proc.stderr.read().decode()[:500]}")
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def seeded(server, tmp_path_factory):
    """The seed corpus written through the Graph Store Protocol (same code path as ingest)."""
    settings = Settings(output=tmp_path_factory.mktemp("unused"), store_url=server)
    build_store(settings.output, settings)
    return settings


def test_open_store_picks_the_server_from_store_url(server):
    with open_store(Settings(store_url=server)) as store:
        assert isinstance(store, SparqlStore)
        assert store.query_url == server + "/query" and store.data_url == server + "/store"


def test_replace_and_remove_graphs_through_the_graph_store_protocol(server):
    g = ox.NamedNode(G)
    with open_store(Settings(store_url=server)) as store:
        first = [ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p"),
                         ox.Literal(f'line "{i}"\nnext', language="sv"), g) for i in range(3)]
        store.replace_graph(G, first)
        store.replace_graph(G, first[:1])  # PUT replaces the whole graph
        assert [q.object for q in store.quads(G)] == [first[0].object]
        assert G in store.graphs()
        store.remove_graph(G)
        store.remove_graph(G)  # removing a missing graph is fine
        assert G not in store.graphs()


def test_the_seed_graphs_on_the_server_equal_the_embedded_store(seeded):
    remote, local = io.BytesIO(), io.BytesIO()
    with open_store(seeded) as store:
        store.dump_nquads(remote)
        assert store.count() > 10_000
    with open_seed_store() as store:
        store.dump_nquads(local)
    assert remote.getvalue() == local.getvalue()


def test_every_saved_query_answers_the_same_on_server_and_embedded_store(seeded):
    params = {"region-profile": {"region": "Sörmland"}, "concept-mentions": {"concept": "principle/personcentrering"},
              "concept-card": {"concept": "region/Halland"}, "is-mentioned": {"concept": "principle/kontinuitet"},
              "statement-provenance": {"subject": "shift/reaktiv-till-proaktiv"}}
    with open_store(seeded) as remote, open_seed_store() as local:
        for q in saved_queries(query_dir(seeded.ontology)):
            a = run_query(remote, q.name, params.get(q.name, {}), settings=seeded)
            b = run_query(local, q.name, params.get(q.name, {}), settings=seeded)
            assert (a.kind, a.variables, a.boolean) == (b.kind, b.variables, b.boolean), q.name
            assert sorted(map(cells, a.rows)) == sorted(map(cells, b.rows)), q.name
            assert sorted(map(str, a.triples)) == sorted(map(str, b.triples)), q.name


def cells(row) -> tuple:
    """A row for comparison; GROUP_CONCAT lists are compared as sets (their order is up to the engine)."""
    return tuple("" if t is None else " ".join(sorted(t.value.replace(",", " ").split())) for t in row)


def test_parameters_and_errors_over_http(seeded):
    with open_store(seeded) as store:
        rows = store.select("SELECT ?s WHERE { ?s <http://purl.org/dc/terms/identifier> ?id }",
                            {"id": "gnesta-nara-vard"})
        assert [r["s"].value for r in rows] == ["https://w3id.org/naravard/source/gnesta-nara-vard"]
        with pytest.raises(QueryError, match="SPARQL query refused"):
            store.select("SELECT ?s WHERE { ?s ?p }")


def test_read_only_and_unreachable_server_are_clear_errors(server):
    with open_store(Settings(store_url=server), read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.remove_graph(G)
    dead = f"http://127.0.0.1:{free_port()}"
    with open_store(Settings(store_url=dead, query_timeout=2)) as store:
        with pytest.raises(StoreError, match="cannot reach the SPARQL server"):
            store.graphs()


def test_seed_store_dir_is_shared():
    assert (seed_store_dir() / "store" / "CURRENT").is_file()


def test_load_graph_and_add_through_the_graph_store_protocol(server):
    g = ox.NamedNode(G)
    items = [ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), ox.NamedNode("https://example.org/p"),
                     ox.Literal(f"v {i}"), g) for i in range(4)]
    with open_store(Settings(store_url=server)) as store:
        store.load_graph(G, ox.serialize([q.triple for q in items[:3]], format=ox.RdfFormat.N_TRIPLES))
        store.load_graph(G, ox.serialize([q.triple for q in items[1:3]], format=ox.RdfFormat.N_TRIPLES))  # PUT: whole
        assert sorted(q.object.value for q in store.quads(G)) == ["v 1", "v 2"]
        store.add(G, items[2:])  # POST appends; a repeat is a no-op
        assert sorted(q.object.value for q in store.quads(G)) == ["v 1", "v 2", "v 3"]
        store.load_graph(G, b"")
        assert G not in store.graphs()


def test_new_graphs_are_loaded_one_put_each(server):
    graphs = [f"{G}/new-{i}" for i in range(2)]
    parts = [(g, ox.serialize([ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"),
                                       ox.Literal(f"in {i}"), ox.NamedNode(g))], format=ox.RdfFormat.N_QUADS))
             for i, g in enumerate(graphs)]
    with open_store(Settings(store_url=server)) as store:
        store.load_new_graphs(parts)
        assert [[q.object.value for q in store.quads(g)] for g in graphs] == [["in 0"], ["in 1"]]
        with pytest.raises(StoreError, match="another graph"):  # each part must hold only its own graph
            store.load_new_graphs([(graphs[0], parts[1][1])])
        for g in graphs:
            store.remove_graph(g)
