"""The saved competency queries: documented, and answering correctly on the seed corpus.

Expected facts per query are data in tests/queries/NAME.toml (see its README); some queries are
also compared with counts computed directly from the extraction records.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from graph_helpers import open_seed_store, seed_extractions, seed_settings

from pipeline import iri
from pipeline.query import run_query
from pipeline.query.library import query_dir, saved_queries
from pipeline.settings import Settings

EXPECTED = Path(__file__).parent / "queries"
SAVED = saved_queries(query_dir(Settings().ontology))
TYPE_NAMES = {"principle", "shift", "actor", "report", "region", "goal", "focus_area", "success_factor",
              "driving_force", "initiative"}


@pytest.fixture(scope="module")
def store():
    with open_seed_store() as opened:
        yield opened


def table(result) -> list[dict[str, str]]:
    if result.kind == "construct":
        return [{"s": t.subject.value, "p": t.predicate.value, "o": t.object.value} for t in result.triples]
    return [{k: ("" if v is None else v.value) for k, v in row.items()} for row in result.dicts()]


def matches(row: dict[str, str], patterns: dict[str, str]) -> bool:
    return all(re.search(p, row.get(col, ""), re.IGNORECASE) for col, p in patterns.items())


def test_the_library_has_at_least_twelve_documented_queries_each_with_expected_results():
    assert len(SAVED) >= 12
    for q in SAVED:
        assert q.title and len(q.description) > 40, q.name
        assert all(p.description for p in q.params), q.name
        assert (EXPECTED / f"{q.name}.toml").is_file(), f"no expected results for {q.name}"
    assert {p.stem for p in EXPECTED.glob("*.toml")} == {q.name for q in SAVED}


@pytest.mark.parametrize("name", [q.name for q in SAVED])
def test_saved_query_gives_the_expected_results_on_the_seeds(store, name):
    cases = tomllib.loads((EXPECTED / f"{name}.toml").read_text(encoding="utf-8"))["case"]
    for case in cases:
        result = run_query(store, name, case.get("params", {}), settings=seed_settings())
        label = f"{name} {case.get('params', {})}"
        if "ask" in case:
            assert result.kind == "ask" and result.boolean is case["ask"], label
            continue
        rows = table(result)
        if "rows" in case:
            assert len(rows) == case["rows"], label
        assert len(rows) >= case.get("min_rows", 0), label
        assert len(rows) <= case.get("max_rows", len(rows)), label
        for patterns in case.get("contains", []):
            assert any(matches(r, patterns) for r in rows), f"{label}: no row matches {patterns}"
        for row in rows:
            assert matches(row, case.get("every", {})), f"{label}: {row} does not match {case.get('every')}"


def test_concept_types_per_source_equal_the_extractions(store):
    expected = Counter()
    for seed in seed_extractions():
        mentioned = {m.concept for m in seed.extraction.mentions}
        for c in seed.extraction.concepts:
            if c.iri in mentioned:
                expected[(seed.source.id, c.type)] += 1
    rows = table(run_query(store, "concept-types-by-source", settings=seed_settings()))
    got = {(r["sourceId"], t): int(r[t]) for r in rows for t in TYPE_NAMES if int(r[t])}
    assert got == dict(expected)
    mentions = {s.source.id: len({(m.concept, m.start, m.end) for m in s.extraction.mentions})
                for s in seed_extractions()}
    assert {r["sourceId"]: int(r["mentions"]) for r in rows} == mentions


def test_actor_mention_counts_equal_the_extractions(store):
    expected = {}
    for seed in seed_extractions():
        actors = {c.iri for c in seed.extraction.concepts if c.type == "actor"}
        spans = {(m.concept, m.start, m.end) for m in seed.extraction.mentions if m.concept in actors}
        for concept, n in Counter(c for c, _, _ in spans).items():
            expected[(seed.source.id, concept)] = n
    rows = table(run_query(store, "actors-by-source", settings=seed_settings()))
    assert {(r["sourceId"], r["actor"]): int(r["mentions"]) for r in rows} == expected


def test_single_source_concepts_equal_the_extractions(store):
    where = defaultdict(set)
    for seed in seed_extractions():
        for m in seed.extraction.mentions:
            where[m.concept].add(seed.source.id)
    expected = {(next(iter(s)), c) for c, s in where.items() if len(s) == 1}
    rows = table(run_query(store, "concepts-single-source", settings=seed_settings()))
    assert {(r["sourceId"], r["concept"]) for r in rows} == expected
    assert {r["type"] for r in rows} <= TYPE_NAMES


def test_concept_mentions_quote_the_documents_exactly(store):
    concept = iri.concept("principle", "personcentrering")
    expected = set()
    for seed in seed_extractions():
        text = seed.extraction.document.text
        for m in seed.extraction.mentions:
            if m.concept == concept:
                expected.add((seed.source.id, text[m.start:m.end], m.start, m.end))
    rows = table(run_query(store, "concept-mentions", {"concept": concept}, settings=seed_settings()))
    assert {(r["source"], r["exact"], int(r["start"]), int(r["end"])) for r in rows} == expected


def test_co_occurrence_weights_equal_the_extracted_passages(store):
    weight, sources = Counter(), defaultdict(set)
    for seed in seed_extractions():
        spans = defaultdict(set)
        for r in seed.extraction.relations:
            if r.predicate == "coOccursWith":
                spans[tuple(sorted((r.subject, r.object)))].add((r.start, r.end))
        for (a, b), found in spans.items():
            for key in ((a, b), (b, a)):
                weight[key] += len(found)
                sources[key].add(seed.source.id)
    rows = table(run_query(store, "co-occurrence", settings=seed_settings()))
    assert {(r["concept"], r["other"]): (int(r["weight"]), int(r["sources"])) for r in rows} == {
        k: (w, len(sources[k])) for k, w in weight.items()}


def test_stated_relations_equal_the_extractions(store):
    passages, sources = defaultdict(set), defaultdict(set)
    for seed in seed_extractions():
        for r in seed.extraction.relations:
            if r.predicate != "coOccursWith":
                key = (r.subject, r.predicate, r.object)
                passages[key].add((seed.source.id, r.start, r.end))
                sources[key].add(seed.source.id)
    rows = table(run_query(store, "stated-relations", settings=seed_settings()))
    got = {(r["subject"], r["predicate"].rsplit("#", 1)[-1], r["object"]): (int(r["passages"]), int(r["sources"]))
           for r in rows}
    assert got == {k: (len(v), len(sources[k])) for k, v in passages.items()}
