"""Normalized betweenness centrality: exact for small networks, sampled for large ones.

Betweenness of ``v`` in an undirected graph with ``n`` nodes is
``C_B(v) = Σ_{s≠v≠t} σ_st(v) / σ_st`` over ordered pairs of other nodes, where
``σ_st`` counts shortest paths from ``s`` to ``t`` and ``σ_st(v)`` those
passing through ``v``; normalized, it is divided by ``(n − 1)(n − 2)``, so that
the centre of a star scores 1 (Freeman 1977; computed with Brandes' algorithm,
Brandes 2001, *A faster algorithm for betweenness centrality*, J. Math. Sociol.
25(2)). This is networkx's ``betweenness_centrality(G, normalized=True)``.

Up to :data:`EXACT_LIMIT` actors the value is exact. Above, it is estimated
from :data:`SAMPLE_SIZE` source nodes drawn at random with a seed (Brandes &
Pich 2007, *Centrality estimation in large networks*): the dependencies of the
sampled sources are summed and scaled by ``n / k``. The result says how many
sources were used, so that reports can say it is an estimate.

The shortest paths are computed by igraph (compiled C), which gives the same
values as networkx (checked in ``tests/analysis/test_centrality.py``) in a fraction of
the time: networkx's sampled betweenness takes minutes on 100,000 actors.

Example
-------
>>> import numpy as np
>>> star = normalized_betweenness(4, np.array([0, 0, 0]), np.array([1, 2, 3]))
>>> star.values.tolist(), star.sources
([1.0, 0.0, 0.0, 0.0], None)
"""

from __future__ import annotations

from dataclasses import dataclass

import igraph as ig
import networkx as nx
import numpy as np

#: Up to this many actors betweenness is exact (docs/design.md §Network).
EXACT_LIMIT = 5_000
#: Number of sampled sources above :data:`EXACT_LIMIT`.
SAMPLE_SIZE = 200


@dataclass(frozen=True)
class Betweenness:
    """Normalized betweenness of nodes ``0..n-1``.

    ``values`` is ``None`` when undefined (fewer than three nodes: the
    normalization divides by zero); ``sources`` is ``None`` when exact, else
    the number of sampled sources the estimate rests on.
    """

    values: np.ndarray | None
    sources: int | None


def normalized_betweenness(
    n_nodes: int,
    u: np.ndarray,
    v: np.ndarray,
    *,
    seed: int = 0,
    exact_limit: int = EXACT_LIMIT,
    sample_size: int = SAMPLE_SIZE,
) -> Betweenness:
    """Normalized betweenness of an undirected graph given as an edge list of node codes.

    ``u[i]—v[i]`` are the edges (duplicates and self-loops are ignored).
    Exact when ``n_nodes <= exact_limit``; else estimated from ``sample_size``
    sources drawn with ``numpy.random.default_rng(seed)`` (Brandes & Pich 2007).

    >>> import numpy as np
    >>> path = normalized_betweenness(3, np.array([0, 1]), np.array([1, 2]))
    >>> path.values.tolist()
    [0.0, 1.0, 0.0]
    """
    if n_nodes < 3:
        return Betweenness(values=None, sources=None)
    graph = ig.Graph(n=n_nodes, edges=np.column_stack([u, v]).astype(np.int64))
    graph.simplify()
    scale = 2.0 / ((n_nodes - 1) * (n_nodes - 2))
    sampled = sampled_sources(n_nodes, exact_limit=exact_limit, sample_size=sample_size)
    if sampled is None:
        # igraph counts each unordered pair once: twice that is the ordered-pair sum.
        values = np.asarray(graph.betweenness(directed=False), dtype=float) * scale
        return Betweenness(values=values, sources=None)
    rng = np.random.default_rng(seed)
    sources = np.sort(rng.choice(n_nodes, size=sampled, replace=False))
    # With a source subset igraph returns half the summed dependencies (undirected).
    partial = np.asarray(graph.betweenness(directed=False, sources=sources.tolist()), dtype=float)
    values = partial * scale * n_nodes / len(sources)
    return Betweenness(values=values, sources=len(sources))


def graph_betweenness(
    graph: nx.Graph,
    *,
    seed: int = 0,
    exact_limit: int = EXACT_LIMIT,
    sample_size: int = SAMPLE_SIZE,
) -> tuple[dict[object, float | None], int | None]:
    """Normalized betweenness of every node of a networkx graph (treated as undirected).

    Returns ``(values by node, sources)`` with ``sources`` as in :class:`Betweenness`.

    >>> import networkx as nx
    >>> values, sources = graph_betweenness(nx.path_graph(["a", "b", "c"]))
    >>> values, sources
    ({'a': 0.0, 'b': 1.0, 'c': 0.0}, None)
    """
    nodes = list(graph.nodes)
    code = {node: i for i, node in enumerate(nodes)}
    edges = np.array([(code[a], code[b]) for a, b in graph.edges], dtype=np.int64).reshape(-1, 2)
    result = normalized_betweenness(
        len(nodes), edges[:, 0], edges[:, 1], seed=seed, exact_limit=exact_limit, sample_size=sample_size
    )
    if result.values is None:
        return dict.fromkeys(nodes), None
    return {node: float(value) for node, value in zip(nodes, result.values, strict=True)}, result.sources


def sampled_sources(
    n_nodes: int, *, exact_limit: int = EXACT_LIMIT, sample_size: int = SAMPLE_SIZE
) -> int | None:
    """The ``sources`` of :func:`normalized_betweenness` for ``n_nodes`` nodes, without computing it.

    None when betweenness is exact (up to ``exact_limit`` nodes) or undefined
    (fewer than three nodes); else the number of sources the estimate rests on:
    :func:`normalized_betweenness` draws this many, and a report states it.

    >>> sampled_sources(4_000), sampled_sources(12_000)
    (None, 200)
    """
    if n_nodes < 3 or n_nodes <= exact_limit:
        return None
    return min(sample_size, n_nodes)
