"""Load the SKOS thesaurus (``ontology/thesaurus/*.ttl``, ``ontology/gazetteer/*.ttl``) into entries.

Every ``skos:Concept`` in those files becomes an :class:`Entry`: its IRI (moved to the configured
base), its concept type, its Swedish labels (pref, alt, hidden), labels in other languages,
notations such as "SOU 2020:19", its kind, and for shifts the från/till states. The type comes
from the concept's nvo class (also through ``rdfs:subClassOf`` declared in ``ontology/*.ttl``), else
from its scheme's ``dct:subject``. The files are data: a new principle, synonym, actor or place is
an edit there, and this module picks it up generically.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import iri as iris
from ..errors import ExtractError

SKOS = "http://www.w3.org/2004/02/skos/core#"
NVO = "https://w3id.org/naravard/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
DCT_SUBJECT = "http://purl.org/dc/terms/subject"

# Concept type by the local name of its nvo class (the shared vocabulary).
CLASS_TYPES = {
    "Principle": "principle", "Shift": "shift", "Actor": "actor", "Report": "report", "Place": "region",
    "Goal": "goal", "FocusArea": "focus_area", "SuccessFactor": "success_factor",
    "DrivingForce": "driving_force", "Initiative": "initiative",
}
LABEL_PROPERTIES = {SKOS + "prefLabel": "pref", SKOS + "altLabel": "alt", SKOS + "hiddenLabel": "hidden"}
MATCH_LANGUAGES = ("sv", "")  # labels matched against the text; others are shown, not matched


@dataclass(frozen=True, slots=True)
class Entry:
    """One thesaurus concept, as the extractor needs it."""

    iri: str
    type: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    other_labels: tuple[str, ...] = ()  # labels in other languages (shown, not matched)
    notations: tuple[str, ...] = ()
    kind: str | None = None
    from_states: tuple[str, ...] = ()
    to_states: tuple[str, ...] = ()

    def match_labels(self) -> Iterable[tuple[str, int]]:
        """Labels to match with their rank: 0 preferred, 1 alternative, 2 hidden, 3 notation."""
        yield self.pref_label, 0
        for label in self.alt_labels:
            yield label, 1
        for label in self.hidden_labels:
            yield label, 2
        for label in self.notations:
            if any(c.isalpha() for c in label):  # "SOU 2020:19" is text; a bare code such as "0114" is not
                yield label, 3

    def display_labels(self) -> tuple[str, ...]:
        """Preferred label, alternative labels, notations, then labels in other languages."""
        out: list[str] = []
        for label in (self.pref_label, *self.alt_labels, *self.notations, *self.other_labels):
            if label not in out and "…" not in label and not label.endswith("*"):
                out.append(label)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Thesaurus:
    entries: dict[str, Entry]
    files: tuple[Path, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def by_type(self, type_: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.type == type_]


def thesaurus_files(ontology: Path) -> list[Path]:
    """The data files the thesaurus is built from, in a stable order."""
    out: list[Path] = []
    for sub in ("thesaurus", "gazetteer"):
        out.extend(sorted((ontology / sub).glob("*.ttl")))
    return out


def load_thesaurus(ontology: Path, base: str = iris.DEFAULT_BASE_IRI) -> Thesaurus:
    """Read every thesaurus and gazetteer file under ``ontology`` (plus class declarations in ``ontology/*.ttl``)."""
    files = thesaurus_files(ontology)
    triples = list(_read(sorted(ontology.glob("*.ttl")) + files))
    return build(triples, base, tuple(files))


def build(triples: Sequence[tuple[str, str, object]], base: str, files: tuple[Path, ...] = ()) -> Thesaurus:
    """Entries from (subject, predicate, object) triples; objects are IRIs (str) or (text, lang) literals."""
    props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        props[s][p].append(o)
    supers = {s: [o for o in ps.get(SUBCLASS, []) if isinstance(o, str)] for s, ps in props.items()}
    entries: dict[str, Entry] = {}
    warnings: list[str] = []
    for subject, ps in sorted(props.items()):
        if SKOS + "Concept" not in ps.get(RDF_TYPE, []):
            continue
        type_ = _type_of(ps, supers, props)
        if type_ is None:
            warnings.append(f"{subject}: no concept type (nvo class or scheme with dct:subject); skipped")
            continue
        entry = _entry(iris.rebase(subject, base), type_, ps, props)
        if entry is None:
            warnings.append(f"{subject}: no Swedish skos:prefLabel; skipped")
            continue
        entries[entry.iri] = entry
    return Thesaurus(entries=entries, files=files, warnings=tuple(warnings))


def _read(paths: Iterable[Path]) -> Iterable[tuple[str, str, object]]:
    import pyoxigraph

    for path in paths:
        try:
            quads = pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
            for q in quads:
                o = q.object
                obj = o.value if isinstance(o, pyoxigraph.NamedNode) else (o.value, getattr(o, "language", None) or "")
                if isinstance(o, pyoxigraph.BlankNode):
                    continue
                yield q.subject.value, q.predicate.value, obj
        except (SyntaxError, OSError, ValueError) as exc:
            raise ExtractError(f"{path}: cannot read thesaurus file: {exc}", subject=str(path),
                               hint="fix the Turtle syntax (e.g. check it with `rapper -i turtle`)") from exc


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _class_type(cls: str, supers: dict[str, list[str]], seen: set[str] | None = None) -> str | None:
    if cls.startswith(NVO) and _local(cls) in CLASS_TYPES:
        return CLASS_TYPES[_local(cls)]
    seen = seen if seen is not None else set()
    for sup in supers.get(cls, []):
        if sup not in seen:
            seen.add(sup)
            found = _class_type(sup, supers, seen)
            if found:
                return found
    return None


def _type_of(ps: dict[str, list], supers: dict[str, list[str]], props: dict) -> str | None:
    for cls in sorted(c for c in ps.get(RDF_TYPE, []) if isinstance(c, str)):
        found = _class_type(cls, supers)
        if found:
            return found
    for scheme in ps.get(SKOS + "inScheme", []):
        for cls in props.get(scheme, {}).get(DCT_SUBJECT, []):
            found = _class_type(cls, supers) if isinstance(cls, str) else None
            if found:
                return found
    return None


def _kind_of(ps: dict[str, list], props: dict) -> str | None:
    for value in ps.get(NVO + "kind", []):
        if isinstance(value, tuple):
            return value[0]
    for cls in sorted(c for c in ps.get(RDF_TYPE, []) if isinstance(c, str)):
        for code in props.get(cls, {}).get(NVO + "kindCode", []):
            if isinstance(code, tuple):
                return code[0]
    return None


def _entry(iri: str, type_: str, ps: dict[str, list], props: dict) -> Entry | None:
    labels: dict[str, list[str]] = {"pref": [], "alt": [], "hidden": [], "other": []}
    for prop, rank in LABEL_PROPERTIES.items():
        for value in sorted(v for v in ps.get(prop, []) if isinstance(v, tuple)):
            text, lang = value
            bucket = rank if lang.split("-")[0] in MATCH_LANGUAGES else "other"
            if text not in labels[bucket]:
                labels[bucket].append(text)
    if not labels["pref"]:
        if not labels["alt"]:
            return None
        labels["pref"].append(labels["alt"].pop(0))
    pref, *more_prefs = labels["pref"]
    return Entry(
        iri=iri,
        type=type_,
        pref_label=pref,
        alt_labels=tuple(more_prefs + labels["alt"]),
        hidden_labels=tuple(labels["hidden"]),
        other_labels=tuple(labels["other"]),
        notations=tuple(sorted(v[0] for v in ps.get(SKOS + "notation", []) if isinstance(v, tuple))),
        kind=_kind_of(ps, props),
        from_states=tuple(sorted(v[0] for v in ps.get(NVO + "fromState", []) if isinstance(v, tuple))),
        to_states=tuple(sorted(v[0] for v in ps.get(NVO + "toState", []) if isinstance(v, tuple))),
    )
