"""The benchmark, step by step: each naravard figure next to its baseline, measured in the same run.

    1. corpus      generate (or reuse) the corpus, write its catalogue
    2. peers       trafilatura extract() on the pages, pypdf extract_text() on the brochures
    3. ingest      full ingest with 1 worker (stage split per kind), then with 2 workers (speed-up)
    4. re-ingest   the unchanged corpus again, as a fraction of the full ingest
    5. queries     every saved query on a store of >= 1 M quads (p50/p95) against rdflib in memory,
                   and on the store of the whole corpus
    6. exports     the concept network to GraphML, GEXF and the HTML page against networkx's writers

Every measurement runs in its own process (:mod:`.measure`), which also gives its peak RSS.
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
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
    min_quads: int = 1_000_000
    repeats: int = 10
    rdflib_timeout: float = 30.0
    ingest_timeout: float = 3600.0
    full_store_queries: bool = True
    keep: bool = False
    mode: str = "full"

    @property
    def work(self) -> Path:
        return self.output / "bench" / "work"


@dataclass
class Results:
    figures: list[Figure]
    sections: dict[str, Any]


def run(options: Options, say: Callable[[str], None]) -> Results:
    res = Results([], {"errors": []})
    corpus = ensure_corpus(options.output, options.seed, options.docs, options.pdfs, say)
    res.sections["corpus"] = {"seed": options.seed, "root": str(corpus.root), **totals(corpus)}
    catalogue = write_catalogue(corpus, options.work / "catalogue.toml")
    say(f"corpus: {len(corpus.html)} pages, {len(corpus.pdf)} brochures ({corpus.root})")
    peers = _peers(corpus, res, say)
    full = _ingest(catalogue, corpus, peers, options, res, say)
    if full is not None:
        _reingest(catalogue, full, options, res, say)
        _queries(corpus, full, options, res, say)
        _exports(full, options, res, say)
    if not options.keep:
        shutil.rmtree(options.work, ignore_errors=True)
    return res


def _measure(res: Results, what: str, target: str, args: dict, say, timeout: float = 3600.0) -> measure.Measurement:
    say(f"measuring {what} ...")
    m = measure.run(target, args, timeout=timeout)
    if not m.ok:
        res.sections["errors"].append(f"{what}: {m.error}")
        say(f"  {what} failed: {m.error}")
    return m


def _peers(corpus: Corpus, res: Results, say) -> dict[str, measure.Measurement]:
    html = _measure(res, "trafilatura extract()", "pipeline.bench.baselines:trafilatura_extract",
                    {"paths": [str(p) for p in corpus.paths("html")]}, say)
    pdf = _measure(res, "pypdf extract_text()", "pipeline.bench.baselines:pypdf_extract_text",
                   {"paths": [str(p) for p in corpus.paths("pdf")]}, say)
    res.sections["peers"] = {"trafilatura": html.result, "pypdf": pdf.result}
    return {"html": html, "pdf": pdf}


def _kind_seconds(result: dict) -> dict[str, float]:
    """Seconds per document kind: its stage times plus its share of the run's other work."""
    stages = result.get("stages", {})
    per_kind = {k: sum(v.values()) for k, v in stages.items()}
    staged = sum(per_kind.values()) or 1e-9
    other = max(result["seconds"] - staged, 0.0)
    return {k: s + other * s / staged for k, s in per_kind.items()}


def _ingest(catalogue: Path, corpus: Corpus, peers: dict, options: Options, res: Results, say) -> dict | None:
    t = totals(corpus)
    runs = {}
    for jobs in (1, 2):
        m = _measure(res, f"ingest with {jobs} worker(s)", "pipeline.bench.runs:ingest",
                     {"catalogue": str(catalogue), "output": str(options.work / f"ingest-{jobs}"), "jobs": jobs},
                     say, options.ingest_timeout)
        runs[jobs] = m
        if m.ok:
            say(f"  {m.result['seconds']:.1f} s, {m.result.get('quads', 0):,} quads, {m.result['totals']}")
    one, two = runs[1], runs[2]
    shutil.rmtree(options.work / "ingest-1", ignore_errors=True)
    res.sections["ingest"] = {f"jobs_{j}": {**m.result, "peak_rss": m.peak_rss, "wall": m.wall} for j, m in runs.items()}
    if not one.ok:
        return two.result if two.ok else None
    kinds = _kind_seconds(one.result)
    res.sections["stages"] = {"per_kind_seconds": kinds, "stages": one.result["stages"],
                              "other_seconds": one.result["seconds"] - sum(sum(v.values()) for v in
                                                                            one.result["stages"].values())}
    F = res.figures
    for kind, peer, name in (("html", peers["html"], "trafilatura extract()"), ("pdf", peers["pdf"], "pypdf extract_text()")):
        secs = kinds.get(kind)
        if not secs:
            continue
        pages, size, docs = t[f"{kind}_pages"], t[f"{kind}_bytes"], t[f"{kind}_documents"]
        pr = peer.result if peer.ok else {}
        F.append(_fig(f"ingest.{kind}.pages_per_s", f"{kind.upper()} ingest, end to end (1 worker)", pages / secs,
                      "pages/s", pr.get("pages_per_s"), name, ">= 1.0x peer", 1.0, one.peak_rss, peer.peak_rss))
        F.append(_fig(f"ingest.{kind}.mb_per_s", f"{kind.upper()} ingest, end to end (1 worker)", size / 1e6 / secs,
                      "MB/s", pr.get("mb_per_s"), name))
        if kind == "pdf":
            F.append(_fig("ingest.pdf.docs_per_s", "PDF ingest, end to end (1 worker)", docs / secs, "docs/s",
                          pr.get("docs_per_s"), name))
    docs, pages = t["html_documents"] + t["pdf_documents"], t["html_pages"] + t["pdf_pages"]
    peer_secs = sum(p.result.get("seconds", 0) for p in peers.values() if p.ok)
    for jobs, m in runs.items():
        if m.ok:
            s = m.result["seconds"]
            F.append(_fig(f"ingest.all.docs_per_s.jobs{jobs}", f"whole corpus ingest, {jobs} worker(s)", docs / s,
                          "docs/s", docs / peer_secs if peer_secs else None, "both peers, 1 process",
                          rss=m.peak_rss, note=f"{pages / s:.1f} pages/s, {(t['html_bytes'] + t['pdf_bytes']) / 1e6 / s:.2f} MB/s"))
    if two.ok:
        F.append(_fig("ingest.speedup", "speed-up, 2 workers over 1", one.result["seconds"] / two.result["seconds"],
                      "x", target=">= 1.70x", threshold=1.7, absolute=True))
    peak = max(one.peak_rss, two.peak_rss if two.ok else 0)
    F.append(_fig("ingest.peak_rss", f"peak RSS, ingest of {docs:,} documents", peak / MB, "MB",
                  target="<= 1536 MB", threshold=1536, absolute=True, higher=False,
                  note=f"1 worker {one.peak_rss / MB:,.0f} MB, 2 workers {two.peak_rss / MB:,.0f} MB (process tree)"))
    return {**(two.result if two.ok else one.result), "output": str(options.work / ("ingest-2" if two.ok else "ingest-1"))}


def _fig(name, label, value, unit, baseline=None, baseline_label="", target="", threshold=None, rss=None,
         baseline_rss=None, note="", absolute=False, higher=True) -> Figure:
    """A figure; ``threshold`` applies to the ratio, or to the value itself when ``absolute``."""
    fig = Figure(name, label, value, unit, baseline, baseline_label, target, None, rss, baseline_rss, note, higher)
    if threshold is not None and value is not None:
        measured = value if absolute else fig.ratio
        if measured is not None:
            fig = replace(fig, passed=measured >= threshold if higher else measured <= threshold)
    return fig


def _reingest(catalogue: Path, full: dict, options: Options, res: Results, say) -> None:
    m = _measure(res, "re-ingest of the unchanged corpus", "pipeline.bench.runs:ingest",
                 {"catalogue": str(catalogue), "output": full["output"], "jobs": full.get("jobs") or 2,
                  "fresh": False, "count": False}, say, options.ingest_timeout)
    res.sections["reingest"] = {**m.result, "peak_rss": m.peak_rss}
    if m.ok:
        frac = m.result["seconds"] / full["seconds"] * 100
        res.figures.append(_fig("reingest.fraction", "re-ingest unchanged corpus, % of full ingest", frac, "%",
                                target="<= 5%", threshold=5.0, absolute=True, higher=False, rss=m.peak_rss,
                                note=f"{m.result['seconds']:.1f} s vs {full['seconds']:.1f} s; {m.result['totals']}"))


def _query_store(corpus: Corpus, full: dict, options: Options, res: Results, say) -> tuple[str, int] | None:
    """An output directory whose store holds at least ``min_quads`` quads, from the first K documents."""
    n = len(corpus.items)
    per_doc = max(full.get("quads", 0) / max(n, 1), 1.0)
    k = math.ceil(options.min_quads * 1.05 / per_doc)
    out = str(options.work / "store-query")
    fresh = True
    for _ in range(6):
        k_pdf = round(k * len(corpus.pdf) / n)
        sub = ensure_corpus(options.output, options.seed, max(k - k_pdf, 1), k_pdf, say)
        cat = write_catalogue(sub, options.work / "catalogue-query.toml")
        m = _measure(res, f"store build from {len(sub.items)} documents", "pipeline.bench.runs:ingest",
                     {"catalogue": str(cat), "output": out, "jobs": 2, "fresh": fresh}, say, options.ingest_timeout)
        if not m.ok:
            return None
        quads = m.result["quads"]
        res.sections["query_store"] = {"documents": len(sub.items), "quads": quads, "build_seconds": m.result["seconds"]}
        if quads >= options.min_quads:
            return out, quads
        k, fresh = math.ceil(k * options.min_quads * 1.05 / max(quads, 1)), False
    return None


def _queries(corpus: Corpus, full: dict, options: Options, res: Results, say) -> None:
    store = _query_store(corpus, full, options, res, say)
    if store is None:
        return
    out, quads = store
    m = _measure(res, f"saved queries on {quads:,} quads", "pipeline.bench.runs:query_latency",
                 {"output": out, "repeats": options.repeats}, say)
    if not m.ok:
        return
    dump = options.work / "query-store.nq"
    ref = measure.Measurement("", 0, 0, error="not run")
    d = _measure(res, "N-Quads dump for rdflib", "pipeline.bench.runs:dump", {"output": out, "path": str(dump)}, say)
    texts = {k: v["sparql"] for k, v in m.result["queries"].items() if "sparql" in v}
    if d.ok:
        ref = _measure(res, "rdflib in memory", "pipeline.bench.rdflib_ref:rdflib_queries",
                       {"nquads": str(dump), "queries": texts, "timeout": options.rdflib_timeout},
                       say, timeout=600 + len(texts) * options.rdflib_timeout * 3)
    res.sections["queries"] = {"quads": quads, "naravard": m.result, "naravard_peak_rss": m.peak_rss,
                               "rdflib": ref.result, "rdflib_peak_rss": ref.peak_rss}
    _query_figures(res, m, ref, quads, "1m", 100.0, options, at_least=1_000_000)
    if options.full_store_queries and full.get("quads", 0) > quads:
        big = _measure(res, f"saved queries on {full['quads']:,} quads", "pipeline.bench.runs:query_latency",
                       {"output": full["output"], "repeats": max(options.repeats // 2, 3)}, say)
        res.sections["queries_full_store"] = {"quads": full["quads"], "naravard": big.result, "peak_rss": big.peak_rss}
        if big.ok:
            _query_figures(res, big, None, full["quads"], "full", 500.0, options, at_least=5_000_000)


def _query_figures(res, m, ref, quads: int, tag: str, limit_ms: float, options: Options, at_least: int) -> None:
    rq = (ref.result or {}).get("queries", {}) if ref is not None else {}
    size = f"{quads / 1e6:.1f} M quads" if quads >= 1e6 else f"{quads / 1e3:.0f} k quads"
    for name, q in sorted(m.result["queries"].items()):
        if "error" in q:
            res.figures.append(_fig(f"query.{tag}.{name}", f"query {name} p50 ({size})", None, "ms", note=q["error"]))
            continue
        r = rq.get(name, {})
        base, note = (r["p50"] * 1000, "") if r.get("p50") is not None else (None, "")
        if r.get("timed_out"):
            note = f"rdflib > {options.rdflib_timeout:.0f} s"
        elif r.get("error"):
            note = f"rdflib: {r['error'][:60]}"
        elif r.get("rows") is not None and r["rows"] != q["rows"]:
            note = f"rdflib gave {r['rows']} rows"
        fig = _fig(f"query.{tag}.{name}", f"query {name} p50 ({size})", q["p50"] * 1000, "ms", base,
                   "rdflib" if ref is not None else "", f"p50 <= {limit_ms:.0f} ms", limit_ms, m.peak_rss,
                   ref.peak_rss if ref is not None else None,
                   f"p95 {q['p95'] * 1000:.1f} ms, {q['rows']} rows" + (f"; {note}" if note else ""),
                   absolute=True, higher=False)
        if quads < at_least:  # the target is defined for a store of this size or more
            fig = replace(fig, passed=None, target=fig.target + f" (at {at_least / 1e6:.0f} M)")
        res.figures.append(fig)


def _exports(full: dict, options: Options, res: Results, say) -> None:
    out = options.work / "exports"
    out.mkdir(parents=True, exist_ok=True)
    source = full["output"]
    graph_json = out / "concepts.json"
    made = {}
    for fmt in ("graphml", "gexf", "html"):
        made[fmt] = _measure(res, f"export {fmt}", "pipeline.bench.runs:export",
                             {"output": source, "fmt": fmt, "out": str(out / f"concepts.{fmt}"),
                              "graph_json": str(graph_json) if fmt == "graphml" else None}, say)
    base = _measure(res, "networkx writers", "pipeline.bench.baselines:networkx_writers",
                    {"graph_file": str(graph_json), "out_dir": str(out)}, say) if graph_json.is_file() else None
    res.sections["exports"] = {f: {**m.result, "peak_rss": m.peak_rss} for f, m in made.items()}
    if base is not None:
        res.sections["exports"]["networkx"] = {**base.result, "peak_rss": base.peak_rss}
    for fmt, m in made.items():
        if not m.ok:
            continue
        nx_s = base.result["seconds"].get(fmt) if base is not None and base.ok else None
        steps = m.result["steps"]
        label = {"graphml": "GraphML", "gexf": "GEXF", "html": "HTML page"}[fmt]
        res.figures.append(_fig(f"export.{fmt}", f"export {label}, store to file", m.result["seconds"], "s", nx_s,
                                "networkx writer" if fmt != "html" else "networkx node-link JSON", rss=m.peak_rss,
                                baseline_rss=base.peak_rss if base is not None else None, higher=False,
                                note=f"view {steps['view']:.2f} s, layout {steps['layout']:.2f} s, writer "
                                     f"{steps['write']:.2f} s; {m.result['nodes']} nodes, {m.result['edges']} edges"))
