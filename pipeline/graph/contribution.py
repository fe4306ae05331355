"""What one source graph adds to the corpus summary, read from the graph's own N-Quads.

The corpus summary (:mod:`pipeline.graph.summary`) sums, over every source graph, three tables:
stated relations, co-occurrences, and principles with the actors mentioned beside them. Each
graph's share of those sums depends on that graph alone, so it can be worked out once, where the
graph is built (in the worker processes, in parallel), and kept next to the graph in history. The
summary of a whole corpus is then the sum of its graphs' contributions: a few thousand small rows
per source, added up in seconds, instead of aggregate queries over every source graph in the store.

:func:`contribution` reads the same patterns the summary's SPARQL reads (see ``RELATIONS``,
``CO_OCCURRENCES`` and ``PRINCIPLE_ACTORS`` there) and joins them the same way, multiplicities
included, so the two paths give the same summary; a test holds them to it. Terms stay in the
N-Triples form Oxigraph writes, which is what the summary writes back::

    contribution(lines, graph, base) -> Contribution     # lines: the graph's N-Quads lines
    Contribution.to_json() / Contribution.from_json(data)
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..vocab import NVO, RDF, SKOS

# Names the code that computes a contribution: kept contributions are filed under it, so a change
# here makes every source's contribution be computed again from its kept graph.
CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]

_TYPE, _SUBJECT, _PREDICATE, _OBJECT = (f"<{t}>" for t in (RDF.type, RDF.subject, RDF.predicate, RDF.object))
_EVIDENCE_COUNT, _MENTIONS, _CONCEPT, _MENTION_COUNT, _KIND = (
    f"<{t}>" for t in (NVO.evidenceCount, NVO.mentions, NVO.concept, NVO.mentionCount, NVO.kind))
_PREF_LABEL = f"<{SKOS.prefLabel}>"
_STATEMENT, _CO_OCCURRENCE, _ACTOR, _PRINCIPLE = (
    f"<{t}>" for t in (NVO.Statement, NVO.CoOccurrence, NVO.Actor, NVO.Principle))
_CLASSES = (_STATEMENT + " ", _CO_OCCURRENCE + " ", _ACTOR + " ", _PRINCIPLE + " ")  # rdf:type objects read
_READ = frozenset({_SUBJECT, _PREDICATE, _OBJECT, _EVIDENCE_COUNT, _MENTIONS, _CONCEPT, _MENTION_COUNT, _KIND,
                   _PREF_LABEL})


@dataclass
class Contribution:
    """One graph's rows of the three summary tables (N-Triples terms, counts), and the labels it gives.

    ``labels`` maps a concept to the least Swedish ``skos:prefLabel`` and the least ``nvo:kind`` this
    graph gives it (None where it gives none): the summary takes them for concepts the thesaurus does
    not describe, from the first graph that holds the row.
    """

    relations: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (a, p, b) -> passages
    co_occurrences: dict[tuple[str, str], int] = field(default_factory=dict)  # (a, b) -> sentences
    principle_actors: dict[tuple[str, str], int] = field(default_factory=dict)  # (principle, actor) -> actor mentions
    labels: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)

    def to_json(self) -> bytes:
        data = {"relations": sorted([*k, n] for k, n in self.relations.items()),
                "co_occurrences": sorted([*k, n] for k, n in self.co_occurrences.items()),
                "principle_actors": sorted([*k, n] for k, n in self.principle_actors.items()),
                "labels": {c: list(v) for c, v in sorted(self.labels.items())}}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Contribution:
        d = json.loads(data)
        return cls(relations={(a, p, b): n for a, p, b, n in d["relations"]},
                   co_occurrences={(a, b): n for a, b, n in d["co_occurrences"]},
                   principle_actors={(a, b): n for a, b, n in d["principle_actors"]},
                   labels={c: (label, kind) for c, (label, kind) in d["labels"].items()})


def contribution(lines: Iterable[str], graph: str, base: str) -> Contribution:
    """The contribution of the graph ``graph`` whose quads are the N-Quads ``lines`` (all in that graph,
    in any order, without repeats), under the base IRI ``base``."""
    facts = _facts(lines, graph, base)
    out = Contribution()
    for a, p, b, n in _reified(facts, _STATEMENT):
        _add(out.relations, (a, p, b), n)
    for a, _p, b, n in _reified(facts, _CO_OCCURRENCE, with_predicate=False):
        _add(out.co_occurrences, (a, b), n)
    for principle in facts.typed[_PRINCIPLE]:
        documents = facts.mentioned.get(principle, 0)
        if not documents:
            continue
        for actor in facts.typed[_ACTOR]:
            for occurrence in facts.occurrences.get(actor, ()):
                for n in facts.values[occurrence][_MENTION_COUNT]:
                    _add(out.principle_actors, (principle, actor), documents * _integer(n))
    for concept, values in facts.values.items():
        label = _least(v for v in values[_PREF_LABEL] if v.endswith('"@sv'))
        kind = _least(values[_KIND])
        if label is not None or kind is not None:
            out.labels[concept] = (label, kind)
    return out


def _reified(facts: _Facts, cls: str, *, with_predicate: bool = True):
    """(subject, predicate, object, evidence count) of each node of ``cls``, every combination of its
    values as the SPARQL join gives them (the predicate None when the query does not read it)."""
    for s in facts.typed[cls]:
        values = facts.values[s]
        for n in values[_EVIDENCE_COUNT]:
            for a in values[_SUBJECT]:
                for b in values[_OBJECT]:
                    for p in values[_PREDICATE] if with_predicate else (None,):
                        yield a, p, b, _integer(n)


class _Facts:
    """The quads the summary reads, indexed: values of each subject, subjects of each class, and so on."""

    def __init__(self) -> None:
        self.values: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.typed: dict[str, list[str]] = defaultdict(list)
        self.mentioned: dict[str, int] = defaultdict(int)  # concept -> documents saying nvo:mentions it
        self.occurrences: dict[str, list[str]] = defaultdict(list)  # concept -> its occurrence nodes


def _facts(lines: Iterable[str], graph: str, base: str) -> _Facts:
    facts = _Facts()
    tail = f" <{graph}> ."
    skip = (f"<{base}mention/", f"<{base}span/")  # four fifths of a graph, and none of it is read
    for line in lines:
        if not line or line.startswith(skip):
            continue
        s, p, rest = line.split(" ", 2)
        if p == _TYPE:
            if rest.startswith(_CLASSES):
                facts.typed[rest.split(" ", 1)[0]].append(s)
            continue
        if p not in _READ:
            continue
        if not rest.endswith(tail):
            raise ValueError(f"a quad outside graph {graph}: {line}")
        o = rest[:-len(tail)]
        if p == _MENTIONS:
            facts.mentioned[o] += 1
        elif p == _CONCEPT:
            facts.occurrences[o].append(s)
        facts.values[s][p].append(o)
    return facts


def _add(table: dict, key: tuple, n: int) -> None:
    table[key] = table.get(key, 0) + n


def _integer(term: str) -> int:
    """The value of an N-Triples integer literal, ``"3"^^<…#integer>``."""
    return int(term[1:term.index('"', 1)])


def literal_value(term: str) -> str:
    """The lexical value of an N-Triples literal as Oxigraph writes it (JSON's escapes are the same)."""
    return json.loads(term[:term.rindex('"') + 1])


def _least(literals) -> str | None:
    """The literal with the least value (as MIN compares strings), or None."""
    return min(literals, key=literal_value, default=None)
