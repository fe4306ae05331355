"""naravard's side of each measurement, called in a child process by :mod:`.measure`.

* :func:`ingest` runs the real ingest (:func:`pipeline.api.ingest`, offline, on the generated
  catalogue) and adds up the per-stage times every source reports (fetch/read, parse, extract,
  graph, store) per document kind, so the split comes from the orchestration itself;
* :func:`query_latency` runs every saved query several times through :func:`pipeline.query.run.run_query`
  and returns p50/p95 plus the exact SPARQL text, for the rdflib reference;
* :func:`dump` writes the store as N-Quads for that reference;
* :func:`export` writes one network format through the export registry, timing the projection,
  the layout and the writer apart, and saves the projected graph for networkx's writers.
"""

from __future__ import annotations

import shutil
import statistics
import threading
import time
from collections import defaultdict
from pathlib import Path

STAGES = ("fetch", "parse", "extract", "graph", "store")
STATUSES = ("new", "changed", "unchanged", "failed", "gone", "removed")


def _settings(catalogue: str, output: str, jobs: int = 0):
    from ..settings import load_settings

    return load_settings(sources=Path(catalogue), output=Path(output), offline=True, jobs=jobs)


def ingest(catalogue: str, output: str, jobs: int, fresh: bool = True, count: bool = True) -> dict:
    """One ingest run; ``fresh`` starts from an empty output directory."""
    from .. import api

    if fresh and Path(output).exists():
        shutil.rmtree(output)
    settings = _settings(catalogue, output, jobs)
    stages: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(STAGES, 0.0))
    statuses: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    errors: list[str] = []

    def collect(result) -> None:
        kind = "pdf" if result.source_id.startswith("bench-pdf") else "html"
        statuses[kind][result.status] += 1
        for stage, seconds in result.timings.items():
            stages[kind][stage] = stages[kind].get(stage, 0.0) + seconds
        if result.error and len(errors) < 5:
            errors.append(result.error)

    start = time.perf_counter()
    done = threading.Event()

    def result(seconds: float, note: str | None = None) -> dict:
        totals = {s: sum(v.get(s, 0) for v in statuses.values()) for s in STATUSES}
        out = {"seconds": seconds, "jobs": jobs, "totals": totals, "stages": {k: dict(v) for k, v in stages.items()},
               "statuses": {k: dict(v) for k, v in statuses.items()}, "errors": errors}
        if note:  # the store is stuck: count the source graphs kept in the history instead
            out["note"] = note
            out["quads"] = history_quads(Path(output))
        elif count:
            out["quads"] = store_count(output)
        return out

    runs = Path(output) / "runs"
    before = set(runs.glob("*.json")) if runs.is_dir() else set()  # taken before the run writes its own log
    threading.Thread(target=_watch_close, args=(runs, before, start, done, result), daemon=True).start()
    api.ingest(settings, on_result=collect)
    done.set()
    return result(time.perf_counter() - start)


def _watch_close(runs: Path, before: set[Path], start: float, done: threading.Event, result,
                 grace: float = 30.0) -> None:
    """If the run has finished its log but the call does not return within ``grace`` seconds (the store
    hanging in its final flush), report the run as of its log and end the measurement child.

    The run writes its log when it begins (status "running") and again when it ends; only the second
    starts the grace period."""
    while not done.is_set():
        if any(_finished(log) for log in (set(runs.glob("*.json")) - before if runs.is_dir() else ())):
            finished = time.perf_counter()
            if not done.wait(grace):
                from .measure import finish_now

                finish_now(result(finished - start, f"store close did not return within {grace:.0f} s "
                                                    "after the run log was written (Store.flush hung)"))
            return
        time.sleep(0.2)


def _finished(log: Path) -> bool:
    import json

    try:
        return json.loads(log.read_text(encoding="utf-8")).get("status") != "running"
    except (OSError, ValueError):
        return False  # being written


def history_quads(output: Path) -> int:
    """Quads of every source's latest graph version kept in the history (ontology and run graphs excluded)."""
    import gzip

    total = 0
    for folder in (output / "history" / "sources").glob("*"):
        versions = sorted(folder.glob("*.nq.gz"), key=lambda p: p.stat().st_mtime)
        if versions:
            with gzip.open(versions[-1], "rb") as fh:
                total += sum(1 for line in fh if line.strip())
    return total


def store_count(output: str) -> int:
    from ..graph.store import open_store
    from ..settings import Settings

    store = open_store(Settings(output=Path(output)), read_only=True)
    try:
        return store.count()
    finally:
        store.close()


def query_args(saved, source_id: str, base: str) -> dict[str, str]:
    """Parameters for a saved query as its first ``# example:`` binds them, made to fit the bench corpus:
    a source id becomes ``source_id`` and a TYPE/KEY concept becomes its IRI."""
    from .. import iri

    params: dict[str, str] = {}
    for example in saved.examples[:1]:
        for part in example.split():
            key, _, value = part.partition("=")
            param = saved.param(key.lstrip("-")) if value else None
            if param is None:
                continue
            value = value.strip("'\"")
            if param.type == "source":
                value = source_id
            elif param.type == "concept" and "/" in value and "://" not in value:
                value = iri.concept(*value.split("/", 1), base=base)
            params[param.name] = value
    return params


def query_texts(source_id: str = "bench-html-00000") -> dict[str, dict]:
    """Every saved query's name, bound parameters and exact SPARQL text (prologue included)."""
    from ..query.library import query_dir, saved_queries
    from ..query.run import bind_params
    from ..settings import Settings
    from ..vocab import sparql_prologue

    settings = Settings()
    out = {}
    for saved in saved_queries(query_dir(settings.ontology)):
        params = query_args(saved, source_id, settings.base_iri)
        try:
            text = sparql_prologue({"nv": settings.base_iri}) + bind_params(saved, params, settings)
        except Exception as exc:  # reported with the query, the others still run
            out[saved.name] = {"params": params, "error": f"{type(exc).__name__}: {exc}"[:300]}
            continue
        out[saved.name] = {"params": params, "sparql": text}
    return out


def query_latency(output: str, name: str, params: dict[str, str], repeats: int, budget: float) -> dict:
    """One saved query: a warm-up run, then up to ``repeats`` timed runs while they fit in ``budget`` s."""
    from ..graph.store import open_store
    from ..query.run import run_query
    from ..settings import Settings

    settings = Settings(output=Path(output))
    store = open_store(settings, read_only=True)
    try:
        start = time.perf_counter()
        result = run_query(store, name, params, settings=settings)
        rows = result.boolean if result.kind == "ask" else len(result)  # an ASK answers yes or no
        first = time.perf_counter() - start
        times: list[float] = []
        while len(times) < repeats and (not times or sum(times) + times[-1] <= budget) and first <= budget:
            start = time.perf_counter()
            run_query(store, name, params, settings=settings)
            times.append(time.perf_counter() - start)
    finally:
        store.close()
    times = sorted(times) or [first]  # too slow to repeat: the first run is the figure
    return {"p50": statistics.median(times), "p95": _percentile(times, 95), "rows": rows, "runs": len(times),
            "first": first}


def _percentile(sorted_times: list[float], pct: float) -> float:
    if len(sorted_times) == 1:
        return sorted_times[0]
    k = (len(sorted_times) - 1) * pct / 100
    lo = int(k)
    hi = min(lo + 1, len(sorted_times) - 1)
    return sorted_times[lo] + (sorted_times[hi] - sorted_times[lo]) * (k - lo)


def dump(output: str, path: str) -> dict:
    from ..graph.store import open_store
    from ..settings import Settings

    store = open_store(Settings(output=Path(output)), read_only=True)
    start = time.perf_counter()
    try:
        with open(path, "wb") as fh:
            store.dump_nquads(fh, sorted_=False)
    finally:
        store.close()
    return {"seconds": time.perf_counter() - start, "bytes": Path(path).stat().st_size}


def export(output: str, fmt: str, out: str, graph_json: str | None = None) -> dict:
    """naravard's export of the concept network to ``fmt``, end to end and step by step."""
    import json

    import networkx as nx

    from ..export import drawing, html_page, network  # noqa: F401 - imported before the clock starts
    from ..export.base import ExportOptions, format_for
    from ..export.views import build_view
    from ..graph.store import open_store
    from ..settings import Settings

    store = open_store(Settings(output=Path(output)), read_only=True)
    options = ExportOptions(view="concepts")
    try:
        start = time.perf_counter()
        format_for(None, fmt).write(store, Path(out), options)
        total = time.perf_counter() - start
        start = time.perf_counter()
        graph = build_view(store, options)
        view = time.perf_counter() - start
    finally:
        store.close()
    steps = {"view": view}
    start = time.perf_counter()
    positions = network._positions(graph) if fmt in ("gexf", "html") else None
    steps["layout"] = time.perf_counter() - start
    start = time.perf_counter()
    if fmt == "graphml":
        network.graphml_bytes(graph)
    elif fmt == "gexf":
        network.gexf_bytes(graph, positions)
    else:
        html_page.render(graph, positions)
    steps["write"] = time.perf_counter() - start
    if graph_json:  # the same graph, attributes as networkx's writers accept them, for the baseline
        plain = nx.MultiDiGraph()
        plain.add_nodes_from((n, _plain(a)) for n, a in graph.nodes(data=True))
        plain.add_edges_from((u, v, k, _plain(d)) for u, v, k, d in graph.edges(keys=True, data=True))
        Path(graph_json).write_text(json.dumps(nx.node_link_data(plain, edges="links")), encoding="utf-8")
    return {"seconds": total, "steps": steps, "bytes": Path(out).stat().st_size,
            "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}


def _plain(attrs: dict) -> dict:
    """Attributes as networkx's writers accept them: scalars only, lists joined, None dropped."""
    import json

    from ..export.network import scalar

    out = {}
    for key, value in attrs.items():
        if value is None:
            continue
        try:
            out[key] = scalar(value)
        except TypeError:
            out[key] = json.dumps(value, ensure_ascii=False, default=str)
        if not isinstance(out[key], str | int | float | bool):
            out[key] = str(out[key])
    return out
