"""Actor patterns: each kind of organisation by the shape of its name, with negatives."""

from __future__ import annotations

import pytest
from entities_support import doc

from pipeline.extract import entities
from pipeline.settings import Settings

BASE = "https://w3id.org/naravard/concept/"


@pytest.fixture(scope="module")
def ek():
    return entities.load(Settings())


def actors(ek, text: str) -> dict[str, str]:
    """pref label -> kind of every actor found in ``text``."""
    concepts, _mentions, _rel = entities.find(doc(text), ek, [])
    return {c.pref_label: c.kind for c in concepts if c.type == "actor"}


def places(ek, text: str) -> set[str]:
    concepts, _mentions, _rel = entities.find(doc(text), ek, [])
    return {c.pref_label for c in concepts if c.type == "region"}


def test_region_known_and_unknown(ek):
    assert actors(ek, "Region Kronoberg och Region Hallands politiker.") == {
        "Region Kronoberg": "region", "Region Halland": "region"}
    assert actors(ek, "I Danmark ansvarar Region Hovedstaden för sjukhusen.") == {"Region Hovedstaden": "region"}


def test_region_negatives(ek):
    assert actors(ek, "Regionen och regionerna samverkar. Region och kommun har olika ansvar.") == {}


def test_municipality_forms(ek):
    found = actors(ek, "Gnestas kommun, Upplands Väsby kommun och Falu kommun samverkar med Lerums kommuns skolor.")
    assert found == {"Gnesta kommun": "municipality", "Upplands Väsby kommun": "municipality",
                     "Falu kommun": "municipality", "Lerums kommun": "municipality"}


def test_municipality_negatives(ek):
    assert actors(ek, "Varje kommun har ansvar. Alla kommuner i Sörmland. Sörmlands kommuner deltar.") == {}


def test_universities(ek):
    found = actors(ek, "Forskare vid Högskolan i Halmstad, Umeå universitets forskningsprojekt, Luleå tekniska "
                       "universitet och Linnéuniversitetet samarbetar med Högskolan Dalarna.")
    assert found == {"Högskolan i Halmstad": "university", "Umeå universitet": "university",
                     "Luleå tekniska universitet": "university", "Linnéuniversitetet": "university",
                     "Högskolan Dalarna": "university"}


def test_university_negatives(ek):
    assert actors(ek, "Svenska universitet forskar. Universitetet i sig är inte målet. Alla högskolor deltar.") == {}


def test_rd_unit_long_and_short_forms_are_one_actor(ek):
    text = "Forskning och utveckling i Sörmland, FoUiS, driver projektet. FoUiS rapporterar till FoU i Sörmland."
    concepts, mentions, _ = entities.find(doc(text), ek, [])
    fou = [c for c in concepts if c.type == "actor"]
    assert len(fou) == 1 and fou[0].pref_label == "FoU i Sörmland" and fou[0].kind == "rd_unit"
    assert {"FoUiS", "Forskning och utveckling i Sörmland"} <= set(fou[0].labels)
    assert len([m for m in mentions if m.concept == fou[0].iri]) == 3


def test_care_units_and_their_places(ek):
    text = ("Borgholms Hälsocentral har ett nytt arbetssätt. Björnlunda hemtjänst vill minska ensamheten. "
            "Patienter från Vårdcentralen Skärholmen remitteras till Hallands sjukhus.")
    assert actors(ek, text) == {"Borgholms Hälsocentral": "care_unit", "Björnlunda hemtjänst": "care_unit",
                                "Vårdcentralen Skärholmen": "care_unit", "Hallands sjukhus": "care_unit"}
    assert {"Borgholm", "Björnlunda", "Skärholmen", "Halland"} <= places(ek, text)


def test_care_unit_negatives(ek):
    text = "Kommunal hemtjänst och privat hemtjänst. Hitta vårdcentral nära dig. Vår vårdcentral har öppet."
    assert actors(ek, text) == {}


def test_foundations(ek):
    found = actors(ek, "Southcentral Foundation Alaska har ett arbetssätt. Stiftelsen Silviahemmet utbildar.")
    assert found == {"Southcentral Foundation Alaska": "foundation", "Stiftelsen Silviahemmet": "foundation"}
    assert "Alaska" in places(ek, "Southcentral Foundation Alaska har ett arbetssätt.")


def test_agencies_known_and_discovered(ek):
    found = actors(ek, "Enligt Socialstyrelsen och Arbetsmiljöverket ska Tillväxtmyndigheten bidra.")
    assert found == {"Socialstyrelsen": "agency", "Arbetsmiljöverket": "agency", "Tillväxtmyndigheten": "agency"}
    assert actors(ek, "Myndigheten ska bidra. Verket har ansvar.") == {}


def test_bodies_defined_with_an_abbreviation(ek):
    for text in ("Den antogs av ledande politiker i KRF (kommun- och regionledningsforum) i november.",
                 "Den antogs av ledande politiker i kommun- och regionledningsforum (KRF) i november."):
        concepts, _m, _r = entities.find(doc(text + " KRF möts varje månad."), ek, [])
        krf = [c for c in concepts if c.type == "actor"]
        assert len(krf) == 1 and krf[0].kind == "political_body", text
        assert {"KRF", "kommun- och regionledningsforum"} <= {krf[0].pref_label, *krf[0].labels}


def test_abbreviation_of_a_method_is_not_an_actor(ek):
    assert actors(ek, "Vi använder IBIC (Individens behov i centrum) och KTC – Kliniskt träningscentrum.") == {}


def test_named_unit_at_a_university(ek):
    text = "Målbilden har tagits fram med stöd av Leap for Life vid Högskolan i Halmstad."
    concepts, _m, relations = entities.find(doc(text), ek, [])
    names = {c.iri: c.pref_label for c in concepts}
    assert {"Leap for Life", "Högskolan i Halmstad"} <= set(names.values())
    assert ("Leap for Life", "memberOf", "Högskolan i Halmstad") in {
        (names.get(r.subject), r.predicate, names.get(r.object)) for r in relations}


def test_agents_and_partners(ek):
    assert actors(ek, "Planen har tagits fram av Västkom och regionen.") == {"Västkom": "organisation"}
    assert actors(ek, "Arbetet sker i samarbete med Famna.") == {"Famna": "association"}
    assert actors(ek, "Det har tagits fram av Nära vård-gruppen.") == {}


def test_bodies_by_head_word(ek):
    found = actors(ek, "Kommunförbundet Skåne och Chefsnätverket för vård och omsorg deltar. "
                       "Glesbygdsmedicinskt centrum utbildar läkare.")
    assert found == {"Kommunförbundet Skåne": "association", "Chefsnätverket för vård och omsorg": "organisation",
                     "Glesbygdsmedicinskt centrum": "organisation"}
    assert actors(ek, "Rådet träffas i maj. Kommunstyrelsen beslutade. Nätverket växer.") == {}


def test_persons_with_roles(ek):
    text = "Utifrån förslagen fick den särskilda utredaren Anna Nergårdh i uppdrag att stödja arbetet."
    concepts, _m, relations = entities.find(doc(text), ek, [])
    person = next(c for c in concepts if c.kind == "person")
    assert person.pref_label == "Anna Nergårdh"
    assert [(r.predicate, r.object) for r in relations if r.subject == person.iri] == [
        ("hasRole", "särskilda utredaren")]


def test_person_in_a_contact_block(ek):
    text = "# Informationsansvarig\n\n- Lisbeth Löpare Johansson\n\nKonsult"
    assert actors(ek, text) == {"Lisbeth Löpare Johansson": "person"}
    text = "# Kontakt\n\nPer Holm\n\nHandläggare"
    assert actors(ek, text) == {"Per Holm": "person"}


def test_person_negatives(ek):
    assert actors(ek, "Per år kommer många patienter. Bo Hemma är en tjänst. Liv Och Hälsa.") == {}


def test_surname_alone_after_the_full_name_is_the_same_person(ek):
    text = "Maria Lindqvist leder arbetet. Enligt Lindqvist går det bra."
    concepts, mentions, _ = entities.find(doc(text), ek, [])
    person = [c for c in concepts if c.type == "actor"]
    assert len(person) == 1
    assert [m.surface for m in mentions if m.concept == person[0].iri] == ["Maria Lindqvist", "Lindqvist"]


def test_taken_spans_are_left_to_the_thesaurus(ek):
    text = "Region Halland samverkar."
    concepts, _m, _r = entities.find(doc(text), ek, [(0, len("Region Halland"))])
    assert [c.pref_label for c in concepts] == ["Halland"]  # the place in the name is still found


def test_committees_and_associations_named_with_a_compound(ek):
    found = actors(ek, "Beslutet togs av Hälso- och sjukvårdsnämnden. Gotlands hälso- och sjukvårdsförening deltar.")
    assert found == {"Hälso- och sjukvårdsnämnden": "political_body",
                     "Gotlands hälso- och sjukvårdsförening": "association"}
    assert actors(ek, "Varje region har en hälso- och sjukvårdsnämnd. Socialnämnden beslutade.") == {}


def test_name_explained_by_an_apposition(ek):
    found = actors(ek, "Qulturum, Region Jönköpings läns centrum för utveckling, samordnar arbetet.")
    assert found["Qulturum"] == "organisation" and "Region Jönköpings län" in found
    assert not any("centrum för utveckling" in name for name in found)


def test_english_names_with_a_leading_sentence_word(ek):
    assert actors(ek, "Även The King's Fund i London har skrivit om detta.") == {"The King's Fund": "organisation"}


def test_companies(ek):
    assert actors(ek, "I Norrtälje ansvarar Tiohundra AB för vård och omsorg.") == {"Tiohundra AB": "company"}


def test_given_names_that_are_words_only_mid_sentence(ek):
    assert actors(ek, "Kontakt: Göran Henriks, chef för lärande.") == {"Göran Henriks": "person"}
    assert actors(ek, "Enligt Per Eriksson (M) behövs fler vårdgivare.") == {"Per Eriksson": "person"}
    assert actors(ek, "Dag Efter Dag är ett projekt.") == {}


def test_a_surname_that_is_a_place_is_no_place(ek):
    concepts, _m, _r = entities.find(doc("Ordförande Anna Lund (S) betonade kontinuiteten."), ek, [])
    assert [(c.type, c.pref_label) for c in concepts] == [("actor", "Anna Lund")]


def test_persons_known_by_context_when_the_given_name_is_not_listed(ek):
    text = ("– Listan är viktig, säger Annemieke Ålenius, generaldirektör för E-hälsomyndigheten. "
            "Enligt Region Skåne går det bra.")
    found = actors(ek, text)
    assert found["Annemieke Ålenius"] == "person" and "Region Skåne" in found
    assert actors(ek, "Det menar Socialstyrelsen.") == {"Socialstyrelsen": "agency"}


def test_funders_as_agents(ek):
    assert actors(ek, "Projektet finansierades av Europeiska socialfonden och leddes av Famna.") == {
        "Europeiska socialfonden": "organisation", "Famna": "association"}


def test_organisation_introduced_by_its_kind(ek):
    assert actors(ek, "I Nederländerna har organisationen Omtankeriet har visat vägen.") == {"Omtankeriet": "organisation"}
    assert actors(ek, "Region Halland har samarbetat med Cambio.")["Cambio"] == "organisation"


def test_hospital_with_its_town(ek):
    assert actors(ek, "Färre besök på Centrallasarettet Växjö.") == {"Centrallasarettet Växjö": "care_unit"}
    assert places(ek, "Falu lasarett är länets akutsjukhus.") == {"Falun"}


def test_agency_named_for_its_field_ends_where_the_sentence_goes_on(ek):
    found = actors(ek, "Enligt Socialstyrelsen och Myndigheten för vård- och omsorgsanalys behöver uppföljningen utvecklas.")
    assert found == {"Socialstyrelsen": "agency", "Myndigheten för vård- och omsorgsanalys": "agency"}
    assert "Myndigheten för samhällsskydd och beredskap" in actors(ek, "Det visar Myndigheten för samhällsskydd och beredskap i "
                                                                    "en rapport.")
    assert "Myndigheten för digital förvaltning" in actors(ek, "Myndigheten för digital förvaltning stöder regionerna.")
    assert actors(ek, "Myndigheten för vård- ") == {}


def test_bodies_named_with_adjectives_inside_a_sentence(ek):
    assert actors(ek, "Planen togs fram inom Regional samverkansgrupp vård och omsorg.") == {
        "Regional samverkansgrupp vård och omsorg": "organisation"}
    assert actors(ek, "Den antogs av Regionalt politiskt samverkansforum i december.") == {
        "Regionalt politiskt samverkansforum": "political_body"}
    assert actors(ek, "Arbetet leds av Länsgemensam ledning i samverkan och bygger på Esther.") == {
        "Länsgemensam ledning i samverkan": "political_body"}
    assert actors(ek, "Regional samverkan behövs. En lokal samverkansgrupp finns i varje kommun.") == {}


def test_county_associations_area_bodies_and_own_committees(ek):
    assert actors(ek, "Norrbottens Kommuner och Region Norrbotten har tecknat ett avtal.") == {
        "Norrbottens Kommuner": "association", "Region Norrbotten": "region"}
    assert actors(ek, "Dalarnas kommuner arbetar tillsammans.") == {}
    assert actors(ek, "Arbetet görs på uppdrag av Vårdsamverkan Skaraborg.")["Vårdsamverkan Skaraborg"] == "organisation"
    assert "Vårdsamverkan" not in str(actors(ek, "Vårdsamverkan är viktig för alla."))
    found = actors(ek, "– Det är viktigt, säger Marie Morell, ordförande i SKR:s sjukvårdsdelegation.")
    assert found["SKR:s sjukvårdsdelegation"] == "political_body" and found["Marie Morell"] == "person"
    assert actors(ek, "Hon är ordförande i Annas styrelse.") == {}


def test_partners_named_by_abbreviation(ek):
    assert actors(ek, "Under 2022 antog VGR och VästKom en färdplan.")["VästKom"] == "organisation"
    assert actors(ek, "Under 2022 antog regionen och VästKom en färdplan.") == {}


def test_politicians_by_party_and_organisations_after_a_role(ek):
    found = actors(ek, "– Vi måste flytta vården, säger Aida Hadzialic (S), hälso- och sjukvårdsregionråd.")
    assert found == {"Aida Hadzialic": "person"}
    concepts, mentions, relations = entities.find(doc(
        "Qulturum följer upp arbetet.\n\nKontakt: Jenny Fridh, utvecklingsledare, Qulturum"), ek, [])
    qulturum = next(c for c in concepts if c.pref_label == "Qulturum")
    assert qulturum.kind == "organisation" and len([m for m in mentions if m.concept == qulturum.iri]) == 2
    assert any(r.predicate == "memberOf" and r.object == qulturum.iri for r in relations)
    assert actors(ek, "Kontakt: Jenny Fridh, utvecklingsledare, Falun") == {"Jenny Fridh": "person"}


def test_districts_in_care_unit_names_and_units_named_after_a_county(ek):
    assert actors(ek, "I Sala har Vårdcentralen Sala Väsby startat ett team.") == {"Vårdcentralen Sala Väsby": "care_unit"}
    assert actors(ek, "Vårdcentralen Sala Region Västmanland svarar.")["Vårdcentralen Sala"] == "care_unit"
    assert "FoU Välfärd Örebro län" in actors(ek, "Målbilden följs upp av FoU Välfärd Örebro län tillsammans med andra.")
    found = actors(ek, "FoU Välfärd Region Gävleborg följer upp färdplanen.")
    assert found == {"FoU Välfärd": "rd_unit", "Region Gävleborg": "region"}


def test_a_centre_without_a_field_or_place_is_a_building(ek):
    assert actors(ek, "Bussar från Resecentrum till Ersboda går ofta.") == {}
    assert "Kunskapscentrum för nära vård" in actors(ek, "Det leds av Kunskapscentrum för nära vård sedan i år.")


def test_national_and_regional_centres_are_bodies_rooms_and_town_centres_are_not(ek):
    assert actors(ek, "Riktlinjerna togs fram tillsammans med Svenskt demenscentrum och Karolinska Institutet.")[
        "Svenskt demenscentrum"] == "organisation"
    assert actors(ek, "Nu är kommunens Kliniskt träningscentrum invigt.") == {}
    assert actors(ek, "Vi träffas i Kiruna centrum på lördag.") == {}


def test_committee_of_an_organisation_named_with_several_words(ek):
    found = actors(ek, "Du kan lämna synpunkter till Region Norrbottens patientnämnd.")
    assert found["Region Norrbottens patientnämnd"] == "political_body"
    assert actors(ek, "Du kan vända dig till Norrbottens patientnämnd.") == {}


def test_organisation_named_for_its_field_and_area(ek):
    found = actors(ek, "Den togs fram tillsammans med Kommunal utveckling i Kronoberg och Linnéuniversitetet.")
    assert found["Kommunal utveckling i Kronoberg"] == "organisation"
    assert "Kommunal utveckling i vården" not in actors(ek, "Det skedde tillsammans med Kommunal utveckling i vården.")
