"""Benchmark results: figures next to their baselines, the machine, a table, JSON and history.

A :class:`Figure` is one measured number with the baseline it is compared to, the ratio, the target
(a sentence) and whether the target was met. Results are written to ``output/bench/latest.json`` and
``output/bench/history/<timestamp>.json``; :func:`compare` lines a run up against the previous one.
Timings are never asserted: a missed target is reported as ``FAIL`` and the run still succeeds.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGES = ("naravard", "pyoxigraph", "rdflib", "networkx", "beautifulsoup4", "lxml", "pypdf", "simplemma",
            "trafilatura", "reportlab", "psutil")
SCHEMA = 1


@dataclass(frozen=True, slots=True)
class Figure:
    name: str  # stable key, e.g. "ingest.html.pages_per_s"
    label: str
    value: float | None
    unit: str
    baseline: float | None = None
    baseline_label: str = ""
    target: str = ""  # e.g. ">= 1.0x baseline"
    passed: bool | None = None  # None: no target, or not measured
    peak_rss: int | None = None  # bytes
    baseline_rss: int | None = None
    note: str = ""
    higher_is_better: bool = True

    @property
    def ratio(self) -> float | None:
        """How many times better than the baseline (> 1: naravard is faster or leaner)."""
        if not self.value or not self.baseline:
            return None
        return self.value / self.baseline if self.higher_is_better else self.baseline / self.value


def machine() -> dict[str, Any]:
    """Cores, CPU model, RAM, OS, Python, package versions and the commit measured."""
    import psutil

    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {"cores": os.cpu_count(), "cpu": cpu, "ram_bytes": psutil.virtual_memory().total,
            "load_average": os.getloadavg(),  # other work on the machine skews every figure
            "os": platform.platform(), "python": sys.version.split()[0], "packages": versions, "git": _git()}


def _git() -> dict[str, Any]:
    def run(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    return {"commit": run("rev-parse", "--short", "HEAD"), "dirty": bool(run("status", "--porcelain", "--", "pipeline"))}


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    if unit == "s" and value < 1:
        return f"{value * 1000:.1f} ms"
    if abs(value) >= 100:
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return f"{text} {unit}".strip()


def _mb(value: int | None) -> str:
    return "—" if not value else f"{value / 2**20:,.0f} MB"


def table(figures: list[Figure]) -> str:
    """A plain-text table: measurement, naravard, baseline, how many times better, target, result, RSS, note."""
    rows = [("measurement", "naravard", "baseline", "x better", "target", "result", "peak RSS (baseline)", "note")]
    for f in figures:
        base = f"{_num(f.baseline, f.unit)} {f.baseline_label}".strip() if f.baseline is not None else f.baseline_label
        result = {True: "pass", False: "FAIL", None: ""}[f.passed]
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else ""
        rss = _mb(f.peak_rss) + (f" ({_mb(f.baseline_rss)})" if f.baseline_rss else "")
        value = _num(f.value, f.unit) if f.value is not None else (f.note or "—")
        rows.append((f.label, value, base, ratio, f.target, result, rss, f.note if f.value is not None else ""))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def to_json(figures: list[Figure], **sections: Any) -> dict[str, Any]:
    figs = [{**asdict(f), "ratio": f.ratio} for f in figures]
    return {"schema": SCHEMA, **sections, "figures": figs}


def save_partial(data: dict[str, Any], bench_dir: Path) -> Path:
    """Write the figures so far to latest.json (``complete: false``), leaving the history alone."""
    bench_dir.mkdir(parents=True, exist_ok=True)
    latest = bench_dir / "latest.json"
    tmp = latest.with_suffix(".tmp")
    tmp.write_text(json.dumps({**data, "complete": False}, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    tmp.replace(latest)
    return latest


def save(data: dict[str, Any], bench_dir: Path) -> tuple[Path, Path | None]:
    """Write latest.json and a history copy; return (latest path, previous history file or None)."""
    history = bench_dir / "history"
    history.mkdir(parents=True, exist_ok=True)
    mode = data.get("mode")
    previous = [p for p in sorted(history.glob("*.json")) if _mode(p) == mode]  # compare like with like
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps({**data, "complete": True}, indent=2, ensure_ascii=False, default=str)
    (history / f"{stamp}.json").write_text(text, encoding="utf-8")
    latest = bench_dir / "latest.json"
    latest.write_text(text, encoding="utf-8")
    return latest, (previous[-1] if previous else None)


def _mode(path: Path) -> str | None:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("mode")
    except (OSError, ValueError):
        return None


def compare(current: dict[str, Any], previous: dict[str, Any]) -> str:
    """Each figure of this run beside the same figure of ``previous`` (same mode only makes sense)."""
    before = {f["name"]: f for f in previous.get("figures", [])}
    lines = [f"compared with the run of {previous.get('started', '?')} ({previous.get('mode', '?')} mode, "
             f"commit {previous.get('machine', {}).get('git', {}).get('commit', '?')}):"]
    for f in current.get("figures", []):
        old = before.get(f["name"])
        if not old or old.get("value") in (None, 0) or f.get("value") is None:
            continue
        change = (f["value"] - old["value"]) / old["value"] * 100
        better = (change > 0) == f.get("higher_is_better", True)
        mark = "better" if abs(change) >= 5 and better else "worse" if abs(change) >= 5 else "same"
        lines.append(f"  {f['label']:<48} {_num(old['value'], f['unit']):>14} -> {_num(f['value'], f['unit']):>14}"
                     f"  {change:+6.1f}%  {mark}")
    return "\n".join(lines)
