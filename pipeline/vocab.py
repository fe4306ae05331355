"""Vocabulary terms, in one module: the naravard ontology (``nvo:``) and the standard vocabularies it reuses.

Every term the code writes goes through a closed rdflib ``DefinedNamespace``, so a typo such as
``NVO.mentionsCount`` fails at once with an AttributeError instead of silently writing a new
predicate. The ontology itself (classes, properties, labels, comments) is data in
``ontology/naravard.ttl``; a test checks that every term defined here is declared there and the
other way round.

    nvo:   https://w3id.org/naravard/ontology#      this project's classes and properties
    skos, dct, prov, oa (W3C Web Annotation), org (W3C ORG), schema, dcat, foaf, owl, rdf, rdfs, xsd

``PREFIXES`` is the one prefix table used for SPARQL prologues, Turtle/TriG output and the JSON-LD
context. :func:`node` turns any term into a ``pyoxigraph.NamedNode`` (cached), which is what the
graph builder and the store work with.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace, Namespace
from rdflib.term import URIRef

NVO_NS = "https://w3id.org/naravard/ontology#"


class NVO(DefinedNamespace):
    """The naravard ontology. Declared (with labels and comments) in ``ontology/naravard.ttl``."""

    _NS = Namespace(NVO_NS)
    _fail = True

    # provenance and structure
    Source: URIRef  # a catalogued web page or file
    Document: URIRef  # one snapshot of a source (prov:Entity)
    Occurrence: URIRef  # document -> concept link with its mention count
    Statement: URIRef  # a relation the text states, reified with its evidence
    CoOccurrence: URIRef  # two concepts in one sentence, reified with the number of sentences
    Run: URIRef  # one ingest run (prov:Activity)
    SourceOutcome: URIRef  # what a run did with one source
    # the corpus summary (graph/summary; see pipeline/graph/summary.py)
    Summary: URIRef  # a row of the corpus summary
    RelationSummary: URIRef  # one stated relation across all sources
    CoOccurrenceSummary: URIRef  # one pair of concepts occurring together, across all sources
    PrincipleActorSummary: URIRef  # one principle and actor mentioned in the same documents
    summarySubject: URIRef
    summaryPredicate: URIRef
    summaryObject: URIRef
    subjectLabel: URIRef
    objectLabel: URIRef
    objectKind: URIRef
    passageCount: URIRef
    sourceCount: URIRef
    documentCount: URIRef
    objectMentionCount: URIRef
    # concept types
    Principle: URIRef
    Shift: URIRef
    Actor: URIRef
    Report: URIRef
    Place: URIRef
    Goal: URIRef
    FocusArea: URIRef
    SuccessFactor: URIRef
    DrivingForce: URIRef
    Initiative: URIRef
    # actor kinds
    Organisation: URIRef
    RegionalAuthority: URIRef
    MunicipalAuthority: URIRef
    Agency: URIRef
    Government: URIRef
    Association: URIRef
    RDUnit: URIRef
    University: URIRef
    CareUnit: URIRef
    Foundation: URIRef
    PoliticalBody: URIRef
    Company: URIRef
    Person: URIRef
    # report kinds
    InquiryReport: URIRef
    MinistryReport: URIRef
    GovernmentBill: URIRef
    TargetVision: URIRef
    Agreement: URIRef
    Publication: URIRef
    WebReport: URIRef
    Plan: URIRef
    # place kinds
    Country: URIRef
    County: URIRef
    Municipality: URIRef
    Locality: URIRef
    ForeignPlace: URIRef
    # document -> concept
    mentions: URIRef
    document: URIRef
    concept: URIRef
    mentionCount: URIRef
    firstPosition: URIRef
    # concept description
    kind: URIRef
    kindCode: URIRef  # annotation on kind classes: the Concept.kind value they stand for
    typeCode: URIRef  # annotation on type classes: the Concept.type value they stand for
    inThesaurus: URIRef
    # relations between concepts (Relation.predicate values)
    publishes: URIRef
    commissions: URIRef
    locatedIn: URIRef
    responsibleFor: URIRef
    collaboratesWith: URIRef
    hasGoalArea: URIRef
    targetYear: URIRef
    proposes: URIRef
    cites: URIRef
    hasFocusArea: URIRef
    hasSuccessFactor: URIRef
    coOccursWith: URIRef
    fromState: URIRef
    toState: URIRef
    hasRole: URIRef
    memberOf: URIRef
    # statements and annotations
    evidence: URIRef
    evidenceCount: URIRef
    extractor: URIRef
    score: URIRef  # deprecated: no longer written (see ontology/README.md)
    page: URIRef
    # snapshots
    sha256: URIRef
    etag: URIRef
    lastModified: URIRef
    httpStatus: URIRef
    softwareVersion: URIRef
    characterCount: URIRef
    # runs
    status: URIRef
    message: URIRef
    run: URIRef
    source: URIRef
    snapshot: URIRef


class OA(DefinedNamespace):
    """W3C Web Annotation vocabulary, the terms naravard uses."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    Annotation: URIRef
    SpecificResource: URIRef
    TextQuoteSelector: URIRef
    TextPositionSelector: URIRef
    identifying: URIRef
    describing: URIRef
    hasBody: URIRef
    hasTarget: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    motivatedBy: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef
    start: URIRef
    end: URIRef


DCT = DCTERMS
SCHEMA = SDO

PREFIXES: dict[str, str] = {
    "nvo": NVO_NS,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "prov": str(PROV),
    "oa": str(OA._NS),
    "org": str(ORG),
    "schema": str(SDO),
    "dcat": str(DCAT),
    "foaf": str(FOAF),
}

# Concept.type -> class (the contract in pipeline.types.CONCEPT_TYPES). Kind subclasses are data:
# each carries ``nvo:kindCode`` in ontology/naravard.ttl (see pipeline.graph.ontology.kind_classes).
TYPE_CLASS: dict[str, URIRef] = {
    "principle": NVO.Principle,
    "shift": NVO.Shift,
    "actor": NVO.Actor,
    "report": NVO.Report,
    "region": NVO.Place,
    "goal": NVO.Goal,
    "focus_area": NVO.FocusArea,
    "success_factor": NVO.SuccessFactor,
    "driving_force": NVO.DrivingForce,
    "initiative": NVO.Initiative,
}
CLASS_TYPE: dict[str, str] = {str(cls): t for t, cls in TYPE_CLASS.items()}

# Relation.predicate values whose object is a literal, and their datatype ("lang": a language-tagged string).
LITERAL_PREDICATES: dict[str, str] = {"targetYear": str(XSD.gYear), "fromState": "lang", "toState": "lang",
                                      "hasRole": "lang"}
SYMMETRIC_PREDICATES = frozenset({"coOccursWith", "collaboratesWith"})
RELATION_PREDICATES = ("publishes", "commissions", "locatedIn", "responsibleFor", "collaboratesWith", "hasGoalArea",
                       "targetYear", "proposes", "cites", "hasFocusArea", "hasSuccessFactor", "coOccursWith",
                       "fromState", "toState", "hasRole", "memberOf")

# Values of nvo:status on runs and on the per-source outcomes of a run.
RUN_STATUSES = ("running", "completed", "failed", "interrupted")
SOURCE_STATUSES = ("new", "changed", "unchanged", "failed", "gone", "removed")


def relation_predicate(name: str) -> URIRef:
    """The ``nvo:`` property for a Relation.predicate local name; KeyError-free: raises AttributeError if unknown."""
    if name not in RELATION_PREDICATES:
        raise AttributeError(f"{name!r} is not a naravard relation predicate")
    return getattr(NVO, name)


@lru_cache(maxsize=4096)
def node(term: str):
    """A ``pyoxigraph.NamedNode`` for an IRI or vocabulary term (cached: the builder asks for the same few often)."""
    from pyoxigraph import NamedNode

    return NamedNode(str(term))


def data_prefixes(base: str) -> dict[str, str]:
    """Prefixes for data IRIs under ``base`` (``principle:personcentrering``, ``source:gnesta-nara-vard``).

    Only namespaces whose local names hold no further ``/`` are given, so Turtle never needs escapes.
    """
    from .iri import TYPE_SEGMENT

    segments = [TYPE_SEGMENT.get(t, t) for t in TYPE_CLASS]
    return {**{seg: f"{base}concept/{seg}/" for seg in segments}, "source": f"{base}source/", "graph": f"{base}graph/"}


def rdf_prefixes(base: str) -> dict[str, str]:
    """The prefix table for Turtle, TriG and RDF/XML output: vocabularies plus data namespaces."""
    return {**PREFIXES, **data_prefixes(base)}


def sparql_prologue(prefixes: dict[str, str] | None = None) -> str:
    """``PREFIX`` lines for every prefix in ``PREFIXES`` (plus ``prefixes``), to put before a query."""
    table = {**PREFIXES, **(prefixes or {})}
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in table.items())
