"""The vocabulary module and the ontology file agree, and typos fail."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from pipeline.settings import Settings
from pipeline.vocab import NVO, NVO_NS, OA, TYPE_CLASS, relation_predicate

ONTOLOGY = Settings().ontology / "naravard.ttl"
OWL = "http://www.w3.org/2002/07/owl#"
DECLARATIONS = {OWL + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "AnnotationProperty"}


def ontology_triples():
    return list(ox.parse(path=str(ONTOLOGY), format=ox.RdfFormat.TURTLE))


def test_every_term_of_the_code_is_declared_in_the_ontology_and_the_other_way_round():
    declared = {q.subject.value for q in ontology_triples()
                if q.predicate.value.endswith("#type") and q.object.value in DECLARATIONS
                and q.subject.value.startswith(NVO_NS)}
    in_code = {str(getattr(NVO, name)) for name in NVO.__annotations__}
    assert in_code - declared == set(), "terms used in code but not declared in naravard.ttl"
    assert declared - in_code == set(), "terms declared in naravard.ttl but missing from pipeline.vocab.NVO"


def test_every_class_and_property_has_an_english_label_and_the_file_has_no_blank_nodes():
    triples = ontology_triples()
    labelled = {q.subject.value for q in triples
                if q.predicate.value.endswith("#label") and q.object.language == "en"}
    declared = {q.subject.value for q in triples if q.object.value in DECLARATIONS}
    assert declared - labelled == set()
    assert not any(isinstance(t, ox.BlankNode) for q in triples for t in (q.subject, q.object))


def test_a_typo_in_a_term_fails_at_once():
    with pytest.raises(AttributeError):
        NVO.mentionsCount  # noqa: B018
    with pytest.raises(AttributeError):
        OA.hasTargett  # noqa: B018
    with pytest.raises(AttributeError, match="'likes' is not a naravard relation predicate"):
        relation_predicate("likes")


def test_each_concept_type_class_carries_its_type_code():
    codes = {q.subject.value: q.object.value for q in ontology_triples() if q.predicate.value == str(NVO.typeCode)}
    assert {t: codes.get(str(cls)) for t, cls in TYPE_CLASS.items()} == {t: t for t in TYPE_CLASS}
