"""Run one measurement in a fresh Python process and report its time, result and peak memory.

Every figure of the benchmark comes from its own process so that its peak RSS is its own, not the
high-water mark of everything measured before it, and so a measurement that runs away can be stopped
at a deadline. The parent starts ``python -m pipeline.bench.measure TARGET ARGS.json OUT.json``; the
child imports ``module:function``, calls it with the arguments and writes what it returned. While it
runs the parent samples the RSS of the child and all its descendants (worker processes included),
and the child adds its own ``ru_maxrss`` high-water mark, so a short spike between samples is not lost.
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Measurement:
    target: str
    wall: float  # seconds the child process ran, start-up included
    peak_rss: int  # bytes: the largest of the sampled process-tree RSS and the child's own high-water marks
    cpu: float | None = None  # CPU seconds (user + system) of the child, its threads and the processes it waited for
    result: dict[str, Any] = field(default_factory=dict)  # what the measured function returned
    error: str | None = None
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None and not self.timed_out


def _tree_rss(proc) -> int:
    import psutil

    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def _kill_tree(proc) -> None:
    import psutil

    try:
        children = proc.children(recursive=True)
    except psutil.Error:
        children = []
    for p in [*children, proc]:
        try:
            p.kill()
        except psutil.Error:
            pass


def run(target: str, args: dict[str, Any] | None = None, *, timeout: float = 3600.0,
        interval: float = 0.1) -> Measurement:
    """Call ``target`` ("module:function") with ``args`` in a child process; never raises for its failures."""
    import psutil

    with tempfile.TemporaryDirectory(prefix="naravard-bench-") as tmp:
        args_file, out_file = Path(tmp) / "args.json", Path(tmp) / "out.json"
        args_file.write_text(json.dumps(args or {}), encoding="utf-8")
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "pipeline.bench.measure", target, str(args_file),
                                  str(out_file)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        proc = psutil.Process(child.pid)
        peak, timed_out = 0, False
        while child.poll() is None:
            peak = max(peak, _tree_rss(proc))
            if time.perf_counter() - start > timeout:
                _kill_tree(proc)
                timed_out = True
                break
            time.sleep(interval)
        _, stderr = child.communicate()
        wall = time.perf_counter() - start
        if timed_out:
            return Measurement(target, wall, peak, error=f"stopped after {timeout:.0f} s", timed_out=True)
        if not out_file.is_file():
            tail = stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
            return Measurement(target, wall, peak, error=" | ".join(tail) or f"exit status {child.returncode}")
        out = json.loads(out_file.read_text(encoding="utf-8"))
        peak = max(peak, out.get("ru_maxrss", 0), out.get("ru_maxrss_children", 0))
        return Measurement(target, wall, peak, out.get("cpu"), out.get("result") or {}, out.get("error"))


_OUT_FILE: str | None = None


def _write(out: dict[str, Any]) -> None:
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss is bytes on macOS, KiB on Linux
    out["ru_maxrss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    out["ru_maxrss_children"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    out["cpu"] = sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                        resource.getrusage(resource.RUSAGE_CHILDREN)))
    Path(_OUT_FILE).write_text(json.dumps(out, default=str), encoding="utf-8")


def finish_now(result: dict[str, Any]) -> None:
    """Report ``result`` and end this child at once: for a measured call whose work is done but which
    cannot return (e.g. blocked in native code while closing). Only valid inside a measurement child."""
    _write({"result": result})
    os._exit(0)


def _main(target: str, args_file: str, out_file: str) -> int:
    global _OUT_FILE
    _OUT_FILE = out_file
    module, name = target.split(":")
    args = json.loads(Path(args_file).read_text(encoding="utf-8"))
    out: dict[str, Any] = {}
    try:
        out["result"] = getattr(importlib.import_module(module), name)(**args)
    except Exception as exc:  # the parent reports any failure of the measured code as text
        out["error"] = f"{type(exc).__name__}: {exc}"
    _write(out)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print("usage: python -m pipeline.bench.measure MODULE:FUNCTION ARGS.json OUT.json", file=sys.stderr)
        sys.exit(2)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(_main(*sys.argv[1:]))
