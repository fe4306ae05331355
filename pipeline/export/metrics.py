"""Network measures written onto the nodes of a view: degree, community and centrality.

Gephi, Cytoscape and yEd users colour by community and size by centrality at once when these are
node attributes. Every measure is deterministic: nodes are visited in sorted order, Louvain runs
with a fixed seed and floats are rounded, so two exports of the same graph are byte-identical.
Betweenness is exact up to 500 nodes and estimated from 500 seeded pivots beyond.
"""

from __future__ import annotations

import math
import random
from collections import deque

import networkx as nx

SEED = 42
DIGITS = 6
BETWEENNESS_EXACT = 500


def undirected_weighted(G: nx.MultiDiGraph) -> nx.Graph:
    """One undirected edge per linked pair, weighted by the sum of the parallel edges' weights."""
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes))
    for u, v, data in sorted(G.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("type", ""))):
        if u == v:
            continue
        a, b = min(u, v), max(u, v)
        w = float(data.get("weight", 1.0))
        if H.has_edge(a, b):
            H[a][b]["weight"] += w
        else:
            H.add_edge(a, b, weight=w)
    return H


def communities(H: nx.Graph, seed: int = SEED) -> dict[str, int]:
    """Louvain communities numbered by size (0 = largest), ties broken by the smallest node id."""
    if H.number_of_edges() == 0:
        groups = [{n} for n in H.nodes]
    else:
        groups = nx.community.louvain_communities(H, weight="weight", seed=seed)
    ordered = sorted(groups, key=lambda g: (-len(g), min(g)))
    return {n: i for i, group in enumerate(ordered) for n in group}


def betweenness(H: nx.Graph, k: int | None = None, seed: int = SEED) -> dict[str, float]:
    """Normalised unweighted betweenness, as ``nx.betweenness_centrality(H, k, normalized=True, seed=seed)``
    computes it (networkx 3.6): exact, or from ``k`` pivots drawn with ``random.Random(seed)``.

    The same Brandes algorithm, visiting sources and neighbours in the same order so every float is
    the same, but over integer-indexed lists instead of networkx's adjacency views, which made it
    the slowest step of a view."""
    nodes = list(H)
    index = {v: i for i, v in enumerate(nodes)}
    adjacency = [[index[w] for w in H[v]] for v in nodes]
    n = len(nodes)
    k = None if k == n else k  # every node a pivot: exact
    pivots = range(n) if k is None else [index[v] for v in random.Random(seed).sample(nodes, k)]
    betweenness = [0.0] * n
    for s in pivots:
        order, preds, sigma, dist = [], [[] for _ in range(n)], [0.0] * n, [-1] * n
        sigma[s], dist[s] = 1.0, 0
        queue = deque([s])
        while queue:
            v = queue.popleft()
            order.append(v)
            dv, sigmav = dist[v] + 1, sigma[v]
            for w in adjacency[v]:
                if dist[w] < 0:
                    queue.append(w)
                    dist[w] = dv
                if dist[w] == dv:
                    sigma[w] += sigmav
                    preds[w].append(v)
        delta = [0] * n
        while order:
            w = order.pop()
            coeff = (1 + delta[w]) / sigma[w]
            for v in preds[w]:
                delta[v] += sigma[v] * coeff
            if w != s:
                betweenness[w] += delta[w]
    if n > 2 and k is None:  # pairs (s, t), s != t, that could pass through v
        scale = 1 / ((n - 1) * (n - 2))
        betweenness = [b * scale for b in betweenness]
    elif n > 2:  # a pivot is never its own target: it saw one pair fewer
        sampled = set(pivots)
        source_scale = 1 / ((k - 1) * (n - 2)) if k > 1 else math.nan
        other_scale = 1 / (k * (n - 2))
        betweenness = [b * (source_scale if i in sampled else other_scale) for i, b in enumerate(betweenness)]
    return dict(zip(nodes, betweenness, strict=True))


def exact_betweenness(H: nx.Graph) -> dict[str, float]:
    return betweenness(H)


def pagerank(H: nx.Graph, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 200) -> dict[str, float]:
    """Weighted PageRank by power iteration (pure Python, so no SciPy is needed)."""
    nodes = list(H.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    strength = {u: sum(d["weight"] for d in H[u].values()) for u in nodes}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in nodes if strength[u] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u in nodes:
            if strength[u]:
                share = alpha * rank[u] / strength[u]
                for v, d in H[u].items():
                    new[v] += share * d["weight"]
        if sum(abs(new[u] - rank[u]) for u in nodes) < n * tol:
            rank = new
            break
        rank = new
    return rank


def annotate(G: nx.MultiDiGraph, seed: int = SEED) -> None:
    """Set degree, weighted_degree, community, betweenness and pagerank on every node of ``G``."""
    H = undirected_weighted(G)
    community = communities(H, seed)
    # exact up to BETWEENNESS_EXACT nodes; beyond, estimated from that many seeded pivots (O(kE), not O(VE))
    k = None if H.number_of_nodes() <= BETWEENNESS_EXACT else BETWEENNESS_EXACT
    between = betweenness(H, k, seed)
    rank = pagerank(H)
    for node in G.nodes:
        attrs = G.nodes[node]
        attrs["degree"] = H.degree(node)
        attrs["weighted_degree"] = round(H.degree(node, weight="weight"), DIGITS)
        attrs["community"] = community[node]
        attrs["betweenness"] = round(between[node], DIGITS)
        attrs["pagerank"] = round(rank[node], DIGITS)
