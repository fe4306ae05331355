"""Extract stage: a Document becomes an Extraction (concepts, mentions, relations).

The cascade, in order:

1. thesaurus matching: SKOS concepts from ``ontology/thesaurus`` and ``ontology/gazetteer``
   (principles, shifts, goals, focus areas, success factors, driving forces, initiatives, known
   reports, bodies and places), over lemmatised and compound-split tokens (:mod:`.thesaurus`,
   :mod:`.matcher`, :mod:`.morph`);
2. shifts: "från X till Y" in sentences and lists, and the parser's diagram pairs (:mod:`.shifts`);
   goal areas, focus areas, success factors and driving forces listed under a lead-in (:mod:`.lists`);
3. named entities beyond the thesaurus: actors, reports, places and named projects by patterns and the
   gazetteer (:mod:`.entities`); the words of an organisation's or a project's name are no principle
   ("Vårdsamverkan Skaraborg", "projektet Trygg hemgång"), so idea matches inside them are dropped;
4. resolution: one concept per real thing within the document and across documents (:mod:`.resolve`);
5. relations: statements the text makes, and co-occurrence (:mod:`.relations`).

``load_knowledge`` compiles the ontology data once per process; ``extract`` is a pure function of a
Document and that Knowledge: each concept once, with all its mentions (exact offsets into
``Document.text``), in a deterministic order.
"""

from __future__ import annotations

import bisect
import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..errors import ExtractError
from ..settings import Settings
from ..types import Concept, Document, Extraction, Mention, Relation
from . import morph
from .lists import find_listed
from .matcher import Match, Matcher, select
from .shift_resolution import ShiftIndex
from .shifts import find_shifts
from .spans import SpanIndex
from .thesaurus import Entry, Thesaurus, load_thesaurus

# Matching layers: overlaps are resolved within a layer; names swallow other matches inside them.
NAME_TYPES = ("actor", "report", "region")
LAYERS = {"actor": 0, "report": 0, "region": 0, "shift": 1, "principle": 2}
OTHER_LAYER = 3
NAME_LAYER = 0
# Idea-like concepts whose one-word labels also match as compound heads ("vårdsamverkan").
COMPOUND_TYPES = frozenset({"principle", "goal", "focus_area", "success_factor", "driving_force", "initiative"})
# Ideas that a name does not state ("Trygg hemgång" is a project, not trygghet).
IDEA_TYPES = frozenset({"principle", "goal", "focus_area", "success_factor", "driving_force"})
EXTRACTORS = {"phrase": "thesaurus", "compound": "thesaurus-compound", "gap": "thesaurus-gap"}


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Everything extraction needs, compiled once: thesaurus, matcher, shift states, entity knowledge."""

    thesaurus: Thesaurus
    matcher: Matcher
    layers: dict[str, int]  # concept IRI -> matching layer
    shifts: ShiftIndex
    base_iri: str
    entities: Any = None  # pipeline.extract.entities.EntityKnowledge, when that module is present

    def entry(self, iri: str) -> Entry | None:
        return self.thesaurus.entries.get(iri)


_CACHE: dict[tuple, Knowledge] = {}


def load_knowledge(settings: Settings | None = None) -> Knowledge:
    """Compile the ontology data under ``settings.ontology``; cached per process and data version."""
    settings = settings or Settings()
    ontology = Path(settings.ontology)
    if not ontology.is_dir():
        raise ExtractError(f"{ontology}: ontology directory not found", subject=str(ontology),
                           hint="set `ontology` in naravard.toml to the project's ontology/ directory")
    files = sorted(ontology.glob("*.ttl")) + sorted(ontology.glob("thesaurus/*.ttl")) + sorted(ontology.glob("gazetteer/*.ttl"))
    key = (str(ontology.resolve()), settings.base_iri, tuple((str(f), f.stat().st_mtime_ns) for f in files))
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = _compile(settings, ontology)
    return _CACHE[key]


def _compile(settings: Settings, ontology: Path) -> Knowledge:
    thesaurus = load_thesaurus(ontology, settings.base_iri)
    labels = ((e.iri, label, rank, e.type in COMPOUND_TYPES)
              for e in thesaurus.entries.values() for label, rank in e.match_labels())
    matcher = Matcher.compile(labels)
    layers = {e.iri: LAYERS.get(e.type, OTHER_LAYER) for e in thesaurus.entries.values()}
    entities = _optional("entities")
    ek = entities.load(settings) if entities is not None else None
    return Knowledge(thesaurus, matcher, layers, ShiftIndex.build(thesaurus.by_type("shift")), settings.base_iri, ek)


@cache
def _optional(name: str):
    """A sibling module of the cascade that may not be installed yet (entities, resolve, relations)."""
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{__name__}.{name}":
            return None
        raise


class _Found:
    """What the steps of the cascade have found so far: each concept once, mentions, relations."""

    def __init__(self) -> None:
        self.concepts: dict[str, Concept] = {}
        self.mentions: list[Mention] = []
        self.relations: list[Relation] = []

    def add(self, concepts: Iterable[Concept] = (), mentions: Iterable[Mention] = (),
            relations: Iterable[Relation] = ()) -> None:
        for c in concepts:  # the first copy (the thesaurus' own, when it has one) keeps its display labels
            self.concepts.setdefault(c.iri, c)
        self.mentions.extend(mentions)
        self.relations.extend(relations)


def extract(doc: Document, knowledge: Knowledge) -> Extraction:
    """Run the cascade on one document (see the module docstring)."""
    found = _Found()
    matches = _match(doc, knowledge)
    found.add((concept_of(knowledge.entry(i)) for i in dict.fromkeys(m.target.iri for m in matches)),
              (_mention(doc, m) for m in matches))
    shifts = find_shifts(doc, knowledge.shifts, knowledge.base_iri)
    known = (knowledge.entry(m.concept) for m in shifts.mentions)
    found.add([concept_of(e) for e in known if e is not None] + list(shifts.concepts), shifts.mentions,
              shifts.relations)
    for c, ms in _listed(doc, knowledge, matches):
        found.add([c], ms)
    taken = sorted((m.start, m.end) for m in matches if knowledge.layers.get(m.target.iri) == NAME_LAYER)
    titles = [(m.start, m.end) for m in matches if knowledge.entry(m.target.iri).type == "report"]
    found.add(*_entities(doc, knowledge, taken, titles))
    found.mentions = _outside_names(found.concepts, found.mentions)
    concepts, mentions, where = _merge(list(found.concepts.values()), _dedupe(found.mentions), knowledge)
    relations = _repoint(found.relations, where)
    return _assemble(doc, concepts, mentions, relations + _relate(doc, concepts, mentions))


def _match(doc: Document, knowledge: Knowledge) -> list[Match]:
    """Thesaurus matches chosen among the candidates (names swallow what lies inside them)."""
    tokens = morph.tokenize(doc.text)
    candidates = [m for m in knowledge.matcher.find(doc.text, tokens) if not _capital_proves_nothing(doc.text, m)]
    return select(candidates, knowledge.layers, frozenset({NAME_LAYER}))


@lru_cache(maxsize=20_000)
def concept_of(entry: Entry) -> Concept:
    """The Concept record of a thesaurus entry (one shared record per entry: both are immutable)."""
    labels = tuple(label for label in entry.display_labels() if label != entry.pref_label)
    notation = entry.notations[0] if entry.notations else None
    return Concept(iri=entry.iri, type=entry.type, pref_label=entry.pref_label, labels=labels, kind=entry.kind,
                   in_thesaurus=True, notation=notation)


def _listed(doc: Document, knowledge: Knowledge, matches: list[Match]) -> list[tuple[Concept, list[Mention]]]:
    """Listed concepts, except where a thesaurus concept of the same type already covers the term."""
    covered: dict[str, list[tuple[int, int]]] = {}
    for m in matches:
        covered.setdefault(knowledge.entry(m.target.iri).type, []).append((m.start, m.end))
    listed, listed_mentions = find_listed(doc, knowledge.base_iri)
    of: dict[str, list[Mention]] = {}
    for m in listed_mentions:
        of.setdefault(m.concept, []).append(m)
    index = {t: SpanIndex(spans) for t, spans in covered.items()}
    out = []
    for c in listed:
        spans = index.get(c.type)
        ms = [m for m in of.get(c.iri, ()) if spans is None or not spans.contains(m.start, m.end)]
        if ms:
            out.append((c, ms))
    return out


def _capital_proves_nothing(text: str, m: Match) -> bool:
    """A one-word name that is also an ordinary word ("Vara", "Mark", "Boden") where its capital may
    only start a sentence or belong to an all-capitals line: not evidence of the name."""
    if m.first != m.last or m.target.strict != 1 or not m.target.label[:1].isupper():
        return False
    surface = text[m.start:m.end]
    if not (surface.isupper() or _sentence_initial(text, m.start)):
        return False
    from .spans import is_common_word  # the named-entity helpers' notion of an ordinary word

    return is_common_word(morph.bare(surface))


def _sentence_initial(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and (text[i] in " \t\"'”“»«(•*-–" or text[i].isdigit()):
        i -= 1
    return i < 0 or text[i] in "\n.!?:"


def _mention(doc: Document, m: Match) -> Mention:
    return Mention(m.target.iri, m.start, m.end, doc.text[m.start:m.end], EXTRACTORS[m.how])


def _entities(doc: Document, knowledge: Knowledge, taken: list[tuple[int, int]], titles: list[tuple[int, int]]):
    module = _optional("entities")
    if module is None or knowledge.entities is None:
        return [], [], []
    concepts, mentions, relations = module.find(doc, knowledge.entities, taken, titles)
    return list(concepts), list(mentions), list(relations)


def _outside_names(concepts: dict[str, Concept], mentions: list[Mention]) -> list[Mention]:
    """Mentions of ideas that lie inside the name of an organisation or a named project are not statements.

    (The thesaurus' own initiatives, "fast vårdkontakt", are ideas of the reform, not names.)
    """
    names = SpanIndex((m.start, m.end) for m in mentions if m.concept in concepts and (
        concepts[m.concept].type == "actor" or m.extractor.startswith("initiatives")))
    return [m for m in mentions if not (m.concept in concepts and concepts[m.concept].type in IDEA_TYPES
                                        and names.contains(m.start, m.end))]


def _merge(concepts: list[Concept], mentions: list[Mention],
           knowledge: Knowledge) -> tuple[list[Concept], list[Mention], dict[str, str]]:
    """Resolution across the steps (the thesaurus' hidden labels count); where each concept IRI went."""
    module = _optional("resolve")
    if module is None:
        return concepts, mentions, {c.iri: c.iri for c in concepts}
    hidden = {c.iri: e.hidden_labels for c in concepts if (e := knowledge.entry(c.iri)) is not None and e.hidden_labels}
    merged_concepts, merged_mentions, where = module.merge_map(concepts, mentions, hidden)
    return list(merged_concepts), _dedupe(list(merged_mentions)), where


def _repoint(relations: list[Relation], where: dict[str, str]) -> list[Relation]:
    """Relations found before resolution, pointed at the merged concepts; those about a dropped one go."""
    out = []
    for r in relations:
        subject = where.get(r.subject)
        obj = r.object if r.literal else where.get(r.object)
        if subject is None or obj is None or (subject == obj and not r.literal):
            continue
        out.append(r if (subject, obj) == (r.subject, r.object) else
                   Relation(subject, r.predicate, obj, r.start, r.end, r.extractor, literal=r.literal))
    return out


def _relate(doc: Document, concepts: list[Concept], mentions: list[Mention]) -> list[Relation]:
    module = _optional("relations")
    return list(module.relate(doc, concepts, mentions)) if module is not None else []


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """One mention per concept and place: of overlapping mentions of one concept, the longest stays."""
    out: list[Mention] = []
    by_concept: dict[str, list[tuple[int, int]]] = {}  # kept spans of each concept, sorted
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start, m.concept, m.extractor)):
        kept = by_concept.setdefault(m.concept, [])
        i = bisect.bisect_left(kept, (m.start, m.end))
        if (i > 0 and kept[i - 1][1] > m.start) or (i < len(kept) and kept[i][0] < m.end):
            continue
        kept.insert(i, (m.start, m.end))
        out.append(m)
    return out


def _assemble(doc: Document, concepts: list[Concept], mentions: list[Mention], relations: list[Relation]) -> Extraction:
    """Keep concepts that have mentions, order everything deterministically."""
    mentions = sorted(mentions, key=lambda m: (m.start, m.end, m.concept))
    first: dict[str, int] = {}
    for m in mentions:
        first.setdefault(m.concept, m.start)
    kept = sorted((c for c in concepts if c.iri in first), key=lambda c: (first[c.iri], c.iri))
    iris = {c.iri for c in kept}
    mentions = [m for m in mentions if m.concept in iris]
    relations = [r for r in relations if r.subject in iris and (r.literal or r.object in iris)]
    rels = sorted(set(relations), key=lambda r: (r.start, r.end, r.subject, r.predicate, r.object, r.literal, r.extractor))
    return Extraction(document=doc, concepts=tuple(kept), mentions=tuple(mentions), relations=tuple(rels))
