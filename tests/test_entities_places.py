"""Places: gazetteer names with genitives, place contexts, address lines, places inside organisation names."""

from __future__ import annotations

import pytest
from entities_support import doc

from pipeline.extract import entities
from pipeline.settings import Settings


@pytest.fixture(scope="module")
def ek():
    return entities.load(Settings())


def places(ek, text: str) -> dict[str, str]:
    """pref label -> kind of every place found."""
    concepts, _m, _r = entities.find(doc(text), ek, [])
    return {c.pref_label: c.kind for c in concepts if c.type == "region"}


def test_gazetteer_names_and_genitives(ek):
    found = places(ek, "I Sörmland och i hela Sverige pågår arbetet. Hallands län växer; Gnestas invånare deltar.")
    assert found == {"Södermanland": "county", "Sverige": "country", "Halland": "county", "Gnesta": "municipality"}


def test_county_short_and_long_forms_are_one_place(ek):
    concepts, mentions, _ = entities.find(doc("Sörmland, Södermanland och Södermanlands län."), ek, [])
    assert [c.pref_label for c in concepts] == ["Södermanland"]
    assert len(mentions) == 3


def test_place_contexts_for_names_not_in_the_gazetteer(ek):
    assert places(ek, "# Nära vård i Alaska\n\nTeamet i Blattnicksele får besök från Anchorage.") == {
        "Alaska": "foreign", "Blattnicksele": "locality", "Anchorage": "foreign"}


def test_place_context_negatives(ek):
    text = ("Omställningen i Nära vård pågår. Arbetet i Hälsostaden fortsätter. Vi arbetar i IBIC. "
            "Det syns i Vården i siffror. Hon bor i Anna-Karins hus.")
    assert places(ek, text) == {}


def test_address_line(ek):
    text = "FoU i Sörmland\n\nDrottninggatan 16 B\n\n632 20 Eskilstuna"
    concepts, _m, relations = entities.find(doc(text), ek, [])
    names = {c.iri: c.pref_label for c in concepts}
    assert "Eskilstuna" in names.values() and "Drottninggatan" not in " ".join(names.values())
    assert ("FoU i Sörmland", "locatedIn", "Eskilstuna") in {
        (names[r.subject], r.predicate, names.get(r.object)) for r in relations}


def test_address_line_in_capitals(ek):
    assert "Stockholm" in places(ek, "Sveriges Kommuner och Regioner, 118 82 STOCKHOLM")


def test_places_inside_organisation_names(ek):
    found = places(ek, "Region Halland, Gnesta kommun, Högskolan i Halmstad och Björnlunda hemtjänst deltar.")
    assert found == {"Halland": "county", "Gnesta": "municipality", "Halmstad": "municipality",
                     "Björnlunda": "locality"}


def test_no_place_in_national_bodies(ek):
    assert places(ek, "Sveriges Kommuner och Regioner och Sveriges riksdag beslutar.") == {}


def test_common_words_are_no_places(ek):
    assert places(ek, "Vara med och påverka. Mark och vatten. Boden är stängd.") == {}


def test_place_and_organisation_are_separate(ek):
    concepts, _m, relations = entities.find(doc("I Sörmland jobbar regionen. Region Sörmland leder."), ek, [])
    by_type = {c.type: c for c in concepts}
    assert by_type["region"].pref_label == "Södermanland" and by_type["actor"].pref_label == "Region Sörmland"
    assert [(r.subject, r.predicate, r.object) for r in relations] == [
        (by_type["actor"].iri, "responsibleFor", by_type["region"].iri)]


def test_unknown_names_listed_with_places(ek):
    found = places(ek, "Metoden har spridits till Singapore, Skottland och Transnistrien.")
    assert found == {"Singapore": "foreign", "Skottland": "foreign", "Transnistrien": "locality"}
    assert places(ek, "Halland och Region Skåne samverkar.") == {"Halland": "county", "Skåne": "county"}


def test_range_of_places(ek):
    assert places(ek, "Länet sträcker sig från Hälsingland i norr till Gästrikland i söder.") == {
        "Hälsingland": "locality", "Gästrikland": "locality"}


def test_place_in_a_head_first_unit_name_even_when_it_is_a_word(ek):
    assert places(ek, "Patienter på Hälsocentralen Slite och Hälsocentralen Lit.") == {
        "Slite": "locality", "Lit": "locality"}


def test_county_inside_region_name_of_a_town_named_county(ek):
    assert places(ek, "Region Stockholm och Region Uppsala samverkar.") == {
        "Stockholms län": "county", "Uppsala län": "county"}


def test_an_unknown_name_listed_before_known_places(ek):
    assert "Höglandsbygden" in places(ek, "Länet har tre områden: Höglandsbygden, Jönköping och Värnamo.")
    assert "Anna" not in places(ek, "Hon heter Anna, Jönköping är hennes hemstad.")


def test_no_place_at_the_first_word_of_a_title(ek):
    found = places(ek, "Läs mer i Länsgemensam handlingsplan för nära vård 2023–2025.")
    assert "Länsgemensam" not in found
