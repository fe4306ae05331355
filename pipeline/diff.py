"""``naravard diff``: what changed in the graph between two ingest runs, per source.

Every run log (``output/runs/*.json``) names, per source, the version of the source's graph in the
store after the run (a hash); every version is kept as sorted N-Quads under ``output/history/``.
A diff compares the two versions in effect after run A and after run B:

- **concepts** added and removed: concept IRIs (``{base}concept/…``) found in one version only;
- **statements** added and removed: relations between concepts (``nvo:locatedIn``, ``nvo:publishes``, …)
  in one version only;
- the number of triples added and removed overall (run metadata left out).

A run that handled only some sources (``--only``, or interrupted) leaves the others as they were.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pyoxigraph as ox

from . import iri
from .errors import ConfigError
from .fingerprints import is_run_metadata
from .history import History
from .settings import Settings

SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
NVO = "https://w3id.org/naravard/ontology#"


@dataclass(frozen=True, slots=True)
class ConceptChange:
    iri: str
    type: str
    label: str


@dataclass(frozen=True, slots=True)
class StatementChange:
    subject: str
    predicate: str  # local name, e.g. "locatedIn"
    object: str  # IRI or literal value
    subject_label: str
    object_label: str


@dataclass(frozen=True, slots=True)
class SourceDiff:
    source_id: str
    before: str | None  # graph version after run A (None: no graph)
    after: str | None
    concepts_added: tuple[ConceptChange, ...] = ()
    concepts_removed: tuple[ConceptChange, ...] = ()
    statements_added: tuple[StatementChange, ...] = ()
    statements_removed: tuple[StatementChange, ...] = ()
    triples_added: int = 0
    triples_removed: int = 0


@dataclass(frozen=True, slots=True)
class DiffReport:
    run_a: str
    run_b: str
    sources: tuple[SourceDiff, ...]  # sources whose graph differs
    unchanged: tuple[str, ...]  # sources whose graph is the same

    def to_json(self) -> dict:
        return asdict(self)


def resolve_runs(runs: list[dict], run_a: str | None, run_b: str | None) -> tuple[int, int]:
    """Indexes of the two runs to compare: by id (or a unique prefix of one); default the last two."""
    if len(runs) < (1 if run_a and run_b else 2):
        raise ConfigError("diff needs two ingest runs, found " + str(len(runs)),
                          hint="run `naravard ingest` (again) first; run logs are in OUTPUT/runs/")

    def find(ref: str) -> int:
        hits = [i for i, r in enumerate(runs) if r["run_id"] == ref] or \
               [i for i, r in enumerate(runs) if r["run_id"].startswith(ref)]
        if len(hits) != 1:
            what = "no run" if not hits else "several runs"
            raise ConfigError(f"run {ref!r}: {what} with that id", subject=ref,
                              hint="`ls OUTPUT/runs/` lists the run ids")
        return hits[0]

    if run_a and run_b:
        return find(run_a), find(run_b)
    if run_a:
        b = find(run_a)
        if b == 0:
            raise ConfigError(f"run {run_a!r} is the first run: nothing to compare it with", subject=run_a)
        return b - 1, b
    return len(runs) - 2, len(runs) - 1


def graph_versions(runs: list[dict], upto: int) -> dict[str, str | None]:
    """Each source's graph version after run ``upto`` (runs are folded in order)."""
    versions: dict[str, str | None] = {}
    for run in runs[: upto + 1]:
        for result in run.get("results", ()):
            versions[result["source_id"]] = result.get("graph_hash")
    return versions


def diff_runs(settings: Settings, run_a: str | None = None, run_b: str | None = None,
              *, sources: tuple[str, ...] = ()) -> DiffReport:
    """Compare the graph after ``run_a`` with the graph after ``run_b`` (default: the last two runs)."""
    history = History(settings)
    runs = history.runs()
    a, b = resolve_runs(runs, run_a, run_b)
    before, after = graph_versions(runs, a), graph_versions(runs, b)
    changed, same = [], []
    for source_id in sorted(set(before) | set(after)):
        if sources and source_id not in sources:
            continue
        if before.get(source_id) == after.get(source_id):
            same.append(source_id)
            continue
        changed.append(source_diff(history, settings, source_id, before.get(source_id), after.get(source_id)))
    return DiffReport(runs[a]["run_id"], runs[b]["run_id"], tuple(changed), tuple(same))


def source_diff(history: History, settings: Settings, source_id: str, old: str | None, new: str | None) -> SourceDiff:
    old_lines = {ln for ln in history.graph_lines(source_id, old) if ln and not is_run_metadata(ln)}
    new_lines = {ln for ln in history.graph_lines(source_id, new) if ln and not is_run_metadata(ln)}
    old_view, new_view = _View(old_lines, settings), _View(new_lines, settings)
    labels = {**old_view.labels, **new_view.labels}
    return SourceDiff(
        source_id=source_id, before=old, after=new,
        concepts_added=tuple(_concept(c, labels) for c in sorted(new_view.concepts - old_view.concepts)),
        concepts_removed=tuple(_concept(c, labels) for c in sorted(old_view.concepts - new_view.concepts)),
        statements_added=tuple(_statement(s, labels) for s in sorted(new_view.statements - old_view.statements)),
        statements_removed=tuple(_statement(s, labels) for s in sorted(old_view.statements - new_view.statements)),
        triples_added=len(new_lines - old_lines), triples_removed=len(old_lines - new_lines),
    )


class _View:
    """Concepts, relations between concepts and labels of one graph version."""

    def __init__(self, lines: set[str], settings: Settings):
        prefix = f"{settings.base_iri}concept/"
        self.concepts: set[str] = set()
        self.statements: set[tuple[str, str, str]] = set()
        self.labels: dict[str, str] = {}
        data = "\n".join(lines).encode("utf-8")
        for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS) if data else ():
            s, p, o = quad.subject, quad.predicate.value, quad.object
            subject = s.value if isinstance(s, ox.NamedNode) and s.value.startswith(prefix) else None
            obj = o.value if isinstance(o, ox.NamedNode) and o.value.startswith(prefix) else None
            self.concepts.update(x for x in (subject, obj) if x)
            if subject and p == SKOS_PREF and isinstance(o, ox.Literal):
                if subject not in self.labels or o.language == "sv":
                    self.labels[subject] = o.value
            if subject and p.startswith(NVO) and (obj or isinstance(o, ox.Literal)):
                if p[len(NVO):] in _relation_names():
                    self.statements.add((subject, p[len(NVO):], obj or o.value))


def _relation_names() -> frozenset[str]:
    from .vocab import RELATION_PREDICATES

    return frozenset(RELATION_PREDICATES)


def concept_type(concept_iri: str) -> str:
    """'…/concept/place/halland' -> 'region' (the Concept.type the IRI segment stands for)."""
    segment = concept_iri.split("/concept/", 1)[-1].split("/", 1)[0]
    back = {v: k for k, v in iri.TYPE_SEGMENT.items()}
    return back.get(segment, segment.replace("-", "_"))


def _concept(concept_iri: str, labels: dict[str, str]) -> ConceptChange:
    return ConceptChange(concept_iri, concept_type(concept_iri), labels.get(concept_iri, concept_iri.rsplit("/", 1)[-1]))


def _statement(triple: tuple[str, str, str], labels: dict[str, str]) -> StatementChange:
    s, p, o = triple
    short = lambda x: labels.get(x, x.rsplit("/", 1)[-1] if "/concept/" in x else x)  # noqa: E731
    return StatementChange(s, p, o, short(s), short(o))


def render(report: DiffReport) -> str:
    """The diff as text for a terminal."""
    out = [f"Changes from run {report.run_a} to run {report.run_b}"]
    for d in report.sources:
        what = "added" if d.before is None else "removed" if d.after is None else "changed"
        out.append(f"\n{d.source_id}: {what}")
        for sign, items in (("+", d.concepts_added), ("-", d.concepts_removed)):
            out += [f"  {sign} {c.type:<15} {c.label}  <{c.iri}>" for c in items]
        for sign, stmts in (("+", d.statements_added), ("-", d.statements_removed)):
            out += [f"  {sign} statement       {s.subject_label} {s.predicate} {s.object_label}" for s in stmts]
        out.append(f"  triples: +{d.triples_added} -{d.triples_removed}")
    if not report.sources:
        out.append("No source's graph changed.")
    if report.unchanged:
        out.append(f"\n{len(report.unchanged)} source{'s' if len(report.unchanged) != 1 else ''} unchanged.")
    return "\n".join(out)
