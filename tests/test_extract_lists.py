"""Goal areas, focus areas, success factors and driving forces named by lists under a lead-in."""

from pipeline.extract.lists import find_listed
from pipeline.parse.builder import DocumentBuilder
from pipeline.types import Metadata


def doc(*blocks):
    b = DocumentBuilder()
    for kind, text, *level in blocks:
        b.add(kind, text, level=level[0] if level else 0)
    return b.build(location="t.txt", media_type="text/plain", sha256="0" * 64, metadata=Metadata())


def listed(d):
    concepts, mentions = find_listed(d)
    by_iri = {c.iri: c for c in concepts}
    for m in mentions:
        assert d.text[m.start:m.end] == m.surface
    return [(by_iri[m.concept].type, m.surface) for m in mentions]


def test_lead_terms_of_items_after_a_lead_in():
    d = doc(("paragraph", "Målbildens ledord är:"),
            ("list_item", "Tillsammans – Individen ges möjlighet att vara delaktig."),
            ("list_item", "Nära: vården finns där du är."),
            ("paragraph", "Fokusområden för 2024–2026 är:"),
            ("list_item", "Psykisk hälsa hos unga"),
            ("list_item", "Äldre med stora behov av vård och omsorg från flera huvudmän samtidigt"),
            ("heading", "Framgångsfaktorer", 2),
            ("list_item", "Tydligt ledarskap"))
    assert listed(d) == [("goal", "Tillsammans"), ("goal", "Nära"), ("focus_area", "Psykisk hälsa hos unga"),
                         ("success_factor", "Tydligt ledarskap")]


def test_announced_number_of_headings():
    d = doc(("paragraph", "Vi har enats om tre målområden för den nära vården."),
            ("heading", "Tillsammans", 3), ("paragraph", "Text."),
            ("heading", "Nära", 3), ("paragraph", "Text."),
            ("heading", "God hälsa, vård och omsorg", 3), ("paragraph", "Text."),
            ("heading", "Vad behöver vi?", 3))
    assert [t for _, t in listed(d)] == ["Tillsammans", "Nära", "God hälsa, vård och omsorg"]


def test_lists_without_a_lead_in_or_with_sentences_give_nothing():
    d = doc(("paragraph", "Det här gäller:"), ("list_item", "Tillsammans"),
            ("paragraph", "Fem drivande krafter är:"),
            ("list_item", "Allt fler lever längre och fler lever med kronisk sjukdom, vilket ökar behoven."))
    assert listed(d) == []
