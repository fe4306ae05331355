"""Ingest runs as PROV activities, in the named graph ``{base}graph/runs``.

    <run/2025-01-02t03-04-05z>  a nvo:Run , prov:Activity ;
        prov:startedAtTime "…"^^xsd:dateTime ; prov:endedAtTime "…"^^xsd:dateTime ;
        nvo:softwareVersion "0.1.0" ; nvo:status "completed" ; nvo:message "…" .
    <run/…#SOURCE-ID>  a nvo:SourceOutcome ; nvo:run <run/…> ; nvo:source <source/ID> ;
        nvo:status "changed" ; nvo:sha256 "…" ; nvo:snapshot <snapshot/ID/SHA> ; nvo:message "…" .

The ingest code decides what to record and when; this module only turns that into quads. The
saved query ``last-ingest-changes`` reads these records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from .. import __version__, iri
from ..errors import StoreError
from ..settings import DEFAULT_BASE_IRI
from ..vocab import NVO, PROV, RDF, RUN_STATUSES, SOURCE_STATUSES
from .quads import QuadList, date, text


@dataclass(frozen=True, slots=True)
class SourceOutcome:
    """What one run did with one source. ``status`` is one of ``vocab.SOURCE_STATUSES``."""

    source_id: str
    status: str
    sha256: str | None = None
    message: str | None = None


def run_quads(run_iri: str, *, started: str, ended: str | None = None, status: str = "completed",
              outcomes: Iterable[SourceOutcome] = (), message: str | None = None, version: str | None = None,
              base: str = DEFAULT_BASE_IRI) -> list[ox.Quad]:
    """Quads recording one run and its per-source outcomes (times are ISO 8601 UTC strings)."""
    if status not in RUN_STATUSES:
        raise StoreError(f"{run_iri}: run status must be one of {', '.join(RUN_STATUSES)}, not {status!r}")
    g = QuadList(iri.runs_graph(base))
    g.add(run_iri, RDF.type, NVO.Run)
    g.add(run_iri, RDF.type, PROV.Activity)
    g.add(run_iri, PROV.startedAtTime, date(started))
    g.add(run_iri, PROV.endedAtTime, date(ended))
    g.add(run_iri, NVO.softwareVersion, text(version or __version__))
    g.add(run_iri, NVO.status, text(status))
    g.add(run_iri, NVO.message, text(message))
    for outcome in outcomes:
        if outcome.status not in SOURCE_STATUSES:
            raise StoreError(f"{run_iri}: status of source {outcome.source_id!r} must be one of "
                             f"{', '.join(SOURCE_STATUSES)}, not {outcome.status!r}")
        node = iri.part(run_iri, outcome.source_id)
        g.add(node, RDF.type, NVO.SourceOutcome)
        g.add(node, NVO.run, run_iri)
        g.add(node, NVO.source, iri.source(outcome.source_id, base))
        g.add(node, NVO.status, text(outcome.status))
        g.add(node, NVO.message, text(outcome.message))
        if outcome.sha256:
            g.add(node, NVO.sha256, text(outcome.sha256))
            g.add(node, NVO.snapshot, iri.snapshot(outcome.source_id, outcome.sha256, base))
    return g.quads()
