"""The graph model: what source_graph writes for a source, and the ontology and run graphs."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pyoxigraph as ox
import pytest
from graph_helpers import SMALL_TEXT, seed_extractions, small_extraction, small_fetched, small_source, span

from pipeline import iri
from pipeline.errors import ExtractError, StoreError
from pipeline.graph import quads as quads_module
from pipeline.graph.build import SourceOutcome, ontology_quads, run_quads, source_graph, source_nquads
from pipeline.graph.ontology import kind_classes
from pipeline.settings import Settings
from pipeline.types import Relation
from pipeline.vocab import NVO, PREFIXES, sparql_prologue

RUN = iri.run("2025-03-01T10:00:00Z")


def small_quads(settings: Settings | None = None, **kwargs):
    return source_graph(small_source(), small_fetched(), small_extraction(), settings or Settings(), run_iri=RUN,
                        **kwargs)


def ask_store(quads):
    store = ox.Store()
    store.extend(quads)

    def rows(query: str):
        return list(store.query(sparql_prologue() + query, use_default_graph_as_union=True))

    return rows


def value(term):
    return None if term is None else term.value


def test_same_input_gives_identical_quads_in_one_named_graph_without_blank_nodes():
    first, second = small_quads(), small_quads()
    assert first == second
    graph = ox.NamedNode(iri.graph("test-source"))
    assert {q.graph_name for q in first} == {graph}
    for q in first:
        assert not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))
    assert len(first) == len(set(first))


def test_source_and_snapshot_carry_url_publisher_region_hashes_and_http_validators():
    rows = ask_store(small_quads())
    snapshot = iri.snapshot("test-source", "a" * 64)
    [src] = rows("SELECT * WHERE { ?s a nvo:Source ; schema:url ?url ; dct:publisher ?pub ; dct:spatial ?place ;"
                 " dct:identifier ?id ; dct:title ?title }")
    assert src["s"].value == iri.source("test-source")
    assert src["url"].value == "https://example.org/nara-vard"
    assert src["pub"].value == iri.concept("actor", "Region Halland")  # the extracted concept, not a new IRI
    assert src["place"].value == iri.concept("region", "Halland")  # the gazetteer's place
    assert (src["id"].value, src["title"].value) == ("test-source", "Testkälla")
    [doc] = rows("SELECT * WHERE { ?d a nvo:Document , prov:Entity ; dct:isVersionOf ?src ; nvo:sha256 ?sha ;"
                 " prov:generatedAtTime ?t ; nvo:etag ?etag ; nvo:lastModified ?lm ; dct:format ?fmt ;"
                 " dct:issued ?issued ; nvo:softwareVersion ?v ; prov:wasGeneratedBy ?run ; nvo:httpStatus ?status ;"
                 " schema:numberOfPages ?pages ; nvo:characterCount ?chars ; dct:title ?title }")
    assert doc["d"].value == snapshot and doc["src"].value == iri.source("test-source")
    assert doc["sha"].value == "a" * 64
    assert doc["t"].datatype.value.endswith("#dateTime") and doc["t"].value == "2025-03-01T10:00:00Z"
    assert (doc["etag"].value, doc["lm"].value) == ('"abc"', "Sat, 01 Mar 2025 09:00:00 GMT")
    assert doc["fmt"].value == "application/pdf"
    assert doc["issued"].datatype.value.endswith("#date") and doc["issued"].value == "2023-01-24"
    assert doc["run"].value == RUN and doc["status"].value == "200"
    assert (doc["pages"].value, doc["chars"].value) == ("2", str(len(SMALL_TEXT)))
    assert doc["title"].value == "Nära vård i Halland"


def test_direct_document_concept_links_carry_distinct_mention_counts():
    rows = ask_store(small_quads())
    linked = {r["c"].value for r in rows("SELECT ?c WHERE { ?d nvo:mentions ?c }")}
    assert len(linked) == 4
    counts = {r["c"].value: (int(r["n"].value), int(r["first"].value))
              for r in rows("SELECT * WHERE { ?o a nvo:Occurrence ; nvo:concept ?c ; nvo:mentionCount ?n ;"
                            " nvo:firstPosition ?first ; nvo:document ?d }")}
    assert counts[iri.concept("actor", "Region Halland")] == (2, 0)
    assert counts[iri.concept("principle", "personcentrering")] == (2, span("personcentrerat")[0])  # repeat not counted
    assert counts[iri.concept("actor", "Gnesta vårdcentral")] == (1, span("Gnesta vårdcentral")[0])


def test_each_mention_is_a_web_annotation_with_quote_position_and_page():
    rows = ask_store(small_quads())
    found = rows("""SELECT * WHERE {
        ?m a oa:Annotation ; oa:motivatedBy oa:identifying ; oa:hasBody ?c ; oa:hasTarget ?t ; nvo:extractor ?x .
        ?t a oa:SpecificResource ; oa:hasSource ?d ; oa:hasSelector ?q , ?p ; nvo:page ?page .
        ?q a oa:TextQuoteSelector ; oa:exact ?exact . OPTIONAL { ?q oa:prefix ?prefix } OPTIONAL { ?q oa:suffix ?suffix }
        ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end . }""")
    assert len(found) == 6  # seven mentions, one of them a repeat of the same span
    for r in found:
        start, end = int(r["start"].value), int(r["end"].value)
        assert r["exact"].value == SMALL_TEXT[start:end]
        assert value(r["prefix"]) == (SMALL_TEXT[max(0, start - 32):start] or None)
        assert value(r["suffix"]) == (SMALL_TEXT[end:end + 32] or None)
        assert r["d"].value == iri.snapshot("test-source", "a" * 64)
        assert r["m"].value == iri.mention("test-source", "a" * 64, r["c"].value, start, end)
    assert len({r["t"].value for r in found}) == 6  # one quote and one position selector per target
    assert not rows("SELECT * WHERE { ?m nvo:score ?x }") and not rows("SELECT * WHERE { ?f a oa:FragmentSelector }")
    pages = {r["exact"].value + "@" + r["start"].value: r["page"].value for r in found}
    assert pages[f"Gnesta vårdcentral@{span('Gnesta vårdcentral')[0]}"] == "2"
    assert pages["Region Halland@0"] == "1"


def test_a_span_is_one_target_whatever_points_at_it():
    """Two concepts mentioned at one place, and a statement drawn from a mention's span, share its target."""
    base = small_extraction()
    region = iri.concept("actor", "Region Halland")
    other = iri.concept("actor", "Halland regionen")
    start, end = span("Region Halland")
    extraction = replace(base, mentions=base.mentions + (replace(base.mentions[0], concept=other),),
                         concepts=base.concepts + (replace(base.concepts[0], iri=other, pref_label="Halland regionen"),),
                         relations=base.relations + (Relation(region, "responsibleFor", other, start, end, "pattern"),))
    quads = source_graph(small_source(), small_fetched(), extraction, Settings(), run_iri=RUN)
    rows = ask_store(quads)
    target = iri.span("test-source", "a" * 64, start, end)
    pointing = {r["x"].value for r in rows(f"SELECT ?x WHERE {{ {{ ?x oa:hasTarget <{target}> }} UNION {{ ?x nvo:evidence <{target}> }} }}")}
    assert pointing == {iri.mention("test-source", "a" * 64, c, start, end) for c in (region, other)} | {
        iri.statement("test-source", region, "responsibleFor", other)}
    selectors = rows(f"SELECT ?q WHERE {{ <{target}> oa:hasSelector ?q }}")
    assert sorted(r["q"].value for r in selectors) == [f"{target}#position", f"{target}#quote"]
    assert sum(1 for q in quads if q.subject.value == target and q.predicate.value.endswith("#type")) == 1
    every = rows("SELECT ?t (COUNT(?q) AS ?n) WHERE { ?t a oa:SpecificResource ; oa:hasSelector ?q } GROUP BY ?t")
    assert {r["n"].value for r in every} == {"2"}


def test_relations_become_statements_with_evidence_and_direct_triples():
    rows = ask_store(small_quads())
    region, gnesta = iri.concept("actor", "Region Halland"), iri.concept("actor", "Gnesta vårdcentral")
    person = iri.concept("principle", "personcentrering")
    statements = {(r["s"].value, r["p"].value, r["o"].value): int(r["n"].value) for r in rows(
        "SELECT * WHERE { ?st a ?class ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;"
        " nvo:evidenceCount ?n ; prov:wasDerivedFrom ?d VALUES ?class { nvo:Statement nvo:CoOccurrence } }")}
    pair = tuple(sorted([region, gnesta]))
    assert statements[(pair[0], str(NVO.collaboratesWith), pair[1])] == 1  # stated both ways, one passage
    cooc = tuple(sorted([region, person]))
    assert statements[(cooc[0], str(NVO.coOccursWith), cooc[1])] == 2
    assert len(statements) == 4
    classes = {r["p"].value: r["c"].value for r in rows("SELECT ?p ?c WHERE { ?st a ?c ; rdf:predicate ?p }")}
    assert classes.pop(str(NVO.coOccursWith)) == str(NVO.CoOccurrence)
    assert set(classes.values()) == {str(NVO.Statement)}  # no rdf:Statement repeated: the ontology says it
    # co-occurrences carry no evidence targets and no extractor (their sentences are the mentions' offsets)
    assert not rows("SELECT * WHERE { ?st a nvo:CoOccurrence ; ?p ?o VALUES ?p { nvo:evidence nvo:extractor } }")
    assert len(rows("SELECT * WHERE { ?st a nvo:Statement ; nvo:extractor ?x }")) == 3
    direct = {(r["s"].value, r["o"].value) for r in rows("SELECT * WHERE { ?s nvo:collaboratesWith ?o }")}
    assert direct == {(region, gnesta), (gnesta, region)}
    [year] = rows("SELECT ?y WHERE { ?s nvo:targetYear ?y }")
    assert year["y"].value == "2030" and year["y"].datatype.value.endswith("#gYear")
    [state] = rows("SELECT ?v WHERE { ?s nvo:fromState ?v }")
    assert (state["v"].value, state["v"].language) == ("reaktiv", "sv")
    quotes = {r["exact"].value for r in rows(
        "SELECT ?exact WHERE { ?st nvo:evidence ?e . ?e oa:hasSource ?d ; oa:hasSelector ?q . ?q oa:exact ?exact }")}
    assert SMALL_TEXT[SMALL_TEXT.index("Region Halland och"):] in quotes and "2030" in quotes


def test_concepts_get_type_kind_class_labels_and_discovery_flag():
    rows = ask_store(small_quads())
    types = Counter((r["c"].value, r["t"].value) for r in rows("SELECT ?c ?t WHERE { ?c a ?t }"))
    region, gnesta = iri.concept("actor", "Region Halland"), iri.concept("actor", "Gnesta vårdcentral")
    assert (region, str(NVO.RegionalAuthority)) in types and (region, str(NVO.Actor)) in types
    assert (gnesta, str(NVO.CareUnit)) in types
    assert (iri.concept("shift", "reaktiv till proaktiv"), str(NVO.Shift)) in types
    alt = rows(f"SELECT ?l ?p WHERE {{ <{gnesta}> skos:altLabel ?l ; skos:prefLabel ?p ; nvo:inThesaurus false ;"
               " nvo:kind 'care_unit' }")
    assert [(r["l"].value, r["p"].value) for r in alt] == [("Gnesta VC", "Gnesta vårdcentral")]
    # a gazetteer concept is labelled once, in the ontology graph, not in every source graph
    assert not rows(f"SELECT ?p WHERE {{ <{region}> ?p ?o FILTER(?p IN (skos:prefLabel, skos:altLabel, nvo:kind)) }}")


def test_unknown_relation_predicate_and_concept_type_are_errors_naming_the_source():
    extraction = small_extraction()
    bad = replace(extraction, relations=(Relation(extraction.concepts[0].iri, "likes", extraction.concepts[1].iri,
                                                  0, 5, "pattern"),))
    with pytest.raises(ExtractError, match=r"https://example.org/nara-vard: unknown relation predicate 'likes'"):
        source_graph(small_source(), small_fetched(), bad, Settings())
    odd = replace(extraction, concepts=(replace(extraction.concepts[0], type="gadget"),))
    with pytest.raises(ExtractError, match="unknown type 'gadget'"):
        source_graph(small_source(), small_fetched(), odd, Settings())


def test_a_changed_snapshot_gets_new_snapshot_mention_and_occurrence_iris_but_stable_statements():
    before = {q.subject.value for q in small_quads()}
    after = {q.subject.value for q in source_graph(small_source(), small_fetched("b" * 64), small_extraction(),
                                                    Settings(), run_iri=RUN)}
    assert iri.snapshot("test-source", "b" * 64) in after - before
    assert not {s for s in before & after if "/mention/" in s or "/occurrence/" in s}
    assert {s for s in before if "/statement/" in s and "#" not in s} == {s for s in after if "/statement/" in s
                                                                          and "#" not in s}


def test_ontology_quads_hold_model_thesaurus_and_gazetteer_in_their_own_graph():
    quads = ontology_quads(Settings())
    assert {q.graph_name.value for q in quads} == {iri.ontology_graph()}
    triples = {(q.subject.value, q.predicate.value, q.object.value) for q in quads}
    owl_class = "http://www.w3.org/2002/07/owl#Class"
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    assert (str(NVO.Principle), rdf_type, owl_class) in triples
    assert any(s == iri.concept("region", "Halland") and p.endswith("prefLabel") for s, p, _ in triples)
    assert not any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))
    assert quads == ontology_quads(Settings())


def test_ontology_quads_follow_a_deployment_base_but_keep_the_ontology_namespace():
    base = "https://kg.example.org/nv/"
    quads = ontology_quads(Settings(base_iri=base))
    subjects = {q.subject.value for q in quads}
    assert base + "concept/place/halland" in subjects
    assert not any(s.startswith("https://w3id.org/naravard/concept/") for s in subjects)
    assert str(NVO.Principle) in subjects


def test_blank_nodes_in_ontology_files_become_numbered_iris(tmp_path):
    (tmp_path / "naravard.ttl").write_bytes((Settings().ontology / "naravard.ttl").read_bytes())
    (tmp_path / "extra.ttl").write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/naravard/concept/goal/x> skos:related [ skos:prefLabel \"a\" ] , [ skos:prefLabel \"b\" ] .\n")
    (tmp_path / "shapes.ttl").write_text("this is not read")
    quads = ontology_quads(Settings(ontology=tmp_path))
    made = sorted({q.object.value for q in quads if q.predicate.value.endswith("#related")})
    assert made == [iri.ontology_graph() + "#extra-1", iri.ontology_graph() + "#extra-2"]


def test_kind_classes_come_from_the_ontology_for_every_agreed_kind():
    kinds = kind_classes(Settings())
    assert kinds[("report", "sou")] == str(NVO.InquiryReport)
    assert kinds[("actor", "municipality")] == str(NVO.MunicipalAuthority)
    assert kinds[("region", "municipality")] == str(NVO.Municipality)
    agreed = {"actor": "region municipality agency government association rd_unit university care_unit foundation "
                       "political_body person company organisation",
              "report": "sou ds proposition malbild agreement publication web_report plan report",
              "region": "country county municipality locality foreign"}
    for type_, names in agreed.items():
        for kind in names.split():
            assert (type_, kind) in kinds, (type_, kind)


def test_run_quads_record_a_prov_activity_with_per_source_outcomes():
    quads = run_quads(RUN, started="2025-03-01T10:00:00Z", ended="2025-03-01T10:05:00Z", status="completed",
                      outcomes=[SourceOutcome("a-source", "changed", "c" * 64), SourceOutcome("b", "failed", None, "HTTP 500")])
    assert {q.graph_name.value for q in quads} == {iri.runs_graph()}
    rows = ask_store(quads)
    [run] = rows("SELECT * WHERE { ?r a nvo:Run , prov:Activity ; prov:startedAtTime ?s ; prov:endedAtTime ?e ;"
                 " nvo:status ?st ; nvo:softwareVersion ?v }")
    assert run["st"].value == "completed" and run["s"].datatype.value.endswith("#dateTime")
    outcomes = {r["src"].value: (r["st"].value, value(r["snap"]), value(r["msg"])) for r in rows(
        "SELECT * WHERE { ?o a nvo:SourceOutcome ; nvo:run ?r ; nvo:source ?src ; nvo:status ?st ."
        " OPTIONAL { ?o nvo:snapshot ?snap } OPTIONAL { ?o nvo:message ?msg } }")}
    assert outcomes[iri.source("a-source")] == ("changed", iri.snapshot("a-source", "c" * 64), None)
    assert outcomes[iri.source("b")] == ("failed", None, "HTTP 500")
    with pytest.raises(StoreError, match="status of source 'x' must be one of"):
        run_quads(RUN, started="2025-03-01T10:00:00Z", outcomes=[SourceOutcome("x", "exploded")])


def test_seed_graphs_link_every_mentioned_concept_with_its_count():
    settings = Settings()
    for seed in seed_extractions():
        quads = source_graph(seed.source, seed.fetched, seed.extraction, settings)
        assert quads == source_graph(seed.source, seed.fetched, seed.extraction, settings)
        rows = ask_store(quads)
        counts = {r["c"].value: int(r["n"].value)
                  for r in rows("SELECT ?c ?n WHERE { ?o nvo:concept ?c ; nvo:mentionCount ?n }")}
        expected = Counter(c for c, _, _ in {(m.concept, m.start, m.end) for m in seed.extraction.mentions})
        assert counts == dict(expected), seed.source.id
        annotations = rows("SELECT (COUNT(*) AS ?n) WHERE { ?m a oa:Annotation }")[0]["n"].value
        assert int(annotations) == sum(expected.values())


def test_prefix_table_is_one_namespace_per_prefix():
    assert len(set(PREFIXES.values())) == len(PREFIXES)
    assert PREFIXES["nvo"] == "https://w3id.org/naravard/ontology#"


def as_stored(quads: list[ox.Quad]) -> list[ox.Quad]:
    store = ox.Store()
    store.extend(quads)
    return list(store)


def test_graphs_read_back_from_the_store_equal_the_graphs_built():
    """Literals are written in the form Oxigraph stores them in, so comparing a rebuilt graph with the
    stored one finds no difference where there is none (and an unchanged graph is never re-written)."""
    settings = Settings()
    for seed in seed_extractions():
        built = source_graph(seed.source, seed.fetched, seed.extraction, settings, run_iri=RUN)
        assert set(as_stored(built)) == set(built), seed.source.id
    runs = run_quads(RUN, started="2025-03-01T10:00:00.120000+00:00", ended="2025-03-01T10:01Z")
    assert set(as_stored(runs)) == set(runs)


@pytest.mark.parametrize("value", [0.0, -0.0, 0.5, 0.85, 1.0, 0.12345, 10])
def test_decimals_are_canonical(value):
    literal = quads_module.decimal(value)
    assert as_stored([ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), literal)])[0].object == literal
    assert float(literal.value) == pytest.approx(value, abs=1e-4)


@pytest.mark.parametrize("text", ["2024-01-05T10:00:00.120000Z", "2024-01-05T10:00Z", "2024-01-05T10:00:00+00:00",
                                  "2024-01-05T10:00:00.000-00:00", "2024-01-05T10:00:00+02:00", "2024-01-05",
                                  "2024-01", "2024"])
def test_dates_are_canonical_and_keep_their_instant(text):
    literal = quads_module.date(text)
    stored = as_stored([ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), literal)])[0].object
    assert stored == literal
    assert literal.value[:10] == text[:10] and literal.datatype.value.startswith("http://www.w3.org/2001/XMLSchema#")


def test_built_source_is_the_canonical_graph_with_its_summary_share():
    from pipeline.fingerprints import canonical
    from pipeline.graph.build import built_source
    from pipeline.graph.contribution import contribution

    seeds = [(s.source, s.fetched, s.extraction) for s in seed_extractions()]
    for source, fetched, extraction in [(small_source(), small_fetched(), small_extraction()), *seeds]:
        built = built_source(source, fetched, extraction, Settings(), run_iri=RUN)
        text = source_nquads(source, fetched, extraction, Settings(), run_iri=RUN)
        assert built.nquads == canonical(text)
        assert built.share == contribution(text.decode().split("\n"), iri.graph(source.id), iri.DEFAULT_BASE_IRI)
    assert built.share.relations and built.share.co_occurrences and built.share.principle_actors


def test_source_nquads_is_the_same_graph_as_text():
    settings = Settings()
    for seed in seed_extractions()[:2]:
        args = (seed.source, seed.fetched, seed.extraction, settings)
        text = source_nquads(*args, run_iri=RUN)
        assert list(ox.parse(text, format=ox.RdfFormat.N_QUADS)) == source_graph(*args, run_iri=RUN)
        assert text == ox.serialize(source_graph(*args, run_iri=RUN), format=ox.RdfFormat.N_QUADS)


def test_quad_list_checks_iris_drops_repeats_and_none():
    g = quads_module.QuadList("https://example.org/g")
    g.add("https://example.org/s", NVO.mentions, "https://example.org/o")
    g.add(ox.NamedNode("https://example.org/s"), quads_module.node(NVO.mentions), ox.NamedNode("https://example.org/o"))
    g.add("https://example.org/s", NVO.mentions, None)
    g.add("https://example.org/s", NVO.page, quads_module.text('a "quoted"\nline'))
    assert len(g) == 2 and len(g.quads()) == 2
    with pytest.raises(ValueError):
        g.add("not an iri", NVO.mentions, "https://example.org/o")
    with pytest.raises(AttributeError):
        quads_module.Nodes(NVO).mentionsCount  # noqa: B018 - a typo fails as in the namespace
