"""Exact provenance: mentions as W3C Web Annotations, relations as statements with their evidence.

A mention of concept C at characters [start, end) of snapshot D becomes::

    <mention/…>          a oa:Annotation ; oa:motivatedBy oa:identifying ; oa:hasBody C ;
                         oa:hasTarget <mention/…#target> ; nvo:extractor "…" ; nvo:score 0.9 .
    <…#target>           a oa:SpecificResource ; oa:hasSource D ; nvo:page 3 ;
                         oa:hasSelector <…#quote> , <…#position> , <…#page> .
    <…#quote>            a oa:TextQuoteSelector ; oa:exact "…" ; oa:prefix "…" ; oa:suffix "…" .
    <…#position>         a oa:TextPositionSelector ; oa:start 120 ; oa:end 135 .
    <…#page>             a oa:FragmentSelector ; rdf:value "page=3" ; dct:conformsTo <RFC 3778> .   (PDFs)

A relation (subject, predicate, object), however often the document states it, becomes one
``nvo:Statement`` (rdf:subject/predicate/object, prov:wasDerivedFrom D, nvo:evidenceCount N) with one
``nvo:evidence`` target per passage, shaped like a mention's target, plus the direct triple
``subject nvo:predicate object`` (both directions for symmetric predicates) for querying.
Offsets index ``Document.text``; every node has a deterministic IRI from :mod:`pipeline.iri`.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

import pyoxigraph as ox

from .. import iri
from ..errors import ExtractError
from ..types import Document, Extraction, Mention, Relation, Source
from .. import vocab
from ..vocab import LITERAL_PREDICATES, RFC3778, SYMMETRIC_PREDICATES, XSD, relation_predicate
from .quads import Nodes, QuadList, decimal, integer, text, typed

DCT, NVO, OA, PROV, RDF = Nodes(vocab.DCT), Nodes(vocab.NVO), Nodes(vocab.OA), Nodes(vocab.PROV), Nodes(vocab.RDF)

CONTEXT = 32  # characters of oa:prefix / oa:suffix


class Pages:
    """Page lookup for a character offset, from the blocks of a (PDF) document."""

    def __init__(self, document: Document):
        spans = sorted((b.start, b.end, b.page) for b in document.blocks if b.page is not None)
        self._starts = [s for s, _, _ in spans]
        self._spans = spans

    def at(self, offset: int) -> int | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return self._spans[0][2] if self._spans else None
        return self._spans[i][2]


def add_target(g: QuadList, target: str, document: str, doc: Document, start: int, end: int,
               pages: Pages, surface: str | None = None) -> None:
    """An oa:SpecificResource over [start, end) of ``document`` with quote, position and page selectors."""
    body = doc.text
    exact = body[start:end] if 0 <= start < end <= len(body) else (surface or "")
    quote, position = iri.part(target, "quote"), iri.part(target, "position")
    g.add(target, RDF.type, OA.SpecificResource)
    g.add(target, OA.hasSource, document)
    g.add(target, OA.hasSelector, quote)
    g.add(target, OA.hasSelector, position)
    g.add(quote, RDF.type, OA.TextQuoteSelector)
    g.add(quote, OA.exact, ox.Literal(exact))
    g.add(quote, OA.prefix, text(body[max(0, start - CONTEXT):start]))
    g.add(quote, OA.suffix, text(body[end:end + CONTEXT]))
    g.add(position, RDF.type, OA.TextPositionSelector)
    g.add(position, OA.start, integer(start))
    g.add(position, OA.end, integer(end))
    page = pages.at(start)
    if page is not None:
        fragment = iri.part(target, "page")
        g.add(target, NVO.page, integer(page))
        g.add(target, OA.hasSelector, fragment)
        g.add(fragment, RDF.type, OA.FragmentSelector)
        g.add(fragment, RDF.value, ox.Literal(f"page={page}"))
        g.add(fragment, DCT.conformsTo, RFC3778)


def annotate_mentions(g: QuadList, source: Source, sha256: str, document: str, extraction: Extraction,
                      base: str, pages: Pages) -> None:
    """One oa:Annotation per distinct (concept, start, end)."""
    for m in unique_mentions(extraction.mentions):
        mention = iri.mention(source.id, sha256, m.concept, m.start, m.end, base)
        target = iri.part(mention, "target")
        g.add(mention, RDF.type, OA.Annotation)
        g.add(mention, OA.motivatedBy, OA.identifying)
        g.add(mention, OA.hasBody, _iri(m.concept, source))
        g.add(mention, OA.hasTarget, target)
        g.add(mention, NVO.extractor, text(m.extractor))
        g.add(mention, NVO.score, decimal(m.score))
        add_target(g, target, document, extraction.document, m.start, m.end, pages, m.surface)


def unique_mentions(mentions: tuple[Mention, ...]) -> list[Mention]:
    """Mentions in document order, the first of any repeated (concept, start, end)."""
    seen: dict[tuple[str, int, int], Mention] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.end, m.concept)):
        seen.setdefault((m.concept, m.start, m.end), m)
    return list(seen.values())


def state_relations(g: QuadList, source: Source, document: str, extraction: Extraction, lang: str,
                    base: str, pages: Pages) -> None:
    """Reified statements with evidence, and the direct triples."""
    groups: dict[tuple[str, str, str, bool], list[Relation]] = defaultdict(list)
    for r in extraction.relations:
        groups[_key(r)].append(r)
    for (subject, predicate, obj, literal), relations in groups.items():
        try:
            prop = relation_predicate(predicate)
        except AttributeError as exc:
            raise ExtractError(f"{source.url}: unknown relation predicate {predicate!r}", subject=source.url,
                               hint="use one of the relation properties declared in ontology/naravard.ttl") from exc
        s = _iri(subject, source)
        o = _literal(predicate, obj, lang) if literal else _iri(obj, source)
        statement = iri.statement(source.id, subject, predicate, ("literal:" if literal else "") + obj, base=base)
        g.add(statement, RDF.type, NVO.Statement)
        g.add(statement, RDF.type, RDF.Statement)
        g.add(statement, RDF.subject, s)
        g.add(statement, RDF.predicate, prop)
        g.add(statement, RDF.object, o)
        g.add(statement, PROV.wasDerivedFrom, document)
        spans = sorted({(r.start, r.end) for r in relations})
        g.add(statement, NVO.evidenceCount, integer(len(spans)))
        for extractor in sorted({r.extractor for r in relations}):
            g.add(statement, NVO.extractor, text(extractor))
        for start, end in spans:
            evidence = iri.part(statement, f"e{start}-{end}")
            g.add(statement, NVO.evidence, evidence)
            add_target(g, evidence, document, extraction.document, start, end, pages)
        g.add(s, prop, o)
        if predicate in SYMMETRIC_PREDICATES and not literal:
            g.add(o, prop, s)


def _key(r: Relation) -> tuple[str, str, str, bool]:
    if r.predicate in SYMMETRIC_PREDICATES and not r.literal and r.object < r.subject:
        return (r.object, r.predicate, r.subject, False)
    return (r.subject, r.predicate, r.object, r.literal)


def _literal(predicate: str, value: str, lang: str) -> ox.Literal:
    datatype = LITERAL_PREDICATES.get(predicate)
    value = value.strip()
    if datatype == "lang":
        return ox.Literal(value, language=lang)
    if datatype == str(XSD.gYear) and re.fullmatch(r"\d{4}", value):
        return typed(value, datatype)
    return ox.Literal(value)


def _iri(value: str, source: Source) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise ExtractError(f"{source.url}: invalid concept IRI {value!r}: {exc}", subject=source.url,
                           hint="concept IRIs must be minted with pipeline.iri.concept") from exc
