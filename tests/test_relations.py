"""Relations stated in the text, each with evidence offsets into the document text."""

from __future__ import annotations

import pytest
from entities_support import doc

from pipeline.extract import entities, relations
from pipeline.settings import Settings
from pipeline.types import Concept, Mention

G = "https://w3id.org/naravard/concept/goal/"
PR = "https://w3id.org/naravard/concept/principle/"


@pytest.fixture(scope="module")
def ek():
    return entities.load(Settings())


def run(ek, text, extra=(), **kw):
    """(document, triples of pref labels, relations) for ``text``; ``extra`` adds (type, label) concepts."""
    d = doc(text, **kw)
    concepts, mentions, found = entities.find(d, ek, [])
    concepts, mentions = list(concepts), list(mentions)
    for type_, label in extra:
        iri = (G if type_ == "goal" else PR) + label.lower().replace(" ", "-")
        concepts.append(Concept(iri, type_, label))
        start = d.text.rindex(label)
        mentions.append(Mention(iri, start, start + len(label), label, "test"))
    rels = list(found) + relations.relate(d, concepts, mentions)
    names = {c.iri: c.pref_label for c in concepts}
    triples = {(names.get(r.subject), r.predicate, names.get(r.object, r.object)) for r in rels}
    return d, triples, rels


def test_commissions_and_publishes_with_anaphora(ek):
    text = ("Målbilden ”Omtanke Halland” har tagits fram med stöd av Leap for Life vid Högskolan i Halmstad. "
            "Den har beställts av och därefter antagits av ledande politiker i KRF (kommun- och regionledningsforum).")
    _d, triples, _ = run(ek, text)
    assert ("Leap for Life", "publishes", "Omtanke Halland") in triples
    assert ("kommun- och regionledningsforum", "commissions", "Omtanke Halland") in triples
    assert ("Leap for Life", "memberOf", "Högskolan i Halmstad") in triples


def test_signatories_publish_and_collaborate(ek):
    text = "Sedan 2019 har SKR och regeringen tecknat en årlig nationell överenskommelse avseende God och nära vård."
    _d, triples, _ = run(ek, text)
    skr, reg, agr = "Sveriges Kommuner och Regioner", "Regeringen", "Överenskommelse om God och nära vård"
    assert {(skr, "publishes", agr), (reg, "publishes", agr)} <= triples
    assert (reg, "collaboratesWith", skr) in triples or (skr, "collaboratesWith", reg) in triples


def test_site_suffix_publishes(ek):
    _d, triples, _ = run(ek, "Läs mer: Överenskommelse om en God och nära vård | SKR")
    assert ("Sveriges Kommuner och Regioner", "publishes", "Överenskommelse om God och nära vård") in triples


def test_no_relation_without_a_cue(ek):
    _d, triples, _ = run(ek, "Region Skåne och SKR nämns här. Rapporten SOU 2020:19 finns också.")
    assert not {t for t in triples if t[1] in ("publishes", "commissions", "collaboratesWith")}


def test_located_in_and_responsible_for(ek):
    _d, triples, _ = run(ek, "Gnesta kommun och Björnlunda hemtjänst samverkar med Umeå universitet.")
    assert {("Gnesta kommun", "responsibleFor", "Gnesta"), ("Björnlunda hemtjänst", "locatedIn", "Björnlunda"),
            ("Umeå universitet", "locatedIn", "Umeå")} <= triples


def test_malbild_target_year_and_goal_areas(ek):
    text = ("Målbilden ”Nära vård i Skåne” har tre målområden:\n\n- Tillsammans\n- Nära\n\n"
            "Omställningen är ett långsiktigt arbete och målbilden sträcker sig till 2035.")
    d, triples, rels = run(ek, text, extra=[("goal", "Tillsammans"), ("goal", "Nära")])
    assert {("Nära vård i Skåne", "hasGoalArea", "Tillsammans"), ("Nära vård i Skåne", "hasGoalArea", "Nära"),
            ("Nära vård i Skåne", "targetYear", "2035")} <= triples
    year = next(r for r in rels if r.predicate == "targetYear")
    assert year.literal and d.text[year.start:year.end] == "2035"


def test_report_proposes_principles_of_its_section(ek):
    text = ("# Utredningar\n\nUtredningen Effektiv vård (SOU 2016:2) föreslog en personcentrerad vård.\n\n"
            "# Annat\n\nVi arbetar med kontinuitet.")
    _d, triples, _ = run(ek, text, extra=[("principle", "personcentrerad"), ("principle", "kontinuitet")])
    assert ("Effektiv vård", "proposes", "personcentrerad") in triples
    assert ("Effektiv vård", "proposes", "kontinuitet") not in triples


def test_cooccurrence_once_per_pair_per_sentence_with_evidence(ek):
    text = "Region Halland och SKR samverkar med Region Halland. Region Halland och SKR igen."
    d, _triples, rels = run(ek, text)
    co = [r for r in rels if r.predicate == "coOccursWith"]
    assert len(co) == 2  # one per sentence; the repeated mention does not count twice
    assert all(r.subject < r.object for r in co)
    assert d.text[co[0].start:co[0].end].startswith("Region Halland och SKR samverkar")


def test_nested_mentions_do_not_cooccur(ek):
    _d, _t, rels = run(ek, "Högskolan i Halmstad forskar.")
    assert not [r for r in rels if r.predicate == "coOccursWith"]


def test_every_relation_has_evidence_inside_the_text(ek):
    text = "Anna Andersson, utvecklingsledare vid Region Skåne, leder arbetet i Ystad tillsammans med SKR."
    d, triples, rels = run(ek, text)
    assert ("Anna Andersson", "memberOf", "Region Skåne") in triples
    assert ("Anna Andersson", "hasRole", "utvecklingsledare vid Region Skåne") in triples
    assert all(0 <= r.start < r.end <= len(d.text) for r in rels)


def test_success_factors_of_the_malbild_section_only(ek):
    d = doc("# Inledning\n\nVi behöver nya arbetssätt.\n\n# Målbilden\n\n"
            "Målbilden ”Omtanke Halland” definierar fyra framgångsfaktorer:\n\n- Gemensam\n- Enkel")
    concepts, mentions, _ = entities.find(d, ek, [])
    concepts, mentions = list(concepts), list(mentions)
    for label in ("nya arbetssätt", "Gemensam", "Enkel"):
        iri = "https://w3id.org/naravard/concept/success-factor/" + label.lower().replace(" ", "-")
        concepts.append(Concept(iri, "success_factor", label))
        start = d.text.index(label)
        mentions.append(Mention(iri, start, start + len(label), label, "test"))
    names = {c.iri: c.pref_label for c in concepts}
    found = {names[r.object] for r in relations.relate(d, concepts, mentions) if r.predicate == "hasSuccessFactor"}
    assert found == {"Gemensam", "Enkel"}
