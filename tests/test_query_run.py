"""Running queries: inline, from a file, by name; output formats read back by independent parsers; the CLI."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from graph_helpers import open_seed_store, seed_settings, seed_store_dir

from pipeline.cli import main
from pipeline.errors import QueryError
from pipeline.query import render, run_query
from pipeline.query.formats import FORMATS

ACTORS = "SELECT ?source ?actor WHERE { GRAPH ?g { ?d nvo:mentions ?actor ; dct:isVersionOf ?source . ?actor a nvo:Actor } }"


@pytest.fixture(scope="module")
def store():
    with open_seed_store() as opened:
        yield opened


def test_inline_file_and_saved_queries_give_the_same_answer(store, tmp_path):
    path = tmp_path / "mine.rq"
    saved = (seed_settings().ontology / "queries" / "actors-by-source.rq").read_text(encoding="utf-8")
    path.write_text(saved, encoding="utf-8")
    by_name = run_query(store, "actors-by-source", settings=seed_settings())
    by_file = run_query(store, path, settings=seed_settings())
    by_text = run_query(store, saved, settings=seed_settings())
    assert by_name.rows == by_file.rows == by_text.rows and len(by_name) > 0
    assert (by_name.name, by_file.name, by_text.name) == ("actors-by-source", "mine", "query")
    assert run_query(store, path, {"source": "gnesta-nara-vard"}, settings=seed_settings()).rows == \
        run_query(store, "actors-by-source", {"source": "gnesta-nara-vard"}, settings=seed_settings()).rows


def test_errors_name_the_query(store):
    with pytest.raises(QueryError, match=r"^unknown saved query 'no-such-query'$") as err:
        run_query(store, "no-such-query", settings=seed_settings())
    assert "naravard query --list" in err.value.hint
    with pytest.raises(QueryError, match=r"^inline query: SPARQL syntax error: error at line 1, column \d+"):
        run_query(store, "SELECT ?x WHERE { ?x a nvo:Source ", settings=seed_settings())
    with pytest.raises(QueryError, match=r"^query 'principles-by-region' has no parameter 'colour'$"):
        run_query(store, "principles-by-region", {"colour": "red"}, settings=seed_settings())
    with pytest.raises(QueryError, match=r"^query 'region-profile' needs the parameter 'region'"):
        run_query(store, "region-profile", settings=seed_settings())
    with pytest.raises(QueryError, match="missing.rq: query file not found"):
        run_query(store, "missing.rq", settings=seed_settings())


def test_limit_truncates_and_says_so(store):
    result = run_query(store, ACTORS, settings=seed_settings(), limit=2)
    assert len(result.rows) == 2 and result.truncated
    assert render(result).rstrip().endswith("(2 rows, truncated)")


def test_result_formats_are_read_back_by_independent_parsers(store):
    result = run_query(store, "sources", settings=seed_settings())
    expected = [tuple(None if t is None else t for t in row) for row in result.rows]
    for fmt, parser in (("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML),
                        ("tsv", ox.QueryResultsFormat.TSV)):
        parsed = ox.parse_query_results(render(result, fmt).encode(), parser)
        assert [v.value for v in parsed.variables] == list(result.variables), fmt
        assert [tuple(s[v] for v in result.variables) for s in parsed] == expected, fmt
    rows = list(csv.reader(io.StringIO(render(result, "csv"))))
    assert rows[0] == list(result.variables)
    assert [r[0] for r in rows[1:]] == [row[0].value for row in result.rows]
    table = render(result, "table").splitlines()
    assert table[0].split()[0] == "sourceId" and table[-1] == "(5 rows)"


def test_ask_results_in_every_format(store):
    result = run_query(store, "ASK { ?s a nvo:Source }", settings=seed_settings())
    assert result.kind == "ask" and result.boolean is True
    assert json.loads(render(result, "json")) == {"head": {}, "boolean": True}
    assert bool(ox.parse_query_results(render(result, "xml").encode(), ox.QueryResultsFormat.XML)) is True
    assert render(result, "table") == "yes\n"


@pytest.mark.parametrize("fmt, rdflib_format", [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"),
                                                ("rdfxml", "xml")])
def test_construct_results_as_rdf_read_back_by_rdflib(store, fmt, rdflib_format):
    result = run_query(store, "concept-card", {"concept": "principle/personcentrering"}, settings=seed_settings())
    assert result.kind == "construct" and len(result.triples) > 5
    graph = rdflib.Graph().parse(data=render(result, fmt), format=rdflib_format)
    assert len(graph) == len(set(result.triples))
    subject = rdflib.URIRef("https://w3id.org/naravard/concept/principle/personcentrering")
    assert (subject, rdflib.RDF.type, rdflib.URIRef("https://w3id.org/naravard/ontology#Principle")) in graph


def test_a_format_that_does_not_fit_the_result_is_refused(store):
    result = run_query(store, ACTORS, settings=seed_settings())
    with pytest.raises(QueryError, match="format 'turtle' does not fit a SELECT result"):
        render(result, "turtle")
    assert set(FORMATS) >= {"table", "csv", "tsv", "json", "xml", "turtle", "jsonld"}


# ------------------------------------------------------------------------------------------------ CLI
def cli(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def output_args():
    return ["--output", str(seed_store_dir())]


def test_cli_lists_saved_queries_with_descriptions_and_parameters():
    result = cli("query", "--list", *output_args())
    assert result.exit_code == 0
    assert "shifts-by-source  Shifts and the sources that describe them" in result.output
    assert "--param region=…  (concept:region, optional)" in result.output


def test_cli_runs_a_saved_query_with_parameters_in_a_chosen_format():
    result = cli("query", "principles-by-region", "--param", "region=Halland", "--format", "csv", *output_args())
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and {r["regionLabel"] for r in rows} == {"Halland"}


def test_cli_reads_sparql_from_stdin_and_prints_a_table():
    result = cli("query", "-", *output_args(), input="SELECT ?id WHERE { ?s a nvo:Source ; dct:identifier ?id } ORDER BY ?id")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "id" and lines[2] == "fou-sormland-malbild" and lines[-1] == "(5 rows)"


def test_cli_errors_are_one_line_with_a_hint_and_exit_status_1():
    result = CliRunner().invoke(main, ["query", "nosuch", *output_args()])
    assert result.exit_code == 1
    assert result.output == ("Error: unknown saved query 'nosuch'\n"
                             "Hint: run `naravard query --list` to see the saved queries\n")
    result = CliRunner().invoke(main, ["query", "principles-by-region", "--param", "region", *output_args()])
    assert result.exit_code == 2 and "write NAME=VALUE" in result.output
    result = CliRunner().invoke(main, ["query", "sources", "--output", "/nonexistent/naravard"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: /nonexistent/naravard/store: no store here\n")


def test_stats_report_five_sources_and_concepts_of_all_five_scored_types():
    result = cli("stats", "--json", *output_args())
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["sources"] == 5 and data["documents"] == 5 and data["graphs"] == 8
    assert data["triples"] == sum(data["triples_per_graph"].values()) > 10_000
    for type_ in ("principle", "shift", "actor", "report", "region"):
        assert data["concepts"][type_]["found"] > 0, type_
    assert data["concepts"]["shift"]["found"] >= 4
    text = cli("stats", *output_args()).output
    assert text.splitlines()[0] == "sources     5"
