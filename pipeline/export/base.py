"""Export formats as value objects that know their media type and file extension.

Each format registers under kind ``exporter``; ``write(store, out, options)`` writes one file.
``format_for(out, name)`` resolves ``--out graph.gexf`` or ``--format gexf`` in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import registry
from ..errors import ExportError


@dataclass(frozen=True, slots=True)
class ExportOptions:
    view: str = "concepts"  # network view name (ignored by RDF formats)
    types: tuple[str, ...] = ()  # concept types to keep (empty: all)
    sources: tuple[str, ...] = ()  # source ids to keep (empty: all)
    region: str | None = None
    min_weight: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    extensions: tuple[str, ...]  # first is the default, e.g. (".ttl",)
    media_type: str
    kind: str  # "rdf" or "network"
    write: Callable[..., None]  # write(store, out: Path, options: ExportOptions) -> None
    aliases: tuple[str, ...] = ()


def register_format(fmt: Format) -> Format:
    return registry.register("exporter", fmt.name, fmt, aliases=fmt.aliases)


def format_for(out: Path | None, name: str | None = None) -> Format:
    """The format named by ``name``, else the one whose extension ends ``out``."""
    if name:
        fmt = registry.lookup("exporter", name)
        if fmt is None:
            raise ExportError(f"unknown export format {name!r}",
                              hint=f"choose one of: {', '.join(registry.names('exporter'))}", subject=name)
        return fmt
    if out is None:
        raise ExportError("give --out FILE or --format NAME", hint="e.g. --out output/graph.trig")
    suffix = "".join(out.suffixes[-2:]).lower() if len(out.suffixes) > 1 else out.suffix.lower()
    candidates = [registry.lookup("exporter", n) for n in registry.names("exporter")]
    for fmt in candidates:
        if fmt and (suffix in fmt.extensions or out.suffix.lower() in fmt.extensions):
            return fmt
    raise ExportError(f"{out}: cannot tell the export format from the extension {out.suffix!r}",
                      hint=f"use --format with one of: {', '.join(registry.names('exporter'))}", subject=str(out))
