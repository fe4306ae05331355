"""Graph stage: one source's snapshot and extraction become the quads of its named graph.

Contract (others code against it)::

    source_graph(source, fetched, extraction, settings, *, run_iri=None) -> list[pyoxigraph.Quad]
    source_nquads(source, fetched, extraction, settings, *, run_iri=None) -> bytes   # the same, as N-Quads
    built_source(source, fetched, extraction, settings, *, run_iri=None) -> Built   # what ingest keeps:
        # the same graph as canonical N-Quads (sorted), and its contribution to the corpus summary
    ontology_quads(settings) -> list[Quad]     # ontology + thesaurus + gazetteer, graph {base}graph/ontology
    run_quads(run_iri, *, started, ...) -> list[Quad]   # ingest run records, graph {base}graph/runs

Every quad of ``source_graph`` is in the source's named graph ``pipeline.iri.graph(source.id)``:

- the **source** ``<source/ID>`` (nvo:Source): schema:url, dct:publisher (an actor concept),
  dct:spatial (the place it is about), dct:title, dct:identifier, dct:language;
- the **snapshot** ``<snapshot/ID/SHA>`` (nvo:Document, prov:Entity): dct:isVersionOf the source,
  nvo:sha256, prov:generatedAtTime (retrieval time), nvo:etag / nvo:lastModified (HTTP validators),
  dct:format (media type), dct:title, dct:issued / dct:modified, nvo:softwareVersion,
  prov:wasGeneratedBy the run;
- the **concepts** it mentions: rdf:type skos:Concept + type class + kind class; for concepts the
  ontology graph does not describe (discovered in the text) also skos:prefLabel, skos:altLabel,
  nvo:kind, skos:notation and ``nvo:inThesaurus false`` (thesaurus and gazetteer concepts are
  labelled once, in the ontology graph);
- **direct document→concept links with counts**: ``snapshot nvo:mentions concept`` and an
  nvo:Occurrence (nvo:document, nvo:concept, nvo:mentionCount, nvo:firstPosition) — what the
  competency queries read, so they never aggregate over mention annotations;
- each **mention** as a Web Annotation, each stated **relation** as an nvo:Statement with evidence,
  each **co-occurrence** as an nvo:CoOccurrence with its sentence count, both plus the direct triple
  (see :mod:`pipeline.graph.annotate`).

No blank nodes; every IRI comes from :mod:`pipeline.iri`; the same input gives the same list of
quads in the same order.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

import pyoxigraph as ox

from .. import __version__, iri, vocab
from ..errors import ExtractError
from ..settings import Settings
from ..types import Extraction, Fetched, Source
from ..vocab import TYPE_CLASS, XSD
from .annotate import DCT, NVO, PROV, RDF, Targets, annotate_mentions, state_relations, unique_mentions
from .contribution import Contribution, contribution
from .ontology import described_concepts, fold, kind_classes, label_index, ontology_quads
from .quads import Nodes, QuadList, boolean, date, integer, language_tag, text, typed
from .runs import SourceOutcome, run_quads

__all__ = ["source_graph", "source_nquads", "built_source", "Built", "ontology_quads", "run_quads", "SourceOutcome"]
SCHEMA, SKOS = Nodes(vocab.SCHEMA), Nodes(vocab.SKOS)


def source_graph(source: Source, fetched: Fetched, extraction: Extraction, settings: Settings, *,
                 run_iri: str | None = None) -> list[ox.Quad]:
    """All quads describing one source, its snapshot and what was extracted from it (see module docstring)."""
    return _build(source, fetched, extraction, settings, run_iri).quads()


def source_nquads(source: Source, fetched: Fetched, extraction: Extraction, settings: Settings, *,
                  run_iri: str | None = None) -> bytes:
    """The same graph as :func:`source_graph`, as N-Quads text (what ingest stores), without making a
    pyoxigraph object per quad."""
    return _build(source, fetched, extraction, settings, run_iri).nquads()


class Built(NamedTuple):
    nquads: bytes  # canonical: sorted, without repeats (as pipeline.fingerprints.canonical makes it)
    share: Contribution  # what the graph adds to the corpus summary


def built_source(source: Source, fetched: Fetched, extraction: Extraction, settings: Settings, *,
                 run_iri: str | None = None) -> Built:
    """The graph of :func:`source_graph` as ingest keeps it, and its contribution to the corpus summary
    (read from the lines before they are joined: the summary's share costs no parsing)."""
    g = _build(source, fetched, extraction, settings, run_iri)
    return Built(g.canonical(), contribution(g.lines(), g.graph.value, settings.base_iri))


def _build(source: Source, fetched: Fetched, extraction: Extraction, settings: Settings,
           run_iri: str | None) -> QuadList:
    base = settings.base_iri
    g = QuadList(iri.graph(source.id, base))
    lang = language_tag(extraction.document.metadata.language or source.language)
    src = iri.source(source.id, base)
    snapshot = iri.snapshot(source.id, fetched.sha256, base)
    describe_source(g, source, src, extraction, settings)
    describe_snapshot(g, source, fetched, extraction, src, snapshot, run_iri)
    describe_concepts(g, source, extraction, lang, settings)
    link_concepts(g, source, fetched.sha256, snapshot, extraction, base)
    targets = Targets(g, source, fetched.sha256, snapshot, extraction.document, base)
    annotate_mentions(g, source, fetched.sha256, extraction, base, targets)
    state_relations(g, source, snapshot, extraction, lang, base, targets)
    return g


def describe_source(g: QuadList, source: Source, src: str, extraction: Extraction, settings: Settings) -> None:
    g.add(src, RDF.type, NVO.Source)
    g.add(src, DCT.identifier, text(source.id))
    g.add(src, SCHEMA.url, web_iri(source.url))
    g.add(src, DCT.title, text(source.title))
    g.add(src, DCT.language, typed(language_tag(source.language), XSD.language))
    publisher = _resolve(g, "actor", source.publisher, extraction, settings)
    g.add(src, DCT.publisher, publisher)
    if source.region:
        g.add(src, DCT.spatial, _resolve(g, "region", source.region, extraction, settings))


def describe_snapshot(g: QuadList, source: Source, fetched: Fetched, extraction: Extraction, src: str,
                      snapshot: str, run_iri: str | None) -> None:
    doc, meta = extraction.document, extraction.document.metadata
    g.add(snapshot, RDF.type, NVO.Document)
    g.add(snapshot, RDF.type, PROV.Entity)
    g.add(snapshot, DCT.isVersionOf, src)
    g.add(snapshot, NVO.sha256, text(fetched.sha256))
    g.add(snapshot, PROV.generatedAtTime, date(fetched.retrieved))
    g.add(snapshot, SCHEMA.url, web_iri(fetched.final_url or fetched.url))
    g.add(snapshot, NVO.etag, text(fetched.etag))
    g.add(snapshot, NVO.lastModified, text(fetched.last_modified))
    if not fetched.from_snapshot and fetched.path is None:
        g.add(snapshot, NVO.httpStatus, integer(fetched.status))
    g.add(snapshot, DCT.format, text(fetched.media_type))
    g.add(snapshot, DCT.title, text(meta.title or source.title))
    g.add(snapshot, DCT.issued, date(meta.published))
    g.add(snapshot, DCT.modified, date(meta.modified))
    g.add(snapshot, DCT.language, typed(language_tag(meta.language or source.language), XSD.language))
    g.add(snapshot, DCT.description, text(meta.description))
    g.add(snapshot, SCHEMA.numberOfPages, integer(meta.page_count))
    g.add(snapshot, NVO.characterCount, integer(len(doc.text)))
    g.add(snapshot, NVO.softwareVersion, text(__version__))
    if run_iri:
        g.add(snapshot, PROV.wasGeneratedBy, run_iri)


def describe_concepts(g: QuadList, source: Source, extraction: Extraction, lang: str, settings: Settings) -> None:
    """Types for every concept; labels, kind and notation only for those the ontology graph does not describe.

    Thesaurus and gazetteer concepts are labelled once, in the ontology graph: repeating their labels in
    every source graph would make each label lookup in a query touch one triple per source.
    """
    kinds = kind_classes(settings)
    described = described_concepts(settings)
    for c in extraction.concepts:
        if c.type not in TYPE_CLASS:
            raise ExtractError(f"{source.url}: concept {c.iri} has unknown type {c.type!r}", subject=source.url,
                               hint=f"use one of: {', '.join(TYPE_CLASS)}")
        g.add(c.iri, RDF.type, SKOS.Concept)
        g.add(c.iri, RDF.type, TYPE_CLASS[c.type])
        if c.kind:
            g.add(c.iri, RDF.type, kinds.get((c.type, c.kind)))
        if c.iri in described:
            continue
        g.add(c.iri, NVO.kind, text(c.kind))
        g.add(c.iri, SKOS.prefLabel, text(c.pref_label, lang))
        g.add(c.iri, SKOS.notation, text(c.notation))
        g.add(c.iri, NVO.inThesaurus, boolean(False))
        pref = fold(c.pref_label)
        for label in dict.fromkeys(c.labels):
            if fold(label) != pref:
                g.add(c.iri, SKOS.altLabel, text(label, lang))


def link_concepts(g: QuadList, source: Source, sha256: str, snapshot: str, extraction: Extraction, base: str) -> None:
    """``snapshot nvo:mentions concept`` and an nvo:Occurrence with the count, in order of first mention."""
    counts: dict[str, int] = defaultdict(int)
    first: dict[str, int] = {}
    for m in unique_mentions(extraction.mentions):
        counts[m.concept] += 1
        first.setdefault(m.concept, m.start)
    for concept in first:
        occurrence = iri.occurrence(source.id, sha256, concept, base)
        g.add(snapshot, NVO.mentions, concept)
        g.add(occurrence, RDF.type, NVO.Occurrence)
        g.add(occurrence, NVO.document, snapshot)
        g.add(occurrence, NVO.concept, concept)
        g.add(occurrence, NVO.mentionCount, integer(counts[concept]))
        g.add(occurrence, NVO.firstPosition, integer(first[concept]))


def _resolve(g: QuadList, type_: str, label: str, extraction: Extraction, settings: Settings) -> str:
    """The IRI of the concept called ``label``: from this extraction, else the thesaurus/gazetteer, else minted
    (and then described here, so the graph stays self-contained)."""
    folded = fold(label)
    for c in extraction.concepts:
        if c.type == type_ and (fold(c.pref_label) == folded or any(fold(x) == folded for x in c.labels)):
            return c.iri
    known = label_index(settings).get((type_, folded))
    if known:
        return known
    minted = iri.concept(type_, label, settings.base_iri)
    g.add(minted, RDF.type, SKOS.Concept)
    g.add(minted, RDF.type, TYPE_CLASS[type_])
    g.add(minted, SKOS.prefLabel, text(label, "sv"))
    g.add(minted, NVO.inThesaurus, boolean(False))
    return minted


def web_iri(url: str) -> ox.NamedNode | ox.Literal:
    """A URL as an IRI; characters an IRI may not hold are percent-encoded."""
    from urllib.parse import quote

    try:
        return ox.NamedNode(url)
    except ValueError:
        return ox.NamedNode(quote(url, safe=":/?#[]@!$&'()*+,;=%~-._"))
