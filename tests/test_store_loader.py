"""New graphs loaded a batch at a time in the background, and what waits for them run in order."""

from __future__ import annotations

import threading
import time

import pyoxigraph as ox
import pytest

from pipeline.errors import StoreError
from pipeline.graph.loader import Loader
from pipeline.graph.store import open_store
from pipeline.settings import Settings

EX = "https://example.org/"


def graph(n: int) -> str:
    return f"https://w3id.org/naravard/graph/g{n}"


def nquads(n: int, size: int = 3) -> bytes:
    return "".join(f"<{EX}s{n}-{i}> <{EX}p> \"value {i}\" <{graph(n)}> .\n" for i in range(size)).encode()


@pytest.fixture
def store(tmp_path):
    with open_store(Settings(output=tmp_path)) as opened:
        yield opened


def test_load_new_graphs_loads_each_graph_whole_in_one_load(store):
    store.load_new_graphs([(graph(1), nquads(1)), (graph(2), nquads(2, 5).rstrip(b"\n"))])
    assert store.graphs() == [graph(1), graph(2)]
    assert sum(1 for _ in store.quads(graph(2))) == 5 and store.count() == 8


def test_load_new_graphs_refuses_a_quad_in_another_graph_and_loads_nothing(store):
    stray = nquads(1) + f"<{EX}x> <{EX}p> <{EX}y> <{graph(9)}> .\n".encode()
    with pytest.raises(StoreError, match="another graph"):
        store.load_new_graphs([(graph(2), nquads(2)), (graph(1), stray)])
    assert store.graphs() == []


class Recording:
    """A store whose loads are recorded and can be held back or made to fail."""

    def __init__(self, store, *, fail: bool = False):
        self.store, self.fail, self.loads, self.release = store, fail, [], threading.Event()
        self.release.set()
        self.active = 0  # loads running now
        self.lock = threading.Lock()

    def load_new_graphs(self, parts):
        with self.lock:
            self.active += 1
        try:
            self.release.wait(10)
            if self.fail:
                raise StoreError("disk full")
            self.store.load_new_graphs(parts)
            with self.lock:
                self.loads.append([g for g, _ in parts])
        finally:
            with self.lock:
                self.active -= 1


def test_graphs_are_loaded_in_batches_and_the_work_waiting_runs_in_order(store):
    recording, done = Recording(store), []
    loader = Loader(recording, batch_bytes=len(nquads(0)) * 2)  # two graphs a batch
    loader.after(lambda: done.append("before"))  # nothing pending: at once
    assert done == ["before"]
    recording.release.clear()  # the first batch's load is held back
    loader.add(graph(1), nquads(1), lambda s: done.append(("g1", s >= 0)))
    loader.after(lambda: done.append("after g1"))
    loader.add(graph(2), nquads(2), lambda s: done.append(("g2", s >= 0)))  # a full batch: its load starts
    loader.add(graph(3), nquads(3), lambda s: done.append(("g3", s >= 0)))
    loader.after(lambda: done.append("after g3"))
    assert done == ["before"]  # everything waits for the held load
    recording.release.set()
    loader.flush()
    assert sorted(recording.loads) == [[graph(1), graph(2)], [graph(3)]]
    assert done == ["before", ("g1", True), "after g1", ("g2", True), ("g3", True), "after g3"]
    assert store.graphs() == [graph(1), graph(2), graph(3)]
    loader.after(lambda: done.append("last"))  # all loaded: at once again
    assert done[-1] == "last"
    loader.close()


def test_two_loads_run_at_once(store):
    recording = Recording(store)
    recording.release.clear()
    loader = Loader(recording, batch_bytes=1)  # every graph its own batch
    loader.add(graph(1), nquads(1), lambda s: None)
    loader.add(graph(2), nquads(2), lambda s: None)  # starts while the first is held back
    for _ in range(500):
        if recording.active == 2:
            break
        time.sleep(0.01)
    assert recording.active == 2
    recording.release.set()
    loader.flush()
    assert sorted(recording.loads) == [[graph(1)], [graph(2)]] and store.graphs() == [graph(1), graph(2)]
    loader.close()


def test_graphs_gather_while_the_loads_run_and_only_past_the_bound_the_caller_waits(store):
    from pipeline.graph import loader as loader_module

    recording = Recording(store)
    recording.release.clear()
    loader = Loader(recording, batch_bytes=len(nquads(0)), loads=1)  # one graph a batch, one load at a time
    loader.add(graph(1), nquads(1), lambda s: None)  # its load starts and is held back
    for n in range(2, loader_module.HELD + 1):
        loader.add(graph(n), nquads(n), lambda s: None)  # gathered: the caller goes on
    assert recording.loads == []
    threading.Timer(0.2, recording.release.set).start()
    loader.add(graph(9), nquads(9), lambda s: None)  # past the bound: waits for the load, then starts the next
    assert recording.loads[0] == [graph(1)]
    loader.flush()
    assert recording.loads == [[graph(1)], [graph(n) for n in (*range(2, loader_module.HELD + 1), 9)]]
    loader.close()


def test_a_failed_load_is_raised_and_what_waited_for_it_never_runs(store):
    done = []
    recording = Recording(store, fail=True)
    recording.release.clear()  # the load fails only once everything below waits for it
    loader = Loader(recording, batch_bytes=1)  # every graph its own batch
    loader.add(graph(1), nquads(1), lambda s: done.append("g1"))
    loader.after(lambda: done.append("after g1"))
    recording.release.set()
    with pytest.raises(StoreError, match="disk full"):
        loader.flush()
    recording.fail = False  # a caller that goes on: what waited for the failed load is gone
    loader.add(graph(2), nquads(2), lambda s: done.append("g2"))
    loader.flush()
    assert done == ["g2"]
    loader.close()


def test_close_waits_for_the_load_running(store):
    recording = Recording(store)
    recording.release.clear()
    loader = Loader(recording, batch_bytes=1)
    loader.add(graph(1), nquads(1), lambda s: None)
    threading.Timer(0.2, recording.release.set).start()
    loader.close()  # returns only once the load is over: the store may then be closed
    assert recording.loads == [[graph(1)]] and ox.NamedNode(graph(1)).value in store.graphs()
