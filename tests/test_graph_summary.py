"""The corpus summary (graph/summary): its counts equal those recomputed here from the source graphs'
quads, and ingest keeps it describing the store (refreshed after a change, untouched otherwise,
rebuilt after a run killed before it was refreshed)."""

from __future__ import annotations

import shutil
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from graph_helpers import open_seed_store

from pipeline import iri
from pipeline.api import ingest
from pipeline.graph.store import open_store
from pipeline.history import History
from pipeline.settings import PROJECT_ROOT, Settings
from pipeline.vocab import NVO, RDF

RDF_TYPE, RDF_S, RDF_P, RDF_O = (str(RDF.type), str(RDF.subject), str(RDF.predicate), str(RDF.object))


def summary_rows(store, cls) -> dict[tuple, dict[str, str]]:
    """Summary nodes of ``cls``, keyed by (subject, [predicate,] object), each as {property: value}."""
    nodes: dict[str, dict[str, str]] = defaultdict(dict)
    for q in store.quads(iri.summary_graph()):
        nodes[q.subject.value][q.predicate.value] = q.object.value
    out = {}
    for props in nodes.values():
        if props.get(RDF_TYPE) != str(cls):
            continue
        key = (props[str(NVO.summarySubject)], props.get(str(NVO.summaryPredicate)), props[str(NVO.summaryObject)])
        assert key not in out, f"two summary nodes for {key}"
        out[key] = props
    return out


def reified(store, cls) -> list[tuple[str, tuple, int]]:
    """(graph, (subject, predicate, object), evidence count) of every node of ``cls`` in the source graphs."""
    nodes: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for q in store.quads():
        nodes[(q.graph_name.value, q.subject.value)].setdefault(q.predicate.value, q.object.value)
        if q.predicate.value == RDF_TYPE:
            nodes[(q.graph_name.value, q.subject.value)].setdefault("types", set()).add(q.object.value)
    return [(g, (p[RDF_S], p[RDF_P], p[RDF_O]), int(p[str(NVO.evidenceCount)]))
            for (g, _), p in nodes.items() if str(cls) in p.get("types", ())]


@pytest.fixture(scope="module")
def store():
    with open_seed_store() as opened:
        yield opened


def test_relation_summary_sums_the_statements_of_every_source(store):
    statements = reified(store, NVO.Statement)
    assert statements
    passages, sources = Counter(), defaultdict(set)
    for g, triple, n in statements:
        passages[triple] += n
        sources[triple].add(g)
    rows = summary_rows(store, NVO.RelationSummary)
    assert set(rows) == set(passages)
    for triple, props in rows.items():
        assert int(props[str(NVO.passageCount)]) == passages[triple], triple
        assert int(props[str(NVO.sourceCount)]) == len(sources[triple]), triple
    assert any(len(s) > 1 for s in sources.values())  # the seeds share relations: sums across sources are tested


def test_co_occurrence_summary_holds_each_pair_from_both_sides(store):
    weights, sources = Counter(), defaultdict(set)
    for g, (a, _, b), n in reified(store, NVO.CoOccurrence):
        for pair in ((a, b), (b, a)):
            weights[pair] += n
            sources[pair].add(g)
    rows = summary_rows(store, NVO.CoOccurrenceSummary)
    assert {(a, b) for a, _, b in rows} == set(weights)
    for (a, _, b), props in rows.items():
        assert int(props[str(NVO.passageCount)]) == weights[(a, b)]
        assert int(props[str(NVO.sourceCount)]) == len(sources[(a, b)])


def test_principle_actor_summary_counts_documents_and_actor_mentions(store):
    principles, actors, counts = defaultdict(set), defaultdict(set), {}
    for q in store.quads():
        g = q.graph_name.value
        if q.predicate.value == RDF_TYPE and q.object.value == str(NVO.Principle):
            principles[g].add(q.subject.value)
        elif q.predicate.value == RDF_TYPE and q.object.value == str(NVO.Actor):
            actors[g].add(q.subject.value)
    occurrence = defaultdict(dict)
    for q in store.quads():
        if q.predicate.value in (str(NVO.concept), str(NVO.mentionCount)):
            occurrence[(q.graph_name.value, q.subject.value)][q.predicate.value] = q.object.value
    for (g, _), p in occurrence.items():
        counts[(g, p[str(NVO.concept)])] = int(p[str(NVO.mentionCount)])
    mentioned = {g for g in principles if g != iri.ontology_graph()}
    expected_docs, expected_mentions = Counter(), Counter()
    for g in mentioned:
        for principle in principles[g]:
            for actor in actors[g]:
                if (g, actor) in counts and (g, principle) in counts:
                    expected_docs[(principle, actor)] += 1
                    expected_mentions[(principle, actor)] += counts[(g, actor)]
    rows = summary_rows(store, NVO.PrincipleActorSummary)
    assert {(a, b) for a, _, b in rows} == set(expected_docs)
    for (a, _, b), props in rows.items():
        assert int(props[str(NVO.documentCount)]) == expected_docs[(a, b)]
        assert int(props[str(NVO.objectMentionCount)]) == expected_mentions[(a, b)]


def test_summary_labels_are_the_thesaurus_labels_where_there_is_one(store):
    thesaurus = {q.subject.value: q.object.value for q in store.quads(iri.ontology_graph())
                 if q.predicate.value == "http://www.w3.org/2004/02/skos/core#prefLabel"
                 and getattr(q.object, "language", None) == "sv"}
    checked = 0
    for (s, _, o), props in summary_rows(store, NVO.RelationSummary).items():
        for concept, label in ((s, NVO.subjectLabel), (o, NVO.objectLabel)):
            if concept in thesaurus:
                assert props[str(label)] == thesaurus[concept], concept
                checked += 1
    assert checked > 10


# ------------------------------------------------------------------------------------------------ ingest
@pytest.fixture
def catalogue(tmp_path) -> Path:
    shutil.copytree(PROJECT_ROOT / "sources", tmp_path / "sources")
    return tmp_path / "sources"


def summary_lines(settings: Settings) -> list[str]:
    with open_store(settings, read_only=True) as store:
        return sorted(str(q) for q in store.quads(iri.summary_graph(settings.base_iri)))


def test_ingest_refreshes_the_summary_only_when_a_graph_changed(catalogue, monkeypatch):
    from pipeline.graph import summary

    settings = Settings(sources=catalogue, output=catalogue.parent / "out", jobs=1)
    ingest(settings)
    full = summary_lines(settings)
    assert full and full == summary_from_store(settings)

    calls: list[bool] = []  # one per refresh: whether it added up the contributions history keeps
    real = summary.refresh_summary
    monkeypatch.setattr(summary, "refresh_summary",
                        lambda store, base, shares=None: calls.append(shares is not None) or real(store, base, shares))
    ingest(settings)  # nothing changed
    assert calls == [] and summary_lines(settings) == full

    History(settings).save_summary_fingerprint(None)  # as a run killed between a graph write and the refresh
    ingest(settings)
    assert calls == [True] and summary_lines(settings) == full

    (catalogue / "region-halland-god-och-nara-vard.toml").unlink()  # the source is retracted: its counts go
    ingest(settings)
    assert calls == [True, True]
    with open_store(settings, read_only=True) as store:
        left = {g for g, _, _ in reified(store, NVO.Statement)}
        assert iri.graph("region-halland-god-och-nara-vard") not in left
        rows = summary_rows(store, NVO.RelationSummary)
        assert set(rows) == {t for _, t, _ in reified(store, NVO.Statement)}
    assert summary_lines(settings) != full and summary_lines(settings) == summary_from_store(settings)


def test_contributions_add_up_to_the_summary_the_store_gives(store):
    """Each source graph's contribution, read from its N-Quads, sums to exactly the summary computed by
    SPARQL over the store (labels, kinds, literal objects and both co-occurrence sides included)."""
    from pipeline.fingerprints import canonical
    from pipeline.graph.contribution import Contribution, contribution
    from pipeline.graph.summary import source_graphs, summary_from_contributions, summary_ntriples

    shares = []
    for graph in source_graphs(store):
        nquads = canonical("\n".join(f"{q} ." for q in store.quads(graph)))
        share = contribution(nquads.decode().split("\n"), graph, iri.DEFAULT_BASE_IRI)
        assert Contribution.from_json(share.to_json()) == share
        shares.append((graph, share))
    assert sum(len(s.relations) for _, s in shares) and sum(len(s.labels) for _, s in shares)
    assert any(b.startswith('"') for _, s in shares for (_, _, b) in s.relations)  # literal objects: years, states
    expected = summary_ntriples(store)
    assert expected and summary_from_contributions(store, shares) == expected


def test_a_contribution_skips_mention_and_span_nodes_in_any_order():
    import random

    graph = iri.graph("x")
    lines = [f"<{iri.DEFAULT_BASE_IRI}{kind}/x/{i}> <{RDF.type}> <{NVO.Statement}> <{graph}> ." for i, kind in
             enumerate(("mention", "statement", "span", "statement"))]
    lines += [f"<{iri.DEFAULT_BASE_IRI}statement/x/{i}> <{p}> {o} <{graph}> ." for i in (1, 3) for p, o in (
        (RDF.subject, "<https://example.org/a>"), (RDF.predicate, f"<{NVO.cites}>"), (RDF.object, f'"{i}"'),
        (NVO.evidenceCount, f'"{i}"^^<http://www.w3.org/2001/XMLSchema#integer>'))]
    from pipeline.graph.contribution import contribution

    expected = {("<https://example.org/a>", f"<{NVO.cites}>", '"1"'): 1, ("<https://example.org/a>", f"<{NVO.cites}>", '"3"'): 3}
    assert contribution(sorted(lines), graph, iri.DEFAULT_BASE_IRI).relations == expected
    random.Random(7).shuffle(lines)
    assert contribution(lines + [""], graph, iri.DEFAULT_BASE_IRI).relations == expected


def test_ingest_sums_contributions_kept_or_recomputed_and_falls_back_to_the_store(catalogue, monkeypatch):
    from pipeline.graph import summary

    settings = Settings(sources=catalogue, output=catalogue.parent / "out", jobs=1)
    ingest(settings)
    full = summary_lines(settings)
    kept = sorted((settings.output / "history" / "sources").glob("*/*.summary-*.json.gz"))
    assert len(kept) == len(list(catalogue.glob("*.toml")))  # one per source graph, written by the worker

    calls: list[bool] = []
    real = summary.refresh_summary
    monkeypatch.setattr(summary, "refresh_summary",
                        lambda store, base, shares=None: calls.append(shares is not None) or real(store, base, shares))
    for path in kept:
        path.unlink()  # lost (or made by older code): computed again from the kept graph versions
    History(settings).save_summary_fingerprint(None)
    ingest(settings)
    assert calls == [True] and summary_lines(settings) == full
    assert sorted((settings.output / "history" / "sources").glob("*/*.summary-*.json.gz")) == kept

    monkeypatch.setattr(History, "contribution", lambda *args: None)  # a kept version vanishes while being read
    History(settings).save_summary_fingerprint(None)
    ingest(settings)
    assert calls == [True, True, False] and summary_lines(settings) == full
    monkeypatch.undo()
    monkeypatch.setattr(summary, "refresh_summary",
                        lambda store, base, shares=None: calls.append(shares is not None) or real(store, base, shares))

    with open_store(settings) as store:  # a graph history does not account for (loaded by hand, say)
        store.load_graph("https://example.org/graph/elsewhere",
                         f"<https://example.org/s> <{RDF.type}> <{NVO.Statement}> .\n".encode())
    History(settings).save_summary_fingerprint(None)
    ingest(settings)
    assert calls == [True, True, False, False] and summary_lines(settings) == summary_from_store(settings)


def summary_from_store(settings: Settings) -> list[str]:
    """The summary as SPARQL over the store's source graphs gives it, in summary_lines' form."""
    import pyoxigraph as ox

    from pipeline.graph.summary import summary_ntriples

    with open_store(settings, read_only=True) as store:
        data = summary_ntriples(store, settings.base_iri)
    return sorted(f"{t} <{iri.summary_graph(settings.base_iri)}>" for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))


def test_summary_graph_name_is_not_a_source_id(tmp_path):
    from pipeline.catalogue import load_catalogue
    from pipeline.errors import CatalogueError

    (tmp_path / "c.toml").write_text('[[source]]\nid = "summary"\nurl = "https://example.org/"\n'
                                     'publisher = "X"\nkind = "html"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="summary"):
        load_catalogue(tmp_path)


def test_summary_of_an_empty_store_is_empty(tmp_path):
    from pipeline.graph.summary import refresh_summary

    with open_store(Settings(output=tmp_path)) as store:
        assert refresh_summary(store) == 0
        assert iri.summary_graph() not in store.graphs()
        assert not list(store.quads(iri.summary_graph()))


def test_summary_conforms_to_the_shapes_and_a_broken_row_is_reported(store, tmp_path):
    import pyoxigraph as ox
    from graph_helpers import seed_settings

    from pipeline.graph.validate import validate_store

    settings = seed_settings()
    assert validate_store(store, settings, graphs=[iri.summary_graph()]).conforms
    graph, node = ox.NamedNode(iri.summary_graph()), ox.NamedNode(f"{iri.DEFAULT_BASE_IRI}summary/relation/x")
    broken = [ox.Quad(node, ox.NamedNode(RDF_TYPE), ox.NamedNode(str(NVO.RelationSummary)), graph),
              ox.Quad(node, ox.NamedNode(str(NVO.summarySubject)), ox.NamedNode(iri.concept("actor", "x")), graph),
              ox.Quad(node, ox.NamedNode(str(NVO.passageCount)), ox.Literal("0", datatype=ox.NamedNode(
                  "http://www.w3.org/2001/XMLSchema#integer")), graph)]
    with open_store(Settings(output=tmp_path)) as other:
        other.replace_graph(iri.summary_graph(), broken)
        report = validate_store(other, settings, graphs=[iri.summary_graph()])
    paths = " ".join(r.path or "" for r in report.violations)
    assert not report.conforms
    assert all(p in paths for p in ("passageCount", "sourceCount", "summaryObject", "summaryPredicate"))


def test_summarize_command_rebuilds_the_summary(catalogue):
    from click.testing import CliRunner

    from pipeline.cli import main

    settings = Settings(sources=catalogue, output=catalogue.parent / "out", jobs=1)
    ingest(settings)
    full = summary_lines(settings)
    with open_store(settings) as store:
        store.remove_graph(iri.summary_graph())
    assert summary_lines(settings) == []
    result = CliRunner().invoke(main, ["summarize", "--sources", str(catalogue), "--output", str(settings.output)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"summary: {len(full)} triples"
    assert summary_lines(settings) == full
