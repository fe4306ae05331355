"""``python -m pipeline.bench`` (``make bench``): measure naravard against its baselines and save the figures.

    python -m pipeline.bench              full run: 2,000 pages + 200 brochures; queries at 1 M and 5 M quads
    python -m pipeline.bench --quick      a short run: 150 pages + 15 brochures; queries at 250 k quads
    python -m pipeline.bench --docs 500 --pdfs 50 --sample 100 --sizes 2000000

Prints a table (each figure beside its baseline and target, pass/FAIL), the per-stage split of the
ingest, and the change since the previous run; writes ``OUTPUT/bench/latest.json`` and keeps every run
in ``OUTPUT/bench/history/``. Missed targets are reported, never raised: the exit status is 0 unless
the benchmark itself could not run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from . import report
from .suite import Options, run

QUICK = {"docs": 150, "pdfs": 15, "sample": 60, "sizes": (250_000,), "targets_ms": (100.0,), "repeats": 5,
         "rdflib_timeout": 10.0, "query_cap": 30.0}


def parse_args(argv: list[str] | None = None) -> Options:
    p = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="small corpus and store, for a run of a few minutes")
    p.add_argument("--docs", type=int, help="HTML pages in the corpus (default 2000; --quick 150)")
    p.add_argument("--pdfs", type=int, help="PDF brochures in the corpus (default 200; --quick 15)")
    p.add_argument("--seed", type=int, default=1, help="corpus seed (default 1); the corpus is cached per seed")
    p.add_argument("--sample", type=int, help="documents for the throughput and speed-up figures (default 150)")
    p.add_argument("--sizes", help="store sizes in quads to time the queries at, comma-separated "
                                   "(default 1000000,5000000; p50 targets 100 ms and 500 ms)")
    p.add_argument("--repeats", type=int, help="timed runs per query (default 10)")
    p.add_argument("--rdflib-timeout", type=float, help="seconds each query may take in rdflib (default 30)")
    p.add_argument("--output", type=Path, default=Path("output"), help="output directory (default output/)")
    p.add_argument("--keep", action="store_true", help="keep the stores and exports under OUTPUT/bench/work")
    a = p.parse_args(argv)
    opts = Options(output=a.output, seed=a.seed, keep=a.keep, mode="quick" if a.quick else "full")
    if a.quick:
        opts = replace(opts, **QUICK)
    given = {"docs": a.docs, "pdfs": a.pdfs, "sample": a.sample, "repeats": a.repeats,
             "rdflib_timeout": a.rdflib_timeout}
    if a.sizes:
        sizes = tuple(int(x) for x in a.sizes.replace("_", "").split(","))
        opts = replace(opts, sizes=sizes, targets_ms=tuple(100.0 if n <= 1_000_000 else 500.0 for n in sizes))
        given["sizes"] = sizes
    opts = replace(opts, **{k: v for k, v in given.items() if v is not None})
    if any(given.get(k) is not None for k in ("docs", "pdfs", "sample", "sizes")):
        opts = replace(opts, mode="custom")  # figures not comparable with a standard run
    return opts


def stage_table(stages: dict) -> str:
    """Seconds per stage and kind in the 1-worker ingest, with each stage's share of the kind's time."""
    per_kind = stages.get("stages", {})
    names = list(dict.fromkeys(["fetch", "parse", "extract", "graph", "store",
                                *(k for values in per_kind.values() for k in values)]))
    lines = [f"{'stage (sample, 1 worker)':<18}" + "".join(f"{k:>22}" for k in per_kind)]
    for stage in names:
        cells = []
        for values in per_kind.values():
            total = sum(values.values()) or 1e-9
            cells.append(f"{values.get(stage, 0):9.1f} s {values.get(stage, 0) / total:7.1%}   ")
        label = "read (fetch)" if stage == "fetch" else stage
        lines.append(f"{label:<18}" + "".join(f"{c:>22}" for c in cells))
    other = stages.get("other_seconds", 0)
    if other >= 0:
        lines.append(f"{'other (run)':<18}{other:9.1f} s (catalogue, history, ontology, run records, worker start-up)")
    else:  # the stages' sum exceeds the run's wall time
        lines.append(f"{'overlap':<18}{-other:9.1f} s of stage time ran beside other stages (loads in the background)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    clock = time.perf_counter()

    def say(message: str) -> None:
        print(f"[{time.perf_counter() - clock:7.1f} s] {message}", flush=True)

    bench_dir = options.output / "bench"
    load_before = list(os.getloadavg())

    def collect(results) -> dict:
        return report.to_json(results.figures, started=started, mode=options.mode,
                              seconds=time.perf_counter() - clock, machine=report.machine(),
                              load_average_at_start=load_before,
                              options={k: str(v) if isinstance(v, Path) else v for k, v in
                                       ((f, getattr(options, f)) for f in options.__dataclass_fields__)},
                              **results.sections)

    results = run(options, say, checkpoint=lambda partial: report.save_partial(collect(partial), bench_dir))
    data = collect(results)
    latest, previous = report.save(data, bench_dir)
    m = data["machine"]
    print()
    print(f"machine: {m['cores']} cores, {m['cpu']}, {m['ram_bytes'] / 2**30:.0f} GB RAM, Python {m['python']}, "
          f"commit {m['git']['commit']}{' (modified)' if m['git']['dirty'] else ''}; load average "
          f"{data['load_average_at_start'][0]:.1f} at start, {m['load_average'][0]:.1f} at end")
    c = data["corpus"]
    print(f"corpus: {c['html_documents']} HTML pages ({c['html_bytes'] / 1e6:.0f} MB), {c['pdf_documents']} PDFs "
          f"({c['pdf_pages']} pages, {c['pdf_bytes'] / 1e6:.0f} MB), seed {c['seed']}")
    print()
    print(report.table(results.figures))
    if "stages" in data:
        print()
        print(stage_table(data["stages"]))
    for error in data["errors"]:
        print(f"error: {error}")
    if previous is not None:
        print()
        print(report.compare(data, json.loads(previous.read_text(encoding="utf-8"))))
    print()
    print(f"written {latest} (and {bench_dir / 'history'}) in {data['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
