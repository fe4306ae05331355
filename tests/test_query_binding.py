"""Safe parameter binding: where the VALUES block goes, how values become terms, what is refused."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import iri
from pipeline.errors import QueryError
from pipeline.graph.binding import as_term, where_brace, with_values
from pipeline.query.library import parse_query_file
from pipeline.query.params import Param, convert
from pipeline.settings import Settings

EX = "https://example.org/"


def small_store() -> ox.Store:
    store = ox.Store()
    for i, kind in enumerate(["sou", "plan", "sou"]):
        store.add(ox.Quad(ox.NamedNode(f"{EX}r{i}"), ox.NamedNode(EX + "kind"), ox.Literal(kind)))
    return store


def test_values_go_first_inside_the_where_clause_so_they_restrict_what_is_counted():
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?r <https://example.org/kind> ?kind }"
    bound = with_values(query, {"kind": ox.Literal("sou")})
    assert bound.startswith('SELECT (COUNT(*) AS ?n) WHERE { VALUES (?kind) { ("sou") }')
    [row] = small_store().query(bound)
    assert row["n"].value == "2"


@pytest.mark.parametrize("query, expected", [
    ("SELECT * WHERE { ?s ?p ?o }", "{ ?s"),
    ("PREFIX ex: <https://example.org/a#x>\n# a comment with { braces }\nSELECT * { ?s ?p '{' }", "{ ?s"),
    ('SELECT ?s WHERE { ?s ?p """{ long\n string }""" FILTER(?o < 3 && ?o > 1) }', "{ ?s ?p \"\"\""),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "{ ?s ?p ?o }"),
    ("PREFIX select: <urn:x#>\nASK WHERE { ?s select:p ?o }", "{ ?s select"),
    ("DESCRIBE ?s WHERE { ?s ?p ?o }", "{ ?s ?p"),
])
def test_the_where_clause_is_found_past_prefixes_comments_strings_and_templates(query, expected):
    at = where_brace(query)
    assert query[at:].startswith(expected)
    if query.startswith("CONSTRUCT"):
        assert at == query.index("WHERE {") + len("WHERE ")


def test_queries_without_a_place_for_parameters_are_refused_with_the_query_name():
    with pytest.raises(QueryError, match="q1: parameters need the long CONSTRUCT form"):
        with_values("CONSTRUCT WHERE { ?s ?p ?o }", {"s": ox.NamedNode(EX)}, name="q1")
    with pytest.raises(QueryError, match="q2: cannot find the WHERE clause"):
        with_values("PREFIX ex: <urn:x>", {"s": ox.NamedNode(EX)}, name="q2")
    with pytest.raises(QueryError, match="invalid parameter name"):
        with_values("SELECT * WHERE { ?s ?p ?o }", {"s) } DROP": ox.Literal("x")})


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_string_value_stays_one_literal(value):
    store = small_store()
    bound = with_values("SELECT ?r WHERE { ?r <https://example.org/kind> ?kind }", {"kind": ox.Literal(value)})
    rows = list(store.query(bound))
    assert len(rows) == (2 if value == "sou" else 1 if value == "plan" else 0)
    assert len(store) == 3


def test_untyped_values_become_iris_only_when_they_are_iris():
    assert as_term("https://w3id.org/naravard/concept/place/halland") == ox.NamedNode(
        "https://w3id.org/naravard/concept/place/halland")
    assert as_term("<urn:isbn:123>") == ox.NamedNode("urn:isbn:123")
    assert as_term("Halland") == ox.Literal("Halland")
    assert as_term("http://not an iri") == ox.Literal("http://not an iri")


def test_declared_parameter_types():
    settings = Settings()
    assert convert(Param("r", "concept:region"), "Halland", settings) == ox.NamedNode(iri.concept("region", "Halland"))
    assert convert(Param("r", "concept:region"), "Sörmland", settings).value.startswith(
        "https://w3id.org/naravard/concept/place/")  # a gazetteer label finds the gazetteer's IRI
    assert convert(Param("c", "concept"), "principle/personcentrering", settings) == ox.NamedNode(
        iri.concept("principle", "personcentrering"))
    assert convert(Param("c", "concept"), "place/halland", settings) == ox.NamedNode(iri.concept("region", "halland"))
    assert convert(Param("s", "source"), "gnesta-nara-vard", settings) == ox.NamedNode(iri.source("gnesta-nara-vard"))
    assert convert(Param("y", "year"), "2030", settings) == ox.Literal(
        "2030", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear"))
    assert convert(Param("t", "text"), "nära vård", settings) == ox.Literal("nära vård", language="sv")
    assert convert(Param("b", "boolean"), "TRUE", settings).value == "true"
    with pytest.raises(QueryError, match=r"query 'q', parameter 'y': '20x0' is not a valid year"):
        convert(Param("y", "year"), "20x0", settings, query="q")
    with pytest.raises(QueryError, match=r"parameter 'c': 'personcentrering' is not an absolute IRI"):
        convert(Param("c", "concept"), "personcentrering", settings)
    with pytest.raises(QueryError, match="unknown concept type 'gadget'"):
        convert(Param("c", "concept:gadget"), "x", settings)


def test_header_is_read_with_continuations_flags_and_defaults():
    text = ("# title: Reports\n# description: First line\n#   and its continuation.\n"
            "# param: kind string default=sou — report kind\n# param: region concept:region required — the region\n"
            "SELECT * WHERE { ?s ?p ?o }\n# param: ignored string — after the header\n")
    q = parse_query_file(text, "reports")
    assert (q.title, q.description) == ("Reports", "First line and its continuation.")
    assert [(p.name, p.type, p.required, p.default, p.description) for p in q.params] == [
        ("kind", "string", False, "sou", "report kind"), ("region", "concept:region", True, None, "the region")]
    with pytest.raises(QueryError, match="query 'bad': parameter 'x' has unknown type 'colour'"):
        parse_query_file("# param: x colour — nope\nASK {}", "bad")
    with pytest.raises(QueryError, match="cannot read parameter line"):
        parse_query_file("# param: 9x\nASK {}", "bad")
