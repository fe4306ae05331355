"""``naravard export`` over a real on-disk store: network formats, RDF formats, errors, the seed corpus."""

from __future__ import annotations

import time
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from export_helpers import FIXTURE, SCHEMAS
from lxml import etree

from pipeline import registry
from pipeline.cli import main
from pipeline.export.base import ExportOptions
from pipeline.export.writer import export
from pipeline.graph.store import open_store
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    """An output directory whose store holds the fixture graph, one named graph at a time."""
    out = tmp_path_factory.mktemp("output")
    quads = list(ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG))
    with open_store(Settings(output=out)) as store:
        for graph in sorted({q.graph_name.value for q in quads}):
            store.replace_graph(graph, [q for q in quads if q.graph_name.value == graph])
    return out


def run(*args: str):
    return CliRunner().invoke(main, ["export", *args], catch_exceptions=False)


def test_export_gexf_from_the_store(output):
    result = run("--output", str(output), "--out", str(output / "concepts.gexf"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {output / 'concepts.gexf'} (")
    assert ": gexf, view concepts, in " in result.output
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "gexf-1.3" / "gexf.xsd")))
    assert schema.validate(etree.parse(str(output / "concepts.gexf")))
    assert nx.read_gexf(output / "concepts.gexf").number_of_nodes() == 16


def test_export_csv_names_both_files_and_applies_filters(output):
    result = run("--output", str(output), "--out", str(output / "actors.csv"), "--view", "actor-principle",
                 "--min-weight", "3")
    assert result.exit_code == 0, result.output
    assert str(output / "actors.nodes.csv") in result.output and str(output / "actors.edges.csv") in result.output
    rows = (output / "actors.edges.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + 2  # header; Region Halland emphasises and co-occurs with Personcentrering
    assert all("actor.region-halland,principle.personcentrering" in r for r in rows[1:])


def test_format_option_overrides_the_extension(output):
    result = run("--output", str(output), "--out", str(output / "for-yed.xml"), "--format", "yed",
                 "--type", "actor", "--type", "region")
    assert result.exit_code == 0, result.output
    G = nx.read_graphml(output / "for-yed.xml")
    assert {d["type"] for _, d in G.nodes(data=True)} == {"actor", "region"}


@pytest.mark.parametrize(("args", "message"), [
    (["--out", "graph.xyz"], "Error: graph.xyz: cannot tell the export format from the extension '.xyz'"),
    (["--out", "g.gexf", "--region", "Gotland"], "Error: no source is about the region 'Gotland' (--region)"),
    (["--out", "g.gexf", "--view", "people"], "Error: unknown view 'people' for --view"),
    (["--out", "g.gexf", "--type", "person"], "Error: unknown concept type 'person' for --type"),
])
def test_errors_are_one_line_with_a_hint(output, tmp_path, args, message):
    args = [a if not a.startswith(("graph.", "g.")) else str(tmp_path / a) for a in args]
    result = CliRunner().invoke(main, ["export", "--output", str(output), *args])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == message.replace("graph.xyz", str(tmp_path / "graph.xyz"))
    assert lines[1].startswith("Hint: ")


def test_rdf_formats_go_through_the_same_command(output):
    rdf = [n for n in registry.names("exporter") if registry.lookup("exporter", n).kind == "rdf"]
    if not rdf:
        pytest.skip("no RDF export format is registered (pipeline/export/rdf.py)")
    trig = next((n for n in rdf if ".trig" in registry.lookup("exporter", n).extensions), None)
    if trig is None:
        pytest.skip("no TriG export format is registered")
    result = run("--output", str(output), "--out", str(output / "graph.trig"), "--view", "citations")
    assert result.exit_code == 0, result.output
    assert "note: --view, --type, --region and --min-weight apply to network formats only" in result.output
    quads = list(ox.parse(path=str(output / "graph.trig"), format=ox.RdfFormat.TRIG))
    assert len(quads) >= len(list(ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG)))


def test_seed_corpus_views(tmp_path):
    """The bundled sources, ingested offline, give every view and a page (and how long that takes)."""
    from pipeline.api import ingest

    settings = Settings(sources=ROOT / "sources", output=tmp_path, offline=True)
    ingest(settings)
    timings = {}
    for view in registry.names("view"):
        started = time.perf_counter()
        written = export(tmp_path / f"{view}.graphml", settings, options=ExportOptions(view=view))
        timings[view] = time.perf_counter() - started
        G = nx.read_graphml(written.paths[0], force_multigraph=True)
        assert G.number_of_nodes() > 0, view
    concepts = nx.read_graphml(tmp_path / "concepts.graphml")
    assert concepts.number_of_nodes() >= 30
    assert {"principle", "actor", "region"} <= {d["type"] for _, d in concepts.nodes(data=True)}
    page = export(tmp_path / "graph.html", settings).paths[0]
    assert page.stat().st_size > 10_000
    print("export seconds per view:", {k: round(v, 3) for k, v in timings.items()})
