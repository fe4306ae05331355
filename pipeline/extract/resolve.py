"""Entity resolution: one concept per real thing in a document, mentions re-pointed to it.

Concepts of one type are merged when

* they have the same IRI (the thesaurus and a pattern found the same known entity);
* they share a label, compared without case, dash style or genitive ("Region Hallands");
* for reports, they share a title key (:func:`.titles.title_key`: "God och Nära Vård - X" and
  "God och nära vård – X" are one report), and a document's målbilder are one målbild (a page
  describes its own target vision, "Målbilden ”Omtanke Halland”" and the PDF "Målbild … -
  kortversion");
* for actors, one is an abbreviation of the other: "SKR" of "Sveriges Kommuner och Regioner",
  "FoUiS" of "FoU i Sörmland" (initials, keeping an abbreviation inside the name whole).

The concept kept is the thesaurus one if any, else the one mentioned first; it takes all labels.
Places and the organisations named after them have different types and never merge.

Before merging, weak name evidence is dropped: a place or report whose labels are all capitalised
but that was only ever found in lower case ("vara", "effektiv vård"), and a known report found by
another matcher only under a short title of one or two words with no cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from ..types import Concept, Mention
from .spans import SpanIndex, norm_space
from .titles import title_key

NAME_TYPES = ("actor", "report", "region")
OWN_EXTRACTORS = ("gazetteer", "actors", "reports", "places", "persons")


def merge(concepts: list[Concept], mentions: list[Mention],
          aliases: Mapping[str, Iterable[str]] | None = None) -> tuple[list[Concept], list[Mention]]:
    """Merge concepts that denote the same thing (see module docstring); mentions follow.

    ``aliases`` gives further labels of a concept that count for merging but are not shown: the
    thesaurus' hidden labels ("regeringens", "SKR:s").
    """
    merged, mentions, _where = merge_map(concepts, mentions, aliases)
    return merged, mentions


def merge_map(concepts: list[Concept], mentions: list[Mention], aliases: Mapping[str, Iterable[str]] | None = None
              ) -> tuple[list[Concept], list[Mention], dict[str, str]]:
    """:func:`merge`, also returning where each kept concept IRI went (dropped ones are absent)."""
    concepts = _same_iri(concepts)
    by_iri = {c.iri: c for c in concepts}
    mentions = _outside_persons(mentions, by_iri)
    of: dict[str, list[Mention]] = {}
    for m in mentions:
        of.setdefault(m.concept, []).append(m)
    weak = {c.iri for c in concepts if _weak(c, of.get(c.iri, []))}
    weak |= {c.iri for c in concepts if c.type == "region" and c.iri not in of}
    concepts = [c for c in concepts if c.iri not in weak]
    mentions = [m for m in mentions if m.concept not in weak and m.concept in by_iri]
    first = {}
    for m in sorted(mentions, key=lambda m: m.start):
        first.setdefault(m.concept, m.start)
    parent = {c.iri: c.iri for c in concepts}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            keep, drop = sorted((ra, rb), key=lambda i: (not by_iri[i].in_thesaurus, first.get(i, 1 << 60), i))
            parent[drop] = keep

    for a, b in _pairs(concepts, aliases or {}):
        union(a, b)
    groups: dict[str, list[Concept]] = {}
    for c in concepts:
        groups.setdefault(find(c.iri), []).append(c)
    merged = [_combine(by_iri[root], group) for root, group in groups.items()]
    merged.sort(key=lambda c: (first.get(c.iri, 1 << 60), c.iri))
    where = {iri: find(iri) for iri in parent}
    moved = {}  # (concept, start, end) -> the mention, pointed at its merged concept; the last one stays
    for m in mentions:
        to = where[m.concept]
        moved[(to, m.start, m.end)] = m if to == m.concept else Mention(to, m.start, m.end, m.surface, m.extractor,
                                                                         m.score)
    out_mentions = list(moved.values())
    out_mentions.sort(key=lambda m: (m.start, m.end, m.concept))
    return merged, out_mentions, where


def _outside_persons(mentions: list[Mention], by_iri: dict[str, Concept]) -> list[Mention]:
    """Drop place mentions inside a person's name ("Lund" in "Anna Lund"): a surname, not a place."""
    persons = SpanIndex((m.start, m.end) for m in mentions if m.concept in by_iri and by_iri[m.concept].kind == "person")
    if not persons.starts:
        return mentions
    return [m for m in mentions if not (m.concept in by_iri and by_iri[m.concept].type == "region"
                                        and persons.contains(m.start, m.end))]


def _same_iri(concepts: list[Concept]) -> list[Concept]:
    groups: dict[str, list[Concept]] = {}
    for c in concepts:
        groups.setdefault(c.iri, []).append(c)
    return [_combine(g[0], g) if len(g) > 1 else g[0] for g in groups.values()]


def _combine(rep: Concept, group: list[Concept]) -> Concept:
    thesaurus = next((c for c in group if c.in_thesaurus), None)
    rep = thesaurus or rep
    labels = [x for c in [rep] + group for x in (c.pref_label, *c.labels)]
    labels = [x for x in dict.fromkeys(labels) if x and x != rep.pref_label]
    return Concept(iri=rep.iri, type=rep.type, pref_label=rep.pref_label, labels=tuple(labels),
                   kind=rep.kind or next((c.kind for c in group if c.kind), None),
                   in_thesaurus=any(c.in_thesaurus for c in group),
                   notation=rep.notation or next((c.notation for c in group if c.notation), None))


def _weak(c: Concept, mentions: list[Mention]) -> bool:
    if c.type not in NAME_TYPES or not mentions:
        return False
    labels = (c.pref_label, *c.labels)
    lower = all(m.surface[:1].islower() and len(m.surface.split()) <= 2 for m in mentions)
    if c.type != "actor" and lower and all(not x[:1].islower() for x in labels):
        return True  # ("regeringen", "riksdagen": institutions are written in lower case, actors are exempt)
    if c.type == "report" and c.in_thesaurus:
        own = any(m.extractor.split(".")[0] in OWN_EXTRACTORS for m in mentions)
        strong = any(len(m.surface.split()) >= 3 or re.search(r"\d", m.surface) for m in mentions)
        return not own and not strong
    return False


@lru_cache(maxsize=50_000)
def fold(label: str) -> str:
    """Label comparison key: lower case, one dash style, no genitive ending."""
    s = norm_space(label).lower().strip(" \"'”“«».,:;")
    if s.endswith(":s"):
        return s[:-2]
    return s


def _pairs(concepts: list[Concept], aliases: Mapping[str, Iterable[str]]):
    """Pairs of concept IRIs that denote the same thing."""
    for type_ in NAME_TYPES:
        group = [c for c in concepts if c.type == type_]
        seen: dict[str, str] = {}
        for c in group:
            for key in sorted(_keys(c, tuple(aliases.get(c.iri, ())))):
                if key in seen and seen[key] != c.iri:
                    yield seen[key], c.iri
                seen.setdefault(key, c.iri)
        if type_ == "actor":
            yield from _abbreviation_pairs(group)
        if type_ == "report":
            malbild = [c.iri for c in group if c.kind == "malbild"]
            yield from zip(malbild, malbild[1:], strict=False)


def _keys(c: Concept, hidden: tuple[str, ...] = ()) -> set[str]:
    labels = (c.pref_label, *c.labels, *hidden)
    if c.type == "report":
        return {title_key(x) for x in labels if len(x) >= 4}
    keys = {fold(x) for x in labels if len(x) >= 2}
    if c.type == "actor" and c.kind != "person":
        keys |= {k[:-1] for k in keys if k.endswith("s") and " " in k and len(k) > 4}
    return keys


def is_abbreviation(label: str) -> bool:
    return bool(re.fullmatch(r"[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,9}", label)) and sum(ch.isupper() for ch in label) >= 2


def initials(name: str) -> set[str]:
    """Ways an abbreviation can be read out of a name: "FoU i Sörmland" -> {"FoUiS", "FoUS"}."""
    return set(_initials(name))


@lru_cache(maxsize=50_000)
def _initials(name: str) -> frozenset[str]:
    tokens = [t for t in re.split(r"[\s-]+", name) if t]
    if len(tokens) < 2:
        return frozenset()
    every = "".join(t if is_abbreviation(t) else t[0] for t in tokens)
    content = "".join(t if is_abbreviation(t) else t[0] for t in tokens if not t.islower() or len(t) > 3)
    return frozenset({every.lower(), content.lower()})


def _abbreviation_pairs(actors: list[Concept]):
    names = [(c.iri, x) for c in actors if c.kind != "person" for x in (c.pref_label, *c.labels) if " " in x]
    for c in actors:
        for label in (c.pref_label, *c.labels):
            if not is_abbreviation(label):
                continue
            for other, name in names:
                if other != c.iri and label.lower() in _initials(name):
                    yield other, c.iri
