"""What a run does to the store once its sources are written: the corpus summary and compaction.

- :func:`kept_contributions` — each source graph's share of the corpus summary as history keeps it,
  when history accounts for every source graph in the store; otherwise None, and the summary is
  computed from the store (:mod:`pipeline.graph.summary`);
- :func:`compaction_due` — whether the run compacts the embedded store: after bulk loads (the run's,
  the summary's, or those of a run killed before it compacted), and once the graphs written since the
  last compaction reach ``COMPACT_SHARE`` of the source graphs. Bulk-loaded files and the files each
  run's writes leave overlap the others, and every lookup of a query pays for them, while a compaction
  costs time in proportion to the whole store (so a run that changes a few sources of many leaves it
  to later runs).
"""

from __future__ import annotations

from collections.abc import Iterator

from . import iri
from .history import History, SourceState

COMPACT_SHARE = 0.02  # compact once the source graphs written since the last compaction reach this share


class NoContribution(LookupError):
    """History no longer holds what a source graph adds to the summary (removed while being read)."""


def kept_contributions(history: History, states: dict[str, SourceState], graphs: set[str], base: str) -> Iterator | None:
    """``(graph, Contribution)`` for every source graph, sorted, read from history: when ``graphs`` (the
    source graphs in the store) are exactly those the states name, and history keeps each version the
    store holds. Otherwise None. Reading raises NoContribution if a kept version vanishes meanwhile."""
    held = {iri.graph(i, base): (i, s.graph_hash) for i, s in states.items() if s.graph_hash}
    if graphs != set(held) or not all(history.has_graph(i, h) for i, h in held.values()):
        return None
    return ((g, _contribution(history, g, *held[g], base)) for g in sorted(held))


def _contribution(history: History, graph: str, source_id: str, ghash: str, base: str):
    share = history.contribution(source_id, ghash, graph, base)
    if share is None:
        raise NoContribution(source_id)
    return share


def compaction_due(history: History, written: int, held: int) -> bool:
    """Whether to compact now, with ``written`` source graphs written since the last compaction (this
    run's included) and ``held`` source graphs in the store (see the module docstring)."""
    return history.compaction_pending() or (written > 0 and written >= COMPACT_SHARE * held)
