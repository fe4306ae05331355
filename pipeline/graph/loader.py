"""New graphs bulk-loaded many at a time, in background threads, and the work that must wait for them.

A first ingest writes thousands of new graphs. Each bulk load has a fixed cost (sorted files for
every index, handed to RocksDB), so loading the graphs of a dozen pages in one load takes about a
fifth less CPU than loading them one by one (measured on the benchmark's pages: 9.8 → 7.6 µs a quad
at ten pages a load), but runs on one core; so loads run in background threads, two at a time, beside
Python (the store's loader releases the GIL): with one worker, the next documents are parsed and
extracted while the last ones are loaded, and with more the workers are not kept waiting.

A source may be recorded as done only once its graph is in the store, and sources are recorded in
the order they were committed; so everything that records a source goes through the loader too:

    loader = Loader(store)
    loader.add(graph, nquads, then)   # a graph the store does not hold yet; then(seconds) once loaded
    loader.after(fn)                  # fn() once every graph added so far is loaded (at once if none is pending)
    loader.flush()                    # load what is gathered, run everything waiting
    loader.close()                    # wait for the loads running (what still waits is dropped)

A batch is loaded once it holds ``batch_bytes`` and fewer than ``LOADS`` loads run; while they run,
the next batch keeps growing, and only past ``HELD`` batch sizes does the calling process wait for
the oldest (so the workers feeding it are not left idle by a load, and memory stays bounded). Loads
may end in any order; what waits for a batch runs once it and every batch before it are loaded. An
error of a load is raised by the next call that waits for it, and what waited for it never runs.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

BATCH_BYTES = 16 * 2**20  # N-Quads per load: about a dozen benchmark pages
HELD = 4  # batch sizes gathered while the loads run before the calling process waits for one
LOADS = 2  # loads at a time


class Loader:
    """See the module docstring. ``store`` needs ``load_new_graphs(parts)`` (:mod:`pipeline.graph.store`)."""

    def __init__(self, store, batch_bytes: int = BATCH_BYTES, loads: int = LOADS):
        self._store, self._limit, self._loads = store, batch_bytes, loads
        self._threads = ThreadPoolExecutor(max_workers=loads, thread_name_prefix="naravard-loader")
        self._parts: list[tuple[str, bytes]] = []
        self._size = 0
        self._batch = 0  # the number of the batch being gathered
        self._running: deque[tuple[int, Future, int]] = deque()  # number, its load, its bytes; oldest first
        self._waiting: deque[tuple[int, Callable, int | None]] = deque()  # batch waited for, work, bytes

    def add(self, graph: str, nquads: bytes, then: Callable[[float], None]) -> None:
        """Load ``nquads`` (all in ``graph``, which the store does not hold); then ``then(seconds)``, its
        share of the load's time, after the work waiting before it."""
        self._parts.append((graph, nquads))
        self._size += len(nquads)
        self._waiting.append((self._batch, then, len(nquads)))
        self._collect()
        if self._size >= self._limit and (len(self._running) < self._loads or self._size >= HELD * self._limit):
            self._start()

    def after(self, fn: Callable[[], None]) -> None:
        """Run ``fn()`` once every graph added so far is loaded, after the work waiting before it."""
        if not self._waiting and not self._parts:
            fn()
            return
        self._waiting.append((self._batch if self._parts else self._batch - 1, fn, None))
        self._collect()

    def flush(self) -> None:
        """Load every graph gathered and run all the work waiting for them."""
        if self._parts:
            self._start()
        while self._running:
            self._finish()

    def close(self) -> None:
        """Wait for the loads running (a store must not close under them); nothing further is loaded or run."""
        self._parts.clear()
        self._waiting.clear()
        self._threads.shutdown(wait=True)

    def _start(self) -> None:
        if len(self._running) >= self._loads:
            self._finish()
        parts, size = self._parts, self._size
        self._parts, self._size = [], 0
        self._running.append((self._batch, self._threads.submit(self._load, parts), size))
        self._batch += 1

    def _load(self, parts: list[tuple[str, bytes]]) -> float:
        clock = time.perf_counter()
        self._store.load_new_graphs(parts)
        return time.perf_counter() - clock

    def _collect(self) -> None:
        """Run the work of the loads that have finished, without waiting for one that has not."""
        while self._running and self._running[0][1].done():
            self._finish()

    def _finish(self) -> None:
        """Wait for the oldest load, then run what waits for it (and for nothing later)."""
        number, future, size = self._running.popleft()
        try:
            seconds = future.result()
        except BaseException:  # a failed load: what waits for it is dropped, never run
            while self._waiting and self._waiting[0][0] <= number:
                self._waiting.popleft()
            raise
        while self._waiting and self._waiting[0][0] <= number:
            _, fn, share = self._waiting.popleft()
            if share is None:
                fn()
            else:
                fn(seconds * share / size if size else 0.0)
