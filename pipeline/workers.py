"""Steps 1–4 of ingesting one source (fetch, parse, extract, graph), run in worker processes.

:func:`process` turns a :class:`Job` into an :class:`Outcome` and never raises: a failure is an
outcome too, so one bad source cannot stop a run. Each worker keeps one HTTP client (robots.txt
cache, connection pool) and compiles the extraction knowledge once, on the first document that
needs it, so a run in which nothing changed never pays for it. The worker keeps the graph in
history as canonical N-Quads and hands the same bytes back: cheap to pass between processes, and
bulk-loaded by the store as they are.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
import traceback
from collections import Counter
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from .errors import EmptyDocumentError, NaravardError, NotFoundError
from .fetch import fetch, open_client, uses_network
from .fetch.cache import SnapshotCache
from .fingerprints import graph_hash
from .history import History
from .settings import Settings
from .types import Source


@dataclass(frozen=True, slots=True)
class Job:
    """One source to process, with what the last good ingest left (to skip unchanged content)."""

    source: Source
    run_iri: str
    skip_sha: str | None = None  # content hash whose graph is current in the store: no need to rebuild
    fallback: bool = False  # may read the snapshot if the network fails (never ingested yet)
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a worker made of one Job: ``built`` (with its graph), ``same``, ``gone`` or ``failed``."""

    job: Job
    kind: str
    sha256: str | None = None
    http_status: int | None = None
    final_url: str | None = None
    redirects: tuple[str, ...] = ()
    from_snapshot: bool = False
    nquads: bytes | None = None  # the graph as canonical N-Quads, as history keeps it
    graph_hash: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    pdf_links: tuple[str, ...] | None = None  # None: the page was not parsed in this run
    error: str | None = None
    hint: str | None = None
    timings: dict[str, float] = field(default_factory=dict)


_CONTEXT: dict[str, object] = {}


def _init_worker(settings: Settings, close: tuple[int, ...] = (), parent: int | None = None) -> None:
    """Set up a worker: its settings and snapshot cache; in a worker process also close the calling
    process's lock (so the lock dies with that process) and watch that process (see :func:`_orphan_watch`)."""
    _CONTEXT.clear()
    _CONTEXT["settings"] = settings
    _CONTEXT["cache"] = SnapshotCache(settings.output)
    for fd in close:
        try:
            os.close(fd)
        except OSError:
            pass
    if parent is not None:
        threading.Thread(target=_orphan_watch, args=(parent,), name="naravard-orphan-watch", daemon=True).start()


def _orphan_watch(parent: int, interval: float = 0.5) -> None:
    """Exit the worker once the process that started it is gone (killed with -9, say): an orphaned
    worker would otherwise wait for work forever."""
    while os.getppid() == parent:
        time.sleep(interval)
    os._exit(1)


def _client():
    if "client" not in _CONTEXT:
        _CONTEXT["client"] = open_client(_CONTEXT["settings"])
    return _CONTEXT["client"]


def _knowledge():
    if "knowledge" not in _CONTEXT:
        from .extract import load_knowledge

        _CONTEXT["knowledge"] = load_knowledge(_CONTEXT["settings"])
    return _CONTEXT["knowledge"]


def process(job: Job) -> Outcome:
    """Steps 1–4 for one source; never raises (a failure is an Outcome)."""
    settings, cache = _CONTEXT["settings"], _CONTEXT["cache"]
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    try:
        client = _client() if uses_network(job.source, settings) else None
        fetched = fetch(job.source, settings, cache, client=client, fallback=job.fallback)
    except NotFoundError as exc:
        return Outcome(job, "gone", error=str(exc), hint=exc.hint, timings={"fetch": time.perf_counter() - clock})
    except Exception as exc:  # noqa: BLE001 - one source's failure must not stop the run
        return _failed(job, exc, {"fetch": time.perf_counter() - clock})
    timings["fetch"] = time.perf_counter() - clock
    seen = dict(sha256=fetched.sha256, http_status=fetched.status if not fetched.from_snapshot else None,
                final_url=fetched.final_url, redirects=tuple(fetched.redirects), from_snapshot=fetched.from_snapshot)
    if fetched.sha256 == job.skip_sha:
        return Outcome(job, "same", timings=timings, **seen)
    try:
        cache.keep(fetched.content, fetched.sha256)  # every snapshot is kept
        return _build(job, fetched, settings, timings, seen)
    except Exception as exc:  # noqa: BLE001
        return _failed(job, exc, timings, **seen)


def _build(job: Job, fetched, settings: Settings, timings: dict[str, float], seen: dict) -> Outcome:
    from .extract import extract
    from .fetch.follow import pdf_links
    from .graph.build import built_source
    from .parse import parse

    clock = time.perf_counter()
    document = parse(fetched, settings)
    if not document.text.strip():  # storing it would replace the previous graph with an empty one
        raise EmptyDocumentError(f"{job.source.url}: no text could be read from the document", subject=job.source.url,
                                 hint=document.warnings[0] if document.warnings else
                                 "check that the source serves the document itself")
    timings["parse"] = time.perf_counter() - (clock)
    clock = time.perf_counter()
    extraction = extract(document, _knowledge())
    timings["extract"] = time.perf_counter() - clock
    clock = time.perf_counter()
    # the summary share is worked out here, in parallel, rather than by the summary at the end of the run
    nquads, share = built_source(job.source, fetched, extraction, settings, run_iri=job.run_iri)
    ghash = graph_hash(nquads)
    timings["graph"] = time.perf_counter() - clock
    clock = time.perf_counter()
    history = History(settings)
    history.keep_graph(job.source.id, ghash, nquads)  # content-addressed: safe from any process
    history.keep_contribution(job.source.id, ghash, share)
    timings["history"] = time.perf_counter() - clock
    links = pdf_links(document, fetched.final_url or fetched.url) if job.source.follow_pdfs else None
    counts = dict(sorted(Counter(c.type for c in extraction.concepts).items()))
    return Outcome(job, "built", nquads=nquads, graph_hash=ghash, counts=counts, pdf_links=links,
                   timings=timings, **seen)


def _failed(job: Job, exc: BaseException, timings: dict[str, float], **seen) -> Outcome:
    if isinstance(exc, NaravardError):
        return Outcome(job, "failed", error=str(exc), hint=exc.hint, timings=timings, **seen)
    where = job.source.url
    trace = traceback.extract_tb(exc.__traceback__)[-1:]
    at = f" at {os.path.basename(trace[0].filename)}:{trace[0].lineno}" if trace else ""
    detail = " ".join(str(exc).split())[:300]
    return Outcome(job, "failed", error=f"{where}: internal error {type(exc).__name__}: {detail}{at}",
                   hint="this is a bug in naravard; run with --debug and report it", timings=timings, **seen)


class _Inline:
    """The executor for ``--jobs 1``: runs each job at once in this process."""

    def __init__(self, settings: Settings):
        _init_worker(settings)

    def submit(self, fn, job) -> Future:
        future: Future = Future()
        future.set_result(fn(job))
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        client = _CONTEXT.pop("client", None)
        if client is not None:
            client.close()


def executor(settings: Settings, jobs: int, *, close: tuple[int, ...] = ()):
    """``jobs`` worker processes (or this process for one job); ``close``: file descriptors of this
    process that the workers must not keep open (the ingest lock)."""
    if jobs <= 1:
        return _Inline(settings)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                               initargs=(settings, close if context.get_start_method() == "fork" else (), os.getpid()))
    pool.submit(os.getpid).result()  # start the workers now, before this process opens the store
    return pool


def job_count(settings: Settings) -> int:
    return settings.jobs if settings.jobs > 0 else (os.cpu_count() or 1)
