"""The reference for query latency: the same SPARQL on an rdflib in-memory Dataset with the same data.

rdflib evaluates SPARQL in pure Python, so on a million triples a query can run for minutes. Each
query gets a deadline enforced with ``SIGALRM`` (the handler raises between two Python bytecodes,
which stops rdflib's evaluator cleanly), and a query past it is reported as "more than N seconds"
instead of a latency. The loading time and the memory of the loaded Dataset are reported too.
"""

from __future__ import annotations

import signal
import statistics
import time
from pathlib import Path


class _Deadline(Exception):
    pass


def _alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise _Deadline()


def rdflib_queries(nquads: str, queries: dict[str, str], timeout: float, repeats: int = 3) -> dict:
    """Load ``nquads`` into an rdflib Dataset, then run each query up to ``repeats`` times within ``timeout``."""
    import rdflib

    start = time.perf_counter()
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(Path(nquads), format="nquads")
    load = time.perf_counter() - start
    size = len(dataset)
    results = {}
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for name, text in queries.items():
            results[name] = _run(dataset, text, timeout, repeats)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return {"load_seconds": load, "quads": size, "queries": results, "timeout": timeout,
            "version": rdflib.__version__}


def _run(dataset, text: str, timeout: float, repeats: int) -> dict:
    times: list[float] = []
    rows = None
    for _ in range(repeats):
        signal.setitimer(signal.ITIMER_REAL, timeout)
        start = time.perf_counter()
        try:
            result = dataset.query(text)
            rows = bool(result.askAnswer) if result.type == "ASK" else len(list(result))
        except _Deadline:
            return {"timed_out": True, "seconds": [], "rows": None}
        except Exception as exc:  # an rdflib failure on valid SPARQL is a result, not a crash
            signal.setitimer(signal.ITIMER_REAL, 0)
            return {"error": f"{type(exc).__name__}: {exc}"[:300], "seconds": times, "rows": rows}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        times.append(time.perf_counter() - start)
        if sum(times) > timeout:  # enough: a slow query is not repeated
            break
    return {"timed_out": False, "seconds": times, "rows": rows, "p50": statistics.median(times)}
