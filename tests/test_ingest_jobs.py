"""--jobs N writes the same graph as --jobs 1."""

from __future__ import annotations

import shutil

from pipeline.api import ingest
from pipeline.fingerprints import canonical_dump
from pipeline.graph.store import open_store
from pipeline.settings import PROJECT_ROOT, Settings


def test_two_workers_write_the_same_graph_as_one(tmp_path):
    shutil.copytree(PROJECT_ROOT / "sources", tmp_path / "sources")
    dumps, orders = [], []
    for jobs in (1, 2):
        settings = Settings(sources=tmp_path / "sources", output=tmp_path / f"out-{jobs}", jobs=jobs)
        report = ingest(settings)
        assert {r.status for r in report.results} == {"new"}
        orders.append([r.source_id for r in report.results])
        with open_store(settings, read_only=True) as store:
            dumps.append(canonical_dump(store, settings))
    assert dumps[0] == dumps[1] and dumps[0].count(b"\n") > 1000
    assert orders[0] == orders[1]  # results (and store writes) in catalogue order
