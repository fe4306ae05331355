"""Shifts: "från X till Y" in sentences, list items, lead-ins, tables and diagrams; and what is not a shift."""

import pytest

from pipeline import iri
from pipeline.extract import load_knowledge
from pipeline.extract.shifts import find_shifts
from pipeline.parse.builder import DocumentBuilder
from pipeline.types import Metadata

THESAURUS_SHIFT = iri.concept("shift", "reaktiv-till-proaktiv")
ORG_TO_PERSON = iri.concept("shift", "organisation-till-person-och-relation")
PASSIVE_TO_ACTIVE = iri.concept("shift", "passiva-mottagare-till-aktiva-medskapare")
ILLNESS_TO_HEALTH = iri.concept("shift", "sjukdom-till-halsa")


@pytest.fixture(scope="module")
def index():
    return load_knowledge().shifts


def doc(*blocks, pairs=()):
    b = DocumentBuilder()
    for kind, text in blocks:
        b.add(kind, text)
    for left, right in pairs:
        b.pair(left, right)
    return b.build(location="test.txt", media_type="text/plain", sha256="0" * 64, metadata=Metadata())


def shifts_of(document, index):
    result = find_shifts(document, index)
    out = []
    for m in result.mentions:
        assert document.text[m.start:m.end] == m.surface
        out.append((m.concept, m.surface))
    return result, out


def test_list_items_resolve_to_thesaurus_shifts(index):
    d = doc(("paragraph", "Omställningen innebär en förflyttning:"),
            ("list_item", "Från fokus på organisationen till fokus på personen och relationen"),
            ("list_item", "från invånare och patienter som passiva mottagare till aktiva medskapare."),
            ("list_item", "Från reaktivt till proaktivt och hälsofrämjande"))
    _, found = shifts_of(d, index)
    assert [c for c, _ in found] == [ORG_TO_PERSON, PASSIVE_TO_ACTIVE, THESAURUS_SHIFT]
    assert found[1][1] == "från invånare och patienter som passiva mottagare till aktiva medskapare"


def test_one_side_may_match_in_part_when_the_other_matches_well(index):
    d = doc(("paragraph", "Förflyttningen innebär att vi går från att se patienten som mottagare av vård till att se "
                          "personen som en aktiv partner."),
            ("paragraph", "Förflyttningen innebär att vi går från sjukdom till aktiv partner."))
    result, found = shifts_of(d, index)
    assert found[0][0] == PASSIVE_TO_ACTIVE
    assert found[1][0] != PASSIVE_TO_ACTIVE and len(result.concepts) == 1


def test_sentence_with_a_cue(index):
    d = doc(("paragraph", "Det handlar om att byta fokus från sjukdom och behandling till hälsofrämjande och "
                          "förebyggande insatser. Det tar tid."))
    _, found = shifts_of(d, index)
    assert found == [(ILLNESS_TO_HEALTH, "från sjukdom och behandling till hälsofrämjande och förebyggande insatser")]


def test_new_shift_is_discovered_with_minted_iri_and_states(index):
    d = doc(("paragraph", "Förflyttningen går från kortsiktiga projekt till långsiktiga strukturer, vilket tar tid."))
    result, found = shifts_of(d, index)
    [concept] = result.concepts
    assert concept.pref_label == "från kortsiktiga projekt till långsiktiga strukturer"
    assert concept.iri.startswith(iri.concept("shift", "x")[:-1]) and not concept.in_thesaurus
    assert found == [(concept.iri, "från kortsiktiga projekt till långsiktiga strukturer")]
    states = {(r.predicate, r.object) for r in result.relations}
    assert states == {("fromState", "kortsiktiga projekt"), ("toState", "långsiktiga strukturer")}


def test_lead_in_with_fran_and_items_reading_x_till_y(index):
    d = doc(("paragraph", "I Västerbotten behöver vi gå från:"),
            ("list_item", "passiva mottagare till aktiva medskapare"),
            ("list_item", "projekt och piloter till en ny vardag – det som fungerar sprids till alla"),
            ("paragraph", "Det här gäller alla."))
    result, found = shifts_of(d, index)
    assert [c for c, _ in found][0] == PASSIVE_TO_ACTIVE
    assert found[1][1] == "projekt och piloter till en ny vardag"
    assert result.concepts[0].pref_label == "från projekt och piloter till ny vardag"


def test_diagram_pairs_from_the_parser(index):
    d = doc(("heading", "Förflyttningar"), pairs=[("Organisation", "Person och relation"),
                                                   ("Passiv mottagare", "Aktiv medskapare"),
                                                   ("Silotänkande", "Helhetssyn")])
    result, found = shifts_of(d, index)
    assert [c for c, _ in found][:2] == [ORG_TO_PERSON, PASSIVE_TO_ACTIVE]
    assert result.concepts[0].pref_label == "från silotänkande till helhetssyn"


def test_flattened_diagram_of_short_blocks_resolves_known_shifts_only(index):
    d = doc(("paragraph", "Reaktiv"), ("paragraph", "Proaktiv och hälsofrämjande"),
            ("paragraph", "Snabb"), ("paragraph", "Långsam"))
    _, found = shifts_of(d, index)
    assert found == [(THESAURUS_SHIFT, "Reaktiv\n\nProaktiv och hälsofrämjande")]


def test_arrow_blocks_and_tables(index):
    d = doc(("paragraph", "Sjukdomsfokus => Hälsofokus"),
            ("table_row", "Från | Till"), ("table_row", "Passiv mottagare | Aktiv medskapare"))
    _, found = shifts_of(d, index)
    assert [c for c, _ in found] == [ILLNESS_TO_HEALTH, PASSIVE_TO_ACTIVE]


def test_table_with_today_and_future_columns(index):
    d = doc(("table_row", "Område | I dag | I framtiden"),
            ("table_row", "Arbetssätt | Reaktivt | Proaktivt och hälsofrämjande"),
            ("table_row", "Roller | Ensamarbete | Teamarbete"),
            ("paragraph", "Slut."), ("table_row", "Ensam | Tillsammans"))
    _, found = shifts_of(d, index)
    assert found == [(THESAURUS_SHIFT, "Reaktivt | Proaktivt och hälsofrämjande"),
                     (iri.concept("shift", "ensamarbete-till-team"), "Ensamarbete | Teamarbete")]


def test_same_shift_stated_twice_is_one_concept(index):
    d = doc(("list_item", "från stuprör till helhet"), ("paragraph", "Vi går från stuprören till en helhet."),
            pairs=[("Stuprör", "Helhet")])
    result, found = shifts_of(d, index)
    assert len(result.concepts) == 1 and len(found) == 3
    assert {c for c, _ in found} == {result.concepts[0].iri}


@pytest.mark.parametrize("text", [
    "Från och med den 1 mars gäller nya taxor för hemtjänsten.",
    "Mottagningen har öppet från måndag till fredag.",
    "Utbildningen pågår från januari till mars och fokus ligger på bemötande.",
    "Omställningen pågår från 2020 till 2027.",
    "Bussarna går från Resecentrum till Ersboda, så du byter fokus lätt.",
    "Nu går vi från ord till handling.",
    "Satsningar – från några till alla",
    "Hemsjukvården flyttades från regionerna till kommunerna.",
    "Patienten skrivs ut från avdelningen till korttidsboendet.",
])
def test_not_shifts(index, text):
    result, found = shifts_of(doc(("paragraph", text)), index)
    assert found == [] and result.concepts == ()


def test_quoted_questions_inside_states(index):
    d = doc(("paragraph", 'Samtalet ska gå från "Vad är fel med dig?" till "Vad är viktigt för dig?" i hela länet.'))
    _, found = shifts_of(d, index)
    assert [c for c, _ in found] == [iri.concept("shift", "vad-ar-fel-till-vad-ar-viktigt")]


def test_heading_naming_shifts_introduces_items_reading_x_till_y(index):
    d = doc(("heading", "Tre förflyttningar"), ("list_item", "Reaktivt arbetssätt till proaktivt arbetssätt"),
            ("list_item", "Enskilda yrkesroller till arbete i team"))
    _, found = shifts_of(d, index)
    assert [c for c, _ in found] == [THESAURUS_SHIFT, iri.concept("shift", "ensamarbete-till-team")]


def test_a_long_till_state_is_cut_at_the_finite_verb_a_short_one_is_kept(index):
    d = doc(("paragraph", "Förflyttningen från en sjukhusorienterad vård till en vård med primärvården som nav "
                          "har kommit olika långt i landet."),
            ("paragraph", "Vården ska förflyttas från en vårdgivarcentrerad organisation till ett arbetssätt där "
                          "invånaren är medskapare."))
    result, _ = shifts_of(d, index)
    assert [c.pref_label for c in result.concepts] == [
        "från sjukhusorienterad vård till vård med primärvården som nav",
        "från vårdgivarcentrerad organisation till arbetssätt där invånaren är medskapare"]


@pytest.mark.parametrize("text", [
    "Fokus är att nå alla, allt från barn till äldre.",
    "Omställningen berör oss alla. Remissen skickas från vårdcentralen till sjukhuset.",
    "I omställningen ska information kunna skickas snabbt och säkert mellan olika vårdgivare och "
    "journalsystem från vårdcentralen till sjukhuset.",
])
def test_ranges_and_far_away_cues_are_not_shifts(index, text):
    result, found = shifts_of(doc(("paragraph", text)), index)
    assert found == [] and result.concepts == ()


def test_lines_of_cells_in_a_text_without_table_markup(index):
    d = doc(("paragraph", "Från | Till"), ("paragraph", "Sjukdomsfokus | Hälsofokus"),
            ("paragraph", "Passiv mottagare | Aktiv medskapare"), ("paragraph", "Region Dalarna | Målbild 2030 Sida 2 av 6"))
    _, found = shifts_of(d, index)
    assert [c for c, _ in found] == [ILLNESS_TO_HEALTH, PASSIVE_TO_ACTIVE]
    d = doc(("paragraph", "Region Dalarna | Sida 2 av 6"), ("paragraph", "Vårdgivarens perspektiv | Invånarens perspektiv"))
    assert shifts_of(d, index)[1] == []


def test_moving_care_from_one_place_to_another_is_a_shift(index):
    d = doc(("paragraph", "Därför behöver vi flytta vården från sjukhuset till hälsocentralen och hemmet."))
    _, found = shifts_of(d, index)
    assert [s for _, s in found] == ["från sjukhuset till hälsocentralen och hemmet"]
    assert shifts_of(doc(("paragraph", "Familjen ska flytta från lägenheten till ett hus.")), index)[1] == []
