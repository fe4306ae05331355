"""Named entities beyond the thesaurus: actors, reports, places and named projects, from data and by pattern.

    load(settings) -> EntityKnowledge                      the gazetteer, actors, reports, given names
    find(doc, ek, taken) -> (concepts, mentions, relations)

``find`` runs, in order: the known-name scan (:mod:`.gazetteer`), persons (:mod:`.persons`),
organisation patterns (:mod:`.actors`, :mod:`.bodies`), report patterns (:mod:`.reports`), named
projects (:mod:`.initiatives`), place contexts and address lines (:mod:`.places`), the places inside
known organisations' names, and units "X vid Y" (:mod:`.affiliations`).
Overlaps are then settled (longest name wins within actors, within reports and within places; a
place inside an organisation's name counts only when the organisation's name is built on it, so
"Sveriges" in "Sveriges Kommuner och Regioner" is no place). ``taken`` are spans the thesaurus
matcher already claimed: a candidate with exactly that span, or inside one, is left to it unless
it rests on explicit evidence (a cue word, a definition). Defined abbreviations, later uses of a
person's surname and repeated report titles are added next; candidates become concepts and
mentions, are merged (:func:`.resolve.merge`), and the relations the patterns themselves establish
(hasRole, memberOf, locatedIn, responsibleFor) are returned with their evidence spans.
"""

from __future__ import annotations

import bisect
import re

from .. import iri as iris
from ..settings import Settings
from ..types import Concept, Document, Mention, Relation
from . import actors, affiliations, bodies, initiatives, persons, places, report_candidates, reports, resolve
from .gazetteer import EntityKnowledge, Entry, load_knowledge, scan
from .spans import Candidate, SpanIndex, TextContext, norm_space

__all__ = ["EntityKnowledge", "load", "find"]


def load(settings: Settings) -> EntityKnowledge:
    """Compile the entity data under ``settings.ontology`` (once per run)."""
    return load_knowledge(settings)


def find(doc: Document, ek: EntityKnowledge, taken: list[tuple[int, int]],
         titles: list[tuple[int, int]] = ()) -> tuple[list[Concept], list[Mention], list[Relation]]:
    """Actors, reports and places of ``doc`` with their mentions and pattern relations (module docstring).

    ``titles`` are the spans of report titles among ``taken`` (the thesaurus' known reports): names
    inside them count, as inside the titles the patterns find.
    """
    ctx = TextContext.of(doc)
    cands = scan(ctx, ek) + persons.find(ctx, ek) + actors.find(ctx, ek) + bodies.find(ctx, ek)
    cands += reports.find(ctx, ek) + initiatives.find(ctx, ek)
    cands += places.find(ctx, ek)
    cands += places.lists(ctx, ek, cands)
    cands += _known_places(ctx, ek, cands)
    cands += affiliations.units(ctx, ek, cands)
    cands += _names_in_titles(ctx, ek, cands, titles)
    selected = select(cands, taken)
    spans = [c.span for c in selected] + list(taken)
    extra = affiliations.abbreviations(ctx, [c for c in selected if c.type == "actor"])
    known = [c for c in cands if c.extractor == "gazetteer" and c.type == "actor"]  # also those the thesaurus claimed
    extra += affiliations.partners(ctx, ek, [c for c in selected if c.type == "actor"] + known)
    extra += persons.surnames(ctx, [c for c in selected if c.kind == "person"], spans)
    extra += persons.employers(ctx, ek, [c for c in selected if c.kind == "person"])
    extra += report_candidates.repeats(ctx, [c for c in selected if c.type == "report"], spans)
    selected = select(selected + extra, taken)
    concepts, mentions = build(ctx, ek, selected)
    concepts, mentions = resolve.merge(concepts, mentions)
    return concepts, mentions, pattern_relations(ctx, selected, concepts, mentions)


def _known_places(ctx: TextContext, ek: EntityKnowledge, cands: list[Candidate]) -> list[Candidate]:
    """The place a known organisation is responsible for, where its name contains it ("Region Halland")."""
    out = []
    for c in cands:
        place = ek.place_of(c.iri) if c.type == "actor" and c.iri else None
        if place is None:
            continue
        surface = ctx.text[c.start:c.end]
        forms = set(place.all_labels) | {re.sub(r"s? län$", "", x) for x in place.all_labels if x.endswith(" län")}
        for label in sorted(forms, key=len, reverse=True):  # "Region Stockholm": the county Stockholms län
            pos = surface.find(label)
            if pos >= 0:
                pred = "responsibleFor" if c.kind in ("region", "municipality") else "locatedIn"
                out.append(Candidate("region", place.pref_label, c.start + pos, c.start + pos + len(label),
                                     "places.derived", kind=place.kind, iri=place.iri, derived=True,
                                     related=((pred, c.start, c.end, False),)))
                break
    return out


def _names_in_titles(ctx: TextContext, ek: EntityKnowledge, cands: list[Candidate],
                     titles: list[tuple[int, int]]) -> list[Candidate]:
    """Known actors and places named inside a report title ("överenskommelsen mellan staten och SKR")."""
    spans = {c.span for c in cands if c.type == "report"} | set(titles)
    out = []
    for s, e in sorted(spans):
        if " " not in ctx.text[s:e].strip():
            continue
        second = re.search(r"\s\S", ctx.text[s:e])
        inner = s + second.end() - 1 if second else e  # from the second word: the title itself starts at the first
        for c in scan(ctx, ek, inner, e):
            if c.type != "report":
                out.append(Candidate(**{**_fields(c), "strong": True, "extractor": "gazetteer.title"}))
    return out


def _fields(c: Candidate) -> dict:
    return {f: getattr(c, f) for f in Candidate.__slots__}


def _rank(c: Candidate) -> tuple:
    return (-(c.end - c.start), not c.strong, c.iri is None, c.start, c.extractor)


def select(cands: list[Candidate], taken: list[tuple[int, int]]) -> list[Candidate]:
    """Settle overlaps (see module docstring); the result is in text order, duplicates removed."""
    claimed = SpanIndex(taken)
    free = [c for c in cands if c.strong or c.derived or not claimed.contains(*c.span)]
    kept: list[Candidate] = []
    for group in ("actor", "report", "initiative"):
        chosen = _Disjoint()
        for c in sorted((c for c in free if c.type == group), key=_rank):
            if chosen.add(c.span):
                kept.append(c)
    orgs = _Disjoint()
    for k in kept:
        if k.type == "actor":
            orgs.add(k.span)
    title_starts = {k.start for k in kept if k.type in ("report", "initiative")}  # "i Länsgemensam handlingsplan"
    chosen = _Disjoint()
    for c in sorted((c for c in free if c.type == "region"), key=_rank):
        if (c.derived or not orgs.overlaps(c.span) and c.start not in title_starts) and chosen.add(c.span):
            kept.append(c)
    same_span = {}
    for c in kept:
        same_span.setdefault((c.type, c.start, c.end), c)
    return sorted(same_span.values(), key=lambda c: (c.start, c.end, c.type))


class _Disjoint:
    """Non-overlapping spans kept sorted, with logarithmic overlap tests."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, span: tuple[int, int]) -> bool:
        i = bisect.bisect_left(self.starts, span[1])  # spans starting before ours ends
        return i > 0 and self.ends[i - 1] > span[0]

    def add(self, span: tuple[int, int]) -> bool:
        """Add ``span`` unless it overlaps one already kept; True when added."""
        if self.overlaps(span):
            return False
        i = bisect.bisect_left(self.starts, span[0])
        self.starts.insert(i, span[0])
        self.ends.insert(i, span[1])
        return True


def build(ctx: TextContext, ek: EntityKnowledge, cands: list[Candidate]) -> tuple[list[Concept], list[Mention]]:
    """One concept per IRI (labels: data labels, found labels, surfaces) and one mention per candidate."""
    groups: dict[str, list[Candidate]] = {}
    for c in cands:
        groups.setdefault(candidate_iri(c, ek), []).append(c)
    concepts, mentions = [], []
    for iri, group in groups.items():
        entry = ek.entries.get(iri)
        concepts.append(_concept(ctx, iri, entry, group))
        for c in group:
            mentions.append(Mention(concept=iri, start=c.start, end=c.end, surface=ctx.text[c.start:c.end],
                                    extractor=c.extractor, score=c.score))
    return concepts, mentions


def candidate_iri(c: Candidate, ek: EntityKnowledge) -> str:
    return c.iri or iris.concept(c.type, c.key or c.label, base=ek.base_iri)


def _concept(ctx: TextContext, iri: str, entry: Entry | None, group: list[Candidate]) -> Concept:
    best = sorted(group, key=lambda c: (not c.strong, c.start))[0]
    pref = entry.pref_label if entry else best.label
    labels = list(entry.labels if entry else ())
    for c in group:  # a place read out of a name keeps the name's wording out of its labels
        labels += [c.label, *c.labels] + ([] if c.derived else [norm_space(ctx.text[c.start:c.end])])
    labels = [x for x in dict.fromkeys(labels) if x and x != pref]
    notation = (entry.notations[0] if entry and entry.notations else None) or next(
        (c.notation for c in group if c.notation), None)
    kind = (entry.kind if entry else None) or next((c.kind for c in group if c.kind), None)
    return Concept(iri=iri, type=best.type, pref_label=pref, labels=tuple(labels), kind=kind,
                   in_thesaurus=entry is not None, notation=notation)


def pattern_relations(ctx: TextContext, cands: list[Candidate], concepts: list[Concept],
                      mentions: list[Mention]) -> list[Relation]:
    """hasRole, memberOf, locatedIn and responsibleFor that the patterns established, with evidence."""
    types = {c.iri: c.type for c in concepts}
    at = {}
    for m in mentions:
        at.setdefault((types.get(m.concept), m.start, m.end), m.concept)
    out: list[Relation] = []
    for c in cands:
        this = at.get((c.type, c.start, c.end))
        if this is None:
            continue
        for pred, s, e, this_subject in c.related:
            other = at.get(("actor", s, e))
            if other and other != this:
                subj, obj = (this, other) if this_subject else (other, this)
                out.append(Relation(subj, pred, obj, min(s, c.start), max(e, c.end), c.extractor))
        if c.role:
            role = re.sub(r"^(?:den|det|vår|vårt)\s+", "", c.role[0]).strip()
            out.append(Relation(this, "hasRole", role, c.role[1], c.role[2], "persons", literal=True))
        if c.extractor == "places.postal":
            owner = _owner_before(ctx, c.start, mentions, types)
            if owner:
                out.append(Relation(owner[0], "locatedIn", this, owner[1], c.end, "places.postal"))
        if c.kind == "person":
            org = _employer(ctx, c.end, mentions, types)
            if org:
                out.append(Relation(this, "memberOf", org[0], c.start, org[1], "persons"))
    return list(dict.fromkeys(out))


def _owner_before(ctx: TextContext, pos: int, mentions: list[Mention], types: dict) -> tuple[str, int] | None:
    """The organisation named just before an address line: "FoU i Sörmland / Drottninggatan 16 B / 632 20 …"."""
    best = None
    for m in _ending_in(mentions, pos - 120, pos):
        if types.get(m.concept) == "actor":
            between = ctx.text[m.end:pos]
            if not re.search(r"[.!?]\s", between) and between.count("\n\n") <= 3:
                best = (m.concept, m.start) if best is None or m.start > best[1] else best
    return best


def _ending_in(mentions: list[Mention], lo: int, hi: int) -> list[Mention]:
    """Mentions (sorted by start, as merge returns them) that end between ``lo`` and ``hi``."""
    i = bisect.bisect_left([m.start for m in mentions], hi + 1)
    return [m for m in mentions[max(0, i - 200):i] if lo <= m.end <= hi]


def _employer(ctx: TextContext, end: int, mentions: list[Mention], types: dict) -> tuple[str, int] | None:
    """The organisation a person works at: "Anna Andersson, chef vid Region Skåne", "Per Holm på SKR"."""
    m = re.match(r"(?:,[^,.;()\n]{0,60}?)?\s(?:vid|på|hos|från)\s", ctx.text[end:end + 90])
    if not m:
        return None
    pos = end + m.end()
    for mention in mentions:
        if mention.start == pos and types.get(mention.concept) == "actor":
            return (mention.concept, mention.end)
    return None
