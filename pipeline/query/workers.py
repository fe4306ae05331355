"""Query worker processes for the endpoint: each holds the store open read-only and answers one query
at a time, so a query that runs too long can be stopped by ending its process.

The parent sends ``Job`` records and gets back ``Answer`` records (already serialised bytes). A
worker that does not answer within the timeout is terminated and replaced; the caller gets
``TimeoutError``. Workers are started with the ``spawn`` method, so they share no state with the
server process.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NaravardError, StoreError


@dataclass(frozen=True, slots=True)
class Job:
    sparql: str | None = None  # raw SPARQL (protocol requests)
    saved: str | None = None  # or the name of a saved query, with params
    params: dict[str, str] = field(default_factory=dict)
    accept: str = ""  # Accept header or a format name
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    content_type: str
    body: bytes
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    store_path: Path
    ontology: Path
    base_iri: str
    max_results: int


def _worker_main(conn, config: WorkerConfig) -> None:
    from ..graph.oxigraph_store import OxigraphStore
    from ..settings import Settings
    from .answer import answer

    settings = Settings(ontology=config.ontology, base_iri=config.base_iri, max_results=config.max_results)
    try:
        store = OxigraphStore(config.store_path, read_only=True)
    except NaravardError as exc:
        conn.send(Answer(500, "text/plain; charset=utf-8", f"{exc}\n".encode()))
        return
    conn.send(Answer(200, "text/plain", b"ready"))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answer(store, job, settings))


class Worker:
    def __init__(self, ctx, config: WorkerConfig):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, config), daemon=True)
        self.process.start()
        child.close()
        try:
            hello = self.conn.recv() if self.conn.poll(60) else None
        except (EOFError, OSError):
            hello = None
        if hello is None or hello.status != 200:
            self.stop()
            message = hello.body.decode().strip() if hello else "the query worker process did not start"
            raise StoreError(f"{config.store_path}: {message}", subject=str(config.store_path))

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(5)
            if self.process.is_alive():
                self.process.kill()
        self.conn.close()


class WorkerPool:
    """``size`` workers; ``run(job, timeout)`` answers a job or raises TimeoutError (the worker is replaced)."""

    def __init__(self, config: WorkerConfig, size: int = 2):
        self._ctx = mp.get_context("spawn")
        self._config = config
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: list[Worker] = []
        self._lock = threading.Lock()
        for _ in range(max(1, size)):
            self._add()

    def _add(self) -> None:
        worker = Worker(self._ctx, self._config)
        with self._lock:
            self._all.append(worker)
        self._idle.put(worker)

    def run(self, job: Job, timeout: float, wait: float = 10.0) -> Answer:
        try:
            worker = self._idle.get(timeout=wait)
        except queue.Empty:
            raise TimeoutError("all query workers are busy") from None
        try:
            worker.conn.send(job)
            if worker.conn.poll(timeout):
                answer = worker.conn.recv()
                self._idle.put(worker)
                return answer
        except (EOFError, OSError, BrokenPipeError):
            pass
        self._replace(worker)
        raise TimeoutError(f"the query did not finish within {timeout:g} s")

    def _replace(self, worker: Worker) -> None:
        worker.stop()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
        self._add()

    def close(self) -> None:
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.stop()
