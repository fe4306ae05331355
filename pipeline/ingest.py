"""Ingest: the catalogue becomes one named graph per source in the store, paying only for what changed.

:func:`ingest` is the one place where the order of the stages is written. Steps 1–4 of a source
run in a worker process (:mod:`pipeline.workers`), step 5 in the calling process, in catalogue
order, so the store has one writer. Documents stream through a window of ``2 × jobs`` sources: a
catalogue of 10,000 documents is never held in memory at once.

Change detection: the state of each source's last good ingest (content hash, graph hash, and a
fingerprint of the code and ontology that built it) is kept by :mod:`pipeline.history`. Same
content and same fingerprint → nothing is parsed. A rebuild whose graph equals the stored one
(apart from run metadata) leaves the store untouched.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from functools import partial

from . import __version__, iri
from .catalogue import load_catalogue, select_sources
from .errors import StoreError
from .fingerprints import fingerprint
from .history import History, RunReport, SourceResult, SourceState
from .settings import Settings
from .types import Source
from .workers import Job, Outcome, executor, job_count, process


def ingest(settings: Settings, *, only: Iterable[str] = (), force: bool = False,
           on_result: Callable[[SourceResult], None] | None = None) -> RunReport:
    """Ingest every source of the catalogue (or those in ``only``), in this cascade per source:

    1. **fetch**   the bytes: snapshot or HTTP with a conditional request (:mod:`pipeline.fetch`);
                   content hash unchanged → the source is ``unchanged`` and stops here;
    2. **parse**   them into a Document (:func:`pipeline.parse.parse`);
    3. **extract** concepts, mentions and relations (:func:`pipeline.extract.extract`);
    4. **graph**   one named graph of quads (:func:`pipeline.graph.build.source_graph`);
    5. **store**   it: the source's named graph replaced in one transaction (when the run adds many
                   sources, new graphs bulk-loaded a batch at a time beside the work on the next
                   documents, :mod:`pipeline.graph.loader`; the store is compacted at the end), then
                   the state and the history recorded (:mod:`pipeline.history`).

    At the end, when the run changed any graph, the corpus summary (counts across all sources,
    :mod:`pipeline.graph.summary`) is recomputed from the store.

    Each source ends ``new``, ``changed``, ``unchanged``, ``failed`` (previous graph kept), ``gone``
    (404/410; previous graph kept) or ``removed`` (no longer in the catalogue; graph retracted, kept in
    history). One failing source never stops the others. ``force`` rebuilds unchanged sources too.
    """
    sources = load_catalogue(settings.sources)
    selected = select_sources(sources, only)
    with _Run(settings, force=force, full=not only, catalogue=sources, on_result=on_result) as run:
        for outcome in run.outcomes(selected):  # steps 1–4, in worker processes
            run.commit(outcome)  # step 5, here, in catalogue order
        run.flush()  # the new graphs still to load, and the sources waiting for them
        run.retract_removed()
        run.summarize()
        run.compact()  # last: what the summary bulk-loads is compacted too
    return run.report


# ------------------------------------------------------------------------------------------------ the run
class _Run:
    """One run: the lock, the store, the state of every source, and the report being written."""

    def __init__(self, settings: Settings, *, force: bool, full: bool, catalogue: list[Source],
                 on_result: Callable[[SourceResult], None] | None):
        from .history import new_run_id, now_iso

        self.settings, self.force, self.full, self.on_result = settings, force, full, on_result
        self.catalogue_urls = {s.url for s in catalogue}
        self.history = History(settings)
        self.started = now_iso()
        self.run_id = new_run_id(self.history.runs_dir)
        self.run_iri = iri.run(self.run_id, settings.base_iri)
        self.fingerprint = fingerprint(settings)
        self.results: list[SourceResult] = []
        self.seen: set[str] = set()
        self.derived: dict[str, Source] = {}  # PDFs followed this run, by URL
        self.bulk = False  # bulk-load new graphs (see outcomes)
        self.summary_stale = False  # a graph was written this run (see summarize)
        self.written = 0  # source graphs written this run (see compact)
        self.report: RunReport | None = None

    def __enter__(self) -> _Run:
        from .graph.loader import Loader
        from .graph.store import open_store

        self._lock()
        self.store = self.executor = self.loader = None
        try:
            self.states = {k: v for k, v in self.history.states().items() if v.status != "removed"}
            self.jobs = min(job_count(self.settings), 64)
            self.executor = executor(self.settings, self.jobs, close=(self._lock_fd,))  # before the store opens
            self.store = open_store(self.settings)
            self.loader = Loader(self.store)
            self.present = set(self.store.graphs())
            self._close_interrupted()
            self.history.begin(self.run_id, self._header())
            self._refresh_ontology()
        except BaseException:
            self._release()
            raise
        return self

    def _stop_workers(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)
            self.executor = None

    def _release(self) -> None:
        try:
            self._stop_workers()
            if self.loader is not None:
                self.loader.close()  # before the store closes under a load
            if self.store is not None:
                self.store.close()
        finally:
            os.close(self._lock_fd)

    def __exit__(self, exc_type, exc, tb) -> None:
        from .history import now_iso, report_from

        try:
            self._stop_workers()
            status = "completed" if exc_type is None else "interrupted"
            self.report = report_from({**self._header(), "ended": now_iso(), "status": status,
                                       "results": tuple(self.results)})
            self.history.finish(self.report)
            self._record_runs([self.report])
        finally:
            self._release()

    def _header(self) -> dict:
        return {"run_id": self.run_id, "run_iri": self.run_iri, "started": self.started, "version": __version__,
                "settings": {"offline": self.settings.offline, "online": self.settings.online,
                             "jobs": self.jobs, "force": self.force, "full": self.full,
                             "sources": str(self.settings.sources), "fingerprint": self.fingerprint}}

    def _lock(self) -> None:
        self.settings.output.mkdir(parents=True, exist_ok=True)
        self._lock_fd = os.open(self.settings.output / ".ingest.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(self._lock_fd)
            raise StoreError(f"{self.settings.output}: another naravard ingest is running on this output directory",
                             hint="wait for it to finish (cron: use `flock` or a longer interval)",
                             subject=str(self.settings.output)) from exc

    # --- steps 1–4, streamed ---------------------------------------------------------------------
    def outcomes(self, sources: list[Source]):
        """Outcomes in catalogue order (followed PDFs right after their page), ``2 × jobs`` in flight.

        New graphs are bulk-loaded when the run adds at least a third as many sources as the store
        holds (a first ingest, a catalogue that grows a lot): bulk loading halves the store's share of
        the work but leaves the store to be compacted at the end, at a cost that grows with the whole
        store, which a handful of new sources would not repay."""
        held = len(self.present - iri.own_graphs(self.settings.base_iri))
        new = sum(1 for s in sources if not self._current(s))
        self.bulk = new > 0 and 3 * new >= held
        self.queue: deque[tuple[Source, str | None]] = deque((s, None) for s in sources)
        inflight: deque[Future] = deque()
        while self.queue or inflight:
            while self.queue and len(inflight) < 2 * self.jobs:
                source, parent = self.queue.popleft()
                if source.id in self.seen:
                    continue
                self.seen.add(source.id)
                inflight.append(self.executor.submit(process, self._job(source, parent)))
            if inflight:
                yield inflight.popleft().result()

    def _current(self, source: Source) -> bool:
        """True when the store holds the graph of the source's last good ingest."""
        state = self.states.get(source.id)
        return (state is not None and state.graph_hash is not None
                and iri.graph(source.id, self.settings.base_iri) in self.present)

    def _job(self, source: Source, parent: str | None) -> Job:
        state, current = self.states.get(source.id), self._current(source)
        skip = state.sha256 if current and not self.force and state.fingerprint == self.fingerprint else None
        return Job(source, self.run_iri, skip_sha=skip, fallback=not current, parent=parent)

    # --- step 5 ---------------------------------------------------------------------------------
    def commit(self, outcome: Outcome) -> None:
        """Write the source's graph if it changed, then record the source: once its graph is in the store,
        in the order of the commits (a new graph of a bulk run is loaded with others, see
        :mod:`pipeline.graph.loader`, and the record waits for it)."""
        job, previous = outcome.job, self.states.get(outcome.job.source.id)
        status = {"same": "unchanged", "gone": "gone", "failed": "failed"}.get(outcome.kind)
        ghash = previous.graph_hash if previous else None
        prev_snapshot = previous.snapshot if previous else None
        snapshot = prev_snapshot
        children = self._follow(job, outcome, previous)
        record = partial(self._record, outcome, previous, children)
        if outcome.kind != "built":
            self.loader.after(partial(record, status, ghash, snapshot))
            return
        snapshot = iri.snapshot(job.source.id, outcome.sha256, self.settings.base_iri)
        graph = iri.graph(job.source.id, self.settings.base_iri)
        if ghash == outcome.graph_hash and graph in self.present:
            # rebuilt (new software or knowledge) to the same content: untouched
            self.loader.after(partial(record, "unchanged", ghash, prev_snapshot))
            return
        if self.bulk and not self.history.compaction_pending():
            self.history.set_compaction_pending(True)  # before the first bulk load
        self._changing()
        status, ghash, self.written = ("changed" if ghash else "new"), outcome.graph_hash, self.written + 1
        if self.bulk and graph not in self.present:
            self.present.add(graph)
            self.loader.add(graph, outcome.nquads, partial(record, status, ghash, snapshot))  # called with the seconds
            return
        from .graph.store import triple_lines

        self.loader.flush()  # what waits for earlier loads is recorded first, and they are in the store
        clock = time.perf_counter()
        self.store.load_graph(graph, triple_lines(outcome.nquads, graph), bulk=self.bulk)
        self.present.add(graph)
        record(status, ghash, snapshot, time.perf_counter() - clock)

    def flush(self) -> None:
        """Load the new graphs still gathered and record the sources waiting for them."""
        self.loader.flush()

    def _record(self, outcome: Outcome, previous: SourceState | None, children: tuple[str, ...] | None,
                status: str, ghash: str | None, snapshot: str | None, store_seconds: float | None = None) -> None:
        """Record a committed source: its state (when it changed) and its result."""
        from .history import same_state, updated_state

        job = outcome.job
        timings = dict(outcome.timings)
        if store_seconds is not None:
            timings["store"] = store_seconds
        counts = outcome.counts if outcome.kind == "built" else (previous.counts if previous else {})
        prev_snapshot = previous.snapshot if previous else None
        result = SourceResult(
            source_id=job.source.id, url=job.source.url, status=status, seconds=sum(timings.values()),
            counts=dict(counts or {}), sha256=outcome.sha256, graph_hash=ghash, snapshot=snapshot,
            previous_snapshot=prev_snapshot if status == "changed" else None, http_status=outcome.http_status,
            final_url=outcome.final_url, redirects=outcome.redirects, from_snapshot=outcome.from_snapshot,
            error=outcome.error, hint=outcome.hint, parent=job.parent, timings=timings,
            note=self._note(outcome, previous))
        state = updated_state(previous, result, self.run_id, self.fingerprint, children)
        if not same_state(previous, state):  # an unchanged source costs no write
            self.history.save(state)
        self.states[job.source.id] = state
        self._emit(result)

    def _note(self, outcome: Outcome, previous: SourceState | None) -> str | None:
        if outcome.from_snapshot and self.settings.online and outcome.kind in ("built", "same"):
            return "network failed: read from the local snapshot"
        if outcome.kind in ("failed", "gone") and previous and previous.graph_hash:
            return "previous graph kept"
        if outcome.kind == "built" and not outcome.counts:
            return "no concept of the reform found; check that the source is about it (see ontology/thesaurus)"
        return None

    def _follow(self, job: Job, outcome: Outcome, previous: SourceState | None) -> tuple[str, ...] | None:
        """Queue the PDFs a ``follow_pdfs`` page links to (just found, or remembered from the last run)."""
        if not job.source.follow_pdfs:
            return None
        found = outcome.pdf_links if not self.settings.offline else None
        urls = found if found is not None else (previous.children if previous else ())
        from .fetch.follow import derived_source

        children = []
        for url in urls:
            if url in self.catalogue_urls or (url in self.derived and self.derived[url].id in self.seen):
                continue
            child = derived_source(job.source, url)
            self.derived[url] = child
            children.append((child, job.source.id))
        if self.settings.offline:  # offline, a followed PDF (no snapshot) keeps its graph as it is
            for child, parent in children:
                self._carry(child, parent)
        else:
            self.queue.extendleft(reversed(children))
        return found

    def _carry(self, source: Source, parent: str) -> None:
        state = self.states.get(source.id)
        self.seen.add(source.id)
        if state is None:
            return
        self._emit(SourceResult(source_id=source.id, url=source.url, status="unchanged", counts=dict(state.counts),
                                sha256=state.sha256, graph_hash=state.graph_hash, snapshot=state.snapshot,
                                parent=parent, note="offline: not checked"))

    def _emit(self, result: SourceResult) -> None:
        self.results.append(result)
        self.history.record(self.run_id, result)
        if self.on_result is not None:
            self.on_result(result)

    def retract_removed(self) -> None:
        """Retract the graphs of sources no longer in the catalogue (their history stays)."""
        from .history import updated_state

        if not self.full:
            return
        for source_id in sorted(set(self.states) - self.seen):
            state = self.states[source_id]
            self._changing()
            self.store.remove_graph(iri.graph(source_id, self.settings.base_iri))
            result = SourceResult(source_id=source_id, url=state.url, status="removed", sha256=state.sha256,
                                  graph_hash=None, snapshot=state.snapshot, parent=state.parent,
                                  note="graph retracted; kept in history")
            self.states[source_id] = updated_state(state, result, self.run_id, self.fingerprint, None)
            self.history.save(self.states[source_id])
            self._emit(result)
        self._remove_orphans()

    def compact(self) -> None:
        """Compact the store when it is due (:func:`pipeline.upkeep.compaction_due`)."""
        from .upkeep import compaction_due

        written = self.history.written_since_compaction() + self.written
        if compaction_due(self.history, written, len(self.present - iri.own_graphs(self.settings.base_iri))):
            self.store.optimize()
            self.history.set_compaction_pending(False)
            written = 0
        if written != self.history.written_since_compaction():
            self.history.save_written_since_compaction(written)

    def _remove_orphans(self) -> None:
        """Remove source graphs no state accounts for: what a run killed while writing a new source's
        graph left, when that source has left the catalogue since (otherwise its next build replaces it)."""
        base = self.settings.base_iri
        known = {iri.graph(i, base) for i in (*self.states, *self.seen)}
        known |= iri.own_graphs(base)
        for graph in sorted(self.present - known):
            if graph.startswith(f"{base}graph/"):
                self._changing()
                self.store.remove_graph(graph)

    def _changing(self) -> None:
        """Before the first write to a graph the summary is computed from: mark the summary stale, so a
        run killed before :meth:`summarize` leaves its refresh to the next run."""
        if not self.summary_stale:
            self.history.save_summary_fingerprint(None)
            self.summary_stale = True

    def summarize(self) -> None:
        """Recompute the corpus summary when a graph changed since it was written (or the code did)."""
        graph = iri.summary_graph(self.settings.base_iri)
        if (not self.summary_stale and graph in self.present
                and self.history.summary_fingerprint() == self.fingerprint):
            return
        from .graph.summary import refresh_summary
        from .upkeep import NoContribution, kept_contributions

        self._stop_workers()  # the workers are done: their memory is not needed for the summary
        if graph not in self.present:  # written by the bulk loader: the store is compacted after it
            self.history.set_compaction_pending(True)
        base = self.settings.base_iri
        try:
            shares = kept_contributions(self.history, self.states, set(self.store.graphs()) - iri.own_graphs(base), base)
            size = refresh_summary(self.store, base, shares)
        except NoContribution:  # a kept version vanished while being read: the store has every graph
            size = refresh_summary(self.store, base)
        if size:
            self.present.add(graph)
        self.history.save_summary_fingerprint(self.fingerprint)
        self.summary_stale = False

    # --- records ---------------------------------------------------------------------------------
    def _refresh_ontology(self) -> None:
        """Write the ontology graph when the ontology or the code that builds it changed."""
        graph = iri.ontology_graph(self.settings.base_iri)
        if self.history.ontology_fingerprint() == self.fingerprint and graph in self.present:
            return
        from .graph.build import ontology_quads

        self._changing()  # labels and kinds in the summary come from the ontology
        self.store.replace_graph(graph, ontology_quads(self.settings))
        self.present.add(graph)
        self.history.save_ontology_fingerprint(self.fingerprint)

    def _close_interrupted(self) -> None:
        reports = self.history.interrupted()
        for report in reports:
            self.history.finish(report)
        self._record_runs(reports)

    def _record_runs(self, reports: list[RunReport]) -> None:
        from .graph.runs import report_quads

        if reports:
            base = self.settings.base_iri
            self.store.add(iri.runs_graph(base), [q for report in reports for q in report_quads(report, base)])
