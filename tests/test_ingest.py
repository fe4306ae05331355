"""Ingest from local snapshots: statuses, change detection, idempotence, removal, history, failures."""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from pipeline import iri
from pipeline.api import extract_files, ingest
from pipeline.cli import main
from pipeline.errors import CatalogueError, StoreError
from pipeline.fingerprints import canonical_dump
from pipeline.graph.store import open_store
from pipeline.history import History
from pipeline.settings import PROJECT_ROOT, Settings

BUNDLED = PROJECT_ROOT / "sources"
IDS = sorted(p.stem for p in BUNDLED.glob("*.toml"))


@pytest.fixture
def catalogue(tmp_path) -> Path:
    shutil.copytree(BUNDLED, tmp_path / "sources")
    return tmp_path / "sources"


def settings_for(catalogue: Path, **kw) -> Settings:
    return Settings(sources=catalogue, output=catalogue.parent / "out", jobs=1, **kw)


def dump(settings: Settings, **kw) -> bytes:
    with open_store(settings, read_only=True) as store:
        return canonical_dump(store, settings, **kw)


def graph_lines(settings: Settings, source_id: str) -> list[str]:
    with open_store(settings, read_only=True) as store:
        return sorted(f"{q} ." for q in store.quads(iri.graph(source_id, settings.base_iri)))


def as_stored(nquads: bytes) -> list[str]:
    """N-Quads lines as the store gives them back (it normalises some literal datatypes)."""
    memory = ox.Store()
    memory.extend(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    return sorted(f"{q} ." for q in memory)


def snapshot_of(catalogue: Path, source_id: str) -> Path:
    text = (catalogue / f"{source_id}.toml").read_text(encoding="utf-8")
    rel = next(ln.split("=", 1)[1].strip().strip('"') for ln in text.splitlines() if ln.startswith("snapshot"))
    return catalogue / rel


def test_first_ingest_then_unchanged_and_byte_identical(catalogue):
    settings = settings_for(catalogue)
    first = ingest(settings)
    assert [r.source_id for r in first.results] == IDS
    assert {r.status for r in first.results} == {"new"}
    assert all(sum(r.counts.values()) > 0 for r in first.results)
    with open_store(settings, read_only=True) as store:
        graphs = set(store.graphs())
    assert {iri.graph(i) for i in IDS} | {iri.ontology_graph(), iri.runs_graph(), iri.summary_graph()} == graphs
    before = dump(settings, run_metadata=True)

    second = ingest(settings)
    assert {r.status for r in second.results} == {"unchanged"}
    assert all("parse" not in r.timings for r in second.results)  # unchanged content is not parsed again
    assert dump(settings, run_metadata=True) == before  # graphs untouched, run metadata included
    assert second.totals["unchanged"] == len(IDS) and not second.all_failed
    assert {s.last_run for s in History(settings).states().values()} == {first.run_id}  # no state rewritten


def test_changed_snapshot_replaces_only_its_graph(catalogue, tmp_path):
    settings = settings_for(catalogue)
    ingest(settings)
    others = {i: graph_lines(settings, i) for i in IDS if i != "gnesta-nara-vard"}
    page = snapshot_of(catalogue, "gnesta-nara-vard")
    old_copy = tmp_path / "old.html"
    shutil.copy(page, old_copy)
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</h1>", "</h1><p>Region Jämtland Härjedalen och Försäkringskassan samverkar "
                                          "om hälsofrämjande arbete.</p>", 1), encoding="utf-8")
    report = ingest(settings)
    status = {r.source_id: r.status for r in report.results}
    assert status.pop("gnesta-nara-vard") == "changed"
    assert set(status.values()) == {"unchanged"}
    assert {i: graph_lines(settings, i) for i in others} == others

    changed = next(r for r in report.results if r.source_id == "gnesta-nara-vard")
    assert changed.previous_snapshot and changed.snapshot != changed.previous_snapshot
    with open_store(settings, read_only=True) as store:
        rows = store.select("SELECT ?old WHERE { ?new <http://www.w3.org/ns/prov#wasRevisionOf> ?old }")
    assert [r["old"].value for r in rows] == [changed.previous_snapshot]

    # naravard diff shows exactly the concepts the extractor finds in one version and not the other
    old_ex, new_ex = extract_files([old_copy, page])
    expected_added = {c.iri for c in new_ex.concepts} - {c.iri for c in old_ex.concepts}
    expected_removed = {c.iri for c in old_ex.concepts} - {c.iri for c in new_ex.concepts}
    assert expected_added  # the edit does add concepts
    result = CliRunner().invoke(main, ["diff", "--json", "--sources", str(catalogue), "--output", str(settings.output)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [d["source_id"] for d in data["sources"]] == ["gnesta-nara-vard"]
    assert {c["iri"] for c in data["sources"][0]["concepts_added"]} == expected_added
    assert {c["iri"] for c in data["sources"][0]["concepts_removed"]} == expected_removed
    text = CliRunner().invoke(main, ["diff", "--sources", str(catalogue), "--output", str(settings.output)]).output
    assert "gnesta-nara-vard: changed" in text and f"{len(IDS) - 1} sources unchanged." in text
    for concept in expected_added:
        assert f"<{concept}>" in text

    # back to the old page: the same concepts are reported removed, against the run before
    shutil.copy(old_copy, page)
    assert {r.status for r in ingest(settings).results if r.source_id == "gnesta-nara-vard"} == {"changed"}
    data = json.loads(CliRunner().invoke(main, ["diff", "--json", "--output", str(settings.output)]).output)
    assert {c["iri"] for c in data["sources"][0]["concepts_removed"]} == expected_added
    assert data["sources"][0]["concepts_added"] == []


def test_idempotent_on_a_fresh_store(catalogue):
    a = settings_for(catalogue)
    b = Settings(sources=catalogue, output=catalogue.parent / "out-b", jobs=1)
    ingest(a)
    ingest(b)
    assert dump(a) == dump(b)
    assert dump(a).count(b"\n") > 1000


def test_a_graph_left_half_written_by_a_killed_run_is_repaired_by_the_next(catalogue):
    """A new source's graph is bulk-loaded (not atomic) and its state saved after: a kill in between
    leaves quads without a state. The next run rebuilds that source and replaces them whole, and
    drops such a graph whose source has left the catalogue."""
    settings = settings_for(catalogue)
    clean = Settings(sources=catalogue, output=catalogue.parent / "out-clean", jobs=1)
    ingest(clean)
    left = "gnesta-nara-vard"
    with open_store(clean, read_only=True) as store:
        part = list(store.quads(iri.graph(left)))[::3]
    stale = ox.Literal("from an earlier build")
    with open_store(settings) as store:
        store.add(iri.graph(left), part + [ox.Quad(part[0].subject, part[0].predicate, stale)])
        store.add(iri.graph("no-longer-catalogued"), part[:5])
    report = ingest(settings)
    assert {r.status for r in report.results} == {"new"}
    assert dump(settings) == dump(clean)
    with open_store(settings, read_only=True) as store:
        assert iri.graph("no-longer-catalogued") not in store.graphs()


def test_bulk_loads_only_for_many_new_sources_and_then_compacts(catalogue, monkeypatch):
    """A first ingest bulk-loads its graphs and compacts the store once; a run adding one source to
    several does not bulk-load, and compacts only once the graphs written since the last compaction
    reach a share of the store's; a compaction a killed run left undone is done by the next run, and
    one follows a summary written anew."""
    from pipeline import upkeep
    from pipeline.graph.oxigraph_store import OxigraphStore
    from pipeline.graph.store import open_store

    calls: list[bool] = []
    monkeypatch.setattr(OxigraphStore, "optimize", lambda self: calls.append(True))
    loads: list[bool] = []
    real = OxigraphStore.load_graph

    def load_graph(self, graph, data, bulk=False, **kw):
        if graph != iri.summary_graph():  # the source graphs' loads (not the summary's)
            loads.append(bulk)
        return real(self, graph, data, bulk=bulk, **kw)

    def load_new_graphs(self, parts):  # a bulk run's new graphs, loaded a batch at a time
        loads.extend(True for _ in parts)
        return real_new(self, parts)

    real_new = OxigraphStore.load_new_graphs
    monkeypatch.setattr(OxigraphStore, "load_graph", load_graph)
    monkeypatch.setattr(OxigraphStore, "load_new_graphs", load_new_graphs)
    kept = catalogue.parent / "kept.toml"
    (catalogue / "gnesta-nara-vard.toml").rename(kept)
    settings = settings_for(catalogue)
    ingest(settings)
    assert len(loads) == 4 and all(loads) and calls == [True]
    assert not History(settings).compaction_pending() and History(settings).written_since_compaction() == 0

    monkeypatch.setattr(upkeep, "COMPACT_SHARE", 0.5)  # 1 graph written of 5 held: below the share
    kept.rename(catalogue / "gnesta-nara-vard.toml")
    loads.clear()
    ingest(settings)
    assert loads == [False] and calls == [True] and History(settings).written_since_compaction() == 1

    History(settings).set_compaction_pending(True)  # as a run killed between a bulk load and compacting
    ingest(settings)
    assert calls == [True, True] and not History(settings).compaction_pending()
    assert History(settings).written_since_compaction() == 0

    with open_store(settings) as store:  # a summary written anew is bulk-loaded: compacted after it
        store.remove_graph(iri.summary_graph())
    ingest(settings)
    assert calls == [True, True, True]

    monkeypatch.setattr(upkeep, "COMPACT_SHARE", 0.2)  # now 1 graph of 5 reaches the share
    (catalogue / "gnesta-nara-vard.toml").rename(kept)
    ingest(settings)  # retracted: nothing written
    assert calls == [True, True, True] and History(settings).written_since_compaction() == 0
    kept.rename(catalogue / "gnesta-nara-vard.toml")
    loads.clear()
    ingest(settings)
    assert loads == [False] and calls == [True, True, True, True]


def test_removed_from_catalogue_is_retracted_but_kept_in_history(catalogue):
    settings = settings_for(catalogue)
    ingest(settings)
    kept = graph_lines(settings, "region-sormland-nara-vard")
    (catalogue / "region-sormland-nara-vard.toml").unlink()
    report = ingest(settings)
    removed = [r for r in report.results if r.status == "removed"]
    assert [r.source_id for r in removed] == ["region-sormland-nara-vard"]
    assert graph_lines(settings, "region-sormland-nara-vard") == []
    state = History(settings).states()["region-sormland-nara-vard"]
    assert state.status == "removed"
    version = next((settings.output / "history" / "sources" / "region-sormland-nara-vard").glob("*.nq.gz"))
    assert as_stored(gzip.decompress(version.read_bytes())) == kept
    assert ingest(settings).totals["removed"] == 0  # reported once


def test_only_limits_the_run_and_removes_nothing(catalogue):
    settings = settings_for(catalogue)
    report = ingest(settings, only=["gnesta-nara-vard"])
    assert [(r.source_id, r.status) for r in report.results] == [("gnesta-nara-vard", "new")]
    (catalogue / "skl-omstallning-nara-vard.toml").unlink()
    ingest(settings)
    report = ingest(settings, only=["gnesta-nara-vard"])
    assert [(r.source_id, r.status) for r in report.results] == [("gnesta-nara-vard", "unchanged")]
    with pytest.raises(CatalogueError, match="--only nope: no such source in the catalogue"):
        ingest(settings, only=["nope"])


def test_a_broken_source_fails_alone_and_keeps_its_previous_graph(catalogue):
    settings = settings_for(catalogue)
    ingest(settings)
    good = graph_lines(settings, "fou-sormland-malbild")
    pdf = snapshot_of(catalogue, "fou-sormland-malbild")
    pdf.write_bytes(pdf.read_bytes()[:1500])  # truncated PDF
    report = ingest(settings)
    result = next(r for r in report.results if r.source_id == "fou-sormland-malbild")
    assert result.status == "failed" and result.error and result.note == "previous graph kept"
    assert {r.status for r in report.results if r is not result} == {"unchanged"}
    assert graph_lines(settings, "fou-sormland-malbild") == good
    state = History(settings).states()["fou-sormland-malbild"]
    assert state.status == "failed" and state.graph_hash and state.error == result.error


def test_every_source_failing_exits_non_zero(catalogue):
    for snapshot in (catalogue / "snapshots").iterdir():
        snapshot.unlink()
    result = CliRunner().invoke(main, ["ingest", "--sources", str(catalogue), "--output",
                                       str(catalogue.parent / "out"), "--jobs", "1"])
    assert result.exit_code == 1
    assert f"{len(IDS)} sources in" in result.output and f"0 new, 0 changed, 0 unchanged, {len(IDS)} failed" in result.output
    assert "file not found" in result.output


def test_invalid_catalogue_exits_non_zero(catalogue):
    (catalogue / "broken.toml").write_text('id = "broken"\nurl = "https://example.org/"\nkind = "html"\n')
    result = CliRunner().invoke(main, ["ingest", "--sources", str(catalogue), "--output", str(catalogue.parent / "o")])
    assert result.exit_code == 1
    assert "broken.toml [broken]: missing required field 'publisher'" in result.output


def test_cli_prints_a_line_per_source_and_totals(catalogue):
    args = ["ingest", "--sources", str(catalogue), "--output", str(catalogue.parent / "out"), "--jobs", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for source_id in IDS:
        line = next(ln for ln in lines if f" {source_id} " in ln)
        assert line.startswith("new ") and "principle" in line and line.endswith(" s")
    assert f"{len(IDS)} sources in" in result.output and f"{len(IDS)} new, 0 changed" in result.output


def test_run_logs_and_runs_graph(catalogue):
    settings = settings_for(catalogue)
    first, second = ingest(settings), ingest(settings)
    logs = sorted((settings.output / "runs").glob("*.json"), key=lambda p: p.stem)
    assert [p.stem for p in logs] == [first.run_id, second.run_id]
    data = json.loads(logs[1].read_text())
    assert data["status"] == "completed" and data["version"] and len(data["results"]) == len(IDS)
    assert {r["status"] for r in data["results"]} == {"unchanged"}
    assert all(r["sha256"] and r["graph_hash"] for r in data["results"])
    query = ("SELECT ?run ?status (COUNT(?o) AS ?n) WHERE { ?run a <https://w3id.org/naravard/ontology#Run> ; "
             "<https://w3id.org/naravard/ontology#status> ?status . ?o <https://w3id.org/naravard/ontology#run> ?run }"
             " GROUP BY ?run ?status ORDER BY ?run")
    with open_store(settings, read_only=True) as store:
        rows = store.select(query)
    assert [(r["run"].value, r["status"].value, int(r["n"].value)) for r in rows] == [
        (first.run_iri, "completed", len(IDS)), (second.run_iri, "completed", len(IDS))]


def test_a_second_ingest_on_the_same_output_is_refused(catalogue):
    settings = settings_for(catalogue)
    settings.output.mkdir(parents=True)
    fd = os.open(settings.output / ".ingest.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(StoreError) as err:
            ingest(settings)
    finally:
        os.close(fd)
    assert str(err.value) == f"{settings.output}: another naravard ingest is running on this output directory"


def test_force_rebuilds_but_reports_unchanged_content(catalogue):
    settings = settings_for(catalogue)
    ingest(settings)
    before = dump(settings, run_metadata=True)
    report = ingest(settings, force=True)
    assert {r.status for r in report.results} == {"unchanged"}
    assert all("parse" in r.timings for r in report.results)
    assert dump(settings, run_metadata=True) == before
