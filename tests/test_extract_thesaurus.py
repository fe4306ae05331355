"""The SKOS thesaurus in ontology/: loads generically, types concepts, keeps principles unambiguous."""

from collections import Counter

import pytest

from pipeline import iri
from pipeline.extract import morph
from pipeline.extract.thesaurus import NVO, RDF_TYPE, SKOS, build, load_thesaurus
from pipeline.settings import ONTOLOGY_DIR

DCT_SUBJECT = "http://purl.org/dc/terms/subject"
PRINCIPLES = ["personcentrering", "halsoframjande", "forebyggande", "samverkan", "samordning", "tillganglighet",
              "kontinuitet", "delaktighet", "jamlik-vard", "effektivitet", "egenvard", "trygghet", "tillit",
              "rehabilitering", "evidensbaserad", "digital-nar-det-ar-mojligt", "primarvarden-som-nav", "proaktivitet",
              "narhet", "flexibilitet"]


@pytest.fixture(scope="module")
def thesaurus():
    return load_thesaurus(ONTOLOGY_DIR)


def test_reform_principles_are_in_the_thesaurus(thesaurus):
    for key in PRINCIPLES:
        entry = thesaurus.entries[iri.concept("principle", key)]
        assert entry.type == "principle" and entry.pref_label and entry.other_labels, key


def test_every_shift_has_from_and_to_states(thesaurus):
    shifts = thesaurus.by_type("shift")
    assert len(shifts) >= 6
    for e in shifts:
        assert e.from_states and e.to_states, e.iri
        assert e.pref_label.startswith("från ") and " till " in e.pref_label


def test_all_concept_types_present(thesaurus):
    types = Counter(e.type for e in thesaurus.entries.values())
    for t in ("principle", "shift", "goal", "focus_area", "success_factor", "driving_force", "initiative"):
        assert types[t] > 0, t
    assert not thesaurus.warnings, thesaurus.warnings[:5]


def test_no_matching_label_is_shared_by_two_principles(thesaurus):
    owners: dict[tuple, set] = {}
    for e in thesaurus.by_type("principle"):
        for label, _rank in e.match_labels():
            key = tuple(morph.label_key(w) for w in morph.words(label))
            owners.setdefault(key, set()).add(e.iri)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes


def test_type_from_class_hierarchy_and_scheme_and_rebase():
    base = "https://w3id.org/naravard/"
    triples = [
        (base + "concept/actor/x", RDF_TYPE, SKOS + "Concept"),
        (base + "concept/actor/x", RDF_TYPE, NVO + "RegionalAuthority"),
        (NVO + "RegionalAuthority", "http://www.w3.org/2000/01/rdf-schema#subClassOf", NVO + "Actor"),
        (NVO + "RegionalAuthority", NVO + "kindCode", ("region", "")),
        (base + "concept/actor/x", SKOS + "prefLabel", ("Region X", "sv")),
        (base + "concept/goal/y", RDF_TYPE, SKOS + "Concept"),
        (base + "concept/goal/y", SKOS + "inScheme", base + "scheme/goals"),
        (base + "scheme/goals", DCT_SUBJECT, NVO + "Goal"),
        (base + "concept/goal/y", SKOS + "altLabel", ("mål y", "sv")),
        (base + "concept/goal/y", SKOS + "prefLabel", ("goal y", "en")),
        (base + "concept/z", RDF_TYPE, SKOS + "Concept"),
        (base + "concept/z", SKOS + "prefLabel", ("z", "sv")),
    ]
    t = build(triples, "https://example.org/kg/")
    x = t.entries["https://example.org/kg/concept/actor/x"]
    assert (x.type, x.kind, x.pref_label) == ("actor", "region", "Region X")
    y = t.entries["https://example.org/kg/concept/goal/y"]
    assert (y.type, y.pref_label, y.other_labels) == ("goal", "mål y", ("goal y",))
    assert len(t.entries) == 2 and "concept/z" in t.warnings[0]


def test_bare_codes_are_not_matched_but_text_notations_are():
    base = "https://w3id.org/naravard/"
    triples = [
        (base + "concept/report/r", RDF_TYPE, SKOS + "Concept"),
        (base + "concept/report/r", RDF_TYPE, NVO + "Report"),
        (base + "concept/report/r", SKOS + "prefLabel", ("Effektiv vård", "sv")),
        (base + "concept/report/r", SKOS + "notation", ("SOU 2016:2", "")),
        (base + "concept/actor/m", RDF_TYPE, SKOS + "Concept"),
        (base + "concept/actor/m", RDF_TYPE, NVO + "Actor"),
        (base + "concept/actor/m", SKOS + "prefLabel", ("Gnesta kommun", "sv")),
        (base + "concept/actor/m", SKOS + "notation", ("0461", "")),
    ]
    t = build(triples, base)
    labels = {lab for e in t.entries.values() for lab, _ in e.match_labels()}
    assert "SOU 2016:2" in labels and "0461" not in labels
