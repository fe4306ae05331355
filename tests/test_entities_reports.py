"""Report patterns and title resolution: numbers, cue words, quotes, agreements, linked documents."""

from __future__ import annotations

import pytest
from entities_support import doc

from pipeline.extract import entities
from pipeline.extract.titles import clean_title, title_extent, title_key
from pipeline.settings import Settings

BASE = "https://w3id.org/naravard/concept/report/"


@pytest.fixture(scope="module")
def ek():
    return entities.load(Settings())


def reports(ek, text: str, **kw) -> dict[str, tuple[str, str]]:
    """pref label -> (kind, IRI) of every report found."""
    concepts, _m, _r = entities.find(doc(text, **kw), ek, [])
    return {c.pref_label: (c.kind, c.iri) for c in concepts if c.type == "report"}


@pytest.mark.parametrize("raw, key", [
    ("Delbetänkande God och Nära Vård - En primärvårdsreform 2018 (regeringen.se)",
     "god och nära vård - en primärvårdsreform"),
    ("God och nära vård – En primärvårdsreform", "god och nära vård - en primärvårdsreform"),
    ("Målbild god och nära vård - kortversion (PDF)", "målbild god och nära vård"),
    ("Överenskommelse om en God och nära vård | SKR", "överenskommelse om god och nära vård"),
    ("överenskommelse avseende God och nära vård", "överenskommelse om god och nära vård"),
    ("Publikation: Nära vård i Borgholm", "nära vård i borgholm"),
])
def test_title_keys_fold_spellings(raw, key):
    assert title_key(raw) == key


def test_clean_title_keeps_a_year_that_is_the_title():
    assert clean_title("Målbild 2030") == "Målbild 2030"
    assert clean_title("Handlingsplan för nära vård 2023–2026 (PDF, 1 MB)") == "Handlingsplan för nära vård"
    assert clean_title("God och nära vård - Vård i samverkan 2019 (regeringen.se)") == "God och nära vård - Vård i samverkan"


def test_title_extent_uses_headings_then_stops_at_a_verb():
    text = "I skriften Nära vård i Ängelholm kan du läsa om teamen."
    assert text[11:title_extent(text, 11, len(text), ["Nära vård i Ängelholm"])] == "Nära vård i Ängelholm"
    assert text[11:title_extent(text, 11, len(text), [])] == "Nära vård i Ängelholm"
    text = "I rapporten Vården ur befolkningens perspektiv redovisas resultaten."
    assert text[12:title_extent(text, 12, len(text), [])] == "Vården ur befolkningens perspektiv"


def test_numbers_resolve_to_known_reports(ek):
    found = reports(ek, "Se SOU 2020:19, prop. 2019/20:164 och Ds 2019:7.")
    assert found["God och nära vård – En reform för ett hållbart hälso- och sjukvårdssystem"] == (
        "sou", BASE + "sou-2020-19")
    assert found["Inriktningen för en nära och tillgänglig vård – en primärvårdsreform"][1] == BASE + "prop-2019-20-164"
    assert found["Ds 2019:7"] == ("ds", BASE + "ds-2019-7")


def test_betankanden_with_dashes_capitals_and_suffixes_resolve(ek):
    text = ("Delbetänkande God och Nära Vård - En primärvårdsreform 2018 (regeringen.se)\n\n"
            "Slutbetänkande God och Nära Vård - En reform för ett hållbart hälso- och sjukvårdssystem 2020\n\n"
            "I delbetänkandet God och nära vård – En primärvårdsreform föreslås en reform.")
    found = reports(ek, text)
    assert {iri for _k, iri in found.values()} == {BASE + "sou-2018-39", BASE + "sou-2020-19"}


def test_title_and_number_in_parentheses_are_one_report(ek):
    found = reports(ek, "Enligt utredningen Effektiv vård (SOU 2016:2) behövs en omställning.")
    assert list(found.values()) == [("sou", BASE + "sou-2016-2")]


def test_a_common_phrase_is_no_report(ek):
    assert reports(ek, "Vi vill ha en modern, tillgänglig och effektiv vård. God och nära vård är målet.") == {}


def test_quoted_titles_after_cues(ek):
    found = reports(ek, 'Statens utredning "God och nära vård" beskriver behovet. Målbilden ”Omtanke Halland” antogs.')
    assert found["Samordnad utveckling för god och nära vård"][1] == BASE + "s-2017-01"
    assert found["Omtanke Halland"][0] == "malbild"


def test_publication_lines_and_the_title_in_running_text(ek):
    text = ("I skriften Nära vård i Ängelholm kan du läsa om teamen.\n\n"
            "Publikation: Nära vård i Ängelholm\n\n"
            "Publikation: Nära vård i Borgholm (Borgholmsmodellen)")
    concepts, _m, _r = entities.find(doc(text), ek, [])
    found = {c.pref_label: c for c in concepts if c.type == "report"}
    assert set(found) == {"Nära vård i Ängelholm", "Nära vård i Borgholm"}
    assert "Borgholmsmodellen" in found["Nära vård i Borgholm"].labels


def test_agreements_in_two_wordings_are_one(ek):
    text = ("Sedan 2019 har SKR och regeringen tecknat en årlig överenskommelse avseende God och nära vård som "
            "bidrar med stöd. Överenskommelse om en God och nära vård | SKR")
    found = reports(ek, text)
    assert list(found.values()) == [("agreement", BASE + "overenskommelse-om-god-och-nara-vard")]


def test_malbild_named_and_linked_document_are_one(ek):
    text = ("Målbilden ”Omtanke Halland” definierar framgångsfaktorer.\n\n"
            "Målbild god och nära vård - kortversion (PDF)\n\nMålbild god och nära vård - kortversion (PowerPoint)")
    links = [("/a.pdf", "Målbild god och nära vård - kortversion (PDF)", True),
             ("/a.pptx", "Målbild god och nära vård - kortversion (PowerPoint)", True)]
    found = reports(ek, text, links=links)
    assert list(found) == ["Omtanke Halland"]


def test_announced_web_report_takes_the_following_link(ek):
    text = ("På Vården i siffror finns nära vård beskrivet i en särskild webbrapport med indikatorer. "
            "Omställningen till Nära vård, Vården i siffror")
    found = reports(ek, text, links=[("https://x.se/a", "Omställningen till Nära vård, Vården i siffror", False)])
    assert found == {"Omställningen till Nära vård": ("web_report", BASE + "omstallningen-till-nara-vard")}


def test_generic_document_links_are_not_reports(ek):
    text = "Läs mer (PDF)\n\nBlankett för ansökan (PDF)\n\nTaxor och avgifter 2024 (PDF)"
    links = [("/a.pdf", "Läs mer (PDF)", True), ("/b.pdf", "Blankett för ansökan (PDF)", True),
             ("/c.pdf", "Taxor och avgifter 2024 (PDF)", True)]
    assert reports(ek, text, links=links) == {}


def test_a_pdf_that_is_a_malbild(ek):
    text = "MÅLBILD NÄRA VÅRD I SÖRMLAND\n\nOm målbilden. Målbilden sträcker sig till 2035."
    found = reports(ek, text, title="Målbild Nära vård i Sörmland", media_type="application/pdf")
    assert [k for k, _i in found.values()] == ["malbild"]


def test_headings_that_only_look_like_titles_are_not_reports(ek):
    assert reports(ek, "# Nära vård i Alaska\n\nSouthcentral Foundation har ett arbetssätt.") == {}
    assert reports(ek, "Målbilden beskriver riktningen för omställningen.\n\nMålbildens ledord är:") == {}


def test_named_plans_on_a_cover_and_in_running_text(ek):
    text = ("Handlingsplan\n\nNära vård i Norrbotten 2024\n\n"
            "Planen följer upp Målbild Norrbotten 2030 som antogs hösten 2021.\n\n"
            "# Strategi för god och nära vård\n\nVi arbetar enligt strategin.")
    found = reports(ek, text)
    assert {k for k, _i in found.values()} == {"plan", "malbild"}
    assert "Målbild Norrbotten 2030" in found and "Handlingsplan Nära vård i Norrbotten" in found


def test_report_from_a_project(ek):
    found = reports(ek, "Rapport från projektet Trygg hemma i Hälsingland 2021–2023\n\nSammanfattning")
    assert [k for k, _i in found.values()] == ["report"]


def test_references_in_a_list_of_sources(ek):
    text = ("Socialstyrelsen (2022). Nationella riktlinjer för vård vid demenssjukdom.\n\n"
            "Vårdanalys (2021). Från mottagare till medskapare. Rapport 2021:3.")
    assert set(reports(ek, text)) == {"Nationella riktlinjer för vård vid demenssjukdom", "Från mottagare till medskapare"}


def test_the_agreement_between_state_and_skr_names_both(ek):
    text = "Projektet finansierades enligt överenskommelsen mellan staten och Sveriges Kommuner och Regioner."
    concepts, _m, _r = entities.find(doc(text), ek, [(text.index("överens"), len(text) - 1)])
    assert "Sveriges Kommuner och Regioner" in {c.pref_label for c in concepts}


def test_a_title_ends_before_the_organisation_it_comes_from(ek):
    assert set(reports(ek, "Läs mer i rapporten Nära vård i glesbygd från Glesbygdsmedicinskt centrum i Storuman.")) == {
        "Nära vård i glesbygd"}
    assert set(reports(ek, "I skriften Vård från början till slut beskrivs arbetet.")) == {"Vård från början till slut"}


def test_numbered_agency_reports(ek):
    assert set(reports(ek, "Vårdanalys rapport 2021:2 visar att många saknar fast läkarkontakt.")) == {"Vårdanalys rapport 2021:2"}
    assert set(reports(ek, "Det framgår av rapport 2020:5 från myndigheten.")) == {"Rapport 2020:5"}
    assert reports(ek, "Mötet hölls 2021:2 gånger.") == {}
    found = reports(ek, "Rapport 2023:4\n\nUppföljning av omställningen till en mer nära vård – En första delrapport\n\nText.")
    assert len({iri for _kind, iri in found.values()}) == 1


def test_plans_and_agreements_named_inside_a_sentence(ek):
    assert reports(ek, "Fullmäktige antog Handlingsplan för omställning till nära vård 2024–2026. Den gäller nu.") == {
        "Handlingsplan för omställning till nära vård": ("plan", BASE + "handlingsplan-for-omstallning-till-nara-vard")}
    assert set(reports(ek, "Arbetet följer Målbild för nära vård i Dalarna 2030, som alla har ställt sig bakom.")) == {
        "Målbild för nära vård i Dalarna"}
    assert set(reports(ek, "De har beslutat om Regional utvecklingsplan för nära vård 2023–2025.")) == {
        "Regional utvecklingsplan för nära vård"}
    assert set(reports(ek, "Parterna har tecknat Länsöverenskommelse om nära vård i Västmanland 2024–2027.")) == {
        "Länsöverenskommelse om nära vård i Västmanland"}
    assert set(reports(ek, "Kommunfullmäktige har antagit Äldreplan 2024–2030.")) == {"Äldreplan 2024–2030"}
    assert reports(ek, "Region Skånes handlingsplan för nära vård antogs. Vi tog fram en handlingsplan för vården.") == {}


def test_a_line_naming_a_document_by_its_file_type(ek):
    assert set(reports(ek, "Read more in English: Primary care in Uppsala County (PDF)")) == {"Primary care in Uppsala County"}
    assert set(reports(ek, "Nära vård – uppföljning av omställningen 2023 (pdf, 1,8 MB)")) == {
        "Nära vård – uppföljning av omställningen"}
    assert reports(ek, "Ladda ner rapporten (PDF, 2 MB)\n\nLäs handlingsplanen (PDF)") == {}


def test_a_document_is_the_report_its_first_heading_names_only_when_it_says_so(ek):
    text = "# Handlingsplan för nära vård 2024–2027\n\nDenna handlingsplan beskriver hur vi ska arbeta."
    assert set(reports(ek, text, title="Handlingsplan för nära vård 2024–2027")) == {"Handlingsplan för nära vård"}
    text = "# Strategi för nära vård\n\nRegionen antog strategin i fjol."
    assert reports(ek, text, title="Strategi för nära vård") == {}


def test_an_agreement_capitalised_inside_a_sentence_ends_before_its_parties(ek):
    text = ("Kommunstyrelsen föreslår att godkänna Överenskommelse om hälso- och sjukvård i hemmet mellan Region Skåne "
            "och kommunerna i Skåne 2024–2027.")
    assert set(reports(ek, text)) == {"Överenskommelse om hälso- och sjukvård i hemmet"}


def test_a_title_ends_where_a_second_phrase_begins(ek):
    text = "Strategin bygger på den nationella Överenskommelse om God och nära vård och på Vårdanalys rapport 2024:3."
    found = reports(ek, text)
    assert "Vårdanalys rapport 2024:3" in found and len(found) == 2


@pytest.mark.parametrize("tag", ["(regeringen.se)", "(PDF, 2 MB)"])
def test_a_cued_title_ends_at_its_link_tag_when_text_runs_on_after_it(ek, tag):
    title = "Rapport Nära vård i glesbygden 2021"
    text = f"{title} {tag} Den nära vården utgår från individens behov och förutsättningar i hela länet.\n"
    concepts, mentions, _r = entities.find(doc(text), ek, [])
    [report] = [c for c in concepts if c.type == "report"]
    assert report.pref_label == "Nära vård i glesbygden"
    [span] = [(m.start, m.end) for m in mentions if m.concept == report.iri]
    assert text[span[0]:span[1]] == f"{title} {tag}"
