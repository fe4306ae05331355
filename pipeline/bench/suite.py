"""The benchmark, step by step: each naravard figure next to its baseline, measured in the same run.

    1. corpus      generate (or reuse) the corpus, write its catalogue
    2. sample      the first ``sample`` documents (pages and brochures in corpus proportion):
                   trafilatura extract() / pypdf extract_text() on them, then naravard's ingest of
                   them with 1 worker (throughput, stage split per kind) and with 2 (speed-up)
    3. growth      the whole corpus ingested with 2 workers into one store, in steps: up to the first
                   store size (>= 1 M quads), where every saved query is timed (p50/p95) against
                   rdflib in memory on the same data and the concept network is exported to GraphML,
                   GEXF and the HTML page against networkx's writers; up to the next size (>= 5 M),
                   queries again; then the rest of the corpus. The full ingest time is the sum.
    4. re-ingest   the unchanged corpus again, as a fraction of the full ingest

Every measurement runs in its own process (:mod:`.measure`), which also gives its peak RSS; each query
runs in its own process too, stopped at a deadline so one pathological query cannot stall the run.
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import measure
from .corpus import Corpus, ensure_corpus, totals, write_catalogue
from .report import Figure

MB = 2**20


@dataclass(frozen=True, slots=True)
class Options:
    output: Path = Path("output")
    seed: int = 1
    docs: int = 2000
    pdfs: int = 200
    sample: int = 150  # documents for the throughput and speed-up figures
    sizes: tuple[int, ...] = (1_000_000, 5_000_000)  # store sizes (quads) the queries are timed at
    targets_ms: tuple[float, ...] = (100.0, 500.0)  # p50 target at each size
    repeats: int = 10
    query_cap: float = 60.0  # seconds one query may take before it is stopped
    rdflib_timeout: float = 30.0
    ingest_timeout: float = 3 * 3600.0
    keep: bool = False
    mode: str = "full"

    @property
    def work(self) -> Path:
        return self.output / "bench" / "work"


@dataclass
class Results:
    figures: list[Figure] = field(default_factory=list)
    sections: dict[str, Any] = field(default_factory=lambda: {"errors": []})


def run(options: Options, say: Callable[[str], None],
        checkpoint: Callable[[Results], None] | None = None) -> Results:
    """All the steps; ``checkpoint`` is called with the results so far after each, so a run that is
    stopped part-way still leaves the figures it measured."""
    res = Results()
    save = checkpoint or (lambda _: None)
    corpus = ensure_corpus(options.output, options.seed, options.docs, options.pdfs, say)
    res.sections["corpus"] = {"seed": options.seed, "root": str(corpus.root), **totals(corpus)}
    say(f"corpus: {len(corpus.html)} pages, {len(corpus.pdf)} brochures ({corpus.root})")
    sample = _proportional(corpus, options.sample, options)
    _sample(sample, options, res, say)
    save(res)
    full = _grow(corpus, options, res, say, save)
    if full is not None:
        _reingest(full, options, res, say)
    if not options.keep:
        shutil.rmtree(options.work, ignore_errors=True)
    return res


def _proportional(corpus: Corpus, n: int, options: Options) -> Corpus:
    """The first ``n`` documents, pages and brochures in the corpus's proportion (generated if needed)."""
    total = len(corpus.items) or 1
    n_pdf = round(n * len(corpus.pdf) / total) if corpus.pdf else 0
    return ensure_corpus(options.output, options.seed, max(n - n_pdf, 1), n_pdf)


def _measure(res: Results, what: str, target: str, args: dict, say, timeout: float = 3600.0) -> measure.Measurement:
    say(f"measuring {what} ...")
    m = measure.run(target, args, timeout=timeout)
    if not m.ok:
        res.sections["errors"].append(f"{what}: {m.error}")
        say(f"  {what} failed: {m.error}")
    return m


def _fig(name, label, value, unit, baseline=None, baseline_label="", target="", threshold=None, rss=None,
         baseline_rss=None, note="", absolute=False, higher=True) -> Figure:
    """A figure; ``threshold`` applies to the ratio, or to the value itself when ``absolute``."""
    fig = Figure(name, label, value, unit, baseline, baseline_label, target, None, rss, baseline_rss, note, higher)
    if threshold is not None and value is not None:
        measured = value if absolute else fig.ratio
        if measured is not None:
            fig = replace(fig, passed=measured >= threshold if higher else measured <= threshold)
    return fig


# --------------------------------------------------------------------------------- 2. the sample
def _sample(sample: Corpus, options: Options, res: Results, say) -> None:
    t = totals(sample)
    peers = {
        "html": _measure(res, "trafilatura extract()", "pipeline.bench.baselines:trafilatura_extract",
                         {"paths": [str(p) for p in sample.paths("html")]}, say),
        "pdf": _measure(res, "pypdf extract_text()", "pipeline.bench.baselines:pypdf_extract_text",
                        {"paths": [str(p) for p in sample.paths("pdf")]}, say),
    }
    res.sections["peers"] = {"trafilatura": peers["html"].result, "pypdf": peers["pdf"].result}
    parsed = {kind: _measure(res, f"naravard parse, {kind.upper()} alone", "pipeline.bench.baselines:naravard_parse",
                             {"paths": [str(p) for p in sample.paths(kind)]}, say) for kind in ("html", "pdf")}
    res.sections["parse_alone"] = {kind: m.result for kind, m in parsed.items()}
    catalogue = write_catalogue(sample, options.work / "catalogue-sample.toml")
    runs = {}
    for jobs in (1, 2):
        runs[jobs] = _measure(res, f"ingest of {len(sample.items)} documents, {jobs} worker(s)",
                              "pipeline.bench.runs:ingest", {"catalogue": str(catalogue),
                                                             "output": str(options.work / f"sample-{jobs}"),
                                                             "jobs": jobs}, say, options.ingest_timeout)
        if runs[jobs].ok:
            say(f"  {runs[jobs].result['seconds']:.1f} s, {runs[jobs].result['quads']:,} quads, "
                f"{runs[jobs].result['totals']}")
        shutil.rmtree(options.work / f"sample-{jobs}", ignore_errors=True)
    res.sections["sample"] = {"documents": len(sample.items), **t,
                              **{f"jobs_{j}": {**m.result, "peak_rss": m.peak_rss, "cpu": m.cpu, "cores": _cores(m)}
                                 for j, m in runs.items()}}
    one, two = runs[1], runs[2]
    if one.ok:
        _throughput(one, peers, parsed, t, res)
    for jobs, m in runs.items():
        if m.ok:
            docs, s = len(sample.items), m.result["seconds"]
            peer_s = sum(p.result.get("seconds", 0) for p in peers.values() if p.ok)
            res.figures.append(_fig(f"ingest.sample.docs_per_s.jobs{jobs}", f"sample ingest, {jobs} worker(s)",
                                    docs / s, "docs/s", docs / peer_s if peer_s else None, "both peers, 1 process",
                                    rss=m.peak_rss, note=f"{t['html_pages'] + t['pdf_pages']} pages in {s:.1f} s"))
    if one.ok and two.ok:
        busy = f"; cores busy: {_cores(one):.2f} with 1 worker, {_cores(two):.2f} with 2" if _cores(one) else ""
        res.figures.append(_fig("ingest.speedup", "speed-up, 2 workers over 1", one.result["seconds"] /
                                two.result["seconds"], "x", target=">= 1.70x", threshold=1.7, absolute=True,
                                note=f"{len(sample.items)} documents{busy}"))


def _cores(m: measure.Measurement) -> float | None:
    """How many cores a measurement kept busy on average (its CPU time over its wall time): the store's
    own threads keep a second core partly busy even with one worker."""
    return m.cpu / m.wall if m.cpu and m.wall else None


def kind_seconds(result: dict) -> dict[str, float]:
    """Seconds per document kind: the run's wall time shared out in proportion to each kind's stage
    times. The stages of a run overlap (new graphs load while the next documents are parsed), so their
    sum can exceed the wall time; when it falls short, the rest is the run's own work."""
    stages = result.get("stages", {})
    per_kind = {k: sum(v.values()) for k, v in stages.items()}
    staged = sum(per_kind.values()) or 1e-9
    return {k: s * result["seconds"] / staged for k, s in per_kind.items()}


def _throughput(one: measure.Measurement, peers: dict, parsed: dict, t: dict, res: Results) -> None:
    kinds = kind_seconds(one.result)
    staged = sum(sum(v.values()) for v in one.result["stages"].values())
    res.sections["stages"] = {"per_kind_seconds": kinds, "stages": one.result["stages"],
                              "other_seconds": one.result["seconds"] - staged}
    for kind, name in (("html", "trafilatura extract()"), ("pdf", "pypdf extract_text()")):
        secs, peer = kinds.get(kind), peers[kind]
        if not secs:
            continue
        pr = peer.result if peer.ok else {}
        pages, size, docs = t[f"{kind}_pages"], t[f"{kind}_bytes"], t[f"{kind}_documents"]
        label = f"{kind.upper()} ingest, end to end (1 worker)"
        parse = parsed[kind].result if parsed[kind].ok else {}
        res.figures += [
            _fig(f"ingest.{kind}.pages_per_s", label, pages / secs, "pages/s", pr.get("pages_per_s"), name,
                 ">= 1.0x peer", 1.0, one.peak_rss, peer.peak_rss, note=f"{docs} documents"),
            _fig(f"parse.{kind}.pages_per_s", f"{kind.upper()} parse stage alone (main text, offsets, layout)",
                 parse.get("pages_per_s"), "pages/s", pr.get("pages_per_s"), name, rss=parsed[kind].peak_rss,
                 baseline_rss=peer.peak_rss, note="the step the peer does, in one process; no target"),
            _fig(f"ingest.{kind}.mb_per_s", label, size / 1e6 / secs, "MB/s", pr.get("mb_per_s"), name),
        ]
        if kind == "pdf":
            res.figures.append(_fig("ingest.pdf.docs_per_s", label, docs / secs, "docs/s", pr.get("docs_per_s"), name))


# --------------------------------------------------------------------------------- 3. growth
def _grow(corpus: Corpus, options: Options, res: Results, say, save) -> dict | None:
    """Ingest the corpus in steps (one per store size, then the rest); time the queries at each size.

    The steps use the worker count that was faster on the sample (on a loaded machine two workers
    can be slower than one); the figures say which."""
    out = str(options.work / "store")
    jobs = _faster_jobs(res)
    steps: list[dict] = []
    quads, done = 0, 0
    fresh = True
    for size, target_ms in zip(options.sizes, options.targets_ms, strict=False):
        per_doc = max(quads / done, 1.0) if done else _per_doc(res)
        k = max(math.ceil(done + (size - quads) * 1.05 / per_doc), done + 1)
        for _ in range(6):  # the estimate may fall short: ingest more until the size is reached
            step = _ingest_step(_proportional(corpus, k, options), out, fresh, jobs, options, res, say)
            if step is None:
                return None
            fresh = False
            steps.append(step)
            quads, done = step["quads"], step["documents"]
            if quads >= size:
                break
            k = math.ceil(done * size * 1.05 / max(quads, 1))
        _queries(out, quads, target_ms, size, first=size == options.sizes[0], options=options, res=res, say=say)
        if size == options.sizes[0]:
            _exports(out, quads, options, res, say)
        save(res)
    final = max(corpus, _proportional(corpus, done, options), key=lambda c: len(c.items))
    if len(final.items) > done:
        step = _ingest_step(final, out, fresh, jobs, options, res, say)
        if step is None:
            return None
        steps.append(step)
    return _full_figures(steps, final, out, res)


def _faster_jobs(res: Results) -> int:
    sample = res.sections.get("sample", {})
    times = {j: sample.get(f"jobs_{j}", {}).get("seconds") for j in (1, 2)}
    return 1 if times[1] and (not times[2] or times[1] < times[2]) else 2


def _per_doc(res: Results) -> float:
    sample = res.sections.get("sample", {})
    for jobs in (2, 1):
        r = sample.get(f"jobs_{jobs}", {})
        if r.get("quads"):
            return r["quads"] / max(sample["documents"], 1)
    return 10_000.0


def _ingest_step(corpus: Corpus, out: str, fresh: bool, jobs: int, options: Options, res: Results,
                 say) -> dict | None:
    catalogue = write_catalogue(corpus, options.work / f"catalogue-{len(corpus.items)}.toml")
    m = _measure(res, f"ingest up to {len(corpus.items)} documents, {jobs} worker(s)", "pipeline.bench.runs:ingest",
                 {"catalogue": str(catalogue), "output": out, "jobs": jobs, "fresh": fresh}, say,
                 options.ingest_timeout)
    if not m.ok:
        return None
    say(f"  {m.result['seconds']:.1f} s, {m.result['quads']:,} quads, {m.result['totals']}")
    return {"documents": len(corpus.items), "catalogue": str(catalogue), "seconds": m.result["seconds"], "jobs": jobs,
            "quads": m.result["quads"], "totals": m.result["totals"], "peak_rss": m.peak_rss,
            "errors": m.result.get("errors", [])}


def _full_figures(steps: list[dict], corpus: Corpus, out: str, res: Results) -> dict:
    t = totals(corpus)
    seconds = sum(s["seconds"] for s in steps)
    peak = max(s["peak_rss"] for s in steps)
    docs = t["html_documents"] + t["pdf_documents"]
    res.sections["full_ingest"] = {"steps": steps, "seconds": seconds, "documents": docs, **t}
    res.figures.append(_fig("ingest.full.docs_per_s", f"ingest of all {docs:,} documents, {steps[-1]['jobs']} worker(s)",
                            docs / seconds,
                            "docs/s", rss=peak, note=f"{seconds:.0f} s in {len(steps)} steps, "
                                                     f"{steps[-1]['quads']:,} quads"))
    res.figures.append(_fig("ingest.peak_rss", f"peak RSS, ingest of {docs:,} documents", peak / MB, "MB",
                            target="<= 1536 MB", threshold=1536, absolute=True, higher=False,
                            note="workers included; largest of the steps"))
    return {"output": out, "seconds": seconds, "catalogue": steps[-1]["catalogue"], "jobs": steps[-1]["jobs"]}


# --------------------------------------------------------------------------------- queries, exports
def _quads(n: int) -> str:
    return f"{n / 1e6:.1f} M quads" if n >= 1e6 else f"{n / 1e3:.0f} k quads"


def _queries(out: str, quads: int, target_ms: float, size: int, *, first: bool, options: Options,
             res: Results, say) -> None:
    texts = measure.run("pipeline.bench.runs:query_texts", {}, timeout=120).result or {}
    tag = f"{size / 1e6:g}m"
    label = _quads(quads)
    say(f"measuring {len(texts)} saved queries on {quads:,} quads ...")
    ref = _rdflib(out, texts, options, res, say) if first else None
    section = res.sections.setdefault("queries", {})[tag] = {"quads": quads, "naravard": {}}
    if ref is not None:
        section["rdflib"] = {**ref.result, "peak_rss": ref.peak_rss}
    for name, q in sorted(texts.items()):
        if "error" in q:
            res.figures.append(_fig(f"query.{tag}.{name}", f"query {name} p50 ({label})", None, "ms",
                                    note=q["error"]))
            continue
        m = measure.run("pipeline.bench.runs:query_latency", {"output": out, "name": name, "params": q["params"],
                                                              "repeats": options.repeats, "budget": options.query_cap / 4},
                        timeout=options.query_cap)
        section["naravard"][name] = {**m.result, "peak_rss": m.peak_rss, "error": m.error}
        res.figures.append(_query_figure(tag, label, name, m, ref, target_ms, options))


def _rdflib(out: str, texts: dict, options: Options, res: Results, say) -> measure.Measurement | None:
    dump = options.work / "store.nq"
    d = _measure(res, "N-Quads dump for rdflib", "pipeline.bench.runs:dump", {"output": out, "path": str(dump)}, say)
    if not d.ok:
        return None
    queries = {k: v["sparql"] for k, v in texts.items() if "sparql" in v}
    ref = _measure(res, "the same queries in rdflib (in memory)", "pipeline.bench.rdflib_ref:rdflib_queries",
                   {"nquads": str(dump), "queries": queries, "timeout": options.rdflib_timeout}, say,
                   timeout=900 + len(queries) * options.rdflib_timeout * 3)
    dump.unlink(missing_ok=True)
    return ref


def _query_figure(tag, label, name, m, ref, target_ms, options: Options) -> Figure:
    r = (ref.result.get("queries", {}) if ref is not None and ref.ok else {}).get(name, {})
    base = r["p50"] * 1000 if r.get("p50") is not None else None
    note = ""
    if r.get("timed_out"):
        note = f"; rdflib > {options.rdflib_timeout:.0f} s"
    elif r.get("error"):
        note = f"; rdflib: {r['error'][:60]}"
    elif m.ok and r.get("rows") is not None and r["rows"] != m.result["rows"]:
        note = f"; rdflib gave {r['rows']}" + ("" if isinstance(r["rows"], bool) else " rows")
    common = dict(baseline_label="rdflib" if ref is not None else "", target=f"p50 <= {target_ms:.0f} ms",
                  baseline_rss=ref.peak_rss if ref is not None else None, higher=False)
    if not m.ok:
        text = f"> {options.query_cap:.0f} s (stopped)" if m.timed_out else (m.error or "failed")[:80]
        return replace(_fig(f"query.{tag}.{name}", f"query {name} p50 ({label})", None, "ms", base,
                            note=text + note, **common), passed=False)
    q = m.result
    return _fig(f"query.{tag}.{name}", f"query {name} p50 ({label})", q["p50"] * 1000, "ms", base,
                threshold=target_ms, rss=m.peak_rss, absolute=True,
                note=f"p95 {q['p95'] * 1000:.1f} ms over {q['runs']} runs, {_answer(q['rows'])}{note}", **common)


def _answer(rows) -> str:
    """Rows of a SELECT (or triples of a CONSTRUCT), or the yes/no of an ASK."""
    return ("answer yes" if rows else "answer no") if isinstance(rows, bool) else f"{rows} rows"


def _exports(out: str, quads: int, options: Options, res: Results, say) -> None:
    folder = options.work / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    graph_json = folder / "concepts.json"
    made = {fmt: _measure(res, f"export {fmt}", "pipeline.bench.runs:export",
                          {"output": out, "fmt": fmt, "out": str(folder / f"concepts.{fmt}"),
                           "graph_json": str(graph_json) if fmt == "graphml" else None}, say)
            for fmt in ("graphml", "gexf", "html")}
    base = _measure(res, "networkx writers", "pipeline.bench.baselines:networkx_writers",
                    {"graph_file": str(graph_json), "out_dir": str(folder)}, say) if graph_json.is_file() else None
    res.sections["exports"] = {"quads": quads, **{f: {**m.result, "peak_rss": m.peak_rss} for f, m in made.items()}}
    if base is not None:
        res.sections["exports"]["networkx"] = {**base.result, "peak_rss": base.peak_rss}
    for fmt, m in made.items():
        if not m.ok:
            continue
        nx_s = base.result["seconds"].get(fmt) if base is not None and base.ok else None
        steps = m.result["steps"]
        name = {"graphml": "GraphML", "gexf": "GEXF", "html": "HTML page"}[fmt]
        res.figures.append(_fig(
            f"export.{fmt}", f"export {name}, store to file ({_quads(quads)})", m.result["seconds"], "s",
            nx_s, "networkx writer" if fmt != "html" else "networkx node-link JSON", rss=m.peak_rss,
            baseline_rss=base.peak_rss if base is not None else None, higher=False,
            note=f"projection {steps['view']:.2f} s, layout {steps['layout']:.2f} s, writer {steps['write']:.2f} s; "
                 f"{m.result['nodes']} nodes, {m.result['edges']} edges"))


# --------------------------------------------------------------------------------- 4. re-ingest
def _reingest(full: dict, options: Options, res: Results, say) -> None:
    m = _measure(res, "re-ingest of the unchanged corpus", "pipeline.bench.runs:ingest",
                 {"catalogue": full["catalogue"], "output": full["output"], "jobs": full["jobs"], "fresh": False,
                  "count": False}, say, options.ingest_timeout)
    res.sections["reingest"] = {**m.result, "peak_rss": m.peak_rss}
    if m.ok:
        frac = m.result["seconds"] / full["seconds"] * 100
        res.figures.append(_fig("reingest.fraction", "re-ingest unchanged corpus, % of full ingest", frac, "%",
                                target="<= 5%", threshold=5.0, absolute=True, higher=False, rss=m.peak_rss,
                                note=f"{m.result['seconds']:.1f} s vs {full['seconds']:.1f} s; {m.result['totals']}"))
