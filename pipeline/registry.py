"""One registry of pluggable implementations, keyed by (kind, name), with aliases.

Kinds used by naravard: ``parser`` (by media type), ``exporter`` (by format name), ``store`` (by URL
scheme), ``view`` (graph projections for export). Built-ins register exactly as third parties would:

    from pipeline.registry import register
    register("exporter", "gexf", write_gexf, aliases=("gephi",))

A missing optional dependency raises ``NotConfigured`` from the loader, which disables one
implementation with an install hint instead of crashing the run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_ENTRIES: dict[tuple[str, str], Any] = {}
_ALIASES: dict[tuple[str, str], str] = {}
_LOADED: set[str] = set()
_DISABLED: dict[tuple[str, str], str] = {}

# Modules whose import registers the built-ins of a kind; imported lazily on first lookup.
BUILTIN_MODULES: dict[str, tuple[str, ...]] = {
    "parser": ("pipeline.parse.html", "pipeline.parse.pdf", "pipeline.parse.text"),
    "exporter": ("pipeline.export.rdf", "pipeline.export.network"),
    "view": ("pipeline.export.views",),
    "store": ("pipeline.graph.store",),
}


class NotConfigured(Exception):
    """An implementation cannot run here (e.g. an optional package is missing); ``hint`` says why."""

    def __init__(self, hint: str):
        super().__init__(hint)
        self.hint = hint


def register(kind: str, name: str, obj: Any, *, aliases: tuple[str, ...] = ()) -> Any:
    _ENTRIES[(kind, name.lower())] = obj
    for alias in aliases:
        _ALIASES[(kind, alias.lower())] = name.lower()
    return obj


def registered(kind: str, name: str, *, aliases: tuple[str, ...] = ()) -> Callable[[Any], Any]:
    """Decorator form of :func:`register`."""

    def deco(obj: Any) -> Any:
        return register(kind, name, obj, aliases=aliases)

    return deco


def _load(kind: str) -> None:
    if kind in _LOADED:
        return
    _LOADED.add(kind)
    import importlib

    for module in BUILTIN_MODULES.get(kind, ()):
        try:
            importlib.import_module(module)
        except NotConfigured as exc:
            _DISABLED[(kind, module)] = exc.hint
        except ModuleNotFoundError as exc:
            if exc.name != module:  # a dependency of the module is missing, not the module itself
                _DISABLED[(kind, module)] = f"{module}: needs the package {exc.name!r} (pip install {exc.name})"


def disabled(kind: str) -> dict[str, str]:
    """Implementations of ``kind`` that could not load, with the hint that says why."""
    _load(kind)
    return {m: hint for (k, m), hint in _DISABLED.items() if k == kind}


def lookup(kind: str, name: str) -> Any | None:
    _load(kind)
    key = name.lower()
    key = _ALIASES.get((kind, key), key)
    return _ENTRIES.get((kind, key))


def names(kind: str) -> list[str]:
    _load(kind)
    return sorted(n for k, n in _ENTRIES if k == kind)
