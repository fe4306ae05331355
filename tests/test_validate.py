"""SHACL validation: the seed graph conforms; broken graphs do not, with readable messages."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from graph_helpers import open_seed_store, seed_settings, small_extraction, small_fetched, small_source

from pipeline import iri
from pipeline.cli import main
from pipeline.graph.build import ontology_quads, source_graph
from pipeline.graph.store import open_store
from pipeline.graph.validate import validate_store
from pipeline.settings import Settings

G = iri.graph("test-source")
NVO = "https://w3id.org/naravard/ontology#"
OA = "http://www.w3.org/ns/oa#"


def test_the_graph_built_from_the_seeds_conforms():
    with open_seed_store() as store:
        report = validate_store(store, seed_settings())
    assert len(report.graphs) == 8  # five sources, ontology, runs, summary
    assert report.conforms, "\n".join(r.line() for r in report.violations[:20])


def break_graph(quads: list[ox.Quad]) -> list[ox.Quad]:
    """Drop the snapshot's sha256, swap one mention's offsets, remove one mention's body, add a bad year, give
    a co-occurrence another predicate and add a source that is a blank node."""
    g = ox.NamedNode(G)
    out, swapped, unbodied = [], False, False
    for q in quads:
        p = q.predicate.value
        if p == NVO + "sha256":
            continue
        if p == OA + "start" and not swapped:
            swapped = True
            q = ox.Quad(q.subject, q.predicate, ox.Literal("100000", datatype=q.object.datatype), g)
        if p == OA + "hasBody" and not unbodied:
            unbodied = True
            continue
        if p == NVO + "targetYear":
            q = ox.Quad(q.subject, q.predicate, ox.Literal("around 2030"), g)
        if q.object == ox.NamedNode(NVO + "coOccursWith") and p.endswith("#predicate"):
            q = ox.Quad(q.subject, q.predicate, ox.NamedNode(NVO + "publishes"), g)
        out.append(q)
    blank = ox.BlankNode("orphan")
    out.append(ox.Quad(blank, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                       ox.NamedNode(NVO + "Source"), g))
    return out


@pytest.fixture(scope="module")
def broken_settings(tmp_path_factory):
    settings = Settings(output=tmp_path_factory.mktemp("broken"))
    good = source_graph(small_source(), small_fetched(), small_extraction(), settings)
    with open_store(settings) as store:
        store.replace_graph(iri.ontology_graph(), ontology_quads(settings))
        store.replace_graph(G, good)
        assert validate_store(store, settings, graphs=[G]).conforms  # the same graph unbroken conforms
        store.replace_graph(G, break_graph(good))
    return settings


def test_a_broken_graph_does_not_conform_and_each_break_is_reported(broken_settings):
    with open_store(broken_settings, read_only=True) as store:
        report = validate_store(store, broken_settings, graphs=[G])
    assert not report.conforms
    lines = [r.line() for r in report.violations]
    snapshot = iri.snapshot("test-source", "a" * 64)
    assert f"Violation: <{snapshot}> nvo:sha256: a snapshot needs one nvo:sha256 of 64 lower-case hex digits" in lines
    assert any("oa:start: a TextPositionSelector needs one oa:start" in line for line in lines)
    assert any("oa:hasBody: a mention needs exactly one oa:hasBody" in line for line in lines)
    assert any("nvo:targetYear: nvo:targetYear must be a year (xsd:gYear) (value: around 2030)" in line
               for line in lines)
    assert any("rdf:predicate: rdf:predicate of a co-occurrence is nvo:coOccursWith" in line for line in lines)
    assert any(line.startswith("Violation: _:") for line in lines), "the blank-node source is reported"
    assert {r.graph for r in report.results} == {G}


def test_validate_command_prints_violations_per_graph_and_fails(broken_settings):
    result = CliRunner().invoke(main, ["validate", "--output", str(broken_settings.output), "--max", "3"])
    assert result.exit_code == 1
    assert f"FAIL {G}:" in result.output
    assert f"ok   {iri.ontology_graph()}:" in result.output
    assert "… and " in result.output
    assert result.output.rstrip().endswith("violation(s)")
    assert "the store does not conform" in result.output
