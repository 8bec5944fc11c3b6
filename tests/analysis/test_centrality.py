"""Normalized betweenness: igraph equals networkx, Padgett's Medici, seeded sampling of sources."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from commons_analysis.analysis.centrality import graph_betweenness, normalized_betweenness


def edge_arrays(graph: nx.Graph) -> tuple[int, np.ndarray, np.ndarray]:
    nodes = list(graph)
    code = {v: i for i, v in enumerate(nodes)}
    edges = np.array([(code[a], code[b]) for a, b in graph.edges], dtype=np.int64).reshape(-1, 2)
    return len(nodes), edges[:, 0], edges[:, 1]


SMALL_GRAPHS = {
    "karate": nx.karate_club_graph(),
    "florentine": nx.florentine_families_graph(),
    "les_miserables": nx.les_miserables_graph(),
    "random_disconnected": nx.gnp_random_graph(60, 0.04, seed=1),
    "star": nx.star_graph(6),
    "path": nx.path_graph(5),
}


@pytest.mark.parametrize("name", list(SMALL_GRAPHS))
def test_exact_betweenness_equals_networkx(name: str) -> None:
    graph = SMALL_GRAPHS[name]
    values, sources = graph_betweenness(graph)
    expected = nx.betweenness_centrality(graph, normalized=True)
    assert sources is None
    assert values == pytest.approx(expected, abs=1e-12)


def test_medici_normalized_betweenness() -> None:
    values, _ = graph_betweenness(nx.florentine_families_graph())
    assert round(values["Medici"], 3) == 0.522


def test_star_centre_scores_one() -> None:
    values, _ = graph_betweenness(nx.star_graph(4))
    assert values[0] == 1.0
    assert all(values[v] == 0.0 for v in range(1, 5))


def test_undefined_below_three_nodes() -> None:
    assert normalized_betweenness(2, np.array([0]), np.array([1])).values is None
    values, sources = graph_betweenness(nx.path_graph(2))
    assert values == {0: None, 1: None}
    assert sources is None


def test_duplicate_edges_and_isolates_do_not_change_values() -> None:
    base = normalized_betweenness(5, np.array([0, 1, 2]), np.array([1, 2, 3])).values
    doubled = normalized_betweenness(5, np.array([0, 1, 2, 1, 2]), np.array([1, 2, 3, 0, 1])).values
    assert base.tolist() == doubled.tolist()
    # Path 0-1-2-3 plus an isolate: node 1 lies on the ordered pairs (0,2), (0,3), (2,0), (3,0).
    assert base[1] == pytest.approx(4 / (4 * 3))


def test_sampling_every_source_gives_the_exact_value() -> None:
    graph = nx.les_miserables_graph()
    n, u, v = edge_arrays(graph)
    exact = normalized_betweenness(n, u, v).values
    sampled = normalized_betweenness(n, u, v, exact_limit=10, sample_size=n)
    assert sampled.sources == n
    assert sampled.values == pytest.approx(exact, abs=1e-12)


def test_sampled_estimate_is_the_scaled_dependency_of_the_sampled_sources() -> None:
    # Brandes & Pich 2007: Ĉ(v) = n/k · Σ_{s∈S} δ_s(v), normalized by (n − 1)(n − 2).
    graph = nx.karate_club_graph()
    n, u, v = edge_arrays(graph)
    k, seed = 8, 5
    result = normalized_betweenness(n, u, v, seed=seed, exact_limit=10, sample_size=k)
    sources = np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))
    # networkx's subset betweenness halves the sum over (s, t) pairs for undirected graphs.
    partial = nx.betweenness_centrality_subset(
        graph, sources=sources.tolist(), targets=list(graph), normalized=False
    )
    expected = [2 * partial[i] * n / k / ((n - 1) * (n - 2)) for i in range(n)]
    assert result.sources == k
    assert result.values == pytest.approx(expected, abs=1e-12)


def test_sampling_is_seeded() -> None:
    graph = nx.barabasi_albert_graph(300, 2, seed=4)
    n, u, v = edge_arrays(graph)
    first = normalized_betweenness(n, u, v, seed=1, exact_limit=100, sample_size=50)
    again = normalized_betweenness(n, u, v, seed=1, exact_limit=100, sample_size=50)
    other = normalized_betweenness(n, u, v, seed=2, exact_limit=100, sample_size=50)
    assert first.values.tolist() == again.values.tolist()
    assert first.values.tolist() != other.values.tolist()
    exact = normalized_betweenness(n, u, v).values
    # The estimate finds the same most central node of a scale-free graph.
    assert int(np.argmax(first.values)) == int(np.argmax(exact))
