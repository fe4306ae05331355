"""Network views over the hand-written fixture graph: nodes, edges, weights, filters and measures."""

from __future__ import annotations

import pytest
from export_helpers import FixtureStore

from pipeline import registry
from pipeline.errors import ExportError
from pipeline.export.base import ExportOptions
from pipeline.export.views import build_view, node_id

HOSTILE = '<script>alert("x")</script> & Co'


def view(name: str = "concepts", store=None, **options):
    return build_view(store or FixtureStore(), ExportOptions(view=name, **options))


def edge(G, u, v, key):
    return G.edges[u, v, key]


def test_concept_network_nodes_carry_label_type_counts_and_iri():
    G = view()
    assert G.number_of_nodes() == 16
    p = G.nodes["principle.personcentrering"]
    assert p["label"] == "Personcentrering"
    assert p["type"] == "principle"
    assert p["iri"] == "https://w3id.org/naravard/concept/principle/personcentrering"
    assert p["mention_count"] == 6  # 3 + 2 + 1 mentions in three sources
    assert p["source_count"] == 3
    assert G.nodes["actor.region-halland"]["kind"] == "region"
    assert G.nodes["place.halland"]["type"] == "region"
    assert G.nodes["actor.script-alert-x-script-co"]["label"] == HOSTILE


def test_concept_network_edges_are_typed_and_cooccurrence_weighted_by_count():
    G = view()
    cooc = edge(G, "principle.personcentrering", "principle.samverkan", "coOccursWith")
    assert cooc["weight"] == 6.0  # evidence 2 in Halland + 4 at SKL
    assert cooc["sources"] == ("region-halland-god-och-nara-vard", "skl-omstallning-nara-vard")
    assert cooc["directed"] is False
    # symmetric relations are stored in both directions in the graph but exported once
    assert not G.has_edge("principle.samverkan", "principle.personcentrering")
    cites = edge(G, "report.sou-2020-19", "report.sou-2019-29", "cites")
    assert cites["directed"] is True and cites["source_count"] == 2
    assert edge(G, "actor.skr", "report.overenskommelse-2024", "publishes")["weight"] == 1.0
    types = {k for _, _, k in G.edges(keys=True)}
    assert types == {"cites", "coOccursWith", "collaboratesWith", "hasGoalArea", "locatedIn", "publishes",
                     "responsibleFor"}


def test_nodes_and_edges_are_sorted_and_two_builds_are_identical():
    a, b = view(), view()
    assert list(a.nodes) == sorted(a.nodes)
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    assert [(u, v) for u, v in a.edges()] == sorted((u, v) for u, v in a.edges())


def test_measures_degree_community_and_centrality():
    G = view()
    p = G.nodes["principle.personcentrering"]
    assert p["degree"] == 4  # Region Halland, Region Sörmland, Samverkan, Tillgänglighet
    assert p["weighted_degree"] == 12.0
    assert 0 < p["betweenness"] <= 1
    assert abs(sum(d["pagerank"] for _, d in G.nodes(data=True)) - 1.0) < 1e-3
    isolated = G.nodes["shift.sjukhus-primarvard"]
    assert isolated["degree"] == 0 and isolated["betweenness"] == 0
    # the two SOU reports cite each other and nothing else: one community of their own
    assert G.nodes["report.sou-2020-19"]["community"] == G.nodes["report.sou-2019-29"]["community"]
    assert G.nodes["report.sou-2020-19"]["community"] != p["community"]
    assert all(isinstance(d["community"], int) for _, d in G.nodes(data=True))


def test_same_result_whether_or_not_the_default_graph_is_the_union():
    a, b = view(), view(store=FixtureStore(union_default_graph=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))


def test_document_concept_view_is_bipartite_and_weighted_by_mentions():
    G = view("document-concept")
    docs = [n for n, d in G.nodes(data=True) if d["type"] == "document"]
    assert len(docs) == 3
    assert all(G.nodes[u]["type"] == "document" and G.nodes[v]["type"] != "document" for u, v in G.edges())
    halland = next(n for n in docs if "region-halland" in n)
    assert G.nodes[halland]["label"] == "God och nära vård i Halland"
    assert G.nodes[halland]["mention_count"] == 10
    assert G.edges[halland, "principle.personcentrering", "mentions"]["weight"] == 3


def test_actor_principle_view():
    G = view("actor-principle")
    assert {d["type"] for _, d in G.nodes(data=True)} == {"actor", "principle"}
    # the publisher of the Halland page emphasises the principles the page mentions
    e = G.edges["actor.region-halland", "principle.personcentrering", "emphasises"]
    assert e["weight"] == 3 and e["sources"] == ("region-halland-god-och-nara-vard",)
    assert G.edges["actor.region-halland", "principle.personcentrering", "coOccursWith"]["weight"] == 3


def test_actor_region_view():
    G = view("actor-region")
    assert set(G.edges(keys=True)) == {("actor.nykopings-kommun", "place.sormland", "locatedIn"),
                                       ("actor.region-halland", "place.halland", "responsibleFor"),
                                       ("actor.region-sormland", "place.sormland", "responsibleFor")}


def test_citations_view():
    G = view("citations")
    assert {d["type"] for _, d in G.nodes(data=True)} == {"document", "report"}
    cited_by = {u for u, v in G.in_edges("report.sou-2020-19")}
    assert len([u for u in cited_by if G.nodes[u]["type"] == "document"]) == 3
    assert G.has_edge("report.sou-2020-19", "report.sou-2019-29", "cites")


def test_type_filter():
    G = view(types=("principle", "actor"))
    assert {d["type"] for _, d in G.nodes(data=True)} == {"principle", "actor"}
    assert not G.has_node("place.halland")
    assert G.has_edge("actor.region-halland", "principle.personcentrering", "coOccursWith")


def test_source_filter_keeps_only_that_source():
    G = view(sources=("skl-omstallning-nara-vard",))
    assert G.nodes["principle.personcentrering"]["mention_count"] == 1
    assert G.edges["principle.personcentrering", "principle.samverkan", "coOccursWith"]["weight"] == 4
    assert not G.has_node("actor.region-halland")


def test_region_filter_by_name_or_region_name():
    for region in ("Halland", "Region Halland", "halland"):
        G = view(region=region)
        assert {s for _, d in G.nodes(data=True) for s in d["sources"]} == {"region-halland-god-och-nara-vard"}
    assert view(region="Sörmland").has_node("actor.nykopings-kommun")


def test_min_weight_drops_light_edges_and_their_lonely_nodes():
    G = view(min_weight=3)
    assert {(u, v, k) for u, v, k in G.edges(keys=True)} == {
        ("actor.region-halland", "principle.personcentrering", "coOccursWith"),
        ("principle.personcentrering", "principle.samverkan", "coOccursWith")}
    assert set(G.nodes) == {"actor.region-halland", "principle.personcentrering", "principle.samverkan"}


@pytest.mark.parametrize(("options", "message", "hint"), [
    ({"types": ("principel",)}, "unknown concept type 'principel' for --type", "principle"),
    ({"sources": ("nope",)}, "unknown source 'nope' for --source", "region-halland-god-och-nara-vard"),
    ({"region": "Gotland"}, "no source is about the region 'Gotland' (--region)", "Halland, Sörmland"),
    ({"view": "nope"}, "unknown view 'nope' for --view", "actor-principle"),
])
def test_bad_filters_raise_export_errors_with_hints(options, message, hint):
    with pytest.raises(ExportError) as err:
        build_view(FixtureStore(), ExportOptions(**options))
    assert str(err.value) == message
    assert hint in err.value.hint


def test_views_are_registered_with_aliases():
    assert registry.names("view") == ["actor-principle", "actor-region", "citations", "concepts", "document-concept"]
    assert registry.lookup("view", "bipartite") is registry.lookup("view", "document-concept")
    assert registry.lookup("view", "reports") is registry.lookup("view", "citations")


def test_quotes_per_node_come_from_different_sources():
    G = view()
    quotes = G.graph["quotes"]["principle.personcentrering"]
    assert [q["source"] for q in quotes] == ["region-halland-god-och-nara-vard", "region-sormland-nara-vard",
                                             "skl-omstallning-nara-vard"]
    assert all(q["exact"].lower().startswith("personcentrer") for q in quotes)
    hostile = G.graph["quotes"]["actor.script-alert-x-script-co"][0]
    assert "<img src=x onerror=alert(1)>" in hostile["exact"]


def test_node_ids_are_short_and_valid_xml_name_tokens():
    assert node_id("https://w3id.org/naravard/concept/principle/personcentrering") == "principle.personcentrering"
    assert node_id("https://w3id.org/naravard/snapshot/gnesta/ab12") == "snapshot.gnesta.ab12"
    assert node_id("urn:x:ä ö/<b>") == "urn_x____._b"


@pytest.mark.parametrize("per_node", [1, 2, 3, 5, 50])
@pytest.mark.parametrize("options", [{}, {"sources": ("region-sormland-nara-vard", "skl-omstallning-nara-vard")}])
def test_quotes_read_per_node_match_those_picked_from_all_quotes(per_node, options):
    # the view reads only the sources a node can show quotes from; the pick must equal the one
    # made from every quote in the store
    from pipeline.export.graphdata import read_graph_data, select_sources
    from pipeline.export.views import _quotes

    store = FixtureStore()
    G = view(store=store, extra={"quotes_per_node": per_node}, **options)
    ids = {a["iri"]: n for n, a in G.nodes(data=True)}
    full = select_sources(read_graph_data(store), options.get("sources", ()))
    assert G.graph["quotes"] == _quotes(full.quotes, ids, per_node)
    assert any(len(q) == min(per_node, 3) for q in G.graph["quotes"].values())


def test_views_without_quotes_leave_them_out_and_keep_the_rest():
    with_quotes, without = view(), build_view(FixtureStore(), ExportOptions(), quotes=False)
    assert without.graph["quotes"] == {} and with_quotes.graph["quotes"]
    assert dict(with_quotes.nodes(data=True)) == dict(without.nodes(data=True))
    assert list(with_quotes.edges(keys=True, data=True)) == list(without.edges(keys=True, data=True))


@pytest.mark.parametrize("seed", range(8))
def test_betweenness_equals_networkx_to_the_last_bit(seed):
    import random

    import networkx as nx

    from pipeline.export.metrics import betweenness

    rng = random.Random(seed)
    n = rng.randint(3, 60)
    H = nx.relabel_nodes(nx.gnm_random_graph(n, rng.randint(0, 3 * n), seed=seed), lambda i: f"n{rng.random()}")
    for k in (None, 2, max(2, n // 2), n):
        assert betweenness(H, k, 42) == nx.betweenness_centrality(H, k=k, normalized=True, seed=42)
