"""The extract cascade end to end: one concept per thing, exact offsets, stable order, JSON and CLI."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import iri
from pipeline.api import extract_files, parse_file
from pipeline.cli import main
from pipeline.extract import extract, load_knowledge
from pipeline.extract.jsonout import document_json, labels_of
from pipeline.types import SCORED_TYPES, Concept

DATA = Path(__file__).parent / "data" / "extract"
FIXTURES = sorted(DATA.glob("*.txt"))


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


@pytest.fixture(scope="module")
def extractions(knowledge):
    return {f.name: extract(parse_file(f), knowledge) for f in FIXTURES}


def test_knowledge_is_compiled_once_per_process(knowledge):
    assert load_knowledge() is knowledge
    assert knowledge.matcher.size > 100


def test_each_concept_once_with_exact_mentions(extractions):
    for name, x in extractions.items():
        iris = [c.iri for c in x.concepts]
        assert len(iris) == len(set(iris)), name
        text = x.document.text
        for m in x.mentions:
            assert text[m.start:m.end] == m.surface, (name, m)
            assert m.concept in iris
        for c in x.concepts:
            assert x.mentions_of(c.iri), (name, c.iri)


def test_order_is_deterministic(knowledge, extractions):
    again = extract(parse_file(DATA / "vasterbotten_malbild.txt"), knowledge)
    first = extractions["vasterbotten_malbild.txt"]
    assert again.concepts == first.concepts and again.mentions == first.mentions
    starts = [min(m.start for m in first.mentions_of(c.iri)) for c in first.concepts]
    assert starts == sorted(starts)
    assert list(first.mentions) == sorted(first.mentions, key=lambda m: (m.start, m.end, m.concept))


def test_principles_and_shifts_in_a_regional_target_vision(extractions):
    x = extractions["vasterbotten_malbild.txt"]
    found = {(c.type, c.iri) for c in x.concepts}
    for key in ("personcentrering", "tillganglighet", "samordning", "digital-nar-det-ar-mojligt", "kontinuitet"):
        assert ("principle", iri.concept("principle", key)) in found
    assert ("shift", iri.concept("shift", "vad-ar-fel-till-vad-ar-viktigt")) in found
    shifts = [c for c in x.concepts if c.type == "shift"]
    assert len(shifts) == 3
    # "lättillgänglig" and "tillgänglig" are one concept with two mentions
    access = x.mentions_of(iri.concept("principle", "tillganglighet"))
    assert {m.surface for m in access} == {"tillgänglig", "lättillgänglig"}


def test_a_page_on_another_subject_yields_no_principles_or_shifts(extractions):
    x = extractions["bygglov_negativ.txt"]
    assert [c for c in x.concepts if c.type in ("principle", "shift")] == []


def test_labels_are_preferred_then_other_then_surfaces():
    c = Concept(iri="urn:x", type="principle", pref_label="tillgänglighet", labels=("tillgänglig vård",))
    assert labels_of(c, ["lättillgänglig", "tillgänglig  vård", "lättillgänglig"]) == [
        "tillgänglighet", "tillgänglig vård", "lättillgänglig"]


def test_json_entry_has_the_scored_fields(extractions):
    entry = document_json(extractions["skane_omstallning.txt"], "skane.txt")
    assert entry["file"] == "skane.txt"
    for c in entry["concepts"]:
        assert set(c) == {"type", "labels", "iri", "kind", "mentions"}
        assert c["labels"] and c["mentions"]
        assert all(set(m) == {"quote", "start", "end"} for m in c["mentions"])
    assert {c["type"] for c in entry["concepts"]} & set(SCORED_TYPES)


def test_cli_json_and_table():
    runner = CliRunner()
    files = [str(DATA / "vaxjo_fragor_och_svar.txt"), str(DATA / "skane_omstallning.txt")]
    out = runner.invoke(main, ["extract", *files, "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert [d["file"] for d in data["documents"]] == files
    table = runner.invoke(main, ["extract", files[1]])
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[0].startswith(files[1] + ": ")
    assert any(line.split()[:2] == ["principle", "tillit"] for line in lines)
    assert any("\u201cvårdsamverkan\u201d" in line for line in lines)


def test_cli_reports_a_missing_file():
    out = CliRunner().invoke(main, ["extract", "no/such/file.html"])
    assert out.exit_code != 0 and "does not exist" in out.output


def test_api_extract_files_matches_extract(knowledge, extractions):
    [x] = extract_files([DATA / "skane_omstallning.txt"])
    assert x.concepts == extractions["skane_omstallning.txt"].concepts


def test_a_capital_that_only_starts_a_sentence_is_no_place_name(knowledge):
    from pipeline.parse.builder import DocumentBuilder
    from pipeline.types import Metadata

    b = DocumentBuilder()
    b.add("list_item", "Vara delaktig i planeringen av sin vård.")
    b.add("paragraph", "Samverkan sker i Vara och i Mark.")
    b.add("paragraph", "Mark och vatten ingår inte.")
    d = b.build(location="t.txt", media_type="text/plain", sha256="0" * 64, metadata=Metadata())
    x = extract(d, knowledge)
    places = sorted((m.surface, m.start) for m in x.mentions if any(
        c.iri == m.concept and c.type == "region" for c in x.concepts))
    text = d.text
    assert places == [("Mark", text.index("i Mark") + 2), ("Vara", text.index("i Vara") + 2)]


def test_every_relation_is_about_concepts_of_the_extraction(extractions):
    for name, x in extractions.items():
        iris = {c.iri for c in x.concepts}
        for r in x.relations:
            assert r.subject in iris, (name, r)
            assert r.literal or r.object in iris, (name, r)


def test_relations_found_before_resolution_follow_the_merged_concepts():
    from pipeline.extract import _repoint
    from pipeline.types import Relation

    rels = [Relation("a", "memberOf", "b", 0, 5, "persons"), Relation("a", "hasRole", "chef", 0, 5, "persons", literal=True),
            Relation("c", "locatedIn", "b", 0, 5, "places"), Relation("gone", "memberOf", "b", 0, 5, "persons")]
    out = _repoint(rels, {"a": "a", "b": "B", "c": "B"})
    assert out == [Relation("a", "memberOf", "B", 0, 5, "persons"), Relation("a", "hasRole", "chef", 0, 5, "persons",
                                                                          literal=True)]


def test_the_county_of_a_region_is_read_from_its_name_not_a_namesake_town(knowledge):
    from entities_support import doc

    x = extract(doc("Region | 2021\n\nRegion Stockholm | 31 %\n\nVi följer Region Stockholm noga."), knowledge)
    places = {c.pref_label for c in x.concepts if c.type == "region"}
    assert places == {"Stockholms län"}


def test_a_named_project_is_an_initiative_whose_words_state_no_principle(knowledge):
    from entities_support import doc

    x = extract(doc("Umeå kommun samverkar med Umeå universitet i projektet Trygg hemgång. "
                    "Vården ska vara trygg och tillgänglig."), knowledge)
    initiatives = {c.pref_label for c in x.concepts if c.type == "initiative"}
    assert "Trygg hemgång" in initiatives
    trygghet = next(c for c in x.concepts if c.pref_label == "trygghet")
    assert [m.surface for m in x.mentions_of(trygghet.iri)] == ["trygg"]  # the project's "Trygg" is not a mention
    x = extract(doc("I projektet Trygg hemgång deltar Umeå kommun."), knowledge)
    assert "trygghet" not in {c.pref_label for c in x.concepts}
    x = extract(doc("I satsningen Hälsostaden för en mer personcentrerad vård deltar kommunen."), knowledge)
    assert {"Hälsostaden", "personcentrering"} <= {c.pref_label for c in x.concepts}


def test_an_organisation_named_for_cooperation_states_no_principle(knowledge):
    from entities_support import doc

    x = extract(doc("Högskolan i Skövde utvärderar arbetet på uppdrag av Vårdsamverkan Skaraborg."), knowledge)
    assert "samverkan" not in {c.pref_label for c in x.concepts}
    assert "Vårdsamverkan Skaraborg" in {c.pref_label for c in x.concepts if c.type == "actor"}


def test_a_name_joined_to_its_kind_hides_its_words_everywhere_in_the_text(knowledge):
    from entities_support import doc

    x = extract(doc("# Trygg hemma-teamet fyller fem år\n\nSedan 2019 har Trygg hemma-teamet hjälpt äldre."), knowledge)
    assert "trygghet" not in {c.pref_label for c in x.concepts}
    team = next(c for c in x.concepts if c.type == "initiative" and c.pref_label == "Trygg hemma")
    assert len(x.mentions_of(team.iri)) == 2


def test_relations_come_out_in_one_order_whatever_order_they_were_found_in():
    """Two relations that differ only in their extractor (or literal flag) are ordered by it too: the
    order of a set of them would otherwise follow the hash seed."""
    from pipeline.extract import _assemble
    from pipeline.types import Document, Mention, Metadata, Relation

    doc = Document(location="x", media_type="text/plain", sha256="0" * 64, text="Region Halland och SKR.",
                   metadata=Metadata(), blocks=())
    a, b = iri.concept("actor", "Region Halland"), iri.concept("actor", "SKR")
    concepts = [Concept(a, "actor", "Region Halland"), Concept(b, "actor", "SKR")]
    mentions = [Mention(a, 0, 14, "Region Halland", "thesaurus"), Mention(b, 18, 21, "SKR", "thesaurus")]
    relations = [Relation(a, "collaboratesWith", b, 0, 22, extractor) for extractor in ("pattern", "lists", "bodies")]
    orders = {_assemble(doc, concepts, mentions, list(order)).relations
              for order in (relations, relations[::-1], relations[1:] + relations[:1])}
    assert len(orders) == 1 and [r.extractor for r in orders.pop()] == ["bodies", "lists", "pattern"]
