"""kill -9 in the middle of an ingest: the store opens, every graph is whole (old or new), the next run completes."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from pipeline import iri
from pipeline.api import ingest
from pipeline.fingerprints import canonical_dump
from pipeline.graph.store import open_store
from pipeline.history import History
from pipeline.settings import PROJECT_ROOT, Settings

SEEDS = Path(__file__).parent / "data" / "seeds"
COPIES = 4


def as_stored(nquads: bytes) -> list[str]:
    memory = ox.Store()
    memory.extend(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    return sorted(f"{q} ." for q in memory)


def make_catalogue(directory: Path) -> list[str]:
    (directory / "snapshots").mkdir(parents=True)
    ids = []
    for n in range(COPIES):
        for seed in sorted(SEEDS.glob("html/*.html")):
            source_id = f"page-{n}-{seed.stem[:3]}"
            shutil.copy(seed, directory / "snapshots" / f"{source_id}.html")
            (directory / f"{source_id}.toml").write_text(
                f'id = "{source_id}"\nurl = "https://example.org/{source_id}"\npublisher = "Region Halland"\n'
                f'kind = "html"\nsnapshot = "snapshots/{source_id}.html"\n', encoding="utf-8")
            ids.append(source_id)
    return sorted(ids)


def edit_all(directory: Path) -> None:
    for page in (directory / "snapshots").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace("</h1>", "</h1><p>Region Jämtland Härjedalen och Försäkringskassan "
                                              "samverkar om hälsofrämjande arbete.</p>", 1), encoding="utf-8")


def start_ingest(catalogue: Path, output: Path, jobs: int) -> subprocess.Popen:
    """`naravard ingest` in a process group of its own (so a test can kill it with its workers)."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", "--sources", str(catalogue), "--output",
                             str(output), "--jobs", str(jobs)], env=env, cwd=catalogue.parent, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for_results(output: Path, count: int, timeout: float = 60) -> None:
    """Until the running ingest has recorded ``count`` source outcomes in its journal."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        journals = list((output / "runs").glob("*.jsonl"))
        if journals and journals[0].read_text().count("\n") >= count:
            return
        time.sleep(0.005)


def kill_group(proc: subprocess.Popen, within: float) -> None:
    time.sleep(random.uniform(0, within))
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.slow
def test_kill_9_mid_run_leaves_whole_graphs_and_the_next_run_completes(tmp_path):
    catalogue, output = tmp_path / "sources", tmp_path / "out"
    ids = make_catalogue(catalogue)
    settings = Settings(sources=catalogue, output=output, jobs=1)
    ingest(settings)
    old = {i: History(settings).states()[i].graph_hash for i in ids}
    edit_all(catalogue)

    proc = start_ingest(catalogue, output, jobs=1)
    wait_for_results(output, 3)
    kill_group(proc, within=0.05)

    # the store opens, and each source's graph is exactly its previous or its new version
    versions_dir = output / "history" / "sources"
    with open_store(settings) as store:
        states = {"old": 0, "new": 0}
        for source_id in ids:
            lines = sorted(f"{q} ." for q in store.quads(iri.graph(source_id)))
            versions = {p.name.split(".")[0]: as_stored(gzip.decompress(p.read_bytes()))
                        for p in (versions_dir / source_id).glob("*.nq.gz")}
            assert lines in versions.values(), f"{source_id}: graph is neither the old nor the new version"
            states["old" if lines == versions[old[source_id]] else "new"] += 1
    assert states["old"] >= 1 and states["new"] >= 1, states

    # the next run completes: every source ends with its new content, and the killed run is on record
    report = ingest(settings)
    assert report.status == "completed"
    assert {r.status for r in report.results} <= {"changed", "unchanged"}
    assert sum(r.status == "changed" for r in report.results) >= states["old"]
    for result in report.results:
        assert result.graph_hash != old[result.source_id]
    logs = sorted((json.loads(p.read_text()) for p in (output / "runs").glob("*.json")), key=lambda d: d["started"])
    assert [log["status"] for log in logs] == ["completed", "interrupted", "completed"]
    assert 3 <= len(logs[1]["results"]) < len(ids)
    assert not list((output / "runs").glob("*.jsonl"))
    with open_store(settings, read_only=True) as store:
        rows = store.select("SELECT ?s WHERE { ?run <https://w3id.org/naravard/ontology#status> ?s ; "
                            "a <https://w3id.org/naravard/ontology#Run> } ORDER BY ?s")
    assert sorted(r["s"].value for r in rows) == ["completed", "completed", "interrupted"]


@pytest.mark.slow
def test_kill_9_during_a_first_ingest_is_repaired_by_the_next_run(tmp_path):
    """New graphs are bulk-loaded, which is not atomic; a source's state is saved only after its graph
    is written, so the run after a kill rebuilds whatever was cut short and ends with the same store
    as an ingest that was never interrupted."""
    catalogue, output = tmp_path / "sources", tmp_path / "out"
    make_catalogue(catalogue)
    proc = start_ingest(catalogue, output, jobs=2)
    wait_for_results(output, 2)
    kill_group(proc, within=0.1)

    settings = Settings(sources=catalogue, output=output, jobs=2)
    report = ingest(settings)
    assert report.status == "completed" and report.totals["failed"] == 0
    clean = Settings(sources=catalogue, output=tmp_path / "clean", jobs=2)
    ingest(clean)
    with open_store(settings, read_only=True) as store, open_store(clean, read_only=True) as reference:
        assert canonical_dump(store, settings) == canonical_dump(reference, clean)
    assert ingest(settings).totals["unchanged"] == len(report.results)


@pytest.mark.slow
def test_workers_of_a_killed_ingest_exit_and_free_the_lock(tmp_path):
    """kill -9 of the ingest process alone (an OOM kill, a cron timeout): its worker processes exit
    instead of waiting for work forever, and they never hold the ingest lock."""
    import psutil

    catalogue, output = tmp_path / "sources", tmp_path / "out"
    make_catalogue(catalogue)
    proc = start_ingest(catalogue, output, jobs=2)
    try:
        wait_for_results(output, 0)
        workers = psutil.Process(proc.pid).children()
        assert len(workers) == 2
        proc.kill()
        proc.wait()
        gone, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive, "worker processes outlived the killed ingest"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # the test's own processes, whatever happened
    report = ingest(Settings(sources=catalogue, output=output, jobs=2))
    assert report.status == "completed" and report.totals["failed"] == 0
