"""Write the graph in the store to a file: RDF formats and network views alike.

``export(out, settings, format=..., options=...)`` resolves the format from ``--out``'s extension or
its name (:func:`pipeline.export.base.format_for`), opens the store read-only (so an export can run
while the endpoint serves the same store), and lets the format write. The network formats project
the graph through the view named in the options first; the RDF formats write the quads.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ..settings import Settings
from .base import ExportOptions, Format, format_for


@dataclass(frozen=True, slots=True)
class Written:
    """What an export wrote: the format, the files (CSV writes two) and how long it took."""

    format: Format
    paths: tuple[Path, ...]
    seconds: float


def output_paths(fmt: Format, out: Path) -> tuple[Path, ...]:
    """The files a format writes for ``--out``: the CSV format writes NAME.nodes.csv and NAME.edges.csv."""
    if fmt.name == "csv" and fmt.kind == "network":
        from .network import csv_paths

        return csv_paths(out)
    return (out,)


def export(out: Path, settings: Settings | None = None, *, format: str | None = None,
           options: ExportOptions | None = None, store=None) -> Written:
    """Write the store's graph to ``out`` (format from ``format`` or the extension); see module docstring."""
    out = Path(out)
    fmt = format_for(out, format)
    options = options or ExportOptions()
    started = time.perf_counter()
    if store is not None:
        fmt.write(store, out, options)
    else:
        from ..graph.store import open_store

        with open_store(settings or Settings(), read_only=True) as opened:
            fmt.write(opened, out, options)
    return Written(fmt, output_paths(fmt, out), time.perf_counter() - started)
