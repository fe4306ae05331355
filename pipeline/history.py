"""What every ingest run did, and the state it leaves for the next one.

    output/history/sources/<id>/state.json      the last good ingest of a source: content hash, graph hash,
                                                snapshot, concept counts, status, PDFs it links to
    output/history/sources/<id>/<hash>.nq.gz    every version of the source's graph (sorted N-Quads)
    output/history/sources/<id>/<hash>.summary-<code>.json.gz   that version's contribution to the corpus
                                                summary (pipeline.graph.contribution; <code> names the code
                                                that computed it)
    output/history/_ontology.json               fingerprint of the ontology graph in the store
    output/history/_compact                     present while the store awaits compaction after bulk loads
    output/history/_written.json                source graphs written since the store was last compacted
    output/runs/<run-id>.json                   the run log: time, version, settings, every source's outcome
    output/runs/<run-id>.jsonl                  outcomes as they happen; folded into the log when the run ends
    {base}graph/runs (in the store)             the same, in PROV-O: nvo:Run, nvo:SourceOutcome, and each new
                                                snapshot prov:wasRevisionOf the previous one

State is written only after the store has committed a source's graph, so a run killed at any point
leaves state that is at worst behind the store, never ahead: the next run redoes that source.
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import iri
from .fetch.cache import atomic_write
from .fetch.local import now_iso as local_now_iso

if TYPE_CHECKING:
    from .graph.contribution import Contribution
from .settings import Settings

STATUSES = ("new", "changed", "unchanged", "failed", "gone", "removed")


@dataclass(frozen=True, slots=True)
class SourceResult:
    """What one run did with one source."""

    source_id: str
    url: str
    status: str  # one of STATUSES
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)  # concepts per type in the source's graph
    sha256: str | None = None  # content hash of the bytes fetched in this run
    graph_hash: str | None = None  # the source's graph in the store after this run (None: no graph)
    snapshot: str | None = None  # IRI of the snapshot the graph was built from
    previous_snapshot: str | None = None  # set when this run replaced the graph
    http_status: int | None = None
    final_url: str | None = None
    redirects: tuple[str, ...] = ()
    from_snapshot: bool = False
    error: str | None = None
    hint: str | None = None
    note: str | None = None
    parent: str | None = None  # id of the page this PDF was found on (follow_pdfs)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage


@dataclass(frozen=True, slots=True)
class RunReport:
    """One ingest run: when, with what, and every source's outcome in catalogue order."""

    run_id: str
    run_iri: str
    started: str
    ended: str
    version: str
    status: str  # completed | interrupted
    settings: dict[str, object]
    results: tuple[SourceResult, ...]

    @property
    def totals(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for result in self.results:
            counts[result.status] += 1
        return counts

    @property
    def all_failed(self) -> bool:
        """True when there was something to do and every source failed (the command then exits non-zero)."""
        live = [r for r in self.results if r.status != "removed"]
        return bool(live) and all(r.status == "failed" for r in live)

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SourceState:
    """The last good ingest of one source, as the next run needs it.

    Rewritten only when something changes: ``status`` and ``last_run`` are those of the last run
    that changed the source's state (an unchanged source is not written again)."""

    id: str
    url: str
    status: str
    sha256: str | None = None
    graph_hash: str | None = None
    snapshot: str | None = None
    fingerprint: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    children: tuple[str, ...] = ()  # URLs of PDFs followed from this page
    parent: str | None = None
    last_run: str | None = None
    since: str | None = None  # when it became gone / removed
    error: str | None = None


def now_iso() -> str:
    """Run and state timestamps: microseconds, so runs started in one second still sort."""
    return local_now_iso("microseconds")


def new_run_id(runs_dir: Path) -> str:
    base = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    run_id, n = base, 1
    while (runs_dir / f"{run_id}.json").exists() or (runs_dir / f"{run_id}.jsonl").exists():
        n += 1
        run_id = f"{base}-{n}"
    return run_id


# ------------------------------------------------------------------------------------------------ state
class History:
    """Per-source state, graph versions and run logs under ``settings.output``."""

    def __init__(self, settings: Settings):
        self.root = settings.output / "history"
        self.sources_dir = self.root / "sources"
        self.runs_dir = settings.output / "runs"

    def _dir(self, source_id: str) -> Path:
        return self.sources_dir / source_id

    def states(self) -> dict[str, SourceState]:
        out: dict[str, SourceState] = {}
        if not self.sources_dir.is_dir():
            return out
        known = {f.name for f in fields(SourceState)}
        for path in sorted(self.sources_dir.glob("*/state.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                data = {k: v for k, v in data.items() if k in known}
                state = SourceState(**{**data, "children": tuple(data.get("children", ()))})
            except (OSError, ValueError, TypeError):
                continue  # an unreadable state only costs a rebuild of that source
            out[state.id] = state
        return out

    def save(self, state: SourceState) -> None:
        data = json.dumps(asdict(state), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        atomic_write(self._dir(state.id) / "state.json", data, durable=False)  # lost state costs a rebuild only

    def keep_graph(self, source_id: str, ghash: str, nquads: bytes) -> Path:
        path = self._dir(source_id) / f"{ghash}.nq.gz"
        if not path.exists():
            atomic_write(path, gzip.compress(nquads, compresslevel=2, mtime=0))  # 2: half the time of 4, 5% larger
        return path

    def keep_contribution(self, source_id: str, ghash: str, share: Contribution) -> None:
        """Keep what a graph version adds to the corpus summary (computed where the graph is built)."""
        path = self._contribution_path(source_id, ghash)
        if not path.exists():
            atomic_write(path, gzip.compress(share.to_json(), compresslevel=2, mtime=0), durable=False)

    def contribution(self, source_id: str, ghash: str, graph: str, base: str) -> Contribution | None:
        """What the kept graph version ``ghash`` adds to the summary: as kept, else computed from the
        kept graph (and kept); None when neither is there."""
        from .graph.contribution import Contribution, contribution

        path = self._contribution_path(source_id, ghash)
        try:
            return Contribution.from_json(gzip.decompress(path.read_bytes()))
        except (OSError, ValueError, KeyError, EOFError):
            pass
        try:
            nquads = gzip.decompress((self._dir(source_id) / f"{ghash}.nq.gz").read_bytes())
        except (OSError, EOFError):
            return None
        share = contribution(nquads.decode("utf-8").split("\n"), graph, base)
        self.keep_contribution(source_id, ghash, share)
        return share

    def has_graph(self, source_id: str, ghash: str) -> bool:
        """Whether history can give the graph version's summary share (kept, or computed from the kept graph)."""
        return (self._contribution_path(source_id, ghash).exists()
                or (self._dir(source_id) / f"{ghash}.nq.gz").exists())

    def _contribution_path(self, source_id: str, ghash: str) -> Path:
        from .graph.contribution import CODE

        return self._dir(source_id) / f"{ghash}.summary-{CODE}.json.gz"

    def graph_lines(self, source_id: str, ghash: str | None) -> list[str]:
        """The N-Quads lines of one kept version of a source's graph ([] for None or a missing file)."""
        if not ghash:
            return []
        try:
            return gzip.decompress((self._dir(source_id) / f"{ghash}.nq.gz").read_bytes()).decode().splitlines()
        except OSError:
            return []

    def ontology_fingerprint(self) -> str | None:
        return self._fingerprint("_ontology.json")

    def save_ontology_fingerprint(self, value: str) -> None:
        atomic_write(self.root / "_ontology.json", json.dumps({"fingerprint": value}).encode())

    def summary_fingerprint(self) -> str | None:
        """The fingerprint of the code that wrote the summary graph; None once a graph has changed since."""
        return self._fingerprint("_summary.json")

    def save_summary_fingerprint(self, value: str | None) -> None:
        """Record that the summary describes the store (``value``), or that it no longer does (None)."""
        path = self.root / "_summary.json"
        if value is None:
            path.unlink(missing_ok=True)
        else:
            atomic_write(path, json.dumps({"fingerprint": value}).encode())

    def _fingerprint(self, name: str) -> str | None:
        try:
            return json.loads((self.root / name).read_text(encoding="utf-8")).get("fingerprint")
        except (OSError, ValueError):
            return None

    def compaction_pending(self) -> bool:
        return (self.root / "_compact").exists()

    def set_compaction_pending(self, pending: bool) -> None:
        """Marked before the first bulk load of a run and cleared once the store is compacted, so a run
        killed in between leaves the compaction to the next one."""
        path = self.root / "_compact"
        if pending:
            atomic_write(path, b"")
        else:
            path.unlink(missing_ok=True)

    def written_since_compaction(self) -> int:
        """Source graphs written by earlier runs since the store was last compacted."""
        try:
            return int(json.loads((self.root / "_written.json").read_text(encoding="utf-8")).get("graphs", 0))
        except (OSError, ValueError, TypeError, AttributeError):
            return 0

    def save_written_since_compaction(self, graphs: int) -> None:
        atomic_write(self.root / "_written.json", json.dumps({"graphs": graphs}).encode(), durable=False)

    # run logs ------------------------------------------------------------------------------------
    def begin(self, run_id: str, header: dict) -> None:
        self.runs_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(self.runs_dir / f"{run_id}.json", json.dumps({**header, "status": "running", "sources": []},
                                                                   ensure_ascii=False, indent=1).encode())
        (self.runs_dir / f"{run_id}.jsonl").touch()

    def record(self, run_id: str, result: SourceResult) -> None:
        """Append one outcome to the run's journal (survives a crash of the run)."""
        with open(self.runs_dir / f"{run_id}.jsonl", "a", encoding="utf-8") as out:
            out.write(json.dumps(asdict(result), ensure_ascii=False) + "\n")
            out.flush()

    def finish(self, report: RunReport) -> Path:
        path = self.runs_dir / f"{report.run_id}.json"
        atomic_write(path, json.dumps(report.to_json(), ensure_ascii=False, indent=1).encode("utf-8"))
        try:
            os.unlink(self.runs_dir / f"{report.run_id}.jsonl")
        except FileNotFoundError:
            pass
        return path

    def interrupted(self) -> list[RunReport]:
        """Runs whose log still says "running" (call while holding the ingest lock), closed as interrupted."""
        reports = []
        for path in sorted(self.runs_dir.glob("*.json")) if self.runs_dir.is_dir() else []:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if data.get("status") != "running":
                continue
            results = []
            journal = path.with_suffix(".jsonl")
            if journal.exists():
                for line in journal.read_text(encoding="utf-8").splitlines():
                    try:
                        results.append(result_from(json.loads(line)))
                    except (ValueError, TypeError):
                        break  # a line cut short by the crash
            reports.append(report_from({**data, "status": "interrupted", "ended": data.get("started"),
                                        "results": results}))
        return reports

    def runs(self) -> list[dict]:
        """Every finished run log, oldest first."""
        out = []
        for path in sorted(self.runs_dir.glob("*.json")) if self.runs_dir.is_dir() else []:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if data.get("status") != "running":
                out.append(data)
        return sorted(out, key=lambda d: (d.get("started", ""), d.get("run_id", "")))


def result_from(data: dict) -> SourceResult:
    known = {f.name for f in fields(SourceResult)}
    data = {k: v for k, v in data.items() if k in known}
    return SourceResult(**{**data, "redirects": tuple(data.get("redirects", ()))})


def report_from(data: dict) -> RunReport:
    results = tuple(r if isinstance(r, SourceResult) else result_from(r) for r in data.get("results", ()))
    return RunReport(run_id=data["run_id"], run_iri=data["run_iri"], started=data["started"],
                     ended=data.get("ended") or data["started"], version=data.get("version", ""),
                     status=data.get("status", "completed"), settings=data.get("settings", {}), results=results)


def updated_state(previous: SourceState | None, result: SourceResult, run_id: str, fp: str,
                  children: tuple[str, ...] | None) -> SourceState:
    """The state a source has after ``result``: failures keep the last good graph's hashes."""
    base = previous or SourceState(id=result.source_id, url=result.url, status=result.status)
    base = replace(base, url=result.url, status=result.status, last_run=run_id, parent=result.parent, error=None)
    if result.status in ("new", "changed"):
        return replace(base, sha256=result.sha256, graph_hash=result.graph_hash, snapshot=result.snapshot,
                       fingerprint=fp, counts=dict(result.counts), since=None,
                       children=children if children is not None else base.children)
    if result.status == "unchanged":
        return replace(base, fingerprint=fp, since=None,
                       children=children if children is not None else base.children)
    if result.status == "gone":
        return replace(base, since=base.since if previous and previous.status == "gone" else now_iso(),
                       error=result.error)
    if result.status == "removed":
        return replace(base, graph_hash=None, snapshot=None, children=(), since=now_iso())
    return replace(base, error=result.error)  # failed: the last good hashes stay


def same_state(previous: SourceState | None, state: SourceState) -> bool:
    """True when ``state`` only repeats ``previous`` (an unchanged source: same hashes, children, error)."""
    if previous is None or state.status != "unchanged":
        return False
    return replace(state, status=previous.status, last_run=previous.last_run) == previous


def run_graph_iri(settings: Settings) -> str:
    return iri.runs_graph(settings.base_iri)
