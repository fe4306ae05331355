"""The ontology, thesaurus and gazetteer as quads, and the lookups the graph builder derives from them.

``ontology_quads(settings)`` reads every Turtle file under ``settings.ontology`` (``naravard.ttl``,
``thesaurus/*.ttl``, the gazetteer, …; SHACL shapes files excepted) into the named graph
``{base}graph/ontology``, so that queries can use preferred labels, ``skos:broader``, kinds and the
gazetteer. IRIs under the default base are moved to ``settings.base_iri``; the ``nvo:`` namespace is
never moved. Blank nodes, if a data file has any, become IRIs numbered in order of appearance in
their file, so the result is the same on every run.

``kind_classes`` maps (concept type, kind) to the kind class, read from ``nvo:kindCode`` in
``naravard.ttl``; ``label_index`` maps a folded label to the concept IRI of each type, used to give a
source's publisher and region the same IRI the thesaurus and gazetteer use.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from .. import iri
from ..errors import StoreError
from ..settings import DEFAULT_BASE_IRI, Settings
from ..vocab import CLASS_TYPE, NVO, NVO_NS, RDF, RDFS, SKOS, TYPE_CLASS

ONTOLOGY_FILE = "naravard.ttl"
_LABELS = (str(SKOS.prefLabel), str(SKOS.altLabel), str(SKOS.hiddenLabel), str(SKOS.notation))


def ontology_files(directory: Path) -> list[Path]:
    """The Turtle files loaded into the ontology graph, in a stable order (shapes files excluded)."""
    if not directory.is_dir():
        raise StoreError(f"{directory}: ontology directory not found", subject=str(directory),
                         hint="set `ontology` in naravard.toml to the folder holding naravard.ttl")
    files = [p for p in directory.rglob("*.ttl") if "shapes" not in p.name]
    return sorted(files, key=lambda p: p.relative_to(directory).as_posix())


def _stamp(settings: Settings) -> tuple:
    files = ontology_files(Path(settings.ontology))
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def ontology_quads(settings: Settings) -> list[ox.Quad]:
    """Every triple of the ontology folder as a quad in ``{base}graph/ontology`` (see module docstring)."""
    return list(_cached_quads(_stamp(settings), str(settings.ontology), settings.base_iri))


@lru_cache(maxsize=8)
def _cached_quads(stamp: tuple, directory: str, base: str) -> tuple[ox.Quad, ...]:
    graph = ox.NamedNode(iri.ontology_graph(base))
    out: list[ox.Quad] = []
    for path_str, _, _ in stamp:
        path = Path(path_str)
        name = path.relative_to(directory).with_suffix("").as_posix()
        out.extend(_file_quads(path, name, graph, base))
    return tuple(dict.fromkeys(out))  # drop repeats, keep order


def _file_quads(path: Path, name: str, graph: ox.NamedNode, base: str) -> list[ox.Quad]:
    try:
        triples = [q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, without_named_graphs=True)]
    except (SyntaxError, OSError, ValueError) as exc:
        raise StoreError(f"{path}: cannot read ontology file: {exc}", subject=str(path),
                         hint="fix the Turtle syntax (e.g. check it with `riot --validate` or rdflib)") from exc
    bnodes: dict[str, ox.NamedNode] = {}

    def term(t):
        if isinstance(t, ox.BlankNode):
            if t.value not in bnodes:
                bnodes[t.value] = ox.NamedNode(iri.part(graph.value, f"{name}-{len(bnodes) + 1}"))
            return bnodes[t.value]
        if isinstance(t, ox.NamedNode) and base != DEFAULT_BASE_IRI and not t.value.startswith(NVO_NS):
            return ox.NamedNode(iri.rebase(t.value, base))
        return t

    return [ox.Quad(term(t.subject), term(t.predicate), term(t.object), graph) for t in triples]


@lru_cache(maxsize=8)
def _model(path: str, mtime: int) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """(type, kind) -> kind class, and class -> type, from naravard.ttl."""
    parents: dict[str, set[str]] = {}
    codes: dict[str, str] = {}
    for q in ox.parse(path=path, format=ox.RdfFormat.TURTLE):
        s, p, o = q.subject, q.predicate.value, q.object
        if p == str(RDFS.subClassOf) and isinstance(o, ox.NamedNode):
            parents.setdefault(s.value, set()).add(o.value)
        elif p == str(NVO.kindCode):
            codes[s.value] = o.value

    def type_of(cls: str, seen: frozenset = frozenset()) -> str | None:
        if cls in CLASS_TYPE:
            return CLASS_TYPE[cls]
        for parent in sorted(parents.get(cls, ())):
            if parent not in seen and (found := type_of(parent, seen | {cls})):
                return found
        return None

    kinds: dict[tuple[str, str], str] = {}
    class_types: dict[str, str] = dict(CLASS_TYPE)
    for cls in parents:
        if t := type_of(cls):
            class_types[cls] = t
    for cls, code in codes.items():
        if t := class_types.get(cls):
            kinds[(t, code)] = cls
    return kinds, class_types


def _model_for(settings: Settings):
    path = Path(settings.ontology) / ONTOLOGY_FILE
    try:
        return _model(str(path), path.stat().st_mtime_ns)
    except (OSError, SyntaxError) as exc:
        raise StoreError(f"{path}: cannot read the ontology: {exc}", subject=str(path)) from exc


def kind_classes(settings: Settings) -> dict[tuple[str, str], str]:
    """(Concept.type, Concept.kind) -> class IRI, e.g. ("report", "sou") -> nvo:InquiryReport."""
    return _model_for(settings)[0]


def class_types(settings: Settings) -> dict[str, str]:
    """Class IRI -> Concept.type for every concept class and kind class of the ontology."""
    return _model_for(settings)[1]


def fold(label: str) -> str:
    """Case- and space-insensitive form of a label for lookups."""
    return " ".join(label.casefold().split())


def label_index(settings: Settings) -> dict[tuple[str, str], str]:
    """(Concept.type, folded label) -> concept IRI, over the thesaurus and gazetteer (first file wins)."""
    classes = tuple(sorted(class_types(settings).items()))
    return _label_index(_stamp(settings), str(settings.ontology), settings.base_iri, classes)


@lru_cache(maxsize=4)
def _label_index(stamp: tuple, directory: str, base: str, classes: tuple[tuple[str, str], ...]):
    cls_type = dict(classes)
    types: dict[str, str] = {}
    labels: list[tuple[str, str]] = []
    rdf_type = str(RDF.type)
    for q in _cached_quads(stamp, directory, base):
        p = q.predicate.value
        if p == rdf_type and q.object.value in cls_type:
            types.setdefault(q.subject.value, cls_type[q.object.value])
        elif p in _LABELS and isinstance(q.object, ox.Literal):
            labels.append((q.subject.value, q.object.value))
    index: dict[tuple[str, str], str] = {}
    for subject, label in labels:
        if subject in types:
            index.setdefault((types[subject], fold(label)), subject)
    return index


def described_concepts(settings: Settings) -> frozenset[str]:
    """IRIs that have a skos:prefLabel in the ontology graph (the thesaurus and gazetteer concepts)."""
    return _described(_stamp(settings), str(settings.ontology), settings.base_iri)


@lru_cache(maxsize=4)
def _described(stamp: tuple, directory: str, base: str) -> frozenset[str]:
    pref = str(SKOS.prefLabel)
    return frozenset(q.subject.value for q in _cached_quads(stamp, directory, base) if q.predicate.value == pref)


def type_class_iri(type_: str) -> str:
    """The class of a concept type; raises KeyError for an unknown type."""
    return str(TYPE_CLASS[type_])
