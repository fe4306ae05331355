"""A query's final ORDER BY applied in Python (pipeline.query.order): which queries it takes, the
SPARQL 1.1 order it reproduces, and, on every saved query over the seed store, the same order as
Oxigraph's own ORDER BY."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from graph_helpers import open_seed_store, seed_settings

from pipeline.query.library import query_dir, saved_queries
from pipeline.query.order import sort_rows, split_order
from pipeline.query.run import bind_params, resolve, run_query
from pipeline.vocab import sparql_prologue

XSD = "http://www.w3.org/2001/XMLSchema#"


def integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=ox.NamedNode(f"{XSD}integer"))


@pytest.mark.parametrize(("sparql", "keys"), [
    ("SELECT ?a WHERE { ?a ?b ?c } ORDER BY ?a", (("a", False),)),
    ("SELECT ?a ?n WHERE { ?a ?b ?n } ORDER BY DESC(?n) ASC( ?a )\n", (("n", True), ("a", False))),
    ("SELECT ?a (COUNT(*) AS ?n) WHERE { ?a ?b ?c } GROUP BY ?a ORDER BY ?n ?a\n# a comment\n",
     (("n", False), ("a", False))),
])
def test_a_final_order_by_over_variables_is_split_off(sparql, keys):
    plan = split_order(sparql)
    assert plan is not None and plan.keys == keys
    assert "ORDER" not in plan.text.upper() and plan.text.rstrip().endswith(("}", "?a"))


@pytest.mark.parametrize("sparql", [
    "SELECT ?a WHERE { ?a ?b ?c } ORDER BY ?a LIMIT 10",  # the limit needs the order first
    "SELECT ?a WHERE { ?a ?b ?c } ORDER BY STR(?a)",  # an expression
    "SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?b ?c } ORDER BY ?a } }",  # a sub-select's order
    "SELECT ?a WHERE { ?a ?b ?c }",
    "ASK { ?a ?b ?c }",
])
def test_other_queries_keep_their_text(sparql):
    assert split_order(sparql) is None


def test_rows_are_ordered_as_sparql_orders_terms():
    iri_b, iri_a = ox.NamedNode("http://example.org/b"), ox.NamedNode("http://example.org/a")
    blank = ox.BlankNode("x")
    rows = [(integer(10),), (ox.Literal("b"),), (None,), (iri_b,), (integer(9),), (blank,), (iri_a,)]
    out = sort_rows(rows, ("v",), (("v", False),))
    assert out is None  # 10 and "b" are both literals the specification does not order against each other
    numbers = [(integer(10),), (None,), (iri_b,), (integer(9),), (blank,), (iri_a,), (integer(-1),)]
    assert [r[0] for r in sort_rows(numbers, ("v",), (("v", False),))] == [
        None, blank, iri_a, iri_b, integer(-1), integer(9), integer(10)]  # unbound, blank, IRI, literal; 9 < 10
    words = [(ox.Literal("öl", language="sv"),), (ox.Literal("Zeta", language="sv"),), (ox.Literal("alfa", language="sv"),)]
    assert [r[0].value for r in sort_rows(words, ("v",), (("v", True),))] == ["öl", "alfa", "Zeta"]  # code points, DESC


def test_the_first_differing_key_decides_and_ties_come_in_one_order():
    x, y = ox.Literal("x"), ox.Literal("y")
    rows = [(integer(2), y), (integer(1), y), (integer(2), x), (integer(1), x)]
    assert sort_rows(rows, ("n", "s"), (("n", True), ("s", False))) == [
        (integer(2), x), (integer(2), y), (integer(1), x), (integer(1), y)]
    shuffled = [rows[2], rows[0], rows[3], rows[1]]
    assert sort_rows(shuffled, ("n", "s"), (("n", False),)) == sort_rows(rows, ("n", "s"), (("n", False),))
    # a string and a number never compared (different first keys decide): fine
    mixed = [(integer(1), ox.Literal("a")), (integer(2), integer(5))]
    assert sort_rows(mixed, ("n", "v"), (("n", False), ("v", False))) == mixed


def test_a_key_that_is_not_a_column_is_left_to_the_store():
    assert sort_rows([(integer(1),)], ("a",), (("b", False),)) is None


@pytest.fixture(scope="module")
def store():
    with open_seed_store() as opened:
        yield opened


ORDERED = [q.name for q in saved_queries(query_dir(seed_settings().ontology)) if split_order(q.text)]


def test_most_saved_queries_are_ordered_in_python():
    assert len(ORDERED) >= 12 and "stated-relations" in ORDERED and "concept-mentions" in ORDERED


@pytest.mark.parametrize("name", ORDERED)
def test_saved_queries_come_in_the_order_the_store_gives(store, name):
    from pipeline.bench.runs import query_args

    settings = seed_settings()
    saved = resolve(name, settings)
    params = query_args(saved, "region-halland-god-och-nara-vard", settings.base_iri)
    text = sparql_prologue({"nv": settings.base_iri}) + bind_params(saved, params, settings)
    plan = split_order(text)
    ours = run_query(store, name, params, settings=settings)
    as_text = [tuple(None if t is None else str(t) for t in row) for row in ours.rows]
    reference = [tuple(None if s[v] is None else str(s[v]) for v in ours.variables) for s in store.query(text)]
    assert as_text, "the example finds rows on the seeds"
    assert sorted(as_text, key=str) == sorted(reference, key=str), "the same rows"
    columns = [ours.variables.index(k) for k, _ in plan.keys]
    assert [tuple(r[i] for i in columns) for r in as_text] == [tuple(r[i] for i in columns) for r in reference]
