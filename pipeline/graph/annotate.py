"""Exact provenance: mentions as W3C Web Annotations, relations as statements with their evidence.

A mention of concept C at characters [start, end) of snapshot D becomes::

    <mention/…>              a oa:Annotation ; oa:motivatedBy oa:identifying ; oa:hasBody C ;
                             oa:hasTarget <span/…/start-end> ; nvo:extractor "…" .
    <span/…/start-end>       a oa:SpecificResource ; oa:hasSource D ; nvo:page 3 ;   (nvo:page for PDFs)
                             oa:hasSelector <…#quote> , <…#position> .
    <span/…/start-end#quote>     a oa:TextQuoteSelector ; oa:exact "…" ; oa:prefix "…" ; oa:suffix "…" .
    <span/…/start-end#position>  a oa:TextPositionSelector ; oa:start 120 ; oa:end 135 .

The target is the span itself, one node per span of the snapshot (:class:`Targets`): the mentions of
several concepts at one place, and the statements drawn from one sentence, all point at it.

A stated relation (subject, predicate, object), however often the document states it, becomes one
``nvo:Statement`` (rdf:subject/predicate/object, prov:wasDerivedFrom D, nvo:evidenceCount N,
nvo:extractor) with one ``nvo:evidence`` target per passage, shaped like a mention's target, plus the
direct triple ``subject nvo:predicate object`` (both directions for symmetric predicates) for querying.

A co-occurrence (two concepts in one sentence) is by far the most frequent relation, and its passages
are already in the graph as the two concepts' mention targets. It becomes an ``nvo:CoOccurrence``
with the same rdf:subject/predicate/object, prov:wasDerivedFrom and nvo:evidenceCount (the number of
sentences), the direct triples, and no per-sentence evidence targets.

Offsets index ``Document.text``; every node has a deterministic IRI from :mod:`pipeline.iri`.
Targets, co-occurrences and statements are written as N-Triples lines from term strings computed
once (:meth:`QuadList.extend`): they are most of a document's quads.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

import pyoxigraph as ox

from .. import iri, vocab
from ..errors import ExtractError
from ..types import Document, Extraction, Mention, Relation, Source
from ..vocab import LITERAL_PREDICATES, SYMMETRIC_PREDICATES, XSD, relation_predicate
from .quads import Nodes, QuadList, typed

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


_INTEGER = f"^^<{XSD.integer}>"
_T = {name: f"<{getattr(ns, name)}>" for ns, names in (
    (vocab.RDF, ("type", "subject", "predicate", "object")),
    (vocab.OA, ("Annotation", "SpecificResource", "TextQuoteSelector", "TextPositionSelector", "identifying",
                "hasBody", "hasTarget", "hasSource", "hasSelector", "motivatedBy", "exact", "prefix", "suffix",
                "start", "end")),
    (vocab.NVO, ("Statement", "CoOccurrence", "evidence", "evidenceCount", "extractor", "page")),
    (vocab.PROV, ("wasDerivedFrom",)),
) for name in names}
_MENTION_TYPE = f"{_T['type']} {_T['Annotation']}"
_MOTIVATION = f"{_T['motivatedBy']} {_T['identifying']}"
CO_OCCURRENCE = "coOccursWith"  # written as nvo:CoOccurrence, without evidence targets


def _int(value: int) -> str:
    return f'"{value}"{_INTEGER}'


_ESCAPED = re.compile(r'[\x00-\x1f"\\\x7f]')  # characters N-Triples writes escaped


def _literal_text(value: str) -> str:
    """A plain string literal in N-Triples form, as pyoxigraph writes it (it escapes when needed)."""
    return str(ox.Literal(value)) if _ESCAPED.search(value) else f'"{value}"'


def _string(value: str) -> str | None:
    """:func:`_literal_text`, or None for blank text (as :func:`text`)."""
    return _literal_text(value) if value.strip() else None


class Targets:
    """The oa:SpecificResource of each span of one snapshot, with its quote and position selectors (and
    the page, for PDFs), written into ``g`` the first time an annotation or a statement points at it."""

    def __init__(self, g: QuadList, source: Source, sha256: str, document: str, doc: Document, base: str):
        self._g, self._source, self._sha256, self._base = g, source, sha256, base
        self._document, self._doc, self._pages = g.term(document), doc, Pages(doc)
        self._written: dict[tuple[int, int], str] = {}

    def __call__(self, start: int, end: int, surface: str | None = None) -> str:
        """The target of [start, end), in N-Triples form; ``surface`` is its quote when the offsets do not fit the text."""
        term = self._written.get((start, end))
        if term is None:
            term = self._written[(start, end)] = self._write(start, end, surface)
        return term

    def _write(self, start: int, end: int, surface: str | None) -> str:
        body = self._doc.text
        exact = body[start:end] if 0 <= start < end <= len(body) else (surface or "")
        target = iri.span(self._source.id, self._sha256, start, end, self._base)
        t = f"<{target}>"  # minted from the checked base, a slug and numbers: a valid IRI
        quote, position = f"<{iri.part(target, 'quote')}>", f"<{iri.part(target, 'position')}>"
        T = _T
        lines = [
            f"{t} {T['type']} {T['SpecificResource']}",
            f"{t} {T['hasSource']} {self._document}",
            f"{t} {T['hasSelector']} {quote}",
            f"{t} {T['hasSelector']} {position}",
            f"{quote} {T['type']} {T['TextQuoteSelector']}",
            f"{quote} {T['exact']} {_literal_text(exact)}",
        ]
        prefix, suffix = _string(body[max(0, start - CONTEXT):start]), _string(body[end:end + CONTEXT])
        if prefix:
            lines.append(f"{quote} {T['prefix']} {prefix}")
        if suffix:
            lines.append(f"{quote} {T['suffix']} {suffix}")
        lines += (f"{position} {T['type']} {T['TextPositionSelector']}",
                  f"{position} {T['start']} {_int(start)}",
                  f"{position} {T['end']} {_int(end)}")
        page = self._pages.at(start)
        if page is not None:
            lines.append(f"{t} {T['page']} {_int(page)}")
        self._g.extend(lines)
        return t


def annotate_mentions(g: QuadList, source: Source, sha256: str, extraction: Extraction, base: str,
                      targets: Targets) -> None:
    """One oa:Annotation per distinct (concept, start, end)."""
    T = _T
    for m in unique_mentions(extraction.mentions):
        a = f"<{iri.mention(source.id, sha256, m.concept, m.start, m.end, base)}>"  # a valid IRI, as targets'
        lines = [f"{a} {_MENTION_TYPE}", f"{a} {_MOTIVATION}", f"{a} {T['hasBody']} {_iri(g, m.concept, source)}",
                 f"{a} {T['hasTarget']} {targets(m.start, m.end, m.surface)}"]
        extractor = _string(m.extractor)
        if extractor:
            lines.append(f"{a} {T['extractor']} {extractor}")
        g.extend(lines)


def unique_mentions(mentions: tuple[Mention, ...]) -> list[Mention]:
    """Mentions in document order, the first of any repeated (concept, start, end)."""
    seen: dict[tuple[str, int, int], Mention] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.end, m.concept)):
        seen.setdefault((m.concept, m.start, m.end), m)
    return list(seen.values())


def state_relations(g: QuadList, source: Source, document: str, extraction: Extraction, lang: str,
                    base: str, targets: Targets) -> None:
    """Reified statements (with evidence) and co-occurrences (without), and the direct triples."""
    groups: dict[tuple[str, str, str, bool], list[Relation]] = defaultdict(list)
    for r in extraction.relations:
        groups[_key(r)].append(r)
    T = _T
    d = g.term(document)
    for (subject, predicate, obj, literal), relations in groups.items():
        try:
            prop = g.term(relation_predicate(predicate))
        except AttributeError as exc:
            raise ExtractError(f"{source.url}: unknown relation predicate {predicate!r}", subject=source.url,
                               hint="use one of the relation properties declared in ontology/naravard.ttl") from exc
        s = _iri(g, subject, source)
        o = str(_literal(predicate, obj, lang)) if literal else _iri(g, obj, source)
        statement = iri.statement(source.id, subject, predicate, ("literal:" if literal else "") + obj, base=base)
        st = f"<{statement}>"  # minted from the checked base, a slug and a digest
        spans = sorted({(r.start, r.end) for r in relations})
        co_occurrence = predicate == CO_OCCURRENCE
        lines = [f"{st} {T['type']} {T['CoOccurrence' if co_occurrence else 'Statement']}",
                 f"{st} {T['subject']} {s}", f"{st} {T['predicate']} {prop}", f"{st} {T['object']} {o}",
                 f"{st} {T['wasDerivedFrom']} {d}", f"{st} {T['evidenceCount']} {_int(len(spans))}"]
        if not co_occurrence:
            names = (_string(extractor) for extractor in sorted({r.extractor for r in relations}))
            lines += (f"{st} {T['extractor']} {name}" for name in names if name)
            lines += (f"{st} {T['evidence']} {targets(start, end)}" for start, end in spans)
        lines.append(f"{s} {prop} {o}")
        if predicate in SYMMETRIC_PREDICATES and not literal:
            lines.append(f"{o} {prop} {s}")
        g.extend(lines)


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


def _iri(g: QuadList, value: str, source: Source) -> str:
    """A concept IRI in N-Triples form (checked once per graph)."""
    try:
        return g.term(value)
    except ValueError as exc:
        raise ExtractError(f"{source.url}: invalid concept IRI {value!r}: {exc}", subject=source.url,
                           hint="concept IRIs must be minted with pipeline.iri.concept") from exc
