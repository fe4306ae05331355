"""The embedded on-disk store: atomic graph replacement (also under kill -9), reads, binding, dumps, locks."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import textwrap
import time

import pyoxigraph as ox
import pytest
from graph_helpers import copy_seed_store, open_seed_store

from pipeline.errors import QueryError, StoreError
from pipeline.graph.store import Store, open_store, triple_lines
from pipeline.settings import Settings

G = "https://w3id.org/naravard/graph/test"
EX = "https://example.org/"


def quads(n: int, tag: str, graph: str = G) -> list[ox.Quad]:
    g = ox.NamedNode(graph)
    return [ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(f"{tag} {i}"), g) for i in range(n)]


@pytest.fixture
def store(tmp_path):
    with open_store(Settings(output=tmp_path)) as opened:
        yield opened


def test_open_store_gives_the_embedded_store_by_default(store, tmp_path):
    assert isinstance(store, Store)
    assert (tmp_path / "store").is_dir()


def test_replace_graph_replaces_whole_and_keeps_other_graphs(store):
    store.replace_graph(G, quads(5, "old"))
    store.replace_graph(G + "2", quads(2, "other", G + "2"))
    store.replace_graph(G, quads(3, "new"))
    assert sorted(q.object.value for q in store.quads(G)) == ["new 0", "new 1", "new 2"]
    assert len(list(store.quads(G + "2"))) == 2
    assert store.graphs() == [G, G + "2"]
    assert store.count() == 5
    store.replace_graph(G, quads(3, "new"))  # unchanged content: nothing to do
    assert store.count() == 5
    store.replace_graph(G, [])
    assert store.graphs() == [G + "2"]
    store.remove_graph(G + "2")
    assert store.graphs() == [] and store.count() == 0


def test_quads_are_moved_into_the_named_graph_they_are_written_to(store):
    store.replace_graph(G, quads(2, "x", graph=EX + "elsewhere"))
    assert {q.graph_name.value for q in store.quads()} == {G}


def test_a_failure_while_producing_the_quads_leaves_the_old_graph(store):
    store.replace_graph(G, quads(4, "old"))

    def broken():
        yield from quads(2, "new")
        raise RuntimeError("extractor crashed")

    with pytest.raises(RuntimeError):
        store.replace_graph(G, broken())
    assert sorted(q.object.value for q in store.quads(G)) == [f"old {i}" for i in range(4)]


KILL_SCRIPT = textwrap.dedent("""
    import sys
    import pyoxigraph as ox
    from pathlib import Path
    from pipeline.graph.store import open_store
    from pipeline.settings import Settings
    n, graph = int(sys.argv[2]), sys.argv[3]
    g = ox.NamedNode(graph)
    new = [ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), ox.NamedNode("https://example.org/p"),
                   ox.Literal(f"new {i}"), g) for i in range(n)]
    store = open_store(Settings(output=Path(sys.argv[1])))
    print("writing", flush=True)
    store.replace_graph(graph, new)
    print("done", flush=True)
""")


def kill_while_writing(script: str, output, n: int) -> bool:
    """Run ``script`` (writing ``n`` quads to graph G under ``output``), kill -9 it 0.3 s after it starts
    writing; True if it had already finished."""
    proc = subprocess.Popen([sys.executable, "-c", script, str(output), str(n), G],
                            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout.readline().strip() == "writing"
    time.sleep(0.3)
    finished = proc.poll() is not None
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    return finished


@pytest.mark.slow
@pytest.mark.parametrize("existing", [True, False], ids=["update-existing-graph", "write-new-graph"])
def test_kill_during_replace_graph_leaves_the_previous_content(tmp_path, existing):
    n = 150_000
    old = {f"old {i}" for i in range(3)} if existing else set()
    if existing:
        with open_store(Settings(output=tmp_path)) as s:
            s.replace_graph(G, quads(3, "old"))
    finished = kill_while_writing(KILL_SCRIPT, tmp_path, n)
    with open_store(Settings(output=tmp_path)) as s:  # opens normally after the kill
        content = {q.object.value for q in s.quads(G)}
        s.replace_graph(G, quads(2, "after"))  # and the next run completes
        assert len(list(s.quads(G))) == 2
    assert content == old or (finished and len(content) == n), f"partial graph: {len(content)} quads"
    assert not finished, "the writer finished before it was killed; raise n"


def ntriples(items: list[ox.Quad]) -> bytes:
    return ox.serialize([q.triple for q in items], format=ox.RdfFormat.N_TRIPLES)


def objects(store, graph: str = G) -> list[str]:
    return sorted(q.object.value for q in store.quads(graph))


def test_load_graph_writes_replaces_and_removes_from_ntriples_bytes(store):
    store.load_graph(G, ntriples(quads(4, "old")))
    store.load_graph(G + "2", ntriples(quads(2, "other", G + "2")))
    assert objects(store) == [f"old {i}" for i in range(4)]
    store.load_graph(G, ntriples(quads(2, "old") + quads(3, "new")[2:]))  # keeps two, drops two, adds one
    assert objects(store) == ["new 2", "old 0", "old 1"]
    store.load_graph(G, ntriples(quads(2, "old") + quads(3, "new")[2:]))  # the same again: nothing changes
    assert objects(store) == ["new 2", "old 0", "old 1"] and store.count() == 5
    store.load_graph(G, b"")
    assert store.graphs() == [G + "2"] and store.count() == 2


def test_load_graph_not_atomic_writes_in_bounded_parts_with_the_same_result(store, monkeypatch):
    from pipeline.graph import oxigraph_store

    monkeypatch.setattr(oxigraph_store, "UPDATE_BATCH", 3)
    monkeypatch.setattr(oxigraph_store, "BULK_BATCH", 3)
    calls: list[tuple[str, str]] = []
    monkeypatch.setattr(store, "_store", _Spy(store._store, calls))
    store.load_graph(G, ntriples(quads(7, "old")), atomic=False)  # a new graph: 3 + 3 + 1 triples
    assert objects(store) == [f"old {i}" for i in range(7)]
    assert [verb for verb, _ in calls] == ["bulk_load"] * 3
    calls.clear()
    store.load_graph(G, ntriples(quads(5, "old") + quads(9, "new")[5:]), atomic=False)
    assert objects(store) == [f"new {i}" for i in range(5, 9)] + [f"old {i}" for i in range(5)]
    assert [verb for verb, _ in calls] == ["update", "bulk_load", "bulk_load"]  # 2 deleted; 4 added: many
    assert "DELETE DATA" in calls[0][1] and all(text.count(f"<{EX}s") <= 3 for _, text in calls)
    calls.clear()
    store.load_graph(G, ntriples(quads(5, "old") + quads(9, "new")[5:]), atomic=False)
    assert calls == []  # unchanged: nothing written
    calls.clear()
    store.load_graph(G, ntriples(quads(6, "old") + quads(9, "new")[5:]), atomic=False)
    assert [verb for verb, _ in calls] == ["update"] and "INSERT DATA" in calls[0][1]  # 1 added: few


class _Spy:
    """A pyoxigraph store whose writes (``update``, ``bulk_load``) are recorded with their text."""

    def __init__(self, store, calls: list[tuple[str, str]]):
        self._inner, self._calls = store, calls

    def update(self, text: str):
        self._calls.append(("update", text))
        return self._inner.update(text)

    def bulk_load(self, data: bytes, **options):
        self._calls.append(("bulk_load", data.decode()))
        return self._inner.bulk_load(data, **options)

    def __getattr__(self, name):
        return getattr(self._inner, name)


def test_invalid_ntriples_are_a_store_error_and_keep_an_existing_graph(store):
    store.load_graph(G, ntriples(quads(2, "old")))
    with pytest.raises(StoreError, match="invalid data"):
        store.load_graph(G, ntriples(quads(3, "new")) + b"<not closed .\n")
    assert objects(store) == ["old 0", "old 1"]


def test_triple_lines_cuts_the_graph_from_nquads_and_refuses_other_graphs():
    g = ox.NamedNode(G)
    built = [ox.Quad(ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{EX}p"), ox.Literal(f'v "{i}" <{G}> .\n'), g)
             for i in range(3)]
    data = ox.serialize(built, format=ox.RdfFormat.N_QUADS)
    assert triple_lines(data, G) == ntriples(built)
    messy = "".join(f"# comment\n<{EX}s{i}>  <{EX}p> \"v {i}\"@sv <{G}> .\n" for i in range(2)).encode()
    assert triple_lines(messy, G) == "".join(f'<{EX}s{i}> <{EX}p> "v {i}"@sv .\n' for i in range(2)).encode()
    with pytest.raises(StoreError, match="in another graph"):
        triple_lines(ox.serialize(built[:1] + quads(1, "y", graph=G + "2"), format=ox.RdfFormat.N_QUADS), G)
    with pytest.raises(StoreError, match="in another graph"):
        triple_lines(f"<{EX}s> <{EX}p> <{EX}o> .\n".encode(), G)  # a triple: the default graph
    assert triple_lines(b"", G) == b""


def test_load_graph_keeps_literals_exactly(store):
    g = ox.NamedNode(G)
    odd = [ox.Literal('quote " backslash \\ tab \t line\nnext ä €'), ox.Literal("x", language="sv"),
           ox.Literal("0.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
           ox.Literal("12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))]
    written = [ox.Quad(ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{EX}p{i}"), o, g) for i, o in enumerate(odd)]
    store.load_graph(G, ntriples(written))
    store.load_graph(G, ntriples(written[1:]))  # an update through SPARQL text: the others stay as they were
    assert sorted(map(str, store.quads(G))) == sorted(map(str, written[1:]))
    store.load_graph(G, ntriples(written))
    assert sorted(map(str, store.quads(G))) == sorted(map(str, written))


@pytest.mark.parametrize("bulk", [True, False])
def test_load_graph_repairs_a_partly_written_new_graph(store, bulk):
    """What a kill in the middle of bulk-loading a new graph leaves (some of its quads, or of an earlier
    build of it) is replaced whole by the next write of the graph."""
    store.add(G, quads(5, "new")[:2] + quads(3, "stale"))
    store.load_graph(G, ntriples(quads(5, "new")), bulk=bulk)
    assert objects(store) == [f"new {i}" for i in range(5)]


def test_bulk_loaded_graphs_read_the_same_before_and_after_optimize(store, tmp_path):
    for i in range(5):
        store.load_graph(f"{G}{i}", ntriples(quads(20, f"g{i}", f"{G}{i}")), bulk=True)
    store.load_graph(f"{G}0", ntriples(quads(10, "again", f"{G}0")), bulk=True)  # existing: replaced whole
    before = io.BytesIO()
    store.dump_nquads(before)
    store.optimize()
    after = io.BytesIO()
    store.dump_nquads(after)
    assert before.getvalue() == after.getvalue() and store.count() == 90
    assert objects(store, f"{G}0") == sorted(f"again {i}" for i in range(10))


def test_add_appends_to_a_graph(store):
    store.replace_graph(G, quads(2, "a"))
    store.add(G, quads(3, "b", graph=EX + "elsewhere"))  # moved into G, like replace_graph
    store.add(G, quads(3, "b"))  # repeats are no-ops
    store.add(G + "2", [])
    assert objects(store) == ["a 0", "a 1", "b 0", "b 1", "b 2"]
    assert store.graphs() == [G]


BULK_KILL_SCRIPT = textwrap.dedent("""
    import sys
    import pyoxigraph as ox
    from pathlib import Path
    from pipeline.graph.store import open_store
    from pipeline.settings import Settings
    n, graph = int(sys.argv[2]), sys.argv[3]
    g = ox.NamedNode(graph)
    data = ox.serialize([ox.Triple(ox.NamedNode(f"https://example.org/s{i}"), ox.NamedNode("https://example.org/p"),
                                   ox.Literal(f"new {i}")) for i in range(n)], format=ox.RdfFormat.N_TRIPLES)
    store = open_store(Settings(output=Path(sys.argv[1])))
    print("writing", flush=True)
    store.load_graph(graph, data, bulk=True)
    print("done", flush=True)
""")


@pytest.mark.slow
def test_kill_during_a_bulk_load_is_repaired_by_the_next_write(tmp_path):
    n = 400_000
    finished = kill_while_writing(BULK_KILL_SCRIPT, tmp_path, n)
    assert not finished, "the writer finished before it was killed; raise n"
    with open_store(Settings(output=tmp_path)) as s:  # opens normally after the kill
        assert s.count() <= n  # nothing, part or all of it: a new graph is not written atomically
        s.load_graph(G, ntriples(quads(3, "after")))
        assert objects(s) == [f"after {i}" for i in range(3)]


def test_select_binds_parameters_as_terms_never_as_text(store):
    store.replace_graph(G, quads(3, "v"))
    rows = store.select("SELECT ?s WHERE { ?s ?p ?o }", {"o": "v 1"})
    assert [r["s"].value for r in rows] == [EX + "s1"]
    rows = store.select("SELECT ?o WHERE { ?s ?p ?o }", {"s": EX + "s2"})
    assert [r["o"].value for r in rows] == ["v 2"]
    hostile = 'v 1" } } ; DROP ALL ; SELECT * WHERE { ?s ?p "'
    assert store.select("SELECT ?s WHERE { ?s ?p ?o }", {"o": hostile}) == []
    assert store.count() == 3


def test_select_returns_every_variable_with_none_when_unbound(store):
    store.replace_graph(G, quads(1, "v"))
    [row] = store.select("SELECT ?s ?missing WHERE { ?s ?p ?o OPTIONAL { ?s <urn:x> ?missing } }")
    assert set(row) == {"s", "missing"} and row["missing"] is None


def test_queries_see_the_union_of_graphs_and_graph_names(store):
    store.replace_graph(G, quads(1, "a"))
    store.replace_graph(G + "2", quads(1, "b", G + "2"))
    assert len(store.select("SELECT * WHERE { ?s ?p ?o }")) == 2
    graphs = {r["g"].value for r in store.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert graphs == {G, G + "2"}
    assert store.query("ASK { ?s ?p 'a 0' }") is True
    triples = store.query("CONSTRUCT { ?s <urn:q> ?o } WHERE { ?s ?p ?o }")
    assert len(triples) == 2 and all(isinstance(t, ox.Triple) for t in triples)


def test_syntax_error_is_a_query_error(store):
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        store.select("SELECT ?s WHERE { ?s ?p }")


def test_dump_is_canonical_sorted_and_independent_of_insertion_order(tmp_path):
    dumps = []
    for name, order in (("a", 1), ("b", -1)):
        with open_store(Settings(output=tmp_path / name)) as s:
            for graph in [G, G + "2"][::order]:
                s.replace_graph(graph, quads(50, graph[-4:], graph)[::order])
            out = io.BytesIO()
            s.dump_nquads(out)
            dumps.append(out.getvalue())
    assert dumps[0] == dumps[1]
    lines = dumps[0].decode().splitlines()
    assert lines == sorted(lines) and len(lines) == 100
    assert len(list(ox.parse(dumps[0], ox.RdfFormat.N_QUADS))) == 100


def test_read_only_store_reads_alongside_and_refuses_writes(tmp_path):
    settings = copy_seed_store(tmp_path)
    with open_store(settings, read_only=True) as first, open_store(settings, read_only=True) as second:
        assert first.count() == second.count() > 0
        with pytest.raises(StoreError, match="read-only"):
            first.replace_graph(G, quads(1, "x"))
        with pytest.raises(StoreError, match="read-only"):
            first.optimize()


def test_a_second_writer_is_told_the_store_is_in_use(tmp_path):
    settings = Settings(output=tmp_path)
    with open_store(settings):
        with pytest.raises(StoreError, match="in use by another naravard process"):
            open_store(settings)


def test_missing_store_and_closed_store_are_clear_errors(tmp_path):
    with pytest.raises(StoreError, match=r"no store here"):
        open_store(Settings(output=tmp_path / "none"), read_only=True)
    store = open_store(Settings(output=tmp_path))
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.graphs()


def test_seed_store_has_one_graph_per_source_plus_ontology_runs_and_summary():
    with open_seed_store() as store:
        names = [g.rsplit("/", 1)[-1] for g in store.graphs()]
    assert names == sorted(["fou-sormland-malbild", "gnesta-nara-vard", "ontology", "region-halland-god-och-nara-vard",
                            "region-sormland-nara-vard", "runs", "skl-omstallning-nara-vard", "summary"])
