"""naravard diff on hand-made run logs and graph versions: concepts, statements, run selection."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.diff import concept_type, diff_runs, graph_versions, render, resolve_runs
from pipeline.errors import ConfigError
from pipeline.history import History
from pipeline.settings import Settings

B = "https://w3id.org/naravard/"
G = f"<{B}graph/s1>"
SKOS = "http://www.w3.org/2004/02/skos/core#"
NVO = "https://w3id.org/naravard/ontology#"
PROV = "http://www.w3.org/ns/prov#"


def concept(kind: str, key: str, label: str) -> list[str]:
    c = f"<{B}concept/{kind}/{key}>"
    return [f'{c} <{SKOS}prefLabel> "{label}"@sv {G} .', f"<{B}snapshot/s1/x> <{NVO}mentions> {c} {G} ."]


V1 = [*concept("actor", "region-halland", "Region Halland"), *concept("place", "halland", "Halland"),
      *concept("principle", "kontinuitet", "Kontinuitet"),
      f"<{B}concept/actor/region-halland> <{NVO}locatedIn> <{B}concept/place/halland> {G} .",
      f'<{B}snapshot/s1/x> <{PROV}generatedAtTime> "2025-01-01T00:00:00Z" {G} .']
V2 = [*concept("actor", "region-halland", "Region Halland"), *concept("place", "halland", "Halland"),
      *concept("principle", "personcentrering", "Personcentrering"),
      f"<{B}concept/actor/region-halland> <{NVO}responsibleFor> <{B}concept/place/halland> {G} .",
      f'<{B}snapshot/s1/x> <{PROV}generatedAtTime> "2025-02-01T00:00:00Z" {G} .']


def run(run_id: str, results: list[tuple[str, str | None]]) -> dict:
    return {"run_id": run_id, "run_iri": f"{B}run/{run_id}", "started": run_id, "ended": run_id, "version": "1",
            "status": "completed", "settings": {},
            "results": [{"source_id": s, "url": "https://example.org/", "status": "changed", "graph_hash": h}
                        for s, h in results]}


@pytest.fixture
def history(tmp_path) -> Settings:
    settings = Settings(output=tmp_path)
    h = History(settings)
    h.keep_graph("s1", "v1", ("\n".join(sorted(V1)) + "\n").encode())
    h.keep_graph("s1", "v2", ("\n".join(sorted(V2)) + "\n").encode())
    h.runs_dir.mkdir(parents=True)
    for data in (run("20250101T000000Z", [("s1", "v1"), ("s2", "w1")]),
                 run("20250201T000000Z", [("s1", "v2")]),  # an --only run: s2 as it was
                 run("20250301T000000Z", [("s1", "v2"), ("s2", None)])):  # s2 removed
        (h.runs_dir / f"{data['run_id']}.json").write_text(json.dumps(data))
    return settings


def test_concepts_and_statements_between_two_runs(history):
    report = diff_runs(history, "20250101", "20250201")
    assert (report.run_a, report.run_b) == ("20250101T000000Z", "20250201T000000Z")
    assert report.unchanged == ("s2",)
    (d,) = report.sources
    assert [(c.type, c.label) for c in d.concepts_added] == [("principle", "Personcentrering")]
    assert [(c.type, c.label) for c in d.concepts_removed] == [("principle", "Kontinuitet")]
    assert [(s.subject_label, s.predicate, s.object_label) for s in d.statements_added] == [
        ("Region Halland", "responsibleFor", "Halland")]
    assert [(s.subject_label, s.predicate, s.object_label) for s in d.statements_removed] == [
        ("Region Halland", "locatedIn", "Halland")]
    assert (d.triples_added, d.triples_removed) == (3, 3)  # retrieval time is run metadata, not a change


def test_default_is_the_last_two_runs_and_one_run_means_against_its_predecessor(history):
    report = diff_runs(history)
    assert (report.run_a, report.run_b) == ("20250201T000000Z", "20250301T000000Z")
    assert [(d.source_id, d.before, d.after) for d in report.sources] == [("s2", "w1", None)]
    assert diff_runs(history, "20250201T000000Z").run_a == "20250101T000000Z"


def test_versions_fold_over_partial_runs():
    runs = [run("a", [("s1", "1"), ("s2", "1")]), run("b", [("s1", "2")])]
    assert graph_versions(runs, 1) == {"s1": "2", "s2": "1"}


def test_run_selection_errors(history):
    runs = History(history).runs()
    with pytest.raises(ConfigError, match="run 'nope': no run with that id"):
        resolve_runs(runs, "nope", None)
    with pytest.raises(ConfigError, match="run '2025': several runs with that id"):
        resolve_runs(runs, "2025", "20250301")
    with pytest.raises(ConfigError, match="is the first run: nothing to compare it with"):
        resolve_runs(runs, "20250101", None)
    with pytest.raises(ConfigError, match="diff needs two ingest runs, found 1"):
        resolve_runs(runs[:1], None, None)


def test_readable_output_and_json_from_the_command(history):
    text = render(diff_runs(history, "20250101", "20250201"))
    assert text.splitlines()[:2] == ["Changes from run 20250101T000000Z to run 20250201T000000Z", ""]
    assert "s1: changed" in text
    assert f"  + principle       Personcentrering  <{B}concept/principle/personcentrering>" in text
    assert f"  - principle       Kontinuitet  <{B}concept/principle/kontinuitet>" in text
    assert "  + statement       Region Halland responsibleFor Halland" in text
    assert "  triples: +3 -3" in text and text.endswith("1 source unchanged.")
    result = CliRunner().invoke(main, ["diff", "20250101", "20250201", "--json", "--output", str(history.output)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["sources"][0]["concepts_added"][0]["iri"] == f"{B}concept/principle/personcentrering"
    bad = CliRunner().invoke(main, ["diff", "nope", "--output", str(history.output)])
    assert bad.exit_code == 1 and "Error: run 'nope': no run with that id" in bad.output


def test_concept_type_from_iri():
    assert concept_type(f"{B}concept/place/halland") == "region"
    assert concept_type(f"{B}concept/focus-area/x") == "focus_area"
    assert concept_type(f"{B}concept/actor/x") == "actor"
