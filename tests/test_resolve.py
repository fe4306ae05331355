"""Entity resolution: one concept per real thing in a document."""

from __future__ import annotations

from pipeline.extract.resolve import initials, is_abbreviation, merge
from pipeline.types import Concept, Mention

A = "https://w3id.org/naravard/concept/actor/"
R = "https://w3id.org/naravard/concept/report/"
P = "https://w3id.org/naravard/concept/place/"


def c(iri, type_, pref, *labels, kind=None, thesaurus=False):
    return Concept(iri=iri, type=type_, pref_label=pref, labels=labels, kind=kind, in_thesaurus=thesaurus)


def m(iri, start, surface, extractor="actors"):
    return Mention(iri, start, start + len(surface), surface, extractor)


def test_abbreviation_and_full_name_merge_into_the_thesaurus_concept():
    skr = c(A + "sveriges-kommuner-och-regioner", "actor", "Sveriges Kommuner och Regioner", "SKR",
            "Sveriges Kommuner och Landsting", thesaurus=True)
    minted = c(A + "skl", "actor", "SKL", kind="organisation")
    full = c(A + "sveriges-kommuner-och-landsting", "actor", "Sveriges Kommuner och Landsting")
    concepts, mentions = merge([full, minted, skr], [m(full.iri, 0, "Sveriges Kommuner och Landsting"),
                                                     m(minted.iri, 40, "SKL"), m(skr.iri, 80, "SKR")])
    assert [x.iri for x in concepts] == [skr.iri]
    assert {"SKL", "SKR", "Sveriges Kommuner och Landsting"} <= set(concepts[0].labels)
    assert {x.concept for x in mentions} == {skr.iri} and len(mentions) == 3


def test_defined_abbreviation_merges_by_initials():
    fou = c(A + "fou-i-sormland", "actor", "FoU i Sörmland", kind="rd_unit")
    abbr = c(A + "fouis", "actor", "FoUiS", kind="organisation")
    concepts, _ = merge([fou, abbr], [m(fou.iri, 0, "FoU i Sörmland"), m(abbr.iri, 30, "FoUiS")])
    assert [x.pref_label for x in concepts] == ["FoU i Sörmland"] and "FoUiS" in concepts[0].labels


def test_initials():
    assert "skr" in initials("Sveriges Kommuner och Regioner")
    assert "fouis" in initials("FoU i Sörmland")
    assert is_abbreviation("FoUiS") and is_abbreviation("KRF") and not is_abbreviation("Region")


def test_genitive_labels_merge():
    a = c(A + "region-halland", "actor", "Region Halland", thesaurus=True)
    b = c(A + "region-hallands", "actor", "Region Hallands")
    concepts, _ = merge([a, b], [m(a.iri, 0, "Region Halland"), m(b.iri, 20, "Region Hallands")])
    assert [x.iri for x in concepts] == [a.iri]


def test_report_titles_with_other_dashes_and_capitals_merge():
    a = c(R + "x1", "report", "God och nära vård – En primärvårdsreform", kind="sou")
    b = c(R + "x2", "report", "God och Nära Vård - En primärvårdsreform 2018 (regeringen.se)", kind="publication")
    concepts, mentions = merge([a, b], [m(a.iri, 0, "God och nära vård – En primärvårdsreform", "reports"),
                                        m(b.iri, 60, "God och Nära Vård - En primärvårdsreform", "reports")])
    assert len(concepts) == 1 and {x.concept for x in mentions} == {a.iri}


def test_a_documents_malbilder_are_one():
    a = c(R + "omtanke-halland", "report", "Omtanke Halland", kind="malbild")
    b = c(R + "malbild-god-och-nara-vard", "report", "Målbild god och nära vård", kind="malbild")
    concepts, _ = merge([a, b], [m(a.iri, 0, "Omtanke Halland", "reports"), m(b.iri, 50, "Målbild", "reports")])
    assert [x.pref_label for x in concepts] == ["Omtanke Halland"]


def test_place_and_organisation_never_merge():
    place = c(P + "halland", "region", "Halland", "Hallands län", thesaurus=True)
    org = c(A + "region-halland", "actor", "Region Halland", "Halland", thesaurus=True)
    concepts, _ = merge([place, org], [m(place.iri, 0, "Halland"), m(org.iri, 10, "Region Halland")])
    assert len(concepts) == 2


def test_weak_evidence_is_dropped():
    vara = c(P + "vara", "region", "Vara", thesaurus=True)
    effektiv = c(R + "sou-2016-2", "report", "Effektiv vård", "SOU 2016:2", thesaurus=True)
    regeringen = c(A + "regeringen", "actor", "Regeringen", "Sveriges regering", thesaurus=True)
    concepts, mentions = merge([vara, effektiv, regeringen], [
        m(vara.iri, 0, "vara", "thesaurus"), m(effektiv.iri, 10, "Effektiv vård", "thesaurus"),
        m(regeringen.iri, 30, "regeringen", "thesaurus")])
    assert [x.iri for x in concepts] == [regeringen.iri]
    assert [x.concept for x in mentions] == [regeringen.iri]


def test_known_report_with_cue_evidence_is_kept():
    effektiv = c(R + "sou-2016-2", "report", "Effektiv vård", thesaurus=True)
    concepts, _ = merge([effektiv], [m(effektiv.iri, 10, "Effektiv vård", "thesaurus"),
                                     m(effektiv.iri, 10, "Effektiv vård", "reports.cue")])
    assert len(concepts) == 1


def test_mentions_are_deduplicated_after_repointing():
    a = c(A + "skr", "actor", "SKR", thesaurus=True)
    b = c(A + "skr-2", "actor", "SKR")
    concepts, mentions = merge([a, b], [m(a.iri, 0, "SKR"), m(b.iri, 0, "SKR")])
    assert len(concepts) == 1 and len(mentions) == 1


def test_place_inside_a_persons_name_is_dropped():
    person = c(A + "anna-lund", "actor", "Anna Lund", kind="person")
    lund = c(P + "lund", "region", "Lund", thesaurus=True)
    concepts, mentions = merge([person, lund], [m(person.iri, 0, "Anna Lund", "persons"),
                                                m(lund.iri, 5, "Lund", "thesaurus")])
    assert [x.iri for x in concepts] == [person.iri] and len(mentions) == 1


def test_hidden_labels_count_for_merging_but_are_not_shown():
    dep = c(A + "socialdepartementet", "actor", "Socialdepartementet", kind="government", thesaurus=True)
    genitive = c(A + "socialdepartementets", "actor", "Socialdepartementets", kind="government")
    mentions = [m(dep.iri, 0, "Socialdepartementet"), m(genitive.iri, 40, "Socialdepartementets")]
    assert len(merge([dep, genitive], mentions)[0]) == 2  # a one-word genitive is not folded on its own
    concepts, merged = merge([dep, genitive], mentions, {dep.iri: ("Socialdepartementets",)})
    assert [x.iri for x in concepts] == [dep.iri] and {x.concept for x in merged} == {dep.iri}
    assert "Socialdepartementets" in concepts[0].labels  # the minted concept's own label, not the alias


def test_merge_map_tells_where_each_concept_went():
    from pipeline.extract.resolve import merge_map

    full = c(A + "skr", "actor", "Sveriges Kommuner och Regioner", "SKR", thesaurus=True)
    abbr = c(A + "skr-2", "actor", "SKR")
    weak = c(P + "vara", "region", "Vara")
    _concepts, _mentions, where = merge_map([full, abbr, weak], [m(full.iri, 0, "Sveriges Kommuner och Regioner"),
                                                                  m(abbr.iri, 40, "SKR"), m(weak.iri, 60, "vara")])
    assert where == {full.iri: full.iri, abbr.iri: full.iri}  # the weak place was dropped
