"""A deterministic force layout, and static SVG/PNG drawings of a view for reports.

The layout (Fruchterman–Reingold with a little gravity, so separate components stay in view) runs
from a seeded start and rounds its result, so the same graph always gets the same picture. It also
gives Gephi (GEXF), Cytoscape (cyjs) and the interactive page their starting positions.
"""

from __future__ import annotations

import io
import math

import networkx as nx

from ..errors import ExportError
from . import style
from .metrics import undirected_weighted

SEED = 7
LABEL_LIMIT = 40  # label at most this many nodes in a drawing: the most central ones


def layout(G: nx.MultiDiGraph, seed: int = SEED, iterations: int | None = None) -> dict[str, tuple[float, float]]:
    """Node positions in [-1, 1]², the same for the same graph on every run."""
    import numpy as np

    nodes = list(G.nodes)
    n = len(nodes)
    if n <= 1:
        return {node: (0.0, 0.0) for node in nodes}
    index = {node: i for i, node in enumerate(nodes)}
    A = np.zeros((n, n), dtype=np.float32)
    for u, v, d in undirected_weighted(G).edges(data=True):
        A[index[u], index[v]] = A[index[v], index[u]] = 1.0 + math.log1p(d["weight"])
    pos = (np.random.default_rng(seed).random((n, 2)) * 2.0 - 1.0).astype(np.float32)
    k = np.float32(1.6 / math.sqrt(n))
    iterations = iterations or (300 if n < 400 else 150 if n < 1500 else 80)
    temperature = 0.15
    gravity = np.float32(0.08 * math.sqrt(n))
    for _ in range(iterations):
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        dist2 = np.maximum(dx * dx + dy * dy, np.float32(1e-4))
        force = (k * k) / dist2 - A * np.sqrt(dist2) / k  # repulsion minus attraction, per pair
        disp = np.stack(((dx * force).sum(axis=1), (dy * force).sum(axis=1)), axis=1) - gravity * pos
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1)), np.float32(1e-9))
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature = max(temperature * 0.985, 0.002)
    pos = pos.astype(np.float64)
    pos -= pos.mean(axis=0)
    scale = np.abs(pos).max() or 1.0
    pos /= scale
    return {node: (round(float(x), 4), round(float(y), 4)) for node, (x, y) in zip(nodes, pos, strict=True)}


def _labelled(G: nx.MultiDiGraph) -> list[str]:
    ranked = sorted(G.nodes, key=lambda n: (-G.nodes[n]["pagerank"], -G.nodes[n]["mention_count"], n))
    return sorted(ranked[:LABEL_LIMIT])


def draw(G: nx.MultiDiGraph, fmt: str) -> bytes:
    """The view drawn as ``fmt`` ("svg" or "png"): nodes coloured by type and sized by mentions."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.collections import LineCollection
        from matplotlib.lines import Line2D
    except ImportError as exc:
        raise ExportError("SVG and PNG drawings need matplotlib", hint="pip install matplotlib",
                          subject=fmt) from exc
    pos = layout(G)
    nodes = list(G.nodes)
    with matplotlib.rc_context({"svg.hashsalt": "naravard", "svg.fonttype": "none",
                                "font.family": "DejaVu Sans"}):
        fig, ax = plt.subplots(figsize=(12, 9))
        try:
            segments = [(pos[u], pos[v]) for u, v in G.edges()]
            widths = [0.6 + math.log1p(d["weight"]) for _, _, d in G.edges(data=True)]
            if segments:
                lines = LineCollection(segments, colors="#00000033", linewidths=widths, zorder=1)
                lines.set_gid("edges")
                ax.add_collection(lines)
            dots = ax.scatter([pos[n][0] for n in nodes], [pos[n][1] for n in nodes],
                              s=[style.node_size(G.nodes[n]["mention_count"], 4.0, 3.0) ** 2 for n in nodes],
                              c=[style.colour(G.nodes[n]["type"]) for n in nodes],
                              edgecolors="white", linewidths=0.8, zorder=2)
            dots.set_gid("nodes")
            backdrop = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75}
            for n in _labelled(G):
                label = str(G.nodes[n]["label"])
                label = label if len(label) <= 40 else label[:39] + "…"
                t = ax.annotate(label, pos[n], xytext=(0, 7), textcoords="offset points", ha="center",
                                fontsize=8, zorder=3, bbox=backdrop)
                t.set_gid(f"label-{n}")
            types = style.type_order({G.nodes[n]["type"] for n in nodes})
            handles = [Line2D([], [], marker="o", linestyle="", markersize=8, color=style.colour(t),
                              label=style.type_name(t)) for t in types]
            if handles:
                ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=9)
            ax.set_title(f"{G.graph.get('view', '')}: {G.number_of_nodes()} noder, {G.number_of_edges()} kanter",
                         fontsize=11, loc="left")
            ax.set_xlim(-1.15, 1.15)
            ax.set_ylim(-1.15, 1.15)
            ax.set_axis_off()
            buffer = io.BytesIO()
            metadata = {"Date": None} if fmt == "svg" else {"Software": None}
            fig.savefig(buffer, format=fmt, dpi=150, bbox_inches="tight", metadata=metadata)
        finally:
            plt.close(fig)
    return buffer.getvalue()
