"""The gazetteer data (places and public bodies, kept apart but linked) and the known-name scan."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from entities_support import doc

from pipeline.extract import entities
from pipeline.extract.gazetteer import scan
from pipeline.extract.spans import TextContext
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://w3id.org/naravard/concept/"


@pytest.fixture(scope="module")
def ek():
    return entities.load(Settings())


def test_committed_ttl_matches_the_csv_files():
    result = subprocess.run([sys.executable, str(ROOT / "ontology/gazetteer/build.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_counts_of_places_and_bodies(ek):
    kinds = [(e.type, e.kind) for e in ek.entries.values()]
    assert kinds.count(("region", "county")) == 21
    assert kinds.count(("region", "municipality")) == 289  # Gotland is one place: county and municipality
    assert kinds.count(("actor", "region")) == 21
    assert kinds.count(("actor", "municipality")) == 289  # Region Gotland is region and municipality
    assert kinds.count(("region", "country")) == 1


def test_county_place_and_region_are_different_concepts_linked(ek):
    place = ek.entries[BASE + "place/halland"]
    org = ek.entries[BASE + "actor/region-halland"]
    assert (place.type, org.type) == ("region", "actor")
    assert "Hallands län" in place.labels and "Hallands" in place.labels
    assert org.responsible_for == (place.iri,)
    assert "13" in place.notations and "13" in org.notations


def test_municipality_place_and_organisation(ek):
    place = ek.entries[BASE + "place/gnesta"]
    org = ek.entries[BASE + "actor/gnesta-kommun"]
    assert place.notations == ("0461",) and place.located_in == (BASE + "place/sodermanland",)
    assert org.responsible_for == (place.iri,)
    assert {"Gnestas kommun", "Gnesta kommuns"} <= set(org.labels)


def test_short_region_names_and_abbreviations(ek):
    assert ek.lookup_name("Sörmland").iri == BASE + "place/sodermanland"
    assert ek.lookup_name("VGR").iri == BASE + "actor/vastra-gotalandsregionen"
    assert ek.lookup_name("Region Västra Götaland").iri == BASE + "actor/vastra-gotalandsregionen"
    assert ek.lookup_name("RJH").iri == BASE + "actor/region-jamtland-harjedalen"
    assert ek.lookup_name("Landstinget Sörmland").iri == BASE + "actor/region-sormland"


def test_town_and_county_of_the_same_name_are_kept_apart(ek):
    assert ek.lookup_name("Stockholm").iri == BASE + "place/stockholm"
    assert ek.lookup_name("Stockholms län").iri == BASE + "place/stockholms-lan"
    assert ek.lookup_name("Stockholms stad").iri == BASE + "actor/stockholms-stad"
    assert ek.lookup_name("Gotland").kind == "county"
    assert ek.lookup_name("Region Gotland").iri == BASE + "actor/region-gotland"


def test_national_bodies_with_former_names(ek):
    skr = BASE + "actor/sveriges-kommuner-och-regioner"
    for name in ("SKR", "SKL", "SKL:s", "Sveriges Kommuner och Landsting", "Sveriges Kommuner och Regioner"):
        assert ek.lookup_name(name).iri == skr, name
    assert ek.lookup_name("Vårdanalys").iri == BASE + "actor/myndigheten-for-vard-och-omsorgsanalys"
    assert ek.lookup_name("IVO").kind == "agency"


def _found(ek, text):
    return [(c.label, c.type, text[c.start:c.end]) for c in scan(TextContext(doc(text)), ek)]


def test_scan_finds_names_with_genitives_longest_first(ek):
    found = _found(ek, "Hallands kommuner och Region Hallands styrelse möter Sveriges Kommuner och Regioner.")
    assert ("Halland", "region", "Hallands") in found
    assert ("Region Halland", "actor", "Region Hallands") in found
    assert ("Sveriges Kommuner och Regioner", "actor", "Sveriges Kommuner och Regioner") in found
    assert not any(label == "Sverige" for label, _, _ in found)  # "Sveriges" is part of the longer name


def test_scan_refuses_common_words_at_a_sentence_start(ek):
    assert _found(ek, "Vara delaktig i vården är viktigt.") == []
    assert ("Vara", "region", "Vara") in _found(ek, "Vi besökte Vara i fredags.")
    assert _found(ek, "Det är bra att vara med.") == []


def test_scan_lower_case_names_only_when_the_data_writes_them_so(ek):
    found = _found(ek, "Beslutet fattades av regeringen. Socialstyrelsen följer upp.")
    assert ("Regeringen", "actor", "regeringen") in found
    assert ("Socialstyrelsen", "actor", "Socialstyrelsen") in found  # a common noun, but an agency's name
    assert _found(ek, "socialstyrelsen") == []
