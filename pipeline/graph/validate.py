"""SHACL validation of the store against ``ontology/shapes.ttl`` (pyshacl).

Each source graph is validated together with what it refers to in the ontology graph (the types and
labels of the concepts, places and publishers it names, and the class hierarchy), so ``sh:class``
works across graphs; the ontology graph and the run records are validated on their own. A result is
reported under the graph whose data it is about; results about thesaurus or gazetteer entries are
reported once, under the ontology graph.

    report = validate_store(store, settings)
    report.conforms            # no violations (warnings allowed)
    for v in report.results: print(v.line())
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .. import iri
from ..errors import ValidationError
from ..settings import Settings

SH = "http://www.w3.org/ns/shacl#"
RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"


@dataclass(frozen=True, slots=True)
class Result:
    """One SHACL validation result, in readable pieces."""

    graph: str
    focus: str
    path: str | None
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    value: str | None = None
    shape: str | None = None

    def line(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        focus = self.focus if self.focus.startswith("_:") else f"<{self.focus}>"
        return f"{self.severity}: {focus}{where}: {self.message}{value}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    graphs: tuple[str, ...]
    results: tuple[Result, ...]

    @property
    def violations(self) -> tuple[Result, ...]:
        return tuple(r for r in self.results if r.severity == "Violation")

    @property
    def warnings(self) -> tuple[Result, ...]:
        return tuple(r for r in self.results if r.severity != "Violation")

    @property
    def conforms(self) -> bool:
        return not self.violations


def shapes_path(settings: Settings) -> Path:
    return Path(settings.ontology) / "shapes.ttl"


def validate_store(store, settings: Settings, *, graphs: Iterable[str] | None = None,
                   shapes: Path | None = None) -> ValidationReport:
    """Validate the named graphs of ``store`` (all by default) against the shapes."""
    shapes_graph = _load_shapes(shapes or shapes_path(settings))
    names = list(graphs) if graphs is not None else store.graphs()
    ontology_name = iri.ontology_graph(settings.base_iri)
    ontology = list(store.quads(ontology_name)) if ontology_name in store.graphs() else []
    results: list[Result] = []
    for name in names:
        own = list(store.quads(name))
        context = [] if name == ontology_name else _context(own, ontology)
        results.extend(validate_quads(own, context, shapes_graph, name))
    return ValidationReport(tuple(names), tuple(results))


def validate_quads(quads: list[ox.Quad], context: list[ox.Quad], shapes_graph, graph_name: str) -> list[Result]:
    """Results for ``quads`` checked together with ``context`` (only results about ``quads``' subjects)."""
    import pyshacl

    data = _rdflib_graph([*quads, *context])
    try:
        _, report, _ = pyshacl.validate(data, shacl_graph=shapes_graph, inference="none", allow_warnings=True,
                                        abort_on_first=False, advanced=True)
    except Exception as exc:  # pyshacl raises its own ReportableRuntimeError and others
        raise ValidationError(f"{graph_name}: SHACL validation could not run: {exc}", subject=graph_name) from exc
    own_subjects = {q.subject.value for q in quads}
    return [r for r in _results(report, graph_name) if r.focus in own_subjects or r.focus.startswith("_:")]


def _context(own: list[ox.Quad], ontology: list[ox.Quad]) -> list[ox.Quad]:
    """The ontology triples a source graph needs: the class hierarchy and what it says about nodes the graph names."""
    named = {t.value for q in own for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)}
    return [q for q in ontology if q.predicate.value == RDFS_SUBCLASS or q.subject.value in named]


def _load_shapes(path: Path):
    import rdflib

    try:
        graph = rdflib.Graph()
        graph.parse(path, format="turtle")
        return graph
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(f"{path}: cannot read the SHACL shapes: {exc}", subject=str(path),
                              hint="check ontology/shapes.ttl") from exc


def _rdflib_graph(quads: list[ox.Quad]):
    import rdflib

    graph = rdflib.Graph()
    data = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def _results(report, graph_name: str) -> list[Result]:
    import rdflib

    sh = rdflib.Namespace(SH)
    out = []
    for node in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        def one(p, node=node):
            return report.value(node, p)

        severity = one(sh.resultSeverity)
        path = one(sh.resultPath)
        value = one(sh.value)
        message = one(sh.resultMessage)
        out.append(Result(
            graph=graph_name,
            focus=_node(one(sh.focusNode)),
            path=_short(path) if path is not None and not isinstance(path, rdflib.BNode) else None,
            message=str(message) if message is not None else "constraint not met",
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            value=str(value) if value is not None and not isinstance(value, rdflib.BNode) else None,
            shape=str(one(sh.sourceShape)) if not isinstance(one(sh.sourceShape), rdflib.BNode) else None,
        ))
    return sorted(out, key=lambda r: (r.severity != "Violation", r.focus, r.path or "", r.message))


def _node(term) -> str:
    import rdflib

    return f"_:{term}" if isinstance(term, rdflib.BNode) else str(term)


def _short(term) -> str:
    from ..vocab import PREFIXES

    text = str(term)
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return text
