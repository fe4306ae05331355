"""The library API: the few functions a user, a test or the CLI calls.

Each function is a thin entry point into one stage; the stages themselves live in the
subpackages (fetch, parse, extract, graph, query, export). Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .settings import Settings
from .types import Document, Extraction


def parse_file(path: Path, settings: Settings | None = None, *, media_type: str | None = None) -> Document:
    """Parse one local HTML, PDF or text file into a Document."""
    from .fetch.local import read_file
    from .parse import parse

    settings = settings or Settings()
    return parse(read_file(Path(path), settings, media_type=media_type), settings)


def extract_files(paths: Iterable[Path], settings: Settings | None = None) -> list[Extraction]:
    """Parse and extract each file (no catalogue needed); raises on the first file that fails."""
    done = []
    for _path, result in extract_each(paths, settings):
        if isinstance(result, Exception):
            raise result
        done.append(result)
    return done


def extract_each(paths: Iterable[Path], settings: Settings | None = None):
    """Like :func:`extract_files`, but one bad file does not stop the others: yields
    ``(path, Extraction)`` or ``(path, NaravardError)`` for each file, in order."""
    from .errors import NaravardError
    from .extract import extract, load_knowledge

    settings = settings or Settings()
    knowledge = load_knowledge(settings)
    for p in paths:
        try:
            yield Path(p), extract(parse_file(Path(p), settings), knowledge)
        except NaravardError as exc:
            yield Path(p), exc


def ingest(settings: Settings | None = None, *, only: Iterable[str] = (), force: bool = False, on_result=None):
    """Ingest the catalogue into the store (only what changed); returns a RunReport.

    ``on_result`` is called with each source's SourceResult as soon as it is stored."""
    from .ingest import ingest as run

    return run(settings or Settings(), only=only, force=force, on_result=on_result)


def diff_runs(settings: Settings | None = None, run_a: str | None = None, run_b: str | None = None, *,
              sources: Iterable[str] = ()):
    """Concepts and statements added and removed per source between two runs (default: the last two)."""
    from .diff import diff_runs as run

    return run(settings or Settings(), run_a, run_b, sources=tuple(sources))


def list_sources(settings: Settings | None = None):
    """The catalogue's sources with the outcome of their last ingest."""
    from .catalogue_admin import list_sources as run

    return run(settings or Settings())


def add_source(settings: Settings | None, url: str, **entry) -> Path:
    """Add a source to the catalogue (publisher=, kind=, region=, ...); returns the file written."""
    from .catalogue_admin import add_source as run

    return run(settings or Settings(), url, **entry)


def check_sources(settings: Settings | None = None):
    """Validate the catalogue and check every source's snapshot and URL."""
    from .catalogue_admin import check_sources as run

    return run(settings or Settings())


def export(out: Path, settings: Settings | None = None, *, format: str | None = None, options=None):
    """Write the store's graph (RDF) or a network view of it to ``out``; the format follows the extension.

    ``options`` is a :class:`pipeline.export.base.ExportOptions` (view, types, sources, region, min_weight).
    Returns a :class:`pipeline.export.writer.Written` (format, files written, seconds).
    """
    from .export.writer import export as run

    return run(Path(out), settings or Settings(), format=format, options=options)


def query(query: str | Path, params: dict[str, str] | None = None, settings: Settings | None = None, *,
          limit: int | None = None):
    """Run SPARQL (inline text, a .rq file or a saved query's name) on the store; returns a QueryResult."""
    from .graph.store import open_store
    from .query import run_query

    settings = settings or Settings()
    with open_store(settings, read_only=True) as store:
        return run_query(store, query, params or {}, settings=settings, limit=limit)


def validate(settings: Settings | None = None):
    """Check every graph of the store against ontology/shapes.ttl; returns a ValidationReport."""
    from .graph.store import open_store
    from .graph.validate import validate_store

    settings = settings or Settings()
    with open_store(settings, read_only=True) as store:
        return validate_store(store, settings)


def stats(settings: Settings | None = None):
    """Counts of sources, documents, triples and concepts per type in the store; returns GraphStats."""
    from .graph.stats import graph_stats
    from .graph.store import open_store

    settings = settings or Settings()
    with open_store(settings, read_only=True) as store:
        return graph_stats(store, settings)


def summarize(settings: Settings | None = None) -> int:
    """Recompute the corpus summary graph from the store (ingest does it itself); returns its triple count."""
    from .graph.store import open_store
    from .graph.summary import refresh_summary

    settings = settings or Settings()
    with open_store(settings) as store:
        return refresh_summary(store, settings.base_iri)


def serve(settings: Settings | None = None, host: str = "127.0.0.1", port: int = 7878, *, on_ready=None) -> None:
    """Serve the store read-only over the SPARQL 1.1 Protocol, with a query page, until interrupted."""
    from .query.server import serve as run

    run(settings or Settings(), host, port, on_ready=on_ready)
